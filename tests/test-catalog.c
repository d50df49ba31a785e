/* test-catalog.c — the shipped catalog, validation messages, user overrides
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-catalog.h"
#include "lf-json.h"
#include "lf-storage.h"
#include "lf-test-utils.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  lf_storage_write_atomic (path, contents, -1, 0644, &error);
  g_assert_no_error (error);
}

static void
remove_user_file (void)
{
  g_autofree char *path = lf_catalog_get_user_file ();

  g_unlink (path);
}

static void
assert_invalid (const char *json,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LfCatalog) catalog = NULL;

  catalog = lf_catalog_new_from_data (json, -1, "test.json", &error);
  g_assert_null (catalog);
  g_assert_error (error, LF_CATALOG_ERROR, LF_CATALOG_ERROR_INVALID);
  if (strstr (error->message, message) == NULL || !g_str_has_prefix (error->message, "test.json: "))
    g_error ("“%s” does not say “%s”", error->message, message);
}

#define PLATFORM(extra) \
  "{\"id\": \"acme\", \"name\": \"Acme\", \"category\": \"marketplace\", " \
  "\"probes\": [{\"url\": \"https://acme.example/\"}]" extra "}"

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

static void
test_shipped (void)
{
  const char *platforms[] = {
    "upwork", "fiverr", "freelancer", "toptal", "peopleperhour", "guru", "contra",
    "slack", "zoom", "google-workspace", "microsoft-teams", "discord",
    "github", "dropbox", "google-drive",
    "paypal", "payoneer", "wise", "stripe",
  };
  const char *providers[] = { "cloudflare", "aws", "google-cloud", "fastly", "akamai", "azure" };
  const char *categories[] = { "marketplace", "communication", "meetings", "design", "documents",
                               "project", "code-hosting", "ai", "websites", "payments",
                               "time-tracking", "email", "crm", "security", NULL };
  /* Only endpoints confirmed in reference/status-sources.md §1. */
  const char *confirmed[] = {
    "https://api.status.io/1.0/status/55a1f951d0ef560d6e00006e",
    "https://slack-status.com/api/v2.0.0/current",
    "https://status.zoom.us/api/v2/summary.json",
    "https://www.githubstatus.com/api/v2/summary.json",
    "https://www.cloudflarestatus.com/api/v2/summary.json",
    "https://www.google.com/appsstatus/dashboard/incidents.json",
    "https://status.cloud.google.com/incidents.json",
    "https://discordstatus.com/api/v2/summary.json",
    NULL
  };
  g_autoptr(GHashTable) reference_providers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(LfCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  LfCatalogPlatform *platform;

  remove_user_file ();
  catalog = lf_catalog_load_default (NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (catalog);

  for (guint i = 0; i < G_N_ELEMENTS (platforms); i++)
    {
      platform = lf_catalog_lookup_platform (catalog, platforms[i]);
      if (platform == NULL)
        g_error ("platform “%s” missing from the shipped catalog", platforms[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    g_assert_nonnull (lf_catalog_lookup_provider (catalog, providers[i]));

  for (guint i = 0; i < catalog->platforms->len; i++)
    {
      platform = g_ptr_array_index (catalog->platforms, i);
      g_assert_true (g_strv_contains (categories, platform->category));
      g_assert_cmpuint (platform->probes->len, >=, 1);
      g_assert_false (platform->custom);
    }
  for (guint i = 0; i < catalog->providers->len; i++)
    {
      LfCatalogProvider *provider = g_ptr_array_index (catalog->providers, i);

      if (provider->status != NULL)
        g_assert_true (g_strv_contains (confirmed, provider->status->url));
    }

  /* At least four references, on at least four different providers. */
  g_assert_cmpuint (catalog->references->len, >=, 4);
  for (guint i = 0; i < catalog->references->len; i++)
    {
      LfCatalogReference *reference = g_ptr_array_index (catalog->references, i);

      g_assert_nonnull (reference->provider);
      g_hash_table_add (reference_providers, reference->provider);
    }
  g_assert_cmpuint (g_hash_table_size (reference_providers), >=, 4);
  g_assert_cmpuint (lf_catalog_lookup_reference (catalog, "google-204")->expect_status, ==, 204);

  platform = lf_catalog_lookup_platform (catalog, "upwork");
  g_assert_cmpint (platform->status->kind, ==, LF_STATUS_KIND_STATUSIO);
  g_assert_true (g_strv_contains ((const char * const *) platform->providers, "cloudflare"));
  g_assert_cmpuint (platform->slow_ms, ==, LF_CATALOG_DEFAULT_SLOW_MS);
  platform = lf_catalog_lookup_platform (catalog, "google-drive");
  g_assert_cmpint (platform->status->kind, ==, LF_STATUS_KIND_GOOGLE_WORKSPACE);
  g_assert_cmpstr (platform->status->components[0], ==, "Google Drive");
  /* No confirmed machine-readable status: probes only. */
  g_assert_null (lf_catalog_lookup_platform (catalog, "fiverr")->status);
  g_assert_null (lf_catalog_lookup_platform (catalog, "paypal")->status);
  g_assert_cmpstr (lf_catalog_lookup_provider (catalog, "cloudflare")->status->components[0], ==,
                   "CDN/Cache Delivery");
  g_assert_null (lf_catalog_lookup_platform (catalog, "no-such-platform"));

  /* The breadth a freelancer's day needs (issue #14). */
  g_assert_cmpuint (catalog->platforms->len, >=, 100);
}

/* ------------------------------------------------------------------------ */
/* Where every shipped fact comes from                                      */
/* ------------------------------------------------------------------------ */

/* stts's services.json (tests/data/stts_services.json, a byte-for-byte copy) allows trailing
 * commas, which strict JSON does not: drop them (outside strings) before parsing. */
static JsonNode *
load_stts_services (JsonParser *parser)
{
  g_autofree char *path = lf_test_build_data_path ("stts_services.json");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GString *clean = g_string_new (NULL);
  gboolean in_string = FALSE;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < length; i++)
    {
      char c = contents[i];

      if (in_string)
        {
          if (c == '\\' && i + 1 < length)
            g_string_append_c (clean, contents[i++]);
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == ',')
        {
          gsize j = i + 1;

          while (j < length && g_ascii_isspace (contents[j]))
            j++;
          if (j < length && (contents[j] == ']' || contents[j] == '}'))
            continue;
        }
      g_string_append_c (clean, contents[i]);
    }

  json_parser_load_from_data (parser, clean->str, clean->len, &error);
  g_assert_no_error (error);
  g_string_free (clean, TRUE);

  return json_parser_get_root (parser);
}

/* The stts entry named @name in the list of @kind, or NULL. */
static JsonObject *
stts_lookup (JsonObject *services,
             const char *kind,
             const char *name)
{
  JsonArray *list = json_object_has_member (services, kind)
                    ? json_object_get_array_member (services, kind) : NULL;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "name"), name) == 0)
        return entry;
    }

  return NULL;
}

