/* test-notice.c — delivering notices: SMTP, webhooks, the mail app, drills, the log
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lf-notice.h"
#include "lf-test-smtp-server.h"
#include "lf-test-utils.h"

#define CLOUDFLARE_START G_GINT64_CONSTANT (1763464800)

static LfRenderContext *
make_context (gboolean drill)
{
  LfRenderContext *context = lf_render_context_new ();

  context->incident_id = g_strdup ("inc-2025-11-18");
  context->platform = g_strdup ("Upwork");
  context->provider = g_strdup ("Cloudflare");
  context->since = CLOUDFLARE_START;
  context->status_url = g_strdup ("https://status.upwork.com/");
  context->my_name = g_strdup ("Sam Freelancer");
  context->my_email = g_strdup ("sam@example.com");
  context->my_channel = g_strdup ("WhatsApp +44 7700 900123");
  context->next_update = g_strdup ("by 15:00");
  context->rehearsal = drill;
  context->rehearsal_name = drill ? g_strdup ("Drill") : NULL;

  return context;
}

static LfTemplate *
make_template (void)
{
  LfTemplate *template = lf_template_new ("outage", "Outage notice", "en",
                                          "{platform} is down, {client}",
                                          "Hello {client},\n{platform} is down since {since}.\n"
                                          "{my_name}");

  lf_template_set_variant (template, "de", "{platform} ist gestört, {client}",
                           "Hallo {client},\n{platform} ist seit {since} gestört.\n{my_name}");
  return template;
}

/* Ada (en, London), Jürgen (de, Berlin), Nadia (no e-mail, a Slack handle). */
static void
add_clients (LfNotice *notice)
{
  g_autoptr(LfRecipient) ada = lf_recipient_new ("c-ada");
  g_autoptr(LfRecipient) jurgen = lf_recipient_new ("c-jurgen");
  g_autoptr(LfRecipient) nadia = lf_recipient_new ("c-nadia");

  ada->name = g_strdup ("Ada Lovelace");
  ada->emails = g_strsplit ("ada@example.com", ",", -1);
  ada->timezone = g_strdup ("Europe/London");
  jurgen->name = g_strdup ("Jürgen Müller");
  jurgen->emails = g_strsplit ("jurgen@example.de", ",", -1);
  jurgen->timezone = g_strdup ("Europe/Berlin");
  jurgen->language = g_strdup ("de-DE");
  nadia->name = g_strdup ("Nadia Secret-Name");
  lf_recipient_set_channel (nadia, "slack", "@nadia");

  lf_notice_add_recipient (notice, ada);
  lf_notice_add_recipient (notice, jurgen);
  lf_notice_add_recipient (notice, nadia);
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError  *error;
  guint    progress;
} SendResult;

static void
on_progress_cb (LfNotice *notice,
                guint     index,
                gpointer  user_data)
{
  ((SendResult *) user_data)->progress++;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SendResult *send = user_data;

  send->ok = lf_notice_send_finish (LF_NOTICE (object), result, &send->error);
  send->done = TRUE;
}

static void
retry_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SendResult *send = user_data;

  send->ok = lf_notice_retry_failed_finish (LF_NOTICE (object), result, &send->error);
  send->done = TRUE;
}

static void
send_and_wait (LfNotice   *notice,
               gboolean    retry,
               SendResult *send)
{
  gulong id;

  memset (send, 0, sizeof *send);
  id = g_signal_connect (notice, "progress", G_CALLBACK (on_progress_cb), send);
  if (retry)
    lf_notice_retry_failed_async (notice, NULL, retry_cb, send);
  else
    lf_notice_send_async (notice, NULL, send_cb, send);
  lf_test_wait_for_flag (&send->done, 30000);
  g_signal_handler_disconnect (notice, id);
}

static LfChannel *
make_smtp_channel (guint port)
{
  LfChannel *channel = lf_channel_new ("mail", LF_CHANNEL_KIND_SMTP);

  lf_channel_set_host (channel, "127.0.0.1");
  lf_channel_set_port (channel, port);
  lf_channel_set_security (channel, LF_SMTP_SECURITY_NONE);
  lf_channel_set_from (channel, "Sam Freelancer <sam@example.com>");

  return channel;
}

