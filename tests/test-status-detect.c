/* test-status-detect.c — recognising a status page from its address, on loopback
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-http.h"
#include "lf-status-detect.h"
#include "lf-test-server.h"
#include "lf-test-utils.h"

static void
on_detect_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* @statusio_api: NULL for status.io's real API (never reached: no loopback page names an id) */
static LfStatusDetection *
detect_full (SoupSession   *session,
             const char    *input,
             const char    *statusio_api,
             guint          timeout_seconds,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lf_status_detect_async_full (session, input, statusio_api, timeout_seconds, cancellable,
                               on_detect_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return lf_status_detect_finish (result, error);
}

static LfStatusDetection *
detect (SoupSession   *session,
        const char    *input,
        guint          timeout_seconds,
        GCancellable  *cancellable,
        GError       **error)
{
  return detect_full (session, input, NULL, timeout_seconds, cancellable, error);
}

static void
serve (LfTestServer *server,
       const char   *path,
       const char   *fixture)
{
  LfTestResponse *response = lf_test_server_respond (server, path, 200);

  lf_test_response_set_body_from_file (response, "application/json", fixture);
}

static void
serve_data (LfTestServer *server,
            const char   *path,
            const char   *json)
{
  lf_test_response_set_body (lf_test_server_respond (server, path, 200), "application/json",
                             json, -1);
}

/* One loopback page per kind: each is recognised by its own well-known endpoint, with the
 * page's name and its current state. */
typedef struct
{
  const char   *path;
  const char   *fixture;
  LfStatusKind  kind;
  const char   *name;        /* NULL: the host name */
  LfSeverity    indicator;
} KindCase;

static void
test_each_kind (void)
{
  const KindCase cases[] = {
    { "/api/v2/summary.json", "atc0005_instructure-summary.json", LF_STATUS_KIND_STATUSPAGE,
      "Instructure", LF_SEVERITY_DEGRADED },
    { "/api/v2/summary.json", "openai_incidentio-compat_summary_operational.json",
      LF_STATUS_KIND_STATUSPAGE, "OpenAI", LF_SEVERITY_OPERATIONAL },
    { "/api/v1/summary", "incidentio_widget_sample.json", LF_STATUS_KIND_INCIDENTIO,
      "Example Status", LF_SEVERITY_MAJOR },
    { "/summary.json", "instatus_docs_summary_hasissues.json", LF_STATUS_KIND_INSTATUS,
      "Instatus", LF_SEVERITY_MAJOR },
    { "/summary.json", "instatus_manychat_summary_up-with-incident.json",
      LF_STATUS_KIND_INSTATUS, "Manychat", LF_SEVERITY_DEGRADED },
    { "/summary.json", "instatus_tldv_summary_up.json", LF_STATUS_KIND_INSTATUS, "tl;dv",
      LF_SEVERITY_OPERATIONAL },
    { "/api/v2.0.0/current", "slack-docs_v2_current_ok.json", LF_STATUS_KIND_SLACK, NULL,
      LF_SEVERITY_OPERATIONAL },
    { "/api/v2.0.0/current", "slack_current_ok_2026-06-26.json", LF_STATUS_KIND_SLACK, NULL,
      LF_SEVERITY_OPERATIONAL },
    { "/incidents.json", "gcp_incidents_small_2021-07-27.json", LF_STATUS_KIND_GOOGLE_WORKSPACE,
      NULL, LF_SEVERITY_DEGRADED },
  };
  SoupSession *session = lf_http_session_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LfTestServer) server = lf_test_server_new (FALSE);
      g_autoptr(LfStatusDetection) found = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *page = lf_test_server_get_url (server, "/");
      g_autofree char *endpoint = lf_test_server_get_url (server, cases[i].path);

      g_test_message ("%s", cases[i].fixture);
      serve (server, cases[i].path, cases[i].fixture);

      found = detect (session, page, 5, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (found);
      g_assert_cmpint (found->kind, ==, cases[i].kind);
      g_assert_cmpstr (found->url, ==, endpoint);
      g_assert_cmpstr (found->page, ==, page);
      g_assert_cmpstr (found->name, ==, cases[i].name ? cases[i].name : "127.0.0.1");
      g_assert_cmpint (found->report->indicator, ==, cases[i].indicator);
      g_assert_cmpstr (found->probe_url, ==, page);   /* no "status." host to strip */
      g_assert_cmpuint (lf_test_server_get_hits (server, cases[i].path), ==, 1);
    }

  g_object_unref (session);
}