/* Every status source the shipped catalog uses is either one confirmed in
 * reference/status-sources.md §1, or one stts lists, at exactly the address stts's readers
 * derive from that list (docs/CATALOG.md). Every entry names its source. */
static void
test_shipped_sources (void)
{
  const char *confirmed[] = {
    "https://api.status.io/1.0/status/55a1f951d0ef560d6e00006e",
    "https://slack-status.com/api/v2.0.0/current",
    "https://status.zoom.us/api/v2/summary.json",
    "https://www.githubstatus.com/api/v2/summary.json",
    "https://www.cloudflarestatus.com/api/v2/summary.json",
    "https://www.google.com/appsstatus/dashboard/incidents.json",
    "https://status.cloud.google.com/incidents.json",
    "https://discordstatus.com/api/v2/summary.json",
    NULL
  };
  g_autoptr(JsonParser) stts_parser = json_parser_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *services = json_node_get_object (load_stts_services (stts_parser));
  JsonObject *root;
  const char *sections[] = { "platforms", "providers" };
  guint n_stts = 0;

  data = g_resources_lookup_data ("/io/github/lifeline/Lifeline/data/catalog.json",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                              &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      JsonArray *entries = json_object_get_array_member (root, sections[s]);

      for (guint i = 0; i < json_array_get_length (entries); i++)
        {
          JsonObject *entry = json_array_get_object_element (entries, i);
          const char *id = json_object_get_string_member (entry, "id");
          const char *source = json_object_get_string_member_with_default (entry, "source",
                                                                           NULL);
          JsonObject *status = json_object_has_member (entry, "status")
                               ? json_object_get_object_member (entry, "status") : NULL;
          const char *url = status ? json_object_get_string_member (status, "url") : NULL;
          const char *page = status ? json_object_get_string_member (status, "page") : NULL;

          if (source == NULL || *source == '\0')
            g_error ("%s “%s” does not name its source", sections[s], id);

          if (g_str_has_prefix (source, "stts:"))
            {
              g_auto(GStrv) parts = g_strsplit (source, ":", 3);
              JsonObject *stts;
              g_autofree char *expected = NULL;
              g_autofree char *stts_page = NULL;
              const char *stts_url;

              g_assert_nonnull (status);
              g_assert_cmpuint (g_strv_length (parts), ==, 3);
              stts = stts_lookup (services, parts[1], parts[2]);
              if (stts == NULL)
                g_error ("“%s”: stts lists no %s service “%s”", id, parts[1], parts[2]);
              stts_url = json_object_get_string_member (stts, "url");
              stts_page = g_str_has_suffix (stts_url, "/") ? g_strdup (stts_url)
                                                            : g_strconcat (stts_url, "/", NULL);

              if (g_str_equal (parts[1], "statuspage"))
                expected = g_strdup_printf ("https://%s.statuspage.io/api/v2/summary.json",
                                            json_object_get_string_member (stts, "id"));
              else if (g_str_equal (parts[1], "statusiov1"))
                expected = g_strdup_printf ("https://api.status.io/1.0/status/%s",
                                            json_object_get_string_member (stts, "id"));
              else if (g_str_equal (parts[1], "incidentio"))
                expected = g_strconcat (stts_page, "api/v2/summary.json", NULL);
              else if (g_str_equal (parts[1], "instatus"))
                expected = g_strconcat (stts_page, "summary.json", NULL);
              else
                g_error ("“%s”: Lifeline has no reader for stts's kind “%s”", id, parts[1]);

              g_assert_cmpstr (url, ==, expected);
              g_assert_cmpstr (page, ==, stts_page);
              n_stts++;
            }
          else if (status != NULL)
            {
              if (!g_str_has_prefix (source, "reference/status-sources.md"))
                g_error ("“%s”: a status source from “%s”", id, source);
              if (!g_strv_contains (confirmed, url))
                g_error ("“%s”: %s is not confirmed in the reference", id, url);
            }
        }
    }

  g_assert_cmpuint (n_stts, >=, 50);
}

