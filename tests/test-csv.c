/* test-csv.c — CSV import (Google, Outlook, broken input) and export
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lf-csv.h"
#include "lf-test-utils.h"

static GPtrArray *
parse_fixture (const char  *name,
               GPtrArray  **problems)
{
  g_autofree char *path = lf_test_build_data_path (name);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LfImportReport) report = NULL;
  gsize length;
  GPtrArray *contacts;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  report = lf_import_report_new ();
  contacts = lf_csv_parse (contents, length, report, &error);
  *problems = lf_import_report_get_lines (report, FALSE);
  g_assert_no_error (error);
  g_assert_nonnull (contacts);
  return contacts;
}

static void
test_csv_records (void)
{
  const char *text = "a,b,c\r\n\"x, y\",\"he said \"\"hi\"\"\",\"line1\r\nline2\"\r\n\r\n1,,3";
  g_autoptr(GPtrArray) records = lf_csv_parse_records (text, -1, NULL, NULL);
  GPtrArray *row;

  g_assert_cmpuint (records->len, ==, 3);
  row = records->pdata[1];
  g_assert_cmpuint (row->len, ==, 3);
  g_assert_cmpstr (row->pdata[0], ==, "x, y");
  g_assert_cmpstr (row->pdata[1], ==, "he said \"hi\"");
  g_assert_cmpstr (row->pdata[2], ==, "line1\r\nline2");
  row = records->pdata[2];
  g_assert_cmpstr (row->pdata[1], ==, "");
  g_assert_cmpstr (row->pdata[2], ==, "3");
}

static void
test_csv_google (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) contacts = parse_fixture ("contacts/google.csv", &problems);
  LfContact *ada;

  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (problems->pdata[0], ==, "row 4: no name or e-mail");

  ada = contacts->pdata[0];
  g_assert_cmpstr (lf_contact_get_name (ada), ==, "Ada Lovelace");
  g_assert_cmpuint (g_strv_length ((char **) lf_contact_get_emails (ada)), ==, 3);
  g_assert_cmpstr (lf_contact_get_emails (ada)[1], ==, "ada.work@analytical.example");
  g_assert_cmpstr (lf_contact_get_phones (ada)[0], ==, "+44 7700 900123");
  g_assert_cmpstr (lf_contact_get_company (ada), ==, "Analytical Engines Ltd.");
  g_assert_cmpstr (lf_contact_get_role (ada), ==, "Lead Engineer");
  g_assert_cmpstr (lf_contact_get_notes (ada), ==,
                   "Prefers mornings.\nSays \"thanks\" a lot, always.");
  g_assert_cmpstr (lf_contact_get_tags (ada)[0], ==, "Retainer");
  g_assert_cmpuint (g_strv_length ((char **) lf_contact_get_tags (ada)), ==, 1);
  g_assert_cmpstr (lf_contact_get_channel (ada, "slack"), ==, "https://ada.slack.com/team/U012345");
  g_assert_cmpstr (lf_contact_get_language (ada), ==, "en");
  g_assert_cmpstr (g_object_get_data (G_OBJECT (ada), LF_CONTACT_ORIGIN_KEY), ==, "row 2");
  g_assert_cmpstr (lf_contact_get_name (contacts->pdata[1]), ==, "Grace Hopper");
}

static void
test_csv_google_new (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) contacts = parse_fixture ("contacts/google-new.csv", &problems);
  LfContact *kwame;

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (contacts->len, ==, 2);
  kwame = contacts->pdata[0];
  g_assert_cmpstr (lf_contact_get_name (kwame), ==, "Kwame Mensah");
  g_assert_cmpstr (lf_contact_get_company (kwame), ==, "Mensah & Sons");
  g_assert_cmpstr (lf_contact_get_role (kwame), ==, "Director");
  g_assert_cmpstr (lf_contact_get_tags (kwame)[0], ==, "Clients");
  g_assert_cmpstr (lf_contact_get_name (contacts->pdata[1]), ==, "Ana Silva");
  g_assert_cmpuint (g_strv_length ((char **) lf_contact_get_tags (contacts->pdata[1])), ==, 0);
}

static void
test_csv_outlook (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) contacts = parse_fixture ("contacts/outlook.csv", &problems);
  LfContact *priya;

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (contacts->len, ==, 2);
  priya = contacts->pdata[0];
  g_assert_cmpstr (lf_contact_get_name (priya), ==, "Ms. Priya Sharma");
  g_assert_cmpstr (lf_contact_get_company (priya), ==, "Sharma Consulting, LLP");
  g_assert_cmpstr (lf_contact_get_role (priya), ==, "Managing Partner");
  g_assert_cmpuint (g_strv_length ((char **) lf_contact_get_emails (priya)), ==, 2);
  g_assert_cmpuint (g_strv_length ((char **) lf_contact_get_phones (priya)), ==, 2);
  g_assert_cmpstr (lf_contact_get_notes (priya), ==, "Met via Upwork, 2024");
  g_assert_cmpstr (lf_contact_get_tags (priya)[1], ==, "VIP");
  g_assert_cmpstr (lf_contact_get_company (contacts->pdata[1]), ==, "Becker GmbH");
}

static void
test_csv_malformed (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) contacts = parse_fixture ("contacts/malformed.csv", &problems);
  g_autofree char *all = NULL;

  g_ptr_array_add (problems, NULL);
  all = g_strjoinv ("\n", (char **) problems->pdata);
  g_assert_nonnull (strstr (all, "row 3: no name or e-mail"));
  g_assert_nonnull (strstr (all, "a quoted field is not closed"));
  /* Valid Row, Bad Phone (rejected by the preview's validation), Unclosed. */
  g_assert_cmpuint (contacts->len, ==, 3);
  g_assert_false (lf_contact_validate (contacts->pdata[1], NULL));
}

