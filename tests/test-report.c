/* test-report.c — incident reports: Markdown, JSON round trip, file mode
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "lf-incident-log.h"
#include "lf-report.h"
#include "lf-test-utils.h"

/* The Cloudflare outage of 18 November 2025, as a user would have logged it. */
static LfIncident *
build_incident (gboolean drill)
{
  const char *platforms[] = { "upwork", "fiverr", NULL };
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) start = g_date_time_new (utc, 2025, 11, 18, 11, 28, 0);
  g_autoptr(GDateTime) status = g_date_time_add_minutes (start, 20);
  g_autoptr(GDateTime) notice = g_date_time_add_minutes (start, 35);
  g_autoptr(GDateTime) done = g_date_time_add_minutes (start, 40);
  g_autoptr(GDateTime) ended = g_date_time_new (utc, 2025, 11, 18, 14, 30, 0);
  g_autoptr(GDateTime) closed = g_date_time_new (utc, 2025, 11, 18, 17, 6, 0);
  g_autoptr(GHashTable) ray = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) link = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) channel = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(LfPlanStep) step1 = lf_plan_step_new ("respond-check-status", "Check the status pages",
                                                  NULL, LF_PLAN_PHASE_RESPOND,
                                                  LF_PLAN_ACTION_OPEN_URL, "{status_url}", NULL);
  g_autoptr(LfPlanStep) step2 = lf_plan_step_new ("respond-tell-clients", "Tell clients", "*now*",
                                                  LF_PLAN_PHASE_RESPOND,
                                                  LF_PLAN_ACTION_OPEN_COMPOSER, NULL, NULL);
  g_autoptr(GListStore) steps = g_list_store_new (LF_TYPE_PLAN_STEP);
  LfIncident *incident;

  incident = lf_incident_new (drill ? "Drill: Cloudflare outage" : "Cloudflare outage",
                              platforms, "cloudflare", LF_CAUSE_CDN_EDGE,
                              LF_DIAGNOSIS_PROVIDER_OUTAGE, drill, start);
  /* The display names the incident bridge records from the catalog when it opens one. */
  lf_incident_set_name (incident, "upwork", "Upwork");
  lf_incident_set_name (incident, "fiverr", "Fiverr");
  lf_incident_set_name (incident, "cloudflare", "Cloudflare");
  /* The display names the incident bridge records from the catalog when it opens one. */
  lf_incident_set_name (incident, "upwork", "Upwork");
  lf_incident_set_name (incident, "fiverr", "Fiverr");
  lf_incident_set_name (incident, "cloudflare", "Cloudflare");
  g_list_store_append (steps, step1);
  g_list_store_append (steps, step2);
  lf_incident_set_run (incident, G_LIST_MODEL (steps));

  g_hash_table_insert (ray, LF_TIMELINE_DATA_RAY_ID, "9a0b1c2d3e4f5a6b-FRA");
  g_hash_table_insert (ray, LF_TIMELINE_DATA_PLATFORM, "upwork");
  lf_incident_add_entry (incident, start, LF_TIMELINE_DETECTED,
                         "Upwork and Fiverr answer with Cloudflare error 500", ray);
  g_hash_table_insert (link, LF_TIMELINE_DATA_URL,
                       "https://www.cloudflarestatus.com/incidents/8gmgl950y3h7");
  lf_incident_add_entry (incident, status, LF_TIMELINE_STATUS_UPDATE,
                         "Cloudflare: Internal server errors across the network", link);
  g_hash_table_insert (channel, LF_TIMELINE_DATA_CHANNEL, "mail");
  lf_incident_add_entry (incident, notice, LF_TIMELINE_NOTICE_SENT,
                         "Outage notice to 3 clients by email", channel);
  lf_incident_set_step_done (incident, 0, TRUE, done);
  lf_incident_set_ended (incident, ended);
  lf_incident_set_closed (incident, closed, NULL);

  return incident;
}

static char *
incident_json (LfIncident *incident)
{
  g_autoptr(JsonNode) node = lf_incident_to_json (incident);

  return json_to_string (node, TRUE);
}

