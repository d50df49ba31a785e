/* lf-cli.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-cli"

#include "config.h"

#include "lf-cli.h"
#include "lf-cli-notify.h"
#include "lf-cli-outage.h"

#include "lf-cli-check.h"
#include "lf-cli-drill.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "lf-cli-export.h"
#include "lf-cli-import.h"

/* The command line of DESIGN.md. Everything here runs in the local process before the
 * application registers on the bus or opens a display, so it works over SSH and in scripts.
 */

static const GOptionEntry option_entries[] = {
  { "all", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --check: every platform of the catalog, not only the watched ones"), NULL },
  { "catalog", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use this catalog of platforms instead of the installed one"), N_("FILE") },
  { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Check the watched platforms once, print the result and exit"), NULL },
  { "drill", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Run a fire drill (a scripted outage; nothing reaches clients)"), N_("SCENARIO") },
  { "drill-length", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --drill: how long the drill takes (default: 10; 30 for a thorough one)"),
    N_("MINUTES") },
  { "pause-drill", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Pause the drill running in Lifeline"), NULL },
  { "resume-drill", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Resume the paused drill"), NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --check: print JSON"), NULL },
  { "timeout", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --check and --notify affected|all-clear: the limit for one request"),
    N_("SECONDS") },
  { "notify", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Send the outage notice for PLATFORM to its affected clients; “affected”: check once "
       "and tell each linked client about their down platforms; “all-clear”: check once and "
       "send the all-clear to the clients told of an outage that is over"),
    N_("PLATFORM|affected|all-clear") },
  { "template", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The notice template to use with --notify (default: outage)"), N_("ID") },
  { "channel", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The channel to send through with --notify (default: the first one)"), N_("ID") },
  { "dry-run", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --notify, print each message instead of sending it"), NULL },
  { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export clients to FILE (.json bundle, .vcf or .csv) and exit"), N_("FILE") },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import clients from FILE (.json bundle, .vcf or .csv) and exit"), N_("FILE") },
  { "include-secrets", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --export, also write passwords and webhook URLs"), NULL },
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
 * lf_cli_add_main_options:
 * @app: the desktop application or the `lifeline` launcher
 *
 * Gives @app the command line's options and the summary of --help, so that both programs
 * parse and describe the same command line.
 */
void
lf_cli_add_main_options (GApplication *app)
{
  g_return_if_fail (G_IS_APPLICATION (app));

  g_application_add_main_option_entries (app, option_entries);
  g_application_set_option_context_summary (app,
                                            _("Keep working when the platforms you depend on "
                                              "fail."));
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
  const char *path;

  g_return_val_if_fail (options != NULL, 1);

  if (g_variant_dict_contains (options, "notify"))
    {
      const char *platform = NULL, *template = NULL, *channel = NULL;

      g_variant_dict_lookup (options, "notify", "&s", &platform);
      /* The one-click actions of the app, after one health check (lf-cli-outage.c). */
      if (g_strcmp0 (platform, "affected") == 0 || g_strcmp0 (platform, "all-clear") == 0)
        return lf_cli_outage (platform, options);
      g_variant_dict_lookup (options, "template", "&s", &template);
      g_variant_dict_lookup (options, "channel", "&s", &channel);
      return lf_cli_notify (platform, template, channel,
                            g_variant_dict_contains (options, "dry-run"));
    }

  if (g_variant_dict_lookup (options, "import", "^&ay", &path))
    return lf_cli_import (path);

  if (g_variant_dict_lookup (options, "export", "^&ay", &path))
    return lf_cli_export (path, g_variant_dict_contains (options, "include-secrets"));

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("Lifeline %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "check"))
    return lf_cli_check (options);

  if (g_variant_dict_contains (options, "drill"))
    return lf_cli_drill (options);

  if (g_variant_dict_contains (options, "pause-drill"))
    return lf_cli_drill_control ("pause-drill");

  if (g_variant_dict_contains (options, "resume-drill"))
    return lf_cli_drill_control ("resume-drill");

  return LF_CLI_CONTINUE;
}

/**
 * lf_cli_handle_app_options:
 * @options: the parsed options, as given to #GApplication::handle-local-options
 * @context: the context of the program that goes on
 * @catalog_file: (out) (optional) (transfer none): the `--catalog FILE` given, or %NULL
 *
 * What both programs (`lifeline`, the background monitor, and the window's) do with their
 * options: run a command-line operation if one is asked for, else take `--catalog FILE`
 * into @context (this run watches that catalog: DESIGN.md, "Catalog").
 *
 * Returns: the process exit code (2 for a catalog that cannot be used), or
 *   %LF_CLI_CONTINUE to start the application
 */
int
lf_cli_handle_app_options (GVariantDict  *options,
                           LfContext     *context,
                           const char   **catalog_file)
{
  g_autoptr(GError) error = NULL;
  const char *path = NULL;
  int status = lf_cli_handle_options (options);

  g_return_val_if_fail (LF_IS_CONTEXT (context), 1);

  if (catalog_file != NULL)
    *catalog_file = NULL;
  if (status != LF_CLI_CONTINUE || !g_variant_dict_lookup (options, "catalog", "^&ay", &path))
    return status;

  if (!lf_context_set_catalog_file (context, path, &error))
    {
      g_printerr ("lifeline: %s\n", error->message);
      return 2;
    }
  if (catalog_file != NULL)
    *catalog_file = path;

  return LF_CLI_CONTINUE;
}
