/* test-application-background.c — life in the background: closing, tray, service start
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-application.h"
#include "lf-autostart.h"
#include "lf-test-utils.h"
#include "lf-window.h"

/* Under Xvfb with a private bus; a fake StatusNotifierWatcher (a second connection, served
 * from this thread, so every call to the application is asynchronous) plays the tray host. */

static const char watcher_xml[] =
  "<node>"
  "  <interface name='org.kde.StatusNotifierWatcher'>"
  "    <method name='RegisterStatusNotifierItem'>"
  "      <arg name='service' type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static LfApplication *app;
static GDBusConnection *host_conn;
static char *registered_sender;
static guint n_check_now;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
watcher_method_call (GDBusConnection       *connection,
                     const char            *sender,
                     const char            *object_path,
                     const char            *interface_name,
                     const char            *method_name,
                     GVariant              *parameters,
                     GDBusMethodInvocation *invocation,
                     gpointer               user_data)
{
  g_free (registered_sender);
  registered_sender = g_strdup (sender);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable watcher_vtable = { watcher_method_call, NULL, NULL };

static void
start_watcher (void)
{
  host_conn = lf_test_bus_serve ("org.kde.StatusNotifierWatcher", "/StatusNotifierWatcher",
                                 watcher_xml, &watcher_vtable, NULL);
}

/* An asynchronous call from the fake host, spinning the main context until it is answered. */
static GVariant *
host_call (const char *dest,
           const char *path,
           const char *iface,
           const char *method,
           GVariant   *params)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply = lf_test_bus_call (host_conn, dest, path, iface, method, params, NULL, &error);

  g_assert_no_error (error);
  return reply;
}

static void
tray_call (const char *method,
           GVariant   *params)
{
  GDBusConnection *conn = g_application_get_dbus_connection (G_APPLICATION (app));
  g_autoptr(GVariant) reply = NULL;

  reply = host_call (g_dbus_connection_get_unique_name (conn), "/StatusNotifierItem",
                     "org.kde.StatusNotifierItem", method, params);
}

static char *
app_object_path (void)
{
  g_autofree char *path = g_strconcat ("/", APP_ID, NULL);

  return g_strdelimit (g_steal_pointer (&path), ".", '/');
}

static GtkWindow *
main_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      if (LF_IS_WINDOW (l->data))
        return l->data;
    }
  return NULL;
}

static gboolean
window_is_visible (gpointer data)
{
  GtkWindow *window = main_window ();

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static gboolean
window_is_hidden (gpointer data)
{
  GtkWindow *window = main_window ();

  return window == NULL || !gtk_widget_get_visible (GTK_WIDGET (window));
}

static gboolean
tray_is_available (gpointer data)
{
  LfTray *tray = lf_application_get_tray (app);

  return tray != NULL && lf_tray_get_available (tray);
}

static gboolean
autostart_exists (gpointer data)
{
  return lf_autostart_is_enabled () == GPOINTER_TO_INT (data);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

static gboolean
tray_registered (gpointer data)
{
  return registered_sender != NULL;
}

static void
on_check_now_activate_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  n_check_now++;
}

static void
wait_check_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_check_finish (G_SUBPROCESS (object), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

static void
test_service_start (void)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GVariant) introspection = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = app_object_path ();
  const char *xml = NULL;
  gboolean done = FALSE;

  /* Started at login (or by D-Bus activation) with run-in-background on: no window, but the
   * tray item registers with the host. */
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, lf_test_get_binary (),
                           "--gapplication-service", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (proc, NULL, wait_check_cb, &done);
  g_assert_true (lf_test_wait_for (tray_registered, NULL, 15000));

  /* It holds itself: still running after GApplication's 10 s service inactivity timeout. */
  lf_test_wait_for (never, NULL, 11000);
  g_assert_false (done);

  /* GtkApplication exports every window under <app path>/window/<n>: there is none. */
  introspection = host_call (APP_ID, path, "org.freedesktop.DBus.Introspectable", "Introspect",
                             NULL);
  g_variant_get (introspection, "(&s)", &xml);
  g_assert_null (strstr (xml, "<node name=\"window\""));

  /* Quit through the same path a desktop-file action takes. */
  reply = host_call (APP_ID, path, "org.freedesktop.Application", "ActivateAction",
                     g_variant_new ("(s@av@a{sv})", "quit",
                                    g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0),
                                    g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)));
  lf_test_wait_for_flag (&done, 10000);
  g_clear_pointer (&registered_sender, g_free);
}

