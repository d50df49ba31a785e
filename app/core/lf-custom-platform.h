/* lf-custom-platform.h — a platform the user adds: checked field by field, then saved
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-catalog.h"

G_BEGIN_DECLS

#define LF_CUSTOM_PLATFORM_ERROR (lf_custom_platform_error_quark ())

/* Which field is wrong, so a form can point at it. */
typedef enum
{
  LF_CUSTOM_PLATFORM_ERROR_NAME,
  LF_CUSTOM_PLATFORM_ERROR_URL,
  LF_CUSTOM_PLATFORM_ERROR_STATUS_URL,
  LF_CUSTOM_PLATFORM_ERROR_STATUS_KIND,
  LF_CUSTOM_PLATFORM_ERROR_PROVIDER,
} LfCustomPlatformError;

/* The category of platforms the user adds. */
#define LF_CUSTOM_PLATFORM_CATEGORY "other"

GQuark             lf_custom_platform_error_quark (void);
char              *lf_custom_platform_make_id     (LfCatalog          *catalog,
                                                   const char         *name);
LfCatalogPlatform *lf_custom_platform_new         (LfCatalog          *catalog,
                                                   const char         *name,
                                                   const char         *url,
                                                   const char         *status_url,
                                                   const char         *status_kind,
                                                   const char * const *providers,
                                                   GError            **error);

G_END_DECLS
