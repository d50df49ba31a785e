/* lf-checklist-runs.c — the Checklist page's open incidents: one group per run, with its
 * progress, elapsed time, a check row per step and its action, updated every minute
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-checklist-page"

#include "config.h"

#include "lf-checklist-page.h"
#include "lf-checklist-page-private.h"
#include "lf-markup.h"
#include "lf-datetime.h"
#include "lf-a11y.h"
#include <glib/gi18n.h>
#include <string.h>
#include "lf-drill-scenario.h"
#include "lf-incident-window.h"
#include "lf-report.h"
#include "lf-toast.h"

/* ------------------------------------------------------------------------ */
/* The runs                                                                 */
/* ------------------------------------------------------------------------ */

void
lf_checklist_page_run_view_free (gpointer data)
{
  RunView *view = data;

  g_clear_signal_handler (&view->changed_id, view->incident);
  g_clear_object (&view->incident);
  g_ptr_array_unref (view->checks);
  g_ptr_array_unref (view->rows);
  g_free (view);
}

static char *
format_clock (GDateTime *time)
{
  return lf_datetime_format (time, NULL, LF_DATE_STYLE_SHORT);
}

char *
lf_checklist_page_describe_causes (LfPlanStep *step)
{
  const char * const *causes = lf_plan_step_get_causes (step);
  g_autoptr(GString) text = g_string_new (lf_plan_phase_describe (lf_plan_step_get_phase (step)));

  for (guint i = 0; causes[i] != NULL; i++)
    {
      LfCause cause;

      if (!lf_cause_from_string (causes[i], &cause))
        continue;
      /* Translators: a plan step that applies only to some causes, e.g. "Respond · only when:
       * Your connection seems down" */
      g_string_append_printf (text, i == 0 ? _(" · only when: %s") : ", %s",
                              lf_cause_describe (cause));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A drill tells its story: the newest note of its timeline. */
static const char *
latest_note (LfIncident *incident)
{
  for (guint i = lf_incident_get_n_entries (incident); i > 0; i--)
    {
      const LfTimelineEntry *entry = lf_incident_get_entry (incident, i - 1);

      if (entry->kind == LF_TIMELINE_NOTE)
        return entry->text;
    }

  return NULL;
}

static char *
run_description (LfIncident *incident)
{
  g_autofree char *started = format_clock (lf_incident_get_started_at (incident));
  g_autofree char *elapsed = lf_report_format_duration (lf_incident_get_elapsed (incident, NULL));
  const char *note = lf_incident_get_rehearsal (incident) ? latest_note (incident) : NULL;

  if (note != NULL && lf_incident_get_status (incident) == LF_INCIDENT_OPEN)
    {
      /* Translators: start time, duration, and the drill's latest narrative line */
      return g_strdup_printf (_("Started %s · going on for %s\n%s"), started, elapsed, note);
    }

  if (lf_incident_get_status (incident) == LF_INCIDENT_ENDED)
    {
      g_autofree char *ended = format_clock (lf_incident_get_ended_at (incident));

      /* Translators: start time, recovery time, duration */
      return g_strdup_printf (_("Started %s, recovered %s after %s. Close it once you have "
                                "checked."), started, ended, elapsed);
    }

  /* Translators: start time and how long it has lasted */
  return g_strdup_printf (_("Started %s · going on for %s"), started, elapsed);
}

static const char *
action_icon (LfPlanAction action)
{
  switch (action)
    {
    case LF_PLAN_ACTION_OPEN_URL:
      return "web-browser-symbolic";
    case LF_PLAN_ACTION_OPEN_COMPOSER:
      return "mail-send-symbolic";
    case LF_PLAN_ACTION_COPY_MY_CONTACT:
      return "edit-copy-symbolic";
    case LF_PLAN_ACTION_NONE:
    default:
      return NULL;
    }
}

static const char *
action_label (LfPlanAction action)
{
  switch (action)
    {
    case LF_PLAN_ACTION_OPEN_URL:
      return _("Open the page");
    case LF_PLAN_ACTION_OPEN_COMPOSER:
      return _("Write a notice");
    case LF_PLAN_ACTION_COPY_MY_CONTACT:
      return _("Copy your contact details");
    case LF_PLAN_ACTION_NONE:
    default:
      return NULL;
    }
}

/* {status_url} is the newest vendor status link recorded in the incident's timeline. */
char *
lf_checklist_page_expand_target (LfIncident *incident,
                                 const char *target)
{
  const char *status_url = NULL;
  g_autoptr(GString) out = NULL;

  if (strchr (target, '{') == NULL)
    return g_strdup (target);

  for (guint i = lf_incident_get_n_entries (incident); i > 0 && status_url == NULL; i--)
    status_url = lf_timeline_entry_get_data (lf_incident_get_entry (incident, i - 1),
                                             LF_TIMELINE_DATA_URL);
  if (status_url == NULL)
    return NULL;

  out = g_string_new (target);
  g_string_replace (out, "{status_url}", status_url, 0);
  g_string_replace (out, "{provider_status_url}", status_url, 0);
  if (strchr (out->str, '{') != NULL)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- Runs ---- */

static void
update_run (RunView *view)
{
  LfIncident *incident = view->incident;
  g_autofree char *description = run_description (incident);
  g_autofree char *fraction = NULL;
  guint n = lf_incident_get_n_steps (incident);

  view->page->updating = TRUE;

  /* Plain text (a note the user typed): the one helper makes it the markup the group reads. */
  lf_markup_set_description (ADW_PREFERENCES_GROUP (view->group), description);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (view->progress),
                                 lf_incident_get_progress (incident));
  /* Translators: progress of a checklist */
  fraction = g_strdup_printf (_("%u of %u steps done"), lf_incident_get_n_done (incident), n);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (view->progress), fraction);

  for (guint i = 0; i < n && i < view->checks->len; i++)
    {
      const LfRunStep *step = lf_incident_get_step (incident, i);
      GtkWidget *row = g_ptr_array_index (view->rows, i);
      g_autofree char *subtitle = NULL;

      gtk_check_button_set_active (g_ptr_array_index (view->checks, i), step->done_at != NULL);
      if (step->done_at != NULL)
        {
          g_autofree char *when = format_clock (step->done_at);

          /* Translators: when a checklist step was ticked */
          subtitle = g_strdup_printf (_("Done at %s"), when);
        }
      else
        subtitle = g_strdup (step->detail != NULL ? step->detail : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }

  if (lf_incident_get_status (incident) == LF_INCIDENT_ENDED)
    gtk_widget_add_css_class (view->close_button, "suggested-action");
  else
    gtk_widget_remove_css_class (view->close_button, "suggested-action");

  view->page->updating = FALSE;
}

static void
on_run_incident_changed_cb (LfIncident *incident,
                            RunView    *view)
{
  update_run (view);
}

static void
on_step_check_toggled_cb (GtkCheckButton *check,
                          RunView        *view)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "step-index"));

  if (view->page->updating)
    return;

  lf_incident_log_set_step_done (view->page->log, view->incident, index,
                                 gtk_check_button_get_active (check));
}