static void
test_close_keeps_running (void)
{
  GSettings *settings = lf_application_get_settings (app);
  GtkWindow *window;

  g_assert_true (g_settings_get_boolean (settings, "run-in-background"));
  g_assert_true (lf_test_wait_for (tray_is_available, NULL, 5000));

  g_application_activate (G_APPLICATION (app));
  g_assert_true (lf_test_wait_for (window_is_visible, NULL, 5000));
  window = main_window ();
  g_assert_false (lf_application_get_held_for_background (app));

  /* Closing hides the window; the application holds itself (once). */
  gtk_window_close (window);
  g_assert_true (lf_test_wait_for (window_is_hidden, NULL, 5000));
  g_assert_true (main_window () == window);
  g_assert_true (lf_application_get_held_for_background (app));

  /* The tray icon brings the same window back, and a second click hides it again. */
  tray_call ("ProvideXdgActivationToken", g_variant_new ("(s)", "test-token"));
  tray_call ("Activate", g_variant_new ("(ii)", 10, 20));
  g_assert_true (lf_test_wait_for (window_is_visible, NULL, 5000));
  g_assert_true (main_window () == window);
  tray_call ("Activate", g_variant_new ("(ii)", 10, 20));
  g_assert_true (lf_test_wait_for (window_is_hidden, NULL, 5000));
  g_assert_true (lf_application_get_held_for_background (app));
  tray_call ("Activate", g_variant_new ("(ii)", 10, 20));
  g_assert_true (lf_test_wait_for (window_is_visible, NULL, 5000));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  /* Turning the setting off lets a closed window really close. */
  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_assert_false (lf_application_get_held_for_background (app));
  g_assert_false (gtk_window_get_hide_on_close (window));
  gtk_window_close (window);
  g_assert_true (lf_test_wait_for (window_is_hidden, NULL, 5000));
  g_assert_null (main_window ());
  g_assert_false (lf_application_get_held_for_background (app));

  /* On again: a hidden window and a hold; off while hidden: the window goes away. */
  g_settings_set_boolean (settings, "run-in-background", TRUE);
  g_application_activate (G_APPLICATION (app));
  g_assert_true (lf_test_wait_for (window_is_visible, NULL, 5000));
  gtk_window_close (main_window ());
  g_assert_true (lf_application_get_held_for_background (app));
  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_assert_null (main_window ());
  g_assert_false (lf_application_get_held_for_background (app));
  g_settings_set_boolean (settings, "run-in-background", TRUE);
}

static void
test_actions_route_to_pages (void)
{
  struct { const char *action; const char *target; const char *page; } cases[] = {
    { "notify-clients", "", "notices" },
    { "start-checklist", "upwork", "checklist" },
    { "open-platform", "upwork", "health" },
  };
  g_auto(GStrv) accels = NULL;
  g_autofree char *path = app_object_path ();
  g_autoptr(GVariant) reply = NULL;
  GAction *check_now;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (main_window () != NULL)
        gtk_widget_set_visible (GTK_WIDGET (main_window ()), FALSE);
      g_action_group_activate_action (G_ACTION_GROUP (app), cases[i].action,
                                      g_variant_new_string (cases[i].target));
      g_assert_true (lf_test_wait_for (window_is_visible, NULL, 5000));
      g_assert_cmpstr (lf_window_get_visible_page (LF_WINDOW (main_window ())), ==,
                       cases[i].page);
    }

  /* Check now: Ctrl+R and F5, the tray's middle click, and the hook the monitor connects. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.check-now");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>r"));
  g_assert_true (g_strv_contains ((const char * const *) accels, "F5"));
  check_now = g_action_map_lookup_action (G_ACTION_MAP (app), "check-now");
  g_signal_connect (check_now, "activate", G_CALLBACK (on_check_now_activate_cb), NULL);
  lf_application_check_now (app);
  g_assert_cmpuint (n_check_now, ==, 1);
  tray_call ("SecondaryActivate", g_variant_new ("(ii)", 0, 0));
  g_assert_cmpuint (n_check_now, ==, 2);

  /* The desktop file's "Check Now" action, as a launcher activates it over D-Bus. */
  reply = host_call (APP_ID, path, "org.freedesktop.Application", "ActivateAction",
                     g_variant_new ("(s@av@a{sv})", "check-now",
                                    g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0),
                                    g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)));
  g_assert_cmpuint (n_check_now, ==, 3);
}

