/* lf-http.c — the application-wide HTTP session and bounded body reads
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-http"

#include "config.h"

#include "lf-http.h"

#include <glib/gi18n.h>

/* One SoupSession serves the whole application (probes and status sources), used from the
 * main thread with the asynchronous API.
 *
 * - The User-Agent says who we are, honestly.
 * - TLS is always verified: nothing here connects to "accept-certificate". Tests replace the
 *   trust store with lf_http_session_set_tls_database(), never switch checking off.
 * - Connection limits are construct-only in libsoup 3.2 and default to 10 (2 per host), which
 *   would serialise a round of hundreds of probes; they are raised here. The per-host limit is
 *   the global one: a round probes each host once or twice, and a benchmark or a catalog of
 *   many targets on one host must not queue behind an artificial per-host limit.
 * - libsoup's own I/O timeout is only a backstop: every caller arms its own deadline (a timer
 *   that cancels the request), because libsoup has no total-request deadline.
 * - Redirects are limited by the callers (SOUP_MESSAGE_NO_REDIRECT and their own loop, see
 *   lf-probe.c and lf-status.c) to LF_HTTP_MAX_REDIRECTS.
 */

#define LF_HTTP_MAX_CONNS_PER_HOST LF_HTTP_MAX_CONNS
#define LF_HTTP_BACKSTOP_TIMEOUT 120
#define READ_CHUNK 16384

struct _LfHttpDeadline
{
  GCancellable *cancellable;
  GCancellable *parent;
  GSource      *timer;
  gulong        parent_id;
  gboolean      expired;
};

typedef struct
{
  GInputStream *stream;
  GByteArray   *buffer;
  gsize         cap;
  gboolean      truncated;
  GError       *error;
} ReadCapped;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
read_capped_free (gpointer data)
{
  ReadCapped *state = data;

  g_clear_object (&state->stream);
  g_clear_pointer (&state->buffer, g_byte_array_unref);
  g_clear_error (&state->error);
  g_free (state);
}

static void read_next (GTask *task);

static void
close_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReadCapped *state = g_task_get_task_data (task);

  /* A failed close after a complete read changes nothing for the caller. */
  g_input_stream_close_finish (G_INPUT_STREAM (object), result, NULL);

  if (state->error != NULL)
    g_task_return_error (task, g_steal_pointer (&state->error));
  else
    g_task_return_pointer (task,
                           g_byte_array_free_to_bytes (g_steal_pointer (&state->buffer)),
                           (GDestroyNotify) g_bytes_unref);
}

static void
finish_reading (GTask *task)
{
  ReadCapped *state = g_task_get_task_data (task);

  /* Close without the task's cancellable: a cancelled read must still release the stream. */
  g_input_stream_close_async (state->stream, G_PRIORITY_DEFAULT, NULL, close_cb, task);
}

static void
read_bytes_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReadCapped *state = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      state->error = g_steal_pointer (&error);
      finish_reading (g_steal_pointer (&task));
      return;
    }

  len = g_bytes_get_size (chunk);
  if (len == 0)
    {
      finish_reading (g_steal_pointer (&task));
      return;
    }

  if (state->buffer->len >= state->cap)
    {
      /* The one-byte look past the cap found more: the body is longer than the cap. */
      state->truncated = TRUE;
      finish_reading (g_steal_pointer (&task));
      return;
    }

  g_byte_array_append (state->buffer, g_bytes_get_data (chunk, NULL), len);
  read_next (g_steal_pointer (&task));
}

static void
read_next (GTask *task)
{
  ReadCapped *state = g_task_get_task_data (task);
  gsize want;

  if (state->buffer->len >= state->cap)
    want = 1;   /* only to learn whether the body ends here */
  else
    want = MIN (READ_CHUNK, state->cap - state->buffer->len);

  g_input_stream_read_bytes_async (state->stream, want, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_bytes_cb, task);
}

typedef struct
{
  SoupSession *session;
  SoupMessage *msg;
  guint        max_redirects;
  guint        redirects;
} Send;

static void
send_free (gpointer data)
{
  Send *state = data;

  g_clear_object (&state->session);
  g_clear_object (&state->msg);
  g_free (state);
}

static gboolean
is_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER || status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT;
}

static void
copy_header_cb (const char *name,
                const char *value,
                gpointer    user_data)
{
  soup_message_headers_append (user_data, name, value);
}

static SoupMessage *
build_redirect (SoupMessage *msg,
                GUri        *location)
{
  const char *method = soup_message_get_method (msg);
  SoupMessage *next;

  if (soup_message_get_status (msg) == SOUP_STATUS_SEE_OTHER && g_strcmp0 (method, "HEAD") != 0)
    method = "GET";

  next = soup_message_new_from_uri (method, location);
  soup_message_headers_foreach (soup_message_get_request_headers (msg), copy_header_cb,
                                soup_message_get_request_headers (next));
  soup_message_set_flags (next, soup_message_get_flags (msg));
  soup_message_set_priority (next, soup_message_get_priority (msg));

  return next;
}

