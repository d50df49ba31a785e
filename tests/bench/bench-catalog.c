/* bench-catalog.c — how long loading and validating the built-in catalog takes
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by hand (not a test):
 *
 *   _build/tests/bench/bench-catalog tests/bench/catalog-19.json [RUNS]
 *
 * Parses and validates (lf_catalog_new_from_data(), what start-up does for the built-in
 * catalog) the shipped catalog and, as the baseline in the same run, the given file (the
 * 19-platform catalog of issue #14's start), RUNS times each (default 200), interleaved, and
 * prints the median and the 95th percentile of each, in microseconds.
 */

#include "config.h"

#include "lf-catalog.h"

#include <stdio.h>
#include <stdlib.h>

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gint64
one_run (GBytes *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LfCatalog) catalog = NULL;
  gint64 start = g_get_monotonic_time ();

  catalog = lf_catalog_new_from_data (g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                      "bench", &error);
  if (catalog == NULL)
    g_error ("%s", error->message);

  return g_get_monotonic_time () - start;
}

static void
report (const char *label,
        GBytes     *data,
        GArray     *times)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LfCatalog) catalog = lf_catalog_new_from_data (g_bytes_get_data (data, NULL),
                                                           g_bytes_get_size (data), "bench",
                                                           &error);

  g_array_sort (times, compare_gint64);
  printf ("%-22s %4u platforms %7zu bytes  median %6" G_GINT64_FORMAT " µs  p95 %6"
          G_GINT64_FORMAT " µs\n", label, catalog->platforms->len, g_bytes_get_size (data),
          g_array_index (times, gint64, times->len / 2),
          g_array_index (times, gint64, times->len * 95 / 100));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) shipped = NULL;
  g_autoptr(GBytes) baseline = NULL;
  g_autoptr(GArray) shipped_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) baseline_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint runs = 200;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s BASELINE.json [RUNS]\n", argv[0]);
      return 2;
    }
  if (argc > 2)
    runs = (guint) atoi (argv[2]);

  shipped = g_resources_lookup_data ("/io/github/lifeline/Lifeline/data/catalog.json",
                                     G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (shipped == NULL)
    g_error ("%s", error->message);
  if (!g_file_get_contents (argv[1], &contents, &length, &error))
    g_error ("%s", error->message);
  baseline = g_bytes_new_take (g_steal_pointer (&contents), length);

  for (guint i = 0; i < runs; i++)
    {
      gint64 t;

      t = one_run (baseline);
      g_array_append_val (baseline_times, t);
      t = one_run (shipped);
      g_array_append_val (shipped_times, t);
    }

  report ("baseline (argv[1])", baseline, baseline_times);
  report ("shipped catalog", shipped, shipped_times);

  return 0;
}
