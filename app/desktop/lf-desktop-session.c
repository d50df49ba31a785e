/* lf-desktop-session.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-desktop-session"

#include "config.h"

#include "lf-desktop-session.h"

#include <glib/gi18n.h>

#include "lf-health-summary.h"
#include "lf-outage.h"

/* What a Lifeline process shows of its LfContext on the desktop, in one place for both
 * processes (docs/background.md): the background monitor (app/service/lf-service.c) and the
 * window (app/ui/lf-application.c) each make one, and neither wires a tray or a notifier
 * itself.
 *
 *   - The real health (real_health = TRUE: the background monitor, or the window alone
 *     without a session bus): the tray (StatusNotifierItem + dbusmenu, when there is a bus),
 *     the notifications of the real monitor's transitions and diagnoses (a restart during an
 *     outage the incident log already knows does not raise the alarm again), the Background
 *     portal's status line and its request (run in the background, start at login).
 *   - A fire drill, whichever process plays it: while #LfContext:active-monitor is a drill's
 *     monitor, the tray (if this process has one) shows it, and its transitions go to a
 *     notifier of its own whose notifications say "Drill:" and are withdrawn when it ends.
 *     The window's process (real_health = FALSE) has only this: the background monitor shows
 *     the real health, and a drill played in the window never reaches that tray.
 *   - The next action, as the Health banner offers it (lf_outage_get_action()): "Notify
 *     Clients…" during an outage, "Send the All-Clear to N Clients" once due, in the tray's
 *     menu and the notifications' buttons; worked out again on every change of the shown
 *     monitor, after a notice was recorded here, and when the incident log changes (in the
 *     background monitor, the window's notices arrive that way: incidents.json is merged).
 *
 * The tray's menu and the notifications activate the application's app.* actions; what a
 * click on the icon does depends on the process (toggle its own window, or start the
 * window's process), so it is the #LfDesktopSession::activate signal. */

struct _LfDesktopSession
{
  GObject        parent_instance;

  GApplication  *application;     /* not a reference: the application owns the session */
  LfContext     *context;
  GSettings     *settings;
  gboolean       real_health;
  gint64         started_at;      /* Unix seconds: an outage begun before was announced */

  LfTray        *tray;
  LfNotifier    *notifier;        /* the real monitor's */
  LfNotifier    *drill_notifier;  /* the running drill's, marked as a drill */
  LfBackground  *background;
  LfMonitor     *shown_monitor;   /* the context's active monitor */
  LfMonitor     *drill_monitor;   /* followed while a drill runs */
  GCancellable  *cancellable;
  guint          start_source;
  guint          refresh_source;
};

G_DEFINE_FINAL_TYPE (LfDesktopSession, lf_desktop_session, G_TYPE_OBJECT)

enum {
  SIGNAL_ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static gboolean
is_real (LfDesktopSession *self,
         LfMonitor        *monitor)
{
  return monitor == lf_context_get_monitor (self->context);
}

/* The real monitor's transitions go to the real notifier, a drill's to the drill's. */
static LfNotifier *
notifier_for (LfDesktopSession *self,
              LfMonitor        *monitor)
{
  return is_real (self, monitor) ? self->notifier : self->drill_notifier;
}

/* What the tray and the notifications offer next (lf-outage.c), for @monitor. */
static void
update_next_action (LfDesktopSession *self,
                    LfMonitor        *monitor)
{
  LfNotifier *notifier = notifier_for (self, monitor);
  guint n = 0;
  LfOutageAction action;

  action = lf_outage_get_action (monitor, !is_real (self, monitor),
                                 lf_context_get_incident_log (self->context), &n);
  if (notifier != NULL)
    lf_notifier_set_all_clear_count (notifier, n);
  if (self->tray == NULL || monitor != self->shown_monitor)
    return;

  if (action == LF_OUTAGE_ACTION_NOTIFY)
    lf_tray_set_next_action (self->tray, _("_Notify Clients…"), LF_TRAY_ACTION_NOTIFY_CLIENTS);
  else if (action == LF_OUTAGE_ACTION_ALL_CLEAR)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("Send the _All-Clear to %u Client",
                                                          "Send the _All-Clear to %u Clients",
                                                          n), n);

