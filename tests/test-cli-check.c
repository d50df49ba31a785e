/* test-cli-check.c — `lifeline --check`, end to end: a separate process, a loopback server
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <json-glib/json-glib.h>

#include "lf-test-server.h"
#include "lf-test-utils.h"

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

/* Upwork and Fiverr behind Cloudflare, Slack behind AWS with its own status page, on the
 * loopback server (@BASE@); the references at @REFS@. */
#define CATALOG \
  "{ \"version\": 1," \
  "  \"references\": [" \
  "    { \"id\": \"ref-a\", \"name\": \"A\", \"url\": \"@REFS@/ref-a\", \"provider\": \"a\" }," \
  "    { \"id\": \"ref-b\", \"name\": \"B\", \"url\": \"@REFS@/ref-b\", \"provider\": \"b\" } ]," \
  "  \"providers\": [ { \"id\": \"cloudflare\", \"name\": \"Cloudflare\" }," \
  "                   { \"id\": \"aws\", \"name\": \"Amazon Web Services\" } ]," \
  "  \"platforms\": [" \
  "    { \"id\": \"upwork\", \"name\": \"Upwork\", \"category\": \"marketplace\"," \
  "      \"probes\": [ { \"url\": \"@BASE@/upwork\", \"method\": \"GET\" } ]," \
  "      \"providers\": [\"cloudflare\"] }," \
  "    { \"id\": \"fiverr\", \"name\": \"Fiverr\", \"category\": \"marketplace\"," \
  "      \"probes\": [ { \"url\": \"@BASE@/fiverr\", \"method\": \"GET\" } ]," \
  "      \"providers\": [\"cloudflare\"] }," \
  "    { \"id\": \"slack\", \"name\": \"Slack\", \"category\": \"communication\"," \
  "      \"probes\": [ { \"url\": \"@BASE@/slack\", \"method\": \"GET\" } ]," \
  "      \"status\": { \"kind\": \"statuspage\", \"url\": \"@BASE@/slack-status\"," \
  "                    \"page\": \"https://status.example.com/\" }," \
  "      \"providers\": [\"aws\"] } ] }"

typedef struct
{
  LfTestServer *server;
  char         *dir;
} Fixture;

