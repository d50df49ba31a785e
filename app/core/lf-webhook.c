/* lf-webhook.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-webhook"

#include "config.h"

#include "lf-webhook.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* One POST per message with the payload each service documents:
 *
 *   slack        {"text": "*subject*\n\nbody"}   (mrkdwn; &, <, > escaped as Slack asks)
 *   mattermost   {"text": "**subject**\n\nbody"} (Slack-compatible incoming webhook, Markdown)
 *   google-chat  {"text": "*subject*\n\nbody"}
 *   discord      {"content": "**subject**\n\nbody", "allowed_mentions": {"parse": []}}
 *                (at most 2000 characters; mentions such as @everyone are not pinged)
 *   teams        a "message" with one Adaptive Card 1.4 attachment: the payload of the Teams
 *                "Workflows" (Power Automate) webhooks that replace the retired Office 365
 *                connectors and their MessageCard format
 *   webhook      {"subject", "body", "platform", "provider", "client", "since", "status_url",
 *                 "rehearsal", and "drill" (the same flag under its first name, kept for
 *                 automation written against it)} for the user's own automation
 *
 * Any 2xx is success (Discord answers 204, Teams workflows 202). The URL is a credential:
 * errors name only its host, never its path.
 */

#define RESPONSE_PEEK 512

G_DEFINE_QUARK (lf-webhook-error-quark, lf_webhook_error)

typedef struct
{
  SoupMessage  *message;
  GCancellable *cancellable;       /* ours: cancelled by the caller's or by the timeout */
  GCancellable *caller_cancellable;
  gulong        cancelled_id;
  guint         timeout_id;
  guint         timeout_seconds;
  gboolean      timed_out;
  char         *host;
  LfChannelKind kind;
  guint         status;
} PostData;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
post_data_free (PostData *data)
{
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  if (data->caller_cancellable != NULL)
    g_cancellable_disconnect (data->caller_cancellable, data->cancelled_id);
  g_clear_object (&data->caller_cancellable);
  g_clear_object (&data->message);
  g_clear_object (&data->cancellable);
  g_free (data->host);
  g_free (data);
}

static char *
slack_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '&')
        g_string_append (out, "&amp;");
      else if (*p == '<')
        g_string_append (out, "&lt;");
      else if (*p == '>')
        g_string_append (out, "&gt;");
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static char *
truncate_chars (const char *text,
                glong       limit)
{
  const char *end;

  if (g_utf8_strlen (text, -1) <= limit)
    return g_strdup (text);

  end = g_utf8_offset_to_pointer (text, limit - 1);
  return g_strdup_printf ("%.*s…", (int) (end - text), text);
}

