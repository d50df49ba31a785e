/* test-platform-state.c — one platform's state machine: confirmation, recovery, evidence
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-platform-state.h"
#include "lf-test-utils.h"

static const char * const behind_cloudflare[] = { "cloudflare", NULL };

static LfPlatformState *
new_upwork (void)
{
  return lf_platform_state_new ("upwork", "Upwork", "marketplace", behind_cloudflare);
}

static gboolean
feed (LfPlatformState *state,
      LfCause          cause,
      guint            http_status)
{
  g_autoptr(LfProbeResult) probe = lf_probe_result_new ("https://www.upwork.com/");

  probe->started_at = g_get_real_time ();
  probe->cause = cause;
  probe->http_status = http_status;
  probe->total_ms = 120;
  if (cause == LF_CAUSE_SLOW)
    probe->total_ms = 9000;
  if (cause == LF_CAUSE_CDN_EDGE || cause == LF_CAUSE_ORIGIN_VIA_CDN)
    {
      probe->cdn = g_strdup ("cloudflare");
      probe->ray_id = g_strdup ("8c2d1e0f3a4b5c6d-SJC");
    }

  return lf_platform_state_apply_probe (state, probe);
}

static LfStatusReport *
report_new (LfSeverity  indicator,
            const char *title)
{
  LfStatusReport *report = lf_status_report_new ();

  report->indicator = indicator;
  if (title != NULL)
    {
      LfStatusIncident *incident = lf_status_incident_new ();

      incident->title = g_strdup (title);
      incident->url = g_strdup ("https://status.upwork.com/incidents/1");
      incident->severity = indicator;
      incident->maintenance = indicator == LF_SEVERITY_MAINTENANCE;
      g_ptr_array_add (report->incidents, incident);
    }

  return report;
}

static void
on_notify_state (LfPlatformState *state,
                 GParamSpec      *pspec,
                 guint           *count)
{
  (*count)++;
}

static void
test_initial (void)
{
  g_autoptr(LfPlatformState) state = new_upwork ();

  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_UNKNOWN);
  g_assert_cmpstr (lf_platform_state_get_provider (state), ==, "cloudflare");
  g_assert_cmpfloat (lf_platform_state_get_latency_ms (state), ==, -1);
  g_assert_cmpstr (lf_platform_state_get_explanation (state), ==,
                   "Upwork has not been checked yet");
  g_assert_cmpuint (lf_platform_state_get_probes (state)->len, ==, 0);
  g_assert_cmpuint (lf_platform_state_get_incidents (state)->len, ==, 0);
  g_assert_finalize_object (g_steal_pointer (&state));
}

static void
test_single_failure_never_down (void)
{
  g_autoptr(LfPlatformState) state = new_upwork ();
  guint notified = 0;

  g_signal_connect (state, "notify::state", G_CALLBACK (on_notify_state), &notified);

  g_assert_false (feed (state, LF_CAUSE_NONE, 200));
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_UP);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (lf_platform_state_get_since (state), >, 0);

  /* one failure: asks for confirmation, still up */
  g_assert_true (feed (state, LF_CAUSE_CDN_EDGE, 500));
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_UP);
  g_assert_true (lf_platform_state_is_confirming (state));
  g_assert_cmpstr (lf_platform_state_get_explanation (state), ==, "A check failed; confirming…");
  /* two */
  g_assert_true (feed (state, LF_CAUSE_CDN_EDGE, 500));
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_UP);
  /* three in a row: confirmed */
  g_assert_false (feed (state, LF_CAUSE_CDN_EDGE, 500));
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_DOWN);
  g_assert_cmpint (lf_platform_state_get_cause (state), ==, LF_CAUSE_CDN_EDGE);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpuint (lf_platform_state_get_http_status (state), ==, 500);
  g_assert_cmpstr (lf_platform_state_get_cdn (state), ==, "cloudflare");
  g_assert_cmpstr (lf_platform_state_get_ray_id (state), ==, "8c2d1e0f3a4b5c6d-SJC");
  g_assert_cmpstr (lf_platform_state_get_explanation (state), ==,
                   "Upwork is unreachable: Cloudflare’s edge is returning errors "
                   "(Ray ID 8c2d1e0f3a4b5c6d-SJC)");
  g_assert_cmpuint (lf_platform_state_get_probes (state)->len, ==, 4);
}

