/* lf-drill.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-drill"

#include "config.h"

#include "lf-drill.h"

#include <glib/gi18n.h>


/* One fire drill. It builds a real LfMonitor on the user's catalog whose backend is an
 * LfDrillBackend (scripted answers, no network), watching the scenario's platforms, with its
 * clock scaled so that confirmation and recovery happen within the compressed scenario; an
 * LfIncidentBridge in drill mode turns what that monitor sees into drill incidents, and the
 * scenario's narrative goes into their timeline as notes. When the scenario is over and its
 * incidents have ended (or a grace period passed) the monitor stops and ::finished is emitted.
 *
 * The drill's monitor is its own, with no history: the real monitor, its history and the
 * user's watched platforms are never touched. A front end that wants to show the drill shows
 * that monitor while it runs (LfContext:active-monitor).
 *
 * Pace: the speed comes from the length the user chose
 * (lf_drill_scenario_get_speed_for_length(): 10 or 30 minutes for the whole story). The
 * drill can be paused: the scenario's clock stops where it is (the phase in force stays, and
 * the drill's monitor goes on seeing it, as a real outage would not wait either) until
 * lf_drill_resume().
 */

/* The monitor's clock at speed 1: a round every 4 s, re-probes 0.8 s apart, status every 6 s. */
#define INTERVAL_MS 4000
#define CONFIRM_MS 800
#define STATUS_MS 6000
/* How long after the scenario's end the drill waits for its incidents to end. */
#define GRACE_MS 30000

struct _LfDrill
{
  GObject           parent_instance;

  LfDrillScenario  *scenario;
  LfDrillPlayer    *player;
  LfDrillBackend   *backend;
  LfMonitor        *monitor;
  LfIncidentBridge *bridge;
  GStrv             watched;         /* the scenario's platforms in the catalog */

  guint             grace_id;
  gint64            grace_deadline;  /* monotonic µs */
  gboolean          running;
};