/* A page that answers two formats is read in the fixed order: Statuspage first. */
static void
test_order (void)
{
  g_autoptr(LfTestServer) server = lf_test_server_new (FALSE);
  SoupSession *session = lf_http_session_new ();
  g_autoptr(LfStatusDetection) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *page = lf_test_server_get_url (server, "/");

  serve (server, "/summary.json", "instatus_docs_summary_hasissues.json");
  serve (server, "/api/v2/summary.json", "discord_status.json");

  found = detect (session, page, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->kind, ==, LF_STATUS_KIND_STATUSPAGE);
  g_assert_cmpstr (found->name, ==, "Discord");

  g_object_unref (session);
}

/* Nothing a reader recognises: an HTML site, any JSON API, an empty array, a 404. */
static void
test_not_a_status_page (void)
{
  const char *bodies[] = {
    NULL,
    "<!DOCTYPE html><html><head><title>Acme</title></head><body>Hello</body></html>",
    "{\"status\": \"ok\"}",
    "{\"status\": {\"indicator\": \"none\"}}",
    "[]",
  };
  const char *paths[] = { "/api/v2/summary.json", "/api/v1/summary", "/summary.json",
                          "/api/v2.0.0/current", "/incidents.json", "/" };
  SoupSession *session = lf_http_session_new ();

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(LfTestServer) server = lf_test_server_new (FALSE);
      g_autoptr(LfStatusDetection) found = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *page = lf_test_server_get_url (server, "/");

      for (guint j = 0; bodies[i] != NULL && j < G_N_ELEMENTS (paths); j++)
        {
          LfTestResponse *response = lf_test_server_respond (server, paths[j], 200);

          lf_test_response_set_body (response, bodies[i][0] == '<' ? "text/html"
                                                                   : "application/json",
                                     bodies[i], -1);
        }

      found = detect (session, page, 5, NULL, &error);
      g_assert_error (error, LF_STATUS_DETECT_ERROR, LF_STATUS_DETECT_ERROR_NOT_RECOGNISED);
      g_assert_null (found);
      g_assert_nonnull (strstr (error->message, page));
      /* Every reader's endpoint was asked, once. */
      for (guint j = 0; j < G_N_ELEMENTS (paths); j++)
        g_assert_cmpuint (lf_test_server_get_hits (server, paths[j]), ==, 1);
    }

  g_object_unref (session);
}

/* A status.io page names its id in the `x-status-page-id` header of its answer; status.io's
 * API (here on loopback) has the state. The page is the real GitLab capture's. */
static void
test_statusio (void)
{
  const char *id = "5b36dc6502d06804c08349f7";
  g_autoptr(LfTestServer) server = lf_test_server_new (FALSE);
  SoupSession *session = lf_http_session_new ();
  g_autoptr(LfStatusDetection) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *page = lf_test_server_get_url (server, "/");
  g_autofree char *api = lf_test_server_get_url (server, "/1.0/status/");
  g_autofree char *api_path = g_strconcat ("/1.0/status/", id, NULL);
  g_autofree char *endpoint = g_strconcat (api, id, NULL);
  LfTestResponse *response;
  const char *html = "<!DOCTYPE html><html><head><title>GitLab System Status</title></head>"
                     "<body></body></html>";

  response = lf_test_server_respond (server, "/", 200);
  lf_test_response_add_header (response, "x-status-page-id", id);
  lf_test_response_set_body (response, "text/html", html, -1);
  serve (server, api_path, "statusio_gitlab_2026-07-01.json");

  found = detect_full (session, page, api, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->kind, ==, LF_STATUS_KIND_STATUSIO);
  g_assert_cmpstr (found->url, ==, endpoint);
  g_assert_cmpstr (found->page, ==, page);
  g_assert_cmpstr (found->name, ==, "127.0.0.1");
  g_assert_cmpint (found->report->indicator, ==, LF_SEVERITY_OPERATIONAL);
  g_assert_cmpuint (lf_test_server_get_hits (server, api_path), ==, 1);
  g_assert_cmpstr (lf_test_server_get_last_request_header (server, api_path, "Accept"), ==,
                   "application/json");
  g_clear_pointer (&found, lf_status_detection_free);

  /* An unknown id: status.io answers 200 with an error object. Not a status page. */
  serve_data (server, api_path, "{\"error\":\"status page not found\"}");
  found = detect_full (session, page, api, 5, NULL, &error);
  g_assert_error (error, LF_STATUS_DETECT_ERROR, LF_STATUS_DETECT_ERROR_NOT_RECOGNISED);
  g_assert_null (found);
  g_assert_nonnull (strstr (error->message, "status.io"));
  g_clear_error (&error);

  /* A header that is not an id is never put into an address. */
  serve (server, api_path, "statusio_gitlab_2026-07-01.json");
  response = lf_test_server_respond (server, "/", 200);
  lf_test_response_add_header (response, "x-status-page-id", "../../5b36dc6502d06804c08");
  lf_test_response_set_body (response, "text/html", html, -1);
  found = detect_full (session, page, api, 5, NULL, &error);
  g_assert_error (error, LF_STATUS_DETECT_ERROR, LF_STATUS_DETECT_ERROR_NOT_RECOGNISED);
  g_assert_null (found);
  g_assert_cmpuint (lf_test_server_get_hits (server, api_path), ==, 2);

  g_object_unref (session);
}

