/* test-notify-clients.c — app.notify-clients opens the composer already filled in
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real application, monitor (scripted answers only), contact store and profile on
 * libsecret's file backend, channels file and notice composer: the one-click path.
 */

#include "config.h"

#include <string.h>

#include "lf-application.h"
#include "lf-composer.h"
#include "lf-profile.h"
#include "lf-scripted-backend.h"
#include "lf-storage.h"
#include "lf-test-smtp-server.h"
#include "lf-test-gtk.h"
#include "lf-test-utils.h"
#include "lf-window.h"

#define TIMEOUT_MS 10000

static LfApplication *app;
static LfMonitor *monitor;
static LfScriptedBackend *backend;
static char *id_ada, *id_nadia, *id_otto, *id_grace;

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

static char *
add_contact (const char *json)
{
  LfContactStore *store = lf_context_get_contact_store (lf_application_get_context (app));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LfContact) contact = NULL;
  g_autoptr(LfContact) added = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  contact = lf_contact_new_from_json (json_node_get_object (json_parser_get_root (parser)),
                                      &error);
  g_assert_no_error (error);
  lf_contact_store_add_async (store, contact, NULL, got_result_cb, &result);
  g_assert_true (lf_test_wait_for (result_is_set, &result, TIMEOUT_MS));
  added = lf_contact_store_add_finish (store, result, &error);
  g_assert_no_error (error);

  return g_strdup (lf_contact_get_id (added));
}

static void
seed (void)
{
  LfContactStore *store = lf_context_get_contact_store (lf_application_get_context (app));
  g_autoptr(LfProfile) profile = lf_profile_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lf_contact_store_load_async (store, NULL, got_result_cb, &result);
  g_assert_true (lf_test_wait_for (result_is_set, &result, TIMEOUT_MS));
  g_assert_true (lf_contact_store_load_finish (store, result, &error));
  g_clear_object (&result);

  id_ada = add_contact ("{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"],"
                        " \"platforms\": [\"upwork\"], \"timezone\": \"Europe/London\"}");
  id_nadia = add_contact ("{\"name\": \"Nadia\", \"channels\": {\"slack\": \"@nadia\"},"
                          " \"platforms\": [\"upwork\"]}");
  id_otto = add_contact ("{\"name\": \"Otto\", \"emails\": [\"otto@example.com\"],"
                         " \"platforms\": [\"fiverr\"]}");
  id_grace = add_contact ("{\"name\": \"Grace Hopper\", \"company\": \"Navy\","
                          " \"emails\": [\"grace@example.com\"], \"platforms\": [\"discord\"]}");

  lf_profile_set_name (profile, "Sam Freelancer");
  lf_profile_set_email (profile, "sam@example.com");
  lf_profile_set_channel (profile, "Signal +44 7700 900456");
  lf_profile_save_async (profile, NULL, got_result_cb, &result);
  g_assert_true (lf_test_wait_for (result_is_set, &result, TIMEOUT_MS));
  g_assert_true (lf_profile_save_finish (profile, result, &error));
}

/* One configured channel: SMTP, the composer's default. Written before the application
 * starts, which reads it. */
static void
write_channels (void)
{
  g_autofree char *channels = lf_storage_build_data_path ("channels.json");

  g_assert_true (lf_storage_write_atomic (channels,
    "{\"version\": 1, \"channels\": [{\"id\": \"mail\", \"kind\": \"smtp\","
    " \"host\": \"smtp.example.com\", \"security\": \"starttls\","
    " \"username\": \"sam@example.com\", \"from\": \"Sam <sam@example.com>\"}]}", -1, 0600,
    NULL));
}

static gboolean
round_done (gpointer data)
{
  return !lf_monitor_get_checking (monitor);
}

