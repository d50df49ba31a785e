/* test-probe.c — probes against a loopback server, and the cause classifier
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-http.h"
#include "lf-probe.h"
#include "lf-test-server.h"
#include "lf-test-utils.h"

#define RAY "8c2d1e0f3a4b5c6d-SJC"

typedef struct
{
  LfTestServer *server;
  SoupSession  *session;
} Fixture;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->server = lf_test_server_new (GPOINTER_TO_INT (data));
  fixture->session = lf_http_session_new ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  /* Let pending closes and idle completions run: nothing may keep the session alive. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&fixture->server, lf_test_server_free);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (fixture->session);
}

static void
on_probe_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static LfProbeResult *
run_probe_full (SoupSession  *session,
                const char   *url,
                const char   *method,
                guint         expect_status,
                guint         timeout_seconds,
                guint         slow_ms,
                GCancellable *cancellable,
                GError      **error)
{
  g_autoptr(LfProbeSpec) spec = lf_probe_spec_new (url, method, expect_status);
  g_autoptr(GAsyncResult) result = NULL;

  lf_probe_run_async (session, spec, timeout_seconds, slow_ms, cancellable, on_probe_done_cb,
                      &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return lf_probe_run_finish (result, error);
}

static LfProbeResult *
run_probe (Fixture    *fixture,
           const char *path)
{
  g_autofree char *url = lf_test_server_get_url (fixture->server, path);
  g_autoptr(GError) error = NULL;
  LfProbeResult *result;

  result = run_probe_full (fixture->session, url, "GET", 0, 5, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpstr (result->url, ==, url);

  return result;
}

static LfTestResponse *
serve_cloudflare (Fixture    *fixture,
                  const char *path,
                  guint       status,
                  const char *file)
{
  LfTestResponse *response = lf_test_server_respond (fixture->server, path, status);

  lf_test_response_add_header (response, "Server", "cloudflare");
  lf_test_response_add_header (response, "CF-RAY", RAY);
  if (file != NULL)
    lf_test_response_set_body_from_file (response, "text/html; charset=UTF-8", file);

  return response;
}

static char *
load_data (const char *name,
           gsize      *length)
{
  g_autofree char *path = lf_test_build_data_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);

  return contents;
}

static LfCause
classify_file (guint       status,
               const char *server,
               const char *mitigated,
               const char *file,
               char      **code)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autofree char *body = NULL;
  g_autofree char *cdn = NULL;
  gsize length = 0;
  LfCause cause;

  if (server != NULL)
    {
      soup_message_headers_append (headers, "Server", server);
      soup_message_headers_append (headers, "CF-RAY", RAY);
    }
  if (mitigated != NULL)
    soup_message_headers_append (headers, "cf-mitigated", mitigated);
  if (file != NULL)
    body = load_data (file, &length);

  cause = lf_probe_classify (status, headers, body, length, NULL, 1000, 0, &cdn, code);
  if (server != NULL)
    g_assert_cmpstr (cdn, ==, "cloudflare");

  return cause;
}

/* ------------------------------------------------------------------------ */
/* Classifier (pure)                                                        */
/* ------------------------------------------------------------------------ */

static void
test_classify_cloudflare_pages (void)
{
  g_autofree char *code = NULL;

  /* 18 November 2025: a Cloudflare-branded 500 that marks Cloudflare as the failing side. */
  g_assert_cmpint (classify_file (500, "cloudflare", NULL, "cf_500_internal-error_sample.html",
                                  &code), ==, LF_CAUSE_CDN_EDGE);
  g_assert_cmpstr (code, ==, "500");
  g_clear_pointer (&code, g_free);

  /* A branded 502 that blames the host is the origin's failure, seen through the CDN. */
  g_assert_cmpint (classify_file (502, "cloudflare", NULL, "cf_502_bad-gateway.html", &code),
                   ==, LF_CAUSE_ORIGIN_VIA_CDN);
  g_assert_cmpstr (code, ==, "502");
  g_clear_pointer (&code, g_free);

  g_assert_cmpint (classify_file (522, "cloudflare", NULL, "cf_522_connection-timed-out.html",
                                  &code), ==, LF_CAUSE_ORIGIN_VIA_CDN);
  g_assert_cmpstr (code, ==, "522");
  g_clear_pointer (&code, g_free);

  g_assert_cmpint (classify_file (530, "cloudflare", NULL, "cf_1016_origin-dns-error.html",
                                  &code), ==, LF_CAUSE_ORIGIN_VIA_CDN);
  g_assert_cmpstr (code, ==, "1016");
  g_clear_pointer (&code, g_free);

  /* The same 500 page without Cloudflare's headers is not attributed to Cloudflare. */
  g_assert_cmpint (classify_file (500, NULL, NULL, "cf_500_internal-error_sample.html", NULL),
                   ==, LF_CAUSE_HTTP_ERROR);
  /* Cloudflare headers on a bare 500 (the origin's own error passed through). */
  g_assert_cmpint (classify_file (500, "cloudflare", NULL, NULL, NULL), ==, LF_CAUSE_HTTP_ERROR);
}

