/* lf-checklist-page.h — the open runs, the plan and the incident log
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lf-incident-log.h"
#include "lf-plan.h"

G_BEGIN_DECLS

#define LF_TYPE_CHECKLIST_PAGE (lf_checklist_page_get_type ())

G_DECLARE_FINAL_TYPE (LfChecklistPage, lf_checklist_page, LF, CHECKLIST_PAGE, AdwBin)

GtkWidget     *lf_checklist_page_new              (void);
void           lf_checklist_page_set_models       (LfChecklistPage *self,
                                                   LfPlan          *plan,
                                                   LfIncidentLog   *log);
LfPlan        *lf_checklist_page_get_plan         (LfChecklistPage *self);
LfIncidentLog *lf_checklist_page_get_incident_log (LfChecklistPage *self);

G_END_DECLS