static void
check_until (LfDiagnosisKind kind)
{
  for (guint i = 0; i < 8; i++)
    {
      LfDiagnosis *diagnosis = lf_monitor_get_diagnosis (monitor);

      if (diagnosis != NULL && lf_diagnosis_get_kind (diagnosis) == kind)
        return;
      lf_monitor_check_now (monitor);
      g_assert_true (lf_test_wait_for (round_done, NULL, 5000));
    }
  g_assert_cmpint (lf_diagnosis_get_kind (lf_monitor_get_diagnosis (monitor)), ==, kind);
}

static void
script_cloudflare_outage (void)
{
  lf_scripted_backend_clear (backend);
  lf_scripted_backend_script_probe (backend, "upwork", 500, LF_CAUSE_CDN_EDGE, "cloudflare",
                                    "8e2b4f1a9c3d7e21-AMS", 212);
  lf_scripted_backend_script_probe (backend, "discord", 500, LF_CAUSE_CDN_EDGE, "cloudflare",
                                    "8e2b4f1b0a5c6d33-AMS", 190);
  lf_scripted_backend_script_status (backend, "cloudflarestatus", LF_SEVERITY_MAJOR,
                                     "Cloudflare Global Network experiencing issues",
                                     "https://www.cloudflarestatus.com/incidents/x");
}

