/* test-incident-log-shared.c — two logs (two processes) on one incidents.json lose nothing
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lf-incident-log.h"
#include "lf-test-utils.h"

#define NOTICE_ARG "--record-notice"

static void
plan_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_assert_true (lf_plan_load_finish (LF_PLAN (source), result, NULL));
  *(gboolean *) user_data = TRUE;
}

static void
log_loaded_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_assert_true (lf_incident_log_load_finish (LF_INCIDENT_LOG (source), result, NULL));
  *(gboolean *) user_data = TRUE;
}

static LfPlan *
load_plan (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "plan.json", NULL);
  LfPlan *plan = lf_plan_new (path);
  gboolean done = FALSE;

  lf_plan_load_async (plan, NULL, plan_loaded_cb, &done);
  lf_test_wait_for_flag (&done, 5000);

  return plan;
}

static LfIncidentLog *
load_log (LfPlan     *plan,
          const char *path)
{
  LfIncidentLog *log = lf_incident_log_new (plan, path);
  gboolean done = FALSE;

  lf_incident_log_load_async (log, NULL, log_loaded_cb, &done);
  lf_test_wait_for_flag (&done, 5000);
  g_assert_true (lf_incident_log_get_loaded (log));
  g_assert_null (lf_incident_log_get_load_message (log));

  return log;
}

static void
flush (LfIncidentLog *log)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lf_incident_log_flush (log, &error));
  g_assert_no_error (error);
}

/* The file as a third party (a restart) sees it. */
static LfIncidentLog *
reread (LfPlan     *plan,
        const char *path)
{
  return load_log (plan, path);
}

static gboolean
has_entry (LfIncident     *incident,
           LfTimelineKind  kind,
           const char     *text)
{
  for (guint i = 0; i < lf_incident_get_n_entries (incident); i++)
    {
      const LfTimelineEntry *entry = lf_incident_get_entry (incident, i);

      if (entry->kind == kind && g_str_equal (entry->text, text))
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  LfIncidentLog *log;
  const char    *id;
  gboolean       present;
  LfTimelineKind kind;
  const char    *text;
} Expect;

static gboolean
expect_cb (gpointer data)
{
  Expect *expect = data;
  LfIncident *incident = lf_incident_log_lookup (expect->log, expect->id);

  if (!expect->present)
    return incident == NULL;

  return incident != NULL
         && (expect->text == NULL || has_entry (incident, expect->kind, expect->text));
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *count)
{
  (*count)++;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

/* The window (A) and the background monitor (B), both loaded before either changes a thing.
 * Flushes write at once, with no turn of the main loop, so neither has followed the other's
 * file yet: the merge before the save alone must keep the other's changes. */
static void
test_two_logs (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lf-incidents-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "incidents.json", NULL);
  g_autoptr(LfPlan) plan = load_plan (dir);
  g_autofree char *shared_id = NULL;
  g_autofree char *new_id = NULL;
  LfIncidentLog *a, *b;
  LfIncident *shared_a, *shared_b, *fresh;
  guint b_changes = 0;

  /* One incident both know. */
  {
    g_autoptr(LfIncidentLog) seed = load_log (plan, path);
    LfIncident *incident = lf_incident_log_open (seed, "Fiverr down",
                                                 (const char *[]) { "fiverr", NULL }, NULL,
                                                 LF_CAUSE_HTTP_ERROR,
                                                 LF_DIAGNOSIS_PLATFORM_OUTAGE, FALSE);

    shared_id = g_strdup (lf_incident_get_id (incident));
    flush (seed);
  }

  a = load_log (plan, path);
  b = load_log (plan, path);
  g_signal_connect (b, "items-changed", G_CALLBACK (on_items_changed_cb), &b_changes);
  shared_a = lf_incident_log_lookup (a, shared_id);
  shared_b = lf_incident_log_lookup (b, shared_id);
  g_assert_nonnull (shared_a);
  g_assert_nonnull (shared_b);

  /* A opens an incident; B, which has not seen it, ticks a step of the other and saves. */
  fresh = lf_incident_log_open (a, "Upwork down", (const char *[]) { "upwork", NULL }, NULL,
                                LF_CAUSE_HTTP_ERROR, LF_DIAGNOSIS_PLATFORM_OUTAGE, FALSE);
  new_id = g_strdup (lf_incident_get_id (fresh));
  flush (a);
  g_assert_true (lf_incident_log_set_step_done (b, shared_b, 0, TRUE));
  flush (b);

  {
    g_autoptr(LfIncidentLog) check = reread (plan, path);

    g_assert_nonnull (lf_incident_log_lookup (check, new_id));
    g_assert_cmpuint (lf_incident_get_n_done (lf_incident_log_lookup (check, shared_id)), ==, 1);
  }

  /* A records a notice on the incident B ticked, without having seen the tick: both stay. */
  g_assert_cmpuint (lf_incident_get_n_done (shared_a), ==, 0);
  lf_incident_log_record (a, shared_a, LF_TIMELINE_NOTICE_SENT, "Notice sent to Ada",
                          LF_TIMELINE_DATA_CHANNEL, "email", NULL);
  flush (a);
  g_assert_cmpuint (lf_incident_get_n_done (shared_a), ==, 1);  /* A has B's tick now */

  {
    g_autoptr(LfIncidentLog) check = reread (plan, path);
    LfIncident *incident = lf_incident_log_lookup (check, shared_id);

    g_assert_cmpuint (lf_incident_get_n_done (incident), ==, 1);
    g_assert_true (has_entry (incident, LF_TIMELINE_STEP_DONE,
                              lf_incident_get_step (incident, 0)->title));
    g_assert_true (has_entry (incident, LF_TIMELINE_NOTICE_SENT, "Notice sent to Ada"));
    g_assert_nonnull (lf_incident_log_lookup (check, new_id));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (check)), ==, 2);
  }

  /* B follows the file by itself: A's incident and A's notice show up, as a change of the
   * model (the window's list updates). */
  {
    Expect incident = { b, new_id, TRUE, 0, NULL };
    Expect notice = { b, shared_id, TRUE, LF_TIMELINE_NOTICE_SENT, "Notice sent to Ada" };

    g_assert_true (lf_test_wait_for (expect_cb, &incident, 5000));
    g_assert_true (lf_test_wait_for (expect_cb, &notice, 5000));
    g_assert_cmpuint (b_changes, >, 0);
    g_assert_true (lf_incident_log_lookup (b, shared_id) == shared_b);
  }

  /* The user deletes A's incident in B: A drops it and does not write it back. */
  g_assert_true (lf_incident_log_remove (b, lf_incident_log_lookup (b, new_id)));
  flush (b);
  {
    Expect gone = { a, new_id, FALSE, 0, NULL };

    g_assert_true (lf_test_wait_for (expect_cb, &gone, 5000));
  }
  lf_incident_log_record (a, shared_a, LF_TIMELINE_NOTE, "Called Ada", NULL);
  flush (a);
  {
    g_autoptr(LfIncidentLog) check = reread (plan, path);

    g_assert_null (lf_incident_log_lookup (check, new_id));
    g_assert_true (has_entry (lf_incident_log_lookup (check, shared_id), LF_TIMELINE_NOTE,
                              "Called Ada"));
  }

  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
  remove_dir (dir);
}

