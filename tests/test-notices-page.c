/* test-notices-page.c — the Notices page and the composer under Xvfb
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lf-composer.h"
#include "lf-notices-page.h"
#include "lf-template-editor.h"
#include "lf-storage.h"
#include "lf-test-smtp-server.h"
#include "lf-test-gtk.h"
#include "lf-test-utils.h"

#define CLOUDFLARE_START G_GINT64_CONSTANT (1763464800)

static gboolean
never_true (gpointer data)
{
  return FALSE;
}

static LfRenderContext *
make_context (void)
{
  LfRenderContext *context = lf_render_context_new ();

  context->incident_id = g_strdup ("inc-1");
  context->platform = g_strdup ("Upwork");
  context->provider = g_strdup ("Cloudflare");
  context->since = CLOUDFLARE_START;
  context->status_url = g_strdup ("https://status.upwork.com/");
  context->my_name = g_strdup ("Sam Freelancer");
  context->my_email = g_strdup ("sam@example.com");
  context->my_channel = g_strdup ("WhatsApp +44 7700 900123");
  context->next_update = g_strdup ("by 15:00");

  return context;
}

static GPtrArray *
make_recipients (void)
{
  GPtrArray *recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_recipient_free);
  LfRecipient *ada = lf_recipient_new ("c-ada");
  LfRecipient *jurgen = lf_recipient_new ("c-jurgen");
  LfRecipient *nadia = lf_recipient_new ("c-nadia");

  ada->name = g_strdup ("Ada Lovelace");
  ada->emails = g_strsplit ("ada@example.com", ",", -1);
  ada->timezone = g_strdup ("Europe/London");
  jurgen->name = g_strdup ("Jürgen Müller <b> & Co");
  jurgen->emails = g_strsplit ("jurgen@example.de", ",", -1);
  jurgen->language = g_strdup ("de");
  jurgen->timezone = g_strdup ("Europe/Berlin");
  nadia->name = g_strdup ("Nadia");
  g_ptr_array_add (recipients, ada);
  g_ptr_array_add (recipients, jurgen);
  g_ptr_array_add (recipients, nadia);

  return recipients;
}

static gboolean
logged_is (gpointer data)
{
  gpointer *args = data;

  return lf_notices_page_get_n_logged (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static void
test_notices_page_log (void)
{
  g_autofree char *path = lf_notice_log_get_path ();
  GtkWidget *window;
  GtkWidget *page;
  gpointer args[2];

  if (!lf_test_have_display ())
    {
      lf_test_skip_no_display ();
      return;
    }

  g_unlink (path);
  g_assert_true (lf_storage_append_line (path, "{\"notice\":\"n1\",\"at\":\"2025-11-18T11:25:00Z\","
                                         "\"template\":\"outage\",\"channel\":\"mail\",\"kind\":"
                                         "\"smtp\",\"incident\":\"inc-1\",\"drill\":false,"
                                         "\"retry\":false,\"results\":[{\"contact\":\"c-1\","
                                         "\"result\":\"sent\"},{\"contact\":\"c-2\",\"result\":"
                                         "\"failed\"}]}", NULL));
  g_assert_true (lf_storage_append_line (path, "this line is damaged", NULL));
  g_assert_true (lf_storage_append_line (path, "{\"notice\":\"n2\",\"at\":\"2025-11-18T17:10:00Z\","
                                         "\"template\":\"all-clear\",\"channel\":\"hook\","
                                         "\"kind\":\"slack\",\"incident\":\"inc-1\",\"drill\":true,"
                                         "\"retry\":false,\"results\":[{\"contact\":\"c-1\","
                                         "\"result\":\"rendered\"}]}", NULL));

  window = gtk_window_new ();
  page = lf_notices_page_new ();
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_present (GTK_WINDOW (window));

  /* Two readable entries; the damaged line is skipped, not fatal. */
  args[0] = page;
  args[1] = GUINT_TO_POINTER (2);
  g_assert_true (lf_test_wait_for (logged_is, args, 5000));
  lf_test_screenshot (window, "notices-page-360.png");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
}

typedef struct
{
  GdkClipboard *clipboard;
  char         *text;
  gboolean      done;
} ClipboardRead;

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  read->done = TRUE;
}

static gboolean
all_settled (gpointer data)
{
  LfNotice *notice = lf_composer_get_notice (data);

  return notice != NULL && lf_notice_count (notice, LF_NOTICE_RESULT_PENDING) == 0 &&
         lf_notice_get_n_entries (notice) > 0;
}

