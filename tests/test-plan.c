/* test-plan.c — the contingency plan: default, editing, undo, reset, filtering, storage
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lf-plan.h"
#include "lf-test-utils.h"

typedef struct
{
  char   *dir;
  char   *path;
  LfPlan *plan;
  guint   n_changes;
} Fixture;

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lf_plan_load_finish (LF_PLAN (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static LfPlan *
load_plan (const char *path)
{
  LfPlan *plan = lf_plan_new (path);
  gboolean done = FALSE;

  lf_plan_load_async (plan, NULL, load_done_cb, &done);
  lf_test_wait_for_flag (&done, 5000);
  g_assert_true (lf_plan_get_loaded (plan));

  return plan;
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *fixture)
{
  fixture->n_changes++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("lf-plan-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "plan.json", NULL);
  fixture->plan = load_plan (fixture->path);
  g_signal_connect (fixture->plan, "items-changed", G_CALLBACK (on_items_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_finalize_object (fixture->plan);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static char **
step_ids (LfPlan *plan)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (plan)); i++)
    g_strv_builder_add (builder, lf_plan_step_get_id (lf_plan_get_step (plan, i)));

  return g_strv_builder_end (builder);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
test_plan_default (Fixture       *fixture,
                   gconstpointer  data)
{
  LfPlan *plan = fixture->plan;
  guint n_prepare = 0, n_respond = 0, n_recover = 0;
  LfPlanStep *step;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plan)), >=, 12);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (plan)) == LF_TYPE_PLAN_STEP);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (plan)); i++)
    {
      step = lf_plan_get_step (plan, i);
      g_assert_cmpstr (lf_plan_step_get_title (step), !=, "");
      switch (lf_plan_step_get_phase (step))
        {
        case LF_PLAN_PHASE_PREPARE: n_prepare++; break;
        case LF_PLAN_PHASE_RESPOND: n_respond++; break;
        case LF_PLAN_PHASE_RECOVER: n_recover++; break;
        default: g_assert_not_reached ();
        }
    }
  g_assert_cmpuint (n_prepare, >=, 4);
  g_assert_cmpuint (n_respond, >=, 6);
  g_assert_cmpuint (n_recover, >=, 3);

  step = lf_plan_find (plan, "respond-mobile-data", NULL);
  g_assert_nonnull (step);
  g_assert_cmpstrv (lf_plan_step_get_causes (step), ((const char *[]) { "network", NULL }));
  step = lf_plan_find (plan, "respond-other-browser", NULL);
  g_assert_cmpstrv (lf_plan_step_get_causes (step), ((const char *[]) { "blocked", NULL }));
  step = lf_plan_find (plan, "respond-tell-clients", NULL);
  g_assert_cmpint (lf_plan_step_get_action (step), ==, LF_PLAN_ACTION_OPEN_COMPOSER);
  step = lf_plan_find (plan, "respond-check-status", NULL);
  g_assert_cmpint (lf_plan_step_get_action (step), ==, LF_PLAN_ACTION_OPEN_URL);
  g_assert_cmpstr (lf_plan_step_get_action_target (step), ==, "{status_url}");

  /* Texts are read whole, white space collapsed. */
  step = lf_plan_find (plan, "prepare-backup-channels", NULL);
  g_assert_cmpstr (lf_plan_step_get_title (step), ==, "Record a backup channel for every client");
  g_assert_true (g_str_has_suffix (lf_plan_step_get_detail (step), "a platform that is down."));

  /* The default is not written until the user changes something. */
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_assert_null (lf_plan_get_load_message (plan));
}

