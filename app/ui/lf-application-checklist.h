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
#include "lf-plan.h"

G_BEGIN_DECLS

void           lf_application_checklist_startup  (LfApplication *self);
void           lf_application_checklist_shutdown (LfApplication *self);

LfPlan        *lf_application_get_plan           (LfApplication *self);
LfIncidentLog *lf_application_get_incident_log   (LfApplication *self);
LfDrill       *lf_application_get_drill          (LfApplication *self);

G_END_DECLS
