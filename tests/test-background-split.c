/* test-background-split.c — the GTK-free background monitor and the window's process
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>

#include "lf-application.h"
#include "lf-launcher.h"
#include "lf-monitor-remote.h"
#include "lf-test-server.h"
#include "lf-test-utils.h"
#include "lf-window.h"

/* Under Xvfb with a private bus: the real `lifeline --gapplication-service` (the GTK-free
 * monitor) runs as a child, probing platforms served on loopback by this process, with a
 * user catalog and keyfile settings in this test's own directories. A fake
 * org.gtk.Notifications server here records its notifications. The tests click its tray
 * icon (StatusNotifierItem.Activate), activate its actions as the tray menu and notifications
 * do, and look at the window: either this process's own window-mode LfApplication (so its
 * widgets can be read) or the lifeline-gui process the monitor starts. */

static char *app_path;      /* the application's object path, from APP_ID */
static char *monitor_path;  /* where the monitor exports its LfMonitor */
#define APP_PATH app_path

typedef struct
{
  LfTestServer    *server;
  GDBusConnection *host;          /* plays the desktop: notifications, calls to the monitor */
  GSubprocess     *service;
  GPtrArray       *notifications; /* "add ID", "remove ID" */
  LfMonitor       *observer;      /* what the monitor exports, seen from here */
  LfMonitorRemote *remote;
} Fixture;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* Calls into the monitor (another process, but it may call back here): iterate meanwhile. */
static GVariant *
call_sync (GDBusConnection    *connection,
           const char         *name,
           const char         *path,
           const char         *interface,
           const char         *method,
           GVariant           *parameters,
           const GVariantType *reply_type)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply = lf_test_bus_call (connection, name, path, interface, method, parameters,
                                      reply_type, &error);

  g_assert_no_error (error);
  return reply;
}

static void
activate_action (Fixture    *fixture,
                 const char *action,
                 const char *target)
{
  g_autoptr(GVariant) reply = NULL;
  GVariantBuilder parameter;

  g_variant_builder_init (&parameter, G_VARIANT_TYPE ("av"));
  if (target != NULL)
    g_variant_builder_add (&parameter, "v", g_variant_new_string (target));
  reply = call_sync (fixture->host, APP_ID, APP_PATH, "org.gtk.Actions", "Activate",
                     g_variant_new ("(sava{sv})", action, &parameter, NULL), NULL);
}

/* A click on the tray icon, as a StatusNotifierHost sends it. */
static void
click_tray (Fixture *fixture)
{
  g_autoptr(GVariant) reply = call_sync (fixture->host, APP_ID, "/StatusNotifierItem",
                                         "org.kde.StatusNotifierItem", "Activate",
                                         g_variant_new ("(ii)", 0, 0), NULL);
}

/* A click on the tray menu's item with that label (GetLayout, then Event "clicked"). */
static void
click_tray_item (Fixture    *fixture,
                 const char *label)
{
  g_autoptr(GVariant) layout = call_sync (fixture->host, APP_ID, "/MenuBar", "com.canonical.dbusmenu",
                                          "GetLayout",
                                          g_variant_new ("(ii@as)", 0, -1, g_variant_new_strv (NULL, 0)),
                                          G_VARIANT_TYPE ("(u(ia{sv}av))"));
  g_autoptr(GVariant) root = g_variant_get_child_value (layout, 1);
  g_autoptr(GVariant) children = g_variant_get_child_value (root, 2);
  g_autoptr(GVariant) reply = NULL;
  int id = -1;

  for (gsize i = 0; i < g_variant_n_children (children) && id < 0; i++)
    {
      g_autoptr(GVariant) boxed = g_variant_get_child_value (children, i);
      g_autoptr(GVariant) item = g_variant_get_variant (boxed);
      g_autoptr(GVariant) properties = g_variant_get_child_value (item, 1);
      const char *text = NULL;

      if (g_variant_lookup (properties, "label", "&s", &text) && g_strcmp0 (text, label) == 0)
        g_variant_get_child (item, 0, "i", &id);
    }
  g_assert_cmpint (id, >=, 0);

  reply = call_sync (fixture->host, APP_ID, "/MenuBar", "com.canonical.dbusmenu", "Event",
                     g_variant_new ("(isvu)", id, "clicked", g_variant_new_int32 (0), 0), NULL);
}

