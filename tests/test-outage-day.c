/* test-outage-day.c — the outage day end to end, through `lifeline --notify affected` and
 * `lifeline --notify all-clear`, on loopback servers and a real SMTP server
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lf-outage.h"
#include "lf-outage-scenario.h"
#include "lf-history.h"
#include "lf-storage.h"
#include "lf-test-smtp-server.h"
#include "lf-test-utils.h"

/* The scenario of issue #11: Upwork and Discord behind a Cloudflare 500 error page, PayPal
 * answering 503 on its own, GitHub slow (but answering), Fiverr healthy; Cloudflare's
 * Statuspage saying "major". The clients: Ada (Upwork), Max (Upwork and Discord), Nora
 * (Discord and PayPal, German), Paula (PayPal: no status page at all), Jürgen (typed
 * "Upwork", German), Linus (only GitHub, the slow one) and Grace (no platform). */

typedef struct
{
  LfOutageScenario *scenario;
  LfTestSmtpServer *smtp;
  char             *dir;
  char             *catalog;
  char             *keyring;
} Fixture;

/* ------------------------------------------------------------------------ */
/* Running the program                                                      */
/* ------------------------------------------------------------------------ */

/* Runs `lifeline ARGS` while this process serves the platforms. */
static int
run_program (Fixture             *fixture,
             const char * const  *args,
             char               **out,
             char               **err)
{
  LfTestRun how = { .keyring = fixture->keyring };

  return lf_test_run_lifeline (&how, args, out, err);
}

/* ------------------------------------------------------------------------ */
/* Reading the mail                                                         */
/* ------------------------------------------------------------------------ */

typedef struct
{
  char *to;
  char *subject;
  char *body;
  char *message_id;
  char *in_reply_to;
  char *references;
} Mail;

static void
mail_free (Mail *mail)
{
  g_free (mail->to);
  g_free (mail->subject);
  g_free (mail->body);
  g_free (mail->message_id);
  g_free (mail->in_reply_to);
  g_free (mail->references);
  g_free (mail);
}

static int
hex (char c)
{
  return g_ascii_xdigit_value (c);
}

/* Quoted-printable, as lf-smtp.c writes it (soft line breaks "=\r\n"). */
static char *
decode_qp (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '=' && p[1] == '\r' && p[2] == '\n')
        p += 2;
      else if (p[0] == '=' && hex (p[1]) >= 0 && hex (p[2]) >= 0)
        {
          g_string_append_c (out, (char) (hex (p[1]) * 16 + hex (p[2])));
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* An unstructured header: folded lines and RFC 2047 "B" words. */
static char *
decode_header (const char *value)
{
  GString *out = g_string_new (NULL);
  g_auto(GStrv) words = g_strsplit_set (value, " \r\n\t", -1);
  gboolean last_encoded = FALSE;

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];
      gboolean encoded = g_str_has_prefix (word, "=?UTF-8?B?") && g_str_has_suffix (word, "?=");

      if (*word == '\0')
        continue;
      /* White space between two encoded words is not part of the text. */
      if (out->len > 0 && !(encoded && last_encoded))
        g_string_append_c (out, ' ');
      if (encoded)
        {
          g_autofree char *b64 = g_strndup (word + 10, strlen (word) - 12);
          gsize length;
          g_autofree guchar *decoded = g_base64_decode (b64, &length);

          g_string_append_len (out, (const char *) decoded, length);
        }
      else
        g_string_append (out, word);
      last_encoded = encoded;
    }

  return g_string_free (out, FALSE);
}

static char *
header (const char *data,
        const char *name)
{
  g_autofree char *key = g_strdup_printf ("\r\n%s: ", name);
  const char *start = strstr (data, key);
  GString *value;

  if (start == NULL)
    return NULL;
  start += strlen (key);
  value = g_string_new (NULL);
  while (*start != '\0')
    {
      if (start[0] == '\r' && start[1] == '\n')
        {
          if (start[2] != ' ' && start[2] != '\t')
            break;
          start += 2;
          continue;
        }
      g_string_append_c (value, *start++);
    }

  return g_string_free (value, FALSE);
}