static void
test_csv_errors (void)
{
  struct { const char *text; const char *message; } cases[] = {
    { "", "empty" },
    { "foo,bar\n1,2\n", "must name the columns" },
    { "Company,Notes\nAcme,x\n", "must name the columns" },
    { "Name,Email\n\xff\xfe,x\n", "not UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) contacts = lf_csv_parse (cases[i].text, -1, NULL, &error);

      g_assert_null (contacts);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

static void
test_csv_semicolon (void)
{
  const char *text = "\xef\xbb\xbf" "First Name;Last Name;E-mail Address\r\nLe;Minh;minh@example.vn\r\n";
  g_autoptr(GPtrArray) contacts = lf_csv_parse (text, -1, NULL, NULL);

  g_assert_cmpuint (contacts->len, ==, 1);
  g_assert_cmpstr (lf_contact_get_name (contacts->pdata[0]), ==, "Le Minh");
}

static void
test_csv_write_round_trip (void)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  LfContact *a = lf_contact_new ();
  LfContact *b = lf_contact_new ();
  const char *tags[] = { "retainer", "tag, with comma", NULL };

  lf_contact_set_name (a, " \"Quoted\" Name, Jr.");
  lf_contact_set_company (a, "Acme\nMultiline");
  lf_contact_add_email (a, "a@example.com");
  lf_contact_add_email (a, "a2@example.com");
  lf_contact_add_phone (a, "+1 555 0100");
  lf_contact_set_tags (a, tags);
  lf_contact_set_channel (a, "matrix", "@a:matrix.org");
  lf_contact_set_channel (a, "teams", "a@example.com");
  lf_contact_set_webhook (a, "https://hooks.example.com/A");
  lf_contact_set_notes (a, "Notes with \"quotes\",\nand lines.");
  lf_contact_set_preferred (a, "teams");
  lf_contact_set_timezone (a, "America/New_York");
  lf_contact_set_language (a, "en-US");
  lf_contact_set_name (b, "Plain");
  g_ptr_array_add (contacts, a);
  g_ptr_array_add (contacts, b);

  text = lf_csv_write (contacts, TRUE);
  again = lf_csv_parse (text, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 2);
  g_assert_true (lf_contact_equal (a, again->pdata[0]));
  g_assert_true (lf_contact_equal (b, again->pdata[1]));
  g_assert_cmpstr (lf_contact_get_id (a), ==, lf_contact_get_id (again->pdata[0]));

  g_free (text);
  text = lf_csv_write (contacts, FALSE);
  g_assert_null (strstr (text, "hooks.example.com"));
}

/* Truncated, corrupted and shuffled exports: never a crash, always valid UTF-8 out. */
static void
test_csv_mutations (void)
{
  const char *fixtures[] = { "contacts/google.csv", "contacts/outlook.csv", "contacts/google-new.csv" };

  for (guint f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autofree char *path = lf_test_build_data_path (fixtures[f]);
      g_autofree char *contents = NULL;
      gsize length;

      g_file_get_contents (path, &contents, &length, NULL);
      g_assert_nonnull (contents);

      for (guint round = 0; round < 300; round++)
        {
          g_autofree char *copy = g_memdup2 (contents, length + 1);
          gsize cut = g_test_rand_int_range (1, (int) length + 1);
          g_autoptr(LfImportReport) problems = lf_import_report_new ();
          g_autoptr(GPtrArray) contacts = NULL;
          g_autoptr(GError) error = NULL;

          for (guint n = 0; n < 1 + round % 8; n++)
            {
              gsize at = g_test_rand_int_range (0, (int) length);
              const char noise[] = { '\\', ';', ':', ',', '"', '=', '\r', '\n', ' ', '\xc3', '\xff', 'A' };

              copy[at] = noise[g_test_rand_int_range (0, G_N_ELEMENTS (noise))];
            }

          contacts = lf_csv_parse (copy, round % 2 ? (gssize) cut : (gssize) length, problems, &error);
          g_assert_true ((contacts == NULL) == (error != NULL));
          for (guint i = 0; contacts != NULL && i < contacts->len; i++)
            {
              g_autofree char *data = lf_contact_to_data (contacts->pdata[i]);

              g_assert_true (g_utf8_validate (data, -1, NULL));
            }
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/csv/records", test_csv_records);
  g_test_add_func ("/lifeline/csv/google", test_csv_google);
  g_test_add_func ("/lifeline/csv/google-new", test_csv_google_new);
  g_test_add_func ("/lifeline/csv/outlook", test_csv_outlook);
  g_test_add_func ("/lifeline/csv/malformed", test_csv_malformed);
  g_test_add_func ("/lifeline/csv/errors", test_csv_errors);
  g_test_add_func ("/lifeline/csv/semicolon", test_csv_semicolon);
  g_test_add_func ("/lifeline/csv/write-round-trip", test_csv_write_round_trip);

  g_test_add_func ("/lifeline/csv/mutations", test_csv_mutations);

  return g_test_run ();
}
