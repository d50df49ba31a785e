/* lf-cli.h
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-context.h"

G_BEGIN_DECLS

/* Returned by lf_cli_handle_options() when the options ask for no command-line work and the
 * application should go on (start, or raise the running instance). */
#define LF_CLI_CONTINUE (-1)

const GOptionEntry *lf_cli_get_option_entries (void);
void                lf_cli_add_main_options   (GApplication *app);
int                 lf_cli_handle_options     (GVariantDict *options);
int                 lf_cli_handle_app_options (GVariantDict *options,
                                               LfContext    *context,
                                               const char  **catalog_file);

G_END_DECLS
