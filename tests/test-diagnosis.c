/* test-diagnosis.c — the diagnosis rules of DESIGN.md, as a pure function
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-diagnosis.h"
#include "lf-test-utils.h"

static const char * const behind_cloudflare[] = { "cloudflare", NULL };
static const char * const behind_aws[] = { "aws", NULL };
static const char * const behind_both[] = { "cloudflare", "aws", NULL };

static const LfDiagnosisProvider providers_quiet[] = {
  { "cloudflare", "Cloudflare", LF_SEVERITY_OPERATIONAL },
  { "aws", "AWS", LF_SEVERITY_UNKNOWN },
};

static LfDiagnosis *
compute (gboolean                   network,
         guint                      n_refs,
         guint                      n_refs_ok,
         const LfDiagnosisPlatform *platforms,
         guint                      n_platforms,
         const LfDiagnosisProvider *providers,
         guint                      n_providers)
{
  LfDiagnosisInput input = {
    .network_available = network,
    .n_references = n_refs,
    .n_references_ok = n_refs_ok,
    .platforms = platforms,
    .n_platforms = n_platforms,
    .providers = providers,
    .n_providers = n_providers,
  };

  return lf_diagnosis_compute (&input);
}

static void
assert_affected (LfDiagnosis        *diagnosis,
                 const char * const *expected)
{
  g_assert_true (g_strv_equal (lf_diagnosis_get_affected (diagnosis), expected));
}

static void
test_all_clear (void)
{
  const LfDiagnosisPlatform platforms[] = {
    { "upwork", "Upwork", LF_STATE_UP, LF_CAUSE_NONE, behind_cloudflare },
    { "slack", "Slack", LF_STATE_MAINTENANCE, LF_CAUSE_STATUS_PAGE, behind_aws },
    { "fiverr", "Fiverr", LF_STATE_UNKNOWN, LF_CAUSE_BLOCKED, behind_cloudflare },
  };
  const char * const none[] = { NULL };
  g_autoptr(LfDiagnosis) d = compute (TRUE, 4, 4, platforms, 3, providers_quiet, 2);
  g_autoptr(LfDiagnosis) empty = compute (TRUE, 4, 3, NULL, 0, NULL, 0);

  g_assert_cmpint (lf_diagnosis_get_kind (d), ==, LF_DIAGNOSIS_ALL_CLEAR);
  g_assert_null (lf_diagnosis_get_provider_id (d));
  assert_affected (d, none);
  g_assert_false (lf_diagnosis_is_alarm (d));
  g_assert_cmpint (lf_diagnosis_get_kind (empty), ==, LF_DIAGNOSIS_ALL_CLEAR);
  g_assert_cmpstr (lf_diagnosis_get_summary (empty), ==, "No platform is watched yet");
}

static void
test_offline_wins (void)
{
  const LfDiagnosisPlatform platforms[] = {
    { "upwork", "Upwork", LF_STATE_DOWN, LF_CAUSE_CDN_EDGE, behind_cloudflare },
    { "fiverr", "Fiverr", LF_STATE_DOWN, LF_CAUSE_CDN_EDGE, behind_cloudflare },
  };
  g_autoptr(LfDiagnosis) d = compute (FALSE, 4, 0, platforms, 2, providers_quiet, 2);

  g_assert_cmpint (lf_diagnosis_get_kind (d), ==, LF_DIAGNOSIS_OFFLINE);
  g_assert_false (lf_diagnosis_is_alarm (d));
  g_assert_cmpstr (lf_diagnosis_get_summary (d), ==,
                   "You are offline — platforms are probably fine");
}

static void
test_local_network (void)
{
  const LfDiagnosisPlatform platforms[] = {
    { "upwork", "Upwork", LF_STATE_UNKNOWN, LF_CAUSE_NETWORK, behind_cloudflare },
    { "fiverr", "Fiverr", LF_STATE_DOWN, LF_CAUSE_CDN_EDGE, behind_cloudflare },
    { "slack", "Slack", LF_STATE_DOWN, LF_CAUSE_CDN_EDGE, behind_cloudflare },
  };
  const LfDiagnosisProvider major[] = {
    { "cloudflare", "Cloudflare", LF_SEVERITY_MAJOR },
  };
  g_autoptr(LfDiagnosis) d = compute (TRUE, 4, 0, platforms, 3, major, 1);
  g_autoptr(LfDiagnosis) one_ok = compute (TRUE, 4, 1, platforms, 3, major, 1);
  g_autoptr(LfDiagnosis) no_refs = compute (TRUE, 0, 0, platforms, 1, NULL, 0);

  /* every reference failed: my network, even if platforms look down and a provider is out */
  g_assert_cmpint (lf_diagnosis_get_kind (d), ==, LF_DIAGNOSIS_LOCAL_NETWORK);
  g_assert_false (lf_diagnosis_is_alarm (d));
  g_assert_cmpstr (lf_diagnosis_get_summary (d), ==,
                   "Your connection seems down — platforms are probably fine");
  /* one reference answering is enough to trust the network */
  g_assert_cmpint (lf_diagnosis_get_kind (one_ok), ==, LF_DIAGNOSIS_PROVIDER_OUTAGE);
  /* no references at all: nothing to judge the network by */
  g_assert_cmpint (lf_diagnosis_get_kind (no_refs), ==, LF_DIAGNOSIS_ALL_CLEAR);
}