static GPtrArray *
read_mail (Fixture *fixture,
           guint    from)
{
  g_autoptr(GPtrArray) received = lf_test_smtp_server_get_messages (fixture->smtp);
  GPtrArray *mails = g_ptr_array_new_with_free_func ((GDestroyNotify) mail_free);

  for (guint i = from; i < received->len; i++)
    {
      JsonObject *message = g_ptr_array_index (received, i);
      JsonArray *rcpt = json_object_get_array_member (message, "rcpt_tos");
      const char *data = json_object_get_string_member (message, "data");
      const char *body = strstr (data, "\r\n\r\n");
      g_autofree char *subject = header (data, "Subject");
      g_autofree char *raw_body = NULL;
      Mail *mail = g_new0 (Mail, 1);

      g_assert_cmpuint (json_array_get_length (rcpt), ==, 1);
      g_assert_nonnull (body);
      mail->to = g_strdup (json_array_get_string_element (rcpt, 0));
      mail->subject = decode_header (subject);
      raw_body = strstr (data, "quoted-printable") != NULL ? decode_qp (body + 4)
                                                           : g_strdup (body + 4);
      {
        g_auto(GStrv) lines = g_strsplit (raw_body, "\r\n", -1);

        mail->body = g_strjoinv ("\n", lines);
      }
      mail->message_id = header (data, "Message-ID");
      mail->in_reply_to = header (data, "In-Reply-To");
      mail->references = header (data, "References");
      g_ptr_array_add (mails, mail);
    }

  return mails;
}

static Mail *
mail_to (GPtrArray  *mails,
         const char *address)
{
  Mail *found = NULL;

  for (guint i = 0; i < mails->len; i++)
    {
      Mail *mail = g_ptr_array_index (mails, i);

      if (g_str_equal (mail->to, address))
        {
          /* Exactly one message per client. */
          g_assert_null (found);
          found = mail;
        }
    }

  return found;
}

/* What no message may ever say. */
static void
assert_well_formed (Mail *mail)
{
  const char *forbidden[] = {
    "{", "}", "GitHub", "Fiverr", " at .", " unter .", " sur .", " .\n", "  ",
    "and Discord is", "and PayPal is", "und Discord ist", "und PayPal ist",
    "et Discord est", "et PayPal est", "is down", "ist gestört", "Max Keller,",
    "Hello Ada Lovelace", "Jürgen Müller,",
  };

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    if (strstr (mail->subject, forbidden[i]) != NULL || strstr (mail->body, forbidden[i]) != NULL)
      g_error ("The message to %s contains “%s”:\nSubject: %s\n\n%s", mail->to, forbidden[i],
               mail->subject, mail->body);
}

/* ------------------------------------------------------------------------ */
/* Set-up                                                                   */
/* ------------------------------------------------------------------------ */

static const char bundle_template[] =
  "{ \"format\": \"lifeline-bundle\", \"version\": 1,\n"
  "  \"me\": { \"name\": \"Sam Freelancer\", \"email\": \"sam@example.com\",\n"
  "          \"channel\": \"Signal +44 7700 900456\" },\n"
  "  \"contacts\": [\n"
  "    { \"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"],\n"
  "      \"platforms\": [\"upwork\"], \"timezone\": \"Europe/London\" },\n"
  "    { \"name\": \"Max Keller\", \"emails\": [\"max@example.com\"],\n"
  "      \"platforms\": [\"upwork\", \"discord\"] },\n"
  "    { \"name\": \"Nora Becker\", \"emails\": [\"nora@example.de\"], \"language\": \"de\",\n"
  "      \"timezone\": \"Europe/Berlin\", \"platforms\": [\"discord\", \"paypal\"] },\n"
  "    { \"name\": \"Paula Souza\", \"emails\": [\"paula@example.com\"],\n"
  "      \"platforms\": [\"paypal\"] },\n"
  "    { \"name\": \"Jürgen Müller\", \"emails\": [\"juergen@example.de\"], \"language\": \"de\",\n"
  "      \"platforms\": [\"Upwork\"] },\n"
  "    { \"name\": \"Linus Berg\", \"emails\": [\"linus@example.com\"],\n"
  "      \"platforms\": [\"GitHub\", \"githb\"] },\n"
  "    { \"name\": \"Grace Hopper\", \"emails\": [\"grace@example.com\"] } ],\n"
  "  \"channels\": [ { \"id\": \"mail\", \"kind\": \"smtp\", \"host\": \"127.0.0.1\",\n"
  "                  \"port\": %u, \"security\": \"none\",\n"
  "                  \"from\": \"Sam Freelancer <sam@example.com>\" } ] }\n";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bundle = NULL;
  g_autofree char *bundle_path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *import[] = { "--import", NULL, NULL };

  fixture->dir = g_build_filename (g_getenv ("XDG_DATA_HOME"), "outage-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (fixture->dir));
  fixture->keyring = g_build_filename (fixture->dir, "test.keyring", NULL);
  fixture->scenario = lf_outage_scenario_new (fixture->dir);
  fixture->catalog = g_strdup (fixture->scenario->catalog);

  fixture->smtp = lf_test_smtp_server_start (0, LF_TEST_SMTP_PLAIN, NULL, NULL);
  g_assert_nonnull (fixture->smtp);

  bundle = g_strdup_printf (bundle_template, fixture->smtp->port);
  bundle_path = g_build_filename (fixture->dir, "bundle.json", NULL);
  g_assert_true (g_file_set_contents (bundle_path, bundle, -1, NULL));
  import[1] = bundle_path;
  g_assert_cmpint (run_program (fixture, import, &out, &err), ==, 0);
  /* Display names are accepted as ids; an unknown platform is kept and reported. */
  g_assert_nonnull (strstr (out, "the platform “githb” is not in your platform list; kept as "
                                 "written"));
  g_assert_null (strstr (out, "“GitHub”"));
  g_assert_null (strstr (out, "“Upwork”"));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lf_test_smtp_server_stop (fixture->smtp);
  lf_outage_scenario_free (fixture->scenario);
  g_free (fixture->catalog);
  g_free (fixture->keyring);
  g_free (fixture->dir);
}

