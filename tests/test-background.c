/* test-background.c — start at login natively: the autostart entry, written off the main thread
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lf-autostart.h"
#include "lf-background.h"
#include "lf-test-utils.h"

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Result;

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Result *res = user_data;

  res->ok = lf_background_request_finish (LF_BACKGROUND (object), result, &res->error);
  res->done = TRUE;
}

static gboolean
request (LfBackground  *background,
         gboolean       autostart,
         GError       **error)
{
  Result res = { 0 };

  lf_background_request_async (background, autostart, NULL, request_cb, &res);
  /* Written in a thread: the main context is free while it happens. */
  g_assert_false (res.done);
  lf_test_wait_for_flag (&res.done, 5000);

  if (res.error != NULL)
    g_propagate_error (error, res.error);
  return res.ok;
}

static void
test_background_native_autostart (void)
{
  g_autoptr(LfBackground) background = lf_background_new (NULL);
  g_autofree char *path = lf_autostart_get_path ();
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;

  g_assert_false (lf_background_is_sandboxed (background));
  g_assert_true (g_str_has_prefix (path, g_get_user_config_dir ()));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_true (request (background, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  exec = g_key_file_get_string (kf, "Desktop Entry", "Exec", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (exec, " --gapplication-service"));

  /* Natively there is no portal to tell: setting a status does nothing and costs nothing. */
  lf_background_set_status (background, "All clear");

  g_assert_true (request (background, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_background_write_error (void)
{
  g_autoptr(LfBackground) background = lf_background_new (NULL);
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "autostart", NULL);
  g_autoptr(GError) error = NULL;

  /* The autostart folder cannot be made: a clear error, not a silent success. */
  g_assert_cmpint (g_file_test (dir, G_FILE_TEST_IS_DIR) ? g_rmdir (dir) : 0, ==, 0);
  g_assert_true (g_file_set_contents (dir, "not a folder", -1, NULL));

  g_assert_false (request (background, TRUE, &error));
  g_assert_nonnull (error);
  g_assert_false (lf_autostart_is_enabled ());

  g_unlink (dir);
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/background/native-autostart", test_background_native_autostart);
  g_test_add_func ("/lifeline/background/write-error", test_background_write_error);

  return g_test_run ();
}
