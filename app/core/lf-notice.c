/* lf-notice.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-notice"

#include "config.h"

#include "lf-notice.h"
#include "lf-smtp.h"
#include "lf-storage.h"
#include "lf-webhook.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

/* A notice renders one message per recipient and delivers it through one channel.
 *
 * Where a message goes is decided in one place, destination_for(), and that is where the
 * rehearsal rule lives: when the context is a rehearsal (a practice run's notice, a test to
 * oneself; LfContext marks it), an e-mail goes to the user's own address
 * (my_email) and nowhere else, and chat, mail-app and clipboard messages are only rendered.
 * The UI cannot get around it.
 *
 * Every delivery (the first send and each retry) appends one line to notices.jsonl with the
 * notice id, the template, the channel, the incident, the rehearsal flag and, per recipient, the
 * opaque contact id and the result. Names, addresses, webhook URLs and error texts (which may
 * quote an address) are never written. Each result also names the catalog ids the client
 * was told about and the Message-ID of the mail (at the user's own domain), so that the
 * all-clear reaches exactly them and threads under it (see lf-outage.c).
 *
 * Why this file stays near 1,200 lines: routing, the three delivery paths and the log line
 * share the notice's private state, and the rehearsal rule (route()) must sit next to every
 * path that could bypass it; reading the log back is the separate lf-notice-log.c.
 */

#define WEBHOOK_TIMEOUT 30

struct _LfNotice
{
  GObject                  parent_instance;

  char                    *id;
  LfTemplate              *template;
  LfRenderContext         *context;
  LfChannel               *channel;
  GPtrArray               *entries;   /* LfNoticeEntry */
  SoupSession             *session;
  char                    *secret;
  gboolean                 secret_set;
  gboolean                 test;      /* "send test to myself": not logged */
  gboolean                 busy;

  LfNoticeDraftFunc        draft_func;
  LfNoticeDraftFinishFunc  draft_finish;
  gpointer                 draft_data;
};

G_DEFINE_FINAL_TYPE (LfNotice, lf_notice, G_TYPE_OBJECT)

G_DEFINE_QUARK (lf-notice-error-quark, lf_notice_error)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const result_names[] = {
  "pending", "sent", "handed-off", "rendered", "failed", "no-channel",
};

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
entry_free (LfNoticeEntry *entry)
{
  lf_recipient_free (entry->recipient);
  g_free (entry->message);
  g_free (entry->destination);
  g_free (entry->subject);
  g_free (entry->body);
  g_free (entry->message_id);
  g_free (entry);
}

static void
set_entry (LfNotice       *self,
           guint           index,
           LfNoticeResult  result,
           const char     *message)
{
  LfNoticeEntry *entry = g_ptr_array_index (self->entries, index);

  entry->result = result;
  g_free (entry->message);
  entry->message = g_strdup (message);
  g_signal_emit (self, signals[PROGRESS], 0, index);
}

static gboolean
uses_channel_url (LfNotice          *self,
                  const LfRecipient *recipient)
{
  LfChannelKind kind = lf_channel_get_kind (self->channel);

  if (recipient->webhook != NULL && *recipient->webhook != '\0')
    return FALSE;
  if (kind == LF_CHANNEL_KIND_WEBHOOK)
    return TRUE;

  return lf_recipient_get_channel (recipient, lf_channel_kind_to_string (kind)) != NULL;
}

/* What a rehearsal's messages are marked with: the name its context gives it, else "Test". */
static const char *
rehearsal_name (LfNotice *self)
{
  if (self->context->rehearsal_name != NULL && *self->context->rehearsal_name != '\0')
    return self->context->rehearsal_name;

  /* Translators: marks a test message sent to oneself, "[Test] Upwork is down" */
  return _("Test");
}

/* THE routing rule, pure: where entry @index would go. Returns the destination (an address
 * or a URL), or NULL with *@result and *@message saying why not (no channel, rendered only,
 * failed). */
