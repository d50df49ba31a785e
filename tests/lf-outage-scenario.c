/* lf-outage-scenario.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lf-outage-scenario.h"

#define CF_ERROR_PAGE \
  "<!DOCTYPE html><html><head><title>500 Internal Server Error | cloudflare</title></head>" \
  "<body><h1>Internal server error</h1><p>Error code 500</p>" \
  "<p>Cloudflare Ray ID: 9a0b1c2d3e4f5a6b</p></body></html>"

#define STATUS_MAJOR \
  "{\"page\":{\"id\":\"yh6f0r4529hb\",\"name\":\"Cloudflare\"," \
  "\"url\":\"https://www.cloudflarestatus.com\",\"updated_at\":\"2025-11-18T11:48:00Z\"}," \
  "\"status\":{\"indicator\":\"major\",\"description\":\"Major Service Outage\"}," \
  "\"components\":[],\"incidents\":[{\"id\":\"lf11\",\"name\":\"Cloudflare Global Network " \
  "experiencing issues\",\"status\":\"investigating\",\"impact\":\"major\"," \
  "\"shortlink\":\"https://stspg.io/lf11\",\"started_at\":\"2025-11-18T11:48:00Z\"," \
  "\"created_at\":\"2025-11-18T11:48:00Z\",\"components\":[]}],\"scheduled_maintenances\":[]}"

#define STATUS_OK \
  "{\"page\":{\"id\":\"yh6f0r4529hb\",\"name\":\"Cloudflare\"," \
  "\"url\":\"https://www.cloudflarestatus.com\",\"updated_at\":\"2025-11-18T17:10:00Z\"}," \
  "\"status\":{\"indicator\":\"none\",\"description\":\"All Systems Operational\"}," \
  "\"components\":[],\"incidents\":[],\"scheduled_maintenances\":[]}"

static gboolean
unpause_cb (gpointer user_data)
{
  SoupServerMessage *msg = user_data;

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
  soup_server_message_unpause (msg);
  g_object_unref (msg);
  return G_SOURCE_REMOVE;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  LfOutageScenario *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (g_str_equal (path, "/cloudflare-status"))
    {
      const char *body = fixture->outage ? STATUS_MAJOR : STATUS_OK;

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body,
                                        strlen (body));
    }
  else if (fixture->outage && (g_str_equal (path, "/upwork") || g_str_equal (path, "/discord")))
    {
      soup_server_message_set_status (msg, 500, NULL);
      soup_message_headers_append (headers, "Server", "cloudflare");
      soup_message_headers_append (headers, "CF-RAY", "9a0b1c2d3e4f5a6b-FRA");
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, CF_ERROR_PAGE,
                                        strlen (CF_ERROR_PAGE));
    }
  else if (fixture->outage && g_str_equal (path, "/paypal"))
    {
      soup_server_message_set_status (msg, 503, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC,
                                        "Service Unavailable", 19);
    }
  else if (fixture->outage && g_str_equal (path, "/github"))
    {
      /* Answers, but slower than its threshold (400 ms). */
      soup_server_message_pause (msg);
      g_timeout_add (900, unpause_cb, g_object_ref (msg));
    }
  else
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
    }
}

static void
write_catalog (LfOutageScenario *fixture,
               const char       *dir)
{
  g_autofree char *base = g_strdup_printf ("http://127.0.0.1:%u", fixture->port);
  g_autofree char *json = g_strdup_printf (
    "{ \"version\": 1,"
    "  \"references\": ["
    "    { \"id\": \"ref-a\", \"name\": \"A\", \"url\": \"%s/ref-a\", \"provider\": \"a\" },"
    "    { \"id\": \"ref-b\", \"name\": \"B\", \"url\": \"%s/ref-b\", \"provider\": \"b\" } ],"
    "  \"providers\": [ { \"id\": \"cloudflare\", \"name\": \"Cloudflare\","
    "      \"status\": { \"kind\": \"statuspage\", \"url\": \"%s/cloudflare-status\","
    "                    \"page\": \"https://www.cloudflarestatus.com/\" } } ],"
    "  \"platforms\": ["
    "    { \"id\": \"upwork\", \"name\": \"Upwork\", \"category\": \"marketplace\","
    "      \"probes\": [ { \"url\": \"%s/upwork\", \"method\": \"GET\" } ],"
    "      \"providers\": [\"cloudflare\"] },"
    "    { \"id\": \"discord\", \"name\": \"Discord\", \"category\": \"communication\","
    "      \"probes\": [ { \"url\": \"%s/discord\", \"method\": \"GET\" } ],"
    "      \"providers\": [\"cloudflare\"] },"
    "    { \"id\": \"paypal\", \"name\": \"PayPal\", \"category\": \"payments\","
    "      \"probes\": [ { \"url\": \"%s/paypal\", \"method\": \"GET\" } ] },"
    "    { \"id\": \"github\", \"name\": \"GitHub\", \"category\": \"code-files\","
    "      \"probes\": [ { \"url\": \"%s/github\", \"method\": \"GET\" } ], \"slow_ms\": 400 },"
    "    { \"id\": \"fiverr\", \"name\": \"Fiverr\", \"category\": \"marketplace\","
    "      \"probes\": [ { \"url\": \"%s/fiverr\", \"method\": \"GET\" } ],"
    "      \"providers\": [\"cloudflare\"] } ] }",
    base, base, base, base, base, base, base, base);

  fixture->catalog = g_build_filename (dir, "catalog.json", NULL);
  g_assert_true (g_file_set_contents (fixture->catalog, json, -1, NULL));
}

LfOutageScenario *
lf_outage_scenario_new (const char *dir)
{
  LfOutageScenario *scenario = g_new0 (LfOutageScenario, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  scenario->outage = TRUE;
  scenario->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (scenario->server, NULL, server_cb, scenario, NULL);
  soup_server_listen_local (scenario->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (scenario->server);
  scenario->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  write_catalog (scenario, dir);

  return scenario;
}

void
lf_outage_scenario_free (LfOutageScenario *scenario)
{
  if (scenario == NULL)
    return;

  soup_server_disconnect (scenario->server);
  g_clear_object (&scenario->server);
  g_free (scenario->catalog);
  g_free (scenario);
}
