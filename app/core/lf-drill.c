/* lf-drill.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-drill"

#include "config.h"

#include "lf-drill.h"


/* One fire drill. It builds a real LfMonitor on the user's catalog whose backend is an
 * LfDrillBackend (scripted answers, no network), watching the scenario's platforms, with its
 * clock scaled so that confirmation and recovery happen within the compressed scenario; an
 * LfIncidentBridge in drill mode turns what that monitor sees into drill incidents, and the
 * scenario's narrative goes into their timeline as notes. When the scenario is over and its
 * incidents have ended (or a grace period passed) the monitor stops and ::finished is emitted.
 *
 * lf_drill_new_for_monitor() plays the drill through an existing monitor instead (the
 * application's, so that the Health page, the tray and the notifications see it too): on
 * start it marks the monitor as playing a drill (LfMonitor:drill, which pauses the real
 * incident bridge), swaps in the drill's backend, clock and watched platforms; on the end
 * it puts the monitor's own back and checks again.
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
  gboolean          shared;          /* the monitor is someone else's */

  /* A shared monitor's own, put back when the drill ends */
  LfMonitorBackend *saved_backend;
  GStrv             saved_watched;
  guint             saved_interval_ms;
  guint             saved_confirm_ms;
  guint             saved_status_ms;

  guint             grace_id;
  gint64            grace_deadline;  /* monotonic µs */
  gboolean          running;
};