static char *
route (LfNotice        *self,
       guint            index,
       LfNoticeResult  *result,
       char           **message)
{
  LfNoticeEntry *entry = g_ptr_array_index (self->entries, index);
  const LfRecipient *recipient = entry->recipient;
  LfChannelKind kind = lf_channel_get_kind (self->channel);

  *result = LF_NOTICE_RESULT_PENDING;
  *message = NULL;

  if (kind == LF_CHANNEL_KIND_CLIPBOARD)
    {
      *result = LF_NOTICE_RESULT_RENDERED;
      return NULL;
    }

  if (self->context->rehearsal)
    {
      if (kind != LF_CHANNEL_KIND_SMTP)
        {
          *result = LF_NOTICE_RESULT_RENDERED;
          /* Translators: the rehearsal's name ("Test"…), then what happened */
          *message = g_strdup_printf (_("%s: rendered only, nothing was sent"),
                                      rehearsal_name (self));
          return NULL;
        }
      if (!lf_mail_address_is_valid (self->context->my_email))
        {
          *result = LF_NOTICE_RESULT_FAILED;
          /* Translators: the rehearsal's name ("Test"…), then what to do */
          *message = g_strdup_printf (_("%s: set your own e-mail address to receive the test "
                                        "messages"), rehearsal_name (self));
          return NULL;
        }
      return g_strdup (self->context->my_email);
    }

  if (kind == LF_CHANNEL_KIND_SMTP || kind == LF_CHANNEL_KIND_MAIL_CLIENT)
    {
      const char *email = lf_recipient_get_email (recipient);

      if (email == NULL)
        {
          *result = LF_NOTICE_RESULT_NO_CHANNEL;
          *message = g_strdup (_("No e-mail address"));
          return NULL;
        }
      if (!lf_mail_address_is_valid (email))
        {
          *result = LF_NOTICE_RESULT_NO_CHANNEL;
          *message = g_strdup (_("The e-mail address is not valid"));
          return NULL;
        }
      return g_strdup (email);
    }

  /* Webhooks: the client's own webhook, else the channel's when the client is reachable
   * there (has a handle of that kind), or always for the generic webhook. */
  if (recipient->webhook != NULL && *recipient->webhook != '\0')
    return g_strdup (recipient->webhook);
  if (uses_channel_url (self, recipient))
    {
      if (self->secret == NULL)
        {
          *result = LF_NOTICE_RESULT_FAILED;
          *message = g_strdup (_("The webhook address of this channel is not in the keyring"));
          return NULL;
        }
      return g_strdup (self->secret);
    }

  *result = LF_NOTICE_RESULT_NO_CHANNEL;
  /* Translators: %s is a channel kind such as "Slack" */
  *message = g_strdup_printf (_("Not reachable through %s"), lf_channel_kind_describe (kind));
  return NULL;
}

static char *
destination_for (LfNotice *self,
                 guint     index)
{
  g_autofree char *message = NULL;
  LfNoticeResult result;
  char *target = route (self, index, &result, &message);

  if (target == NULL)
    set_entry (self, index, result, message);

  return target;
}

static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "");
}