/* @refs_answer FALSE: the references on a port nothing listens on. */
static char *
write_catalog (Fixture  *fixture,
               gboolean  refs_answer)
{
  g_autofree char *refs = refs_answer ? g_strdup ("@BASE@")
                                      : g_strdup_printf ("http://127.0.0.1:%u",
                                                         lf_test_get_closed_port ());
  g_auto(GStrv) parts = g_strsplit (CATALOG, "@REFS@", -1);
  g_autofree char *json = g_strjoinv (refs, parts);

  return lf_test_server_write_file (fixture->server, fixture->dir,
                                    refs_answer ? "catalog.json" : "no-refs.json", json);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const up[] = { "/ref-a", "/ref-b", "/upwork", "/fiverr", "/slack", NULL };

  fixture->dir = g_build_filename (g_getenv ("XDG_DATA_HOME"), "check-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (fixture->dir));

  fixture->server = lf_test_server_new (FALSE);
  lf_test_server_respond_ok (fixture->server, up);
  lf_test_server_respond_json (fixture->server, "/slack-status", STATUS_OK);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->server, lf_test_server_free);
  g_clear_pointer (&fixture->dir, g_free);
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
  const char *args[] = { "--check", "--json", "--catalog", catalog, "--timeout", "5", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GDateTime) checked = NULL;
  JsonObject *root, *diagnosis, *upwork, *slack, *status;
  JsonArray *references;
  int status_code;

  status_code = lf_test_run_lifeline (NULL, args, &out, &err);
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
  const char *args[] = { "--check", "--json", "--catalog", catalog, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root, *slack, *status, *incident;
  JsonArray *incidents;

  lf_test_server_respond_json (fixture->server, "/slack-status", STATUS_MINOR);
  g_assert_cmpint (lf_test_run_lifeline (NULL, args, &out, &err), ==, 1);

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
  const char *args[] = { "--check", "--json", "--catalog", catalog, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root, *diagnosis, *upwork;

  lf_test_server_respond_cloudflare_error (fixture->server, "/upwork", "8c2d1e0f3a4b5c6d-SJC");
  lf_test_server_respond_cloudflare_error (fixture->server, "/fiverr", "8c2d1e0f3a4b5c6d-SJC");
  g_assert_cmpint (lf_test_run_lifeline (NULL, args, &out, &err), ==, 2);

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
  const char *args[] = { "--check", "--catalog", catalog, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  lf_test_response_set_body (lf_test_server_respond (fixture->server, "/upwork", 503),
                             "text/plain", "busy", -1);
  g_assert_cmpint (lf_test_run_lifeline (NULL, args, &out, &err), ==, 2);

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
  const char *args[] = { "--check", "--json", "--catalog", catalog, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root;
  JsonArray *platforms;

  lf_test_server_respond_cloudflare_error (fixture->server, "/upwork", "8c2d1e0f3a4b5c6d-SJC");
  lf_test_server_respond_cloudflare_error (fixture->server, "/fiverr", "8c2d1e0f3a4b5c6d-SJC");
  g_assert_cmpint (lf_test_run_lifeline (NULL, args, &out, &err), ==, 3);

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
  const char *args[] = { "--check", "--catalog", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (path,
                                      "{ \"version\": 1, \"references\": [], \"providers\": [],"
                                      "  \"platforms\": [ { \"id\": \"x\", \"name\": \"X\" } ] }",
                                      -1, NULL));
  g_assert_cmpint (lf_test_run_lifeline (NULL, args, &out, &err), ==, 3);
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
  const char *args[] = { "--check", "--catalog", "/nonexistent/catalog.json", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (lf_test_run_lifeline (NULL, args, &out, &err), ==, 3);
  g_assert_nonnull (strstr (err, "/nonexistent/catalog.json"));
}

static void
test_bad_timeout (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *bad[] = { "abc", "0", "-5", "9999", "", NULL };

  for (guint i = 0; bad[i] != NULL; i++)
    {
      const char *args[] = { "--check", "--timeout", bad[i], NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (lf_test_run_lifeline (NULL, args, &out, &err), ==, 3);
      g_assert_nonnull (strstr (err, "--timeout"));
      g_assert_cmpstr (out, ==, "");
    }
}

/* What the application saves when the person ticks platforms: `watched-platforms` in the
 * keyfile GSettings backend of @config (the program reads it with GSETTINGS_BACKEND=keyfile). */
static void
set_watched (const char         *config,
             const char * const *ids)
{
  g_autofree char *file = g_build_filename (config, "glib-2.0", "settings", "keyfile", NULL);
  g_autoptr(GSettingsBackend) backend = g_keyfile_settings_backend_new (file, "/", NULL);
  g_autoptr(GSettings) settings = g_settings_new_with_backend (SCHEMA_ID, backend);

  g_assert_true (g_settings_set_strv (settings, "watched-platforms", ids));
  g_settings_sync ();
}

static char **
platform_ids (JsonObject *root)
{
  JsonArray *platforms = json_object_get_array_member (root, "platforms");
  GStrvBuilder *builder = g_strv_builder_new ();
  char **ids;

  for (guint i = 0; i < json_array_get_length (platforms); i++)
    g_strv_builder_add (builder,
                        json_object_get_string_member (json_array_get_object_element (platforms,
                                                                                      i),
                                                       "id"));
  ids = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return ids;
}

/* Without --catalog, the platforms the person watches are checked, not the whole catalog (the
 * built-in one has 132): two of the three of a user catalog on loopback (which also replaces
 * the built-in references). Nothing watched: nothing is checked, stderr says why and how to
 * check everything, and the exit code is 3. */
static void
test_watched (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *config = g_build_filename (fixture->dir, "config", NULL);
  g_autofree char *lifeline = g_build_filename (config, "lifeline", NULL);
  g_autofree char *user_catalog = g_build_filename (lifeline, "catalog.json", NULL);
  g_autofree char *json = NULL;
  const char * const env[] = { "GSETTINGS_BACKEND=keyfile", NULL };
  const LfTestRun how = { .config_home = config, .env = env };
  const char *args[] = { "--check", "--json", "--timeout", "5", NULL };
  const char * const mine[] = { "alpha", "beta", "gamma", NULL };
  const char * const probes[] = { "/alpha", "/beta", "/gamma", NULL };
  const char * const watched[] = { "gamma", "alpha", "not-in-any-catalog", NULL };
  const char * const expected[] = { "alpha", "gamma", NULL };
  const char * const none[] = { NULL };

  lf_test_server_respond_ok (fixture->server, probes);
  json = lf_test_server_make_catalog (fixture->server, mine);
  g_assert_cmpint (g_mkdir_with_parents (lifeline, 0700), ==, 0);
  g_assert_true (g_file_set_contents (user_catalog, json, -1, NULL));

  set_watched (config, watched);
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(JsonNode) node = NULL;
    g_auto(GStrv) ids = NULL;
    JsonObject *root;

    g_assert_cmpint (lf_test_run_lifeline (&how, args, &out, &err), ==, 0);
    root = parse_output (out, &node);
    ids = platform_ids (root);
    g_assert_true (g_strv_equal ((const char * const *) ids, expected));   /* catalog order */
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root,
                                                                                   "diagnosis"),
                                                    "kind"), ==, "all-clear");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "references")),
                      ==, 5);
    g_assert_cmpuint (lf_test_server_get_hits (fixture->server, "/beta"), ==, 0);
  }

  set_watched (config, none);
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(JsonNode) node = NULL;
    JsonObject *root;

    g_assert_cmpint (lf_test_run_lifeline (&how, args, &out, &err), ==, 3);
    root = parse_output (out, &node);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "platforms")),
                      ==, 0);
    g_assert_nonnull (strstr (err, "No platform is watched"));
    g_assert_nonnull (strstr (err, "--all"));
  }
}

/* --catalog FILE checks every platform of FILE, whatever is watched (scripts rely on it);
 * --all with it changes nothing. */
static void
test_catalog_checks_all (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *catalog = write_catalog (fixture, TRUE);
  g_autofree char *config = g_build_filename (fixture->dir, "config", NULL);
  const char * const env[] = { "GSETTINGS_BACKEND=keyfile", NULL };
  const LfTestRun how = { .config_home = config, .env = env };
  const char * const watched[] = { "slack", NULL };
  const char * const all[] = { "upwork", "fiverr", "slack", NULL };

  set_watched (config, watched);
  for (guint with_all = 0; with_all < 2; with_all++)
    {
      const char *args[] = { "--check", "--json", "--catalog", catalog,
                             with_all ? "--all" : NULL, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_auto(GStrv) ids = NULL;

      g_assert_cmpint (lf_test_run_lifeline (&how, args, &out, &err), ==, 0);
      ids = platform_ids (parse_output (out, &node));
      g_assert_true (g_strv_equal ((const char * const *) ids, all));
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
  ADD ("watched", test_watched);
  ADD ("catalog-checks-all", test_catalog_checks_all);

  return g_test_run ();
}
