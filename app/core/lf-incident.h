/* lf-incident.h — one incident: what failed, its timeline, and the run of the plan
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lf-plan.h"
#include "lf-types.h"

G_BEGIN_DECLS

typedef enum
{
  LF_TIMELINE_DETECTED,
  LF_TIMELINE_TRANSITION,
  LF_TIMELINE_STATUS_UPDATE,
  LF_TIMELINE_STEP_DONE,
  LF_TIMELINE_NOTICE_SENT,
  LF_TIMELINE_NOTE,
  LF_TIMELINE_ENDED,
  LF_TIMELINE_CLOSED,
} LfTimelineKind;

typedef enum
{
  LF_INCIDENT_OPEN,
  LF_INCIDENT_ENDED,   /* the engine saw recovery; waiting for the user to confirm */
  LF_INCIDENT_CLOSED,
} LfIncidentStatus;

/* Well-known keys of LfTimelineEntry.data (all values are strings). */
#define LF_TIMELINE_DATA_RAY_ID   "ray_id"
#define LF_TIMELINE_DATA_URL      "url"
#define LF_TIMELINE_DATA_PLATFORM "platform"
#define LF_TIMELINE_DATA_STATE    "state"
#define LF_TIMELINE_DATA_STEP     "step"
#define LF_TIMELINE_DATA_CHANNEL  "channel"

typedef struct
{
  GDateTime      *time;
  LfTimelineKind  kind;
  char           *text;
  GHashTable     *data;  /* string → string */
} LfTimelineEntry;

typedef struct
{
  char         *step_id;
  char         *title;
  char         *detail;
  LfPlanAction  action;
  char         *action_target;
  GDateTime    *done_at;  /* NULL while not done */
} LfRunStep;

#define LF_TYPE_TIMELINE_KIND (lf_timeline_kind_get_type ())
#define LF_TYPE_INCIDENT_STATUS (lf_incident_status_get_type ())
#define LF_TYPE_INCIDENT (lf_incident_get_type ())

GType lf_timeline_kind_get_type   (void) G_GNUC_CONST;
GType lf_incident_status_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (LfIncident, lf_incident, LF, INCIDENT, GObject)

const char       *lf_timeline_kind_to_string   (LfTimelineKind    kind);
gboolean          lf_timeline_kind_from_string (const char       *str,
                                                LfTimelineKind   *kind);
const char       *lf_timeline_kind_describe    (LfTimelineKind    kind);
const char       *lf_timeline_entry_get_data   (const LfTimelineEntry *entry,
                                                const char       *key);

LfIncident       *lf_incident_new              (const char       *title,
                                                const char * const *platforms,
                                                const char       *provider,
                                                LfCause           cause,
                                                LfDiagnosisKind   kind,
                                                gboolean          rehearsal,
                                                GDateTime        *started_at);
LfIncident       *lf_incident_new_from_json    (JsonObject       *object,
                                                GError          **error);
JsonNode         *lf_incident_to_json          (LfIncident       *self);

const char       *lf_incident_get_id           (LfIncident       *self);
const char       *lf_incident_get_title        (LfIncident       *self);
const char * const *lf_incident_get_platforms  (LfIncident       *self);
const char       *lf_incident_get_provider     (LfIncident       *self);
void              lf_incident_set_name         (LfIncident       *self,
                                                const char       *id,
                                                const char       *name);
const char       *lf_incident_get_name         (LfIncident       *self,
                                                const char       *id);
char             *lf_incident_dup_platform_names (LfIncident     *self);
LfCause           lf_incident_get_cause        (LfIncident       *self);
LfDiagnosisKind   lf_incident_get_kind         (LfIncident       *self);
gboolean          lf_incident_get_rehearsal    (LfIncident       *self);
GDateTime        *lf_incident_get_started_at   (LfIncident       *self);
GDateTime        *lf_incident_get_ended_at     (LfIncident       *self);
GDateTime        *lf_incident_get_closed_at    (LfIncident       *self);
LfIncidentStatus  lf_incident_get_status       (LfIncident       *self);
gboolean          lf_incident_is_open          (LfIncident       *self);
GTimeSpan         lf_incident_get_elapsed      (LfIncident       *self,
                                                GDateTime        *now);

guint             lf_incident_get_n_entries    (LfIncident       *self);
const LfTimelineEntry *lf_incident_get_entry   (LfIncident       *self,
                                                guint             index);
void              lf_incident_add_entry        (LfIncident       *self,
                                                GDateTime        *time,
                                                LfTimelineKind    kind,
                                                const char       *text,
                                                GHashTable       *data);

void              lf_incident_set_run          (LfIncident       *self,
                                                GListModel       *steps);
guint             lf_incident_get_n_steps      (LfIncident       *self);
const LfRunStep  *lf_incident_get_step         (LfIncident       *self,
                                                guint             index);
guint             lf_incident_get_n_done       (LfIncident       *self);
double            lf_incident_get_progress     (LfIncident       *self);
gboolean          lf_incident_set_step_done    (LfIncident       *self,
                                                guint             index,
                                                gboolean          done,
                                                GDateTime        *when);

void              lf_incident_add_platforms    (LfIncident       *self,
                                                const char * const *platforms);
void              lf_incident_set_ended        (LfIncident       *self,
                                                GDateTime        *when);
void              lf_incident_reopen           (LfIncident       *self,
                                                GDateTime        *when);
void              lf_incident_set_closed       (LfIncident       *self,
                                                GDateTime        *when,
                                                const char       *note);

G_END_DECLS
