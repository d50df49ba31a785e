/* test-context.c — LfContext, the composition root: one of each, wired together, headless
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lf-context.h"
#include "lf-notice-context.h"
#include "lf-storage.h"
#include "lf-test-utils.h"

#define TIMEOUT_MS 10000

static gboolean
result_is_set (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
got_result_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
on_notice_recorded_cb (LfContext *context,
                       LfNotice  *notice,
                       guint     *n)
{
  (*n)++;
}

static LfContext *
new_loaded_context (void)
{
  g_autoptr(LfContext) context = lf_context_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (lf_context_load_wait (context, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&context);
}

/* One of each, and wired together: the monitor probes through the one session and records
 * into the one history, the log runs the one plan, and the real monitor is the active one. */
static void
test_context_one_of_each (void)
{
  g_autoptr(LfContext) context = new_loaded_context ();
  LfMonitor *monitor = lf_context_get_monitor (context);
  LfMonitorBackend *backend = lf_monitor_get_backend (monitor);

  g_assert_true (LF_IS_NETWORK_BACKEND (backend));
  g_assert_true (lf_network_backend_get_session (LF_NETWORK_BACKEND (backend))
                 == lf_context_get_soup_session (context));
  g_assert_true (lf_monitor_get_history (monitor) == lf_context_get_history (context));
  g_assert_true (lf_monitor_get_catalog (monitor) == lf_context_get_catalog (context));
  g_assert_true (lf_incident_log_get_plan (lf_context_get_incident_log (context))
                 == lf_context_get_plan (context));
  g_assert_true (lf_context_get_active_monitor (context) == monitor);
  g_assert_null (lf_context_get_drill (context));
  g_assert_false (lf_context_get_drill_running (context));
  g_assert_null (lf_context_get_catalog_problem (context));
  g_assert_nonnull (lf_catalog_lookup_platform (lf_context_get_catalog (context), "upwork"));
  g_assert_true (lf_history_get_loaded (lf_context_get_history (context)));
  g_assert_true (lf_plan_get_loaded (lf_context_get_plan (context)));
  g_assert_true (lf_incident_log_get_loaded (lf_context_get_incident_log (context)));
  g_assert_nonnull (lf_template_store_lookup (lf_context_get_template_store (context), "outage"));
  /* Built headless and loaded, but nothing runs until a front end starts it. */
  g_assert_false (lf_monitor_get_running (monitor));

  g_assert_finalize_object (g_steal_pointer (&context));
}

/* A user catalog that cannot be read: said in words, and the built-in catalog used. */
static void
test_context_catalog_problem (void)
{
  g_autofree char *dir = g_build_filename (lf_storage_get_config_dir (), NULL);
  g_autofree char *path = lf_catalog_get_user_file ();
  g_autoptr(LfContext) context = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{ \"version\": 1, \"platforms\": [ ", -1, NULL));

  context = lf_context_new ();
  g_assert_nonnull (lf_context_get_catalog_problem (context));
  g_assert_true (g_str_has_prefix (lf_context_get_catalog_problem (context),
                                   "Your platform list could not be read"));
  g_assert_nonnull (lf_catalog_lookup_platform (lf_context_get_catalog (context), "upwork"));

  /* Mended, and read again: the problem is gone. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_true (lf_context_reload_catalog (context, &error));
  g_assert_no_error (error);
  g_assert_null (lf_context_get_catalog_problem (context));
}

/* One command's context: what its monitor sees is not the user's health record (the
 * monitor that runs keeps it), and a broken catalog is for the command to say. */
