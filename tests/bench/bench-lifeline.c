/* bench-lifeline.c — Lifeline itself, timed to its first frame, or left idle for CPU time
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <unistd.h>

#include "bench-common.h"
#include "lf-application.h"

/*   bench-lifeline first-frame
 *       starts Lifeline as main.c does; after the first frame prints
 *       "first-frame-ms RSS-kB peak-RSS-kB", closes the window (Lifeline keeps running in
 *       the background), waits 3 s and prints "closed-RSS-kB", then quits. With
 *       $BENCH_WATCHED (comma-separated ids) it starts as a returning user would.
 *   bench-lifeline idle CATALOG SECONDS
 *       runs Lifeline in the background (no window) watching every platform of CATALOG at
 *       the default interval, and prints the CPU seconds used over SECONDS after start-up. */

static LfApplication *app;
static double cpu_at_start;

static void
trace_cb (gpointer instance,
          gpointer label)
{
  if (g_getenv ("BENCH_TRACE") != NULL)
    g_printerr ("%8.1f ms  %s\n", bench_elapsed_ms (), (const char *) label);
}

static gboolean
closed_cb (gpointer user_data)
{
  g_print ("%ld\n", bench_status_kb ("VmRSS:"));
  g_application_quit (G_APPLICATION (app));
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWindow     *window)
{
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);
  trace_cb (NULL, "first frame painted");
  g_print ("%.1f %ld %ld\n", bench_elapsed_ms (), bench_status_kb ("VmRSS:"),
           bench_status_kb ("VmHWM:"));
  gtk_window_close (window);
  g_timeout_add_seconds (3, closed_cb, NULL);
}

static void
on_map_cb (GtkWidget *window)
{
  trace_cb (NULL, "map");
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), window);
}

static void
on_window_added_cb (GtkApplication *application,
                    GtkWindow      *window)
{
  trace_cb (NULL, "window added");
  g_signal_connect (window, "realize", G_CALLBACK (trace_cb), "realize");
  g_signal_connect (window, "map", G_CALLBACK (on_map_cb), NULL);
}

/* `window`: the window's process as the background monitor starts it (lifeline-gui) */
static void
window_settled_cb (gpointer window)
{
  g_print (" %ld\n", bench_status_kb ("VmRSS:"));
  g_application_quit (G_APPLICATION (app));
}

static void
window_painted_cb (GdkFrameClock *clock,
                   GtkWindow     *window)
{
  const char *settle = g_getenv ("BENCH_SETTLE_MS");

  g_signal_handlers_disconnect_by_func (clock, window_painted_cb, window);
  g_print ("%.1f %ld %ld", bench_elapsed_ms (), bench_status_kb ("VmRSS:"),
           bench_status_kb ("VmHWM:"));
  g_timeout_add_once (settle != NULL ? atoi (settle) : 0, window_settled_cb, window);
}

static void
on_window_map_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (window_painted_cb), window);
}

static void
on_window_process_window_added_cb (GtkApplication *application,
                                   GtkWindow      *window)
{
  g_signal_connect (window, "map", G_CALLBACK (on_window_map_cb), NULL);
}

static gboolean
idle_done_cb (gpointer user_data)
{
  g_print ("%.3f\n", bench_cpu_seconds () - cpu_at_start);
  g_application_quit (G_APPLICATION (app));
  return G_SOURCE_REMOVE;
}

static gboolean
idle_start_cb (gpointer user_data)
{
  cpu_at_start = bench_cpu_seconds ();
  g_timeout_add_seconds (GPOINTER_TO_UINT (user_data), idle_done_cb, NULL);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *mode = argc > 1 ? argv[1] : "first-frame";

  setlocale (LC_ALL, "");
  trace_cb (NULL, "main");
  app = lf_application_new ();

  if (g_str_equal (mode, "first-frame"))
    {
      char *args[] = { argv[0], NULL };
      const char *watched = g_getenv ("BENCH_WATCHED");

      /* a returning user (platforms watched) rather than the first run's onboarding */
      if (watched != NULL)
        {
          g_auto(GStrv) ids = g_strsplit (watched, ",", -1);

          g_settings_set_strv (lf_application_get_settings (app), "watched-platforms",
                               (const char * const *) ids);
        }

      g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), NULL);
      g_signal_connect (app, "startup", G_CALLBACK (trace_cb), "startup begins");
      g_signal_connect_after (app, "startup", G_CALLBACK (trace_cb), "startup ends");
      g_signal_connect (app, "activate", G_CALLBACK (trace_cb), "activate");
      return g_application_run (G_APPLICATION (app), 1, args);
    }

  /* the window's process, as lifeline-gui runs when the background monitor starts it: it
   * mirrors the running monitor; prints "first-frame-ms RSS-kB peak-RSS-kB" and, after
   * $BENCH_SETTLE_MS, "RSS-kB" with the window still up */
  if (g_str_equal (mode, "window"))
    {
      char *args[] = { argv[0], NULL };

      g_clear_object (&app);
      app = lf_application_new_window ();
      g_signal_connect (app, "window-added", G_CALLBACK (on_window_process_window_added_cb),
                        NULL);
      return g_application_run (G_APPLICATION (app), 1, args);
    }

  if (g_str_equal (mode, "idle") && argc == 4)
    {
      g_autoptr(LfCatalog) catalog = NULL;
      g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
      g_auto(GStrv) watched = NULL;
      LfMonitor *monitor;
      int status;

      catalog = lf_catalog_new_from_file (argv[2], &error);
      if (catalog == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      for (guint i = 0; i < catalog->platforms->len; i++)
        {
          LfCatalogPlatform *platform = g_ptr_array_index (catalog->platforms, i);

          g_strv_builder_add (ids, platform->id);
        }
      watched = g_strv_builder_end (ids);

      if (!g_application_register (G_APPLICATION (app), NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      monitor = lf_context_get_monitor (lf_application_get_context (app));
      lf_monitor_set_catalog (monitor, catalog);
      g_settings_set_strv (lf_application_get_settings (app), "watched-platforms",
                           (const char * const *) watched);
      /* start-up and the first round are not idle time */
      g_timeout_add_seconds (5, idle_start_cb, GUINT_TO_POINTER (atoi (argv[3])));
      g_application_hold (G_APPLICATION (app));
      status = g_application_run (G_APPLICATION (app), 1, argv);
      g_object_unref (app);
      return status;
    }

  g_printerr ("usage: bench-lifeline first-frame | window | idle CATALOG SECONDS\n");
  return 2;
}
