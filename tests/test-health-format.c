/* test-health-format.c — the health model in words and icons
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-health-format.h"
#include "lf-test-utils.h"

#define MINUTE G_TIME_SPAN_MINUTE

static void
test_health_format_duration (void)
{
  const gint64 now = G_GINT64_CONSTANT (1764190800) * G_USEC_PER_SEC;
  const struct { gint64 ago; const char *text; } cases[] = {
    { 10 * G_USEC_PER_SEC, "for less than a minute" },
    { 12 * MINUTE, "for 12 min" },
    { 60 * MINUTE, "for 1 h" },
    { 185 * MINUTE, "for 3 h 5 min" },
    { 24 * 60 * MINUTE, "for 1 day" },
    { 3 * 24 * 60 * MINUTE + 5 * MINUTE, "for 3 days" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = lf_format_duration_since (now - cases[i].ago, now);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  /* unknown start: nothing to say */
  g_assert_null (lf_format_duration_since (0, now));
}

static void
test_health_format_checked_ago (void)
{
  const gint64 now = G_GINT64_CONSTANT (1764190800) * G_USEC_PER_SEC;
  g_autofree char *never = lf_format_checked_ago (0, now);
  g_autofree char *just = lf_format_checked_ago (now - 5 * G_USEC_PER_SEC, now);
  g_autofree char *two = lf_format_checked_ago (now - 2 * MINUTE - 5 * G_USEC_PER_SEC, now);
  g_autofree char *hours = lf_format_checked_ago (now - 125 * MINUTE, now);

  g_assert_cmpstr (never, ==, "Not checked yet");
  g_assert_cmpstr (just, ==, "Last checked just now");
  g_assert_cmpstr (two, ==, "Last checked 2 min ago");
  g_assert_cmpstr (hours, ==, "Last checked 2 hours ago");
}

static void
test_health_format_latency (void)
{
  g_autofree char *none = lf_format_latency (-1);
  g_autofree char *ms = lf_format_latency (212.4);
  g_autofree char *s = lf_format_latency (1430);

  g_assert_cmpstr (none, ==, "—");
  g_assert_cmpstr (ms, ==, "212 ms");
  g_assert_cmpstr (s, ==, "1.4 s");
}

static void
test_health_format_states (void)
{
  /* (the order problems sort in is core's: test-types, state-ranking) */
  /* every state has its own icon (never colour alone) */
  for (LfState a = LF_STATE_UNKNOWN; a <= LF_STATE_DOWN; a++)
    for (LfState b = a + 1; b <= LF_STATE_DOWN; b++)
      g_assert_cmpstr (lf_state_get_icon_name (a), !=, lf_state_get_icon_name (b));
  g_assert_cmpstr (lf_state_get_style_class (LF_STATE_DOWN), ==, "error");
  g_assert_cmpstr (lf_diagnosis_kind_get_style_class (LF_DIAGNOSIS_LOCAL_NETWORK), ==, "warning");
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/health-format/duration", test_health_format_duration);
  g_test_add_func ("/lifeline/health-format/checked-ago", test_health_format_checked_ago);
  g_test_add_func ("/lifeline/health-format/latency", test_health_format_latency);
  g_test_add_func ("/lifeline/health-format/states", test_health_format_states);

  return g_test_run ();
}
