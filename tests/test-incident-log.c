/* test-incident-log.c — incidents, runs, the log's storage: restarts, kills, damage
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lf-incident-log.h"
#include "lf-test-utils.h"

typedef struct
{
  char          *dir;
  char          *path;
  LfPlan        *plan;
  LfIncidentLog *log;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("lf-incidents-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "incidents.json", NULL);
  fixture->plan = lf_test_load_plan (fixture->dir);
  fixture->log = lf_test_load_incident_log (fixture->plan, fixture->path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->log);
  g_assert_finalize_object (fixture->plan);
  lf_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static char *
to_json_text (LfIncident *incident)
{
  g_autoptr(JsonNode) node = lf_incident_to_json (incident);

  return json_to_string (node, FALSE);
}

static gboolean
run_has_step (LfIncident *incident,
              const char *step_id)
{
  for (guint i = 0; i < lf_incident_get_n_steps (incident); i++)
    if (g_str_equal (lf_incident_get_step (incident, i)->step_id, step_id))
      return TRUE;

  return FALSE;
}

static void
test_incident_open_and_merge (Fixture       *fixture,
                              gconstpointer  data)
{
  const char *upwork[] = { "upwork", NULL };
  const char *fiverr[] = { "fiverr", NULL };
  const char *both[] = { "upwork", "fiverr", NULL };
  const char *slack[] = { "slack", NULL };
  LfIncident *cloudflare;
  LfIncident *again;
  LfIncident *other;
  LfIncident *network;
  LfIncident *drill;

  cloudflare = lf_incident_log_open (fixture->log, "Cloudflare outage", upwork, "cloudflare",
                                     LF_CAUSE_CDN_EDGE, LF_DIAGNOSIS_PROVIDER_OUTAGE, FALSE);
  g_assert_nonnull (cloudflare);
  g_assert_cmpint (lf_incident_get_status (cloudflare), ==, LF_INCIDENT_OPEN);
  g_assert_cmpuint (lf_incident_log_get_n_open (fixture->log), ==, 1);
  g_assert_cmpuint (lf_incident_get_n_entries (cloudflare), ==, 1);
  g_assert_cmpint (lf_incident_get_entry (cloudflare, 0)->kind, ==, LF_TIMELINE_DETECTED);

  /* The run is the plan filtered to the cause. */
  g_assert_true (run_has_step (cloudflare, "respond-tell-clients"));
  g_assert_false (run_has_step (cloudflare, "respond-mobile-data"));
  g_assert_false (run_has_step (cloudflare, "prepare-backup-channels"));

  /* Same provider: the open incident absorbs the report and grows. */
  again = lf_incident_log_open (fixture->log, "Fiverr fails too", fiverr, "cloudflare",
                                LF_CAUSE_CDN_EDGE, LF_DIAGNOSIS_PROVIDER_OUTAGE, FALSE);
  g_assert_true (again == cloudflare);
  g_assert_cmpstrv (lf_incident_get_platforms (cloudflare), both);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->log)), ==, 1);

  /* Same platform, no provider: also the same incident. */
  again = lf_incident_log_open (fixture->log, "Upwork down", upwork, NULL,
                                LF_CAUSE_HTTP_ERROR, LF_DIAGNOSIS_PLATFORM_OUTAGE, FALSE);
  g_assert_true (again == cloudflare);

  /* Something else: a second incident, open at the same time. */
  other = lf_incident_log_open (fixture->log, "Slack down", slack, NULL,
                                LF_CAUSE_HTTP_ERROR, LF_DIAGNOSIS_PLATFORM_OUTAGE, FALSE);
  g_assert_true (other != cloudflare);
  g_assert_cmpuint (lf_incident_log_get_n_open (fixture->log), ==, 2);

  /* The user's own network: the run takes the network steps whatever the cause said. */
  network = lf_incident_log_open (fixture->log, "Your connection is down", NULL, NULL,
                                  LF_CAUSE_TIMEOUT, LF_DIAGNOSIS_LOCAL_NETWORK, FALSE);
  g_assert_cmpint (lf_incident_get_cause (network), ==, LF_CAUSE_NETWORK);
  g_assert_true (run_has_step (network, "respond-mobile-data"));
  g_assert_true (lf_incident_log_open (fixture->log, "Still down", NULL, NULL, LF_CAUSE_NETWORK,
                                       LF_DIAGNOSIS_OFFLINE, FALSE) == network);

  /* A drill never mixes with a real incident. */
  drill = lf_incident_log_open (fixture->log, "Drill: Cloudflare outage", upwork, "cloudflare",
                                LF_CAUSE_CDN_EDGE, LF_DIAGNOSIS_PROVIDER_OUTAGE, TRUE);
  g_assert_true (drill != cloudflare);
  g_assert_true (lf_incident_get_rehearsal (drill));
  g_assert_false (lf_incident_get_rehearsal (cloudflare));

  /* Recovery: ended, still open until confirmed; a relapse reopens it. */
  lf_incident_log_mark_ended (fixture->log, cloudflare);
  g_assert_cmpint (lf_incident_get_status (cloudflare), ==, LF_INCIDENT_ENDED);
  g_assert_true (lf_incident_is_open (cloudflare));
  g_assert_true (lf_incident_log_open (fixture->log, "Back again", upwork, "cloudflare",
                                       LF_CAUSE_CDN_EDGE, LF_DIAGNOSIS_PROVIDER_OUTAGE,
                                       FALSE) == cloudflare);
  g_assert_cmpint (lf_incident_get_status (cloudflare), ==, LF_INCIDENT_OPEN);
  lf_incident_log_mark_ended (fixture->log, cloudflare);
  lf_incident_log_close (fixture->log, cloudflare);
  g_assert_cmpint (lf_incident_get_status (cloudflare), ==, LF_INCIDENT_CLOSED);
  g_assert_nonnull (lf_incident_get_ended_at (cloudflare));
  g_assert_nonnull (lf_incident_get_closed_at (cloudflare));

  /* Closed ones sort last; a new report opens a new incident. */
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->log));
    g_autoptr(LfIncident) last = g_list_model_get_item (G_LIST_MODEL (fixture->log), n - 1);
    LfIncident *fresh;

    g_assert_true (last == cloudflare);
    fresh = lf_incident_log_open (fixture->log, "Cloudflare again", upwork, "cloudflare",
                                  LF_CAUSE_CDN_EDGE, LF_DIAGNOSIS_PROVIDER_OUTAGE, FALSE);
    g_assert_true (fresh != cloudflare);
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(LfIncident) item = g_list_model_get_item (G_LIST_MODEL (fixture->log), i);

        g_assert_true (lf_incident_is_open (item));
      }
  }
}

