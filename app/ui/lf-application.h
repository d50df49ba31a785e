/* lf-application.h
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lf-monitor.h"
#include "lf-notifier.h"
#include "lf-tray.h"
#include "lf-types.h"
#include "lf-channel.h"
#include "lf-contact-store.h"
#include "lf-template-store.h"

G_BEGIN_DECLS

#define LF_TYPE_APPLICATION (lf_application_get_type ())

G_DECLARE_FINAL_TYPE (LfApplication, lf_application, LF, APPLICATION, AdwApplication)

LfApplication *lf_application_new          (void);
GSettings     *lf_application_get_settings (LfApplication *self);
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
LfContactStore *lf_application_get_contact_store (LfApplication *self);
SoupSession   *lf_application_get_soup_session (LfApplication   *self);
LfChannelStore *lf_application_get_channel_store (LfApplication *self);
LfTemplateStore *lf_application_get_template_store (LfApplication *self);
LfMonitor     *lf_application_get_monitor  (LfApplication      *self);
const char    *lf_application_get_catalog_problem (LfApplication *self);
gboolean       lf_application_reload_catalog (LfApplication    *self,
                                              GError          **error);

G_END_DECLS
