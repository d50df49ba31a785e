/* lf-application-checklist.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-application"

#include "config.h"

#include "lf-application-checklist.h"

#include <glib/gi18n.h>

#include "lf-incident-bridge.h"
#include "lf-profile.h"
#include "lf-window.h"

/* The part of LfApplication that owns the contingency plan, the incident log and the fire
 * drill, and the app actions that go with them:
 *
 *   app.copy-my-contact (s)    copy the user's own contact details (name, e-mail, backup
 *                              channel, from the keyring) for a client; the parameter is
 *                              the incident id of the checklist step, unused
 *   app.start-checklist (s)    show the checklist (the platform id is for notifications and
 *                              the tray; "" is fine); with nothing open, offer Start Incident
 *   app.start-drill (s)        run the named drill, on the checklist page
 *
 * The plan and the log are created and loaded on first use, and flushed at shutdown.
 */

#define STATE_KEY "lf-application-checklist"

typedef struct
{
  LfPlan        *plan;
  LfIncidentLog    *log;
  LfIncidentBridge *bridge;  /* the real monitor's outages become incidents */
  LfDrill          *drill;
  GHashTable       *notice_links;  /* a notice's incident id → LfIncident id */
} State;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
state_free (gpointer data)
{
  State *state = data;

  g_clear_object (&state->drill);
  g_clear_pointer (&state->notice_links, g_hash_table_unref);
  g_clear_object (&state->bridge);
  g_clear_object (&state->log);
  g_clear_object (&state->plan);
  g_free (state);
}

static State *
get_state (LfApplication *self)
{
  State *state = g_object_get_data (G_OBJECT (self), STATE_KEY);

  if (state == NULL)
    {
      state = g_new0 (State, 1);
      state->notice_links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_object_set_data_full (G_OBJECT (self), STATE_KEY, state, state_free);
    }

  return state;
}

static LfWindow *
present_checklist (LfApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (!LF_IS_WINDOW (window))
    window = GTK_WINDOW (lf_window_new (self));

  lf_window_show_page (LF_WINDOW (window), "checklist");
  gtk_window_present (window);

  return LF_WINDOW (window);
}

static void
plan_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lf_plan_load_finish (LF_PLAN (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not load the plan: %s", error->message);
}

static void
incident_log_loaded_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lf_incident_log_load_finish (LF_INCIDENT_LOG (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not load the incident log: %s", error->message);
}

static void
on_drill_finished_cb (LfDrill       *drill,
                      LfApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (LF_IS_WINDOW (window))
    lf_window_add_toast (LF_WINDOW (window),
                         adw_toast_new (_("The drill is over. Check the checklist, then close "
                                          "the drill incident.")));
  g_application_release (G_APPLICATION (self));
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */
/* ------------------------------------------------------------------------ */

static void
start_checklist_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  LfApplication *self = user_data;
  LfWindow *window = present_checklist (self);

  if (lf_incident_log_get_n_open (lf_application_get_incident_log (self)) == 0)
    gtk_widget_activate_action (lf_window_get_checklist_page (window), "checklist.start-incident",
                                NULL);
}

static void
start_drill_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  LfApplication *self = user_data;
  State *state = get_state (self);
  LfWindow *window = present_checklist (self);
  g_autoptr(LfDrillScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *started = NULL;
  const char *speed = g_getenv ("LIFELINE_DRILL_SPEED");

  scenario = lf_drill_scenario_load (g_variant_get_string (parameter, NULL), &error);
  if (scenario == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      lf_window_add_toast (window, adw_toast_new (escaped));
      return;
    }

  /* One drill at a time: a new one replaces a running one. */
  if (state->drill != NULL)
    lf_drill_stop (state->drill);
  g_clear_object (&state->drill);

  /* Through the application's monitor: the Health page, the tray and the notifications
   * show the drill (marked as one) while the real incident bridge is paused.
   * LIFELINE_DRILL_SPEED plays faster, for tests and screenshots. */
  state->drill = lf_drill_new_for_monitor (scenario, lf_application_get_monitor (self),
                                           lf_application_get_incident_log (self),
                                           speed != NULL
                                           ? CLAMP (g_ascii_strtod (speed, NULL), 0.1, 1000.0)
                                           : 1.0);
  g_signal_connect_object (state->drill, "finished", G_CALLBACK (on_drill_finished_cb), self, 0);
  /* The drill runs to its end even if the window is closed. */
  g_application_hold (G_APPLICATION (self));
  lf_drill_start (state->drill);

  /* Translators: a toast; the drill's title */
  started = g_markup_printf_escaped (_("Drill started: %s. Nothing reaches your clients."),
                                     lf_drill_scenario_get_title (scenario));
  lf_window_add_toast (window, adw_toast_new (started));
}

/* "Name · e-mail · backup channel": what a client needs to reach the user off-platform. */
static char *
describe_profile (LfProfile *profile)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *values[3];

  if (profile == NULL)
    return NULL;

  values[0] = lf_profile_get_name (profile);
  values[1] = lf_profile_get_email (profile);
  values[2] = lf_profile_get_channel (profile);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (values[i] != NULL && *values[i] != '\0')
      g_ptr_array_add (parts, (gpointer) values[i]);

  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
copy_profile_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LfApplication) self = user_data;
  g_autoptr(LfProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  profile = lf_profile_load_finish (result, &error);
  text = describe_profile (profile);

  if (!LF_IS_WINDOW (window))
    return;

  if (text == NULL)
    {
      lf_window_add_toast (LF_WINDOW (window),
                           adw_toast_new (_("Add your name, e-mail and backup channel in "
                                            "Preferences › Notices first")));
      return;
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), text);
  lf_window_add_toast (LF_WINDOW (window),
                       adw_toast_new (_("Your contact details are copied")));
}

