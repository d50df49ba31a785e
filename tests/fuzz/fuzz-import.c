/* fuzz-import.c — an import preview of any bundle, vCard or CSV, and its report
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

#include "lf-import.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* The first byte picks the format: every parser gets every input. */
  static const LfImportFormat formats[] = {
    LF_IMPORT_FORMAT_BUNDLE, LF_IMPORT_FORMAT_VCARD, LF_IMPORT_FORMAT_CSV,
  };
  g_autoptr(LfImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (size < 1 || size > LF_IMPORT_MAX_SIZE)
    return 0;

  text = fuzz_text (data + 1, size - 1);
  preview = lf_import_preview_new (NULL, text, size - 1, formats[data[0] % 3], &error);
  g_assert ((preview == NULL) == (error != NULL));
  if (preview != NULL)
    {
      g_autofree char *summary = lf_import_preview_to_string (preview);

      g_assert (g_utf8_validate (summary, -1, NULL));
    }
  return 0;
}
