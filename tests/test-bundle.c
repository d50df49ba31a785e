/* test-bundle.c — the Lifeline JSON bundle
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lf-bundle.h"
#include "lf-test-utils.h"

/* DESIGN.md's example bundle, completed. */
static const char *design_bundle =
  "{ \"format\": \"lifeline-bundle\", \"version\": 1,"
  "  \"me\": { \"name\": \"Sam Freelancer\", \"email\": \"sam@example.com\", \"channel\": \"WhatsApp +44 7700 900123\" },"
  "  \"contacts\": [ { \"name\": \"Ada Lovelace\", \"company\": \"Analytical Ltd\", \"emails\": [\"ada@example.com\"],"
  "                  \"phones\": [\"+44 20 7946 0000\"], \"channels\": { \"slack\": \"@ada\", \"whatsapp\": \"+44 7700 900124\" },"
  "                  \"preferred\": \"email\", \"platforms\": [\"upwork\"], \"timezone\": \"Europe/London\","
  "                  \"language\": \"en\", \"tags\": [\"retainer\"], \"notes\": \"…\" },"
  "                { \"company\": \"Nameless\", \"emails\": [\"who@example.com\"] },"
  "                { \"company\": \"Nobody\" },"
  "                { \"name\": 7 },"
  "                \"not an object\" ],"
  "  \"channels\": [ { \"id\": \"mail\", \"kind\": \"smtp\", \"host\": \"smtp.example.com\", \"port\": 587,"
  "                  \"security\": \"starttls\", \"username\": \"sam@example.com\", \"password\": \"hunter2\","
  "                  \"from\": \"Sam Freelancer <sam@example.com>\" },"
  "                { \"id\": \"agency-slack\", \"kind\": \"slack\", \"url\": \"https://hooks.slack.com/services/T/B/X\" } ],"
  "  \"templates\": [ { \"id\": \"outage\", \"name\": \"Outage notice\", \"subject\": \"s\", \"body\": \"b\" } ],"
  "  \"plan\": { \"steps\": [ { \"title\": \"t\", \"detail\": \"d\", \"causes\": [\"local-network\"] } ] } }";

static void
test_bundle_parse (void)
{
  g_autoptr(LfImportReport) report = lf_import_report_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LfBundle) bundle = lf_bundle_parse (design_bundle, -1, report, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (lf_profile_get_name (bundle->me), ==, "Sam Freelancer");
  g_assert_cmpstr (lf_profile_get_channel (bundle->me), ==, "WhatsApp +44 7700 900123");
  g_assert_cmpuint (bundle->contacts->len, ==, 2);
  g_assert_cmpstr (lf_contact_get_channel (bundle->contacts->pdata[0], "slack"), ==, "@ada");
  /* A contact with only an e-mail address is named after it. */
  g_assert_cmpstr (lf_contact_get_name (bundle->contacts->pdata[1]), ==, "who@example.com");
  problems = lf_import_report_get_lines (report, FALSE);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_cmpstr (problems->pdata[0], ==, "contact 3: no name or e-mail");
  g_assert_true (g_str_has_prefix (problems->pdata[1], "contact 4: The field “name” must be text"));
  g_assert_cmpstr (problems->pdata[2], ==, "contact 5: not an object");
  g_assert_cmpuint (json_array_get_length (bundle->channels), ==, 2);
  g_assert_cmpuint (json_array_get_length (bundle->templates), ==, 1);
  g_assert_true (json_object_has_member (bundle->plan, "steps"));
}

static void
test_bundle_minimal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LfBundle) bundle = lf_bundle_parse ("{\"format\":\"lifeline-bundle\",\"version\":1}",
                                                -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (bundle->contacts->len, ==, 0);
  g_assert_null (bundle->me);
  g_assert_null (bundle->channels);
  g_assert_null (bundle->plan);
}

