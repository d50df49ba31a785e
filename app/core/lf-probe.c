/* lf-probe.c — one HTTP probe of a target, and the classifier that names its cause
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-probe"

#include "config.h"

#include "lf-probe.h"
#include "lf-http.h"

#include <glib/gi18n.h>
#include <string.h>

/* A probe sends one request on a fresh connection (so DNS, connect and TLS are measured every
 * time), reads at most LF_PROBE_BODY_CAP bytes of the body, and is cut off by its own deadline
 * whatever the server does. Its cause follows reference/status-sources.md §8:
 *
 *   transport errors        → dns / connect / tls / timeout
 *   cf-mitigated, 429,
 *   challenge or WAF page   → blocked (reachable, says nothing of health)
 *   Cloudflare 520–526, 530 → origin-via-cdn
 *   Cloudflare-branded 500/502/503/504
 *                           → cdn-edge, unless the page marks the host as the failing side
 *                             (then origin-via-cdn)
 *   other 4xx/5xx, wrong expected status → http-error
 *   slower than the threshold → slow
 */

G_DEFINE_BOXED_TYPE (LfProbeResult, lf_probe_result, lf_probe_result_ref, lf_probe_result_unref)

typedef struct
{
  LfProbeResult  *result;
  LfHttpDeadline *deadline;
  GCancellable   *caller_cancellable;
  SoupMessage    *msg;
  LfProbeSpec    *spec;
  gint64          start_us;      /* monotonic */
  guint           timeout_seconds;
  guint           slow_ms;
  SoupMessage    *first_msg;     /* the one whose connection events we follow */
  gulong          event_id;
  int             last_event;    /* GSocketClientEvent of the first request, -1 = none */
  gboolean        head_retried;
} Probe;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
probe_free (gpointer data)
{
  Probe *probe = data;

  if (probe->first_msg != NULL)
    g_clear_signal_handler (&probe->event_id, probe->first_msg);
  g_clear_object (&probe->first_msg);
  g_clear_pointer (&probe->result, lf_probe_result_unref);
  g_clear_pointer (&probe->deadline, lf_http_deadline_free);
  g_clear_object (&probe->caller_cancellable);
  g_clear_object (&probe->msg);
  g_clear_pointer (&probe->spec, lf_probe_spec_free);
  g_free (probe);
}

/* Case-insensitive search in a body that is not nul-terminated. */
static const char *
body_find (const char *body,
           gsize       body_len,
           const char *needle)
{
  gsize n = strlen (needle);

  if (body == NULL || n == 0 || body_len < n)
    return NULL;

  for (gsize i = 0; i + n <= body_len; i++)
    {
      if (g_ascii_strncasecmp (body + i, needle, n) == 0)
        return body + i;
    }

  return NULL;
}

static gboolean
body_has (const char *body,
          gsize       body_len,
          const char *needle)
{
  return body_find (body, body_len, needle) != NULL;
}

static gboolean
header_is (SoupMessageHeaders *headers,
           const char         *name,
           const char         *value)
{
  const char *v = headers ? soup_message_headers_get_one (headers, name) : NULL;

  return v != NULL && g_ascii_strcasecmp (v, value) == 0;
}

static gboolean
header_starts (SoupMessageHeaders *headers,
               const char         *name,
               const char         *prefix)
{
  const char *v = headers ? soup_message_headers_get_one (headers, name) : NULL;

  return v != NULL && g_ascii_strncasecmp (v, prefix, strlen (prefix)) == 0;
}

static gboolean
header_present (SoupMessageHeaders *headers,
                const char         *name)
{
  return headers != NULL && soup_message_headers_get_one (headers, name) != NULL;
}

static gboolean
header_contains (SoupMessageHeaders *headers,
                 const char         *name,
                 const char         *needle)
{
  const char *v = headers ? soup_message_headers_get_list (headers, name) : NULL;

  return v != NULL && body_has (v, strlen (v), needle);
}

