/* lf-incident-log-private.h — what lf-incident-log.c (the list, its operations) and
 * lf-incident-log-sync.c (the file shared with other processes, archives) share
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-incident-log.h"
#include "lf-incident-private.h"
#include "lf-json-file.h"

G_BEGIN_DECLS

struct _LfIncidentLog
{
  GObject      parent_instance;

  LfPlan      *plan;
  GPtrArray   *incidents;
  LfJsonFile  *file;
  char        *load_message;
  gboolean     loaded;

  GHashTable   *bases;     /* id → LfIncident as we last read or wrote it */
  GHashTable   *removed;   /* ids of incidents deleted (here or elsewhere) */
  GHashTable   *archived;  /* ids of incidents moved to an archive (here or elsewhere) */
  GFileMonitor *monitor;
  gboolean      merging;
  gboolean      flushing;  /* no archive is started by a flush (at exit) */
  gboolean      archiving; /* an archive is being written */
  gint64        archive_retry_at;  /* monotonic: not before, after a failed archive */
};

/* lf-incident-log.c */
void      lf_incident_log_set_load_message    (LfIncidentLog     *self,
                                               const char        *message);
void      lf_incident_log_insert              (LfIncidentLog     *self,
                                               LfIncident        *incident);
void      lf_incident_log_remove_at           (LfIncidentLog     *self,
                                               guint              position);

/* lf-incident-log-sync.c */
gboolean  lf_incident_log_parse_root          (JsonNode          *root,
                                               GPtrArray         *incidents,
                                               GPtrArray         *removed,
                                               GPtrArray         *archived,
                                               GError           **error);
void      lf_incident_log_sync_with_root      (LfIncidentLog     *self,
                                               JsonNode          *root);
JsonNode *lf_incident_log_serialize           (gpointer           owner);
void      lf_incident_log_file_changed_cb     (GFileMonitor      *monitor,
                                               GFile             *file,
                                               GFile             *other_file,
                                               GFileMonitorEvent  event,
                                               LfIncidentLog     *self);
void      lf_incident_log_archive_maybe_start (LfIncidentLog     *self);

G_END_DECLS
