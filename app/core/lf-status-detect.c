/* lf-status-detect.c — which kind of status page is at an address, and what it says now
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-status"

#include "config.h"

#include "lf-status-detect.h"
#include "lf-http.h"
#include "lf-json.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* The person pastes a status page's address (or a bare host name). Every reader has a
 * well-known endpoint relative to the page; all of them are requested at once, under one
 * deadline, with the application's session. The first candidate in the order below whose
 * answer its reader accepts *and* that looks like that kind of page (a page name, the
 * expected top-level members) wins; the rest are cancelled. Nothing recognised is an error
 * that says so.
 *
 * status.io is the one kind whose API is not on the page's host: it lives on api.status.io
 * under the page's id. A status.io-hosted page states that id in its answer's
 * `x-status-page-id` header (docs/CATALOG.md names where this is stated publicly), so the
 * page itself is requested as one more candidate, last in the order; when it carries a
 * well-formed id, the status API is asked for that id. */

/* status.io's public status API; an id is appended. */
#define STATUSIO_API "https://api.status.io/1.0/status/"
#define STATUSIO_ID_HEADER "x-status-page-id"

typedef struct
{
  LfStatusKind  kind;
  const char   *path;
} Candidate;

static const Candidate candidates[] = {
  { LF_STATUS_KIND_STATUSPAGE, "/api/v2/summary.json" },   /* Atlassian (and incident.io) */
  { LF_STATUS_KIND_INCIDENTIO, "/api/v1/summary" },        /* incident.io's widget API */
  { LF_STATUS_KIND_INSTATUS, "/summary.json" },            /* Instatus */
  { LF_STATUS_KIND_SLACK, "/api/v2.0.0/current" },         /* Slack's own */
  { LF_STATUS_KIND_GOOGLE_WORKSPACE, "/incidents.json" },  /* Google Cloud's dashboard */
};

#define N_CANDIDATES G_N_ELEMENTS (candidates)
#define STATUSIO N_CANDIDATES                  /* the page itself, then api.status.io */
#define N_KINDS (N_CANDIDATES + 1)

typedef enum
{
  RESULT_PENDING,
  RESULT_NO,
  RESULT_YES,
} ResultState;

typedef struct
{
  char           *page;       /* normalised page address */
  char           *base;       /* page without a trailing slash, for appending the paths */
  char           *statusio_api;  /* status.io's API, an id is appended */
  char           *statusio_url;  /* the API address for the page's id, once known */
  LfHttpDeadline *deadline;
  guint           timeout_seconds;
  ResultState     state[N_KINDS];
  LfStatusReport *reports[N_KINDS];
  guint           pending;
  gboolean        returned;
} Detect;

typedef struct
{
  GTask       *task;
  guint        index;
  SoupMessage *msg;
  gboolean     page;   /* the status.io candidate's first step: the page, for its id */
} Attempt;

G_DEFINE_QUARK (lf-status-detect-error-quark, lf_status_detect_error)

static void
detect_free (gpointer data)
{
  Detect *detect = data;

  g_free (detect->page);
  g_free (detect->base);
  g_free (detect->statusio_api);
  g_free (detect->statusio_url);
  g_clear_pointer (&detect->deadline, lf_http_deadline_free);
  for (guint i = 0; i < N_KINDS; i++)
    g_clear_pointer (&detect->reports[i], lf_status_report_unref);
  g_free (detect);
}

static void
attempt_free (Attempt *attempt)
{
  g_clear_object (&attempt->task);
  g_clear_object (&attempt->msg);
  g_free (attempt);
}

/* Beyond "the reader accepted it": the marks of that kind of page, so that any JSON answer
 * (an API's `{"status": …}`, an empty array) is not taken for a status page. */
static gboolean
looks_like (LfStatusKind    kind,
            GBytes         *body,
            LfStatusReport *report)
{
  switch (kind)
    {
    case LF_STATUS_KIND_STATUSPAGE:
    case LF_STATUS_KIND_INCIDENTIO:
    case LF_STATUS_KIND_INSTATUS:
      return report->page_name != NULL && *report->page_name != '\0';
    case LF_STATUS_KIND_SLACK:
      return report->description != NULL;   /* "ok" or "active" */
    case LF_STATUS_KIND_STATUSIO:
      return TRUE;   /* the reader found result.status_overall for the page's own id */
    case LF_STATUS_KIND_GOOGLE_WORKSPACE:
      {
        g_autoptr(JsonParser) parser = json_parser_new_immutable ();
        gsize len;
        const char *data = g_bytes_get_data (body, &len);
        JsonNode *root;
        JsonArray *array;
        JsonNode *first;

        if (!lf_json_parser_load (parser, data, len, NULL))
          return FALSE;
        root = json_parser_get_root (parser);
        if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
          return FALSE;
        array = json_node_get_array (root);
        if (json_array_get_length (array) == 0)
          return FALSE;
        first = json_array_get_element (array, 0);
        return JSON_NODE_HOLDS_OBJECT (first) &&
               (json_object_has_member (json_node_get_object (first), "service_name") ||
                json_object_has_member (json_node_get_object (first), "affected_products"));
      }
    default:
      return FALSE;
    }
}

