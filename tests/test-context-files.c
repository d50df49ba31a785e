/* test-context-files.c — the context follows the files another process edits
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lf-context.h"
#include "lf-storage.h"
#include "lf-test-utils.h"

/* The background monitor (lf_context_follow_files()) and the window (here a second LfPlan
 * and the catalog's own save function, which write the files as the window does) run in
 * different processes and share the user's files. */

#define TIMEOUT_MS 5000

static LfContext *
new_following_context (void)
{
  g_autoptr(LfContext) context = lf_context_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (lf_context_load_wait (context, &error));
  g_assert_no_error (error);
  lf_context_follow_files (context);

  return g_steal_pointer (&context);
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
plan_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lf_plan_load_finish (LF_PLAN (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
has_step (gpointer data)
{
  return lf_plan_find (lf_context_get_plan (data), "call-the-bank", NULL) != NULL;
}

static gboolean
has_gamma (gpointer data)
{
  return lf_catalog_lookup_platform (lf_context_get_catalog (data), "gamma") != NULL;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* The window edits the plan: the monitor reads it again, and an incident it opens after
 * the edit takes the edited checklist. A file it cannot read changes nothing there, and it
 * is left where it is (the window reports it). */
static void
test_follows_plan (void)
{
  g_autoptr(LfContext) context = new_following_context ();
  LfPlan *plan = lf_context_get_plan (context);
  g_autoptr(LfPlan) window_plan = lf_plan_new (NULL);
  g_autoptr(LfPlanStep) step = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  const char * const platforms[] = { "upwork", NULL };
  LfIncident *incident;
  const LfRunStep *first;
  gboolean loaded = FALSE;
  guint n_steps;

  g_assert_cmpstr (lf_plan_get_path (window_plan), ==, lf_plan_get_path (plan));
  lf_plan_load_async (window_plan, NULL, plan_loaded_cb, &loaded);
  g_assert_true (lf_test_wait_for (flag_set, &loaded, TIMEOUT_MS));
  g_assert_false (has_step (context));

  step = lf_plan_step_new ("call-the-bank", "Call the bank", "Ask them to hold the payouts",
                           LF_PLAN_PHASE_RESPOND, LF_PLAN_ACTION_NONE, NULL, NULL);
  lf_plan_add (window_plan, step, 0);
  g_assert_true (lf_plan_flush (window_plan, &error));
  g_assert_no_error (error);
  g_assert_true (lf_test_wait_for (has_step, context, TIMEOUT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plan)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (window_plan)));

  incident = lf_incident_log_open (lf_context_get_incident_log (context), "Upwork outage",
                                   platforms, NULL, LF_CAUSE_HTTP_ERROR,
                                   LF_DIAGNOSIS_PLATFORM_OUTAGE, FALSE);
  g_assert_nonnull (incident);
  first = lf_incident_get_step (incident, 0);
  g_assert_cmpstr (first->step_id, ==, "call-the-bank");
  g_assert_cmpstr (first->title, ==, "Call the bank");

  /* a file that cannot be read: the monitor keeps its steps and leaves the file alone */
  n_steps = g_list_model_get_n_items (G_LIST_MODEL (plan));
  g_assert_true (g_file_set_contents (lf_plan_get_path (plan), "{ \"steps\": [ 1", -1, NULL));
  lf_test_wait_for (never, NULL, 1000);
  g_assert_true (has_step (context));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plan)), ==, n_steps);
  g_assert_true (g_file_get_contents (lf_plan_get_path (plan), &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "{ \"steps\": [ 1");
  g_assert_null (lf_plan_get_load_message (plan));

  /* the plan file removed (a fresh start): the default plan again */
  g_assert_cmpint (g_unlink (lf_plan_get_path (plan)), ==, 0);
  lf_test_wait_for (never, NULL, 1000);
  g_assert_false (has_step (context));
  g_assert_false (g_file_test (lf_plan_get_path (plan), G_FILE_TEST_EXISTS));
}

/* The window adds a platform to the user's catalog: the monitor's catalog has it. */
static void
test_follows_catalog (void)
{
  g_autoptr(LfContext) context = new_following_context ();
  g_autoptr(LfCatalogPlatform) gamma = lf_catalog_platform_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (has_gamma (context));
  gamma->id = g_strdup ("gamma");
  gamma->name = g_strdup ("Gamma");
  gamma->category = g_strdup ("marketplace");
  gamma->custom = TRUE;
  g_ptr_array_add (gamma->probes, lf_probe_spec_new ("https://gamma.example/", "HEAD", 0));
  g_assert_true (lf_catalog_save_user_platform (gamma, &error));
  g_assert_no_error (error);
  g_assert_true (lf_test_wait_for (has_gamma, context, TIMEOUT_MS));
  g_assert_true (lf_monitor_get_catalog (lf_context_get_monitor (context))
                 == lf_context_get_catalog (context));
}

/* `lifeline --catalog FILE` runs on that file alone: the user's file is not followed. */
static void
test_catalog_file_not_followed (void)
{
  g_autoptr(LfContext) context = lf_context_new ();
  g_autoptr(LfCatalogPlatform) delta = lf_catalog_platform_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "only.json", NULL);
  g_autoptr(GBytes) catalog = lf_storage_load_data ("catalog.json", &error);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (catalog, NULL),
                                      g_bytes_get_size (catalog), NULL));
  g_assert_true (lf_context_set_catalog_file (context, path, &error));
  g_assert_no_error (error);
  lf_context_follow_files (context);

  delta->id = g_strdup ("delta");
  delta->name = g_strdup ("Delta");
  delta->category = g_strdup ("marketplace");
  delta->custom = TRUE;
  g_ptr_array_add (delta->probes, lf_probe_spec_new ("https://delta.example/", "HEAD", 0));
  g_assert_true (lf_catalog_save_user_platform (delta, &error));
  g_assert_no_error (error);
  lf_test_wait_for (never, NULL, 1000);
  g_assert_null (lf_catalog_lookup_platform (lf_context_get_catalog (context), "delta"));
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/context-files/follows-plan", test_follows_plan);
  g_test_add_func ("/lifeline/context-files/follows-catalog", test_follows_catalog);
  g_test_add_func ("/lifeline/context-files/catalog-file-not-followed",
                   test_catalog_file_not_followed);

  return g_test_run ();
}
