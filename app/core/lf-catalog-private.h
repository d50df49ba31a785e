/* lf-catalog-private.h — what the catalog's files share (not for use outside lf-catalog*.c)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lf-catalog.c holds the types, loading and merging, lookups and serialising;
 * lf-catalog-parse.c the strict reader of the format (every problem named with its file and
 * entry); lf-catalog-user.c the editing of the user's file (custom platforms).
 */

#pragma once

#include "lf-catalog.h"

G_BEGIN_DECLS

/* The largest catalog file read. */
#define LF_CATALOG_MAX_FILE (4 * 1024 * 1024)
/* How the built-in catalog is named in messages. */
#define LF_CATALOG_BUILTIN_NAME "catalog.json (built in)"

LfCatalog *lf_catalog_parse                  (const char  *data,
                                              gssize       length,
                                              const char  *source,
                                              gboolean     check_refs,
                                              GError     **error);
gboolean   lf_catalog_validate_provider_refs (LfCatalog   *entries,
                                              LfCatalog   *known,
                                              const char  *source_name,
                                              GError     **error);
char      *lf_catalog_read_user_data         (const char  *path,
                                              gsize       *length,
                                              GError     **error);

G_END_DECLS
