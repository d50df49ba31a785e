/* test-hostile.c — hostile input through the real command line: it always ends, in bounded
 * time, with a clear message and an exit code, never a signal, and nothing half-written
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real program as a subprocess with its own data and config dirs and libsecret's file
 * backend (a real keyring file, not the session's).
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lf-test-utils.h"

#define N_BRACKETS 100000

typedef struct
{
  char *home;
  char *data;
  char *config;
  char *keyring;
} Fixture;

/* 0, or a file size limit for the next run (a full disk, as far as writes can tell). */
static rlim_t file_size_limit;

static const char *bypass_prefixes[] = {
  "'\"'",
  "/* \" */",
  "{ \"format\": \"lifeline-bundle\", \"version\": 1, \"contacts\": ['\"', ",
};

static char *
bypass (const char *prefix)
{
  GString *out = g_string_new (prefix);

  for (guint i = 0; i < N_BRACKETS; i++)
    g_string_append_c (out, '[');
  return g_string_free (out, FALSE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  static guint counter;

  fixture->home = g_strdup_printf ("%s/hostile-%u", g_get_home_dir (), counter++);
  fixture->data = g_build_filename (fixture->home, "data", NULL);
  fixture->config = g_build_filename (fixture->home, "config", NULL);
  fixture->keyring = g_build_filename (fixture->home, "default.keyring", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->data, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (fixture->config, 0700), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_free (fixture->home);
  g_free (fixture->data);
  g_free (fixture->config);
  g_free (fixture->keyring);
}

/* In the child, before exec: writes past the limit fail with EFBIG (not a signal). */
static void
limit_file_size (gpointer user_data)
{
  struct rlimit limit = { file_size_limit, file_size_limit };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

/* Runs lifeline (no display, no session bus); it must exit by itself within 30 s. */
static int
run (Fixture            *fixture,
     const char * const *args,
     char              **out,
     char              **err)
{
  LfTestRun how = {
    .keyring = fixture->keyring,
    .data_home = fixture->data,
    .config_home = fixture->config,
    .child_setup = file_size_limit > 0 ? limit_file_size : NULL,
    .timeout_ms = 30000,
  };

  return lf_test_run_lifeline (&how, args, out, err);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents,
            gssize      length)
{
  char *path = g_build_filename (fixture->home, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

/* The names under @dir (recursively), sorted, one a line: to compare before and after. */
static void
list_tree (GString    *out,
           const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);

      g_string_append_printf (out, "%s\n", path);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        list_tree (out, path);
    }
}

static char *
snapshot (Fixture *fixture)
{
  GString *out = g_string_new (NULL);

  list_tree (out, fixture->data);
  list_tree (out, fixture->config);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* JSON bypasses                                                            */
/* ------------------------------------------------------------------------ */

static void
test_json_import (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *before = snapshot (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (bypass_prefixes); i++)
    {
      g_autofree char *text = bypass (bypass_prefixes[i]);
      g_autofree char *path = write_file (fixture, "bundle.json", text, -1);
      g_autofree char *after = NULL;
      const char *args[] = { "--import", path, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run (fixture, args, &out, &err), ==, 1);
      g_assert_nonnull (strstr (err, "valid JSON: line 1, column "));
      after = snapshot (fixture);
      g_assert_cmpstr (before, ==, after);
    }
}

static void
test_json_check_catalog (Fixture       *fixture,
                         gconstpointer  user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (bypass_prefixes); i++)
    {
      g_autofree char *text = bypass (bypass_prefixes[i]);
      g_autofree char *path = write_file (fixture, "catalog.json", text, -1);
      const char *args[] = { "--check", "--catalog", path, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run (fixture, args, &out, &err), ==, 3);
      g_assert_nonnull (strstr (err, path));
      g_assert_nonnull (strstr (err, "valid JSON: line 1, column "));
    }
}

/* A broken catalog.json in the config dir: every start reads it. */
static void
test_json_user_catalog (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *dir = g_build_filename (fixture->config, "lifeline", NULL);
  g_autofree char *path = g_build_filename (dir, "catalog.json", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (bypass_prefixes); i++)
    {
      g_autofree char *text = bypass (bypass_prefixes[i]);
      const char *args[] = { "--check", "--timeout", "1", NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_true (g_file_set_contents (path, text, -1, NULL));
      g_assert_cmpint (run (fixture, args, &out, &err), ==, 3);
      g_assert_nonnull (strstr (err, "catalog.json"));
      g_assert_nonnull (strstr (err, "valid JSON: line 1, column "));
    }
}

/* ------------------------------------------------------------------------ */
/* Files                                                                    */
/* ------------------------------------------------------------------------ */

/* A FIFO nobody writes to: a blocking open would wait forever. */
static void
test_import_fifo (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->home, "contacts.csv", NULL);
  const char *args[] = { "--import", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  g_assert_cmpint (run (fixture, args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "is not a regular file"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

static void
test_export_missing_folder (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->home, "no", "such", "dir", "x.json", NULL);
  g_autofree char *no = g_build_filename (fixture->home, "no", NULL);
  const char *args[] = { "--export", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (fixture, args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "does not exist"));
  g_assert_false (g_file_test (no, G_FILE_TEST_EXISTS));
}

/* ------------------------------------------------------------------------ */
/* Bundles                                                                  */
/* ------------------------------------------------------------------------ */

/* The example of docs/DESIGN.md, as printed there, imports whole. */
static void
test_design_example (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *design_path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "docs",
                                                   "DESIGN.md", NULL);
  g_autofree char *design = NULL;
  g_autofree char *example = NULL;
  g_autofree char *path = NULL;
  const char *start, *end;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *args[] = { "--import", NULL, NULL };

  g_assert_true (g_file_get_contents (design_path, &design, NULL, NULL));
  start = strstr (design, "**The bundle**");
  g_assert_nonnull (start);
  start = strstr (start, "```json\n");
  g_assert_nonnull (start);
  start += strlen ("```json\n");
  end = strstr (start, "```");
  g_assert_nonnull (end);
  example = g_strndup (start, end - start);
  path = write_file (fixture, "design-example.json", example, -1);
  args[1] = path;

  g_assert_cmpint (run (fixture, args, &out, &err), ==, 0);
  g_test_message ("%s%s", out, err);
  g_assert_nonnull (strstr (out, "1 client to add"));
  g_assert_nonnull (strstr (out, "Imported into the keyring."));
  g_assert_nonnull (strstr (out, "Imported 2 channels and 1 template."));
  g_assert_nonnull (strstr (out, "Imported a plan of 1 step."));
}

static const char full_bundle[] =
  "{ \"format\": \"lifeline-bundle\", \"version\": 1,\n"
  "  \"me\": { \"name\": \"Sam Freelancer\", \"email\": \"sam@example.com\" },\n"
  "  \"contacts\": [ { \"name\": \"Ada Lovelace\", \"emails\": [\"ada@example.com\"] },\n"
  "                { \"name\": \"Grace Hopper\", \"emails\": [\"grace@example.com\"] } ],\n"
  "  \"channels\": [ { \"id\": \"agency-slack\", \"kind\": \"slack\",\n"
  "                  \"url\": \"https://hooks.slack.com/services/T0/B0/SECRET\" } ],\n"
  "  \"templates\": [ { \"id\": \"outage\", \"name\": \"Outage notice\", \"subject\": \"s\",\n"
  "                   \"body\": \"%s\" } ],\n"
  "  \"plan\": { \"steps\": [ { \"title\": \"Tether to the phone\", \"causes\": [\"network\"] } ] } }\n";

static JsonObject *
export_bundle (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->home, "export.json", NULL);
  const char *args[] = { "--export", path, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run (fixture, args, &out, &err), ==, 0);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* A write that fails midway (here the templates file, on a full disk) undoes what the
 * import wrote before it: no client, no "me", no channel is left. */
static void
test_bundle_rollback (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *channels = NULL;
  g_autofree char *channels_path = g_build_filename (fixture->data, "lifeline",
                                                     "channels.json", NULL);
  g_autofree char *plan_path = g_build_filename (fixture->data, "lifeline", "plan.json", NULL);
  g_autoptr(JsonObject) exported = NULL;
  const char *args[] = { "--import", NULL, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* A template far larger than the file size limit below. */
  for (guint i = 0; i < 8000; i++)
    g_string_append (body, "Hello {client}. ");
  text = g_strdup_printf (full_bundle, body->str);
  path = write_file (fixture, "bundle.json", text, -1);
  args[1] = path;

  file_size_limit = 64 * 1024;
  g_assert_cmpint (run (fixture, args, &out, &err), ==, 1);
  file_size_limit = 0;
  g_test_message ("%s%s", out, err);
  g_assert_nonnull (strstr (err, "The import stopped and nothing was changed"));

  exported = export_bundle (fixture);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (exported, "contacts")),
                    ==, 0);
  g_assert_false (json_object_has_member (exported, "me") &&
                  json_object_get_size (json_object_get_object_member (exported, "me")) > 0 &&
                  json_object_has_member (json_object_get_object_member (exported, "me"),
                                          "name"));
  if (g_file_get_contents (channels_path, &channels, NULL, NULL))
    g_assert_null (strstr (channels, "agency-slack"));
  g_assert_false (g_file_test (plan_path, G_FILE_TEST_EXISTS));

  /* Without the limit, the same bundle imports whole. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture, args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Imported a plan of 1 step."));
}

/* A bundle whose plan cannot be used: refused before anything is written (it used to write
 * contacts, "me", channels and templates, then stop). */
static void
test_bundle_checked_first (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *text = g_strdup_printf (full_bundle, "b");
  g_autofree char *broken = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = snapshot (fixture);
  g_autofree char *after = NULL;
  const char *args[] = { "--import", NULL, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  char *cause = strstr (text, "\"network\"");

  g_assert_nonnull (cause);
  broken = g_strdup_printf ("%.*s\"meteor\"%s", (int) (cause - text), text,
                            cause + strlen ("\"network\""));
  path = write_file (fixture, "bundle.json", broken, -1);
  args[1] = path;

  g_assert_cmpint (run (fixture, args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "The bundle’s plan cannot be used"));
  g_assert_cmpstr (out, ==, "");
  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/hostile/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("json/import", test_json_import);
  ADD ("json/check-catalog", test_json_check_catalog);
  ADD ("json/user-catalog", test_json_user_catalog);
  ADD ("files/import-fifo", test_import_fifo);
  ADD ("files/export-missing-folder", test_export_missing_folder);
  ADD ("bundle/design-example", test_design_example);
  ADD ("bundle/rollback", test_bundle_rollback);
  ADD ("bundle/checked-first", test_bundle_checked_first);

#undef ADD

  return g_test_run ();
}