static void
test_provider_outage_by_edge (void)
{
  const LfDiagnosisPlatform platforms[] = {
    { "upwork", "Upwork", LF_STATE_DOWN, LF_CAUSE_CDN_EDGE, behind_cloudflare },
    { "github", "GitHub", LF_STATE_UP, LF_CAUSE_NONE, behind_aws },
    { "fiverr", "Fiverr", LF_STATE_DOWN, LF_CAUSE_CDN_EDGE, behind_both },
  };
  const char * const affected[] = { "upwork", "fiverr", NULL };
  g_autoptr(LfDiagnosis) d = compute (TRUE, 4, 4, platforms, 3, providers_quiet, 2);

  g_assert_cmpint (lf_diagnosis_get_kind (d), ==, LF_DIAGNOSIS_PROVIDER_OUTAGE);
  g_assert_cmpstr (lf_diagnosis_get_provider_id (d), ==, "cloudflare");
  g_assert_cmpstr (lf_diagnosis_get_provider_name (d), ==, "Cloudflare");
  assert_affected (d, affected);
  g_assert_true (lf_diagnosis_is_alarm (d));
  g_assert_cmpstr (lf_diagnosis_get_summary (d), ==,
                   "Cloudflare is having an outage: Upwork and Fiverr are affected");
}

static void
test_provider_outage_needs_two_edges (void)
{
  /* one edge failure and one origin failure behind the same CDN: platform outages */
  const LfDiagnosisPlatform platforms[] = {
    { "upwork", "Upwork", LF_STATE_DOWN, LF_CAUSE_CDN_EDGE, behind_cloudflare },
    { "fiverr", "Fiverr", LF_STATE_DOWN, LF_CAUSE_ORIGIN_VIA_CDN, behind_cloudflare },
  };
  /* two edge failures behind different providers */
  const LfDiagnosisPlatform apart[] = {
    { "upwork", "Upwork", LF_STATE_DOWN, LF_CAUSE_CDN_EDGE, behind_cloudflare },
    { "github", "GitHub", LF_STATE_DOWN, LF_CAUSE_CDN_EDGE, behind_aws },
  };
  /* edge errors seen while not (yet) confirmed down do not count */
  const LfDiagnosisPlatform unconfirmed[] = {
    { "upwork", "Upwork", LF_STATE_UP, LF_CAUSE_CDN_EDGE, behind_cloudflare },
    { "fiverr", "Fiverr", LF_STATE_DOWN, LF_CAUSE_CDN_EDGE, behind_cloudflare },
  };
  g_autoptr(LfDiagnosis) d = compute (TRUE, 4, 4, platforms, 2, providers_quiet, 2);
  g_autoptr(LfDiagnosis) d2 = compute (TRUE, 4, 4, apart, 2, providers_quiet, 2);
  g_autoptr(LfDiagnosis) d3 = compute (TRUE, 4, 4, unconfirmed, 2, providers_quiet, 2);

  g_assert_cmpint (lf_diagnosis_get_kind (d), ==, LF_DIAGNOSIS_PLATFORM_OUTAGE);
  g_assert_cmpstr (lf_diagnosis_get_summary (d), ==, "Upwork and Fiverr are down");
  g_assert_cmpint (lf_diagnosis_get_kind (d2), ==, LF_DIAGNOSIS_PLATFORM_OUTAGE);
  g_assert_cmpint (lf_diagnosis_get_kind (d3), ==, LF_DIAGNOSIS_PLATFORM_OUTAGE);
  g_assert_cmpstr (lf_diagnosis_get_summary (d3), ==, "Fiverr is down");
}

