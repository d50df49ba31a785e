/* lf-application.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-application"

#include "config.h"

#include "lf-application.h"
#include "lf-application-private.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "lf-cli.h"
#include "lf-desktop-session.h"
#include "lf-launcher.h"
#include "lf-toast.h"
#include "lf-window.h"

/* The graphical front end: one LfContext (core), the desktop integration (tray,
 * notifications, the portal, the preferences bound onto the monitor: LfDesktopSession,
 * app/desktop/lf-desktop-session.c, the same as the background monitor's) following what the
 * context shows, the window's life in the background, and the app.* actions
 * (lf-application-actions.c). Windows get the context; nothing below reaches back up here.
 *
 * It runs in one of two ways (docs/background.md):
 *
 *   - the window's process (lf_application_new_window(), what the background monitor starts):
 *     the context's monitor mirrors the background monitor over D-Bus, there is no tray, no
 *     notification of the real health (a drill played here still notifies) and no background
 *     life of its own; it owns APP_ID + ".Window" so that the monitor can ask it for a page,
 *     and it ends when its window closes or the monitor goes;
 *   - alone (lf_application_new(): without a session bus, and in tests): everything in one
 *     process, as before the split. */

struct _LfApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  LfContext      *context;

  /* Desktop integration (app/desktop/): tray, notifications, portal, drills */
  LfDesktopSession *session;
  GCancellable   *cancellable;
  gboolean        held_for_background;  /* one g_application_hold() while it runs windowless */

  guint           trim_source;

  /* the window's process */
  gboolean        window_only;
  guint           window_name_id;   /* owns APP_ID + LF_LAUNCHER_WINDOW_NAME_SUFFIX */
  guint           monitor_watch;    /* the background monitor's name */
  gboolean        monitor_seen;
  guint           tray_host_watch;  /* org.kde.StatusNotifierWatcher: the monitor's icon shows */
  gboolean        tray_host_present;
};

