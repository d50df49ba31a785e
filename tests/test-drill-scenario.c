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

  return g_test_run ();
}
