/* lf-monitor.h — the health engine: rounds of probes, confirmation, diagnosis
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lf-catalog.h"
#include "lf-diagnosis.h"
#include "lf-history.h"
#include "lf-monitor-backend.h"
#include "lf-platform-state.h"

G_BEGIN_DECLS

#define LF_MONITOR_DEFAULT_INTERVAL 60           /* seconds between rounds */
#define LF_MONITOR_DEFAULT_TIMEOUT 10            /* seconds for one request */
#define LF_MONITOR_DEFAULT_CONFIRM_DELAY_MS 3000 /* between confirmation re-probes */
#define LF_MONITOR_DEFAULT_STATUS_INTERVAL 300   /* seconds between status-source reads */

/* What a mirror does for lf_monitor_check_now() (ask the monitor it mirrors). */
typedef void (*LfMonitorCheckFunc) (gpointer user_data);

#define LF_TYPE_MONITOR (lf_monitor_get_type ())

G_DECLARE_FINAL_TYPE (LfMonitor, lf_monitor, LF, MONITOR, GObject)

LfMonitor          *lf_monitor_new                    (LfCatalog          *catalog,
                                                       LfMonitorBackend   *backend);

LfCatalog          *lf_monitor_get_catalog            (LfMonitor          *self);
void                lf_monitor_set_catalog            (LfMonitor          *self,
                                                       LfCatalog          *catalog);
LfMonitorBackend   *lf_monitor_get_backend            (LfMonitor          *self);
void                lf_monitor_set_backend            (LfMonitor          *self,
                                                       LfMonitorBackend   *backend);
LfHistory          *lf_monitor_get_history            (LfMonitor          *self);
void                lf_monitor_set_history            (LfMonitor          *self,
                                                       LfHistory          *history);
void                lf_monitor_set_network_monitor    (LfMonitor          *self,
                                                       GNetworkMonitor    *network_monitor);

const char * const *lf_monitor_get_watched            (LfMonitor          *self);
void                lf_monitor_set_watched            (LfMonitor          *self,
                                                       const char * const *ids);
GListModel         *lf_monitor_get_platforms          (LfMonitor          *self);
LfPlatformState    *lf_monitor_lookup_platform        (LfMonitor          *self,
                                                       const char         *id);

LfDiagnosis        *lf_monitor_get_diagnosis          (LfMonitor          *self);
gboolean            lf_monitor_get_checking           (LfMonitor          *self);
gint64              lf_monitor_get_last_checked       (LfMonitor          *self);
gboolean            lf_monitor_get_network_available  (LfMonitor          *self);

guint               lf_monitor_get_interval           (LfMonitor          *self);
void                lf_monitor_set_interval           (LfMonitor          *self,
                                                       guint               seconds);
guint               lf_monitor_get_timeout            (LfMonitor          *self);
void                lf_monitor_set_timeout            (LfMonitor          *self,
                                                       guint               seconds);
void                lf_monitor_set_timings            (LfMonitor          *self,
                                                       guint               interval_ms,
                                                       guint               confirm_delay_ms,
                                                       guint               status_interval_ms);
void                lf_monitor_set_thresholds         (LfMonitor          *self,
                                                       guint               confirm_failures,
                                                       guint               recover_successes);

LfProbeResult      *lf_monitor_get_reference_result   (LfMonitor          *self,
                                                       const char         *reference_id);
gboolean            lf_monitor_get_reference_ok       (LfMonitor          *self,
                                                       const char         *reference_id);
LfStatusReport     *lf_monitor_get_provider_status    (LfMonitor          *self,
                                                       const char         *provider_id);

LfState             lf_monitor_get_worst_state        (LfMonitor          *self);
JsonNode           *lf_monitor_to_json                (LfMonitor          *self);

void                lf_monitor_start                  (LfMonitor          *self);
void                lf_monitor_stop                   (LfMonitor          *self);
gboolean            lf_monitor_get_running            (LfMonitor          *self);
void                lf_monitor_check_now              (LfMonitor          *self);
GPtrArray          *lf_monitor_get_provider_ids       (LfMonitor          *self);

void                lf_monitor_set_mirror             (LfMonitor          *self,
                                                       LfMonitorCheckFunc  check_now,
                                                       gpointer            user_data);
gboolean            lf_monitor_get_mirror             (LfMonitor          *self);
void                lf_monitor_mirror_platforms       (LfMonitor          *self,
                                                       GPtrArray          *states);
void                lf_monitor_mirror_transition      (LfMonitor          *self,
                                                       LfPlatformState    *platform,
                                                       LfState             old);
void                lf_monitor_mirror_diagnosis       (LfMonitor          *self,
                                                       LfDiagnosis        *diagnosis);
void                lf_monitor_mirror_progress        (LfMonitor          *self,
                                                       gboolean            checking,
                                                       gint64              last_checked,
                                                       gboolean            network_available);
void                lf_monitor_mirror_provider_status (LfMonitor          *self,
                                                       const char         *provider_id,
                                                       LfStatusReport     *report);

G_END_DECLS