/* Another process (as `lifeline --notify` does) records a notice while a log is open and has
 * an unsaved change of its own. */
static int
record_notice (const char *dir,
               const char *id)
{
  g_autofree char *path = g_build_filename (dir, "incidents.json", NULL);
  g_autoptr(LfPlan) plan = load_plan (dir);
  g_autoptr(LfIncidentLog) log = load_log (plan, path);
  LfIncident *incident = lf_incident_log_lookup (log, id);

  g_assert_nonnull (incident);
  lf_incident_log_record (log, incident, LF_TIMELINE_NOTICE_SENT, "Notice sent from the CLI",
                          NULL);
  flush (log);

  return 0;
}

static void
test_other_process (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lf-incidents-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "incidents.json", NULL);
  g_autofree char *self_path = g_test_build_filename (G_TEST_BUILT, "test-incident-log-shared",
                                                      NULL);
  g_autoptr(LfPlan) plan = load_plan (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  LfIncidentLog *log = load_log (plan, path);
  LfIncident *incident;
  int status = -1;

  incident = lf_incident_log_open (log, "Slack down", (const char *[]) { "slack", NULL }, NULL,
                                   LF_CAUSE_HTTP_ERROR, LF_DIAGNOSIS_PLATFORM_OUTAGE, FALSE);
  id = g_strdup (lf_incident_get_id (incident));
  flush (log);

  {
    const char *argv[] = { self_path, NOTICE_ARG, dir, id, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  /* Seen without a save of ours... */
  {
    Expect notice = { log, id, TRUE, LF_TIMELINE_NOTICE_SENT, "Notice sent from the CLI" };

    g_assert_true (lf_test_wait_for (expect_cb, &notice, 5000));
  }

  /* ...and kept with one. */
  lf_incident_log_set_step_done (log, incident, 0, TRUE);
  flush (log);
  {
    g_autoptr(LfIncidentLog) check = reread (plan, path);
    LfIncident *copy = lf_incident_log_lookup (check, id);

    g_assert_true (has_entry (copy, LF_TIMELINE_NOTICE_SENT, "Notice sent from the CLI"));
    g_assert_cmpuint (lf_incident_get_n_done (copy), ==, 1);
  }

  g_assert_finalize_object (log);
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], NOTICE_ARG))
    return record_notice (argv[2], argv[3]);

  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/incident-log-shared/two-logs", test_two_logs);
  g_test_add_func ("/lifeline/incident-log-shared/other-process", test_other_process);

  return g_test_run ();
}
