/* lf-checklist-page.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-checklist-page"

#include "config.h"

#include "lf-checklist-page.h"

#include <glib/gi18n.h>
#include <string.h>
#include "lf-a11y.h"
#include "lf-datetime.h"

#include "lf-drill-scenario.h"
#include "lf-incident-window.h"
#include "lf-report.h"
#include "lf-toast.h"

/* The Checklist page, top to bottom: the open incidents' runs (progress, elapsed time, steps
 * to tick, Close), the Start Incident / Run a Drill buttons, the plan (add, edit, reorder by
 * drag and drop or Alt+↑/↓, remove with undo, reset), and the past incidents (each opens an
 * LfIncidentWindow with its timeline and Export).
 *
 * The runs are built by hand (one AdwPreferencesGroup per open incident) and updated in place
 * when their incident changes, so ticking a step never loses keyboard focus. They are rebuilt
 * only when the set of open incidents changes. The plan and the past incidents are list boxes
 * bound to the models.
 */

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

G_DEFINE_FINAL_TYPE (LfChecklistPage, lf_checklist_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PLAN,
  PROP_INCIDENT_LOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static void rebuild_runs (LfChecklistPage *self);

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
run_view_free (gpointer data)
{
  RunView *view = data;

  g_clear_signal_handler (&view->changed_id, view->incident);
  g_clear_object (&view->incident);
  g_ptr_array_unref (view->checks);
  g_ptr_array_unref (view->rows);
  g_free (view);
}

static void
add_toast (LfChecklistPage *self,
           AdwToast        *toast)
{
  lf_toast_add (GTK_WIDGET (self), toast);
}

static void
show_message (LfChecklistPage *self,
              const char      *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 0);
  add_toast (self, toast);
}

/* Problems reading the saved files stay on the page until dismissed. */
static void
show_banner (LfChecklistPage *self,
             const char      *text)
{
  const char *shown = gtk_label_get_text (self->message_label);
  g_autofree char *joined = NULL;

  if (gtk_revealer_get_reveal_child (self->message_revealer) && shown[0] != '\0')
    text = joined = g_strconcat (shown, "\n", text, NULL);

  gtk_label_set_text (self->message_label, text);
  gtk_revealer_set_reveal_child (self->message_revealer, TRUE);
}

static char *
escape (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}

static char *
format_clock (GDateTime *time)
{
  return lf_datetime_format (time, NULL, LF_DATE_STYLE_SHORT);
}