static void
test_bundle_errors (void)
{
  struct { const char *text; int code; const char *message; } cases[] = {
    { "", LF_BUNDLE_ERROR_PARSE, "empty" },
    { "{ \"format\": ", LF_BUNDLE_ERROR_PARSE, "not valid JSON" },
    { "[1, 2]", LF_BUNDLE_ERROR_FORMAT, "not a JSON object" },
    { "{ \"version\": 1 }", LF_BUNDLE_ERROR_FORMAT, "lifeline-bundle" },
    { "{ \"format\": \"other\", \"version\": 1 }", LF_BUNDLE_ERROR_FORMAT, "lifeline-bundle" },
    { "{ \"format\": \"lifeline-bundle\" }", LF_BUNDLE_ERROR_VERSION, "no “version”" },
    { "{ \"format\": \"lifeline-bundle\", \"version\": \"1\" }", LF_BUNDLE_ERROR_VERSION, "no “version”" },
    { "{ \"format\": \"lifeline-bundle\", \"version\": 2 }", LF_BUNDLE_ERROR_VERSION, "version 2" },
    { "{ \"format\": \"lifeline-bundle\", \"version\": 1, \"contacts\": {} }", LF_BUNDLE_ERROR_PARSE, "“contacts” must be a list" },
    { "{ \"format\": \"lifeline-bundle\", \"version\": 1, \"plan\": [] }", LF_BUNDLE_ERROR_PARSE, "“plan” must be an object" },
    { "{ \"format\": \"lifeline-bundle\", \"version\": 1, \"me\": { \"email\": \"nope\" } }", LF_BUNDLE_ERROR_PARSE, "“me” is not valid" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LfBundle) bundle = lf_bundle_parse (cases[i].text, -1, NULL, &error);

      g_assert_null (bundle);
      g_assert_error (error, LF_BUNDLE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

static void
test_bundle_write_secrets (void)
{
  g_autoptr(LfBundle) bundle = lf_bundle_parse (design_bundle, -1, NULL, NULL);
  g_autoptr(LfBundle) again = NULL;
  g_autofree char *without = NULL;
  g_autofree char *with = NULL;

  lf_contact_set_webhook (bundle->contacts->pdata[0], "https://hooks.example.com/client");

  without = lf_bundle_to_data (bundle, FALSE);
  g_assert_null (strstr (without, "hunter2"));
  g_assert_null (strstr (without, "hooks.slack.com"));
  g_assert_null (strstr (without, "hooks.example.com"));
  g_assert_nonnull (strstr (without, "smtp.example.com"));

  with = lf_bundle_to_data (bundle, TRUE);
  g_assert_nonnull (strstr (with, "hunter2"));
  g_assert_nonnull (strstr (with, "hooks.example.com/client"));

  again = lf_bundle_parse (with, -1, NULL, NULL);
  g_assert_cmpuint (again->contacts->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (lf_contact_equal (bundle->contacts->pdata[i], again->contacts->pdata[i]));
      g_assert_cmpstr (lf_contact_get_id (bundle->contacts->pdata[i]), ==,
                       lf_contact_get_id (again->contacts->pdata[i]));
    }
  g_assert_cmpstr (lf_profile_get_email (again->me), ==, "sam@example.com");
  g_assert_cmpuint (json_array_get_length (again->templates), ==, 1);
}

/* Corrupted bundles: never a crash; a bundle or a clear error, never both or neither. */
static void
test_bundle_mutations (void)
{
  gsize length = strlen (design_bundle);

  for (guint round = 0; round < 1000; round++)
    {
      g_autofree char *copy = g_strdup (design_bundle);
      g_autoptr(GError) error = NULL;
      g_autoptr(LfBundle) bundle = NULL;
      gsize cut = g_test_rand_int_range (0, (int) length + 1);

      for (guint n = 0; n < 1 + round % 4; n++)
        {
          const char noise[] = { '{', '}', '[', ']', '"', ',', ':', '1', 'n', '\xff', ' ' };

          copy[g_test_rand_int_range (0, (int) length)] =
            noise[g_test_rand_int_range (0, G_N_ELEMENTS (noise))];
        }

      bundle = lf_bundle_parse (copy, round % 2 ? (gssize) cut : -1, NULL, &error);
      g_assert_true ((bundle == NULL) == (error != NULL));
      for (guint i = 0; bundle != NULL && i < bundle->contacts->len; i++)
        g_assert_nonnull (lf_contact_get_name (bundle->contacts->pdata[i]));
    }
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/bundle/parse", test_bundle_parse);
  g_test_add_func ("/lifeline/bundle/minimal", test_bundle_minimal);
  g_test_add_func ("/lifeline/bundle/errors", test_bundle_errors);
  g_test_add_func ("/lifeline/bundle/write-secrets", test_bundle_write_secrets);

  g_test_add_func ("/lifeline/bundle/mutations", test_bundle_mutations);

  return g_test_run ();
}
