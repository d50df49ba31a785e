/* lf-incident-log.h — every incident, open ones first, kept in incidents.json
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-incident.h"
#include "lf-plan.h"

G_BEGIN_DECLS

#define LF_TYPE_INCIDENT_LOG (lf_incident_log_get_type ())

G_DECLARE_FINAL_TYPE (LfIncidentLog, lf_incident_log, LF, INCIDENT_LOG, GObject)

LfIncidentLog *lf_incident_log_new              (LfPlan          *plan,
                                                 const char      *path);
LfPlan        *lf_incident_log_get_plan         (LfIncidentLog   *self);
void           lf_incident_log_load_async       (LfIncidentLog   *self,
                                                 GCancellable    *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer         user_data);
gboolean       lf_incident_log_load_finish      (LfIncidentLog   *self,
                                                 GAsyncResult    *result,
                                                 GError         **error);
gboolean       lf_incident_log_get_loaded       (LfIncidentLog   *self);
const char    *lf_incident_log_get_load_message (LfIncidentLog   *self);
void           lf_incident_log_clear_load_message (LfIncidentLog *self);
gboolean       lf_incident_log_flush            (LfIncidentLog   *self,
                                                 GError         **error);

LfIncident    *lf_incident_log_open             (LfIncidentLog   *self,
                                                 const char      *title,
                                                 const char * const *platforms,
                                                 const char      *provider,
                                                 LfCause          cause,
                                                 LfDiagnosisKind  kind,
                                                 gboolean         rehearsal);
LfIncident    *lf_incident_log_find_open        (LfIncidentLog   *self,
                                                 const char * const *platforms,
                                                 const char      *provider,
                                                 LfDiagnosisKind  kind,
                                                 gboolean         rehearsal);
LfIncident    *lf_incident_log_lookup           (LfIncidentLog   *self,
                                                 const char      *id);
guint          lf_incident_log_get_n_open       (LfIncidentLog   *self);
void           lf_incident_log_record           (LfIncidentLog   *self,
                                                 LfIncident      *incident,
                                                 LfTimelineKind   kind,
                                                 const char      *text,
                                                 const char      *first_key,
                                                 ...);
gboolean       lf_incident_log_set_step_done    (LfIncidentLog   *self,
                                                 LfIncident      *incident,
                                                 guint            index,
                                                 gboolean         done);
void           lf_incident_log_mark_ended       (LfIncidentLog   *self,
                                                 LfIncident      *incident);
void           lf_incident_log_close            (LfIncidentLog   *self,
                                                 LfIncident      *incident);
gboolean       lf_incident_log_remove           (LfIncidentLog   *self,
                                                 LfIncident      *incident);
JsonNode      *lf_incident_log_to_json          (LfIncidentLog   *self);

G_END_DECLS
