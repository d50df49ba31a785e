/* test-monitor.c — the real monitor, its network backend and engine, against loopback
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "lf-monitor.h"
#include "lf-provider-summary.h"
#include "lf-test-utils.h"

/* A loopback server whose answers each test scripts by path. A path may alternate between
 * two answers (a flapping target). */

#define CF_ERROR_PAGE \
  "<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body>" \
  "<div id=\"cf-wrapper\"><div id=\"cf-error-details\"><h1>Internal server error</h1>" \
  "<p>Cloudflare Ray ID: <strong>8c2d1e0f3a4b5c6d</strong></p></div></div></body></html>"

#define STATUS_MAJOR \
  "{\"page\":{\"id\":\"p\",\"name\":\"Slack\",\"url\":\"https://status.example.com\"}," \
  "\"status\":{\"indicator\":\"critical\",\"description\":\"Major Service Outage\"}," \
  "\"components\":[],\"incidents\":[{\"id\":\"i1\",\"name\":\"Messages fail to send\"," \
  "\"status\":\"investigating\",\"impact\":\"critical\"," \
  "\"shortlink\":\"https://stspg.io/i1\",\"started_at\":\"2026-11-26T20:00:00Z\"," \
  "\"created_at\":\"2026-11-26T20:00:00Z\",\"components\":[]}]," \
  "\"scheduled_maintenances\":[]}"

#define STATUS_OK \
  "{\"page\":{\"id\":\"c\",\"name\":\"Cloudflare\",\"url\":\"https://cf.example.com\"}," \
  "\"status\":{\"indicator\":\"none\",\"description\":\"All Systems Operational\"}," \
  "\"components\":[],\"incidents\":[],\"scheduled_maintenances\":[]}"

/* The fixture's data: which catalog. */
enum
{
  CATALOG_REFS_ANSWER,
  CATALOG_REFS_REFUSED,
  CATALOG_CLOUDFLARE_STATUS,   /* references answer; Cloudflare has its own status source */
};

typedef enum
{
  ANSWER_OK,
  ANSWER_CF_EDGE,
  ANSWER_ORIGIN_503,
  ANSWER_STATUS_MAJOR,
  ANSWER_STATUS_OK,
  ANSWER_GARBAGE,
  ANSWER_DROP,        /* the connection is closed without an answer */
} Answer;

typedef struct
{
  Answer answer;
  Answer alternate;
  gboolean flapping;
  guint hits;
} Script;

typedef struct
{
  SoupServer *server;
  GHashTable *scripts;   /* path → Script */
  guint       port;
  LfCatalog  *catalog;
  LfMonitor  *monitor;
  LfHistory  *history;
  GPtrArray  *transitions;   /* "id:old>new" */
  guint       diagnosis_changes;
} Fixture;

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;
  Script *script = g_hash_table_lookup (fixture->scripts, path);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  Answer answer;

  if (script == NULL)
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }

  answer = script->flapping && script->hits % 2 == 1 ? script->alternate : script->answer;
  script->hits++;

  switch (answer)
    {
    case ANSWER_OK:
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
      break;
    case ANSWER_CF_EDGE:
      soup_server_message_set_status (msg, 500, NULL);
      soup_message_headers_append (headers, "Server", "cloudflare");
      soup_message_headers_append (headers, "CF-RAY", "8c2d1e0f3a4b5c6d-SJC");
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        CF_ERROR_PAGE, strlen (CF_ERROR_PAGE));
      break;
    case ANSWER_ORIGIN_503:
      soup_server_message_set_status (msg, 503, NULL);
      soup_message_headers_append (headers, "Server", "nginx");
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "busy", 4);
      break;
    case ANSWER_STATUS_MAJOR:
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        STATUS_MAJOR, strlen (STATUS_MAJOR));
      break;
    case ANSWER_STATUS_OK:
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        STATUS_OK, strlen (STATUS_OK));
      break;
    case ANSWER_DROP:
      {
        g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

        g_io_stream_close (stream, NULL, NULL);
      }
      break;
    case ANSWER_GARBAGE:
    default:
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"status\": [trunc", 17);
      break;
    }
}

static void
script (Fixture    *fixture,
        const char *path,
        Answer      answer)
{
  Script *s = g_new0 (Script, 1);

  s->answer = answer;
  g_hash_table_insert (fixture->scripts, g_strdup (path), s);
}

static void
on_state_changed_cb (LfMonitor       *monitor,
                     LfPlatformState *platform,
                     LfState          old_state,
                     LfState          new_state,
                     Fixture         *fixture)
{
  g_assert_cmpint (old_state, !=, new_state);
  g_assert_cmpint (lf_platform_state_get_state (platform), ==, new_state);
  g_ptr_array_add (fixture->transitions,
                   g_strdup_printf ("%s:%s>%s", lf_platform_state_get_id (platform),
                                    lf_state_to_string (old_state),
                                    lf_state_to_string (new_state)));
}

