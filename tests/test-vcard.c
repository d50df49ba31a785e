/* test-vcard.c — vCard import (real-world layouts, broken input) and export
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lf-test-utils.h"
#include "lf-vcard.h"

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
  contacts = lf_vcard_parse (contents, length, report, &error);
  *problems = lf_import_report_get_lines (report, FALSE);
  g_assert_no_error (error);
  g_assert_nonnull (contacts);
  return contacts;
}

static void
test_vcard_google (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) contacts = parse_fixture ("contacts/google.vcf", &problems);
  LfContact *ada, *grace;
  const char *tags[] = { "Retainer", NULL };

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (contacts->len, ==, 2);
  ada = contacts->pdata[0];
  grace = contacts->pdata[1];

  g_assert_cmpstr (lf_contact_get_name (ada), ==, "Ada Lovelace");
  g_assert_cmpstr (lf_contact_get_company (ada), ==, "Analytical Engines Ltd.");
  g_assert_cmpstr (lf_contact_get_role (ada), ==, "Lead Engineer");
  g_assert_cmpuint (g_strv_length ((char **) lf_contact_get_emails (ada)), ==, 2);
  g_assert_cmpstr (lf_contact_get_emails (ada)[1], ==, "ada.home@example.org");
  g_assert_cmpuint (g_strv_length ((char **) lf_contact_get_phones (ada)), ==, 2);
  g_assert_cmpstr (lf_contact_get_channel (ada, "whatsapp"), ==, "https://wa.me/447700900123");
  /* Escaped newline and comma, and a folded line. */
  g_assert_cmpstr (lf_contact_get_notes (ada), ==,
                   "Prefers mornings (UK time).\nInvoices go to accounts@analytical.example, "
                   "not to her directly.");
  g_assert_true (g_strv_equal (lf_contact_get_tags (ada), tags));

  g_assert_cmpstr (lf_contact_get_name (grace), ==, "Grace Hopper");
  g_assert_cmpstr (lf_contact_get_phones (grace)[0], ==, "(555) 123-4567");
  g_assert_cmpuint (g_strv_length ((char **) lf_contact_get_tags (grace)), ==, 0);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (grace), LF_CONTACT_ORIGIN_KEY), ==, "card 2");
  for (guint i = 0; i < contacts->len; i++)
    g_assert_true (lf_contact_validate (contacts->pdata[i], NULL));
}

static void
test_vcard_apple (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) contacts = parse_fixture ("contacts/apple.vcf", &problems);
  LfContact *contact;

  g_assert_cmpuint (contacts->len, ==, 1);
  contact = contacts->pdata[0];
  g_assert_cmpstr (lf_contact_get_name (contact), ==, "Dr. Jürgen Müller");
  /* N's given name is what a notice greets him by ("Hallo Jürgen", not "Hallo Dr."). */
  g_assert_cmpstr (lf_contact_get_given_name (contact), ==, "Jürgen");
  {
    g_autofree char *greeting = lf_contact_dup_greeting (contact);

    g_assert_cmpstr (greeting, ==, "Jürgen");
  }
  g_assert_cmpstr (lf_contact_get_company (contact), ==, "Société Générale de Logiciels");
  /* type=pref puts that address first. */
  g_assert_cmpstr (lf_contact_get_primary_email (contact), ==, "juergen@sgl.example");
  g_assert_cmpstr (lf_contact_get_phones (contact)[0], ==, "+49 151 23456789");
  g_assert_cmpstr (lf_contact_get_phones (contact)[1], ==, "+49 30 1234567 ext 42");
  g_assert_cmpstr (lf_contact_get_channel (contact, "skype"), ==, "juergen.mueller");
  g_assert_cmpstr (lf_contact_get_channel (contact, "telegram"), ==, "x-apple:juergenm");
  g_assert_nonnull (strstr (lf_contact_get_notes (contact), "Path: C:\\Projects; ask"));
  g_assert_nonnull (strstr (lf_contact_get_notes (contact),
                            "linkedin: https://www.linkedin.com/in/juergen-mueller-example"));
  g_assert_true (lf_contact_validate (contact, NULL));
}

