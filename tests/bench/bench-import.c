/* bench-import.c — previewing a large import: time and peak memory, against `wc -l`
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by hand (not a test):
 *
 *   _build/tests/bench/bench-import [N]          (N contacts, default 100000)
 *
 * Writes N contacts as CSV and as vCard to a temporary folder, then for each file runs, as
 * separate processes (so each peak RSS is its own): `wc -l FILE` (the floor: reading the
 * file once), and `bench-import --preview FILE`, which reads it the way the Clients page
 * does (lf_import_preview_load_async: a worker reads, parses and sorts it while the main
 * loop runs) and prints the wall time and its peak RSS (VmHWM). Goal: ≤ 2 s and ≤ 150 MB
 * for 100,000 contacts; the exit status says whether it was met.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "lf-import.h"

#define GOAL_SECONDS 2.0
#define GOAL_MB      150.0

static long
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return strtol (line + strlen ("VmHWM:"), NULL, 10);
}

static void
got_result_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* In its own process: prints "SECONDS PEAK_KB ADDED". */
static int
preview (const char *path)
{
  g_autoptr(LfContactStore) store = lf_contact_store_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LfImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  lf_import_preview_load_async (store, file, NULL, NULL, NULL, NULL, got_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  preview = lf_import_preview_load_finish (result, &error);
  if (preview == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  /* What the dialog shows is made too. */
  g_free (lf_import_preview_get_counts_text (preview));
  lf_import_preview_get_skipped (preview);

  printf ("%.3f %ld %u\n", (g_get_monotonic_time () - start) / 1e6, peak_rss_kb (),
          lf_import_preview_get_added (preview)->len);
  return 0;
}

/* Runs argv, returns its wall time; its stdout in *out. */
static double
timed (const char * const *argv,
       char              **out)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, NULL,
                     &status, &error) || !g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s", argv[0], error->message);
  return (g_get_monotonic_time () - start) / 1e6;
}

static char *
write_contacts (const char *dir,
                guint       n,
                gboolean    vcard)
{
  char *path = g_build_filename (dir, vcard ? "contacts.vcf" : "contacts.csv", NULL);
  GString *out = g_string_new (vcard ? NULL : "Name,E-mail Address,Mobile Phone,Organization 1 - Name\n");

  for (guint i = 0; i < n; i++)
    {
      if (vcard)
        g_string_append_printf (out, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person Number %u\r\n"
                                     "EMAIL;TYPE=work:person%u@example.com\r\n"
                                     "TEL;TYPE=cell:+44 7700 %06u\r\nORG:Company %u\r\n"
                                     "END:VCARD\r\n",
                                i, i, i % 1000000, i % 500);
      else
        g_string_append_printf (out, "Person Number %u,person%u@example.com,+44 7700 %06u,Company %u\n",
                                i, i, i % 1000000, i % 500);
    }
  if (!g_file_set_contents (path, out->str, out->len, NULL))
    g_error ("cannot write %s", path);
  g_string_free (out, TRUE);
  return path;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  guint n = 100000;
  gboolean met = TRUE;

  if (argc == 3 && g_str_equal (argv[1], "--preview"))
    return preview (argv[2]);
  if (argc == 2)
    n = (guint) g_ascii_strtoull (argv[1], NULL, 10);

  dir = g_dir_make_tmp ("bench-import-XXXXXX", NULL);
  for (guint vcard = 0; vcard < 2; vcard++)
    {
      g_autofree char *path = write_contacts (dir, n, vcard);
      const char *wc[] = { "wc", "-l", path, NULL };
      const char *me[] = { argv[0], "--preview", path, NULL };
      g_autofree char *wc_out = NULL;
      g_autofree char *out = NULL;
      double wc_seconds, seconds, wall;
      long peak_kb;
      guint added;
      GStatBuf st;

      g_stat (path, &st);
      wc_seconds = timed (wc, &wc_out);
      wall = timed (me, &out);
      if (sscanf (out, "%lf %ld %u", &seconds, &peak_kb, &added) != 3)
        g_error ("bad output: %s", out);

      printf ("%-5s %u contacts, %.1f MB: wc -l %.3f s | preview %.3f s (process %.3f s), "
              "peak RSS %.1f MB, %u to add\n",
              vcard ? "vCard" : "CSV", n, st.st_size / 1e6, wc_seconds, seconds, wall,
              peak_kb / 1024.0, added);
      fflush (stdout);
      met &= seconds <= GOAL_SECONDS && peak_kb / 1024.0 <= GOAL_MB && added == n;
      g_unlink (path);
    }
  g_rmdir (dir);

  printf ("goal (≤ %.0f s, ≤ %.0f MB): %s\n", GOAL_SECONDS, GOAL_MB, met ? "met" : "NOT met");
  return met ? 0 : 1;
}
