/* test-desktop-session.c — one process's tray, notifications and next action, on a private bus
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-desktop-session.h"
#include "lf-test-server.h"
#include "lf-test-utils.h"

/* A registered GApplication on a private bus (GTestDBus) with the actions the tray's menu
 * offers, and an LfContext whose real monitor probes two platforms served on loopback by
 * this process (the user's catalog replaces the references, which are on the Internet). A
 * second connection plays the desktop: it is the org.gtk.Notifications server and the tray
 * host, which reads the StatusNotifierItem and its dbusmenu the way panels do. */

#define TEST_APP_ID "io.github.lifeline.Lifeline.SessionTest"

/* Alpha goes down in the middle of the drill, then comes back. */
static const char drill_xml[] =
  "<lifeline>"
  "  <drill id='alpha-down' duration='40' start='2026-01-01T09:00:00Z'"
  "         end='2026-01-01T09:40:00Z' platforms='alpha beta'>"
  "    <title>Alpha goes down</title>"
  "    <summary>Alpha stops answering for a while.</summary>"
  "    <phase time='2026-01-01T09:00:00Z'>"
  "      <note>Everything works.</note>"
  "      <answer targets='*' status='200' latency='100'/>"
  "      <status source='*' severity='operational'/>"
  "    </phase>"
  "    <phase time='2026-01-01T09:02:00Z'>"
  "      <note>Alpha fails.</note>"
  "      <answer targets='platform:alpha' status='503' cause='http-error' latency='100'/>"
  "      <answer targets='*' status='200' latency='100'/>"
  "      <status source='*' severity='operational'/>"
  "    </phase>"
  "    <phase time='2026-01-01T09:35:00Z'>"
  "      <note>Alpha is back.</note>"
  "      <answer targets='*' status='200' latency='100'/>"
  "      <status source='*' severity='operational'/>"
  "    </phase>"
  "  </drill>"
  "</lifeline>";

static GApplication *app;
static GDBusConnection *host;         /* the desktop */
static GPtrArray *notifications;      /* "add ID", "remove ID" */
static LfTestServer *server;
static char *catalog_path;

typedef struct
{
  LfContext        *context;
  GSettings        *settings;
  LfDesktopSession *session;
  guint             n_activate;
} Fixture;

/* ------------------------------------------------------------------------ */
/* The desktop                                                              */
/* ------------------------------------------------------------------------ */

static void
start_desktop (void)
{
  notifications = g_ptr_array_new_with_free_func (g_free);
  host = lf_test_notifications_serve (notifications);
}

/* The application answers in this thread: call asynchronously and spin meanwhile. */
static GVariant *
host_call (const char          *path,
           const char          *interface,
           const char          *method,
           GVariant            *parameters,
           const GVariantType  *reply_type,
           GError             **error)
{
  return lf_test_bus_call (host,
                           g_dbus_connection_get_unique_name (g_application_get_dbus_connection (app)),
                           path, interface, method, parameters, reply_type, error);
}

/* Every notification the application sent before has reached the server. */
static void
settle (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  /* a round trip from the application's connection, through the bus, to the host */
  reply = host_call ("/org/freedesktop/DBus", "org.freedesktop.DBus.Peer", "Ping", NULL, NULL,
                     &error);
  g_assert_no_error (error);
}

static gboolean
notified (const char *entry)
{
  return g_ptr_array_find_with_equal_func (notifications, entry, g_str_equal, NULL);
}

static gboolean
notified_cb (gpointer data)
{
  return notified (data);
}

/* The tray menu's labels as a host reads them (GetLayout), joined with "|". */
static char *
tray_menu (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) layout = host_call (LF_TRAY_MENU_PATH, "com.canonical.dbusmenu",
                                          "GetLayout",
                                          g_variant_new ("(ii@as)", 0, -1,
                                                         g_variant_new_strv (NULL, 0)),
                                          G_VARIANT_TYPE ("(u(ia{sv}av))"), &error);
  g_autoptr(GVariant) root = NULL;
  g_autoptr(GVariant) children = NULL;
  g_autoptr(GString) labels = g_string_new (NULL);

  g_assert_no_error (error);
  root = g_variant_get_child_value (layout, 1);
  children = g_variant_get_child_value (root, 2);
  for (gsize i = 0; i < g_variant_n_children (children); i++)
    {
      g_autoptr(GVariant) boxed = g_variant_get_child_value (children, i);
      g_autoptr(GVariant) item = g_variant_get_variant (boxed);
      g_autoptr(GVariant) properties = g_variant_get_child_value (item, 1);
      const char *label = NULL;

      if (g_variant_lookup (properties, "label", "&s", &label))
        g_string_append_printf (labels, "%s%s", labels->len > 0 ? "|" : "", label);
    }

  return g_string_free (g_steal_pointer (&labels), FALSE);
}

