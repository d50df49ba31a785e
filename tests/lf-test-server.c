/* lf-test-server.c — an in-process HTTP(S) server on loopback that plays scripted answers
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-test-server.h"
#include "lf-test-utils.h"

#include <string.h>

#define ENDLESS_CHUNK 8192

struct _LfTestResponse
{
  guint      status;
  char      *content_type;
  GBytes    *body;
  GPtrArray *headers;        /* name, value, name, value, … */
  guint      delay_ms;
  gboolean   never_answer;
  gboolean   endless;
  guint      trickle_ms;
  char      *etag;
  char      *last_modified;
};

struct _LfTestServer
{
  SoupServer *soup;
  gboolean    tls;
  guint       port;
  GHashTable *responses;     /* path → LfTestResponse */
  GHashTable *hits;          /* path → count */
  GHashTable *last_headers;  /* path → SoupMessageHeaders */
  GPtrArray  *held;          /* SoupServerMessage we keep paused forever */
  GPtrArray  *timers;        /* GSource of delayed answers and trickled chunks */
  GPtrArray  *trickles;      /* Trickle, freed with the server */
};

typedef struct
{
  LfTestServer      *server;
  SoupServerMessage *msg;
  GSource           *source;
} Delayed;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
response_free (gpointer data)
{
  LfTestResponse *response = data;

  g_free (response->content_type);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_ptr_array_unref (response->headers);
  g_free (response->etag);
  g_free (response->last_modified);
  g_free (response);
}

static void
on_wrote_chunk_cb (SoupServerMessage *msg,
                   gpointer           user_data)
{
  static char chunk[ENDLESS_CHUNK];
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  memset (chunk, 'x', sizeof chunk);
  soup_message_body_append (body, SOUP_MEMORY_STATIC, chunk, sizeof chunk);
}

typedef struct
{
  LfTestServer      *server;
  SoupServerMessage *msg;
  guint              interval_ms;
  gboolean           finished;
} Trickle;

static void
trickle_free (gpointer data)
{
  Trickle *trickle = data;

  g_object_unref (trickle->msg);
  g_free (trickle);
}

static gboolean
on_trickle_due_cb (gpointer user_data)
{
  Trickle *trickle = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (trickle->msg);

  if (trickle->finished)
    return G_SOURCE_REMOVE;

  soup_message_body_append (body, SOUP_MEMORY_STATIC, "drip\n", 5);
  soup_server_message_unpause (trickle->msg);

  return G_SOURCE_REMOVE;
}

static void
on_trickle_wrote_chunk_cb (SoupServerMessage *msg,
                           gpointer           user_data)
{
  Trickle *trickle = user_data;
  GSource *source;

  if (trickle->finished)
    return;

  soup_server_message_pause (msg);
  source = g_timeout_source_new (trickle->interval_ms);
  g_source_set_callback (source, on_trickle_due_cb, trickle, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_ptr_array_add (trickle->server->timers, source);
}

static void
on_trickle_finished_cb (SoupServerMessage *msg,
                        gpointer           user_data)
{
  Trickle *trickle = user_data;

  trickle->finished = TRUE;
}

static void
apply_response (LfTestServer      *server,
                SoupServerMessage *msg,
                LfTestResponse    *response,
                gboolean           not_modified)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  for (guint i = 0; i + 1 < response->headers->len; i += 2)
    soup_message_headers_append (headers, g_ptr_array_index (response->headers, i),
                                 g_ptr_array_index (response->headers, i + 1));
  if (response->etag != NULL)
    soup_message_headers_replace (headers, "ETag", response->etag);
  if (response->last_modified != NULL)
    soup_message_headers_replace (headers, "Last-Modified", response->last_modified);

  if (not_modified)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  soup_server_message_set_status (msg, response->status, NULL);

  if (response->endless)
    {
      SoupMessageBody *body = soup_server_message_get_response_body (msg);

      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, "text/plain", NULL);
      soup_message_body_set_accumulate (body, FALSE);
      if (response->trickle_ms > 0)
        {
          Trickle *trickle = g_new0 (Trickle, 1);

          /* Freed with the message; timers still pending are destroyed with the server. */
          trickle->server = server;
          trickle->msg = g_object_ref (msg);
          trickle->interval_ms = response->trickle_ms;
          g_ptr_array_add (server->trickles, trickle);
          g_signal_connect (msg, "wrote-chunk", G_CALLBACK (on_trickle_wrote_chunk_cb), trickle);
          g_signal_connect (msg, "finished", G_CALLBACK (on_trickle_finished_cb), trickle);
          soup_message_body_append (body, SOUP_MEMORY_STATIC, "drip\n", 5);
          return;
        }
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (on_wrote_chunk_cb), NULL);
      on_wrote_chunk_cb (msg, NULL);
      return;
    }

  if (response->body != NULL)
    soup_server_message_set_response (msg, response->content_type ? response->content_type
                                                                   : "text/plain",
                                      SOUP_MEMORY_COPY,
                                      g_bytes_get_data (response->body, NULL),
                                      g_bytes_get_size (response->body));
}