static void
test_plan_edit (Fixture       *fixture,
                gconstpointer  data)
{
  LfPlan *plan = fixture->plan;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (plan));
  g_autoptr(LfPlanStep) added = NULL;
  g_autoptr(LfPlanStep) edited = NULL;
  g_autoptr(LfPlanStep) removed = NULL;
  g_auto(GStrv) before = step_ids (plan);
  g_auto(GStrv) after = NULL;
  const char *causes[] = { "cdn-edge", "origin-via-cdn", NULL };
  guint position = G_MAXUINT;

  /* Add at a position. */
  added = lf_plan_step_new ("call-agency", "Call the agency", "Ask for the backup portal",
                            LF_PLAN_PHASE_RESPOND, LF_PLAN_ACTION_OPEN_URL,
                            "https://agency.example/status", causes);
  lf_plan_add (plan, added, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plan)), ==, n + 1);
  g_assert_true (lf_plan_get_step (plan, 2) == added);
  g_assert_cmpuint (fixture->n_changes, ==, 1);

  /* Edit: a new value with the same id replaces the old one in place. */
  edited = lf_plan_step_new ("call-agency", "Phone the agency", NULL, LF_PLAN_PHASE_RESPOND,
                             LF_PLAN_ACTION_NONE, NULL, NULL);
  g_assert_true (lf_plan_update (plan, edited));
  g_assert_cmpstr (lf_plan_step_get_title (lf_plan_get_step (plan, 2)), ==, "Phone the agency");
  g_assert_cmpstr (lf_plan_step_get_detail (lf_plan_get_step (plan, 2)), ==, "");
  {
    g_autoptr(LfPlanStep) ghost = lf_plan_step_new ("no-such-step", "x", NULL,
                                                    LF_PLAN_PHASE_RESPOND,
                                                    LF_PLAN_ACTION_NONE, NULL, NULL);

    g_assert_false (lf_plan_update (plan, ghost));
  }

  /* Move down, then to the top; positions are clamped. */
  g_assert_true (lf_plan_move (plan, "call-agency", 5));
  g_assert_true (lf_plan_get_step (plan, 5) == edited);
  g_assert_true (lf_plan_move (plan, "call-agency", 0));
  g_assert_true (lf_plan_get_step (plan, 0) == edited);
  g_assert_true (lf_plan_move (plan, "call-agency", 1000));
  g_assert_true (lf_plan_get_step (plan, n) == edited);
  g_assert_false (lf_plan_move (plan, "no-such-step", 0));

  /* Remove and undo: the step comes back where it was. */
  removed = lf_plan_remove (plan, before[3], &position);
  g_assert_nonnull (removed);
  g_assert_cmpuint (position, ==, 3);
  g_assert_null (lf_plan_find (plan, before[3], NULL));
  lf_plan_add (plan, removed, position);
  g_assert_true (lf_plan_get_step (plan, 3) == removed);
  g_assert_null (lf_plan_remove (plan, "no-such-step", NULL));

  /* Everything but the added step is where it was. */
  g_clear_object (&removed);
  removed = lf_plan_remove (plan, "call-agency", NULL);
  after = step_ids (plan);
  g_assert_cmpstrv (after, before);
}

static void
test_plan_reset (Fixture       *fixture,
                 gconstpointer  data)
{
  LfPlan *plan = fixture->plan;
  g_auto(GStrv) before = step_ids (plan);
  g_auto(GStrv) after = NULL;
  g_autoptr(LfPlanStep) removed = NULL;
  g_autoptr(GError) error = NULL;

  removed = lf_plan_remove (plan, before[0], NULL);
  lf_plan_move (plan, before[5], 0);
  g_assert_true (lf_plan_reset_to_default (plan, &error));
  g_assert_no_error (error);

  after = step_ids (plan);
  g_assert_cmpstrv (after, before);
}

static void
test_plan_filter (Fixture       *fixture,
                  gconstpointer  data)
{
  struct {
    LfCause cause;
    const char *present;
    const char *absent;
  } cases[] = {
    /* The user's own network: nothing to tell clients. */
    { LF_CAUSE_NETWORK, "respond-mobile-data", "respond-tell-clients" },
    { LF_CAUSE_BLOCKED, "respond-other-browser", "respond-mobile-data" },
    { LF_CAUSE_CDN_EDGE, "respond-tell-clients", "respond-mobile-data" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GListModel) steps = lf_plan_filter_for_cause (fixture->plan, cases[c].cause);
      gboolean present = FALSE;
      int last = -1;

      g_assert_cmpuint (g_list_model_get_n_items (steps), >=, 6);
      for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
        {
          g_autoptr(LfPlanStep) step = g_list_model_get_item (steps, i);
          guint position;

          g_assert_nonnull (lf_plan_find (fixture->plan, lf_plan_step_get_id (step), &position));
          /* Plan order is kept; preparation steps are not part of a run. */
          g_assert_cmpint ((int) position, >, last);
          last = position;
          g_assert_cmpint (lf_plan_step_get_phase (step), !=, LF_PLAN_PHASE_PREPARE);
          g_assert_true (lf_plan_step_applies_to (step, cases[c].cause));
          g_assert_cmpstr (lf_plan_step_get_id (step), !=, cases[c].absent);
          if (g_str_equal (lf_plan_step_get_id (step), cases[c].present))
            present = TRUE;
        }
      g_assert_true (present);
    }
}

