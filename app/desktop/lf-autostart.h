/* lf-autostart.h
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *lf_autostart_get_path    (void);
char     *lf_autostart_build_entry (const char  *executable);
gboolean  lf_autostart_set_enabled (gboolean     enabled,
                                    GError     **error);
gboolean  lf_autostart_is_enabled  (void);

G_END_DECLS