static gboolean
tray_menu_starts_with (gpointer data)
{
  g_autofree char *menu = tray_menu ();

  return g_str_has_prefix (menu, data);
}

/* ------------------------------------------------------------------------ */
/* Fixture                                                                  */
/* ------------------------------------------------------------------------ */

static void
on_activate_cb (LfDesktopSession *session,
                const char       *token,
                Fixture          *fixture)
{
  fixture->n_activate++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const watched[] = { "alpha", "beta", NULL };
  g_autoptr(GError) error = NULL;

  lf_test_server_respond (server, "/alpha", 200);
  lf_test_server_respond (server, "/beta", 200);
  g_ptr_array_set_size (notifications, 0);

  fixture->context = lf_context_new ();
  g_assert_true (lf_context_set_catalog_file (fixture->context, catalog_path, &error));
  g_assert_no_error (error);
  fixture->settings = g_settings_new (SCHEMA_ID);
  g_settings_set_strv (fixture->settings, "watched-platforms", watched);
  g_settings_set_string (fixture->settings, "notify-on", "down");
  fixture->session = lf_desktop_session_new (app, fixture->context, fixture->settings,
                                             GPOINTER_TO_INT (data));
  g_signal_connect (fixture->session, "activate", G_CALLBACK (on_activate_cb), fixture);
  lf_desktop_session_start_monitor (fixture->session, 0);
  /* after the settings' interval is bound: quick confirmations, rounds when asked */
  lf_monitor_set_timings (lf_context_get_monitor (fixture->context), 3600 * 1000, 20, 3600 * 1000);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lf_context_shutdown (fixture->context);
  lf_desktop_session_shutdown (fixture->session);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
}

static gboolean
platform_is (LfContext  *context,
             const char *id,
             LfState     state)
{
  LfPlatformState *platform = lf_monitor_lookup_platform (lf_context_get_monitor (context), id);

  return platform != NULL && lf_platform_state_get_state (platform) == state;
}

static gboolean
beta_down (gpointer data)
{
  return platform_is (data, "beta", LF_STATE_DOWN);
}

static gboolean
all_up (gpointer data)
{
  return platform_is (data, "alpha", LF_STATE_UP) && platform_is (data, "beta", LF_STATE_UP);
}

static LfDrill *
start_drill (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LfDrillScenario) scenario = lf_drill_scenario_new_from_data (drill_xml, -1, &error);

  g_assert_no_error (error);
  return lf_context_start_drill (fixture->context, scenario, 4.0);
}

