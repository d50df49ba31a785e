/* test-provider-summary.c — the Providers section's data: own status, platforms behind
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-platform-state.h"
#include "lf-provider-summary.h"
#include "lf-test-utils.h"

#define CATALOG \
  "{\"version\": 1, \"providers\": [" \
  " {\"id\": \"cloudflare\", \"name\": \"Cloudflare\", \"status\": {\"kind\": \"statuspage\"," \
  "  \"url\": \"https://cf.example/api/v2/summary.json\"}}," \
  " {\"id\": \"aws\", \"name\": \"Amazon Web Services\"}," \
  " {\"id\": \"google-cloud\", \"name\": \"Google Cloud\", \"status\": {\"kind\": " \
  "  \"google-workspace\", \"url\": \"https://gc.example/incidents.json\"}}," \
  " {\"id\": \"fastly\", \"name\": \"Fastly\"}]," \
  " \"platforms\": []}"

static LfStatusReport *
lookup (const char *provider_id,
        gpointer    user_data)
{
  return g_hash_table_lookup (user_data, provider_id);
}

static LfStatusReport *
report_with (LfSeverity indicator)
{
  LfStatusReport *report = lf_status_report_new ();

  report->indicator = indicator;

  return report;
}

static LfCatalog *
test_catalog_new (void)
{
  g_autoptr(GError) error = NULL;
  LfCatalog *catalog = lf_catalog_new_from_data (CATALOG, -1, "test.json", &error);

  g_assert_no_error (error);
  return catalog;
}

/* provider id → its last LfStatusReport, for lookup() */
static GHashTable *
reports_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                (GDestroyNotify) lf_status_report_unref);
}

static void
add_platform (GListStore         *store,
              const char         *id,
              const char * const *providers)
{
  g_autoptr(LfPlatformState) state = lf_platform_state_new (id, id, "other", providers);

  g_list_store_append (store, state);
}