static void
test_classify_blocked (void)
{
  g_assert_cmpint (classify_file (403, "cloudflare", "challenge",
                                  "cf_challenge_managed_2025-02-24.html", NULL),
                   ==, LF_CAUSE_BLOCKED);
  /* Older challenges without cf-mitigated, one of them a 503. */
  g_assert_cmpint (classify_file (503, "cloudflare", NULL, "cf_challenge_iuam-js_2019-12-11.html",
                                  NULL), ==, LF_CAUSE_BLOCKED);
  g_assert_cmpint (classify_file (403, "cloudflare", NULL,
                                  "cf_challenge_recaptcha_2019-12-12.html", NULL),
                   ==, LF_CAUSE_BLOCKED);
  g_assert_cmpint (classify_file (403, "cloudflare", NULL, "cf_waf-block_attention-required.html",
                                  NULL), ==, LF_CAUSE_BLOCKED);
  g_assert_cmpint (classify_file (429, NULL, NULL, NULL, NULL), ==, LF_CAUSE_BLOCKED);
  /* A plain 403 from the origin is an error, not a bot check. */
  g_assert_cmpint (classify_file (403, NULL, NULL, NULL, NULL), ==, LF_CAUSE_HTTP_ERROR);
}

static void
test_classify_plain (void)
{
  g_autoptr(GError) dns = g_error_new_literal (G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "x");
  g_autoptr(GError) refused = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "x");
  g_autoptr(GError) tls = g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, "x");
  g_autoptr(GError) timeout = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "x");

  g_assert_cmpint (lf_probe_classify (200, NULL, NULL, 0, NULL, 1000, 0, NULL, NULL), ==,
                   LF_CAUSE_NONE);
  g_assert_cmpint (lf_probe_classify (301, NULL, NULL, 0, NULL, 1000, 0, NULL, NULL), ==,
                   LF_CAUSE_NONE);
  g_assert_cmpint (lf_probe_classify (503, NULL, "Service Unavailable", 19, NULL, 1000, 0, NULL,
                                      NULL), ==, LF_CAUSE_HTTP_ERROR);
  g_assert_cmpint (lf_probe_classify (404, NULL, NULL, 0, NULL, 1000, 0, NULL, NULL), ==,
                   LF_CAUSE_HTTP_ERROR);
  g_assert_cmpint (lf_probe_classify (200, NULL, NULL, 0, NULL, 900 * 1000, 500, NULL, NULL), ==,
                   LF_CAUSE_SLOW);
  g_assert_cmpint (lf_probe_classify (200, NULL, NULL, 0, NULL, 400 * 1000, 500, NULL, NULL), ==,
                   LF_CAUSE_NONE);
  g_assert_cmpint (lf_probe_classify (0, NULL, NULL, 0, dns, 1000, 0, NULL, NULL), ==,
                   LF_CAUSE_DNS);
  g_assert_cmpint (lf_probe_classify (0, NULL, NULL, 0, refused, 1000, 0, NULL, NULL), ==,
                   LF_CAUSE_CONNECT);
  g_assert_cmpint (lf_probe_classify (0, NULL, NULL, 0, tls, 1000, 0, NULL, NULL), ==,
                   LF_CAUSE_TLS);
  g_assert_cmpint (lf_probe_classify (0, NULL, NULL, 0, timeout, 1000, 0, NULL, NULL), ==,
                   LF_CAUSE_TIMEOUT);
  /* Expected status. */
  g_assert_cmpint (lf_probe_classify_full (200, 204, NULL, NULL, 0, NULL, 1000, 0, NULL, NULL),
                   ==, LF_CAUSE_HTTP_ERROR);
  g_assert_cmpint (lf_probe_classify_full (204, 204, NULL, NULL, 0, NULL, 1000, 0, NULL, NULL),
                   ==, LF_CAUSE_NONE);
}

