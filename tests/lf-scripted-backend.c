/* lf-scripted-backend.c — a monitor backend that answers from a script (tests, screenshots)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-scripted-backend.h"

/* Test and screenshot code only. Each probe is answered, after a short delay, by the first
 * scripted rule whose text is part of the URL (else by the default answer), with realistic
 * timings; each status source likewise (else "operational"). The real monitor takes these
 * answers through its real state machines, confirmation and diagnosis. */

typedef struct
{
  char     *url_part;
  guint     http_status;
  LfCause   cause;
  char     *cdn;
  char     *ray_id;
  double    total_ms;
} ProbeRule;

typedef struct
{
  char       *url_part;
  LfSeverity  indicator;
  char       *title;
  char       *url;
} StatusRule;

struct _LfScriptedBackend
{
  GObject    parent_instance;

  GPtrArray *probes;     /* ProbeRule */
  GPtrArray *statuses;   /* StatusRule */
  ProbeRule  fallback;
  guint      delay_ms;
  guint      n_probes;
};

static void lf_scripted_backend_iface_init (LfMonitorBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LfScriptedBackend, lf_scripted_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LF_TYPE_MONITOR_BACKEND,
                                                      lf_scripted_backend_iface_init))

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static void
probe_rule_free (ProbeRule *rule)
{
  g_free (rule->url_part);
  g_free (rule->cdn);
  g_free (rule->ray_id);
  g_free (rule);
}

static void
status_rule_free (StatusRule *rule)
{
  g_free (rule->url_part);
  g_free (rule->title);
  g_free (rule->url);
  g_free (rule);
}

static LfProbeResult *
answer_probe (LfScriptedBackend *self,
              const char        *url)
{
  const ProbeRule *rule = &self->fallback;
  LfProbeResult *result = lf_probe_result_new (url);
  double total;

  for (guint i = 0; i < self->probes->len; i++)
    {
      ProbeRule *candidate = g_ptr_array_index (self->probes, i);

      if (strstr (url, candidate->url_part) != NULL)
        {
          rule = candidate;
          break;
        }
    }

  /* a little jitter, so a latency chart has a shape */
  total = rule->total_ms * (0.85 + 0.3 * g_random_double ());
  result->started_at = g_get_real_time ();
  result->http_status = rule->http_status;
  result->cause = rule->cause;
  result->cdn = g_strdup (rule->cdn);
  result->ray_id = g_strdup (rule->ray_id);
  result->total_ms = total;
  if (rule->http_status != 0)
    {
      result->dns_ms = total * 0.08;
      result->connect_ms = total * 0.12;
      result->tls_ms = g_str_has_prefix (url, "https:") ? total * 0.2 : -1;
      result->ttfb_ms = total * 0.9;
    }
  else
    {
      result->dns_ms = rule->cause == LF_CAUSE_DNS ? -1 : total * 0.1;
      result->connect_ms = -1;
      result->tls_ms = -1;
      result->ttfb_ms = -1;
    }
  if (rule->cause != LF_CAUSE_NONE && rule->http_status != 0)
    result->error_message = g_strdup_printf ("HTTP %u from %s", rule->http_status,
                                             rule->cdn != NULL ? rule->cdn : "the server");
  else if (rule->cause != LF_CAUSE_NONE)
    result->error_message = g_strdup ("Connection refused");

  return result;
}

static LfStatusReport *
answer_status (LfScriptedBackend  *self,
               const LfStatusSpec *spec)
{
  LfStatusReport *report = lf_status_report_new ();

  report->indicator = LF_SEVERITY_OPERATIONAL;
  report->description = g_strdup ("All Systems Operational");
  report->page_url = g_strdup (spec->page);
  report->fetched_at = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < self->statuses->len; i++)
    {
      StatusRule *rule = g_ptr_array_index (self->statuses, i);
      LfStatusIncident *incident;

      if (strstr (spec->url, rule->url_part) == NULL)
        continue;

      report->indicator = rule->indicator;
      g_free (report->description);
      report->description = g_strdup (rule->title);
      if (rule->title == NULL)
        break;

      incident = lf_status_incident_new ();
      incident->id = g_strdup ("scripted");
      incident->title = g_strdup (rule->title);
      incident->url = g_strdup (rule->url);
      incident->severity = rule->indicator;
      incident->maintenance = rule->indicator == LF_SEVERITY_MAINTENANCE;
      incident->started_at = g_get_real_time () / G_USEC_PER_SEC - 25 * 60;
      if (incident->components == NULL)
        incident->components = g_new0 (char *, 1);
      g_ptr_array_add (report->incidents, incident);
      break;
    }

  return report;
}

/* ------------------------------------------------------------------------------------------ */
/* LfMonitorBackend                                                                             */
/* ------------------------------------------------------------------------------------------ */

static gboolean
deliver_probe (GTask *task)
{
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, lf_probe_result_ref (g_task_get_task_data (task)),
                           (GDestroyNotify) lf_probe_result_unref);
  return G_SOURCE_REMOVE;
}

static gboolean
deliver_status (GTask *task)
{
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, lf_status_report_ref (g_task_get_task_data (task)),
                           (GDestroyNotify) lf_status_report_unref);
  return G_SOURCE_REMOVE;
}