G_DEFINE_FINAL_TYPE (LfDrill, lf_drill, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
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

static guint
scaled (LfDrill *self,
        guint    ms)
{
  return MAX (1, (guint) (ms / lf_drill_player_get_speed (self->player)));
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
set_drill_clock (LfDrill *self)
{
  lf_monitor_set_timings (self->monitor, scaled (self, INTERVAL_MS), scaled (self, CONFIRM_MS),
                          scaled (self, STATUS_MS));
}

/* A shared monitor: take it over for the drill, remembering what to put back. */
static void
take_monitor (LfDrill *self)
{
  g_set_object (&self->saved_backend, lf_monitor_get_backend (self->monitor));
  g_strfreev (self->saved_watched);
  self->saved_watched = g_strdupv ((char **) lf_monitor_get_watched (self->monitor));
  lf_monitor_get_timings (self->monitor, &self->saved_interval_ms, &self->saved_confirm_ms,
                          &self->saved_status_ms);

  lf_monitor_set_drill (self->monitor, TRUE);
  lf_monitor_set_backend (self->monitor, LF_MONITOR_BACKEND (self->backend));
  set_drill_clock (self);
  lf_monitor_set_watched (self->monitor, (const char * const *) self->watched);
}

/* A shared monitor: its own backend, clock and platforms again, and a fresh look. */
static void
give_back_monitor (LfDrill *self)
{
  if (self->saved_backend == NULL)
    return;

  lf_monitor_set_drill (self->monitor, FALSE);
  lf_monitor_set_backend (self->monitor, self->saved_backend);
  lf_monitor_set_timings (self->monitor, self->saved_interval_ms, self->saved_confirm_ms,
                          self->saved_status_ms);
  lf_monitor_set_watched (self->monitor, (const char * const *) self->saved_watched);
  g_clear_object (&self->saved_backend);
  g_clear_pointer (&self->saved_watched, g_strfreev);
  if (lf_monitor_get_running (self->monitor))
    lf_monitor_check_now (self->monitor);
}

static void
finish (LfDrill *self)
{
  if (!self->running)
    return;

  g_clear_handle_id (&self->grace_id, g_source_remove);
  if (self->shared)
    give_back_monitor (self);
  else
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

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_drill_dispose (GObject *object)
{
  LfDrill *self = LF_DRILL (object);

  g_clear_handle_id (&self->grace_id, g_source_remove);
  if (self->monitor != NULL && self->shared)
    give_back_monitor (self);
  else if (self->monitor != NULL)
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
  g_clear_object (&self->saved_backend);
  g_clear_pointer (&self->saved_watched, g_strfreev);
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

static LfDrill *
drill_new (LfDrillScenario *scenario,
           LfCatalog       *catalog,
           LfMonitor       *monitor,
           LfIncidentLog   *log,
           double           speed)
{
  LfDrill *self;
  g_autoptr(GStrvBuilder) watched = g_strv_builder_new ();
  const char * const *platforms;

  self = g_object_new (LF_TYPE_DRILL, NULL);
  self->scenario = g_object_ref (scenario);
  self->player = lf_drill_player_new (scenario, speed);
  self->backend = lf_drill_backend_new (self->player, catalog);
  self->shared = monitor != NULL;
  if (monitor != NULL)
    self->monitor = g_object_ref (monitor);
  else
    {
      self->monitor = lf_monitor_new (catalog, LF_MONITOR_BACKEND (self->backend));
      lf_monitor_set_drill (self->monitor, TRUE);
    }
  self->bridge = lf_incident_bridge_new (self->monitor, log, TRUE);

  /* Watch the scenario's platforms that the catalog knows. */
  platforms = lf_drill_scenario_get_platforms (scenario);
  for (guint i = 0; platforms[i] != NULL; i++)
    if (lf_catalog_lookup_platform (catalog, platforms[i]) != NULL)
      g_strv_builder_add (watched, platforms[i]);
  self->watched = g_strv_builder_end (watched);
  if (!self->shared)
    {
      lf_monitor_set_watched (self->monitor, (const char * const *) self->watched);
      set_drill_clock (self);
    }

  g_signal_connect (self->player, "phase-changed", G_CALLBACK (on_phase_changed_cb), self);
  g_signal_connect (self->player, "finished", G_CALLBACK (on_player_finished_cb), self);

  return self;
}

/**
 * lf_drill_new:
 * @scenario: what to play
 * @catalog: the catalog (the scenario's platforms are looked up in it)
 * @log: where the drill's incidents go (marked as drills)
 * @speed: 1 in the app; tests play faster
 *
 * A drill on a monitor of its own, seen only by its incident bridge (the command line).
 *
 * Returns: (transfer full): a drill, not started
 */
LfDrill *
lf_drill_new (LfDrillScenario *scenario,
              LfCatalog       *catalog,
              LfIncidentLog   *log,
              double           speed)
{
  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (scenario), NULL);
  g_return_val_if_fail (catalog != NULL, NULL);
  g_return_val_if_fail (LF_IS_INCIDENT_LOG (log), NULL);
  g_return_val_if_fail (speed > 0, NULL);

  return drill_new (scenario, catalog, NULL, log, speed);
}

/**
 * lf_drill_new_for_monitor:
 * @scenario: what to play
 * @monitor: the monitor to play it through (the application's), with its catalog
 * @log: where the drill's incidents go (marked as drills)
 * @speed: 1 in the app; tests play faster
 *
 * A drill played through an existing monitor, so that everything connected to it (the
 * Health page, the tray, the notifications) sees it, marked by #LfMonitor:drill. While it
 * plays, the monitor's backend, clock and watched platforms are the drill's; they are put
 * back when it ends (or the drill is disposed), and the monitor checks again.
 *
 * Returns: (transfer full): a drill, not started
 */
LfDrill *
lf_drill_new_for_monitor (LfDrillScenario *scenario,
                          LfMonitor       *monitor,
                          LfIncidentLog   *log,
                          double           speed)
{
  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (scenario), NULL);
  g_return_val_if_fail (LF_IS_MONITOR (monitor), NULL);
  g_return_val_if_fail (lf_monitor_get_catalog (monitor) != NULL, NULL);
  g_return_val_if_fail (LF_IS_INCIDENT_LOG (log), NULL);
  g_return_val_if_fail (speed > 0, NULL);

  return drill_new (scenario, lf_monitor_get_catalog (monitor), monitor, log, speed);
}

/**
 * lf_drill_start:
 *
 * Starts the scenario's clock and the drill's monitor (a shared one is taken over, and
 * started if it was not running; it keeps running after the drill).
 */
void
lf_drill_start (LfDrill *self)
{
  g_return_if_fail (LF_IS_DRILL (self));

  if (self->running)
    return;

  /* One drill at a time on a shared monitor. */
  g_return_if_fail (!self->shared || !lf_monitor_get_drill (self->monitor));

  self->running = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  if (self->shared)
    take_monitor (self);
  lf_drill_player_start (self->player);
  if (lf_monitor_get_running (self->monitor))
    lf_monitor_check_now (self->monitor);
  else
    lf_monitor_start (self->monitor);
}

/**
 * lf_drill_stop:
 *
 * Ends the drill early (a shared monitor gets its own backend, clock and platforms back).
 * Its incidents stay open in the log until the user closes them.
 */
void
lf_drill_stop (LfDrill *self)
{
  g_return_if_fail (LF_IS_DRILL (self));

  finish (self);
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
