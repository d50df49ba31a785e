/* lf-monitor-remote.h — a monitor that mirrors the background monitor over D-Bus
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-monitor.h"

G_BEGIN_DECLS

#define LF_TYPE_MONITOR_REMOTE (lf_monitor_remote_get_type ())

G_DECLARE_FINAL_TYPE (LfMonitorRemote, lf_monitor_remote, LF, MONITOR_REMOTE, GObject)

LfMonitorRemote *lf_monitor_remote_new           (LfMonitor       *mirror,
                                                  GDBusConnection *connection,
                                                  const char      *bus_name,
                                                  const char      *object_path);
LfMonitor       *lf_monitor_remote_get_monitor   (LfMonitorRemote *self);
gboolean         lf_monitor_remote_get_connected (LfMonitorRemote *self);

G_END_DECLS