/* Bounded in time and cancellable. */
static void
test_timeout_and_cancel (void)
{
  g_autoptr(LfTestServer) server = lf_test_server_new (FALSE);
  SoupSession *session = lf_http_session_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LfStatusDetection) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *page = lf_test_server_get_url (server, "/");
  gint64 start;

  lf_test_response_set_never_answer (lf_test_server_respond (server, "/api/v2/summary.json",
                                                             200));
  serve (server, "/summary.json", "instatus_docs_summary_hasissues.json");

  /* The better candidate never answers: at the deadline, what did answer is taken. */
  start = g_get_monotonic_time ();
  found = detect (session, page, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->kind, ==, LF_STATUS_KIND_INSTATUS);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC - 100000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  g_clear_pointer (&found, lf_status_detection_free);

  /* Nothing answers at all. */
  lf_test_response_set_never_answer (lf_test_server_respond (server, "/summary.json", 200));
  start = g_get_monotonic_time ();
  found = detect (session, page, 1, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_null (found);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  found = detect (session, page, 5, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (found);

  g_object_unref (session);
}

static void
test_normalize (void)
{
  const struct { const char *input; const char *page; } good[] = {
    { "status.example.com", "https://status.example.com/" },
    { "  https://status.example.com  ", "https://status.example.com/" },
    { "http://127.0.0.1:8080", "http://127.0.0.1:8080/" },
    { "https://www.githubstatus.com/api/v2/summary.json", "https://www.githubstatus.com/" },
    { "https://status.example.com/summary.json?x=1#top", "https://status.example.com/" },
    { "https://www.intercomstatus.com/us-hosting", "https://www.intercomstatus.com/us-hosting/" },
  };
  const char *bad[] = { "", "   ", "ftp://status.example.com", "mailto:a@b.c", "https://",
                        "not a host" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *page = lf_status_detect_normalize (good[i].input, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (page, ==, good[i].page);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *page = lf_status_detect_normalize (bad[i], &error);

      g_test_message ("%s", bad[i]);
      g_assert_error (error, LF_STATUS_DETECT_ERROR, LF_STATUS_DETECT_ERROR_ADDRESS);
      g_assert_null (page);
    }
}

static void
test_suggest_probe (void)
{
  g_autofree char *a = lf_status_detect_suggest_probe ("https://status.example.com/");
  g_autofree char *b = lf_status_detect_suggest_probe ("https://www.githubstatus.com/");
  g_autofree char *c = lf_status_detect_suggest_probe ("https://status.com/");

  g_assert_cmpstr (a, ==, "https://example.com/");
  g_assert_cmpstr (b, ==, "https://www.githubstatus.com/");
  g_assert_cmpstr (c, ==, "https://status.com/");
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/status-detect/each-kind", test_each_kind);
  g_test_add_func ("/lifeline/status-detect/order", test_order);
  g_test_add_func ("/lifeline/status-detect/statusio", test_statusio);
  g_test_add_func ("/lifeline/status-detect/not-a-status-page", test_not_a_status_page);
  g_test_add_func ("/lifeline/status-detect/timeout-and-cancel", test_timeout_and_cancel);
  g_test_add_func ("/lifeline/status-detect/normalize", test_normalize);
  g_test_add_func ("/lifeline/status-detect/suggest-probe", test_suggest_probe);

  return g_test_run ();
}
