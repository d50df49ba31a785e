/* test-drill-scenario.c — fire-drill scenarios: the shipped ones, validation, the player
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-drill-player.h"
#include "lf-drill-scenario.h"
#include "lf-test-utils.h"

static const char * const cloudflare_providers[] = { "cloudflare", NULL };

static guint
phase_at_real (LfDrillScenario *scenario,
               const char      *hhmm)
{
  for (guint i = 0; i < lf_drill_scenario_get_n_phases (scenario); i++)
    {
      g_autofree char *text = g_date_time_format (lf_drill_scenario_get_phase_real_time (scenario,
                                                                                           i),
                                                  "%H:%M");

      if (g_str_equal (text, hhmm))
        return i;
    }

  g_error ("No phase at %s", hhmm);
}

static void
test_drill_list (void)
{
  g_auto(GStrv) ids = lf_drill_scenario_list ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LfDrillScenario) none = NULL;

  g_assert_true (g_strv_contains ((const char * const *) ids, "cloudflare-2025-11-18"));
  g_assert_true (g_strv_contains ((const char * const *) ids, "local-network"));

  /* Every shipped scenario reads cleanly. */
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(LfDrillScenario) scenario = lf_drill_scenario_load (ids[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (lf_drill_scenario_get_id (scenario), ==, ids[i]);
      g_assert_cmpstr (lf_drill_scenario_get_title (scenario), !=, "");
      g_assert_cmpuint (lf_drill_scenario_get_n_phases (scenario), >=, 3);
      for (guint p = 0; p < lf_drill_scenario_get_n_phases (scenario); p++)
        g_assert_cmpstr (lf_drill_scenario_get_phase_note (scenario, p), !=, "");
    }

  /* An unknown name (or a path) is refused, naming the known drills. */
  none = lf_drill_scenario_load ("cloudflare-1999", &error);
  g_assert_null (none);
  g_assert_error (error, LF_DRILL_ERROR, LF_DRILL_ERROR_UNKNOWN_SCENARIO);
  g_assert_nonnull (strstr (error->message, "cloudflare-2025-11-18"));
  g_clear_error (&error);
  g_assert_null (lf_drill_scenario_load ("../default-plan", &error));
  g_assert_error (error, LF_DRILL_ERROR, LF_DRILL_ERROR_UNKNOWN_SCENARIO);
}

