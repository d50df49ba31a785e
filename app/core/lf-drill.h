/* lf-drill.h — a fire drill: a scenario played on a monitor of its own into the incident log
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-catalog.h"
#include "lf-drill-backend.h"
#include "lf-drill-player.h"
#include "lf-drill-scenario.h"
#include "lf-incident-bridge.h"
#include "lf-incident-log.h"
#include "lf-monitor.h"

G_BEGIN_DECLS

#define LF_TYPE_DRILL (lf_drill_get_type ())

G_DECLARE_FINAL_TYPE (LfDrill, lf_drill, LF, DRILL, GObject)

LfDrill          *lf_drill_new          (LfDrillScenario *scenario,
                                         LfCatalog       *catalog,
                                         LfIncidentLog   *log,
                                         double           speed);
void              lf_drill_start        (LfDrill         *self);
void              lf_drill_stop         (LfDrill         *self);
void              lf_drill_pause        (LfDrill         *self);
void              lf_drill_resume       (LfDrill         *self);
gboolean          lf_drill_get_paused   (LfDrill         *self);
gboolean          lf_drill_get_running  (LfDrill         *self);
LfDrillScenario  *lf_drill_get_scenario (LfDrill         *self);
LfDrillPlayer    *lf_drill_get_player   (LfDrill         *self);
LfDrillBackend   *lf_drill_get_backend  (LfDrill         *self);
LfMonitor        *lf_drill_get_monitor  (LfDrill         *self);
const char       *lf_drill_get_label    (void);
LfIncidentBridge *lf_drill_get_bridge   (LfDrill         *self);

G_END_DECLS