/* The tray menu's first line: the health in a few words. */
static char *
tray_title (Fixture *fixture)
{
  g_autoptr(GVariant) layout = call_sync (fixture->host, APP_ID, "/MenuBar", "com.canonical.dbusmenu",
                                          "GetLayout",
                                          g_variant_new ("(ii@as)", 0, -1, g_variant_new_strv (NULL, 0)),
                                          G_VARIANT_TYPE ("(u(ia{sv}av))"));
  g_autoptr(GVariant) root = g_variant_get_child_value (layout, 1);
  g_autoptr(GVariant) children = g_variant_get_child_value (root, 2);
  g_autoptr(GVariant) boxed = g_variant_get_child_value (children, 0);
  g_autoptr(GVariant) item = g_variant_get_variant (boxed);
  g_autoptr(GVariant) properties = g_variant_get_child_value (item, 1);
  char *label = NULL;

  g_assert_true (g_variant_lookup (properties, "label", "s", &label));
  return label;
}

static char *
name_owner (Fixture    *fixture,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  char *owner = NULL;

  /* to the bus daemon: safe to block */
  reply = g_dbus_connection_call_sync (fixture->host, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetNameOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(s)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  if (reply != NULL)
    g_variant_get (reply, "(s)", &owner);

  return owner;
}

static guint32
name_pid (Fixture    *fixture,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  guint32 pid = 0;

  reply = g_dbus_connection_call_sync (fixture->host, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(u)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  if (reply != NULL)
    g_variant_get (reply, "(u)", &pid);

  return pid;
}

static gboolean
maps_have (guint32     pid,
           const char *library)
{
  g_autofree char *path = g_strdup_printf ("/proc/%u/maps", pid);
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents (path, &maps, NULL, NULL));
  return strstr (maps, library) != NULL;
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static gboolean
observer_all_clear (gpointer data)
{
  Fixture *fixture = data;
  LfDiagnosis *diagnosis = lf_monitor_get_diagnosis (fixture->observer);

  return diagnosis != NULL && lf_diagnosis_get_kind (diagnosis) == LF_DIAGNOSIS_ALL_CLEAR
         && g_list_model_get_n_items (lf_monitor_get_platforms (fixture->observer)) == 2;
}

/* ------------------------------------------------------------------------ */
/* Fixture                                                                  */
/* ------------------------------------------------------------------------ */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *catalog = NULL;
  g_autofree char *catalog_path = NULL;
  g_autofree char *keyfile_path = NULL;
  const char * const platform_ids[] = { "alpha", "beta", NULL };

  fixture->notifications = g_ptr_array_new_with_free_func (g_free);

  /* the platforms and the references, on loopback */
  fixture->server = lf_test_server_new (FALSE);
  lf_test_server_respond (fixture->server, "/alpha", 200);
  lf_test_server_respond (fixture->server, "/beta", 200);

  /* the user's catalog replaces the built-in references (they are on the Internet) */
  catalog = lf_test_server_make_catalog (fixture->server, platform_ids);
  catalog_path = g_build_filename (g_get_user_config_dir (), "lifeline", "catalog.json", NULL);
  write_file (catalog_path, catalog);

  /* the settings both processes read (dconf's stand-in) */
  keyfile_path = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", "keyfile", NULL);
  write_file (keyfile_path,
              "[io/github/lifeline/Lifeline]\n"
              "watched-platforms=['alpha', 'beta']\n"
              "run-in-background=true\n");

  /* the desktop: a notification server */
  fixture->host = lf_test_notifications_serve (fixture->notifications);

  /* the background monitor, as autostart and D-Bus activation start it */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  fixture->service = g_subprocess_launcher_spawn (launcher, &error, lf_test_get_binary (),
                                                  "--gapplication-service", NULL);
  g_assert_no_error (error);

  /* what it exports, followed from here: it has checked both platforms */
  fixture->observer = lf_monitor_new (NULL, NULL);
  fixture->remote = lf_monitor_remote_new (fixture->observer, fixture->host, APP_ID,
                                           monitor_path);
  g_assert_true (lf_test_wait_for (observer_all_clear, fixture, 20000));
}

static gboolean
subprocess_gone (gpointer data)
{
  return g_subprocess_get_identifier (data) == NULL;
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->remote);
  g_clear_object (&fixture->observer);
  if (g_subprocess_get_identifier (fixture->service) != NULL)
    {
      g_subprocess_wait_async (fixture->service, NULL, wait_cb, NULL);
      g_subprocess_send_signal (fixture->service, SIGTERM);
      lf_test_wait_for (subprocess_gone, fixture->service, 5000);
    }
  g_clear_object (&fixture->service);
  g_dbus_connection_close_sync (fixture->host, NULL, NULL);
  g_clear_object (&fixture->host);
  g_clear_pointer (&fixture->notifications, g_ptr_array_unref);
  g_clear_pointer (&fixture->server, lf_test_server_free);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

static gboolean
plan_loaded (gpointer data)
{
  return lf_plan_get_loaded (data);
}

static gboolean
no_condition (gpointer data)
{
  return FALSE;
}

/* The monitor's incidents.json has an incident whose checklist has the step. */
static gboolean
incident_has_bank_step (gpointer data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "lifeline", "incidents.json",
                                            NULL);
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL)
         && strstr (contents, "\"call-the-bank\"") != NULL;
}