static JsonNode *
text_block (const char *text,
            gboolean    heading)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "TextBlock");
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "wrap");
  json_builder_add_boolean_value (builder, TRUE);
  if (heading)
    {
      json_builder_set_member_name (builder, "weight");
      json_builder_add_string_value (builder, "Bolder");
      json_builder_set_member_name (builder, "size");
      json_builder_add_string_value (builder, "Medium");
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
complete_with_error (GTask    *task,
                     PostData *data,
                     GError   *error)
{
  if (data->timed_out)
    {
      g_clear_error (&error);
      g_task_return_new_error (task, LF_WEBHOOK_ERROR, LF_WEBHOOK_ERROR_TIMEOUT,
                               _("%s did not answer within %u seconds"), data->host,
                               data->timeout_seconds);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&error);
      g_task_return_new_error (task, LF_WEBHOOK_ERROR, LF_WEBHOOK_ERROR_CANCELLED,
                               _("Sending was cancelled"));
    }
  else
    {
      g_task_return_new_error (task, LF_WEBHOOK_ERROR, LF_WEBHOOK_ERROR_NETWORK,
                               _("Could not reach %s: %s"), data->host, error->message);
      g_clear_error (&error);
    }
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static gboolean
on_timeout_cb (gpointer user_data)
{
  PostData *data = user_data;

  data->timeout_id = 0;
  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled_cb (GCancellable *cancellable,
                        gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PostData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *excerpt = NULL;
  GError *error = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  g_input_stream_close_async (G_INPUT_STREAM (object), G_PRIORITY_DEFAULT, NULL, NULL, NULL);

  if (SOUP_STATUS_IS_SUCCESSFUL (data->status))
    {
      g_clear_error (&error);
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (bytes != NULL && g_bytes_get_size (bytes) > 0)
    {
      gsize length = 0;
      const char *raw = g_bytes_get_data (bytes, &length);
      g_autofree char *valid = g_utf8_make_valid (raw, length);

      excerpt = g_strstrip (g_strdelimit (valid, "\r\n\t", ' '));
      valid = NULL;
    }
  g_clear_error (&error);

  if (excerpt != NULL && *excerpt != '\0')
    g_task_return_new_error (task, LF_WEBHOOK_ERROR, LF_WEBHOOK_ERROR_HTTP,
                             _("%s answered %u %s: %s"), data->host, data->status,
                             soup_status_get_phrase (data->status), excerpt);
  else
    g_task_return_new_error (task, LF_WEBHOOK_ERROR, LF_WEBHOOK_ERROR_HTTP,
                             _("%s answered %u %s"), data->host, data->status,
                             soup_status_get_phrase (data->status));
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PostData *data = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  GError *error = NULL;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      complete_with_error (task, data, error);
      return;
    }

  data->status = soup_message_get_status (data->message);
  g_input_stream_read_bytes_async (stream, RESPONSE_PEEK, G_PRIORITY_DEFAULT,
                                   data->cancellable, read_cb,
                                   g_steal_pointer (&task));
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_webhook_build_payload:
 * @kind: a webhook kind (see lf_channel_kind_is_webhook())
 * @message: the text
 *
 * Returns: (transfer full): the JSON body to POST
 */
char *
lf_webhook_build_payload (LfChannelKind           kind,
                          const LfWebhookMessage *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *subject = message->subject != NULL ? message->subject : "";
  const char *body = message->body != NULL ? message->body : "";

  g_return_val_if_fail (lf_channel_kind_is_webhook (kind), NULL);

  json_builder_begin_object (builder);

  switch (kind)
    {
    case LF_CHANNEL_KIND_SLACK:
    case LF_CHANNEL_KIND_GOOGLE_CHAT:
      {
        g_autofree char *escaped_subject = kind == LF_CHANNEL_KIND_SLACK ? slack_escape (subject)
                                                                         : g_strdup (subject);
        g_autofree char *escaped_body = kind == LF_CHANNEL_KIND_SLACK ? slack_escape (body)
                                                                      : g_strdup (body);
        g_autofree char *text = g_strdup_printf ("*%s*\n\n%s", escaped_subject, escaped_body);

        json_builder_set_member_name (builder, "text");
        json_builder_add_string_value (builder, text);
      }
      break;

    case LF_CHANNEL_KIND_MATTERMOST:
      {
        g_autofree char *text = g_strdup_printf ("**%s**\n\n%s", subject, body);

        json_builder_set_member_name (builder, "text");
        json_builder_add_string_value (builder, text);
      }
      break;

    case LF_CHANNEL_KIND_DISCORD:
      {
        g_autofree char *text = g_strdup_printf ("**%s**\n\n%s", subject, body);
        g_autofree char *limited = truncate_chars (text, LF_WEBHOOK_DISCORD_LIMIT);

        json_builder_set_member_name (builder, "content");
        json_builder_add_string_value (builder, limited);
        json_builder_set_member_name (builder, "allowed_mentions");
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "parse");
        json_builder_begin_array (builder);
        json_builder_end_array (builder);
        json_builder_end_object (builder);
      }
      break;

    case LF_CHANNEL_KIND_TEAMS:
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "message");
      json_builder_set_member_name (builder, "attachments");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "contentType");
      json_builder_add_string_value (builder, "application/vnd.microsoft.card.adaptive");
      json_builder_set_member_name (builder, "contentUrl");
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "content");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "$schema");
      json_builder_add_string_value (builder, "http://adaptivecards.io/schemas/adaptive-card.json");
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "AdaptiveCard");
      json_builder_set_member_name (builder, "version");
      json_builder_add_string_value (builder, "1.4");
      json_builder_set_member_name (builder, "body");
      json_builder_begin_array (builder);
      json_builder_add_value (builder, text_block (subject, TRUE));
      json_builder_add_value (builder, text_block (body, FALSE));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      break;

    case LF_CHANNEL_KIND_WEBHOOK:
      add_string_or_null (builder, "subject", subject);
      add_string_or_null (builder, "body", body);
      add_string_or_null (builder, "platform", message->platform);
      add_string_or_null (builder, "provider", message->provider);
      add_string_or_null (builder, "client", message->client);
      json_builder_set_member_name (builder, "since");
      if (message->since > 0)
        {
          g_autoptr(GDateTime) since = g_date_time_new_from_unix_utc (message->since);
          g_autofree char *iso = g_date_time_format_iso8601 (since);

          json_builder_add_string_value (builder, iso);
        }
      else
        json_builder_add_null_value (builder);
      add_string_or_null (builder, "status_url", message->status_url);
      json_builder_set_member_name (builder, "rehearsal");
      json_builder_add_boolean_value (builder, message->rehearsal);
      json_builder_set_member_name (builder, "drill");
      json_builder_add_boolean_value (builder, message->rehearsal);
      break;

    case LF_CHANNEL_KIND_SMTP:
    case LF_CHANNEL_KIND_MAIL_CLIENT:
    case LF_CHANNEL_KIND_CLIPBOARD:
    default:
      g_assert_not_reached ();
    }

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/**
 * lf_webhook_post_async:
 * @session: the application's #SoupSession
 * @kind: a webhook kind
 * @url: the webhook URL (https, or http to a loopback host)
 * @message: the text
 * @timeout_seconds: give up after this long (0: 30 seconds)
 *
 * POSTs the payload of @kind to @url and checks the answer.
 */
