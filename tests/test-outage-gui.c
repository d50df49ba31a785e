/* test-outage-gui.c — the outage day of issue #11 through the real application window
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application started as `lifeline --catalog FILE` would be, watching the loopback
 * platforms of lf-outage-scenario.c with its real network monitor; clients and profile in
 * libsecret's file backend; a real SMTP server (aiosmtpd). The Health banner, the composer
 * opened by its "Notify Clients…" and, after recovery, the banner's "Send the all-clear".
 * With LF_SCREENSHOT_DIR set, each step is saved as a PNG there (see docs/NOTICES.md).
 */

#include "config.h"

#include <string.h>

#include "lf-application.h"
#include "lf-composer.h"
#include "lf-health-page.h"
#include "lf-outage.h"
#include "lf-outage-scenario.h"
#include "lf-profile.h"
#include "lf-providers-view.h"
#include "lf-storage.h"
#include "lf-test-smtp-server.h"
#include "lf-test-gtk.h"
#include "lf-test-utils.h"
#include "lf-window.h"

#define TIMEOUT_MS 20000

static LfApplication *app;
static LfMonitor *monitor;
static LfOutageScenario *scenario;
static LfTestSmtpServer *smtp;
static char *id_ada, *id_max, *id_paula, *id_juergen, *id_linus, *id_grace;

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
                        " \"platforms\": [\"upwork\"]}");
  id_max = add_contact ("{\"name\": \"Max Keller\", \"emails\": [\"max@example.com\"],"
                        " \"company\": \"Keller Design\", \"platforms\": [\"upwork\", \"discord\"]}");
  id_paula = add_contact ("{\"name\": \"Paula Souza\", \"emails\": [\"paula@example.com\"],"
                          " \"platforms\": [\"paypal\"]}");
  id_juergen = add_contact ("{\"name\": \"Jürgen Müller\", \"emails\": [\"juergen@example.de\"],"
                            " \"language\": \"de\", \"platforms\": [\"Upwork\"]}");
  id_linus = add_contact ("{\"name\": \"Linus Berg\", \"emails\": [\"linus@example.com\"],"
                          " \"platforms\": [\"github\"]}");
  id_grace = add_contact ("{\"name\": \"Grace Hopper\", \"emails\": [\"grace@example.com\"]}");

  lf_profile_set_name (profile, "Sam Freelancer");
  lf_profile_set_email (profile, "sam@example.com");
  lf_profile_set_channel (profile, "Signal +44 7700 900456");
  lf_profile_save_async (profile, NULL, got_result_cb, &result);
  g_assert_true (lf_test_wait_for (result_is_set, &result, TIMEOUT_MS));
  g_assert_true (lf_profile_save_finish (profile, result, &error));
}

static void
write_channels (guint port)
{
  g_autofree char *channels = lf_storage_build_data_path ("channels.json");
  g_autofree char *json = g_strdup_printf (
    "{\"version\": 1, \"channels\": [{\"id\": \"mail\", \"kind\": \"smtp\","
    " \"host\": \"127.0.0.1\", \"port\": %u, \"security\": \"none\","
    " \"from\": \"Sam Freelancer <sam@example.com>\"}]}", port);

  g_assert_true (lf_storage_write_atomic (channels, json, -1, 0600, NULL));
}

static gboolean
round_done (gpointer data)
{
  return !lf_monitor_get_checking (monitor);
}

