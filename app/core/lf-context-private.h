/* lf-context-private.h — what lf-context.c, lf-context-outage.c and lf-context-files.c share
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-context.h"
#include "lf-monitor-remote.h"

G_BEGIN_DECLS

/* lf-context-files.c: a file another process edits, read again when it changes */
typedef struct _LfContextFile LfContextFile;

void lf_context_file_free (LfContextFile *file);

struct _LfContext
{
  GObject           parent_instance;

  SoupSession      *soup_session;
  LfCatalog        *catalog;
  char             *catalog_problem;
  char             *catalog_file;     /* --catalog FILE: replaces the catalog for this run */
  GError           *catalog_error;    /* why the user's (or --catalog) file is not used */
  GThread          *catalog_thread;   /* the first read, until lf_context_ensure_catalog() */
  gboolean          headless;         /* one command: writes no history, logs nothing */

  LfMonitor        *monitor;
  LfHistory        *history;
  LfPlan           *plan;
  LfIncidentLog    *log;
  LfIncidentBridge *bridge;
  LfContactStore   *contacts;
  LfChannelStore   *channels;
  LfTemplateStore  *templates;

  LfMonitorRemote  *remote;         /* the monitor mirrors the background one (window) */
  LfDrill          *drill;
  GHashTable       *notice_links;  /* a notice's incident id → LfIncident id */
  GCancellable     *cancellable;

  LfContextFile    *catalog_follow;  /* lf_context_follow_files() */
  LfContextFile    *plan_follow;
};

enum {
  NOTICE_RECORDED,
  LF_CONTEXT_N_SIGNALS
};

extern guint lf_context_signals[LF_CONTEXT_N_SIGNALS];

void lf_context_ensure_catalog (LfContext *self);

G_END_DECLS