static void
test_round_trip (void)
{
  g_autoptr(LfCatalog) catalog = NULL;
  g_autoptr(LfCatalog) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *data_again = NULL;

  remove_user_file ();
  catalog = lf_catalog_load_default (NULL, &error);
  g_assert_no_error (error);
  data = lf_catalog_to_data (catalog, NULL);
  again = lf_catalog_new_from_data (data, -1, "round-trip", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->platforms->len, ==, catalog->platforms->len);
  g_assert_cmpuint (again->providers->len, ==, catalog->providers->len);
  g_assert_cmpuint (again->references->len, ==, catalog->references->len);
  data_again = lf_catalog_to_data (again, NULL);
  g_assert_cmpstr (data, ==, data_again);
}

static void
test_invalid (void)
{
  assert_invalid ("{\"version\": 1", "not valid JSON");
  {
    /* Deep enough to overflow the parser's stack: refused, no crash. */
    g_autofree char *brackets = g_strnfill (1000 * 1000, '[');
    g_autofree char *deep = g_strconcat ("{\"version\": 1, \"x\": ", brackets, "}", NULL);

    assert_invalid (deep, "nested more than 64 levels");
  }
  assert_invalid ("[]", "must be a JSON object");
  assert_invalid ("{}", "\"version\" is missing");
  assert_invalid ("{\"version\": \"1\"}", "\"version\" must be a whole number, not a string");
  assert_invalid ("{\"version\": 2}", "unsupported catalog version 2");
  assert_invalid ("{\"version\": 1, \"platforms\": {}}", "\"platforms\" must be an array");
  assert_invalid ("{\"version\": 1, \"platforms\": [42]}",
                  "platforms[0]: must be an object, not a number");
  assert_invalid ("{\"version\": 1, \"platforms\": [{\"name\": \"Acme\"}]}",
                  "platforms[0]: \"id\" is missing");
  assert_invalid ("{\"version\": 1, \"platforms\": [{\"id\": \"acme\", \"name\": 7, "
                  "\"category\": \"marketplace\", \"probes\": []}]}",
                  "platforms[0] \"acme\": \"name\" must be a string, not a number");
  assert_invalid ("{\"version\": 1, \"platforms\": [{\"id\": \"acme\", \"name\": \"Acme\", "
                  "\"category\": \"marketplace\"}]}",
                  "platforms[0] \"acme\": \"probes\" is missing");
  assert_invalid ("{\"version\": 1, \"platforms\": [{\"id\": \"acme\", \"name\": \"Acme\", "
                  "\"category\": \"marketplace\", \"probes\": []}]}",
                  "platforms[0] \"acme\": \"probes\" is empty");
  assert_invalid ("{\"version\": 1, \"platforms\": [{\"id\": \"acme\", \"name\": \"Acme\", "
                  "\"category\": \"marketplace\", "
                  "\"probes\": [{\"url\": \"ftp://acme.example/\"}]}]}",
                  "platforms[0] \"acme\": \"probes[0].url\" must be an http or https address");
  assert_invalid ("{\"version\": 1, \"platforms\": [{\"id\": \"acme\", \"name\": \"Acme\", "
                  "\"category\": \"marketplace\", \"probes\": [{\"url\": \"not a url\"}]}]}",
                  "platforms[0] \"acme\": \"probes[0].url\" is not a valid address");
  assert_invalid ("{\"version\": 1, \"platforms\": [" PLATFORM (", \"probes\": [{\"url\": "
                  "\"https://a.example/\", \"method\": \"POST\"}]") "]}",
                  "platforms[0] \"acme\": \"probes\"[0].method must be \"GET\" or \"HEAD\"");
  assert_invalid ("{\"version\": 1, \"platforms\": [" PLATFORM (", \"status\": {\"kind\": "
                  "\"betterstack\", \"url\": \"https://s.example/\"}") "]}",
                  "platforms[0] \"acme\": unknown status kind “betterstack”");
  assert_invalid ("{\"version\": 1, \"platforms\": [" PLATFORM (", \"status\": {\"kind\": "
                  "\"statuspage\"}") "]}",
                  "platforms[0] \"acme\": \"url\" is missing");
  assert_invalid ("{\"version\": 1, \"platforms\": [" PLATFORM (", \"providers\": "
                  "[\"cloudflare\"]") "]}",
                  "platforms[0] \"acme\": unknown provider “cloudflare”");
  assert_invalid ("{\"version\": 1, \"platforms\": [" PLATFORM ("") ", " PLATFORM ("") "]}",
                  "platforms[1] \"acme\": duplicate id");
  assert_invalid ("{\"version\": 1, \"platforms\": [" PLATFORM (", \"slow_ms\": -5") "]}",
                  "platforms[0] \"acme\": \"slow_ms\" must be between");
  assert_invalid ("{\"version\": 1, \"references\": [{\"id\": \"Net\", \"name\": \"n\", "
                  "\"url\": \"http://n.example/\"}]}",
                  "references[0] \"Net\": \"id\" may only hold");
  assert_invalid ("{\"version\": 1, \"providers\": [{\"id\": \"cdn\", \"name\": \"CDN\", "
                  "\"status\": \"https://status.example/\"}]}",
                  "providers[0] \"cdn\": \"status\" must be an object, not a string");
}