static void
test_context_headless (void)
{
  g_autofree char *dir = g_build_filename (lf_storage_get_config_dir (), NULL);
  g_autofree char *path = lf_catalog_get_user_file ();
  g_autoptr(GError) error = NULL;

  for (guint headless = 0; headless <= 1; headless++)
    {
      g_autoptr(LfContext) context = headless ? lf_context_new_headless () : lf_context_new ();
      g_autoptr(LfProbeResult) probe = lf_probe_result_new ("https://www.upwork.com/");
      gboolean is_headless = FALSE;
      GArray *samples;

      g_object_get (context, "headless", &is_headless, NULL);
      g_assert_cmpint (is_headless, ==, headless);
      g_assert_null (lf_context_get_catalog_error (context));

      probe->http_status = 200;
      probe->started_at = g_get_real_time ();
      probe->total_ms = 42;
      g_signal_emit_by_name (lf_context_get_monitor (context), "probed", "upwork", probe);
      samples = lf_history_get_samples (lf_context_get_history (context), "upwork");
      g_assert_cmpuint (samples != NULL ? samples->len : 0, ==, headless ? 0 : 1);
    }

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{ \"version\": 1, \"platforms\": [ ", -1, NULL));
  {
    g_autoptr(LfContext) context = lf_context_new_headless ();
    g_autofree char *builtin = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                      "catalog.json", NULL);

    /* The reason itself, for "lifeline: …"; the built-in catalog stands in meanwhile. */
    g_assert_nonnull (lf_context_get_catalog_error (context));
    g_assert_nonnull (lf_context_get_catalog_problem (context));
    g_assert_nonnull (strstr (lf_context_get_catalog_problem (context),
                              lf_context_get_catalog_error (context)->message));
    g_assert_nonnull (lf_catalog_lookup_platform (lf_context_get_catalog (context), "upwork"));

    /* `--catalog FILE` that works: no error left. */
    g_assert_true (lf_context_set_catalog_file (context, builtin, &error));
    g_assert_no_error (error);
    g_assert_null (lf_context_get_catalog_error (context));
  }
  g_assert_cmpint (g_unlink (path), ==, 0);
}

/* The outage-day operations every front end shares: which platforms and incident a notice is
 * about, and "notice sent" in that incident's timeline. */
