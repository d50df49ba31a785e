/* lf-monitor-private.h — what lf-monitor.c (the object, its API, the network and sleep
 * watches) and lf-monitor-round.c (the rounds: probes, confirmation, diagnosis) share
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-monitor.h"

G_BEGIN_DECLS

#define MAX_CONFIRMATION_PASSES 6
#define NETWORK_DEBOUNCE_MS 1500

typedef struct
{
  LfMonitor  *monitor;        /* NULL once the monitor is gone */
  guint       pending;
  guint       pass;           /* 0 for the main pass, then confirmation passes */
  GPtrArray  *probe_ids;      /* platforms probed in this pass */
  GHashTable *probes;         /* platform id → LfProbeResult */
  GHashTable *references;     /* reference id → LfProbeResult (main pass only) */
  GHashTable *platform_status;/* platform id → LfStatusReport or NULL (unreadable) */
  GHashTable *provider_status;/* provider id → LfStatusReport or NULL (unreadable) */
} Round;

typedef enum
{
  OP_REFERENCE,
  OP_PLATFORM,
  OP_PLATFORM_STATUS,
  OP_PROVIDER_STATUS,
} OpKind;

typedef struct
{
  Round  *round;
  OpKind  kind;
  char   *id;
} Op;

struct _LfMonitor
{
  GObject           parent_instance;

  LfCatalog        *catalog;
  LfMonitorBackend *backend;
  LfHistory        *history;
  GNetworkMonitor  *network_monitor;
  GDBusConnection  *system_bus;
  guint             sleep_subscription;
  GCancellable     *cancellable;

  GStrv             watched;
  GListStore       *platforms;
  GHashTable       *by_id;              /* id → LfPlatformState (in the store) */
  GHashTable       *entries;            /* id → LfCatalogPlatform (in the catalog) */
  LfDiagnosis      *diagnosis;
  GHashTable       *reference_results;  /* id → LfProbeResult */
  GHashTable       *provider_status;    /* id → LfStatusReport or NULL */
  guint             n_references;
  guint             n_references_ok;
  gboolean          network_usable;

  gboolean          running;
  gboolean          checking;
  gboolean          check_again;
  gint64            last_checked;
  gint64            next_status_at;     /* monotonic µs */
  guint             offline_rounds;

  guint             interval_ms;
  guint             confirm_delay_ms;
  guint             status_interval_ms;
  guint             timeout;
  guint             confirm_failures;
  guint             recover_successes;

  Round            *round;
  guint             round_source;
  guint             confirm_source;
  guint             network_source;

  /* a mirror of a monitor in another process (lf-monitor-mirror.c) */
  LfMonitorCheckFunc mirror_check;
  gpointer           mirror_data;
};

enum {
  PROP_0,
  PROP_DIAGNOSIS,
  PROP_CHECKING,
  PROP_LAST_CHECKED,
  PROP_INTERVAL,
  PROP_TIMEOUT,
  PROP_RUNNING,
  PROP_NETWORK_AVAILABLE,
  LF_MONITOR_N_PROPS
};

enum {
  STATE_CHANGED,
  DIAGNOSIS_CHANGED,
  PROBED,
  LF_MONITOR_N_SIGNALS
};

extern GParamSpec *lf_monitor_properties[LF_MONITOR_N_PROPS];
extern guint lf_monitor_signals[LF_MONITOR_N_SIGNALS];

GHashTable *lf_monitor_status_table_new     (void);
void        lf_monitor_round_free           (Round              *round);
gboolean    lf_monitor_network_is_available (LfMonitor          *self);
gboolean    lf_monitor_reference_answered   (LfCatalogReference *reference,
                                             LfProbeResult      *result);
void        lf_monitor_rebuild_platforms    (LfMonitor          *self);
void        lf_monitor_schedule_next_round  (LfMonitor          *self);
void        lf_monitor_start_round          (LfMonitor          *self);

G_END_DECLS
