/* lf-state-variant.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-state-variant"

#include "config.h"

#include "lf-state-variant.h"

/* The enums travel as their stable strings (lf-types.c), times as unix µs (x) or seconds,
 * nullable strings are left out when NULL. Nothing here is a client's data: platform, probe
 * and vendor status only. */

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
add_string (GVariantBuilder *builder,
            const char      *key,
            const char      *value)
{
  if (value != NULL)
    g_variant_builder_add (builder, "{sv}", key, g_variant_new_string (value));
}

static char *
dup_string (GVariantDict *dict,
            const char   *key)
{
  const char *value = NULL;

  if (g_variant_dict_lookup (dict, key, "&s", &value))
    return g_strdup (value);

  return NULL;
}

static double
lookup_double (GVariantDict *dict,
               const char   *key,
               double        fallback)
{
  double value;

  return g_variant_dict_lookup (dict, key, "d", &value) ? value : fallback;
}

static gint64
lookup_int64 (GVariantDict *dict,
              const char   *key)
{
  gint64 value;

  return g_variant_dict_lookup (dict, key, "x", &value) ? value : 0;
}

static guint
lookup_uint (GVariantDict *dict,
             const char   *key)
{
  guint32 value;

  return g_variant_dict_lookup (dict, key, "u", &value) ? value : 0;
}

static gboolean
lookup_boolean (GVariantDict *dict,
                const char   *key)
{
  gboolean value;

  return g_variant_dict_lookup (dict, key, "b", &value) ? value : FALSE;
}

static LfState
lookup_state (GVariantDict *dict,
              const char   *key)
{
  const char *str = NULL;
  LfState state = LF_STATE_UNKNOWN;

  if (g_variant_dict_lookup (dict, key, "&s", &str))
    lf_state_from_string (str, &state);

  return state;
}

static LfCause
lookup_cause (GVariantDict *dict,
              const char   *key)
{
  const char *str = NULL;
  LfCause cause = LF_CAUSE_NONE;

  if (g_variant_dict_lookup (dict, key, "&s", &str))
    lf_cause_from_string (str, &cause);

  return cause;
}

static LfSeverity
lookup_severity (GVariantDict *dict,
                 const char   *key)
{
  const char *str = NULL;
  LfSeverity severity = LF_SEVERITY_UNKNOWN;

  if (g_variant_dict_lookup (dict, key, "&s", &str))
    lf_severity_from_string (str, &severity);

  return severity;
}

static GVariant *
incident_to_variant (const LfStatusIncident *incident)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  add_string (&builder, "id", incident->id);
  add_string (&builder, "title", incident->title);
  add_string (&builder, "url", incident->url);
  g_variant_builder_add (&builder, "{sv}", "started-at", g_variant_new_int64 (incident->started_at));
  g_variant_builder_add (&builder, "{sv}", "severity",
                         g_variant_new_string (lf_severity_to_string (incident->severity)));
  g_variant_builder_add (&builder, "{sv}", "maintenance", g_variant_new_boolean (incident->maintenance));
  g_variant_builder_add (&builder, "{sv}", "upcoming", g_variant_new_boolean (incident->upcoming));
  g_variant_builder_add (&builder, "{sv}", "components",
                         g_variant_new_strv ((const char * const *) incident->components, -1));

  return g_variant_builder_end (&builder);
}

static LfStatusIncident *
incident_from_variant (GVariant *value)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (value);
  LfStatusIncident *incident = lf_status_incident_new ();
  const char **components = NULL;

  incident->id = dup_string (&dict, "id");
  incident->title = dup_string (&dict, "title");
  incident->url = dup_string (&dict, "url");
  incident->started_at = lookup_int64 (&dict, "started-at");
  incident->severity = lookup_severity (&dict, "severity");
  incident->maintenance = lookup_boolean (&dict, "maintenance");
  incident->upcoming = lookup_boolean (&dict, "upcoming");
  if (g_variant_dict_lookup (&dict, "components", "^a&s", &components))
    {
      g_strfreev (incident->components);
      incident->components = g_strdupv ((char **) components);
      g_free (components);
    }
  if (incident->components == NULL)
    incident->components = g_new0 (char *, 1);

  return incident;
}

