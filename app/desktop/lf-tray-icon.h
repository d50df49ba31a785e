/* lf-tray-icon.h — the tray icon's pixels and where hosts find its themed icons
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GVariant *lf_tray_icon_render_pixmaps (const char *state);
char     *lf_tray_icon_get_theme_path (void);

G_END_DECLS