static gboolean
window_process_running (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *owner = name_owner (fixture, APP_ID LF_LAUNCHER_WINDOW_NAME_SUFFIX);

  return owner != NULL;
}

static gboolean
notified_beta (gpointer data)
{
  Fixture *fixture = data;

  return g_ptr_array_find_with_equal_func (fixture->notifications, "add platform-beta",
                                           g_str_equal, NULL);
}

static gboolean
observer_beta_down (gpointer data)
{
  Fixture *fixture = data;
  LfPlatformState *beta = lf_monitor_lookup_platform (fixture->observer, "beta");

  return beta != NULL && lf_platform_state_get_state (beta) == LF_STATE_DOWN;
}

static gboolean
observer_gamma_up (gpointer data)
{
  Fixture *fixture = data;
  LfPlatformState *gamma = lf_monitor_lookup_platform (fixture->observer, "gamma");

  return gamma != NULL && lf_platform_state_get_state (gamma) == LF_STATE_UP;
}

static gboolean
window_shown (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (data));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static gboolean
health_has_rows (gpointer data)
{
  LfHealthPage *page = data;

  return lf_health_page_get_n_rows (page) == 2
         && g_str_has_prefix (lf_health_page_get_banner_text (page), "All clear");
}

typedef struct
{
  LfHealthPage *page;
  LfMonitor    *observer;
  gint64        changed_at;
} RowWatch;

static const char *
row_text (LfHealthPage *page,
          const char   *platform_id)
{
  for (guint i = 0; i < lf_health_page_get_n_rows (page); i++)
    {
      LfPlatformRow *row = lf_health_page_get_row (page, i);

      if (g_str_equal (lf_platform_state_get_id (lf_platform_row_get_platform (row)), platform_id))
        return lf_platform_row_get_state_text (row);
    }

  return NULL;
}

