/* lf-window.h
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lf-context.h"
#include "lf-health-page.h"
#include "lf-notices-page.h"

G_BEGIN_DECLS

#define LF_TYPE_WINDOW (lf_window_get_type ())

G_DECLARE_FINAL_TYPE (LfWindow, lf_window, LF, WINDOW, AdwApplicationWindow)

LfWindow   *lf_window_new             (GtkApplication *application,
                                       LfContext      *context,
                                       GSettings      *settings);
void        lf_window_show_page       (LfWindow      *self,
                                       const char    *name);
const char *lf_window_get_visible_page (LfWindow     *self);
void        lf_window_add_toast       (LfWindow      *self,
                                       AdwToast      *toast);
LfHealthPage *lf_window_get_health_page (LfWindow    *self);
LfNoticesPage *lf_window_get_notices_page (LfWindow  *self);
GtkWidget  *lf_window_get_checklist_page (LfWindow   *self);

G_END_DECLS
