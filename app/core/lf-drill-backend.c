/* lf-drill-backend.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-drill-backend"

#include "config.h"

#include "lf-drill-backend.h"

#include <glib/gi18n.h>

/* The fire drill's LfMonitorBackend. The real monitor asks it to probe a URL or read a status
 * source, exactly as it asks the network backend; this one finds which catalog entry the URL
 * belongs to, asks the scenario what that target gets in the phase now in force, and answers
 * with a scripted LfProbeResult or LfStatusReport after the scripted latency (scaled by the
 * drill's speed). It holds no SoupSession and opens no socket: nothing leaves the machine.
 */

struct _LfDrillBackend
{
  GObject        parent_instance;

  LfDrillPlayer *player;
  LfCatalog     *catalog;
  guint          n_probes;
  guint          n_status_reads;
};

static void lf_drill_backend_iface_init (LfMonitorBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LfDrillBackend, lf_drill_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LF_TYPE_MONITOR_BACKEND,
                                                      lf_drill_backend_iface_init))

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static gboolean
find_probe_target (LfDrillBackend      *self,
                   const char          *url,
                   LfDrillTargetKind   *kind,
                   const char         **id,
                   const char * const **providers)
{
  for (guint i = 0; i < self->catalog->references->len; i++)
    {
      LfCatalogReference *reference = g_ptr_array_index (self->catalog->references, i);

      if (g_strcmp0 (reference->url, url) == 0)
        {
          *kind = LF_DRILL_TARGET_REFERENCE;
          *id = reference->id;
          *providers = NULL;
          return TRUE;
        }
    }

  for (guint i = 0; i < self->catalog->platforms->len; i++)
    {
      LfCatalogPlatform *platform = g_ptr_array_index (self->catalog->platforms, i);

      for (guint j = 0; j < platform->probes->len; j++)
        {
          LfProbeSpec *spec = g_ptr_array_index (platform->probes, j);

          if (g_strcmp0 (spec->url, url) == 0)
            {
              *kind = LF_DRILL_TARGET_PLATFORM;
              *id = platform->id;
              *providers = (const char * const *) platform->providers;
              return TRUE;
            }
        }
    }

  return FALSE;
}

static gboolean
find_status_target (LfDrillBackend     *self,
                    const char         *url,
                    LfDrillTargetKind  *kind,
                    const char        **id)
{
  for (guint i = 0; i < self->catalog->providers->len; i++)
    {
      LfCatalogProvider *provider = g_ptr_array_index (self->catalog->providers, i);

      if (provider->status != NULL && g_strcmp0 (provider->status->url, url) == 0)
        {
          *kind = LF_DRILL_TARGET_PROVIDER;
          *id = provider->id;
          return TRUE;
        }
    }

  for (guint i = 0; i < self->catalog->platforms->len; i++)
    {
      LfCatalogPlatform *platform = g_ptr_array_index (self->catalog->platforms, i);

      if (platform->status != NULL && g_strcmp0 (platform->status->url, url) == 0)
        {
          *kind = LF_DRILL_TARGET_PLATFORM;
          *id = platform->id;
          return TRUE;
        }
    }

  return FALSE;
}

static LfProbeResult *
make_probe_result (const char          *url,
                   const LfDrillAnswer *answer)
{
  LfProbeResult *result = lf_probe_result_new (url);

  result->started_at = g_get_real_time ();
  result->http_status = answer->http_status;
  result->cause = answer->cause;
  result->cdn = g_strdup (answer->cdn);
  result->server = g_strcmp0 (answer->cdn, "cloudflare") == 0 ? g_strdup ("cloudflare") : NULL;
  result->ray_id = answer->ray ? lf_drill_make_ray_id () : NULL;
  result->error_code = g_strdup (answer->error_code);
  result->total_ms = answer->latency_ms;
  result->dns_ms = -1;
  result->connect_ms = -1;
  result->tls_ms = -1;
  result->ttfb_ms = answer->http_status != 0 ? (double) answer->latency_ms : -1.0;

  if (answer->cause != LF_CAUSE_NONE)
    {
      if (answer->http_status != 0)
        /* Translators: a scripted probe failure in a fire drill; the cause, the HTTP status */
        result->error_message = g_strdup_printf (_("%s (HTTP %u, fire drill)"),
                                                 lf_cause_describe (answer->cause),
                                                 answer->http_status);
      else
        /* Translators: a scripted probe failure in a fire drill */
        result->error_message = g_strdup_printf (_("%s (fire drill)"),
                                                 lf_cause_describe (answer->cause));
    }

  return result;
}

