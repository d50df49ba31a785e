/* lf-status.c — vendors' status sources, read and normalised to one severity scale
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-status"

#include "config.h"

#include "lf-status.h"
#include "lf-http.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* Five readers (Atlassian Statuspage v2, status.io v1, Slack v2.0.0, incident.io's widget
 * API, Google's incidents.json) that produce one LfStatusReport each. The rules they share
 * (reference/status-sources.md):
 *
 * - A payload that is not the expected shape is an error; an unknown enum value is
 *   LF_SEVERITY_UNKNOWN. Neither is ever "operational".
 * - Missing arrays are empty (incident.io's Statuspage-compatible summary omits them).
 * - Components are keyed by id; the watched components are named in the catalog, and a name
 *   that repeats across groups selects every component of that name.
 * - When a component filter applies, the indicator is the worst of the watched components
 *   (and of the incidents that touch them), not the page's roll-up. A filter that matches no
 *   component of the payload (renamed components, a payload without components) does not
 *   apply: the page's own indicator is used rather than a silent "operational".
 */

struct _LfStatusCache
{
  char           *url;
  char           *etag;
  char           *last_modified;
  gint64          expires_at;     /* real time, µs; 0 = not fresh */
  LfStatusReport *report;
};

G_DEFINE_QUARK (lf-status-error-quark, lf_status_error)
G_DEFINE_BOXED_TYPE (LfStatusSpec, lf_status_spec, lf_status_spec_copy, lf_status_spec_free)
G_DEFINE_BOXED_TYPE (LfStatusReport, lf_status_report, lf_status_report_ref,
                     lf_status_report_unref)

static const char * const kind_names[] = {
  [LF_STATUS_KIND_STATUSPAGE] = "statuspage",
  [LF_STATUS_KIND_STATUSIO] = "statusio",
  [LF_STATUS_KIND_SLACK] = "slack",
  [LF_STATUS_KIND_INCIDENTIO] = "incidentio",
  [LF_STATUS_KIND_GOOGLE_WORKSPACE] = "google-workspace",
};

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* Worse is larger. Unknown sits above maintenance: it never passes for "fine". */
static int
severity_rank (LfSeverity severity)
{
  switch (severity)
    {
    case LF_SEVERITY_OPERATIONAL: return 0;
    case LF_SEVERITY_MAINTENANCE: return 1;
    case LF_SEVERITY_UNKNOWN: return 2;
    case LF_SEVERITY_DEGRADED: return 3;
    case LF_SEVERITY_PARTIAL: return 4;
    case LF_SEVERITY_MAJOR: return 5;
    default: return 2;
    }
}

static LfSeverity
severity_worst (LfSeverity a,
                LfSeverity b)
{
  return severity_rank (a) >= severity_rank (b) ? a : b;
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

static JsonObject *
array_get_object (JsonArray *array,
                  guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* An id that may be a string or a number (Slack sends both). */
static char *
get_id (JsonObject *object,
        const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return NULL;

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return g_strdup_printf ("%.0f", json_node_get_double (node));

  return NULL;
}

static gboolean
get_int (JsonObject *object,
         const char *member,
         gint64     *out)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *out = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    *out = (gint64) json_node_get_double (node);
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *str = json_node_get_string (node);
      char *end = NULL;

      *out = g_ascii_strtoll (str, &end, 10);
      if (end == str || *end != '\0')
        return FALSE;
    }
  else
    return FALSE;

  return TRUE;
}

static gint64
parse_time (const char *iso8601)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = NULL;

  if (iso8601 == NULL)
    return 0;

  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (iso8601, utc);

  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

/* The watched components, compared by id or, case-insensitively, by name. */
static gboolean
matches_filter (const char * const *filter,
                const char         *id,
                const char         *name)
{
  if (filter == NULL)
    return TRUE;

  for (guint i = 0; filter[i] != NULL; i++)
    {
      if (id != NULL && g_strcmp0 (filter[i], id) == 0)
        return TRUE;
      if (name != NULL && g_utf8_collate (filter[i], name) == 0)
        return TRUE;
      if (name != NULL && g_ascii_strcasecmp (filter[i], name) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_filter (const char * const *filter)
{
  return filter != NULL && filter[0] != NULL;
}

static void
set_parse_error (GError     **error,
                 LfStatusKind kind,
                 const char  *problem)
{
  g_set_error (error, LF_STATUS_ERROR, LF_STATUS_ERROR_PARSE,
               _("Unreadable %s status: %s"), kind_names[kind], problem);
}

/* Names of the components an incident touches; whether any is watched. */
static gboolean
collect_components (LfStatusIncident   *incident,
                    JsonArray          *array,
                    const char         *id_member,
                    const char         *name_member,
                    const char * const *filter)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean any = FALSE;
  guint n = array ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *name = NULL;
      g_autofree char *id = NULL;

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *obj = json_node_get_object (node);

          name = get_string (obj, name_member);
          id = id_member ? get_id (obj, id_member) : NULL;
        }
      else if (JSON_NODE_TYPE (node) == JSON_NODE_VALUE &&
               json_node_get_value_type (node) == G_TYPE_STRING)
        name = json_node_get_string (node);

      if (name != NULL)
        g_strv_builder_add (builder, name);
      if (matches_filter (filter, id, name))
        any = TRUE;
    }

  g_strfreev (incident->components);
  incident->components = g_strv_builder_end (builder);

  /* An incident that names no component may touch any. */
  return n == 0 || any;
}