static char *
describe_causes (LfPlanStep *step)
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
  const char *note = lf_incident_get_drill (incident) ? latest_note (incident) : NULL;

  if (note != NULL && lf_incident_get_status (incident) == LF_INCIDENT_OPEN)
    {
      /* The group description is markup; a note the user typed is not. */
      g_autofree char *escaped = escape (note);

      /* Translators: start time, duration, and the drill's latest narrative line */
      return g_strdup_printf (_("Started %s · going on for %s\n%s"), started, elapsed, escaped);
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
static char *
expand_target (LfIncident *incident,
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

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (view->group), description);
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
        subtitle = escape (step->detail);
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
  if (lf_incident_get_drill (incident))
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
      g_autofree char *title = escape (step->title);
      const char *icon = action_icon (step->action);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
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

static void
rebuild_runs (LfChecklistPage *self)
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

static gboolean
on_tick_cb (gpointer user_data)
{
  LfChecklistPage *self = user_data;
  GHashTableIter iter;
  gpointer view;

  g_hash_table_iter_init (&iter, self->runs);
  while (g_hash_table_iter_next (&iter, NULL, &view))
    update_run (view);

  return G_SOURCE_CONTINUE;
}

/* The drills Lifeline ships, by title, each starting app.start-drill. */
static GMenuModel *
drill_menu (void)
{
  GMenu *menu = g_menu_new ();
  g_auto(GStrv) ids = lf_drill_scenario_list ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(LfDrillScenario) scenario = lf_drill_scenario_load (ids[i], NULL);
      g_autoptr(GMenuItem) item = NULL;

      if (scenario == NULL)
        continue;
      item = g_menu_item_new (lf_drill_scenario_get_title (scenario), NULL);
      g_menu_item_set_action_and_target_value (item, "app.start-drill",
                                               g_variant_new_string (ids[i]));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

/* ---- Plan rows ---- */

static GMenuModel *
step_menu (const char *id)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  struct { const char *label; const char *action; } items[] = {
    { N_("_Edit…"), "checklist.edit-step" },
    { N_("Move _Up"), "checklist.move-step-up" },
    { N_("Move _Down"), "checklist.move-step-down" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_string (id));
      g_menu_append_item (menu, item);
    }
  {
    g_autoptr(GMenuItem) item = g_menu_item_new (_("_Remove"), NULL);

    g_menu_item_set_action_and_target_value (item, "checklist.remove-step",
                                             g_variant_new_string (id));
    g_menu_append_item (section, item);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  return G_MENU_MODEL (menu);
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    GtkWidget     *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "step-id");

  return gdk_content_provider_new_typed (G_TYPE_STRING, id);
}

static void
on_drag_begin_cb (GtkDragSource *source,
                  GdkDrag       *drag,
                  GtkWidget     *row)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            GtkWidget     *row)
{
  LfChecklistPage *self = LF_CHECKLIST_PAGE (gtk_widget_get_ancestor (row,
                                                                      LF_TYPE_CHECKLIST_PAGE));
  const char *id = g_value_get_string (value);
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  if (self == NULL || id == NULL || index < 0)
    return FALSE;

  return lf_plan_move (self->plan, id, index);
}

static GtkWidget *
create_plan_row (gpointer item,
                 gpointer user_data)
{
  LfPlanStep *step = item;
  const char *id = lf_plan_step_get_id (step);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GMenuModel) menu = step_menu (id);
  g_autofree char *title = escape (lf_plan_step_get_title (step));
  g_autofree char *causes = describe_causes (step);
  g_autofree char *subtitle = escape (causes);
  g_autofree char *menu_label = NULL;
  GtkDragSource *drag = gtk_drag_source_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  struct { const char *trigger; const char *action; } keys[] = {
    { "<Alt>Up", "checklist.move-step-up" },
    { "<Alt>Down", "checklist.move-step-down" },
    { "Delete", "checklist.remove-step" },
  };

  g_object_set_data_full (G_OBJECT (row), "step-id", g_strdup (id), g_free);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (handle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Drag to reorder"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), handle);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), menu);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_tooltip_text (menu_button, _("Step Options"));
  /* Translators: the options button of a plan step; %s is the step, e.g. "Send the all-clear" */
  menu_label = g_strdup_printf (_("Edit, move or remove “%s”"), lf_plan_step_get_title (step));
  lf_a11y_set_label (menu_button, menu_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu_button);

  /* Enter edits; the keyboard reorders and removes. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "checklist.edit-step");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", id);
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_LOCAL);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new_with_arguments (
                                            gtk_shortcut_trigger_parse_string (keys[i].trigger),
                                            gtk_named_action_new (keys[i].action),
                                            "s", id));
  gtk_widget_add_controller (row, shortcuts);

  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare_cb), row);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));

  return row;
}

static void
focus_step (LfChecklistPage *self,
            const char      *id)
{
  guint position;
  GtkListBoxRow *row;

  if (lf_plan_find (self->plan, id, &position) == NULL)
    return;

  row = gtk_list_box_get_row_at_index (self->plan_list, position);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* ---- Past incidents ---- */

static gboolean
is_past (gpointer item,
         gpointer user_data)
{
  return !lf_incident_is_open (item);
}

static GtkWidget *
create_log_row (gpointer item,
                gpointer user_data)
{
  LfIncident *incident = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *date = lf_datetime_format (lf_incident_get_started_at (incident), NULL,
                                              LF_DATE_STYLE_SHORT);
  g_autofree char *duration = lf_report_format_duration (lf_incident_get_elapsed (incident, NULL));
  g_autofree char *title = escape (lf_incident_get_title (incident));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", g_strstrip (date), duration);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "checklist.show-incident");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", lf_incident_get_id (incident));

  return row;
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
on_log_items_changed_cb (GListModel      *model,
                         guint            position,
                         guint            removed,
                         guint            added,
                         LfChecklistPage *self)
{
  GtkFilter *filter = gtk_filter_list_model_get_filter (self->past);

  gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
  rebuild_runs (self);
}

static void
on_log_n_open_cb (LfIncidentLog   *log,
                  GParamSpec      *pspec,
                  LfChecklistPage *self)
{
  on_log_items_changed_cb (NULL, 0, 0, 0, self);
}

static void
on_plan_load_message_cb (LfPlan          *plan,
                         GParamSpec      *pspec,
                         LfChecklistPage *self)
{
  if (lf_plan_get_load_message (plan) == NULL)
    return;

  show_banner (self, lf_plan_get_load_message (plan));
  lf_plan_clear_load_message (plan);
}

static void
on_log_load_message_cb (LfIncidentLog   *log,
                        GParamSpec      *pspec,
                        LfChecklistPage *self)
{
  if (lf_incident_log_get_load_message (log) == NULL)
    return;

  show_banner (self, lf_incident_log_get_load_message (log));
  lf_incident_log_clear_load_message (log);
}

static void
on_undo_remove_cb (AdwToast *toast,
                   gpointer  user_data)
{
  LfChecklistPage *self = g_object_get_data (G_OBJECT (toast), "page");
  LfPlanStep *step = g_object_get_data (G_OBJECT (toast), "step");
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toast), "position"));

  if (self == NULL || self->plan == NULL || lf_plan_find (self->plan, lf_plan_step_get_id (step),
                                                          NULL) != NULL)
    return;

  lf_plan_add (self->plan, step, position);
  focus_step (self, lf_plan_step_get_id (step));
}

