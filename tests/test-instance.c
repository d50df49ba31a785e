/* test-instance.c — a second `lifeline` raises the first
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-application.h"
#include "lf-test-utils.h"

static guint n_activations;

static void
on_app_activate_cb (GApplication *app,
                    gpointer      user_data)
{
  n_activations++;
}

static void
wait_check_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_check_finish (G_SUBPROCESS (object), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

static void
run_second_instance (void)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, lf_test_get_binary (), NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (proc, NULL, wait_check_cb, &done);
  lf_test_wait_for_flag (&done, 20000);
}

static gboolean
window_is_mapped (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (data));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static void
test_instance_second_raises_first (void)
{
  GTestDBus *bus = lf_test_dbus_up ();
  g_autoptr(LfApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  app = lf_application_new ();
  g_signal_connect (app, "activate", G_CALLBACK (on_app_activate_cb), NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (app)));
  g_application_hold (G_APPLICATION (app));

  /* Start the second process while the first has no window yet: it opens one. */
  run_second_instance ();
  g_assert_cmpuint (n_activations, ==, 1);
  g_assert_true (lf_test_wait_for (window_is_mapped, app, 5000));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));

  /* Hide the window (as when it is closed to the background); a new launch shows it again,
   * and no second window appears. */
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  g_assert_false (window_is_mapped (app));
  run_second_instance ();
  g_assert_cmpuint (n_activations, ==, 2);
  g_assert_true (lf_test_wait_for (window_is_mapped, app, 5000));
  g_assert_true (window == gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  gtk_window_destroy (window);
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  lf_test_dbus_stop (bus);
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  if (!lf_test_have_display ())
    {
      g_test_add_func ("/lifeline/skipped", lf_test_skip_no_display);
      return g_test_run ();
    }

  g_test_add_func ("/lifeline/instance/second-raises-first", test_instance_second_raises_first);

  return g_test_run ();
}