static void
test_incident_run_progress (Fixture       *fixture,
                            gconstpointer  data)
{
  LfIncident *incident = lf_incident_log_open (fixture->log, "Upwork down",
                                               (const char *[]) { "upwork", NULL }, NULL,
                                               LF_CAUSE_HTTP_ERROR,
                                               LF_DIAGNOSIS_PLATFORM_OUTAGE, FALSE);
  guint n = lf_incident_get_n_steps (incident);
  guint entries = lf_incident_get_n_entries (incident);
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_minutes (before, 90);

  g_assert_cmpuint (n, >=, 8);
  g_assert_cmpfloat (lf_incident_get_progress (incident), ==, 0.0);

  g_assert_true (lf_incident_log_set_step_done (fixture->log, incident, 0, TRUE));
  g_assert_false (lf_incident_log_set_step_done (fixture->log, incident, 0, TRUE));
  g_assert_true (lf_incident_log_set_step_done (fixture->log, incident, 2, TRUE));
  g_assert_cmpuint (lf_incident_get_n_done (incident), ==, 2);
  g_assert_cmpfloat_with_epsilon (lf_incident_get_progress (incident), 2.0 / n, 1e-9);
  g_assert_nonnull (lf_incident_get_step (incident, 0)->done_at);
  g_assert_cmpint (g_date_time_compare (lf_incident_get_step (incident, 0)->done_at, before),
                   >=, 0);
  g_assert_cmpuint (lf_incident_get_n_entries (incident), ==, entries + 2);
  g_assert_cmpint (lf_incident_get_entry (incident, entries)->kind, ==, LF_TIMELINE_STEP_DONE);
  g_assert_cmpstr (lf_timeline_entry_get_data (lf_incident_get_entry (incident, entries),
                                               LF_TIMELINE_DATA_STEP),
                   ==, lf_incident_get_step (incident, 0)->step_id);

  g_assert_true (lf_incident_log_set_step_done (fixture->log, incident, 2, FALSE));
  g_assert_null (lf_incident_get_step (incident, 2)->done_at);
  g_assert_cmpuint (lf_incident_get_n_done (incident), ==, 1);

  /* Elapsed runs until recovery. */
  g_assert_cmpint (lf_incident_get_elapsed (incident, later) / G_TIME_SPAN_MINUTE, ==, 90);
  lf_incident_log_mark_ended (fixture->log, incident);
  g_assert_cmpint (lf_incident_get_elapsed (incident, later) / G_TIME_SPAN_MINUTE, <, 1);

  /* Editing the plan later does not change a run. */
  {
    g_autoptr(LfPlanStep) removed = lf_plan_remove (fixture->plan,
                                                    lf_incident_get_step (incident, 1)->step_id,
                                                    NULL);

    g_assert_nonnull (removed);
    g_assert_cmpuint (lf_incident_get_n_steps (incident), ==, n);
  }
}

