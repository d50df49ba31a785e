/* test-storage.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "lf-storage.h"
#include "lf-test-utils.h"

static void
test_storage_dirs_are_isolated (void)
{
  /* Tests run with isolated XDG dirs; Lifeline's folders live under them. */
  g_assert_true (g_str_has_prefix (lf_storage_get_data_dir (), g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (lf_storage_get_data_dir (), "/lifeline"));
  g_assert_true (g_str_has_suffix (lf_storage_get_config_dir (), "/lifeline"));
}

static void
test_storage_write_atomic (void)
{
  g_autofree char *path = lf_storage_build_data_path ("sub/plan.json");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *dirname = NULL;
  GStatBuf st;

  g_assert_true (lf_storage_write_atomic (path, "{\"a\":1}", -1, 0600, &error));
  g_assert_no_error (error);
  g_assert_true (lf_storage_write_atomic (path, "{\"a\":2}", -1, 0600, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "{\"a\":2}");

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* No temporary file is left behind. */
  dirname = g_path_get_dirname (path);
  dir = g_dir_open (dirname, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_dir_read_name (dir), ==, "plan.json");
  g_assert_null (g_dir_read_name (dir));
}

static void
test_storage_write_error_keeps_old (void)
{
  g_autofree char *path = lf_storage_build_data_path ("keep.json");
  g_autofree char *dirname = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root ignores directory permissions");
      return;
    }

  g_assert_true (lf_storage_write_atomic (path, "old", -1, 0600, &error));
  g_assert_cmpint (g_chmod (dirname, 0500), ==, 0);
  g_assert_false (lf_storage_write_atomic (path, "new", -1, 0600, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "keep.json"));
  g_chmod (dirname, 0700);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lf_storage_write_atomic_finish (result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_storage_write_async (void)
{
  g_autofree char *path = lf_storage_build_data_path ("async.json");
  g_autoptr(GBytes) bytes = g_bytes_new_static ("[1,2,3]", 7);
  g_autofree char *contents = NULL;
  gboolean done = FALSE;

  lf_storage_write_atomic_async (path, bytes, 0600, NULL, write_done_cb, &done);
  lf_test_wait_for_flag (&done, 5000);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "[1,2,3]");
}

static void
test_storage_append_line (void)
{
  g_autofree char *path = lf_storage_build_data_path ("history.jsonl");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (lf_storage_append_line (path, "{\"n\":1}", &error));
  g_assert_true (lf_storage_append_line (path, "{\"n\":2}", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "{\"n\":1}\n{\"n\":2}\n");
}

static void
test_storage_read_capped (void)
{
  g_autofree char *path = lf_storage_build_data_path ("big.json");
  g_autofree char *big = g_strnfill (4096, 'x');
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_assert_true (lf_storage_write_atomic (path, big, -1, 0600, &error));
  g_assert_false (lf_storage_read_capped (path, 1024, &contents, &length, &error));
  g_assert_error (error, LF_STORAGE_ERROR, LF_STORAGE_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_assert_true (lf_storage_read_capped (path, 8192, &contents, &length, &error));
  g_assert_cmpuint (length, ==, 4096);
  g_clear_pointer (&contents, g_free);

  g_assert_false (lf_storage_read_capped ("/nonexistent/x", 10, &contents, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_storage_set_aside (void)
{
  g_autofree char *path = lf_storage_build_data_path ("runs.json");
  g_autofree char *aside = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (lf_storage_write_atomic (path, "{broken", -1, 0600, &error));
  aside = lf_storage_set_aside (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (aside);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (aside, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "{broken");
}

static void
test_storage_data_resource_registered (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  /* lf-core carries its data files (catalog, default plan, …) as a resource. */
  bytes = lf_storage_load_data ("lf-data-index.xml", &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = lf_storage_load_data ("no-such-file.json", &error);
  g_assert_error (error, G_RESOURCE_ERROR, G_RESOURCE_ERROR_NOT_FOUND);
  g_assert_null (bytes);
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/storage/dirs-are-isolated", test_storage_dirs_are_isolated);
  g_test_add_func ("/lifeline/storage/write-atomic", test_storage_write_atomic);
  g_test_add_func ("/lifeline/storage/write-error-keeps-old", test_storage_write_error_keeps_old);
  g_test_add_func ("/lifeline/storage/write-async", test_storage_write_async);
  g_test_add_func ("/lifeline/storage/append-line", test_storage_append_line);
  g_test_add_func ("/lifeline/storage/read-capped", test_storage_read_capped);
  g_test_add_func ("/lifeline/storage/set-aside", test_storage_set_aside);
  g_test_add_func ("/lifeline/storage/data-resource-registered",
                   test_storage_data_resource_registered);

  return g_test_run ();
}