static void
on_sent_cb (LfComposer *composer,
            LfNotice   *notice,
            gpointer    user_data)
{
  *(guint *) user_data += 1;
}

static void
test_composer_clipboard (void)
{
  g_autoptr(LfTemplateStore) templates = lf_template_store_new (NULL);
  g_autoptr(LfChannelStore) channels = lf_channel_store_new (NULL);
  g_autoptr(LfRenderContext) context = make_context ();
  g_autoptr(GPtrArray) recipients = make_recipients ();
  g_autofree char *expected = NULL;
  ClipboardRead read = { 0 };
  LfComposer *composer;
  LfNotice *notice;
  guint sent = 0;

  if (!lf_test_have_display ())
    {
      lf_test_skip_no_display ();
      return;
    }

  g_assert_true (lf_template_store_load (templates, NULL));
  g_assert_true (lf_channel_store_load (channels, NULL));
  composer = lf_composer_new (templates, channels, context, recipients);
  g_signal_connect (composer, "sent", G_CALLBACK (on_sent_cb), &sent);
  gtk_window_set_default_size (GTK_WINDOW (composer), 360, 900);
  gtk_window_present (GTK_WINDOW (composer));

  /* With no channel set up, the clipboard is offered; every client is rendered. */
  notice = lf_composer_get_notice (composer);
  g_assert_nonnull (notice);
  g_assert_cmpint (lf_channel_get_kind (lf_notice_get_channel (notice)), ==,
                   LF_CHANNEL_KIND_CLIPBOARD);
  g_assert_cmpuint (lf_notice_get_n_entries (notice), ==, 3);
  /* A name is text, not markup: "<b>" and "&" show as typed (rows without markup). */
  g_assert_true (lf_test_shows_text (GTK_WIDGET (composer), "Jürgen Müller <b> & Co"));
  lf_test_screenshot (GTK_WIDGET (composer), "composer-360-light.png");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  lf_test_screenshot (GTK_WIDGET (composer), "composer-360-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.copy-all", NULL));
  expected = lf_notice_render_all_text (notice, NULL, NULL);
  read.clipboard = gtk_widget_get_clipboard (GTK_WIDGET (composer));
  gdk_clipboard_read_text_async (read.clipboard, NULL, clipboard_read_cb, &read);
  lf_test_wait_for_flag (&read.done, 5000);
  g_assert_cmpstr (read.text, ==, expected);
  g_assert_nonnull (strstr (read.text, "To: Jürgen Müller <b> & Co\nSubject: Störung bei Upwork"));
  g_free (read.text);

  /* Send through the clipboard: nothing leaves, each client is marked. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.send", NULL));
  g_assert_true (lf_test_wait_for (all_settled, composer, 5000));
  /* …and the delivery is complete (logged) before the window goes. */
  lf_test_wait_for_flag ((gboolean *) &sent, 5000);
  g_assert_cmpuint (lf_notice_count (lf_composer_get_notice (composer),
                                     LF_NOTICE_RESULT_RENDERED), ==, 3);

  gtk_window_destroy (GTK_WINDOW (composer));
}

