/* lf-launcher.c — where the window's program is
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-launcher"

#include "config.h"

#include "lf-launcher.h"

/* `lifeline` links GIO and the engine, not GTK: loading GTK, libadwaita and their libraries
 * would cost every command-line run about 8 ms of CPU time and 9 MB of memory before main()
 * even starts, and the background monitor some 75 MB for a window nobody looks at
 * (docs/BENCHMARKS.md). So `lifeline` (app/service/lf-service.c) runs the command line and
 * the background monitor, and the window is a program of its own, LF_LAUNCHER_GUI_NAME,
 * which the monitor starts when the user opens it (docs/background.md). */

/**
 * lf_launcher_find_gui:
 *
 * The window's program: next to this program when that is where it was built (the build
 * tree, `meson devenv`), else in the installed libexecdir.
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