      lf_tray_set_next_action (self->tray, label, "send-all-clear");
    }
  else
    lf_tray_set_next_action (self->tray, NULL, NULL);
}

/* The tray and the portal's status show the shown monitor: the worst state, the diagnosis,
 * one line per problem. */
static void
mirror_health (LfDesktopSession *self)
{
  g_auto(LfHealthSummary) summary = { 0 };

  if (self->shown_monitor == NULL)
    return;

  update_next_action (self, self->shown_monitor);
  if (self->tray == NULL && self->background == NULL)
    return;

  lf_health_summary_init (&summary, self->shown_monitor,
                          is_real (self, self->shown_monitor)
                          ? NULL : lf_context_get_rehearsal_name (self->context));
  lf_desktop_session_set_status (self, summary.overall, summary.kind, summary.title,
                                 summary.description, (const char * const *) summary.lines);
}

static void
on_state_changed_cb (LfMonitor        *monitor,
                     LfPlatformState  *platform,
                     LfState           old_state,
                     LfState           new_state,
                     LfDesktopSession *self)
{
  LfNotifier *notifier = notifier_for (self, monitor);

  update_next_action (self, monitor);
  /* A restart during the same outage does not raise the alarm again. */
  if (notifier != NULL && new_state == LF_STATE_DOWN && old_state == LF_STATE_UNKNOWN
      && is_real (self, monitor)
      && lf_outage_is_known (lf_context_get_incident_log (self->context),
                             lf_platform_state_get_id (platform), self->started_at))
    notifier = NULL;
  if (notifier != NULL)
    lf_notifier_platform_changed (notifier, lf_platform_state_get_id (platform),
                                  lf_platform_state_get_name (platform), old_state, new_state,
                                  lf_platform_state_get_explanation (platform));
  if (monitor == self->shown_monitor)
    mirror_health (self);
}

static void
on_diagnosis_changed_cb (LfMonitor        *monitor,
                         LfDiagnosis      *diagnosis,
                         LfDesktopSession *self)
{
  LfNotifier *notifier = notifier_for (self, monitor);

  update_next_action (self, monitor);
  if (notifier != NULL)
    lf_notifier_diagnosis_changed (notifier, lf_diagnosis_get_kind (diagnosis),
                                   lf_diagnosis_get_provider_id (diagnosis),
                                   lf_diagnosis_get_summary (diagnosis),
                                   lf_diagnosis_get_affected (diagnosis));
  if (monitor == self->shown_monitor)
    mirror_health (self);
}

/* A platform added to or removed from the watched list changes the summary. */
static void
on_platforms_changed_cb (GListModel       *platforms,
                         guint             position,
                         guint             removed,
                         guint             added,
                         LfDesktopSession *self)
{
  mirror_health (self);
}

static void
follow_monitor (LfDesktopSession *self,
                LfMonitor        *monitor)
{
  g_signal_connect_object (monitor, "state-changed", G_CALLBACK (on_state_changed_cb), self,
                           G_CONNECT_DEFAULT);
  g_signal_connect_object (monitor, "diagnosis-changed", G_CALLBACK (on_diagnosis_changed_cb),
                           self, G_CONNECT_DEFAULT);
  g_signal_connect_object (lf_monitor_get_platforms (monitor), "items-changed",
                           G_CALLBACK (on_platforms_changed_cb), self, G_CONNECT_DEFAULT);
}

static void
unfollow_monitor (LfDesktopSession *self,
                  LfMonitor        *monitor)
{
  g_signal_handlers_disconnect_by_data (monitor, self);
  g_signal_handlers_disconnect_by_data (lf_monitor_get_platforms (monitor), self);
}

/* A drill began or ended: the tray shows the other monitor; a drill has its own notifier,
 * whose notifications are withdrawn when it ends. */
