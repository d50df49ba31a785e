/* test-cli-check.c — `lifeline --check`, end to end: a separate process, a loopback server
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lf-test-utils.h"

#define CF_ERROR_PAGE \
  "<!DOCTYPE html><html><body><div id=\"cf-wrapper\"><div id=\"cf-error-details\">" \
  "<h1>Internal server error</h1><p>Cloudflare Ray ID: <strong>8c2d1e0f3a4b5c6d</strong>" \
  "</p></div></div></body></html>"

#define STATUS_MINOR \
  "{\"page\":{\"id\":\"p\",\"name\":\"Slack\",\"url\":\"https://status.example.com\"}," \
  "\"status\":{\"indicator\":\"minor\",\"description\":\"Minor Service Outage\"}," \
  "\"components\":[],\"incidents\":[{\"id\":\"i1\",\"name\":\"Slow file uploads\"," \
  "\"status\":\"identified\",\"impact\":\"minor\",\"shortlink\":\"https://stspg.io/i1\"," \
  "\"started_at\":\"2026-11-26T20:00:00Z\",\"created_at\":\"2026-11-26T20:00:00Z\"," \
  "\"components\":[]}],\"scheduled_maintenances\":[]}"

#define STATUS_OK \
  "{\"page\":{\"id\":\"p\",\"name\":\"Slack\",\"url\":\"https://status.example.com\"}," \
  "\"status\":{\"indicator\":\"none\",\"description\":\"All Systems Operational\"}," \
  "\"components\":[],\"incidents\":[],\"scheduled_maintenances\":[]}"

typedef struct
{
  SoupServer *server;
  guint       port;
  gboolean    cf_edge;       /* Upwork and Fiverr answer Cloudflare edge 500s */
  gboolean    origin_503;    /* Upwork answers a plain 503 */
  gboolean    slack_minor;   /* Slack's status page reports a minor incident */
  char       *dir;
} Fixture;

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (g_str_equal (path, "/slack-status"))
    {
      const char *body = fixture->slack_minor ? STATUS_MINOR : STATUS_OK;

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body,
                                        strlen (body));
    }
  else if (fixture->cf_edge && (g_str_equal (path, "/upwork") || g_str_equal (path, "/fiverr")))
    {
      soup_server_message_set_status (msg, 500, NULL);
      soup_message_headers_append (headers, "Server", "cloudflare");
      soup_message_headers_append (headers, "CF-RAY", "8c2d1e0f3a4b5c6d-SJC");
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, CF_ERROR_PAGE,
                                        strlen (CF_ERROR_PAGE));
    }
  else if (fixture->origin_503 && g_str_equal (path, "/upwork"))
    {
      soup_server_message_set_status (msg, 503, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "busy", 4);
    }
  else
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
    }
}

static char *
write_catalog (Fixture  *fixture,
               gboolean  refs_answer)
{
  g_autofree char *base = g_strdup_printf ("http://127.0.0.1:%u", fixture->port);
  g_autofree char *refs = refs_answer ? g_strdup (base) : g_strdup ("http://127.0.0.1:1");
  g_autofree char *json = g_strdup_printf (
    "{ \"version\": 1,"
    "  \"references\": ["
    "    { \"id\": \"ref-a\", \"name\": \"A\", \"url\": \"%s/ref-a\", \"provider\": \"a\" },"
    "    { \"id\": \"ref-b\", \"name\": \"B\", \"url\": \"%s/ref-b\", \"provider\": \"b\" } ],"
    "  \"providers\": [ { \"id\": \"cloudflare\", \"name\": \"Cloudflare\" },"
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
    refs, refs, base, base, base, base);
  char *path = g_build_filename (fixture->dir, refs_answer ? "catalog.json" : "no-refs.json",
                                 NULL);

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  return path;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fixture->dir = g_build_filename (g_getenv ("XDG_DATA_HOME"), "check-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (fixture->dir));

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->dir, g_free);
}

typedef struct
{
  gboolean  done;
  char     *out;
  char     *err;
} Run;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->out, &run->err,
                                        &error);
  g_assert_no_error (error);
  run->done = TRUE;
}

/* Runs lifeline with no display and no session bus, serving its requests meanwhile. */
static int
run_check (const char * const  *args,
           char               **out,
           char               **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Run run = { 0 };

  g_ptr_array_add (argv, (gpointer) lf_test_get_binary ());
  g_ptr_array_add (argv, (gpointer) "--check");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (proc, NULL, NULL, communicate_cb, &run);
  lf_test_wait_for_flag (&run.done, 30000);

  *out = run.out;
  *err = run.err;
  g_assert_true (g_subprocess_get_if_exited (proc));
  return g_subprocess_get_exit_status (proc);
}