/* ------------------------------------------------------------------------ */
/* Probe results                                                            */
/* ------------------------------------------------------------------------ */

/**
 * lf_probe_result_to_variant:
 * @result: a probe result
 *
 * Returns: (transfer floating): @result as an a{sv}
 */
GVariant *
lf_probe_result_to_variant (const LfProbeResult *result)
{
  GVariantBuilder builder;

  g_return_val_if_fail (result != NULL, NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  add_string (&builder, "url", result->url);
  g_variant_builder_add (&builder, "{sv}", "started-at", g_variant_new_int64 (result->started_at));
  g_variant_builder_add (&builder, "{sv}", "http-status", g_variant_new_uint32 (result->http_status));
  g_variant_builder_add (&builder, "{sv}", "cause",
                         g_variant_new_string (lf_cause_to_string (result->cause)));
  add_string (&builder, "cdn", result->cdn);
  add_string (&builder, "ray-id", result->ray_id);
  add_string (&builder, "server", result->server);
  add_string (&builder, "error-message", result->error_message);
  add_string (&builder, "error-code", result->error_code);
  g_variant_builder_add (&builder, "{sv}", "dns-ms", g_variant_new_double (result->dns_ms));
  g_variant_builder_add (&builder, "{sv}", "connect-ms", g_variant_new_double (result->connect_ms));
  g_variant_builder_add (&builder, "{sv}", "tls-ms", g_variant_new_double (result->tls_ms));
  g_variant_builder_add (&builder, "{sv}", "ttfb-ms", g_variant_new_double (result->ttfb_ms));
  g_variant_builder_add (&builder, "{sv}", "total-ms", g_variant_new_double (result->total_ms));
  g_variant_builder_add (&builder, "{sv}", "body-bytes", g_variant_new_uint64 (result->body_bytes));
  g_variant_builder_add (&builder, "{sv}", "body-truncated",
                         g_variant_new_boolean (result->body_truncated));

  return g_variant_builder_end (&builder);
}

/**
 * lf_probe_result_from_variant:
 * @dict: an a{sv} from lf_probe_result_to_variant()
 *
 * Returns: (transfer full): the probe result it describes
 */
LfProbeResult *
lf_probe_result_from_variant (GVariant *dict)
{
  g_auto(GVariantDict) d = G_VARIANT_DICT_INIT (dict);
  g_autofree char *url = NULL;
  LfProbeResult *result;
  guint64 body_bytes = 0;

  g_return_val_if_fail (g_variant_is_of_type (dict, G_VARIANT_TYPE_VARDICT), NULL);

  url = dup_string (&d, "url");
  result = lf_probe_result_new (url);
  result->started_at = lookup_int64 (&d, "started-at");
  result->http_status = lookup_uint (&d, "http-status");
  result->cause = lookup_cause (&d, "cause");
  result->cdn = dup_string (&d, "cdn");
  result->ray_id = dup_string (&d, "ray-id");
  result->server = dup_string (&d, "server");
  result->error_message = dup_string (&d, "error-message");
  result->error_code = dup_string (&d, "error-code");
  result->dns_ms = lookup_double (&d, "dns-ms", -1);
  result->connect_ms = lookup_double (&d, "connect-ms", -1);
  result->tls_ms = lookup_double (&d, "tls-ms", -1);
  result->ttfb_ms = lookup_double (&d, "ttfb-ms", -1);
  result->total_ms = lookup_double (&d, "total-ms", 0);
  if (g_variant_dict_lookup (&d, "body-bytes", "t", &body_bytes))
    result->body_bytes = body_bytes;
  result->body_truncated = lookup_boolean (&d, "body-truncated");

  return result;
}

/* ------------------------------------------------------------------------ */
/* Status reports                                                           */
/* ------------------------------------------------------------------------ */

/**
 * lf_status_report_to_variant:
 * @report: a vendor status report
 *
 * Returns: (transfer floating): @report (with its incidents) as an a{sv}
 */
GVariant *
lf_status_report_to_variant (const LfStatusReport *report)
{
  GVariantBuilder builder;
  GVariantBuilder incidents;

  g_return_val_if_fail (report != NULL, NULL);

  g_variant_builder_init (&incidents, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; report->incidents != NULL && i < report->incidents->len; i++)
    g_variant_builder_add_value (&incidents,
                                 incident_to_variant (g_ptr_array_index (report->incidents, i)));

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "indicator",
                         g_variant_new_string (lf_severity_to_string (report->indicator)));
  add_string (&builder, "description", report->description);
  add_string (&builder, "page-url", report->page_url);
  add_string (&builder, "page-name", report->page_name);
  g_variant_builder_add (&builder, "{sv}", "fetched-at", g_variant_new_int64 (report->fetched_at));
  g_variant_builder_add (&builder, "{sv}", "incidents", g_variant_builder_end (&incidents));

  return g_variant_builder_end (&builder);
}

