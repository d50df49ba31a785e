/* lf-status-statuspage.c — the Atlassian Statuspage v2 reader (and incident.io's compatible
 * summary)
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
/* Atlassian Statuspage v2 (and incident.io's compatible summary)            */
/* ------------------------------------------------------------------------ */

static LfSeverity
statuspage_indicator (const char *value)
{
  if (g_strcmp0 (value, "none") == 0)
    return LF_SEVERITY_OPERATIONAL;
  if (g_strcmp0 (value, "minor") == 0)
    return LF_SEVERITY_DEGRADED;
  if (g_strcmp0 (value, "major") == 0)
    return LF_SEVERITY_PARTIAL;
  if (g_strcmp0 (value, "critical") == 0)
    return LF_SEVERITY_MAJOR;
  if (g_strcmp0 (value, "maintenance") == 0)
    return LF_SEVERITY_MAINTENANCE;

  return LF_SEVERITY_UNKNOWN;
}

LfSeverity
lf_status_statuspage_component (const char *value)
{
  if (g_strcmp0 (value, "operational") == 0)
    return LF_SEVERITY_OPERATIONAL;
  if (g_strcmp0 (value, "degraded_performance") == 0)
    return LF_SEVERITY_DEGRADED;
  if (g_strcmp0 (value, "partial_outage") == 0)
    return LF_SEVERITY_PARTIAL;
  if (g_strcmp0 (value, "major_outage") == 0 || g_strcmp0 (value, "full_outage") == 0)
    return LF_SEVERITY_MAJOR;
  if (g_strcmp0 (value, "under_maintenance") == 0)
    return LF_SEVERITY_MAINTENANCE;

  return LF_SEVERITY_UNKNOWN;
}

static LfSeverity
statuspage_impact (const char *value)
{
  /* An unresolved incident is at least a degradation, even with impact "none". */
  if (g_strcmp0 (value, "none") == 0 || g_strcmp0 (value, "minor") == 0)
    return LF_SEVERITY_DEGRADED;
  if (g_strcmp0 (value, "major") == 0)
    return LF_SEVERITY_PARTIAL;
  if (g_strcmp0 (value, "critical") == 0)
    return LF_SEVERITY_MAJOR;
  if (g_strcmp0 (value, "maintenance") == 0)
    return LF_SEVERITY_MAINTENANCE;

  return LF_SEVERITY_UNKNOWN;
}

static void
statuspage_add_events (LfStatusReport     *report,
                       JsonArray          *array,
                       gboolean            maintenances,
                       const char         *page_url,
                       const char * const *filter,
                       LfSeverity         *watched)
{
  guint n = array ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *obj = lf_status_json_array_object (array, i);
      g_autoptr(LfStatusIncident) incident = NULL;
      const char *status;
      const char *shortlink;
      gboolean upcoming = FALSE;

      if (obj == NULL)
        continue;

      status = lf_status_json_string (obj, "status");
      if (g_strcmp0 (status, "resolved") == 0 || g_strcmp0 (status, "postmortem") == 0 ||
          g_strcmp0 (status, "completed") == 0)
        continue;
      if (maintenances && g_strcmp0 (status, "scheduled") == 0)
        upcoming = TRUE;

      incident = lf_status_incident_new ();
      incident->id = lf_status_json_id (obj, "id");
      incident->title = g_strdup (lf_status_json_string (obj, "name"));
      shortlink = lf_status_json_string (obj, "shortlink");
      if (shortlink != NULL)
        incident->url = g_strdup (shortlink);
      else if (page_url != NULL && incident->id != NULL)
        incident->url = g_strdup_printf ("%s%sincidents/%s", page_url,
                                         g_str_has_suffix (page_url, "/") ? "" : "/",
                                         incident->id);
      incident->maintenance = maintenances;
      incident->upcoming = upcoming;
      if (maintenances)
        {
          incident->severity = LF_SEVERITY_MAINTENANCE;
          incident->started_at =
            lf_status_parse_time (lf_status_json_string (obj, "scheduled_for"));
        }
      else
        {
          incident->severity = statuspage_impact (lf_status_json_string (obj, "impact"));
          incident->started_at = lf_status_parse_time (lf_status_json_string (obj, "started_at"));
        }
      if (incident->started_at == 0)
        incident->started_at = lf_status_parse_time (lf_status_json_string (obj, "created_at"));

      if (!lf_status_collect_components (incident, lf_status_json_array (obj, "components"),
                                         "id", "name", filter))
        continue;

      if (!upcoming)
        *watched = lf_status_severity_worst (*watched, incident->severity);
      g_ptr_array_add (report->incidents, g_steal_pointer (&incident));
    }
}