static void
test_vcard_thunderbird (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) contacts = parse_fixture ("contacts/thunderbird.vcf", &problems);
  LfContact *contact;

  g_assert_cmpuint (contacts->len, ==, 1);
  contact = contacts->pdata[0];
  g_assert_cmpstr (lf_contact_get_id (contact), ==, "6a6e1b1e-6f0d-4c3a-9a7e-1f4b2f3c9d10");
  g_assert_cmpstr (lf_contact_get_primary_email (contact), ==, "chidi@ethics.example");
  g_assert_cmpstr (lf_contact_get_phones (contact)[1], ==, "+234 803 123 4567");
  g_assert_cmpstr (lf_contact_get_language (contact), ==, "en-NG");
  g_assert_cmpstr (lf_contact_get_timezone (contact), ==, "Africa/Lagos");
  g_assert_cmpstr (lf_contact_get_notes (contact), ==,
                   "A very long note that the exporter folds because it is longer than "
                   "seventy-five octets on one line.");
}

static void
test_vcard_gnome_contacts (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) contacts = parse_fixture ("contacts/gnome-contacts.vcf", &problems);
  LfContact *contact;

  g_assert_cmpuint (contacts->len, ==, 1);
  contact = contacts->pdata[0];
  g_assert_cmpstr (lf_contact_get_name (contact), ==, "Mei Lin");
  g_assert_cmpstr (lf_contact_get_role (contact), ==, "Owner");
  g_assert_cmpuint (g_strv_length ((char **) lf_contact_get_phones (contact)), ==, 2);
  g_assert_cmpstr (lf_contact_get_channel (contact, "skype"), ==, "mei.lin.design");
  g_assert_cmpstr (lf_contact_get_channel (contact, "other"), ==, "xmpp:mei@jabber.example");
  g_assert_nonnull (strstr (lf_contact_get_notes (contact), "Met at the Berlin design conference."));
  g_assert_nonnull (strstr (lf_contact_get_notes (contact), "https://lindesign.example"));
}

static void
test_vcard_21_quoted_printable (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) contacts = parse_fixture ("contacts/outlook21.vcf", &problems);
  LfContact *contact;

  g_assert_cmpuint (contacts->len, ==, 1);
  contact = contacts->pdata[0];
  g_assert_cmpstr (lf_contact_get_name (contact), ==, "José García");
  g_assert_cmpstr (lf_contact_get_primary_email (contact), ==, "jose@hermanos.example");
  g_assert_cmpuint (g_strv_length ((char **) lf_contact_get_phones (contact)), ==, 2);
  g_assert_cmpstr (lf_contact_get_notes (contact), ==,
                   "First line\nSecond line is long enough to need a soft line break here.");
}

static void
test_vcard_malformed (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) contacts = parse_fixture ("contacts/malformed.vcf", &problems);
  g_autofree char *all = NULL;

  g_ptr_array_add (problems, NULL);
  all = g_strjoinv ("\n", (char **) problems->pdata);

  /* Valid Person, Bad Email (the import preview rejects it) and the unclosed card. */
  g_assert_cmpuint (contacts->len, ==, 3);
  g_assert_nonnull (strstr (all, "line 1: text outside a vCard"));
  g_assert_nonnull (strstr (all, "card 1, line 6: not a vCard property"));
  g_assert_nonnull (strstr (all, "card 2: no name or e-mail"));
  g_assert_nonnull (strstr (all, "card 4: not closed by END:VCARD"));
  g_assert_false (lf_contact_validate (contacts->pdata[1], NULL));
}