static const char *
kind_label (LfStatusKind kind)
{
  switch (kind)
    {
    case LF_STATUS_KIND_STATUSPAGE: return "Statuspage";
    case LF_STATUS_KIND_INCIDENTIO: return "incident.io";
    case LF_STATUS_KIND_INSTATUS: return "Instatus";
    case LF_STATUS_KIND_SLACK: return "Slack";
    case LF_STATUS_KIND_GOOGLE_WORKSPACE: return "Google";
    case LF_STATUS_KIND_STATUSIO: return "status.io";
    default: return "?";
    }
}

static LfStatusKind
candidate_kind (guint index)
{
  return index == STATUSIO ? LF_STATUS_KIND_STATUSIO : candidates[index].kind;
}

/* A status.io page id: 24 hexadecimal digits (as every id in status.io's API). */
static gboolean
statusio_id_valid (const char *id)
{
  if (id == NULL || strlen (id) != 24)
    return FALSE;
  for (const char *c = id; *c != '\0'; c++)
    if (!g_ascii_isxdigit (*c))
      return FALSE;

  return TRUE;
}

/* Returns once the best candidate is known: the first in order that said yes while every
 * candidate before it has said no. */
static void
detect_settle (GTask *task)
{
  Detect *detect = g_task_get_task_data (task);
  LfStatusDetection *detection;
  g_autoptr(GUri) uri = NULL;

  if (detect->returned)
    return;

  for (guint i = 0; i < N_KINDS; i++)
    {
      if (detect->state[i] == RESULT_PENDING)
        return;
      if (detect->state[i] == RESULT_NO)
        continue;

      detection = g_new0 (LfStatusDetection, 1);
      detection->kind = candidate_kind (i);
      detection->url = i == STATUSIO ? g_strdup (detect->statusio_url)
                                     : g_strconcat (detect->base, candidates[i].path, NULL);
      detection->page = g_strdup (detect->page);
      detection->report = lf_status_report_ref (detect->reports[i]);
      uri = g_uri_parse (detect->page, G_URI_FLAGS_NONE, NULL);
      if (detection->report->page_name != NULL)
        detection->name = g_strstrip (g_strdup (detection->report->page_name));
      else
        detection->name = g_strdup (uri != NULL ? g_uri_get_host (uri) : detect->page);
      detection->probe_url = lf_status_detect_suggest_probe (detect->page);

      detect->returned = TRUE;
      /* The others are no longer needed. */
      g_cancellable_cancel (lf_http_deadline_get_cancellable (detect->deadline));
      g_task_return_pointer (task, detection, (GDestroyNotify) lf_status_detection_free);
      return;
    }

  detect->returned = TRUE;
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("Looking for a status page was cancelled"));
  else if (lf_http_deadline_expired (detect->deadline))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                             _("No status page answered at %s within %u s"), detect->page,
                             detect->timeout_seconds);
  else
    g_task_return_new_error (task, LF_STATUS_DETECT_ERROR,
                             LF_STATUS_DETECT_ERROR_NOT_RECOGNISED,
                             _("No status page recognised at %s (tried the Statuspage, "
                               "incident.io, Instatus, Slack, Google and status.io formats)"),
                             detect->page);
}

static void
attempt_done (Attempt        *attempt,
              GBytes         *body)
{
  Detect *detect = g_task_get_task_data (attempt->task);
  guint i = attempt->index;
  g_autoptr(LfStatusReport) report = NULL;

  detect->state[i] = RESULT_NO;
  if (body != NULL && g_bytes_get_size (body) > 0)
    {
      report = lf_status_parse_full (candidate_kind (i), body, NULL, detect->page, NULL);
      if (report != NULL && looks_like (candidate_kind (i), body, report))
        {
          detect->reports[i] = g_steal_pointer (&report);
          detect->state[i] = RESULT_YES;
          g_debug ("%s: %s format at %s", detect->page, kind_label (candidate_kind (i)),
                   i == STATUSIO ? detect->statusio_url : candidates[i].path);
        }
    }

  detect->pending--;
  detect_settle (attempt->task);
  attempt_free (attempt);
}

