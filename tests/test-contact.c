/* test-contact.c — the contact model: JSON, validation, merging, links
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lf-contact.h"
#include "lf-test-utils.h"

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_contact_json_round_trip (void)
{
  const char *json =
    "{ \"id\": \"6a6e1b1e-6f0d-4c3a-9a7e-1f4b2f3c9d10\", \"name\": \"Ada Lovelace\","
    "  \"company\": \"Analytical Ltd\", \"role\": \"CTO\","
    "  \"emails\": [\"ada@example.com\", \"ada2@example.com\"],"
    "  \"phones\": [\"+44 20 7946 0000\"],"
    "  \"channels\": { \"slack\": \"https://ada.slack.com/team/U1\", \"whatsapp\": \"+44 7700 900123\" },"
    "  \"preferred\": \"whatsapp\", \"platforms\": [\"upwork\", \"fiverr\"],"
    "  \"timezone\": \"Europe/London\", \"language\": \"en\", \"tags\": [\"retainer\"],"
    "  \"notes\": \"Line 1\\nLine 2\", \"webhook\": \"https://hooks.example.com/x\","
    "  \"modified\": 1700000000000000 }";
  g_autoptr(JsonObject) object = parse_object (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(LfContact) contact = NULL;
  g_autoptr(LfContact) again = NULL;
  g_autoptr(JsonObject) written = NULL;
  g_autofree char *data = NULL;

  contact = lf_contact_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lf_contact_get_id (contact), ==, "6a6e1b1e-6f0d-4c3a-9a7e-1f4b2f3c9d10");
  g_assert_cmpstr (lf_contact_get_name (contact), ==, "Ada Lovelace");
  g_assert_cmpstr (lf_contact_get_role (contact), ==, "CTO");
  g_assert_cmpuint (g_strv_length ((char **) lf_contact_get_emails (contact)), ==, 2);
  g_assert_cmpstr (lf_contact_get_channel (contact, "whatsapp"), ==, "+44 7700 900123");
  g_assert_true (lf_contact_has_platform (contact, "fiverr"));
  g_assert_false (lf_contact_has_platform (contact, "toptal"));
  g_assert_cmpint (lf_contact_get_modified (contact), ==, 1700000000000000);
  g_assert_cmpint (lf_contact_get_changed_fields (contact), ==, LF_CONTACT_FIELD_NONE);
  g_assert_true (lf_contact_validate (contact, &error));
  g_assert_no_error (error);

  data = lf_contact_to_data (contact);
  again = lf_contact_new_from_data (data, &error);
  g_assert_no_error (error);
  g_assert_true (lf_contact_equal (contact, again));
  g_assert_cmpstr (lf_contact_get_id (again), ==, lf_contact_get_id (contact));

  written = lf_contact_to_json (again);
  g_assert_cmpstr (json_object_get_string_member (written, "preferred"), ==, "whatsapp");
}

static void
test_contact_json_errors (void)
{
  const char *bad[] = {
    "{ \"name\": 42 }",
    "{ \"emails\": \"ada@example.com\" }",
    "{ \"emails\": [1, 2] }",
    "{ \"channels\": [\"slack\"] }",
    "{ \"modified\": \"yesterday\" }",
    "{ \"id\": \"\" }",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonObject) object = parse_object (bad[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(LfContact) contact = lf_contact_new_from_json (object, &error);

      g_assert_null (contact);
      g_assert_error (error, LF_CONTACT_ERROR, LF_CONTACT_ERROR_PARSE);
    }
}

static void
test_contact_fresh_ids (void)
{
  g_autoptr(LfContact) a = lf_contact_new ();
  g_autoptr(LfContact) b = lf_contact_new ();

  g_assert_true (g_uuid_string_is_valid (lf_contact_get_id (a)));
  g_assert_cmpstr (lf_contact_get_id (a), !=, lf_contact_get_id (b));
}

static void
test_contact_validate_fields (void)
{
  const char *good_emails[] = { "ada@example.com", "first.last+tag@sub.example.co.uk",
                                "jürgen@example.de" };
  const char *bad_emails[] = { "", "ada", "ada@", "@example.com", "ada@example",
                               "ada @example.com", "a@b@example.com", "ada@.example.com" };
  const char *good_phones[] = { "+44 20 7946 0000", "(555) 123-4567", "555.123.4567",
                                "+1-202-555-0143", "+49 30 1234567 ext 42", "0151/23456789",
                                "+34 612 345 678 x12" };
  const char *bad_phones[] = { "", "call me", "123", "+44 20 7946 0000 0000 0000 0000",
                               "++44 20", "555-CALL-NOW", "12345 ext" };
  const char *good_urls[] = { "https://hooks.slack.com/services/T0/B0/XYZ", "http://example.com" };
  const char *bad_urls[] = { "", "hooks.slack.com", "ftp://example.com", "https://",
                             "https://exa mple.com" };

  for (guint i = 0; i < G_N_ELEMENTS (good_emails); i++)
    g_assert_true (lf_contact_validate_email (good_emails[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad_emails); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (lf_contact_validate_email (bad_emails[i], &error));
      g_assert_error (error, LF_CONTACT_ERROR, LF_CONTACT_ERROR_INVALID);
      /* The message names the field, so the user knows what to fix. */
      g_assert_true (g_str_has_prefix (error->message, "E-mail:"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (good_phones); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (lf_contact_validate_phone (good_phones[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_phones); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (lf_contact_validate_phone (bad_phones[i], &error));
      g_assert_true (g_str_has_prefix (error->message, "Phone:"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (good_urls); i++)
    g_assert_true (lf_contact_validate_url (good_urls[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad_urls); i++)
    g_assert_false (lf_contact_validate_url (bad_urls[i], NULL));
}

static void
test_contact_validate_whole (void)
{
  g_autoptr(LfContact) contact = lf_contact_new ();
  g_autoptr(GError) error = NULL;
  const char *emails[] = { "ada@example.com", NULL };
  const char *bad_emails[] = { "ada@example.com", "nope", NULL };

  g_assert_false (lf_contact_validate (contact, &error));
  g_assert_true (g_str_has_prefix (error->message, "Name:"));
  g_clear_error (&error);

  lf_contact_set_name (contact, "   ");
  g_assert_null (lf_contact_get_name (contact));
  lf_contact_set_name (contact, "  Ada  ");
  g_assert_cmpstr (lf_contact_get_name (contact), ==, "Ada");
  lf_contact_set_emails (contact, emails);
  g_assert_true (lf_contact_validate (contact, NULL));

  lf_contact_set_emails (contact, bad_emails);
  g_assert_false (lf_contact_validate (contact, &error));
  g_assert_nonnull (strstr (error->message, "nope"));
  g_clear_error (&error);
  lf_contact_set_emails (contact, emails);

  lf_contact_set_preferred (contact, "carrier-pigeon");
  g_assert_false (lf_contact_validate (contact, &error));
  g_clear_error (&error);
  lf_contact_set_preferred (contact, "email");

  lf_contact_set_webhook (contact, "not a link");
  g_assert_false (lf_contact_validate (contact, &error));
  g_assert_true (g_str_has_prefix (error->message, "Link:"));
  g_clear_error (&error);
  lf_contact_set_webhook (contact, NULL);

  lf_contact_set_channel (contact, "slack", "https://");
  g_assert_false (lf_contact_validate (contact, NULL));
  lf_contact_set_channel (contact, "slack", "@ada");
  g_assert_true (lf_contact_validate (contact, NULL));
}

static void
test_contact_lists_normalized (void)
{
  g_autoptr(LfContact) contact = lf_contact_new ();
  const char *emails[] = { " ada@example.com ", "", "ADA@example.com", "b@example.com", NULL };

  lf_contact_set_emails (contact, emails);
  g_assert_cmpuint (g_strv_length ((char **) lf_contact_get_emails (contact)), ==, 2);
  g_assert_cmpstr (lf_contact_get_primary_email (contact), ==, "ada@example.com");
  lf_contact_add_email (contact, "B@EXAMPLE.COM");
  g_assert_cmpuint (g_strv_length ((char **) lf_contact_get_emails (contact)), ==, 2);
}

static void
test_contact_changed_fields (void)
{
  g_autoptr(LfContact) contact = lf_contact_new ();
  g_autoptr(LfContact) copy = NULL;
  g_autoptr(LfContact) other = lf_contact_new ();
  guint notified = 0;

  lf_contact_set_name (contact, "Ada");
  lf_contact_set_company (contact, "Analytical");
  copy = lf_contact_copy (contact);
  g_assert_cmpint (lf_contact_get_changed_fields (copy), ==, LF_CONTACT_FIELD_NONE);
  g_assert_cmpstr (lf_contact_get_id (copy), ==, lf_contact_get_id (contact));

  g_signal_connect_swapped (copy, "notify", G_CALLBACK (g_atomic_int_inc), &notified);
  lf_contact_set_notes (copy, "New note");
  lf_contact_set_notes (copy, "New note");
  g_assert_cmpuint (notified, ==, 1);
  lf_contact_set_channel (copy, "telegram", "@ada");
  g_assert_cmpint (lf_contact_get_changed_fields (copy), ==,
                   LF_CONTACT_FIELD_NOTES | LF_CONTACT_FIELD_CHANNELS);

  /* merge_from fills gaps only. */
  lf_contact_set_name (other, "Someone Else");
  lf_contact_set_role (other, "CEO");
  lf_contact_add_email (other, "ada@example.com");
  lf_contact_merge_from (contact, other);
  g_assert_cmpstr (lf_contact_get_name (contact), ==, "Ada");
  g_assert_cmpstr (lf_contact_get_role (contact), ==, "CEO");
  g_assert_cmpstr (lf_contact_get_primary_email (contact), ==, "ada@example.com");
}

static void
test_contact_channel_uris (void)
{
  g_autoptr(LfContact) contact = lf_contact_new ();
  const char *phones[] = { "+44 20 7946 0000", NULL };
  struct { const char *kind, *handle, *uri; } cases[] = {
    { "whatsapp", "+44 7700 900123", "https://wa.me/447700900123" },
    { "telegram", "@ada_l", "https://t.me/ada_l" },
    { "signal", "+44 7700 900123", "https://signal.me/#p/+447700900123" },
    { "matrix", "@ada:matrix.org", "https://matrix.to/#/@ada:matrix.org" },
    { "skype", "ada.lovelace", "skype:ada.lovelace?chat" },
    { "slack", "https://ada.slack.com/team/U1", "https://ada.slack.com/team/U1" },
    { "teams", "ada@example.com", "https://teams.microsoft.com/l/chat/0/0?users=ada@example.com" },
    { "discord", "ada#1234", NULL },
  };
  g_autofree char *mailto = NULL;
  g_autofree char *tel = NULL;

  lf_contact_add_email (contact, "ada+work@example.com");
  lf_contact_set_phones (contact, phones);
  mailto = lf_contact_get_channel_uri (contact, "email");
  g_assert_cmpstr (mailto, ==, "mailto:ada%2Bwork@example.com");
  tel = lf_contact_get_channel_uri (contact, "phone");
  g_assert_cmpstr (tel, ==, "tel:+442079460000");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uri = NULL;

      lf_contact_set_channel (contact, cases[i].kind, cases[i].handle);
      uri = lf_contact_get_channel_uri (contact, cases[i].kind);
      g_assert_cmpstr (uri, ==, cases[i].uri);
    }
}

static void
test_contact_matches (void)
{
  g_autoptr(LfContact) contact = lf_contact_new ();
  const char *tags[] = { "Retainer", NULL };

  lf_contact_set_name (contact, "Jürgen Müller");
  lf_contact_set_company (contact, "SGL");
  lf_contact_set_tags (contact, tags);
  g_assert_true (lf_contact_matches (contact, NULL));
  g_assert_true (lf_contact_matches (contact, "müller"));
  g_assert_true (lf_contact_matches (contact, "MÜLLER"));
  g_assert_true (lf_contact_matches (contact, "retain"));
  g_assert_false (lf_contact_matches (contact, "lovelace"));
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/contact/json-round-trip", test_contact_json_round_trip);
  g_test_add_func ("/lifeline/contact/json-errors", test_contact_json_errors);
  g_test_add_func ("/lifeline/contact/fresh-ids", test_contact_fresh_ids);
  g_test_add_func ("/lifeline/contact/validate-fields", test_contact_validate_fields);
  g_test_add_func ("/lifeline/contact/validate-whole", test_contact_validate_whole);
  g_test_add_func ("/lifeline/contact/lists-normalized", test_contact_lists_normalized);
  g_test_add_func ("/lifeline/contact/changed-fields", test_contact_changed_fields);
  g_test_add_func ("/lifeline/contact/channel-uris", test_contact_channel_uris);
  g_test_add_func ("/lifeline/contact/matches", test_contact_matches);

  return g_test_run ();
}
