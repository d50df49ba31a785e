/* test-template.c — rendering notice templates, and the template store
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lf-storage.h"
#include "lf-template-store.h"
#include "lf-test-utils.h"

/* 18 Nov 2025 11:20 UTC: the Cloudflare outage of DESIGN.md */
#define CLOUDFLARE_START G_GINT64_CONSTANT (1763464800)

static LfRenderContext *
make_context (void)
{
  LfRenderContext *context = lf_render_context_new ();

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

static LfRecipient *
make_recipient (const char *name,
                const char *timezone,
                const char *language)
{
  LfRecipient *recipient = lf_recipient_new ("c-1");

  recipient->name = g_strdup (name);
  recipient->company = g_strdup ("Analytical Ltd");
  recipient->timezone = g_strdup (timezone);
  recipient->language = g_strdup (language);

  return recipient;
}

static void
test_template_every_placeholder (void)
{
  g_autoptr(LfTemplate) template = NULL;
  g_autoptr(LfRenderContext) context = make_context ();
  g_autoptr(LfRecipient) recipient = make_recipient ("Ada Lovelace", "Europe/Berlin", "en");
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;

  template = lf_template_new ("all", "All", "en", "{platform} via {provider} for {client}",
                              "{client}|{company}|{platform}|{provider}|{since}|{status_url}|"
                              "{my_name}|{my_channel}|{next_update}");
  g_assert_true (lf_template_render (template, context, recipient, &subject, &body, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (subject, ==, "Upwork via Cloudflare for Ada");
  g_assert_cmpstr (body, ==,
                   "Ada|Analytical Ltd|Upwork|Cloudflare|18 Nov 2025, 12:20 CET|"
                   "https://status.upwork.com/|Sam Freelancer|WhatsApp +44 7700 900123|"
                   "by 15:00");

  /* The list the editor offers is exactly what render accepts. */
  g_assert_cmpuint (g_strv_length ((GStrv) lf_template_get_placeholders ()), ==, 9);
}

static void
test_template_time_zones (void)
{
  struct {
    gint64 since;
    const char *timezone;
    const char *language;
    const char *expected;
  } cases[] = {
    { CLOUDFLARE_START, "Europe/Berlin", "en", "18 Nov 2025, 12:20 CET" },
    { CLOUDFLARE_START, "Europe/London", "en", "18 Nov 2025, 11:20 GMT" },
    { CLOUDFLARE_START, "America/New_York", "en", "18 Nov 2025, 06:20 EST" },
    { CLOUDFLARE_START, "Asia/Kolkata", "en", "18 Nov 2025, 16:50 IST" },
    { CLOUDFLARE_START, "Australia/Sydney", "en", "18 Nov 2025, 22:20 AEDT" },
    { CLOUDFLARE_START, NULL, "en", "18 Nov 2025, 11:20 UTC" },
    { CLOUDFLARE_START, "Not/A_Zone", "en", "18 Nov 2025, 11:20 UTC" },
    { CLOUDFLARE_START, "Europe/Berlin", "de", "18. Nov. 2025, 12:20 CET" },
    { CLOUDFLARE_START, "Europe/Paris", "fr-FR", "18 nov. 2025, 12:20 CET" },
    /* The spring-forward in Berlin: 30 Mar 2025, 01:00 UTC. */
    { G_GINT64_CONSTANT (1743296340), "Europe/Berlin", "en", "30 Mar 2025, 01:59 CET" },
    { G_GINT64_CONSTANT (1743296400), "Europe/Berlin", "en", "30 Mar 2025, 03:00 CEST" },
    /* The fall-back in New York: 2 Nov 2025, 06:00 UTC; 01:30 happens twice. */
    { G_GINT64_CONSTANT (1762061400), "America/New_York", "en", "2 Nov 2025, 01:30 EDT" },
    { G_GINT64_CONSTANT (1762065000), "America/New_York", "en", "2 Nov 2025, 01:30 EST" },
    /* Day and year change with the zone. */
    { G_GINT64_CONSTANT (1767222000), "Pacific/Auckland", "en", "1 Jan 2026, 12:00 NZDT" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *formatted = lf_template_format_since (cases[i].since, cases[i].timezone,
                                                             cases[i].language);

      g_assert_cmpstr (formatted, ==, cases[i].expected);
    }
}

static void
test_template_since_in_recipient_zone (void)
{
  g_autoptr(LfTemplate) template = lf_template_new ("t", "T", "en", "s", "since {since}");
  g_autoptr(LfRenderContext) context = make_context ();
  g_autoptr(LfRecipient) tokyo = make_recipient ("A", "Asia/Tokyo", NULL);
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (lf_template_render (template, context, tokyo, &subject, &body, &error));
  g_assert_cmpstr (body, ==, "since 18 Nov 2025, 20:20 JST");

  /* An unknown start is an error, never "since 1 Jan 1970". */
  g_clear_pointer (&subject, g_free);
  g_clear_pointer (&body, g_free);
  context->since = 0;
  g_assert_false (lf_template_render (template, context, tokyo, &subject, &body, &error));
  g_assert_error (error, LF_TEMPLATE_ERROR, LF_TEMPLATE_ERROR_MISSING_VALUE);
  g_assert_null (subject);
  g_assert_null (body);
}

static void
test_template_languages (void)
{
  g_autoptr(LfTemplate) template = lf_template_new ("t", "T", "en", "Hello {client}",
                                                    "English body");
  g_autoptr(LfRenderContext) context = make_context ();
  struct {
    const char *language;
    const char *picked;
    const char *subject;
  } cases[] = {
    { NULL, "en", "Hello Ada" },
    { "", "en", "Hello Ada" },
    { "en-GB", "en", "Hello Ada" },
    { "de", "de", "Hallo Ada" },
    { "de-AT", "de", "Hallo Ada" },
    { "de_CH.UTF-8", "de", "Hallo Ada" },
    { "FR", "fr-ca", "Bonjour Ada" },
    { "fr-CA", "fr-ca", "Bonjour Ada" },
    { "pt-BR", "en", "Hello Ada" },
    { "ja", "en", "Hello Ada" },
  };

  lf_template_set_variant (template, "de", "Hallo {client}", "Deutscher Text");
  lf_template_set_variant (template, "fr_CA", "Bonjour {client}", "Texte français");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LfRecipient) recipient = make_recipient ("Ada", NULL, cases[i].language);
      g_autofree char *subject = NULL;
      g_autofree char *body = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (lf_template_pick_language (template, cases[i].language), ==,
                       cases[i].picked);
      g_assert_true (lf_template_render (template, context, recipient, &subject, &body,
                                         &error));
      g_assert_no_error (error);
      g_assert_cmpstr (subject, ==, cases[i].subject);
    }
}

static void
test_template_injection (void)
{
  g_autoptr(LfTemplate) template = NULL;
  g_autoptr(LfRenderContext) context = make_context ();
  g_autoptr(LfRecipient) recipient = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;

  template = lf_template_new ("t", "T", "en", "Re: {platform}\r\nBcc: spy@example.net {client}",
                              "Dear {client} of {company},\n\nline two\r\nline three");
  recipient = make_recipient ("Ada\r\nBcc: evil@example.net\n\nInjected body", NULL, NULL);
  g_free (recipient->company);
  recipient->company = g_strdup ("Evil\rCorp\u2028Ltd\x7f\t \xc2\x85" "Inc");
  g_free (context->platform);
  context->platform = g_strdup ("Up\nwork");

  g_assert_true (lf_template_render (template, context, recipient, &subject, &body, &error));
  g_assert_no_error (error);

  /* The subject is one line whatever the template and values contain. */
  g_assert_cmpstr (subject, ==,
                   "Re: Up work Bcc: spy@example.net Ada Bcc: evil@example.net Injected body");
  g_assert_null (strchr (subject, '\n'));
  g_assert_null (strchr (subject, '\r'));

  /* The body keeps the template's line breaks (CRLF normalised) and nothing more. */
  g_assert_cmpstr (body, ==,
                   "Dear Ada Bcc: evil@example.net Injected body of Evil Corp Ltd Inc,\n\n"
                   "line two\nline three");

  /* Invalid UTF-8 is repaired, not passed on. */
  {
    g_autofree char *fixed = lf_template_single_line ("A\xff" "B");

    g_assert_true (g_utf8_validate (fixed, -1, NULL));
  }
}

static void
test_template_unknown_placeholders (void)
{
  g_autoptr(LfTemplate) template = NULL;
  g_autoptr(LfRenderContext) context = make_context ();
  g_autoptr(LfRecipient) recipient = make_recipient ("Ada", NULL, NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  LfTemplateProblem *problem;

  template = lf_template_new ("t", "T", "en", "Hi {Client}", "Dear {client},\n{clinet} {");
  lf_template_set_variant (template, "de", "Hallo {kunde}", "ok");

  g_assert_false (lf_template_check (template, &problems));
  g_assert_cmpuint (problems->len, ==, 4);

  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->field, ==, "subject");
  g_assert_null (problem->language);
  g_assert_cmpuint (problem->offset, ==, 3);
  g_assert_cmpuint (problem->length, ==, 8);
  g_assert_cmpstr (problem->placeholder, ==, "Client");

  problem = g_ptr_array_index (problems, 1);
  g_assert_cmpstr (problem->field, ==, "body");
  g_assert_cmpuint (problem->offset, ==, 15);
  g_assert_cmpuint (problem->length, ==, 8);
  g_assert_cmpstr (problem->placeholder, ==, "clinet");

  problem = g_ptr_array_index (problems, 2);
  g_assert_cmpstr (problem->field, ==, "body");
  g_assert_cmpuint (problem->offset, ==, 24);
  g_assert_cmpuint (problem->length, ==, 1);
  g_assert_null (problem->placeholder);

  problem = g_ptr_array_index (problems, 3);
  g_assert_cmpstr (problem->language, ==, "de");
  g_assert_cmpstr (problem->placeholder, ==, "kunde");

  /* Rendering refuses: nothing with raw braces can go out. */
  g_assert_false (lf_template_render (template, context, recipient, &subject, &body, &error));
  g_assert_error (error, LF_TEMPLATE_ERROR, LF_TEMPLATE_ERROR_UNKNOWN_PLACEHOLDER);
  g_assert_nonnull (strstr (error->message, "{Client}"));
  g_assert_null (subject);
  g_assert_null (body);

  /* A lone closing brace and an empty placeholder are syntax errors. */
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_false (lf_template_check_text ("a } b", "body", &problems));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpuint (((LfTemplateProblem *) g_ptr_array_index (problems, 0))->offset, ==, 2);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_false (lf_template_check_text ("a {} b", "body", &problems));
  g_assert_cmpuint (problems->len, ==, 1);
}

static void
test_template_escapes (void)
{
  g_autoptr(LfTemplate) template = NULL;
  g_autoptr(LfRenderContext) context = make_context ();
  g_autoptr(LfRecipient) recipient = make_recipient ("{platform}", NULL, NULL);
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;

  template = lf_template_new ("t", "T", "en", "{{client}} is {client}",
                              "JSON: {{\"a\": 1}} {{{platform}}}");
  g_assert_true (lf_template_check (template, NULL));
  g_assert_true (lf_template_render (template, context, recipient, &subject, &body, &error));
  g_assert_no_error (error);
  /* A value is never expanded again: a client called "{platform}" stays so. */
  g_assert_cmpstr (subject, ==, "{client} is {platform}");
  g_assert_cmpstr (body, ==, "JSON: {\"a\": 1} {Upwork}");
}

static void
test_template_json_roundtrip (void)
{
  g_autoptr(LfTemplate) template = lf_template_new ("t", "T", "en", "S {client}", "B");
  g_autoptr(LfTemplate) back = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  lf_template_set_variant (template, "de", "S-de", "B-de");
  object = lf_template_to_json (template);
  back = lf_template_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_true (lf_template_equal (template, back));

  /* Mistyped or missing members are errors. */
  g_assert_true (json_parser_load_from_data (parser, "{\"id\":\"x\",\"subject\":1,\"body\":\"\"}",
                                             -1, NULL));
  g_assert_null (lf_template_new_from_json (json_node_get_object (json_parser_get_root (parser)),
                                            &error));
  g_assert_error (error, LF_TEMPLATE_ERROR, LF_TEMPLATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (json_parser_load_from_data (parser, "{\"id\":\"x\",\"subject\":\"s\"}",
                                             -1, NULL));
  g_assert_null (lf_template_new_from_json (json_node_get_object (json_parser_get_root (parser)),
                                            &error));
  g_assert_error (error, LF_TEMPLATE_ERROR, LF_TEMPLATE_ERROR_INVALID);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GError **error = user_data;

  lf_template_store_load_finish (LF_TEMPLATE_STORE (object), result, error);
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NONE, "ok");
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lf_template_store_save_finish (LF_TEMPLATE_STORE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
error_is_set (gpointer data)
{
  return *(GError **) data != NULL;
}

static LfTemplateStore *
load_store (GError **error)
{
  LfTemplateStore *store = lf_template_store_new (NULL);

  lf_template_store_load_async (store, NULL, load_cb, error);
  g_assert_true (lf_test_wait_for (error_is_set, error, 5000));
  if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_NONE))
    g_clear_error (error);

  return store;
}

static void
test_template_store_shipped (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LfTemplateStore) store = load_store (&error);
  g_autoptr(LfRenderContext) context = make_context ();
  const char *ids[] = { "outage", "deadline", "all-clear" };

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      LfTemplate *template = lf_template_store_lookup (store, ids[i]);
      g_autoptr(LfTemplate) item = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_auto(GStrv) languages = NULL;

      g_assert_nonnull (template);
      g_assert_true (item == template);
      g_assert_true (lf_template_check (template, NULL));
      g_assert_true (lf_template_store_is_shipped (store, ids[i]));
      g_assert_false (lf_template_store_is_modified (store, ids[i]));
      languages = lf_template_dup_languages (template);
      g_assert_cmpstrv (languages, ((const char *[]) { "en", "de", "fr", NULL }));

      for (guint j = 0; languages[j] != NULL; j++)
        {
          g_autoptr(LfRecipient) recipient = make_recipient ("Ada", "Europe/Berlin",
                                                             languages[j]);
          g_autofree char *subject = NULL;
          g_autofree char *body = NULL;

          g_assert_true (lf_template_render (template, context, recipient, &subject, &body,
                                             &error));
          g_assert_no_error (error);
          g_assert_nonnull (strstr (subject, "Upwork"));
          g_assert_true (g_str_has_suffix (body, "Sam Freelancer"));
          g_assert_null (strchr (body, '{'));
          g_assert_null (strchr (body, '}'));
          /* The text in the XML is kept as written, not re-flowed. */
          g_assert_nonnull (strstr (body, "Ada,\n\n"));
        }
    }

  {
    LfTemplate *outage = lf_template_store_lookup (store, "outage");
    g_autoptr(LfRecipient) recipient = make_recipient ("Ada", "Europe/Berlin", "de-DE");
    g_autofree char *subject = NULL;
    g_autofree char *body = NULL;

    g_assert_cmpstr (lf_template_get_name (outage), ==, "Outage notice");
    g_assert_true (lf_template_render (outage, context, recipient, &subject, &body, &error));
    g_assert_cmpstr (subject, ==, "Störung bei Upwork: So erreichen Sie mich");
    g_assert_true (g_str_has_prefix (body, "Hallo Ada,\n\nseit 18. Nov. 2025, 12:20 CET gibt "
                                           "es eine Störung bei Upwork."));
  }
}