static void
test_forward_compatible (void)
{
  g_autoptr(LfCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  LfCatalogPlatform *platform;

  catalog = lf_catalog_new_from_data ("{\"version\": 1, \"future\": {\"x\": 1}, "
                                      "\"providers\": [{\"id\": \"cdn\", \"name\": \"CDN\", "
                                      "\"tier\": 3}], "
                                      "\"platforms\": [" PLATFORM (", \"colour\": \"red\", "
                                      "\"providers\": [\"cdn\"], \"slow_ms\": 800") "]}",
                                      -1, "test.json", &error);
  g_assert_no_error (error);
  platform = lf_catalog_lookup_platform (catalog, "acme");
  g_assert_nonnull (platform);
  g_assert_cmpuint (platform->slow_ms, ==, 800);
  g_assert_cmpstr (((LfProbeSpec *) g_ptr_array_index (platform->probes, 0))->method, ==, "GET");
  g_assert_cmpuint (((LfProbeSpec *) g_ptr_array_index (platform->probes, 0))->expect_status,
                    ==, 0);
  g_assert_cmpstr (platform->providers[0], ==, "cdn");
  g_assert_null (platform->status);
}

static void
test_user_override (void)
{
  g_autofree char *path = lf_catalog_get_user_file ();
  g_autoptr(LfCatalog) builtin = NULL;
  g_autoptr(LfCatalog) merged = NULL;
  g_autoptr(GError) error = NULL;
  LfCatalogPlatform *platform;

  remove_user_file ();
  builtin = lf_catalog_load_default (NULL, &error);
  g_assert_no_error (error);

  write_file (path,
              "{\"version\": 1, \"platforms\": ["
              "{\"id\": \"upwork\", \"name\": \"Upwork (mirror)\", \"category\": \"marketplace\","
              " \"probes\": [{\"url\": \"https://mirror.example/\", \"method\": \"HEAD\"}],"
              " \"providers\": [\"cloudflare\"]},"
              "{\"id\": \"acme\", \"name\": \"Acme\", \"category\": \"marketplace\","
              " \"probes\": [{\"url\": \"https://acme.example/\"}], \"providers\": [\"akamai\"],"
              " \"custom\": true}]}");
  merged = lf_catalog_load_default (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (merged->platforms->len, ==, builtin->platforms->len + 1);
  g_assert_nonnull (strstr (merged->source, path));

  /* Replaced in place, by id. */
  platform = lf_catalog_lookup_platform (merged, "upwork");
  g_assert_cmpstr (platform->name, ==, "Upwork (mirror)");
  g_assert_cmpstr (((LfProbeSpec *) g_ptr_array_index (platform->probes, 0))->url, ==,
                   "https://mirror.example/");
  g_assert_null (platform->status);
  g_assert_true (g_ptr_array_index (merged->platforms, 0) == platform);
  /* Added. */
  platform = lf_catalog_lookup_platform (merged, "acme");
  g_assert_true (platform->custom);
  g_assert_cmpstr (platform->source, ==, path);
  /* Untouched. */
  g_assert_nonnull (lf_catalog_lookup_platform (merged, "fiverr")->name);

  remove_user_file ();
}

static void
test_user_file_invalid (void)
{
  g_autofree char *path = lf_catalog_get_user_file ();
  g_autoptr(LfCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;

  /* A provider that exists neither in the user's file nor in the built-in catalog. */
  write_file (path, "{\"version\": 1, \"platforms\": [" PLATFORM (", \"providers\": [\"nope\"]")
                    "]}");
  catalog = lf_catalog_load_default (NULL, &error);
  g_assert_null (catalog);
  g_assert_error (error, LF_CATALOG_ERROR, LF_CATALOG_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, ": platforms[0] \"acme\": unknown provider “nope”"));
  g_clear_error (&error);

  write_file (path, "{\"version\": 1, \"platforms\": [{\"id\": \"acme\"}]}");
  catalog = lf_catalog_load_default (NULL, &error);
  g_assert_null (catalog);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "platforms[0] \"acme\": \"name\" is missing"));

  remove_user_file ();
}

