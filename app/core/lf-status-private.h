/* lf-status-private.h — what the status readers and the fetcher share (not installed, not
 * for use outside lf-status*.c)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lf-status.c holds the public types, the kind names, the dispatch and these helpers; each
 * vendor's reader lives in its own lf-status-<vendor>.c and turns a parsed JSON root into an
 * LfStatusReport; lf-status-fetch.c reads a source over HTTP with its conditional-request
 * cache. The rules every reader follows are at the top of lf-status.c.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lf-status.h"

G_BEGIN_DECLS

struct _LfStatusCache
{
  char           *url;
  char           *etag;
  char           *last_modified;
  gint64          expires_at;     /* real time, µs; 0 = not fresh */
  LfStatusReport *report;
};

/* Severity order: worse is larger; unknown sits above maintenance (never passes for fine). */
int               lf_status_severity_rank       (LfSeverity          severity);
LfSeverity        lf_status_severity_worst      (LfSeverity          a,
                                                 LfSeverity          b);

/* Typed JSON access: NULL (or FALSE) when absent or of another type, also for a NULL object. */
JsonNode         *lf_status_json_member         (JsonObject         *object,
                                                 const char         *member,
                                                 JsonNodeType        type);
const char       *lf_status_json_string         (JsonObject         *object,
                                                 const char         *member);
JsonArray        *lf_status_json_array          (JsonObject         *object,
                                                 const char         *member);
JsonObject       *lf_status_json_object         (JsonObject         *object,
                                                 const char         *member);
JsonObject       *lf_status_json_array_object   (JsonArray          *array,
                                                 guint               i);
char             *lf_status_json_id             (JsonObject         *object,
                                                 const char         *member);
gboolean          lf_status_json_int            (JsonObject         *object,
                                                 const char         *member,
                                                 gint64             *out);
gint64            lf_status_parse_time          (const char         *iso8601);

gboolean          lf_status_matches_filter      (const char * const *filter,
                                                 const char         *id,
                                                 const char         *name);
gboolean          lf_status_has_filter          (const char * const *filter);
void              lf_status_set_parse_error     (GError            **error,
                                                 LfStatusKind        kind,
                                                 const char         *problem);
gboolean          lf_status_collect_components  (LfStatusIncident   *incident,
                                                 JsonArray          *array,
                                                 const char         *id_member,
                                                 const char         *name_member,
                                                 const char * const *filter);
LfStatusReport   *lf_status_report_new_for      (LfSeverity          indicator,
                                                 const char         *description);

/* Statuspage's component vocabulary (incident.io's widget uses it too, plus full_outage). */
LfSeverity        lf_status_statuspage_component (const char        *value);

/* One reader per kind (lf-status-<vendor>.c). */
LfStatusReport   *lf_status_parse_statuspage    (JsonNode           *root,
                                                 const char * const *filter,
                                                 GError            **error);
LfStatusReport   *lf_status_parse_statusio      (JsonNode           *root,
                                                 const char * const *filter,
                                                 GError            **error);
LfStatusReport   *lf_status_parse_slack         (JsonNode           *root,
                                                 const char * const *filter,
                                                 GError            **error);
LfStatusReport   *lf_status_parse_incidentio    (JsonNode           *root,
                                                 const char * const *filter,
                                                 GError            **error);
LfStatusReport   *lf_status_parse_google        (JsonNode           *root,
                                                 const char * const *filter,
                                                 const char         *base_url,
                                                 GError            **error);
LfStatusReport   *lf_status_parse_instatus      (JsonNode           *root,
                                                 const char * const *filter,
                                                 GError            **error);

G_END_DECLS
