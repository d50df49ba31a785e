/* lf-drill-player.h — the clock of a fire drill: which phase of the scenario is in force
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-drill-scenario.h"

G_BEGIN_DECLS

#define LF_TYPE_DRILL_PLAYER (lf_drill_player_get_type ())

G_DECLARE_FINAL_TYPE (LfDrillPlayer, lf_drill_player, LF, DRILL_PLAYER, GObject)

LfDrillPlayer   *lf_drill_player_new            (LfDrillScenario *scenario,
                                                 double           speed);
LfDrillScenario *lf_drill_player_get_scenario   (LfDrillPlayer   *self);
double           lf_drill_player_get_speed      (LfDrillPlayer   *self);
void             lf_drill_player_start          (LfDrillPlayer   *self);
void             lf_drill_player_stop           (LfDrillPlayer   *self);
void             lf_drill_player_pause          (LfDrillPlayer   *self);
void             lf_drill_player_resume         (LfDrillPlayer   *self);
gboolean         lf_drill_player_get_paused     (LfDrillPlayer   *self);
guint            lf_drill_player_get_length_ms  (LfDrillPlayer   *self);
guint            lf_drill_player_get_played_ms  (LfDrillPlayer   *self);
GDateTime       *lf_drill_player_dup_story_time (LfDrillPlayer   *self);
gboolean         lf_drill_player_get_running    (LfDrillPlayer   *self);
gboolean         lf_drill_player_get_finished   (LfDrillPlayer   *self);
guint            lf_drill_player_get_elapsed_ms (LfDrillPlayer   *self);
guint            lf_drill_player_get_phase      (LfDrillPlayer   *self);

G_END_DECLS