static void
test_drill_cloudflare (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LfDrillScenario) s = lf_drill_scenario_load ("cloudflare-2025-11-18", &error);
  const LfDrillAnswer *answer;
  const LfDrillStatus *status;
  guint before, failing, blind, reported, recovered, done;

  g_assert_no_error (error);
  g_assert_cmpuint (lf_drill_scenario_get_duration_ms (s), ==, 120000);
  g_assert_cmpstr (lf_drill_scenario_get_provider (s), ==, "cloudflare");
  g_assert_true (g_strv_contains (lf_drill_scenario_get_platforms (s), "upwork"));
  g_assert_true (g_strv_contains (lf_drill_scenario_get_platforms (s), "fiverr"));

  before = phase_at_real (s, "11:05");
  failing = phase_at_real (s, "11:28");
  blind = phase_at_real (s, "11:32");
  reported = phase_at_real (s, "13:05");
  recovered = phase_at_real (s, "14:30");
  done = phase_at_real (s, "17:06");

  /* 11:05–17:06 UTC in two minutes, on a linear clock. */
  g_assert_cmpuint (lf_drill_scenario_get_phase_offset_ms (s, before), ==, 0);
  g_assert_cmpuint (lf_drill_scenario_get_phase_offset_ms (s, failing), ==, 23 * 120000 / 361);
  g_assert_cmpuint (lf_drill_scenario_get_phase_offset_ms (s, recovered), ==, 205 * 120000 / 361);
  g_assert_cmpuint (lf_drill_scenario_get_phase_offset_ms (s, done), ==, 120000);
  g_assert_cmpuint (lf_drill_scenario_get_phase_at (s, 0), ==, before);
  g_assert_cmpuint (lf_drill_scenario_get_phase_at (s, 8000), ==, failing);
  g_assert_cmpuint (lf_drill_scenario_get_phase_at (s, 500000), ==, done);

  /* Before: everything answers. */
  answer = lf_drill_scenario_answer_probe (s, before, LF_DRILL_TARGET_PLATFORM, "upwork",
                                           cloudflare_providers);
  g_assert_cmpuint (answer->http_status, ==, 200);
  g_assert_cmpint (answer->cause, ==, LF_CAUSE_NONE);

  /* During: Cloudflare-fronted platforms get Cloudflare's own 500 with a Ray ID… */
  answer = lf_drill_scenario_answer_probe (s, failing, LF_DRILL_TARGET_PLATFORM, "upwork",
                                           cloudflare_providers);
  g_assert_cmpuint (answer->http_status, ==, 500);
  g_assert_cmpint (answer->cause, ==, LF_CAUSE_CDN_EDGE);
  g_assert_cmpstr (answer->cdn, ==, "cloudflare");
  g_assert_true (answer->ray);
  answer = lf_drill_scenario_answer_probe (s, failing, LF_DRILL_TARGET_PLATFORM, "discord",
                                           cloudflare_providers);
  g_assert_cmpint (answer->cause, ==, LF_CAUSE_CDN_EDGE);
  /* …sites on the old proxy see false bot challenges… */
  answer = lf_drill_scenario_answer_probe (s, blind, LF_DRILL_TARGET_PLATFORM, "fiverr", NULL);
  g_assert_cmpuint (answer->http_status, ==, 403);
  g_assert_cmpint (answer->cause, ==, LF_CAUSE_BLOCKED);
  /* …while the rest of the web, and the user's network, work. */
  answer = lf_drill_scenario_answer_probe (s, failing, LF_DRILL_TARGET_PLATFORM, "slack",
                                           (const char *[]) { "aws", NULL });
  g_assert_cmpint (answer->cause, ==, LF_CAUSE_NONE);
  answer = lf_drill_scenario_answer_probe (s, failing, LF_DRILL_TARGET_REFERENCE, "gnome-nm",
                                           NULL);
  g_assert_cmpint (answer->cause, ==, LF_CAUSE_NONE);

  /* Cloudflare's status page: unreachable at first, then a major incident, then clear. */
  status = lf_drill_scenario_answer_status (s, blind, LF_DRILL_TARGET_PROVIDER, "cloudflare");
  g_assert_true (status->unreachable);
  status = lf_drill_scenario_answer_status (s, reported, LF_DRILL_TARGET_PROVIDER, "cloudflare");
  g_assert_false (status->unreachable);
  g_assert_cmpint (status->severity, ==, LF_SEVERITY_MAJOR);
  g_assert_cmpuint (status->incidents->len, ==, 1);
  g_assert_nonnull (((LfDrillIncident *) g_ptr_array_index (status->incidents, 0))->url);
  status = lf_drill_scenario_answer_status (s, done, LF_DRILL_TARGET_PROVIDER, "cloudflare");
  g_assert_cmpint (status->severity, ==, LF_SEVERITY_OPERATIONAL);
  status = lf_drill_scenario_answer_status (s, reported, LF_DRILL_TARGET_PLATFORM, "upwork");
  g_assert_cmpint (status->severity, ==, LF_SEVERITY_OPERATIONAL);

  /* After 14:30 everything answers again. */
  answer = lf_drill_scenario_answer_probe (s, recovered, LF_DRILL_TARGET_PLATFORM, "upwork",
                                           cloudflare_providers);
  g_assert_cmpint (answer->cause, ==, LF_CAUSE_NONE);
}