static LfStatusReport *
report_new_for (LfSeverity  indicator,
                const char *description)
{
  LfStatusReport *report = lf_status_report_new ();

  report->indicator = indicator;
  report->description = g_strdup (description);

  return report;
}

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

static LfSeverity
statuspage_component_status (const char *value)
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
      JsonObject *obj = array_get_object (array, i);
      g_autoptr(LfStatusIncident) incident = NULL;
      const char *status;
      const char *shortlink;
      gboolean upcoming = FALSE;

      if (obj == NULL)
        continue;

      status = get_string (obj, "status");
      if (g_strcmp0 (status, "resolved") == 0 || g_strcmp0 (status, "postmortem") == 0 ||
          g_strcmp0 (status, "completed") == 0)
        continue;
      if (maintenances && g_strcmp0 (status, "scheduled") == 0)
        upcoming = TRUE;

      incident = lf_status_incident_new ();
      incident->id = get_id (obj, "id");
      incident->title = g_strdup (get_string (obj, "name"));
      shortlink = get_string (obj, "shortlink");
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
          incident->started_at = parse_time (get_string (obj, "scheduled_for"));
        }
      else
        {
          incident->severity = statuspage_impact (get_string (obj, "impact"));
          incident->started_at = parse_time (get_string (obj, "started_at"));
        }
      if (incident->started_at == 0)
        incident->started_at = parse_time (get_string (obj, "created_at"));

      if (!collect_components (incident, get_array (obj, "components"), "id", "name", filter))
        continue;

      if (!upcoming)
        *watched = severity_worst (*watched, incident->severity);
      g_ptr_array_add (report->incidents, g_steal_pointer (&incident));
    }
}

