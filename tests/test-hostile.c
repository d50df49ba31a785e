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
#include <string.h>
#include <sys/stat.h>

#include "lf-test-utils.h"

#define N_BRACKETS 100000

typedef struct
{
  char *home;
  char *data;
  char *config;
  char *keyring;
} Fixture;

typedef struct
{
  char     *out;
  char     *err;
  gboolean  done;
} Run;

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

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->out, &run->err,
                                        &error);
  g_assert_no_error (error);
  run->done = TRUE;
}

/* Runs lifeline (no display, no session bus); it must exit by itself within 30 s. */
static int
run (Fixture            *fixture,
     const char * const *args,
     char              **out,
     char              **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Run result = { 0 };

  g_ptr_array_add (argv, (gpointer) lf_test_get_binary ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", fixture->data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", fixture->config, TRUE);
  g_subprocess_launcher_setenv (launcher, "SECRET_BACKEND", "file", TRUE);
  g_subprocess_launcher_setenv (launcher, "SECRET_FILE_TEST_PATH", fixture->keyring, TRUE);
  g_subprocess_launcher_setenv (launcher, "SECRET_FILE_TEST_PASSWORD", "test-password", TRUE);

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (proc, NULL, NULL, communicate_cb, &result);
  lf_test_wait_for_flag (&result.done, 30000);

  if (g_subprocess_get_if_signaled (proc))
    g_error ("lifeline %s ended by signal %d; stderr: %.500s", args[0],
             g_subprocess_get_term_sig (proc), result.err);
  g_assert_true (g_subprocess_get_if_exited (proc));

  *out = result.out;
  *err = result.err;
  return g_subprocess_get_exit_status (proc);
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

#undef ADD

  return g_test_run ();
}
