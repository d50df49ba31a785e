/* lf-checklist-page-private.h — what lf-checklist-page.c (the page, the plan, the log, the
 * dialogs), lf-checklist-runs.c (the open incidents' runs) and lf-checklist-plan.c (the
 * plan's rows and its step editor) share
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-checklist-page.h"

G_BEGIN_DECLS

struct _LfChecklistPage
{
  AdwBin              parent_instance;

  LfPlan             *plan;
  LfIncidentLog      *log;
  GtkFilterListModel *past;
  GHashTable         *runs;        /* incident id → RunView */
  char              **run_order;   /* ids of the runs shown, in order */
  guint               tick_id;
  gboolean            updating;

  /* Template widgets */
  GtkRevealer        *message_revealer;
  GtkLabel           *message_label;
  GtkWidget          *calm_box;
  GtkBox             *runs_box;
  GtkMenuButton      *drill_button;
  GtkListBox         *plan_list;
  GtkListBox         *log_list;
};

typedef struct
{
  LfChecklistPage *page;
  LfIncident      *incident;
  GtkWidget       *group;
  GtkWidget       *progress;
  GPtrArray       *checks;  /* GtkCheckButton, one per step */
  GPtrArray       *rows;    /* AdwActionRow, one per step */
  GtkWidget       *close_button;
  gulong           changed_id;
} RunView;

/* lf-checklist-runs.c */
char      *lf_checklist_page_describe_causes  (LfPlanStep      *step);
char      *lf_checklist_page_expand_target    (LfIncident      *incident,
                                               const char      *target);
gboolean   lf_checklist_page_on_tick_cb       (gpointer         user_data);
void       lf_checklist_page_rebuild_runs     (LfChecklistPage *self);
void       lf_checklist_page_run_view_free    (gpointer         data);

/* lf-checklist-plan.c */
GtkWidget *lf_checklist_page_create_plan_row  (gpointer         item,
                                               gpointer         user_data);
void       lf_checklist_page_focus_step       (LfChecklistPage *self,
                                               const char      *id);
void       lf_checklist_page_show_step_dialog (LfChecklistPage *self,
                                               LfPlanStep      *step);

G_END_DECLS
