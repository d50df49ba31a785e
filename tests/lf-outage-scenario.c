/* lf-outage-scenario.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-outage-scenario.h"

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

#define CATALOG \
  "{ \"version\": 1," \
  "  \"references\": [" \
  "    { \"id\": \"ref-a\", \"name\": \"A\", \"url\": \"@BASE@/ref-a\", \"provider\": \"a\" }," \
  "    { \"id\": \"ref-b\", \"name\": \"B\", \"url\": \"@BASE@/ref-b\", \"provider\": \"b\" } ]," \
  "  \"providers\": [ { \"id\": \"cloudflare\", \"name\": \"Cloudflare\"," \
  "      \"status\": { \"kind\": \"statuspage\", \"url\": \"@BASE@/cloudflare-status\"," \
  "                    \"page\": \"https://www.cloudflarestatus.com/\" } } ]," \
  "  \"platforms\": [" \
  "    { \"id\": \"upwork\", \"name\": \"Upwork\", \"category\": \"marketplace\"," \
  "      \"probes\": [ { \"url\": \"@BASE@/upwork\", \"method\": \"GET\" } ]," \
  "      \"providers\": [\"cloudflare\"] }," \
  "    { \"id\": \"discord\", \"name\": \"Discord\", \"category\": \"communication\"," \
  "      \"probes\": [ { \"url\": \"@BASE@/discord\", \"method\": \"GET\" } ]," \
  "      \"providers\": [\"cloudflare\"] }," \
  "    { \"id\": \"paypal\", \"name\": \"PayPal\", \"category\": \"payments\"," \
  "      \"probes\": [ { \"url\": \"@BASE@/paypal\", \"method\": \"GET\" } ] }," \
  "    { \"id\": \"github\", \"name\": \"GitHub\", \"category\": \"code-files\"," \
  "      \"probes\": [ { \"url\": \"@BASE@/github\", \"method\": \"GET\" } ], \"slow_ms\": 400 }," \
  "    { \"id\": \"fiverr\", \"name\": \"Fiverr\", \"category\": \"marketplace\"," \
  "      \"probes\": [ { \"url\": \"@BASE@/fiverr\", \"method\": \"GET\" } ]," \
  "      \"providers\": [\"cloudflare\"] } ] }"

/**
 * lf_outage_scenario_set_outage:
 * @outage: %TRUE for the outage of issue #11; %FALSE: every target answers 200 and
 *   Cloudflare's status page says "none"
 */
void
lf_outage_scenario_set_outage (LfOutageScenario *scenario,
                               gboolean          outage)
{
  LfTestServer *server = scenario->server;
  const char * const all[] = { "/ref-a", "/ref-b", "/upwork", "/discord", "/paypal", "/github",
                               "/fiverr", NULL };

  lf_test_server_respond_ok (server, all);
  lf_test_server_respond_json (server, "/cloudflare-status", outage ? STATUS_MAJOR : STATUS_OK);
  if (!outage)
    return;

  lf_test_server_respond_cloudflare_error (server, "/upwork", "9a0b1c2d3e4f5a6b-FRA");
  lf_test_server_respond_cloudflare_error (server, "/discord", "9a0b1c2d3e4f5a6b-FRA");
  lf_test_response_set_body (lf_test_server_respond (server, "/paypal", 503), "text/plain",
                             "Service Unavailable", -1);
  /* Answers, but slower than its threshold (400 ms). */
  lf_test_response_set_delay (lf_test_server_respond (server, "/github", 200), 900);
}

LfOutageScenario *
lf_outage_scenario_new (const char *dir)
{
  LfOutageScenario *scenario = g_new0 (LfOutageScenario, 1);

  scenario->server = lf_test_server_new (FALSE);
  lf_outage_scenario_set_outage (scenario, TRUE);
  scenario->catalog = lf_test_server_write_file (scenario->server, dir, "catalog.json", CATALOG);

  return scenario;
}

void
lf_outage_scenario_free (LfOutageScenario *scenario)
{
  if (scenario == NULL)
    return;

  lf_test_server_free (scenario->server);
  g_free (scenario->catalog);
  g_free (scenario);
}
