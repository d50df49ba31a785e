/* lf-service.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-service"

#include "config.h"

#include "lf-outage.h"

#include "lf-service.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <unistd.h>

#include "lf-background.h"
#include "lf-cli.h"
#include "lf-health-summary.h"
#include "lf-launcher.h"
#include "lf-monitor-export.h"

/* `lifeline` is two things, neither of which loads GTK (docs/background.md):
 *
 *   - the command line: every command-line operation runs here and exits, as before;
 *   - otherwise the *background monitor*: the one process that owns the application's bus
 *     name, runs the LfContext's monitor, the history and the incident bridge, and shows
 *     the health in the tray and in notifications. It exports the monitor on D-Bus
 *     (lf-monitor-export.c) for the window.
 *
 * The window is a separate process, LF_LAUNCHER_GUI_NAME (GTK, libadwaita), started when
 * the user opens it — `lifeline` with no arguments, a click on the tray icon, a notification
 * or tray action that needs a window — and gone when it is closed. It mirrors this monitor
 * (lf-monitor-remote.c) rather than probing. The monitor starts it with what to show first
 * in its environment (LF_LAUNCHER_ENV_ACTION, LF_LAUNCHER_ENV_TARGET, the activation token);
 * once it runs it owns APP_ID + LF_LAUNCHER_WINDOW_NAME_SUFFIX and later requests are its
 * app.* actions, activated over D-Bus. One window process at a time.
 *
 * The monitor lives while a window runs, and after it when "run-in-background" is on
 * (autostart and the Background portal start it with --gapplication-service); actions that
 * need no window (check now, quit) never start one. */

struct _LfService
{
  GApplication      parent_instance;

  char * const     *argv;    /* main()'s, for the window without a session bus */
  GSettings        *settings;
  LfContext        *context;

  LfTray           *tray;
  LfNotifier       *notifier;
  LfBackground     *background;
  LfMonitorExport  *export;
  GCancellable     *cancellable;
  gboolean          held_for_background;

  /* the window's process */
  GSubprocess      *window;
  char             *window_owner;     /* its unique name once it owns the window name */
  guint             window_watch;
  char             *pending_action;   /* for a window started but not on the bus yet */
  char             *pending_target;
  char             *pending_token;
  char             *activation_token; /* from the request being handled (before_emit) */
  char             *catalog_file;     /* `lifeline --catalog FILE`, for the window too */
  gint64            started_at;       /* Unix seconds: an outage begun before was announced */

  guint             monitor_start_source;
  GFileMonitor     *catalog_monitor;  /* the user's catalog file, which the window edits */
  guint             catalog_source;
};

G_DEFINE_FINAL_TYPE (LfService, lf_service, G_TYPE_APPLICATION)

/* How long after start-up the first round begins: the window, if one is starting, gets the
 * CPU for its first frame. */
#define MONITOR_START_DELAY_MS 400

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static GSettings *
get_settings (LfService *self)
{
  if (self->settings == NULL)
    self->settings = g_settings_new (SCHEMA_ID);

  return self->settings;
}

static void
hold_for_background (LfService *self,
                     gboolean   hold)
{
  if (self->held_for_background == hold)
    return;

  self->held_for_background = hold;
  if (hold)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));
}

static char *
window_bus_name (void)
{
  return g_strconcat (APP_ID, LF_LAUNCHER_WINDOW_NAME_SUFFIX, NULL);
}

static void
activate_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not reach the window: %s", error->message);
}

