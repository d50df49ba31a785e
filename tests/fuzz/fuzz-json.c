/* fuzz-json.c — the one JSON entry point: strict check, then JSON-GLib
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A libFuzzer target (built with -Dfuzzing=true under clang), also run over its corpus by
 * fuzz-driver.c in the normal suite.
 */

#include "config.h"

#include "fuzz-common.h"

#include "lf-json.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = lf_json_parse ((const char *) data, size, &error);

  /* Whatever passes the check, JSON-GLib must take: a root, or an error, never both. */
  g_assert ((node == NULL) == (error != NULL));
  return 0;
}
