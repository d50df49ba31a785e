/* test-cli-drill.c — lifeline --drill checks the scenario before anything else
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-test-utils.h"

/* No display and a session bus that is not there: a bad scenario must fail right there,
 * before any registration. */
static const LfTestRun headless = { .bus_nowhere = TRUE };

static void
test_cli_drill_unknown (void)
{
  const char *args[] = { "--drill", "cloudflare-1999", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = lf_test_run_lifeline (&headless, args, &out, &err);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "There is no drill called “cloudflare-1999”"));
  g_assert_nonnull (strstr (err, "cloudflare-2025-11-18"));
  g_assert_nonnull (strstr (err, "local-network"));
}

static void
test_cli_drill_no_bus (void)
{
  const char *args[] = { "--drill", "local-network", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  /* A valid scenario but nowhere to run it: a clear error, not a crash. */
  status = lf_test_run_lifeline (&headless, args, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "Lifeline is not running, and there is no display"));
}

/* The length is checked before anything else too: a number of minutes, and no longer than
 * the outage really took (a drill compresses, never stretches). */
static void
test_cli_drill_length (void)
{
  const char *words[] = { "--drill", "cloudflare-2025-11-18", "--drill-length", "ten", NULL };
  const char *long_one[] = { "--drill", "local-network", "--drill-length", "45", NULL };
  const char *negative[] = { "--drill", "local-network", "--drill-length", "-1", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = lf_test_run_lifeline (&headless, words, &out, &err);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "--drill-length needs a number of minutes, not “ten”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = lf_test_run_lifeline (&headless, negative, &out, &err);
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = lf_test_run_lifeline (&headless, long_one, &out, &err);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "up to 30 minutes"));
}

/* Pausing needs a running Lifeline: with none, a clear error. */
static void
test_cli_drill_pause_nothing (void)
{
  const char *pause[] = { "--pause-drill", NULL };
  const char *resume[] = { "--resume-drill", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = lf_test_run_lifeline (&headless, pause, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "Lifeline is not running, so no drill is"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = lf_test_run_lifeline (&headless, resume, &out, &err);
  g_assert_cmpint (status, ==, 1);
}

static void
test_cli_drill_help (void)
{
  const char *args[] = { "--help", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = lf_test_run_lifeline (&headless, args, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "--drill=SCENARIO"));
  g_assert_nonnull (strstr (out, "--drill-length=MINUTES"));
  g_assert_nonnull (strstr (out, "--pause-drill"));
  g_assert_nonnull (strstr (out, "--resume-drill"));
}

static gboolean
drill_incident_saved (gpointer data)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (data, &contents, NULL, NULL)
         && g_regex_match_simple ("\"rehearsal\"\\s*:\\s*true", contents, 0, 0);
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* With no Lifeline running, `lifeline --drill` (the GTK-free launcher) starts the app, and
 * the app starts the drill: its incident reaches incidents.json. */
static void
test_cli_drill_cold_start (void)
{
  /* Three seconds for the half-hour story: the length goes through the real mapping. */
  const char *args[] = { "--drill", "local-network", "--drill-length", "0.05", NULL };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = g_build_filename (g_get_home_dir (), "cold", "data", NULL);
  g_autofree char *log = g_build_filename (data, "lifeline", "incidents.json", NULL);
  GTestDBus *bus;
  guint tick;

  if (!lf_test_have_display ())
    {
      lf_test_skip_no_display ();
      return;
    }

  bus = lf_test_dbus_up ();
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  proc = g_subprocess_launcher_spawn (launcher, &error, lf_test_get_binary (), args[0], args[1],
                                      args[2], args[3], NULL);
  g_assert_no_error (error);

  /* Nothing wakes this process while the other one works: poll the file. */
  tick = g_timeout_add (100, tick_cb, NULL);
  g_assert_true (lf_test_wait_for (drill_incident_saved, log, 20000));
  g_source_remove (tick);

  g_subprocess_force_exit (proc);
  g_subprocess_wait (proc, NULL, NULL);
  lf_test_dbus_stop (bus);
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/cli-drill/unknown", test_cli_drill_unknown);
  g_test_add_func ("/lifeline/cli-drill/no-bus", test_cli_drill_no_bus);
  g_test_add_func ("/lifeline/cli-drill/help", test_cli_drill_help);
  g_test_add_func ("/lifeline/cli-drill/length", test_cli_drill_length);
  g_test_add_func ("/lifeline/cli-drill/pause-nothing", test_cli_drill_pause_nothing);
  g_test_add_func ("/lifeline/cli-drill/cold-start", test_cli_drill_cold_start);

  return g_test_run ();
}
