/* lf-incident-private.h — what lf-incident.c and lf-incident-json.c share
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

G_END_DECLS
