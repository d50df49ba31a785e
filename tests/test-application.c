/* test-application.c — the application shell under Xvfb
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-application.h"
#include "lf-checklist-page.h"
#include "lf-clients-page.h"
#include "lf-notices-page.h"
#include "lf-preferences-window.h"
#include "lf-test-utils.h"
#include "lf-window.h"

static LfApplication *app;

static gboolean
window_is_mapped (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();

  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
about_is_shown (gpointer data)
{
  return find_toplevel (ADW_TYPE_ABOUT_WINDOW) != NULL;
}

static gboolean
preferences_are_shown (gpointer data)
{
  return find_toplevel (LF_TYPE_PREFERENCES_WINDOW) != NULL;
}

static void
test_application_presents_window (void)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  g_assert_true (lf_test_wait_for (window_is_mapped, NULL, 5000));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (LF_IS_WINDOW (window));
  g_assert_cmpstr (gtk_window_get_title (window), ==, "Lifeline");
  g_assert_cmpstr (lf_window_get_visible_page (LF_WINDOW (window)), ==, "health");

  /* A second activation re-uses the window instead of opening another one. */
  g_application_activate (G_APPLICATION (app));
  g_assert_true (window == gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
}

static void
test_application_pages (void)
{
  LfWindow *window = LF_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  const char *pages[] = { "checklist", "clients", "notices", "health" };
  GType types[] = { LF_TYPE_CHECKLIST_PAGE, LF_TYPE_CLIENTS_PAGE, LF_TYPE_NOTICES_PAGE };

  g_assert_nonnull (window);

  /* Only the Health page is built at start; the others are built when first shown. */
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_assert_null (find_descendant (GTK_WIDGET (window), types[i]));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", pages[i]);
      g_assert_cmpstr (lf_window_get_visible_page (window), ==, pages[i]);
      if (i < G_N_ELEMENTS (types))
        g_assert_nonnull (find_descendant (GTK_WIDGET (window), types[i]));
    }

  /* The getters return the pages in the window, and build nothing twice. */
  g_assert_true (GTK_WIDGET (lf_window_get_notices_page (window))
                 == find_descendant (GTK_WIDGET (window), LF_TYPE_NOTICES_PAGE));
  g_assert_true (lf_window_get_checklist_page (window)
                 == find_descendant (GTK_WIDGET (window), LF_TYPE_CHECKLIST_PAGE));
}

static void
test_application_about (void)
{
  GtkWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_assert_true (lf_test_wait_for (about_is_shown, NULL, 5000));

  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==,
                   GTK_LICENSE_GPL_3_0);
  gtk_window_destroy (about);
}

static void
test_application_preferences (void)
{
  GSettings *settings = lf_application_get_settings (app);
  GtkWindow *prefs;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_true (lf_test_wait_for (preferences_are_shown, NULL, 5000));
  prefs = find_toplevel (LF_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);

  /* The preferences are bound to GSettings both ways. */
  g_settings_set_uint (settings, "check-interval", 120);
  g_settings_set_string (settings, "notify-on", "degraded");
  g_assert_cmpuint (g_settings_get_uint (settings, "check-interval"), ==, 120);

  gtk_window_destroy (prefs);
}

static void
test_application_window_size_persists (void)
{
  GSettings *settings = lf_application_get_settings (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  int width;
  int height;

  g_assert_nonnull (window);
  /* Closing must really close the window here, not hide it in the background. */
  g_settings_set_boolean (settings, "run-in-background", FALSE);
  gtk_window_unmaximize (window);
  gtk_window_set_default_size (window, 700, 500);
  gtk_window_close (window);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 700);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 500);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* A new window starts with the saved size. */
  g_settings_set_int (settings, "window-width", 640);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  gtk_window_get_default_size (window, &width, &height);
  g_assert_cmpint (width, ==, 640);
  g_assert_cmpint (height, ==, 500);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  lf_test_init (&argc, &argv);

  if (!lf_test_have_display ())
    {
      g_test_add_func ("/lifeline/skipped", lf_test_skip_no_display);
      return g_test_run ();
    }

  bus = lf_test_dbus_up ();

  app = lf_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/lifeline/application/presents-window", test_application_presents_window);
  g_test_add_func ("/lifeline/application/pages", test_application_pages);
  g_test_add_func ("/lifeline/application/about", test_application_about);
  g_test_add_func ("/lifeline/application/preferences", test_application_preferences);
  g_test_add_func ("/lifeline/application/window-size-persists",
                   test_application_window_size_persists);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  lf_test_dbus_stop (bus);

  return ret;
}
