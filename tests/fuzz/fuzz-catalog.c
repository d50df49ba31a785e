/* fuzz-catalog.c — the platform catalog
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

#include "lf-catalog.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  LfCatalog *catalog = lf_catalog_new_from_data ((const char *) data, size, "fuzz.json",
                                                 &error);

  g_assert ((catalog == NULL) == (error != NULL));
  if (catalog != NULL)
    lf_catalog_unref (catalog);
  return 0;
}