static gboolean
beta_row_down (gpointer data)
{
  RowWatch *watch = data;
  const char *text = row_text (watch->page, "beta");

  if (text != NULL && strstr (text, "Down") != NULL && watch->changed_at == 0)
    watch->changed_at = g_get_real_time ();

  return watch->changed_at != 0;
}

/* The monitor's tray menu opens the window (here, this process's window-mode application,
 * which owns the window's name): it shows the monitor's diagnosis and platforms, not probes of its
 * own; Beta going down over there reaches its row within a second. */
static void
test_window_shows_the_monitor (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(LfApplication) app = lf_application_new_window ();
  g_autoptr(GError) error = NULL;
  const char * const watched[] = { "alpha", "beta", NULL };
  RowWatch watch = { 0 };
  LfPlatformState *beta;
  LfWindow *window;
  gint64 latency;
  guint alpha_hits;

  g_settings_set_strv (lf_application_get_settings (app), "watched-platforms", watched);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (app)));
  g_application_hold (G_APPLICATION (app));
  g_assert_true (lf_context_get_follows_remote (lf_application_get_context (app)));

  /* the window knows whether the monitor's tray icon can show: a host appears */
  g_assert_false (lf_application_get_tray_host_present (app));
  {
    g_autoptr(GError) own_error = NULL;
    g_autoptr(GVariant) reply = g_dbus_connection_call_sync (fixture->host, "org.freedesktop.DBus",
                                                             "/org/freedesktop/DBus",
                                                             "org.freedesktop.DBus", "RequestName",
                                                             g_variant_new ("(su)", "org.kde.StatusNotifierWatcher", 4),
                                                             G_VARIANT_TYPE ("(u)"),
                                                             G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                                             &own_error);

    g_assert_no_error (own_error);
  }
  g_assert_true (lf_test_wait_for ((gboolean (*) (gpointer)) lf_application_get_tray_host_present,
                                   app, 5000));

  /* this process owns the window's name; then click the tray icon */
  g_assert_true (lf_test_wait_for (window_process_running, fixture, 5000));
  alpha_hits = lf_test_server_get_hits (fixture->server, "/alpha");
  click_tray_item (fixture, "_Open Lifeline");
  g_assert_true (lf_test_wait_for (window_shown, app, 10000));
  window = LF_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  watch.page = lf_window_get_health_page (window);
  g_assert_true (lf_test_wait_for (health_has_rows, watch.page, 10000));
  g_assert_cmpstr (lf_diagnosis_get_summary (lf_monitor_get_diagnosis (lf_health_page_get_monitor (watch.page))),
                   ==, lf_diagnosis_get_summary (lf_monitor_get_diagnosis (fixture->observer)));
  /* nobody probed because a window opened */
  g_assert_cmpuint (lf_test_server_get_hits (fixture->server, "/alpha"), ==, alpha_hits);

  /* Beta goes down; "check now" in the window asks the monitor */
  lf_test_server_respond (fixture->server, "/beta", 503);
  lf_application_check_now (app);
  if (!lf_test_wait_for (beta_row_down, &watch, 20000))
    g_error ("beta: row says %s, the monitor %s, %u probes",
             row_text (watch.page, "beta"),
             lf_state_to_string (lf_platform_state_get_state (lf_monitor_lookup_platform (fixture->observer, "beta"))),
             lf_test_server_get_hits (fixture->server, "/beta"));
  /* the monitor's transition time is its state's "since" (as seen here, maybe a little later) */
  g_assert_true (lf_test_wait_for (observer_beta_down, fixture, 5000));
  beta = lf_monitor_lookup_platform (fixture->observer, "beta");
  latency = watch.changed_at - lf_platform_state_get_since (beta);
  g_test_message ("Beta's row showed it down %.1f ms after the monitor saw it", latency / 1000.0);
  g_assert_cmpint (latency, <, G_USEC_PER_SEC);
  g_assert_cmpuint (lf_test_server_get_hits (fixture->server, "/alpha"), >, alpha_hits);

  /* the monitor's notification: the window did not send one of its own */
  g_assert_true (lf_test_wait_for (notified_beta, fixture, 5000));

  /* (it keeps the window's name until this program ends: this test runs last) */
  gtk_window_destroy (GTK_WINDOW (window));
  g_application_release (G_APPLICATION (app));
}