/* Activates app.ACTION (with TARGET when not NULL) in the running window's process. */
static void
activate_in_window (LfService  *self,
                    const char *action,
                    const char *target,
                    const char *token)
{
  GDBusConnection *connection = g_application_get_dbus_connection (G_APPLICATION (self));
  GVariantBuilder parameter;
  GVariantBuilder platform_data;

  g_variant_builder_init (&parameter, G_VARIANT_TYPE ("av"));
  if (target != NULL)
    g_variant_builder_add (&parameter, "v", g_variant_new_string (target));
  g_variant_builder_init (&platform_data, G_VARIANT_TYPE_VARDICT);
  if (token != NULL && *token != '\0')
    {
      g_variant_builder_add (&platform_data, "{sv}", "activation-token", g_variant_new_string (token));
      g_variant_builder_add (&platform_data, "{sv}", "desktop-startup-id", g_variant_new_string (token));
    }

  g_dbus_connection_call (connection, self->window_owner,
                          g_application_get_dbus_object_path (G_APPLICATION (self)),
                          "org.gtk.Actions", "Activate",
                          g_variant_new ("(sava{sv})", action, &parameter, &platform_data),
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable,
                          activate_done_cb, NULL);
}

static void
set_pending (LfService  *self,
             const char *action,
             const char *target,
             const char *token)
{
  /* Showing the window does not replace a page already asked for. */
  if (g_strcmp0 (action, "show-window") == 0 && self->pending_action != NULL)
    return;

  g_free (self->pending_action);
  g_free (self->pending_target);
  g_free (self->pending_token);
  self->pending_action = g_strdup (action);
  self->pending_target = g_strdup (target);
  self->pending_token = g_strdup (token);
}

static void
window_exited_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LfService) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_finish (G_SUBPROCESS (object), result, &error))
    g_message ("Waiting for the window: %s", error->message);
  else if (!g_subprocess_get_successful (G_SUBPROCESS (object)))
    g_message ("The window ended with status %d", g_subprocess_get_status (G_SUBPROCESS (object)));

  if (self->window != G_SUBPROCESS (object))
    return;

  g_clear_object (&self->window);
  set_pending (self, NULL, NULL, NULL);
  /* No window and not running in the background: the monitor goes too. */
  g_application_release (G_APPLICATION (self));
}

static void
start_window (LfService  *self,
              const char *action,
              const char *target,
              const char *token)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *gui = lf_launcher_find_gui ();

  /* argv[0] stays "lifeline", so the X11 window class does too. */
  g_subprocess_launcher_unsetenv (launcher, "XDG_ACTIVATION_TOKEN");
  g_subprocess_launcher_unsetenv (launcher, "DESKTOP_STARTUP_ID");
  g_subprocess_launcher_unsetenv (launcher, LF_LAUNCHER_ENV_ACTION);
  g_subprocess_launcher_unsetenv (launcher, LF_LAUNCHER_ENV_TARGET);
  if (action != NULL)
    g_subprocess_launcher_setenv (launcher, LF_LAUNCHER_ENV_ACTION, action, TRUE);
  if (target != NULL)
    g_subprocess_launcher_setenv (launcher, LF_LAUNCHER_ENV_TARGET, target, TRUE);
  if (token != NULL && *token != '\0')
    {
      g_subprocess_launcher_setenv (launcher, "XDG_ACTIVATION_TOKEN", token, TRUE);
      g_subprocess_launcher_setenv (launcher, "DESKTOP_STARTUP_ID", token, TRUE);
    }

  self->window = g_subprocess_launcher_spawnv (launcher,
                                               (const char * const []) {
                                                 gui,
                                                 self->catalog_file != NULL ? "--catalog" : NULL,
                                                 self->catalog_file, NULL },
                                               &error);
  if (self->window == NULL)
    {
      /* Translators: %s says why the window's program could not run */
      g_warning (_("Could not open the Lifeline window: %s"), error->message);
      return;
    }

  g_application_hold (G_APPLICATION (self));
  g_subprocess_wait_async (self->window, NULL, window_exited_cb, g_object_ref (self));
}

static void
on_window_appeared_cb (GDBusConnection *connection,
                       const char      *name,
                       const char      *owner,
                       gpointer         user_data)
{
  LfService *self = user_data;

  g_free (self->window_owner);
  self->window_owner = g_strdup (owner);

  if (self->pending_action != NULL)
    activate_in_window (self, self->pending_action, self->pending_target, self->pending_token);
  set_pending (self, NULL, NULL, NULL);
}