G_DEFINE_FINAL_TYPE (LfApplication, lf_application, ADW_TYPE_APPLICATION)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* The main window, shown or hidden in the background. */
static GtkWindow *
find_main_window (LfApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (LF_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

static LfWindow *
get_or_create_window (LfApplication *self)
{
  GtkWindow *window = find_main_window (self);
  const char *problem = lf_context_get_catalog_problem (self->context);

  if (window == NULL)
    {
      window = GTK_WINDOW (lf_window_new (GTK_APPLICATION (self), self->context,
                                          lf_application_get_settings (self)));
      if (problem != NULL)
        lf_toast_show (GTK_WIDGET (window), problem);
    }

  return LF_WINDOW (window);
}

static gboolean
runs_in_background (LfApplication *self)
{
  return g_settings_get_boolean (lf_application_get_settings (self), "run-in-background");
}

static void
hold_for_background (LfApplication *self)
{
  if (self->held_for_background)
    return;

  self->held_for_background = TRUE;
  g_application_hold (G_APPLICATION (self));
}

static void
release_for_background (LfApplication *self)
{
  if (!self->held_for_background)
    return;

  self->held_for_background = FALSE;
  g_application_release (G_APPLICATION (self));
}

LfWindow *
lf_application_present_window (LfApplication *self,
                               const char    *page,
                               const char    *startup_id)
{
  LfWindow *window = LF_WINDOW (find_main_window (self));

  if (window == NULL)
    window = get_or_create_window (self);
  if (page != NULL)
    lf_window_show_page (window, page);
  /* Wayland compositors give focus only with the host's activation token. */
  if (startup_id != NULL && *startup_id != '\0')
    gtk_window_set_startup_id (GTK_WINDOW (window), startup_id);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

/* Applies run-in-background: the hold and hide-on-close of the main window (the desktop
 * session asks the portal, or writes the autostart entry). */
static void
apply_background_settings (LfApplication *self)
{
  gboolean background = runs_in_background (self);
  GtkWindow *window = find_main_window (self);

  if (window != NULL)
    gtk_window_set_hide_on_close (window, background);

  if (!background)
    {
      /* A window hidden in the background has nothing left to bring it back. */
      if (window != NULL && !gtk_widget_get_visible (GTK_WIDGET (window)))
        gtk_window_destroy (window);
      release_for_background (self);
    }
}

/* Once the window is hidden (running in the background), give the memory its widgets freed
 * back to the system: the background process should weigh little. */
static void
trim_memory_cb (gpointer user_data)
{
  LfApplication *self = user_data;

  self->trim_source = 0;
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

static void
on_window_hide_cb (GtkWidget     *window,
                   LfApplication *self)
{
  g_clear_handle_id (&self->trim_source, g_source_remove);
  self->trim_source = g_timeout_add_once (2000, trim_memory_cb, self);
}

static void
on_health_window_added_cb (GtkApplication *app,
                           GtkWindow      *window,
                           LfApplication  *self)
{
  if (LF_IS_WINDOW (window))
    g_signal_connect_object (window, "hide", G_CALLBACK (on_window_hide_cb), self,
                             G_CONNECT_DEFAULT);
}

static void on_tray_activate_cb (LfDesktopSession *session,
                                 const char       *token,
                                 LfApplication    *self);

/* The one context for the whole application, also without a window (--gapplication-service).
 * Nothing here blocks: the catalog is parsed from memory, the files are read async, and the
 * first round starts shortly after, once a window has had time to paint. */
static void
setup_context (LfApplication *self)
{
  GDBusConnection *connection = g_application_get_dbus_connection (G_APPLICATION (self));

  /* The window's process shows the background monitor's findings, never probes itself. */
  if (self->window_only && connection != NULL)
    {
      g_autofree char *path = g_strconcat (g_application_get_dbus_object_path (G_APPLICATION (self)),
                                           LF_LAUNCHER_MONITOR_PATH, NULL);

      lf_context_follow_remote (self->context, connection,
                                g_application_get_application_id (G_APPLICATION (self)), path);
    }

  /* The tray, the notifications and the portal show the real health here, but in the
   * window's process (the background monitor's do); a drill played here is shown either way. */
  self->session = lf_desktop_session_new (G_APPLICATION (self), self->context,
                                          lf_application_get_settings (self), !self->window_only);
  g_signal_connect_object (self->session, "activate", G_CALLBACK (on_tray_activate_cb), self,
                           G_CONNECT_DEFAULT);
  g_signal_connect_object (self, "window-added", G_CALLBACK (on_health_window_added_cb), self,
                           G_CONNECT_DEFAULT);
  lf_desktop_session_start_monitor (self->session, LF_DESKTOP_SESSION_START_DELAY_MS);
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
on_check_now_activate_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          LfApplication *self)
{
  lf_monitor_check_now (lf_context_get_active_monitor (self->context));
}

static gboolean
on_window_close_request_cb (GtkWindow     *window,
                            LfApplication *self)
{
  /* Runs before the class handler, which saves the size and, with hide-on-close, hides the
   * window instead of destroying it. Hold once, however often the window is closed. */
  if (gtk_window_get_hide_on_close (window))
    hold_for_background (self);

  return GDK_EVENT_PROPAGATE;
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    LfApplication  *self)
{
  if (!LF_IS_WINDOW (window))
    return;

  /* The window's process ends with its window: the background monitor stays. */
  if (self->window_only)
    return;

  gtk_window_set_hide_on_close (window, runs_in_background (self));
  g_signal_connect_object (window, "close-request", G_CALLBACK (on_window_close_request_cb),
                           self, G_CONNECT_DEFAULT);
}

static void
on_tray_activate_cb (LfDesktopSession *session,
                     const char       *token,
                     LfApplication    *self)
{
  GtkWindow *window = find_main_window (self);

  /* A click on the icon toggles the window. */
  if (window != NULL && gtk_widget_get_visible (GTK_WIDGET (window)))
    {
      if (gtk_window_get_hide_on_close (window))
        gtk_window_close (window);
      else
        gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
      return;
    }

  lf_application_present_window (self, NULL, token);
}

static void
on_monitor_appeared_cb (GDBusConnection *connection,
                        const char      *name,
                        const char      *owner,
                        gpointer         user_data)
{
  LfApplication *self = user_data;

  self->monitor_seen = TRUE;
}

/* The background monitor quit (the tray's Quit): the window goes with it. */
static void
on_monitor_vanished_cb (GDBusConnection *connection,
                        const char      *name,
                        gpointer         user_data)
{
  LfApplication *self = user_data;

  if (self->monitor_seen)
    g_application_quit (G_APPLICATION (self));
}

static void
on_tray_host_appeared_cb (GDBusConnection *connection,
                          const char      *name,
                          const char      *owner,
                          gpointer         user_data)
{
  LF_APPLICATION (user_data)->tray_host_present = TRUE;
}

static void
on_tray_host_vanished_cb (GDBusConnection *connection,
                          const char      *name,
                          gpointer         user_data)
{
  LF_APPLICATION (user_data)->tray_host_present = FALSE;
}

/* app.toggle-window (the window's process only): a click on the tray icon closes a shown
 * window (which ends this process, unless a drill still plays) and shows a closed one. */
static void
toggle_window_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkWindow *window = find_main_window (user_data);

  if (window != NULL && gtk_widget_get_visible (GTK_WIDGET (window)))
    gtk_window_close (window);
  else
    lf_application_present_window (user_data, NULL, NULL);
}

/* The window's process: the context mirrors the background monitor; the monitor finds this
 * process by its name. */
static const GActionEntry window_actions[] = {
  { "toggle-window", toggle_window_action },
};

static void
setup_window_process (LfApplication   *self,
                      GDBusConnection *connection)
{
  if (connection != NULL)
    {
      g_autofree char *name = g_strconcat (g_application_get_application_id (G_APPLICATION (self)),
                                           LF_LAUNCHER_WINDOW_NAME_SUFFIX, NULL);

      self->window_name_id = g_bus_own_name_on_connection (connection, name,
                                                           G_BUS_NAME_OWNER_FLAGS_NONE,
                                                           NULL, NULL, NULL, NULL);
      self->monitor_watch = g_bus_watch_name_on_connection (connection,
                                                            g_application_get_application_id (G_APPLICATION (self)),
                                                            G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                            on_monitor_appeared_cb,
                                                            on_monitor_vanished_cb, self, NULL);
      /* the monitor's tray icon shows when a host watches (what the preferences say) */
      self->tray_host_watch = g_bus_watch_name_on_connection (connection,
                                                              "org.kde.StatusNotifierWatcher",
                                                              G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                              on_tray_host_appeared_cb,
                                                              on_tray_host_vanished_cb, self,
                                                              NULL);
    }

  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);
  g_signal_connect_object (self, "window-added", G_CALLBACK (on_window_added_cb), self,
                           G_CONNECT_DEFAULT);
  setup_context (self);
  g_signal_connect_object (g_action_map_lookup_action (G_ACTION_MAP (self), "check-now"),
                           "activate", G_CALLBACK (on_check_now_activate_cb), self,
                           G_CONNECT_DEFAULT);
}

/* ------------------------------------------------------------------------ */
/* GApplication overrides                                                   */
/* ------------------------------------------------------------------------ */

static int
lf_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  int status = lf_cli_handle_app_options (options, LF_APPLICATION (app)->context, NULL);

  if (status != LF_CLI_CONTINUE)
    return status;

  return G_APPLICATION_CLASS (lf_application_parent_class)->handle_local_options (app, options);
}

static void
lf_application_startup (GApplication *app)
{
  LfApplication *self = LF_APPLICATION (app);
  GDBusConnection *connection;
  GSettings *settings;

  G_APPLICATION_CLASS (lf_application_parent_class)->startup (app);

  lf_application_add_actions (self);

  /* Desktop integration: tray icon, notifications, running in the background. */
  settings = lf_application_get_settings (self);
  connection = g_application_get_dbus_connection (app);
  self->cancellable = g_cancellable_new ();

  if (self->window_only)
    {
      setup_window_process (self, connection);
      return;
    }

  g_signal_connect_object (self, "window-added", G_CALLBACK (on_window_added_cb), self,
                           G_CONNECT_DEFAULT);
  setup_context (self);
  g_signal_connect_object (settings, "changed::run-in-background",
                           G_CALLBACK (apply_background_settings), self, G_CONNECT_SWAPPED);
  apply_background_settings (self);
  g_signal_connect_object (g_action_map_lookup_action (G_ACTION_MAP (self), "check-now"),
                           "activate", G_CALLBACK (on_check_now_activate_cb), self,
                           G_CONNECT_DEFAULT);

  /* Started at login or by D-Bus (--gapplication-service): no window, the tray and the
   * monitor keep running instead of quitting after GApplication's inactivity timeout. */
  if ((g_application_get_flags (app) & G_APPLICATION_IS_SERVICE) != 0 && runs_in_background (self))
    hold_for_background (self);
}

static void
lf_application_shutdown (GApplication *app)
{
  LfApplication *self = LF_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    lf_desktop_session_shutdown (self->session);
  g_clear_handle_id (&self->window_name_id, g_bus_unown_name);
  g_clear_handle_id (&self->monitor_watch, g_bus_unwatch_name);
  g_clear_handle_id (&self->tray_host_watch, g_bus_unwatch_name);
  lf_context_shutdown (self->context);

  G_APPLICATION_CLASS (lf_application_parent_class)->shutdown (app);
}

static void
lf_application_activate (GApplication *app)
{
  LfApplication *self = LF_APPLICATION (app);
  g_autofree char *action = g_strdup (g_getenv (LF_LAUNCHER_ENV_ACTION));
  g_autofree char *target = g_strdup (g_getenv (LF_LAUNCHER_ENV_TARGET));
  LfWindow *window = get_or_create_window (self);

  /* The background monitor started this window for a page (a notification, the tray). */
  if (self->window_only && action != NULL)
    {
      g_unsetenv (LF_LAUNCHER_ENV_ACTION);
      g_unsetenv (LF_LAUNCHER_ENV_TARGET);
      if (g_action_group_has_action (G_ACTION_GROUP (self), action))
        {
          g_action_group_activate_action (G_ACTION_GROUP (self), action,
                                          target != NULL ? g_variant_new_string (target) : NULL);
          return;
        }
    }

  gtk_window_present (GTK_WINDOW (window));
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_application_dispose (GObject *object)
{
  LfApplication *self = LF_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->trim_source, g_source_remove);
  g_clear_handle_id (&self->window_name_id, g_bus_unown_name);
  g_clear_handle_id (&self->monitor_watch, g_bus_unwatch_name);
  g_clear_handle_id (&self->tray_host_watch, g_bus_unwatch_name);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lf_application_parent_class)->dispose (object);
}