static void
test_override_file (void)
{
  g_autofree char *user = lf_catalog_get_user_file ();
  g_autofree char *other = g_build_filename (g_get_user_cache_dir (), "one.json", NULL);
  g_autoptr(LfCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;

  write_file (user, "{\"version\": 1, \"platforms\": [" PLATFORM ("") "]}");
  write_file (other, "{\"version\": 1, \"references\": [{\"id\": \"lo\", \"name\": \"Loopback\","
                     " \"url\": \"http://127.0.0.1:1/\"}], \"platforms\": [{\"id\": \"only\","
                     " \"name\": \"Only\", \"category\": \"payments\","
                     " \"probes\": [{\"url\": \"http://127.0.0.1:1/x\", \"expect_status\": 204}]}]}");

  /* --catalog FILE replaces the built-in catalog and the user's file. */
  catalog = lf_catalog_load_default (other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (catalog->platforms->len, ==, 1);
  g_assert_cmpuint (catalog->providers->len, ==, 0);
  g_assert_cmpstr (catalog->source, ==, other);
  g_assert_nonnull (lf_catalog_lookup_platform (catalog, "only"));
  g_assert_null (lf_catalog_lookup_platform (catalog, "acme"));
  g_assert_nonnull (lf_catalog_lookup_reference (catalog, "lo"));
  g_clear_pointer (&catalog, lf_catalog_unref);

  /* A missing or broken one is an error naming it. */
  g_unlink (other);
  catalog = lf_catalog_load_default (other, &error);
  g_assert_null (catalog);
  g_assert_error (error, LF_CATALOG_ERROR, LF_CATALOG_ERROR_IO);
  g_assert_nonnull (strstr (error->message, other));

  remove_user_file ();
}

static void
test_save_user_platform (void)
{
  g_autofree char *path = lf_catalog_get_user_file ();
  g_autoptr(LfCatalogPlatform) platform = lf_catalog_platform_new ();
  g_autoptr(LfCatalogPlatform) broken = lf_catalog_platform_new ();
  g_autoptr(LfCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *providers[] = { "cloudflare", NULL };

  remove_user_file ();
  platform->id = g_strdup ("my-agency");
  platform->name = g_strdup ("My agency portal");
  platform->category = g_strdup ("marketplace");
  platform->custom = TRUE;
  g_ptr_array_add (platform->probes, lf_probe_spec_new ("https://portal.example/", "HEAD", 0));
  g_strfreev (platform->providers);
  platform->providers = g_strdupv ((char **) providers);

  g_assert_true (lf_catalog_save_user_platform (platform, &error));
  g_assert_no_error (error);
  catalog = lf_catalog_load_default (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lf_catalog_lookup_platform (catalog, "my-agency")->custom);
  g_assert_nonnull (lf_catalog_lookup_platform (catalog, "upwork"));
  g_clear_pointer (&catalog, lf_catalog_unref);

  /* Saving the same id again replaces it. */
  g_free (platform->name);
  platform->name = g_strdup ("Agency portal");
  g_assert_true (lf_catalog_save_user_platform (platform, &error));
  catalog = lf_catalog_load_default (NULL, &error);
  g_assert_cmpstr (lf_catalog_lookup_platform (catalog, "my-agency")->name, ==, "Agency portal");
  g_clear_pointer (&catalog, lf_catalog_unref);

  /* An invalid platform is refused and the file is left as it was. */
  g_file_get_contents (path, &before, NULL, NULL);
  broken->id = g_strdup ("broken");
  broken->name = g_strdup ("Broken");
  broken->category = g_strdup ("payments");
  g_assert_false (lf_catalog_save_user_platform (broken, &error));
  g_assert_error (error, LF_CATALOG_ERROR, LF_CATALOG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "\"probes\" is empty"));
  g_clear_error (&error);
  g_ptr_array_add (broken->probes, lf_probe_spec_new ("https://broken.example/", "GET", 0));
  g_strfreev (broken->providers);
  broken->providers = g_strsplit ("no-such-cdn", ",", -1);
  g_assert_false (lf_catalog_save_user_platform (broken, &error));
  g_assert_nonnull (strstr (error->message, "unknown provider “no-such-cdn”"));
  g_clear_error (&error);
  g_file_get_contents (path, &after, NULL, NULL);
  g_assert_cmpstr (before, ==, after);

  /* Removing brings the catalog back to the built-in one. */
  g_assert_true (lf_catalog_remove_user_platform ("my-agency", &error));
  g_assert_no_error (error);
  catalog = lf_catalog_load_default (NULL, &error);
  g_assert_null (lf_catalog_lookup_platform (catalog, "my-agency"));

  remove_user_file ();
}

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_save_user_platform_async (void)
{
  g_autoptr(LfCatalogPlatform) platform = lf_catalog_platform_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LfCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;

  remove_user_file ();
  platform->id = g_strdup ("async-one");
  platform->name = g_strdup ("Async");
  platform->category = g_strdup ("communication");
  g_ptr_array_add (platform->probes, lf_probe_spec_new ("https://async.example/", "GET", 0));

  lf_catalog_save_user_platform_async (platform, NULL, on_saved_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (lf_catalog_save_user_platform_finish (result, &error));
  g_assert_no_error (error);

  catalog = lf_catalog_load_default (NULL, &error);
  g_assert_nonnull (lf_catalog_lookup_platform (catalog, "async-one"));

  remove_user_file ();
}

static void
on_counted_save_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  guint *pending = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lf_catalog_save_user_platform_finish (result, &error));
  g_assert_no_error (error);
  (*pending)--;
}

/* Platforms added one after the other are saved on worker threads at the same time: each
 * reads, merges and writes the user's file, and none may lose another's entry. */
static void
test_save_user_platform_concurrent (void)
{
  g_autoptr(LfCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  guint pending = 0;

  remove_user_file ();
  for (guint i = 0; i < 24; i++)
    {
      g_autoptr(LfCatalogPlatform) platform = lf_catalog_platform_new ();

      platform->id = g_strdup_printf ("many-%u", i);
      platform->name = g_strdup_printf ("Many %u", i);
      platform->category = g_strdup ("communication");
      g_ptr_array_add (platform->probes, lf_probe_spec_new ("https://many.example/", "GET", 0));
      pending++;
      lf_catalog_save_user_platform_async (platform, NULL, on_counted_save_cb, &pending);
    }
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);

  catalog = lf_catalog_load_default (NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *id = g_strdup_printf ("many-%u", i);

      if (lf_catalog_lookup_platform (catalog, id) == NULL)
        g_error ("The user catalog lost “%s”", id);
    }

  remove_user_file ();
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/catalog/shipped", test_shipped);
  g_test_add_func ("/lifeline/catalog/shipped-sources", test_shipped_sources);
  g_test_add_func ("/lifeline/catalog/round-trip", test_round_trip);
  g_test_add_func ("/lifeline/catalog/invalid", test_invalid);
  g_test_add_func ("/lifeline/catalog/forward-compatible", test_forward_compatible);
  g_test_add_func ("/lifeline/catalog/user-override", test_user_override);
  g_test_add_func ("/lifeline/catalog/user-file-invalid", test_user_file_invalid);
  g_test_add_func ("/lifeline/catalog/override-file", test_override_file);
  g_test_add_func ("/lifeline/catalog/save-user-platform", test_save_user_platform);
  g_test_add_func ("/lifeline/catalog/save-user-platform-async", test_save_user_platform_async);
  g_test_add_func ("/lifeline/catalog/save-user-platform-concurrent",
                   test_save_user_platform_concurrent);

  return g_test_run ();
}
