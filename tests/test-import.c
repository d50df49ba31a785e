/* test-import.c — import under hostile input: linear, bounded, honest, off the main loop;
 * and the storage it relies on (stale temporaries, log rotation, export folders)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "lf-export.h"
#include "lf-import.h"
#include "lf-json.h"
#include "lf-json-file.h"
#include "lf-storage.h"
#include "lf-test-utils.h"

static char *
csv_of (guint n_rows,
        guint first)
{
  GString *out = g_string_new ("Name,E-mail Address\n");

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (out, "Person %u,person%u@example.com\n", first + i, first + i);
  return g_string_free (out, FALSE);
}

static char *
lines_to_string (GPtrArray *lines)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *) lines->pdata[i]);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* The report                                                               */
/* ------------------------------------------------------------------------ */

static void
test_report_summarised (void)
{
  g_autoptr(LfImportReport) report = lf_import_report_new ();
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *text = NULL;

  for (guint i = 1000000; i >= 1; i--)
    lf_import_report_note (report, "line %u: garbage", i);
  lf_import_report_skip (report, "row %u: no name or e-mail", 100000);
  lf_import_report_skip (report, "row %u: no name or e-mail", 99);

  g_assert_cmpuint (lf_import_report_get_n_notes (report), ==, 1000000);
  g_assert_cmpuint (lf_import_report_get_n_skipped (report), ==, 2);

  lines = lf_import_report_get_lines (report, TRUE);
  text = lines_to_string (lines);
  g_test_message ("%s", text);
  /* Numeric order (99 before 100000 before 999996), and the rest counted. */
  g_assert_cmpstr (text, ==,
                   "row 99: no name or e-mail\n"
                   "row 100000: no name or e-mail\n"
                   "line 999996: garbage\n"
                   "line 999997: garbage\n"
                   "line 999998: garbage\n"
                   "line 999999: garbage\n"
                   "line 1000000: garbage\n"
                   "… and 999995 more like this\n");
}

/* ------------------------------------------------------------------------ */
/* The preview                                                              */
/* ------------------------------------------------------------------------ */