static void
on_active_monitor_cb (LfContext        *context,
                      GParamSpec       *pspec,
                      LfDesktopSession *self)
{
  LfMonitor *active = lf_context_get_active_monitor (context);

  if (active == self->shown_monitor)
    return;

  if (self->drill_monitor != NULL)
    unfollow_monitor (self, self->drill_monitor);
  g_clear_object (&self->drill_monitor);
  if (self->drill_notifier != NULL)
    lf_notifier_withdraw_all (self->drill_notifier);
  g_clear_object (&self->drill_notifier);
  g_set_object (&self->shown_monitor, active);

  if (!is_real (self, active))
    {
      self->drill_monitor = g_object_ref (active);
      self->drill_notifier = lf_notifier_new_for_drill (self->application);
      g_settings_bind (self->settings, "notify-on", self->drill_notifier, "notify-on",
                       G_SETTINGS_BIND_GET);
      follow_monitor (self, active);
    }

  mirror_health (self);
}

static void
refresh_cb (gpointer user_data)
{
  LfDesktopSession *self = user_data;

  self->refresh_source = 0;
  mirror_health (self);
}

/* An incident changed (a notice recorded by another process, merged from incidents.json):
 * what is due next may have too. Changes come in bursts: once, when idle. */
static void
schedule_refresh (LfDesktopSession *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_once (refresh_cb, self);
}

