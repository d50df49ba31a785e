/* lf-history.h — transitions, incidents and latency samples, kept in the data dir
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-diagnosis.h"
#include "lf-platform-state.h"
#include "lf-types.h"

G_BEGIN_DECLS

#define LF_HISTORY_FILE "history.jsonl"
#define LF_HISTORY_SAMPLES_FILE "latency-samples.json"
/* The history file is read up to this size; a larger one is set aside. */
#define LF_HISTORY_MAX_BYTES (32 * 1024 * 1024)

/* One confirmed transition of one platform. */
typedef struct
{
  gint64   time;            /* unix µs */
  char    *platform_id;
  LfState  from;
  LfState  to;
  LfCause  cause;
  char    *explanation;     /* nullable */
  GStrv    ray_ids;         /* never NULL */
} LfHistoryTransition;

#define LF_TYPE_HISTORY (lf_history_get_type ())

/* LfMonitor (lf-monitor.h includes this header). */
typedef struct _LfMonitor LfMonitor;

G_DECLARE_FINAL_TYPE (LfHistory, lf_history, LF, HISTORY, GObject)

LfHistory           *lf_history_new                   (const char          *dir);
void                 lf_history_observe               (LfHistory           *self,
                                                       LfMonitor           *monitor);
const char          *lf_history_get_path              (LfHistory           *self);
const char          *lf_history_get_problem           (LfHistory           *self);
gboolean             lf_history_get_loaded            (LfHistory           *self);

void                 lf_history_load_async            (LfHistory           *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean             lf_history_load_finish           (LfHistory           *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

void                 lf_history_record_transition     (LfHistory           *self,
                                                       LfPlatformState     *platform,
                                                       LfState              old_state,
                                                       LfState              new_state);
void                 lf_history_record_diagnosis      (LfHistory           *self,
                                                       LfDiagnosis         *diagnosis);
void                 lf_history_add_sample            (LfHistory           *self,
                                                       const char          *platform_id,
                                                       gint64               time,
                                                       double               latency_ms);

void                 lf_history_flush_async           (LfHistory           *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean             lf_history_flush_finish          (LfHistory           *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

GPtrArray           *lf_history_get_transitions       (LfHistory           *self,
                                                       const char          *platform_id);
gint64               lf_history_get_state_since       (LfHistory           *self,
                                                       const char          *platform_id,
                                                       LfState              state,
                                                       gint64               fallback);
GArray              *lf_history_get_samples           (LfHistory           *self,
                                                       const char          *platform_id);
double               lf_history_get_uptime            (LfHistory           *self,
                                                       const char          *platform_id,
                                                       GTimeSpan            span);
double               lf_history_get_uptime_at         (LfHistory           *self,
                                                       const char          *platform_id,
                                                       GTimeSpan            span,
                                                       gint64               now);

void                 lf_history_transition_free       (LfHistoryTransition *transition);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfHistoryTransition, lf_history_transition_free)

G_END_DECLS
