/* lf-platform-state.h — one watched platform: its confirmed state, cause and evidence
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lf-probe.h"
#include "lf-status.h"
#include "lf-types.h"

G_BEGIN_DECLS

/* Probes kept as evidence, newest last. */
#define LF_PLATFORM_STATE_MAX_PROBES 10
/* Failed probes in a row before a platform is down (the first one plus two re-probes). */
#define LF_PLATFORM_STATE_CONFIRM_FAILURES 3
/* Good probes in a row before a platform that was down (or degraded) is up again. */
#define LF_PLATFORM_STATE_RECOVER_SUCCESSES 2

typedef struct
{
  gint64 time;          /* unix µs */
  double latency_ms;
} LfLatencySample;

/* Everything a front end reads of a platform's state, to copy it from another process (a
 * window mirroring the background monitor, lf-monitor-remote.c). */
typedef struct
{
  LfState             state;
  LfCause             cause;
  gint64              since;
  double              latency_ms;
  guint               http_status;
  const char         *cdn;
  const char         *ray_id;
  const char         *explanation;
  LfSeverity          status_indicator;
  const char         *status_page;
  gint64              last_checked;
  GPtrArray          *probes;          /* LfProbeResult*, newest last; nullable */
  LfStatusReport     *status_report;   /* nullable */
  GArray             *samples;         /* LfLatencySample; nullable */
} LfPlatformStateSnapshot;

#define LF_TYPE_PLATFORM_STATE (lf_platform_state_get_type ())

G_DECLARE_FINAL_TYPE (LfPlatformState, lf_platform_state, LF, PLATFORM_STATE, GObject)

LfPlatformState    *lf_platform_state_new                (const char         *id,
                                                          const char         *name,
                                                          const char         *category,
                                                          const char * const *providers);

const char         *lf_platform_state_get_id             (LfPlatformState    *self);
const char         *lf_platform_state_get_name           (LfPlatformState    *self);
const char         *lf_platform_state_get_category       (LfPlatformState    *self);
const char         *lf_platform_state_get_provider       (LfPlatformState    *self);
const char * const *lf_platform_state_get_providers      (LfPlatformState    *self);
LfState             lf_platform_state_get_state          (LfPlatformState    *self);
LfCause             lf_platform_state_get_cause          (LfPlatformState    *self);
gint64              lf_platform_state_get_since          (LfPlatformState    *self);
double              lf_platform_state_get_latency_ms     (LfPlatformState    *self);
guint               lf_platform_state_get_http_status    (LfPlatformState    *self);
const char         *lf_platform_state_get_cdn            (LfPlatformState    *self);
const char         *lf_platform_state_get_ray_id         (LfPlatformState    *self);
const char         *lf_platform_state_get_explanation    (LfPlatformState    *self);
LfSeverity          lf_platform_state_get_status_indicator (LfPlatformState  *self);
const char         *lf_platform_state_get_status_page    (LfPlatformState    *self);
void                lf_platform_state_set_status_page    (LfPlatformState    *self,
                                                          const char         *url);
gint64              lf_platform_state_get_last_checked   (LfPlatformState    *self);

GPtrArray          *lf_platform_state_get_probes         (LfPlatformState    *self);
GPtrArray          *lf_platform_state_get_incidents      (LfPlatformState    *self);
LfStatusReport     *lf_platform_state_get_status_report  (LfPlatformState    *self);
GArray             *lf_platform_state_get_latency_samples (LfPlatformState   *self);

void                lf_platform_state_set_thresholds     (LfPlatformState    *self,
                                                          guint               confirm_failures,
                                                          guint               recover_successes);
gboolean            lf_platform_state_apply_probe        (LfPlatformState    *self,
                                                          LfProbeResult      *result);
void                lf_platform_state_apply_status       (LfPlatformState    *self,
                                                          LfStatusReport     *report);
void                lf_platform_state_apply_network      (LfPlatformState    *self,
                                                          gboolean            usable);
gboolean            lf_platform_state_is_confirming      (LfPlatformState    *self);
void                lf_platform_state_restore            (LfPlatformState    *self,
                                                          const LfPlatformStateSnapshot *snapshot);

G_END_DECLS
