/* test-webhook.c — chat webhooks against an in-process SoupServer
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-test-utils.h"
#include "lf-webhook.h"

typedef struct
{
  SoupServer  *server;
  SoupSession *session;
  char        *base;
  char        *last_path;
  char        *last_body;
  char        *last_content_type;
  guint        requests;
  GPtrArray   *paused;
} Fixture;

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  fixture->requests++;
  g_free (fixture->last_path);
  fixture->last_path = g_strdup (path);
  g_free (fixture->last_body);
  fixture->last_body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_free (fixture->last_content_type);
  fixture->last_content_type =
    g_strdup (soup_message_headers_get_content_type (soup_server_message_get_request_headers (message),
                                                     NULL));

  if (g_str_equal (path, "/ok"))
    soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  else if (g_str_equal (path, "/no-content"))
    soup_server_message_set_status (message, SOUP_STATUS_NO_CONTENT, NULL);
  else if (g_str_equal (path, "/accepted"))
    soup_server_message_set_status (message, SOUP_STATUS_ACCEPTED, NULL);
  else if (g_str_equal (path, "/gone"))
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_COPY,
                                        "no_such_hook\n", 13);
    }
  else if (g_str_equal (path, "/broken"))
    soup_server_message_set_status (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
  else if (g_str_equal (path, "/slow"))
    {
      soup_server_message_pause (message);
      g_ptr_array_add (fixture->paused, g_object_ref (message));
    }
  else
    soup_server_message_set_status (message, SOUP_STATUS_BAD_REQUEST, NULL);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;

  fixture->paused = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, on_request_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->base = g_uri_to_string (uris->data);
  if (g_str_has_suffix (fixture->base, "/"))
    fixture->base[strlen (fixture->base) - 1] = '\0';
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  fixture->session = soup_session_new ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  for (guint i = 0; i < fixture->paused->len; i++)
    {
      soup_server_message_set_status (g_ptr_array_index (fixture->paused, i), 500, NULL);
      soup_server_message_unpause (g_ptr_array_index (fixture->paused, i));
    }
  g_ptr_array_unref (fixture->paused);
  g_clear_object (&fixture->session);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_free (fixture->base);
  g_free (fixture->last_path);
  g_free (fixture->last_body);
  g_free (fixture->last_content_type);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} PostResult;

static void
post_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  PostResult *post = user_data;

  post->ok = lf_webhook_post_finish (result, &post->error);
  post->done = TRUE;
}

static gboolean
post (Fixture                *fixture,
      LfChannelKind           kind,
      const char             *path,
      const LfWebhookMessage *message,
      guint                   timeout,
      GError                **error)
{
  g_autofree char *url = g_strconcat (fixture->base, path, NULL);
  PostResult result = { 0 };

  lf_webhook_post_async (fixture->session, kind, url, message, timeout, NULL, post_cb, &result);
  lf_test_wait_for_flag (&result.done, 20000);
  if (result.error != NULL)
    g_propagate_error (error, result.error);

  return result.ok;
}

static const LfWebhookMessage sample = {
  .subject = "Upwork is down",
  .body = "Hello Ada,\n\nUpwork is down <since 12:20> & I am on WhatsApp. @everyone",
  .platform = "Upwork",
  .provider = "Cloudflare",
  .client = "Ada Lovelace",
  .status_url = "https://status.upwork.com/",
  .since = G_GINT64_CONSTANT (1763464800),
  .rehearsal = FALSE,
};

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
assert_json_equal (const char *actual,
                   const char *expected)
{
  g_autoptr(JsonNode) a = parse (actual);
  g_autoptr(JsonNode) b = parse (expected);

  if (!json_node_equal (a, b))
    g_error ("JSON differs:\n  actual   %s\n  expected %s", actual, expected);
}

static void
test_webhook_payloads (Fixture       *fixture,
                       gconstpointer  data)
{
  struct {
    LfChannelKind kind;
    const char *path;
    const char *expected;
  } cases[] = {
    { LF_CHANNEL_KIND_SLACK, "/ok",
      "{\"text\": \"*Upwork is down*\\n\\nHello Ada,\\n\\nUpwork is down &lt;since 12:20&gt; "
      "&amp; I am on WhatsApp. @everyone\"}" },
    { LF_CHANNEL_KIND_MATTERMOST, "/ok",
      "{\"text\": \"**Upwork is down**\\n\\nHello Ada,\\n\\nUpwork is down <since 12:20> & I am "
      "on WhatsApp. @everyone\"}" },
    { LF_CHANNEL_KIND_GOOGLE_CHAT, "/ok",
      "{\"text\": \"*Upwork is down*\\n\\nHello Ada,\\n\\nUpwork is down <since 12:20> & I am "
      "on WhatsApp. @everyone\"}" },
    { LF_CHANNEL_KIND_DISCORD, "/no-content",
      "{\"content\": \"**Upwork is down**\\n\\nHello Ada,\\n\\nUpwork is down <since 12:20> & I "
      "am on WhatsApp. @everyone\", \"allowed_mentions\": {\"parse\": []}}" },
    { LF_CHANNEL_KIND_TEAMS, "/accepted",
      "{\"type\": \"message\", \"attachments\": [{\"contentType\": "
      "\"application/vnd.microsoft.card.adaptive\", \"contentUrl\": null, \"content\": {"
      "\"$schema\": \"http://adaptivecards.io/schemas/adaptive-card.json\", \"type\": "
      "\"AdaptiveCard\", \"version\": \"1.4\", \"body\": ["
      "{\"type\": \"TextBlock\", \"text\": \"Upwork is down\", \"wrap\": true, \"weight\": "
      "\"Bolder\", \"size\": \"Medium\"},"
      "{\"type\": \"TextBlock\", \"text\": \"Hello Ada,\\n\\nUpwork is down <since 12:20> & I "
      "am on WhatsApp. @everyone\", \"wrap\": true}]}}]}" },
    { LF_CHANNEL_KIND_WEBHOOK, "/ok",
      "{\"subject\": \"Upwork is down\", \"body\": \"Hello Ada,\\n\\nUpwork is down <since "
      "12:20> & I am on WhatsApp. @everyone\", \"platform\": \"Upwork\", \"provider\": "
      "\"Cloudflare\", \"client\": \"Ada Lovelace\", \"since\": \"2025-11-18T11:20:00Z\", "
      "\"status_url\": \"https://status.upwork.com/\", \"rehearsal\": false, \"drill\": "
      "false}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint before = fixture->requests;

      g_assert_true (post (fixture, cases[i].kind, cases[i].path, &sample, 10, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (fixture->requests, ==, before + 1);
      g_assert_cmpstr (fixture->last_path, ==, cases[i].path);
      g_assert_cmpstr (fixture->last_content_type, ==, "application/json");
      assert_json_equal (fixture->last_body, cases[i].expected);
    }
}

static void
test_webhook_discord_limit (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GString) long_body = g_string_new (NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  LfWebhookMessage message = sample;
  const char *content;

  for (guint i = 0; i < 700; i++)
    g_string_append (long_body, "äb ");
  message.body = long_body->str;

  g_assert_true (post (fixture, LF_CHANNEL_KIND_DISCORD, "/no-content", &message, 10, &error));
  root = parse (fixture->last_body);
  content = json_object_get_string_member (json_node_get_object (root), "content");
  g_assert_cmpint (g_utf8_strlen (content, -1), ==, LF_WEBHOOK_DISCORD_LIMIT);
  g_assert_true (g_str_has_suffix (content, "…"));
  g_assert_true (g_utf8_validate (content, -1, NULL));
}

static void
test_webhook_errors (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 start;

  g_assert_false (post (fixture, LF_CHANNEL_KIND_SLACK, "/gone", &sample, 10, &error));
  g_assert_error (error, LF_WEBHOOK_ERROR, LF_WEBHOOK_ERROR_HTTP);
  g_assert_cmpstr (error->message, ==, "127.0.0.1 answered 404 Not Found: no_such_hook");
  g_clear_error (&error);

  g_assert_false (post (fixture, LF_CHANNEL_KIND_DISCORD, "/broken", &sample, 10, &error));
  g_assert_error (error, LF_WEBHOOK_ERROR, LF_WEBHOOK_ERROR_HTTP);
  g_assert_cmpstr (error->message, ==, "127.0.0.1 answered 500 Internal Server Error");
  g_clear_error (&error);

  start = g_get_monotonic_time ();
  g_assert_false (post (fixture, LF_CHANNEL_KIND_TEAMS, "/slow", &sample, 1, &error));
  g_assert_error (error, LF_WEBHOOK_ERROR, LF_WEBHOOK_ERROR_TIMEOUT);
  g_assert_cmpstr (error->message, ==, "127.0.0.1 did not answer within 1 seconds");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);
}

static void
test_webhook_refuses_bad_urls (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *urls[] = { "http://hooks.slack.com/services/T/B/X", "ftp://example.com/x",
                         "not a url", "", "https://" };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      PostResult result = { 0 };

      lf_webhook_post_async (fixture->session, LF_CHANNEL_KIND_SLACK, urls[i], &sample, 5, NULL,
                             post_cb, &result);
      lf_test_wait_for_flag (&result.done, 5000);
      g_assert_false (result.ok);
      g_assert_error (result.error, LF_WEBHOOK_ERROR, LF_WEBHOOK_ERROR_INVALID_URL);
      /* The URL is a credential: never repeated in the message. */
      if (*urls[i] != '\0')
        g_assert_null (strstr (result.error->message, "services/T/B/X"));
      g_clear_error (&result.error);
    }
  g_assert_cmpuint (fixture->requests, ==, 0);
}

