/* lf-drill-player.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-drill-player"

#include "config.h"

#include "lf-drill-player.h"

/* Plays a scenario on the monotonic clock, @speed times faster than its own duration. The app
 * picks the speed from the length the user chose (lf_drill_scenario_get_speed_for_length():
 * the scenario's real span, e.g. 11:05–17:06 UTC, mapped onto 10 or 30 minutes); tests play
 * it faster. The clock can be paused and resumed: while paused the phase in force stays, and
 * resuming continues from the same point of the scenario. It announces each
 * phase as it starts (::phase-changed) and the end (::finished, after the last phase has
 * been in force for a moment so the monitor sees the recovery). The drill backend asks it
 * which phase is in force when a probe comes in.
 */

/* The last phase lasts this long (in real time, less when the drill plays faster than its
 * written duration) before the drill is finished: the monitor sees the recovery meanwhile. */
#define TAIL_MS 15000

struct _LfDrillPlayer
{
  GObject          parent_instance;

  LfDrillScenario *scenario;
  double           speed;
  gint64           started_us;   /* monotonic start of the running stretch, 0 before start */
  guint            base_ms;      /* drill-clock time played before that stretch */
  gboolean         paused;
  guint            phase;
  guint            timeout_id;
  gboolean         finished;
};

G_DEFINE_FINAL_TYPE (LfDrillPlayer, lf_drill_player, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PHASE,
  PROP_RUNNING,
  PROP_FINISHED,
  PROP_PAUSED,
  N_PROPS
};