static LfComposer *
find_composer (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

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
close_composers (void)
{
  LfComposer *composer;

  while ((composer = find_composer ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (composer));
}

static LfComposer *
notify_clients (const char *platform_id)
{
  close_composers ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "notify-clients",
                                  g_variant_new_string (platform_id));
  g_assert_true (lf_test_wait_for (composer_shown, NULL, TIMEOUT_MS));
  return find_composer ();
}

static void
assert_recipients (LfComposer         *composer,
                   const char * const *expected)
{
  g_auto(GStrv) ids = lf_composer_dup_recipient_ids (composer);

  g_assert_cmpstrv (ids, expected);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

static void
test_notify_clients_outage (void)
{
  LfComposer *composer;
  LfNotice *notice;
  const LfNoticeEntry *entry;

  script_cloudflare_outage ();
  check_until (LF_DIAGNOSIS_PROVIDER_OUTAGE);

  composer = notify_clients ("upwork");
  {
    const char * const expected[] = { id_ada, id_nadia, NULL };

    assert_recipients (composer, expected);
  }

  /* Outage template, the first configured channel, the incident and the user's details. */
  notice = lf_composer_get_notice (composer);
  g_assert_nonnull (notice);
  g_assert_cmpstr (lf_template_get_id (lf_notice_get_template (notice)), ==, "outage");
  g_assert_cmpstr (lf_channel_get_id (lf_notice_get_channel (notice)), ==, "mail");
  entry = lf_notice_get_entry (notice, 0);
  g_assert_cmpstr (entry->subject, ==, "Outage at Upwork: how to reach me meanwhile");
  g_assert_nonnull (strstr (entry->body, "Hello Ada,"));
  g_assert_nonnull (strstr (entry->body, "published at https://status.upwork.com/."));
  g_assert_nonnull (strstr (entry->body, "reach me at Signal +44 7700 900456."));
  g_assert_nonnull (strstr (entry->body, "Sam Freelancer"));

  /* A client without a usable channel is listed as such. */
  g_assert_cmpstr (lf_composer_describe_recipient (composer, id_ada), ==, "ada@example.com");
  g_assert_cmpstr (lf_composer_describe_recipient (composer, id_nadia), ==, "No e-mail address");
  lf_test_screenshot (GTK_WIDGET (composer), "notify-clients-composer.png");
}

static void
test_notify_clients_add_remove (void)
{
  LfComposer *composer;
  LfClientPicker *picker;

  script_cloudflare_outage ();
  check_until (LF_DIAGNOSIS_PROVIDER_OUTAGE);
  composer = notify_clients ("upwork");

  /* The picker offers the clients not in the notice yet, searchable. */
  picker = lf_composer_open_picker (composer);
  g_assert_nonnull (picker);
  g_assert_cmpuint (lf_client_picker_get_n_shown (picker), ==, 2);
  lf_client_picker_set_search (picker, "NAVY");
  g_assert_cmpuint (lf_client_picker_get_n_shown (picker), ==, 1);
  lf_test_screenshot (GTK_WIDGET (picker), "notify-clients-picker.png");
  g_assert_true (lf_client_picker_pick_first (picker));
  g_assert_cmpuint (lf_client_picker_get_n_shown (picker), ==, 0);
  lf_client_picker_set_search (picker, "");
  g_assert_cmpuint (lf_client_picker_get_n_shown (picker), ==, 1);  /* Otto */
  gtk_window_destroy (GTK_WINDOW (picker));

  /* Removed clients are not sent to; the notice follows the list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.remove-recipient",
                                             "s", id_nadia));
  {
    const char * const expected[] = { id_ada, id_grace, NULL };

    assert_recipients (composer, expected);
  }
  g_assert_cmpuint (lf_notice_get_n_entries (lf_composer_get_notice (composer)), ==, 2);
  g_assert_cmpstr (lf_notice_get_entry (lf_composer_get_notice (composer), 1)->recipient->name,
                   ==, "Grace Hopper");
  g_assert_false (lf_composer_remove_recipient (composer, id_nadia));
}

static void
test_notify_clients_every_affected (void)
{
  LfComposer *composer;

  script_cloudflare_outage ();
  check_until (LF_DIAGNOSIS_PROVIDER_OUTAGE);

  /* '' (the tray menu): every platform of the diagnosis: Upwork and Discord. */
  composer = notify_clients ("");
  {
    const char * const expected[] = { id_ada, id_nadia, id_grace, NULL };

    assert_recipients (composer, expected);
  }
  /* Each client hears of their own platform only, never of the others'. */
  g_assert_cmpstr (lf_notice_get_entry (lf_composer_get_notice (composer), 0)->subject, ==,
                   "Outage at Upwork: how to reach me meanwhile");
  g_assert_cmpstr (lf_notice_get_entry (lf_composer_get_notice (composer), 2)->subject, ==,
                   "Outage at Discord: how to reach me meanwhile");
  g_assert_null (strstr (lf_notice_get_entry (lf_composer_get_notice (composer), 2)->body,
                         "Upwork"));
  /* Otto (Fiverr, which works) is not offered, and the composer says nothing is missing. */
  g_assert_cmpstr (lf_composer_get_recipients_description (composer) != NULL
                   ? lf_composer_get_recipients_description (composer) : "", ==, "");
}

static void
test_notify_clients_recovered (void)
{
  LfComposer *composer;

  script_cloudflare_outage ();
  check_until (LF_DIAGNOSIS_PROVIDER_OUTAGE);
  lf_scripted_backend_clear (backend);
  check_until (LF_DIAGNOSIS_ALL_CLEAR);

  /* Upwork is back: the all-clear, offered to those who got the outage notice (none was
   * sent in this test, so nobody), not the outage notice again. */
  composer = notify_clients ("upwork");
  g_assert_cmpstr (lf_template_get_id (lf_notice_get_template (lf_composer_get_notice (composer))),
                   ==, "all-clear");
  {
    const char * const expected[] = { NULL };

    assert_recipients (composer, expected);
  }
  close_composers ();
}

static void
on_sent_cb (LfComposer *composer,
            LfNotice   *notice,
            gboolean   *sent)
{
  *sent = TRUE;
}

static void
test_notify_clients_then_all_clear (void)
{
  LfTestSmtpServer *server = lf_test_smtp_server_start (0, LF_TEST_SMTP_PLAIN, NULL, NULL);
  g_autoptr(LfChannel) local = lf_channel_new ("local", LF_CHANNEL_KIND_SMTP);
  g_autoptr(GPtrArray) received = NULL;
  LfComposer *composer;
  LfNotice *notice;
  gboolean sent = FALSE;

  lf_channel_set_host (local, "127.0.0.1");
  lf_channel_set_port (local, server->port);
  lf_channel_set_security (local, LF_SMTP_SECURITY_NONE);
  lf_channel_set_from (local, "Sam Freelancer <sam@example.com>");
  lf_channel_store_add (lf_context_get_channel_store (lf_application_get_context (app)), local);

  script_cloudflare_outage ();
  check_until (LF_DIAGNOSIS_PROVIDER_OUTAGE);

  /* One press of Send: everything goes, with a result per client. */
  composer = notify_clients ("upwork");
  lf_composer_select_channel (composer, "local");
  g_signal_connect (composer, "sent", G_CALLBACK (on_sent_cb), &sent);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.send", NULL));
  lf_test_wait_for_flag (&sent, 20000);
  notice = lf_composer_get_notice (composer);
  g_assert_cmpint (lf_notice_get_entry (notice, 0)->result, ==, LF_NOTICE_RESULT_SENT);
  g_assert_cmpint (lf_notice_get_entry (notice, 1)->result, ==, LF_NOTICE_RESULT_NO_CHANNEL);
  received = lf_test_smtp_server_get_messages (server);
  g_assert_cmpuint (received->len, ==, 1);
  {
    JsonObject *message = g_ptr_array_index (received, 0);
    JsonArray *to = json_object_get_array_member (message, "rcpt_tos");

    g_assert_cmpuint (json_array_get_length (to), ==, 1);
    g_assert_cmpstr (json_array_get_string_element (to, 0), ==, "ada@example.com");
  }
  /* Tall enough to show every recipient's result. */
  gtk_widget_set_size_request (GTK_WIDGET (composer), 560, 1000);
  lf_test_screenshot (GTK_WIDGET (composer), "notify-clients-sent.png");

  /* Upwork is back: the all-clear goes to exactly those who were told (Ada, not Nadia). */
  lf_scripted_backend_clear (backend);
  check_until (LF_DIAGNOSIS_ALL_CLEAR);
  composer = notify_clients ("upwork");
  g_assert_cmpstr (lf_template_get_id (lf_notice_get_template (lf_composer_get_notice (composer))),
                   ==, "all-clear");
  {
    const char * const expected[] = { id_ada, NULL };

    assert_recipients (composer, expected);
  }

  close_composers ();
  lf_channel_store_remove (lf_context_get_channel_store (lf_application_get_context (app)), "local");
  lf_test_smtp_server_stop (server);
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

  /* Before the first libsecret call: the file backend in the private home. */
  keyring_path = g_build_filename (g_get_home_dir (), "keyrings", "default.keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring_path, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test-password", TRUE);

  bus = lf_test_dbus_up ();
  write_channels ();
  app = lf_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  monitor = lf_context_get_monitor (lf_application_get_context (app));
  backend = lf_scripted_backend_new ();
  lf_monitor_set_backend (monitor, LF_MONITOR_BACKEND (backend));
  lf_monitor_set_network_monitor (monitor, NULL);
  lf_monitor_set_timings (monitor, 3600 * 1000, 5, 1);
  {
    const char * const watched[] = { "upwork", "fiverr", "discord", NULL };

    g_settings_set_strv (lf_application_get_settings (app), "watched-platforms", watched);
  }
  /* No notification server on the test bus; the notification button is tested elsewhere. */
  g_settings_set_string (lf_application_get_settings (app), "notify-on", "never");
  seed ();
  g_application_activate (G_APPLICATION (app));

  g_test_add_func ("/lifeline/notify-clients/outage", test_notify_clients_outage);
  g_test_add_func ("/lifeline/notify-clients/add-remove", test_notify_clients_add_remove);
  g_test_add_func ("/lifeline/notify-clients/every-affected", test_notify_clients_every_affected);
  g_test_add_func ("/lifeline/notify-clients/recovered", test_notify_clients_recovered);
  g_test_add_func ("/lifeline/notify-clients/then-all-clear", test_notify_clients_then_all_clear);

  ret = g_test_run ();

  close_composers ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  g_clear_object (&backend);
  lf_test_dbus_stop (bus);
  g_free (id_ada);
  g_free (id_nadia);
  g_free (id_otto);
  g_free (id_grace);

  return ret;
}