/* Digits following @after in @body (e.g. "Error code 522", "<span>1016</span>"). */
static char *
digits_after (const char *body,
              gsize       body_len,
              const char *after)
{
  const char *p = body_find (body, body_len, after);
  const char *end = body + body_len;
  const char *start;

  if (p == NULL)
    return NULL;

  p += strlen (after);
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  start = p;
  while (p < end && g_ascii_isdigit (*p) && p - start < 5)
    p++;

  if (p - start < 3)
    return NULL;

  return g_strndup (start, p - start);
}

/* The Cloudflare error code of an error page: "Error code 5xx" in the older layout,
 * "cf-error-code">1020< or "<span>1016</span>" inside the heading in the newer one. */
static char *
cloudflare_error_code (SoupMessageHeaders *headers,
                       const char         *body,
                       gsize               body_len)
{
  const char *type = headers ? soup_message_headers_get_one (headers, "cf-error-type") : NULL;
  char *code;

  if (type != NULL && g_ascii_isdigit (type[0]))
    return g_strdup (type);

  if ((code = digits_after (body, body_len, "Error code")) != NULL)
    return code;
  if ((code = digits_after (body, body_len, "class=\"cf-error-code\">")) != NULL)
    return code;
  if ((code = digits_after (body, body_len, "Error</span>")) != NULL)
    return code;
  /* The newer layout writes only 1xxx codes as a bare <span> in the heading. */
  for (const char *p = body_find (body, body_len, "<span>"); p != NULL;
       p = body_find (p + 1, body_len - (p + 1 - body), "<span>"))
    {
      code = digits_after (p, body_len - (p - body), "<span>");
      if (code != NULL && strlen (code) == 4 && code[0] == '1')
        return code;
      g_free (code);
    }

  return NULL;
}

static gboolean
is_cloudflare (SoupMessageHeaders *headers)
{
  return header_starts (headers, "Server", "cloudflare") || header_present (headers, "cf-ray");
}

/* Cloudflare's error page layouts (reference §8.3). */
static gboolean
has_cloudflare_markup (const char *body,
                       gsize       body_len)
{
  return body_has (body, body_len, "cf-error-details") ||
         body_has (body, body_len, "cf-wrapper") ||
         body_has (body, body_len, "Cloudflare Ray ID") ||
         body_has (body, body_len, "Performance &amp; security by") ||
         body_has (body, body_len, "cloudflare.com/5xx-error-landing") ||
         body_has (body, body_len, "cloudflare-nginx") ||
         body_has (body, body_len, "on Cloudflare's network") ||
         body_has (body, body_len, "on Cloudflare&#039;s network");
}

/* Does the page mark the host (origin) column as the failing side? The class attribute of
 * the column's element follows its id within a few hundred bytes. */
static gboolean
host_marked_as_source (const char *body,
                       gsize       body_len)
{
  const char *host = body_find (body, body_len, "id=\"cf-host-status\"");
  const char *cloudflare = body_find (body, body_len, "id=\"cf-cloudflare-status\"");
  const char *end = body + body_len;
  const char *source;
  gsize window;

  if (host == NULL)
    return FALSE;

  /* The marked column carries class "cf-error-source" on the same element. */
  window = MIN ((gsize) (end - host), 300);
  source = body_find (host, window, "cf-error-source");
  if (source == NULL)
    {
      /* class may precede id: look back a little. */
      const char *back = MAX (body, host - 200);

      source = body_find (back, host - back, "cf-error-source");
    }

  if (source == NULL)
    return FALSE;

  /* Not a stray match belonging to the Cloudflare column. */
  if (cloudflare != NULL && cloudflare < host && source < host &&
      body_find (cloudflare, host - cloudflare, "cf-error-source") == source)
    return FALSE;

  return TRUE;
}

static gboolean
is_challenge_page (const char *body,
                   gsize       body_len)
{
  return body_has (body, body_len, "window._cf_chl_opt") ||
         body_has (body, body_len, "/cdn-cgi/challenge-platform/") ||
         body_has (body, body_len, "__cf_chl_") ||
         body_has (body, body_len, "cf-browser-verification") ||
         body_has (body, body_len, "jschl_vc") ||
         body_has (body, body_len, "<title>Just a moment...</title>") ||
         body_has (body, body_len, "Attention Required! | Cloudflare") ||
         body_has (body, body_len, "Sorry, you have been blocked");
}