/* ---- Step editor ---- */

static const LfCause editable_causes[] = {
  LF_CAUSE_NETWORK,
  LF_CAUSE_BLOCKED,
  LF_CAUSE_CDN_EDGE,
  LF_CAUSE_ORIGIN_VIA_CDN,
  LF_CAUSE_HTTP_ERROR,
  LF_CAUSE_STATUS_PAGE,
  LF_CAUSE_TIMEOUT,
  LF_CAUSE_DNS,
  LF_CAUSE_SLOW,
};

static void
on_title_changed_cb (GtkEditable      *editable,
                     AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  adw_message_dialog_set_response_enabled (dialog, "save", text[0] != '\0');
}

static void
on_step_dialog_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            LfChecklistPage  *self)
{
  LfPlanStep *old = g_object_get_data (G_OBJECT (dialog), "step");
  GtkEditable *title_row = g_object_get_data (G_OBJECT (dialog), "title");
  GtkEditable *detail_row = g_object_get_data (G_OBJECT (dialog), "detail");
  GtkEditable *link_row = g_object_get_data (G_OBJECT (dialog), "link");
  AdwComboRow *phase_row = g_object_get_data (G_OBJECT (dialog), "phase");
  AdwComboRow *cause_row = g_object_get_data (G_OBJECT (dialog), "cause");
  g_autofree char *title = NULL;
  g_autofree char *link = NULL;
  g_autoptr(LfPlanStep) step = NULL;
  g_autoptr(GStrvBuilder) causes = g_strv_builder_new ();
  g_auto(GStrv) causes_strv = NULL;
  LfPlanAction action = LF_PLAN_ACTION_NONE;
  guint cause_index;

  if (!g_str_equal (response, "save") || self->plan == NULL)
    return;

  title = g_strstrip (g_strdup (gtk_editable_get_text (title_row)));
  link = g_strstrip (g_strdup (gtk_editable_get_text (link_row)));
  if (title[0] == '\0')
    return;

  cause_index = adw_combo_row_get_selected (cause_row);
  if (cause_index == G_N_ELEMENTS (editable_causes) + 1 && old != NULL)
    g_strv_builder_addv (causes, (const char **) lf_plan_step_get_causes (old));
  else if (cause_index > 0 && cause_index <= G_N_ELEMENTS (editable_causes))
    g_strv_builder_add (causes, lf_cause_to_string (editable_causes[cause_index - 1]));
  causes_strv = g_strv_builder_end (causes);

  if (link[0] != '\0')
    action = LF_PLAN_ACTION_OPEN_URL;
  else if (old != NULL && lf_plan_step_get_action (old) != LF_PLAN_ACTION_OPEN_URL)
    action = lf_plan_step_get_action (old);

  step = lf_plan_step_new (old != NULL ? lf_plan_step_get_id (old) : NULL, title,
                           gtk_editable_get_text (detail_row),
                           adw_combo_row_get_selected (phase_row), action,
                           link, (const char * const *) causes_strv);
  if (old != NULL)
    lf_plan_update (self->plan, step);
  else
    lf_plan_add (self->plan, step, -1);

  focus_step (self, lf_plan_step_get_id (step));
}