static void
on_diagnosis_changed_cb (LfMonitor   *monitor,
                         LfDiagnosis *diagnosis,
                         Fixture     *fixture)
{
  g_assert_true (diagnosis == lf_monitor_get_diagnosis (monitor));
  fixture->diagnosis_changes++;
}

/* A catalog on the loopback server: two references, Upwork and Fiverr behind Cloudflare,
 * Slack behind AWS with its own status source. CATALOG_REFS_REFUSED points the references at
 * nothing (connection refused); CATALOG_CLOUDFLARE_STATUS gives Cloudflare a status source. */
static void
load_catalog (Fixture *fixture,
              int      which)
{
  gboolean refs_answer = which != CATALOG_REFS_REFUSED;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_strdup_printf ("http://127.0.0.1:%u", fixture->port);
  g_autofree char *refs = refs_answer ? g_strdup (base) : g_strdup ("http://127.0.0.1:1");
  g_autofree char *cf_status =
    which == CATALOG_CLOUDFLARE_STATUS
      ? g_strdup_printf (", \"status\": { \"kind\": \"statuspage\", \"url\": \"%s/cf-status\" }",
                         base)
      : g_strdup ("");
  g_autofree char *json = g_strdup_printf (
    "{ \"version\": 1,"
    "  \"references\": ["
    "    { \"id\": \"ref-a\", \"name\": \"A\", \"url\": \"%s/ref-a\", \"provider\": \"a\" },"
    "    { \"id\": \"ref-b\", \"name\": \"B\", \"url\": \"%s/ref-b\", \"provider\": \"b\" } ],"
    "  \"providers\": [ { \"id\": \"cloudflare\", \"name\": \"Cloudflare\"%s },"
    "                   { \"id\": \"aws\", \"name\": \"Amazon Web Services\" } ],"
    "  \"platforms\": ["
    "    { \"id\": \"upwork\", \"name\": \"Upwork\", \"category\": \"marketplace\","
    "      \"probes\": [ { \"url\": \"%s/upwork\", \"method\": \"GET\" } ],"
    "      \"providers\": [\"cloudflare\"] },"
    "    { \"id\": \"fiverr\", \"name\": \"Fiverr\", \"category\": \"marketplace\","
    "      \"probes\": [ { \"url\": \"%s/fiverr\", \"method\": \"GET\" } ],"
    "      \"providers\": [\"cloudflare\"] },"
    "    { \"id\": \"slack\", \"name\": \"Slack\", \"category\": \"communication\","
    "      \"probes\": [ { \"url\": \"%s/slack\", \"method\": \"GET\" } ],"
    "      \"status\": { \"kind\": \"statuspage\", \"url\": \"%s/slack-status\","
    "                    \"page\": \"https://status.example.com/\" },"
    "      \"providers\": [\"aws\"] } ] }",
    refs, refs, cf_status, base, base, base, base);

  fixture->catalog = lf_catalog_new_from_data (json, -1, "test catalog", &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  const char * const watched[] = { "upwork", "fiverr", "slack", NULL };
  g_autofree char *dir = g_build_filename (g_getenv ("XDG_DATA_HOME"), "history-XXXXXX", NULL);

  g_assert_nonnull (g_mkdtemp (dir));

  fixture->scripts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->port = g_uri_get_port (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  for (const char * const *p = (const char * const[]) { "/ref-a", "/ref-b", "/upwork", "/fiverr",
                                                       "/slack", NULL }; *p != NULL; p++)
    script (fixture, *p, ANSWER_OK);
  script (fixture, "/slack-status", ANSWER_GARBAGE);
  script (fixture, "/cf-status", ANSWER_STATUS_OK);

  load_catalog (fixture, GPOINTER_TO_INT (data));

  fixture->transitions = g_ptr_array_new_with_free_func (g_free);
  fixture->history = lf_history_new (dir);
  fixture->monitor = lf_monitor_new (fixture->catalog, NULL);
  lf_monitor_set_network_monitor (fixture->monitor, NULL);
  lf_history_observe (fixture->history, fixture->monitor);
  lf_monitor_set_history (fixture->monitor, fixture->history);
  lf_monitor_set_timings (fixture->monitor, 60000, 10, 0);
  lf_monitor_set_timeout (fixture->monitor, 5);
  lf_monitor_set_watched (fixture->monitor, watched);
  g_signal_connect (fixture->monitor, "state-changed", G_CALLBACK (on_state_changed_cb), fixture);
  g_signal_connect (fixture->monitor, "diagnosis-changed",
                    G_CALLBACK (on_diagnosis_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_strdup (lf_history_get_path (fixture->history));
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *samples = g_build_filename (dir, LF_HISTORY_SAMPLES_FILE, NULL);

  g_assert_finalize_object (g_steal_pointer (&fixture->monitor));
  g_assert_finalize_object (g_steal_pointer (&fixture->history));
  g_unlink (path);
  g_unlink (samples);
  g_rmdir (dir);
  g_clear_pointer (&fixture->catalog, lf_catalog_unref);
  g_clear_pointer (&fixture->transitions, g_ptr_array_unref);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->scripts, g_hash_table_unref);
}

static gboolean
not_checking (gpointer data)
{
  return !lf_monitor_get_checking (data);
}

static void
run_round (Fixture *fixture)
{
  g_ptr_array_set_size (fixture->transitions, 0);
  lf_monitor_check_now (fixture->monitor);
  g_assert_true (lf_monitor_get_checking (fixture->monitor));
  g_assert_true (lf_test_wait_for (not_checking, fixture->monitor, 20000));
}

static LfState
state_of (Fixture    *fixture,
          const char *id)
{
  return lf_platform_state_get_state (lf_monitor_lookup_platform (fixture->monitor, id));
}

static gboolean
saw (Fixture    *fixture,
     const char *transition)
{
  return g_ptr_array_find_with_equal_func (fixture->transitions, transition, g_str_equal, NULL);
}

static void
test_all_up (Fixture       *fixture,
             gconstpointer  data)
{
  GListModel *platforms = lf_monitor_get_platforms (fixture->monitor);
  LfPlatformState *slack;

  g_assert_null (lf_monitor_get_diagnosis (fixture->monitor));
  g_assert_cmpuint (g_list_model_get_n_items (platforms), ==, 3);

  run_round (fixture);

  g_assert_cmpint (lf_diagnosis_get_kind (lf_monitor_get_diagnosis (fixture->monitor)), ==,
                   LF_DIAGNOSIS_ALL_CLEAR);
  g_assert_cmpuint (fixture->diagnosis_changes, ==, 1);
  g_assert_cmpint (state_of (fixture, "upwork"), ==, LF_STATE_UP);
  g_assert_cmpint (state_of (fixture, "fiverr"), ==, LF_STATE_UP);
  /* its status source is garbage: unknown for that signal, the probes still say up */
  slack = lf_monitor_lookup_platform (fixture->monitor, "slack");
  g_assert_cmpint (lf_platform_state_get_state (slack), ==, LF_STATE_UP);
  g_assert_cmpint (lf_platform_state_get_status_indicator (slack), ==, LF_SEVERITY_UNKNOWN);
  g_assert_cmpuint (fixture->transitions->len, ==, 3);
  g_assert_true (saw (fixture, "upwork:unknown>up"));
  g_assert_cmpint (lf_monitor_get_last_checked (fixture->monitor), >, 0);
  g_assert_nonnull (lf_monitor_get_reference_result (fixture->monitor, "ref-a"));
  g_assert_cmpuint (lf_monitor_get_reference_result (fixture->monitor, "ref-a")->http_status,
                    ==, 200);
  /* one probe per platform, no confirmation needed */
  g_assert_cmpuint (((Script *) g_hash_table_lookup (fixture->scripts, "/upwork"))->hits, ==, 1);

  /* a second round changes nothing: no signal */
  run_round (fixture);
  g_assert_cmpuint (fixture->transitions->len, ==, 0);
  g_assert_cmpuint (fixture->diagnosis_changes, ==, 1);
}

static void
test_local_network (Fixture       *fixture,
                    gconstpointer  data)
{
  /* references refuse connections, and the platforms fail too: still my network */
  script (fixture, "/upwork", ANSWER_CF_EDGE);
  script (fixture, "/fiverr", ANSWER_CF_EDGE);

  for (guint round = 0; round < 3; round++)
    {
      GListModel *platforms = lf_monitor_get_platforms (fixture->monitor);

      run_round (fixture);
      g_assert_cmpint (lf_diagnosis_get_kind (lf_monitor_get_diagnosis (fixture->monitor)), ==,
                       LF_DIAGNOSIS_LOCAL_NETWORK);
      for (guint i = 0; i < g_list_model_get_n_items (platforms); i++)
        {
          g_autoptr(LfPlatformState) state = g_list_model_get_item (platforms, i);

          g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_UNKNOWN);
          g_assert_cmpint (lf_platform_state_get_cause (state), ==, LF_CAUSE_NETWORK);
        }
      g_assert_false (saw (fixture, "upwork:unknown>down"));
    }
  /* no confirmation re-probes while the network is at fault */
  g_assert_cmpuint (((Script *) g_hash_table_lookup (fixture->scripts, "/upwork"))->hits, ==, 3);
}

static LfProviderSummary *
find_provider (GPtrArray  *summaries,
               const char *id)
{
  for (guint i = 0; i < summaries->len; i++)
    if (g_str_equal (((LfProviderSummary *) g_ptr_array_index (summaries, i))->id, id))
      return g_ptr_array_index (summaries, i);

  g_assert_not_reached ();
}

/* A provider's last report said "operational"; then the connection goes. Like the platforms
 * behind it, the provider's state is unknown now: nothing can say it is up. */
static void
test_providers_local_network (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) summaries = NULL;
  LfProviderSummary *cloudflare;

  run_round (fixture);
  g_assert_cmpint (lf_diagnosis_get_kind (lf_monitor_get_diagnosis (fixture->monitor)), ==,
                   LF_DIAGNOSIS_ALL_CLEAR);
  summaries = lf_provider_summary_collect_for_monitor (fixture->monitor);
  cloudflare = find_provider (summaries, "cloudflare");
  g_assert_nonnull (cloudflare->report);
  g_assert_cmpint (cloudflare->state, ==, LF_STATE_UP);
  g_assert_false (cloudflare->network_down);
  g_assert_cmpuint (cloudflare->n_platforms, ==, 2);
  g_clear_pointer (&summaries, g_ptr_array_unref);

  script (fixture, "/ref-a", ANSWER_DROP);
  script (fixture, "/ref-b", ANSWER_DROP);
  run_round (fixture);
  g_assert_cmpint (lf_diagnosis_get_kind (lf_monitor_get_diagnosis (fixture->monitor)), ==,
                   LF_DIAGNOSIS_LOCAL_NETWORK);
  g_assert_cmpint (state_of (fixture, "upwork"), ==, LF_STATE_UNKNOWN);
  summaries = lf_provider_summary_collect_for_monitor (fixture->monitor);
  cloudflare = find_provider (summaries, "cloudflare");
  g_assert_cmpint (cloudflare->state, ==, LF_STATE_UNKNOWN);
  g_assert_true (cloudflare->network_down);
  g_assert_cmpuint (cloudflare->n_platforms, ==, 2);
  g_assert_cmpint (find_provider (summaries, "aws")->state, ==, LF_STATE_UNKNOWN);
  g_clear_pointer (&summaries, g_ptr_array_unref);

  /* The connection is back: the provider's own word counts again. */
  script (fixture, "/ref-a", ANSWER_OK);
  script (fixture, "/ref-b", ANSWER_OK);
  run_round (fixture);
  summaries = lf_provider_summary_collect_for_monitor (fixture->monitor);
  cloudflare = find_provider (summaries, "cloudflare");
  g_assert_cmpint (cloudflare->state, ==, LF_STATE_UP);
  g_assert_false (cloudflare->network_down);
}

static void
test_provider_outage (Fixture       *fixture,
                      gconstpointer  data)
{
  LfDiagnosis *diagnosis;
  LfPlatformState *upwork;
  const char * const affected[] = { "upwork", "fiverr", NULL };

  run_round (fixture);
  g_assert_cmpint (state_of (fixture, "upwork"), ==, LF_STATE_UP);

  script (fixture, "/upwork", ANSWER_CF_EDGE);
  script (fixture, "/fiverr", ANSWER_CF_EDGE);
  run_round (fixture);

  diagnosis = lf_monitor_get_diagnosis (fixture->monitor);
  g_assert_cmpint (lf_diagnosis_get_kind (diagnosis), ==, LF_DIAGNOSIS_PROVIDER_OUTAGE);
  g_assert_cmpstr (lf_diagnosis_get_provider_id (diagnosis), ==, "cloudflare");
  g_assert_true (g_strv_equal (lf_diagnosis_get_affected (diagnosis), affected));
  g_assert_cmpstr (lf_diagnosis_get_summary (diagnosis), ==,
                   "Cloudflare is having an outage: Upwork and Fiverr are affected");

  upwork = lf_monitor_lookup_platform (fixture->monitor, "upwork");
  g_assert_cmpint (lf_platform_state_get_state (upwork), ==, LF_STATE_DOWN);
  g_assert_cmpint (lf_platform_state_get_cause (upwork), ==, LF_CAUSE_CDN_EDGE);
  g_assert_cmpstr (lf_platform_state_get_ray_id (upwork), ==, "8c2d1e0f3a4b5c6d-SJC");
  /* confirmed by re-probes: one round probe plus two confirmations, one signal each */
  g_assert_cmpuint (((Script *) g_hash_table_lookup (fixture->scripts, "/upwork"))->hits, ==, 3);
  g_assert_cmpuint (fixture->transitions->len, ==, 2);
  g_assert_true (saw (fixture, "upwork:up>down"));
  g_assert_true (saw (fixture, "fiverr:up>down"));
  g_assert_cmpint (state_of (fixture, "slack"), ==, LF_STATE_UP);
  /* The one ranking: the worst state is down; the core's --check document says the same. */
  g_assert_cmpint (lf_monitor_get_worst_state (fixture->monitor), ==, LF_STATE_DOWN);
  {
    g_autoptr(JsonNode) node = lf_monitor_to_json (fixture->monitor);
    JsonObject *root = json_node_get_object (node);
    JsonArray *platforms = json_object_get_array_member (root, "platforms");
    JsonObject *first = json_array_get_object_element (platforms, 0);

    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root,
                                                                                  "diagnosis"),
                                                    "kind"), ==, "provider-outage");
    g_assert_cmpuint (json_array_get_length (platforms), ==,
                      g_list_model_get_n_items (lf_monitor_get_platforms (fixture->monitor)));
    g_assert_true (json_object_has_member (first, "state"));
    g_assert_true (json_object_has_member (root, "references"));
    g_assert_true (json_object_has_member (root, "checked_at"));
  }

  /* still down: no new signal */
  run_round (fixture);
  g_assert_cmpuint (fixture->transitions->len, ==, 0);

  /* recovery needs two good answers in a row, then one signal */
  script (fixture, "/upwork", ANSWER_OK);
  script (fixture, "/fiverr", ANSWER_OK);
  run_round (fixture);
  g_assert_cmpuint (((Script *) g_hash_table_lookup (fixture->scripts, "/upwork"))->hits, ==, 2);
  g_assert_cmpuint (fixture->transitions->len, ==, 2);
  g_assert_true (saw (fixture, "upwork:down>up"));
  g_assert_cmpint (lf_diagnosis_get_kind (lf_monitor_get_diagnosis (fixture->monitor)), ==,
                   LF_DIAGNOSIS_ALL_CLEAR);
  g_assert_cmpint (lf_monitor_get_worst_state (fixture->monitor), ==, LF_STATE_UP);
}