/* 40,000 rows, half of them the same people again: quadratic matching took seconds. */
static void
test_preview_linear (void)
{
  g_autofree char *a = csv_of (20000, 0);
  g_autofree char *b = csv_of (20000, 0);
  g_autofree char *both = g_strconcat (a, strchr (b, '\n') + 1, NULL);
  g_autoptr(LfImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  preview = lf_import_preview_new (NULL, both, -1, LF_IMPORT_FORMAT_CSV, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lf_import_preview_get_added (preview)->len, ==, 20000);
  g_test_message ("40,000 rows in %.2f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

static void
test_preview_caps (void)
{
  g_autoptr(GString) big = g_string_new ("Name,E-mail Address\n");
  g_autoptr(LfImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *many = csv_of (LF_IMPORT_MAX_CONTACTS + 1, 0);
  g_autofree char *text = NULL;

  /* A 15 MB name: refused with its size, the rest imported. */
  g_string_append (big, "Normal Person,normal@example.com\n");
  for (guint i = 0; i < 15 * 1024 * 1024; i++)
    g_string_append_c (big, 'x');
  g_string_append (big, ",huge@example.com\n");
  preview = lf_import_preview_new (NULL, big->str, big->len, LF_IMPORT_FORMAT_CSV, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lf_import_preview_get_added (preview)->len, ==, 1);
  text = lf_import_preview_to_string (preview);
  g_assert_nonnull (strstr (text, "1 entry skipped"));
  g_assert_nonnull (strstr (text, "row 3: the name is too long (15728640 bytes; at most 1024)"));
  g_clear_object (&preview);

  /* More contacts than an import takes: refused whole, with what to do. */
  preview = lf_import_preview_new (NULL, many, -1, LF_IMPORT_FORMAT_CSV, &error);
  g_assert_null (preview);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "at most 100000"));
}

/* An 8 MB vCard of one card and a million garbage lines: a short report, bounded time. */
static void
test_preview_garbage_vcard (void)
{
  g_autoptr(GString) vcf = g_string_new ("BEGIN:VCARD\nVERSION:3.0\nFN:Ada\n");
  g_autoptr(LfImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 start;

  for (guint i = 0; i < 1000000; i++)
    g_string_append (vcf, "garbage\n");
  g_string_append (vcf, "END:VCARD\n");

  start = g_get_monotonic_time ();
  preview = lf_import_preview_new (NULL, vcf->str, vcf->len, LF_IMPORT_FORMAT_VCARD, &error);
  g_assert_no_error (error);
  text = lf_import_preview_to_string (preview);
  g_test_message ("%s(%.2f s)", text, (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (strlen (text), <, 2048);
  g_assert_nonnull (strstr (text, "1 client to add"));
  g_assert_nonnull (strstr (text, "0 entries skipped"));
  g_assert_nonnull (strstr (text, "1000000 warnings"));
  g_assert_nonnull (strstr (text, "card 1, line 4: not a vCard property, ignored"));
  g_assert_nonnull (strstr (text, "… and 999995 more like this"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

/* A first card not closed by END:VCARD is imported, and the report says so (not
 * "skipped"). */
static void
test_preview_vcard_leniency_honest (void)
{
  const char *vcf = "BEGIN:VCARD\nFN:Ada\nEMAIL:ada@example.com\n"
                    "BEGIN:VCARD\nFN:Grace\nEMAIL:grace@example.com\nEND:VCARD\n";
  g_autoptr(LfImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  preview = lf_import_preview_new (NULL, vcf, -1, LF_IMPORT_FORMAT_VCARD, &error);
  g_assert_no_error (error);
  text = lf_import_preview_to_string (preview);
  g_assert_cmpuint (lf_import_preview_get_added (preview)->len, ==, 2);
  g_assert_nonnull (strstr (text, "2 clients to add"));
  g_assert_nonnull (strstr (text, "0 entries skipped"));
  g_assert_nonnull (strstr (text, "1 warning (imported, with a part ignored)"));
  g_assert_nonnull (strstr (text, "card 1: not closed by END:VCARD; read up to the next "
                                  "BEGIN:VCARD"));
}

static void
got_result_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
count_tick_cb (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

/* What the Clients page does with a large file: the main loop keeps turning (a 10 ms
 * timer fires all along) while a worker reads and sorts it, with progress. */
static void
test_load_keeps_main_loop_running (void)
{
  g_autoptr(LfContactStore) store = lf_contact_store_new ();
  g_autofree char *path = g_build_filename (g_get_home_dir (), "big.csv", NULL);
  g_autofree char *csv = csv_of (100000, 0);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LfImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  double last = 0.0;
  guint ticks = 0;
  guint timer;
  gint64 start, elapsed;

  g_assert_true (g_file_set_contents (path, csv, -1, NULL));

  timer = g_timeout_add (10, count_tick_cb, &ticks);
  start = g_get_monotonic_time ();
  lf_import_preview_load_async (store, file, progress_cb, &last, NULL, NULL, got_result_cb,
                                &result);
  /* The call itself returns at once. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 50 * 1000);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  elapsed = g_get_monotonic_time () - start;
  g_source_remove (timer);

  preview = lf_import_preview_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lf_import_preview_get_added (preview)->len, ==, 100000);
  g_test_message ("%.2f s, %u ticks of 10 ms, progress to %.2f", elapsed / 1e6, ticks, last);
  /* At least half the ticks the time allowed: no long stall. */
  g_assert_cmpuint (ticks, >=, elapsed / (10 * 1000) / 2);
  g_assert_cmpfloat (last, >, 0.5);
}

static void
test_load_cancel (void)
{
  g_autoptr(LfContactStore) store = lf_contact_store_new ();
  g_autofree char *path = g_build_filename (g_get_home_dir (), "cancel.csv", NULL);
  g_autofree char *csv = csv_of (100000, 0);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LfImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  lf_import_preview_load_async (store, file, NULL, NULL, NULL, cancellable, got_result_cb,
                                &result);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  preview = lf_import_preview_load_finish (result, &error);
  g_assert_null (preview);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ------------------------------------------------------------------------ */
/* Storage                                                                  */
/* ------------------------------------------------------------------------ */

static void
test_stale_temporaries (void)
{
  g_autofree char *dir = g_build_filename (g_get_home_dir (), "stale", NULL);
  g_autofree char *path = g_build_filename (dir, "channels.json", NULL);
  g_autofree char *old_tmp = g_build_filename (dir, "channels.json.Ab12Cd", NULL);
  g_autofree char *new_tmp = g_build_filename (dir, "channels.json.Xy34Zw", NULL);
  g_autofree char *other = g_build_filename (dir, "channels.json.orig", NULL);
  struct timeval old_times[2] = { { 1000, 0 }, { 1000, 0 } };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (old_tmp, "{\"half", -1, NULL));
  g_assert_true (g_file_set_contents (new_tmp, "{\"half", -1, NULL));
  g_assert_true (g_file_set_contents (other, "{}", -1, NULL));
  g_assert_cmpint (utimes (old_tmp, old_times), ==, 0);

  /* The first write of a path in a process removes what a crash left (old enough not to be
   * another process's write in flight); other files are left alone. */
  g_assert_true (lf_storage_write_atomic (path, "{}", -1, 0600, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (old_tmp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (new_tmp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));

  /* At load, a store removes them all. */
  g_assert_cmpuint (lf_storage_remove_stale_temporaries (path, 0), ==, 1);
  g_assert_false (g_file_test (new_tmp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
}

/* A temporary another process is writing at this moment (it holds the writer's lock) is not
 * a crash's leftover, however old it looks: a store's load leaves it, and takes it once the
 * writer is gone. */
static void
test_stale_temporaries_locked (void)
{
  g_autofree char *dir = g_build_filename (g_get_home_dir (), "stale-locked", NULL);
  g_autofree char *path = g_build_filename (dir, "templates.json", NULL);
  g_autofree char *held = g_build_filename (dir, "templates.json.Lk56Mn", NULL);
  g_autofree char *stale = g_build_filename (dir, "templates.json.Qr78St", NULL);
  struct timeval old_times[2] = { { 1000, 0 }, { 1000, 0 } };
  g_autoptr(JsonArray) list = NULL;
  g_autoptr(GError) error = NULL;
  int writer;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{\"templates\": []}", -1, NULL));
  g_assert_true (g_file_set_contents (held, "{\"half", -1, NULL));
  g_assert_true (g_file_set_contents (stale, "{\"half", -1, NULL));
  g_assert_cmpint (utimes (held, old_times), ==, 0);
  g_assert_cmpint (utimes (stale, old_times), ==, 0);

  /* The "writer": its own open file description, locked as lf_storage_write_atomic() does. */
  writer = g_open (held, O_WRONLY | O_CLOEXEC, 0);
  g_assert_cmpint (writer, >=, 0);
  g_assert_cmpint (flock (writer, LOCK_EX), ==, 0);

  g_assert_true (lf_json_file_read_list (path, 1024 * 1024, "templates", &list, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (held, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (lf_storage_remove_stale_temporaries (path, 0), ==, 0);
  g_assert_true (g_file_test (held, G_FILE_TEST_EXISTS));

  /* The writer died without renaming: now it is a leftover. */
  close (writer);
  g_assert_cmpuint (lf_storage_remove_stale_temporaries (path, 0), ==, 1);
  g_assert_false (g_file_test (held, G_FILE_TEST_EXISTS));
}

typedef struct
{
  const char *path;
  gint        writing;
} RaceData;

static gpointer
race_writer_thread (gpointer user_data)
{
  RaceData *data = user_data;
  guint failures = 0;

  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"n\": %u}", i);
      g_autoptr(GError) error = NULL;

      if (!lf_storage_write_atomic (data->path, text, -1, 0600, &error))
        {
          g_printerr ("write %u: %s\n", i, error->message);
          failures++;
        }
    }
  g_atomic_int_set (&data->writing, FALSE);

  return GUINT_TO_POINTER (failures);
}

/* One process saves over and over while another loads (and clears temporaries) over and
 * over: every save lands, and the file is always whole. */
static void
test_stale_temporaries_race (void)
{
  g_autofree char *dir = g_build_filename (g_get_home_dir (), "stale-race", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.json", NULL);
  RaceData data = { path, TRUE };
  GThread *writer;
  guint loads = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{\"n\": -1}", -1, NULL));

  writer = g_thread_new ("writer", race_writer_thread, &data);
  while (g_atomic_int_get (&data.writing))
    {
      g_autofree char *contents = NULL;
      g_autoptr(JsonObject) object = NULL;

      lf_storage_remove_stale_temporaries (path, 0);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      object = lf_json_parse_object (contents, -1, NULL);
      g_assert_nonnull (object);
      loads++;
    }
  g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (writer)), ==, 0);
  g_assert_cmpuint (loads, >, 0);
  g_test_message ("%u loads during 150 saves", loads);
}

static void
test_log_rotation (void)
{
  g_autofree char *path = g_build_filename (g_get_home_dir (), "log.jsonl", NULL);
  g_autofree char *archive = g_strconcat (path, ".1.gz", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *kept = NULL;
  g_autofree char *compressed = NULL;
  g_autoptr(GError) error = NULL;
  gsize kept_length, compressed_length;
  guint n = 0;

  while (text->len <= LF_STORAGE_ROTATE_BYTES)
    g_string_append_printf (text, "{\"n\":%u}\n", n++);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  /* The next append rotates: a bounded window stays, the rest is archived, nothing lost. */
  g_assert_true (lf_storage_append_line (path, "{\"n\":\"last\"}", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &kept, &kept_length, NULL));
  g_assert_cmpuint (kept_length, <=, LF_STORAGE_ROTATE_BYTES / 2 + 64);
  g_assert_true (g_str_has_suffix (kept, "{\"n\":\"last\"}\n"));
  g_assert_true (g_str_has_prefix (kept, "{\"n\":"));

  g_assert_true (g_file_get_contents (archive, &compressed, &compressed_length, NULL));
  {
    g_autoptr(GZlibDecompressor) decompressor =
      g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
    g_autoptr(GInputStream) base = g_memory_input_stream_new_from_data (compressed,
                                                                         compressed_length,
                                                                         NULL);
    g_autoptr(GInputStream) stream = g_converter_input_stream_new (base,
                                                                   G_CONVERTER (decompressor));
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GString) whole = g_string_new (NULL);

    g_output_stream_splice (out, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
    g_assert_no_error (error);
    bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
    g_string_append_len (whole, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    g_string_append (whole, kept);
    /* Archive + window = everything, in order. */
    g_string_append (text, "{\"n\":\"last\"}\n");
    g_assert_cmpuint (whole->len, ==, text->len);
    g_assert_true (memcmp (whole->str, text->str, text->len) == 0);
  }
}

/* An archive never replaces another, even one that appeared since the last look. */
static void
test_archive_never_replaces (void)
{
  g_autofree char *path = g_build_filename (g_get_home_dir (), "archived.json", NULL);
  g_autofree char *first = g_strconcat (path, ".1.gz", NULL);
  g_autofree char *written = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (first, "someone else's", -1, NULL));
  g_assert_true (lf_storage_write_archive (path, "{}", 2, &written, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (written, "archived.json.2.gz"));
  g_assert_true (g_file_get_contents (first, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "someone else's");
}

static void
test_export_missing_folder (void)
{
  g_autoptr(GListStore) contacts = g_list_store_new (LF_TYPE_CONTACT);
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *path = g_build_filename (g_get_home_dir (), "no", "such", "dir", "x.json",
                                            NULL);
  g_autofree char *no = g_build_filename (g_get_home_dir (), "no", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (lf_export_write (G_LIST_MODEL (contacts), NULL, path, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_assert_false (g_file_test (no, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/import/report/summarised", test_report_summarised);
  g_test_add_func ("/import/preview/linear", test_preview_linear);
  g_test_add_func ("/import/preview/caps", test_preview_caps);
  g_test_add_func ("/import/preview/garbage-vcard", test_preview_garbage_vcard);
  g_test_add_func ("/import/preview/vcard-leniency-honest", test_preview_vcard_leniency_honest);
  g_test_add_func ("/import/load/main-loop-runs", test_load_keeps_main_loop_running);
  g_test_add_func ("/import/load/cancel", test_load_cancel);
  g_test_add_func ("/import/storage/stale-temporaries", test_stale_temporaries);
  g_test_add_func ("/import/storage/stale-temporaries-locked", test_stale_temporaries_locked);
  g_test_add_func ("/import/storage/stale-temporaries-race", test_stale_temporaries_race);
  g_test_add_func ("/import/storage/log-rotation", test_log_rotation);
  g_test_add_func ("/import/storage/archive-never-replaces", test_archive_never_replaces);
  g_test_add_func ("/import/export/missing-folder", test_export_missing_folder);

  return g_test_run ();
}
