/* test-monitor-remote.c — the background monitor's D-Bus export, mirrored as a monitor
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-monitor-export.h"
#include "lf-monitor-remote.h"
#include "lf-test-server.h"
#include "lf-test-utils.h"

/* A real monitor probing a loopback server is exported on one connection to a private bus
 * (as `lifeline` does); a second connection (as the window's process) mirrors it with
 * LfMonitorRemote. What the mirror shows must be what the monitor sees: platforms in order,
 * states, causes, explanations, probes, the vendor's incident, the diagnosis, and every
 * transition, quickly. */

#define BUS_NAME "io.github.lifeline.Lifeline.RemoteTest"
#define PATH "/io/github/lifeline/Lifeline/RemoteTest/Monitor"

#define STATUS_MAJOR \
  "{\"page\":{\"id\":\"p\",\"name\":\"Slack\",\"url\":\"https://status.example.com\"}," \
  "\"status\":{\"indicator\":\"critical\",\"description\":\"Major Service Outage\"}," \
  "\"components\":[],\"incidents\":[{\"id\":\"i1\",\"name\":\"Messages fail to send\"," \
  "\"status\":\"investigating\",\"impact\":\"critical\"," \
  "\"shortlink\":\"https://stspg.io/i1\",\"started_at\":\"2026-11-26T20:00:00Z\"," \
  "\"created_at\":\"2026-11-26T20:00:00Z\",\"components\":[]}]," \
  "\"scheduled_maintenances\":[]}"

typedef struct
{
  GTestDBus        *bus;
  LfTestServer     *server;
  GDBusConnection  *service_conn;
  GDBusConnection  *window_conn;
  LfCatalog        *catalog;
  LfMonitor        *monitor;
  LfMonitorExport  *export;
  LfMonitor        *mirror;
  LfMonitorRemote  *remote;
  GPtrArray        *mirror_transitions;   /* "id:old>new" */
  gint64            changed_at;           /* real time the mirror saw the last transition */
} Fixture;

static GDBusConnection *
connect_to_bus (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  GDBusConnection *connection;

  g_assert_no_error (error);
  connection = g_dbus_connection_new_for_address_sync (
    address,
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);

  return connection;
}

