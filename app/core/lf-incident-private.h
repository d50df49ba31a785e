/* lf-incident-private.h — what lf-incident.c, lf-incident-json.c, the merge and the archive share
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-incident.h"

G_BEGIN_DECLS

struct _LfIncident
{
  GObject          parent_instance;

  char            *id;
  char            *title;
  char           **platforms;
  char            *provider;
  LfCause          cause;
  LfDiagnosisKind  kind;
  gboolean         rehearsal;
  GDateTime       *started_at;
  GDateTime       *ended_at;
  GDateTime       *closed_at;
  GPtrArray       *timeline;  /* LfTimelineEntry */
  GPtrArray       *run;       /* LfRunStep */
  GHashTable      *names;     /* catalog id → display name, as the catalog had it */
};

void        lf_incident_timeline_entry_free (gpointer data);
void        lf_incident_run_step_free       (gpointer data);
GHashTable *lf_incident_new_data_table      (void);
char       *lf_incident_format_time         (GDateTime *time);
const char *lf_incident_status_to_string   (LfIncidentStatus status);

/* lf-incident-merge.c: another process's changes of the same incident (incidents.json) */
gboolean    lf_incident_merge               (LfIncident      *self,
                                             LfIncident      *base,
                                             LfIncident      *theirs);
gboolean    lf_incident_same                (LfIncident      *a,
                                             LfIncident      *b);

/* lf-incident-archive.c: what leaves incidents.json for a compressed archive */
#define LF_INCIDENT_LOG_FORMAT "lifeline-incidents"
#define LF_INCIDENT_LOG_VERSION 1
#define LF_INCIDENT_ARCHIVE_DAYS 183
#define LF_INCIDENT_ARCHIVE_BYTES (2 * 1024 * 1024)

GPtrArray  *lf_incident_archive_pick        (GPtrArray       *incidents,
                                             guint64          file_size,
                                             GDateTime       *now);
GBytes     *lf_incident_archive_document    (GPtrArray       *incidents);

G_END_DECLS