static LfStatusReport *
parse_statuspage (JsonNode           *root,
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

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_parse_error (error, LF_STATUS_KIND_STATUSPAGE, _("not a JSON object"));
      return NULL;
    }

  obj = json_node_get_object (root);
  status = get_object (obj, "status");
  components = get_array (obj, "components");
  if (status == NULL && components == NULL && get_array (obj, "incidents") == NULL &&
      get_array (obj, "scheduled_maintenances") == NULL)
    {
      set_parse_error (error, LF_STATUS_KIND_STATUSPAGE,
                       _("none of “status”, “components”, “incidents” or "
                         "“scheduled_maintenances” is present"));
      return NULL;
    }

  if (status != NULL)
    page_indicator = statuspage_indicator (get_string (status, "indicator"));

  report = report_new_for (LF_SEVERITY_UNKNOWN, status ? get_string (status, "description") : NULL);
  page = get_object (obj, "page");
  report->page_url = g_strdup (get_string (page, "url"));

  for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
    {
      JsonObject *component = array_get_object (components, i);
      g_autofree char *id = NULL;
      const char *name;
      LfSeverity severity;

      if (component == NULL)
        continue;

      id = get_id (component, "id");
      name = get_string (component, "name");
      severity = statuspage_component_status (get_string (component, "status"));
      all_components = severity_worst (all_components, severity);

      if (has_filter (filter) && matches_filter (filter, id, name))
        {
          matched = TRUE;
          watched = severity_worst (watched, severity);
        }
    }

  statuspage_add_events (report, get_array (obj, "incidents"), FALSE, report->page_url,
                         has_filter (filter) && matched ? filter : NULL, &events);
  statuspage_add_events (report, get_array (obj, "scheduled_maintenances"), TRUE,
                         report->page_url, has_filter (filter) && matched ? filter : NULL,
                         &events);

  if (has_filter (filter) && matched)
    report->indicator = watched;
  else if (status != NULL)
    report->indicator = components != NULL ? severity_worst (page_indicator, all_components)
                                           : page_indicator;
  else if (components != NULL)
    report->indicator = all_components;
  else
    report->indicator = LF_SEVERITY_UNKNOWN;   /* a list of incidents says nothing of now */

  /* An open incident on a watched component counts even if the component still looks fine;
   * maintenances in progress only when nothing worse is going on. */
  if (has_filter (filter) && matched && severity_rank (events) > severity_rank (watched))
    report->indicator = events;

  return g_steal_pointer (&report);
}

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

  if (!get_int (obj, "status_code", &code))
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
      JsonObject *obj = array_get_object (array, i);
      g_autoptr(LfStatusIncident) incident = NULL;
      JsonArray *messages;

      if (obj == NULL)
        continue;

      incident = lf_status_incident_new ();
      incident->id = get_id (obj, "_id");
      incident->title = g_strdup (get_string (obj, "name"));
      incident->url = g_strdup (report->page_url);
      incident->maintenance = maintenance;
      incident->upcoming = upcoming;
      incident->started_at = parse_time (get_string (obj, upcoming ? "datetime_planned_start"
                                                                   : "datetime_open"));
      if (incident->started_at == 0)
        incident->started_at = parse_time (get_string (obj, "datetime_planned_start"));

      if (maintenance)
        incident->severity = LF_SEVERITY_MAINTENANCE;
      else
        {
          /* The newest message carries the incident's current status code. */
          messages = get_array (obj, "messages");
          incident->severity = LF_SEVERITY_DEGRADED;
          if (messages != NULL && json_array_get_length (messages) > 0)
            {
              JsonObject *last = array_get_object (messages, json_array_get_length (messages) - 1);
              gint64 code;

              if (get_int (last, "status", &code))
                incident->severity = severity_worst (LF_SEVERITY_DEGRADED, statusio_code (code));
            }
        }

      if (!collect_components (incident, get_array (obj, "components_affected"), "_id", "name",
                               filter))
        continue;

      if (!upcoming)
        *watched = severity_worst (*watched, incident->severity);
      g_ptr_array_add (report->incidents, g_steal_pointer (&incident));
    }
}

static LfStatusReport *
parse_statusio (JsonNode           *root,
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

  result = JSON_NODE_HOLDS_OBJECT (root) ? get_object (json_node_get_object (root), "result")
                                         : NULL;
  overall = get_object (result, "status_overall");
  if (result == NULL || overall == NULL)
    {
      set_parse_error (error, LF_STATUS_KIND_STATUSIO, _("no “result.status_overall” object"));
      return NULL;
    }

  report = report_new_for (statusio_object_code (overall), get_string (overall, "status"));

  components = get_array (result, "status");
  for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
    {
      JsonObject *component = array_get_object (components, i);
      g_autofree char *id = NULL;
      JsonArray *containers;
      LfSeverity severity;

      if (component == NULL)
        continue;

      id = get_id (component, "id");
      if (!has_filter (filter) || !matches_filter (filter, id, get_string (component, "name")))
        continue;

      /* The real state may be only on the containers (regions): take the worst. */
      severity = statusio_object_code (component);
      containers = get_array (component, "containers");
      for (guint j = 0; containers != NULL && j < json_array_get_length (containers); j++)
        severity = severity_worst (severity,
                                   statusio_object_code (array_get_object (containers, j)));

      matched = TRUE;
      watched = severity_worst (watched, severity);
    }

  statusio_add_events (report, get_array (result, "incidents"), FALSE, FALSE,
                       matched ? filter : NULL, &events);
  maintenance = get_object (result, "maintenance");
  statusio_add_events (report, get_array (maintenance, "active"), TRUE, FALSE,
                       matched ? filter : NULL, &events);
  statusio_add_events (report, get_array (maintenance, "upcoming"), TRUE, TRUE,
                       matched ? filter : NULL, &events);

  if (matched)
    report->indicator = severity_worst (watched, events);

  return g_steal_pointer (&report);
}

/* ------------------------------------------------------------------------ */
/* Slack v2.0.0 current                                                      */
/* ------------------------------------------------------------------------ */