static void
append_log_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_autofree char *path = lf_notice_log_get_path ();
  g_autoptr(GError) error = NULL;

  /* A log that cannot be written does not undo what was sent: warn and go on. */
  if (!lf_storage_append_line (path, task_data, &error))
    g_message ("Could not record the notice in the log: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

/* Returns the log line, or NULL for a test message (not logged). */
static char *
build_log_line (LfNotice *self,
                gboolean  retry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format_iso8601 (now);

  if (self->test)
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "notice");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "at");
  json_builder_add_string_value (builder, at);
  json_builder_set_member_name (builder, "template");
  json_builder_add_string_value (builder, lf_template_get_id (self->template));
  json_builder_set_member_name (builder, "channel");
  json_builder_add_string_value (builder, lf_channel_get_id (self->channel));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder,
                                 lf_channel_kind_to_string (lf_channel_get_kind (self->channel)));
  json_builder_set_member_name (builder, "incident");
  if (self->context->incident_id != NULL)
    json_builder_add_string_value (builder, self->context->incident_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "rehearsal");
  json_builder_add_boolean_value (builder, self->context->rehearsal);
  json_builder_set_member_name (builder, "retry");
  json_builder_add_boolean_value (builder, retry);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->entries->len; i++)
    {
      LfNoticeEntry *entry = g_ptr_array_index (self->entries, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "contact");
      json_builder_add_string_value (builder, entry->recipient->contact_id);
      json_builder_set_member_name (builder, "result");
      json_builder_add_string_value (builder, result_names[entry->result]);
      if (entry->recipient->platform_ids != NULL)
        {
          json_builder_set_member_name (builder, "platforms");
          json_builder_begin_array (builder);
          for (guint j = 0; entry->recipient->platform_ids[j] != NULL; j++)
            json_builder_add_string_value (builder, entry->recipient->platform_ids[j]);
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* ------------------------------------------------------------------------ */
/* Delivery                                                                 */
/* ------------------------------------------------------------------------ */

typedef struct
{
  GArray    *pending;    /* guint entry index */
  GPtrArray *targets;    /* char *, parallel to pending */
  guint      next;
  gboolean   retry;
} Delivery;

static void
delivery_free (Delivery *delivery)
{
  g_array_unref (delivery->pending);
  g_ptr_array_unref (delivery->targets);
  g_free (delivery);
}

static void
log_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  LfNotice *self = g_task_get_source_object (task);

  self->busy = FALSE;
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
finish_delivery (GTask *task)
{
  LfNotice *self = g_task_get_source_object (task);
  Delivery *delivery = g_task_get_task_data (task);
  g_autoptr(GTask) log_task = NULL;
  char *line = build_log_line (self, delivery->retry);

  if (line == NULL)
    {
      log_written_cb (NULL, NULL, task);
      return;
    }

  log_task = g_task_new (NULL, NULL, log_written_cb, task);
  g_task_set_task_data (log_task, line, g_free);
  g_task_run_in_thread (log_task, append_log_thread);
}

static void
fail_pending (LfNotice   *self,
              Delivery   *delivery,
              const char *message)
{
  for (guint i = 0; i < delivery->pending->len; i++)
    set_entry (self, g_array_index (delivery->pending, guint, i), LF_NOTICE_RESULT_FAILED,
               message);
}

/* SMTP */

static void
on_smtp_progress_cb (guint         index,
                     const GError *error,
                     gpointer      user_data)
{
  GTask *task = user_data;
  LfNotice *self = g_task_get_source_object (task);
  Delivery *delivery = g_task_get_task_data (task);

  set_entry (self, g_array_index (delivery->pending, guint, index),
             error == NULL ? LF_NOTICE_RESULT_SENT : LF_NOTICE_RESULT_FAILED,
             error != NULL ? error->message : NULL);
}

static void
smtp_sent_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  LfNotice *self = g_task_get_source_object (task);
  Delivery *delivery = g_task_get_task_data (task);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = lf_smtp_send_finish (result, &error);
  if (results == NULL)
    fail_pending (self, delivery, error->message);

  finish_delivery (task);
}

static char *
make_message_id (LfNotice      *self,
                 LfNoticeEntry *entry)
{
  g_autofree char *local = g_strdup_printf ("lifeline.%s.%s", self->id,
                                            entry->recipient->contact_id);

  return lf_notice_make_message_id (local, lf_channel_get_from (self->channel));
}

static void
deliver_smtp (GTask *task)
{
  LfNotice *self = g_task_get_source_object (task);
  Delivery *delivery = g_task_get_task_data (task);
  g_autoptr(LfSmtpConfig) config = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;

  if (!lf_channel_validate (self->channel, &error))
    {
      fail_pending (self, delivery, error->message);
      finish_delivery (task);
      return;
    }
  if (lf_channel_get_username (self->channel) != NULL && self->secret == NULL &&
      !self->secret_set)
    {
      fail_pending (self, delivery,
                    _("The password of this mail channel is not in the keyring"));
      finish_delivery (task);
      return;
    }

  messages = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_mail_message_free);
  for (guint i = 0; i < delivery->pending->len; i++)
    {
      LfNoticeEntry *entry = g_ptr_array_index (self->entries,
                                                g_array_index (delivery->pending, guint, i));
      const char *to = g_ptr_array_index (delivery->targets, i);
      g_autofree char *subject = NULL;

      if (self->context->rehearsal)
        {
          /* Translators: a rehearsal message sent to oneself: its name ("Test"…), then the
           * subject */
          subject = g_strdup_printf (_("[%s] %s"), rehearsal_name (self), entry->subject);
          g_ptr_array_add (messages, lf_mail_message_new (to, self->context->my_name, subject,
                                                          entry->body));
        }
      else
        g_ptr_array_add (messages, lf_mail_message_new (to, entry->recipient->name,
                                                        entry->subject, entry->body));

      /* A Message-ID of our own, kept in the log: the all-clear answers it. */
      if (entry->message_id == NULL)
        entry->message_id = make_message_id (self, entry);
      ((LfMailMessage *) g_ptr_array_index (messages, messages->len - 1))->message_id =
        g_strdup (entry->message_id);
      if (entry->recipient->in_reply_to != NULL)
        ((LfMailMessage *) g_ptr_array_index (messages, messages->len - 1))->in_reply_to =
          strchr (entry->recipient->in_reply_to, '@') != NULL
          ? g_strdup (entry->recipient->in_reply_to)
          : lf_notice_make_message_id (entry->recipient->in_reply_to,
                                       lf_channel_get_from (self->channel));
    }

  config = lf_smtp_config_new_for_channel (self->channel, self->secret);
  lf_smtp_send_async (config, messages, on_smtp_progress_cb, task, NULL,
                      g_task_get_cancellable (task), smtp_sent_cb, task);
}