static void send_one (GTask *task);

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Send *state = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) location = NULL;
  g_autoptr(SoupMessage) next = NULL;
  const char *header;
  guint status;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (state->msg);
  header = soup_message_headers_get_one (soup_message_get_response_headers (state->msg),
                                         "Location");
  if (!is_redirect (status) || header == NULL || state->max_redirects == 0 ||
      (soup_message_get_flags (state->msg) & SOUP_MESSAGE_NO_REDIRECT) == 0)
    {
      g_task_return_pointer (task, g_steal_pointer (&stream), g_object_unref);
      return;
    }

  location = g_uri_parse_relative (soup_message_get_uri (state->msg), header,
                                   SOUP_HTTP_URI_FLAGS, NULL);
  if (location == NULL ||
      (g_strcmp0 (g_uri_get_scheme (location), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (location), "https") != 0))
    {
      g_task_return_new_error (task, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_REDIRECT_BAD_URI,
                               _("Redirected to an invalid address “%s”"), header);
      return;
    }

  if (state->redirects >= state->max_redirects)
    {
      g_task_return_new_error (task, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS,
                               _("Too many redirects (more than %u)"), state->max_redirects);
      return;
    }

  /* Drop the redirect's own body without waiting for it. */
  g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);

  state->redirects++;
  next = build_redirect (state->msg, location);
  g_set_object (&state->msg, next);
  send_one (g_steal_pointer (&task));
}

static void
send_one (GTask *task)
{
  Send *state = g_task_get_task_data (task);

  soup_session_send_async (state->session, state->msg, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), send_cb, task);
}

static gboolean
on_deadline_expired_cb (gpointer user_data)
{
  LfHttpDeadline *deadline = user_data;

  deadline->expired = TRUE;
  g_cancellable_cancel (deadline->cancellable);

  return G_SOURCE_CONTINUE;   /* removed by lf_http_deadline_free() */
}

static void
on_parent_cancelled_cb (GCancellable *parent,
                        gpointer      user_data)
{
  GCancellable *child = user_data;

  g_cancellable_cancel (child);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_http_deadline_new:
 * @timeout_ms: time allowed, in milliseconds
 * @parent: (nullable): the caller's cancellable
 *
 * Arms a timer on the thread-default main context. Use lf_http_deadline_get_cancellable()
 * for the request; after a cancellation, lf_http_deadline_expired() tells a deadline from
 * the caller's own cancellation.
 *
 * Returns: (transfer full): a new deadline, freed with lf_http_deadline_free()
 */
LfHttpDeadline *
lf_http_deadline_new (guint         timeout_ms,
                      GCancellable *parent)
{
  LfHttpDeadline *deadline = g_new0 (LfHttpDeadline, 1);

  deadline->cancellable = g_cancellable_new ();
  deadline->timer = g_timeout_source_new (timeout_ms);
  g_source_set_callback (deadline->timer, on_deadline_expired_cb, deadline, NULL);
  g_source_set_static_name (deadline->timer, "[lifeline] request deadline");
  g_source_attach (deadline->timer, g_main_context_get_thread_default ());

  if (parent != NULL)
    {
      deadline->parent = g_object_ref (parent);
      deadline->parent_id = g_cancellable_connect (parent, G_CALLBACK (on_parent_cancelled_cb),
                                                   g_object_ref (deadline->cancellable),
                                                   g_object_unref);
    }

  return deadline;
}

GCancellable *
lf_http_deadline_get_cancellable (LfHttpDeadline *deadline)
{
  g_return_val_if_fail (deadline != NULL, NULL);

  return deadline->cancellable;
}

/**
 * lf_http_deadline_expired:
 *
 * Returns: %TRUE if the time ran out (as opposed to the caller cancelling)
 */
gboolean
lf_http_deadline_expired (LfHttpDeadline *deadline)
{
  g_return_val_if_fail (deadline != NULL, FALSE);

  return deadline->expired &&
         (deadline->parent == NULL || !g_cancellable_is_cancelled (deadline->parent));
}

void
lf_http_deadline_free (LfHttpDeadline *deadline)
{
  if (deadline == NULL)
    return;

  if (deadline->timer != NULL)
    {
      g_source_destroy (deadline->timer);
      g_source_unref (deadline->timer);
    }
  if (deadline->parent != NULL)
    {
      g_cancellable_disconnect (deadline->parent, deadline->parent_id);
      g_object_unref (deadline->parent);
    }
  g_clear_object (&deadline->cancellable);
  g_free (deadline);
}

/**
 * lf_http_get_user_agent:
 *
 * Returns: (transfer full): "Lifeline/<version> (+https://github.com/lifeline/lifeline)"
 */
char *
lf_http_get_user_agent (void)
{
  return g_strdup ("Lifeline/" PACKAGE_VERSION " (+https://github.com/lifeline/lifeline)");
}

/**
 * lf_http_session_new:
 *
 * Creates the session the whole application shares: honest User-Agent, system trust store
 * (TLS always verified), up to %LF_HTTP_MAX_CONNS connections, a 120 s I/O backstop. Callers
 * set their own per-request deadline.
 *
 * Returns: (transfer full): a new #SoupSession
 */
SoupSession *
lf_http_session_new (void)
{
  g_autofree char *user_agent = lf_http_get_user_agent ();

  return soup_session_new_with_options ("user-agent", user_agent,
                                        "max-conns", LF_HTTP_MAX_CONNS,
                                        "max-conns-per-host", LF_HTTP_MAX_CONNS_PER_HOST,
                                        "timeout", LF_HTTP_BACKSTOP_TIMEOUT,
                                        "idle-timeout", 60,
                                        NULL);
}

/**
 * lf_http_session_set_tls_database:
 * @session: a session from lf_http_session_new()
 * @database: the trust store to verify certificates against (e.g. a test CA)
 *
 * Replaces the trust store. Certificates are still verified: this is how tests trust their
 * own certificate authority without switching checks off.
 */
void
lf_http_session_set_tls_database (SoupSession  *session,
                                  GTlsDatabase *database)
{
  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (database == NULL || G_IS_TLS_DATABASE (database));

  soup_session_set_tls_database (session, database);
}

/**
 * lf_http_read_capped_async:
 * @stream: a response body (takes a reference; the stream is closed when done)
 * @cap: the most bytes to keep
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads @stream until its end or until @cap bytes, whichever comes first, then closes it.
 * At most one byte beyond @cap is read, to tell "exactly @cap bytes" from "truncated".
 */
void
lf_http_read_capped_async (GInputStream        *stream,
                           gsize                cap,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadCapped *state;

  g_return_if_fail (G_IS_INPUT_STREAM (stream));
  g_return_if_fail (cap > 0);

  state = g_new0 (ReadCapped, 1);
  state->stream = g_object_ref (stream);
  state->buffer = g_byte_array_sized_new (MIN (cap, READ_CHUNK));
  state->cap = cap;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_http_read_capped_async);
  g_task_set_task_data (task, state, read_capped_free);

  read_next (g_steal_pointer (&task));
}