enum {
  PHASE_CHANGED,
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_next (LfDrillPlayer *self);

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static guint
end_ms (LfDrillPlayer *self)
{
  guint n = lf_drill_scenario_get_n_phases (self->scenario);
  guint last = lf_drill_scenario_get_phase_offset_ms (self->scenario, n - 1);

  return MAX (lf_drill_scenario_get_duration_ms (self->scenario),
              last + (guint) (TAIL_MS * MIN (self->speed, 1.0)));
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  LfDrillPlayer *self = user_data;
  guint elapsed = lf_drill_player_get_elapsed_ms (self);
  guint phase = lf_drill_scenario_get_phase_at (self->scenario, elapsed);

  self->timeout_id = 0;

  /* Announce every phase in order, even if the main loop was late for one. */
  while (self->phase < phase)
    {
      self->phase++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
      g_signal_emit (self, signals[PHASE_CHANGED], 0, self->phase);
    }

  if (elapsed >= end_ms (self))
    {
      self->finished = TRUE;
      self->started_us = 0;
      self->base_ms = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
      g_signal_emit (self, signals[FINISHED], 0);
      return G_SOURCE_REMOVE;
    }

  schedule_next (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_next (LfDrillPlayer *self)
{
  guint n = lf_drill_scenario_get_n_phases (self->scenario);
  guint elapsed = lf_drill_player_get_elapsed_ms (self);
  guint next = self->phase + 1 < n
               ? lf_drill_scenario_get_phase_offset_ms (self->scenario, self->phase + 1)
               : end_ms (self);
  double wait = next > elapsed ? (next - elapsed) / self->speed : 0;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add ((guint) wait + 1, on_timeout_cb, self);
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_drill_player_dispose (GObject *object)
{
  LfDrillPlayer *self = LF_DRILL_PLAYER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->scenario);

  G_OBJECT_CLASS (lf_drill_player_parent_class)->dispose (object);
}

static void
lf_drill_player_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LfDrillPlayer *self = LF_DRILL_PLAYER (object);

  switch (prop_id)
    {
    case PROP_PHASE:
      g_value_set_uint (value, self->phase);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, lf_drill_player_get_running (self));
      break;
    case PROP_FINISHED:
      g_value_set_boolean (value, self->finished);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_drill_player_class_init (LfDrillPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lf_drill_player_dispose;
  object_class->get_property = lf_drill_player_get_property;

  properties[PROP_PHASE] =
    g_param_spec_uint ("phase", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LfDrillPlayer::phase-changed:
   * @phase: the phase now in force (the first one is announced by lf_drill_player_start())
   */
  signals[PHASE_CHANGED] =
    g_signal_new ("phase-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * LfDrillPlayer::finished:
   *
   * The scenario is over (its last phase stays in force).
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lf_drill_player_init (LfDrillPlayer *self)
{
  self->speed = 1.0;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_drill_player_new:
 * @speed: how much faster than the scenario's own duration to play (1 in the app)
 *
 * Returns: (transfer full): a player, not started
 */
LfDrillPlayer *
lf_drill_player_new (LfDrillScenario *scenario,
                     double           speed)
{
  LfDrillPlayer *self;

  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (scenario), NULL);
  g_return_val_if_fail (speed > 0, NULL);

  self = g_object_new (LF_TYPE_DRILL_PLAYER, NULL);
  self->scenario = g_object_ref (scenario);
  self->speed = speed;

  return self;
}

/**
 * lf_drill_player_get_scenario:
 *
 * Returns: (transfer none): the scenario played
 */
LfDrillScenario *
lf_drill_player_get_scenario (LfDrillPlayer *self)
{
  g_return_val_if_fail (LF_IS_DRILL_PLAYER (self), NULL);

  return self->scenario;
}

double
lf_drill_player_get_speed (LfDrillPlayer *self)
{
  g_return_val_if_fail (LF_IS_DRILL_PLAYER (self), 1.0);

  return self->speed;
}

/**
 * lf_drill_player_start:
 *
 * Starts (or restarts) the drill from its first phase, announcing it.
 */
void
lf_drill_player_start (LfDrillPlayer *self)
{
  g_return_if_fail (LF_IS_DRILL_PLAYER (self));

  self->started_us = g_get_monotonic_time ();
  self->base_ms = 0;
  self->phase = 0;
  self->finished = FALSE;
  if (self->paused)
    {
      self->paused = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
  g_signal_emit (self, signals[PHASE_CHANGED], 0, 0);
  schedule_next (self);
}

/**
 * lf_drill_player_stop:
 *
 * Stops the clock; the current phase stays in force.
 */
void
lf_drill_player_stop (LfDrillPlayer *self)
{
  g_return_if_fail (LF_IS_DRILL_PLAYER (self));

  if (self->started_us == 0)
    return;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->started_us = 0;
  self->base_ms = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  if (self->paused)
    {
      self->paused = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
    }
}

/**
 * lf_drill_player_pause:
 *
 * Stops the clock of a running drill where it is: the phase in force stays, no later phase
 * starts until lf_drill_player_resume(). Does nothing when not running or already paused.
 */
void
lf_drill_player_pause (LfDrillPlayer *self)
{
  g_return_if_fail (LF_IS_DRILL_PLAYER (self));

  if (self->started_us == 0 || self->paused)
    return;

  self->base_ms = lf_drill_player_get_elapsed_ms (self);
  self->paused = TRUE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

/**
 * lf_drill_player_resume:
 *
 * Continues a paused drill from the point of the scenario where it was paused.
 */
void
lf_drill_player_resume (LfDrillPlayer *self)
{
  g_return_if_fail (LF_IS_DRILL_PLAYER (self));

  if (self->started_us == 0 || !self->paused)
    return;

  self->started_us = g_get_monotonic_time ();
  self->paused = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
  schedule_next (self);
}

gboolean
lf_drill_player_get_paused (LfDrillPlayer *self)
{
  g_return_val_if_fail (LF_IS_DRILL_PLAYER (self), FALSE);

  return self->paused;
}

/**
 * lf_drill_player_get_length_ms:
 *
 * Returns: how long the story takes in real time, pauses aside: the length chosen (the
 *   drill then waits a few seconds more for the monitor to see the recovery)
 */
guint
lf_drill_player_get_length_ms (LfDrillPlayer *self)
{
  g_return_val_if_fail (LF_IS_DRILL_PLAYER (self), 0);

  return (guint) (lf_drill_scenario_get_duration_ms (self->scenario) / self->speed);
}

gboolean
lf_drill_player_get_running (LfDrillPlayer *self)
{
  g_return_val_if_fail (LF_IS_DRILL_PLAYER (self), FALSE);

  return self->started_us != 0;
}

gboolean
lf_drill_player_get_finished (LfDrillPlayer *self)
{
  g_return_val_if_fail (LF_IS_DRILL_PLAYER (self), FALSE);

  return self->finished;
}

/**
 * lf_drill_player_get_elapsed_ms:
 *
 * Returns: time since the start on the drill's clock (0 when not running)
 */
guint
lf_drill_player_get_elapsed_ms (LfDrillPlayer *self)
{
  g_return_val_if_fail (LF_IS_DRILL_PLAYER (self), 0);

  if (self->started_us == 0)
    return 0;
  if (self->paused)
    return self->base_ms;

  return (guint) MIN (self->base_ms
                      + (g_get_monotonic_time () - self->started_us) / 1000.0 * self->speed,
                      (double) G_MAXUINT);
}

/**
 * lf_drill_player_get_phase:
 *
 * Returns: the phase in force (the last one once finished)
 */
guint
lf_drill_player_get_phase (LfDrillPlayer *self)
{
  g_return_val_if_fail (LF_IS_DRILL_PLAYER (self), 0);

  return self->phase;
}

/**
 * lf_drill_player_get_played_ms:
 *
 * Returns: the real time the drill has played so far, pauses not counted (0 when not running)
 */
guint
lf_drill_player_get_played_ms (LfDrillPlayer *self)
{
  g_return_val_if_fail (LF_IS_DRILL_PLAYER (self), 0);

  return (guint) (lf_drill_player_get_elapsed_ms (self) / self->speed);
}

/**
 * lf_drill_player_dup_story_time:
 *
 * Returns: (transfer full) (nullable): where the story is: the real time of the outage that
 *   the drill clock stands for (e.g. 12:41 UTC on 18 November 2025), %NULL when not running
 */
GDateTime *
lf_drill_player_dup_story_time (LfDrillPlayer *self)
{
  GDateTime *start;
  double fraction;

  g_return_val_if_fail (LF_IS_DRILL_PLAYER (self), NULL);

  if (self->started_us == 0)
    return NULL;

  start = lf_drill_scenario_get_real_start (self->scenario);
  fraction = MIN ((double) lf_drill_player_get_elapsed_ms (self)
                  / lf_drill_scenario_get_duration_ms (self->scenario), 1.0);

  return g_date_time_add (start, (GTimeSpan) (fraction * 1000
                                              * lf_drill_scenario_get_real_span_ms (self->scenario)));
}