static gboolean
process_gone (gpointer data)
{
  g_autofree char *path = g_strdup_printf ("/proc/%u", GPOINTER_TO_UINT (data));

  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

/* The monitor is GTK-free; a tray click starts the window's process (GTK), another closes
 * it and the process is gone; the tray and the notifications go on without it, and a check
 * needs no window. */
static void
test_window_process_comes_and_goes (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *title = NULL;
  guint32 service_pid = name_pid (fixture, APP_ID);
  guint32 window_pid;

  g_assert_cmpuint (service_pid, ==, (guint32) g_ascii_strtoull (g_subprocess_get_identifier (fixture->service), NULL, 10));
  g_assert_true (maps_have (service_pid, "libsoup-3.0.so"));
  g_assert_false (maps_have (service_pid, "libgtk-4.so"));
  g_assert_false (maps_have (service_pid, "libadwaita-1.so"));
  /* the tray's pixmaps were rendered at build time: no SVG renderer (librsvg, libxml2,
   * cairo: about 8 MB of private memory) in the monitor */
  g_assert_false (maps_have (service_pid, "librsvg-2.so"));
  g_assert_false (maps_have (service_pid, "libgdk_pixbuf-2.0.so"));
  g_assert_false (window_process_running (fixture));

  click_tray (fixture);
  g_assert_true (lf_test_wait_for (window_process_running, fixture, 20000));
  window_pid = name_pid (fixture, APP_ID LF_LAUNCHER_WINDOW_NAME_SUFFIX);
  g_assert_cmpuint (window_pid, !=, 0);
  g_assert_cmpuint (window_pid, !=, service_pid);
  g_assert_true (maps_have (window_pid, "libgtk-4.so"));

  /* every app.* action of the window reaches it through the monitor (notifications and the
   * tray activate them there), but the monitor's own toggle */
  {
    g_autoptr(GVariant) window_actions = call_sync (fixture->host, APP_ID LF_LAUNCHER_WINDOW_NAME_SUFFIX,
                                                    APP_PATH, "org.gtk.Actions", "List", NULL,
                                                    G_VARIANT_TYPE ("(as)"));
    g_autoptr(GVariant) service_actions = call_sync (fixture->host, APP_ID, APP_PATH,
                                                     "org.gtk.Actions", "List", NULL,
                                                     G_VARIANT_TYPE ("(as)"));
    g_autofree const char **names = NULL;
    g_autofree const char **offered = NULL;

    g_variant_get (window_actions, "(^a&s)", &names);
    g_variant_get (service_actions, "(^a&s)", &offered);
    g_assert_cmpuint (g_strv_length ((char **) names), >, 5);
    for (guint i = 0; names[i] != NULL; i++)
      if (!g_str_equal (names[i], "toggle-window")
          && !g_strv_contains (offered, names[i]))
        g_error ("the monitor does not offer the window's action %s", names[i]);
  }

  /* a second click closes the window: its process ends */
  click_tray (fixture);
  g_assert_true (lf_test_wait_for (process_gone, GUINT_TO_POINTER (window_pid), 10000));
  g_assert_false (window_process_running (fixture));

  /* the monitor stays, with its tray */
  g_assert_nonnull (g_subprocess_get_identifier (fixture->service));
  title = tray_title (fixture);
  g_assert_cmpstr (title, ==, "All clear");

  /* the window edits the plan (this process writes it as the window does): the outage the
   * monitor opens next takes the edited checklist */
  {
    g_autoptr(LfPlan) plan = lf_plan_new (NULL);
    g_autoptr(LfPlanStep) step = lf_plan_step_new ("call-the-bank", "Call the bank", NULL,
                                                   LF_PLAN_PHASE_RESPOND, LF_PLAN_ACTION_NONE,
                                                   NULL, NULL);
    g_autoptr(GError) error = NULL;

    lf_plan_load_async (plan, NULL, NULL, NULL);
    g_assert_true (lf_test_wait_for (plan_loaded, plan, 5000));
    lf_plan_add (plan, step, 0);
    g_assert_true (lf_plan_flush (plan, &error));
    g_assert_no_error (error);
    lf_test_wait_for (no_condition, NULL, 600);
  }

  /* the tray's "Check now" works without a window, and a notification comes */
  lf_test_server_respond (fixture->server, "/beta", 503);
  click_tray_item (fixture, "_Check Now");
  g_assert_true (lf_test_wait_for (notified_beta, fixture, 20000));
  g_free (title);
  title = tray_title (fixture);
  g_assert_cmpstr (title, ==, "Platform outage");
  g_assert_false (window_process_running (fixture));
  g_assert_true (lf_test_wait_for (incident_has_bank_step, NULL, 10000));

  /* the notification's action, which needs the window, opens it on that platform */
  activate_action (fixture, "open-platform", "beta");
  g_assert_true (lf_test_wait_for (window_process_running, fixture, 20000));
  /* the window adds a platform (the user's catalog, then the watched list): the monitor,
   * which probes, follows */
  {
    g_autofree char *catalog_path = g_build_filename (g_get_user_config_dir (), "lifeline",
                                                      "catalog.json", NULL);
    g_autofree char *keyfile_path = g_build_filename (g_get_user_config_dir (), "glib-2.0",
                                                      "settings", "keyfile", NULL);
    g_autofree char *catalog = NULL;
    g_autofree char *gamma = NULL;
    g_autofree char *base = lf_test_server_get_url (fixture->server, "/");
    g_autoptr(GString) edited = NULL;

    lf_test_server_respond (fixture->server, "/gamma", 200);
    g_assert_true (g_file_get_contents (catalog_path, &catalog, NULL, NULL));
    gamma = g_strdup_printf ("\"platforms\": [ { \"id\": \"gamma\", \"name\": \"Gamma\", "
                             "\"category\": \"marketplace\", \"probes\": [ { \"url\": "
                             "\"%sgamma\", \"method\": \"GET\" } ] },", base);
    edited = g_string_new (catalog);
    g_assert_cmpuint (g_string_replace (edited, "\"platforms\": [", gamma, 1), ==, 1);
    write_file (catalog_path, edited->str);
    write_file (keyfile_path,
                "[io/github/lifeline/Lifeline]\n"
                "watched-platforms=['alpha', 'beta', 'gamma']\n"
                "run-in-background=true\n");
    g_assert_true (lf_test_wait_for (observer_gamma_up, fixture, 20000));
  }
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  if (!lf_test_have_display ())
    {
      g_test_add_func ("/lifeline/skipped", lf_test_skip_no_display);
      return g_test_run ();
    }

  /* one private bus for the whole program, before GTK connects to the session bus */
  lf_test_dbus_up ();
  gtk_init ();
  adw_init ();
  app_path = g_strdelimit (g_strconcat ("/", APP_ID, NULL), ".", '/');
  monitor_path = g_strconcat (app_path, LF_LAUNCHER_MONITOR_PATH, NULL);

  g_test_add ("/lifeline/background-split/window-process-comes-and-goes", Fixture, NULL,
              fixture_set_up, test_window_process_comes_and_goes, fixture_tear_down);
  /* last: its window-mode application owns the window's name until the program ends */
  g_test_add ("/lifeline/background-split/window-shows-the-monitor", Fixture, NULL,
              fixture_set_up, test_window_shows_the_monitor, fixture_tear_down);

  return g_test_run ();
}