static GtkWidget *
build_run (LfChecklistPage *self,
           LfIncident      *incident)
{
  RunView *view = g_new0 (RunView, 1);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *details = gtk_button_new_from_icon_name ("document-send-symbolic");
  const char *id = lf_incident_get_id (incident);

  view->page = self;
  view->incident = g_object_ref (incident);
  view->checks = g_ptr_array_new ();
  view->rows = g_ptr_array_new ();
  view->group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (view->group),
                                   lf_incident_get_title (incident));
  gtk_widget_set_valign (header, GTK_ALIGN_CENTER);
  if (lf_incident_get_rehearsal (incident))
    {
      /* Translators: a tag on a checklist that belongs to a fire drill */
      GtkWidget *tag = gtk_label_new (_("DRILL"));

      gtk_widget_add_css_class (tag, "warning");
      gtk_widget_add_css_class (tag, "heading");
      gtk_widget_set_tooltip_text (tag, _("A rehearsal: nothing reaches your clients"));
      gtk_box_append (GTK_BOX (header), tag);
    }

  gtk_widget_set_tooltip_text (details, _("Timeline and Report"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (details), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show the timeline and export the report"), -1);
  gtk_widget_add_css_class (details, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (details), "checklist.show-incident");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (details), "s", id);
  gtk_box_append (GTK_BOX (header), details);

  view->close_button = gtk_button_new_with_mnemonic (_("_Close"));
  gtk_widget_set_tooltip_text (view->close_button, _("Close Incident"));
  lf_a11y_set_label (view->close_button, _("Close the incident"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (view->close_button), "checklist.close-incident");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (view->close_button), "s", id);
  gtk_box_append (GTK_BOX (header), view->close_button);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (view->group), header);

  view->progress = gtk_progress_bar_new ();
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (view->progress), TRUE);
  gtk_widget_set_margin_bottom (view->progress, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view->progress), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Checklist progress"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (view->group), view->progress);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Checklist steps"), -1);
  for (guint i = 0; i < lf_incident_get_n_steps (incident); i++)
    {
      const LfRunStep *step = lf_incident_get_step (incident, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      const char *icon = action_icon (step->action);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), step->title);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);   /* step details in full */
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (check), "step-index", GUINT_TO_POINTER (i));
      g_signal_connect (check, "toggled", G_CALLBACK (on_step_check_toggled_cb), view);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      lf_a11y_set_label (check, step->title);

      if (icon != NULL)
        {
          GtkWidget *button = gtk_button_new_from_icon_name (icon);
          g_autofree char *target = g_strdup_printf ("%s/%u", id, i);
          /* Translators: a step's button, read by screen readers: "Write a notice:
           * Send the all-clear" (the action, then the step it belongs to) */
          g_autofree char *name = g_strdup_printf (_("%s: %s"), action_label (step->action),
                                                   step->title);

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          gtk_widget_set_tooltip_text (button, action_label (step->action));
          lf_a11y_set_label (button, name);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "checklist.step-action");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }

      g_ptr_array_add (view->checks, check);
      g_ptr_array_add (view->rows, row);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (view->group), list);

  view->changed_id = g_signal_connect (incident, "changed",
                                       G_CALLBACK (on_run_incident_changed_cb), view);
  g_hash_table_replace (self->runs, g_strdup (id), view);
  update_run (view);

  return view->group;
}

