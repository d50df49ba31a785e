/* lf-cli-export.h — lifeline --export FILE [--include-secrets]
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int lf_cli_export (const char *path,
                   gboolean    include_secrets);

G_END_DECLS
