/* lf-drill-pace.c — how long a drill takes: the story compressed into the length chosen
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-drill-scenario"

#include "config.h"

#include "lf-drill-scenario.h"

#include <glib/gi18n.h>
#include <string.h>

/* A scenario's real span (11:05–17:06 UTC) is laid onto the drill's clock (its written
 * duration); the length a person chooses (10 or 30 minutes, docs/CHECKLIST.md "Pace") sets
 * how fast that clock runs. Requests to app.start-drill name a scenario and, optionally, the
 * length in seconds. Only the scenario's public API is used here. */

/**
 * lf_drill_scenario_get_real_span_ms:
 *
 * Returns: how long the story took for real (its start to its end, e.g. 11:05–17:06 UTC)
 */
guint64
lf_drill_scenario_get_real_span_ms (LfDrillScenario *self)
{
  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (self), 0);

  return (guint64) (g_date_time_difference (lf_drill_scenario_get_real_end (self),
                                           lf_drill_scenario_get_real_start (self)) / 1000);
}

/**
 * lf_drill_scenario_check_length:
 * @length_ms: how long the drill should take in real time
 *
 * A drill is the story compressed, never stretched: any length from
 * %LF_DRILL_MIN_LENGTH_MS (a test's) up to the story's own span (real time) plays.
 *
 * Returns: whether @length_ms can be played, with @error saying why not
 */
gboolean
lf_drill_scenario_check_length (LfDrillScenario  *self,
                                guint64           length_ms,
                                GError          **error)
{
  guint64 span = 0;

  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (self), FALSE);

  span = lf_drill_scenario_get_real_span_ms (self);
  if (length_ms < LF_DRILL_MIN_LENGTH_MS || length_ms > span)
    {
      g_autofree char *longest = g_strdup_printf ("%" G_GUINT64_FORMAT, span / 60000);

      g_set_error (error, LF_DRILL_ERROR, LF_DRILL_ERROR_INVALID,
                   /* Translators: %s: the drill's title; %s: a number of minutes */
                   _("“%s” can take from a few seconds up to %s minutes, the time the outage "
                     "really took"),
                   lf_drill_scenario_get_title (self), longest);
      return FALSE;
    }

  return TRUE;
}

/**
 * lf_drill_scenario_get_speed_for_length:
 * @length_ms: how long the drill should take in real time (e.g. 10 or 30 minutes)
 *
 * The scenario's real span (its start to its end, e.g. 11:05–17:06 UTC) is mapped linearly
 * onto its written duration (the drill's own clock); this maps that clock onto @length_ms
 * instead, so the whole story plays, compressed, in the length the user chose: 6 h 01 in
 * 10 minutes is 36 times real time, each phase keeping its share of the story.
 *
 * Returns: the speed to give lf_drill_new() / lf_drill_player_new() / lf_context_start_drill()
 */
double
lf_drill_scenario_get_speed_for_length (LfDrillScenario *self,
                                        guint64          length_ms)
{
  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (self), 1.0);
  g_return_val_if_fail (length_ms > 0, 1.0);

  return (double) lf_drill_scenario_get_duration_ms (self) / (double) length_ms;
}

/**
 * lf_drill_parse_request:
 * @request: what app.start-drill gets: a scenario id, optionally with the length in seconds
 *   after a colon ("cloudflare-2025-11-18:600")
 * @length_ms: (out): the length asked for, or %LF_DRILL_DEFAULT_LENGTH_MS
 *
 * Returns: (transfer full) (nullable): the scenario, loaded, with @length_ms checked against it
 */
LfDrillScenario *
lf_drill_parse_request (const char  *request,
                        guint64     *length_ms,
                        GError     **error)
{
  g_autoptr(LfDrillScenario) scenario = NULL;
  g_autofree char *id = NULL;
  const char *colon;
  guint64 length = LF_DRILL_DEFAULT_LENGTH_MS;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (length_ms != NULL, NULL);

  colon = strchr (request, ':');
  id = colon != NULL ? g_strndup (request, colon - request) : g_strdup (request);
  if (colon != NULL)
    {
      guint64 seconds = 0;

      if (!g_ascii_string_to_unsigned (colon + 1, 10, 1, G_MAXUINT32, &seconds, NULL))
        {
          g_set_error (error, LF_DRILL_ERROR, LF_DRILL_ERROR_INVALID,
                       /* Translators: %s: what came after the drill's name */
                       _("“%s” is not a length in seconds"), colon + 1);
          return NULL;
        }
      length = seconds * 1000;
    }

  scenario = lf_drill_scenario_load (id, error);
  if (scenario == NULL)
    return NULL;
  /* The default fits every scenario shipped; a shorter one plays in its real time. */
  if (colon == NULL)
    length = MIN (length, lf_drill_scenario_get_real_span_ms (scenario));
  if (!lf_drill_scenario_check_length (scenario, length, error))
    return NULL;

  *length_ms = length;
  return g_steal_pointer (&scenario);
}
