/* test-cli-notify.c — lifeline --notify, end to end with --dry-run
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "lf-cli.h"
#include "lf-cli-notify.h"
#include "lf-incident-log.h"
#include "lf-storage.h"
#include "lf-test-utils.h"

/* A recipient source backed by tests/data/notify-clients.json, for the exact rendering. Test
 * code only: the program's own source is the client directory (test_notify_directory). */

static JsonObject *
load_clients (GError **error)
{
  /* The helper runs without g_test_init(): find the file from the test environment. */
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data",
                                            "notify-clients.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static GPtrArray *
file_list_recipients (LfRecipientSource  *source,
                      const char         *platform_id,
                      GError            **error)
{
  g_autoptr(JsonObject) root = load_clients (error);
  g_autoptr(GPtrArray) recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_recipient_free);
  JsonArray *contacts;

  if (root == NULL)
    return NULL;

  contacts = json_object_get_array_member (root, "contacts");
  for (guint i = 0; i < json_array_get_length (contacts); i++)
    {
      JsonObject *contact = json_array_get_object_element (contacts, i);
      JsonArray *platforms = json_object_get_array_member (contact, "platforms");

      for (guint j = 0; j < json_array_get_length (platforms); j++)
        if (g_str_equal (json_array_get_string_element (platforms, j), platform_id))
          {
            LfRecipient *recipient = lf_recipient_new_from_json (contact, error);

            if (recipient == NULL)
              return NULL;
            g_ptr_array_add (recipients, recipient);
          }
    }

  return g_steal_pointer (&recipients);
}

static gboolean
file_fill_context (LfRecipientSource  *source,
                   const char         *platform_id,
                   LfRenderContext    *context,
                   GError            **error)
{
  g_autoptr(JsonObject) root = load_clients (error);
  JsonObject *me, *incident;

  if (root == NULL)
    return FALSE;

  me = json_object_get_object_member (root, "me");
  incident = json_object_get_object_member (root, "incident");
  g_free (context->platform);
  context->platform = g_strdup (json_object_get_string_member (incident, "platform"));
  context->provider = g_strdup (json_object_get_string_member (incident, "provider"));
  context->incident_id = g_strdup (json_object_get_string_member (incident, "id"));
  context->status_url = g_strdup (json_object_get_string_member (incident, "status_url"));
  context->since = json_object_get_int_member (incident, "since");
  context->my_name = g_strdup (json_object_get_string_member (me, "name"));
  context->my_email = g_strdup (json_object_get_string_member (me, "email"));
  context->my_channel = g_strdup (json_object_get_string_member (me, "channel"));

  return TRUE;
}

static LfRecipientSource file_source = {
  file_list_recipients, file_fill_context, NULL,
};

/* Helper mode: this test program acts as `lifeline` with the file source, parsing the real
 * option table through GApplication exactly as the program does. */

static int
on_handle_local_options_cb (GApplication *app,
                            GVariantDict *options,
                            gpointer      user_data)
{
  int status;

  lf_cli_notify_set_recipient_source (&file_source);
  status = lf_cli_handle_options (options);

  return status == LF_CLI_CONTINUE ? 0 : status;
}

static int
run_helper (int    argc,
            char **argv)
{
  g_autoptr(GApplication) app = NULL;

  setlocale (LC_ALL, "");  /* as main.c does: UTF-8 output */
  app = g_application_new (NULL, G_APPLICATION_NON_UNIQUE);

  g_application_add_main_option_entries (app, lf_cli_get_option_entries ());
  g_signal_connect (app, "handle-local-options", G_CALLBACK (on_handle_local_options_cb), NULL);

  return g_application_run (app, argc, argv);
}

/* The test program itself, as the helper of on_handle_local_options_cb(). */
static int
run (const char  *program,
     const char  *args[],
     char       **out,
     char       **err)
{
  static const char * const helper_env[] = { "LF_TEST_NOTIFY_HELPER=1", NULL };
  LfTestRun how = { .program = program, .env = helper_env };

  return lf_test_run_lifeline (&how, args, out, err);
}

static char *self_path;

static void
write_channels (const char *json)
{
  g_autofree char *path = lf_storage_build_data_path ("channels.json");

  g_assert_true (lf_storage_write_atomic (path, json, -1, 0600, NULL));
}