static void
copy_my_contact_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  LfApplication *self = user_data;

  /* The profile lives in the keyring: read it without blocking. */
  lf_profile_load_async (NULL, copy_profile_cb, g_object_ref (self));
}

static const GActionEntry checklist_actions[] = {
  { "copy-my-contact", copy_my_contact_action, "s" },
  { "start-checklist", start_checklist_action, "s" },
  { "start-drill", start_drill_action, "s" },
};

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_application_checklist_startup:
 * @self: a #LfApplication
 *
 * Adds the checklist's application actions and connects the application's health monitor
 * to the incident log, so that an outage opens an incident and its run of the plan (from
 * #GApplication::startup, after the monitor exists).
 */
void
lf_application_checklist_startup (LfApplication *self)
{
  LfMonitor *monitor;

  g_return_if_fail (LF_IS_APPLICATION (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), checklist_actions,
                                   G_N_ELEMENTS (checklist_actions), self);

  monitor = lf_application_get_monitor (self);
  if (monitor != NULL)
    get_state (self)->bridge = lf_incident_bridge_new (monitor,
                                                       lf_application_get_incident_log (self),
                                                       FALSE);
}

/**
 * lf_application_checklist_shutdown:
 * @self: a #LfApplication
 *
 * Writes pending changes to the plan and the log now, so that nothing is lost when the
 * process ends (from #GApplication::shutdown).
 */
void
lf_application_checklist_shutdown (LfApplication *self)
{
  State *state;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LF_IS_APPLICATION (self));

  state = get_state (self);
  if (state->drill != NULL)
    lf_drill_stop (state->drill);
  if (state->log != NULL && !lf_incident_log_flush (state->log, &error))
    g_warning ("Could not save the incident log: %s", error->message);
  g_clear_error (&error);
  if (state->plan != NULL && !lf_plan_flush (state->plan, &error))
    g_warning ("Could not save the plan: %s", error->message);
}

/**
 * lf_application_get_plan:
 * @self: a #LfApplication
 *
 * Returns: (transfer none): the contingency plan, created and loaded on first use
 */
LfPlan *
lf_application_get_plan (LfApplication *self)
{
  State *state;

  g_return_val_if_fail (LF_IS_APPLICATION (self), NULL);

  state = get_state (self);
  if (state->plan == NULL)
    {
      state->plan = lf_plan_new (NULL);
      lf_plan_load_async (state->plan, NULL, plan_loaded_cb, NULL);
    }

  return state->plan;
}

/**
 * lf_application_get_incident_log:
 * @self: a #LfApplication
 *
 * Returns: (transfer none): the incident log, created and loaded on first use
 */
LfIncidentLog *
lf_application_get_incident_log (LfApplication *self)
{
  State *state;

  g_return_val_if_fail (LF_IS_APPLICATION (self), NULL);

  state = get_state (self);
  if (state->log == NULL)
    {
      state->log = lf_incident_log_new (lf_application_get_plan (self), NULL);
      lf_incident_log_load_async (state->log, NULL, incident_log_loaded_cb, NULL);
    }

  return state->log;
}

/**
 * lf_application_get_drill:
 * @self: a #LfApplication
 *
 * Returns: (transfer none) (nullable): the fire drill started last, if any
 */
LfDrill *
lf_application_get_drill (LfApplication *self)
{
  g_return_val_if_fail (LF_IS_APPLICATION (self), NULL);

  return get_state (self)->drill;
}

/**
 * lf_application_get_drill_running:
 * @self: a #LfApplication
 *
 * Returns: whether a fire drill is playing (notices then reach only the user)
 */
