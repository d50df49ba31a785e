/* main-gui.c — the desktop application (lifeline-gui, started by `lifeline`)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "lf-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LfApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = lf_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
