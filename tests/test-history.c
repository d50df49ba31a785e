/* test-history.c — the history file: records, damaged files, torn lines, uptime, samples
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lf-history.h"
#include "lf-test-utils.h"

#define HOUR_US (G_USEC_PER_SEC * (gint64) 3600)

static char *
fresh_dir (void)
{
  /* inside the private home of lf_test_init(), removed at exit */
  char *dir = g_build_filename (g_getenv ("XDG_DATA_HOME"), "history-XXXXXX", NULL);

  g_assert_nonnull (g_mkdtemp (dir));
  return dir;
}

static char *
transition_line (gint64      time,
                 const char *platform,
                 const char *from,
                 const char *to,
                 const char *cause)
{
  return g_strdup_printf ("{\"type\":\"transition\",\"time_us\":%" G_GINT64_FORMAT ","
                          "\"platform\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"cause\":\"%s\","
                          "\"ray_ids\":[]}", time, platform, from, to, cause);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lf_history_load_finish (LF_HISTORY (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
flush_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lf_history_flush_finish (LF_HISTORY (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static LfHistory *
load (const char *dir)
{
  LfHistory *history = lf_history_new (dir);
  gboolean done = FALSE;

  lf_history_load_async (history, NULL, load_cb, &done);
  lf_test_wait_for_flag (&done, 5000);
  g_assert_true (lf_history_get_loaded (history));

  return history;
}

static void
flush (LfHistory *history)
{
  gboolean done = FALSE;

  lf_history_flush_async (history, NULL, flush_cb, &done);
  lf_test_wait_for_flag (&done, 5000);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static guint
count_aside (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, LF_HISTORY_FILE ".damaged-"))
      n++;

  return n;
}

static void
test_empty (void)
{
  g_autofree char *dir = fresh_dir ();
  g_autoptr(LfHistory) history = load (dir);

  g_assert_null (lf_history_get_problem (history));
  g_assert_null (lf_history_get_transitions (history, "upwork"));
  g_assert_cmpfloat (lf_history_get_uptime (history, "upwork", 24 * HOUR_US), ==, -1);
  g_assert_false (g_file_test (lf_history_get_path (history), G_FILE_TEST_EXISTS));
}

static void
test_record_and_reload (void)
{
  g_autofree char *dir = fresh_dir ();
  g_autoptr(LfHistory) history = load (dir);
  g_autoptr(LfHistory) again = NULL;
  g_autoptr(LfPlatformState) state = NULL;
  g_autoptr(LfProbeResult) probe = lf_probe_result_new ("https://www.upwork.com/");
  g_autoptr(LfDiagnosis) diagnosis = NULL;
  const char * const providers[] = { "cloudflare", NULL };
  const char * const affected[] = { "upwork", NULL };
  g_autofree char *contents = NULL;
  GPtrArray *transitions;
  LfHistoryTransition *t;

  state = lf_platform_state_new ("upwork", "Upwork", "marketplace", providers);
  lf_platform_state_set_thresholds (state, 2, 1);
  probe->cause = LF_CAUSE_CDN_EDGE;
  probe->http_status = 500;
  probe->ray_id = g_strdup ("8c2d1e0f3a4b5c6d-SJC");
  probe->cdn = g_strdup ("cloudflare");
  lf_platform_state_apply_probe (state, probe);
  lf_platform_state_apply_probe (state, probe);
  g_assert_cmpint (lf_platform_state_get_state (state), ==, LF_STATE_DOWN);

  lf_history_record_transition (history, state, LF_STATE_UNKNOWN, LF_STATE_DOWN);
  diagnosis = lf_diagnosis_new (LF_DIAGNOSIS_PLATFORM_OUTAGE, NULL, NULL, affected,
                                "Upwork is down");
  lf_history_record_diagnosis (history, diagnosis);
  flush (history);

  contents = read_file (lf_history_get_path (history));
  g_assert_nonnull (strstr (contents, "\"type\":\"transition\""));
  g_assert_nonnull (strstr (contents, "\"ray_ids\":[\"8c2d1e0f3a4b5c6d-SJC\"]"));
  g_assert_nonnull (strstr (contents, "\"to\":\"down\""));
  g_assert_nonnull (strstr (contents, "\"type\":\"diagnosis\""));
  g_assert_nonnull (strstr (contents, "\"summary\":\"Upwork is down\""));
  g_assert_true (g_str_has_suffix (contents, "}\n"));

  again = load (dir);
  g_assert_null (lf_history_get_problem (again));
  transitions = lf_history_get_transitions (again, "upwork");
  g_assert_nonnull (transitions);
  g_assert_cmpuint (transitions->len, ==, 1);
  t = g_ptr_array_index (transitions, 0);
  g_assert_cmpint (t->to, ==, LF_STATE_DOWN);
  g_assert_cmpint (t->cause, ==, LF_CAUSE_CDN_EDGE);
  g_assert_cmpstr (t->ray_ids[0], ==, "8c2d1e0f3a4b5c6d-SJC");
}

static void
test_damaged_set_aside (void)
{
  g_autofree char *dir = fresh_dir ();
  g_autofree char *path = g_build_filename (dir, LF_HISTORY_FILE, NULL);
  g_autofree char *good = transition_line (g_get_real_time () - HOUR_US, "upwork", "unknown",
                                           "up", "none");
  g_autofree char *text = g_strconcat (good, "\nthis is not JSON\n", good, "\n", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(LfHistory) history = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  history = load (dir);
  g_assert_nonnull (lf_history_get_problem (history));
  g_assert_nonnull (strstr (lf_history_get_problem (history), "damaged"));
  g_assert_cmpuint (count_aside (dir), ==, 1);
  /* the records that could be read are kept, in a fresh file */
  g_assert_cmpuint (lf_history_get_transitions (history, "upwork")->len, ==, 2);
  contents = read_file (path);
  g_assert_null (strstr (contents, "not JSON"));
  g_assert_cmpuint (strlen (contents), ==, 2 * (strlen (good) + 1));
}

static void
test_binary_garbage (void)
{
  g_autofree char *dir = fresh_dir ();
  g_autofree char *path = g_build_filename (dir, LF_HISTORY_FILE, NULL);
  const char garbage[] = { 0x7f, 'E', 'L', 'F', 0, 0, 1, (char) 0xff, '\n', 0 };
  g_autoptr(LfHistory) history = NULL;

  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, NULL));

  history = load (dir);
  g_assert_nonnull (lf_history_get_problem (history));
  g_assert_cmpuint (count_aside (dir), ==, 1);
  g_assert_null (lf_history_get_transitions (history, "upwork"));
}

static void
test_torn_last_line (void)
{
  g_autofree char *dir = fresh_dir ();
  g_autofree char *path = g_build_filename (dir, LF_HISTORY_FILE, NULL);
  g_autofree char *good = transition_line (g_get_real_time () - HOUR_US, "upwork", "unknown",
                                           "up", "none");
  g_autofree char *text = g_strconcat (good, "\n{\"type\":\"transi", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(LfHistory) history = NULL;
  g_autoptr(LfHistory) again = NULL;
  g_autoptr(LfDiagnosis) diagnosis = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  history = load (dir);
  /* a crash cut the last line: dropped quietly, nothing set aside */
  g_assert_null (lf_history_get_problem (history));
  g_assert_cmpuint (count_aside (dir), ==, 0);
  g_assert_cmpuint (lf_history_get_transitions (history, "upwork")->len, ==, 1);

  /* appending afterwards gives a clean file */
  diagnosis = lf_diagnosis_new (LF_DIAGNOSIS_ALL_CLEAR, NULL, NULL, NULL, "All clear");
  lf_history_record_diagnosis (history, diagnosis);
  flush (history);
  contents = read_file (path);
  g_assert_true (g_str_has_prefix (contents, good));
  g_assert_null (strstr (contents, "transi\""));

  again = load (dir);
  g_assert_null (lf_history_get_problem (again));
  g_assert_cmpuint (count_aside (dir), ==, 0);
}

static void
test_uptime (void)
{
  g_autofree char *dir = fresh_dir ();
  g_autofree char *path = g_build_filename (dir, LF_HISTORY_FILE, NULL);
  gint64 now = g_get_real_time ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(LfHistory) history = NULL;
  struct { gint64 ago_h; const char *from, *to, *cause; } lines[] = {
    { 10 * 24, "unknown", "up", "none" },      /* 10 days ago */
    { 8 * 24, "up", "down", "timeout" },       /* a 24 h outage 8 days ago */
    { 7 * 24, "down", "up", "none" },
    { 10, "up", "down", "cdn-edge" },          /* a 1 h outage 10 h ago */
    { 9, "down", "up", "none" },
    { 5, "up", "unknown", "network" },         /* 2 h of my own network trouble */
    { 3, "unknown", "up", "none" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *line = transition_line (now - lines[i].ago_h * HOUR_US, "upwork",
                                               lines[i].from, lines[i].to, lines[i].cause);

      g_string_append_printf (text, "%s\n", line);
    }
  g_assert_true (g_file_set_contents (path, text->str, -1, NULL));

  history = load (dir);
  g_assert_null (lf_history_get_problem (history));

  /* 24 h: 22 h known (2 h unknown left out), 1 h down */
  g_assert_cmpfloat_with_epsilon (lf_history_get_uptime_at (history, "upwork", 24 * HOUR_US, now),
                                  21.0 / 22.0, 1e-9);
  /* 2 h: all up */
  g_assert_cmpfloat_with_epsilon (lf_history_get_uptime_at (history, "upwork", 2 * HOUR_US, now),
                                  1.0, 1e-9);
  /* 7 d: 166 h known, 1 h down (the older outage ended exactly 7 d ago) */
  g_assert_cmpfloat_with_epsilon (lf_history_get_uptime_at (history, "upwork",
                                                            7 * 24 * HOUR_US, now),
                                  165.0 / 166.0, 1e-9);
  /* 30 d: known since 10 d ago: 238 h known, 25 h down */
  g_assert_cmpfloat_with_epsilon (lf_history_get_uptime_at (history, "upwork",
                                                            30 * 24 * HOUR_US, now),
                                  213.0 / 238.0, 1e-9);
  /* a platform never seen */
  g_assert_cmpfloat (lf_history_get_uptime_at (history, "fiverr", 24 * HOUR_US, now), ==, -1);

  /* "up for 9 h" after a restart: the last change between known states was down → up 9 h
   * ago; the network trouble (unknown) in between does not start a new run */
  g_assert_cmpint (lf_history_get_state_since (history, "upwork", LF_STATE_UP, now),
                   ==, now - 9 * HOUR_US);
  /* a state the history does not end in, or a platform it does not know: the fallback */
  g_assert_cmpint (lf_history_get_state_since (history, "upwork", LF_STATE_DOWN, now), ==, now);
  g_assert_cmpint (lf_history_get_state_since (history, "fiverr", LF_STATE_UP, now), ==, now);
}

static void
test_samples (void)
{
  g_autofree char *dir = fresh_dir ();
  g_autofree char *samples_path = g_build_filename (dir, LF_HISTORY_SAMPLES_FILE, NULL);
  g_autoptr(LfHistory) history = load (dir);
  g_autoptr(LfHistory) again = NULL;
  g_autoptr(LfHistory) damaged = NULL;
  gint64 now = g_get_real_time ();
  GArray *samples;

  lf_history_add_sample (history, "upwork", now - 25 * HOUR_US, 999);   /* too old: dropped */
  lf_history_add_sample (history, "upwork", now - 2 * HOUR_US, 120.5);
  lf_history_add_sample (history, "upwork", now - HOUR_US, 80);
  lf_history_add_sample (history, "slack", now, 42);
  flush (history);
  g_assert_true (g_file_test (samples_path, G_FILE_TEST_EXISTS));

  again = load (dir);
  samples = lf_history_get_samples (again, "upwork");
  g_assert_nonnull (samples);
  g_assert_cmpuint (samples->len, ==, 2);
  g_assert_cmpfloat (g_array_index (samples, LfLatencySample, 0).latency_ms, ==, 120.5);
  g_assert_cmpint (g_array_index (samples, LfLatencySample, 1).time, ==, now - HOUR_US);
  g_assert_cmpuint (lf_history_get_samples (again, "slack")->len, ==, 1);

  /* a damaged samples file is set aside, the history itself is fine */
  g_assert_true (g_file_set_contents (samples_path, "{\"platforms\": [1,", -1, NULL));
  damaged = load (dir);
  g_assert_null (lf_history_get_samples (damaged, "upwork"));
  g_assert_false (g_file_test (samples_path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/history/empty", test_empty);
  g_test_add_func ("/lifeline/history/record-and-reload", test_record_and_reload);
  g_test_add_func ("/lifeline/history/damaged-set-aside", test_damaged_set_aside);
  g_test_add_func ("/lifeline/history/binary-garbage", test_binary_garbage);
  g_test_add_func ("/lifeline/history/torn-last-line", test_torn_last_line);
  g_test_add_func ("/lifeline/history/uptime", test_uptime);
  g_test_add_func ("/lifeline/history/samples", test_samples);

  return g_test_run ();
}
