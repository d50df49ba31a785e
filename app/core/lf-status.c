/* lf-status.c — vendors' status sources, read and normalised to one severity scale
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-status"

#include "config.h"

#include "lf-status-private.h"
#include "lf-json.h"

#include <glib/gi18n.h>
#include <string.h>

/* Six readers (Atlassian Statuspage v2, status.io v1, Slack v2.0.0, incident.io's widget
 * API, Google's incidents.json, Instatus's summary.json), one per lf-status-<vendor>.c, that
 * produce one LfStatusReport each; lf-status-fetch.c reads them over HTTP. This file holds the
 * public types, the dispatch and the helpers they share (lf-status-private.h). The rules every
 * reader follows (reference/status-sources.md):
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
  [LF_STATUS_KIND_INSTATUS] = "instatus",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == LF_STATUS_KIND_LAST + 1);

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* Worse is larger. Unknown sits above maintenance: it never passes for "fine". */
int
lf_status_severity_rank (LfSeverity severity)
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

LfSeverity
lf_status_severity_worst (LfSeverity a,
                          LfSeverity b)
{
  return lf_status_severity_rank (a) >= lf_status_severity_rank (b) ? a : b;
}

/* @member of @object when it is of @type, else NULL (also for a NULL @object). */
JsonNode *
lf_status_json_member (JsonObject   *object,
                       const char   *member,
                       JsonNodeType  type)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_TYPE (node) == type ? node : NULL;
}

const char *
lf_status_json_string (JsonObject *object,
                       const char *member)
{
  JsonNode *node = lf_status_json_member (object, member, JSON_NODE_VALUE);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

JsonArray *
lf_status_json_array (JsonObject *object,
                      const char *member)
{
  JsonNode *node = lf_status_json_member (object, member, JSON_NODE_ARRAY);

  return node != NULL ? json_node_get_array (node) : NULL;
}

JsonObject *
lf_status_json_object (JsonObject *object,
                       const char *member)
{
  JsonNode *node = lf_status_json_member (object, member, JSON_NODE_OBJECT);

  return node != NULL ? json_node_get_object (node) : NULL;
}

JsonObject *
lf_status_json_array_object (JsonArray *array,
                             guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* An id that may be a string or a number (Slack sends both). */
char *
lf_status_json_id (JsonObject *object,
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

gboolean
lf_status_json_int (JsonObject *object,
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

gint64
lf_status_parse_time (const char *iso8601)
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
gboolean
lf_status_matches_filter (const char * const *filter,
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

gboolean
lf_status_has_filter (const char * const *filter)
{
  return filter != NULL && filter[0] != NULL;
}

void
lf_status_set_parse_error (GError     **error,
                           LfStatusKind kind,
                           const char  *problem)
{
  g_set_error (error, LF_STATUS_ERROR, LF_STATUS_ERROR_PARSE,
               _("Unreadable %s status: %s"), kind_names[kind], problem);
}

/* Names of the components an incident touches; whether any is watched. */
gboolean
lf_status_collect_components (LfStatusIncident   *incident,
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

          /* Slack's services are strings: an object there has no name member to read. */
          name = name_member ? lf_status_json_string (obj, name_member) : NULL;
          id = id_member ? lf_status_json_id (obj, id_member) : NULL;
        }
      else if (JSON_NODE_TYPE (node) == JSON_NODE_VALUE &&
               json_node_get_value_type (node) == G_TYPE_STRING)
        name = json_node_get_string (node);

      if (name != NULL)
        g_strv_builder_add (builder, name);
      if (lf_status_matches_filter (filter, id, name))
        any = TRUE;
    }

  g_strfreev (incident->components);
  incident->components = g_strv_builder_end (builder);

  /* An incident that names no component may touch any. */
  return n == 0 || any;
}

LfStatusReport *
lf_status_report_new_for (LfSeverity  indicator,
                          const char *description)
{
  LfStatusReport *report = lf_status_report_new ();

  report->indicator = indicator;
  report->description = g_strdup (description);

  return report;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

const char *
lf_status_kind_to_string (LfStatusKind kind)
{
  g_return_val_if_fail (kind <= LF_STATUS_KIND_LAST, NULL);

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
  g_free (report->page_name);
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
 * lf_severity_get_state:
 * @severity: what a status source says
 *
 * The platform state a status source's verdict stands for on its own (as a platform's state
 * reads it when its probes are fine): a major outage is down, a partial one or a
 * degradation degraded.
 *
 * Returns: the state
 */
LfState
lf_severity_get_state (LfSeverity severity)
{
  switch (severity)
    {
    case LF_SEVERITY_OPERATIONAL:
      return LF_STATE_UP;
    case LF_SEVERITY_MAINTENANCE:
      return LF_STATE_MAINTENANCE;
    case LF_SEVERITY_DEGRADED:
    case LF_SEVERITY_PARTIAL:
      return LF_STATE_DEGRADED;
    case LF_SEVERITY_MAJOR:
      return LF_STATE_DOWN;
    case LF_SEVERITY_UNKNOWN:
    default:
      return LF_STATE_UNKNOWN;
    }
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
  g_return_val_if_fail (kind <= LF_STATUS_KIND_LAST, NULL);

  data = g_bytes_get_data (body, &len);
  parser = json_parser_new_immutable ();
  if (len == 0 || !lf_json_parser_load (parser, data, len, &local_error))
    {
      lf_status_set_parse_error (error, kind, local_error ? local_error->message : _("empty body"));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      lf_status_set_parse_error (error, kind, _("empty body"));
      return NULL;
    }

  switch (kind)
    {
    case LF_STATUS_KIND_STATUSPAGE:
      return lf_status_parse_statuspage (root, components, error);
    case LF_STATUS_KIND_STATUSIO:
      return lf_status_parse_statusio (root, components, error);
    case LF_STATUS_KIND_SLACK:
      return lf_status_parse_slack (root, components, error);
    case LF_STATUS_KIND_INCIDENTIO:
      return lf_status_parse_incidentio (root, components, error);
    case LF_STATUS_KIND_GOOGLE_WORKSPACE:
      return lf_status_parse_google (root, components, base_url, error);
    case LF_STATUS_KIND_INSTATUS:
      return lf_status_parse_instatus (root, components, error);
    default:
      g_assert_not_reached ();
    }
}
