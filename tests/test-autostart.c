/* test-autostart.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-autostart.h"
#include "lf-test-utils.h"

static void
test_autostart_enable_disable (void)
{
  g_autofree char *path = lf_autostart_get_path ();
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;

  g_assert_true (g_str_has_prefix (path, g_get_user_config_dir ()));
  g_assert_false (lf_autostart_is_enabled ());

  g_assert_true (lf_autostart_set_enabled (TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (lf_autostart_is_enabled ());

  g_assert_true (g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  exec = g_key_file_get_string (kf, "Desktop Entry", "Exec", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (exec, " --gapplication-service"));
  g_assert_true (g_key_file_get_boolean (kf, "Desktop Entry", "X-GNOME-Autostart-enabled", NULL));

  g_assert_true (lf_autostart_set_enabled (FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (lf_autostart_is_enabled ());
  /* Disabling twice is fine. */
  g_assert_true (lf_autostart_set_enabled (FALSE, &error));
}

static void
test_autostart_entry_quotes_path (void)
{
  g_autofree char *entry = lf_autostart_build_entry ("/opt/my apps/lifeline");

  g_assert_nonnull (strstr (entry, "Exec='/opt/my apps/lifeline' --gapplication-service"));
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/autostart/enable-disable", test_autostart_enable_disable);
  g_test_add_func ("/lifeline/autostart/entry-quotes-path", test_autostart_entry_quotes_path);

  return g_test_run ();
}