static void
test_incident_restart (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *platforms[] = { "upwork", "fiverr", NULL };
  LfIncident *incident;
  g_autoptr(LfIncidentLog) reloaded = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *id = NULL;
  LfIncident *copy;

  incident = lf_incident_log_open (fixture->log, "Cloudflare outage", platforms, "cloudflare",
                                   LF_CAUSE_CDN_EDGE, LF_DIAGNOSIS_PROVIDER_OUTAGE, FALSE);
  lf_incident_log_record (fixture->log, incident, LF_TIMELINE_STATUS_UPDATE,
                          "Cloudflare: investigating an issue",
                          LF_TIMELINE_DATA_URL, "https://www.cloudflarestatus.com/incidents/x",
                          NULL);
  lf_incident_log_record (fixture->log, incident, LF_TIMELINE_TRANSITION, "Upwork is down",
                          LF_TIMELINE_DATA_PLATFORM, "upwork",
                          LF_TIMELINE_DATA_RAY_ID, "9a0b1c2d3e4f5a6b-FRA", NULL);
  lf_incident_log_set_step_done (fixture->log, incident, 1, TRUE);
  lf_incident_log_record (fixture->log, incident, LF_TIMELINE_NOTE, "Client “Ada” called me",
                          NULL);
  id = g_strdup (lf_incident_get_id (incident));
  before = to_json_text (incident);

  /* Saved promptly, with no flush: what a kill would leave. */
  {
    gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
    g_autofree char *contents = NULL;

    while (g_get_monotonic_time () < deadline)
      {
        g_clear_pointer (&contents, g_free);
        if (g_file_get_contents (fixture->path, &contents, NULL, NULL)
            && strstr (contents, "Client “Ada” called me") != NULL)
          break;
        g_main_context_iteration (NULL, FALSE);
        g_usleep (10000);
      }
    g_assert_nonnull (contents);
    g_assert_nonnull (strstr (contents, "Client “Ada” called me"));
  }

  reloaded = lf_test_load_incident_log (fixture->plan, fixture->path);
  g_assert_null (lf_incident_log_get_load_message (reloaded));
  copy = lf_incident_log_lookup (reloaded, id);
  g_assert_nonnull (copy);
  after = to_json_text (copy);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (lf_incident_get_n_done (copy), ==, 1);
  g_assert_cmpuint (lf_incident_log_get_n_open (reloaded), ==, 1);

  /* The reloaded run goes on where it was. */
  g_assert_true (lf_incident_log_set_step_done (reloaded, copy, 0, TRUE));
  g_assert_true (lf_incident_log_open (reloaded, "Fiverr too", (const char *[]) { "fiverr", NULL },
                                       NULL, LF_CAUSE_CDN_EDGE, LF_DIAGNOSIS_PLATFORM_OUTAGE,
                                       FALSE) == copy);
}