void
lf_webhook_post_async (SoupSession            *session,
                       LfChannelKind           kind,
                       const char             *url,
                       const LfWebhookMessage *message,
                       guint                   timeout_seconds,
                       GCancellable           *cancellable,
                       GAsyncReadyCallback     callback,
                       gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GBytes) body = NULL;
  PostData *data;
  char *payload;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (lf_channel_kind_is_webhook (kind));
  g_return_if_fail (message != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_webhook_post_async);

  if (!lf_webhook_url_validate (url, &error) ||
      (uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error)) == NULL)
    {
      g_task_return_new_error (task, LF_WEBHOOK_ERROR, LF_WEBHOOK_ERROR_INVALID_URL,
                               "%s", error->message);
      return;
    }

  data = g_new0 (PostData, 1);
  data->kind = kind;
  data->host = g_strdup (g_uri_get_host (uri));
  data->timeout_seconds = timeout_seconds > 0 ? timeout_seconds : 30;
  data->cancellable = g_cancellable_new ();
  data->message = soup_message_new_from_uri (SOUP_METHOD_POST, uri);
  g_task_set_task_data (task, data, (GDestroyNotify) post_data_free);

  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->cancelled_id = g_cancellable_connect (cancellable,
                                                  G_CALLBACK (on_caller_cancelled_cb),
                                                  g_object_ref (data->cancellable),
                                                  g_object_unref);
    }

  payload = lf_webhook_build_payload (kind, message);
  body = g_bytes_new_take (payload, strlen (payload));
  soup_message_set_request_body_from_bytes (data->message, "application/json", body);
  soup_message_headers_replace (soup_message_get_request_headers (data->message), "Accept",
                                "application/json");

  data->timeout_id = g_timeout_add_seconds (data->timeout_seconds, on_timeout_cb, data);
  soup_session_send_async (session, data->message, G_PRIORITY_DEFAULT, data->cancellable,
                           send_cb, g_steal_pointer (&task));
}

gboolean
lf_webhook_post_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