/* Cloudflare 1xxx codes that mean "this visitor is filtered", not "the site is down". */
static gboolean
is_blocking_code (const char *code)
{
  static const char * const blocking[] = {
    "1005", "1006", "1007", "1008", "1009", "1010", "1012", "1015", "1020", "1106", NULL
  };

  return code != NULL && g_strv_contains (blocking, code);
}

static LfCause
classify_transport_error (GError *error)
{
  if (error->domain == G_RESOLVER_ERROR)
    return LF_CAUSE_DNS;

  if (error->domain == G_TLS_ERROR)
    return LF_CAUSE_TLS;

  if (error->domain == SOUP_SESSION_ERROR)
    return LF_CAUSE_HTTP_ERROR;   /* redirect loop, unparseable answer */

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_TIMED_OUT:
        case G_IO_ERROR_CANCELLED:   /* our own deadline */
          return LF_CAUSE_TIMEOUT;
        case G_IO_ERROR_HOST_NOT_FOUND:
          return LF_CAUSE_DNS;
        case G_IO_ERROR_CONNECTION_REFUSED:
        case G_IO_ERROR_HOST_UNREACHABLE:
        case G_IO_ERROR_NETWORK_UNREACHABLE:
        case G_IO_ERROR_BROKEN_PIPE:
        case G_IO_ERROR_NOT_CONNECTED:
        default:
          return LF_CAUSE_CONNECT;
        }
    }

  return LF_CAUSE_CONNECT;
}

static gboolean
status_expected (guint status,
                 guint expect_status)
{
  if (expect_status != 0)
    return status == expect_status;

  return status >= 200 && status < 400;
}

static double
span_ms (guint64 from,
         guint64 to)
{
  if (from == 0 || to == 0 || to < from)
    return -1;

  return (double) (to - from) / 1000.0;
}

static void
fill_timings (LfProbeResult *result,
              SoupMessage   *msg)
{
  SoupMessageMetrics *metrics = msg ? soup_message_get_metrics (msg) : NULL;
  guint64 connect_start, tls_start, connect_end;

  if (metrics == NULL)
    return;

  result->dns_ms = span_ms (soup_message_metrics_get_dns_start (metrics),
                            soup_message_metrics_get_dns_end (metrics));
  connect_start = soup_message_metrics_get_connect_start (metrics);
  tls_start = soup_message_metrics_get_tls_start (metrics);
  connect_end = soup_message_metrics_get_connect_end (metrics);
  if (tls_start != 0)
    {
      result->connect_ms = span_ms (connect_start, tls_start);
      result->tls_ms = span_ms (tls_start, connect_end);
    }
  else
    result->connect_ms = span_ms (connect_start, connect_end);
  result->ttfb_ms = span_ms (soup_message_metrics_get_request_start (metrics),
                             soup_message_metrics_get_response_start (metrics));
}

/* Where a request that ran out of time was stuck, from the last connection event seen. */
static const char *
describe_phase (int      last_event,
                gboolean answered)
{
  if (answered)
    return _("while reading the answer");

  switch (last_event)
    {
    case -1:
    case G_SOCKET_CLIENT_RESOLVING:
      return _("while resolving the name");
    case G_SOCKET_CLIENT_RESOLVED:
    case G_SOCKET_CLIENT_CONNECTING:
      return _("while connecting");
    case G_SOCKET_CLIENT_CONNECTED:
    case G_SOCKET_CLIENT_PROXY_NEGOTIATING:
    case G_SOCKET_CLIENT_PROXY_NEGOTIATED:
    case G_SOCKET_CLIENT_TLS_HANDSHAKING:
      return _("during the secure handshake");
    case G_SOCKET_CLIENT_TLS_HANDSHAKED:
    case G_SOCKET_CLIENT_COMPLETE:
    default:
      return _("waiting for the answer");
    }
}

