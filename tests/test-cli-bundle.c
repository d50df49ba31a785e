/* test-cli-bundle.c — channels and templates through --export / --import, end to end
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real program as subprocesses, with libsecret's file backend: a bundle with clients,
 * "me", channels (SMTP password, webhook address) and a changed template is imported on
 * machine A, exported with --include-secrets, imported on a fresh machine B (other data dir,
 * other keyring) and exported again: nothing is lost, and no credential is in a file but the
 * exports that asked for them.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "lf-test-utils.h"

typedef struct
{
  char *data;
  char *config;
  char *keyring;
} Machine;

static Machine machine_a, machine_b;

static int
run (Machine            *machine,
     const char * const *args,
     char              **out,
     char              **err)
{
  LfTestRun how = {
    .keyring = machine->keyring,
    .data_home = machine->data,
    .config_home = machine->config,
  };

  return lf_test_run_lifeline (&how, args, out, err);
}

static void
machine_init (Machine    *machine,
              const char *name)
{
  machine->data = g_build_filename (g_get_home_dir (), name, "data", NULL);
  machine->config = g_build_filename (g_get_home_dir (), name, "config", NULL);
  machine->keyring = g_build_filename (g_get_home_dir (), name, "default.keyring", NULL);
  g_assert_cmpint (g_mkdir_with_parents (machine->data, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (machine->config, 0700), ==, 0);
}

static void
machine_clear (Machine *machine)
{
  g_clear_pointer (&machine->data, g_free);
  g_clear_pointer (&machine->config, g_free);
  g_clear_pointer (&machine->keyring, g_free);
}

static JsonObject *
parse_file (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
member_to_string (JsonObject *object,
                  const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  return json_to_string (node, FALSE);
}

static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, "lifeline", name, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static const char bundle_text[] =
  "{ \"format\": \"lifeline-bundle\", \"version\": 1,\n"
  "  \"me\": { \"name\": \"Sam Freelancer\", \"email\": \"sam@example.com\",\n"
  "          \"channel\": \"Signal +44 7700 900456\" },\n"
  "  \"contacts\": [\n"
  "    { \"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"],\n"
  "      \"platforms\": [\"upwork\"], \"timezone\": \"Europe/London\" },\n"
  "    { \"name\": \"Jürgen Müller\", \"emails\": [\"jurgen@example.de\"],\n"
  "      \"platforms\": [\"upwork\", \"fiverr\"], \"language\": \"de\" } ],\n"
  "  \"channels\": [\n"
  "    { \"id\": \"mail\", \"kind\": \"smtp\", \"host\": \"smtp.example.com\", \"port\": 587,\n"
  "      \"security\": \"starttls\", \"username\": \"sam@example.com\",\n"
  "      \"password\": \"hunter2-secret\", \"from\": \"Sam Freelancer <sam@example.com>\" },\n"
  "    { \"id\": \"agency-slack\", \"kind\": \"slack\",\n"
  "      \"url\": \"https://hooks.slack.com/services/T0/B0/SECRETPATH\" } ],\n"
  "  \"templates\": [\n"
  "    { \"id\": \"outage\", \"name\": \"Outage notice\",\n"
  "      \"subject\": \"{platform} trouble: reach me directly\",\n"
  "      \"body\": \"Hi {client}, {platform} is down. Reach me at {my_channel}. {my_name}\" } ],\n"
  "  \"plan\": { \"steps\": [\n"
  "    { \"title\": \"Ring the agency hotline\", \"detail\": \"+44 20 7946 0999\" },\n"
  "    { \"title\": \"Tether to the phone\", \"causes\": [\"network\"] } ] }\n"
  "}\n";

static void
test_cli_bundle_round_trip (void)
{
  g_autofree char *bundle = g_build_filename (g_get_home_dir (), "bundle.json", NULL);
  g_autofree char *export_a = g_build_filename (g_get_home_dir (), "export-a.json", NULL);
  g_autofree char *export_b = g_build_filename (g_get_home_dir (), "export-b.json", NULL);
  g_autofree char *plain = g_build_filename (g_get_home_dir (), "plain.json", NULL);
  const char *import_bundle[] = { "--import", bundle, NULL };
  const char *export_a_args[] = { "--export", export_a, "--include-secrets", NULL };
  const char *import_a[] = { "--import", export_a, NULL };
  const char *export_b_args[] = { "--export", export_b, "--include-secrets", NULL };
  const char *export_plain[] = { "--export", plain, NULL };
  g_autoptr(JsonObject) a = NULL;
  g_autoptr(JsonObject) b = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *file = NULL;
  JsonArray *contacts_a, *contacts_b;

  g_assert_true (g_file_set_contents (bundle, bundle_text, -1, NULL));

  /* Machine A. */
  g_assert_cmpint (run (&machine_a, import_bundle, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Imported 2 channels and 1 template."));
  g_assert_nonnull (strstr (out, "Imported a plan of 2 steps."));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  file = read_file (machine_a.data, "channels.json");
  g_assert_nonnull (strstr (file, "\"agency-slack\""));
  g_assert_null (strstr (file, "hunter2"));
  g_assert_null (strstr (file, "SECRETPATH"));
  g_clear_pointer (&file, g_free);

  g_assert_cmpint (run (&machine_a, export_a_args, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Machine B: a fresh data dir and keyring. */
  g_assert_cmpint (run (&machine_b, import_a, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Imported 2 channels and 1 template."));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&machine_b, export_b_args, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  a = parse_file (export_a);
  b = parse_file (export_b);

  /* Nothing lost: the channels with their credentials, the changed template, "me". */
  {
    g_autofree char *channels_a = member_to_string (a, "channels");
    g_autofree char *channels_b = member_to_string (b, "channels");
    g_autofree char *templates_a = member_to_string (a, "templates");
    g_autofree char *templates_b = member_to_string (b, "templates");
    g_autofree char *me_a = member_to_string (a, "me");
    g_autofree char *me_b = member_to_string (b, "me");

    g_assert_cmpstr (channels_a, ==, channels_b);
    g_assert_nonnull (strstr (channels_a, "\"password\":\"hunter2-secret\""));
    g_assert_nonnull (strstr (channels_a,
                              "\"url\":\"https://hooks.slack.com/services/T0/B0/SECRETPATH\""));
    g_assert_nonnull (strstr (channels_a, "\"host\":\"smtp.example.com\""));
    g_assert_nonnull (strstr (channels_a, "\"port\":587"));
    g_assert_cmpstr (templates_a, ==, templates_b);
    g_assert_nonnull (strstr (templates_a, "{platform} trouble: reach me directly"));
    /* Only the changed template travels. */
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "templates")),
                      ==, 1);
    g_assert_cmpstr (me_a, ==, me_b);
    g_assert_nonnull (strstr (me_a, "Signal +44 7700 900456"));
  }

  /* The plan travels too, and replaced the default one. */
  {
    JsonObject *plan_a = json_object_get_object_member (a, "plan");
    JsonObject *plan_b = json_object_get_object_member (b, "plan");
    JsonArray *steps_a, *steps_b;

    g_assert_nonnull (plan_a);
    g_assert_nonnull (plan_b);
    steps_a = json_object_get_array_member (plan_a, "steps");
    steps_b = json_object_get_array_member (plan_b, "steps");
    g_assert_cmpuint (json_array_get_length (steps_a), ==, 2);
    g_assert_cmpuint (json_array_get_length (steps_b), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps_b, 0),
                                                    "title"), ==, "Ring the agency hotline");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps_b, 1),
                                                    "title"), ==, "Tether to the phone");
  }
  contacts_a = json_object_get_array_member (a, "contacts");
  contacts_b = json_object_get_array_member (b, "contacts");
  g_assert_cmpuint (json_array_get_length (contacts_a), ==, 2);
  g_assert_cmpuint (json_array_get_length (contacts_b), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *ca = json_array_get_object_element (contacts_a, i);
      g_autofree char *name = g_strdup (json_object_get_string_member (ca, "name"));
      gboolean found = FALSE;

      for (guint j = 0; j < 2; j++)
        {
          JsonObject *cb = json_array_get_object_element (contacts_b, j);

          if (g_strcmp0 (json_object_get_string_member (cb, "name"), name) == 0)
            {
              g_autofree char *pa = member_to_string (ca, "platforms");
              g_autofree char *pb = member_to_string (cb, "platforms");

              g_assert_cmpstr (pa, ==, pb);
              found = TRUE;
            }
        }
      g_assert_true (found);
    }

  /* B's files hold no credential either. */
  file = read_file (machine_b.data, "channels.json");
  g_assert_null (strstr (file, "hunter2"));
  g_assert_null (strstr (file, "SECRETPATH"));
  g_clear_pointer (&file, g_free);

  /* Without --include-secrets: the channels, not their credentials. */
  g_assert_cmpint (run (&machine_b, export_plain, &out, &err), ==, 0);
  g_assert_true (g_file_get_contents (plain, &file, NULL, NULL));
  g_assert_nonnull (strstr (file, "\"agency-slack\""));
  g_assert_nonnull (strstr (file, "smtp.example.com"));
  g_assert_null (strstr (file, "hunter2"));
  g_assert_null (strstr (file, "SECRETPATH"));
}