static void
test_collect (void)
{
  g_autoptr(LfCatalog) catalog = test_catalog_new ();
  g_autoptr(GListStore) platforms = g_list_store_new (LF_TYPE_PLATFORM_STATE);
  g_autoptr(GHashTable) reports = reports_new ();
  g_autoptr(GPtrArray) summaries = NULL;
  const char * const cf[] = { "cloudflare", NULL };
  const char * const cf_aws[] = { "cloudflare", "aws", NULL };
  const char * const aws[] = { "aws", NULL };
  LfProviderSummary *s;

  add_platform (platforms, "upwork", cf);
  add_platform (platforms, "discord", cf);
  add_platform (platforms, "acme", cf_aws);
  add_platform (platforms, "slack", aws);
  add_platform (platforms, "fiverr", NULL);

  /* Cloudflare says all is well, Google Cloud (behind none of them) that it is down. */
  g_hash_table_insert (reports, "cloudflare", report_with (LF_SEVERITY_OPERATIONAL));
  g_hash_table_insert (reports, "google-cloud", report_with (LF_SEVERITY_MAJOR));

  summaries = lf_provider_summary_collect (catalog, G_LIST_MODEL (platforms), TRUE, NULL, lookup,
                                           reports);
  g_assert_cmpuint (summaries->len, ==, 4);

  /* Yours first (most platforms first while no report says worse), then the catalog order. */
  s = g_ptr_array_index (summaries, 0);
  g_assert_cmpstr (s->id, ==, "cloudflare");
  g_assert_cmpuint (s->n_platforms, ==, 3);
  g_assert_true (s->has_source);
  g_assert_nonnull (s->report);
  g_assert_cmpint (s->state, ==, LF_STATE_UP);

  s = g_ptr_array_index (summaries, 1);
  g_assert_cmpstr (s->id, ==, "aws");
  g_assert_cmpuint (s->n_platforms, ==, 2);
  g_assert_false (s->has_source);
  g_assert_null (s->report);
  g_assert_cmpint (s->state, ==, LF_STATE_UNKNOWN);

  s = g_ptr_array_index (summaries, 2);
  g_assert_cmpstr (s->id, ==, "google-cloud");
  g_assert_cmpuint (s->n_platforms, ==, 0);
  g_assert_cmpint (s->state, ==, LF_STATE_DOWN);

  s = g_ptr_array_index (summaries, 3);
  g_assert_cmpstr (s->id, ==, "fastly");
  g_assert_cmpuint (s->n_platforms, ==, 0);
  g_clear_pointer (&summaries, g_ptr_array_unref);

  /* An outage of a provider yours sit behind comes first, even with fewer platforms. */
  g_hash_table_insert (reports, "cloudflare", report_with (LF_SEVERITY_PARTIAL));
  add_platform (platforms, "ec2-thing", aws);
  add_platform (platforms, "s3-thing", aws);
  summaries = lf_provider_summary_collect (catalog, G_LIST_MODEL (platforms), TRUE, NULL, lookup,
                                           reports);
  s = g_ptr_array_index (summaries, 0);
  g_assert_cmpstr (s->id, ==, "cloudflare");
  g_assert_cmpint (s->state, ==, LF_STATE_DEGRADED);
  s = g_ptr_array_index (summaries, 1);
  g_assert_cmpstr (s->id, ==, "aws");
  g_assert_cmpuint (s->n_platforms, ==, 4);
  g_clear_pointer (&summaries, g_ptr_array_unref);

  /* Nothing watched: every provider, in the catalog's order, none of yours. */
  g_list_store_remove_all (platforms);
  summaries = lf_provider_summary_collect (catalog, G_LIST_MODEL (platforms), TRUE, NULL, lookup,
                                           reports);
  for (guint i = 0; i < summaries->len; i++)
    {
      s = g_ptr_array_index (summaries, i);
      g_assert_cmpstr (s->id, ==, ((LfCatalogProvider *) g_ptr_array_index (catalog->providers,
                                                                             i))->id);
      g_assert_cmpuint (s->n_platforms, ==, 0);
    }
}

/* While the user's own connection is down, no provider's state is known, whatever its last
 * report says, and none of them ranks before another for it. */
static void
test_network_down (void)
{
  g_autoptr(LfCatalog) catalog = test_catalog_new ();
  g_autoptr(GListStore) platforms = g_list_store_new (LF_TYPE_PLATFORM_STATE);
  g_autoptr(GHashTable) reports = reports_new ();
  g_autoptr(GPtrArray) summaries = NULL;
  const char * const cf[] = { "cloudflare", NULL };
  const char * const gc[] = { "google-cloud", NULL };

  add_platform (platforms, "upwork", cf);
  add_platform (platforms, "discord", cf);
  add_platform (platforms, "console", gc);
  g_hash_table_insert (reports, "cloudflare", report_with (LF_SEVERITY_OPERATIONAL));
  g_hash_table_insert (reports, "google-cloud", report_with (LF_SEVERITY_MAJOR));

  summaries = lf_provider_summary_collect (catalog, G_LIST_MODEL (platforms), FALSE, NULL, lookup,
                                           reports);
  for (guint i = 0; i < summaries->len; i++)
    {
      LfProviderSummary *s = g_ptr_array_index (summaries, i);

      g_assert_cmpint (s->state, ==, LF_STATE_UNKNOWN);
      g_assert_true (s->network_down);
    }
  /* Most platforms first: Google Cloud's old "down" does not put it first. */
  g_assert_cmpstr (((LfProviderSummary *) g_ptr_array_index (summaries, 0))->id, ==,
                   "cloudflare");
  g_assert_cmpstr (((LfProviderSummary *) g_ptr_array_index (summaries, 1))->id, ==,
                   "google-cloud");
}

/* The diagnosis puts the outage on Cloudflare while its page still says all is well (status
 * pages lag): the card must not say "Up" under a banner that says "Cloudflare has an outage". */