static void
test_context_prepare_and_record_notice (void)
{
  g_autoptr(LfContext) context = new_loaded_context ();
  LfIncidentLog *log = lf_context_get_incident_log (context);
  const char *upwork[] = { "upwork", NULL };
  g_autoptr(LfRenderContext) render = NULL;
  g_autoptr(LfRenderContext) empty = NULL;
  g_autoptr(LfChannel) channel = lf_channel_new ("board", LF_CHANNEL_KIND_CLIPBOARD);
  g_autoptr(LfNotice) notice = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) none = NULL;
  g_auto(GStrv) unknown = NULL;
  LfIncident *incident;
  guint n_entries;
  guint n_recorded = 0;

  g_signal_connect (context, "notice-recorded", G_CALLBACK (on_notice_recorded_cb), &n_recorded);
  incident = lf_incident_log_open (log, "Upwork outage", upwork, NULL, LF_CAUSE_HTTP_ERROR,
                                   LF_DIAGNOSIS_PLATFORM_OUTAGE, FALSE);
  n_entries = lf_incident_get_n_entries (incident);
  g_assert_true (lf_context_find_incident (context, "upwork") == incident);
  g_assert_true (lf_context_find_incident (context, lf_incident_get_id (incident)) == incident);
  g_assert_null (lf_context_find_incident (context, "fiverr"));

  /* From a platform id: that platform, linked to the open incident covering it. */
  render = lf_context_prepare_notice (context, "upwork", &ids, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (render);
  g_assert_true (g_strv_equal ((const char * const *) ids, upwork));
  g_assert_cmpstr (render->platform, ==, "Upwork");
  g_assert_cmpstr (render->incident_id, ==, lf_incident_get_id (incident));
  g_assert_false (render->rehearsal);
  g_assert_null (render->rehearsal_name);

  /* Nothing down and no platform named: an empty context, no platforms. */
  empty = lf_context_prepare_notice (context, "", &none, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (empty);
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  /* A typo is an error that names it. */
  g_assert_null (lf_context_prepare_notice (context, "upwrok", &unknown, NULL, &error));
  g_assert_error (error, LF_NOTICE_CONTEXT_ERROR, LF_NOTICE_CONTEXT_ERROR_UNKNOWN_PLATFORM);
  g_clear_error (&error);

  /* Sent: the incident's timeline says so, with the channel and no recipient's name. */
  notice = lf_notice_new (lf_template_store_lookup (lf_context_get_template_store (context),
                                                    "outage"),
                          render, channel);
  g_assert_true (lf_context_record_notice (context, notice));
  g_assert_cmpuint (n_recorded, ==, 1);
  g_assert_cmpuint (lf_incident_get_n_entries (incident), ==, n_entries + 1);
  {
    const LfTimelineEntry *entry = lf_incident_get_entry (incident, n_entries);

    g_assert_cmpint (entry->kind, ==, LF_TIMELINE_NOTICE_SENT);
    g_assert_cmpstr (lf_timeline_entry_get_data (entry, LF_TIMELINE_DATA_CHANNEL), ==,
                     "clipboard");
  }

  /* A notice about no incident is recorded nowhere. */
  {
    g_autoptr(LfNotice) loose = lf_notice_new (lf_template_store_lookup (
                                                 lf_context_get_template_store (context),
                                                 "outage"),
                                               empty, channel);

    g_assert_false (lf_context_record_notice (context, loose));
    /* Still a notice sent: whoever shows what is left to send looks again. */
    g_assert_cmpuint (n_recorded, ==, 2);
  }

  lf_incident_log_remove (log, incident);
}

/* Importing a bundle through the context: its channels land in the context's own store. */
static void
test_context_import (void)
{
  g_autoptr(LfContext) context = new_loaded_context ();
  g_autofree char *path = g_build_filename (g_get_home_dir (), "bundle.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LfImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  LfContactStore *store = lf_context_get_contact_store (context);

  g_assert_true (g_file_set_contents (path,
    "{ \"format\": \"lifeline-bundle\", \"version\": 1,"
    "  \"contacts\": [ { \"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"],"
    "                    \"platforms\": [\"upwork\"] } ],"
    "  \"channels\": [ { \"id\": \"board\", \"kind\": \"clipboard\" } ] }", -1, NULL));

  lf_contact_store_load_async (store, NULL, got_result_cb, &result);
  g_assert_true (lf_test_wait_for (result_is_set, &result, TIMEOUT_MS));
  g_assert_true (lf_contact_store_load_finish (store, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  lf_context_import_async (context, file, NULL, NULL, NULL, NULL, got_result_cb, &result);
  g_assert_true (lf_test_wait_for (result_is_set, &result, TIMEOUT_MS));
  preview = lf_context_import_finish (context, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (preview);
  g_assert_cmpuint (lf_import_preview_get_added (preview)->len, ==, 1);
  g_clear_object (&result);
  g_assert_null (lf_channel_store_lookup (lf_context_get_channel_store (context), "board"));

  lf_import_preview_apply_async (preview, NULL, got_result_cb, &result);
  g_assert_true (lf_test_wait_for (result_is_set, &result, TIMEOUT_MS));
  g_assert_true (lf_import_preview_apply_finish (preview, result, &error));
  g_assert_no_error (error);

  g_assert_nonnull (lf_channel_store_lookup (lf_context_get_channel_store (context), "board"));
  g_assert_nonnull (lf_contact_store_find_by_email (store, "ada@example.com"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring = NULL;

  lf_test_init (&argc, &argv);

  /* The client directory in libsecret's file backend, in the private home. */
  keyring = g_build_filename (g_get_home_dir (), "context.keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test-password", TRUE);

  g_test_add_func ("/lifeline/context/one-of-each", test_context_one_of_each);
  g_test_add_func ("/lifeline/context/catalog-problem", test_context_catalog_problem);
  g_test_add_func ("/lifeline/context/headless", test_context_headless);
  g_test_add_func ("/lifeline/context/prepare-and-record-notice",
                   test_context_prepare_and_record_notice);
  g_test_add_func ("/lifeline/context/import", test_context_import);

  return g_test_run ();
}