static char *
read_log (void)
{
  g_autofree char *path = lf_notice_log_get_path ();
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return g_strdup ("");
  return contents;
}

static void
clear_log (void)
{
  g_autofree char *path = lf_notice_log_get_path ();

  g_unlink (path);
}

/* The log names no one: only opaque ids and results. */
static void
assert_log_is_private (void)
{
  g_autofree char *log = read_log ();
  const char *forbidden[] = { "Ada", "Lovelace", "Jürgen", "Nadia", "Secret-Name", "@",
                              "example", "http", "127.0.0.1", "WhatsApp", "Sam" };

  g_assert_cmpstr (log, !=, "");
  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    if (strstr (log, forbidden[i]) != NULL)
      g_error ("The notice log contains “%s”:\n%s", forbidden[i], log);
}

static void
test_notice_smtp (void)
{
  LfTestSmtpServer *server = lf_test_smtp_server_start (0, LF_TEST_SMTP_PLAIN, NULL, NULL);
  g_autoptr(LfChannel) channel = make_smtp_channel (server->port);
  g_autoptr(LfTemplate) template = make_template ();
  g_autoptr(LfRenderContext) context = make_context (FALSE);
  g_autoptr(LfNotice) notice = lf_notice_new (template, context, channel);
  g_autoptr(GPtrArray) received = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) outage = NULL;
  const LfNoticeEntry *entry;
  const char *data;
  SendResult send;

  clear_log ();
  add_clients (notice);
  lf_notice_set_secret (notice, NULL);
  send_and_wait (notice, FALSE, &send);
  g_assert_no_error (send.error);
  g_assert_true (send.ok);
  g_assert_cmpuint (send.progress, ==, 3);

  entry = lf_notice_get_entry (notice, 0);
  g_assert_cmpint (entry->result, ==, LF_NOTICE_RESULT_SENT);
  g_assert_cmpstr (entry->destination, ==, "ada@example.com");
  entry = lf_notice_get_entry (notice, 1);
  g_assert_cmpint (entry->result, ==, LF_NOTICE_RESULT_SENT);
  /* The client without an e-mail address is listed, not dropped. */
  entry = lf_notice_get_entry (notice, 2);
  g_assert_cmpint (entry->result, ==, LF_NOTICE_RESULT_NO_CHANNEL);
  g_assert_cmpstr (entry->message, ==, "No e-mail address");

  received = lf_test_smtp_server_get_messages (server);
  g_assert_cmpuint (received->len, ==, 2);
  data = json_object_get_string_member (g_ptr_array_index (received, 0), "data");
  g_assert_nonnull (strstr (data, "\r\nTo: Ada Lovelace <ada@example.com>\r\n"));
  g_assert_nonnull (strstr (data, "\r\nSubject: Upwork is down, Ada\r\n"));
  g_assert_nonnull (strstr (data, "\r\n\r\nHello Ada,\r\nUpwork is down since "
                                  "18 Nov 2025, 11:20 GMT.\r\nSam Freelancer\r\n"));
  data = json_object_get_string_member (g_ptr_array_index (received, 1), "data");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (g_ptr_array_index (received, 1), "rcpt_tos"), 0),
                   ==, "jurgen@example.de");
  /* German, Berlin time, quoted-printable. */
  g_assert_nonnull (strstr (data, "Subject: =?UTF-8?B?"));
  g_assert_nonnull (strstr (data, "Hallo J=C3=BCrgen,\r\nUpwork ist seit 18. Nov. "
                                  "2025, 12:20 CET gest=C3=B6rt.\r\n"));

  /* The log: one line, ids and results only, and it drives the all-clear. */
  assert_log_is_private ();
  log = lf_notice_log_read (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 1);
  {
    LfNoticeLogEntry *line = g_ptr_array_index (log, 0);

    g_assert_cmpstr (line->notice_id, ==, lf_notice_get_id (notice));
    g_assert_cmpstr (line->template_id, ==, "outage");
    g_assert_cmpstr (line->channel_id, ==, "mail");
    g_assert_cmpstr (line->channel_kind, ==, "smtp");
    g_assert_cmpstr (line->incident_id, ==, "inc-2025-11-18");
    g_assert_false (line->rehearsal);
    g_assert_cmpuint (line->results->len, ==, 3);
    g_assert_cmpint (((LfNoticeLogResult *) g_ptr_array_index (line->results, 2))->result, ==,
                     LF_NOTICE_RESULT_NO_CHANNEL);
  }
  outage = lf_notice_log_get_outage_recipients (log, "inc-2025-11-18");
  g_assert_cmpstrv (outage, ((const char *[]) { "c-ada", "c-jurgen", NULL }));

  g_clear_error (&send.error);
  lf_test_smtp_server_stop (server);
}