static void
test_composer_smtp_and_drill (void)
{
  LfTestSmtpServer *server = NULL;
  g_autoptr(LfTemplateStore) templates = lf_template_store_new (NULL);
  g_autoptr(LfChannelStore) channels = lf_channel_store_new (NULL);
  g_autoptr(LfChannel) mail = lf_channel_new ("mail", LF_CHANNEL_KIND_SMTP);
  g_autoptr(LfRenderContext) context = make_context ();
  g_autoptr(GPtrArray) recipients = make_recipients ();
  g_autoptr(GPtrArray) received = NULL;
  LfComposer *composer;
  LfNotice *notice;
  guint sent = 0;

  if (!lf_test_have_display ())
    {
      lf_test_skip_no_display ();
      return;
    }

  server = lf_test_smtp_server_start (0, LF_TEST_SMTP_PLAIN, NULL, NULL);
  lf_channel_set_host (mail, "127.0.0.1");
  lf_channel_set_port (mail, server->port);
  lf_channel_set_security (mail, LF_SMTP_SECURITY_NONE);
  lf_channel_set_from (mail, "Sam Freelancer <sam@example.com>");
  lf_channel_store_add (channels, mail);
  g_assert_true (lf_template_store_load (templates, NULL));

  composer = lf_composer_new (templates, channels, context, recipients);
  g_signal_connect (composer, "sent", G_CALLBACK (on_sent_cb), &sent);
  gtk_window_present (GTK_WINDOW (composer));
  lf_composer_select_template (composer, "deadline");

  /* Clicking a recipient previews their own message; they stay included. */
  {
    const char *subject = NULL;
    const char *body = NULL;

    lf_composer_preview_recipient (composer, "c-jurgen");
    body = lf_composer_get_preview (composer, &subject);
    g_assert_cmpstr (subject, ==, "Unsere Frist und die Störung bei Upwork");
    g_assert_true (g_str_has_prefix (body, "Hallo Jürgen,"));
    g_assert_cmpuint (lf_notice_get_n_entries (lf_composer_get_notice (composer)), ==, 3);
    g_assert_true (lf_composer_get_can_send (composer));
    /* Nothing failed: no Retry. */
    g_assert_false (lf_composer_get_can_retry (composer));
  }

  /* A drill first: everything goes to me. */
  lf_composer_set_drill (composer, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.send", NULL));
  lf_test_wait_for_flag ((gboolean *) &sent, 20000);
  notice = lf_composer_get_notice (composer);
  g_assert_cmpuint (lf_notice_count (notice, LF_NOTICE_RESULT_SENT), ==, 3);
  received = lf_test_smtp_server_get_messages (server);
  g_assert_cmpuint (received->len, ==, 3);
  for (guint i = 0; i < received->len; i++)
    g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (g_ptr_array_index (received, i), "rcpt_tos"), 0),
                     ==, "sam@example.com");
  g_clear_pointer (&received, g_ptr_array_unref);

  /* For real: Nadia has no address and is shown as such. */
  lf_composer_set_drill (composer, FALSE);
  sent = 0;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.send", NULL));
  lf_test_wait_for_flag ((gboolean *) &sent, 20000);
  notice = lf_composer_get_notice (composer);
  g_assert_cmpuint (lf_notice_count (notice, LF_NOTICE_RESULT_SENT), ==, 2);
  g_assert_cmpuint (lf_notice_count (notice, LF_NOTICE_RESULT_NO_CHANNEL), ==, 1);
  received = lf_test_smtp_server_get_messages (server);
  g_assert_cmpuint (received->len, ==, 5);
  lf_test_screenshot (GTK_WIDGET (composer), "composer-sent.png");

  /* Sent for real: a second Send would tell everyone twice, so there is none. */
  g_assert_false (lf_composer_get_can_send (composer));
  g_assert_false (lf_composer_get_can_retry (composer));
  gtk_widget_activate_action (GTK_WIDGET (composer), "composer.send", NULL);
  lf_test_wait_for (never_true, NULL, 500);
  g_clear_pointer (&received, g_ptr_array_unref);
  received = lf_test_smtp_server_get_messages (server);
  g_assert_cmpuint (received->len, ==, 5);

  gtk_window_destroy (GTK_WINDOW (composer));
  lf_test_smtp_server_stop (server);
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
test_template_editor (void)
{
  g_autoptr(LfTemplateStore) templates = lf_template_store_new (NULL);
  g_autoptr(LfTemplateStore) reloaded = lf_template_store_new (NULL);
  LfTemplateEditor *editor;
  gpointer weak;

  if (!lf_test_have_display ())
    {
      lf_test_skip_no_display ();
      return;
    }

  g_assert_true (lf_template_store_load (templates, NULL));
  editor = lf_template_editor_new (templates, "outage");
  gtk_window_set_default_size (GTK_WINDOW (editor), 360, 640);
  gtk_window_present (GTK_WINDOW (editor));
  g_assert_cmpuint (lf_template_editor_get_n_problems (editor), ==, 0);

  /* A typo is flagged and cannot be saved. */
  lf_template_editor_set_text (editor, "{platform} down",
                               "Hello {clinet},\n{platform} is down } since {since}.");
  g_assert_cmpuint (lf_template_editor_get_n_problems (editor), ==, 2);
  lf_test_screenshot (GTK_WIDGET (editor), "template-editor-problems.png");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_assert_false (lf_template_store_is_modified (templates, "outage"));

  /* Fixed, it is saved to templates.json as an edit of the default. */
  lf_template_editor_set_text (editor, "{platform} down", "Hello {client}, {{sorry}}.");
  g_assert_cmpuint (lf_template_editor_get_n_problems (editor), ==, 0);
  weak = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_assert_true (lf_test_wait_for (window_gone, &weak, 5000));
  g_assert_true (lf_template_store_is_modified (templates, "outage"));

  g_assert_true (lf_template_store_load (reloaded, NULL));
  g_assert_cmpstr (lf_template_get_body (lf_template_store_lookup (reloaded, "outage")), ==,
                   "Hello {client}, {{sorry}}.");
  g_assert_true (lf_template_store_reset (reloaded, "outage"));
}

