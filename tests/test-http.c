/* test-http.c — the shared session, deadlines, redirects and capped reads
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-http.h"
#include "lf-test-server.h"
#include "lf-test-utils.h"

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
test_session (void)
{
  SoupSession *session = lf_http_session_new ();
  g_autofree char *user_agent = lf_http_get_user_agent ();

  g_assert_cmpstr (soup_session_get_user_agent (session), ==, user_agent);
  g_assert_cmpstr (user_agent, ==,
                   "Lifeline/" PACKAGE_VERSION " (+https://github.com/lifeline/lifeline)");
  /* Hundreds of probes in parallel, not libsoup's default of 10 (2 per host). */
  g_assert_cmpuint (soup_session_get_max_conns (session), ==, LF_HTTP_MAX_CONNS);
  g_assert_cmpuint (soup_session_get_max_conns_per_host (session), ==, LF_HTTP_MAX_CONNS);
  /* The system trust store, never none. */
  g_assert_nonnull (soup_session_get_tls_database (session));

  g_assert_finalize_object (session);
}

static void
test_deadline (void)
{
  g_autoptr(GCancellable) parent = g_cancellable_new ();
  g_autoptr(LfHttpDeadline) expires = NULL;
  g_autoptr(LfHttpDeadline) cancelled = NULL;
  gint64 start = g_get_monotonic_time ();

  expires = lf_http_deadline_new (100, NULL);
  while (!g_cancellable_is_cancelled (lf_http_deadline_get_cancellable (expires)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (lf_http_deadline_expired (expires));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 90000);

  /* The caller's cancellation is not a deadline. */
  cancelled = lf_http_deadline_new (10000, parent);
  g_cancellable_cancel (parent);
  g_assert_true (g_cancellable_is_cancelled (lf_http_deadline_get_cancellable (cancelled)));
  g_assert_false (lf_http_deadline_expired (cancelled));
}

static GBytes *
read_capped (const char *data,
             gsize       length,
             gsize       cap,
             gboolean   *truncated)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, length, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  lf_http_read_capped_async (stream, cap, NULL, on_done_cb, &result);
  bytes = lf_http_read_capped_finish (wait_result (&result), truncated, &error);
  g_assert_no_error (error);
  g_assert_true (g_input_stream_is_closed (stream));

  return bytes;
}

static void
test_read_capped (void)
{
  g_autofree char *data = g_malloc (100000);
  g_autoptr(GBytes) small = NULL;
  g_autoptr(GBytes) exact = NULL;
  g_autoptr(GBytes) large = NULL;
  g_autoptr(GBytes) empty = NULL;
  gboolean truncated = TRUE;

  memset (data, 'z', 100000);

  small = read_capped (data, 10, 1000, &truncated);
  g_assert_cmpuint (g_bytes_get_size (small), ==, 10);
  g_assert_false (truncated);

  exact = read_capped (data, 1000, 1000, &truncated);
  g_assert_cmpuint (g_bytes_get_size (exact), ==, 1000);
  g_assert_false (truncated);

  large = read_capped (data, 100000, 40000, &truncated);
  g_assert_cmpuint (g_bytes_get_size (large), ==, 40000);
  g_assert_true (truncated);

  empty = read_capped (data, 0, 1000, &truncated);
  g_assert_cmpuint (g_bytes_get_size (empty), ==, 0);
  g_assert_false (truncated);
}

static void
test_redirects (void)
{
  g_autoptr(LfTestServer) server = lf_test_server_new (FALSE);
  SoupSession *session = lf_http_session_new ();
  g_autofree char *url = lf_test_server_get_url (server, "/a");
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupMessage) final = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  lf_test_response_set_redirect (lf_test_server_respond (server, "/a", 302), "/b");
  lf_test_response_set_redirect (lf_test_server_respond (server, "/b", 302), "/c");
  lf_test_server_respond (server, "/c", 200);

  /* Two hops allowed: followed, each as its own message. */
  msg = soup_message_new ("GET", url);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Probe", "1");
  lf_http_send_async (session, msg, 2, NULL, on_done_cb, &result);
  stream = lf_http_send_finish (wait_result (&result), &final, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (final), ==, 200);
  g_assert_cmpstr (g_uri_get_path (soup_message_get_uri (final)), ==, "/c");
  g_assert_cmpstr (lf_test_server_get_last_request_header (server, "/c", "X-Probe"), ==, "1");
  g_input_stream_close (stream, NULL, NULL);
  g_clear_object (&stream);
  g_clear_object (&result);
  g_clear_object (&final);
  g_clear_object (&msg);

  /* One hop allowed: an error, with the last message kept. */
  msg = soup_message_new ("GET", url);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  lf_http_send_async (session, msg, 1, NULL, on_done_cb, &result);
  stream = lf_http_send_finish (wait_result (&result), &final, &error);
  g_assert_error (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS);
  g_assert_null (stream);
  g_assert_cmpuint (soup_message_get_status (final), ==, 302);
  g_clear_error (&error);
  g_clear_object (&result);
  g_clear_object (&final);
  g_clear_object (&msg);

  /* None allowed: the redirect is the answer. */
  msg = soup_message_new ("GET", url);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  lf_http_send_async (session, msg, 0, NULL, on_done_cb, &result);
  stream = lf_http_send_finish (wait_result (&result), &final, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (final), ==, 302);
  g_input_stream_close (stream, NULL, NULL);
  g_clear_object (&stream);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&final);
  g_clear_object (&msg);
  g_clear_object (&result);
  g_assert_finalize_object (session);
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/http/session", test_session);
  g_test_add_func ("/lifeline/http/deadline", test_deadline);
  g_test_add_func ("/lifeline/http/read-capped", test_read_capped);
  g_test_add_func ("/lifeline/http/redirects", test_redirects);

  return g_test_run ();
}
