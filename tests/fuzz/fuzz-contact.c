/* fuzz-contact.c — a contact record as stored in the keyring
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

#include "lf-contact.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = fuzz_text (data, size);
  g_autoptr(LfContact) contact = lf_contact_new_from_data (text, &error);

  g_assert ((contact == NULL) == (error != NULL));
  if (contact != NULL)
    {
      g_autofree char *again = lf_contact_to_data (contact);
      g_autoptr(LfContact) reread = lf_contact_new_from_data (again, NULL);

      g_assert (reread != NULL);
    }
  return 0;
}
