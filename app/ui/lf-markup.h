/* lf-markup.h — the one place where plain text becomes Pango markup
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

char     *lf_markup_escape          (const char          *text,
                                     gssize               length);
char     *lf_markup_printf          (const char          *format,
                                     ...) G_GNUC_PRINTF (1, 2);
char     *lf_markup_vprintf         (const char          *format,
                                     va_list              args) G_GNUC_PRINTF (1, 0);
void      lf_markup_set_description (AdwPreferencesGroup *group,
                                     const char          *text);

G_END_DECLS
