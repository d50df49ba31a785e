/* lf-cli-import.h — lifeline --import FILE
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int lf_cli_import (const char *path);

G_END_DECLS
