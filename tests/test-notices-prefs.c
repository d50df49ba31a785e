/* test-notices-prefs.c — Preferences › Notices: you, channels (keyring), test to myself
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real application and Preferences window, the keyring on libsecret's file backend, an
 * SMTP server started by the test for "Send Test to Myself".
 */

#include "config.h"

#include <string.h>

#include "lf-application.h"
#include "lf-channel-editor.h"
#include "lf-clients-page.h"
#include "lf-notices-prefs.h"
#include "lf-preferences-window.h"
#include "lf-profile.h"
#include "lf-storage.h"
#include "lf-test-smtp-server.h"
#include "lf-test-gtk.h"
#include "lf-test-utils.h"

#define TIMEOUT_MS 15000

static LfApplication *app;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
got_result_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
result_is_set (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static gboolean
profile_loaded (gpointer data)
{
  return lf_notices_prefs_get_profile_loaded (data);
}

static LfPreferencesWindow *
open_prefs (LfNoticesPrefs **page)
{
  LfPreferencesWindow *prefs = lf_preferences_window_new (lf_application_get_context (app), lf_application_get_settings (app),
                                  lf_application_get_tray (app));

  gtk_window_present (GTK_WINDOW (prefs));
  *page = lf_preferences_window_get_notices_prefs (prefs);
  g_assert_true (lf_test_wait_for (profile_loaded, *page, TIMEOUT_MS));
  return prefs;
}

typedef struct
{
  LfNoticesPrefs *page;
  const char     *prefix;
} MessageWait;

static gboolean
message_is (gpointer data)
{
  MessageWait *wait = data;
  const char *message = lf_notices_prefs_get_last_message (wait->page);

  return message != NULL && g_str_has_prefix (message, wait->prefix);
}

static void
wait_message (LfNoticesPrefs *page,
              const char     *prefix)
{
  MessageWait wait = { page, prefix };

  if (!lf_test_wait_for (message_is, &wait, TIMEOUT_MS))
    g_error ("expected a toast “%s…”, the last one was “%s”", prefix,
             lf_notices_prefs_get_last_message (page));
}

static gboolean
widget_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Saves the editor and waits until it closed (saved). */
static void
save_and_wait (LfChannelEditor *editor)
{
  gpointer watch = editor;

  g_object_add_weak_pointer (G_OBJECT (editor), &watch);
  lf_channel_editor_save (editor);
  if (!lf_test_wait_for (widget_gone, &watch, TIMEOUT_MS))
    g_error ("the channel was not saved: %s", lf_channel_editor_get_error (editor));
}

static char *
read_channels_file (void)
{
  g_autofree char *path = lf_storage_build_data_path ("channels.json");
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

static char *
lookup_secret (const char *channel_id)
{
  LfChannel *channel = lf_channel_store_lookup (lf_context_get_channel_store (lf_application_get_context (app)),
                                                channel_id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  g_assert_nonnull (channel);
  lf_channel_lookup_secret_async (channel, NULL, got_result_cb, &result);
  g_assert_true (lf_test_wait_for (result_is_set, &result, TIMEOUT_MS));
  secret = lf_channel_lookup_secret_finish (channel, result, &error);
  if (error != NULL)
    g_test_message ("lookup %s: %s", channel_id, error->message);
  return secret;
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

static void
test_notices_prefs_profile (void)
{
  LfNoticesPrefs *page;
  LfPreferencesWindow *prefs = open_prefs (&page);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LfProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  /* Not an address: said, nothing saved. */
  lf_notices_prefs_set_profile_field (page, "name", "Sam Freelancer");
  lf_notices_prefs_set_profile_field (page, "email", "sam at example");
  lf_notices_prefs_save_profile (page);
  wait_message (page, "“sam at example” is not an e-mail address");

  lf_notices_prefs_set_profile_field (page, "email", "sam@example.com");
  lf_notices_prefs_set_profile_field (page, "channel", "Signal +44 7700 900456");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "notices-prefs.save-profile",
                                             NULL));
  wait_message (page, "Your details are saved in your keyring");

  /* In the keyring, read back as the composer and --notify read it. */
  lf_profile_load_async (NULL, got_result_cb, &result);
  g_assert_true (lf_test_wait_for (result_is_set, &result, TIMEOUT_MS));
  profile = lf_profile_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lf_profile_get_name (profile), ==, "Sam Freelancer");
  g_assert_cmpstr (lf_profile_get_email (profile), ==, "sam@example.com");
  g_assert_cmpstr (lf_profile_get_channel (profile), ==, "Signal +44 7700 900456");
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* A new window shows what was saved. */
  prefs = open_prefs (&page);
  lf_test_screenshot (GTK_WIDGET (prefs), "prefs-notices.png");
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_notices_prefs_channels (void)
{
  LfNoticesPrefs *page;
  LfPreferencesWindow *prefs = open_prefs (&page);
  LfChannelStore *store = lf_context_get_channel_store (lf_application_get_context (app));
  LfChannelEditor *editor;
  g_autofree char *file = NULL;
  g_autofree char *secret = NULL;

  editor = lf_notices_prefs_add_channel (page);
  lf_channel_editor_set_field (editor, "id", "my mail");
  lf_channel_editor_save (editor);
  g_assert_cmpstr (lf_channel_editor_get_error (editor), ==,
                   "Use only letters, digits, dots and dashes in the name");

  /* No encryption to a server elsewhere: refused, nothing written. */
  lf_channel_editor_set_field (editor, "id", "mail");
  lf_channel_editor_set_field (editor, "kind", "smtp");
  lf_channel_editor_set_field (editor, "host", "smtp.example.com");
  lf_channel_editor_set_field (editor, "security", "none");
  lf_channel_editor_set_field (editor, "from", "Sam <sam@example.com>");
  lf_channel_editor_save (editor);
  g_assert_nonnull (strstr (lf_channel_editor_get_error (editor),
                            "only allowed to this computer (localhost)"));
  lf_channel_editor_set_field (editor, "security", "starttls");
  lf_channel_editor_set_field (editor, "port", "99999");
  lf_channel_editor_save (editor);
  g_assert_cmpstr (lf_channel_editor_get_error (editor), ==,
                   "“99999” is not a port number (1 to 65535)");
  lf_channel_editor_set_field (editor, "port", "587");
  lf_channel_editor_set_field (editor, "username", "sam@example.com");
  lf_channel_editor_save (editor);
  g_assert_nonnull (strstr (lf_channel_editor_get_error (editor), "Enter the password"));
  g_assert_null (lf_channel_store_lookup (store, "mail"));
  file = read_channels_file ();
  g_assert_true (file == NULL || strstr (file, "\"mail\"") == NULL);
  g_clear_pointer (&file, g_free);
  lf_test_screenshot (GTK_WIDGET (editor), "channel-editor-error.png");

  lf_channel_editor_set_field (editor, "password", "hunter2-secret");
  save_and_wait (editor);
  wait_message (page, "Channel “mail” saved");
  g_assert_nonnull (lf_channel_store_lookup (store, "mail"));
  g_assert_cmpuint (lf_channel_get_port (lf_channel_store_lookup (store, "mail")), ==, 587);

  /* The password is in the keyring, not in the file. */
  file = read_channels_file ();
  g_assert_nonnull (strstr (file, "\"smtp.example.com\""));
  g_assert_null (strstr (file, "hunter2"));
  g_clear_pointer (&file, g_free);
  secret = lookup_secret ("mail");
  g_assert_cmpstr (secret, ==, "hunter2-secret");
  g_clear_pointer (&secret, g_free);

  /* A second channel with the same name is refused. */
  editor = lf_notices_prefs_add_channel (page);
  lf_channel_editor_set_field (editor, "id", "mail");
  lf_channel_editor_set_field (editor, "kind", "mail-client");
  lf_channel_editor_save (editor);
  g_assert_cmpstr (lf_channel_editor_get_error (editor), ==,
                   "There is already a channel named “mail”");

  /* A Slack webhook: https only, the address in the keyring. */
  lf_channel_editor_set_field (editor, "id", "team");
  lf_channel_editor_set_field (editor, "kind", "slack");
  lf_channel_editor_set_field (editor, "url", "http://hooks.slack.com/services/T0/B0/XYZ");
  lf_channel_editor_save (editor);
  g_assert_cmpstr (lf_channel_editor_get_error (editor), ==,
                   "The webhook address must start with https://");
  lf_channel_editor_set_field (editor, "url", "https://hooks.slack.com/services/T0/B0/XYZ");
  save_and_wait (editor);
  file = read_channels_file ();
  g_assert_nonnull (strstr (file, "\"team\""));
  g_assert_null (strstr (file, "hooks.slack.com"));
  g_clear_pointer (&file, g_free);
  secret = lookup_secret ("team");
  g_assert_cmpstr (secret, ==, "https://hooks.slack.com/services/T0/B0/XYZ");
  g_clear_pointer (&secret, g_free);
  g_assert_cmpuint (lf_notices_prefs_get_n_channel_rows (page), ==, 2);

  /* Editing keeps the password when its field stays empty. */
  editor = lf_notices_prefs_edit_channel (page, "mail");
  lf_test_screenshot (GTK_WIDGET (editor), "channel-editor-edit.png");
  lf_channel_editor_set_field (editor, "host", "mail.example.org");
  save_and_wait (editor);
  g_assert_cmpstr (lf_channel_get_host (lf_channel_store_lookup (store, "mail")), ==,
                   "mail.example.org");
  secret = lookup_secret ("mail");
  g_assert_cmpstr (secret, ==, "hunter2-secret");
  g_clear_pointer (&secret, g_free);

  lf_test_screenshot (GTK_WIDGET (prefs), "prefs-notices-channels.png");

  /* Removing takes the webhook address out of the keyring too. */
  lf_notices_prefs_remove_channel (page, "team");
  g_assert_null (lf_channel_store_lookup (store, "team"));
  {
    g_autoptr(LfChannel) gone = lf_channel_new ("team", LF_CHANNEL_KIND_SLACK);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *left = NULL;

    for (guint i = 0; i < 100; i++)
      g_main_context_iteration (NULL, FALSE);
    lf_channel_lookup_secret_async (gone, NULL, got_result_cb, &result);
    g_assert_true (lf_test_wait_for (result_is_set, &result, TIMEOUT_MS));
    left = lf_channel_lookup_secret_finish (gone, result, &error);
    g_assert_null (left);
  }
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_notices_prefs_test_to_self (void)
{
  LfNoticesPrefs *page;
  LfPreferencesWindow *prefs = open_prefs (&page);
  LfTestSmtpServer *server = lf_test_smtp_server_start (0, LF_TEST_SMTP_PLAIN, NULL, NULL);
  g_autofree char *port = g_strdup_printf ("%u", server->port);
  g_autoptr(GPtrArray) received = NULL;
  LfChannelEditor *editor;
  JsonObject *message;

  lf_notices_prefs_set_profile_field (page, "name", "Sam Freelancer");
  lf_notices_prefs_set_profile_field (page, "email", "sam@example.com");

  editor = lf_notices_prefs_add_channel (page);
  lf_channel_editor_set_field (editor, "id", "local");
  lf_channel_editor_set_field (editor, "kind", "smtp");
  lf_channel_editor_set_field (editor, "host", "127.0.0.1");
  lf_channel_editor_set_field (editor, "port", port);
  lf_channel_editor_set_field (editor, "security", "none");
  lf_channel_editor_set_field (editor, "from", "Sam <sam@example.com>");
  save_and_wait (editor);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "notices-prefs.test-channel",
                                             "s", "local"));
  wait_message (page, "Test message sent to sam@example.com");

  received = lf_test_smtp_server_get_messages (server);
  g_assert_cmpuint (received->len, ==, 1);
  message = g_ptr_array_index (received, 0);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (message,
                                                                                "rcpt_tos"), 0),
                   ==, "sam@example.com");

  /* A server that is not there: the toast says the test failed. */
  lf_test_smtp_server_stop (server);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "notices-prefs.test-channel",
                                             "s", "local"));
  wait_message (page, "The test failed: ");
  g_test_message ("%s", lf_notices_prefs_get_last_message (page));

  gtk_window_destroy (GTK_WINDOW (prefs));

  /* As a person sees it on a phone-sized window, and in the dark style. */
  prefs = lf_preferences_window_new (lf_application_get_context (app), lf_application_get_settings (app),
                                  lf_application_get_tray (app));
  gtk_window_set_default_size (GTK_WINDOW (prefs), 360, 720);
  gtk_window_present (GTK_WINDOW (prefs));
  page = lf_preferences_window_get_notices_prefs (prefs);
  g_assert_true (lf_test_wait_for (profile_loaded, page, TIMEOUT_MS));
  lf_test_screenshot (GTK_WIDGET (prefs), "prefs-notices-narrow.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  lf_test_screenshot (GTK_WIDGET (prefs), "prefs-notices-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static gboolean
dialog_is_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
channel_exists (gpointer data)
{
  return lf_channel_store_lookup (lf_context_get_channel_store (lf_application_get_context (app)), data) != NULL;
}

static gboolean
deadline_imported (gpointer data)
{
  LfTemplate *template = lf_template_store_lookup (data, "deadline");

  return template != NULL && g_strcmp0 (lf_template_get_subject (template), "New deadline") == 0;
}

static void
test_notices_prefs_bundle (void)
{
  LfContactStore *contacts = lf_context_get_contact_store (lf_application_get_context (app));
  LfTemplateStore *templates = lf_context_get_template_store (lf_application_get_context (app));
  g_autofree char *out = g_build_filename (g_get_home_dir (), "app-export.json", NULL);
  g_autofree char *in = g_build_filename (g_get_home_dir (), "app-import.json", NULL);
  g_autoptr(GFile) out_file = g_file_new_for_path (out);
  g_autoptr(GFile) in_file = g_file_new_for_path (in);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *secret = NULL;
  LfClientsPage *page;
  GtkWidget *window;

  lf_contact_store_load_async (contacts, NULL, got_result_cb, &result);
  g_assert_true (lf_test_wait_for (result_is_set, &result, TIMEOUT_MS));
  g_assert_true (lf_contact_store_load_finish (contacts, result, NULL));

  page = LF_CLIENTS_PAGE (lf_clients_page_new (contacts));
  lf_clients_page_set_notice_stores (page, templates, lf_context_get_channel_store (lf_application_get_context (app)));
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));

  /* Export from the Clients page: the channels without credentials. */
  lf_clients_page_export_file (page, out_file);
  g_assert_true (lf_test_wait_for (file_exists, out, TIMEOUT_MS));
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"channels\""));
  g_assert_nonnull (strstr (contents, "\"mail.example.org\""));
  g_assert_null (strstr (contents, "hunter2"));

  /* Import a bundle with a channel and a template: credential to the keyring. */
  g_assert_true (g_file_set_contents (in,
    "{ \"format\": \"lifeline-bundle\", \"version\": 1,\n"
    "  \"contacts\": [ { \"name\": \"Linus\", \"emails\": [\"linus@example.com\"] } ],\n"
    "  \"channels\": [ { \"id\": \"agency-discord\", \"kind\": \"discord\",\n"
    "                  \"url\": \"https://discord.com/api/webhooks/1/TOKEN\" } ],\n"
    "  \"templates\": [ { \"id\": \"deadline\", \"name\": \"Deadline\",\n"
    "                   \"subject\": \"New deadline\", \"body\": \"Hi {client}\" } ] }\n",
    -1, NULL));
  lf_clients_page_import_file (page, in_file);
  g_assert_true (lf_test_wait_for (dialog_is_shown, NULL, TIMEOUT_MS));
  adw_message_dialog_response (find_message_dialog (), "import");
  gtk_window_destroy (GTK_WINDOW (find_message_dialog ()));
  g_assert_true (lf_test_wait_for (channel_exists, "agency-discord", TIMEOUT_MS));
  secret = lookup_secret ("agency-discord");
  g_assert_cmpstr (secret, ==, "https://discord.com/api/webhooks/1/TOKEN");
  g_assert_true (lf_test_wait_for (deadline_imported, templates, TIMEOUT_MS));
  g_assert_true (lf_template_store_is_modified (templates, "deadline"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus = NULL;
  g_autofree char *keyring_path = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  lf_test_init (&argc, &argv);

  if (!lf_test_have_display ())
    {
      g_test_add_func ("/lifeline/skipped", lf_test_skip_no_display);
      return g_test_run ();
    }

  keyring_path = g_build_filename (g_get_home_dir (), "keyrings", "default.keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring_path, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test-password", TRUE);

  bus = lf_test_dbus_up ();
  app = lf_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  lf_monitor_stop (lf_context_get_monitor (lf_application_get_context (app)));

  g_test_add_func ("/lifeline/notices-prefs/profile", test_notices_prefs_profile);
  g_test_add_func ("/lifeline/notices-prefs/channels", test_notices_prefs_channels);
  g_test_add_func ("/lifeline/notices-prefs/test-to-self", test_notices_prefs_test_to_self);
  g_test_add_func ("/lifeline/notices-prefs/bundle", test_notices_prefs_bundle);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  lf_test_dbus_stop (bus);

  return ret;
}