static char *
describe (const LfProbeResult *result,
          guint                timeout_seconds,
          guint                slow_ms,
          guint                expect_status,
          GError              *transport_error,
          const char          *phase)
{
  g_autofree char *ray = result->ray_id ? g_strdup_printf (_(" (Ray ID %s)"), result->ray_id)
                                        : g_strdup ("");
  g_autofree char *code = result->error_code ? g_strdup_printf (_(", error %s"),
                                                                result->error_code)
                                             : g_strdup ("");

  switch (result->cause)
    {
    case LF_CAUSE_NONE:
      return NULL;
    case LF_CAUSE_DNS:
      return g_strdup_printf (_("The name does not resolve: %s"),
                              transport_error ? transport_error->message : "");
    case LF_CAUSE_CONNECT:
      return g_strdup_printf (_("Cannot connect: %s"),
                              transport_error ? transport_error->message : "");
    case LF_CAUSE_TLS:
      return g_strdup_printf (_("Secure connection failed: %s"),
                              transport_error ? transport_error->message : "");
    case LF_CAUSE_TIMEOUT:
      return g_strdup_printf (_("No complete answer within %u s (%s)"), timeout_seconds,
                              phase);
    case LF_CAUSE_CDN_EDGE:
      return g_strdup_printf (_("%s’s edge returned HTTP %u%s%s"),
                              g_strcmp0 (result->cdn, "cloudflare") == 0 ? "Cloudflare"
                                                                          : _("The CDN"),
                              result->http_status, code, ray);
    case LF_CAUSE_ORIGIN_VIA_CDN:
      return g_strdup_printf (_("The CDN cannot reach the platform’s servers: HTTP %u%s%s"),
                              result->http_status, code, ray);
    case LF_CAUSE_BLOCKED:
      return g_strdup_printf (_("A bot check or rate limit answered (HTTP %u%s)%s"),
                              result->http_status, code, ray);
    case LF_CAUSE_SLOW:
      return g_strdup_printf (_("Answered in %.0f ms, slower than %u ms"), result->total_ms,
                              slow_ms);
    case LF_CAUSE_HTTP_ERROR:
      if (transport_error != NULL)
        return g_strdup (transport_error->message);
      if (expect_status != 0)
        return g_strdup_printf (_("HTTP %u, expected %u"), result->http_status, expect_status);
      return g_strdup_printf (_("The server answered HTTP %u"), result->http_status);
    case LF_CAUSE_STATUS_PAGE:
    case LF_CAUSE_NETWORK:
    default:
      return g_strdup (lf_cause_describe (result->cause));
    }
}

static void
return_result (GTask   *task,
               guint    status,
               GError  *transport_error,
               GBytes  *body,
               gboolean truncated)
{
  Probe *probe = g_task_get_task_data (task);
  LfProbeResult *result = probe->result;
  SoupMessageHeaders *headers = NULL;
  const char *data = NULL;
  gsize len = 0;
  gint64 total_us = g_get_monotonic_time () - probe->start_us;

  if (probe->msg != NULL && status != 0)
    headers = soup_message_get_response_headers (probe->msg);

  if (body != NULL)
    data = g_bytes_get_data (body, &len);

  fill_timings (result, probe->msg);
  result->total_ms = total_us / 1000.0;
  result->http_status = status;
  result->body_bytes = len;
  result->body_truncated = truncated;
  if (headers != NULL)
    {
      result->server = g_strdup (soup_message_headers_get_one (headers, "Server"));
      result->ray_id = g_strdup (soup_message_headers_get_one (headers, "cf-ray"));
    }

  result->cause = lf_probe_classify_full (status, probe->spec->expect_status, headers, data, len,
                                          transport_error, total_us, probe->slow_ms,
                                          &result->cdn, &result->error_code);
  result->error_message = describe (result, probe->timeout_seconds, probe->slow_ms,
                                    probe->spec->expect_status, transport_error,
                                    describe_phase (probe->last_event,
                                                    probe->msg != NULL &&
                                                    soup_message_get_status (probe->msg) != 0));

  g_task_return_pointer (task, lf_probe_result_ref (result),
                         (GDestroyNotify) lf_probe_result_unref);
}

/* A failure: the caller's own cancellation is a GError; anything else is a result. */
static void
return_failure (GTask  *task,
                guint   status,
                GError *error)
{
  Probe *probe = g_task_get_task_data (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !lf_http_deadline_expired (probe->deadline))
    {
      g_task_return_error (task, g_error_copy (error));
      return;
    }

  if (lf_http_deadline_expired (probe->deadline))
    {
      g_autoptr(GError) timeout = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                               "No complete answer in time");

      return_result (task, 0, timeout, NULL, FALSE);
      return;
    }

  return_result (task, status, error, NULL, FALSE);
}