/**
 * lf_http_read_capped_finish:
 * @result: the result given to the callback
 * @truncated: (out) (optional): set to %TRUE when the body was longer than the cap
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the bytes read (at most the cap), or %NULL with @error set
 */
GBytes *
lf_http_read_capped_finish (GAsyncResult  *result,
                            gboolean      *truncated,
                            GError       **error)
{
  ReadCapped *state;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  state = g_task_get_task_data (G_TASK (result));
  if (truncated != NULL)
    *truncated = state->truncated;

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lf_http_send_async:
 * @session: a #SoupSession
 * @msg: the request; give it %SOUP_MESSAGE_NO_REDIRECT to have redirects followed here
 * @max_redirects: the most redirects to follow
 * @cancellable: (nullable): a #GCancellable (the caller's deadline)
 * @callback: called with the response
 * @user_data: data for @callback
 *
 * Sends @msg. When @msg carries %SOUP_MESSAGE_NO_REDIRECT, redirects (301, 302, 303, 307,
 * 308) are followed here, at most @max_redirects times, each as a new message with the same
 * request headers and flags (so metrics and per-request flags hold for every hop). More
 * redirects fail with %SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS. With @max_redirects 0, a
 * redirect is returned as the answer.
 */
void
lf_http_send_async (SoupSession         *session,
                    SoupMessage         *msg,
                    guint                max_redirects,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Send *state;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (SOUP_IS_MESSAGE (msg));

  state = g_new0 (Send, 1);
  state->session = g_object_ref (session);
  state->msg = g_object_ref (msg);
  state->max_redirects = max_redirects;

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_http_send_async);
  g_task_set_task_data (task, state, send_free);

  send_one (g_steal_pointer (&task));
}

/**
 * lf_http_send_finish:
 * @result: the result given to the callback
 * @final_msg: (out) (optional) (transfer full): the last message sent (the one whose status,
 *   headers and metrics describe the answer), also set on error
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the response body stream, or %NULL with @error set
 */
GInputStream *
lf_http_send_finish (GAsyncResult  *result,
                     SoupMessage  **final_msg,
                     GError       **error)
{
  Send *state;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  state = g_task_get_task_data (G_TASK (result));
  if (final_msg != NULL)
    *final_msg = g_object_ref (state->msg);

  return g_task_propagate_pointer (G_TASK (result), error);
}
