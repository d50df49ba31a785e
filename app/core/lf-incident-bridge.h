/* lf-incident-bridge.h — turns what a monitor sees into incidents, runs and timelines
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-incident-log.h"
#include "lf-monitor.h"

G_BEGIN_DECLS

#define LF_TYPE_INCIDENT_BRIDGE (lf_incident_bridge_get_type ())

G_DECLARE_FINAL_TYPE (LfIncidentBridge, lf_incident_bridge, LF, INCIDENT_BRIDGE, GObject)

LfIncidentBridge *lf_incident_bridge_new            (LfMonitor        *monitor,
                                                     LfIncidentLog    *log,
                                                     const char       *rehearsal);
LfMonitor        *lf_incident_bridge_get_monitor    (LfIncidentBridge *self);
LfIncidentLog    *lf_incident_bridge_get_log        (LfIncidentBridge *self);
const char       *lf_incident_bridge_get_rehearsal  (LfIncidentBridge *self);
GPtrArray        *lf_incident_bridge_get_incidents  (LfIncidentBridge *self);
LfIncident       *lf_incident_bridge_get_current    (LfIncidentBridge *self);
void              lf_incident_bridge_note           (LfIncidentBridge *self,
                                                     GDateTime        *time,
                                                     const char       *text);
void              lf_incident_bridge_disconnect     (LfIncidentBridge *self);

G_END_DECLS
