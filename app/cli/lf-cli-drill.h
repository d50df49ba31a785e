/* lf-cli-drill.h — lifeline --drill SCENARIO
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

int lf_cli_drill         (GVariantDict *options);
int lf_cli_drill_control (const char   *action);

G_END_DECLS
