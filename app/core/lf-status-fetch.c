/* lf-status-fetch.c — reading a status source over HTTP, with a conditional-request cache
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-status"

#include "config.h"

#include "lf-status-private.h"
#include "lf-http.h"

#include <glib/gi18n.h>
#include <string.h>

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

  seconds = CLAMP (g_ascii_strtoll (max_age, NULL, 10), 0, LF_STATUS_MAX_FRESH_SECONDS);
  if (age_header != NULL)
    age = CLAMP (g_ascii_strtoll (age_header, NULL, 10), 0, LF_STATUS_MAX_FRESH_SECONDS);
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