static void
test_blamed (void)
{
  g_autoptr(LfCatalog) catalog = test_catalog_new ();
  g_autoptr(GListStore) platforms = g_list_store_new (LF_TYPE_PLATFORM_STATE);
  g_autoptr(GHashTable) reports = reports_new ();
  g_autoptr(GPtrArray) summaries = NULL;
  const char * const cf[] = { "cloudflare", NULL };
  const char * const aws[] = { "aws", NULL };
  LfProviderSummary *s;

  add_platform (platforms, "upwork", cf);
  add_platform (platforms, "slack", aws);
  add_platform (platforms, "s3-thing", aws);
  g_hash_table_insert (reports, "cloudflare", report_with (LF_SEVERITY_OPERATIONAL));

  summaries = lf_provider_summary_collect (catalog, G_LIST_MODEL (platforms), TRUE,
                                           "cloudflare", lookup, reports);
  /* Down, first (before AWS with more platforms), its own page's report kept for the card. */
  s = g_ptr_array_index (summaries, 0);
  g_assert_cmpstr (s->id, ==, "cloudflare");
  g_assert_true (s->blamed);
  g_assert_true (s->page_lags);
  g_assert_cmpint (s->state, ==, LF_STATE_DOWN);
  g_assert_cmpint (s->page_state, ==, LF_STATE_UP);   /* what its page itself says */
  g_assert_nonnull (s->report);
  g_assert_cmpint (s->report->indicator, ==, LF_SEVERITY_OPERATIONAL);
  s = g_ptr_array_index (summaries, 1);
  g_assert_cmpstr (s->id, ==, "aws");
  g_assert_false (s->blamed);
  g_clear_pointer (&summaries, g_ptr_array_unref);

  /* Once its page says so too, it no longer lags. */
  g_hash_table_insert (reports, "cloudflare", report_with (LF_SEVERITY_MAJOR));
  summaries = lf_provider_summary_collect (catalog, G_LIST_MODEL (platforms), TRUE,
                                           "cloudflare", lookup, reports);
  s = g_ptr_array_index (summaries, 0);
  g_assert_true (s->blamed);
  g_assert_false (s->page_lags);
  g_assert_cmpint (s->page_state, ==, LF_STATE_DOWN);
  g_clear_pointer (&summaries, g_ptr_array_unref);

  /* Offline, nothing is blamed: the connection explains it. */
  summaries = lf_provider_summary_collect (catalog, G_LIST_MODEL (platforms), FALSE,
                                           "cloudflare", lookup, reports);
  s = g_ptr_array_index (summaries, 0);
  g_assert_false (s->blamed);
  g_assert_cmpint (s->state, ==, LF_STATE_UNKNOWN);
}

static void
test_severity_states (void)
{
  g_assert_cmpint (lf_severity_get_state (LF_SEVERITY_OPERATIONAL), ==, LF_STATE_UP);
  g_assert_cmpint (lf_severity_get_state (LF_SEVERITY_MAINTENANCE), ==, LF_STATE_MAINTENANCE);
  g_assert_cmpint (lf_severity_get_state (LF_SEVERITY_DEGRADED), ==, LF_STATE_DEGRADED);
  g_assert_cmpint (lf_severity_get_state (LF_SEVERITY_PARTIAL), ==, LF_STATE_DEGRADED);
  g_assert_cmpint (lf_severity_get_state (LF_SEVERITY_MAJOR), ==, LF_STATE_DOWN);
  g_assert_cmpint (lf_severity_get_state (LF_SEVERITY_UNKNOWN), ==, LF_STATE_UNKNOWN);
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/provider-summary/collect", test_collect);
  g_test_add_func ("/lifeline/provider-summary/blamed", test_blamed);
  g_test_add_func ("/lifeline/provider-summary/network-down", test_network_down);
  g_test_add_func ("/lifeline/provider-summary/severity-states", test_severity_states);

  return g_test_run ();
}