static void
test_notice_drill_reaches_only_me (void)
{
  LfTestSmtpServer *server = lf_test_smtp_server_start (0, LF_TEST_SMTP_PLAIN, NULL, NULL);
  g_autoptr(LfChannel) channel = make_smtp_channel (server->port);
  g_autoptr(LfTemplate) template = make_template ();
  g_autoptr(LfRenderContext) context = make_context (TRUE);
  g_autoptr(LfNotice) notice = lf_notice_new (template, context, channel);
  g_autoptr(GPtrArray) received = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_auto(GStrv) outage = NULL;
  SendResult send;

  clear_log ();
  add_clients (notice);
  lf_notice_set_secret (notice, NULL);
  send_and_wait (notice, FALSE, &send);
  g_assert_no_error (send.error);

  /* Every message was sent — to me, and only to me. */
  received = lf_test_smtp_server_get_messages (server);
  g_assert_cmpuint (received->len, ==, 3);
  for (guint i = 0; i < received->len; i++)
    {
      JsonObject *message = g_ptr_array_index (received, i);
      JsonArray *rcpt = json_object_get_array_member (message, "rcpt_tos");
      const char *data = json_object_get_string_member (message, "data");

      g_assert_cmpuint (json_array_get_length (rcpt), ==, 1);
      g_assert_cmpstr (json_array_get_string_element (rcpt, 0), ==, "sam@example.com");
      g_assert_nonnull (strstr (data, "\r\nTo: Sam Freelancer <sam@example.com>\r\n"));
      /* (The Message-ID names the opaque contact id, "c-ada", at the user's own domain.) */
      g_assert_null (strstr (data, "<ada@"));
      g_assert_null (strstr (data, " ada@example.com"));
      g_assert_null (strstr (data, "<jurgen@"));
      g_assert_null (strstr (data, " jurgen@example.de"));
      g_assert_cmpint (lf_notice_get_entry (notice, i)->result, ==, LF_NOTICE_RESULT_SENT);
      g_assert_cmpstr (lf_notice_get_entry (notice, i)->destination, ==, "sam@example.com");
    }
  g_assert_nonnull (strstr (json_object_get_string_member (g_ptr_array_index (received, 0), "data"),
                            "\r\nSubject: [Drill] Upwork is down, Ada\r\n"));

  /* A drill is logged as one, and never counts as having told a client. */
  log = lf_notice_log_read (NULL);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_true (((LfNoticeLogEntry *) g_ptr_array_index (log, 0))->rehearsal);
  outage = lf_notice_log_get_outage_recipients (log, "inc-2025-11-18");
  g_assert_cmpuint (g_strv_length (outage), ==, 0);

  lf_test_smtp_server_stop (server);
}

static void
test_notice_drill_without_my_address (void)
{
  g_autoptr(LfChannel) channel = make_smtp_channel (lf_test_free_port ());
  g_autoptr(LfTemplate) template = make_template ();
  g_autoptr(LfRenderContext) context = make_context (TRUE);
  g_autoptr(LfNotice) notice = NULL;
  SendResult send;

  g_clear_pointer (&context->my_email, g_free);
  notice = lf_notice_new (template, context, channel);
  add_clients (notice);
  lf_notice_set_secret (notice, NULL);
  send_and_wait (notice, FALSE, &send);
  g_assert_no_error (send.error);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (lf_notice_get_entry (notice, i)->result, ==, LF_NOTICE_RESULT_FAILED);
      g_assert_null (lf_notice_get_entry (notice, i)->destination);
    }
}