static void
test_drill_local_network (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LfDrillScenario) s = lf_drill_scenario_load ("local-network", &error);
  guint down = lf_drill_scenario_get_phase_at (s, 30000);
  const LfDrillAnswer *answer;

  g_assert_no_error (error);
  answer = lf_drill_scenario_answer_probe (s, down, LF_DRILL_TARGET_REFERENCE, "gnome-nm", NULL);
  g_assert_cmpuint (answer->http_status, ==, 0);
  g_assert_cmpint (answer->cause, ==, LF_CAUSE_DNS);
  answer = lf_drill_scenario_answer_probe (s, down, LF_DRILL_TARGET_PLATFORM, "upwork",
                                           cloudflare_providers);
  g_assert_cmpint (answer->cause, ==, LF_CAUSE_DNS);
  g_assert_true (lf_drill_scenario_answer_status (s, down, LF_DRILL_TARGET_PROVIDER,
                                                  "cloudflare")->unreachable);
  answer = lf_drill_scenario_answer_probe (s, lf_drill_scenario_get_phase_at (s, 59000),
                                           LF_DRILL_TARGET_REFERENCE, "gnome-nm", NULL);
  g_assert_cmpint (answer->cause, ==, LF_CAUSE_NONE);
}

static void
test_drill_invalid (void)
{
  const char *cases[] = {
    "<lifeline><drill id='x' duration='10' start='2025-01-01T00:00:00Z' "
    "end='2025-01-01T01:00:00Z'><title>t</title></drill></lifeline>",            /* no phase */
    "<lifeline><drill id='x' duration='10' start='2025-01-01T00:00:00Z' "
    "end='2025-01-01T01:00:00Z'><title>t</title><phase time='2025-01-01T02:00:00Z'/>"
    "</drill></lifeline>",                                                        /* outside */
    "<lifeline><drill id='x' duration='10' start='2025-01-01T00:00:00Z' "
    "end='2025-01-01T01:00:00Z'><title>t</title><phase time='2025-01-01T00:00:00Z'>"
    "<answer targets='somewhere' status='200'/></phase></drill></lifeline>",       /* selector */
    "<lifeline><drill id='x' duration='10' start='2025-01-01T00:00:00Z' "
    "end='2025-01-01T01:00:00Z'><title>t</title><phase time='2025-01-01T00:00:00Z'>"
    "<answer targets='*' cause='meteor'/></phase></drill></lifeline>",             /* cause */
    "<lifeline><drill id='x' duration='10' start='2025-01-01T00:30:00Z' "
    "end='2025-01-01T00:00:00Z'><title>t</title></drill></lifeline>",            /* backwards */
    "<lifeline><drill id='x'",                                                    /* torn */
    "<lifeline><drill id='x' duration='10' start='2025-01-01T00:00:00Z' "
    "end='2025-01-01T01:00:00Z'><title>t</title><phase time='2025-01-01T00:00:00Z'/>"
    "</drill><drill id='y' duration='10' provider='p' platforms='a b' "
    "start='2025-01-01T00:00:00Z' end='2025-01-01T01:00:00Z'><title>u</title>"
    "<phase time='2025-01-01T00:00:00Z'/></drill></lifeline>",                   /* two drills */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LfDrillScenario) s = lf_drill_scenario_new_from_data (cases[i], -1, &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(accepted)");
      g_assert_null (s);
      g_assert_error (error, LF_DRILL_ERROR, LF_DRILL_ERROR_INVALID);
    }
}

typedef struct
{
  GArray   *phases;
  gboolean  finished;
} PlayLog;

static void
on_phase_changed_cb (LfDrillPlayer *player,
                     guint          phase,
                     PlayLog       *log)
{
  g_array_append_val (log->phases, phase);
}

static void
on_finished_cb (LfDrillPlayer *player,
                PlayLog       *log)
{
  log->finished = TRUE;
}