static void
lf_application_class_init (LfApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = lf_application_dispose;

  app_class->handle_local_options = lf_application_handle_local_options;
  app_class->startup = lf_application_startup;
  app_class->shutdown = lf_application_shutdown;
  app_class->activate = lf_application_activate;
}

static void
lf_application_init (LfApplication *self)
{
  lf_cli_add_main_options (G_APPLICATION (self));
  self->context = lf_context_new ();
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

LfApplication *
lf_application_new (void)
{
  return g_object_new (LF_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}

/**
 * lf_application_new_window:
 *
 * The window's process, started by the background monitor (`lifeline`): it mirrors that
 * monitor and ends with its window. Not unique: the monitor owns the application's name.
 *
 * Returns: (transfer full): the application
 */
LfApplication *
lf_application_new_window (void)
{
  LfApplication *self = g_object_new (LF_TYPE_APPLICATION,
                                      "application-id", APP_ID,
                                      "flags", G_APPLICATION_NON_UNIQUE,
                                      "resource-base-path", RESOURCE_BASE_PATH,
                                      NULL);

  self->window_only = TRUE;

  return self;
}

/**
 * lf_application_get_window_only:
 * @self: a #LfApplication
 *
 * Returns: whether this is the window's process, mirroring the background monitor
 */
gboolean
lf_application_get_window_only (LfApplication *self)
{
  g_return_val_if_fail (LF_IS_APPLICATION (self), FALSE);

  return self->window_only;
}

/**
 * lf_application_get_tray_host_present:
 * @self: a #LfApplication
 *
 * Returns: in the window's process, whether a tray host (a StatusNotifierWatcher) is there
 *   to show the background monitor's icon
 */
gboolean
lf_application_get_tray_host_present (LfApplication *self)
{
  g_return_val_if_fail (LF_IS_APPLICATION (self), FALSE);

  return self->tray_host_present;
}

/**
 * lf_application_get_context:
 * @self: a #LfApplication
 *
 * Returns: (transfer none): the application's one #LfContext: monitor, stores, drill
 */
LfContext *
lf_application_get_context (LfApplication *self)
{
  g_return_val_if_fail (LF_IS_APPLICATION (self), NULL);

  return self->context;
}

/**
 * lf_application_get_settings:
 * @self: a #LfApplication
 *
 * Returns: (transfer none): the application's settings, created on first use
 */
GSettings *
lf_application_get_settings (LfApplication *self)
{
  g_return_val_if_fail (LF_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    self->settings = g_settings_new (SCHEMA_ID);

  return self->settings;
}

/**
 * lf_application_check_now:
 * @self: a #LfApplication
 *
 * Asks for an immediate health check: activates app.check-now, whose ::activate signal the
 * application is connected to (the tray, Ctrl+R/F5 and the desktop file use the same path).
 */
void
lf_application_check_now (LfApplication *self)
{
  g_return_if_fail (LF_IS_APPLICATION (self));

  g_action_group_activate_action (G_ACTION_GROUP (self), "check-now", NULL);
}

/**
 * lf_application_update_health:
 * @self: a #LfApplication
 * @overall: the worst state of the watched platforms
 * @kind: the diagnosis
 * @title: the overall status in a few words, e.g. "Cloudflare outage"
 * @description: (nullable): the diagnosis in plain words
 * @problem_lines: (nullable) (array zero-terminated=1): "Upwork — Down", one per problem
 *
 * Mirrors the health in the tray icon and, in Flatpak, the background status.
 */
void
lf_application_update_health (LfApplication      *self,
                              LfState             overall,
                              LfDiagnosisKind     kind,
                              const char         *title,
                              const char         *description,
                              const char * const *problem_lines)
{
  g_return_if_fail (LF_IS_APPLICATION (self));
  g_return_if_fail (title != NULL);

  if (self->session != NULL)
    lf_desktop_session_set_status (self->session, overall, kind, title, description,
                                   problem_lines);
}

/**
 * lf_application_get_tray:
 * @self: a #LfApplication
 *
 * Returns: (transfer none) (nullable): the tray icon, %NULL without a session bus; whether a
 *   host shows it is #LfTray:available
 */
LfTray *
lf_application_get_tray (LfApplication *self)
{
  g_return_val_if_fail (LF_IS_APPLICATION (self), NULL);

  return self->session != NULL ? lf_desktop_session_get_tray (self->session) : NULL;
}

/**
 * lf_application_get_notifier:
 * @self: a #LfApplication
 *
 * Returns: (transfer none) (nullable): the notifier the real monitor's transitions go to
 *   (set up at startup)
 */
LfNotifier *
lf_application_get_notifier (LfApplication *self)
{
  g_return_val_if_fail (LF_IS_APPLICATION (self), NULL);

  return self->session != NULL ? lf_desktop_session_get_notifier (self->session) : NULL;
}

/**
 * lf_application_get_held_for_background:
 * @self: a #LfApplication
 *
 * Returns: whether Lifeline holds itself alive to run without a window
 */
gboolean
lf_application_get_held_for_background (LfApplication *self)
{
  g_return_val_if_fail (LF_IS_APPLICATION (self), FALSE);

  return self->held_for_background;
}

/**
 * lf_application_toast:
 * @self: a #LfApplication
 * @text: plain text
 *
 * Shows @text as a toast in the main window, if there is one.
 */
void
lf_application_toast (LfApplication *self,
                      const char    *text)
{
  GtkWindow *window = find_main_window (self);

  g_return_if_fail (LF_IS_APPLICATION (self));

  if (window != NULL)
    lf_toast_show (GTK_WIDGET (window), text);
}
