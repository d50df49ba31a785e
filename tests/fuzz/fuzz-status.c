/* fuzz-status.c — the status-page readers (every vendor)
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

#include "lf-status.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = NULL;

  if (size < 1)
    return 0;

  body = g_bytes_new (data + 1, size - 1);
  for (guint kind = LF_STATUS_KIND_STATUSPAGE; kind <= LF_STATUS_KIND_INSTATUS; kind++)
    {
      const char *filter[] = { "API", NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(LfStatusReport) report = lf_status_parse (kind, body,
                                                          data[0] & 1 ? filter : NULL, &error);

      g_assert ((report == NULL) == (error != NULL));
    }
  return 0;
}