G_DEFINE_FINAL_TYPE (LfDrill, lf_drill, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_PAUSED,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* The monitor's clock follows the drill's only when it is faster than real time (tests): a
 * drill stretched to 10 or 30 minutes keeps the monitor's own pace, so confirmation and
 * recovery still take seconds, as they would for real. */
static guint
scaled (LfDrill *self,
        guint    ms)
{
  return MAX (1, (guint) (ms / MAX (lf_drill_player_get_speed (self->player), 1.0)));
}

static gboolean
incidents_settled (LfDrill *self)
{
  GPtrArray *incidents = lf_incident_bridge_get_incidents (self->bridge);

  for (guint i = 0; i < incidents->len; i++)
    if (lf_incident_get_status (g_ptr_array_index (incidents, i)) == LF_INCIDENT_OPEN)
      return FALSE;

  return TRUE;
}

static void
finish (LfDrill *self)
{
  if (!self->running)
    return;

  g_clear_handle_id (&self->grace_id, g_source_remove);
  lf_monitor_stop (self->monitor);
  lf_drill_player_stop (self->player);
  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_signal_emit (self, signals[FINISHED], 0);
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
on_phase_changed_cb (LfDrillPlayer *player,
                     guint          phase,
                     LfDrill       *self)
{
  const char *note = lf_drill_scenario_get_phase_note (self->scenario, phase);

  if (note[0] != '\0')
    lf_incident_bridge_note (self->bridge, NULL, note);

  /* A new phase: look now rather than at the next round. */
  if (self->running && phase > 0)
    lf_monitor_check_now (self->monitor);
}

static gboolean
grace_cb (gpointer user_data)
{
  LfDrill *self = user_data;

  if (incidents_settled (self) || g_get_monotonic_time () >= self->grace_deadline)
    {
      self->grace_id = 0;
      finish (self);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
on_player_finished_cb (LfDrillPlayer *player,
                       LfDrill       *self)
{
  /* Poll until the monitor has seen the recovery, for at most the grace period. */
  guint step = scaled (self, 500);

  g_clear_handle_id (&self->grace_id, g_source_remove);
  self->grace_deadline = g_get_monotonic_time () + (gint64) scaled (self, GRACE_MS) * 1000;
  self->grace_id = g_timeout_add (step, grace_cb, self);
}

static void
on_player_paused_cb (LfDrillPlayer *player,
                     GParamSpec    *pspec,
                     LfDrill       *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_drill_dispose (GObject *object)
{
  LfDrill *self = LF_DRILL (object);

  g_clear_handle_id (&self->grace_id, g_source_remove);
  if (self->monitor != NULL)
    lf_monitor_stop (self->monitor);
  if (self->bridge != NULL)
    lf_incident_bridge_disconnect (self->bridge);
  g_clear_object (&self->bridge);
  g_clear_object (&self->monitor);
  g_clear_object (&self->backend);
  if (self->player != NULL)
    g_signal_handlers_disconnect_by_data (self->player, self);
  g_clear_object (&self->player);
  g_clear_object (&self->scenario);
  g_clear_pointer (&self->watched, g_strfreev);

  G_OBJECT_CLASS (lf_drill_parent_class)->dispose (object);
}

static void
lf_drill_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  LfDrill *self = LF_DRILL (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, lf_drill_get_paused (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_drill_class_init (LfDrillClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lf_drill_dispose;
  object_class->get_property = lf_drill_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * LfDrill:paused:
   *
   * The drill's clock is paused (lf_drill_pause()): the scenario stays where it is.
   */
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LfDrill::finished:
   *
   * The scenario is over and its incidents have ended (they wait for the user to close them).
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lf_drill_init (LfDrill *self)
{
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_drill_new:
 * @scenario: what to play
 * @catalog: the user's catalog (the drill watches the scenario's platforms it knows)
 * @log: where the drill's incidents go (marked as drills)
 * @speed: how much faster than written (1.0 = real time)
 *
 * Returns: (transfer full): a drill on its own monitor and backend, not started
 */
LfDrill *
lf_drill_new (LfDrillScenario *scenario,
              LfCatalog       *catalog,
              LfIncidentLog   *log,
              double           speed)
{
  LfDrill *self;
  g_autoptr(GStrvBuilder) watched = g_strv_builder_new ();
  const char * const *platforms;

  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (scenario), NULL);
  g_return_val_if_fail (catalog != NULL, NULL);
  g_return_val_if_fail (LF_IS_INCIDENT_LOG (log), NULL);
  g_return_val_if_fail (speed > 0, NULL);

  self = g_object_new (LF_TYPE_DRILL, NULL);
  self->scenario = g_object_ref (scenario);
  self->player = lf_drill_player_new (scenario, speed);
  self->backend = lf_drill_backend_new (self->player, catalog);
  self->monitor = lf_monitor_new (catalog, LF_MONITOR_BACKEND (self->backend));
  self->bridge = lf_incident_bridge_new (self->monitor, log, lf_drill_get_label ());

  /* Watch the scenario's platforms that the catalog knows, on a clock scaled so that
   * confirmation and recovery happen within the compressed scenario. */
  platforms = lf_drill_scenario_get_platforms (scenario);
  for (guint i = 0; platforms[i] != NULL; i++)
    if (lf_catalog_lookup_platform (catalog, platforms[i]) != NULL)
      g_strv_builder_add (watched, platforms[i]);
  self->watched = g_strv_builder_end (watched);
  lf_monitor_set_watched (self->monitor, (const char * const *) self->watched);
  lf_monitor_set_timings (self->monitor, scaled (self, INTERVAL_MS), scaled (self, CONFIRM_MS),
                          scaled (self, STATUS_MS));

  g_signal_connect (self->player, "phase-changed", G_CALLBACK (on_phase_changed_cb), self);
  g_signal_connect (self->player, "finished", G_CALLBACK (on_player_finished_cb), self);
  g_signal_connect (self->player, "notify::paused", G_CALLBACK (on_player_paused_cb), self);

  return self;
}

/**
 * lf_drill_start:
 *
 * Starts the scenario's clock and the drill's monitor.
 */
void
lf_drill_start (LfDrill *self)
{
  g_return_if_fail (LF_IS_DRILL (self));

  if (self->running)
    return;

  /* Told once the clock runs: who shows the drill reads its time at once. */
  self->running = TRUE;
  lf_drill_player_start (self->player);
  lf_monitor_start (self->monitor);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/**
 * lf_drill_stop:
 *
 * Ends the drill early: its monitor stops. Its incidents stay open in the log until the user
 * closes them.
 */
void
lf_drill_stop (LfDrill *self)
{
  g_return_if_fail (LF_IS_DRILL (self));

  finish (self);
}

/**
 * lf_drill_pause:
 *
 * Pauses the scenario's clock (to take a step of the checklist, say): the outage stays as it
 * is and the drill's monitor keeps seeing it; nothing of the scenario moves on until
 * lf_drill_resume().
 */
void
lf_drill_pause (LfDrill *self)
{
  g_return_if_fail (LF_IS_DRILL (self));

  if (self->running)
    lf_drill_player_pause (self->player);
}

/**
 * lf_drill_resume:
 *
 * Continues a paused drill where it was.
 */
void
lf_drill_resume (LfDrill *self)
{
  g_return_if_fail (LF_IS_DRILL (self));

  if (self->running)
    lf_drill_player_resume (self->player);
}

gboolean
lf_drill_get_paused (LfDrill *self)
{
  g_return_val_if_fail (LF_IS_DRILL (self), FALSE);
  return self->running && lf_drill_player_get_paused (self->player);
}

gboolean
lf_drill_get_running (LfDrill *self)
{
  g_return_val_if_fail (LF_IS_DRILL (self), FALSE);
  return self->running;
}

/**
 * lf_drill_get_scenario:
 *
 * Returns: (transfer none): the scenario
 */
LfDrillScenario *
lf_drill_get_scenario (LfDrill *self)
{
  g_return_val_if_fail (LF_IS_DRILL (self), NULL);
  return self->scenario;
}

/**
 * lf_drill_get_player:
 *
 * Returns: (transfer none): the drill's clock
 */
LfDrillPlayer *
lf_drill_get_player (LfDrill *self)
{
  g_return_val_if_fail (LF_IS_DRILL (self), NULL);
  return self->player;
}

/**
 * lf_drill_get_backend:
 *
 * Returns: (transfer none): the scripted backend
 */
LfDrillBackend *
lf_drill_get_backend (LfDrill *self)
{
  g_return_val_if_fail (LF_IS_DRILL (self), NULL);
  return self->backend;
}

/**
 * lf_drill_get_monitor:
 *
 * Returns: (transfer none): the drill's monitor (connect notifications to it as to the real one)
 */
LfMonitor *
lf_drill_get_monitor (LfDrill *self)
{
  g_return_val_if_fail (LF_IS_DRILL (self), NULL);
  return self->monitor;
}

/**
 * lf_drill_get_bridge:
 *
 * Returns: (transfer none): the bridge that opens the drill's incidents
 */
LfIncidentBridge *
lf_drill_get_bridge (LfDrill *self)
{
  g_return_val_if_fail (LF_IS_DRILL (self), NULL);
  return self->bridge;
}

/**
 * lf_drill_get_label:
 *
 * What a fire drill's incidents, messages and tray title are marked with: the name its
 * rehearsal goes by ("Drill: Cloudflare outage", "[Drill] Upwork is down").
 *
 * Returns: the translated word
 */
const char *
lf_drill_get_label (void)
{
  /* Translators: marks what belongs to a fire drill: "Drill: Cloudflare outage" */
  return _("Drill");
}