static void
test_platform_outage (Fixture       *fixture,
                      gconstpointer  data)
{
  const char * const affected[] = { "upwork", NULL };
  LfDiagnosis *diagnosis;

  script (fixture, "/upwork", ANSWER_ORIGIN_503);
  run_round (fixture);

  diagnosis = lf_monitor_get_diagnosis (fixture->monitor);
  g_assert_cmpint (lf_diagnosis_get_kind (diagnosis), ==, LF_DIAGNOSIS_PLATFORM_OUTAGE);
  g_assert_true (g_strv_equal (lf_diagnosis_get_affected (diagnosis), affected));
  g_assert_cmpstr (lf_diagnosis_get_summary (diagnosis), ==, "Upwork is down");
  g_assert_cmpint (lf_platform_state_get_cause (lf_monitor_lookup_platform (fixture->monitor,
                                                                            "upwork")),
                   ==, LF_CAUSE_HTTP_ERROR);
  g_assert_true (saw (fixture, "upwork:unknown>down"));
  g_assert_cmpint (state_of (fixture, "fiverr"), ==, LF_STATE_UP);
}

static void
test_flapping (Fixture       *fixture,
               gconstpointer  data)
{
  Script *upwork;

  run_round (fixture);
  script (fixture, "/upwork", ANSWER_ORIGIN_503);
  upwork = g_hash_table_lookup (fixture->scripts, "/upwork");
  upwork->flapping = TRUE;
  upwork->alternate = ANSWER_OK;

  for (guint i = 0; i < 6; i++)
    {
      run_round (fixture);
      g_assert_cmpint (state_of (fixture, "upwork"), ==, LF_STATE_UP);
      g_assert_cmpuint (fixture->transitions->len, ==, 0);
    }
  /* each failure was re-probed at once, and the re-probe succeeded */
  g_assert_cmpuint (upwork->hits, ==, 12);
}

