/* main-gui.c — the window (lifeline-gui, started by `lifeline`)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "lf-application.h"
#include "lf-launcher.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LfApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Started by the background monitor (it says what to show first): the window's process,
   * mirroring that monitor. Otherwise (`lifeline` without a session bus execs this) the
   * whole application in one process. */
  if (g_getenv (LF_LAUNCHER_ENV_ACTION) != NULL)
    app = lf_application_new_window ();
  else
    app = lf_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