/* Webhooks, one after the other */

static void webhook_next (GTask *task);

static void
webhook_posted_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  LfNotice *self = g_task_get_source_object (task);
  Delivery *delivery = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint index = g_array_index (delivery->pending, guint, delivery->next - 1);

  if (lf_webhook_post_finish (result, &error))
    set_entry (self, index, LF_NOTICE_RESULT_SENT, NULL);
  else
    set_entry (self, index, LF_NOTICE_RESULT_FAILED, error->message);

  webhook_next (task);
}

static void
webhook_next (GTask *task)
{
  LfNotice *self = g_task_get_source_object (task);
  Delivery *delivery = g_task_get_task_data (task);
  LfNoticeEntry *entry;
  LfWebhookMessage message = { 0 };
  guint i;

  if (delivery->next >= delivery->pending->len)
    {
      finish_delivery (task);
      return;
    }

  i = delivery->next++;
  entry = g_ptr_array_index (self->entries, g_array_index (delivery->pending, guint, i));
  message.subject = entry->subject;
  message.body = entry->body;
  message.platform = self->context->platform;
  message.provider = self->context->provider;
  message.client = entry->recipient->name;
  message.status_url = self->context->status_url;
  message.since = self->context->since;
  message.rehearsal = self->context->rehearsal;

  lf_webhook_post_async (self->session, lf_channel_get_kind (self->channel),
                         g_ptr_array_index (delivery->targets, i), &message, WEBHOOK_TIMEOUT,
                         g_task_get_cancellable (task), webhook_posted_cb, task);
}

/* The mail app: one draft per distinct text, the addresses in Bcc. */

typedef struct
{
  GTask  *task;
  GArray *indexes;  /* entry indexes in this draft */
} DraftCall;

static void mail_client_next (GTask *task);

static void
draft_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  DraftCall *call = user_data;
  LfNotice *self = g_task_get_source_object (call->task);
  g_autoptr(GError) error = NULL;
  gboolean ok = self->draft_finish (result, &error);

  for (guint i = 0; i < call->indexes->len; i++)
    set_entry (self, g_array_index (call->indexes, guint, i),
               ok ? LF_NOTICE_RESULT_HANDED_OFF : LF_NOTICE_RESULT_FAILED,
               ok ? NULL : error->message);

  mail_client_next (call->task);
  g_array_unref (call->indexes);
  g_free (call);
}

static void
mail_client_next (GTask *task)
{
  LfNotice *self = g_task_get_source_object (task);
  Delivery *delivery = g_task_get_task_data (task);
  g_autoptr(GPtrArray) bcc = g_ptr_array_new ();
  DraftCall *call;
  LfNoticeEntry *first = NULL;

  call = g_new0 (DraftCall, 1);
  call->task = task;
  call->indexes = g_array_new (FALSE, FALSE, sizeof (guint));

  /* Group the entries still pending whose text is identical to the first one's. */
  for (guint i = 0; i < delivery->pending->len; i++)
    {
      guint index = g_array_index (delivery->pending, guint, i);
      LfNoticeEntry *entry = g_ptr_array_index (self->entries, index);

      if (entry->result != LF_NOTICE_RESULT_PENDING)
        continue;
      if (first == NULL)
        first = entry;
      else if (g_strcmp0 (first->subject, entry->subject) != 0 ||
               g_strcmp0 (first->body, entry->body) != 0)
        continue;

      g_array_append_val (call->indexes, index);
      g_ptr_array_add (bcc, g_ptr_array_index (delivery->targets, i));
    }

  if (first == NULL)
    {
      g_array_unref (call->indexes);
      g_free (call);
      finish_delivery (task);
      return;
    }

  g_ptr_array_add (bcc, NULL);
  self->draft_func ((const char * const *) bcc->pdata, first->subject, first->body,
                    g_task_get_cancellable (task), draft_done_cb, call, self->draft_data);
}