static void
read_body_cb (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Probe *probe = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  gboolean truncated = FALSE;

  body = lf_http_read_capped_finish (res, &truncated, &error);
  if (body == NULL)
    {
      return_failure (task, 0, error);
      return;
    }

  return_result (task, soup_message_get_status (probe->msg), NULL, body, truncated);
}

static void
on_network_event_cb (SoupMessage        *msg,
                     GSocketClientEvent  event,
                     GIOStream          *connection,
                     gpointer            user_data)
{
  Probe *probe = user_data;

  probe->last_event = event;
}

static void
send_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Probe *probe = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessage *final = NULL;

  stream = lf_http_send_finish (res, &final, &error);
  g_set_object (&probe->msg, final);
  g_clear_object (&final);

  if (stream == NULL)
    {
      /* A redirect loop still has a status and headers worth keeping. */
      guint status = g_error_matches (error, SOUP_SESSION_ERROR,
                                      SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS)
                     ? soup_message_get_status (probe->msg) : 0;

      return_failure (task, status, error);
      return;
    }

  /* HEAD has no body; a GET's body is read (capped) so that error pages can be recognised and
   * the total time includes the transfer, as a browser would see it. */
  if (g_strcmp0 (soup_message_get_method (probe->msg), "HEAD") == 0)
    {
      guint status = soup_message_get_status (probe->msg);

      g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);

      /* An error answer to HEAD has no page to tell a CDN's error from the origin's: ask
       * once more with GET, within the same deadline. */
      if (status >= 400 && !probe->head_retried)
        {
          GUri *uri = soup_message_get_uri (probe->msg);
          g_autoptr(SoupMessage) get = soup_message_new_from_uri ("GET", uri);
          SoupSession *session = g_task_get_source_object (task);

          probe->head_retried = TRUE;
          soup_message_set_flags (get, soup_message_get_flags (probe->msg));
          soup_message_headers_replace (soup_message_get_request_headers (get), "Cache-Control",
                                        "no-cache");
          g_set_object (&probe->msg, get);
          lf_http_send_async (session, get, LF_HTTP_MAX_REDIRECTS,
                              lf_http_deadline_get_cancellable (probe->deadline),
                              send_cb, g_steal_pointer (&task));
          return;
        }

      return_result (task, status, NULL, NULL, FALSE);
      return;
    }

  lf_http_read_capped_async (stream, LF_PROBE_BODY_CAP,
                             lf_http_deadline_get_cancellable (probe->deadline),
                             read_body_cb, g_steal_pointer (&task));
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

LfProbeResult *
lf_probe_result_new (const char *url)
{
  LfProbeResult *result = g_new0 (LfProbeResult, 1);

  g_atomic_ref_count_init (&result->ref_count);
  result->url = g_strdup (url);
  result->started_at = g_get_real_time ();
  result->dns_ms = result->connect_ms = result->tls_ms = result->ttfb_ms = -1;
  result->total_ms = 0;

  return result;
}

LfProbeResult *
lf_probe_result_ref (LfProbeResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  g_atomic_ref_count_inc (&result->ref_count);

  return result;
}

void
lf_probe_result_unref (LfProbeResult *result)
{
  g_return_if_fail (result != NULL);

  if (!g_atomic_ref_count_dec (&result->ref_count))
    return;

  g_free (result->url);
  g_free (result->cdn);
  g_free (result->ray_id);
  g_free (result->server);
  g_free (result->error_message);
  g_free (result->error_code);
  g_free (result);
}

/**
 * lf_probe_result_is_ok:
 *
 * Returns: %TRUE if the target answered as expected (cause `none` or `slow`)
 */
gboolean
lf_probe_result_is_ok (const LfProbeResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);

  return result->cause == LF_CAUSE_NONE || result->cause == LF_CAUSE_SLOW;
}