static void
scripted_probe_async (LfMonitorBackend    *backend,
                      const LfProbeSpec   *spec,
                      guint                timeout_seconds,
                      guint                slow_ms,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  LfScriptedBackend *self = LF_SCRIPTED_BACKEND (backend);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GSource *source;

  self->n_probes++;
  g_task_set_task_data (task, answer_probe (self, spec->url),
                        (GDestroyNotify) lf_probe_result_unref);
  source = g_timeout_source_new (MAX (self->delay_ms, 1));
  g_task_attach_source (task, source, (GSourceFunc) deliver_probe);
  g_source_unref (source);
}

static LfProbeResult *
scripted_probe_finish (LfMonitorBackend  *backend,
                       GAsyncResult      *result,
                       GError           **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
scripted_fetch_status_async (LfMonitorBackend    *backend,
                             const LfStatusSpec  *spec,
                             guint                timeout_seconds,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  LfScriptedBackend *self = LF_SCRIPTED_BACKEND (backend);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GSource *source;

  g_task_set_task_data (task, answer_status (self, spec), (GDestroyNotify) lf_status_report_unref);
  source = g_timeout_source_new (MAX (self->delay_ms, 1));
  g_task_attach_source (task, source, (GSourceFunc) deliver_status);
  g_source_unref (source);
}

static LfStatusReport *
scripted_fetch_status_finish (LfMonitorBackend  *backend,
                              GAsyncResult      *result,
                              GError           **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
lf_scripted_backend_iface_init (LfMonitorBackendInterface *iface)
{
  iface->probe_async = scripted_probe_async;
  iface->probe_finish = scripted_probe_finish;
  iface->fetch_status_async = scripted_fetch_status_async;
  iface->fetch_status_finish = scripted_fetch_status_finish;
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static void
lf_scripted_backend_finalize (GObject *object)
{
  LfScriptedBackend *self = LF_SCRIPTED_BACKEND (object);

  g_ptr_array_unref (self->probes);
  g_ptr_array_unref (self->statuses);

  G_OBJECT_CLASS (lf_scripted_backend_parent_class)->finalize (object);
}

static void
lf_scripted_backend_class_init (LfScriptedBackendClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lf_scripted_backend_finalize;
}

static void
lf_scripted_backend_init (LfScriptedBackend *self)
{
  self->probes = g_ptr_array_new_with_free_func ((GDestroyNotify) probe_rule_free);
  self->statuses = g_ptr_array_new_with_free_func ((GDestroyNotify) status_rule_free);
  self->fallback.http_status = 200;
  self->fallback.cause = LF_CAUSE_NONE;
  self->fallback.total_ms = 180;
  self->delay_ms = 5;
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                   */
/* ------------------------------------------------------------------------------------------ */

LfScriptedBackend *
lf_scripted_backend_new (void)
{
  return g_object_new (LF_TYPE_SCRIPTED_BACKEND, NULL);
}

/* Forgets every rule: everything answers 200 in about 180 ms, every status is operational. */
void
lf_scripted_backend_clear (LfScriptedBackend *self)
{
  g_ptr_array_set_size (self->probes, 0);
  g_ptr_array_set_size (self->statuses, 0);
  lf_scripted_backend_set_default (self, 200, LF_CAUSE_NONE, 180);
}

/* The answer of every URL no rule matches. */
void
lf_scripted_backend_set_default (LfScriptedBackend *self,
                                 guint              http_status,
                                 LfCause            cause,
                                 double             total_ms)
{
  self->fallback.http_status = http_status;
  self->fallback.cause = cause;
  self->fallback.total_ms = total_ms;
}

void
lf_scripted_backend_script_probe (LfScriptedBackend *self,
                                  const char        *url_part,
                                  guint              http_status,
                                  LfCause            cause,
                                  const char        *cdn,
                                  const char        *ray_id,
                                  double             total_ms)
{
  ProbeRule *rule = g_new0 (ProbeRule, 1);

  rule->url_part = g_strdup (url_part);
  rule->http_status = http_status;
  rule->cause = cause;
  rule->cdn = g_strdup (cdn);
  rule->ray_id = g_strdup (ray_id);
  rule->total_ms = total_ms;
  g_ptr_array_insert (self->probes, 0, rule);   /* the newest rule wins */
}

void
lf_scripted_backend_script_status (LfScriptedBackend *self,
                                   const char        *url_part,
                                   LfSeverity         indicator,
                                   const char        *incident_title,
                                   const char        *incident_url)
{
  StatusRule *rule = g_new0 (StatusRule, 1);

  rule->url_part = g_strdup (url_part);
  rule->indicator = indicator;
  rule->title = g_strdup (incident_title);
  rule->url = g_strdup (incident_url);
  g_ptr_array_insert (self->statuses, 0, rule);
}

void
lf_scripted_backend_set_delay (LfScriptedBackend *self,
                               guint              delay_ms)
{
  self->delay_ms = delay_ms;
}

guint
lf_scripted_backend_get_n_probes (LfScriptedBackend *self)
{
  return self->n_probes;
}