static void
test_provider_outage_by_status (void)
{
  const LfDiagnosisPlatform platforms[] = {
    { "upwork", "Upwork", LF_STATE_UP, LF_CAUSE_NONE, behind_cloudflare },
    { "slack", "Slack", LF_STATE_DOWN, LF_CAUSE_TIMEOUT, behind_aws },
    { "github", "GitHub", LF_STATE_DEGRADED, LF_CAUSE_SLOW, behind_aws },
  };
  const LfDiagnosisProvider aws_major[] = {
    { "cloudflare", "Cloudflare", LF_SEVERITY_PARTIAL },
    { "aws", "AWS", LF_SEVERITY_MAJOR },
  };
  const LfDiagnosisProvider gcp_major[] = {
    { "gcp", "Google Cloud", LF_SEVERITY_MAJOR },
  };
  const char * const affected[] = { "slack", "github", NULL };
  g_autoptr(LfDiagnosis) d = compute (TRUE, 4, 4, platforms, 3, aws_major, 2);
  g_autoptr(LfDiagnosis) unrelated = compute (TRUE, 4, 4, platforms, 1, gcp_major, 1);
  g_autoptr(LfDiagnosis) quiet = compute (TRUE, 4, 4, platforms, 1, aws_major, 2);

  g_assert_cmpint (lf_diagnosis_get_kind (d), ==, LF_DIAGNOSIS_PROVIDER_OUTAGE);
  g_assert_cmpstr (lf_diagnosis_get_provider_id (d), ==, "aws");
  assert_affected (d, affected);
  g_assert_cmpstr (lf_diagnosis_get_summary (d), ==,
                   "AWS is having an outage: Slack and GitHub are affected");
  /* a provider no watched platform sits behind is not our outage */
  g_assert_cmpint (lf_diagnosis_get_kind (unrelated), ==, LF_DIAGNOSIS_ALL_CLEAR);
  /* a major incident where nothing fails yet: still the provider, said plainly */
  g_assert_cmpint (lf_diagnosis_get_kind (quiet), ==, LF_DIAGNOSIS_ALL_CLEAR);
  {
    const LfDiagnosisPlatform only_upwork[] = {
      { "upwork", "Upwork", LF_STATE_UP, LF_CAUSE_NONE, behind_aws },
    };
    g_autoptr(LfDiagnosis) early = compute (TRUE, 4, 4, only_upwork, 1, aws_major, 2);

    g_assert_cmpint (lf_diagnosis_get_kind (early), ==, LF_DIAGNOSIS_PROVIDER_OUTAGE);
    g_assert_cmpstr (lf_diagnosis_get_summary (early), ==,
                     "AWS reports a major outage; your platforms behind it still answer");
  }
}