static void
follow_incidents (LfDesktopSession *self)
{
  GListModel *log = G_LIST_MODEL (lf_context_get_incident_log (self->context));

  for (guint i = 0; i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(GObject) incident = g_list_model_get_item (log, i);

      g_signal_handlers_disconnect_by_func (incident, schedule_refresh, self);
      g_signal_connect_object (incident, "changed", G_CALLBACK (schedule_refresh), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
on_incidents_changed_cb (GListModel       *log,
                         guint             position,
                         guint             removed,
                         guint             added,
                         LfDesktopSession *self)
{
  follow_incidents (self);
  schedule_refresh (self);
}

static void
on_tray_activate_cb (LfTray           *tray,
                     const char       *token,
                     LfDesktopSession *self)
{
  g_signal_emit (self, signals[SIGNAL_ACTIVATE], 0, token);
}

static void
request_background_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lf_background_request_finish (LF_BACKGROUND (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Running in the background or starting at login: %s", error->message);
}

/* Natively the autostart entry always follows the setting. In Flatpak the portal is asked
 * when Lifeline is to run in the background or start at login, and when autostart changes
 * (its entry is the portal's). Holding the process is the process's own business. */
static void
request_background (LfDesktopSession *self,
                    const char       *changed_key)
{
  gboolean background = g_settings_get_boolean (self->settings, "run-in-background");
  gboolean autostart = g_settings_get_boolean (self->settings, "autostart");

  if (self->background != NULL
      && (!lf_background_is_sandboxed (self->background) || background || autostart
          || g_strcmp0 (changed_key, "autostart") == 0))
    lf_background_request_async (self->background, autostart, self->cancellable,
                                 request_background_cb, NULL);
}

static void
on_background_setting_changed_cb (GSettings        *settings,
                                  const char       *key,
                                  LfDesktopSession *self)
{
  request_background (self, key);
}

static void
context_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Each store says what it could not read (a damaged file is set aside); nothing to add. */
  if (!lf_context_load_finish (LF_CONTEXT (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Loading: %s", error->message);
}

static void
apply_watched (LfDesktopSession *self)
{
  g_auto(GStrv) watched = g_settings_get_strv (self->settings, "watched-platforms");

  lf_monitor_set_watched (lf_context_get_monitor (self->context), (const char * const *) watched);
}

static void
start_monitor_cb (gpointer user_data)
{
  LfDesktopSession *self = user_data;

  self->start_source = 0;
  lf_monitor_start (lf_context_get_monitor (self->context));
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_desktop_session_dispose (GObject *object)
{
  LfDesktopSession *self = LF_DESKTOP_SESSION (object);

  lf_desktop_session_shutdown (self);
  g_clear_object (&self->notifier);
  g_clear_object (&self->drill_notifier);
  g_clear_object (&self->background);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (lf_desktop_session_parent_class)->dispose (object);
}

static void
lf_desktop_session_class_init (LfDesktopSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lf_desktop_session_dispose;

  /**
   * LfDesktopSession::activate:
   * @token: (nullable): the host's activation token, for the window's focus on Wayland
   *
   * The tray icon was clicked: the process shows or hides its window.
   */
  signals[SIGNAL_ACTIVATE] =
    g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
lf_desktop_session_init (LfDesktopSession *self)
{
  self->started_at = g_get_real_time () / G_USEC_PER_SEC;
  self->cancellable = g_cancellable_new ();
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_desktop_session_new:
 * @application: the registered application: notifications are its, the tray's menu and
 *   the notifications activate its app.* actions; it must outlive the session
 * @context: what is shown
 * @settings: the application's settings ("notify-on", "run-in-background", "autostart",
 *   "watched-platforms", "check-interval")
 * @real_health: whether this process shows the real health (tray, notifications,
 *   Background portal); %FALSE for the window's process, which shows only its drills
 *
 * Returns: (transfer full): the session, already following @context
 */
LfDesktopSession *
lf_desktop_session_new (GApplication *application,
                        LfContext    *context,
                        GSettings    *settings,
                        gboolean      real_health)
{
  LfDesktopSession *self;
  GDBusConnection *connection;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (LF_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LF_TYPE_DESKTOP_SESSION, NULL);
  self->application = application;
  self->context = g_object_ref (context);
  self->settings = g_object_ref (settings);
  self->real_health = real_health;
  self->shown_monitor = g_object_ref (lf_context_get_monitor (context));
  connection = g_application_get_dbus_connection (application);

  if (real_health)
    {
      self->notifier = lf_notifier_new (application);
      g_settings_bind (settings, "notify-on", self->notifier, "notify-on", G_SETTINGS_BIND_GET);
      self->background = lf_background_new (connection);
      if (connection != NULL)
        {
          self->tray = lf_tray_new (connection, G_ACTION_GROUP (application));
          g_signal_connect_object (self->tray, "activate", G_CALLBACK (on_tray_activate_cb),
                                   self, G_CONNECT_DEFAULT);
        }
      g_signal_connect_object (settings, "changed::run-in-background",
                               G_CALLBACK (on_background_setting_changed_cb), self,
                               G_CONNECT_DEFAULT);
      g_signal_connect_object (settings, "changed::autostart",
                               G_CALLBACK (on_background_setting_changed_cb), self,
                               G_CONNECT_DEFAULT);
      request_background (self, NULL);

      /* confirmed transitions and diagnoses go to the notifications and the tray */
      follow_monitor (self, self->shown_monitor);
    }

  /* What was sent changes the next action; a drill is shown while it runs. */
  g_signal_connect_object (context, "notice-recorded", G_CALLBACK (lf_desktop_session_refresh),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::active-monitor", G_CALLBACK (on_active_monitor_cb),
                           self, G_CONNECT_DEFAULT);
  g_signal_connect_object (lf_context_get_incident_log (context), "items-changed",
                           G_CALLBACK (on_incidents_changed_cb), self, G_CONNECT_DEFAULT);
  follow_incidents (self);
  on_active_monitor_cb (context, NULL, self);
  mirror_health (self);

  return self;
}

/**
 * lf_desktop_session_shutdown:
 *
 * The process is ending: the tray goes (its objects leave the bus), nothing is followed
 * any more, a pending monitor start is dropped and requests are cancelled.
 */
void
lf_desktop_session_shutdown (LfDesktopSession *self)
{
  g_return_if_fail (LF_IS_DESKTOP_SESSION (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->start_source, g_source_remove);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->context != NULL)
    {
      GListModel *log = G_LIST_MODEL (lf_context_get_incident_log (self->context));

      for (guint i = 0; i < g_list_model_get_n_items (log); i++)
        {
          g_autoptr(GObject) incident = g_list_model_get_item (log, i);

          g_signal_handlers_disconnect_by_data (incident, self);
        }
      g_signal_handlers_disconnect_by_data (log, self);
      g_signal_handlers_disconnect_by_data (self->context, self);
      unfollow_monitor (self, lf_context_get_monitor (self->context));
    }
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->drill_monitor != NULL)
    unfollow_monitor (self, self->drill_monitor);
  g_clear_object (&self->drill_monitor);
  g_clear_object (&self->shown_monitor);
  g_clear_object (&self->tray);
}

gboolean
lf_desktop_session_get_real_health (LfDesktopSession *self)
{
  g_return_val_if_fail (LF_IS_DESKTOP_SESSION (self), FALSE);

  return self->real_health;
}

/**
 * lf_desktop_session_get_tray:
 *
 * Returns: (transfer none) (nullable): the tray icon; %NULL without a session bus, in the
 *   window's process and after shutdown. Whether a host shows it is #LfTray:available.
 */
LfTray *
lf_desktop_session_get_tray (LfDesktopSession *self)
{
  g_return_val_if_fail (LF_IS_DESKTOP_SESSION (self), NULL);

  return self->tray;
}

/**
 * lf_desktop_session_get_notifier:
 *
 * Returns: (transfer none) (nullable): the notifier the real monitor's transitions go to;
 *   %NULL in the window's process
 */
LfNotifier *
lf_desktop_session_get_notifier (LfDesktopSession *self)
{
  g_return_val_if_fail (LF_IS_DESKTOP_SESSION (self), NULL);

  return self->notifier;
}

/**
 * lf_desktop_session_get_drill_notifier:
 *
 * Returns: (transfer none) (nullable): the running drill's notifier
 */
LfNotifier *
lf_desktop_session_get_drill_notifier (LfDesktopSession *self)
{
  g_return_val_if_fail (LF_IS_DESKTOP_SESSION (self), NULL);

  return self->drill_notifier;
}

/**
 * lf_desktop_session_get_background:
 *
 * Returns: (transfer none) (nullable): the Background portal / autostart helper; %NULL in
 *   the window's process
 */
LfBackground *
lf_desktop_session_get_background (LfDesktopSession *self)
{
  g_return_val_if_fail (LF_IS_DESKTOP_SESSION (self), NULL);

  return self->background;
}

/**
 * lf_desktop_session_refresh:
 *
 * Works out again what the tray and the notifications show and offer next (after a notice
 * was sent, e.g. the all-clear: nothing is left to send).
 */
void
lf_desktop_session_refresh (LfDesktopSession *self)
{
  g_return_if_fail (LF_IS_DESKTOP_SESSION (self));

  mirror_health (self);
}

/**
 * lf_desktop_session_set_status:
 * @overall: the worst state of the watched platforms
 * @kind: the diagnosis
 * @title: the overall status in a few words, e.g. "Cloudflare outage"
 * @description: (nullable): the diagnosis in plain words
 * @problem_lines: (nullable) (array zero-terminated=1): "Upwork — Down", one per problem
 *
 * Shows a health in the tray icon and, in Flatpak, the background status.
 */
void
lf_desktop_session_set_status (LfDesktopSession   *self,
                               LfState             overall,
                               LfDiagnosisKind     kind,
                               const char         *title,
                               const char         *description,
                               const char * const *problem_lines)
{
  g_return_if_fail (LF_IS_DESKTOP_SESSION (self));
  g_return_if_fail (title != NULL);

  if (self->tray != NULL)
    lf_tray_set_status (self->tray, overall, kind, title, description, problem_lines);
  if (self->background != NULL)
    lf_background_set_status (self->background, title);
}

/**
 * lf_desktop_session_start_monitor:
 * @delay_ms: how long the first round waits (a window being opened paints first)
 *
 * Binds the check interval and the watched platforms onto the context's monitor, reads the
 * context's files (without blocking) and starts the monitor's rounds after @delay_ms,
 * unless the context mirrors a monitor in another process (lf_context_follow_remote()).
 */
void
lf_desktop_session_start_monitor (LfDesktopSession *self,
                                  guint             delay_ms)
{
  LfMonitor *monitor;

  g_return_if_fail (LF_IS_DESKTOP_SESSION (self));

  monitor = lf_context_get_monitor (self->context);
  lf_context_load_async (self->context, self->cancellable, context_loaded_cb, NULL);
  g_settings_bind (self->settings, "check-interval", monitor, "interval", G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->settings, "changed::watched-platforms",
                           G_CALLBACK (apply_watched), self, G_CONNECT_SWAPPED);
  apply_watched (self);

  if (!lf_context_get_follows_remote (self->context) && self->start_source == 0)
    self->start_source = g_timeout_add_once (delay_ms, start_monitor_cb, self);
}