static void
test_recovery_needs_successes (void)
{
  g_autoptr(LfPlatformState) state = new_upwork ();

  for (guint i = 0; i < 3; i++)
    feed (state, LF_CAUSE_HTTP_ERROR, 503);
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_DOWN);
  g_assert_cmpstr (lf_platform_state_get_explanation (state), ==,
                   "Upwork is failing: its servers answer with errors (HTTP 503)");

  g_assert_true (feed (state, LF_CAUSE_NONE, 200));
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_DOWN);
  g_assert_false (feed (state, LF_CAUSE_NONE, 200));
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_UP);
  g_assert_cmpint (lf_platform_state_get_cause (state), ==, LF_CAUSE_NONE);
  g_assert_cmpstr (lf_platform_state_get_explanation (state), ==,
                   "Upwork is up (answered in 120 ms)");
}

static void
test_flapping_never_down (void)
{
  g_autoptr(LfPlatformState) state = new_upwork ();

  for (guint i = 0; i < 50; i++)
    {
      feed (state, i % 2 == 0 ? LF_CAUSE_TIMEOUT : LF_CAUSE_NONE, i % 2 == 0 ? 0 : 200);
      g_assert_cmpint (lf_platform_state_get_state (state), !=, LF_STATE_DOWN);
    }
  /* two failures, one success, repeated: still never three in a row */
  for (guint i = 0; i < 30; i++)
    {
      feed (state, i % 3 == 2 ? LF_CAUSE_NONE : LF_CAUSE_CONNECT, i % 3 == 2 ? 200 : 0);
      g_assert_cmpint (lf_platform_state_get_state (state), !=, LF_STATE_DOWN);
    }
  g_assert_cmpuint (lf_platform_state_get_probes (state)->len, ==, LF_PLATFORM_STATE_MAX_PROBES);
}

static void
test_blocked_not_down (void)
{
  g_autoptr(LfPlatformState) state = new_upwork ();

  for (guint i = 0; i < 10; i++)
    feed (state, LF_CAUSE_BLOCKED, i % 2 ? 429 : 403);
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_UNKNOWN);
  g_assert_cmpint (lf_platform_state_get_cause (state), ==, LF_CAUSE_BLOCKED);
  g_assert_cmpstr (lf_platform_state_get_explanation (state), ==,
                   "Upwork answers with a bot check or rate limit; its health cannot be judged");

  /* up, then challenged: stays up; failures mixed with challenges never add up to down */
  feed (state, LF_CAUSE_NONE, 200);
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_UP);
  for (guint i = 0; i < 10; i++)
    {
      feed (state, i % 2 ? LF_CAUSE_BLOCKED : LF_CAUSE_TIMEOUT, i % 2 ? 403 : 0);
      g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_UP);
    }
}

static void
test_slow_degraded (void)
{
  g_autoptr(LfPlatformState) state = new_upwork ();

  feed (state, LF_CAUSE_NONE, 200);
  feed (state, LF_CAUSE_SLOW, 200);
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_UP);
  feed (state, LF_CAUSE_SLOW, 200);
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_DEGRADED);
  g_assert_cmpint (lf_platform_state_get_cause (state), ==, LF_CAUSE_SLOW);
  g_assert_cmpfloat (lf_platform_state_get_latency_ms (state), ==, 9000);
  g_assert_cmpstr (lf_platform_state_get_explanation (state), ==,
                   "Upwork answers slowly (9000 ms)");
  g_assert_cmpuint (lf_platform_state_get_latency_samples (state)->len, ==, 3);
}