static JsonObject *
parse_output (const char *out,
              JsonNode  **node_out)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (out, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  *node_out = node;
  return json_node_get_object (node);
}

static JsonObject *
find_platform (JsonObject *root,
               const char *id)
{
  JsonArray *platforms = json_object_get_array_member (root, "platforms");

  for (guint i = 0; i < json_array_get_length (platforms); i++)
    {
      JsonObject *platform = json_array_get_object_element (platforms, i);

      if (g_str_equal (json_object_get_string_member (platform, "id"), id))
        return platform;
    }

  g_assert_not_reached ();
}

static void
test_all_up (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *catalog = write_catalog (fixture, TRUE);
  const char *args[] = { "--json", "--catalog", catalog, "--timeout", "5", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GDateTime) checked = NULL;
  JsonObject *root, *diagnosis, *upwork, *slack, *status;
  JsonArray *references;
  int status_code;

  status_code = run_check (args, &out, &err);
  g_assert_cmpint (status_code, ==, 0);

  root = parse_output (out, &node);
  checked = g_date_time_new_from_iso8601 (json_object_get_string_member (root, "checked_at"),
                                          NULL);
  g_assert_nonnull (checked);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (root, "checked_at"), "Z"));

  diagnosis = json_object_get_object_member (root, "diagnosis");
  g_assert_cmpstr (json_object_get_string_member (diagnosis, "kind"), ==, "all-clear");
  g_assert_true (json_object_get_null_member (diagnosis, "provider"));
  g_assert_nonnull (json_object_get_string_member (diagnosis, "summary"));

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "platforms")),
                    ==, 3);
  upwork = find_platform (root, "upwork");
  g_assert_cmpstr (json_object_get_string_member (upwork, "name"), ==, "Upwork");
  g_assert_cmpstr (json_object_get_string_member (upwork, "state"), ==, "up");
  g_assert_cmpstr (json_object_get_string_member (upwork, "cause"), ==, "none");
  g_assert_cmpstr (json_object_get_string_member (upwork, "provider"), ==, "cloudflare");
  g_assert_cmpint (json_object_get_int_member (upwork, "http_status"), ==, 200);
  g_assert_cmpint (json_object_get_int_member (upwork, "latency_ms"), >=, 0);
  g_assert_true (json_object_get_null_member (upwork, "status"));

  slack = find_platform (root, "slack");
  status = json_object_get_object_member (slack, "status");
  g_assert_cmpstr (json_object_get_string_member (status, "indicator"), ==, "operational");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (status, "incidents")),
                    ==, 0);

  references = json_object_get_array_member (root, "references");
  g_assert_cmpuint (json_array_get_length (references), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (references, 0),
                                                  "id"), ==, "ref-a");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (references, 0),
                                                 "ok"));
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (references, 0),
                                               "latency_ms"), >=, 0);
}

static void
test_degraded (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *catalog = write_catalog (fixture, TRUE);
  const char *args[] = { "--json", "--catalog", catalog, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root, *slack, *status, *incident;
  JsonArray *incidents;

  fixture->slack_minor = TRUE;
  g_assert_cmpint (run_check (args, &out, &err), ==, 1);

  root = parse_output (out, &node);
  slack = find_platform (root, "slack");
  g_assert_cmpstr (json_object_get_string_member (slack, "state"), ==, "degraded");
  g_assert_cmpstr (json_object_get_string_member (slack, "cause"), ==, "status-page");
  status = json_object_get_object_member (slack, "status");
  g_assert_cmpstr (json_object_get_string_member (status, "indicator"), ==, "degraded");
  incidents = json_object_get_array_member (status, "incidents");
  g_assert_cmpuint (json_array_get_length (incidents), ==, 1);
  incident = json_array_get_object_element (incidents, 0);
  g_assert_cmpstr (json_object_get_string_member (incident, "title"), ==, "Slow file uploads");
  g_assert_cmpstr (json_object_get_string_member (incident, "url"), ==, "https://stspg.io/i1");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root,
                                                                                 "diagnosis"),
                                                  "kind"), ==, "platform-outage");
}