static gboolean
on_delay_done_cb (gpointer user_data)
{
  Delayed *delayed = user_data;

  soup_server_message_unpause (delayed->msg);
  g_ptr_array_remove (delayed->server->timers, delayed->source);

  return G_SOURCE_REMOVE;
}

static void
delayed_free (gpointer data)
{
  Delayed *delayed = data;

  g_object_unref (delayed->msg);
  g_free (delayed);
}

static void
handler_cb (SoupServer        *soup,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  LfTestServer *server = user_data;
  LfTestResponse *response = g_hash_table_lookup (server->responses, path);
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *copy = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  gboolean not_modified = FALSE;
  guint hits;

  hits = GPOINTER_TO_UINT (g_hash_table_lookup (server->hits, path));
  g_hash_table_replace (server->hits, g_strdup (path), GUINT_TO_POINTER (hits + 1));
  soup_message_headers_iter_init (&iter, request);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_append (copy, name, value);
  g_hash_table_replace (server->last_headers, g_strdup (path), copy);

  if (response == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  if (response->never_answer)
    {
      g_ptr_array_add (server->held, g_object_ref (msg));
      soup_server_message_pause (msg);
      return;
    }

  if (response->etag != NULL &&
      g_strcmp0 (soup_message_headers_get_one (request, "If-None-Match"), response->etag) == 0)
    not_modified = TRUE;
  if (response->last_modified != NULL &&
      g_strcmp0 (soup_message_headers_get_one (request, "If-Modified-Since"),
                 response->last_modified) == 0)
    not_modified = TRUE;

  apply_response (server, msg, response, not_modified);

  if (response->delay_ms > 0)
    {
      Delayed *delayed = g_new0 (Delayed, 1);

      delayed->server = server;
      delayed->msg = g_object_ref (msg);
      delayed->source = g_timeout_source_new (response->delay_ms);
      g_source_set_callback (delayed->source, on_delay_done_cb, delayed, delayed_free);
      g_source_attach (delayed->source, g_main_context_get_thread_default ());
      g_ptr_array_add (server->timers, delayed->source);
      soup_server_message_pause (msg);
    }
}

static void
destroy_source (gpointer data)
{
  GSource *source = data;

  g_source_destroy (source);
  g_source_unref (source);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_test_server_new:
 * @tls: serve HTTPS with tests/data/test-cert.pem
 *
 * Listens on 127.0.0.1, on a free port.
 */
LfTestServer *
lf_test_server_new (gboolean tls)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  LfTestServer *server = g_new0 (LfTestServer, 1);
  GSList *uris;

  server->tls = tls;
  server->responses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, response_free);
  server->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  server->last_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) soup_message_headers_unref);
  server->held = g_ptr_array_new_with_free_func (g_object_unref);
  server->timers = g_ptr_array_new_with_free_func (destroy_source);
  server->trickles = g_ptr_array_new_with_free_func (trickle_free);

  if (tls)
    {
      g_autofree char *cert_path = lf_test_build_data_path ("test-cert.pem");
      g_autofree char *key_path = lf_test_build_data_path ("test-key.pem");
      g_autoptr(GTlsCertificate) cert = NULL;

      cert = g_tls_certificate_new_from_files (cert_path, key_path, &error);
      g_assert_no_error (error);
      server->soup = soup_server_new ("tls-certificate", cert, NULL);
    }
  else
    server->soup = soup_server_new (NULL, NULL);

  soup_server_add_handler (server->soup, NULL, handler_cb, server, NULL);

  /* Our own socket, for a deep accept queue: GSocketListener's default backlog (10) drops
   * SYNs when hundreds of probes connect at once, and each drop costs the client a 1 s
   * retransmission. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_set_listen_backlog (socket, 4096);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);
  soup_server_listen_socket (server->soup, socket, tls ? SOUP_SERVER_LISTEN_HTTPS : 0, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server->soup);
  g_assert_nonnull (uris);
  server->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return server;
}

void
lf_test_server_free (LfTestServer *server)
{
  if (server == NULL)
    return;

  g_ptr_array_unref (server->timers);
  soup_server_disconnect (server->soup);
  g_ptr_array_unref (server->trickles);
  g_ptr_array_unref (server->held);
  g_clear_object (&server->soup);
  g_hash_table_unref (server->responses);
  g_hash_table_unref (server->hits);
  g_hash_table_unref (server->last_headers);
  g_free (server);
}

guint
lf_test_server_get_port (LfTestServer *server)
{
  return server->port;
}

/**
 * lf_test_server_get_url:
 * @path: an absolute path, e.g. "/status.json"
 *
 * Returns: (transfer full): "http(s)://127.0.0.1:<port><path>"
 */
