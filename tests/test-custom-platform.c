/* test-custom-platform.c — a platform the user adds, checked field by field
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-custom-platform.h"
#include "lf-test-utils.h"

static LfCatalog *
builtin_catalog (void)
{
  g_autoptr(GError) error = NULL;
  LfCatalog *catalog = lf_catalog_load_default (NULL, &error);

  g_assert_no_error (error);
  return catalog;
}

static void
test_custom_platform_builds_entry (void)
{
  g_autoptr(LfCatalog) catalog = builtin_catalog ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LfCatalogPlatform) platform = NULL;
  const char * const providers[] = { "cloudflare", NULL };
  LfProbeSpec *probe;

  platform = lf_custom_platform_new (catalog, "  Acme Jobs ", " https://jobs.acme.example/ ",
                                     "https://status.acme.example", "statuspage", providers,
                                     &error);
  g_assert_no_error (error);
  g_assert_nonnull (platform);
  g_assert_cmpstr (platform->id, ==, "acme-jobs");
  g_assert_cmpstr (platform->name, ==, "Acme Jobs");
  g_assert_cmpstr (platform->category, ==, LF_CUSTOM_PLATFORM_CATEGORY);
  g_assert_true (platform->custom);
  g_assert_cmpuint (platform->probes->len, ==, 1);
  probe = g_ptr_array_index (platform->probes, 0);
  g_assert_cmpstr (probe->url, ==, "https://jobs.acme.example/");
  g_assert_nonnull (platform->status);
  g_assert_cmpint (platform->status->kind, ==, LF_STATUS_KIND_STATUSPAGE);
  /* a Statuspage site stands for its summary API */
  g_assert_cmpstr (platform->status->url, ==,
                   "https://status.acme.example/api/v2/summary.json");
  g_assert_cmpstr (platform->status->page, ==, "https://status.acme.example");
  g_assert_cmpstrv (platform->providers, providers);

  /* an Instatus site stands for its summary.json; an endpoint stays as given */
  g_clear_pointer (&platform, lf_catalog_platform_free);
  platform = lf_custom_platform_new (catalog, "Whereby", "https://whereby.com/",
                                     "https://wherebystatus.com/", "instatus", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (platform->status->kind, ==, LF_STATUS_KIND_INSTATUS);
  g_assert_cmpstr (platform->status->url, ==, "https://wherebystatus.com/summary.json");
  g_clear_pointer (&platform, lf_catalog_platform_free);
  platform = lf_custom_platform_new (catalog, "Whereby", "https://whereby.com/",
                                     "https://wherebystatus.com/summary.json", "instatus", NULL,
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpstr (platform->status->url, ==, "https://wherebystatus.com/summary.json");
}

/* What people type: a bare domain means https://. */
static void
test_custom_platform_bare_domain (void)
{
  g_autoptr(LfCatalog) catalog = builtin_catalog ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LfCatalogPlatform) platform = NULL;
  LfProbeSpec *probe;

  platform = lf_custom_platform_new (catalog, "Acme Jobs", "  jobs.acme.example/health ",
                                     "status.acme.example", "statuspage", NULL, &error);
  g_assert_no_error (error);
  probe = g_ptr_array_index (platform->probes, 0);
  g_assert_cmpstr (probe->url, ==, "https://jobs.acme.example/health");
  g_assert_cmpstr (platform->status->url, ==, "https://status.acme.example/api/v2/summary.json");
}

static void
test_custom_platform_rejects_bad_fields (void)
{
  g_autoptr(LfCatalog) catalog = builtin_catalog ();
  const struct {
    const char *name;
    const char *url;
    const char *status_url;
    const char *kind;
    const char *provider;
    int code;
  } cases[] = {
    { "", "https://a.example/", NULL, NULL, NULL, LF_CUSTOM_PLATFORM_ERROR_NAME },
    { "   ", "https://a.example/", NULL, NULL, NULL, LF_CUSTOM_PLATFORM_ERROR_NAME },
    { "A", "", NULL, NULL, NULL, LF_CUSTOM_PLATFORM_ERROR_URL },
    { "A", "jobs acme example", NULL, NULL, NULL, LF_CUSTOM_PLATFORM_ERROR_URL },
    { "A", "localhost", NULL, NULL, NULL, LF_CUSTOM_PLATFORM_ERROR_URL },
    { "A", "ftp://jobs.acme.example/", NULL, NULL, NULL, LF_CUSTOM_PLATFORM_ERROR_URL },
    { "A", "https:///path-only", NULL, NULL, NULL, LF_CUSTOM_PLATFORM_ERROR_URL },
    { "A", "https://a.example/", "status page", NULL, NULL, LF_CUSTOM_PLATFORM_ERROR_STATUS_URL },
    { "A", "https://a.example/", "https://s.example/", "tumblr", NULL,
      LF_CUSTOM_PLATFORM_ERROR_STATUS_KIND },
    { "A", "https://a.example/", NULL, NULL, "no-such-cdn", LF_CUSTOM_PLATFORM_ERROR_PROVIDER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LfCatalogPlatform) platform = NULL;
      const char * const providers[] = { cases[i].provider, NULL };

      platform = lf_custom_platform_new (catalog, cases[i].name, cases[i].url,
                                         cases[i].status_url, cases[i].kind, providers, &error);
      g_assert_null (platform);
      g_assert_error (error, LF_CUSTOM_PLATFORM_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_custom_platform_id (void)
{
  g_autoptr(LfCatalog) catalog = builtin_catalog ();
  g_autofree char *plain = lf_custom_platform_make_id (catalog, "Café Clients & Co.");
  g_autofree char *clash = lf_custom_platform_make_id (catalog, "Upwork");
  g_autofree char *symbols = lf_custom_platform_make_id (catalog, "★★★");

  g_assert_cmpstr (plain, ==, "cafe-clients-co");
  /* never replaces a built-in platform */
  g_assert_cmpstr (clash, ==, "upwork-2");
  g_assert_cmpstr (symbols, ==, "custom");
}

static void
test_custom_platform_saves_and_loads (void)
{
  g_autoptr(LfCatalog) catalog = builtin_catalog ();
  g_autoptr(LfCatalog) reloaded = NULL;
  g_autoptr(LfCatalogPlatform) platform = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = lf_catalog_get_user_file ();
  LfCatalogPlatform *loaded;

  platform = lf_custom_platform_new (catalog, "Acme Jobs", "https://jobs.acme.example/", NULL,
                                     NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lf_catalog_save_user_platform (platform, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  reloaded = lf_catalog_load_default (NULL, &error);
  g_assert_no_error (error);
  loaded = lf_catalog_lookup_platform (reloaded, "acme-jobs");
  g_assert_nonnull (loaded);
  g_assert_true (loaded->custom);
  g_assert_cmpstr (loaded->name, ==, "Acme Jobs");
  /* the built-in platforms are still there */
  g_assert_nonnull (lf_catalog_lookup_platform (reloaded, "upwork"));
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/custom-platform/builds-entry", test_custom_platform_builds_entry);
  g_test_add_func ("/lifeline/custom-platform/rejects-bad-fields",
                   test_custom_platform_rejects_bad_fields);
  g_test_add_func ("/lifeline/custom-platform/id", test_custom_platform_id);
  g_test_add_func ("/lifeline/custom-platform/bare-domain", test_custom_platform_bare_domain);
  g_test_add_func ("/lifeline/custom-platform/saves-and-loads",
                   test_custom_platform_saves_and_loads);

  return g_test_run ();
}
