/* lf-status-incidentio.c — the incident.io widget API reader
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
/* incident.io widget API                                                    */
/* ------------------------------------------------------------------------ */

static void
incidentio_add (LfStatusReport     *report,
                JsonArray          *array,
                gboolean            maintenance,
                gboolean            upcoming,
                const char * const *filter,
                LfSeverity         *worst)
{
  guint n = array ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *obj = lf_status_json_array_object (array, i);
      g_autoptr(LfStatusIncident) incident = NULL;
      const char *started;

      if (obj == NULL || g_strcmp0 (lf_status_json_string (obj, "status"), "resolved") == 0)
        continue;

      incident = lf_status_incident_new ();
      incident->id = lf_status_json_id (obj, "id");
      incident->title = g_strdup (lf_status_json_string (obj, "name"));
      incident->url = g_strdup (lf_status_json_string (obj, "url"));
      incident->maintenance = maintenance;
      incident->upcoming = upcoming;
      started = lf_status_json_string (obj, upcoming ? "starts_at" : "started_at");
      if (started == NULL)
        started = lf_status_json_string (obj, "last_update_at");
      incident->started_at = lf_status_parse_time (started);

      if (maintenance)
        incident->severity = LF_SEVERITY_MAINTENANCE;
      else
        incident->severity =
          lf_status_statuspage_component (lf_status_json_string (obj, "current_worst_impact"));

      if (!lf_status_collect_components (incident,
                                         lf_status_json_array (obj, "affected_components"),
                                         "id", "name", filter))
        continue;

      if (!upcoming)
        *worst = lf_status_severity_worst (*worst, incident->severity);
      g_ptr_array_add (report->incidents, g_steal_pointer (&incident));
    }
}

LfStatusReport *
lf_status_parse_incidentio (JsonNode           *root,
                            const char * const *filter,
                            GError            **error)
{
  JsonObject *obj;
  g_autoptr(LfStatusReport) report = NULL;
  LfSeverity worst = LF_SEVERITY_OPERATIONAL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      lf_status_set_parse_error (error, LF_STATUS_KIND_INCIDENTIO, _("not a JSON object"));
      return NULL;
    }

  obj = json_node_get_object (root);

  /* incident.io also serves a Statuspage-compatible summary.json. */
  if (json_object_has_member (obj, "status") && json_object_has_member (obj, "page"))
    return lf_status_parse_statuspage (root, filter, error);

  if (!json_object_has_member (obj, "page_title") &&
      !json_object_has_member (obj, "ongoing_incidents") &&
      !json_object_has_member (obj, "in_progress_maintenances"))
    {
      lf_status_set_parse_error (error, LF_STATUS_KIND_INCIDENTIO,
                                 _("not a widget summary (no “page_title” or "
                                   "“ongoing_incidents”)"));
      return NULL;
    }

  report = lf_status_report_new_for (LF_SEVERITY_UNKNOWN, NULL);
  report->page_url = g_strdup (lf_status_json_string (obj, "page_url"));
  report->page_name = g_strdup (lf_status_json_string (obj, "page_title"));

  incidentio_add (report, lf_status_json_array (obj, "ongoing_incidents"), FALSE, FALSE,
                  lf_status_has_filter (filter) ? filter : NULL, &worst);
  incidentio_add (report, lf_status_json_array (obj, "in_progress_maintenances"), TRUE, FALSE,
                  lf_status_has_filter (filter) ? filter : NULL, &worst);
  incidentio_add (report, lf_status_json_array (obj, "scheduled_maintenances"), TRUE, TRUE,
                  lf_status_has_filter (filter) ? filter : NULL, &worst);

  report->indicator = worst;

  return g_steal_pointer (&report);
}
