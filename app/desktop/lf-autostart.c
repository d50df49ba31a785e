/* lf-autostart.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-autostart"

#include "config.h"

#include "lf-autostart.h"
#include "lf-storage.h"

#include <errno.h>
#include <glib/gstdio.h>

/* Start at login for native installs: an XDG autostart entry written by the app itself.
 * Inside Flatpak the Background portal writes its own entry instead (see lf-background.c).
 */

/**
 * lf_autostart_get_path:
 *
 * Returns: (transfer full): $XDG_CONFIG_HOME/autostart/<app id>.desktop
 */
char *
lf_autostart_get_path (void)
{
  g_autofree char *name = g_strconcat (APP_ID, ".desktop", NULL);

  return g_build_filename (g_get_user_config_dir (), "autostart", name, NULL);
}

/**
 * lf_autostart_build_entry:
 * @executable: the command to run, e.g. "lifeline"
 *
 * Returns: (transfer full): the desktop entry that starts Lifeline in the background
 */
char *
lf_autostart_build_entry (const char *executable)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *quoted = NULL;
  g_autofree char *exec = NULL;

  g_return_val_if_fail (executable != NULL, NULL);

  quoted = g_shell_quote (executable);
  exec = g_strdup_printf ("%s --gapplication-service", quoted);

  g_key_file_set_string (kf, "Desktop Entry", "Type", "Application");
  g_key_file_set_string (kf, "Desktop Entry", "Name", "Lifeline");
  g_key_file_set_string (kf, "Desktop Entry", "Comment",
                         "Watch the platforms you depend on in the background");
  g_key_file_set_string (kf, "Desktop Entry", "Exec", exec);
  g_key_file_set_string (kf, "Desktop Entry", "Icon", APP_ID);
  g_key_file_set_boolean (kf, "Desktop Entry", "Terminal", FALSE);
  g_key_file_set_boolean (kf, "Desktop Entry", "NoDisplay", TRUE);
  g_key_file_set_boolean (kf, "Desktop Entry", "X-GNOME-Autostart-enabled", TRUE);

  return g_key_file_to_data (kf, NULL, NULL);
}

/**
 * lf_autostart_set_enabled:
 * @enabled: whether Lifeline starts at login
 * @error: return location for a #GError
 *
 * Writes or removes the autostart entry (a small local file, written atomically).
 */
gboolean
lf_autostart_set_enabled (gboolean   enabled,
                          GError   **error)
{
  g_autofree char *path = lf_autostart_get_path ();

  if (enabled)
    {
      g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *entry = lf_autostart_build_entry (self != NULL ? self : "lifeline");

      return lf_storage_write_atomic (path, entry, -1, 0644, error);
    }

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot remove “%s”: %s", path, g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}

gboolean
lf_autostart_is_enabled (void)
{
  g_autofree char *path = lf_autostart_get_path ();

  return g_file_test (path, G_FILE_TEST_EXISTS);
}
