/* lf-cli.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-cli"

#include "config.h"

#include "lf-cli.h"

#include "lf-cli-check.h"
#include "lf-cli-drill.h"

#include <glib/gi18n.h>
#include <stdio.h>

/* The command line of DESIGN.md. Everything here runs in the local process before the
 * application registers on the bus or opens a display, so it works over SSH and in scripts.
 */

static const GOptionEntry option_entries[] = {
  { "catalog", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use this catalog of platforms instead of the installed one"), N_("FILE") },
  { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Check every platform once, print the result and exit"), NULL },
  { "drill", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Run a fire drill (a scripted outage; nothing reaches clients)"), N_("SCENARIO") },
  { "json", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --check: print JSON"), NULL },
  { "timeout", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --check: the limit for one request"), N_("SECONDS") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

const GOptionEntry *
lf_cli_get_option_entries (void)
{
  return option_entries;
}

/**
 * lf_cli_handle_options:
 * @options: the parsed options, as given to #GApplication::handle-local-options
 *
 * Runs a command-line operation if @options ask for one.
 *
 * Returns: the process exit code, or %LF_CLI_CONTINUE to start the application
 */
int
lf_cli_handle_options (GVariantDict *options)
{
  g_return_val_if_fail (options != NULL, 1);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("Lifeline %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "check"))
    return lf_cli_check (options);

  if (g_variant_dict_contains (options, "drill"))
    return lf_cli_drill (options);

  return LF_CLI_CONTINUE;
}