char *
lf_test_server_get_url (LfTestServer *server,
                        const char   *path)
{
  return g_strdup_printf ("%s://127.0.0.1:%u%s", server->tls ? "https" : "http", server->port,
                          path);
}

SoupServer *
lf_test_server_get_soup_server (LfTestServer *server)
{
  return server->soup;
}

/**
 * lf_test_server_get_tls_database:
 *
 * Returns: (transfer full): a trust store holding only the test certificate
 */
GTlsDatabase *
lf_test_server_get_tls_database (void)
{
  g_autofree char *cert_path = lf_test_build_data_path ("test-cert.pem");
  g_autoptr(GError) error = NULL;
  GTlsDatabase *database;

  database = g_tls_file_database_new (cert_path, &error);
  g_assert_no_error (error);

  return database;
}

guint
lf_test_server_get_hits (LfTestServer *server,
                         const char   *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (server->hits, path));
}

const char *
lf_test_server_get_last_request_header (LfTestServer *server,
                                        const char   *path,
                                        const char   *name)
{
  SoupMessageHeaders *headers = g_hash_table_lookup (server->last_headers, path);

  return headers ? soup_message_headers_get_one (headers, name) : NULL;
}

LfTestResponse *
lf_test_server_respond (LfTestServer *server,
                        const char   *path,
                        guint         status)
{
  LfTestResponse *response = g_new0 (LfTestResponse, 1);

  response->status = status;
  response->headers = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_replace (server->responses, g_strdup (path), response);

  return response;
}

void
lf_test_server_respond_ok (LfTestServer       *server,
                           const char * const *paths)
{
  for (guint i = 0; paths[i] != NULL; i++)
    lf_test_server_respond (server, paths[i], 200);
}

LfTestResponse *
lf_test_server_respond_json (LfTestServer *server,
                             const char   *path,
                             const char   *json)
{
  LfTestResponse *response = lf_test_server_respond (server, path, 200);

  lf_test_response_set_body (response, "application/json", json, -1);
  return response;
}

LfTestResponse *
lf_test_server_respond_cloudflare_error (LfTestServer *server,
                                         const char   *path,
                                         const char   *ray)
{
  LfTestResponse *response = lf_test_server_respond (server, path, 500);
  g_autofree char *id = g_strndup (ray, strcspn (ray, "-"));
  g_autofree char *page = g_strdup_printf (
    "<!DOCTYPE html><html><head><title>500 Internal Server Error | cloudflare</title></head>"
    "<body><div id=\"cf-wrapper\"><div id=\"cf-error-details\"><h1>Internal server error</h1>"
    "<p>Error code 500</p><p>Cloudflare Ray ID: <strong>%s</strong></p></div></div>"
    "</body></html>", id);

  lf_test_response_add_header (response, "Server", "cloudflare");
  lf_test_response_add_header (response, "CF-RAY", ray);
  lf_test_response_set_body (response, "text/html", page, -1);
  return response;
}