static void
test_drill_player (void)
{
  g_autoptr(LfDrillScenario) s = lf_drill_scenario_load ("cloudflare-2025-11-18", NULL);
  g_autoptr(LfDrillPlayer) player = lf_drill_player_new (s, 200.0);
  PlayLog log = { g_array_new (FALSE, FALSE, sizeof (guint)), FALSE };
  gint64 start;
  double seconds;

  g_signal_connect (player, "phase-changed", G_CALLBACK (on_phase_changed_cb), &log);
  g_signal_connect (player, "finished", G_CALLBACK (on_finished_cb), &log);

  start = g_get_monotonic_time ();
  lf_drill_player_start (player);
  g_assert_true (lf_drill_player_get_running (player));
  lf_test_wait_for_flag (&log.finished, 5000);
  seconds = (g_get_monotonic_time () - start) / 1e6;

  /* Every phase, once, in order; two minutes (plus the tail) at 200× is about 0.7 s. */
  g_assert_cmpuint (log.phases->len, ==, lf_drill_scenario_get_n_phases (s));
  for (guint i = 0; i < log.phases->len; i++)
    g_assert_cmpuint (g_array_index (log.phases, guint, i), ==, i);
  g_assert_cmpfloat (seconds, >, 0.5);
  g_assert_cmpfloat (seconds, <, 3.0);
  g_assert_false (lf_drill_player_get_running (player));
  g_assert_true (lf_drill_player_get_finished (player));
  g_assert_cmpuint (lf_drill_player_get_phase (player), ==, lf_drill_scenario_get_n_phases (s) - 1);

  g_array_unref (log.phases);
}

/* The real time, in ms, at which @phase starts when the drill lasts @length_ms. */
static double
phase_start_at (LfDrillScenario *s,
                guint            phase,
                guint64          length_ms)
{
  return lf_drill_scenario_get_phase_offset_ms (s, phase)
         / lf_drill_scenario_get_speed_for_length (s, length_ms);
}

/* The length a person chooses maps the whole story onto it: the Cloudflare outage (11:05 to
 * 17:06 UTC, six hours) in 10 minutes is 36× real time, and its failing stretch (11:28 to
 * 14:30) is then about five minutes, long enough for the nine steps; in 30 minutes, fifteen.
 * Requests name a scenario and optionally its length in seconds. */