static void
test_provider_outage (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *catalog = write_catalog (fixture, TRUE);
  const char *args[] = { "--json", "--catalog", catalog, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root, *diagnosis, *upwork;

  fixture->cf_edge = TRUE;
  g_assert_cmpint (run_check (args, &out, &err), ==, 2);

  root = parse_output (out, &node);
  diagnosis = json_object_get_object_member (root, "diagnosis");
  g_assert_cmpstr (json_object_get_string_member (diagnosis, "kind"), ==, "provider-outage");
  g_assert_cmpstr (json_object_get_string_member (diagnosis, "provider"), ==, "cloudflare");
  g_assert_cmpstr (json_object_get_string_member (diagnosis, "summary"), ==,
                   "Cloudflare is having an outage: Upwork and Fiverr are affected");
  upwork = find_platform (root, "upwork");
  g_assert_cmpstr (json_object_get_string_member (upwork, "state"), ==, "down");
  g_assert_cmpstr (json_object_get_string_member (upwork, "cause"), ==, "cdn-edge");
  g_assert_cmpint (json_object_get_int_member (upwork, "http_status"), ==, 500);
  g_assert_cmpstr (json_object_get_string_member (find_platform (root, "fiverr"), "state"), ==,
                   "down");
  g_assert_cmpstr (json_object_get_string_member (find_platform (root, "slack"), "state"), ==,
                   "up");
}

static void
test_platform_outage_table (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *catalog = write_catalog (fixture, TRUE);
  const char *args[] = { "--catalog", catalog, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  fixture->origin_503 = TRUE;
  g_assert_cmpint (run_check (args, &out, &err), ==, 2);

  /* the human table: the state in words */
  g_assert_true (g_str_has_prefix (out, "Diagnosis: Upwork is down\n"));
  g_assert_nonnull (strstr (out, "PLATFORM"));
  g_assert_nonnull (strstr (out, "Upwork    Down   http-error  503"));
  g_assert_nonnull (strstr (out, "Fiverr    Up"));
  g_assert_nonnull (strstr (out, "Reference checks: 2 of 2 answered"));
}

static void
test_local_network (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *catalog = write_catalog (fixture, FALSE);
  const char *args[] = { "--json", "--catalog", catalog, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root;
  JsonArray *platforms;

  fixture->cf_edge = TRUE;
  g_assert_cmpint (run_check (args, &out, &err), ==, 3);

  root = parse_output (out, &node);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root,
                                                                                 "diagnosis"),
                                                  "kind"), ==, "local-network");
  platforms = json_object_get_array_member (root, "platforms");
  for (guint i = 0; i < json_array_get_length (platforms); i++)
    {
      JsonObject *platform = json_array_get_object_element (platforms, i);

      g_assert_cmpstr (json_object_get_string_member (platform, "state"), ==, "unknown");
      g_assert_cmpstr (json_object_get_string_member (platform, "cause"), ==, "network");
    }
  g_assert_false (json_object_get_boolean_member (
                    json_array_get_object_element (json_object_get_array_member (root,
                                                                                 "references"),
                                                   1), "ok"));
}

static void
test_bad_catalog (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "broken.json", NULL);
  const char *args[] = { "--catalog", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (path,
                                      "{ \"version\": 1, \"references\": [], \"providers\": [],"
                                      "  \"platforms\": [ { \"id\": \"x\", \"name\": \"X\" } ] }",
                                      -1, NULL));
  g_assert_cmpint (run_check (args, &out, &err), ==, 3);
  g_assert_cmpstr (out, ==, "");
  /* names the file, the entry and the problem */
  g_assert_nonnull (strstr (err, path));
  g_assert_nonnull (strstr (err, "platforms[0] \"x\""));
  g_assert_nonnull (strstr (err, "\"category\" is missing"));
}

static void
test_missing_catalog (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *args[] = { "--catalog", "/nonexistent/catalog.json", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_check (args, &out, &err), ==, 3);
  g_assert_nonnull (strstr (err, "/nonexistent/catalog.json"));
}

static void
test_bad_timeout (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *bad[] = { "abc", "0", "-5", "9999", "", NULL };

  for (guint i = 0; bad[i] != NULL; i++)
    {
      const char *args[] = { "--timeout", bad[i], NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_check (args, &out, &err), ==, 3);
      g_assert_nonnull (strstr (err, "--timeout"));
      g_assert_cmpstr (out, ==, "");
    }
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/lifeline/cli-check/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("all-up", test_all_up);
  ADD ("degraded", test_degraded);
  ADD ("provider-outage", test_provider_outage);
  ADD ("platform-outage-table", test_platform_outage_table);
  ADD ("local-network", test_local_network);
  ADD ("bad-catalog", test_bad_catalog);
  ADD ("missing-catalog", test_missing_catalog);
  ADD ("bad-timeout", test_bad_timeout);

  return g_test_run ();
}