static void
on_mirror_state_changed_cb (LfMonitor       *monitor,
                            LfPlatformState *platform,
                            LfState          old_state,
                            LfState          new_state,
                            Fixture         *fixture)
{
  g_assert_cmpint (lf_platform_state_get_state (platform), ==, new_state);
  g_ptr_array_add (fixture->mirror_transitions,
                   g_strdup_printf ("%s:%s>%s", lf_platform_state_get_id (platform),
                                    lf_state_to_string (old_state), lf_state_to_string (new_state)));
  fixture->changed_at = g_get_real_time ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *base = NULL;
  g_autofree char *json = NULL;
  const char * const watched[] = { "upwork", "fiverr", "slack", NULL };

  fixture->bus = lf_test_dbus_up ();
  fixture->server = lf_test_server_new (FALSE);
  lf_test_server_respond (fixture->server, "/ref-a", 204);
  lf_test_server_respond (fixture->server, "/ref-b", 204);
  lf_test_server_respond (fixture->server, "/upwork", 200);
  lf_test_server_respond (fixture->server, "/slack", 200);
  lf_test_response_set_body (lf_test_server_respond (fixture->server, "/slack-status", 200),
                             "application/json", STATUS_MAJOR, -1);
  {
    LfTestResponse *edge = lf_test_server_respond (fixture->server, "/fiverr", 500);

    lf_test_response_add_header (edge, "Server", "cloudflare");
    lf_test_response_add_header (edge, "CF-RAY", "8c2d1e0f3a4b5c6d-SJC");
  }

  base = lf_test_server_get_url (fixture->server, "/");
  json = g_strdup_printf (
    "{ \"version\": 1,"
    "  \"references\": ["
    "    { \"id\": \"ref-a\", \"name\": \"A\", \"url\": \"%sref-a\" },"
    "    { \"id\": \"ref-b\", \"name\": \"B\", \"url\": \"%sref-b\" } ],"
    "  \"providers\": [ { \"id\": \"cloudflare\", \"name\": \"Cloudflare\" } ],"
    "  \"platforms\": ["
    "    { \"id\": \"upwork\", \"name\": \"Upwork\", \"category\": \"marketplace\","
    "      \"probes\": [ { \"url\": \"%supwork\", \"method\": \"GET\" } ],"
    "      \"providers\": [\"cloudflare\"] },"
    "    { \"id\": \"fiverr\", \"name\": \"Fiverr\", \"category\": \"marketplace\","
    "      \"probes\": [ { \"url\": \"%sfiverr\", \"method\": \"GET\" } ],"
    "      \"providers\": [\"cloudflare\"] },"
    "    { \"id\": \"slack\", \"name\": \"Slack\", \"category\": \"communication\","
    "      \"probes\": [ { \"url\": \"%sslack\", \"method\": \"GET\" } ],"
    "      \"status\": { \"kind\": \"statuspage\", \"url\": \"%sslack-status\","
    "                    \"page\": \"https://status.example.com/\" } } ] }",
    base, base, base, base, base, base);
  fixture->catalog = lf_catalog_new_from_data (json, -1, "test catalog", &error);
  g_assert_no_error (error);

  /* the background monitor's side */
  fixture->service_conn = connect_to_bus ();
  reply = g_dbus_connection_call_sync (fixture->service_conn, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName", g_variant_new ("(su)", BUS_NAME, 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  fixture->monitor = lf_monitor_new (fixture->catalog, NULL);
  lf_monitor_set_network_monitor (fixture->monitor, NULL);
  lf_monitor_set_timings (fixture->monitor, 60000, 20, 60000);
  lf_monitor_set_watched (fixture->monitor, watched);
  fixture->export = lf_monitor_export_new (fixture->service_conn, PATH, fixture->monitor);

  /* the window's side */
  fixture->window_conn = connect_to_bus ();
  fixture->mirror = lf_monitor_new (fixture->catalog, NULL);
  fixture->mirror_transitions = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (fixture->mirror, "state-changed", G_CALLBACK (on_mirror_state_changed_cb),
                    fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->remote);
  g_clear_object (&fixture->mirror);
  g_clear_object (&fixture->export);
  if (fixture->monitor != NULL)
    lf_monitor_stop (fixture->monitor);
  g_clear_object (&fixture->monitor);
  g_clear_pointer (&fixture->catalog, lf_catalog_unref);
  g_clear_pointer (&fixture->mirror_transitions, g_ptr_array_unref);
  g_dbus_connection_close_sync (fixture->window_conn, NULL, NULL);
  g_dbus_connection_close_sync (fixture->service_conn, NULL, NULL);
  g_clear_object (&fixture->window_conn);
  g_clear_object (&fixture->service_conn);
  g_clear_pointer (&fixture->server, lf_test_server_free);
  lf_test_dbus_stop (fixture->bus);
}

static gboolean
has_diagnosis (gpointer data)
{
  return lf_monitor_get_diagnosis (data) != NULL && !lf_monitor_get_checking (data);
}

/* The mirror shows the same diagnosis as the monitor, and every platform alike. */
static gboolean
mirror_in_sync (gpointer data)
{
  Fixture *fixture = data;
  GListModel *real = lf_monitor_get_platforms (fixture->monitor);
  GListModel *mirrored = lf_monitor_get_platforms (fixture->mirror);
  LfDiagnosis *a = lf_monitor_get_diagnosis (fixture->monitor);
  LfDiagnosis *b = lf_monitor_get_diagnosis (fixture->mirror);

  if (a == NULL || b == NULL || !lf_diagnosis_equal (a, b)
      || g_list_model_get_n_items (real) != g_list_model_get_n_items (mirrored)
      || lf_monitor_get_last_checked (fixture->monitor) != lf_monitor_get_last_checked (fixture->mirror))
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (real); i++)
    {
      g_autoptr(LfPlatformState) x = g_list_model_get_item (real, i);
      g_autoptr(LfPlatformState) y = g_list_model_get_item (mirrored, i);

      if (g_strcmp0 (lf_platform_state_get_id (x), lf_platform_state_get_id (y)) != 0
          || lf_platform_state_get_state (x) != lf_platform_state_get_state (y)
          || lf_platform_state_get_last_checked (x) != lf_platform_state_get_last_checked (y))
        return FALSE;
    }

  return TRUE;
}