static void attempt_send (Attempt    *attempt,
                          const char *url,
                          gboolean    page);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Attempt *attempt = user_data;
  g_autoptr(GBytes) body = NULL;
  gboolean truncated = FALSE;

  body = lf_http_read_capped_finish (result, &truncated, NULL);
  attempt_done (attempt, truncated ? NULL : body);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Attempt *attempt = user_data;
  Detect *detect = g_task_get_task_data (attempt->task);
  g_autoptr(GInputStream) stream = NULL;
  SoupMessage *final = NULL;

  stream = lf_http_send_finish (result, &final, NULL);
  g_set_object (&attempt->msg, final);
  g_clear_object (&final);

  if (stream == NULL)
    {
      attempt_done (attempt, NULL);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (attempt->msg)))
    {
      g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      attempt_done (attempt, NULL);
      return;
    }

  if (attempt->page)
    {
      /* Only the header is needed, not the page. */
      const char *id = soup_message_headers_get_one (
        soup_message_get_response_headers (attempt->msg), STATUSIO_ID_HEADER);

      g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      if (!statusio_id_valid (id))
        {
          attempt_done (attempt, NULL);
          return;
        }
      detect->statusio_url = g_strconcat (detect->statusio_api, id, NULL);
      attempt_send (attempt, detect->statusio_url, FALSE);
      return;
    }

  lf_http_read_capped_async (stream, LF_STATUS_MAX_BODY,
                             lf_http_deadline_get_cancellable (detect->deadline),
                             read_cb, attempt);
}

/* Sends @attempt's (next) request; @attempt is done in send_cb(). */
static void
attempt_send (Attempt    *attempt,
              const char *url,
              gboolean    page)
{
  Detect *detect = g_task_get_task_data (attempt->task);
  SoupSession *session = g_task_get_source_object (attempt->task);
  SoupMessage *msg = soup_message_new ("GET", url);

  attempt->page = page;
  g_clear_object (&attempt->msg);
  if (msg == NULL)
    {
      attempt_done (attempt, NULL);
      return;
    }

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                page ? "text/html" : "application/json");
  attempt->msg = msg;
  lf_http_send_async (session, msg, LF_HTTP_MAX_REDIRECTS,
                      lf_http_deadline_get_cancellable (detect->deadline), send_cb, attempt);
}

/**
 * lf_status_detect_normalize:
 * @input: what the person typed: `https://status.example.com/`, `status.example.com`, …
 * @error: %LF_STATUS_DETECT_ERROR_ADDRESS when it is not a web address
 *
 * A bare host name becomes `https://host/`; only http and https are accepted; the query and
 * fragment are dropped; a pasted API endpoint of a known kind stands for its page.
 *
 * Returns: (transfer full) (nullable): the page's address
 */
char *
lf_status_detect_normalize (const char  *input,
                            GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *path = NULL;
  const char *scheme;

  g_return_val_if_fail (input != NULL, NULL);

  text = g_strstrip (g_strdup (input));
  if (*text == '\0')
    {
      g_set_error (error, LF_STATUS_DETECT_ERROR, LF_STATUS_DETECT_ERROR_ADDRESS,
                   _("Type the address of a status page, e.g. https://status.example.com"));
      return NULL;
    }

  if (strstr (text, "://") == NULL)
    {
      char *with_scheme = g_strconcat ("https://", text, NULL);

      g_free (text);
      text = with_scheme;
    }

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      strchr (g_uri_get_host (uri), ' ') != NULL || g_uri_get_userinfo (uri) != NULL ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error (error, LF_STATUS_DETECT_ERROR, LF_STATUS_DETECT_ERROR_ADDRESS,
                   _("“%s” is not the address of a web page"), input);
      return NULL;
    }

  path = g_strdup (g_uri_get_path (uri));
  for (guint i = 0; i < N_CANDIDATES; i++)
    if (g_str_has_suffix (path, candidates[i].path))
      path[strlen (path) - strlen (candidates[i].path)] = '\0';
  if (!g_str_has_suffix (path, "/"))
    {
      char *slashed = g_strconcat (path, "/", NULL);

      g_free (path);
      path = slashed;
    }

  {
    g_autoptr(GUri) page = g_uri_build (G_URI_FLAGS_NONE, scheme, NULL, g_uri_get_host (uri),
                                        g_uri_get_port (uri), path, NULL, NULL);

    return g_uri_to_string (page);
  }
}

