/* lf-history-private.h — what lf-history.c (the object, recording, uptime) and
 * lf-history-file.c (its files, on the worker thread) share
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lf-history.h"

G_BEGIN_DECLS

#define DAY_US (G_USEC_PER_SEC * (gint64) 24 * 60 * 60)

typedef enum
{
  JOB_LOAD,
  JOB_APPEND,
  JOB_WRITE,
  JOB_FLUSH,
} JobKind;

typedef struct
{
  JobKind  kind;
  char    *path;
  char    *line;        /* JOB_APPEND */
  GBytes  *contents;    /* JOB_WRITE */
  GTask   *task;        /* JOB_LOAD, JOB_FLUSH: completed (and released) on its own context */
  gpointer result;      /* JOB_LOAD: the LoadResult */
} Job;

typedef struct
{
  GPtrArray  *transitions;   /* LfHistoryTransition* */
  GHashTable *samples;       /* id → GArray of LfLatencySample */
  char       *problem;
} LoadResult;

typedef struct
{
  gint64      start;
  LfCause     cause;
  char       *summary;
  GPtrArray  *ray_ids;
  JsonArray  *status_incidents;
} OpenIncident;

struct _LfHistory
{
  GObject      parent_instance;

  char        *dir;
  char        *path;
  char        *samples_path;
  char        *problem;
  gboolean     loaded;

  GThreadPool *worker;
  GHashTable  *transitions;      /* id → GPtrArray of LfHistoryTransition, by time */
  GHashTable  *samples;          /* id → GArray of LfLatencySample */
  GHashTable  *open_incidents;   /* id → OpenIncident */
  gint64       samples_saved_at;
};

void        lf_history_job_free            (Job        *job);
gboolean    lf_history_complete_job_cb     (gpointer    data);
GArray     *lf_history_samples_array_new   (void);
GHashTable *lf_history_samples_table_new   (void);
GBytes     *lf_history_serialize_samples   (GHashTable *samples);
void        lf_history_run_job             (gpointer    data,
                                            gpointer    user_data);

G_END_DECLS