static LfStatusReport *
parse_slack (JsonNode           *root,
             const char * const *filter,
             GError            **error)
{
  JsonObject *obj;
  JsonArray *active;
  const char *status;
  g_autoptr(LfStatusReport) report = NULL;
  LfSeverity worst = LF_SEVERITY_OPERATIONAL;

  obj = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  active = get_array (obj, "active_incidents");
  if (active == NULL)
    {
      set_parse_error (error, LF_STATUS_KIND_SLACK, _("no “active_incidents” array"));
      return NULL;
    }

  status = get_string (obj, "status");
  report = report_new_for (LF_SEVERITY_UNKNOWN, status);
  report->page_url = g_strdup ("https://slack-status.com/");

  for (guint i = 0; i < json_array_get_length (active); i++)
    {
      JsonObject *entry = array_get_object (active, i);
      g_autoptr(LfStatusIncident) incident = NULL;
      const char *entry_status;
      const char *type;

      if (entry == NULL)
        continue;

      entry_status = get_string (entry, "status");
      if (g_strcmp0 (entry_status, "resolved") == 0 || g_strcmp0 (entry_status, "completed") == 0 ||
          g_strcmp0 (entry_status, "cancelled") == 0)
        continue;

      incident = lf_status_incident_new ();
      incident->id = get_id (entry, "id");
      incident->title = g_strdup (get_string (entry, "title"));
      incident->url = g_strdup (get_string (entry, "url"));
      incident->started_at = parse_time (get_string (entry, "date_created"));

      type = get_string (entry, "type");
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

      if (!collect_components (incident, get_array (entry, "services"), NULL, NULL,
                               has_filter (filter) ? filter : NULL))
        continue;

      if (!incident->upcoming)
        worst = severity_worst (worst, incident->severity);
      g_ptr_array_add (report->incidents, g_steal_pointer (&incident));
    }

  if (g_strcmp0 (status, "ok") == 0 || g_strcmp0 (status, "active") == 0)
    report->indicator = worst;
  else
    report->indicator = severity_worst (LF_SEVERITY_UNKNOWN, worst);

  return g_steal_pointer (&report);
}

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
      JsonObject *obj = array_get_object (array, i);
      g_autoptr(LfStatusIncident) incident = NULL;
      const char *started;

      if (obj == NULL || g_strcmp0 (get_string (obj, "status"), "resolved") == 0)
        continue;

      incident = lf_status_incident_new ();
      incident->id = get_id (obj, "id");
      incident->title = g_strdup (get_string (obj, "name"));
      incident->url = g_strdup (get_string (obj, "url"));
      incident->maintenance = maintenance;
      incident->upcoming = upcoming;
      started = get_string (obj, upcoming ? "starts_at" : "started_at");
      if (started == NULL)
        started = get_string (obj, "last_update_at");
      incident->started_at = parse_time (started);

      if (maintenance)
        incident->severity = LF_SEVERITY_MAINTENANCE;
      else
        incident->severity = statuspage_component_status (get_string (obj,
                                                                      "current_worst_impact"));

      if (!collect_components (incident, get_array (obj, "affected_components"), "id", "name",
                               filter))
        continue;

      if (!upcoming)
        *worst = severity_worst (*worst, incident->severity);
      g_ptr_array_add (report->incidents, g_steal_pointer (&incident));
    }
}

static LfStatusReport *
parse_incidentio (JsonNode           *root,
                  const char * const *filter,
                  GError            **error)
{
  JsonObject *obj;
  g_autoptr(LfStatusReport) report = NULL;
  LfSeverity worst = LF_SEVERITY_OPERATIONAL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_parse_error (error, LF_STATUS_KIND_INCIDENTIO, _("not a JSON object"));
      return NULL;
    }

  obj = json_node_get_object (root);

  /* incident.io also serves a Statuspage-compatible summary.json. */
  if (json_object_has_member (obj, "status") && json_object_has_member (obj, "page"))
    return parse_statuspage (root, filter, error);

  if (!json_object_has_member (obj, "page_title") &&
      !json_object_has_member (obj, "ongoing_incidents") &&
      !json_object_has_member (obj, "in_progress_maintenances"))
    {
      set_parse_error (error, LF_STATUS_KIND_INCIDENTIO,
                       _("not a widget summary (no “page_title” or “ongoing_incidents”)"));
      return NULL;
    }

  report = report_new_for (LF_SEVERITY_UNKNOWN, NULL);
  report->page_url = g_strdup (get_string (obj, "page_url"));

  incidentio_add (report, get_array (obj, "ongoing_incidents"), FALSE, FALSE,
                  has_filter (filter) ? filter : NULL, &worst);
  incidentio_add (report, get_array (obj, "in_progress_maintenances"), TRUE, FALSE,
                  has_filter (filter) ? filter : NULL, &worst);
  incidentio_add (report, get_array (obj, "scheduled_maintenances"), TRUE, TRUE,
                  has_filter (filter) ? filter : NULL, &worst);

  report->indicator = worst;

  return g_steal_pointer (&report);
}

/* ------------------------------------------------------------------------ */
/* Google incidents.json (Workspace and Cloud)                              */
/* ------------------------------------------------------------------------ */