static LfComposer *
find_composer (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (LF_IS_COMPOSER (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return LF_COMPOSER (window);
    }

  return NULL;
}

static gboolean
composer_shown (gpointer data)
{
  return find_composer () != NULL;
}

static void
test_all_clear_offers_notified (void)
{
  g_autofree char *path = lf_notice_log_get_path ();
  g_autoptr(LfRenderContext) context = make_context ();
  g_autoptr(GPtrArray) recipients = make_recipients ();
  LfComposer *composer;
  LfNotice *notice;
  GtkWidget *window;
  GtkWidget *page;
  gpointer args[2];

  if (!lf_test_have_display ())
    {
      lf_test_skip_no_display ();
      return;
    }

  /* Ada got the outage notice of inc-1; Jürgen only in a drill; Nadia in another incident. */
  g_unlink (path);
  g_assert_true (lf_storage_append_line (path, "{\"notice\":\"a\",\"at\":\"2025-11-18T11:25:00Z\","
                                         "\"template\":\"outage\",\"channel\":\"mail\","
                                         "\"kind\":\"smtp\",\"incident\":\"inc-1\","
                                         "\"drill\":false,\"retry\":false,\"results\":["
                                         "{\"contact\":\"c-ada\",\"result\":\"sent\"},"
                                         "{\"contact\":\"c-nadia\",\"result\":\"no-channel\"}]}",
                                         NULL));
  g_assert_true (lf_storage_append_line (path, "{\"notice\":\"b\",\"at\":\"2025-11-18T11:26:00Z\","
                                         "\"template\":\"outage\",\"channel\":\"mail\","
                                         "\"kind\":\"smtp\",\"incident\":\"inc-1\","
                                         "\"drill\":true,\"retry\":false,\"results\":["
                                         "{\"contact\":\"c-jurgen\",\"result\":\"sent\"}]}",
                                         NULL));
  g_assert_true (lf_storage_append_line (path, "{\"notice\":\"c\",\"at\":\"2025-11-19T09:00:00Z\","
                                         "\"template\":\"outage\",\"channel\":\"mail\","
                                         "\"kind\":\"smtp\",\"incident\":\"inc-2\","
                                         "\"drill\":false,\"retry\":false,\"results\":["
                                         "{\"contact\":\"c-nadia\",\"result\":\"sent\"}]}",
                                         NULL));

  window = gtk_window_new ();
  page = lf_notices_page_new ();
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  args[0] = page;
  args[1] = GUINT_TO_POINTER (3);
  g_assert_true (lf_test_wait_for (logged_is, args, 5000));

  lf_notices_page_set_incident (LF_NOTICES_PAGE (page), context, recipients);
  lf_notices_page_open_all_clear (LF_NOTICES_PAGE (page));
  g_assert_true (lf_test_wait_for (composer_shown, NULL, 5000));
  composer = find_composer ();
  notice = lf_composer_get_notice (composer);
  g_assert_cmpstr (lf_template_get_id (lf_notice_get_template (notice)), ==, "all-clear");
  g_assert_cmpuint (lf_notice_get_n_entries (notice), ==, 1);
  g_assert_cmpstr (lf_notice_get_entry (notice, 0)->recipient->contact_id, ==, "c-ada");

  gtk_window_destroy (GTK_WINDOW (composer));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);
  if (lf_test_have_display ())
    adw_init ();

  g_test_add_func ("/lifeline/notices-page/log", test_notices_page_log);
  g_test_add_func ("/lifeline/notices-page/composer-clipboard", test_composer_clipboard);
  g_test_add_func ("/lifeline/notices-page/composer-smtp-and-drill",
                   test_composer_smtp_and_drill);
  g_test_add_func ("/lifeline/notices-page/template-editor", test_template_editor);
  g_test_add_func ("/lifeline/notices-page/all-clear-offers-notified",
                   test_all_clear_offers_notified);

  return g_test_run ();
}
