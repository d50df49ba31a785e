/* lf-launcher.c — the `lifeline` program: the command line without GTK, or the application
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-launcher"

#include "config.h"

#include "lf-launcher.h"

#include "lf-cli.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <unistd.h>

/* `lifeline` links GIO and the engine, not GTK: loading GTK, libadwaita and their libraries
 * would cost every command-line run about 8 ms of CPU time and 9 MB of memory before main()
 * even starts (docs/BENCHMARKS.md). So the program the user types (and that scripts,
 * monitoring systems and the tests run) parses the options with the same GApplication
 * machinery and option table as the desktop application (so --help and every error message
 * are the same), runs any command-line operation itself, and otherwise replaces itself
 * (execv: same process id, same argv) with the desktop application, LF_LAUNCHER_GUI_NAME.
 * That program runs the GtkApplication as before: D-Bus activation (--gapplication-service),
 * the desktop file's Exec= and the Flatpak command all go through here unchanged. */

struct _LfLauncher
{
  GApplication   parent_instance;

  char * const  *argv;   /* main()'s, unchanged, for the desktop application */
};

G_DEFINE_FINAL_TYPE (LfLauncher, lf_launcher, G_TYPE_APPLICATION)

/* ------------------------------------------------------------------------------------------ */
/* GApplication overrides                                                                       */
/* ------------------------------------------------------------------------------------------ */

static int
lf_launcher_handle_local_options (GApplication *app,
                                  GVariantDict *options)
{
  LfLauncher *self = LF_LAUNCHER (app);
  g_autofree char *gui = NULL;
  int status = lf_cli_handle_options (options);
  int saved;

  if (status != LF_CLI_CONTINUE)
    return status;

  /* Everything else is the desktop application's: argv goes over as it came (argv[0] too,
   * so the program name, and with it the X11 window class, stays "lifeline"). */
  gui = lf_launcher_find_gui ();
  execv (gui, self->argv);
  saved = errno;

  /* Translators: %s is a program's path, then the reason it cannot run */
  g_printerr (_("lifeline: cannot start %s: %s\n"), gui, g_strerror (saved));
  return 1;
}

static void
lf_launcher_class_init (LfLauncherClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->handle_local_options = lf_launcher_handle_local_options;
}

static void
lf_launcher_init (LfLauncher *self)
{
  lf_cli_add_main_options (G_APPLICATION (self));
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/**
 * lf_launcher_new:
 * @argv: main()'s argument vector, valid for the launcher's lifetime
 *
 * Returns: (transfer full): the `lifeline` program, to run with g_application_run()
 */
LfLauncher *
lf_launcher_new (char * const *argv)
{
  LfLauncher *self;

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);

  /* The desktop application's id and flags: they decide which options GApplication offers. */
  self = g_object_new (LF_TYPE_LAUNCHER,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
  self->argv = argv;

  return self;
}

/**
 * lf_launcher_find_gui:
 *
 * The desktop application's program: next to this program when that is where it was built
 * (the build tree, `meson devenv`), else in the installed libexecdir.
 *
 * Returns: (transfer full): the path of LF_LAUNCHER_GUI_NAME
 */
char *
lf_launcher_find_gui (void)
{
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);

  if (self_path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self_path);
      g_autofree char *sibling = g_build_filename (dir, LF_LAUNCHER_GUI_NAME, NULL);

      if (g_file_test (sibling, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&sibling);
    }

  return g_build_filename (LF_LIBEXECDIR, LF_LAUNCHER_GUI_NAME, NULL);
}