static LfSeverity
google_impact (const char *value)
{
  if (g_strcmp0 (value, "SERVICE_OUTAGE") == 0)
    return LF_SEVERITY_MAJOR;
  if (g_strcmp0 (value, "SERVICE_DISRUPTION") == 0)
    return LF_SEVERITY_DEGRADED;
  if (g_strcmp0 (value, "SERVICE_INFORMATION") == 0)
    return LF_SEVERITY_OPERATIONAL;   /* listed, but it does not change the verdict */

  return LF_SEVERITY_UNKNOWN;
}

static LfStatusReport *
parse_google (JsonNode           *root,
              const char * const *filter,
              const char         *base_url,
              GError            **error)
{
  JsonArray *array;
  g_autoptr(LfStatusReport) report = NULL;
  LfSeverity worst = LF_SEVERITY_OPERATIONAL;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      set_parse_error (error, LF_STATUS_KIND_GOOGLE_WORKSPACE, _("not a JSON array"));
      return NULL;
    }

  array = json_node_get_array (root);
  report = report_new_for (LF_SEVERITY_UNKNOWN, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *obj = array_get_object (array, i);
      g_autoptr(LfStatusIncident) incident = NULL;
      g_autoptr(GStrvBuilder) names = NULL;
      JsonArray *products;
      JsonNode *end;
      const char *uri;
      const char *service;
      gboolean wanted;

      if (obj == NULL)
        {
          set_parse_error (error, LF_STATUS_KIND_GOOGLE_WORKSPACE,
                           _("an incident is not a JSON object"));
          return NULL;
        }

      /* Active = no end. The last update's status is not to be trusted for this. */
      end = json_object_get_member (obj, "end");
      if (end != NULL && !JSON_NODE_HOLDS_NULL (end))
        continue;

      incident = lf_status_incident_new ();
      incident->id = get_id (obj, "id");
      incident->title = g_strdup (get_string (obj, "external_desc"));
      incident->started_at = parse_time (get_string (obj, "begin"));
      incident->severity = google_impact (get_string (obj, "status_impact"));

      uri = get_string (obj, "uri");
      if (uri != NULL && base_url != NULL)
        {
          g_autoptr(GUri) resolved = g_uri_parse_relative (NULL, base_url, G_URI_FLAGS_NONE,
                                                            NULL);
          g_autoptr(GUri) full = resolved ? g_uri_parse_relative (resolved, uri,
                                                                  G_URI_FLAGS_NONE, NULL)
                                          : NULL;

          incident->url = full ? g_uri_to_string (full) : g_strdup (uri);
        }
      else
        incident->url = g_strdup (uri);

      /* Filter on the products (multi-product incidents say "Multiple Products"). */
      service = get_string (obj, "service_name");
      names = g_strv_builder_new ();
      products = get_array (obj, "affected_products");
      wanted = !has_filter (filter) || matches_filter (filter, get_string (obj, "service_key"),
                                                       service);
      for (guint j = 0; products != NULL && j < json_array_get_length (products); j++)
        {
          JsonObject *product = array_get_object (products, j);
          const char *title = get_string (product, "title");
          g_autofree char *id = product ? get_id (product, "id") : NULL;

          if (title != NULL)
            g_strv_builder_add (names, title);
          if (has_filter (filter) && matches_filter (filter, id, title))
            wanted = TRUE;
        }
      if (products == NULL && service != NULL)
        g_strv_builder_add (names, service);

      if (!wanted)
        continue;

      g_strfreev (incident->components);
      incident->components = g_strv_builder_end (names);
      worst = severity_worst (worst, incident->severity);
      g_ptr_array_add (report->incidents, g_steal_pointer (&incident));
    }

  report->indicator = worst;

  return g_steal_pointer (&report);
}

/* ------------------------------------------------------------------------ */
/* Fetching                                                                 */
/* ------------------------------------------------------------------------ */

typedef struct
{
  LfStatusSpec   *spec;
  LfStatusCache  *cache;
  LfHttpDeadline *deadline;
  SoupMessage    *msg;
  guint           timeout_seconds;
  gboolean        not_modified;
} Fetch;

static void
fetch_free (gpointer data)
{
  Fetch *fetch = data;

  g_clear_pointer (&fetch->spec, lf_status_spec_free);
  g_clear_pointer (&fetch->deadline, lf_http_deadline_free);
  g_clear_object (&fetch->msg);
  g_free (fetch);
}