/* The rehearsal flag is written as "rehearsal"; files from before say "drill", still read. */
static void
test_incident_rehearsal_key (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *platforms[] = { "upwork", NULL };
  g_autoptr(LfIncident) practice = lf_incident_new ("Practice: Upwork outage", platforms, NULL,
                                                    LF_CAUSE_HTTP_ERROR,
                                                    LF_DIAGNOSIS_PLATFORM_OUTAGE, TRUE, NULL);
  g_autoptr(JsonNode) node = lf_incident_to_json (practice);
  JsonObject *object = json_node_get_object (node);
  g_autoptr(GError) error = NULL;

  g_assert_true (json_object_get_boolean_member (object, "rehearsal"));
  g_assert_false (json_object_has_member (object, "drill"));

  for (guint value = 0; value <= 1; value++)
    {
      g_autoptr(LfIncident) old = NULL;

      json_object_remove_member (object, "rehearsal");
      json_object_set_boolean_member (object, "drill", value);
      old = lf_incident_new_from_json (object, &error);
      g_assert_no_error (error);
      g_assert_nonnull (old);
      g_assert_cmpint (lf_incident_get_rehearsal (old), ==, value);
      json_object_remove_member (object, "drill");
      json_object_set_boolean_member (object, "rehearsal", TRUE);
    }

  /* Neither: the incident is refused, as before. */
  json_object_remove_member (object, "rehearsal");
  g_assert_null (lf_incident_new_from_json (object, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_incident_damaged (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *cases[] = {
    "\x89PNG\r\n garbage",
    "{\"format\":\"lifeline-incidents\",\"incidents\":[{\"id\":\"x\"}]}",
    "[1,2,3]",
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(LfIncidentLog) log = NULL;
      g_autoptr(LfIncidentLog) again = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = NULL;
      const char *name;
      guint n_aside = 0;

      g_assert_true (g_file_set_contents (fixture->path, cases[c], -1, &error));
      log = lf_test_load_incident_log (fixture->plan, fixture->path);
      g_assert_nonnull (lf_incident_log_get_load_message (log));
      g_assert_nonnull (strstr (lf_incident_log_get_load_message (log), "incidents.json"));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 0);

      dir = g_dir_open (fixture->dir, 0, &error);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
          g_autofree char *contents = NULL;

          if (!g_str_has_prefix (name, "incidents.json.damaged-"))
            continue;
          g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
          g_assert_cmpstr (contents, ==, cases[c]);
          g_unlink (path);
          n_aside++;
        }
      g_assert_cmpuint (n_aside, ==, 1);

      /* The log works on and its next file is sound. */
      lf_incident_log_open (log, "After the damage", NULL, NULL, LF_CAUSE_NETWORK,
                            LF_DIAGNOSIS_LOCAL_NETWORK, FALSE);
      g_assert_true (lf_incident_log_flush (log, &error));
      g_assert_no_error (error);
      again = lf_test_load_incident_log (fixture->plan, fixture->path);
      g_assert_null (lf_incident_log_get_load_message (again));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
      g_clear_object (&again);
      g_clear_object (&log);
      g_unlink (fixture->path);
    }
}

/* ---- Killed mid-save ---- */

#define SAVE_LOOP_ARG "--save-loop"

static gboolean
add_entry_cb (gpointer user_data)
{
  LfIncidentLog *log = user_data;
  g_autoptr(LfIncident) incident = g_list_model_get_item (G_LIST_MODEL (log), 0);
  g_autofree char *text = g_strnfill (2048, 'x');
  static guint n;

  lf_incident_log_record (log, incident, LF_TIMELINE_NOTE, text, NULL);
  /* Alternate the app's two paths: the debounced async save and the synchronous flush. */
  if (++n % 2 == 0)
    lf_incident_log_flush (log, NULL);

  return G_SOURCE_CONTINUE;
}

static int
save_loop (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "incidents.json", NULL);
  g_autoptr(LfPlan) plan = lf_test_load_plan (dir);
  g_autoptr(LfIncidentLog) log = lf_test_load_incident_log (plan, path);

  if (g_list_model_get_n_items (G_LIST_MODEL (log)) == 0)
    lf_incident_log_open (log, "Kill test", NULL, NULL, LF_CAUSE_NETWORK,
                          LF_DIAGNOSIS_LOCAL_NETWORK, FALSE);

  /* Tell the parent we are writing. */
  g_print ("ready\n");
  g_timeout_add (1, add_entry_cb, log);
  while (TRUE)
    g_main_context_iteration (NULL, TRUE);

  return 0;
}

static void
test_incident_killed_mid_save (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *self_path = g_test_build_filename (G_TEST_BUILT, "test-incident-log", NULL);
  guint previous = 0;

  for (guint round = 0; round < 25; round++)
    {
      const char *argv[] = { self_path, SAVE_LOOP_ARG, fixture->dir, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(LfIncidentLog) log = NULL;
      g_autoptr(LfIncident) incident = NULL;
      GPid pid;
      int out_fd;
      char buf[6] = { 0 };
      int status;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                               G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                               NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (read (out_fd, buf, 5), ==, 5);
      g_assert_cmpstr (buf, ==, "ready");
      close (out_fd);

      /* Let it write for a while, at a different moment each round. */
      g_usleep (g_random_int_range (20, 250) * 1000);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      g_spawn_close_pid (pid);

      log = lf_test_load_incident_log (fixture->plan, fixture->path);
      if (lf_incident_log_get_load_message (log) != NULL)
        g_error ("Round %u left a damaged file: %s", round,
                 lf_incident_log_get_load_message (log));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 1);
      incident = g_list_model_get_item (G_LIST_MODEL (log), 0);
      /* Nothing saved before is ever lost. */
      g_assert_cmpuint (lf_incident_get_n_entries (incident), >=, previous);
      previous = lf_incident_get_n_entries (incident);
      g_test_message ("round %u: %u entries", round, previous);
    }

  /* Over all rounds, the children did save. */
  g_assert_cmpuint (previous, >, 25);

  /* Temporary files of interrupted writes were cleared when the log was read. */
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, "incidents.json."));
  }
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], SAVE_LOOP_ARG))
    return save_loop (argv[2]);

  lf_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/lifeline/incident-log/open-and-merge", test_incident_open_and_merge);
  ADD ("/lifeline/incident-log/run-progress", test_incident_run_progress);
  ADD ("/lifeline/incident-log/restart", test_incident_restart);
  ADD ("/lifeline/incident-log/damaged", test_incident_damaged);
  ADD ("/lifeline/incident-log/rehearsal-key", test_incident_rehearsal_key);
  ADD ("/lifeline/incident-log/killed-mid-save", test_incident_killed_mid_save);

#undef ADD

  return g_test_run ();
}
