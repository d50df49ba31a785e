/* test-storage.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

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
count_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  guint *pending = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lf_storage_write_atomic_finish (result, &error));
  g_assert_no_error (error);
  (*pending)--;
}

static gboolean
nothing_pending (gpointer data)
{
  return *(guint *) data == 0;
}

/* Saves made one after the other (an editor's Save pressed twice) run on worker threads:
 * the file must end with the last one, never an older one that finished later. */
static void
test_storage_write_async_order (void)
{
  g_autofree char *path = lf_storage_build_data_path ("order.json");
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  guint pending = 0;

  for (guint round = 0; round < 5; round++)
    {
      for (guint i = 0; i < 40; i++)
        {
          g_autoptr(GBytes) bytes = g_bytes_new_take (g_strdup_printf ("{\"n\":%u}", i),
                                                      i < 10 ? 7 : 8);

          pending++;
          lf_storage_write_atomic_async (path, bytes, 0600, NULL, count_done_cb, &pending);
        }
      g_assert_true (lf_test_wait_for (nothing_pending, &pending, 10000));

      g_clear_pointer (&contents, g_free);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "{\"n\":39}");
    }
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

/* A disk that fills up in the middle of a write (simulated with RLIMIT_FSIZE, which also
 * holds for root): the error is plain, the old file is intact, and an append that was cut
 * short leaves no half line that would glue itself to the next record. */
static void
test_storage_full_disk (void)
{
  g_autofree char *path = lf_storage_build_data_path ("full.json");
  g_autofree char *log = lf_storage_build_data_path ("full.jsonl");
  g_autofree char *big = g_strnfill (4096, 'y');
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  struct rlimit saved, limit;
  GStatBuf st;

  g_assert_true (lf_storage_write_atomic (path, "old", -1, 0600, &error));
  g_assert_true (lf_storage_append_line (log, "{\"n\":1}", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (log, &st), ==, 0);

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = st.st_size + 4;   /* room for part of the next line only */
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  g_assert_false (lf_storage_write_atomic (path, big, -1, 0600, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "full.json"));
  g_clear_error (&error);

  g_assert_false (lf_storage_append_line (log, "{\"n\":2}", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "full.jsonl"));
  g_clear_error (&error);

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, SIG_DFL);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_clear_pointer (&contents, g_free);

  /* With room again, the next record starts on a line of its own. */
  g_assert_true (lf_storage_append_line (log, "{\"n\":3}", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (log, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "{\"n\":1}\n{\"n\":3}\n");
}

static gpointer
feed_fifo_thread (gpointer data)
{
  const char *fifo = data;
  g_autofree char *chunk = g_strnfill (4096, 'z');
  int fd = g_open (fifo, O_WRONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  /* 64 KiB, or until the reader gives up (EPIPE). */
  for (guint i = 0; i < 16; i++)
    if (write (fd, chunk, 4096) < 0)
      break;
  close (fd);

  return NULL;
}

/* A pipe (or /dev/zero, or a file that grows) has no size to check beforehand: the limit
 * still holds while reading. */
static void
test_storage_read_capped_pipe (void)
{
  g_autofree char *fifo = lf_storage_build_data_path ("import.fifo");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GThread *feeder;

  g_assert_cmpint (g_mkdir_with_parents (lf_storage_get_data_dir (), 0700), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  signal (SIGPIPE, SIG_IGN);

  feeder = g_thread_new ("feeder", feed_fifo_thread, fifo);
  g_assert_false (lf_storage_read_capped (fifo, 1024, &contents, NULL, &error));
  g_assert_error (error, LF_STORAGE_ERROR, LF_STORAGE_ERROR_TOO_LARGE);
  g_assert_null (contents);
  g_thread_join (feeder);
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
  g_test_add_func ("/lifeline/storage/write-async-order", test_storage_write_async_order);
  g_test_add_func ("/lifeline/storage/append-line", test_storage_append_line);
  g_test_add_func ("/lifeline/storage/read-capped", test_storage_read_capped);
  g_test_add_func ("/lifeline/storage/read-capped-pipe", test_storage_read_capped_pipe);
  g_test_add_func ("/lifeline/storage/full-disk", test_storage_full_disk);
  g_test_add_func ("/lifeline/storage/set-aside", test_storage_set_aside);
  g_test_add_func ("/lifeline/storage/data-resource-registered",
                   test_storage_data_resource_registered);

  return g_test_run ();
}