char *
lf_test_server_write_file (LfTestServer *server,
                           const char   *dir,
                           const char   *name,
                           const char   *json)
{
  g_autofree char *base = lf_test_server_get_url (server, "");
  g_auto(GStrv) parts = g_strsplit (json, "@BASE@", -1);
  g_autofree char *text = g_strjoinv (base, parts);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

void
lf_test_response_set_status (LfTestResponse *response,
                             guint           status)
{
  response->status = status;
}

void
lf_test_response_set_body (LfTestResponse *response,
                           const char     *content_type,
                           const char     *body,
                           gssize          length)
{
  if (length < 0)
    length = strlen (body);

  g_free (response->content_type);
  response->content_type = g_strdup (content_type);
  g_clear_pointer (&response->body, g_bytes_unref);
  response->body = g_bytes_new (body, length);
}

void
lf_test_response_set_body_from_file (LfTestResponse *response,
                                     const char     *content_type,
                                     const char     *name)
{
  g_autofree char *path = lf_test_build_data_path (name);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  lf_test_response_set_body (response, content_type, contents, length);
}

void
lf_test_response_add_header (LfTestResponse *response,
                             const char     *name,
                             const char     *value)
{
  g_ptr_array_add (response->headers, g_strdup (name));
  g_ptr_array_add (response->headers, g_strdup (value));
}

void
lf_test_response_set_delay (LfTestResponse *response,
                            guint           delay_ms)
{
  response->delay_ms = delay_ms;
}

void
lf_test_response_set_never_answer (LfTestResponse *response)
{
  response->never_answer = TRUE;
}

void
lf_test_response_set_redirect (LfTestResponse *response,
                               const char     *location)
{
  response->status = SOUP_STATUS_FOUND;
  lf_test_response_add_header (response, "Location", location);
}

void
lf_test_response_set_endless_body (LfTestResponse *response)
{
  response->endless = TRUE;
}

void
lf_test_response_set_trickle (LfTestResponse *response,
                              guint           interval_ms)
{
  response->endless = TRUE;
  response->trickle_ms = interval_ms;
}

void
lf_test_response_set_validators (LfTestResponse *response,
                                 const char     *etag,
                                 const char     *last_modified)
{
  g_free (response->etag);
  response->etag = g_strdup (etag);
  g_free (response->last_modified);
  response->last_modified = g_strdup (last_modified);
}

guint
lf_test_get_closed_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  return port;
}

/**
 * lf_test_server_make_catalog:
 * @platform_ids: "alpha", "beta": each is probed at GET /ID ("Alpha" by name)
 *
 * A user catalog whose platforms and references (which replace the built-in ones, on the
 * Internet) all live on @server; the references answer 204 at /ref.
 *
 * Returns: (transfer full): the catalog's JSON
 */
char *
lf_test_server_make_catalog (LfTestServer       *server,
                             const char * const *platform_ids)
{
  const char * const reference_ids[] = { "gnome-nm", "debian-nm", "firefox-portal",
                                         "google-204", "cloudflare-trace" };
  g_autofree char *base = lf_test_server_get_url (server, "/");
  GString *json = g_string_new ("{ \"version\": 1, \"providers\": [], \"references\": [");

  lf_test_server_respond (server, "/ref", 204);
  for (guint i = 0; i < G_N_ELEMENTS (reference_ids); i++)
    g_string_append_printf (json, "%s{ \"id\": \"%s\", \"name\": \"%s\", \"url\": \"%sref\" }",
                            i > 0 ? ", " : " ", reference_ids[i], reference_ids[i], base);
  g_string_append (json, " ], \"platforms\": [");
  for (guint i = 0; platform_ids[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup (platform_ids[i]);

      name[0] = g_ascii_toupper (name[0]);
      g_string_append_printf (json, "%s{ \"id\": \"%s\", \"name\": \"%s\", "
                              "\"category\": \"marketplace\", \"probes\": "
                              "[ { \"url\": \"%s%s\", \"method\": \"GET\" } ] }",
                              i > 0 ? ", " : " ", platform_ids[i], name, base, platform_ids[i]);
    }
  g_string_append (json, " ] }");

  return g_string_free (json, FALSE);
}