static void
test_provider_outage_names_others (void)
{
  const LfDiagnosisPlatform platforms[] = {
    { "upwork", "Upwork", LF_STATE_DOWN, LF_CAUSE_CDN_EDGE, behind_cloudflare },
    { "fiverr", "Fiverr", LF_STATE_DOWN, LF_CAUSE_CDN_EDGE, behind_cloudflare },
    { "guru", "Guru", LF_STATE_DOWN, LF_CAUSE_CDN_EDGE, behind_cloudflare },
    { "slack", "Slack", LF_STATE_DOWN, LF_CAUSE_HTTP_ERROR, behind_aws },
  };
  const char * const affected[] = { "upwork", "fiverr", "guru", "slack", NULL };
  g_autoptr(LfDiagnosis) d = compute (TRUE, 4, 4, platforms, 4, providers_quiet, 2);

  g_assert_cmpint (lf_diagnosis_get_kind (d), ==, LF_DIAGNOSIS_PROVIDER_OUTAGE);
  g_assert_cmpstr (lf_diagnosis_get_provider_id (d), ==, "cloudflare");
  assert_affected (d, affected);
  g_assert_cmpstr (lf_diagnosis_get_summary (d), ==,
                   "Cloudflare is having an outage: Upwork, Fiverr and Guru are affected. "
                   "Also failing: Slack");
}

static void
test_provider_broadest_wins (void)
{
  /* two providers qualify: the one that explains more failures wins */
  const char * const behind_fastly[] = { "fastly", NULL };
  const LfDiagnosisPlatform platforms[] = {
    { "a", "A", LF_STATE_DOWN, LF_CAUSE_CDN_EDGE, behind_fastly },
    { "b", "B", LF_STATE_DOWN, LF_CAUSE_CDN_EDGE, behind_fastly },
    { "c", "C", LF_STATE_DOWN, LF_CAUSE_CDN_EDGE, behind_cloudflare },
    { "d", "D", LF_STATE_DOWN, LF_CAUSE_CDN_EDGE, behind_cloudflare },
    { "e", "E", LF_STATE_DOWN, LF_CAUSE_CDN_EDGE, behind_cloudflare },
  };
  g_autoptr(LfDiagnosis) d = compute (TRUE, 1, 1, platforms, 5, NULL, 0);

  g_assert_cmpint (lf_diagnosis_get_kind (d), ==, LF_DIAGNOSIS_PROVIDER_OUTAGE);
  g_assert_cmpstr (lf_diagnosis_get_provider_id (d), ==, "cloudflare");
  /* not in the providers list: its id stands for its name */
  g_assert_cmpstr (lf_diagnosis_get_provider_name (d), ==, "cloudflare");
}

static void
test_platform_outage (void)
{
  const LfDiagnosisPlatform one[] = {
    { "upwork", "Upwork", LF_STATE_DOWN, LF_CAUSE_HTTP_ERROR, behind_cloudflare },
    { "fiverr", "Fiverr", LF_STATE_UP, LF_CAUSE_NONE, behind_cloudflare },
  };
  const LfDiagnosisPlatform mixed[] = {
    { "upwork", "Upwork", LF_STATE_DOWN, LF_CAUSE_HTTP_ERROR, NULL },
    { "slack", "Slack", LF_STATE_DEGRADED, LF_CAUSE_SLOW, NULL },
    { "zoom", "Zoom", LF_STATE_DEGRADED, LF_CAUSE_STATUS_PAGE, NULL },
  };
  const char * const affected_one[] = { "upwork", NULL };
  const char * const affected_mixed[] = { "upwork", "slack", "zoom", NULL };
  g_autoptr(LfDiagnosis) d = compute (TRUE, 4, 2, one, 2, providers_quiet, 2);
  g_autoptr(LfDiagnosis) m = compute (TRUE, 4, 2, mixed, 3, NULL, 0);

  g_assert_cmpint (lf_diagnosis_get_kind (d), ==, LF_DIAGNOSIS_PLATFORM_OUTAGE);
  g_assert_null (lf_diagnosis_get_provider_id (d));
  assert_affected (d, affected_one);
  g_assert_cmpstr (lf_diagnosis_get_summary (d), ==, "Upwork is down");
  g_assert_true (lf_diagnosis_is_alarm (d));

  g_assert_cmpint (lf_diagnosis_get_kind (m), ==, LF_DIAGNOSIS_PLATFORM_OUTAGE);
  assert_affected (m, affected_mixed);
  g_assert_cmpstr (lf_diagnosis_get_summary (m), ==,
                   "Upwork is down; Slack and Zoom are having problems");
}