/* Webhooks against an in-process server */

typedef struct
{
  guint      requests;
  GPtrArray *paths;
  gboolean   broken;
} Hooks;

static void
on_hook_cb (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Hooks *hooks = user_data;

  hooks->requests++;
  g_ptr_array_add (hooks->paths, g_strdup (path));
  if (hooks->broken && g_str_equal (path, "/flaky"))
    soup_server_message_set_status (message, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
  else
    soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
}

static SoupServer *
start_hooks (Hooks  *hooks,
             char  **base)
{
  SoupServer *server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  hooks->paths = g_ptr_array_new_with_free_func (g_free);
  soup_server_add_handler (server, NULL, on_hook_cb, hooks, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  *base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return server;
}

static void
test_notice_webhooks_and_retry (void)
{
  Hooks hooks = { 0 };
  g_autofree char *base = NULL;
  g_autoptr(SoupServer) server = start_hooks (&hooks, &base);
  g_autoptr(LfChannel) channel = lf_channel_new ("agency-slack", LF_CHANNEL_KIND_SLACK);
  g_autoptr(LfTemplate) template = make_template ();
  g_autoptr(LfRenderContext) context = make_context (FALSE);
  g_autoptr(LfNotice) notice = lf_notice_new (template, context, channel);
  g_autoptr(LfRecipient) own_hook = lf_recipient_new ("c-hook");
  g_autofree char *channel_url = g_strconcat (base, "/flaky", NULL);
  g_autoptr(GPtrArray) log = NULL;
  SendResult send;

  clear_log ();
  own_hook->name = g_strdup ("Hook Owner");
  own_hook->webhook = g_strconcat (base, "/own", NULL);
  add_clients (notice);              /* Ada and Jürgen have no Slack: no channel */
  lf_notice_add_recipient (notice, own_hook);
  lf_notice_set_secret (notice, channel_url);

  hooks.broken = TRUE;
  send_and_wait (notice, FALSE, &send);
  g_assert_no_error (send.error);
  g_assert_cmpint (lf_notice_get_entry (notice, 0)->result, ==, LF_NOTICE_RESULT_NO_CHANNEL);
  g_assert_cmpstr (lf_notice_get_entry (notice, 0)->message, ==, "Not reachable through Slack");
  g_assert_cmpint (lf_notice_get_entry (notice, 1)->result, ==, LF_NOTICE_RESULT_NO_CHANNEL);
  /* Nadia (a Slack handle) goes to the channel's webhook, which is failing. */
  g_assert_cmpint (lf_notice_get_entry (notice, 2)->result, ==, LF_NOTICE_RESULT_FAILED);
  g_assert_cmpstr (lf_notice_get_entry (notice, 2)->message, ==,
                   "127.0.0.1 answered 503 Service Unavailable");
  g_assert_cmpstr (lf_notice_get_entry (notice, 2)->destination, ==, "127.0.0.1");
  /* The client's own webhook worked. */
  g_assert_cmpint (lf_notice_get_entry (notice, 3)->result, ==, LF_NOTICE_RESULT_SENT);
  g_assert_cmpuint (hooks.requests, ==, 2);

  /* Retry sends only the failed one. */
  hooks.broken = FALSE;
  send_and_wait (notice, TRUE, &send);
  g_assert_no_error (send.error);
  g_assert_cmpuint (send.progress, ==, 1);
  g_assert_cmpuint (hooks.requests, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (hooks.paths, 2), ==, "/flaky");
  g_assert_cmpint (lf_notice_get_entry (notice, 2)->result, ==, LF_NOTICE_RESULT_SENT);
  g_assert_cmpint (lf_notice_get_entry (notice, 3)->result, ==, LF_NOTICE_RESULT_SENT);

  log = lf_notice_log_read (NULL);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_false (((LfNoticeLogEntry *) g_ptr_array_index (log, 0))->retry);
  g_assert_true (((LfNoticeLogEntry *) g_ptr_array_index (log, 1))->retry);
  assert_log_is_private ();

  soup_server_disconnect (server);
  g_ptr_array_unref (hooks.paths);
}

static void
test_notice_drill_webhook_sends_nothing (void)
{
  Hooks hooks = { 0 };
  g_autofree char *base = NULL;
  g_autoptr(SoupServer) server = start_hooks (&hooks, &base);
  g_autoptr(LfChannel) channel = lf_channel_new ("hook", LF_CHANNEL_KIND_WEBHOOK);
  g_autoptr(LfTemplate) template = make_template ();
  g_autoptr(LfRenderContext) context = make_context (TRUE);
  g_autoptr(LfNotice) notice = lf_notice_new (template, context, channel);
  g_autoptr(LfRecipient) own_hook = lf_recipient_new ("c-hook");
  g_autofree char *url = g_strconcat (base, "/own", NULL);
  SendResult send;

  own_hook->webhook = g_strdup (url);
  lf_notice_add_recipient (notice, own_hook);
  add_clients (notice);
  lf_notice_set_secret (notice, url);
  send_and_wait (notice, FALSE, &send);
  g_assert_no_error (send.error);
  g_assert_cmpuint (hooks.requests, ==, 0);
  for (guint i = 0; i < lf_notice_get_n_entries (notice); i++)
    g_assert_cmpint (lf_notice_get_entry (notice, i)->result, ==, LF_NOTICE_RESULT_RENDERED);

  soup_server_disconnect (server);
  g_ptr_array_unref (hooks.paths);
}

/* The mail app, through a recording draft function */

typedef struct
{
  GPtrArray *drafts;  /* char *: "bcc|subject" */
} Drafts;

static void
record_draft (const char * const  *bcc,
              const char          *subject,
              const char          *body,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             callback_data,
              gpointer             user_data)
{
  Drafts *drafts = user_data;
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, callback_data);
  g_autofree char *joined = g_strjoinv (",", (GStrv) bcc);

  g_ptr_array_add (drafts->drafts, g_strdup_printf ("%s|%s", joined, subject));
  g_task_return_boolean (task, TRUE);
}

static gboolean
record_draft_finish (GAsyncResult  *result,
                     GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
test_notice_mail_client (void)
{
  g_autoptr(LfChannel) channel = lf_channel_new ("app", LF_CHANNEL_KIND_MAIL_CLIENT);
  g_autoptr(LfTemplate) template = lf_template_new ("t", "T", "en", "{platform} is down",
                                                    "Hello,\n{platform} is down.");
  g_autoptr(LfRenderContext) context = make_context (FALSE);
  g_autoptr(LfNotice) notice = lf_notice_new (template, context, channel);
  g_autoptr(LfRecipient) grace = lf_recipient_new ("c-grace");
  Drafts drafts = { g_ptr_array_new_with_free_func (g_free) };
  SendResult send;

  lf_template_set_variant (template, "de", "{platform} ist gestört", "Hallo");
  grace->emails = g_strsplit ("grace@example.org", ",", -1);
  add_clients (notice);
  lf_notice_add_recipient (notice, grace);
  lf_notice_set_draft_func (notice, record_draft, record_draft_finish, &drafts);
  send_and_wait (notice, FALSE, &send);
  g_assert_no_error (send.error);

  /* Identical texts share one draft with the addresses in Bcc. */
  g_assert_cmpuint (drafts.drafts->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (drafts.drafts, 0), ==,
                   "ada@example.com,grace@example.org|Upwork is down");
  g_assert_cmpstr (g_ptr_array_index (drafts.drafts, 1), ==, "jurgen@example.de|Upwork ist gestört");
  g_assert_cmpint (lf_notice_get_entry (notice, 0)->result, ==, LF_NOTICE_RESULT_HANDED_OFF);
  g_assert_cmpint (lf_notice_get_entry (notice, 2)->result, ==, LF_NOTICE_RESULT_NO_CHANNEL);
  g_assert_cmpint (lf_notice_get_entry (notice, 3)->result, ==, LF_NOTICE_RESULT_HANDED_OFF);

  g_ptr_array_unref (drafts.drafts);
}

static void
test_notice_broken_template_sends_nothing (void)
{
  LfTestSmtpServer *server = lf_test_smtp_server_start (0, LF_TEST_SMTP_PLAIN, NULL, NULL);
  g_autoptr(LfChannel) channel = make_smtp_channel (server->port);
  g_autoptr(LfTemplate) template = lf_template_new ("t", "T", "en", "Hi {clinet}", "x");
  g_autoptr(LfRenderContext) context = make_context (FALSE);
  g_autoptr(LfNotice) notice = lf_notice_new (template, context, channel);
  g_autoptr(GPtrArray) received = NULL;
  SendResult send;

  add_clients (notice);
  lf_notice_set_secret (notice, NULL);
  send_and_wait (notice, FALSE, &send);
  g_assert_false (send.ok);
  g_assert_error (send.error, LF_NOTICE_ERROR, LF_NOTICE_ERROR_TEMPLATE);
  g_assert_nonnull (strstr (send.error->message, "{clinet}"));
  g_clear_error (&send.error);
  received = lf_test_smtp_server_get_messages (server);
  g_assert_cmpuint (received->len, ==, 0);

  lf_test_smtp_server_stop (server);
}

static void
test_notice_clipboard_text (void)
{
  g_autoptr(LfChannel) channel = lf_channel_new ("clip", LF_CHANNEL_KIND_CLIPBOARD);
  g_autoptr(LfTemplate) template = make_template ();
  g_autoptr(LfRenderContext) context = make_context (FALSE);
  g_autoptr(LfNotice) notice = lf_notice_new (template, context, channel);
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  g_autofree char *one = NULL;
  SendResult send;

  add_clients (notice);
  one = lf_notice_render_all_text (notice, "c-jurgen", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (one, ==, "Upwork ist gestört, Jürgen\n\nHallo Jürgen,\n"
                            "Upwork ist seit 18. Nov. 2025, 12:20 CET gestört.\n"
                            "Sam Freelancer\n");
  all = lf_notice_render_all_text (notice, NULL, &error);
  g_assert_true (g_str_has_prefix (all, "To: Ada Lovelace\nSubject: Upwork is down, Ada\n\n"));
  g_assert_nonnull (strstr (all, "\n--------\n\nTo: Jürgen Müller\n"));
  g_assert_nonnull (strstr (all, "\n--------\n\nTo: Nadia Secret-Name\n"));

  send_and_wait (notice, FALSE, &send);
  g_assert_no_error (send.error);
  g_assert_cmpuint (lf_notice_count (notice, LF_NOTICE_RESULT_RENDERED), ==, 3);
}

static void
test_notice_test_to_self (void)
{
  LfTestSmtpServer *server = lf_test_smtp_server_start (0, LF_TEST_SMTP_PLAIN, NULL, NULL);
  g_autoptr(LfChannel) channel = make_smtp_channel (server->port);
  g_autoptr(LfTemplate) template = make_template ();
  g_autoptr(LfRenderContext) context = make_context (FALSE);
  g_autoptr(LfNotice) notice = lf_notice_new_test_to_self (template, context, channel);
  g_autoptr(GPtrArray) received = NULL;
  g_autofree char *log = NULL;
  SendResult send;

  clear_log ();
  lf_notice_set_secret (notice, NULL);
  send_and_wait (notice, FALSE, &send);
  g_assert_no_error (send.error);
  received = lf_test_smtp_server_get_messages (server);
  g_assert_cmpuint (received->len, ==, 1);
  g_assert_nonnull (strstr (json_object_get_string_member (g_ptr_array_index (received, 0), "data"),
                            "\r\nSubject: [Test] Upwork is down, Sam\r\n"));
  /* A test is not a notice: nothing is logged. */
  log = read_log ();
  g_assert_cmpstr (log, ==, "");

  lf_test_smtp_server_stop (server);
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lf_channel_store_secret_finish (LF_CHANNEL (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
test_notice_password_from_keyring (void)
{
  LfTestSmtpServer *server = lf_test_smtp_server_start (0, LF_TEST_SMTP_STARTTLS, "sam",
                                                        "correct horse");
  g_autoptr(LfChannel) channel = lf_channel_new ("keyring-mail", LF_CHANNEL_KIND_SMTP);
  g_autoptr(LfTemplate) template = make_template ();
  g_autoptr(LfRenderContext) context = make_context (FALSE);
  g_autoptr(LfNotice) without = NULL;
  g_autoptr(LfNotice) with = NULL;
  g_autoptr(GPtrArray) received = NULL;
  g_autofree char *ca = lf_test_build_data_path ("test-ca.pem");
  gboolean stored = FALSE;
  SendResult send;

  lf_channel_set_host (channel, "127.0.0.1");
  lf_channel_set_port (channel, server->port);
  lf_channel_set_security (channel, LF_SMTP_SECURITY_STARTTLS);
  lf_channel_set_username (channel, "sam");
  lf_channel_set_from (channel, "Sam Freelancer <sam@example.com>");
  lf_channel_set_ca_file (channel, ca);

  /* No password in the keyring yet: a clear failure, nothing tried. */
  without = lf_notice_new (template, context, channel);
  add_clients (without);
  send_and_wait (without, FALSE, &send);
  g_assert_no_error (send.error);
  g_assert_cmpint (lf_notice_get_entry (without, 0)->result, ==, LF_NOTICE_RESULT_FAILED);
  g_assert_cmpstr (lf_notice_get_entry (without, 0)->message, ==,
                   "The password of this mail channel is not in the keyring");

  /* Stored as the channel's credential, it is found and used. */
  lf_channel_store_secret_async (channel, "correct horse", NULL, stored_cb, &stored);
  lf_test_wait_for_flag (&stored, 10000);
  with = lf_notice_new (template, context, channel);
  add_clients (with);
  send_and_wait (with, FALSE, &send);
  g_assert_no_error (send.error);
  g_assert_cmpint (lf_notice_get_entry (with, 0)->result, ==, LF_NOTICE_RESULT_SENT);
  g_assert_cmpint (lf_notice_get_entry (with, 1)->result, ==, LF_NOTICE_RESULT_SENT);
  received = lf_test_smtp_server_get_messages (server);
  g_assert_cmpuint (received->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (received, 0), "auth"), ==,
                   "sam");

  lf_test_smtp_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring = NULL;

  lf_test_init (&argc, &argv);

  /* libsecret's file backend in the private test home: never the user's keyring. */
  keyring = g_build_filename (g_get_user_data_dir (), "keyrings", "test.keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test-password", TRUE);

  g_test_add_func ("/lifeline/notice/smtp", test_notice_smtp);
  g_test_add_func ("/lifeline/notice/drill-reaches-only-me", test_notice_drill_reaches_only_me);
  g_test_add_func ("/lifeline/notice/drill-without-my-address",
                   test_notice_drill_without_my_address);
  g_test_add_func ("/lifeline/notice/webhooks-and-retry", test_notice_webhooks_and_retry);
  g_test_add_func ("/lifeline/notice/drill-webhook-sends-nothing",
                   test_notice_drill_webhook_sends_nothing);
  g_test_add_func ("/lifeline/notice/mail-client", test_notice_mail_client);
  g_test_add_func ("/lifeline/notice/broken-template-sends-nothing",
                   test_notice_broken_template_sends_nothing);
  g_test_add_func ("/lifeline/notice/clipboard-text", test_notice_clipboard_text);
  g_test_add_func ("/lifeline/notice/test-to-self", test_notice_test_to_self);
  g_test_add_func ("/lifeline/notice/password-from-keyring", test_notice_password_from_keyring);

  return g_test_run ();
}