static void
on_window_vanished_cb (GDBusConnection *connection,
                       const char      *name,
                       gpointer         user_data)
{
  LfService *self = user_data;

  g_clear_pointer (&self->window_owner, g_free);
}

/* What the tray and the notifications offer next, as the window's Health banner does
 * (lf-outage.c): "Notify Clients…" during an outage, "Send the All-Clear to N Clients"
 * once due (from the incident log as this process last read it), nothing otherwise. */
static void
update_next_action (LfService *self)
{
  LfMonitor *monitor = lf_context_get_monitor (self->context);
  guint n = 0;
  LfOutageAction action;

  action = lf_outage_get_action (monitor, FALSE, lf_context_get_incident_log (self->context),
                                 &n);
  if (self->notifier != NULL)
    lf_notifier_set_all_clear_count (self->notifier, n);
  if (self->tray == NULL)
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

/* The tray mirrors the monitor: the worst state, the diagnosis, one line per problem. */
static void
mirror_health (LfService *self)
{
  g_auto(LfHealthSummary) summary = { 0 };

  update_next_action (self);

  lf_health_summary_init (&summary, lf_context_get_monitor (self->context), FALSE);
  if (self->tray != NULL)
    lf_tray_set_status (self->tray, summary.overall, summary.kind, summary.title,
                        summary.description, (const char * const *) summary.lines);
  if (self->background != NULL)
    lf_background_set_status (self->background, summary.title);
}

static void
apply_watched (LfService *self)
{
  g_auto(GStrv) watched = g_settings_get_strv (get_settings (self), "watched-platforms");

  lf_monitor_set_watched (lf_context_get_monitor (self->context), (const char * const *) watched);
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

/* run-in-background keeps the monitor when no window runs; autostart is the portal's
 * request (Flatpak) or the autostart entry (native). */
static void
apply_background_settings (LfService  *self,
                           const char *changed_key)
{
  GSettings *settings = get_settings (self);
  gboolean background = g_settings_get_boolean (settings, "run-in-background");
  gboolean autostart = g_settings_get_boolean (settings, "autostart");

  if (self->background != NULL
      && (!lf_background_is_sandboxed (self->background) || background || autostart
          || g_strcmp0 (changed_key, "autostart") == 0))
    lf_background_request_async (self->background, autostart, self->cancellable,
                                 request_background_cb, NULL);

  hold_for_background (self, background);
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
on_state_changed_cb (LfMonitor       *monitor,
                     LfPlatformState *platform,
                     LfState          old_state,
                     LfState          new_state,
                     LfService       *self)
{
  update_next_action (self);
  /* A restart during the same outage does not raise the alarm again. */
  if (new_state == LF_STATE_DOWN && old_state == LF_STATE_UNKNOWN &&
      lf_outage_is_known (lf_context_get_incident_log (self->context),
                          lf_platform_state_get_id (platform), self->started_at))
    {
      mirror_health (self);
      return;
    }
  lf_notifier_platform_changed (self->notifier, lf_platform_state_get_id (platform),
                                lf_platform_state_get_name (platform), old_state, new_state,
                                lf_platform_state_get_explanation (platform));
  mirror_health (self);
}

static void
on_diagnosis_changed_cb (LfMonitor   *monitor,
                         LfDiagnosis *diagnosis,
                         LfService   *self)
{
  update_next_action (self);
  lf_notifier_diagnosis_changed (self->notifier, lf_diagnosis_get_kind (diagnosis),
                                 lf_diagnosis_get_provider_id (diagnosis),
                                 lf_diagnosis_get_summary (diagnosis),
                                 lf_diagnosis_get_affected (diagnosis));
  mirror_health (self);
}

static void
on_platforms_changed_cb (GListModel *platforms,
                         guint       position,
                         guint       removed,
                         guint       added,
                         LfService  *self)
{
  mirror_health (self);
}

static void
on_background_setting_changed_cb (GSettings  *settings,
                                  const char *key,
                                  LfService  *self)
{
  apply_background_settings (self, key);
}

/* A click on the icon toggles the window: it closes an open one (its process ends). */
static void
on_tray_activate_cb (LfTray     *tray,
                     const char *token,
                     LfService  *self)
{
  if (self->window_owner != NULL)
    activate_in_window (self, "toggle-window", NULL, token);
  else
    lf_service_open_window (self, NULL, NULL, token);
}

static void
context_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Each store says what it could not read (a damaged file is set aside). */
  if (!lf_context_load_finish (LF_CONTEXT (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Loading: %s", error->message);
}

static void
reload_catalog_cb (gpointer user_data)
{
  LfService *self = user_data;
  g_autoptr(GError) error = NULL;

  self->catalog_source = 0;
  if (!lf_context_reload_catalog (self->context, &error))
    g_message ("Your platform list: %s", error->message);
}

/* The window adds a platform by writing the user's catalog (and then the watched list): the
 * monitor, which probes, reads it again. Writes are atomic (a rename); wait for a burst to
 * settle. */
static void
on_catalog_changed_cb (GFileMonitor      *monitor,
                       GFile             *file,
                       GFile             *other_file,
                       GFileMonitorEvent  event,
                       LfService         *self)
{
  if (event == G_FILE_MONITOR_EVENT_CHANGED || event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    return;

  g_clear_handle_id (&self->catalog_source, g_source_remove);
  self->catalog_source = g_timeout_add_once (200, reload_catalog_cb, self);
}

static void
watch_user_catalog (LfService *self)
{
  g_autofree char *path = lf_catalog_get_user_file ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  self->catalog_monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->catalog_monitor == NULL)
    {
      g_message ("Cannot follow changes to %s: %s", path, error->message);
      return;
    }
  g_signal_connect_object (self->catalog_monitor, "changed", G_CALLBACK (on_catalog_changed_cb),
                           self, G_CONNECT_DEFAULT);
}

static void
start_monitor_cb (gpointer user_data)
{
  LfService *self = user_data;

  self->monitor_start_source = 0;
  lf_monitor_start (lf_context_get_monitor (self->context));
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */
/* ------------------------------------------------------------------------ */

static void
check_now_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  LfService *self = user_data;

  lf_monitor_check_now (lf_context_get_monitor (self->context));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* Everything else needs the window: it is started (or asked) to do it. */
static void
window_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  LfService *self = user_data;

  lf_service_open_window (self, g_action_get_name (G_ACTION (action)),
                          parameter != NULL ? g_variant_get_string (parameter, NULL) : NULL,
                          self->activation_token);
}

/* A drill plays in the window's process: with no window, there is none to pause or stop. */
static void
drill_control_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  LfService *self = user_data;

  if (self->window_owner == NULL)
    {
      g_debug ("%s: no window, so no drill", g_action_get_name (G_ACTION (action)));
      return;
    }

  lf_service_open_window (self, g_action_get_name (G_ACTION (action)), NULL,
                          self->activation_token);
}

/* The same actions as the window's (lf-application-actions.c), so the tray menu,
 * notifications, the desktop file and `lifeline --drill` reach either. */
static const GActionEntry service_actions[] = {
  { "quit", quit_action },
  { "check-now", check_now_action },
  { "show-window", window_action },
  { "about", window_action },
  { "preferences", window_action },
  { "open-platform", window_action, "s" },
  { "notify-clients", window_action, "s" },
  { "send-all-clear", window_action },
  { "new-notice", window_action },
  { "copy-my-contact", window_action, "s" },
  { "start-checklist", window_action, "s" },
  { "start-drill", window_action, "s" },
  { "pause-drill", drill_control_action },
  { "resume-drill", drill_control_action },
  { "stop-drill", drill_control_action },
};

/* ------------------------------------------------------------------------ */
/* GApplication overrides                                                   */
/* ------------------------------------------------------------------------ */

static int
lf_service_handle_local_options (GApplication *app,
                                 GVariantDict *options)
{
  LfService *self = LF_SERVICE (app);
  int status = lf_cli_handle_options (options);
  const char *catalog_file = NULL;

  if (status != LF_CLI_CONTINUE)
    return status;

  /* `lifeline --catalog FILE`: this run watches that catalog (DESIGN.md, "Catalog"), and so
   * does the window it starts. */
  if (g_variant_dict_lookup (options, "catalog", "^&ay", &catalog_file))
    {
      g_autoptr(GError) error = NULL;

      if (!lf_context_set_catalog_file (self->context, catalog_file, &error))
        {
          g_printerr ("lifeline: %s\n", error->message);
          return 2;
        }
      g_free (self->catalog_file);
      self->catalog_file = g_strdup (catalog_file);
    }

  return G_APPLICATION_CLASS (lf_service_parent_class)->handle_local_options (app, options);
}

static void
lf_service_startup (GApplication *app)
{
  LfService *self = LF_SERVICE (app);
  GSettings *settings = get_settings (self);
  GDBusConnection *connection = g_application_get_dbus_connection (app);
  LfMonitor *monitor = lf_context_get_monitor (self->context);

  G_APPLICATION_CLASS (lf_service_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), service_actions,
                                   G_N_ELEMENTS (service_actions), self);

  self->cancellable = g_cancellable_new ();
  self->notifier = lf_notifier_new (app);
  g_settings_bind (settings, "notify-on", self->notifier, "notify-on", G_SETTINGS_BIND_GET);
  self->background = lf_background_new (connection);
  if (connection != NULL)
    {
      g_autofree char *window_name = window_bus_name ();

      self->tray = lf_tray_new (connection, G_ACTION_GROUP (self));
      g_signal_connect_object (self->tray, "activate", G_CALLBACK (on_tray_activate_cb), self,
                               G_CONNECT_DEFAULT);
      self->window_watch = g_bus_watch_name_on_connection (connection, window_name,
                                                           G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                           on_window_appeared_cb,
                                                           on_window_vanished_cb, self, NULL);
    }

  /* the monitor follows the settings; its findings go to notifications and the tray */
  lf_context_load_async (self->context, self->cancellable, context_loaded_cb, NULL);
  g_settings_bind (settings, "check-interval", monitor, "interval", G_SETTINGS_BIND_GET);
  g_signal_connect_object (settings, "changed::watched-platforms", G_CALLBACK (apply_watched),
                           self, G_CONNECT_SWAPPED);
  apply_watched (self);
  g_signal_connect_object (monitor, "state-changed", G_CALLBACK (on_state_changed_cb), self,
                           G_CONNECT_DEFAULT);
  g_signal_connect_object (monitor, "diagnosis-changed", G_CALLBACK (on_diagnosis_changed_cb),
                           self, G_CONNECT_DEFAULT);
  g_signal_connect_object (lf_monitor_get_platforms (monitor), "items-changed",
                           G_CALLBACK (on_platforms_changed_cb), self, G_CONNECT_DEFAULT);
  mirror_health (self);

  g_signal_connect_object (settings, "changed::run-in-background",
                           G_CALLBACK (on_background_setting_changed_cb), self, G_CONNECT_DEFAULT);
  g_signal_connect_object (settings, "changed::autostart",
                           G_CALLBACK (on_background_setting_changed_cb), self, G_CONNECT_DEFAULT);
  apply_background_settings (self, NULL);

  if (self->catalog_file == NULL)
    watch_user_catalog (self);

  self->monitor_start_source = g_timeout_add_once (MONITOR_START_DELAY_MS, start_monitor_cb, self);
}

/* The monitor is exported before the application's name is taken: whoever sees the name
 * finds the objects. */
static gboolean
lf_service_dbus_register (GApplication     *app,
                          GDBusConnection  *connection,
                          const char       *object_path,
                          GError          **error)
{
  LfService *self = LF_SERVICE (app);
  g_autofree char *path = g_strconcat (object_path, LF_LAUNCHER_MONITOR_PATH, NULL);

  if (!G_APPLICATION_CLASS (lf_service_parent_class)->dbus_register (app, connection,
                                                                    object_path, error))
    return FALSE;

  g_clear_object (&self->export);
  self->export = lf_monitor_export_new (connection, path, lf_context_get_monitor (self->context));

  return TRUE;
}

static void
lf_service_dbus_unregister (GApplication    *app,
                            GDBusConnection *connection,
                            const char      *object_path)
{
  LfService *self = LF_SERVICE (app);

  g_clear_object (&self->export);

  G_APPLICATION_CLASS (lf_service_parent_class)->dbus_unregister (app, connection, object_path);
}

static void
lf_service_shutdown (GApplication *app)
{
  LfService *self = LF_SERVICE (app);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->monitor_start_source, g_source_remove);
  g_clear_handle_id (&self->window_watch, g_bus_unwatch_name);
  g_clear_object (&self->export);
  g_clear_object (&self->tray);
  lf_context_shutdown (self->context);

  G_APPLICATION_CLASS (lf_service_parent_class)->shutdown (app);
}

static void
lf_service_activate (GApplication *app)
{
  LfService *self = LF_SERVICE (app);

  /* Without a session bus there is no monitor to share: the window's program runs alone,
   * with its own monitor, tray-less, as one process (same process id, same argv). */
  if (g_application_get_dbus_connection (app) == NULL && self->argv != NULL)
    {
      g_autofree char *gui = lf_launcher_find_gui ();
      int saved;

      lf_context_shutdown (self->context);
      execv (gui, self->argv);
      saved = errno;
      /* Translators: %s is a program's path, then the reason it cannot run */
      g_printerr (_("lifeline: cannot start %s: %s\n"), gui, g_strerror (saved));
      return;
    }

  lf_service_open_window (self, NULL, NULL, self->activation_token);
}

/* Remember the activation token of the request (a launcher, a notification): the window
 * that a request opens needs it for focus on Wayland. */
static void
lf_service_before_emit (GApplication *app,
                        GVariant     *platform_data)
{
  LfService *self = LF_SERVICE (app);
  const char *token = NULL;

  G_APPLICATION_CLASS (lf_service_parent_class)->before_emit (app, platform_data);

  g_clear_pointer (&self->activation_token, g_free);
  if (g_variant_lookup (platform_data, "activation-token", "&s", &token)
      || g_variant_lookup (platform_data, "desktop-startup-id", "&s", &token))
    self->activation_token = g_strdup (token);
}

static void
lf_service_after_emit (GApplication *app,
                       GVariant     *platform_data)
{
  LfService *self = LF_SERVICE (app);

  g_clear_pointer (&self->activation_token, g_free);

  G_APPLICATION_CLASS (lf_service_parent_class)->after_emit (app, platform_data);
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_service_dispose (GObject *object)
{
  LfService *self = LF_SERVICE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->monitor_start_source, g_source_remove);
  g_clear_handle_id (&self->catalog_source, g_source_remove);
  g_clear_handle_id (&self->window_watch, g_bus_unwatch_name);
  g_clear_object (&self->catalog_monitor);
  g_clear_object (&self->export);
  g_clear_object (&self->tray);
  g_clear_object (&self->notifier);
  g_clear_object (&self->background);
  g_clear_object (&self->window);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lf_service_parent_class)->dispose (object);
}

static void
lf_service_finalize (GObject *object)
{
  LfService *self = LF_SERVICE (object);

  g_free (self->window_owner);
  g_free (self->catalog_file);
  g_free (self->pending_action);
  g_free (self->pending_target);
  g_free (self->pending_token);
  g_free (self->activation_token);

  G_OBJECT_CLASS (lf_service_parent_class)->finalize (object);
}

static void
lf_service_class_init (LfServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = lf_service_dispose;
  object_class->finalize = lf_service_finalize;

  app_class->handle_local_options = lf_service_handle_local_options;
  app_class->startup = lf_service_startup;
  app_class->shutdown = lf_service_shutdown;
  app_class->activate = lf_service_activate;
  app_class->before_emit = lf_service_before_emit;
  app_class->dbus_register = lf_service_dbus_register;
  app_class->dbus_unregister = lf_service_dbus_unregister;
  app_class->after_emit = lf_service_after_emit;
}

static void
lf_service_init (LfService *self)
{
  self->started_at = g_get_real_time () / G_USEC_PER_SEC;
  lf_cli_add_main_options (G_APPLICATION (self));
  self->context = lf_context_new ();
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_service_new:
 * @argv: (nullable): main()'s argument vector, valid for the service's lifetime
 *
 * Returns: (transfer full): the `lifeline` program, to run with g_application_run()
 */
LfService *
lf_service_new (char * const *argv)
{
  LfService *self = g_object_new (LF_TYPE_SERVICE,
                                  "application-id", APP_ID,
                                  "flags", G_APPLICATION_DEFAULT_FLAGS,
                                  NULL);

  self->argv = argv;

  return self;
}

/**
 * lf_service_get_context:
 *
 * Returns: (transfer none): the monitor's context
 */
LfContext *
lf_service_get_context (LfService *self)
{
  g_return_val_if_fail (LF_IS_SERVICE (self), NULL);

  return self->context;
}

/**
 * lf_service_get_tray:
 *
 * Returns: (transfer none) (nullable): the tray icon, %NULL without a session bus
 */
LfTray *
lf_service_get_tray (LfService *self)
{
  g_return_val_if_fail (LF_IS_SERVICE (self), NULL);

  return self->tray;
}

/**
 * lf_service_get_notifier:
 *
 * Returns: (transfer none) (nullable): the notifier (set up at startup)
 */
LfNotifier *
lf_service_get_notifier (LfService *self)
{
  g_return_val_if_fail (LF_IS_SERVICE (self), NULL);

  return self->notifier;
}

/**
 * lf_service_get_window_pid:
 *
 * Returns: the window's process id, 0 when none runs
 */
GPid
lf_service_get_window_pid (LfService *self)
{
  const char *id;

  g_return_val_if_fail (LF_IS_SERVICE (self), 0);

  if (self->window == NULL)
    return 0;

  id = g_subprocess_get_identifier (self->window);
  return id != NULL ? (GPid) g_ascii_strtoll (id, NULL, 10) : 0;
}

/**
 * lf_service_get_held_for_background:
 *
 * Returns: whether the monitor keeps running without a window
 */
gboolean
lf_service_get_held_for_background (LfService *self)
{
  g_return_val_if_fail (LF_IS_SERVICE (self), FALSE);

  return self->held_for_background;
}

/**
 * lf_service_open_window:
 * @action: (nullable): the window's app.* action to run, e.g. "open-platform"; %NULL to
 *   show the window as it is
 * @target: (nullable): the action's string parameter
 * @activation_token: (nullable): the request's activation token (focus on Wayland)
 *
 * Shows the window (starting its process when none runs) and has it run @action.
 */
void
lf_service_open_window (LfService  *self,
                        const char *action,
                        const char *target,
                        const char *activation_token)
{
  g_return_if_fail (LF_IS_SERVICE (self));

  if (action == NULL)
    action = "show-window", target = NULL;

  g_debug ("window: %s(%s) — %s", action, target != NULL ? target : "",
           self->window_owner != NULL ? "asking the running window"
           : self->window != NULL ? "once the starting window is on the bus"
           : "starting the window");

  if (self->window_owner != NULL)
    activate_in_window (self, action, target, activation_token);
  else if (self->window != NULL)
    set_pending (self, action, target, activation_token);
  else
    start_window (self, action, target, activation_token);
}
