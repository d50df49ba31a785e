/* test-status.c — status-source readers (real fixtures) and conditional fetching
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-http.h"
#include "lf-status.h"
#include "lf-test-server.h"
#include "lf-test-utils.h"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static GBytes *
load_bytes (const char *name)
{
  g_autofree char *path = lf_test_build_data_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

/* Parses a fixture; @filter is a NULL-terminated list of component names, or NULL. */
static LfStatusReport *
parse_file (LfStatusKind        kind,
            const char         *name,
            const char * const *filter)
{
  g_autoptr(GBytes) body = load_bytes (name);
  g_autoptr(GError) error = NULL;
  LfStatusReport *report;

  report = lf_status_parse (kind, body, filter, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_nonnull (report->incidents);

  return report;
}

static LfSeverity
indicator_of (LfStatusKind kind,
              const char  *name,
              const char  *component)
{
  const char *filter[] = { component, NULL };
  g_autoptr(LfStatusReport) report = parse_file (kind, name, component ? filter : NULL);

  return report->indicator;
}

static void
assert_parse_error (LfStatusKind  kind,
                    const char   *data,
                    gssize        length)
{
  g_autoptr(GBytes) body = g_bytes_new (data, length < 0 ? strlen (data) : (gsize) length);
  g_autoptr(GError) error = NULL;
  g_autoptr(LfStatusReport) report = NULL;

  report = lf_status_parse (kind, body, NULL, &error);
  g_assert_error (error, LF_STATUS_ERROR, LF_STATUS_ERROR_PARSE);
  g_assert_null (report);
}

/* ------------------------------------------------------------------------ */
/* Parsers                                                                  */
/* ------------------------------------------------------------------------ */

static void
test_kind_strings (void)
{
  const char *names[] = { "statuspage", "statusio", "slack", "incidentio", "google-workspace",
                          "instatus" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      LfStatusKind kind;

      g_assert_true (lf_status_kind_from_string (names[i], &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_cmpstr (lf_status_kind_to_string (kind), ==, names[i]);
    }
  g_assert_cmpint (G_N_ELEMENTS (names), ==, LF_STATUS_KIND_LAST + 1);
  g_assert_false (lf_status_kind_from_string ("betterstack", &(LfStatusKind) { 0 }));
  g_assert_false (lf_status_kind_from_string (NULL, &(LfStatusKind) { 0 }));
}

static void
test_statuspage_components (void)
{
  g_autoptr(LfStatusReport) github = NULL;

  github = parse_file (LF_STATUS_KIND_STATUSPAGE, "atc0005_github-components.json", NULL);
  g_assert_cmpint (github->indicator, ==, LF_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (github->incidents->len, ==, 0);
  g_assert_cmpstr (github->page_url, ==, "https://www.githubstatus.com");

  g_assert_cmpint (indicator_of (LF_STATUS_KIND_STATUSPAGE,
                                 "atc0005_box-components-with-problem.json", NULL),
                   ==, LF_SEVERITY_DEGRADED);
  g_assert_cmpint (indicator_of (LF_STATUS_KIND_STATUSPAGE,
                                 "atc0005_box-components-with-problem.json",
                                 "Admin Console & Functionality"), ==, LF_SEVERITY_DEGRADED);
  /* Filtering on a healthy component ignores the page's trouble elsewhere. */
  g_assert_cmpint (indicator_of (LF_STATUS_KIND_STATUSPAGE,
                                 "atc0005_box-components-with-problem.json", "Login/SSO"),
                   ==, LF_SEVERITY_OPERATIONAL);
  /* A filter that matches nothing does not hide the page's trouble. */
  g_assert_cmpint (indicator_of (LF_STATUS_KIND_STATUSPAGE,
                                 "atc0005_box-components-with-problem.json", "Renamed thing"),
                   ==, LF_SEVERITY_DEGRADED);
  g_assert_cmpint (indicator_of (LF_STATUS_KIND_STATUSPAGE,
                                 "atc0005_linode-components-problems.json", NULL),
                   ==, LF_SEVERITY_PARTIAL);
  /* Mixed outage and maintenance: the outage wins; the maintenance alone is maintenance. */
  g_assert_cmpint (indicator_of (LF_STATUS_KIND_STATUSPAGE, "atc0005_coinbase-components.json",
                                 NULL), ==, LF_SEVERITY_PARTIAL);
  g_assert_cmpint (indicator_of (LF_STATUS_KIND_STATUSPAGE, "atc0005_coinbase-components.json",
                                 "Horizen"), ==, LF_SEVERITY_MAINTENANCE);
  g_assert_cmpint (indicator_of (LF_STATUS_KIND_STATUSPAGE, "atc0005_coinbase-components.json",
                                 "Bitcoin"), ==, LF_SEVERITY_OPERATIONAL);
}

static void
test_statuspage_repeated_names (void)
{
  const char *name = "Global AssetView (GAV) /CyberSecurity Asset Management (CSAM)";

  /* The name belongs to several components (major_outage, under_maintenance, operational):
   * watching it by name takes the worst of them... */
  g_assert_cmpint (indicator_of (LF_STATUS_KIND_STATUSPAGE, "atc0005_qualys-components.json",
                                 name), ==, LF_SEVERITY_MAJOR);
  /* ...while an id picks exactly one. */
  g_assert_cmpint (indicator_of (LF_STATUS_KIND_STATUSPAGE, "atc0005_qualys-components.json",
                                 "9fxsjz7b7v0d"), ==, LF_SEVERITY_MAINTENANCE);
  g_assert_cmpint (indicator_of (LF_STATUS_KIND_STATUSPAGE, "atc0005_qualys-components.json",
                                 NULL), ==, LF_SEVERITY_MAJOR);
}

static void
test_statuspage_summary (void)
{
  g_autoptr(LfStatusReport) report = NULL;
  g_autoptr(LfStatusReport) filtered = NULL;
  const char *calm[] = { "— Chat", NULL };
  LfStatusIncident *incident;

  report = parse_file (LF_STATUS_KIND_STATUSPAGE, "atc0005_instructure-summary.json", NULL);
  g_assert_cmpint (report->indicator, ==, LF_SEVERITY_DEGRADED);
  g_assert_cmpstr (report->description, ==, "Partially Degraded Service");
  g_assert_cmpuint (report->incidents->len, ==, 1);
  g_assert_cmpuint (lf_status_report_count_active (report), ==, 1);

  incident = g_ptr_array_index (report->incidents, 0);
  g_assert_true (g_str_has_prefix (incident->title, "Amazon Web Services (AWS) is currently"));
  g_assert_cmpstr (incident->url, ==, "https://stspg.io/0vf16sb2j8xn");
  g_assert_cmpint (incident->severity, ==, LF_SEVERITY_DEGRADED);
  g_assert_false (incident->maintenance);
  /* 2021-12-07T09:06:43.172-07:00 */
  g_assert_cmpint (incident->started_at, ==, 1638893203);
  g_assert_cmpuint (g_strv_length (incident->components), ==, 8);

  /* A component the incident does not touch: the incident is not listed for it. */
  filtered = parse_file (LF_STATUS_KIND_STATUSPAGE, "atc0005_instructure-summary.json", calm);
  g_assert_cmpint (filtered->indicator, ==, LF_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (filtered->incidents->len, ==, 0);
}

static void
test_statuspage_discord (void)
{
  g_autoptr(LfStatusReport) status = NULL;
  g_autoptr(LfStatusReport) maintenances = NULL;

  status = parse_file (LF_STATUS_KIND_STATUSPAGE, "discord_status.json", NULL);
  g_assert_cmpint (status->indicator, ==, LF_SEVERITY_OPERATIONAL);
  g_assert_cmpstr (status->description, ==, "All Systems Operational");

  /* A list of (completed) maintenances says nothing about now: unknown, never operational. */
  maintenances = parse_file (LF_STATUS_KIND_STATUSPAGE,
                             "discord_scheduled-maintenances_excerpt.json", NULL);
  g_assert_cmpint (maintenances->indicator, ==, LF_SEVERITY_UNKNOWN);
  g_assert_cmpuint (maintenances->incidents->len, ==, 0);
}

static void
test_statuspage_unknown_enums (void)
{
  g_assert_cmpint (indicator_of (LF_STATUS_KIND_STATUSPAGE,
                                 "statuspage_unknown-enum_sample.json", NULL),
                   ==, LF_SEVERITY_UNKNOWN);
  g_assert_cmpint (indicator_of (LF_STATUS_KIND_STATUSPAGE,
                                 "statuspage_unknown-enum_sample.json", "API"),
                   ==, LF_SEVERITY_UNKNOWN);
  g_assert_cmpint (indicator_of (LF_STATUS_KIND_STATUSPAGE,
                                 "statuspage_unknown-enum_sample.json", "Website"),
                   ==, LF_SEVERITY_OPERATIONAL);
}

static LfSeverity
indicator_of_data (LfStatusKind  kind,
                   const char   *json)
{
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(LfStatusReport) report = NULL;

  report = lf_status_parse (kind, body, NULL, &error);
  g_assert_no_error (error);

  return report->indicator;
}

static void
test_unknown_enums_every_kind (void)
{
  /* Values no vendor documents read as unknown, never as operational. */
  g_assert_cmpint (indicator_of_data (LF_STATUS_KIND_SLACK,
                                      "{\"status\": \"active\", \"active_incidents\": "
                                      "[{\"id\": 1, \"title\": \"?\", \"type\": \"mystery\", "
                                      "\"status\": \"active\", \"services\": []}]}"),
                   ==, LF_SEVERITY_UNKNOWN);
  g_assert_cmpint (indicator_of_data (LF_STATUS_KIND_SLACK,
                                      "{\"status\": \"degraded\", \"active_incidents\": []}"),
                   ==, LF_SEVERITY_UNKNOWN);
  g_assert_cmpint (indicator_of_data (LF_STATUS_KIND_GOOGLE_WORKSPACE,
                                      "[{\"id\": \"a\", \"external_desc\": \"?\", "
                                      "\"status_impact\": \"SERVICE_WOBBLE\"}]"),
                   ==, LF_SEVERITY_UNKNOWN);
  g_assert_cmpint (indicator_of_data (LF_STATUS_KIND_INCIDENTIO,
                                      "{\"page_title\": \"x\", \"ongoing_incidents\": "
                                      "[{\"id\": \"a\", \"name\": \"?\", "
                                      "\"status\": \"identified\", "
                                      "\"current_worst_impact\": \"meltdown\"}]}"),
                   ==, LF_SEVERITY_UNKNOWN);
  g_assert_cmpint (indicator_of_data (LF_STATUS_KIND_STATUSIO,
                                      "{\"result\": {\"status_overall\": "
                                      "{\"status\": \"Security Event\", \"status_code\": 600}}}"),
                   ==, LF_SEVERITY_UNKNOWN);
  g_assert_cmpint (indicator_of_data (LF_STATUS_KIND_STATUSIO,
                                      "{\"result\": {\"status_overall\": {\"status\": \"?\"}}}"),
                   ==, LF_SEVERITY_UNKNOWN);
  /* A page with no component to read and no indicator says nothing: not "operational". */
  g_assert_cmpint (indicator_of_data (LF_STATUS_KIND_STATUSPAGE, "{\"components\": []}"),
                   ==, LF_SEVERITY_UNKNOWN);
  g_assert_cmpint (indicator_of_data (LF_STATUS_KIND_STATUSPAGE,
                                      "{\"components\": [null, 7], \"incidents\": []}"),
                   ==, LF_SEVERITY_UNKNOWN);
  /* Documented (or seen) values, for contrast. */
  g_assert_cmpint (indicator_of_data (LF_STATUS_KIND_STATUSPAGE,
                                      "{\"status\": {\"indicator\": \"maintenance\"}}"),
                   ==, LF_SEVERITY_MAINTENANCE);
  g_assert_cmpint (indicator_of_data (LF_STATUS_KIND_STATUSPAGE,
                                      "{\"status\": {\"indicator\": \"critical\"}}"),
                   ==, LF_SEVERITY_MAJOR);
  g_assert_cmpint (indicator_of_data (LF_STATUS_KIND_STATUSIO,
                                      "{\"result\": {\"status_overall\": {\"status_code\": 200}}}"),
                   ==, LF_SEVERITY_MAINTENANCE);
  g_assert_cmpint (indicator_of_data (LF_STATUS_KIND_INCIDENTIO,
                                      "{\"page_title\": \"x\"}"),
                   ==, LF_SEVERITY_OPERATIONAL);
  g_assert_cmpint (indicator_of_data (LF_STATUS_KIND_INSTATUS,
                                      "{\"page\": {\"name\": \"x\", \"status\": \"WOBBLY\"}}"),
                   ==, LF_SEVERITY_UNKNOWN);
  g_assert_cmpint (indicator_of_data (LF_STATUS_KIND_INSTATUS,
                                      "{\"page\": {\"status\": \"UP\"}, "
                                      "\"activeIncidents\": [{\"name\": \"?\", "
                                      "\"status\": \"IDENTIFIED\", \"impact\": \"MELTDOWN\"}]}"),
                   ==, LF_SEVERITY_UNKNOWN);
}

static void
test_incidentio_compat (void)
{
  /* incident.io's Statuspage-compatible summary lacks incidents and maintenances entirely. */
  g_assert_cmpint (indicator_of (LF_STATUS_KIND_STATUSPAGE,
                                 "openai_incidentio-compat_summary_operational.json", NULL),
                   ==, LF_SEVERITY_OPERATIONAL);
  g_assert_cmpint (indicator_of (LF_STATUS_KIND_INCIDENTIO,
                                 "openai_incidentio-compat_summary_operational.json", NULL),
                   ==, LF_SEVERITY_OPERATIONAL);
}

static void
test_incidentio_widget (void)
{
  g_autoptr(LfStatusReport) report = NULL;
  const char *dashboard[] = { "Dashboard", NULL };
  LfStatusIncident *incident;

  report = parse_file (LF_STATUS_KIND_INCIDENTIO, "incidentio_widget_sample.json", NULL);
  g_assert_cmpint (report->indicator, ==, LF_SEVERITY_MAJOR);
  g_assert_cmpstr (report->page_url, ==, "https://status.example.com");
  g_assert_cmpuint (report->incidents->len, ==, 2);
  incident = g_ptr_array_index (report->incidents, 0);
  g_assert_cmpstr (incident->title, ==, "Elevated error rates on the API");
  g_assert_cmpint (incident->severity, ==, LF_SEVERITY_MAJOR);
  g_assert_cmpstr (incident->components[0], ==, "API");
  incident = g_ptr_array_index (report->incidents, 1);
  g_assert_true (incident->maintenance);
  g_assert_cmpint (incident->started_at, >, 0);

  g_assert_cmpint (indicator_of (LF_STATUS_KIND_INCIDENTIO, "incidentio_widget_sample.json",
                                 dashboard[0]), ==, LF_SEVERITY_MAINTENANCE);
}

static void
test_statusio (void)
{
  g_autoptr(LfStatusReport) report = NULL;
  LfStatusIncident *incident;

  report = parse_file (LF_STATUS_KIND_STATUSIO, "statusio_sample.json", NULL);
  g_assert_cmpint (report->indicator, ==, LF_SEVERITY_MAJOR);
  g_assert_cmpstr (report->description, ==, "Service Disruption");
  g_assert_cmpuint (report->incidents->len, ==, 2);
  g_assert_cmpuint (lf_status_report_count_active (report), ==, 1);

  incident = g_ptr_array_index (report->incidents, 0);
  g_assert_cmpstr (incident->id, ==, "6560a1b2c3d4e5f601234567");
  g_assert_cmpint (incident->severity, ==, LF_SEVERITY_MAJOR);
  g_assert_cmpstr (incident->components[0], ==, "Website");
  incident = g_ptr_array_index (report->incidents, 1);
  g_assert_true (incident->maintenance);
  g_assert_true (incident->upcoming);

  /* The component says Operational, its only container says 500: the container wins. */
  g_assert_cmpint (indicator_of (LF_STATUS_KIND_STATUSIO, "statusio_sample.json", "Website"),
                   ==, LF_SEVERITY_MAJOR);
  /* An upcoming maintenance is a forewarning, not the state. */
  g_assert_cmpint (indicator_of (LF_STATUS_KIND_STATUSIO, "statusio_sample.json", "Messages"),
                   ==, LF_SEVERITY_OPERATIONAL);
  /* 600 is not a documented code. */
  g_assert_cmpint (indicator_of (LF_STATUS_KIND_STATUSIO, "statusio_sample.json", "Payments"),
                   ==, LF_SEVERITY_UNKNOWN);
}

/* Two real captures of GitLab's status.io page (api.status.io/1.0/status/5b36dc65…), three
 * years apart: all operational, the older one with a maintenance announced. */
static void
test_statusio_captured (void)
{
  g_autoptr(LfStatusReport) older = NULL;
  g_autoptr(LfStatusReport) newer = NULL;
  g_autoptr(LfStatusReport) api = NULL;
  g_autoptr(LfStatusReport) packages = NULL;
  const char *api_filter[] = { "API", NULL };
  const char *packages_filter[] = { "packages.gitlab.com", NULL };
  LfStatusIncident *maintenance;

  older = parse_file (LF_STATUS_KIND_STATUSIO, "statusio_gitlab_2023-06-29.json", NULL);
  g_assert_cmpint (older->indicator, ==, LF_SEVERITY_OPERATIONAL);
  g_assert_cmpstr (older->description, ==, "Operational");
  g_assert_cmpuint (older->incidents->len, ==, 1);
  g_assert_cmpuint (lf_status_report_count_active (older), ==, 0);
  maintenance = g_ptr_array_index (older->incidents, 0);
  g_assert_cmpstr (maintenance->id, ==, "649d8d7a6c2f36053b37055d");
  g_assert_cmpstr (maintenance->title, ==, "CI Cluster PostgreSQL 14 Upgrade");
  g_assert_true (maintenance->maintenance);
  g_assert_true (maintenance->upcoming);
  g_assert_cmpint (maintenance->started_at, ==, 1688824800);   /* 2023-07-08T14:00:00Z */
  g_assert_true (g_strv_contains ((const char * const *) maintenance->components,
                                  "Git Operations"));

  /* The maintenance touches API, not packages.gitlab.com: the filter keeps it for the one. */
  api = parse_file (LF_STATUS_KIND_STATUSIO, "statusio_gitlab_2023-06-29.json", api_filter);
  g_assert_cmpint (api->indicator, ==, LF_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (api->incidents->len, ==, 1);
  packages = parse_file (LF_STATUS_KIND_STATUSIO, "statusio_gitlab_2023-06-29.json",
                         packages_filter);
  g_assert_cmpint (packages->indicator, ==, LF_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (packages->incidents->len, ==, 0);

  newer = parse_file (LF_STATUS_KIND_STATUSIO, "statusio_gitlab_2026-07-01.json", NULL);
  g_assert_cmpint (newer->indicator, ==, LF_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (newer->incidents->len, ==, 0);
  g_assert_cmpint (indicator_of (LF_STATUS_KIND_STATUSIO, "statusio_gitlab_2026-07-01.json",
                                 "Container Registry"), ==, LF_SEVERITY_OPERATIONAL);
  /* A component the page does not have (renamed?): the whole page speaks. */
  g_assert_cmpint (indicator_of (LF_STATUS_KIND_STATUSIO, "statusio_gitlab_2026-07-01.json",
                                 "Not a GitLab component"), ==, LF_SEVERITY_OPERATIONAL);
}

static void
test_slack (void)
{
  g_autoptr(LfStatusReport) ok = NULL;
  g_autoptr(LfStatusReport) active = NULL;
  g_autoptr(GBytes) history = load_bytes ("slack-docs_v2_history_incident546.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(LfStatusReport) none = NULL;

  ok = parse_file (LF_STATUS_KIND_SLACK, "slack-docs_v2_current_ok.json", NULL);
  g_assert_cmpint (ok->indicator, ==, LF_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (ok->incidents->len, ==, 0);
  /* A live capture of slack-status.com (26 June 2026), not the documentation's example. */
  g_clear_pointer (&ok, lf_status_report_unref);
  ok = parse_file (LF_STATUS_KIND_SLACK, "slack_current_ok_2026-06-26.json", NULL);
  g_assert_cmpint (ok->indicator, ==, LF_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (ok->incidents->len, ==, 0);

  active = parse_file (LF_STATUS_KIND_SLACK, "slack_current_incident_sample.json", NULL);
  g_assert_cmpint (active->indicator, ==, LF_SEVERITY_MAJOR);
  g_assert_cmpuint (active->incidents->len, ==, 2);   /* the resolved one is left out */
  /* Ids as numbers and as strings. */
  g_assert_cmpstr (((LfStatusIncident *) g_ptr_array_index (active->incidents, 0))->id, ==, "1287");
  g_assert_cmpstr (((LfStatusIncident *) g_ptr_array_index (active->incidents, 1))->id, ==, "1288");

  g_assert_cmpint (indicator_of (LF_STATUS_KIND_SLACK, "slack_current_incident_sample.json",
                                 "Huddles"), ==, LF_SEVERITY_DEGRADED);
  g_assert_cmpint (indicator_of (LF_STATUS_KIND_SLACK, "slack_current_incident_sample.json",
                                 "Search"), ==, LF_SEVERITY_OPERATIONAL);

  /* The history endpoint (an array) is not "current": unreadable, not operational. */
  none = lf_status_parse (LF_STATUS_KIND_SLACK, history, NULL, &error);
  g_assert_error (error, LF_STATUS_ERROR, LF_STATUS_ERROR_PARSE);
  g_assert_null (none);
}

static void
test_google (void)
{
  g_autoptr(LfStatusReport) small = NULL;
  g_autoptr(LfStatusReport) full = NULL;
  g_autoptr(LfStatusReport) multizone = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  LfStatusIncident *incident;
  gint64 start;

  small = parse_file (LF_STATUS_KIND_GOOGLE_WORKSPACE, "gcp_incidents_small_2021-07-27.json", NULL);
  g_assert_cmpint (small->indicator, ==, LF_SEVERITY_DEGRADED);
  g_assert_cmpuint (small->incidents->len, ==, 1);   /* the ended one is not active */
  incident = g_ptr_array_index (small->incidents, 0);
  g_assert_cmpstr (incident->id, ==, "MfiGCW4E26MPGRnCJ8by");
  g_assert_true (g_str_has_prefix (incident->title, "us-central1: GCS is returning stale"));
  g_assert_cmpstr (incident->components[0], ==, "Google Cloud Storage");
  g_assert_cmpint (incident->started_at, >, 0);

  g_assert_cmpint (indicator_of (LF_STATUS_KIND_GOOGLE_WORKSPACE,
                                 "gcp_incidents_small_2021-07-27.json", "Google Cloud Scheduler"),
                   ==, LF_SEVERITY_OPERATIONAL);
  g_assert_cmpint (indicator_of (LF_STATUS_KIND_GOOGLE_WORKSPACE,
                                 "gcp_incidents_small_2021-07-27.json", "Google Cloud Storage"),
                   ==, LF_SEVERITY_DEGRADED);

  multizone = parse_file (LF_STATUS_KIND_GOOGLE_WORKSPACE,
                          "gcp_incidents_multizone_2021-07-30.json", NULL);
  g_assert_cmpuint (multizone->incidents->len, ==, 1);

  /* 731 KB, 139 incidents, all ended (six with a last update still saying disruption). */
  start = g_get_monotonic_time ();
  full = parse_file (LF_STATUS_KIND_GOOGLE_WORKSPACE, "gcp_incidents_full_2020-07_to_2021-07.json",
                     NULL);
  g_test_message ("731 KB incidents.json parsed in %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (full->indicator, ==, LF_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (full->incidents->len, ==, 0);

  /* Relative links resolve against the page. */
  body = load_bytes ("gcp_incidents_small_2021-07-27.json");
  g_clear_pointer (&small, lf_status_report_unref);
  small = lf_status_parse_full (LF_STATUS_KIND_GOOGLE_WORKSPACE, body, NULL,
                                "https://status.cloud.google.com/", &error);
  g_assert_no_error (error);
  incident = g_ptr_array_index (small->incidents, 0);
  g_assert_cmpstr (incident->url, ==,
                   "https://status.cloud.google.com/incidents/MfiGCW4E26MPGRnCJ8by");
}

/* Instatus: the example response of Instatus's own documentation (the page's summary.json),
 * real captures of three pages (tests/data/README.md),
 * and the shapes that documentation and reference §3 describe around it. */
static void
test_instatus (void)
{
  g_autoptr(LfStatusReport) docs = NULL;
  LfStatusIncident *incident;
  LfStatusIncident *maintenance;

  docs = parse_file (LF_STATUS_KIND_INSTATUS, "instatus_docs_summary_hasissues.json", NULL);
  g_assert_cmpint (docs->indicator, ==, LF_SEVERITY_MAJOR);
  g_assert_cmpstr (docs->page_name, ==, "Instatus");
  g_assert_cmpstr (docs->page_url, ==, "https://instat.us");
  g_assert_cmpuint (docs->incidents->len, ==, 2);
  g_assert_cmpuint (lf_status_report_count_active (docs), ==, 1);
  incident = g_ptr_array_index (docs->incidents, 0);
  g_assert_cmpstr (incident->title, ==, "We're facing an issue with our API");
  g_assert_cmpint (incident->severity, ==, LF_SEVERITY_MAJOR);
  g_assert_false (incident->maintenance);
  g_assert_cmpstr (incident->url, ==,
                   "https://testing-widget.instatus.com/incident/cl4a8n3070721qtmzvts760c4");
  maintenance = g_ptr_array_index (docs->incidents, 1);
  g_assert_cmpstr (maintenance->title, ==, "Database maintenance");
  g_assert_true (maintenance->maintenance);
  g_assert_true (maintenance->upcoming);   /* NOTSTARTEDYET: a forewarning only */

  /* Real captures of three pages' summary.json. Healthy pages leave both arrays out. */
  g_clear_pointer (&docs, lf_status_report_unref);
  docs = parse_file (LF_STATUS_KIND_INSTATUS, "instatus_recraft_summary_up.json", NULL);
  g_assert_cmpint (docs->indicator, ==, LF_SEVERITY_OPERATIONAL);
  g_assert_cmpstr (docs->page_name, ==, "Recraft");
  g_assert_cmpstr (docs->page_url, ==, "https://recraft.instatus.com");
  g_assert_cmpuint (docs->incidents->len, ==, 0);
  g_clear_pointer (&docs, lf_status_report_unref);
  docs = parse_file (LF_STATUS_KIND_INSTATUS, "instatus_tldv_summary_up.json", NULL);
  g_assert_cmpint (docs->indicator, ==, LF_SEVERITY_OPERATIONAL);
  g_assert_cmpstr (docs->page_name, ==, "tl;dv");
  /* Manychat's page said "UP" with an incident open and identified: the incident wins. */
  g_clear_pointer (&docs, lf_status_report_unref);
  docs = parse_file (LF_STATUS_KIND_INSTATUS, "instatus_manychat_summary_up-with-incident.json",
                     NULL);
  g_assert_cmpint (docs->indicator, ==, LF_SEVERITY_DEGRADED);
  g_assert_cmpstr (docs->page_name, ==, "Manychat");
  g_assert_cmpuint (docs->incidents->len, ==, 1);
  g_assert_cmpuint (lf_status_report_count_active (docs), ==, 1);
  incident = g_ptr_array_index (docs->incidents, 0);
  g_assert_cmpstr (incident->id, ==, "cmmxljn3s01ntuud42lsa7zud");
  g_assert_cmpstr (incident->title, ==, "Delays in Instagram automation");
  g_assert_cmpint (incident->severity, ==, LF_SEVERITY_DEGRADED);
  g_assert_cmpint (incident->started_at, ==, 1773716400);   /* 2026-03-17T03:00:00Z */
  g_assert_cmpstr (incident->url, ==,
                   "https://status.manychat.com/cmmxljn3s01ntuud42lsa7zud");

  /* Wistia's healthy page, as reference §3 quotes it. */
  g_assert_cmpint (indicator_of_data (LF_STATUS_KIND_INSTATUS,
                                      "{\"page\": {\"name\": \"Wistia\", "
                                      "\"url\": \"https://status.wistia.com\", "
                                      "\"status\": \"UP\"}}"),
                   ==, LF_SEVERITY_OPERATIONAL);
  /* Issues the summary does not itemise are not "operational". */
  g_assert_cmpint (indicator_of_data (LF_STATUS_KIND_INSTATUS,
                                      "{\"page\": {\"name\": \"x\", \"status\": \"HASISSUES\"}}"),
                   ==, LF_SEVERITY_DEGRADED);
  g_assert_cmpint (indicator_of_data (LF_STATUS_KIND_INSTATUS,
                                      "{\"page\": {\"name\": \"x\", "
                                      "\"status\": \"UNDERMAINTENANCE\"}, "
                                      "\"activeMaintenances\": [{\"name\": \"Upgrade\", "
                                      "\"status\": \"INPROGRESS\"}]}"),
                   ==, LF_SEVERITY_MAINTENANCE);
  /* Resolved incidents and completed maintenances are over; names may be translations. */
  g_assert_cmpint (indicator_of_data (LF_STATUS_KIND_INSTATUS,
                                      "{\"page\": {\"name\": {\"default\": \"x\"}, "
                                      "\"status\": \"UP\"}, "
                                      "\"activeIncidents\": [{\"name\": {\"default\": \"a\"}, "
                                      "\"status\": \"RESOLVED\", \"impact\": \"MAJOROUTAGE\"}, "
                                      "{\"name\": {\"default\": \"b\"}, "
                                      "\"status\": \"MONITORING\", "
                                      "\"impact\": \"PARTIALOUTAGE\"}], "
                                      "\"activeMaintenances\": [{\"name\": \"m\", "
                                      "\"status\": \"COMPLETED\"}]}"),
                   ==, LF_SEVERITY_PARTIAL);
}

static void
test_unreadable (void)
{
  g_autoptr(GBytes) summary = load_bytes ("atc0005_instructure-summary.json");
  gsize length = g_bytes_get_size (summary);

  for (LfStatusKind kind = LF_STATUS_KIND_STATUSPAGE; kind <= LF_STATUS_KIND_LAST; kind++)
    {
      assert_parse_error (kind, "", 0);
      assert_parse_error (kind, "{\"status\": ", -1);
      assert_parse_error (kind, "<html><body>Bad gateway</body></html>", -1);
      assert_parse_error (kind, "42", -1);
      /* A real payload cut in the middle. */
      assert_parse_error (kind, g_bytes_get_data (summary, NULL), length / 2);
    }

  /* Nested deeper than the parser's stack allows (within the 2 MiB cap): refused, no crash. */
  {
    g_autofree char *deep = g_strnfill (LF_STATUS_MAX_BODY / 4, '[');

    for (LfStatusKind kind = LF_STATUS_KIND_STATUSPAGE; kind <= LF_STATUS_KIND_LAST; kind++)
      assert_parse_error (kind, deep, -1);
  }

  /* Valid JSON of the wrong shape for each reader. */
  assert_parse_error (LF_STATUS_KIND_STATUSPAGE, "{\"hello\": 1}", -1);
  assert_parse_error (LF_STATUS_KIND_STATUSIO, "{\"status\": {\"indicator\": \"none\"}}", -1);
  assert_parse_error (LF_STATUS_KIND_SLACK, "{\"status\": \"ok\"}", -1);
  assert_parse_error (LF_STATUS_KIND_INCIDENTIO, "{\"hello\": []}", -1);
  assert_parse_error (LF_STATUS_KIND_GOOGLE_WORKSPACE, "{\"incidents\": []}", -1);
  assert_parse_error (LF_STATUS_KIND_GOOGLE_WORKSPACE, "[1, 2]", -1);
  assert_parse_error (LF_STATUS_KIND_INSTATUS, "{\"activeIncidents\": []}", -1);
  assert_parse_error (LF_STATUS_KIND_INSTATUS, "{\"page\": \"Instatus\"}", -1);
}

/* ------------------------------------------------------------------------ */
/* Fetching                                                                 */
/* ------------------------------------------------------------------------ */

static void
on_fetch_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static LfStatusReport *
fetch (SoupSession   *session,
       LfStatusKind   kind,
       const char    *url,
       LfStatusCache *cache,
       guint          timeout_seconds,
       gboolean      *not_modified,
       GError       **error)
{
  g_autoptr(LfStatusSpec) spec = lf_status_spec_new (kind, url, NULL, NULL);
  g_autoptr(GAsyncResult) result = NULL;

  lf_status_fetch_async (session, spec, cache, timeout_seconds, NULL, on_fetch_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return lf_status_fetch_finish (result, not_modified, error);
}

static void
drain_and_finalize (SoupSession *session)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (session);
}

static void
test_fetch_conditional (void)
{
  g_autoptr(LfTestServer) server = lf_test_server_new (FALSE);
  SoupSession *session = lf_http_session_new ();
  g_autoptr(LfStatusCache) cache = lf_status_cache_new ();
  g_autoptr(LfStatusReport) first = NULL;
  g_autoptr(LfStatusReport) second = NULL;
  g_autoptr(LfStatusReport) third = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = lf_test_server_get_url (server, "/api/v2/summary.json");
  LfTestResponse *response;
  gboolean not_modified = TRUE;

  response = lf_test_server_respond (server, "/api/v2/summary.json", 200);
  lf_test_response_set_body_from_file (response, "application/json",
                                       "atc0005_instructure-summary.json");
  lf_test_response_set_validators (response, "\"v1\"", NULL);
  lf_test_response_add_header (response, "Cache-Control", "public, max-age=60");

  g_assert_false (lf_status_cache_is_fresh (cache));
  first = fetch (session, LF_STATUS_KIND_STATUSPAGE, url, cache, 5, &not_modified, &error);
  g_assert_no_error (error);
  g_assert_false (not_modified);
  g_assert_cmpint (first->indicator, ==, LF_SEVERITY_DEGRADED);
  g_assert_null (lf_test_server_get_last_request_header (server, "/api/v2/summary.json",
                                                         "If-None-Match"));
  g_assert_cmpstr (lf_test_server_get_last_request_header (server, "/api/v2/summary.json",
                                                           "Accept"), ==, "application/json");

  /* max-age=60: fresh, the caller skips the request. */
  g_assert_true (lf_status_cache_is_fresh (cache));
  g_assert_true (lf_status_cache_get_report (cache) == first);
  g_assert_cmpstr (lf_status_cache_get_etag (cache), ==, "\"v1\"");
  g_assert_cmpint (lf_status_cache_get_expires (cache), >,
                   g_get_real_time () + 55 * G_USEC_PER_SEC);

  /* Asked anyway: a conditional request, answered 304, reuses the cached report. */
  second = fetch (session, LF_STATUS_KIND_STATUSPAGE, url, cache, 5, &not_modified, &error);
  g_assert_no_error (error);
  g_assert_true (not_modified);
  g_assert_true (second == first);
  g_assert_cmpstr (lf_test_server_get_last_request_header (server, "/api/v2/summary.json",
                                                           "If-None-Match"), ==, "\"v1\"");
  g_assert_cmpuint (lf_test_server_get_hits (server, "/api/v2/summary.json"), ==, 2);

  /* New content, no caching allowed, validated by date. */
  response = lf_test_server_respond (server, "/api/v2/summary.json", 200);
  lf_test_response_set_body_from_file (response, "application/json", "discord_status.json");
  lf_test_response_set_validators (response, NULL, "Wed, 18 Nov 2026 11:20:00 GMT");
  lf_test_response_add_header (response, "Cache-Control", "no-cache");
  third = fetch (session, LF_STATUS_KIND_STATUSPAGE, url, cache, 5, &not_modified, &error);
  g_assert_no_error (error);
  g_assert_false (not_modified);
  g_assert_cmpint (third->indicator, ==, LF_SEVERITY_OPERATIONAL);
  g_assert_false (lf_status_cache_is_fresh (cache));

  g_clear_pointer (&second, lf_status_report_unref);
  second = fetch (session, LF_STATUS_KIND_STATUSPAGE, url, cache, 5, &not_modified, &error);
  g_assert_no_error (error);
  g_assert_true (not_modified);
  g_assert_true (second == third);
  g_assert_cmpstr (lf_test_server_get_last_request_header (server, "/api/v2/summary.json",
                                                           "If-Modified-Since"),
                   ==, "Wed, 18 Nov 2026 11:20:00 GMT");

  /* A day, or a number that overflows: fresh for one status interval at most. */
  for (guint i = 0; i < 2; i++)
    {
      const char *cache_control[] = { "max-age=86400", "max-age=99999999999999999999" };

      response = lf_test_server_respond (server, "/api/v2/summary.json", 200);
      lf_test_response_set_body_from_file (response, "application/json", "discord_status.json");
      lf_test_response_add_header (response, "Cache-Control", cache_control[i]);
      g_clear_pointer (&second, lf_status_report_unref);
      second = fetch (session, LF_STATUS_KIND_STATUSPAGE, url, cache, 5, &not_modified, &error);
      g_assert_no_error (error);
      g_assert_true (lf_status_cache_is_fresh (cache));
      g_assert_cmpint (lf_status_cache_get_expires (cache), <=,
                       g_get_real_time () + LF_STATUS_MAX_FRESH_SECONDS * G_USEC_PER_SEC);
    }

  drain_and_finalize (session);
}

static void
test_fetch_failures (void)
{
  g_autoptr(LfTestServer) server = lf_test_server_new (FALSE);
  SoupSession *session = lf_http_session_new ();
  g_autoptr(LfStatusCache) cache = lf_status_cache_new ();
  g_autoptr(LfStatusReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = lf_test_server_get_url (server, "/missing");
  g_autofree char *hang = lf_test_server_get_url (server, "/hang");
  g_autofree char *huge = lf_test_server_get_url (server, "/huge");
  g_autofree char *broken = lf_test_server_get_url (server, "/broken");
  g_autofree char *google = lf_test_server_get_url (server, "/incidents.json");
  g_autofree char *big = g_malloc0 (LF_STATUS_MAX_BODY + 4096);
  gint64 start;

  /* 404 (e.g. a status page that moved). */
  report = fetch (session, LF_STATUS_KIND_STATUSIO, missing, cache, 5, NULL, &error);
  g_assert_error (error, LF_STATUS_ERROR, LF_STATUS_ERROR_HTTP);
  g_assert_null (report);
  g_assert_null (lf_status_cache_get_report (cache));
  g_clear_error (&error);

  /* Never answers: the deadline holds. */
  lf_test_response_set_never_answer (lf_test_server_respond (server, "/hang", 200));
  start = g_get_monotonic_time ();
  report = fetch (session, LF_STATUS_KIND_STATUSPAGE, hang, NULL, 1, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* Larger than the cap. */
  memset (big, ' ', LF_STATUS_MAX_BODY + 4096);
  big[0] = '[';
  big[LF_STATUS_MAX_BODY + 4095] = ']';
  lf_test_response_set_body (lf_test_server_respond (server, "/huge", 200), "application/json",
                             big, LF_STATUS_MAX_BODY + 4096);
  report = fetch (session, LF_STATUS_KIND_GOOGLE_WORKSPACE, huge, NULL, 5, NULL, &error);
  g_assert_error (error, LF_STATUS_ERROR, LF_STATUS_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* Truncated JSON over the wire. */
  lf_test_response_set_body (lf_test_server_respond (server, "/broken", 200), "application/json",
                             "{\"page\": {\"id\": \"x\"}, \"status\": {\"indic", -1);
  report = fetch (session, LF_STATUS_KIND_STATUSPAGE, broken, NULL, 5, NULL, &error);
  g_assert_error (error, LF_STATUS_ERROR, LF_STATUS_ERROR_PARSE);
  g_clear_error (&error);

  /* The 731 KB Google file fits under the cap. */
  lf_test_response_set_body_from_file (lf_test_server_respond (server, "/incidents.json", 200),
                                       "application/json",
                                       "gcp_incidents_full_2020-07_to_2021-07.json");
  report = fetch (session, LF_STATUS_KIND_GOOGLE_WORKSPACE, google, NULL, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->indicator, ==, LF_SEVERITY_OPERATIONAL);

  drain_and_finalize (session);
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/status/kind-strings", test_kind_strings);
  g_test_add_func ("/lifeline/status/statuspage/components", test_statuspage_components);
  g_test_add_func ("/lifeline/status/statuspage/repeated-names", test_statuspage_repeated_names);
  g_test_add_func ("/lifeline/status/statuspage/summary", test_statuspage_summary);
  g_test_add_func ("/lifeline/status/statuspage/discord", test_statuspage_discord);
  g_test_add_func ("/lifeline/status/statuspage/unknown-enums", test_statuspage_unknown_enums);
  g_test_add_func ("/lifeline/status/incidentio/compat-summary", test_incidentio_compat);
  g_test_add_func ("/lifeline/status/incidentio/widget", test_incidentio_widget);
  g_test_add_func ("/lifeline/status/statusio", test_statusio);
  g_test_add_func ("/lifeline/status/statusio/captured", test_statusio_captured);
  g_test_add_func ("/lifeline/status/slack", test_slack);
  g_test_add_func ("/lifeline/status/google", test_google);
  g_test_add_func ("/lifeline/status/instatus", test_instatus);
  g_test_add_func ("/lifeline/status/unreadable", test_unreadable);
  g_test_add_func ("/lifeline/status/unknown-enums", test_unknown_enums_every_kind);
  g_test_add_func ("/lifeline/status/fetch/conditional", test_fetch_conditional);
  g_test_add_func ("/lifeline/status/fetch/failures", test_fetch_failures);

  return g_test_run ();
}