static JsonObject *
find_incident (JsonArray  *incidents,
               const char *title)
{
  for (guint i = 0; i < json_array_get_length (incidents); i++)
    {
      JsonObject *incident = json_array_get_object_element (incidents, i);

      if (g_str_equal (json_object_get_string_member (incident, "title"), title))
        return incident;
    }

  return NULL;
}

static GStrv
strv_of (JsonArray *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));

  return g_strv_builder_end (builder);
}

/* ------------------------------------------------------------------------ */
/* The day                                                                  */
/* ------------------------------------------------------------------------ */

static void
test_outage_day (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *affected[] = { "--notify", "affected", "--catalog", fixture->catalog,
                             "--timeout", "5", NULL };
  const char *all_clear[] = { "--notify", "all-clear", "--catalog", fixture->catalog,
                              "--timeout", "5", "--channel", "mail", NULL };
  const char *told[] = { "ada@example.com", "max@example.com", "nora@example.de",
                         "paula@example.com", "juergen@example.de" };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *incidents_path = lf_storage_build_data_path ("incidents.json");
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) outage_mail = NULL;
  g_autoptr(GPtrArray) clear_mail = NULL;
  g_autoptr(GPtrArray) all = NULL;
  JsonArray *incidents;
  JsonObject *cloudflare, *paypal;
  Mail *mail;
  guint n_outage;

  /* 11:20 — the outage. One click's worth: each client told once, about their own. */
  g_assert_cmpint (run_program (fixture, affected, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "Told 5 clients about Upwork, Discord and PayPal; 1 client "
                                 "linked to no platform.\n"));

  outage_mail = read_mail (fixture, 0);
  n_outage = outage_mail->len;
  g_assert_cmpuint (n_outage, ==, G_N_ELEMENTS (told));
  for (guint i = 0; i < G_N_ELEMENTS (told); i++)
    {
      mail = mail_to (outage_mail, told[i]);
      g_assert_nonnull (mail);
      assert_well_formed (mail);
      g_assert_nonnull (mail->message_id);
      g_assert_null (mail->in_reply_to);
    }
  /* Nobody is told about the slow one; Grace is linked to nothing. */
  g_assert_null (mail_to (outage_mail, "linus@example.com"));
  g_assert_null (mail_to (outage_mail, "grace@example.com"));

  mail = mail_to (outage_mail, "ada@example.com");
  g_assert_cmpstr (mail->subject, ==, "Outage at Upwork: how to reach me meanwhile");
  g_assert_true (g_str_has_prefix (mail->body, "Hello Ada,\n\nSince "));
  g_assert_nonnull (strstr (mail->body, ", an outage has affected Upwork. "));
  g_assert_null (strstr (mail->body, "Discord"));
  g_assert_null (strstr (mail->body, "PayPal"));
  /* Upwork's outage is Cloudflare's: its status page. */
  g_assert_nonnull (strstr (mail->body, "The current status is published at "
                                        "https://www.cloudflarestatus.com/.\n"));
  g_assert_nonnull (strstr (mail->body, "please reach me at Signal +44 7700 900456."));

  mail = mail_to (outage_mail, "max@example.com");
  g_assert_cmpstr (mail->subject, ==, "Outage at Upwork and Discord: how to reach me meanwhile");
  g_assert_true (g_str_has_prefix (mail->body, "Hello Max,\n\n"));
  g_assert_nonnull (strstr (mail->body, "an outage has affected Upwork and Discord. "));

  mail = mail_to (outage_mail, "nora@example.de");
  g_assert_cmpstr (mail->subject, ==, "Störung bei Discord und PayPal: So erreichen Sie mich");
  g_assert_true (g_str_has_prefix (mail->body, "Hallo Nora,\n\nseit "));
  g_assert_nonnull (strstr (mail->body, " gibt es eine Störung bei Discord und PayPal. "));
  /* The promise to write again in the client's language. */
  g_assert_nonnull (strstr (mail->body, "\n\nIch melde mich so bald wie möglich wieder.\n"));

  /* PayPal has no status page and no provider: the sentence is left out, not "at .". */
  mail = mail_to (outage_mail, "paula@example.com");
  g_assert_cmpstr (mail->subject, ==, "Outage at PayPal: how to reach me meanwhile");
  g_assert_null (strstr (mail->body, "published"));
  g_assert_null (strstr (mail->body, "http"));
  g_assert_nonnull (strstr (mail->body, "please reach me at Signal +44 7700 900456.\n\n"));

  /* Typed as "Upwork": still Upwork's client. */
  mail = mail_to (outage_mail, "juergen@example.de");
  g_assert_cmpstr (mail->subject, ==, "Störung bei Upwork: So erreichen Sie mich");
  g_assert_true (g_str_has_prefix (mail->body, "Hallo Jürgen,\n\n"));

  /* The incident log: one incident per cause, none for the slow platform; the notice
   * ticked "Tell affected clients". */
  g_assert_true (g_file_get_contents (incidents_path, &contents, NULL, NULL));
  g_assert_true (json_parser_load_from_data (parser, contents, -1, NULL));
  incidents = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                            "incidents");
  g_assert_cmpuint (json_array_get_length (incidents), ==, 2);
  cloudflare = find_incident (incidents, "Cloudflare outage");
  paypal = find_incident (incidents, "PayPal outage");
  g_assert_nonnull (cloudflare);
  g_assert_nonnull (paypal);
  {
    g_auto(GStrv) platforms = strv_of (json_object_get_array_member (cloudflare, "platforms"));
    const char *expected[] = { "upwork", "discord", NULL };

    g_assert_true (g_strv_equal ((const char * const *) platforms, expected));
    g_assert_cmpstr (json_object_get_string_member (cloudflare, "provider"), ==, "cloudflare");
  }
  g_assert_null (strstr (contents, "github"));
  g_assert_null (strstr (contents, "example"));   /* no address in a plain file */
  /* One command's round is not the health record: the monitor that runs keeps that. */
  {
    g_autofree char *history_path = lf_storage_build_data_path (LF_HISTORY_FILE);

    g_assert_false (g_file_test (history_path, G_FILE_TEST_EXISTS));
  }
  {
    JsonArray *run = json_object_get_array_member (cloudflare, "run");
    gboolean ticked = FALSE;

    for (guint i = 0; i < json_array_get_length (run); i++)
      {
        JsonObject *step = json_array_get_object_element (run, i);

        if (g_str_equal (json_object_get_string_member (step, "step_id"),
                         "respond-tell-clients"))
          ticked = json_object_has_member (step, "done_at") &&
                   !json_object_get_null_member (step, "done_at");
      }
    g_assert_true (ticked);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&contents, g_free);

  /* A second run during the same outage (say, after a restart) tells no one again. */
  g_assert_cmpint (run_program (fixture, affected, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "No client is due an outage notice; 5 already told; 1 client "
                            "linked to no platform.\n");
  all = read_mail (fixture, 0);
  g_assert_cmpuint (all->len, ==, n_outage);
  g_clear_pointer (&all, g_ptr_array_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* No all-clear while the platforms are down. */
  g_assert_cmpint (run_program (fixture, all_clear, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "No all-clear is due"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* 17:06 — recovery. The all-clear goes to exactly those told, in reply to their mail. */
  lf_outage_scenario_set_outage (fixture->scenario, FALSE);
  g_assert_cmpint (run_program (fixture, all_clear, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "All-clear sent to 5 clients (Upwork, Discord and PayPal); "
                                 "1 client linked to no platform.\n"));
  clear_mail = read_mail (fixture, n_outage);
  g_assert_cmpuint (clear_mail->len, ==, G_N_ELEMENTS (told));
  for (guint i = 0; i < G_N_ELEMENTS (told); i++)
    {
      Mail *first = mail_to (outage_mail, told[i]);

      mail = mail_to (clear_mail, told[i]);
      g_assert_nonnull (mail);
      assert_well_formed (mail);
      g_assert_cmpstr (mail->in_reply_to, ==, first->message_id);
      g_assert_cmpstr (mail->references, ==, first->message_id);
    }
  mail = mail_to (clear_mail, "max@example.com");
  g_assert_cmpstr (mail->subject, ==, "All clear: the outage is over for Upwork and Discord");
  g_assert_nonnull (strstr (mail->body, "you can reach me through Upwork and Discord as usual "
                                        "again."));
  mail = mail_to (clear_mail, "nora@example.de");
  g_assert_cmpstr (mail->subject, ==, "Entwarnung: Sie erreichen mich wieder über Discord und "
                                      "PayPal");
  g_assert_null (mail_to (clear_mail, "linus@example.com"));
  g_assert_null (mail_to (clear_mail, "grace@example.com"));

  /* The incidents ended with their platforms. */
  g_assert_true (g_file_get_contents (incidents_path, &contents, NULL, NULL));
  g_assert_true (json_parser_load_from_data (parser, contents, -1, NULL));
  incidents = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                            "incidents");
  g_assert_cmpstr (json_object_get_string_member (find_incident (incidents, "Cloudflare outage"),
                                                  "status"), ==, "ended");
  g_assert_cmpstr (json_object_get_string_member (find_incident (incidents, "PayPal outage"),
                                                  "status"), ==, "ended");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Once. */
  g_assert_cmpint (run_program (fixture, all_clear, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "No all-clear is due"));
  all = read_mail (fixture, 0);
  g_assert_cmpuint (all->len, ==, 2 * n_outage);
}

/* A dry run says the same and sends nothing, records nothing. */
static void
test_outage_dry_run (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *affected[] = { "--notify", "affected", "--catalog", fixture->catalog,
                             "--dry-run", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) mails = NULL;

  g_assert_cmpint (run_program (fixture, affected, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Dry run: 5 clients would be told about Upwork, "
                                        "Discord and PayPal; 1 client linked to no "
                                        "platform.\n"));
  g_assert_nonnull (strstr (out, "\nTo: Max Keller <max@example.com>\n"
                                 "Subject: Outage at Upwork and Discord: how to reach me "
                                 "meanwhile\n\nHello Max,\n"));
  mails = read_mail (fixture, 0);
  g_assert_cmpuint (mails->len, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Nothing recorded: the real run still tells everyone. */
  affected[4] = NULL;
  g_assert_cmpint (run_program (fixture, affected, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "sent"));
  g_assert_nonnull (strstr (out, "Told 5 clients"));
}

/* What the application saves when the person ticks platforms: `watched-platforms` in the
 * keyfile GSettings backend of the test's XDG_CONFIG_HOME (the program reads it with
 * GSETTINGS_BACKEND=keyfile). */
static void
set_watched (const char * const *ids)
{
  g_autofree char *file = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings",
                                            "keyfile", NULL);
  g_autoptr(GSettingsBackend) backend = g_keyfile_settings_backend_new (file, "/", NULL);
  g_autoptr(GSettings) settings = g_settings_new_with_backend (SCHEMA_ID, backend);

  g_assert_true (g_settings_set_strv (settings, "watched-platforms", ids));
  g_settings_sync ();
}

/* Without --catalog, the command decides on the platforms the window's monitor watches: the
 * same day, the scenario's platforms as the user's own catalog, PayPal (down) not watched.
 * Paula (PayPal only) is not told and Nora hears about Discord alone, as the window's one
 * click would do; PayPal is not even probed. Nothing watched: it says so, probes nothing and
 * exits 2. */
static void
test_outage_watched (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *lifeline = g_build_filename (g_get_user_config_dir (), "lifeline", NULL);
  g_autofree char *user_catalog = g_build_filename (lifeline, "catalog.json", NULL);
  g_autofree char *contents = NULL;
  const char * const env[] = { "GSETTINGS_BACKEND=keyfile", NULL };
  const LfTestRun how = { .keyring = fixture->keyring, .env = env };
  const char *affected[] = { "--notify", "affected", "--timeout", "5", "--dry-run", NULL };
  const char * const watched[] = { "upwork", "discord", "github", "fiverr", NULL };
  const char * const none[] = { NULL };
  LfTestServer *server = fixture->scenario->server;

  g_assert_true (g_file_get_contents (fixture->catalog, &contents, NULL, NULL));
  g_assert_cmpint (g_mkdir_with_parents (lifeline, 0700), ==, 0);
  g_assert_true (g_file_set_contents (user_catalog, contents, -1, NULL));

  set_watched (watched);
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (lf_test_run_lifeline (&how, affected, &out, &err), ==, 0);
    g_assert_true (g_str_has_prefix (out, "Dry run: 4 clients would be told about Upwork and "
                                          "Discord; "));
    g_assert_nonnull (strstr (out, "\nTo: Nora Becker <nora@example.de>\n"));
    g_assert_null (strstr (out, "paula@example.com"));
    g_assert_null (strstr (out, "PayPal"));
    g_assert_cmpuint (lf_test_server_get_hits (server, "/upwork"), >, 0);
    g_assert_cmpuint (lf_test_server_get_hits (server, "/github"), >, 0);
    g_assert_cmpuint (lf_test_server_get_hits (server, "/paypal"), ==, 0);
  }

  set_watched (none);
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    guint hits = lf_test_server_get_hits (server, "/upwork");

    g_assert_cmpint (lf_test_run_lifeline (&how, affected, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "No platform is watched"));
    g_assert_nonnull (strstr (err, "--catalog FILE"));
    g_assert_cmpuint (lf_test_server_get_hits (server, "/upwork"), ==, hits);
  }

  g_assert_cmpint (g_remove (user_catalog), ==, 0);
}

