/* test-notify-clients-nokeyring.c — "Notify clients" when the keyring cannot be read
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A private session bus with no Secret Service on it: the composer still opens, with no
 * clients and a sentence that says why.
 */

#include "config.h"

#include <string.h>

#include "lf-application.h"
#include "lf-composer.h"
#include "lf-test-utils.h"

static LfApplication *app;

static LfComposer *
find_composer (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (LF_IS_COMPOSER (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return LF_COMPOSER (window);
    }

  return NULL;
}

static gboolean
composer_shown (gpointer data)
{
  return find_composer () != NULL;
}

static void
test_notify_clients_unavailable (void)
{
  LfComposer *composer;
  g_auto(GStrv) ids = NULL;
  const char *description;

  g_action_group_activate_action (G_ACTION_GROUP (app), "notify-clients",
                                  g_variant_new_string ("upwork"));
  g_assert_true (lf_test_wait_for (composer_shown, NULL, 15000));
  composer = find_composer ();

  ids = lf_composer_dup_recipient_ids (composer);
  g_assert_cmpuint (g_strv_length (ids), ==, 0);
  description = lf_composer_get_recipients_description (composer);
  g_assert_nonnull (description);
  g_test_message ("%s", description);
  g_assert_true (g_str_has_prefix (description, "Your clients cannot be read: "));

  /* The + button says why instead of opening an empty list. */
  g_assert_null (lf_composer_open_picker (composer));
  gtk_window_destroy (GTK_WINDOW (composer));
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

  g_unsetenv ("SECRET_BACKEND");
  bus = lf_test_dbus_up ();
  app = lf_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  lf_monitor_stop (lf_context_get_monitor (lf_application_get_context (app)));
  g_settings_set_string (lf_application_get_settings (app), "notify-on", "never");

  g_test_add_func ("/lifeline/notify-clients-nokeyring/unavailable",
                   test_notify_clients_unavailable);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  lf_test_dbus_stop (bus);

  return ret;
}
