/* lf-toast.h — one way to show a toast from any widget
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwToast *lf_toast_show       (GtkWidget  *widget,
                               const char *text);
AdwToast *lf_toast_new        (const char *text);
AdwToast *lf_toast_new_printf (const char *format,
                               ...) G_GNUC_PRINTF (1, 2);
void      lf_toast_add        (GtkWidget  *widget,
                               AdwToast   *toast);

G_END_DECLS