static void
test_plan_persists (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(LfPlanStep) added = NULL;
  g_autoptr(LfPlanStep) removed = NULL;
  g_autoptr(LfPlan) reloaded = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) reloaded_ids = NULL;
  const char *causes[] = { "blocked", NULL };

  added = lf_plan_step_new (NULL, "Ask on the agency’s Slack", "“quotes” and\nnew lines",
                            LF_PLAN_PHASE_RECOVER, LF_PLAN_ACTION_COPY_MY_CONTACT, NULL, causes);
  g_assert_nonnull (lf_plan_step_get_id (added));
  lf_plan_add (fixture->plan, added, -1);
  removed = lf_plan_remove (fixture->plan, "respond-keep-log", NULL);

  /* Saved promptly without any flush. */
  g_assert_true (lf_test_wait_for (file_exists, fixture->path, 3000));

  ids = step_ids (fixture->plan);
  reloaded = load_plan (fixture->path);
  reloaded_ids = step_ids (reloaded);
  g_assert_cmpstrv (reloaded_ids, ids);
  {
    LfPlanStep *step = lf_plan_find (reloaded, lf_plan_step_get_id (added), NULL);

    g_assert_nonnull (step);
    g_assert_cmpstr (lf_plan_step_get_title (step), ==, "Ask on the agency’s Slack");
    g_assert_cmpstr (lf_plan_step_get_detail (step), ==, "“quotes” and\nnew lines");
    g_assert_cmpint (lf_plan_step_get_phase (step), ==, LF_PLAN_PHASE_RECOVER);
    g_assert_cmpint (lf_plan_step_get_action (step), ==, LF_PLAN_ACTION_COPY_MY_CONTACT);
    g_assert_cmpstrv (lf_plan_step_get_causes (step), causes);
  }
}

static void
test_plan_damaged (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LfPlan) plan = NULL;
  g_autoptr(LfPlan) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *contents = NULL;
  const char *name;
  const char *garbage = "{\"format\":\"lifeline-plan\",\"steps\":[{\"title\":";

  g_assert_true (g_file_set_contents (fixture->path, garbage, -1, &error));

  plan = load_plan (fixture->path);
  g_assert_nonnull (lf_plan_get_load_message (plan));
  g_assert_nonnull (strstr (lf_plan_get_load_message (plan), "plan.json"));
  g_assert_nonnull (lf_plan_find (plan, "respond-tell-clients", NULL));

  /* The damaged file is kept, untouched, beside the fresh one. */
  dir = g_dir_open (fixture->dir, 0, &error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "plan.json.damaged-"))
      aside = g_build_filename (fixture->dir, name, NULL);
  g_assert_nonnull (aside);
  g_assert_true (g_file_get_contents (aside, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, garbage);

  /* The default is written back, and reads cleanly. */
  g_assert_true (lf_plan_flush (plan, &error));
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  again = load_plan (fixture->path);
  g_assert_null (lf_plan_get_load_message (again));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (plan)));

  /* A step with a mistyped member is rejected as well. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(LfPlanStep) step = NULL;

    json_parser_load_from_data (parser, "{\"title\":\"x\",\"causes\":[\"bogus\"]}", -1, NULL);
    step = lf_plan_step_new_from_json (json_node_get_object (json_parser_get_root (parser)),
                                       &error);
    g_assert_null (step);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  }
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/lifeline/plan/default", test_plan_default);
  ADD ("/lifeline/plan/edit", test_plan_edit);
  ADD ("/lifeline/plan/reset", test_plan_reset);
  ADD ("/lifeline/plan/filter", test_plan_filter);
  ADD ("/lifeline/plan/persists", test_plan_persists);
  ADD ("/lifeline/plan/damaged", test_plan_damaged);

#undef ADD

  return g_test_run ();
}
