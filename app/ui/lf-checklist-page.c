/* lf-checklist-page.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-checklist-page"

#include "config.h"

#include "lf-checklist-page.h"
#include "lf-checklist-page-private.h"
#include "lf-datetime.h"
#include "lf-a11y.h"

#include <glib/gi18n.h>
#include <string.h>

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


G_DEFINE_FINAL_TYPE (LfChecklistPage, lf_checklist_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PLAN,
  PROP_INCIDENT_LOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];



/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

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
  AdwToast *toast = lf_toast_new (text);

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

/* The drills Lifeline ships, by title, each asking for its length (checklist.choose-drill)
 * and then starting app.start-drill. */
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
      g_menu_item_set_action_and_target_value (item, "checklist.choose-drill",
                                               g_variant_new_string (ids[i]));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

/* ---- Plan rows ---- */

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
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", g_strstrip (date), duration);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lf_incident_get_title (incident));
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
  lf_checklist_page_rebuild_runs (self);
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
  lf_checklist_page_focus_step (self, lf_plan_step_get_id (step));
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

/* ---- Run a drill: its length ---- */

static void
on_drill_dialog_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             LfChecklistPage  *self)
{
  GtkCheckButton *long_check = g_object_get_data (G_OBJECT (dialog), "long");
  const char *id = g_object_get_data (G_OBJECT (dialog), "scenario-id");
  guint64 length_ms = g_object_get_data (G_OBJECT (dialog), "long-ms") != NULL
                      && gtk_check_button_get_active (long_check)
                      ? GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "long-ms"))
                      : GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "short-ms"));
  g_autofree char *request = NULL;

  if (!g_str_equal (response, "start"))
    return;

  request = g_strdup_printf ("%s:%" G_GUINT64_FORMAT, id, length_ms / 1000);
  gtk_widget_activate_action (GTK_WIDGET (self), "app.start-drill", "s", request);
}

/* "36 times as fast as it happened", "As fast as it happened" */
static char *
describe_pace (LfDrillScenario *scenario,
               guint64          length_ms)
{
  double factor = (double) lf_drill_scenario_get_real_span_ms (scenario) / length_ms;

  if (factor < 1.05)
    return g_strdup (_("As fast as it happened"));
  /* Translators: how much faster than real time a drill plays, e.g. "36 times as fast as it
   * happened" */
  return g_strdup_printf (_("%.0f times as fast as it happened"), factor);
}

static GtkWidget *
length_row (GtkWidget      *list,
            const char     *title,
            char           *subtitle,
            GtkCheckButton *group)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *owned = subtitle;

  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), owned);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  lf_a11y_set_label (check, title);
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  return check;
}

static void
choose_drill_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LfChecklistPage *self = LF_CHECKLIST_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(LfDrillScenario) scenario = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *short_check, *long_check = NULL;
  guint64 span, short_ms, long_ms;

  scenario = lf_drill_scenario_load (g_variant_get_string (parameter, NULL), &error);
  if (scenario == NULL)
    {
      show_message (self, error->message);
      return;
    }

  /* Ten minutes, or thirty (docs/CHECKLIST.md, "Pace"); a story shorter than that plays in
   * its own time. */
  span = lf_drill_scenario_get_real_span_ms (scenario);
  short_ms = MIN (LF_DRILL_DEFAULT_LENGTH_MS, span);
  long_ms = MIN (LF_DRILL_LONG_LENGTH_MS, span);

  body = g_strdup_printf ("%s %s", lf_drill_scenario_get_summary (scenario),
                          _("It plays on its own: your platforms are still watched, and "
                            "nothing reaches your clients."));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   lf_drill_scenario_get_title (scenario), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "start", _("_Start Drill"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "start",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "start");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  {
    g_autofree char *short_title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "%u minute", "%u minutes",
                                                                 short_ms / 60000),
                                                    (guint) (short_ms / 60000));

    short_check = length_row (list, short_title, describe_pace (scenario, short_ms), NULL);
  }
  if (long_ms > short_ms)
    {
      g_autofree char *long_title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                  "%u minute", "%u minutes",
                                                                  long_ms / 60000),
                                                     (guint) (long_ms / 60000));

      long_check = length_row (list, long_title, describe_pace (scenario, long_ms),
                               GTK_CHECK_BUTTON (short_check));
    }
  gtk_check_button_set_active (GTK_CHECK_BUTTON (short_check), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  g_object_set_data_full (G_OBJECT (dialog), "scenario-id",
                          g_strdup (lf_drill_scenario_get_id (scenario)), g_free);
  g_object_set_data (G_OBJECT (dialog), "long", long_check);
  g_object_set_data (G_OBJECT (dialog), "short-ms", GSIZE_TO_POINTER ((gsize) short_ms));
  g_object_set_data (G_OBJECT (dialog), "long-ms",
                     long_check != NULL ? GSIZE_TO_POINTER ((gsize) long_ms) : NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_drill_dialog_response_cb), self,
                           0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_step_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  lf_checklist_page_show_step_dialog (LF_CHECKLIST_PAGE (widget), NULL);
}

static void
edit_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LfChecklistPage *self = LF_CHECKLIST_PAGE (widget);
  LfPlanStep *step = lf_plan_find (self->plan, g_variant_get_string (parameter, NULL), NULL);

  if (step != NULL)
    lf_checklist_page_show_step_dialog (self, step);
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

  lf_checklist_page_focus_step (self, id);
}

static void
remove_step_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LfChecklistPage *self = LF_CHECKLIST_PAGE (widget);
  g_autoptr(LfPlanStep) step = NULL;
  AdwToast *toast;
  guint position;
  guint n;

  step = lf_plan_remove (self->plan, g_variant_get_string (parameter, NULL), &position);
  if (step == NULL)
    return;

  /* Translators: a toast after removing a plan step; the step's title */
  toast = lf_toast_new_printf (_("“%s” removed"), lf_plan_step_get_title (step));
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
        g_autofree char *url = lf_checklist_page_expand_target (incident, step->action_target);

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
  gtk_widget_class_install_action (widget_class, "checklist.choose-drill", "s",
                                   choose_drill_action);
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

  self->runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      lf_checklist_page_run_view_free);

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

  self->tick_id = g_timeout_add_seconds (60, lf_checklist_page_on_tick_cb, self);
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

  gtk_list_box_bind_model (self->plan_list, G_LIST_MODEL (plan), lf_checklist_page_create_plan_row,
                           self, NULL);

  filter = gtk_custom_filter_new (is_past, NULL, NULL);
  self->past = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (log)), GTK_FILTER (filter));
  gtk_list_box_bind_model (self->log_list, G_LIST_MODEL (self->past), create_log_row, self, NULL);

  g_signal_connect_object (log, "items-changed", G_CALLBACK (on_log_items_changed_cb), self, 0);
  g_signal_connect_object (log, "notify::n-open", G_CALLBACK (on_log_n_open_cb), self, 0);
  g_signal_connect_object (plan, "notify::load-message", G_CALLBACK (on_plan_load_message_cb),
                           self, 0);
  g_signal_connect_object (log, "notify::load-message", G_CALLBACK (on_log_load_message_cb),
                           self, 0);

  lf_checklist_page_rebuild_runs (self);
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