static void
show_step_dialog (LfChecklistPage *self,
                  LfPlanStep      *step)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *title_row = adw_entry_row_new ();
  GtkWidget *detail_row = adw_entry_row_new ();
  GtkWidget *link_row = adw_entry_row_new ();
  GtkWidget *phase_row = adw_combo_row_new ();
  GtkWidget *cause_row = adw_combo_row_new ();
  g_autoptr(GtkStringList) phases = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) causes = gtk_string_list_new (NULL);
  const char * const *step_causes = step != NULL ? lf_plan_step_get_causes (step) : NULL;
  guint cause_selected = 0;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   step != NULL ? _("Edit Step") : _("New Step"), NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", step != NULL ? _("_Save") : _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title_row), _("What to do"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (detail_row), _("Details (optional)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (link_row), _("Link to open (optional)"));
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (title_row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (title_row),
                         step != NULL ? lf_plan_step_get_title (step) : "");
  gtk_editable_set_text (GTK_EDITABLE (detail_row),
                         step != NULL ? lf_plan_step_get_detail (step) : "");
  gtk_editable_set_text (GTK_EDITABLE (link_row),
                         step != NULL && lf_plan_step_get_action (step) == LF_PLAN_ACTION_OPEN_URL
                         ? lf_plan_step_get_action_target (step) : "");

  for (guint i = LF_PLAN_PHASE_PREPARE; i <= LF_PLAN_PHASE_RECOVER; i++)
    gtk_string_list_append (phases, lf_plan_phase_describe (i));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (phase_row), _("When"));
  adw_combo_row_set_model (ADW_COMBO_ROW (phase_row), G_LIST_MODEL (phases));
  adw_combo_row_set_selected (ADW_COMBO_ROW (phase_row),
                              step != NULL ? lf_plan_step_get_phase (step) : LF_PLAN_PHASE_RESPOND);

  gtk_string_list_append (causes, _("Every incident"));
  for (guint i = 0; i < G_N_ELEMENTS (editable_causes); i++)
    {
      gtk_string_list_append (causes, lf_cause_describe (editable_causes[i]));
      if (step_causes != NULL && step_causes[0] != NULL && step_causes[1] == NULL
          && g_str_equal (step_causes[0], lf_cause_to_string (editable_causes[i])))
        cause_selected = i + 1;
    }
  if (step_causes != NULL && step_causes[0] != NULL && cause_selected == 0)
    {
      /* Several causes (from a file): keep them unless the user picks another choice. */
      gtk_string_list_append (causes, _("As before (several causes)"));
      cause_selected = G_N_ELEMENTS (editable_causes) + 1;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (cause_row), _("Applies to"));
  adw_combo_row_set_model (ADW_COMBO_ROW (cause_row), G_LIST_MODEL (causes));
  adw_combo_row_set_selected (ADW_COMBO_ROW (cause_row), cause_selected);

  gtk_list_box_append (GTK_LIST_BOX (list), title_row);
  gtk_list_box_append (GTK_LIST_BOX (list), detail_row);
  gtk_list_box_append (GTK_LIST_BOX (list), phase_row);
  gtk_list_box_append (GTK_LIST_BOX (list), cause_row);
  gtk_list_box_append (GTK_LIST_BOX (list), link_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  if (step != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "step", g_object_ref (step), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "title", title_row);
  g_object_set_data (G_OBJECT (dialog), "detail", detail_row);
  g_object_set_data (G_OBJECT (dialog), "link", link_row);
  g_object_set_data (G_OBJECT (dialog), "phase", phase_row);
  g_object_set_data (G_OBJECT (dialog), "cause", cause_row);
  g_signal_connect (title_row, "changed", G_CALLBACK (on_title_changed_cb), dialog);
  on_title_changed_cb (GTK_EDITABLE (title_row), ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_step_dialog_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (title_row);
}

/* ---- Start incident ---- */

static const struct
{
  const char      *label;
  LfCause          cause;
  LfDiagnosisKind  kind;
} manual_causes[] = {
  { N_("A platform is down"), LF_CAUSE_HTTP_ERROR, LF_DIAGNOSIS_PLATFORM_OUTAGE },
  { N_("A provider such as Cloudflare is down"), LF_CAUSE_CDN_EDGE, LF_DIAGNOSIS_PROVIDER_OUTAGE },
  { N_("My own connection is down"), LF_CAUSE_NETWORK, LF_DIAGNOSIS_LOCAL_NETWORK },
  { N_("A bot check or rate limit blocks me"), LF_CAUSE_BLOCKED, LF_DIAGNOSIS_PLATFORM_OUTAGE },
};

static void
on_start_dialog_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             LfChecklistPage  *self)
{
  GtkEditable *title_row = g_object_get_data (G_OBJECT (dialog), "title");
  AdwComboRow *cause_row = g_object_get_data (G_OBJECT (dialog), "cause");
  g_autofree char *title = NULL;
  guint index;

  if (!g_str_equal (response, "start") || self->log == NULL)
    return;

  title = g_strstrip (g_strdup (gtk_editable_get_text (title_row)));
  index = MIN (adw_combo_row_get_selected (cause_row), G_N_ELEMENTS (manual_causes) - 1);
  lf_incident_log_open (self->log, title[0] != '\0' ? title : _("Outage"), NULL, NULL,
                        manual_causes[index].cause, manual_causes[index].kind, FALSE);
}