static const char ada_block[] =
  "To: Ada Lovelace <ada@example.com>\n"
  "Subject: Outage at Upwork: how to reach me meanwhile\n"
  "\n"
  "Hello Ada,\n"
  "\n"
  "Since 18 Nov 2025, 11:20 GMT, an outage has affected Upwork. Messages and files you send "
  "there may not reach me until it is over, so I am letting you know directly.\n"
  "\n"
  "Our work goes on as planned. Until the outage is over, please reach me at WhatsApp +44 7700 "
  "900123. The current status is published at https://status.upwork.com/.\n"
  "\n"
  "I will write again as soon as I know more.\n"
  "\n"
  "Best regards,\n"
  "Sam Freelancer\n";

static void
test_notify_dry_run (void)
{
  const char *args[] = { "--notify", "upwork", "--dry-run", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  write_channels ("{\"version\": 1, \"channels\": [{\"id\": \"mail\", \"kind\": \"smtp\","
                  " \"host\": \"smtp.example.com\", \"security\": \"starttls\","
                  " \"username\": \"sam@example.com\", \"from\": \"Sam <sam@example.com>\"}]}");
  status = run (self_path, args, &out, &err);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);

  g_assert_true (g_str_has_prefix (out, "Dry run: nothing is sent. Template “outage”, channel "
                                        "“mail” (smtp), 3 recipients.\n\n"));
  g_assert_nonnull (strstr (out, ada_block));
  /* Jürgen reads German, in Berlin time. */
  g_assert_nonnull (strstr (out, "\nTo: Jürgen Müller <jurgen@example.de>\n"
                                 "Subject: Störung bei Upwork: So erreichen Sie mich\n\n"
                                 "Hallo Jürgen,\n\nseit 18. Nov. 2025, 12:20 CET gibt es eine "
                                 "Störung bei Upwork."));
  /* Nadia has no e-mail: listed, not dropped. */
  g_assert_nonnull (strstr (out, "\nTo: Nadia (No e-mail address)\n"
                                 "Subject: Outage at Upwork: how to reach me meanwhile\n"));
  /* Otto is a Fiverr client. */
  g_assert_null (strstr (out, "Otto"));
}

