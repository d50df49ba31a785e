/* lf-monitor-backend.h — where the monitor's probes and status reports come from
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-catalog.h"
#include "lf-probe.h"
#include "lf-status.h"

G_BEGIN_DECLS

#define LF_TYPE_MONITOR_BACKEND (lf_monitor_backend_get_type ())

G_DECLARE_INTERFACE (LfMonitorBackend, lf_monitor_backend, LF, MONITOR_BACKEND, GObject)

/* The network backend (LfNetworkBackend) runs real probes and reads real status sources; a
 * scripted outage (tests, rehearsals) plugs in a backend of its own, on a monitor of its own. */
struct _LfMonitorBackendInterface
{
  GTypeInterface parent_iface;

  void             (*probe_async)         (LfMonitorBackend    *self,
                                           const LfProbeSpec   *spec,
                                           guint                timeout_seconds,
                                           guint                slow_ms,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
  LfProbeResult   *(*probe_finish)        (LfMonitorBackend    *self,
                                           GAsyncResult        *result,
                                           GError             **error);
  void             (*fetch_status_async)  (LfMonitorBackend    *self,
                                           const LfStatusSpec  *spec,
                                           guint                timeout_seconds,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
  LfStatusReport  *(*fetch_status_finish) (LfMonitorBackend    *self,
                                           GAsyncResult        *result,
                                           GError             **error);
};

void            lf_monitor_backend_probe_async         (LfMonitorBackend    *self,
                                                        const LfProbeSpec   *spec,
                                                        guint                timeout_seconds,
                                                        guint                slow_ms,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
LfProbeResult  *lf_monitor_backend_probe_finish        (LfMonitorBackend    *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void            lf_monitor_backend_fetch_status_async  (LfMonitorBackend    *self,
                                                        const LfStatusSpec  *spec,
                                                        guint                timeout_seconds,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
LfStatusReport *lf_monitor_backend_fetch_status_finish (LfMonitorBackend    *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

#define LF_TYPE_NETWORK_BACKEND (lf_network_backend_get_type ())

G_DECLARE_FINAL_TYPE (LfNetworkBackend, lf_network_backend, LF, NETWORK_BACKEND, GObject)

LfNetworkBackend *lf_network_backend_new         (SoupSession      *session);
SoupSession      *lf_network_backend_get_session (LfNetworkBackend *self);

G_END_DECLS