static gboolean
drill_alpha_down (gpointer data)
{
  LfDrill *drill = lf_context_get_drill (data);
  LfPlatformState *alpha;

  if (drill == NULL)
    return FALSE;
  alpha = lf_monitor_lookup_platform (lf_drill_get_monitor (drill), "alpha");
  return alpha != NULL && lf_platform_state_get_state (alpha) == LF_STATE_DOWN;
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

/* The process that shows the real health: the tray says what the real monitor found and
 * offers the next action, its transitions become notifications, a click on the icon is the
 * process's to handle. */
static void
test_real_health (Fixture       *fixture,
                  gconstpointer  data)
{
  LfMonitor *monitor = lf_context_get_monitor (fixture->context);
  LfTray *tray = lf_desktop_session_get_tray (fixture->session);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *menu = NULL;

  g_assert_true (lf_desktop_session_get_real_health (fixture->session));
  g_assert_nonnull (tray);
  g_assert_nonnull (lf_desktop_session_get_notifier (fixture->session));
  g_assert_nonnull (lf_desktop_session_get_background (fixture->session));
  g_assert_null (lf_desktop_session_get_drill_notifier (fixture->session));

  /* the first round (started by the session) finds both up */
  g_assert_true (lf_test_wait_for (all_up, fixture->context, 10000));
  g_assert_true (lf_test_wait_for (tray_menu_starts_with, "All clear", 5000));
  g_assert_cmpstr (lf_tray_get_icon_name (tray), ==, APP_ID "-ok-symbolic");
  menu = tray_menu ();
  g_assert_null (strstr (menu, "Notify Clients"));

  /* Beta goes down: a notification, the tray says so and offers to tell the clients */
  lf_test_server_respond (server, "/beta", 503);
  lf_monitor_check_now (monitor);
  g_assert_true (lf_test_wait_for (beta_down, fixture->context, 10000));
  g_assert_true (lf_test_wait_for (notified_cb, "add platform-beta", 5000));
  g_assert_true (lf_test_wait_for (tray_menu_starts_with, "Platform outage", 5000));
  g_assert_cmpstr (lf_tray_get_icon_name (tray), ==, APP_ID "-down-symbolic");
  g_free (menu);
  menu = tray_menu ();
  g_assert_nonnull (strstr (menu, "|Beta — Down|"));
  g_assert_nonnull (strstr (menu, "|_Notify Clients…|"));

  /* back up: the tray is clear again and nothing is left to offer */
  lf_test_server_respond (server, "/beta", 200);
  lf_monitor_check_now (monitor);
  g_assert_true (lf_test_wait_for (all_up, fixture->context, 10000));
  g_assert_true (lf_test_wait_for (tray_menu_starts_with, "All clear", 5000));
  g_free (menu);
  menu = tray_menu ();
  g_assert_null (strstr (menu, "Notify Clients"));

  /* a click on the icon, as a host sends it */
  reply = host_call (LF_TRAY_ITEM_PATH, "org.kde.StatusNotifierItem", "Activate",
                     g_variant_new ("(ii)", 0, 0), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_activate, ==, 1);

  /* shut down: the tray leaves the bus */
  lf_desktop_session_shutdown (fixture->session);
  g_assert_null (lf_desktop_session_get_tray (fixture->session));
  g_clear_pointer (&reply, g_variant_unref);
  reply = host_call (LF_TRAY_MENU_PATH, "com.canonical.dbusmenu", "GetLayout",
                     g_variant_new ("(ii@as)", 0, -1, g_variant_new_strv (NULL, 0)),
                     NULL, &error);
  g_assert_null (reply);
  g_assert_nonnull (error);
}

/* A drill played in this process: the tray follows the context's active monitor and shows
 * it as a drill; its notifications are the drill's own and go when it stops; the real
 * monitor's notifications are not touched. */
static void
test_drill_in_real_session (Fixture       *fixture,
                            gconstpointer  data)
{
  LfNotifier *drill_notifier;

  g_assert_true (lf_test_wait_for (tray_menu_starts_with, "All clear", 10000));

  start_drill (fixture);
  g_assert_true (lf_test_wait_for (tray_menu_starts_with, "Drill: ", 5000));
  drill_notifier = lf_desktop_session_get_drill_notifier (fixture->session);
  g_assert_nonnull (drill_notifier);
  g_assert_true (lf_notifier_get_drill (drill_notifier));
  g_assert_true (lf_test_wait_for (drill_alpha_down, fixture->context, 10000));
  g_assert_true (lf_test_wait_for (notified_cb, "add drill-platform-alpha", 5000));
  g_assert_true (lf_test_wait_for (tray_menu_starts_with, "Drill: Platform outage", 5000));
  g_assert_false (notified ("add platform-alpha"));

  lf_context_stop_drill (fixture->context);
  g_assert_null (lf_desktop_session_get_drill_notifier (fixture->session));
  g_assert_true (lf_test_wait_for (tray_menu_starts_with, "All clear", 5000));
  g_assert_true (lf_test_wait_for (notified_cb, "remove drill-platform-alpha", 5000));
  settle ();
  g_assert_false (notified ("add platform-alpha"));
}

/* The window's process: the background monitor shows the real health, so this one has no
 * tray and sends nothing about the real monitor; a drill played here still notifies. */
static void
test_window_process (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (lf_desktop_session_get_real_health (fixture->session));
  g_assert_null (lf_desktop_session_get_tray (fixture->session));
  g_assert_null (lf_desktop_session_get_notifier (fixture->session));
  g_assert_null (lf_desktop_session_get_background (fixture->session));
  reply = host_call (LF_TRAY_ITEM_PATH, "org.freedesktop.DBus.Properties", "Get",
                     g_variant_new ("(ss)", "org.kde.StatusNotifierItem", "Title"),
                     NULL, &error);
  g_assert_null (reply);
  g_assert_nonnull (error);

  g_assert_true (lf_test_wait_for (all_up, fixture->context, 10000));
  lf_test_server_respond (server, "/beta", 503);
  lf_monitor_check_now (lf_context_get_monitor (fixture->context));
  g_assert_true (lf_test_wait_for (beta_down, fixture->context, 10000));
  settle ();
  g_assert_cmpuint (notifications->len, ==, 0);

  start_drill (fixture);
  g_assert_nonnull (lf_desktop_session_get_drill_notifier (fixture->session));
  g_assert_true (lf_test_wait_for (drill_alpha_down, fixture->context, 10000));
  g_assert_true (lf_test_wait_for (notified_cb, "add drill-platform-alpha", 5000));
  g_assert_false (notified ("add platform-beta"));
  lf_context_stop_drill (fixture->context);
  g_assert_true (lf_test_wait_for (notified_cb, "remove drill-platform-alpha", 5000));
}

static gboolean
log_loaded (gpointer data)
{
  return lf_incident_log_get_loaded (data);
}

static gboolean
tray_offers_all_clear (gpointer data)
{
  g_autofree char *menu = tray_menu ();

  return strstr (menu, "|Send the _All-Clear to 1 Client|") != NULL;
}

static gboolean
tray_offers_no_all_clear (gpointer data)
{
  g_autofree char *menu = tray_menu ();

  return strstr (menu, "All-Clear") == NULL;
}

/* Another process (the window, `lifeline --notify`) records notices into incidents.json:
 * the tray's next action follows, with no change in the monitor. */
static void
test_notices_from_another_process (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(LfPlan) plan = lf_plan_new (NULL);
  g_autoptr(LfIncidentLog) window_log = lf_incident_log_new (plan, NULL);
  const char * const platforms[] = { "beta", NULL };
  const char *told = "[ { \"contact\": \"c1\", \"platforms\": [ \"beta\" ] } ]";
  g_autoptr(GError) error = NULL;
  LfIncident *incident;

  g_assert_true (lf_test_wait_for (all_up, fixture->context, 10000));
  g_assert_true (lf_test_wait_for (tray_menu_starts_with, "All clear", 5000));
  g_assert_true (lf_test_wait_for (log_loaded, lf_context_get_incident_log (fixture->context),
                                   5000));
  g_assert_true (tray_offers_no_all_clear (NULL));
  lf_incident_log_load_async (window_log, NULL, NULL, NULL);
  g_assert_true (lf_test_wait_for (log_loaded, window_log, 5000));

  /* the clients were told of Beta's outage; Beta works: the all-clear is due */
  incident = lf_incident_log_open (window_log, "Beta outage", platforms, NULL,
                                   LF_CAUSE_HTTP_ERROR, LF_DIAGNOSIS_PLATFORM_OUTAGE, FALSE);
  lf_incident_log_record (window_log, incident, LF_TIMELINE_NOTICE_SENT, "Outage sent",
                          "template", "outage", "told", told, NULL);
  g_assert_true (lf_incident_log_flush (window_log, &error));
  g_assert_no_error (error);
  g_assert_true (lf_test_wait_for (tray_offers_all_clear, NULL, 5000));

  /* the all-clear went out: nothing is left to send */
  lf_incident_log_record (window_log, incident, LF_TIMELINE_NOTICE_SENT, "All-clear sent",
                          "template", "all-clear", "told", told, NULL);
  g_assert_true (lf_incident_log_flush (window_log, &error));
  g_assert_no_error (error);
  g_assert_true (lf_test_wait_for (tray_offers_no_all_clear, NULL, 5000));

  lf_incident_log_close (window_log, incident);
  g_assert_true (lf_incident_log_flush (window_log, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char * const platform_ids[] = { "alpha", "beta", NULL };
  g_autofree char *catalog = NULL;
  GTestDBus *bus;
  int status;

  lf_test_init (&argc, &argv);
  bus = lf_test_dbus_up ();
  start_desktop ();

  server = lf_test_server_new (FALSE);
  catalog = lf_test_server_make_catalog (server, platform_ids);
  catalog_path = g_build_filename (g_get_user_config_dir (), "session-test-catalog.json", NULL);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  g_file_set_contents (catalog_path, catalog, -1, &error);
  g_assert_no_error (error);

  /* the application: registered, with the actions the tray's menu offers */
  app = g_application_new (TEST_APP_ID, G_APPLICATION_DEFAULT_FLAGS);
  {
    static const GActionEntry actions[] = {
      { "check-now", NULL }, { "show-window", NULL }, { "quit", NULL },
      { "notify-clients", NULL, "s" }, { "send-all-clear", NULL },
    };

    g_action_map_add_action_entries (G_ACTION_MAP (app), actions, G_N_ELEMENTS (actions), NULL);
  }
  g_application_register (app, NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/lifeline/desktop-session/real-health", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_real_health, fixture_tear_down);
  g_test_add ("/lifeline/desktop-session/drill", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_drill_in_real_session, fixture_tear_down);
  g_test_add ("/lifeline/desktop-session/window-process", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_window_process, fixture_tear_down);
  g_test_add ("/lifeline/desktop-session/notices-from-another-process", Fixture,
              GINT_TO_POINTER (TRUE), fixture_set_up, test_notices_from_another_process,
              fixture_tear_down);

  status = g_test_run ();

  g_clear_object (&app);
  g_clear_pointer (&server, lf_test_server_free);
  g_dbus_connection_close_sync (host, NULL, NULL);
  g_clear_object (&host);
  g_clear_pointer (&notifications, g_ptr_array_unref);
  g_free (catalog_path);
  lf_test_dbus_stop (bus);

  return status;
}
