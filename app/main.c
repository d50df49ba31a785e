/* main.c — `lifeline`: the command line, or the background monitor (see lf-service.c)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "lf-service.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LfService) service = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  service = lf_service_new (argv);

  return g_application_run (G_APPLICATION (service), argc, argv);
}
