/* lf-service.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-service"

#include "config.h"

#include "lf-service.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <unistd.h>

#include "lf-cli.h"
#include "lf-desktop-session.h"
#include "lf-launcher.h"
#include "lf-monitor-export.h"

/* `lifeline` is two things, neither of which loads GTK (docs/background.md):
 *
 *   - the command line: every command-line operation runs here and exits, as before;
 *   - otherwise the *background monitor*: the one process that owns the application's bus
 *     name, runs the LfContext's monitor, the history and the incident bridge, follows the
 *     catalog and plan files the window edits (lf_context_follow_files()), and shows the
 *     health in the tray and in notifications (LfDesktopSession, the same as the window's).
 *     It exports the monitor on D-Bus (lf-monitor-export.c) for the window.
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

  LfDesktopSession *session;         /* the tray, the notifications, the portal */
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
};

G_DEFINE_FINAL_TYPE (LfService, lf_service, G_TYPE_APPLICATION)

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

/* run-in-background keeps the monitor when no window runs (the session asks the portal). */
static void
apply_background_settings (LfService *self)
{
  hold_for_background (self, g_settings_get_boolean (get_settings (self), "run-in-background"));
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

/* A click on the icon toggles the window: it closes an open one (its process ends). */
static void
on_tray_activate_cb (LfDesktopSession *session,
                     const char       *token,
                     LfService        *self)
{
  if (self->window_owner != NULL)
    activate_in_window (self, "toggle-window", NULL, token);
  else
    lf_service_open_window (self, NULL, NULL, token);
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
  const char *catalog_file = NULL;
  int status = lf_cli_handle_app_options (options, self->context, &catalog_file);

  if (status != LF_CLI_CONTINUE)
    return status;

  /* `lifeline --catalog FILE`: the window it starts watches that catalog too. */
  if (catalog_file != NULL)
    {
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

  G_APPLICATION_CLASS (lf_service_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), service_actions,
                                   G_N_ELEMENTS (service_actions), self);

  self->cancellable = g_cancellable_new ();
  if (connection != NULL)
    {
      g_autofree char *window_name = window_bus_name ();

      self->window_watch = g_bus_watch_name_on_connection (connection, window_name,
                                                           G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                           on_window_appeared_cb,
                                                           on_window_vanished_cb, self, NULL);
    }

  /* This process shows the real health: the tray, the notifications, the portal. */
  self->session = lf_desktop_session_new (app, self->context, settings, TRUE);
  g_signal_connect_object (self->session, "activate", G_CALLBACK (on_tray_activate_cb), self,
                           G_CONNECT_DEFAULT);
  g_signal_connect_object (settings, "changed::run-in-background",
                           G_CALLBACK (apply_background_settings), self, G_CONNECT_SWAPPED);
  apply_background_settings (self);

  /* It probes while the window edits the platform list and the plan: it follows both. */
  lf_context_follow_files (self->context);
  lf_desktop_session_start_monitor (self->session, LF_DESKTOP_SESSION_START_DELAY_MS);
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
  g_clear_handle_id (&self->window_watch, g_bus_unwatch_name);
  g_clear_object (&self->export);
  if (self->session != NULL)
    lf_desktop_session_shutdown (self->session);
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
  g_clear_handle_id (&self->window_watch, g_bus_unwatch_name);
  g_clear_object (&self->export);
  g_clear_object (&self->session);
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

  return self->session != NULL ? lf_desktop_session_get_tray (self->session) : NULL;
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

  return self->session != NULL ? lf_desktop_session_get_notifier (self->session) : NULL;
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