/**
 * lf_status_report_from_variant:
 * @dict: an a{sv} from lf_status_report_to_variant()
 *
 * Returns: (transfer full): the report it describes
 */
LfStatusReport *
lf_status_report_from_variant (GVariant *dict)
{
  g_auto(GVariantDict) d = G_VARIANT_DICT_INIT (dict);
  g_autoptr(GVariant) incidents = NULL;
  LfStatusReport *report;

  g_return_val_if_fail (g_variant_is_of_type (dict, G_VARIANT_TYPE_VARDICT), NULL);

  report = lf_status_report_new ();
  report->indicator = lookup_severity (&d, "indicator");
  report->description = dup_string (&d, "description");
  report->page_url = dup_string (&d, "page-url");
  report->page_name = dup_string (&d, "page-name");
  report->fetched_at = lookup_int64 (&d, "fetched-at");

  incidents = g_variant_dict_lookup_value (&d, "incidents", G_VARIANT_TYPE ("aa{sv}"));
  for (gsize i = 0; incidents != NULL && i < g_variant_n_children (incidents); i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (incidents, i);

      g_ptr_array_add (report->incidents, incident_from_variant (child));
    }

  return report;
}

/* ------------------------------------------------------------------------ */
/* Diagnosis                                                                */
/* ------------------------------------------------------------------------ */

/**
 * lf_diagnosis_to_variant:
 * @diagnosis: (nullable): a diagnosis, or %NULL (none yet: still checking)
 *
 * Returns: (transfer floating): @diagnosis as an a{sv}, empty for %NULL
 */