gboolean
lf_application_get_drill_running (LfApplication *self)
{
  State *state;

  g_return_val_if_fail (LF_IS_APPLICATION (self), FALSE);

  state = get_state (self);
  return state->drill != NULL && lf_drill_get_running (state->drill);
}

/**
 * lf_application_find_incident:
 * @self: a #LfApplication
 * @incident_or_platform_id: an incident id (from a checklist step) or a catalog platform id
 *
 * Finds the incident a notice is about: the incident with that id, else the open incident
 * covering that platform (a drill's only while a drill plays).
 *
 * Returns: (transfer none) (nullable): the incident
 */
LfIncident *
lf_application_find_incident (LfApplication *self,
                              const char    *incident_or_platform_id)
{
  LfIncidentLog *log;
  LfIncident *incident;
  gboolean drill;

  g_return_val_if_fail (LF_IS_APPLICATION (self), NULL);

  if (incident_or_platform_id == NULL || *incident_or_platform_id == '\0')
    return NULL;

  log = lf_application_get_incident_log (self);
  incident = lf_incident_log_lookup (log, incident_or_platform_id);
  if (incident != NULL)
    return incident;

  drill = lf_application_get_drill_running (self);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (log)); i++)
    {
      g_autoptr(LfIncident) candidate = g_list_model_get_item (G_LIST_MODEL (log), i);
      const char * const *platforms = lf_incident_get_platforms (candidate);

      if (lf_incident_is_open (candidate)
          && lf_incident_get_drill (candidate) == drill
          && platforms != NULL
          && g_strv_contains (platforms, incident_or_platform_id))
        return candidate;
    }

  return NULL;
}

/**
 * lf_application_link_notice:
 * @self: a #LfApplication
 * @notice_incident_id: the incident id in a notice's context
 * @incident: the incident of the log it belongs to
 *
 * Remembers which incident a composer's notices belong to, for lf_application_record_notice().
 */
void
lf_application_link_notice (LfApplication *self,
                            const char    *notice_incident_id,
                            LfIncident    *incident)
{
  g_return_if_fail (LF_IS_APPLICATION (self));
  g_return_if_fail (notice_incident_id != NULL);
  g_return_if_fail (LF_IS_INCIDENT (incident));

  g_hash_table_replace (get_state (self)->notice_links, g_strdup (notice_incident_id),
                        g_strdup (lf_incident_get_id (incident)));
}

/**
 * lf_application_record_notice:
 * @self: a #LfApplication
 * @notice: a notice that was sent
 *
 * Adds "notice sent" to the timeline of the incident the notice belongs to: the template,
 * the channel and how many recipients got it. No names or addresses: the incident log is a
 * plain file.
 */
void
lf_application_record_notice (LfApplication *self,
                              LfNotice      *notice)
{
  const LfRenderContext *context;
  LfIncidentLog *log;
  LfIncident *incident = NULL;
  const char *incident_id;
  g_autofree char *text = NULL;
  LfChannel *channel;

  g_return_if_fail (LF_IS_APPLICATION (self));
  g_return_if_fail (LF_IS_NOTICE (notice));

  context = lf_notice_get_context (notice);
  if (context == NULL || context->incident_id == NULL)
    return;

  log = lf_application_get_incident_log (self);
  incident_id = g_hash_table_lookup (get_state (self)->notice_links, context->incident_id);
  if (incident_id != NULL)
    incident = lf_incident_log_lookup (log, incident_id);
  if (incident == NULL)
    incident = lf_incident_log_lookup (log, context->incident_id);
  if (incident == NULL)
    return;

  channel = lf_notice_get_channel (notice);
  /* Translators: an incident timeline entry: template name, then counts */
  text = g_strdup_printf (_("Notice “%s” sent: %u delivered, %u handed to the mail app, "
                            "%u failed, %u without a channel"),
                          lf_template_get_name (lf_notice_get_template (notice)),
                          lf_notice_count (notice, LF_NOTICE_RESULT_SENT)
                          + lf_notice_count (notice, LF_NOTICE_RESULT_RENDERED),
                          lf_notice_count (notice, LF_NOTICE_RESULT_HANDED_OFF),
                          lf_notice_count (notice, LF_NOTICE_RESULT_FAILED),
                          lf_notice_count (notice, LF_NOTICE_RESULT_NO_CHANNEL));
  lf_incident_log_record (log, incident, LF_TIMELINE_NOTICE_SENT, text,
                          LF_TIMELINE_DATA_CHANNEL,
                          channel != NULL ? lf_channel_kind_to_string (lf_channel_get_kind (channel))
                                          : "",
                          NULL);
}
