/* lf-status-google.c — the reader of Google's incidents.json (Workspace and Cloud)
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

LfStatusReport *
lf_status_parse_google (JsonNode           *root,
                        const char * const *filter,
                        const char         *base_url,
                        GError            **error)
{
  JsonArray *array;
  g_autoptr(LfStatusReport) report = NULL;
  LfSeverity worst = LF_SEVERITY_OPERATIONAL;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      lf_status_set_parse_error (error, LF_STATUS_KIND_GOOGLE_WORKSPACE, _("not a JSON array"));
      return NULL;
    }

  array = json_node_get_array (root);
  report = lf_status_report_new_for (LF_SEVERITY_UNKNOWN, NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *obj = lf_status_json_array_object (array, i);
      g_autoptr(LfStatusIncident) incident = NULL;
      g_autoptr(GStrvBuilder) names = NULL;
      JsonArray *products;
      JsonNode *end;
      const char *uri;
      const char *service;
      gboolean wanted;

      if (obj == NULL)
        {
          lf_status_set_parse_error (error, LF_STATUS_KIND_GOOGLE_WORKSPACE,
                                     _("an incident is not a JSON object"));
          return NULL;
        }

      /* Active = no end. The last update's status is not to be trusted for this. */
      end = json_object_get_member (obj, "end");
      if (end != NULL && !JSON_NODE_HOLDS_NULL (end))
        continue;

      incident = lf_status_incident_new ();
      incident->id = lf_status_json_id (obj, "id");
      incident->title = g_strdup (lf_status_json_string (obj, "external_desc"));
      incident->started_at = lf_status_parse_time (lf_status_json_string (obj, "begin"));
      incident->severity = google_impact (lf_status_json_string (obj, "status_impact"));

      uri = lf_status_json_string (obj, "uri");
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
      service = lf_status_json_string (obj, "service_name");
      names = g_strv_builder_new ();
      products = lf_status_json_array (obj, "affected_products");
      wanted = !lf_status_has_filter (filter) ||
               lf_status_matches_filter (filter, lf_status_json_string (obj, "service_key"),
                                         service);
      for (guint j = 0; products != NULL && j < json_array_get_length (products); j++)
        {
          JsonObject *product = lf_status_json_array_object (products, j);
          const char *title = lf_status_json_string (product, "title");
          g_autofree char *id = product ? lf_status_json_id (product, "id") : NULL;

          if (title != NULL)
            g_strv_builder_add (names, title);
          if (lf_status_has_filter (filter) && lf_status_matches_filter (filter, id, title))
            wanted = TRUE;
        }
      if (products == NULL && service != NULL)
        g_strv_builder_add (names, service);

      if (!wanted)
        continue;

      g_strfreev (incident->components);
      incident->components = g_strv_builder_end (names);
      worst = lf_status_severity_worst (worst, incident->severity);
      g_ptr_array_add (report->incidents, g_steal_pointer (&incident));
    }

  report->indicator = worst;

  return g_steal_pointer (&report);
}
