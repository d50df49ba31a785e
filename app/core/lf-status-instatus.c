/* lf-status-instatus.c — the Instatus reader (a page's public summary.json)
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

/* An Instatus page answers `GET <page>/summary.json` without authentication:
 *
 *   { "page": { "name", "url", "status": "UP" | "HASISSUES" | "UNDERMAINTENANCE" },
 *     "activeIncidents": [ { "id", "name", "started", "status", "impact", "url" } ],
 *     "activeMaintenances": [ { "id", "name", "start", "status", "duration", "url" } ] }
 *
 * Both arrays are left out when empty. Incident `status` is INVESTIGATING, IDENTIFIED,
 * MONITORING or RESOLVED; `impact` (and a component's status) OPERATIONAL,
 * DEGRADEDPERFORMANCE, PARTIALOUTAGE, MINOROUTAGE, MAJOROUTAGE or UNDERMAINTENANCE; a
 * maintenance's `status` NOTSTARTEDYET, INPROGRESS or COMPLETED. Names are plain strings in
 * summary.json and `{ "default": … }` objects in the page's own data: both are read.
 * docs/CATALOG.md names the sources of these facts and of the test payloads.
 */

static LfSeverity
instatus_impact (const char *value)
{
  if (g_strcmp0 (value, "OPERATIONAL") == 0)
    return LF_SEVERITY_OPERATIONAL;
  if (g_strcmp0 (value, "DEGRADEDPERFORMANCE") == 0)
    return LF_SEVERITY_DEGRADED;
  if (g_strcmp0 (value, "PARTIALOUTAGE") == 0 || g_strcmp0 (value, "MINOROUTAGE") == 0)
    return LF_SEVERITY_PARTIAL;
  if (g_strcmp0 (value, "MAJOROUTAGE") == 0)
    return LF_SEVERITY_MAJOR;
  if (g_strcmp0 (value, "UNDERMAINTENANCE") == 0)
    return LF_SEVERITY_MAINTENANCE;

  return LF_SEVERITY_UNKNOWN;
}

/* A name: a string, or an object of translations with a "default". */
static const char *
instatus_name (JsonObject *object)
{
  const char *name = lf_status_json_string (object, "name");

  if (name == NULL)
    name = lf_status_json_string (lf_status_json_object (object, "name"), "default");

  return name;
}

static void
instatus_add (LfStatusReport     *report,
              JsonArray          *array,
              gboolean            maintenance,
              const char * const *filter,
              LfSeverity         *worst)
{
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *obj = lf_status_json_array_object (array, i);
      g_autoptr(LfStatusIncident) incident = NULL;
      const char *status;

      if (obj == NULL)
        continue;

      status = lf_status_json_string (obj, "status");
      if (g_strcmp0 (status, "RESOLVED") == 0 || g_strcmp0 (status, "COMPLETED") == 0)
        continue;

      incident = lf_status_incident_new ();
      incident->id = lf_status_json_id (obj, "id");
      incident->title = g_strdup (instatus_name (obj));
      incident->url = g_strdup (lf_status_json_string (obj, "url"));
      incident->started_at = lf_status_parse_time (lf_status_json_string (obj, maintenance
                                                                          ? "start"
                                                                          : "started"));
      incident->maintenance = maintenance;
      incident->upcoming = maintenance && g_strcmp0 (status, "NOTSTARTEDYET") == 0;
      if (maintenance)
        incident->severity = LF_SEVERITY_MAINTENANCE;
      else
        {
          incident->severity = instatus_impact (lf_status_json_string (obj, "impact"));
          /* An open incident whose impact says "operational" still says something is
           * wrong: it counts as degraded, never as fine. */
          if (incident->severity == LF_SEVERITY_OPERATIONAL)
            incident->severity = LF_SEVERITY_DEGRADED;
        }

      if (!lf_status_collect_components (incident, lf_status_json_array (obj, "components"),
                                         "id", "name", filter))
        continue;

      if (!incident->upcoming)
        *worst = lf_status_severity_worst (*worst, incident->severity);
      g_ptr_array_add (report->incidents, g_steal_pointer (&incident));
    }
}

LfStatusReport *
lf_status_parse_instatus (JsonNode           *root,
                          const char * const *filter,
                          GError            **error)
{
  JsonObject *obj;
  JsonObject *page;
  const char *status;
  g_autoptr(LfStatusReport) report = NULL;
  LfSeverity events = LF_SEVERITY_OPERATIONAL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      lf_status_set_parse_error (error, LF_STATUS_KIND_INSTATUS, _("not a JSON object"));
      return NULL;
    }

  obj = json_node_get_object (root);
  page = lf_status_json_object (obj, "page");
  if (page == NULL)
    {
      lf_status_set_parse_error (error, LF_STATUS_KIND_INSTATUS, _("no “page” object"));
      return NULL;
    }

  report = lf_status_report_new_for (LF_SEVERITY_UNKNOWN, NULL);
  report->page_url = g_strdup (lf_status_json_string (page, "url"));
  report->page_name = g_strdup (instatus_name (page));

  instatus_add (report, lf_status_json_array (obj, "activeIncidents"), FALSE,
                lf_status_has_filter (filter) ? filter : NULL, &events);
  instatus_add (report, lf_status_json_array (obj, "activeMaintenances"), TRUE,
                lf_status_has_filter (filter) ? filter : NULL, &events);

  status = lf_status_json_string (page, "status");
  if (lf_status_has_filter (filter))
    /* summary.json names no components: the open events that may touch the watched ones. */
    report->indicator = events;
  else if (g_strcmp0 (status, "UP") == 0)
    report->indicator = lf_status_severity_worst (LF_SEVERITY_OPERATIONAL, events);
  else if (g_strcmp0 (status, "UNDERMAINTENANCE") == 0)
    report->indicator = lf_status_severity_worst (LF_SEVERITY_MAINTENANCE, events);
  else if (g_strcmp0 (status, "HASISSUES") == 0)
    /* Issues the summary does not itemise are at least a degradation. */
    report->indicator = lf_status_severity_worst (LF_SEVERITY_DEGRADED, events);
  else
    report->indicator = LF_SEVERITY_UNKNOWN;

  return g_steal_pointer (&report);
}