static void
test_classify_cdn (void)
{
  struct { const char *name, *value, *cdn; } cases[] = {
    { "Server", "cloudflare", "cloudflare" },
    { "cf-ray", RAY, "cloudflare" },
    { "x-amz-cf-id", "abc==", "cloudfront" },
    { "Via", "1.1 0123.cloudfront.net (CloudFront)", "cloudfront" },
    { "x-served-by", "cache-lhr7380-LHR", "fastly" },
    { "Server", "AkamaiGHost", "akamai" },
    { "akamai-grn", "0.1234.5678", "akamai" },
    /* A CSP that names Cloudflare's JavaScript CDN says nothing about who serves the page. */
    { "Content-Security-Policy", "script-src https://cdnjs.cloudflare.com", NULL },
    { "Server", "nginx", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SoupMessageHeaders) headers = NULL;
      g_autofree char *cdn = NULL;

      headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
      soup_message_headers_append (headers, cases[i].name, cases[i].value);
      cdn = lf_probe_detect_cdn (headers);
      g_assert_cmpstr (cdn, ==, cases[i].cdn);
    }
}

/* ------------------------------------------------------------------------ */
/* Live probes on loopback                                                  */
/* ------------------------------------------------------------------------ */

static void
test_probe_healthy (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(LfProbeResult) result = NULL;
  g_autofree char *user_agent = lf_http_get_user_agent ();
  gint64 before = g_get_real_time ();

  lf_test_response_set_body (lf_test_server_respond (fixture->server, "/", 200), "text/plain",
                             "ok", -1);
  result = run_probe (fixture, "/");

  g_assert_cmpint (result->cause, ==, LF_CAUSE_NONE);
  g_assert_true (lf_probe_result_is_ok (result));
  g_assert_cmpuint (result->http_status, ==, 200);
  g_assert_null (result->error_message);
  g_assert_null (result->cdn);
  g_assert_cmpuint (result->body_bytes, ==, 2);
  g_assert_false (result->body_truncated);
  g_assert_cmpint (result->started_at, >=, before);
  g_assert_cmpint (result->started_at, <=, g_get_real_time ());
  /* A new connection every time: every phase is measured (DNS too, even for an IP literal). */
  g_assert_cmpfloat (result->dns_ms, >=, 0);
  g_assert_cmpfloat (result->connect_ms, >=, 0);
  g_assert_cmpfloat (result->tls_ms, ==, -1);
  g_assert_cmpfloat (result->ttfb_ms, >=, 0);
  g_assert_cmpfloat (result->total_ms, >=, result->ttfb_ms);
  g_assert_cmpstr (lf_test_server_get_last_request_header (fixture->server, "/", "User-Agent"),
                   ==, user_agent);
  g_assert_true (g_str_has_prefix (user_agent, "Lifeline/" PACKAGE_VERSION " (+https://"));

  /* Second probe: still a fresh connection, so connect time is measured again. */
  g_clear_pointer (&result, lf_probe_result_unref);
  result = run_probe (fixture, "/");
  g_assert_cmpfloat (result->connect_ms, >=, 0);
  g_assert_cmpuint (lf_test_server_get_hits (fixture->server, "/"), ==, 2);
}