static void
test_drill_length (void)
{
  g_autoptr(LfDrillScenario) s = lf_drill_scenario_load ("cloudflare-2025-11-18", NULL);
  g_autoptr(LfDrillScenario) local = lf_drill_scenario_load ("local-network", NULL);
  g_autoptr(LfDrillScenario) asked = NULL;
  g_autoptr(LfDrillPlayer) player = NULL;
  g_autoptr(GError) error = NULL;
  guint n = lf_drill_scenario_get_n_phases (s);
  guint64 length = 0;
  guint failing = G_MAXUINT, recovered = G_MAXUINT;
  double outage_s;

  g_assert_cmpuint (lf_drill_scenario_get_real_span_ms (s), ==, (6 * 60 + 1) * 60 * 1000);
  g_assert_cmpfloat_with_epsilon (lf_drill_scenario_get_speed_for_length (s, LF_DRILL_DEFAULT_LENGTH_MS)
                                  * LF_DRILL_DEFAULT_LENGTH_MS,
                                  lf_drill_scenario_get_duration_ms (s), 1.0);

  /* The failing stretch: from the first phase whose note says 11:28 to the one at 14:30. */
  for (guint i = 0; i < n; i++)
    {
      const char *note = lf_drill_scenario_get_phase_note (s, i);

      if (failing == G_MAXUINT && g_str_has_prefix (note, "11:28"))
        failing = i;
      if (recovered == G_MAXUINT && g_str_has_prefix (note, "14:30"))
        recovered = i;
    }
  g_assert_cmpuint (failing, <, recovered);

  outage_s = (phase_start_at (s, recovered, LF_DRILL_DEFAULT_LENGTH_MS)
              - phase_start_at (s, failing, LF_DRILL_DEFAULT_LENGTH_MS)) / 1000;
  g_test_message ("the outage lasts %.0f s of a 10-minute drill", outage_s);
  g_assert_cmpfloat (outage_s, >, 295);   /* 3 h 02 of 6 h 01 of 600 s: 302 s */
  g_assert_cmpfloat (outage_s, <, 310);
  outage_s = (phase_start_at (s, recovered, LF_DRILL_LONG_LENGTH_MS)
              - phase_start_at (s, failing, LF_DRILL_LONG_LENGTH_MS)) / 1000;
  g_assert_cmpfloat (outage_s, >, 895);
  g_assert_cmpfloat (outage_s, <, 920);
  /* The last phase (17:06) starts at the very end of the length. */
  g_assert_cmpfloat_with_epsilon (phase_start_at (s, n - 1, LF_DRILL_LONG_LENGTH_MS),
                                  LF_DRILL_LONG_LENGTH_MS, 1000);

  /* A player at that speed says so. */
  player = lf_drill_player_new (s, lf_drill_scenario_get_speed_for_length (s, LF_DRILL_LONG_LENGTH_MS));
  g_assert_cmpuint (lf_drill_player_get_length_ms (player), ==, LF_DRILL_LONG_LENGTH_MS);

  /* Compressed, never stretched: a few seconds up to the real span. */
  g_assert_true (lf_drill_scenario_check_length (s, LF_DRILL_MIN_LENGTH_MS, NULL));
  g_assert_true (lf_drill_scenario_check_length (s, lf_drill_scenario_get_real_span_ms (s), NULL));
  g_assert_false (lf_drill_scenario_check_length (s, 500, &error));
  g_assert_error (error, LF_DRILL_ERROR, LF_DRILL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lf_drill_scenario_check_length (s, lf_drill_scenario_get_real_span_ms (s) + 1,
                                                  &error));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "361 minutes"));
  g_clear_error (&error);

  /* Requests: the default length, a chosen one, and what does not fit. */
  asked = lf_drill_parse_request ("cloudflare-2025-11-18", &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, LF_DRILL_DEFAULT_LENGTH_MS);
  g_clear_object (&asked);
  asked = lf_drill_parse_request ("cloudflare-2025-11-18:1800", &length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lf_drill_scenario_get_id (asked), ==, "cloudflare-2025-11-18");
  g_assert_cmpuint (length, ==, LF_DRILL_LONG_LENGTH_MS);
  g_clear_object (&asked);
  asked = lf_drill_parse_request ("local-network:1800", &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, lf_drill_scenario_get_real_span_ms (local));
  g_clear_object (&asked);
  g_assert_null (lf_drill_parse_request ("local-network:3600", &length, &error));
  g_assert_error (error, LF_DRILL_ERROR, LF_DRILL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (lf_drill_parse_request ("cloudflare-2025-11-18:ten", &length, &error));
  g_assert_error (error, LF_DRILL_ERROR, LF_DRILL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (lf_drill_parse_request ("cloudflare-1999:600", &length, &error));
  g_assert_error (error, LF_DRILL_ERROR, LF_DRILL_ERROR_UNKNOWN_SCENARIO);
}

static gboolean
flag_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_timeout_cb, &done);
  lf_test_wait_for_flag (&done, ms + 5000);
}

static gboolean
player_in_phase (gpointer data)
{
  return lf_drill_player_get_phase (data) >= 1;
}

/* Pausing stops the scenario's clock: no phase starts, the clock and the story time stand
 * still; resuming goes on from there, so the next phase comes after the time that was left,
 * not at once and not from the start. */