static void
test_template_store_edit_save_reset (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LfTemplateStore) store = load_store (&error);
  g_autoptr(LfTemplateStore) again = NULL;
  g_autoptr(LfTemplate) edited = NULL;
  g_autoptr(LfTemplate) mine = lf_template_new ("mine", "Mine", "en", "S", "B {client}");
  g_autofree char *contents = NULL;
  gboolean done = FALSE;

  g_assert_no_error (error);
  edited = lf_template_copy (lf_template_store_lookup (store, "deadline"));
  lf_template_set_subject (edited, "Changed subject for {client}");
  lf_template_store_update (store, edited);
  lf_template_store_update (store, mine);
  g_assert_true (lf_template_store_is_modified (store, "deadline"));
  g_assert_false (lf_template_store_is_modified (store, "outage"));
  g_assert_false (lf_template_store_remove (store, "outage"));

  lf_template_store_save_async (store, NULL, save_cb, &done);
  lf_test_wait_for_flag (&done, 5000);

  /* Only the edits are written. */
  g_assert_true (g_file_get_contents (lf_template_store_get_path (store), &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Changed subject"));
  g_assert_nonnull (strstr (contents, "\"mine\""));
  g_assert_null (strstr (contents, "\"outage\""));

  again = load_store (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 4);
  g_assert_cmpstr (lf_template_get_subject (lf_template_store_lookup (again, "deadline")), ==,
                   "Changed subject for {client}");
  g_assert_nonnull (lf_template_store_lookup (again, "mine"));

  g_assert_true (lf_template_store_reset (again, "deadline"));
  g_assert_false (lf_template_store_reset (again, "mine"));
  g_assert_false (lf_template_store_is_modified (again, "deadline"));
  g_assert_cmpstr (lf_template_get_subject (lf_template_store_lookup (again, "deadline")), ==,
                   "Our deadline and the outage at {platform}");
  g_assert_true (lf_template_store_remove (again, "mine"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 3);

  g_unlink (lf_template_store_get_path (store));
}

static void
test_template_store_damaged (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LfTemplateStore) store = NULL;
  g_autofree char *path = lf_storage_build_data_path ("templates.json");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean kept = FALSE;

  g_assert_true (lf_storage_write_atomic (path, "{\"templates\": [ {\"id\": 3", -1, 0600, NULL));
  store = load_store (&error);
  g_assert_error (error, LF_TEMPLATE_ERROR, LF_TEMPLATE_ERROR_INVALID);
  /* The defaults are still there, and the damaged file is kept aside, not lost. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "templates.json.damaged-"))
      kept = TRUE;
  g_assert_true (kept);
}

/* One client, one or several platforms, in every shipped language: the list is joined in
 * the message's language and nothing in a sentence depends on how many there are. */
static void
test_template_platform_lists (void)
{
  g_autoptr(LfTemplateStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *languages[] = { "en", "de", "fr" };
  const char *two[] = { "Upwork and Discord", "Upwork und Discord", "Upwork et Discord" };
  const char *three[] = { "Upwork, Discord and PayPal", "Upwork, Discord und PayPal",
                          "Upwork, Discord et PayPal" };
  const char *templates[] = { "outage", "deadline", "all-clear" };

  store = load_store (&error);
  g_assert_no_error (error);

  for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
    for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
      for (guint n = 1; n <= 3; n++)
        {
          LfTemplate *template = lf_template_store_lookup (store, templates[t]);
          g_autoptr(LfRenderContext) context = make_context ();
          g_autoptr(LfRecipient) recipient = make_recipient ("Max Keller", "Europe/Berlin",
                                                             languages[l]);
          const char *names[] = { "Upwork", "Discord", "PayPal", NULL };
          g_autofree char *subject = NULL;
          g_autofree char *body = NULL;
          const char *expected = n == 1 ? "Upwork" : n == 2 ? two[l] : three[l];

          names[n] = NULL;
          recipient->platforms = g_strdupv ((char **) names);
          g_assert_true (lf_template_render (template, context, recipient, &subject, &body,
                                             &error));
          g_assert_no_error (error);
          g_test_message ("%s/%s/%u: %s\n%s", templates[t], languages[l], n, subject, body);

          g_assert_nonnull (strstr (subject, expected));
          g_assert_nonnull (strstr (body, expected));
          /* Greeted by the first name, never the full one. */
          g_assert_nonnull (strstr (body, "Max,"));
          g_assert_null (strstr (body, "Keller"));
          /* No singular verb after a list, no placeholder left. */
          g_assert_null (strstr (body, "PayPal is"));
          g_assert_null (strstr (body, "Discord is"));
          g_assert_null (strstr (body, "Discord ist"));
          g_assert_null (strstr (body, "Discord est"));
          g_assert_null (strchr (subject, '{'));
          g_assert_null (strchr (body, '{'));
        }
}

/* An empty status page or next update leaves its sentence out, never "published at ." */
static void
test_template_optional_sentences (void)
{
  g_autoptr(LfTemplateStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *languages[] = { "en", "de", "fr" };

  store = load_store (&error);
  g_assert_no_error (error);

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      LfTemplate *template = lf_template_store_lookup (store, "outage");
      g_autoptr(LfRenderContext) context = make_context ();
      g_autoptr(LfRecipient) recipient = make_recipient ("Ada Lovelace", NULL, languages[l]);
      g_autofree char *subject = NULL;
      g_autofree char *body = NULL;
      g_autofree char *with_subject = NULL;
      g_autofree char *with_body = NULL;

      g_assert_true (lf_template_render (template, context, recipient, &with_subject,
                                         &with_body, &error));
      g_assert_nonnull (strstr (with_body, "https://status.upwork.com/."));

      g_clear_pointer (&context->status_url, g_free);
      g_free (context->next_update);
      context->next_update = g_strdup ("");
      g_assert_true (lf_template_render (template, context, recipient, &subject, &body,
                                         &error));
      g_assert_no_error (error);
      g_test_message ("%s", body);
      g_assert_null (strstr (body, " ."));
      g_assert_null (strstr (body, "at ."));
      g_assert_null (strstr (body, "http"));
      g_assert_null (strstr (body, "\n\n\n"));
      g_assert_null (strstr (body, " \n"));
      /* The other sentences stay. */
      g_assert_nonnull (strstr (body, "WhatsApp +44 7700 900123."));
      g_assert_true (g_str_has_suffix (body, "Sam Freelancer"));
    }

  /* A recipient's own empty status page wins over the context's. */
  {
    g_autoptr(LfTemplate) template = lf_template_new ("t", "T", "en", "S",
                                                      "A {platform}. See {status_url}. B.");
    g_autoptr(LfRenderContext) context = make_context ();
    g_autoptr(LfRecipient) recipient = make_recipient ("Ada", NULL, NULL);
    g_autofree char *subject = NULL;
    g_autofree char *body = NULL;

    recipient->status_url = g_strdup ("");
    g_assert_true (lf_template_render (template, context, recipient, &subject, &body, &error));
    g_assert_cmpstr (body, ==, "A Upwork. B.");
  }
}

static void
test_template_greeting (void)
{
  g_autoptr(LfRecipient) recipient = make_recipient ("Max Keller", NULL, NULL);
  g_autofree char *first = lf_recipient_dup_greeting (recipient);
  g_autofree char *given = NULL;
  g_autofree char *address = NULL;
  const char *items[] = { "A", "B", "C", NULL };
  g_autofree char *de = lf_template_join_list (items, "de-AT");

  g_assert_cmpstr (first, ==, "Max");
  recipient->given_name = g_strdup ("  Maximilian ");
  given = lf_recipient_dup_greeting (recipient);
  g_assert_cmpstr (given, ==, "Maximilian");
  g_clear_pointer (&recipient->given_name, g_free);
  g_free (recipient->name);
  recipient->name = g_strdup ("ada@example.com");
  address = lf_recipient_dup_greeting (recipient);
  g_assert_cmpstr (address, ==, "ada@example.com");
  g_assert_cmpstr (de, ==, "A, B und C");
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/template/every-placeholder", test_template_every_placeholder);
  g_test_add_func ("/lifeline/template/platform-lists", test_template_platform_lists);
  g_test_add_func ("/lifeline/template/optional-sentences", test_template_optional_sentences);
  g_test_add_func ("/lifeline/template/greeting", test_template_greeting);
  g_test_add_func ("/lifeline/template/time-zones", test_template_time_zones);
  g_test_add_func ("/lifeline/template/since-in-recipient-zone",
                   test_template_since_in_recipient_zone);
  g_test_add_func ("/lifeline/template/languages", test_template_languages);
  g_test_add_func ("/lifeline/template/injection", test_template_injection);
  g_test_add_func ("/lifeline/template/unknown-placeholders", test_template_unknown_placeholders);
  g_test_add_func ("/lifeline/template/escapes", test_template_escapes);
  g_test_add_func ("/lifeline/template/json-roundtrip", test_template_json_roundtrip);
  g_test_add_func ("/lifeline/template/store-shipped", test_template_store_shipped);
  g_test_add_func ("/lifeline/template/store-edit-save-reset",
                   test_template_store_edit_save_reset);
  g_test_add_func ("/lifeline/template/store-damaged", test_template_store_damaged);

  return g_test_run ();
}