static void
start_and_follow (Fixture *fixture)
{
  lf_monitor_start (fixture->monitor);
  g_assert_true (lf_test_wait_for (has_diagnosis, fixture->monitor, 10000));

  fixture->remote = lf_monitor_remote_new (fixture->mirror, fixture->window_conn, BUS_NAME, PATH);
  g_assert_true (lf_monitor_get_mirror (fixture->mirror));
  g_assert_true (lf_test_wait_for (mirror_in_sync, fixture, 5000));
  g_assert_true (lf_monitor_remote_get_connected (fixture->remote));
}

static void
test_mirror_shows_everything (Fixture       *fixture,
                              gconstpointer  data)
{
  LfPlatformState *real;
  LfPlatformState *mirrored;
  GPtrArray *probes;
  LfProbeResult *probe;
  LfStatusReport *report;
  LfStatusIncident *incident;

  start_and_follow (fixture);

  /* a platform outage: Fiverr down at Cloudflare's edge, Slack down by its own word */
  g_assert_cmpint (lf_diagnosis_get_kind (lf_monitor_get_diagnosis (fixture->mirror)), ==,
                   lf_diagnosis_get_kind (lf_monitor_get_diagnosis (fixture->monitor)));
  g_assert_cmpstr (lf_diagnosis_get_summary (lf_monitor_get_diagnosis (fixture->mirror)), ==,
                   lf_diagnosis_get_summary (lf_monitor_get_diagnosis (fixture->monitor)));

  real = lf_monitor_lookup_platform (fixture->monitor, "fiverr");
  mirrored = lf_monitor_lookup_platform (fixture->mirror, "fiverr");
  g_assert_nonnull (mirrored);
  g_assert_true (real != mirrored);
  g_assert_cmpstr (lf_platform_state_get_name (mirrored), ==, "Fiverr");
  g_assert_cmpstr (lf_platform_state_get_category (mirrored), ==, "marketplace");
  g_assert_cmpstr (lf_platform_state_get_provider (mirrored), ==, "cloudflare");
  g_assert_cmpint (lf_platform_state_get_cause (mirrored), ==, lf_platform_state_get_cause (real));
  g_assert_cmpint (lf_platform_state_get_since (mirrored), ==, lf_platform_state_get_since (real));
  g_assert_cmpstr (lf_platform_state_get_explanation (mirrored), ==,
                   lf_platform_state_get_explanation (real));
  g_assert_cmpstr (lf_platform_state_get_cdn (mirrored), ==, "cloudflare");
  g_assert_cmpuint (lf_platform_state_get_http_status (mirrored), ==, 500);

  /* the latest probes, as evidence */
  probes = lf_platform_state_get_probes (mirrored);
  g_assert_cmpuint (probes->len, ==, lf_platform_state_get_probes (real)->len);
  g_assert_cmpuint (probes->len, >, 0);
  probe = g_ptr_array_index (probes, probes->len - 1);
  g_assert_cmpuint (probe->http_status, ==, 500);
  g_assert_cmpstr (probe->ray_id, ==, "8c2d1e0f3a4b5c6d-SJC");
  g_assert_true (g_str_has_suffix (probe->url, "/fiverr"));
  g_assert_cmpfloat (probe->total_ms, >, 0);

  /* the vendor's incident */
  mirrored = lf_monitor_lookup_platform (fixture->mirror, "slack");
  g_assert_cmpint (lf_platform_state_get_state (mirrored), ==, LF_STATE_DOWN);
  g_assert_cmpint (lf_platform_state_get_status_indicator (mirrored), ==, LF_SEVERITY_MAJOR);
  report = lf_platform_state_get_status_report (mirrored);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->incidents->len, ==, 1);
  incident = g_ptr_array_index (report->incidents, 0);
  g_assert_cmpstr (incident->title, ==, "Messages fail to send");
  g_assert_cmpstr (incident->url, ==, "https://stspg.io/i1");
  g_assert_cmpuint (lf_platform_state_get_incidents (mirrored)->len, ==, 1);

  /* the mirror probes nothing itself and never runs */
  g_assert_false (lf_monitor_get_running (fixture->mirror));
  g_assert_cmpuint (lf_test_server_get_hits (fixture->server, "/upwork"), ==, 1);
}

