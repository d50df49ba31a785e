/* lf-monitor-summary.c — what a front end reports of a monitor: its worst state and the
 * `lifeline --check --json` document
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-monitor"

#include "config.h"

#include "lf-monitor.h"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
add_latency (JsonBuilder *builder,
             double       latency_ms)
{
  json_builder_set_member_name (builder, "latency_ms");
  if (latency_ms >= 0)
    json_builder_add_int_value (builder, (gint64) (latency_ms + 0.5));
  else
    json_builder_add_null_value (builder);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_monitor_get_worst_state:
 * @self: a #LfMonitor
 *
 * Returns: the worst state among the watched platforms (lf_state_worst()), %LF_STATE_UP when
 *   none is watched
 */
LfState
lf_monitor_get_worst_state (LfMonitor *self)
{
  GListModel *platforms;
  LfState worst = LF_STATE_UP;

  g_return_val_if_fail (LF_IS_MONITOR (self), LF_STATE_UNKNOWN);

  platforms = lf_monitor_get_platforms (self);
  for (guint i = 0; i < g_list_model_get_n_items (platforms); i++)
    {
      g_autoptr(LfPlatformState) platform = g_list_model_get_item (platforms, i);

      worst = lf_state_worst (worst, lf_platform_state_get_state (platform));
    }

  return worst;
}

/**
 * lf_monitor_to_json:
 * @self: a #LfMonitor that has a diagnosis (after a round)
 *
 * The document of `lifeline --check --json` (DESIGN.md, a stable interface): when it was
 * checked, the diagnosis, every watched platform (state, cause, provider, HTTP status,
 * latency, explanation, Ray ID, its status source's indicator and incidents) and every
 * reference of the catalog.
 *
 * Returns: (transfer full): the JSON object
 */
JsonNode *
lf_monitor_to_json (LfMonitor *self)
{
  LfMonitor *monitor = self;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GDateTime) checked = NULL;
  g_autofree char *checked_text = NULL;
  LfDiagnosis *diagnosis;
  LfCatalog *catalog;
  GListModel *platforms;
  guint n;

  g_return_val_if_fail (LF_IS_MONITOR (self), NULL);
  g_return_val_if_fail (lf_monitor_get_diagnosis (self) != NULL, NULL);

  builder = json_builder_new ();
  diagnosis = lf_monitor_get_diagnosis (monitor);
  catalog = lf_monitor_get_catalog (monitor);
  platforms = lf_monitor_get_platforms (monitor);
  n = g_list_model_get_n_items (platforms);

  checked = g_date_time_new_from_unix_utc (lf_monitor_get_last_checked (monitor) / G_USEC_PER_SEC);
  checked_text = g_date_time_format (checked, "%Y-%m-%dT%H:%M:%SZ");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "checked_at");
  json_builder_add_string_value (builder, checked_text);

  json_builder_set_member_name (builder, "diagnosis");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder,
                                 lf_diagnosis_kind_to_string (lf_diagnosis_get_kind (diagnosis)));
  json_builder_set_member_name (builder, "provider");
  if (lf_diagnosis_get_provider_id (diagnosis) != NULL)
    json_builder_add_string_value (builder, lf_diagnosis_get_provider_id (diagnosis));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, lf_diagnosis_get_summary (diagnosis));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "platforms");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LfPlatformState) state = g_list_model_get_item (platforms, i);
      LfCatalogPlatform *entry = lf_catalog_lookup_platform (catalog,
                                                             lf_platform_state_get_id (state));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, lf_platform_state_get_id (state));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, lf_platform_state_get_name (state));
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder,
                                     lf_state_to_string (lf_platform_state_get_state (state)));
      json_builder_set_member_name (builder, "cause");
      json_builder_add_string_value (builder,
                                     lf_cause_to_string (lf_platform_state_get_cause (state)));
      json_builder_set_member_name (builder, "provider");
      if (lf_platform_state_get_provider (state) != NULL)
        json_builder_add_string_value (builder, lf_platform_state_get_provider (state));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "http_status");
      if (lf_platform_state_get_http_status (state) != 0)
        json_builder_add_int_value (builder, lf_platform_state_get_http_status (state));
      else
        json_builder_add_null_value (builder);
      add_latency (builder, lf_platform_state_get_latency_ms (state));
      json_builder_set_member_name (builder, "explanation");
      json_builder_add_string_value (builder, lf_platform_state_get_explanation (state));
      if (lf_platform_state_get_ray_id (state) != NULL)
        {
          json_builder_set_member_name (builder, "ray_id");
          json_builder_add_string_value (builder, lf_platform_state_get_ray_id (state));
        }

      json_builder_set_member_name (builder, "status");
      if (entry != NULL && entry->status != NULL)
        {
          GPtrArray *incidents = lf_platform_state_get_incidents (state);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "indicator");
          json_builder_add_string_value (builder, lf_severity_to_string (
                                           lf_platform_state_get_status_indicator (state)));
          json_builder_set_member_name (builder, "incidents");
          json_builder_begin_array (builder);
          for (guint j = 0; j < incidents->len; j++)
            {
              LfStatusIncident *incident = g_ptr_array_index (incidents, j);

              if (incident->upcoming)
                continue;
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "title");
              json_builder_add_string_value (builder, incident->title);
              json_builder_set_member_name (builder, "url");
              if (incident->url != NULL)
                json_builder_add_string_value (builder, incident->url);
              else
                json_builder_add_null_value (builder);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      else
        json_builder_add_null_value (builder);

      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "references");
  json_builder_begin_array (builder);
  for (guint i = 0; i < catalog->references->len; i++)
    {
      LfCatalogReference *reference = g_ptr_array_index (catalog->references, i);
      LfProbeResult *probe = lf_monitor_get_reference_result (monitor, reference->id);
      gboolean ok = lf_monitor_get_reference_ok (monitor, reference->id);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, reference->id);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, ok);
      add_latency (builder, ok ? probe->total_ms : -1);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