/**
 * lf_probe_detect_cdn:
 * @headers: (nullable): response headers
 *
 * The CDN that answered, from its headers: `server: cloudflare`/`cf-ray`; `x-amz-cf-id` or a
 * CloudFront `via`; Fastly's `x-served-by: cache-…`/`x-fastly-request-id`; Akamai's
 * `server: AkamaiGHost`/`akamai-*`/`x-akamai-*` headers. Header *values* elsewhere (such as a
 * CSP naming cdnjs.cloudflare.com) are never searched.
 *
 * Returns: (transfer full) (nullable): "cloudflare", "cloudfront", "fastly", "akamai" or %NULL
 */
char *
lf_probe_detect_cdn (SoupMessageHeaders *headers)
{
  if (headers == NULL)
    return NULL;

  if (is_cloudflare (headers))
    return g_strdup ("cloudflare");

  if (header_present (headers, "x-amz-cf-id") || header_present (headers, "x-amz-cf-pop") ||
      header_contains (headers, "Via", "CloudFront") ||
      header_starts (headers, "Server", "CloudFront"))
    return g_strdup ("cloudfront");

  if (header_present (headers, "x-fastly-request-id") ||
      header_starts (headers, "x-served-by", "cache-") ||
      header_is (headers, "Server", "fastly"))
    return g_strdup ("fastly");

  if (header_starts (headers, "Server", "AkamaiGHost") ||
      header_starts (headers, "Server", "AkamaiNetStorage") ||
      header_present (headers, "akamai-grn") ||
      header_present (headers, "akamai-cache-status") ||
      header_present (headers, "x-akamai-request-id") ||
      header_present (headers, "x-akamai-transformed") ||
      header_present (headers, "akamai-request-bc"))
    return g_strdup ("akamai");

  return NULL;
}

/**
 * lf_probe_classify:
 * @status: the HTTP status, 0 if there was no answer
 * @headers: (nullable): the response headers
 * @body: (nullable): the first bytes of the body
 * @body_len: length of @body
 * @transport_error: (nullable): why there was no answer (a deadline is %G_IO_ERROR_TIMED_OUT)
 * @total_us: how long the probe took, in µs
 * @slow_ms: the platform's slowness threshold (0 = none)
 * @cdn_out: (out) (optional) (transfer full): the CDN seen in the headers
 * @error_code_out: (out) (optional) (transfer full): a CDN error code from the page
 *
 * Names the cause of a probe's outcome (see the top of this file). Pure: no I/O.
 *
 * Returns: the cause, %LF_CAUSE_NONE for an expected answer (any 2xx or 3xx)
 */
LfCause
lf_probe_classify (guint               status,
                   SoupMessageHeaders *headers,
                   const char         *body,
                   gsize               body_len,
                   GError             *transport_error,
                   gint64              total_us,
                   guint               slow_ms,
                   char              **cdn_out,
                   char              **error_code_out)
{
  return lf_probe_classify_full (status, 0, headers, body, body_len, transport_error, total_us,
                                 slow_ms, cdn_out, error_code_out);
}