static LfStatusReport *
make_status_report (const LfStatusSpec  *spec,
                    const LfDrillStatus *status,
                    guint                phase)
{
  LfStatusReport *report = lf_status_report_new ();
  GDateTime *now = g_date_time_new_now_utc ();

  report->indicator = status->severity;
  report->page_url = g_strdup (spec->page);
  report->fetched_at = g_date_time_to_unix (now);
  for (guint i = 0; i < status->incidents->len; i++)
    {
      LfDrillIncident *scripted = g_ptr_array_index (status->incidents, i);
      LfStatusIncident *incident = lf_status_incident_new ();

      /* Stable ids within a phase: one incident for the monitor, not a new one per read. */
      incident->id = g_strdup_printf ("drill-%u-%u", phase, i);
      incident->title = g_strdup (scripted->title);
      incident->url = g_strdup (scripted->url);
      incident->started_at = report->fetched_at;
      incident->severity = scripted->severity;
      g_ptr_array_add (report->incidents, incident);
    }
  g_date_time_unref (now);

  return report;
}

static guint
scaled_delay (LfDrillBackend *self,
              guint           latency_ms)
{
  return (guint) (latency_ms / MAX (lf_drill_player_get_speed (self->player), 1.0));
}

static gboolean
return_task_cb (gpointer user_data)
{
  GTask *task = user_data;
  gpointer result = g_object_steal_data (G_OBJECT (task), "result");
  GError *error = g_object_steal_data (G_OBJECT (task), "error");
  GDestroyNotify destroy = g_object_get_data (G_OBJECT (task), "destroy");

  if (error != NULL)
    g_task_return_error (task, error);
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, result, destroy);
  else if (result != NULL)
    destroy (result);

  return G_SOURCE_REMOVE;
}

/* Answers after @delay_ms, as a request would. */
static void
return_later (GTask          *task,
              guint           delay_ms,
              gpointer        result,
              GDestroyNotify  destroy,
              GError         *error)
{
  g_object_set_data (G_OBJECT (task), "result", result);
  g_object_set_data (G_OBJECT (task), "destroy", destroy);
  g_object_set_data (G_OBJECT (task), "error", error);
  g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, return_task_cb, task, g_object_unref);
}

/* ------------------------------------------------------------------------ */
/* Interface implementation                                                 */
/* ------------------------------------------------------------------------ */

static void
drill_probe_async (LfMonitorBackend    *backend,
                   const LfProbeSpec   *spec,
                   guint                timeout_seconds,
                   guint                slow_ms,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  LfDrillBackend *self = LF_DRILL_BACKEND (backend);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  guint phase = lf_drill_player_get_phase (self->player);
  LfDrillScenario *scenario = lf_drill_player_get_scenario (self->player);
  const char * const *providers = NULL;
  const LfDrillAnswer *answer;
  LfDrillTargetKind kind;
  const char *id = NULL;

  g_task_set_source_tag (task, drill_probe_async);
  self->n_probes++;

  if (!find_probe_target (self, spec->url, &kind, &id, &providers))
    {
      return_later (task, 0, NULL, NULL,
                    g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                 "%s is not in the drill's catalog", spec->url));
      return;
    }

  answer = lf_drill_scenario_answer_probe (scenario, phase, kind, id, providers);
  return_later (task, scaled_delay (self, answer->latency_ms),
                make_probe_result (spec->url, answer), (GDestroyNotify) lf_probe_result_unref,
                NULL);
}