static void
check_until (LfOutageLevel level)
{
  for (guint i = 0; i < 10; i++)
    {
      if (lf_monitor_get_diagnosis (monitor) != NULL && lf_outage_get_level (monitor) == level)
        return;
      lf_monitor_check_now (monitor);
      g_assert_true (lf_test_wait_for (round_done, NULL, TIMEOUT_MS));
    }
  g_assert_cmpint (lf_outage_get_level (monitor), ==, level);
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

static LfWindow *
main_window (void)
{
  return LF_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

static void
on_sent_cb (LfComposer *composer,
            LfNotice   *notice,
            gboolean   *sent)
{
  *sent = TRUE;
}

static void
send_and_wait (LfComposer *composer)
{
  gboolean sent = FALSE;

  g_signal_connect (composer, "sent", G_CALLBACK (on_sent_cb), &sent);
  g_assert_true (lf_composer_get_can_send (composer));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.send", NULL));
  lf_test_wait_for_flag (&sent, TIMEOUT_MS);
  g_signal_handlers_disconnect_by_func (composer, on_sent_cb, &sent);
}

static const char *
data_of (GPtrArray  *received,
         const char *address)
{
  const char *found = NULL;

  for (guint i = 0; i < received->len; i++)
    {
      JsonObject *message = g_ptr_array_index (received, i);
      JsonArray *to = json_object_get_array_member (message, "rcpt_tos");

      if (g_str_equal (json_array_get_string_element (to, 0), address))
        {
          g_assert_null (found);   /* one message each */
          found = json_object_get_string_member (message, "data");
        }
    }

  return found;
}

/* ------------------------------------------------------------------------ */
/* The day                                                                  */
/* ------------------------------------------------------------------------ */

static void
test_outage_gui (void)
{
  LfHealthPage *health;
  LfComposer *composer;
  LfNotice *notice;
  g_autoptr(GPtrArray) received = NULL;
  const char *label = NULL;
  const char *subject = NULL;
  const char *body = NULL;
  g_autofree char *ada_outage_id = NULL;
  LfProvidersView *providers;

  gtk_window_set_default_size (GTK_WINDOW (main_window ()), 900, 640);
  health = lf_window_get_health_page (main_window ());

  /* 11:20: Cloudflare fails; PayPal has its own trouble; GitHub is only slow. */
  check_until (LF_OUTAGE_LEVEL_OUTAGE);
  g_assert_cmpstr (lf_health_page_get_banner_style (health), ==, "lf-banner-error");
  g_assert_cmpstr (lf_health_page_get_banner_text (health), ==,
                   "Cloudflare has an outage: Upwork and Discord are down. PayPal is down. "
                   "GitHub is slow or has problems, but answers.");
  g_assert_cmpstr (lf_health_page_get_banner_action (health, 0, &label), ==,
                   "app.notify-clients");
  g_assert_cmpstr (label, ==, "_Notify Clients…");
  /* The Providers card agrees with the banner: errors seen at Cloudflare, for the three
   * behind it, though its page only says "major" (a partial outage): its words in the tooltip. */
  providers = LF_PROVIDERS_VIEW (lf_health_page_get_providers_view (health));
  g_assert_cmpstr (lf_providers_view_get_detail (providers, "cloudflare"), ==,
                   "Errors seen · 3 of yours");
  g_assert_cmpstr (lf_providers_view_get_tooltip (providers, "cloudflare"), ==,
                   "Your platforms behind it answer with its error pages; its own status page "
                   "says: Major Service Outage");
  lf_test_screenshot (GTK_WIDGET (main_window ()), "outage-day-banner.png");

  /* "New Notice…" on the Notices page: every affected client at first, then the platform
   * chosen in the composer decides; never a raw {platform}. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "new-notice", NULL);
  g_assert_true (lf_test_wait_for (composer_shown, NULL, TIMEOUT_MS));
  composer = find_composer ();
  g_assert_cmpuint (lf_notice_get_n_entries (lf_composer_get_notice (composer)), ==, 4);
  g_assert_true (lf_composer_choose_platform (composer, "paypal"));
  {
    g_auto(GStrv) ids = lf_composer_dup_recipient_ids (composer);
    const char * const expected[] = { id_paula, NULL };

    g_assert_cmpstrv (ids, expected);
  }
  lf_composer_get_preview (composer, &subject);
  g_assert_cmpstr (subject, ==, "Outage at PayPal: how to reach me meanwhile");
  /* GitHub is only slow: nothing to send about it. */
  g_assert_true (lf_composer_choose_platform (composer, "github"));
  g_assert_cmpuint (lf_notice_get_n_entries (lf_composer_get_notice (composer)), ==, 0);
  g_assert_false (lf_composer_get_can_send (composer));
  lf_composer_get_preview (composer, &subject);
  g_assert_null (strchr (subject, '{'));
  g_assert_true (lf_composer_choose_platform (composer, ""));
  g_assert_cmpuint (lf_notice_get_n_entries (lf_composer_get_notice (composer)), ==, 4);
  gtk_window_destroy (GTK_WINDOW (composer));

  /* One click: each linked client about their own platforms; Linus (only the slow GitHub)
   * and Grace (no platform) are not offered, and the composer says why Grace is missing. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "notify-clients",
                                  g_variant_new_string (""));
  g_assert_true (lf_test_wait_for (composer_shown, NULL, TIMEOUT_MS));
  composer = find_composer ();
  {
    g_auto(GStrv) ids = lf_composer_dup_recipient_ids (composer);

    g_assert_cmpuint (g_strv_length (ids), ==, 4);
    g_assert_true (g_strv_contains ((const char * const *) ids, id_ada));
    g_assert_true (g_strv_contains ((const char * const *) ids, id_max));
    g_assert_true (g_strv_contains ((const char * const *) ids, id_paula));
    g_assert_true (g_strv_contains ((const char * const *) ids, id_juergen));
    g_assert_false (g_strv_contains ((const char * const *) ids, id_linus));
    g_assert_false (g_strv_contains ((const char * const *) ids, id_grace));
  }
  g_assert_nonnull (strstr (lf_composer_get_recipients_description (composer),
                            "1 client is linked to no platform"));

  /* Max's message, previewed by clicking his row: his two platforms, one sentence. */
  lf_composer_preview_recipient (composer, id_max);
  body = lf_composer_get_preview (composer, &subject);
  g_assert_cmpstr (subject, ==, "Outage at Upwork and Discord: how to reach me meanwhile");
  g_assert_true (g_str_has_prefix (body, "Hello Max,\n\nSince "));
  g_assert_nonnull (strstr (body, "an outage has affected Upwork and Discord."));
  g_assert_null (strstr (body, "PayPal"));
  g_assert_null (strstr (body, "GitHub"));
  g_assert_null (strchr (body, '{'));
  g_assert_cmpuint (lf_notice_get_n_entries (lf_composer_get_notice (composer)), ==, 4);
  gtk_window_set_default_size (GTK_WINDOW (composer), 600, 900);
  lf_test_screenshot (GTK_WIDGET (composer), "outage-day-composer.png");

  /* Paula's: PayPal has no status page, so no "published at" sentence. */
  lf_composer_preview_recipient (composer, id_paula);
  body = lf_composer_get_preview (composer, &subject);
  g_assert_cmpstr (subject, ==, "Outage at PayPal: how to reach me meanwhile");
  g_assert_null (strstr (body, "published"));

  send_and_wait (composer);
  notice = lf_composer_get_notice (composer);
  g_assert_cmpuint (lf_notice_count (notice, LF_NOTICE_RESULT_SENT), ==, 4);
  g_assert_false (lf_composer_get_can_send (composer));
  received = lf_test_smtp_server_get_messages (smtp);
  g_assert_cmpuint (received->len, ==, 4);
  g_assert_null (data_of (received, "linus@example.com"));
  g_assert_null (data_of (received, "grace@example.com"));
  {
    const char *ada = data_of (received, "ada@example.com");
    const char *start = strstr (ada, "\r\nMessage-ID: <");
    const char *end = start != NULL ? strchr (start + 15, '>') : NULL;

    g_assert_nonnull (end);
    ada_outage_id = g_strndup (start + 15, end - start - 15);
  }
  gtk_window_destroy (GTK_WINDOW (composer));
  g_clear_pointer (&received, g_ptr_array_unref);

  /* Sending ticked "Tell affected clients"; the banner still offers nothing new to send
   * twice: Notify Clients now says everyone was told. */
  {
    LfIncidentLog *log = lf_context_get_incident_log (lf_application_get_context (app));
    gboolean ticked = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (log)); i++)
      {
        g_autoptr(LfIncident) incident = g_list_model_get_item (G_LIST_MODEL (log), i);

        if (!g_str_equal (lf_incident_get_title (incident), "Cloudflare outage"))
          continue;
        for (guint j = 0; j < lf_incident_get_n_steps (incident); j++)
          if (g_str_equal (lf_incident_get_step (incident, j)->step_id, "respond-tell-clients"))
            ticked = lf_incident_get_step (incident, j)->done_at != NULL;
      }
    g_assert_true (ticked);
  }

  /* 17:06: everything answers again. The green banner offers the all-clear to the four. */
  lf_outage_scenario_set_outage (scenario, FALSE);
  check_until (LF_OUTAGE_LEVEL_CLEAR);
  g_assert_cmpstr (lf_health_page_get_banner_style (health), ==, "lf-banner-success");
  g_assert_cmpstr (lf_health_page_get_banner_action (health, 0, &label), ==,
                   "app.send-all-clear");
  g_assert_cmpstr (label, ==, "Send the _All-Clear to 4 Clients");
  g_assert_cmpstr (lf_providers_view_get_detail (providers, "cloudflare"), ==, "Up · 3 of yours");
  lf_window_show_page (main_window (), "health");
  lf_test_screenshot (GTK_WIDGET (main_window ()), "outage-day-recovery.png");

  g_action_group_activate_action (G_ACTION_GROUP (app), "send-all-clear", NULL);
  g_assert_true (lf_test_wait_for (composer_shown, NULL, TIMEOUT_MS));
  composer = find_composer ();
  g_assert_cmpstr (lf_template_get_id (lf_notice_get_template (lf_composer_get_notice (composer))),
                   ==, "all-clear");
  g_assert_cmpuint (lf_notice_get_n_entries (lf_composer_get_notice (composer)), ==, 4);
  lf_composer_preview_recipient (composer, id_max);
  lf_composer_get_preview (composer, &subject);
  g_assert_cmpstr (subject, ==, "All clear: the outage is over for Upwork and Discord");
  lf_test_screenshot (GTK_WIDGET (composer), "outage-day-all-clear.png");
  send_and_wait (composer);
  received = lf_test_smtp_server_get_messages (smtp);
  g_assert_cmpuint (received->len, ==, 8);
  {
    g_autofree char *reply = g_strdup_printf ("\r\nIn-Reply-To: <%s>\r\n", ada_outage_id);
    GPtrArray *after = g_ptr_array_new ();

    for (guint i = 4; i < received->len; i++)
      g_ptr_array_add (after, g_ptr_array_index (received, i));
    g_assert_nonnull (strstr (data_of (after, "ada@example.com"), reply));
    g_assert_null (data_of (after, "linus@example.com"));
    g_ptr_array_unref (after);
  }
  gtk_window_destroy (GTK_WINDOW (composer));

  /* Once: nothing is offered any more. */
  lf_test_wait_for (never, NULL, 300);
  g_assert_null (lf_health_page_get_banner_action (health, 0, NULL));
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus = NULL;
  g_autofree char *keyring_path = NULL;
  g_autofree char *dir = NULL;
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

  dir = g_build_filename (g_get_home_dir (), "scenario", NULL);
  g_mkdir_with_parents (dir, 0700);
  scenario = lf_outage_scenario_new (dir);
  smtp = lf_test_smtp_server_start (0, LF_TEST_SMTP_PLAIN, NULL, NULL);
  g_assert_nonnull (smtp);

  bus = lf_test_dbus_up ();
  write_channels (smtp->port);
  app = lf_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  /* As `lifeline --catalog FILE` does. */
  g_assert_true (lf_context_set_catalog_file (lf_application_get_context (app),
                                              scenario->catalog, &error));
  g_assert_no_error (error);
  monitor = lf_context_get_monitor (lf_application_get_context (app));
  lf_monitor_set_network_monitor (monitor, NULL);
  lf_monitor_set_timings (monitor, 3600 * 1000, 50, 1);
  lf_monitor_set_timeout (monitor, 5);
  {
    const char * const watched[] = { "upwork", "discord", "paypal", "github", "fiverr", NULL };

    g_settings_set_strv (lf_application_get_settings (app), "watched-platforms", watched);
  }
  g_settings_set_string (lf_application_get_settings (app), "notify-on", "never");
  seed ();
  g_application_activate (G_APPLICATION (app));

  g_test_add_func ("/lifeline/outage-gui/cloudflare", test_outage_gui);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  lf_test_dbus_stop (bus);
  lf_test_smtp_server_stop (smtp);
  lf_outage_scenario_free (scenario);

  return ret;
}