static void
deliver (GTask *task)
{
  LfNotice *self = g_task_get_source_object (task);
  Delivery *delivery = g_task_get_task_data (task);
  GArray *candidates = delivery->pending;

  /* Decide every destination first: no-channel and rendered-only entries settle here. */
  delivery->pending = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < candidates->len; i++)
    {
      guint index = g_array_index (candidates, guint, i);
      char *target = destination_for (self, index);

      if (target != NULL)
        {
          g_array_append_val (delivery->pending, index);
          g_ptr_array_add (delivery->targets, target);
          g_free (((LfNoticeEntry *) g_ptr_array_index (self->entries, index))->destination);
          ((LfNoticeEntry *) g_ptr_array_index (self->entries, index))->destination =
            lf_channel_kind_is_webhook (lf_channel_get_kind (self->channel)) ? host_of (target)
                                                                              : g_strdup (target);
        }
    }
  g_array_unref (candidates);

  if (delivery->pending->len == 0)
    {
      finish_delivery (task);
      return;
    }

  switch (lf_channel_get_kind (self->channel))
    {
    case LF_CHANNEL_KIND_SMTP:
      deliver_smtp (task);
      break;

    case LF_CHANNEL_KIND_MAIL_CLIENT:
      if (self->draft_func == NULL)
        {
          fail_pending (self, delivery, _("No mail app can be reached from here"));
          finish_delivery (task);
        }
      else
        mail_client_next (task);
      break;

    case LF_CHANNEL_KIND_SLACK:
    case LF_CHANNEL_KIND_DISCORD:
    case LF_CHANNEL_KIND_TEAMS:
    case LF_CHANNEL_KIND_GOOGLE_CHAT:
    case LF_CHANNEL_KIND_MATTERMOST:
    case LF_CHANNEL_KIND_WEBHOOK:
      if (self->session == NULL)
        self->session = soup_session_new ();
      webhook_next (task);
      break;

    case LF_CHANNEL_KIND_CLIPBOARD:
    default:
      g_assert_not_reached ();
    }
}

static void
secret_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  LfNotice *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  char *secret = lf_channel_lookup_secret_finish (LF_CHANNEL (object), result, &error);

  if (secret != NULL)
    {
      g_free (self->secret);
      self->secret = g_strdup (secret);
      secret_password_free (secret);
    }
  else if (lf_channel_get_kind (self->channel) == LF_CHANNEL_KIND_SMTP)
    {
      /* No password: the server may still accept us (a local relay); say why if not. */
      if (error != NULL)
        g_debug ("No SMTP password: %s", error->message);
    }

  deliver (task);
}

static gboolean
needs_secret (LfNotice *self,
              Delivery *delivery)
{
  LfChannelKind kind = lf_channel_get_kind (self->channel);

  if (self->secret_set || !lf_channel_needs_secret (self->channel))
    return FALSE;

  if (self->context->rehearsal)
    return kind == LF_CHANNEL_KIND_SMTP;

  if (!lf_channel_kind_is_webhook (kind))
    return TRUE;

  for (guint i = 0; i < delivery->pending->len; i++)
    {
      LfNoticeEntry *entry = g_ptr_array_index (self->entries,
                                                g_array_index (delivery->pending, guint, i));

      if (uses_channel_url (self, entry->recipient))
        return TRUE;
    }

  return FALSE;
}

