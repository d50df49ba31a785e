/* bench-lifeline.c — Lifeline's window, timed to its first frame
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
#include "lf-health-page.h"
#include "lf-window.h"

/*   bench-lifeline window
 *       the window's process as the background monitor starts it (lf_application_new_window(),
 *       lifeline-gui's code, mirroring the running monitor). Prints
 *       "first-frame-ms RSS-kB peak-RSS-kB content-ms" — content-ms: the first painted frame
 *       with $BENCH_ROWS platform rows (default 0: the first frame) — then, $BENCH_SETTLE_MS
 *       after the first frame with the window still up, " RSS-kB", and quits.
 *   bench-lifeline first-frame
 *       the whole application in one process (lf_application_new(), what lifeline-gui runs
 *       without a session bus): the same figures. With $BENCH_WATCHED (comma-separated ids)
 *       it starts as a returning user would, else with the first run's onboarding.
 *
 *   $BENCH_T0: ns since the epoch when the process was started (date +%s%N), see
 *   bench-common.h. $BENCH_TRACE: the steps of the start-up on stderr. */

static LfApplication *app;
static guint content_rows;
static gboolean first_printed;
static gboolean content_printed;
static gboolean settled;
static guint painted_rows;   /* the rows the frame being painted holds */

static void
trace_cb (gpointer instance,
          gpointer label)
{
  if (g_getenv ("BENCH_TRACE") != NULL)
    g_printerr ("%8.1f ms  %s\n", bench_elapsed_ms (), (const char *) label);
}

static void
maybe_quit (void)
{
  if (settled && content_printed)
    {
      g_print ("\n");
      g_application_quit (G_APPLICATION (app));
    }
}

static void
settled_cb (gpointer window)
{
  g_print (" %ld", bench_status_kb ("VmRSS:"));
  settled = TRUE;
  maybe_quit ();
}

/* The rows laid out and painted in this frame (rows added in its after-paint are not). */
static void
paint_cb (GdkFrameClock *clock,
          GtkWindow     *window)
{
  painted_rows = lf_health_page_get_n_rows (lf_window_get_health_page (LF_WINDOW (window)));
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWindow     *window)
{
  LfHealthPage *page = lf_window_get_health_page (LF_WINDOW (window));
  guint rows = painted_rows;

  if (g_getenv ("BENCH_TRACE") != NULL)
    g_printerr ("%8.1f ms  frame painted: %s, %u rows\n", bench_elapsed_ms (),
                lf_health_page_get_view (page), rows);

  if (!first_printed)
    {
      const char *settle = g_getenv ("BENCH_SETTLE_MS");

      first_printed = TRUE;
      g_print ("%.1f %ld %ld", bench_elapsed_ms (), bench_status_kb ("VmRSS:"),
               bench_status_kb ("VmHWM:"));
      g_timeout_add_once (settle != NULL ? atoi (settle) : 0, settled_cb, window);
    }
  if (!content_printed && rows >= content_rows)
    {
      content_printed = TRUE;
      g_print (" %.1f", bench_elapsed_ms ());
      g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);
      g_signal_handlers_disconnect_by_func (clock, paint_cb, window);
      maybe_quit ();
    }
}

/* Connected when the window is realized, before any widget of it (the Health page, on map)
 * hooks the frame clock: the frame is stamped as soon as it is painted, not after the work
 * the application chose to do once it was. */
static void
on_realize_cb (GtkWidget *window)
{
  trace_cb (NULL, "realize");
  g_signal_connect (gtk_widget_get_frame_clock (window), "paint", G_CALLBACK (paint_cb), window);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), window);
}

static void
on_window_added_cb (GtkApplication *application,
                    GtkWindow      *window)
{
  trace_cb (NULL, "window added");
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), NULL);
  g_signal_connect (window, "map", G_CALLBACK (trace_cb), "map");
}

int
main (int   argc,
      char *argv[])
{
  const char *mode = argc > 1 ? argv[1] : "window";
  char *args[] = { argv[0], NULL };
  int status;

  setlocale (LC_ALL, "");
  trace_cb (NULL, "main");
  if (g_getenv ("BENCH_ROWS") != NULL)
    content_rows = atoi (g_getenv ("BENCH_ROWS"));

  if (g_str_equal (mode, "window"))
    app = lf_application_new_window ();
  else if (g_str_equal (mode, "first-frame"))
    {
      const char *watched = g_getenv ("BENCH_WATCHED");

      app = lf_application_new ();
      /* a returning user (platforms watched) rather than the first run's onboarding */
      if (watched != NULL)
        {
          g_auto(GStrv) ids = g_strsplit (watched, ",", -1);

          g_settings_set_strv (lf_application_get_settings (app), "watched-platforms",
                               (const char * const *) ids);
        }
    }
  else
    {
      g_printerr ("usage: bench-lifeline window | first-frame\n");
      return 2;
    }

  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), NULL);
  g_signal_connect (app, "startup", G_CALLBACK (trace_cb), "startup");
  g_signal_connect (app, "activate", G_CALLBACK (trace_cb), "activate");
  status = g_application_run (G_APPLICATION (app), 1, args);
  g_clear_object (&app);

  return status;
}