static void
test_report_json_round_trip (void)
{
  g_autoptr(LfIncident) incident = build_incident (FALSE);
  g_autoptr(LfIncident) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = lf_report_to_json (incident, NULL);
  g_autofree char *before = incident_json (incident);
  g_autofree char *after = NULL;

  parsed = lf_report_parse_json (report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (parsed);
  after = incident_json (parsed);
  g_assert_cmpstr (after, ==, before);

  /* Field by field, the parts a reader relies on. */
  g_assert_cmpstr (lf_incident_get_id (parsed), ==, lf_incident_get_id (incident));
  g_assert_cmpstr (lf_incident_get_name (parsed, "upwork"), ==, "Upwork");
  g_assert_cmpstr (lf_incident_get_name (parsed, "cloudflare"), ==, "Cloudflare");
  g_assert_cmpstr (lf_incident_get_name (parsed, "slack"), ==, "slack");
  g_assert_cmpstr (lf_incident_get_platforms (parsed)[0], ==, "upwork");
  g_assert_true (g_date_time_equal (lf_incident_get_started_at (parsed),
                                    lf_incident_get_started_at (incident)));
  g_assert_true (g_date_time_equal (lf_incident_get_closed_at (parsed),
                                    lf_incident_get_closed_at (incident)));
  g_assert_cmpuint (lf_incident_get_n_entries (parsed), ==, lf_incident_get_n_entries (incident));
  g_assert_cmpuint (lf_incident_get_n_done (parsed), ==, 1);
  g_assert_cmpint (lf_incident_get_status (parsed), ==, LF_INCIDENT_CLOSED);
  g_assert_cmpstr (lf_timeline_entry_get_data (lf_incident_get_entry (parsed, 0),
                                               LF_TIMELINE_DATA_RAY_ID), ==,
                   "9a0b1c2d3e4f5a6b-FRA");
  g_assert_nonnull (strstr (report, "\"started_at\" : \"2025-11-18T11:28:00Z\""));

  /* Not a report, or a damaged one: a clear error. */
  g_assert_null (lf_report_parse_json ("{\"format\":\"something-else\"}", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (lf_report_parse_json ("{\"format\":\"lifeline-incident-report\","
                                       "\"incident\":{\"id\":\"x\",\"title\":\"t\"}}", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_report_markdown (void)
{
  g_autoptr(LfIncident) incident = build_incident (FALSE);
  g_autoptr(LfIncident) drill = build_incident (TRUE);
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autofree char *md = NULL;
  g_autofree char *md_tokyo = NULL;
  g_autofree char *md_drill = NULL;

  g_assert_nonnull (berlin);
  md = lf_report_to_markdown (incident, berlin);
  g_test_message ("%s", md);

  g_assert_true (g_str_has_prefix (md, "# Cloudflare outage\n"));
  /* The diagnosis in words, its code beside it. */
  g_assert_true (strstr (md, "| Diagnosis | A provider has an outage (`provider-outage`) |")
                 || strstr (md, "| Diagnosis | A platform has an outage (`platform-outage`) |")
                 || strstr (md, "| Diagnosis | Your network has a problem (`local-network`) |"));
  /* Local time and UTC, side by side. */
  g_assert_nonnull (strstr (md, "2025-11-18 12:28:00 CET (11:28:00 UTC)"));
  g_assert_nonnull (strstr (md, "2025-11-18 18:06:00 CET (17:06:00 UTC)"));
  /* Across midnight, the UTC date is given too. */
  md_tokyo = lf_report_to_markdown (incident, tokyo);
  g_assert_nonnull (strstr (md_tokyo, "2025-11-19 02:06:00 JST (2025-11-18 17:06:00 UTC)"));

  g_assert_nonnull (strstr (md, "Cloudflare Ray ID: `9a0b1c2d3e4f5a6b-FRA`"));
  g_assert_nonnull (strstr (md, "<https://www.cloudflarestatus.com/incidents/8gmgl950y3h7>"));
  /* Names a person reads, not catalog ids; the UUID only last, labelled as a reference. */
  g_assert_nonnull (strstr (md, "| Platforms | Upwork and Fiverr |"));
  g_assert_nonnull (strstr (md, "| Provider | Cloudflare |"));
  g_assert_null (strstr (md, "upwork"));
  g_assert_null (strstr (md, "| cloudflare"));
  {
    g_autofree char *reference = g_strdup_printf ("\nReference id (in Lifeline’s incident "
                                                  "log): `%s`\n", lf_incident_get_id (incident));

    g_assert_true (g_str_has_suffix (md, reference));
    g_assert_true (strstr (md, lf_incident_get_id (incident)) > strstr (md, reference));
  }
  g_assert_nonnull (strstr (md, "| Duration | 3 h 2 min |"));
  g_assert_nonnull (strstr (md, "- [x] Check the status pages — done 2025-11-18 13:08:00 CET"));
  g_assert_nonnull (strstr (md, "- [ ] Tell clients\n"));
  g_assert_nonnull (strstr (md, "## Notices sent\n\n- 2025-11-18 13:03:00 CET (12:03:00 UTC): "
                                "Outage notice to 3 clients by email"));
  g_assert_null (strstr (md, "fire drill"));

  md_drill = lf_report_to_markdown (drill, berlin);
  g_assert_true (g_str_has_prefix (md_drill, "# Drill: Cloudflare outage\n\n> **This is a fire "
                                             "drill"));
}

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lf_report_write_finish (result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
test_report_write (void)
{
  g_autoptr(LfIncident) incident = build_incident (TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lf-report-XXXXXX", &error);
  g_autofree char *json_path = g_build_filename (dir, "report.json", NULL);
  g_autofree char *md_path = g_build_filename (dir, "report.md", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(LfIncident) parsed = NULL;
  gboolean done = FALSE;
  GStatBuf st;

  g_assert_true (lf_report_write (incident, LF_REPORT_MARKDOWN, md_path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (md_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  lf_report_write_async (incident, LF_REPORT_JSON, json_path, NULL, write_cb, &done);
  lf_test_wait_for_flag (&done, 5000);
  g_assert_true (g_file_get_contents (json_path, &contents, NULL, &error));
  g_assert_cmpint (g_stat (json_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  parsed = lf_report_parse_json (contents, &error);
  g_assert_no_error (error);
  g_assert_true (lf_incident_get_rehearsal (parsed));

  g_unlink (json_path);
  g_unlink (md_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/report/json-round-trip", test_report_json_round_trip);
  g_test_add_func ("/lifeline/report/markdown", test_report_markdown);
  g_test_add_func ("/lifeline/report/write", test_report_write);

  return g_test_run ();
}