GVariant *
lf_diagnosis_to_variant (LfDiagnosis *diagnosis)
{
  GVariantBuilder builder;
  const char * const *affected;

  g_return_val_if_fail (diagnosis == NULL || LF_IS_DIAGNOSIS (diagnosis), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  if (diagnosis == NULL)
    return g_variant_builder_end (&builder);

  affected = lf_diagnosis_get_affected (diagnosis);
  g_variant_builder_add (&builder, "{sv}", "kind",
                         g_variant_new_string (lf_diagnosis_kind_to_string (lf_diagnosis_get_kind (diagnosis))));
  add_string (&builder, "provider-id", lf_diagnosis_get_provider_id (diagnosis));
  add_string (&builder, "provider-name", lf_diagnosis_get_provider_name (diagnosis));
  add_string (&builder, "summary", lf_diagnosis_get_summary (diagnosis));
  if (affected != NULL)
    g_variant_builder_add (&builder, "{sv}", "affected", g_variant_new_strv (affected, -1));

  return g_variant_builder_end (&builder);
}

/**
 * lf_diagnosis_from_variant:
 * @dict: an a{sv} from lf_diagnosis_to_variant()
 *
 * Returns: (transfer full) (nullable): the diagnosis it describes, %NULL for none yet
 */
LfDiagnosis *
lf_diagnosis_from_variant (GVariant *dict)
{
  g_auto(GVariantDict) d = G_VARIANT_DICT_INIT (dict);
  g_autofree const char **affected = NULL;
  const char *kind_str = NULL;
  const char *provider_id = NULL;
  const char *provider_name = NULL;
  const char *summary = NULL;
  LfDiagnosisKind kind;

  g_return_val_if_fail (g_variant_is_of_type (dict, G_VARIANT_TYPE_VARDICT), NULL);

  if (!g_variant_dict_lookup (&d, "kind", "&s", &kind_str)
      || !lf_diagnosis_kind_from_string (kind_str, &kind))
    return NULL;

  g_variant_dict_lookup (&d, "provider-id", "&s", &provider_id);
  g_variant_dict_lookup (&d, "provider-name", "&s", &provider_name);
  g_variant_dict_lookup (&d, "summary", "&s", &summary);
  g_variant_dict_lookup (&d, "affected", "^a&s", &affected);

  return lf_diagnosis_new (kind, provider_id, provider_name, affected, summary);
}

/* ------------------------------------------------------------------------ */
/* Platform states                                                          */
/* ------------------------------------------------------------------------ */

/**
 * lf_platform_state_to_variant:
 * @state: a platform's state
 *
 * Returns: (transfer floating): everything a front end reads of @state, as an a{sv}
 */
GVariant *
lf_platform_state_to_variant (LfPlatformState *state)
{
  GVariantBuilder builder;
  GVariantBuilder probes;
  GVariantBuilder samples;
  GPtrArray *probe_array;
  GArray *sample_array;
  LfStatusReport *report;
  const char * const *providers;

  g_return_val_if_fail (LF_IS_PLATFORM_STATE (state), NULL);

  g_variant_builder_init (&probes, G_VARIANT_TYPE ("aa{sv}"));
  probe_array = lf_platform_state_get_probes (state);
  for (guint i = 0; probe_array != NULL && i < probe_array->len; i++)
    g_variant_builder_add_value (&probes,
                                 lf_probe_result_to_variant (g_ptr_array_index (probe_array, i)));

  g_variant_builder_init (&samples, G_VARIANT_TYPE ("a(xd)"));
  sample_array = lf_platform_state_get_latency_samples (state);
  for (guint i = 0; sample_array != NULL && i < sample_array->len; i++)
    {
      LfLatencySample *sample = &g_array_index (sample_array, LfLatencySample, i);

      g_variant_builder_add (&samples, "(xd)", sample->time, sample->latency_ms);
    }

  providers = lf_platform_state_get_providers (state);
  report = lf_platform_state_get_status_report (state);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  add_string (&builder, "id", lf_platform_state_get_id (state));
  add_string (&builder, "name", lf_platform_state_get_name (state));
  add_string (&builder, "category", lf_platform_state_get_category (state));
  if (providers != NULL)
    g_variant_builder_add (&builder, "{sv}", "providers", g_variant_new_strv (providers, -1));
  g_variant_builder_add (&builder, "{sv}", "state",
                         g_variant_new_string (lf_state_to_string (lf_platform_state_get_state (state))));
  g_variant_builder_add (&builder, "{sv}", "cause",
                         g_variant_new_string (lf_cause_to_string (lf_platform_state_get_cause (state))));
  g_variant_builder_add (&builder, "{sv}", "since",
                         g_variant_new_int64 (lf_platform_state_get_since (state)));
  g_variant_builder_add (&builder, "{sv}", "latency-ms",
                         g_variant_new_double (lf_platform_state_get_latency_ms (state)));
  g_variant_builder_add (&builder, "{sv}", "http-status",
                         g_variant_new_uint32 (lf_platform_state_get_http_status (state)));
  add_string (&builder, "cdn", lf_platform_state_get_cdn (state));
  add_string (&builder, "ray-id", lf_platform_state_get_ray_id (state));
  add_string (&builder, "explanation", lf_platform_state_get_explanation (state));
  g_variant_builder_add (&builder, "{sv}", "status-indicator",
                         g_variant_new_string (lf_severity_to_string (lf_platform_state_get_status_indicator (state))));
  add_string (&builder, "status-page", lf_platform_state_get_status_page (state));
  g_variant_builder_add (&builder, "{sv}", "last-checked",
                         g_variant_new_int64 (lf_platform_state_get_last_checked (state)));
  g_variant_builder_add (&builder, "{sv}", "probes", g_variant_builder_end (&probes));
  g_variant_builder_add (&builder, "{sv}", "samples", g_variant_builder_end (&samples));
  if (report != NULL)
    g_variant_builder_add (&builder, "{sv}", "status-report", lf_status_report_to_variant (report));

  return g_variant_builder_end (&builder);
}

/**
 * lf_platform_state_update_from_variant:
 * @state: the state to update (its id, name, category and providers stay)
 * @dict: an a{sv} from lf_platform_state_to_variant()
 *
 * Makes @state show what @dict says (lf_platform_state_restore()).
 */
void
lf_platform_state_update_from_variant (LfPlatformState *state,
                                       GVariant        *dict)
{
  g_auto(GVariantDict) d = G_VARIANT_DICT_INIT (dict);
  g_autoptr(GPtrArray) probes = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_probe_result_unref);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (LfLatencySample));
  g_autoptr(GVariant) probe_list = NULL;
  g_autoptr(GVariant) sample_list = NULL;
  g_autoptr(GVariant) report_dict = NULL;
  g_autoptr(LfStatusReport) report = NULL;
  g_autofree char *cdn = NULL;
  g_autofree char *ray_id = NULL;
  g_autofree char *explanation = NULL;
  g_autofree char *status_page = NULL;
  LfPlatformStateSnapshot snapshot = { 0 };

  g_return_if_fail (LF_IS_PLATFORM_STATE (state));
  g_return_if_fail (g_variant_is_of_type (dict, G_VARIANT_TYPE_VARDICT));

  probe_list = g_variant_dict_lookup_value (&d, "probes", G_VARIANT_TYPE ("aa{sv}"));
  for (gsize i = 0; probe_list != NULL && i < g_variant_n_children (probe_list); i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (probe_list, i);

      g_ptr_array_add (probes, lf_probe_result_from_variant (child));
    }

  sample_list = g_variant_dict_lookup_value (&d, "samples", G_VARIANT_TYPE ("a(xd)"));
  for (gsize i = 0; sample_list != NULL && i < g_variant_n_children (sample_list); i++)
    {
      LfLatencySample sample;

      g_variant_get_child (sample_list, i, "(xd)", &sample.time, &sample.latency_ms);
      g_array_append_val (samples, sample);
    }

  report_dict = g_variant_dict_lookup_value (&d, "status-report", G_VARIANT_TYPE_VARDICT);
  if (report_dict != NULL)
    report = lf_status_report_from_variant (report_dict);

  cdn = dup_string (&d, "cdn");
  ray_id = dup_string (&d, "ray-id");
  explanation = dup_string (&d, "explanation");
  status_page = dup_string (&d, "status-page");

  snapshot.state = lookup_state (&d, "state");
  snapshot.cause = lookup_cause (&d, "cause");
  snapshot.since = lookup_int64 (&d, "since");
  snapshot.latency_ms = lookup_double (&d, "latency-ms", -1);
  snapshot.http_status = lookup_uint (&d, "http-status");
  snapshot.cdn = cdn;
  snapshot.ray_id = ray_id;
  snapshot.explanation = explanation;
  snapshot.status_indicator = lookup_severity (&d, "status-indicator");
  snapshot.status_page = status_page;
  snapshot.last_checked = lookup_int64 (&d, "last-checked");
  snapshot.probes = probes;
  snapshot.status_report = report;
  snapshot.samples = samples;

  lf_platform_state_restore (state, &snapshot);
}

/**
 * lf_platform_state_new_from_variant:
 * @dict: an a{sv} from lf_platform_state_to_variant()
 *
 * Returns: (transfer full) (nullable): a new state showing @dict, %NULL without an id
 */
LfPlatformState *
lf_platform_state_new_from_variant (GVariant *dict)
{
  g_auto(GVariantDict) d = G_VARIANT_DICT_INIT (dict);
  g_autofree const char **providers = NULL;
  const char *id = NULL;
  const char *name = NULL;
  const char *category = NULL;
  LfPlatformState *state;

  g_return_val_if_fail (g_variant_is_of_type (dict, G_VARIANT_TYPE_VARDICT), NULL);

  if (!g_variant_dict_lookup (&d, "id", "&s", &id) || *id == '\0')
    return NULL;
  g_variant_dict_lookup (&d, "name", "&s", &name);
  g_variant_dict_lookup (&d, "category", "&s", &category);
  g_variant_dict_lookup (&d, "providers", "^a&s", &providers);

  state = lf_platform_state_new (id, name != NULL ? name : id, category, providers);
  lf_platform_state_update_from_variant (state, dict);

  return state;
}