static void
test_webhook_connection_refused (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_strdup (fixture->base);
  PostResult result = { 0 };
  g_autofree char *url = NULL;

  soup_server_disconnect (fixture->server);
  url = g_strconcat (base, "/ok", NULL);
  lf_webhook_post_async (fixture->session, LF_CHANNEL_KIND_WEBHOOK, url, &sample, 5, NULL,
                         post_cb, &result);
  lf_test_wait_for_flag (&result.done, 10000);
  g_assert_false (result.ok);
  g_assert_error (result.error, LF_WEBHOOK_ERROR, LF_WEBHOOK_ERROR_NETWORK);
  g_assert_true (g_str_has_prefix (result.error->message, "Could not reach 127.0.0.1: "));
  g_clear_error (&result.error);
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add ("/lifeline/webhook/payloads", Fixture, NULL, fixture_setup,
              test_webhook_payloads, fixture_teardown);
  g_test_add ("/lifeline/webhook/discord-limit", Fixture, NULL, fixture_setup,
              test_webhook_discord_limit, fixture_teardown);
  g_test_add ("/lifeline/webhook/errors", Fixture, NULL, fixture_setup,
              test_webhook_errors, fixture_teardown);
  g_test_add ("/lifeline/webhook/refuses-bad-urls", Fixture, NULL, fixture_setup,
              test_webhook_refuses_bad_urls, fixture_teardown);
  g_test_add ("/lifeline/webhook/connection-refused", Fixture, NULL, fixture_setup,
              test_webhook_connection_refused, fixture_teardown);

  return g_test_run ();
}