static void
test_status_sources (void)
{
  g_autoptr(LfPlatformState) state = new_upwork ();
  g_autoptr(LfStatusReport) major = report_new (LF_SEVERITY_MAJOR, "Site unavailable");
  g_autoptr(LfStatusReport) partial = report_new (LF_SEVERITY_PARTIAL, "Messages delayed");
  g_autoptr(LfStatusReport) maintenance = report_new (LF_SEVERITY_MAINTENANCE, "Upgrade");
  g_autoptr(LfStatusReport) unknown = report_new (LF_SEVERITY_UNKNOWN, NULL);
  g_autoptr(LfStatusReport) operational = report_new (LF_SEVERITY_OPERATIONAL, NULL);

  /* an unreadable source alone is unknown, never up */
  lf_platform_state_apply_status (state, NULL);
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_UNKNOWN);
  lf_platform_state_apply_status (state, unknown);
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_UNKNOWN);
  /* operational alone says nothing about reachability either */
  lf_platform_state_apply_status (state, operational);
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_UNKNOWN);

  feed (state, LF_CAUSE_NONE, 200);
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_UP);

  lf_platform_state_apply_status (state, partial);
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_DEGRADED);
  g_assert_cmpint (lf_platform_state_get_cause (state), ==, LF_CAUSE_STATUS_PAGE);
  g_assert_cmpstr (lf_platform_state_get_explanation (state), ==,
                   "Upwork reports problems: “Messages delayed”");

  lf_platform_state_apply_status (state, major);
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_DOWN);
  g_assert_cmpint (lf_platform_state_get_cause (state), ==, LF_CAUSE_STATUS_PAGE);
  g_assert_cmpuint (lf_platform_state_get_incidents (state)->len, ==, 1);
  g_assert_cmpint (lf_platform_state_get_status_indicator (state), ==, LF_SEVERITY_MAJOR);

  /* probes fail too: their cause is kept, the incident is added as evidence */
  for (guint i = 0; i < 3; i++)
    feed (state, LF_CAUSE_ORIGIN_VIA_CDN, 522);
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_DOWN);
  g_assert_cmpint (lf_platform_state_get_cause (state), ==, LF_CAUSE_ORIGIN_VIA_CDN);
  g_assert_cmpstr (lf_platform_state_get_explanation (state), ==,
                   "Upwork is unreachable: Cloudflare cannot reach its servers (HTTP 522); "
                   "its status page agrees: “Site unavailable”");

  lf_platform_state_apply_status (state, maintenance);
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_MAINTENANCE);
  g_assert_cmpstr (lf_platform_state_get_explanation (state), ==,
                   "Upwork is in maintenance: “Upgrade”");

  /* the source becomes unreadable: the probes alone decide (still down) */
  lf_platform_state_apply_status (state, NULL);
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_DOWN);
  g_assert_cmpint (lf_platform_state_get_status_indicator (state), ==, LF_SEVERITY_UNKNOWN);
}

static void
test_network_unusable (void)
{
  g_autoptr(LfPlatformState) state = new_upwork ();

  feed (state, LF_CAUSE_NONE, 200);
  lf_platform_state_apply_network (state, FALSE);
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_UNKNOWN);
  g_assert_cmpint (lf_platform_state_get_cause (state), ==, LF_CAUSE_NETWORK);

  /* failures while the network is unusable are evidence only */
  for (guint i = 0; i < 5; i++)
    g_assert_false (feed (state, LF_CAUSE_CONNECT, 0));
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_UNKNOWN);
  g_assert_cmpstr (lf_platform_state_get_explanation (state), ==,
                   "Upwork cannot be checked: your connection seems down");

  lf_platform_state_apply_network (state, TRUE);
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_UNKNOWN);
  feed (state, LF_CAUSE_NONE, 200);
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_UP);
}

static void
test_thresholds (void)
{
  g_autoptr(LfPlatformState) state = new_upwork ();

  lf_platform_state_set_thresholds (state, 2, 1);
  feed (state, LF_CAUSE_NONE, 200);
  feed (state, LF_CAUSE_DNS, 0);
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_UP);
  feed (state, LF_CAUSE_DNS, 0);
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_DOWN);
  g_assert_cmpstr (lf_platform_state_get_explanation (state), ==,
                   "Upwork is unreachable: its name does not resolve");
  g_assert_cmpfloat (lf_platform_state_get_latency_ms (state), ==, -1);
  feed (state, LF_CAUSE_NONE, 200);
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_UP);
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/platform-state/initial", test_initial);
  g_test_add_func ("/lifeline/platform-state/single-failure-never-down",
                   test_single_failure_never_down);
  g_test_add_func ("/lifeline/platform-state/recovery-needs-successes",
                   test_recovery_needs_successes);
  g_test_add_func ("/lifeline/platform-state/flapping-never-down", test_flapping_never_down);
  g_test_add_func ("/lifeline/platform-state/blocked-not-down", test_blocked_not_down);
  g_test_add_func ("/lifeline/platform-state/slow-degraded", test_slow_degraded);
  g_test_add_func ("/lifeline/platform-state/status-sources", test_status_sources);
  g_test_add_func ("/lifeline/platform-state/network-unusable", test_network_unusable);
  g_test_add_func ("/lifeline/platform-state/thresholds", test_thresholds);

  return g_test_run ();
}