LfStatusReport *
lf_status_parse_statuspage (JsonNode           *root,
                            const char * const *filter,
                            GError            **error)
{
  JsonObject *obj;
  JsonObject *status;
  JsonObject *page;
  JsonArray *components;
  g_autoptr(LfStatusReport) report = NULL;
  LfSeverity page_indicator = LF_SEVERITY_UNKNOWN;
  LfSeverity all_components = LF_SEVERITY_OPERATIONAL;
  LfSeverity watched = LF_SEVERITY_OPERATIONAL;
  LfSeverity events = LF_SEVERITY_OPERATIONAL;
  gboolean matched = FALSE;
  guint n_read = 0;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      lf_status_set_parse_error (error, LF_STATUS_KIND_STATUSPAGE, _("not a JSON object"));
      return NULL;
    }

  obj = json_node_get_object (root);
  status = lf_status_json_object (obj, "status");
  components = lf_status_json_array (obj, "components");
  if (status == NULL && components == NULL && lf_status_json_array (obj, "incidents") == NULL &&
      lf_status_json_array (obj, "scheduled_maintenances") == NULL)
    {
      lf_status_set_parse_error (error, LF_STATUS_KIND_STATUSPAGE,
                                 _("none of “status”, “components”, “incidents” or "
                                   "“scheduled_maintenances” is present"));
      return NULL;
    }

  if (status != NULL)
    page_indicator = statuspage_indicator (lf_status_json_string (status, "indicator"));

  report = lf_status_report_new_for (LF_SEVERITY_UNKNOWN,
                                     lf_status_json_string (status, "description"));
  page = lf_status_json_object (obj, "page");
  report->page_url = g_strdup (lf_status_json_string (page, "url"));
  report->page_name = g_strdup (lf_status_json_string (page, "name"));

  for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
    {
      JsonObject *component = lf_status_json_array_object (components, i);
      g_autofree char *id = NULL;
      const char *name;
      LfSeverity severity;

      if (component == NULL)
        continue;

      id = lf_status_json_id (component, "id");
      name = lf_status_json_string (component, "name");
      severity = lf_status_statuspage_component (lf_status_json_string (component, "status"));
      all_components = lf_status_severity_worst (all_components, severity);
      n_read++;

      if (lf_status_has_filter (filter) && lf_status_matches_filter (filter, id, name))
        {
          matched = TRUE;
          watched = lf_status_severity_worst (watched, severity);
        }
    }

  statuspage_add_events (report, lf_status_json_array (obj, "incidents"), FALSE, report->page_url,
                         lf_status_has_filter (filter) && matched ? filter : NULL, &events);
  statuspage_add_events (report, lf_status_json_array (obj, "scheduled_maintenances"), TRUE,
                         report->page_url, lf_status_has_filter (filter) && matched ? filter : NULL,
                         &events);

  if (lf_status_has_filter (filter) && matched)
    report->indicator = watched;
  else if (status != NULL)
    report->indicator = n_read > 0 ? lf_status_severity_worst (page_indicator, all_components)
                                   : page_indicator;
  else if (n_read > 0)
    report->indicator = all_components;
  else
    report->indicator = LF_SEVERITY_UNKNOWN;   /* no component read and no page indicator
                                                * (or only incidents): nothing said of now */

  /* An open incident on a watched component counts even if the component still looks fine;
   * maintenances in progress only when nothing worse is going on. */
  if (lf_status_has_filter (filter) && matched &&
      lf_status_severity_rank (events) > lf_status_severity_rank (watched))
    report->indicator = events;

  return g_steal_pointer (&report);
}
