/* lf-cli-outage.h — lifeline --notify affected | all-clear
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

int lf_cli_outage (const char   *what,
                   GVariantDict *options);

G_END_DECLS