static void
test_probe_head (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *url = lf_test_server_get_url (fixture->server, "/head");
  g_autoptr(LfProbeResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lf_test_server_respond (fixture->server, "/head", 204);
  result = run_probe_full (fixture->session, url, "HEAD", 204, 5, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->cause, ==, LF_CAUSE_NONE);
  g_assert_cmpuint (result->http_status, ==, 204);

  /* A status other than the expected one is an error, even a 200. */
  lf_test_server_respond (fixture->server, "/head", 200);
  g_clear_pointer (&result, lf_probe_result_unref);
  result = run_probe_full (fixture->session, url, "HEAD", 204, 5, 0, NULL, &error);
  g_assert_cmpint (result->cause, ==, LF_CAUSE_HTTP_ERROR);
  g_assert_nonnull (result->error_message);
}

static void
test_probe_head_cloudflare (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *url = lf_test_server_get_url (fixture->server, "/edge");
  g_autoptr(LfProbeResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* HEAD gets no error page; the probe asks again with GET to see whose error it is. */
  serve_cloudflare (fixture, "/edge", 500, "cf_500_internal-error_sample.html");
  result = run_probe_full (fixture->session, url, "HEAD", 0, 5, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->cause, ==, LF_CAUSE_CDN_EDGE);
  g_assert_cmpuint (lf_test_server_get_hits (fixture->server, "/edge"), ==, 2);
  g_assert_cmpuint (result->body_bytes, >, 0);

  serve_cloudflare (fixture, "/origin", 502, "cf_502_bad-gateway.html");
  g_clear_pointer (&result, lf_probe_result_unref);
  g_free (url);
  url = lf_test_server_get_url (fixture->server, "/origin");
  result = run_probe_full (fixture->session, url, "HEAD", 0, 5, 0, NULL, &error);
  g_assert_cmpint (result->cause, ==, LF_CAUSE_ORIGIN_VIA_CDN);
}

static void
test_probe_slow (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *url = lf_test_server_get_url (fixture->server, "/slow");
  g_autoptr(LfProbeResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lf_test_response_set_delay (lf_test_server_respond (fixture->server, "/slow", 200), 400);
  result = run_probe_full (fixture->session, url, "GET", 0, 5, 150, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->cause, ==, LF_CAUSE_SLOW);
  g_assert_true (lf_probe_result_is_ok (result));
  g_assert_cmpfloat (result->total_ms, >=, 400);
  g_assert_cmpfloat (result->ttfb_ms, >=, 350);

  /* The same answer under a looser threshold is fine. */
  g_clear_pointer (&result, lf_probe_result_unref);
  result = run_probe_full (fixture->session, url, "GET", 0, 5, 3000, NULL, &error);
  g_assert_cmpint (result->cause, ==, LF_CAUSE_NONE);
}

static void
test_probe_cloudflare_500 (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(LfProbeResult) result = NULL;

  serve_cloudflare (fixture, "/edge", 500, "cf_500_internal-error_sample.html");
  result = run_probe (fixture, "/edge");

  g_assert_cmpint (result->cause, ==, LF_CAUSE_CDN_EDGE);
  g_assert_cmpuint (result->http_status, ==, 500);
  g_assert_cmpstr (result->cdn, ==, "cloudflare");
  g_assert_cmpstr (result->ray_id, ==, RAY);
  g_assert_cmpstr (result->server, ==, "cloudflare");
  g_assert_cmpstr (result->error_code, ==, "500");
  g_assert_nonnull (strstr (result->error_message, "Cloudflare"));
  g_assert_nonnull (strstr (result->error_message, RAY));
}

static void
test_probe_origin_via_cdn (Fixture       *fixture,
                           gconstpointer  data)
{
  struct { const char *path; guint status; const char *file; const char *code; } cases[] = {
    { "/521", 521, NULL, NULL },
    { "/522", 522, "cf_522_connection-timed-out.html", "522" },
    { "/524", 524, NULL, NULL },
    { "/530", 530, "cf_1016_origin-dns-error.html", "1016" },
    { "/502", 502, "cf_502_bad-gateway.html", "502" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LfProbeResult) result = NULL;

      serve_cloudflare (fixture, cases[i].path, cases[i].status, cases[i].file);
      result = run_probe (fixture, cases[i].path);
      g_assert_cmpint (result->cause, ==, LF_CAUSE_ORIGIN_VIA_CDN);
      g_assert_cmpuint (result->http_status, ==, cases[i].status);
      g_assert_cmpstr (result->error_code, ==, cases[i].code);
      g_assert_cmpstr (result->ray_id, ==, RAY);
    }
}

static void
test_probe_blocked (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(LfProbeResult) challenge = NULL;
  g_autoptr(LfProbeResult) limited = NULL;
  LfTestResponse *response;

  response = serve_cloudflare (fixture, "/challenge", 403, "cf_challenge_managed_2025-02-24.html");
  lf_test_response_add_header (response, "cf-mitigated", "challenge");
  challenge = run_probe (fixture, "/challenge");
  g_assert_cmpint (challenge->cause, ==, LF_CAUSE_BLOCKED);
  g_assert_cmpuint (challenge->http_status, ==, 403);

  response = lf_test_server_respond (fixture->server, "/limited", 429);
  lf_test_response_add_header (response, "Retry-After", "30");
  limited = run_probe (fixture, "/limited");
  g_assert_cmpint (limited->cause, ==, LF_CAUSE_BLOCKED);
}

static void
test_probe_origin_503 (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(LfProbeResult) result = NULL;

  lf_test_response_set_body (lf_test_server_respond (fixture->server, "/down", 503), "text/html",
                             "<html><body>Service Unavailable</body></html>", -1);
  result = run_probe (fixture, "/down");
  g_assert_cmpint (result->cause, ==, LF_CAUSE_HTTP_ERROR);
  g_assert_cmpuint (result->http_status, ==, 503);
  g_assert_null (result->cdn);
  g_assert_false (lf_probe_result_is_ok (result));
}

static void
test_probe_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/", lf_test_get_closed_port ());
  g_autoptr(LfProbeResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = run_probe_full (fixture->session, url, "GET", 0, 5, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->cause, ==, LF_CAUSE_CONNECT);
  g_assert_cmpuint (result->http_status, ==, 0);
  g_assert_nonnull (result->error_message);
}

static void
test_probe_unresolvable (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(LfProbeResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* RFC 6761: .invalid never resolves. */
  result = run_probe_full (fixture->session, "http://lifeline-test.invalid/", "GET", 0, 10, 0,
                           NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->cause, ==, LF_CAUSE_DNS);
  g_assert_cmpuint (result->http_status, ==, 0);
}

static void
test_probe_never_answers (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *url = lf_test_server_get_url (fixture->server, "/hang");
  g_autoptr(LfProbeResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  lf_test_response_set_never_answer (lf_test_server_respond (fixture->server, "/hang", 200));
  result = run_probe_full (fixture->session, url, "GET", 0, 1, 0, NULL, &error);
  elapsed = g_get_monotonic_time () - start;

  g_assert_no_error (error);
  g_assert_cmpint (result->cause, ==, LF_CAUSE_TIMEOUT);
  g_assert_cmpint (elapsed, >=, 1 * G_USEC_PER_SEC - 50000);
  g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpfloat (result->total_ms, >=, 950);
  g_assert_nonnull (strstr (result->error_message, "waiting for the answer"));
}

static void
test_probe_trickle (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *url = lf_test_server_get_url (fixture->server, "/drip");
  g_autoptr(LfProbeResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  /* Headers at once, then a few bytes now and then: the deadline covers the body too. */
  lf_test_response_set_trickle (lf_test_server_respond (fixture->server, "/drip", 200), 100);
  result = run_probe_full (fixture->session, url, "GET", 0, 1, 0, NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_assert_cmpint (result->cause, ==, LF_CAUSE_TIMEOUT);
  g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (result->error_message, "while reading the answer"));
}

static void
test_probe_endless_body (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *url = lf_test_server_get_url (fixture->server, "/endless");
  g_autoptr(LfProbeResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_malloc (LF_PROBE_BODY_CAP * 4);

  /* A body that never ends: only the cap is read, then the probe is done (well in time). */
  lf_test_response_set_endless_body (lf_test_server_respond (fixture->server, "/endless", 200));
  result = run_probe_full (fixture->session, url, "GET", 0, 3, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->cause, ==, LF_CAUSE_NONE);
  g_assert_cmpuint (result->body_bytes, ==, LF_PROBE_BODY_CAP);
  g_assert_true (result->body_truncated);
  g_assert_cmpfloat (result->total_ms, <, 2500);

  /* A finite body four times the cap. */
  memset (big, 'a', LF_PROBE_BODY_CAP * 4);
  lf_test_response_set_body (lf_test_server_respond (fixture->server, "/big", 200), "text/plain",
                             big, LF_PROBE_BODY_CAP * 4);
  g_clear_pointer (&result, lf_probe_result_unref);
  result = run_probe (fixture, "/big");
  g_assert_cmpuint (result->body_bytes, ==, LF_PROBE_BODY_CAP);
  g_assert_true (result->body_truncated);

  /* Exactly the cap is not "truncated". */
  lf_test_response_set_body (lf_test_server_respond (fixture->server, "/exact", 200), "text/plain",
                             big, LF_PROBE_BODY_CAP);
  g_clear_pointer (&result, lf_probe_result_unref);
  result = run_probe (fixture, "/exact");
  g_assert_cmpuint (result->body_bytes, ==, LF_PROBE_BODY_CAP);
  g_assert_false (result->body_truncated);
}

static void
test_probe_redirects (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LfProbeResult) loop = NULL;
  g_autoptr(LfProbeResult) once = NULL;

  lf_test_response_set_redirect (lf_test_server_respond (fixture->server, "/loop", 302), "/loop");
  loop = run_probe (fixture, "/loop");
  g_assert_cmpint (loop->cause, ==, LF_CAUSE_HTTP_ERROR);
  g_assert_nonnull (strstr (loop->error_message, "redirect"));
  /* The first request and LF_HTTP_MAX_REDIRECTS more, no further. */
  g_assert_cmpuint (lf_test_server_get_hits (fixture->server, "/loop"), ==,
                    LF_HTTP_MAX_REDIRECTS + 1);

  lf_test_response_set_redirect (lf_test_server_respond (fixture->server, "/old", 301), "/new");
  lf_test_response_set_body (lf_test_server_respond (fixture->server, "/new", 200), "text/plain",
                             "moved", -1);
  once = run_probe (fixture, "/old");
  g_assert_cmpint (once->cause, ==, LF_CAUSE_NONE);
  g_assert_cmpuint (once->http_status, ==, 200);
  g_assert_cmpuint (once->body_bytes, ==, 5);
}

static void
test_probe_captive_portal (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *url = lf_test_server_get_url (fixture->server, "/generate_204");
  g_autoptr(LfCatalogReference) reference = g_new0 (LfCatalogReference, 1);
  g_autoptr(LfProbeSpec) spec = NULL;
  g_autoptr(LfProbeResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* A connectivity check that expects 204 gets a portal's redirect to its login page: the
   * redirect is not followed and the check fails. */
  lf_test_response_set_redirect (lf_test_server_respond (fixture->server, "/generate_204", 302),
                                 "/login");
  lf_test_response_set_body (lf_test_server_respond (fixture->server, "/login", 200),
                             "text/html", "<form>Log in to the hotel Wi-Fi</form>", -1);
  reference->id = g_strdup ("google-204");
  reference->url = g_strdup (url);
  reference->expect_status = 204;
  spec = lf_catalog_reference_get_probe_spec (reference);
  g_assert_cmpstr (spec->method, ==, "GET");

  result = run_probe_full (fixture->session, spec->url, spec->method, spec->expect_status, 5, 0,
                           NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->cause, ==, LF_CAUSE_HTTP_ERROR);
  g_assert_cmpuint (result->http_status, ==, 302);
  g_assert_cmpuint (lf_test_server_get_hits (fixture->server, "/login"), ==, 0);

  lf_test_server_respond (fixture->server, "/generate_204", 204);
  g_clear_pointer (&result, lf_probe_result_unref);
  result = run_probe_full (fixture->session, spec->url, spec->method, spec->expect_status, 5, 0,
                           NULL, &error);
  g_assert_cmpint (result->cause, ==, LF_CAUSE_NONE);
}

static void
test_probe_tls (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LfProbeResult) untrusted = NULL;
  g_autoptr(LfProbeResult) trusted = NULL;
  g_autoptr(GTlsDatabase) database = NULL;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend (glib-networking)");
      return;
    }

  lf_test_response_set_body (lf_test_server_respond (fixture->server, "/", 200), "text/plain",
                             "secure", -1);

  /* The system trust store does not know the test certificate: a TLS failure, not bypassed. */
  untrusted = run_probe (fixture, "/");
  g_assert_cmpint (untrusted->cause, ==, LF_CAUSE_TLS);
  g_assert_cmpuint (untrusted->http_status, ==, 0);
  g_assert_cmpuint (lf_test_server_get_hits (fixture->server, "/"), ==, 0);

  /* Trusting the test CA (verification still on) makes it work. */
  database = lf_test_server_get_tls_database ();
  lf_http_session_set_tls_database (fixture->session, database);
  trusted = run_probe (fixture, "/");
  g_assert_cmpint (trusted->cause, ==, LF_CAUSE_NONE);
  g_assert_cmpuint (trusted->http_status, ==, 200);
  g_assert_cmpfloat (trusted->tls_ms, >=, 0);
  g_assert_cmpfloat (trusted->connect_ms, >=, 0);
}

static void
test_probe_cancelled (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *url = lf_test_server_get_url (fixture->server, "/hang");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LfProbeResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lf_test_response_set_never_answer (lf_test_server_respond (fixture->server, "/hang", 200));
  g_timeout_add_once (100, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  result = run_probe_full (fixture->session, url, "GET", 0, 10, 0, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
}

typedef struct
{
  guint done;
  guint ok;
} Counter;

static void
on_parallel_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Counter *counter = user_data;
  g_autoptr(LfProbeResult) probe = lf_probe_run_finish (result, NULL);

  counter->done++;
  if (probe != NULL && probe->cause == LF_CAUSE_NONE)
    counter->ok++;
}

static void
test_probe_parallel (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(LfProbeSpec) spec = NULL;
  g_autofree char *url = lf_test_server_get_url (fixture->server, "/p");
  Counter counter = { 0, 0 };
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;
  const guint n = 100;

  /* 100 probes of a 300 ms target run side by side (one after another would take 30 s). */
  lf_test_response_set_delay (lf_test_server_respond (fixture->server, "/p", 200), 300);
  spec = lf_probe_spec_new (url, "GET", 0);
  for (guint i = 0; i < n; i++)
    lf_probe_run_async (fixture->session, spec, 10, 0, NULL, on_parallel_done_cb, &counter);

  while (counter.done < n)
    g_main_context_iteration (NULL, TRUE);
  elapsed = g_get_monotonic_time () - start;

  g_test_message ("%u probes of a 300 ms target took %.0f ms", n, elapsed / 1000.0);
  g_assert_cmpuint (counter.ok, ==, n);
  g_assert_cmpuint (lf_test_server_get_hits (fixture->server, "/p"), ==, n);
  g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/probe/classify/cloudflare-pages", test_classify_cloudflare_pages);
  g_test_add_func ("/lifeline/probe/classify/blocked", test_classify_blocked);
  g_test_add_func ("/lifeline/probe/classify/plain", test_classify_plain);
  g_test_add_func ("/lifeline/probe/classify/cdn", test_classify_cdn);

#define ADD(path, func, tls) \
  g_test_add ("/lifeline/probe/" path, Fixture, GINT_TO_POINTER (tls), fixture_setup, func, \
              fixture_teardown)
  ADD ("healthy", test_probe_healthy, FALSE);
  ADD ("head-expect-status", test_probe_head, FALSE);
  ADD ("head-cloudflare", test_probe_head_cloudflare, FALSE);
  ADD ("slow", test_probe_slow, FALSE);
  ADD ("cloudflare-500", test_probe_cloudflare_500, FALSE);
  ADD ("origin-via-cdn", test_probe_origin_via_cdn, FALSE);
  ADD ("blocked", test_probe_blocked, FALSE);
  ADD ("origin-503", test_probe_origin_503, FALSE);
  ADD ("connection-refused", test_probe_refused, FALSE);
  ADD ("unresolvable", test_probe_unresolvable, FALSE);
  ADD ("never-answers", test_probe_never_answers, FALSE);
  ADD ("body-cap", test_probe_endless_body, FALSE);
  ADD ("slow-drip", test_probe_trickle, FALSE);
  ADD ("redirects", test_probe_redirects, FALSE);
  ADD ("captive-portal", test_probe_captive_portal, FALSE);
  ADD ("tls", test_probe_tls, TRUE);
  ADD ("cancelled", test_probe_cancelled, FALSE);
  ADD ("parallel", test_probe_parallel, FALSE);
#undef ADD

  return g_test_run ();
}