static LfProbeResult *
drill_probe_finish (LfMonitorBackend  *backend,
                    GAsyncResult      *result,
                    GError           **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
drill_fetch_status_async (LfMonitorBackend    *backend,
                          const LfStatusSpec  *spec,
                          guint                timeout_seconds,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  LfDrillBackend *self = LF_DRILL_BACKEND (backend);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  guint phase = lf_drill_player_get_phase (self->player);
  LfDrillScenario *scenario = lf_drill_player_get_scenario (self->player);
  const LfDrillStatus *status = NULL;
  LfDrillTargetKind kind;
  const char *id = NULL;

  g_task_set_source_tag (task, drill_fetch_status_async);
  self->n_status_reads++;

  if (find_status_target (self, spec->url, &kind, &id))
    status = lf_drill_scenario_answer_status (scenario, phase, kind, id);

  if (status == NULL || status->unreachable)
    {
      /* An unreadable status source is `unknown` for the monitor, never `up`. */
      return_later (task, scaled_delay (self, 300), NULL, NULL,
                    g_error_new (G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE,
                                 "%s cannot be reached (fire drill)", spec->url));
      return;
    }

  return_later (task, scaled_delay (self, 200), make_status_report (spec, status, phase),
                (GDestroyNotify) lf_status_report_unref, NULL);
}

static LfStatusReport *
drill_fetch_status_finish (LfMonitorBackend  *backend,
                           GAsyncResult      *result,
                           GError           **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
lf_drill_backend_iface_init (LfMonitorBackendInterface *iface)
{
  iface->probe_async = drill_probe_async;
  iface->probe_finish = drill_probe_finish;
  iface->fetch_status_async = drill_fetch_status_async;
  iface->fetch_status_finish = drill_fetch_status_finish;
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_drill_backend_finalize (GObject *object)
{
  LfDrillBackend *self = LF_DRILL_BACKEND (object);

  g_clear_object (&self->player);
  g_clear_pointer (&self->catalog, lf_catalog_unref);

  G_OBJECT_CLASS (lf_drill_backend_parent_class)->finalize (object);
}

static void
lf_drill_backend_class_init (LfDrillBackendClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lf_drill_backend_finalize;
}

static void
lf_drill_backend_init (LfDrillBackend *self)
{
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_drill_backend_new:
 * @player: the drill's clock and scenario
 * @catalog: the catalog the monitor uses (to know which entry a URL belongs to)
 *
 * Returns: (transfer full): a backend to give to lf_monitor_new() or lf_monitor_set_backend()
 */
LfDrillBackend *
lf_drill_backend_new (LfDrillPlayer *player,
                      LfCatalog     *catalog)
{
  LfDrillBackend *self;

  g_return_val_if_fail (LF_IS_DRILL_PLAYER (player), NULL);
  g_return_val_if_fail (catalog != NULL, NULL);

  self = g_object_new (LF_TYPE_DRILL_BACKEND, NULL);
  self->player = g_object_ref (player);
  self->catalog = lf_catalog_ref (catalog);

  return self;
}

/**
 * lf_drill_backend_get_player:
 *
 * Returns: (transfer none): the drill's player
 */
LfDrillPlayer *
lf_drill_backend_get_player (LfDrillBackend *self)
{
  g_return_val_if_fail (LF_IS_DRILL_BACKEND (self), NULL);

  return self->player;
}

/**
 * lf_drill_backend_get_n_probes:
 *
 * Returns: how many probes the monitor asked this backend for
 */
guint
lf_drill_backend_get_n_probes (LfDrillBackend *self)
{
  g_return_val_if_fail (LF_IS_DRILL_BACKEND (self), 0);

  return self->n_probes;
}

guint
lf_drill_backend_get_n_status_reads (LfDrillBackend *self)
{
  g_return_val_if_fail (LF_IS_DRILL_BACKEND (self), 0);

  return self->n_status_reads;
}
