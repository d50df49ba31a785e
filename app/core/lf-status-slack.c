/* lf-status-slack.c — the Slack status API v2.0.0 reader
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
/* Slack v2.0.0 current                                                      */
/* ------------------------------------------------------------------------ */

LfStatusReport *
lf_status_parse_slack (JsonNode           *root,
                       const char * const *filter,
                       GError            **error)
{
  JsonObject *obj;
  JsonArray *active;
  const char *status;
  g_autoptr(LfStatusReport) report = NULL;
  LfSeverity worst = LF_SEVERITY_OPERATIONAL;

  obj = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  active = lf_status_json_array (obj, "active_incidents");
  if (active == NULL)
    {
      lf_status_set_parse_error (error, LF_STATUS_KIND_SLACK, _("no “active_incidents” array"));
      return NULL;
    }

  status = lf_status_json_string (obj, "status");
  report = lf_status_report_new_for (LF_SEVERITY_UNKNOWN, status);
  report->page_url = g_strdup ("https://slack-status.com/");

  for (guint i = 0; i < json_array_get_length (active); i++)
    {
      JsonObject *entry = lf_status_json_array_object (active, i);
      g_autoptr(LfStatusIncident) incident = NULL;
      const char *entry_status;
      const char *type;

      if (entry == NULL)
        continue;

      entry_status = lf_status_json_string (entry, "status");
      if (g_strcmp0 (entry_status, "resolved") == 0 || g_strcmp0 (entry_status, "completed") == 0 ||
          g_strcmp0 (entry_status, "cancelled") == 0)
        continue;

      incident = lf_status_incident_new ();
      incident->id = lf_status_json_id (entry, "id");
      incident->title = g_strdup (lf_status_json_string (entry, "title"));
      incident->url = g_strdup (lf_status_json_string (entry, "url"));
      incident->started_at = lf_status_parse_time (lf_status_json_string (entry, "date_created"));

      type = lf_status_json_string (entry, "type");
      if (g_strcmp0 (entry_status, "scheduled") == 0)
        {
          incident->maintenance = TRUE;
          incident->upcoming = TRUE;
          incident->severity = LF_SEVERITY_MAINTENANCE;
        }
      else if (g_strcmp0 (type, "outage") == 0)
        incident->severity = LF_SEVERITY_MAJOR;
      else if (g_strcmp0 (type, "incident") == 0 || g_strcmp0 (type, "notice") == 0)
        incident->severity = LF_SEVERITY_DEGRADED;
      else if (g_strcmp0 (type, "maintenance") == 0)
        {
          incident->maintenance = TRUE;
          incident->severity = LF_SEVERITY_MAINTENANCE;
        }
      else
        incident->severity = LF_SEVERITY_UNKNOWN;

      if (!lf_status_collect_components (incident, lf_status_json_array (entry, "services"),
                                         NULL, NULL, lf_status_has_filter (filter) ? filter : NULL))
        continue;

      if (!incident->upcoming)
        worst = lf_status_severity_worst (worst, incident->severity);
      g_ptr_array_add (report->incidents, g_steal_pointer (&incident));
    }

  if (g_strcmp0 (status, "ok") == 0 || g_strcmp0 (status, "active") == 0)
    report->indicator = worst;
  else
    report->indicator = lf_status_severity_worst (LF_SEVERITY_UNKNOWN, worst);

  return g_steal_pointer (&report);
}
