/* lf-application.h
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lf-context.h"
#include "lf-notifier.h"
#include "lf-tray.h"
#include "lf-types.h"

G_BEGIN_DECLS

#define LF_TYPE_APPLICATION (lf_application_get_type ())

G_DECLARE_FINAL_TYPE (LfApplication, lf_application, LF, APPLICATION, AdwApplication)

LfApplication *lf_application_new          (void);
LfApplication *lf_application_new_window   (void);
gboolean       lf_application_get_window_only (LfApplication   *self);
gboolean       lf_application_get_tray_host_present (LfApplication *self);
LfContext     *lf_application_get_context  (LfApplication      *self);
GSettings     *lf_application_get_settings (LfApplication      *self);
void           lf_application_check_now    (LfApplication      *self);
void           lf_application_update_health (LfApplication     *self,
                                             LfState            overall,
                                             LfDiagnosisKind    kind,
                                             const char        *title,
                                             const char        *description,
                                             const char * const *problem_lines);
LfTray        *lf_application_get_tray     (LfApplication      *self);
LfNotifier    *lf_application_get_notifier (LfApplication      *self);
gboolean       lf_application_get_held_for_background (LfApplication *self);

G_END_DECLS