void
lf_checklist_page_rebuild_runs (LfChecklistPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) order = NULL;
  GtkWidget *child;
  guint n = self->log != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->log)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LfIncident) incident = g_list_model_get_item (G_LIST_MODEL (self->log), i);

      if (lf_incident_is_open (incident))
        g_strv_builder_add (builder, lf_incident_get_id (incident));
    }
  order = g_strv_builder_end (builder);

  gtk_widget_set_visible (self->calm_box, order[0] == NULL);

  /* Same runs as shown: nothing to rebuild (keeps focus and scroll position). */
  if (self->run_order != NULL && g_strv_equal ((const char * const *) order,
                                               (const char * const *) self->run_order))
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->runs_box))) != NULL)
    gtk_box_remove (self->runs_box, child);
  g_hash_table_remove_all (self->runs);

  for (guint i = 0; order[i] != NULL; i++)
    gtk_box_append (self->runs_box, build_run (self, lf_incident_log_lookup (self->log, order[i])));

  g_strfreev (self->run_order);
  self->run_order = g_steal_pointer (&order);
}

gboolean
lf_checklist_page_on_tick_cb (gpointer user_data)
{
  LfChecklistPage *self = user_data;
  GHashTableIter iter;
  gpointer view;

  g_hash_table_iter_init (&iter, self->runs);
  while (g_hash_table_iter_next (&iter, NULL, &view))
    update_run (view);

  return G_SOURCE_CONTINUE;
}