static void
return_fetch_error (GTask  *task,
                    GError *error)
{
  Fetch *fetch = g_task_get_task_data (task);

  if (fetch->deadline != NULL && lf_http_deadline_expired (fetch->deadline))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                               _("No answer from %s within %u s"), fetch->spec->url,
                               fetch->timeout_seconds);
      g_error_free (error);
    }
  else
    g_task_return_error (task, error);
}

static void
cache_update_freshness (LfStatusCache *cache,
                        SoupMessage   *msg)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  const char *cache_control = soup_message_headers_get_list (headers, "Cache-Control");
  const char *age_header = soup_message_headers_get_one (headers, "Age");
  g_autoptr(GHashTable) params = NULL;
  const char *max_age;
  gint64 seconds = 0;
  gint64 age = 0;

  cache->expires_at = 0;
  if (cache_control == NULL)
    return;

  params = soup_header_parse_param_list (cache_control);
  if (g_hash_table_contains (params, "no-store") || g_hash_table_contains (params, "no-cache"))
    return;

  max_age = g_hash_table_lookup (params, "max-age");
  if (max_age == NULL)
    return;

  seconds = g_ascii_strtoll (max_age, NULL, 10);
  if (age_header != NULL)
    age = g_ascii_strtoll (age_header, NULL, 10);
  if (seconds - age > 0)
    cache->expires_at = g_get_real_time () + (seconds - age) * G_USEC_PER_SEC;
}

static void
cache_store (LfStatusCache  *cache,
             const char     *url,
             SoupMessage    *msg,
             LfStatusReport *report)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);

  g_free (cache->url);
  cache->url = g_strdup (url);
  g_free (cache->etag);
  cache->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  g_free (cache->last_modified);
  cache->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
  g_clear_pointer (&cache->report, lf_status_report_unref);
  cache->report = lf_status_report_ref (report);
  cache_update_freshness (cache, msg);
}