static void
test_drill_pause (void)
{
  g_autoptr(LfDrillScenario) s = lf_drill_scenario_load ("cloudflare-2025-11-18", NULL);
  g_autoptr(LfDrillPlayer) player = NULL;
  g_autoptr(GDateTime) story = NULL;
  g_autoptr(GDateTime) story_later = NULL;
  PlayLog log = { g_array_new (FALSE, FALSE, sizeof (guint)), FALSE };
  /* 36 s for the story: phase 1 (11:28) after 2.3 s, phase 2 (11:32) 0.4 s later. */
  guint64 length = 36000;
  double gap_ms = phase_start_at (s, 2, length) - phase_start_at (s, 1, length);
  guint elapsed, played;
  gint64 resumed;
  double waited_ms;

  player = lf_drill_player_new (s, lf_drill_scenario_get_speed_for_length (s, length));
  g_signal_connect (player, "phase-changed", G_CALLBACK (on_phase_changed_cb), &log);
  g_signal_connect (player, "finished", G_CALLBACK (on_finished_cb), &log);
  g_assert_cmpfloat (gap_ms, >, 300);

  lf_drill_player_start (player);
  g_assert_true (lf_test_wait_for (player_in_phase, player, 10000));
  g_assert_cmpuint (lf_drill_player_get_phase (player), ==, 1);

  lf_drill_player_pause (player);
  g_assert_true (lf_drill_player_get_paused (player));
  g_assert_true (lf_drill_player_get_running (player));
  elapsed = lf_drill_player_get_elapsed_ms (player);
  played = lf_drill_player_get_played_ms (player);
  story = lf_drill_player_dup_story_time (player);
  g_assert_cmpint (g_date_time_get_hour (story), ==, 11);
  g_assert_cmpint (g_date_time_get_minute (story), >=, 28);
  g_assert_cmpint (g_date_time_get_minute (story), <, 32);

  /* Frozen for three times the gap to the next phase. */
  spin_ms ((guint) (3 * gap_ms));
  g_assert_cmpuint (lf_drill_player_get_phase (player), ==, 1);
  g_assert_cmpuint (log.phases->len, ==, 2);
  g_assert_cmpuint (lf_drill_player_get_elapsed_ms (player), ==, elapsed);
  g_assert_cmpuint (lf_drill_player_get_played_ms (player), ==, played);
  story_later = lf_drill_player_dup_story_time (player);
  g_assert_true (g_date_time_equal (story, story_later));

  /* Resumed: the next phase after what was left of the gap, then on to the end. */
  resumed = g_get_monotonic_time ();
  lf_drill_player_resume (player);
  g_assert_false (lf_drill_player_get_paused (player));
  while (lf_drill_player_get_phase (player) < 2)
    g_main_context_iteration (NULL, TRUE);
  waited_ms = (g_get_monotonic_time () - resumed) / 1000.0;
  g_test_message ("phase 2 came %.0f ms after resuming (left: %.0f ms)", waited_ms,
                  phase_start_at (s, 2, length) - played);
  g_assert_cmpfloat (waited_ms, <=, phase_start_at (s, 2, length) - played + 250);
  g_assert_cmpfloat (waited_ms, >=, phase_start_at (s, 2, length) - played - 50);
  g_assert_cmpuint (lf_drill_player_get_played_ms (player), >=, played);

  /* Pausing again and stopping: not paused once stopped. */
  lf_drill_player_pause (player);
  lf_drill_player_stop (player);
  g_assert_false (lf_drill_player_get_paused (player));
  g_assert_false (lf_drill_player_get_running (player));
  for (guint i = 0; i < log.phases->len; i++)
    g_assert_cmpuint (g_array_index (log.phases, guint, i), ==, i);

  g_array_unref (log.phases);
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/drill-scenario/list", test_drill_list);
  g_test_add_func ("/lifeline/drill-scenario/cloudflare", test_drill_cloudflare);
  g_test_add_func ("/lifeline/drill-scenario/local-network", test_drill_local_network);
  g_test_add_func ("/lifeline/drill-scenario/invalid", test_drill_invalid);
  g_test_add_func ("/lifeline/drill-scenario/player", test_drill_player);
  g_test_add_func ("/lifeline/drill-scenario/length", test_drill_length);
  g_test_add_func ("/lifeline/drill-scenario/pause", test_drill_pause);

  return g_test_run ();
}