static void
test_health_reaches_tray (void)
{
  const char *problems[] = { "Upwork — Down", NULL };
  LfTray *tray = lf_application_get_tray (app);

  g_assert_nonnull (tray);
  g_assert_nonnull (lf_application_get_notifier (app));
  lf_application_update_health (app, LF_STATE_DOWN, LF_DIAGNOSIS_PLATFORM_OUTAGE,
                                "Upwork is down", "Upwork does not answer", problems);
  g_assert_cmpstr (lf_tray_get_icon_name (tray), ==, APP_ID "-down-symbolic");
  lf_application_update_health (app, LF_STATE_UP, LF_DIAGNOSIS_ALL_CLEAR, "All clear", NULL,
                                NULL);
  g_assert_cmpstr (lf_tray_get_icon_name (tray), ==, APP_ID "-ok-symbolic");
}

static void
test_notify_on_follows_settings (void)
{
  GSettings *settings = lf_application_get_settings (app);
  LfNotifier *notifier = lf_application_get_notifier (app);

  g_settings_set_string (settings, "notify-on", "degraded");
  g_assert_cmpstr (lf_notifier_get_notify_on (notifier), ==, "degraded");
  g_settings_set_string (settings, "notify-on", "down");
  g_assert_cmpstr (lf_notifier_get_notify_on (notifier), ==, "down");
}

static void
test_autostart_setting (void)
{
  GSettings *settings = lf_application_get_settings (app);
  g_autofree char *path = lf_autostart_get_path ();

  /* Natively the entry is written by the app itself, in the (isolated) config dir. */
  g_assert_true (g_str_has_prefix (path, g_get_user_config_dir ()));
  g_assert_false (lf_autostart_is_enabled ());
  g_settings_set_boolean (settings, "autostart", TRUE);
  g_assert_true (lf_test_wait_for (autostart_exists, GINT_TO_POINTER (TRUE), 5000));
  g_settings_set_boolean (settings, "autostart", FALSE);
  g_assert_true (lf_test_wait_for (autostart_exists, GINT_TO_POINTER (FALSE), 5000));
}

static void
test_start_app (void)
{
  g_autoptr(GError) error = NULL;

  app = lf_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (app)));
  g_application_hold (G_APPLICATION (app));
  g_assert_true (lf_test_wait_for (tray_is_available, NULL, 5000));
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  int ret;

  lf_test_init (&argc, &argv);

  if (!lf_test_have_display ())
    {
      g_test_add_func ("/lifeline/skipped", lf_test_skip_no_display);
      return g_test_run ();
    }

  bus = lf_test_dbus_up ();
  start_watcher ();
  /* Connect to the X server now: when the service-start child, its only other client, quits,
   * Xvfb resets, and a first connection made during the reset fails. */
  gtk_init ();

  /* The service start runs first: it needs the application id free on the bus. */
  g_test_add_func ("/lifeline/application-background/service-start", test_service_start);
  g_test_add_func ("/lifeline/application-background/start", test_start_app);
  g_test_add_func ("/lifeline/application-background/close-keeps-running",
                   test_close_keeps_running);
  g_test_add_func ("/lifeline/application-background/actions", test_actions_route_to_pages);
  g_test_add_func ("/lifeline/application-background/health-reaches-tray",
                   test_health_reaches_tray);
  g_test_add_func ("/lifeline/application-background/notify-on", test_notify_on_follows_settings);
  g_test_add_func ("/lifeline/application-background/autostart", test_autostart_setting);

  ret = g_test_run ();

  if (app != NULL)
    g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  g_clear_object (&host_conn);
  lf_test_dbus_stop (bus);

  return ret;
}