static void
read_body_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LfStatusReport) report = NULL;
  gboolean truncated = FALSE;

  body = lf_http_read_capped_finish (result, &truncated, &error);
  if (body == NULL)
    {
      return_fetch_error (task, g_steal_pointer (&error));
      return;
    }

  if (truncated)
    {
      g_task_return_new_error (task, LF_STATUS_ERROR, LF_STATUS_ERROR_TOO_LARGE,
                               _("The status at %s is larger than %u bytes"), fetch->spec->url,
                               (guint) LF_STATUS_MAX_BODY);
      return;
    }

  report = lf_status_parse_full (fetch->spec->kind, body,
                                 (const char * const *) fetch->spec->components,
                                 fetch->spec->page ? fetch->spec->page : fetch->spec->url,
                                 &error);
  if (report == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (report->page_url == NULL && fetch->spec->page != NULL)
    report->page_url = g_strdup (fetch->spec->page);

  if (fetch->cache != NULL)
    cache_store (fetch->cache, fetch->spec->url, fetch->msg, report);

  g_task_return_pointer (task, g_steal_pointer (&report), (GDestroyNotify) lf_status_report_unref);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessage *final = NULL;
  guint status;

  stream = lf_http_send_finish (result, &final, &error);
  g_set_object (&fetch->msg, final);
  g_clear_object (&final);

  if (stream == NULL)
    {
      return_fetch_error (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (fetch->msg);
  if (status == SOUP_STATUS_NOT_MODIFIED && fetch->cache != NULL && fetch->cache->report != NULL)
    {
      g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      cache_update_freshness (fetch->cache, fetch->msg);
      fetch->cache->report->fetched_at = g_get_real_time () / G_USEC_PER_SEC;
      fetch->not_modified = TRUE;
      g_task_return_pointer (task, lf_status_report_ref (fetch->cache->report),
                             (GDestroyNotify) lf_status_report_unref);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_new_error (task, LF_STATUS_ERROR, LF_STATUS_ERROR_HTTP,
                               _("The status source %s answered HTTP %u"), fetch->spec->url,
                               status);
      return;
    }

  lf_http_read_capped_async (stream, LF_STATUS_MAX_BODY,
                             lf_http_deadline_get_cancellable (fetch->deadline),
                             read_body_cb, g_steal_pointer (&task));
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

const char *
lf_status_kind_to_string (LfStatusKind kind)
{
  g_return_val_if_fail (kind <= LF_STATUS_KIND_GOOGLE_WORKSPACE, NULL);

  return kind_names[kind];
}

gboolean
lf_status_kind_from_string (const char   *str,
                            LfStatusKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (kind_names); i++)
    {
      if (strcmp (str, kind_names[i]) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

LfStatusSpec *
lf_status_spec_new (LfStatusKind        kind,
                    const char         *url,
                    const char         *page,
                    const char * const *components)
{
  LfStatusSpec *spec;

  g_return_val_if_fail (url != NULL, NULL);

  spec = g_new0 (LfStatusSpec, 1);
  spec->kind = kind;
  spec->url = g_strdup (url);
  spec->page = g_strdup (page);
  spec->components = g_strdupv ((char **) components);

  return spec;
}

LfStatusSpec *
lf_status_spec_copy (const LfStatusSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);

  return lf_status_spec_new (spec->kind, spec->url, spec->page,
                             (const char * const *) spec->components);
}

void
lf_status_spec_free (LfStatusSpec *spec)
{
  if (spec == NULL)
    return;

  g_free (spec->url);
  g_free (spec->page);
  g_strfreev (spec->components);
  g_free (spec);
}

LfStatusIncident *
lf_status_incident_new (void)
{
  LfStatusIncident *incident = g_new0 (LfStatusIncident, 1);

  incident->severity = LF_SEVERITY_UNKNOWN;
  incident->components = g_new0 (char *, 1);

  return incident;
}

void
lf_status_incident_free (LfStatusIncident *incident)
{
  if (incident == NULL)
    return;

  g_free (incident->id);
  g_free (incident->title);
  g_free (incident->url);
  g_strfreev (incident->components);
  g_free (incident);
}

LfStatusReport *
lf_status_report_new (void)
{
  LfStatusReport *report = g_new0 (LfStatusReport, 1);

  g_atomic_ref_count_init (&report->ref_count);
  report->indicator = LF_SEVERITY_UNKNOWN;
  report->incidents = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_status_incident_free);
  report->fetched_at = g_get_real_time () / G_USEC_PER_SEC;

  return report;
}

LfStatusReport *
lf_status_report_ref (LfStatusReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  g_atomic_ref_count_inc (&report->ref_count);

  return report;
}

void
lf_status_report_unref (LfStatusReport *report)
{
  g_return_if_fail (report != NULL);

  if (!g_atomic_ref_count_dec (&report->ref_count))
    return;

  g_free (report->description);
  g_free (report->page_url);
  g_ptr_array_unref (report->incidents);
  g_free (report);
}

/**
 * lf_status_report_count_active:
 *
 * Returns: the incidents and maintenances going on now (upcoming ones not counted)
 */
guint
lf_status_report_count_active (LfStatusReport *report)
{
  guint n = 0;

  g_return_val_if_fail (report != NULL, 0);

  for (guint i = 0; i < report->incidents->len; i++)
    {
      LfStatusIncident *incident = g_ptr_array_index (report->incidents, i);

      if (!incident->upcoming)
        n++;
    }

  return n;
}

/**
 * lf_status_parse:
 * @kind: the format of @body
 * @body: the payload
 * @components: (nullable) (array zero-terminated=1): names (or ids) of the components to
 *   watch; %NULL or empty for the whole page
 * @error: return location for a #GError
 *
 * Reads one status payload. A body that is not JSON or not the expected shape fails with
 * %LF_STATUS_ERROR_PARSE; unknown enum values give %LF_SEVERITY_UNKNOWN.
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
LfStatusReport *
lf_status_parse (LfStatusKind         kind,
                 GBytes              *body,
                 const char * const  *components,
                 GError             **error)
{
  return lf_status_parse_full (kind, body, components, NULL, error);
}

/**
 * lf_status_parse_full:
 * @base_url: (nullable): resolves relative incident links (Google's "uri")
 *
 * lf_status_parse() with a base for relative links.
 */
LfStatusReport *
lf_status_parse_full (LfStatusKind         kind,
                      GBytes              *body,
                      const char * const  *components,
                      const char          *base_url,
                      GError             **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize len;
  JsonNode *root;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (kind <= LF_STATUS_KIND_GOOGLE_WORKSPACE, NULL);

  data = g_bytes_get_data (body, &len);
  parser = json_parser_new_immutable ();
  if (len == 0 || !json_parser_load_from_data (parser, data, len, &local_error))
    {
      set_parse_error (error, kind, local_error ? local_error->message : _("empty body"));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      set_parse_error (error, kind, _("empty body"));
      return NULL;
    }

  switch (kind)
    {
    case LF_STATUS_KIND_STATUSPAGE:
      return parse_statuspage (root, components, error);
    case LF_STATUS_KIND_STATUSIO:
      return parse_statusio (root, components, error);
    case LF_STATUS_KIND_SLACK:
      return parse_slack (root, components, error);
    case LF_STATUS_KIND_INCIDENTIO:
      return parse_incidentio (root, components, error);
    case LF_STATUS_KIND_GOOGLE_WORKSPACE:
      return parse_google (root, components, base_url, error);
    default:
      g_assert_not_reached ();
    }
}

LfStatusCache *
lf_status_cache_new (void)
{
  return g_new0 (LfStatusCache, 1);
}

void
lf_status_cache_free (LfStatusCache *cache)
{
  if (cache == NULL)
    return;

  g_free (cache->url);
  g_free (cache->etag);
  g_free (cache->last_modified);
  g_clear_pointer (&cache->report, lf_status_report_unref);
  g_free (cache);
}

/**
 * lf_status_cache_is_fresh:
 *
 * Returns: %TRUE while the last answer's `Cache-Control: max-age` has not run out: the
 *   caller reuses lf_status_cache_get_report() instead of fetching
 */
gboolean
lf_status_cache_is_fresh (LfStatusCache *cache)
{
  g_return_val_if_fail (cache != NULL, FALSE);

  return cache->report != NULL && g_get_real_time () < cache->expires_at;
}

/**
 * lf_status_cache_get_report:
 *
 * Returns: (transfer none) (nullable): the last report read successfully
 */
LfStatusReport *
lf_status_cache_get_report (LfStatusCache *cache)
{
  g_return_val_if_fail (cache != NULL, NULL);

  return cache->report;
}

const char *
lf_status_cache_get_etag (LfStatusCache *cache)
{
  g_return_val_if_fail (cache != NULL, NULL);

  return cache->etag;
}

/**
 * lf_status_cache_get_expires:
 *
 * Returns: when the cached report stops being fresh (real time, µs), 0 if it is not
 */
gint64
lf_status_cache_get_expires (LfStatusCache *cache)
{
  g_return_val_if_fail (cache != NULL, 0);

  return cache->expires_at;
}

/**
 * lf_status_fetch_async:
 * @session: the application's session
 * @spec: what to read
 * @cache: (nullable): conditional-request state for this source, updated on success; it
 *   must outlive the operation
 * @timeout_seconds: deadline for the whole request, body included
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads a status source with a conditional request (If-None-Match / If-Modified-Since from
 * @cache); a 304 answer reuses the cached report. Bodies are capped at %LF_STATUS_MAX_BODY.
 * This does not check freshness: callers skip the call while lf_status_cache_is_fresh().
 */
void
lf_status_fetch_async (SoupSession         *session,
                       const LfStatusSpec  *spec,
                       LfStatusCache       *cache,
                       guint                timeout_seconds,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  SoupMessageHeaders *headers;
  Fetch *fetch;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (spec != NULL);
  g_return_if_fail (timeout_seconds > 0);

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_status_fetch_async);

  fetch = g_new0 (Fetch, 1);
  fetch->spec = lf_status_spec_copy (spec);
  fetch->cache = cache;
  fetch->timeout_seconds = timeout_seconds;
  g_task_set_task_data (task, fetch, fetch_free);

  msg = soup_message_new ("GET", spec->url);
  if (msg == NULL)
    {
      g_task_return_new_error (task, LF_STATUS_ERROR, LF_STATUS_ERROR_FAILED,
                               _("Invalid status address “%s”"), spec->url);
      return;
    }

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (cache != NULL && cache->report != NULL && g_strcmp0 (cache->url, spec->url) == 0)
    {
      if (cache->etag != NULL)
        soup_message_headers_replace (headers, "If-None-Match", cache->etag);
      if (cache->last_modified != NULL)
        soup_message_headers_replace (headers, "If-Modified-Since", cache->last_modified);
    }

  fetch->msg = g_object_ref (msg);
  fetch->deadline = lf_http_deadline_new (timeout_seconds * 1000, cancellable);
  lf_http_send_async (session, msg, LF_HTTP_MAX_REDIRECTS,
                      lf_http_deadline_get_cancellable (fetch->deadline),
                      send_cb, g_steal_pointer (&task));
}

/**
 * lf_status_fetch_finish:
 * @result: the result given to the callback
 * @not_modified: (out) (optional): %TRUE when the source answered 304 and the cached report
 *   was reused
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the report, or %NULL with @error set (the caller shows the
 *   source as unknown, never as operational)
 */
LfStatusReport *
lf_status_fetch_finish (GAsyncResult  *result,
                        gboolean      *not_modified,
                        GError       **error)
{
  Fetch *fetch;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  fetch = g_task_get_task_data (G_TASK (result));
  if (not_modified != NULL)
    *not_modified = fetch->not_modified;

  return g_task_propagate_pointer (G_TASK (result), error);
}