static void
test_equal (void)
{
  const LfDiagnosisPlatform one[] = {
    { "upwork", "Upwork", LF_STATE_DOWN, LF_CAUSE_HTTP_ERROR, NULL },
  };
  g_autoptr(LfDiagnosis) a = compute (TRUE, 4, 2, one, 1, NULL, 0);
  g_autoptr(LfDiagnosis) b = compute (TRUE, 4, 3, one, 1, NULL, 0);
  g_autoptr(LfDiagnosis) c = compute (TRUE, 4, 3, NULL, 0, NULL, 0);

  g_assert_true (lf_diagnosis_equal (a, b));
  g_assert_false (lf_diagnosis_equal (a, c));
  g_assert_false (lf_diagnosis_equal (a, NULL));
  g_assert_finalize_object (g_steal_pointer (&c));
}

/* Every combination of network, references and one platform's state: the broadest applicable
 * kind wins, and nothing is ever reported while the network is at fault. */
static void
test_exhaustive_order (void)
{
  for (guint net = 0; net < 2; net++)
    for (guint refs_ok = 0; refs_ok < 2; refs_ok++)
      for (LfState state = LF_STATE_UNKNOWN; state <= LF_STATE_DOWN; state++)
        for (LfCause cause = LF_CAUSE_NONE; cause < LF_N_CAUSES; cause++)
          for (guint major = 0; major < 2; major++)
            {
              const LfDiagnosisPlatform platforms[] = {
                { "a", "A", state, cause, behind_cloudflare },
                { "b", "B", state, cause, behind_cloudflare },
              };
              const LfDiagnosisProvider providers[] = {
                { "cloudflare", "Cloudflare",
                  major ? LF_SEVERITY_MAJOR : LF_SEVERITY_OPERATIONAL },
              };
              gboolean failing = state == LF_STATE_DOWN || state == LF_STATE_DEGRADED;
              LfDiagnosisKind expected;
              g_autoptr(LfDiagnosis) d = compute (net, 3, refs_ok ? 3 : 0,
                                                  platforms, 2, providers, 1);

              if (!net)
                expected = LF_DIAGNOSIS_OFFLINE;
              else if (!refs_ok)
                expected = LF_DIAGNOSIS_LOCAL_NETWORK;
              else if (major || (failing && cause == LF_CAUSE_CDN_EDGE))
                expected = LF_DIAGNOSIS_PROVIDER_OUTAGE;
              else if (failing)
                expected = LF_DIAGNOSIS_PLATFORM_OUTAGE;
              else
                expected = LF_DIAGNOSIS_ALL_CLEAR;

              g_assert_cmpint (lf_diagnosis_get_kind (d), ==, expected);
              g_assert_cmpuint (g_strv_length ((char **) lf_diagnosis_get_affected (d)), ==,
                                expected >= LF_DIAGNOSIS_LOCAL_NETWORK || !failing ? 0 : 2);
              g_assert_nonnull (lf_diagnosis_get_summary (d));
            }
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/diagnosis/all-clear", test_all_clear);
  g_test_add_func ("/lifeline/diagnosis/offline-wins", test_offline_wins);
  g_test_add_func ("/lifeline/diagnosis/local-network", test_local_network);
  g_test_add_func ("/lifeline/diagnosis/provider-outage-by-edge", test_provider_outage_by_edge);
  g_test_add_func ("/lifeline/diagnosis/provider-outage-needs-two-edges",
                   test_provider_outage_needs_two_edges);
  g_test_add_func ("/lifeline/diagnosis/provider-outage-by-status",
                   test_provider_outage_by_status);
  g_test_add_func ("/lifeline/diagnosis/provider-outage-names-others",
                   test_provider_outage_names_others);
  g_test_add_func ("/lifeline/diagnosis/provider-broadest-wins", test_provider_broadest_wins);
  g_test_add_func ("/lifeline/diagnosis/platform-outage", test_platform_outage);
  g_test_add_func ("/lifeline/diagnosis/equal", test_equal);
  g_test_add_func ("/lifeline/diagnosis/exhaustive-order", test_exhaustive_order);

  return g_test_run ();
}