static void
test_notify_options (void)
{
  const char *unknown_template[] = { "--notify", "upwork", "--template", "nope", "--dry-run",
                                     NULL };
  const char *unknown_channel[] = { "--notify", "upwork", "--channel", "pigeon", "--dry-run",
                                    NULL };
  const char *all_clear[] = { "--notify", "fiverr", "--template", "all-clear", "--dry-run",
                              NULL };
  const char *no_clients[] = { "--notify", "toptal", "--dry-run", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = run (self_path, unknown_template, &out, &err);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "lifeline: there is no template “nope”. Templates: outage deadline "
                            "all-clear\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run (self_path, unknown_channel, &out, &err);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (err, ==, "lifeline: there is no channel “pigeon”\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* No channel configured: a dry run still shows the messages. */
  write_channels ("{\"version\": 1, \"channels\": []}");
  status = run (self_path, all_clear, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "channel “clipboard” (clipboard), 2 recipients."));
  g_assert_nonnull (strstr (out, "\nTo: Otto (rendered only)\nSubject: All clear: the outage is over for Upwork\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run (self_path, no_clients, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "lifeline: no client is linked to “toptal”; nothing to send\n");
}

/* The real program, with the real client directory: a bundle imported into libsecret's file
 * backend, the history file, the built-in catalog and the profile from the keyring. */

static char *keyring_path;

static int
run_program (gboolean            with_keyring,
             const char * const *args,
             char              **out,
             char              **err)
{
  LfTestRun how = { .keyring = with_keyring ? keyring_path : NULL };

  return lf_test_run_lifeline (&how, args, out, err);
}

static const char directory_bundle[] =
  "{ \"format\": \"lifeline-bundle\", \"version\": 1,\n"
  "  \"me\": { \"name\": \"Sam Freelancer\", \"email\": \"sam@example.com\",\n"
  "          \"channel\": \"Signal +44 7700 900456\" },\n"
  "  \"contacts\": [\n"
  "    { \"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"],\n"
  "      \"platforms\": [\"upwork\"], \"timezone\": \"Europe/London\" },\n"
  "    { \"name\": \"Jürgen Müller\", \"emails\": [\"jurgen@example.de\"],\n"
  "      \"platforms\": [\"upwork\", \"fiverr\"], \"timezone\": \"Europe/Berlin\",\n"
  "      \"language\": \"de\" },\n"
  "    { \"name\": \"Otto\", \"emails\": [\"otto@example.com\"], \"platforms\": [\"fiverr\"] },\n"
  "    { \"name\": \"Grace\", \"emails\": [\"grace@example.com\"] } ] }\n";

static void
test_notify_directory (void)
{
  g_autofree char *bundle = g_build_filename (g_get_home_dir (), "clients.json", NULL);
  g_autofree char *history = lf_storage_build_data_path ("history.jsonl");
  const char *import[] = { "--import", bundle, NULL };
  const char *upwork[] = { "--notify", "upwork", "--dry-run", NULL };
  const char *fiverr[] = { "--notify", "fiverr", "--dry-run", NULL };
  const char *unknown[] = { "--notify", "upwrok", "--dry-run", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  keyring_path = g_build_filename (g_get_home_dir (), "notify.keyring", NULL);
  g_assert_true (g_file_set_contents (bundle, directory_bundle, -1, NULL));
  g_assert_cmpint (run_program (TRUE, import, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Upwork went down at 11:20 UTC on 18 Nov 2025 and is still down. */
  g_assert_true (lf_storage_write_atomic (history,
    "{\"type\":\"transition\",\"time_us\":1763464000000000,\"platform\":\"upwork\","
    "\"from\":\"unknown\",\"to\":\"up\",\"cause\":\"none\",\"ray_ids\":[]}\n"
    "{\"type\":\"transition\",\"time_us\":1763464800000000,\"platform\":\"upwork\","
    "\"from\":\"up\",\"to\":\"down\",\"cause\":\"cdn-edge\",\"ray_ids\":[]}\n",
    -1, 0600, NULL));

  g_assert_cmpint (run_program (TRUE, upwork, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  /* Exactly the two Upwork clients: no channel is set up, so the dry run uses the clipboard. */
  g_assert_true (g_str_has_prefix (out, "Dry run: nothing is sent. Template “outage”, channel "
                                        "“clipboard” (clipboard), 2 recipients.\n"));
  g_assert_nonnull (strstr (out, "\nTo: Ada Lovelace (rendered only)\n"
                                 "Subject: Outage at Upwork: how to reach me meanwhile\n\n"
                                 "Hello Ada,\n\nSince 18 Nov 2025, 11:20 GMT, an outage has "
                                 "affected Upwork."));
  g_assert_nonnull (strstr (out, "\nTo: Jürgen Müller (rendered only)\n"
                                 "Subject: Störung bei Upwork: So erreichen Sie mich\n"));
  /* The status page from the catalog, the user's details from the keyring. */
  g_assert_nonnull (strstr (out, "published at https://status.upwork.com/."));
  g_assert_nonnull (strstr (out, "please reach me at Signal +44 7700 900456."));
  g_assert_nonnull (strstr (out, "Best regards,\nSam Freelancer\n"));
  g_assert_null (strstr (out, "Otto"));
  g_assert_null (strstr (out, "Grace"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Fiverr is not down: {since} is now, and the clients are Jürgen and Otto. */
  g_assert_cmpint (run_program (TRUE, fiverr, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "2 recipients."));
  g_assert_nonnull (strstr (out, "\nTo: Otto (rendered only)\n"));
  g_assert_nonnull (strstr (out, "\nTo: Jürgen Müller (rendered only)\n"));
  g_assert_null (strstr (out, "Ada"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A typo: named, with the known ids, nothing sent. */
  g_assert_cmpint (run_program (TRUE, unknown, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "lifeline: There is no platform “upwrok”. Known "
                                        "platforms: "));
  g_assert_nonnull (strstr (err, "upwork"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* No keyring at all: a clear failure, no made-up clients. */
  g_assert_cmpint (run_program (FALSE, upwork, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "lifeline: "));
  g_test_message ("without a keyring: %s", err);
  g_clear_pointer (&keyring_path, g_free);
}


/* `lifeline --notify` records the notice in the incident's timeline, as the window does: the
 * open incident covering the platform gets "notice sent" with the channel and the counts, and
 * no name or address. A dry run records nothing. */

static gboolean
result_is_set (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
got_result_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static LfIncidentLog *
load_incident_log (void)
{
  g_autoptr(LfPlan) plan = lf_plan_new (NULL);
  g_autoptr(LfIncidentLog) log = lf_incident_log_new (plan, NULL);
  g_autoptr(GAsyncResult) plan_result = NULL;
  g_autoptr(GAsyncResult) log_result = NULL;
  g_autoptr(GError) error = NULL;

  lf_plan_load_async (plan, NULL, got_result_cb, &plan_result);
  lf_incident_log_load_async (log, NULL, got_result_cb, &log_result);
  g_assert_true (lf_test_wait_for (result_is_set, &plan_result, 5000));
  g_assert_true (lf_test_wait_for (result_is_set, &log_result, 5000));
  g_assert_true (lf_plan_load_finish (plan, plan_result, &error));
  g_assert_no_error (error);
  g_assert_true (lf_incident_log_load_finish (log, log_result, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&log);
}

static guint
count_notices (LfIncident *incident)
{
  guint n = 0;

  for (guint i = 0; i < lf_incident_get_n_entries (incident); i++)
    if (lf_incident_get_entry (incident, i)->kind == LF_TIMELINE_NOTICE_SENT)
      n++;

  return n;
}

static const char record_bundle[] =
  "{ \"format\": \"lifeline-bundle\", \"version\": 1,\n"
  "  \"me\": { \"name\": \"Sam Freelancer\", \"email\": \"sam@example.com\" },\n"
  "  \"contacts\": [\n"
  "    { \"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"],\n"
  "      \"platforms\": [\"upwork\"] },\n"
  "    { \"name\": \"Charles Babbage\", \"emails\": [\"charles@example.com\"],\n"
  "      \"platforms\": [\"upwork\"] } ],\n"
  "  \"channels\": [ { \"id\": \"board\", \"kind\": \"clipboard\" } ] }\n";

static void
test_notify_records_incident (void)
{
  g_autofree char *bundle = g_build_filename (g_get_home_dir (), "record.json", NULL);
  g_autofree char *incidents = lf_storage_build_data_path ("incidents.json");
  const char *import[] = { "--import", bundle, NULL };
  const char *dry_run[] = { "--notify", "upwork", "--dry-run", NULL };
  const char *notify[] = { "--notify", "upwork", NULL };
  const char *upwork[] = { "upwork", NULL };
  g_autoptr(LfIncidentLog) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *id = NULL;
  g_autofree char *saved = NULL;
  const LfTimelineEntry *entry = NULL;
  LfIncident *incident;
  guint n_entries;

  keyring_path = g_build_filename (g_get_home_dir (), "record.keyring", NULL);
  g_assert_true (g_file_set_contents (bundle, record_bundle, -1, NULL));
  g_assert_cmpint (run_program (TRUE, import, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Upwork is down: the incident is open (as the monitor's bridge would have opened it). */
  log = load_incident_log ();
  incident = lf_incident_log_open (log, "Upwork outage", upwork, "cloudflare",
                                   LF_CAUSE_CDN_EDGE, LF_DIAGNOSIS_PLATFORM_OUTAGE, FALSE);
  id = g_strdup (lf_incident_get_id (incident));
  n_entries = lf_incident_get_n_entries (incident);
  g_assert_cmpuint (count_notices (incident), ==, 0);
  g_assert_true (lf_incident_log_flush (log, &error));
  g_assert_no_error (error);
  g_clear_object (&log);

  /* A dry run sends nothing and records nothing. */
  g_assert_cmpint (run_program (TRUE, dry_run, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  log = load_incident_log ();
  incident = lf_incident_log_lookup (log, id);
  g_assert_nonnull (incident);
  g_assert_cmpuint (lf_incident_get_n_entries (incident), ==, n_entries);
  g_clear_object (&log);

  /* The real thing, through the clipboard channel (rendered for the user to paste). */
  g_assert_cmpint (run_program (TRUE, notify, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "Ada Lovelace"));

  log = load_incident_log ();
  incident = lf_incident_log_lookup (log, id);
  g_assert_nonnull (incident);
  g_assert_cmpuint (count_notices (incident), ==, 1);
  for (guint i = 0; i < lf_incident_get_n_entries (incident); i++)
    if (lf_incident_get_entry (incident, i)->kind == LF_TIMELINE_NOTICE_SENT)
      entry = lf_incident_get_entry (incident, i);
  g_assert_cmpstr (entry->text, ==, "Notice “Outage notice” sent: 2 delivered, 0 handed to the "
                                    "mail app, 0 failed, 0 without a channel");
  g_assert_cmpstr (lf_timeline_entry_get_data (entry, LF_TIMELINE_DATA_CHANNEL), ==, "clipboard");

  /* The incident log is a plain file: no client's name or address in it. */
  g_assert_true (g_file_get_contents (incidents, &saved, NULL, NULL));
  g_assert_null (strstr (saved, "Ada"));
  g_assert_null (strstr (saved, "ada@example.com"));

  g_clear_pointer (&keyring_path, g_free);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("LF_TEST_NOTIFY_HELPER") != NULL)
    return run_helper (argc, argv);

  self_path = g_canonicalize_filename (argv[0], NULL);
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/cli-notify/dry-run", test_notify_dry_run);
  g_test_add_func ("/lifeline/cli-notify/options", test_notify_options);
  g_test_add_func ("/lifeline/cli-notify/directory", test_notify_directory);
  g_test_add_func ("/lifeline/cli-notify/records-incident", test_notify_records_incident);

  return g_test_run ();
}