static void
test_status_major (Fixture       *fixture,
                   gconstpointer  data)
{
  LfPlatformState *slack;
  GPtrArray *incidents;

  script (fixture, "/slack-status", ANSWER_STATUS_MAJOR);
  run_round (fixture);

  slack = lf_monitor_lookup_platform (fixture->monitor, "slack");
  g_assert_cmpint (lf_platform_state_get_state (slack), ==, LF_STATE_DOWN);
  g_assert_cmpint (lf_platform_state_get_cause (slack), ==, LF_CAUSE_STATUS_PAGE);
  g_assert_cmpint (lf_platform_state_get_status_indicator (slack), ==, LF_SEVERITY_MAJOR);
  incidents = lf_platform_state_get_incidents (slack);
  g_assert_cmpuint (incidents->len, ==, 1);
  g_assert_cmpstr (((LfStatusIncident *) g_ptr_array_index (incidents, 0))->title, ==,
                   "Messages fail to send");
  g_assert_cmpstr (lf_platform_state_get_explanation (slack), ==,
                   "Slack reports an outage: “Messages fail to send”");
  g_assert_cmpint (lf_diagnosis_get_kind (lf_monitor_get_diagnosis (fixture->monitor)), ==,
                   LF_DIAGNOSIS_PLATFORM_OUTAGE);
}