static void
start_delivery (LfNotice            *self,
                gboolean             retry,
                gpointer             source_tag,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task;
  Delivery *delivery;
  GError *error = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  if (self->busy)
    {
      g_task_return_new_error (task, LF_NOTICE_ERROR, LF_NOTICE_ERROR_BUSY,
                               _("This notice is already being sent"));
      g_object_unref (task);
      return;
    }

  if (!lf_notice_render (self, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  delivery = g_new0 (Delivery, 1);
  delivery->pending = g_array_new (FALSE, FALSE, sizeof (guint));
  delivery->targets = g_ptr_array_new_with_free_func (g_free);
  delivery->retry = retry;
  g_task_set_task_data (task, delivery, (GDestroyNotify) delivery_free);

  for (guint i = 0; i < self->entries->len; i++)
    {
      LfNoticeEntry *entry = g_ptr_array_index (self->entries, i);

      if (retry && entry->result != LF_NOTICE_RESULT_FAILED)
        continue;
      entry->result = LF_NOTICE_RESULT_PENDING;
      g_clear_pointer (&entry->message, g_free);
      g_array_append_val (delivery->pending, i);
    }

  self->busy = TRUE;

  if (needs_secret (self, delivery))
    lf_channel_lookup_secret_async (self->channel, cancellable, secret_cb, task);
  else
    deliver (task);
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_notice_dispose (GObject *object)
{
  LfNotice *self = LF_NOTICE (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (lf_notice_parent_class)->dispose (object);
}

static void
lf_notice_finalize (GObject *object)
{
  LfNotice *self = LF_NOTICE (object);

  g_free (self->id);
  g_clear_object (&self->template);
  g_clear_pointer (&self->context, lf_render_context_free);
  g_clear_object (&self->channel);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  if (self->secret != NULL)
    memset (self->secret, 0, strlen (self->secret));
  g_free (self->secret);

  G_OBJECT_CLASS (lf_notice_parent_class)->finalize (object);
}

static void
lf_notice_class_init (LfNoticeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lf_notice_dispose;
  object_class->finalize = lf_notice_finalize;

  /**
   * LfNotice::progress:
   * @index: the entry whose result changed
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
lf_notice_init (LfNotice *self)
{
  self->id = g_uuid_string_random ();
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

const char *
lf_notice_result_to_string (LfNoticeResult result)
{
  g_return_val_if_fail (result < G_N_ELEMENTS (result_names), NULL);

  return result_names[result];
}

gboolean
lf_notice_result_from_string (const char     *string,
                              LfNoticeResult *result)
{
  for (guint i = 0; string != NULL && i < G_N_ELEMENTS (result_names); i++)
    if (g_str_equal (string, result_names[i]))
      {
        if (result != NULL)
          *result = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * lf_notice_new:
 * @template: the template
 * @context: the incident and the sender (copied); a rehearsal sends nothing to clients
 * @channel: the channel to deliver through
 */
LfNotice *
lf_notice_new (LfTemplate            *template,
               const LfRenderContext *context,
               LfChannel             *channel)
{
  LfNotice *self;

  g_return_val_if_fail (LF_IS_TEMPLATE (template), NULL);
  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (LF_IS_CHANNEL (channel), NULL);

  self = g_object_new (LF_TYPE_NOTICE, NULL);
  self->template = g_object_ref (template);
  self->context = lf_render_context_copy (context);
  self->channel = g_object_ref (channel);

  return self;
}

/**
 * lf_notice_new_test_to_self:
 *
 * "Send test to myself": one message, rendered for the user as the client, delivered like a
 * rehearsal (only to my_email), marked "[Test]" unless the context names its rehearsal, and
 * not logged.
 */
LfNotice *
lf_notice_new_test_to_self (LfTemplate            *template,
                            const LfRenderContext *context,
                            LfChannel             *channel)
{
  g_autoptr(LfRenderContext) test_context = NULL;
  g_autoptr(LfRecipient) me = lf_recipient_new ("me");
  LfNotice *self;

  g_return_val_if_fail (context != NULL, NULL);

  test_context = lf_render_context_copy (context);
  test_context->rehearsal = TRUE;
  self = lf_notice_new (template, test_context, channel);
  self->test = TRUE;
  me->name = g_strdup (context->my_name);
  lf_notice_add_recipient (self, me);

  return self;
}

const char *
lf_notice_get_id (LfNotice *self)
{
  g_return_val_if_fail (LF_IS_NOTICE (self), NULL);

  return self->id;
}

LfTemplate *
lf_notice_get_template (LfNotice *self)
{
  g_return_val_if_fail (LF_IS_NOTICE (self), NULL);

  return self->template;
}

const LfRenderContext *
lf_notice_get_context (LfNotice *self)
{
  g_return_val_if_fail (LF_IS_NOTICE (self), NULL);

  return self->context;
}

LfChannel *
lf_notice_get_channel (LfNotice *self)
{
  g_return_val_if_fail (LF_IS_NOTICE (self), NULL);

  return self->channel;
}

/**
 * lf_notice_set_soup_session:
 *
 * The application's session for webhooks (a private one is made if none is set).
 */
void
lf_notice_set_soup_session (LfNotice    *self,
                            SoupSession *session)
{
  g_return_if_fail (LF_IS_NOTICE (self));

  g_set_object (&self->session, session);
}

/**
 * lf_notice_set_secret:
 * @secret: (nullable): the channel's password or webhook URL, when the caller already has it;
 *   otherwise it is looked up in the keyring when sending
 */
void
lf_notice_set_secret (LfNotice   *self,
                      const char *secret)
{
  g_return_if_fail (LF_IS_NOTICE (self));

  g_free (self->secret);
  self->secret = g_strdup (secret);
  self->secret_set = TRUE;
}

void
lf_notice_set_draft_func (LfNotice                *self,
                          LfNoticeDraftFunc        func,
                          LfNoticeDraftFinishFunc  finish,
                          gpointer                 user_data)
{
  g_return_if_fail (LF_IS_NOTICE (self));
  g_return_if_fail ((func == NULL) == (finish == NULL));

  self->draft_func = func;
  self->draft_finish = finish;
  self->draft_data = user_data;
}

/**
 * lf_notice_add_recipient:
 *
 * Adds a copy of @recipient (once per contact id).
 */
void
lf_notice_add_recipient (LfNotice          *self,
                         const LfRecipient *recipient)
{
  LfNoticeEntry *entry;

  g_return_if_fail (LF_IS_NOTICE (self));
  g_return_if_fail (recipient != NULL);
  g_return_if_fail (!self->busy);

  for (guint i = 0; i < self->entries->len; i++)
    if (g_str_equal (((LfNoticeEntry *) g_ptr_array_index (self->entries, i))->recipient->contact_id,
                     recipient->contact_id))
      return;

  entry = g_new0 (LfNoticeEntry, 1);
  entry->recipient = lf_recipient_copy (recipient);
  g_ptr_array_add (self->entries, entry);
}

gboolean
lf_notice_remove_recipient (LfNotice   *self,
                            const char *contact_id)
{
  g_return_val_if_fail (LF_IS_NOTICE (self), FALSE);
  g_return_val_if_fail (contact_id != NULL, FALSE);
  g_return_val_if_fail (!self->busy, FALSE);

  for (guint i = 0; i < self->entries->len; i++)
    if (g_str_equal (((LfNoticeEntry *) g_ptr_array_index (self->entries, i))->recipient->contact_id,
                     contact_id))
      {
        g_ptr_array_remove_index (self->entries, i);
        return TRUE;
      }

  return FALSE;
}

guint
lf_notice_get_n_entries (LfNotice *self)
{
  g_return_val_if_fail (LF_IS_NOTICE (self), 0);

  return self->entries->len;
}

const LfNoticeEntry *
lf_notice_get_entry (LfNotice *self,
                     guint     index)
{
  g_return_val_if_fail (LF_IS_NOTICE (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  return g_ptr_array_index (self->entries, index);
}

guint
lf_notice_count (LfNotice       *self,
                 LfNoticeResult  result)
{
  guint n = 0;

  g_return_val_if_fail (LF_IS_NOTICE (self), 0);

  for (guint i = 0; i < self->entries->len; i++)
    if (((LfNoticeEntry *) g_ptr_array_index (self->entries, i))->result == result)
      n++;

  return n;
}

/**
 * lf_notice_render:
 *
 * Renders the message of every recipient (in their language and time zone).
 *
 * Returns: %FALSE with %LF_NOTICE_ERROR_TEMPLATE if the template cannot be rendered; then
 *   nothing can be sent
 */
gboolean
lf_notice_render (LfNotice  *self,
                  GError   **error)
{
  g_return_val_if_fail (LF_IS_NOTICE (self), FALSE);

  for (guint i = 0; i < self->entries->len; i++)
    {
      LfNoticeEntry *entry = g_ptr_array_index (self->entries, i);
      g_autoptr(GError) local_error = NULL;

      g_clear_pointer (&entry->subject, g_free);
      g_clear_pointer (&entry->body, g_free);
      if (!lf_template_render (self->template, self->context, entry->recipient,
                               &entry->subject, &entry->body, &local_error))
        {
          g_set_error (error, LF_NOTICE_ERROR, LF_NOTICE_ERROR_TEMPLATE,
                       _("The template “%s” cannot be used: %s"),
                       lf_template_get_name (self->template), local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * lf_notice_render_all_text:
 * @contact_id: (nullable): one recipient, or %NULL for everyone
 *
 * The text for the clipboard: "Subject: …", a blank line and the body; recipients are
 * separated by a line of dashes and introduced by their name.
 *
 * Returns: (transfer full): the text, or %NULL with @error
 */
char *
lf_notice_render_all_text (LfNotice    *self,
                           const char  *contact_id,
                           GError     **error)
{
  GString *out;

  g_return_val_if_fail (LF_IS_NOTICE (self), NULL);

  if (!lf_notice_render (self, error))
    return NULL;

  out = g_string_new (NULL);
  for (guint i = 0; i < self->entries->len; i++)
    {
      LfNoticeEntry *entry = g_ptr_array_index (self->entries, i);

      if (contact_id != NULL)
        {
          if (!g_str_equal (entry->recipient->contact_id, contact_id))
            continue;
          g_string_append_printf (out, "%s\n\n%s\n", entry->subject, entry->body);
          break;
        }

      if (out->len > 0)
        g_string_append (out, "\n--------\n\n");
      /* Translators: a recipient's name, in the text copied to the clipboard */
      g_string_append_printf (out, _("To: %s\n"),
                              entry->recipient->name != NULL ? entry->recipient->name
                                                             : entry->recipient->contact_id);
      g_string_append_printf (out, _("Subject: %s\n\n"), entry->subject);
      g_string_append_printf (out, "%s\n", entry->body);
    }

  return g_string_free (out, FALSE);
}

/**
 * lf_notice_preview_destination:
 * @index: an entry
 * @problem: (out) (optional) (transfer full): why nothing would be sent, or %NULL
 *
 * Where the message of entry @index would go with the current channel and context (a rehearsal
 * included), without sending. Webhook URLs are shown as their host only. For webhooks using
 * the channel's URL this assumes the URL is in the keyring.
 *
 * Returns: (transfer full) (nullable): an address or a host, or %NULL (see @problem)
 */
char *
lf_notice_preview_destination (LfNotice  *self,
                               guint      index,
                               char     **problem)
{
  g_autofree char *message = NULL;
  g_autofree char *target = NULL;
  g_autofree char *saved_secret = NULL;
  LfNoticeResult result;

  g_return_val_if_fail (LF_IS_NOTICE (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  if (self->secret == NULL)
    self->secret = g_strdup ("https://webhook.invalid/");
  else
    saved_secret = g_strdup (self->secret);

  target = route (self, index, &result, &message);

  if (saved_secret == NULL)
    g_clear_pointer (&self->secret, g_free);

  if (problem != NULL)
    *problem = target == NULL && message == NULL && result == LF_NOTICE_RESULT_RENDERED
                 ? g_strdup (_("rendered only")) : g_steal_pointer (&message);

  if (target != NULL && lf_channel_kind_is_webhook (lf_channel_get_kind (self->channel)))
    return host_of (target);

  return g_steal_pointer (&target);
}

/**
 * lf_notice_make_message_id:
 * @local: the left part, e.g. "lifeline.<notice id>.<contact id>"
 * @from: the sender ("Sam <sam@example.com>")
 *
 * The Message-ID of a notice's e-mail is "<local>@<the sender's domain>". The logs keep
 * only the local part (no address lands in a file); the all-clear rebuilds the id it
 * answers from it.
 *
 * Returns: (transfer full) (nullable): the id without brackets, or %NULL without a valid
 *   sender
 */
char *
lf_notice_make_message_id (const char *local,
                           const char *from)
{
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;
  const char *at;

  g_return_val_if_fail (local != NULL, NULL);

  if (from == NULL || !lf_mail_address_parse (from, &name, &address) ||
      (at = strrchr (address, '@')) == NULL)
    return NULL;

  return g_strdup_printf ("%s%s", local, at);
}

/**
 * lf_notice_send_async:
 *
 * Renders and delivers every message, emitting #LfNotice::progress per recipient; then logs
 * the notice. Recipients the channel cannot reach end as %LF_NOTICE_RESULT_NO_CHANNEL; a
 * rehearsal reaches only the user's own address.
 */
void
lf_notice_send_async (LfNotice            *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (LF_IS_NOTICE (self));

  start_delivery (self, FALSE, lf_notice_send_async, cancellable, callback, user_data);
}

/**
 * lf_notice_send_finish:
 *
 * Returns: %TRUE when every message was dealt with (see each entry's result), %FALSE with
 *   @error when nothing could be tried (template broken, already sending)
 */
gboolean
lf_notice_send_finish (LfNotice      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lf_notice_retry_failed_async:
 *
 * Delivers again only the messages whose result is %LF_NOTICE_RESULT_FAILED.
 */
void
lf_notice_retry_failed_async (LfNotice            *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (LF_IS_NOTICE (self));

  start_delivery (self, TRUE, lf_notice_retry_failed_async, cancellable, callback, user_data);
}

gboolean
lf_notice_retry_failed_finish (LfNotice      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
