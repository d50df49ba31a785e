/* test-types.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-test-utils.h"
#include "lf-types.h"

static void
test_types_cause_round_trip (void)
{
  const char *design[] = { "none", "dns", "connect", "tls", "timeout", "http-error", "cdn-edge",
                           "origin-via-cdn", "blocked", "slow", "status-page", "network" };

  g_assert_cmpint (G_N_ELEMENTS (design), ==, LF_N_CAUSES);
  for (guint i = 0; i < G_N_ELEMENTS (design); i++)
    {
      LfCause cause;

      g_assert_true (lf_cause_from_string (design[i], &cause));
      g_assert_cmpstr (lf_cause_to_string (cause), ==, design[i]);
      g_assert_nonnull (lf_cause_describe (cause));
    }
}

static void
test_types_unknown_strings (void)
{
  LfCause cause = LF_CAUSE_SLOW;
  LfState state = LF_STATE_DOWN;
  LfSeverity severity = LF_SEVERITY_MAJOR;
  LfDiagnosisKind kind = LF_DIAGNOSIS_OFFLINE;

  g_assert_false (lf_cause_from_string ("exploded", &cause));
  g_assert_false (lf_cause_from_string (NULL, &cause));
  g_assert_cmpint (cause, ==, LF_CAUSE_SLOW);
  g_assert_false (lf_state_from_string ("operational", &state));
  g_assert_false (lf_severity_from_string ("minor", &severity));
  g_assert_false (lf_diagnosis_kind_from_string ("", &kind));
}

static void
test_types_states_and_diagnoses (void)
{
  const char *states[] = { "up", "degraded", "down", "maintenance", "unknown" };
  const char *kinds[] = { "all-clear", "platform-outage", "provider-outage", "local-network",
                          "offline" };
  const char *severities[] = { "operational", "maintenance", "degraded", "partial", "major",
                               "unknown" };

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      LfState state;

      g_assert_true (lf_state_from_string (states[i], &state));
      g_assert_cmpstr (lf_state_to_string (state), ==, states[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      LfDiagnosisKind kind;

      g_assert_true (lf_diagnosis_kind_from_string (kinds[i], &kind));
      g_assert_cmpstr (lf_diagnosis_kind_to_string (kind), ==, kinds[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (severities); i++)
    {
      LfSeverity severity;

      g_assert_true (lf_severity_from_string (severities[i], &severity));
      g_assert_cmpstr (lf_severity_to_string (severity), ==, severities[i]);
    }

  /* The broadest diagnosis wins: the enum is ordered for MAX(). */
  g_assert_cmpint (LF_DIAGNOSIS_OFFLINE, >, LF_DIAGNOSIS_LOCAL_NETWORK);
  g_assert_cmpint (LF_DIAGNOSIS_LOCAL_NETWORK, >, LF_DIAGNOSIS_PROVIDER_OUTAGE);
  g_assert_cmpint (LF_DIAGNOSIS_PROVIDER_OUTAGE, >, LF_DIAGNOSIS_PLATFORM_OUTAGE);
  g_assert_true (G_TYPE_IS_ENUM (LF_TYPE_CAUSE));
}

/* One ranking for the whole program: down, degraded, maintenance, unknown, up. */
static void
test_types_state_ranking (void)
{
  const LfState order[] = { LF_STATE_DOWN, LF_STATE_DEGRADED, LF_STATE_MAINTENANCE,
                            LF_STATE_UNKNOWN, LF_STATE_UP };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    for (guint j = 0; j < G_N_ELEMENTS (order); j++)
      {
        g_assert_cmpint (lf_state_worst (order[i], order[j]), ==, order[MIN (i, j)]);
        g_assert_cmpint (lf_state_get_rank (order[i]) < lf_state_get_rank (order[j]), ==, i < j);
      }
}

static void
test_types_enum_values (void)
{
  static const GEnumValue values[] = {
    { 1, "ONE", "one" },
    { 7, "SEVEN", "seven" },
    { 0, NULL, NULL },
  };
  int value = -1;

  g_assert_cmpstr (lf_enum_values_get_nick (values, 7), ==, "seven");
  g_assert_null (lf_enum_values_get_nick (values, 2));
  g_assert_true (lf_enum_values_lookup (values, "one", &value));
  g_assert_cmpint (value, ==, 1);
  g_assert_false (lf_enum_values_lookup (values, "two", &value));
  g_assert_false (lf_enum_values_lookup (values, NULL, &value));
  g_assert_cmpint (value, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/types/cause-round-trip", test_types_cause_round_trip);
  g_test_add_func ("/lifeline/types/unknown-strings", test_types_unknown_strings);
  g_test_add_func ("/lifeline/types/states-and-diagnoses", test_types_states_and_diagnoses);
  g_test_add_func ("/lifeline/types/enum-values", test_types_enum_values);
  g_test_add_func ("/lifeline/types/state-ranking", test_types_state_ranking);

  return g_test_run ();
}