static void
test_vcard_garbage (void)
{
  const char *inputs[] = { "", "hello", "\xff\xfe\x00garbage", "BEGIN:VCARD", "BEGIN:VCARD\r\n:\r\n;;;:\r\n=\r\n",
                           "BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:=\nEND:VCARD\n",
                           "BEGIN:VCARD\nFN;CHARSET=NOPE:x\xe9\nEND:VCARD\n",
                           "END:VCARD\nEND:VCARD\n" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(LfImportReport) problems = lf_import_report_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) contacts = lf_vcard_parse (inputs[i], -1, problems, &error);

      g_assert_true ((contacts == NULL) == (error != NULL));
      if (contacts == NULL)
        g_assert_nonnull (strstr (error->message, "no vCard"));
      for (guint j = 0; contacts != NULL && j < contacts->len; j++)
        g_assert_true (g_utf8_validate (lf_contact_get_name (contacts->pdata[j]), -1, NULL));
    }
}

static void
test_vcard_write_round_trip (void)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  LfContact *contact = lf_contact_new ();
  const char *tags[] = { "retainer", "vip, gold", NULL };
  const char *platforms[] = { "upwork", NULL };
  g_auto(GStrv) lines = NULL;

  lf_contact_set_name (contact, "Zoë O'Brien-Ñúñez");
  lf_contact_set_company (contact, "Acme; Sons, Ltd.");
  lf_contact_set_role (contact, "Head of Everything \\ More");
  lf_contact_add_email (contact, "zoe@acme.example");
  lf_contact_add_email (contact, "zoe2@acme.example");
  lf_contact_add_phone (contact, "+353 1 234 5678");
  lf_contact_set_channel (contact, "slack", "https://acme.slack.com/team/U9");
  lf_contact_set_channel (contact, "signal", "+353 85 123 4567");
  lf_contact_set_channel (contact, "skype", "zoe.obrien");
  lf_contact_set_channel (contact, "other", "xmpp:zoe@jabber.example");
  lf_contact_set_preferred (contact, "signal");
  lf_contact_set_platforms (contact, platforms);
  lf_contact_set_tags (contact, tags);
  lf_contact_set_timezone (contact, "Europe/Dublin");
  lf_contact_set_language (contact, "ga");
  lf_contact_set_webhook (contact, "https://hooks.example.com/T1");
  lf_contact_set_notes (contact, "A note with a very long first line that must be folded by the writer, "
                                 "ünïcödé included.\nSecond line; with, punctuation.");
  g_ptr_array_add (contacts, contact);

  text = lf_vcard_write (contacts, TRUE);
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_cmpuint (strlen (lines[i]), <=, 75);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCARD\r\nVERSION:4.0\r\n"));

  again = lf_vcard_parse (text, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 1);
  g_assert_true (lf_contact_equal (contact, again->pdata[0]));
  g_assert_cmpstr (lf_contact_get_id (contact), ==, lf_contact_get_id (again->pdata[0]));

  /* Without secrets the webhook stays out. */
  g_free (text);
  text = lf_vcard_write (contacts, FALSE);
  g_assert_null (strstr (text, "hooks.example.com"));
}

/* Truncated, corrupted and shuffled exports: never a crash, always valid UTF-8 out. */
static void
test_vcard_mutations (void)
{
  const char *fixtures[] = { "contacts/google.vcf", "contacts/apple.vcf", "contacts/outlook21.vcf", "contacts/thunderbird.vcf" };

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

          contacts = lf_vcard_parse (copy, round % 2 ? (gssize) cut : (gssize) length, problems, &error);
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

  g_test_add_func ("/lifeline/vcard/google", test_vcard_google);
  g_test_add_func ("/lifeline/vcard/apple", test_vcard_apple);
  g_test_add_func ("/lifeline/vcard/thunderbird", test_vcard_thunderbird);
  g_test_add_func ("/lifeline/vcard/gnome-contacts", test_vcard_gnome_contacts);
  g_test_add_func ("/lifeline/vcard/v21-quoted-printable", test_vcard_21_quoted_printable);
  g_test_add_func ("/lifeline/vcard/malformed", test_vcard_malformed);
  g_test_add_func ("/lifeline/vcard/garbage", test_vcard_garbage);
  g_test_add_func ("/lifeline/vcard/write-round-trip", test_vcard_write_round_trip);

  g_test_add_func ("/lifeline/vcard/mutations", test_vcard_mutations);

  return g_test_run ();
}
