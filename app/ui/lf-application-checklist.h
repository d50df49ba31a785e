/* lf-application-checklist.h — the application's plan, incident log and fire drills
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-application.h"
#include "lf-drill.h"
#include "lf-incident-log.h"
#include "lf-notice.h"
#include "lf-plan.h"

G_BEGIN_DECLS

void           lf_application_checklist_startup  (LfApplication *self);
void           lf_application_checklist_shutdown (LfApplication *self);

LfPlan        *lf_application_get_plan           (LfApplication *self);
LfIncidentLog *lf_application_get_incident_log   (LfApplication *self);
LfDrill       *lf_application_get_drill          (LfApplication *self);
gboolean       lf_application_get_drill_running  (LfApplication *self);
LfIncident    *lf_application_find_incident      (LfApplication *self,
                                                  const char    *incident_or_platform_id);
void           lf_application_link_notice        (LfApplication *self,
                                                  const char    *notice_incident_id,
                                                  LfIncident    *incident);
void           lf_application_record_notice      (LfApplication *self,
                                                  LfNotice      *notice);

G_END_DECLS
