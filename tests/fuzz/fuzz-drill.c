/* fuzz-drill.c — drill scenarios (GMarkup)
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

#include "lf-drill-scenario.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LfDrillScenario) scenario = lf_drill_scenario_new_from_data ((const char *) data,
                                                                         size, &error);

  g_assert ((scenario == NULL) == (error != NULL));
  return 0;
}
