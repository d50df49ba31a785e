/* lf-monitor-export.h — the background monitor's state on D-Bus, for the window
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-monitor.h"

G_BEGIN_DECLS

/* Below the manager's path: the io.github.lifeline.Monitor object and the platforms. */
#define LF_MONITOR_EXPORT_HEALTH    "health"
#define LF_MONITOR_EXPORT_PLATFORMS "platforms"

#define LF_TYPE_MONITOR_EXPORT (lf_monitor_export_get_type ())

G_DECLARE_FINAL_TYPE (LfMonitorExport, lf_monitor_export, LF, MONITOR_EXPORT, GObject)

LfMonitorExport *lf_monitor_export_new         (GDBusConnection *connection,
                                                const char      *object_path,
                                                LfMonitor       *monitor);
LfMonitor       *lf_monitor_export_get_monitor (LfMonitorExport *self);
void             lf_monitor_export_set_monitor (LfMonitorExport *self,
                                                LfMonitor       *monitor);
void             lf_monitor_export_flush       (LfMonitorExport *self);

G_END_DECLS
