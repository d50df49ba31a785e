/* lf-monitor-backend.c — where the monitor's probes and status reports come from
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-monitor-backend"

#include "config.h"

#include "lf-monitor-backend.h"

#include "lf-http.h"

G_DEFINE_INTERFACE (LfMonitorBackend, lf_monitor_backend, G_TYPE_OBJECT)

/* The network backend: one SoupSession for every probe and status source, and one
 * conditional-request cache per status endpoint (ETag, Last-Modified, max-age). While a
 * source's cache is fresh its last report is returned without a request. */
struct _LfNetworkBackend
{
  GObject      parent_instance;

  SoupSession *session;
  GHashTable  *status_caches;   /* url → LfStatusCache */
};

static void lf_network_backend_iface_init (LfMonitorBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LfNetworkBackend, lf_network_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LF_TYPE_MONITOR_BACKEND,
                                                      lf_network_backend_iface_init))

/* ------------------------------------------------------------------------------------------ */
/* The interface                                                                                */
/* ------------------------------------------------------------------------------------------ */

static void
lf_monitor_backend_default_init (LfMonitorBackendInterface *iface)
{
}

void
lf_monitor_backend_probe_async (LfMonitorBackend    *self,
                                const LfProbeSpec   *spec,
                                guint                timeout_seconds,
                                guint                slow_ms,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (LF_IS_MONITOR_BACKEND (self));
  g_return_if_fail (spec != NULL);

  LF_MONITOR_BACKEND_GET_IFACE (self)->probe_async (self, spec, timeout_seconds, slow_ms,
                                                    cancellable, callback, user_data);
}

/**
 * lf_monitor_backend_probe_finish:
 *
 * Returns: (transfer full): the probe result; a failed probe is a result with its cause, an
 *   error only means the probe could not run (e.g. cancelled)
 */
LfProbeResult *
lf_monitor_backend_probe_finish (LfMonitorBackend  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (LF_IS_MONITOR_BACKEND (self), NULL);

  return LF_MONITOR_BACKEND_GET_IFACE (self)->probe_finish (self, result, error);
}

void
lf_monitor_backend_fetch_status_async (LfMonitorBackend    *self,
                                       const LfStatusSpec  *spec,
                                       guint                timeout_seconds,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (LF_IS_MONITOR_BACKEND (self));
  g_return_if_fail (spec != NULL);

  LF_MONITOR_BACKEND_GET_IFACE (self)->fetch_status_async (self, spec, timeout_seconds,
                                                           cancellable, callback, user_data);
}

/**
 * lf_monitor_backend_fetch_status_finish:
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error when the source could
 *   not be read
 */
LfStatusReport *
lf_monitor_backend_fetch_status_finish (LfMonitorBackend  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (LF_IS_MONITOR_BACKEND (self), NULL);

  return LF_MONITOR_BACKEND_GET_IFACE (self)->fetch_status_finish (self, result, error);
}

/* ------------------------------------------------------------------------------------------ */
/* The network backend: callbacks                                                               */
/* ------------------------------------------------------------------------------------------ */

static void
probe_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  LfProbeResult *probe = lf_probe_run_finish (result, &error);

  if (probe == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, probe, (GDestroyNotify) lf_probe_result_unref);
}

static void
fetch_status_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LfStatusCache *cache = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean not_modified = FALSE;
  LfStatusReport *report = lf_status_fetch_finish (result, &not_modified, &error);

  if (report == NULL && not_modified && lf_status_cache_get_report (cache) != NULL)
    report = lf_status_report_ref (lf_status_cache_get_report (cache));

  if (report == NULL)
    {
      if (error == NULL)
        error = g_error_new_literal (LF_STATUS_ERROR, LF_STATUS_ERROR_FAILED,
                                     "The status source gave no report");
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_pointer (task, report, (GDestroyNotify) lf_status_report_unref);
}

/* ------------------------------------------------------------------------------------------ */
/* The network backend: interface implementation                                               */
/* ------------------------------------------------------------------------------------------ */

static void
network_probe_async (LfMonitorBackend    *backend,
                     const LfProbeSpec   *spec,
                     guint                timeout_seconds,
                     guint                slow_ms,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  LfNetworkBackend *self = LF_NETWORK_BACKEND (backend);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, network_probe_async);
  lf_probe_run_async (self->session, spec, timeout_seconds, slow_ms, cancellable, probe_cb, task);
}

static LfProbeResult *
network_probe_finish (LfMonitorBackend  *backend,
                      GAsyncResult      *result,
                      GError           **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
network_fetch_status_async (LfMonitorBackend    *backend,
                            const LfStatusSpec  *spec,
                            guint                timeout_seconds,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  LfNetworkBackend *self = LF_NETWORK_BACKEND (backend);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  LfStatusCache *cache = g_hash_table_lookup (self->status_caches, spec->url);

  g_task_set_source_tag (task, network_fetch_status_async);

  if (cache == NULL)
    {
      cache = lf_status_cache_new ();
      g_hash_table_insert (self->status_caches, g_strdup (spec->url), cache);
    }
  g_task_set_task_data (task, cache, NULL);

  if (lf_status_cache_is_fresh (cache) && lf_status_cache_get_report (cache) != NULL)
    {
      g_task_return_pointer (task, lf_status_report_ref (lf_status_cache_get_report (cache)),
                             (GDestroyNotify) lf_status_report_unref);
      g_object_unref (task);
      return;
    }

  lf_status_fetch_async (self->session, spec, cache, timeout_seconds, cancellable,
                         fetch_status_cb, task);
}

static LfStatusReport *
network_fetch_status_finish (LfMonitorBackend  *backend,
                             GAsyncResult      *result,
                             GError           **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
lf_network_backend_iface_init (LfMonitorBackendInterface *iface)
{
  iface->probe_async = network_probe_async;
  iface->probe_finish = network_probe_finish;
  iface->fetch_status_async = network_fetch_status_async;
  iface->fetch_status_finish = network_fetch_status_finish;
}

/* ------------------------------------------------------------------------------------------ */
/* The network backend: GObject                                                                 */
/* ------------------------------------------------------------------------------------------ */

static void
lf_network_backend_finalize (GObject *object)
{
  LfNetworkBackend *self = LF_NETWORK_BACKEND (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->status_caches, g_hash_table_unref);

  G_OBJECT_CLASS (lf_network_backend_parent_class)->finalize (object);
}

static void
lf_network_backend_class_init (LfNetworkBackendClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lf_network_backend_finalize;
}

static void
lf_network_backend_init (LfNetworkBackend *self)
{
  self->status_caches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) lf_status_cache_free);
}

/**
 * lf_network_backend_new:
 * @session: (nullable): the application's session, %NULL for a new lf_http_session_new()
 *
 * Returns: (transfer full): a backend that probes the real network
 */
LfNetworkBackend *
lf_network_backend_new (SoupSession *session)
{
  LfNetworkBackend *self = g_object_new (LF_TYPE_NETWORK_BACKEND, NULL);

  self->session = session != NULL ? g_object_ref (session) : lf_http_session_new ();

  return self;
}

/**
 * lf_network_backend_get_session:
 *
 * Returns: (transfer none): the session every request goes through
 */
SoupSession *
lf_network_backend_get_session (LfNetworkBackend *self)
{
  g_return_val_if_fail (LF_IS_NETWORK_BACKEND (self), NULL);

  return self->session;
}