static gboolean
upwork_down_in_mirror (gpointer data)
{
  Fixture *fixture = data;
  LfPlatformState *state = lf_monitor_lookup_platform (fixture->mirror, "upwork");

  return state != NULL && lf_platform_state_get_state (state) == LF_STATE_DOWN;
}

/* Upwork goes down: check now on the mirror runs a round over there, and the transition
 * reaches the mirror (with ::state-changed) within a second of the monitor's. */
static void
test_transition_reaches_mirror (Fixture       *fixture,
                                gconstpointer  data)
{
  LfPlatformState *real;
  guint hits;
  gint64 latency;

  start_and_follow (fixture);
  g_ptr_array_set_size (fixture->mirror_transitions, 0);
  hits = lf_test_server_get_hits (fixture->server, "/upwork");

  lf_test_server_respond (fixture->server, "/upwork", 503);
  lf_monitor_check_now (fixture->mirror);
  g_assert_true (lf_test_wait_for (upwork_down_in_mirror, fixture, 10000));
  g_assert_cmpuint (lf_test_server_get_hits (fixture->server, "/upwork"), >, hits);

  g_assert_cmpuint (fixture->mirror_transitions->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->mirror_transitions, 0), ==, "upwork:up>down");

  /* the monitor's transition time is its state's "since" */
  real = lf_monitor_lookup_platform (fixture->monitor, "upwork");
  latency = fixture->changed_at - lf_platform_state_get_since (real);
  g_test_message ("transition reached the mirror after %.1f ms", latency / 1000.0);
  g_assert_cmpint (latency, >=, 0);
  g_assert_cmpint (latency, <, G_USEC_PER_SEC);
}

static gboolean
mirror_empty (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (lf_monitor_get_platforms (fixture->mirror)) == 0
         && !lf_monitor_remote_get_connected (fixture->remote);
}

/* The background monitor goes away: the mirror shows nothing rather than stale states. */
static void
test_monitor_goes_away (Fixture       *fixture,
                        gconstpointer  data)
{
  start_and_follow (fixture);

  g_dbus_connection_close_sync (fixture->service_conn, NULL, NULL);
  g_assert_true (lf_test_wait_for (mirror_empty, fixture, 5000));
  g_assert_null (lf_monitor_get_diagnosis (fixture->mirror));
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add ("/lifeline/monitor-remote/mirror-shows-everything", Fixture, NULL, fixture_set_up,
              test_mirror_shows_everything, fixture_tear_down);
  g_test_add ("/lifeline/monitor-remote/transition-reaches-mirror", Fixture, NULL,
              fixture_set_up, test_transition_reaches_mirror, fixture_tear_down);
  g_test_add ("/lifeline/monitor-remote/monitor-goes-away", Fixture, NULL, fixture_set_up,
              test_monitor_goes_away, fixture_tear_down);

  return g_test_run ();
}
