/* lf-cli-check.h — `lifeline --check`: one health check, printed
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-catalog.h"

G_BEGIN_DECLS

/* Monitoring-plugin exit codes */
#define LF_CHECK_EXIT_OK       0
#define LF_CHECK_EXIT_WARNING  1   /* something degraded or in maintenance */
#define LF_CHECK_EXIT_CRITICAL 2   /* something down */
#define LF_CHECK_EXIT_UNKNOWN  3   /* unknown, offline, local network, or bad arguments */

int   lf_cli_check             (GVariantDict  *options);
GStrv lf_cli_watched_platforms (LfCatalog     *catalog,
                                GError       **error);

G_END_DECLS