/* ---- Close incident / reset plan ---- */

static void
on_close_dialog_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             LfChecklistPage  *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "incident-id");
  LfIncident *incident;

  if (!g_str_equal (response, "close") || self->log == NULL)
    return;

  incident = lf_incident_log_lookup (self->log, id);
  if (incident != NULL)
    lf_incident_log_close (self->log, incident);
}

static void
on_reset_dialog_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             LfChecklistPage  *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "reset") || self->plan == NULL)
    return;

  if (!lf_plan_reset_to_default (self->plan, &error))
    show_message (self, error->message);
  else
    add_toast (self, adw_toast_new (_("The plan was reset to the default")));
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */
/* ------------------------------------------------------------------------ */

static void
dismiss_message_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LfChecklistPage *self = LF_CHECKLIST_PAGE (widget);

  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
  gtk_label_set_text (self->message_label, "");
}

static void
start_incident_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LfChecklistPage *self = LF_CHECKLIST_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *title_row = adw_entry_row_new ();
  GtkWidget *cause_row = adw_combo_row_new ();
  g_autoptr(GtkStringList) causes = gtk_string_list_new (NULL);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Start an Incident?"),
                                   _("A checklist opens with the steps of your plan that fit, "
                                     "and a timeline starts for the report."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "start", _("_Start"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "start",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "start");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title_row), _("What is happening?"));
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (title_row), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (manual_causes); i++)
    gtk_string_list_append (causes, _(manual_causes[i].label));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (cause_row), _("Cause"));
  adw_combo_row_set_model (ADW_COMBO_ROW (cause_row), G_LIST_MODEL (causes));
  gtk_list_box_append (GTK_LIST_BOX (list), title_row);
  gtk_list_box_append (GTK_LIST_BOX (list), cause_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  g_object_set_data (G_OBJECT (dialog), "title", title_row);
  g_object_set_data (G_OBJECT (dialog), "cause", cause_row);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_start_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (title_row);
}