/* Platform names as people write them. */
static void
test_outage_resolve (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LfCatalog) catalog = lf_catalog_load_default (NULL, &error);
  const char *written[] = { "Upwork", "UPWORK", "upwork", " Fiverr ", "githb", "Upwork", NULL };
  g_auto(GStrv) unknown = NULL;
  g_auto(GStrv) ids = NULL;
  g_autofree char *freelancer = NULL;

  g_assert_no_error (error);
  ids = lf_outage_normalise_platforms (catalog, written, &unknown);
  g_assert_cmpstr (ids[0], ==, "upwork");
  g_assert_cmpstr (ids[1], ==, "fiverr");
  g_assert_cmpstr (ids[2], ==, "githb");
  g_assert_null (ids[3]);
  g_assert_cmpstr (unknown[0], ==, "githb");
  g_assert_null (unknown[1]);

  freelancer = lf_outage_resolve_platform (catalog, "freelancer.COM");
  g_assert_nonnull (freelancer);
  g_assert_null (lf_outage_resolve_platform (catalog, ""));
}

/* After a restart during the same outage: known, so no second alarm. */
static void
test_outage_known (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "lf-known-incidents.json", NULL);
  g_autoptr(LfPlan) plan = lf_plan_new (NULL);
  g_autoptr(LfIncidentLog) log = lf_incident_log_new (plan, path);
  const char *platforms[] = { "upwork", NULL };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  LfIncident *incident;

  incident = lf_incident_log_open (log, "Cloudflare outage", platforms, "cloudflare",
                                   LF_CAUSE_CDN_EDGE, LF_DIAGNOSIS_PROVIDER_OUTAGE, FALSE);
  g_assert_nonnull (incident);
  /* Begun before this process started: announced already. */
  g_assert_true (lf_outage_is_known (log, "upwork", now + 10));
  /* Begun since: new. */
  g_assert_false (lf_outage_is_known (log, "upwork", now - 10));
  g_assert_false (lf_outage_is_known (log, "fiverr", now + 10));
  lf_incident_log_close (log, incident);
  g_assert_false (lf_outage_is_known (log, "upwork", now + 10));
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/outage-day/resolve", test_outage_resolve);
  g_test_add_func ("/lifeline/outage-day/known", test_outage_known);
  g_test_add ("/lifeline/outage-day/cloudflare", Fixture, NULL, fixture_set_up,
              test_outage_day, fixture_tear_down);
  g_test_add ("/lifeline/outage-day/dry-run", Fixture, NULL, fixture_set_up,
              test_outage_dry_run, fixture_tear_down);
  g_test_add ("/lifeline/outage-day/watched", Fixture, NULL, fixture_set_up,
              test_outage_watched, fixture_tear_down);

  return g_test_run ();
}