static void
flush_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lf_history_flush_finish (LF_HISTORY (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean flushed = FALSE;
  gboolean saw_down = FALSE, saw_incident = FALSE, saw_diagnosis = FALSE;
  GPtrArray *transitions;

  run_round (fixture);
  script (fixture, "/upwork", ANSWER_CF_EDGE);
  script (fixture, "/fiverr", ANSWER_CF_EDGE);
  run_round (fixture);
  script (fixture, "/upwork", ANSWER_OK);
  run_round (fixture);

  lf_history_flush_async (fixture->history, NULL, flush_cb, &flushed);
  lf_test_wait_for_flag (&flushed, 5000);

  g_assert_true (g_file_get_contents (lf_history_get_path (fixture->history), &contents, NULL,
                                      NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_autoptr(JsonNode) node = json_from_string (lines[i], NULL);
      JsonObject *object;
      const char *type;

      g_assert_nonnull (node);
      object = json_node_get_object (node);
      type = json_object_get_string_member (object, "type");

      if (g_str_equal (type, "transition")
          && g_str_equal (json_object_get_string_member (object, "platform"), "upwork")
          && g_str_equal (json_object_get_string_member (object, "to"), "down"))
        {
          JsonArray *rays = json_object_get_array_member (object, "ray_ids");

          saw_down = TRUE;
          g_assert_cmpstr (json_object_get_string_member (object, "cause"), ==, "cdn-edge");
          g_assert_cmpuint (json_array_get_length (rays), ==, 1);
          g_assert_cmpstr (json_array_get_string_element (rays, 0), ==, "8c2d1e0f3a4b5c6d-SJC");
          g_assert_cmpint (json_object_get_int_member (object, "http_status"), ==, 500);
        }
      else if (g_str_equal (type, "incident"))
        {
          saw_incident = TRUE;
          g_assert_cmpstr (json_object_get_string_member (object, "platform"), ==, "upwork");
          g_assert_cmpstr (json_object_get_string_member (object, "cause"), ==, "cdn-edge");
          g_assert_cmpint (json_object_get_int_member (object, "end_us"), >,
                           json_object_get_int_member (object, "start_us"));
        }
      else if (g_str_equal (type, "diagnosis")
               && g_str_equal (json_object_get_string_member (object, "kind"),
                               "provider-outage"))
        {
          saw_diagnosis = TRUE;
          g_assert_cmpstr (json_object_get_string_member (object, "provider"), ==, "cloudflare");
        }
    }
  g_assert_true (saw_down);
  g_assert_true (saw_incident);
  g_assert_true (saw_diagnosis);

  transitions = lf_history_get_transitions (fixture->history, "upwork");
  g_assert_nonnull (transitions);
  g_assert_cmpuint (transitions->len, ==, 3);   /* unknown>up, up>down, down>up */
  g_assert_cmpuint (lf_history_get_samples (fixture->history, "upwork")->len, >=, 5);
}

static void
test_periodic (Fixture       *fixture,
               gconstpointer  data)
{
  Script *upwork = g_hash_table_lookup (fixture->scripts, "/upwork");

  lf_monitor_set_timings (fixture->monitor, 50, 10, 0);
  lf_monitor_start (fixture->monitor);
  g_assert_true (lf_monitor_get_running (fixture->monitor));
  /* started: a round at once, then one every 50 ms ± 10 % */
  while (upwork->hits < 4)
    g_main_context_iteration (NULL, TRUE);

  lf_monitor_stop (fixture->monitor);
  g_assert_true (lf_test_wait_for (not_checking, fixture->monitor, 5000));
  {
    guint hits = upwork->hits;
    gint64 until = g_get_monotonic_time () + 300 * 1000;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
    g_assert_cmpuint (upwork->hits, ==, hits);
  }
}

static void
test_no_overlap (Fixture       *fixture,
                 gconstpointer  data)
{
  Script *upwork = g_hash_table_lookup (fixture->scripts, "/upwork");

  /* asked three times during a round: one more round after it, not three at once */
  lf_monitor_check_now (fixture->monitor);
  lf_monitor_check_now (fixture->monitor);
  lf_monitor_check_now (fixture->monitor);
  g_assert_true (lf_monitor_get_checking (fixture->monitor));
  while (upwork->hits < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (lf_test_wait_for (not_checking, fixture->monitor, 5000));
  g_assert_cmpuint (upwork->hits, ==, 2);
}

static void
test_captive_portal (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LfCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf (
    "{ \"version\": 1,"
    "  \"references\": [ { \"id\": \"ref-204\", \"name\": \"A\","
    "                      \"url\": \"http://127.0.0.1:%u/ref-a\", \"expect_status\": 204 } ],"
    "  \"providers\": [],"
    "  \"platforms\": [ { \"id\": \"upwork\", \"name\": \"Upwork\","
    "    \"category\": \"marketplace\", \"providers\": [],"
    "    \"probes\": [ { \"url\": \"http://127.0.0.1:%u/upwork\" } ] } ] }",
    fixture->port, fixture->port);

  catalog = lf_catalog_new_from_data (json, -1, "captive", &error);
  g_assert_no_error (error);
  lf_monitor_set_catalog (fixture->monitor, catalog);
  g_assert_nonnull (lf_monitor_lookup_platform (fixture->monitor, "upwork"));
  g_assert_null (lf_monitor_lookup_platform (fixture->monitor, "slack"));

  /* the reference expects 204 and gets a 200 page: a captive portal, not the internet */
  run_round (fixture);
  g_assert_false (lf_monitor_get_reference_ok (fixture->monitor, "ref-204"));
  g_assert_cmpint (lf_diagnosis_get_kind (lf_monitor_get_diagnosis (fixture->monitor)), ==,
                   LF_DIAGNOSIS_LOCAL_NETWORK);
  g_assert_cmpint (state_of (fixture, "upwork"), ==, LF_STATE_UNKNOWN);
}

/* A scripted backend, as the fire drill plays an outage through the real monitor: no network,
 * every URL answers what the script says. */
#define TEST_TYPE_SCRIPTED_BACKEND (test_scripted_backend_get_type ())
G_DECLARE_FINAL_TYPE (TestScriptedBackend, test_scripted_backend, TEST, SCRIPTED_BACKEND, GObject)

struct _TestScriptedBackend
{
  GObject     parent_instance;
  GHashTable *causes;   /* url suffix → LfCause */
  guint       probes;
  guint       status_reads;
};

static void test_scripted_backend_iface_init (LfMonitorBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestScriptedBackend, test_scripted_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LF_TYPE_MONITOR_BACKEND,
                                                      test_scripted_backend_iface_init))

static void
scripted_probe_async (LfMonitorBackend    *backend,
                      const LfProbeSpec   *spec,
                      guint                timeout_seconds,
                      guint                slow_ms,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  TestScriptedBackend *self = TEST_SCRIPTED_BACKEND (backend);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  LfProbeResult *result = lf_probe_result_new (spec->url);
  const char *path = strrchr (spec->url, '/');
  gpointer cause;

  self->probes++;
  result->started_at = g_get_real_time ();
  result->total_ms = 42;
  result->http_status = 200;
  if (g_hash_table_lookup_extended (self->causes, path, NULL, &cause))
    {
      result->cause = GPOINTER_TO_INT (cause);
      result->http_status = result->cause == LF_CAUSE_CONNECT ? 0 : 500;
      if (result->cause == LF_CAUSE_CDN_EDGE)
        {
          result->cdn = g_strdup ("cloudflare");
          result->ray_id = g_strdup ("drill-ray-0001");
        }
    }
  g_task_return_pointer (task, result, (GDestroyNotify) lf_probe_result_unref);
}

static LfProbeResult *
scripted_probe_finish (LfMonitorBackend  *backend,
                       GAsyncResult      *result,
                       GError           **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
scripted_fetch_status_async (LfMonitorBackend    *backend,
                             const LfStatusSpec  *spec,
                             guint                timeout_seconds,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  TestScriptedBackend *self = TEST_SCRIPTED_BACKEND (backend);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  LfStatusReport *report = lf_status_report_new ();

  self->status_reads++;
  report->indicator = LF_SEVERITY_OPERATIONAL;
  g_task_return_pointer (task, report, (GDestroyNotify) lf_status_report_unref);
}

static LfStatusReport *
scripted_fetch_status_finish (LfMonitorBackend  *backend,
                              GAsyncResult      *result,
                              GError           **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_scripted_backend_iface_init (LfMonitorBackendInterface *iface)
{
  iface->probe_async = scripted_probe_async;
  iface->probe_finish = scripted_probe_finish;
  iface->fetch_status_async = scripted_fetch_status_async;
  iface->fetch_status_finish = scripted_fetch_status_finish;
}

static void
test_scripted_backend_finalize (GObject *object)
{
  g_hash_table_unref (TEST_SCRIPTED_BACKEND (object)->causes);
  G_OBJECT_CLASS (test_scripted_backend_parent_class)->finalize (object);
}

static void
test_scripted_backend_class_init (TestScriptedBackendClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_scripted_backend_finalize;
}

static void
test_scripted_backend_init (TestScriptedBackend *self)
{
  self->causes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
test_scripted_backend (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(TestScriptedBackend) backend = g_object_new (TEST_TYPE_SCRIPTED_BACKEND, NULL);
  LfMonitorBackend *network = lf_monitor_get_backend (fixture->monitor);
  LfDiagnosis *diagnosis;

  g_assert_true (LF_IS_NETWORK_BACKEND (network));
  /* status sources every hour: read in the first round only, unless the backend changes */
  lf_monitor_set_timings (fixture->monitor, 60000, 10, 3600 * 1000);
  run_round (fixture);
  run_round (fixture);
  g_assert_cmpuint (((Script *) g_hash_table_lookup (fixture->scripts, "/slack-status"))->hits,
                    ==, 1);
  g_assert_cmpint (state_of (fixture, "upwork"), ==, LF_STATE_UP);

  /* the drill swaps the backend: the same monitor, states and signals, no network */
  g_hash_table_insert (backend->causes, g_strdup ("/upwork"), GINT_TO_POINTER (LF_CAUSE_CDN_EDGE));
  g_hash_table_insert (backend->causes, g_strdup ("/fiverr"), GINT_TO_POINTER (LF_CAUSE_CDN_EDGE));
  lf_monitor_set_backend (fixture->monitor, LF_MONITOR_BACKEND (backend));
  g_assert_true (lf_monitor_get_backend (fixture->monitor) == LF_MONITOR_BACKEND (backend));
  run_round (fixture);

  diagnosis = lf_monitor_get_diagnosis (fixture->monitor);
  g_assert_cmpint (lf_diagnosis_get_kind (diagnosis), ==, LF_DIAGNOSIS_PROVIDER_OUTAGE);
  g_assert_cmpstr (lf_diagnosis_get_provider_id (diagnosis), ==, "cloudflare");
  g_assert_true (saw (fixture, "upwork:up>down"));
  g_assert_cmpstr (lf_platform_state_get_ray_id (lf_monitor_lookup_platform (fixture->monitor,
                                                                             "upwork")),
                   ==, "drill-ray-0001");
  /* 2 references + 3 platforms, then 2 confirmations of the 2 failing ones */
  g_assert_cmpuint (backend->probes, ==, 5 + 2 * 2);
  /* status sources are read again at once after a swap */
  g_assert_cmpuint (backend->status_reads, ==, 1);
}

static void
test_dispose_mid_round (void)
{
  g_autoptr(LfCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  LfMonitor *monitor;
  const char * const watched[] = { "slow", NULL };
  const char *json =
    "{ \"version\": 1, \"references\": [], \"providers\": [],"
    "  \"platforms\": [ { \"id\": \"slow\", \"name\": \"Slow\", \"category\": \"marketplace\","
    "    \"probes\": [ { \"url\": \"http://127.0.0.1:1/\", \"method\": \"GET\" } ],"
    "    \"providers\": [] } ] }";

  catalog = lf_catalog_new_from_data (json, -1, "test", &error);
  g_assert_no_error (error);
  monitor = lf_monitor_new (catalog, NULL);
  lf_monitor_set_network_monitor (monitor, NULL);
  lf_monitor_set_watched (monitor, watched);
  lf_monitor_check_now (monitor);
  g_assert_true (lf_monitor_get_checking (monitor));
  /* gone with a request in flight: it is cancelled, nothing fires afterwards */
  g_object_unref (monitor);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

#define ADD(path, func, catalog) \
  g_test_add ("/lifeline/monitor/" path, Fixture, GINT_TO_POINTER (catalog), \
              fixture_set_up, func, fixture_tear_down)

  ADD ("all-up", test_all_up, CATALOG_REFS_ANSWER);
  ADD ("local-network", test_local_network, CATALOG_REFS_REFUSED);
  ADD ("providers-local-network", test_providers_local_network, CATALOG_CLOUDFLARE_STATUS);
  ADD ("provider-outage", test_provider_outage, CATALOG_REFS_ANSWER);
  ADD ("platform-outage", test_platform_outage, CATALOG_REFS_ANSWER);
  ADD ("flapping-never-down", test_flapping, CATALOG_REFS_ANSWER);
  ADD ("status-major", test_status_major, CATALOG_REFS_ANSWER);
  ADD ("history", test_history, CATALOG_REFS_ANSWER);
  ADD ("periodic", test_periodic, CATALOG_REFS_ANSWER);
  ADD ("no-overlap", test_no_overlap, CATALOG_REFS_ANSWER);
  ADD ("captive-portal", test_captive_portal, CATALOG_REFS_ANSWER);
  ADD ("scripted-backend", test_scripted_backend, CATALOG_REFS_ANSWER);
  g_test_add_func ("/lifeline/monitor/dispose-mid-round", test_dispose_mid_round);

  return g_test_run ();
}
