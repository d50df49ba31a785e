/* lf-health-page.h — the Health page: diagnosis, one row per platform, details, onboarding
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lf-incident-log.h"
#include "lf-monitor.h"
#include "lf-platform-picker.h"
#include "lf-platform-row.h"

G_BEGIN_DECLS

#define LF_TYPE_HEALTH_PAGE (lf_health_page_get_type ())

G_DECLARE_FINAL_TYPE (LfHealthPage, lf_health_page, LF, HEALTH_PAGE, AdwBin)

GtkWidget        *lf_health_page_new              (void);
LfMonitor        *lf_health_page_get_monitor      (LfHealthPage *self);
GtkWidget        *lf_health_page_get_providers_view (LfHealthPage *self);
void              lf_health_page_set_monitor      (LfHealthPage *self,
                                                   LfMonitor    *monitor);
void              lf_health_page_set_drill        (LfHealthPage *self,
                                                   gboolean      drill);
void              lf_health_page_set_settings     (LfHealthPage *self,
                                                   GSettings    *settings);
gboolean          lf_health_page_show_platform    (LfHealthPage *self,
                                                   const char   *platform_id);
void              lf_health_page_show_overview    (LfHealthPage *self);
const char       *lf_health_page_get_view         (LfHealthPage *self);
const char       *lf_health_page_get_banner_text  (LfHealthPage *self);
const char       *lf_health_page_get_last_checked_text (LfHealthPage *self);
guint             lf_health_page_get_n_rows       (LfHealthPage *self);
LfPlatformRow    *lf_health_page_get_row          (LfHealthPage *self,
                                                   guint         position);
LfPlatformPicker *lf_health_page_get_picker       (LfHealthPage *self);
void              lf_health_page_set_incident_log (LfHealthPage  *self,
                                                   LfIncidentLog *log);
const char       *lf_health_page_get_banner_action (LfHealthPage *self,
                                                    guint         index,
                                                    const char  **label);
const char       *lf_health_page_get_banner_style (LfHealthPage *self);
void              lf_health_page_refresh          (LfHealthPage *self);

G_END_DECLS