LfCause
lf_probe_classify_full (guint               status,
                        guint               expect_status,
                        SoupMessageHeaders *headers,
                        const char         *body,
                        gsize               body_len,
                        GError             *transport_error,
                        gint64              total_us,
                        guint               slow_ms,
                        char              **cdn_out,
                        char              **error_code_out)
{
  g_autofree char *cdn = NULL;
  g_autofree char *code = NULL;
  gboolean cloudflare;
  gboolean markup;
  LfCause cause;

  cdn = lf_probe_detect_cdn (headers);
  cloudflare = g_strcmp0 (cdn, "cloudflare") == 0;
  /* Error pages only: a healthy answer's body is never searched (it costs CPU in every round). */
  markup = status >= 400 && has_cloudflare_markup (body, body_len);

  if (status >= 400 && (cloudflare || markup))
    code = cloudflare_error_code (headers, body, body_len);

  if (transport_error != NULL && status == 0)
    cause = classify_transport_error (transport_error);
  else if (transport_error != NULL)
    cause = LF_CAUSE_HTTP_ERROR;   /* e.g. too many redirects after a 3xx */
  /* Reachable but filtered: never an outage. */
  else if (header_contains (headers, "cf-mitigated", "challenge") ||
           status == 429 ||
           ((status == 403 || status == 503 || status == 429) &&
            (cloudflare || markup) && is_challenge_page (body, body_len)) ||
           (status >= 400 && (cloudflare || markup) && is_blocking_code (code)))
    cause = LF_CAUSE_BLOCKED;
  /* Cloudflare's own codes: the origin behind it is failing. */
  else if (((status >= 520 && status <= 526) || status == 530) && (cloudflare || markup))
    cause = LF_CAUSE_ORIGIN_VIA_CDN;
  /* Cloudflare-branded 5xx: its edge, unless the page blames the host. */
  else if ((status == 500 || status == 502 || status == 503 || status == 504) && cloudflare &&
           (markup || header_present (headers, "cf-error-type")))
    cause = host_marked_as_source (body, body_len) ? LF_CAUSE_ORIGIN_VIA_CDN : LF_CAUSE_CDN_EDGE;
  else if (!status_expected (status, expect_status))
    cause = LF_CAUSE_HTTP_ERROR;
  else if (slow_ms > 0 && total_us > (gint64) slow_ms * 1000)
    cause = LF_CAUSE_SLOW;
  else
    cause = LF_CAUSE_NONE;

  if (cdn_out != NULL)
    *cdn_out = g_steal_pointer (&cdn);
  if (error_code_out != NULL)
    *error_code_out = g_steal_pointer (&code);

  return cause;
}

/**
 * lf_probe_run_async:
 * @session: the application's session (lf_http_session_new())
 * @spec: what to request
 * @timeout_seconds: deadline for the whole probe, body included
 * @slow_ms: answers slower than this are `slow` (0 = never)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Probes a target once, on a new connection (phase timings every time), following at most
 * %LF_HTTP_MAX_REDIRECTS redirects (none when @spec has an exact expect_status), reading at
 * most %LF_PROBE_BODY_CAP bytes of body.
 */
void
lf_probe_run_async (SoupSession         *session,
                    const LfProbeSpec   *spec,
                    guint                timeout_seconds,
                    guint                slow_ms,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  Probe *probe;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (spec != NULL && spec->url != NULL);
  g_return_if_fail (timeout_seconds > 0);

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_probe_run_async);

  probe = g_new0 (Probe, 1);
  probe->result = lf_probe_result_new (spec->url);
  probe->spec = lf_probe_spec_copy (spec);
  probe->timeout_seconds = timeout_seconds;
  probe->slow_ms = slow_ms;
  probe->start_us = g_get_monotonic_time ();
  probe->last_event = -1;
  g_task_set_task_data (task, probe, probe_free);

  probe->deadline = lf_http_deadline_new (timeout_seconds * 1000, cancellable);

  msg = soup_message_new (spec->method ? spec->method : "GET", spec->url);
  if (msg == NULL)
    {
      g_autoptr(GError) error = g_error_new (SOUP_SESSION_ERROR,
                                             SOUP_SESSION_ERROR_REDIRECT_BAD_URI,
                                             _("Invalid address “%s”"), spec->url);

      return_result (task, 0, error, NULL, FALSE);
      return;
    }

  soup_message_add_flags (msg, SOUP_MESSAGE_COLLECT_METRICS | SOUP_MESSAGE_NEW_CONNECTION |
                               SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Cache-Control",
                                "no-cache");
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "text/html,application/xhtml+xml,*/*;q=0.8");
  probe->msg = g_object_ref (msg);
  probe->first_msg = g_object_ref (msg);
  probe->event_id = g_signal_connect (msg, "network-event", G_CALLBACK (on_network_event_cb),
                                      probe);

  /* An exact expected status is the first answer's: a captive portal's redirect to its login
   * page must not pass for a connectivity check's 204. */
  lf_http_send_async (session, msg, spec->expect_status != 0 ? 0 : LF_HTTP_MAX_REDIRECTS,
                      lf_http_deadline_get_cancellable (probe->deadline),
                      send_cb, g_steal_pointer (&task));
}

/**
 * lf_probe_run_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * A failed probe is a result with a cause; only the caller's own cancellation is an error.
 *
 * Returns: (transfer full): the probe's result, or %NULL if cancelled
 */
LfProbeResult *
lf_probe_run_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
