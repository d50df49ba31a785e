/* lf-status-statusio.c — the status.io public status API v1 reader
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-status"

#include "config.h"

#include "lf-status-private.h"

#include <glib/gi18n.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* status.io v1                                                             */
/* ------------------------------------------------------------------------ */

static LfSeverity
statusio_code (gint64 code)
{
  switch (code)
    {
    case 100: return LF_SEVERITY_OPERATIONAL;
    case 200: return LF_SEVERITY_MAINTENANCE;
    case 300: return LF_SEVERITY_DEGRADED;
    case 400: return LF_SEVERITY_PARTIAL;
    case 500: return LF_SEVERITY_MAJOR;
    default: return LF_SEVERITY_UNKNOWN;
    }
}

static LfSeverity
statusio_object_code (JsonObject *obj)
{
  gint64 code;

  if (!lf_status_json_int (obj, "status_code", &code))
    return LF_SEVERITY_UNKNOWN;

  return statusio_code (code);
}

static void
statusio_add_events (LfStatusReport     *report,
                     JsonArray          *array,
                     gboolean            maintenance,
                     gboolean            upcoming,
                     const char * const *filter,
                     LfSeverity         *watched)
{
  guint n = array ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *obj = lf_status_json_array_object (array, i);
      g_autoptr(LfStatusIncident) incident = NULL;
      JsonArray *messages;

      if (obj == NULL)
        continue;

      incident = lf_status_incident_new ();
      incident->id = lf_status_json_id (obj, "_id");
      incident->title = g_strdup (lf_status_json_string (obj, "name"));
      incident->url = g_strdup (report->page_url);
      incident->maintenance = maintenance;
      incident->upcoming = upcoming;
      incident->started_at =
        lf_status_parse_time (lf_status_json_string (obj, upcoming ? "datetime_planned_start"
                                                                   : "datetime_open"));
      if (incident->started_at == 0)
        incident->started_at =
          lf_status_parse_time (lf_status_json_string (obj, "datetime_planned_start"));

      if (maintenance)
        incident->severity = LF_SEVERITY_MAINTENANCE;
      else
        {
          /* The newest message carries the incident's current status code. */
          messages = lf_status_json_array (obj, "messages");
          incident->severity = LF_SEVERITY_DEGRADED;
          if (messages != NULL && json_array_get_length (messages) > 0)
            {
              guint n_messages = json_array_get_length (messages);
              JsonObject *last = lf_status_json_array_object (messages, n_messages - 1);
              gint64 code;

              if (lf_status_json_int (last, "status", &code))
                incident->severity = lf_status_severity_worst (LF_SEVERITY_DEGRADED,
                                                               statusio_code (code));
            }
        }

      if (!lf_status_collect_components (incident,
                                         lf_status_json_array (obj, "components_affected"),
                                         "_id", "name", filter))
        continue;

      if (!upcoming)
        *watched = lf_status_severity_worst (*watched, incident->severity);
      g_ptr_array_add (report->incidents, g_steal_pointer (&incident));
    }
}

LfStatusReport *
lf_status_parse_statusio (JsonNode           *root,
                          const char * const *filter,
                          GError            **error)
{
  JsonObject *result;
  JsonObject *overall;
  JsonObject *maintenance;
  JsonArray *components;
  g_autoptr(LfStatusReport) report = NULL;
  LfSeverity watched = LF_SEVERITY_OPERATIONAL;
  LfSeverity events = LF_SEVERITY_OPERATIONAL;
  gboolean matched = FALSE;

  result = JSON_NODE_HOLDS_OBJECT (root)
             ? lf_status_json_object (json_node_get_object (root), "result")
             : NULL;
  overall = lf_status_json_object (result, "status_overall");
  if (result == NULL || overall == NULL)
    {
      lf_status_set_parse_error (error, LF_STATUS_KIND_STATUSIO,
                                 _("no “result.status_overall” object"));
      return NULL;
    }

  report = lf_status_report_new_for (statusio_object_code (overall),
                                     lf_status_json_string (overall, "status"));

  components = lf_status_json_array (result, "status");
  for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
    {
      JsonObject *component = lf_status_json_array_object (components, i);
      g_autofree char *id = NULL;
      JsonArray *containers;
      LfSeverity severity;

      if (component == NULL)
        continue;

      id = lf_status_json_id (component, "id");
      if (!lf_status_has_filter (filter) ||
          !lf_status_matches_filter (filter, id, lf_status_json_string (component, "name")))
        continue;

      /* The real state may be only on the containers (regions): take the worst. */
      severity = statusio_object_code (component);
      containers = lf_status_json_array (component, "containers");
      for (guint j = 0; containers != NULL && j < json_array_get_length (containers); j++)
        severity = lf_status_severity_worst (
          severity, statusio_object_code (lf_status_json_array_object (containers, j)));

      matched = TRUE;
      watched = lf_status_severity_worst (watched, severity);
    }

  statusio_add_events (report, lf_status_json_array (result, "incidents"), FALSE, FALSE,
                       matched ? filter : NULL, &events);
  maintenance = lf_status_json_object (result, "maintenance");
  statusio_add_events (report, lf_status_json_array (maintenance, "active"), TRUE, FALSE,
                       matched ? filter : NULL, &events);
  statusio_add_events (report, lf_status_json_array (maintenance, "upcoming"), TRUE, TRUE,
                       matched ? filter : NULL, &events);

  if (matched)
    report->indicator = lf_status_severity_worst (watched, events);

  return g_steal_pointer (&report);
}
