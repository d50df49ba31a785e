/* minimal-window.c — the yardstick: a bare libadwaita window, timed to its first frame
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <stdlib.h>
#include <unistd.h>

#include "bench-common.h"

/* Prints "first-frame-ms RSS-kB peak-RSS-kB" after the first frame is painted, then quits. */

static void
trace_cb (gpointer instance,
          gpointer label)
{
  if (g_getenv ("BENCH_TRACE") != NULL)
    g_printerr ("%8.1f ms  %s\n", bench_elapsed_ms (), (const char *) label);
}

static void
settled_cb (gpointer window)
{
  g_print (" %ld\n", bench_status_kb ("VmRSS:"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWidget     *window)
{
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);
  trace_cb (NULL, "first frame painted");
  g_print ("%.1f %ld %ld", bench_elapsed_ms (), bench_status_kb ("VmRSS:"),
           bench_status_kb ("VmHWM:"));
  /* $BENCH_SETTLE_MS: also the resident memory that long after, the window still up */
  if (g_getenv ("BENCH_SETTLE_MS") != NULL)
    {
      g_timeout_add_once (atoi (g_getenv ("BENCH_SETTLE_MS")), settled_cb, window);
      return;
    }
  g_print ("\n");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* As bench-lifeline: the frame clock is watched from the window's realization. */
static void
on_realize_cb (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  trace_cb (NULL, "realize");
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), window);
}

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window;
  GtkWidget *box;

  trace_cb (NULL, "activate");
  window = adw_application_window_new (app);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Hello"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 680);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), NULL);
  g_signal_connect (window, "map", G_CALLBACK (trace_cb), "map");
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.lifeline.BenchMinimal",
                                                       G_APPLICATION_DEFAULT_FLAGS);

  trace_cb (NULL, "main");
  g_signal_connect (app, "startup", G_CALLBACK (trace_cb), "startup");
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