/**
 * lf_status_detect_suggest_probe:
 * @page: a status page's address
 *
 * A status page usually sits on a `status.` host of the product's own domain:
 * `https://status.example.com/` suggests probing `https://example.com/`. Other pages
 * (`https://www.examplestatus.com/`, a hosted `*.statuspage.io`) suggest themselves; the
 * person edits the suggestion before saving.
 *
 * Returns: (transfer full): the suggested probe address
 */
char *
lf_status_detect_suggest_probe (const char *page)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) probe = NULL;
  const char *host;

  g_return_val_if_fail (page != NULL, NULL);

  uri = g_uri_parse (page, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (page);

  host = g_uri_get_host (uri);
  if (g_ascii_strncasecmp (host, "status.", 7) == 0 && strchr (host + 7, '.') != NULL)
    host += 7;
  else
    return g_strdup (page);

  probe = g_uri_build (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, host,
                       g_uri_get_port (uri), "/", NULL, NULL);
  return g_uri_to_string (probe);
}

/**
 * lf_status_detect_async:
 * @session: the application's session
 * @input: a status page's address or host name (see lf_status_detect_normalize())
 * @timeout_seconds: the most the whole detection may take
 * @cancellable: (nullable): cancels the detection
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Tries every reader's well-known endpoint on the page at once and reports the first kind
 * recognised (in a fixed order), with the page's name and its current state. A status.io
 * page is found by the id in its `x-status-page-id` header.
 */
void
lf_status_detect_async (SoupSession         *session,
                        const char          *input,
                        guint                timeout_seconds,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  lf_status_detect_async_full (session, input, NULL, timeout_seconds, cancellable, callback,
                               user_data);
}

/**
 * lf_status_detect_async_full:
 * @session: the application's session
 * @input: a status page's address or host name
 * @statusio_api: (nullable): status.io's status API, to which a page id is appended;
 *   %NULL for `https://api.status.io/1.0/status/` (the tests give a loopback one)
 * @timeout_seconds: the most the whole detection may take
 * @cancellable: (nullable): cancels the detection
 * @callback: called when done
 * @user_data: data for @callback
 *
 * As lf_status_detect_async().
 */
void
lf_status_detect_async_full (SoupSession         *session,
                             const char          *input,
                             const char          *statusio_api,
                             guint                timeout_seconds,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *page = NULL;
  Detect *detect;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (input != NULL);
  g_return_if_fail (timeout_seconds > 0);

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_status_detect_async_full);

  page = lf_status_detect_normalize (input, &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  detect = g_new0 (Detect, 1);
  detect->page = g_steal_pointer (&page);
  detect->base = g_strndup (detect->page, strlen (detect->page) - 1);   /* ends with '/' */
  detect->statusio_api = g_strdup (statusio_api != NULL ? statusio_api : STATUSIO_API);
  detect->timeout_seconds = timeout_seconds;
  detect->deadline = lf_http_deadline_new (timeout_seconds * 1000, cancellable);
  g_task_set_task_data (task, detect, detect_free);

  /* Every attempt counts as pending before the first is sent: one that fails at once must
   * not settle the detection while the others are still to go. */
  detect->pending = N_KINDS;
  for (guint i = 0; i < N_KINDS; i++)
    {
      Attempt *attempt = g_new0 (Attempt, 1);

      attempt->task = g_object_ref (task);
      attempt->index = i;
      if (i == STATUSIO)
        attempt_send (attempt, detect->page, TRUE);
      else
        {
          g_autofree char *url = g_strconcat (detect->base, candidates[i].path, NULL);

          attempt_send (attempt, url, FALSE);
        }
    }
}

/**
 * lf_status_detect_finish:
 * @result: the result given to the callback
 * @error: %LF_STATUS_DETECT_ERROR_NOT_RECOGNISED when nothing was recognised,
 *   %LF_STATUS_DETECT_ERROR_ADDRESS for an address that is not one, %G_IO_ERROR_TIMED_OUT
 *   when nothing answered in time, %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): what was found, or %NULL with @error set
 */
LfStatusDetection *
lf_status_detect_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lf_status_detection_free (LfStatusDetection *detection)
{
  if (detection == NULL)
    return;

  g_free (detection->url);
  g_free (detection->page);
  g_free (detection->name);
  g_free (detection->probe_url);
  g_clear_pointer (&detection->report, lf_status_report_unref);
  g_free (detection);
}