static void
add_step_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  show_step_dialog (LF_CHECKLIST_PAGE (widget), NULL);
}

static void
edit_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LfChecklistPage *self = LF_CHECKLIST_PAGE (widget);
  LfPlanStep *step = lf_plan_find (self->plan, g_variant_get_string (parameter, NULL), NULL);

  if (step != NULL)
    show_step_dialog (self, step);
}

static void
move_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LfChecklistPage *self = LF_CHECKLIST_PAGE (widget);
  g_autofree char *id = g_variant_dup_string (parameter, NULL);
  guint position;

  if (lf_plan_find (self->plan, id, &position) == NULL)
    return;

  if (g_str_equal (action_name, "checklist.move-step-up"))
    {
      if (position == 0)
        return;
      lf_plan_move (self->plan, id, position - 1);
    }
  else
    lf_plan_move (self->plan, id, position + 1);

  focus_step (self, id);
}

static void
remove_step_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LfChecklistPage *self = LF_CHECKLIST_PAGE (widget);
  g_autoptr(LfPlanStep) step = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;
  guint position;
  guint n;

  step = lf_plan_remove (self->plan, g_variant_get_string (parameter, NULL), &position);
  if (step == NULL)
    return;

  /* Translators: a toast after removing a plan step; the step's title */
  title = g_markup_escape_text (lf_plan_step_get_title (step), -1);
  toast = adw_toast_new_format (_("“%s” removed"), title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "step", g_object_ref (step), g_object_unref);
  g_object_set_data (G_OBJECT (toast), "position", GUINT_TO_POINTER (position));
  g_object_set_data_full (G_OBJECT (toast), "page", g_object_ref (self), g_object_unref);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_undo_remove_cb), NULL);
  add_toast (self, toast);

  /* Keep the keyboard where it was: on the next step (or the new last one). */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->plan));
  if (n > 0)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->plan_list, MIN (position, n - 1));

      if (row != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
reset_plan_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Reset the Plan?"),
                                   _("Your steps are replaced by Lifeline’s default plan. "
                                     "Checklists already running keep their steps."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "reset", _("_Reset"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reset",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reset_dialog_response_cb),
                           widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_incident_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LfChecklistPage *self = LF_CHECKLIST_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  LfIncident *incident = lf_incident_log_lookup (self->log, id);
  GtkWidget *dialog;

  if (incident == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Close the Incident?"), NULL);
  if (lf_incident_get_status (incident) == LF_INCIDENT_ENDED)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                 _("Lifeline saw the platforms recover. Closing moves the "
                                   "incident to the log, where you can still export its "
                                   "report."));
  else
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                 _("Lifeline has not seen a recovery yet. Close it only if the "
                                   "outage is over for you. The incident moves to the log, "
                                   "where you can still export its report."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "close", _("C_lose Incident"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "incident-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_incident_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LfChecklistPage *self = LF_CHECKLIST_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  LfIncident *incident = lf_incident_log_lookup (self->log, g_variant_get_string (parameter, NULL));
  LfIncidentWindow *window;

  if (incident == NULL)
    return;

  window = lf_incident_window_new (incident, self->log,
                                   GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static void
step_action_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LfChecklistPage *self = LF_CHECKLIST_PAGE (widget);
  const char *target = g_variant_get_string (parameter, NULL);
  g_autofree char *id = g_strdup (target);
  char *slash = strrchr (id, '/');
  GtkRoot *root = gtk_widget_get_root (widget);
  GApplication *app = g_application_get_default ();
  LfIncident *incident;
  const LfRunStep *step;

  if (slash == NULL)
    return;
  *slash = '\0';
  incident = lf_incident_log_lookup (self->log, id);
  if (incident == NULL)
    return;
  step = lf_incident_get_step (incident, (guint) g_ascii_strtoull (slash + 1, NULL, 10));
  if (step == NULL)
    return;

  switch (step->action)
    {
    case LF_PLAN_ACTION_OPEN_URL:
      {
        g_autofree char *url = expand_target (incident, step->action_target);

        if (url == NULL)
          show_message (self, _("No status page is known for this incident yet"));
        else
          gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
      }
      break;

    case LF_PLAN_ACTION_OPEN_COMPOSER:
    case LF_PLAN_ACTION_COPY_MY_CONTACT:
      {
        /* The notices and contacts parts provide these application actions. */
        const char *name = step->action == LF_PLAN_ACTION_OPEN_COMPOSER
                           ? "notify-clients" : "copy-my-contact";

        if (app != NULL && g_action_group_has_action (G_ACTION_GROUP (app), name))
          g_action_group_activate_action (G_ACTION_GROUP (app), name,
                                          g_variant_new_string (lf_incident_get_id (incident)));
        else
          show_message (self, _("This action is not available in this version of Lifeline"));
      }
      break;

    case LF_PLAN_ACTION_NONE:
    default:
      break;
    }
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_checklist_page_dispose (GObject *object)
{
  LfChecklistPage *self = LF_CHECKLIST_PAGE (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->runs != NULL)
    g_hash_table_remove_all (self->runs);
  if (self->plan_list != NULL)
    gtk_list_box_bind_model (self->plan_list, NULL, NULL, NULL, NULL);
  if (self->log_list != NULL)
    gtk_list_box_bind_model (self->log_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->past);
  g_clear_object (&self->plan);
  g_clear_object (&self->log);

  gtk_widget_dispose_template (GTK_WIDGET (self), LF_TYPE_CHECKLIST_PAGE);

  G_OBJECT_CLASS (lf_checklist_page_parent_class)->dispose (object);
}

static void
lf_checklist_page_finalize (GObject *object)
{
  LfChecklistPage *self = LF_CHECKLIST_PAGE (object);

  g_hash_table_unref (self->runs);
  g_strfreev (self->run_order);

  G_OBJECT_CLASS (lf_checklist_page_parent_class)->finalize (object);
}

static void
lf_checklist_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LfChecklistPage *self = LF_CHECKLIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    case PROP_INCIDENT_LOG:
      g_value_set_object (value, self->log);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_checklist_page_class_init (LfChecklistPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lf_checklist_page_dispose;
  object_class->finalize = lf_checklist_page_finalize;
  object_class->get_property = lf_checklist_page_get_property;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, LF_TYPE_PLAN,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_INCIDENT_LOG] =
    g_param_spec_object ("incident-log", NULL, NULL, LF_TYPE_INCIDENT_LOG,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/lf-checklist-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LfChecklistPage, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, LfChecklistPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, LfChecklistPage, calm_box);
  gtk_widget_class_bind_template_child (widget_class, LfChecklistPage, runs_box);
  gtk_widget_class_bind_template_child (widget_class, LfChecklistPage, drill_button);
  gtk_widget_class_bind_template_child (widget_class, LfChecklistPage, plan_list);
  gtk_widget_class_bind_template_child (widget_class, LfChecklistPage, log_list);

  gtk_widget_class_install_action (widget_class, "checklist.dismiss-message", NULL,
                                   dismiss_message_action);
  gtk_widget_class_install_action (widget_class, "checklist.start-incident", NULL,
                                   start_incident_action);
  gtk_widget_class_install_action (widget_class, "checklist.add-step", NULL, add_step_action);
  gtk_widget_class_install_action (widget_class, "checklist.edit-step", "s", edit_step_action);
  gtk_widget_class_install_action (widget_class, "checklist.move-step-up", "s", move_step_action);
  gtk_widget_class_install_action (widget_class, "checklist.move-step-down", "s",
                                   move_step_action);
  gtk_widget_class_install_action (widget_class, "checklist.remove-step", "s",
                                   remove_step_action);
  gtk_widget_class_install_action (widget_class, "checklist.reset-plan", NULL, reset_plan_action);
  gtk_widget_class_install_action (widget_class, "checklist.close-incident", "s",
                                   close_incident_action);
  gtk_widget_class_install_action (widget_class, "checklist.show-incident", "s",
                                   show_incident_action);
  gtk_widget_class_install_action (widget_class, "checklist.step-action", "s", step_action_action);
}

static void
lf_checklist_page_init (LfChecklistPage *self)
{
  GtkWidget *placeholder;

  self->runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, run_view_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  lf_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));

  placeholder = gtk_label_new (_("No past incidents yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->log_list, placeholder);

  {
    g_autoptr(GMenuModel) drills = drill_menu ();

    gtk_menu_button_set_menu_model (self->drill_button, drills);
  }

  self->tick_id = g_timeout_add_seconds (60, on_tick_cb, self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

GtkWidget *
lf_checklist_page_new (void)
{
  return g_object_new (LF_TYPE_CHECKLIST_PAGE, NULL);
}

/**
 * lf_checklist_page_set_models:
 * @plan: the plan
 * @log: the incident log (built on @plan)
 *
 * Shows @plan and @log. Set once, by the window.
 */
void
lf_checklist_page_set_models (LfChecklistPage *self,
                              LfPlan          *plan,
                              LfIncidentLog   *log)
{
  GtkCustomFilter *filter;

  g_return_if_fail (LF_IS_CHECKLIST_PAGE (self));
  g_return_if_fail (LF_IS_PLAN (plan));
  g_return_if_fail (LF_IS_INCIDENT_LOG (log));
  g_return_if_fail (self->plan == NULL && self->log == NULL);

  self->plan = g_object_ref (plan);
  self->log = g_object_ref (log);

  gtk_list_box_bind_model (self->plan_list, G_LIST_MODEL (plan), create_plan_row, self, NULL);

  filter = gtk_custom_filter_new (is_past, NULL, NULL);
  self->past = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (log)), GTK_FILTER (filter));
  gtk_list_box_bind_model (self->log_list, G_LIST_MODEL (self->past), create_log_row, self, NULL);

  g_signal_connect_object (log, "items-changed", G_CALLBACK (on_log_items_changed_cb), self, 0);
  g_signal_connect_object (log, "notify::n-open", G_CALLBACK (on_log_n_open_cb), self, 0);
  g_signal_connect_object (plan, "notify::load-message", G_CALLBACK (on_plan_load_message_cb),
                           self, 0);
  g_signal_connect_object (log, "notify::load-message", G_CALLBACK (on_log_load_message_cb),
                           self, 0);

  rebuild_runs (self);
  on_plan_load_message_cb (plan, NULL, self);
  on_log_load_message_cb (log, NULL, self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT_LOG]);
}

/**
 * lf_checklist_page_get_plan:
 *
 * Returns: (transfer none) (nullable): the plan shown
 */
LfPlan *
lf_checklist_page_get_plan (LfChecklistPage *self)
{
  g_return_val_if_fail (LF_IS_CHECKLIST_PAGE (self), NULL);

  return self->plan;
}

/**
 * lf_checklist_page_get_incident_log:
 *
 * Returns: (transfer none) (nullable): the incident log shown
 */
LfIncidentLog *
lf_checklist_page_get_incident_log (LfChecklistPage *self)
{
  g_return_val_if_fail (LF_IS_CHECKLIST_PAGE (self), NULL);

  return self->log;
}