static void
test_cli_bundle_bad_template (void)
{
  g_autofree char *bundle = g_build_filename (g_get_home_dir (), "bad.json", NULL);
  const char *import_bundle[] = { "--import", bundle, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* A template without a body: said, and no channel of the same bundle is imported. */
  g_assert_true (g_file_set_contents (bundle,
    "{ \"format\": \"lifeline-bundle\", \"version\": 1,\n"
    "  \"channels\": [ { \"id\": \"other\", \"kind\": \"mail-client\" } ],\n"
    "  \"templates\": [ { \"id\": \"x\", \"subject\": \"s\" } ] }\n", -1, NULL));
  g_assert_cmpint (run (&machine_b, import_bundle, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "Template 1 of the bundle cannot be used"));
  g_free (out);
  out = read_file (machine_b.data, "channels.json");
  g_assert_null (strstr (out, "\"other\""));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  lf_test_init (&argc, &argv);
  machine_init (&machine_a, "machine-a");
  machine_init (&machine_b, "machine-b");

  g_test_add_func ("/lifeline/cli-bundle/round-trip", test_cli_bundle_round_trip);
  g_test_add_func ("/lifeline/cli-bundle/bad-template", test_cli_bundle_bad_template);

  ret = g_test_run ();
  machine_clear (&machine_a);
  machine_clear (&machine_b);
  return ret;
}
