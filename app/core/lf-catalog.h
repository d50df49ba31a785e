/* lf-catalog.h — what Lifeline watches: references, providers and platforms
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lf-status.h"

G_BEGIN_DECLS

#define LF_CATALOG_ERROR (lf_catalog_error_quark ())

typedef enum
{
  LF_CATALOG_ERROR_INVALID,     /* the message names the file, the entry and the problem */
  LF_CATALOG_ERROR_IO,
} LfCatalogError;

#define LF_CATALOG_VERSION 1
/* Default threshold above which an answer counts as `slow`. */
#define LF_CATALOG_DEFAULT_SLOW_MS 5000

/* One HTTP request that tells whether a target answers. */
typedef struct
{
  char   *url;
  char   *method;          /* "GET" or "HEAD" */
  guint   expect_status;   /* 0 = any 2xx or 3xx */
} LfProbeSpec;

/* A neutral connectivity target, used only to judge the user's own network. */
typedef struct
{
  char   *id;
  char   *name;
  char   *url;
  char   *provider;        /* free-form infrastructure tag, e.g. "gnome-infra", "cloudflare" */
  guint   expect_status;   /* 0 = any 2xx/3xx; else exactly this, redirects not followed */
} LfCatalogReference;

/* A CDN or cloud provider platforms sit behind. */
typedef struct
{
  char          *id;
  char          *name;
  LfStatusSpec  *status;   /* nullable */
} LfCatalogProvider;

typedef struct
{
  char          *id;
  char          *name;
  char          *category; /* "marketplace", "communication", "code-files", "payments", … */
  GPtrArray     *probes;   /* LfProbeSpec*, at least one */
  LfStatusSpec  *status;   /* nullable */
  char         **providers;/* provider ids, never NULL (may be empty) */
  guint          slow_ms;  /* LF_CATALOG_DEFAULT_SLOW_MS unless the entry says "slow_ms" */
  gboolean       custom;   /* added by the user (the user file's "custom": true) */
  char          *source;   /* the file this entry came from (for messages), nullable */
} LfCatalogPlatform;

typedef struct
{
  /*< private >*/
  gatomicrefcount  ref_count;
  /*< public >*/
  GPtrArray       *references;  /* LfCatalogReference* */
  GPtrArray       *providers;   /* LfCatalogProvider* */
  GPtrArray       *platforms;   /* LfCatalogPlatform* */
  char            *source;      /* where it came from, e.g. "catalog.json (built in) + /home/…" */
} LfCatalog;

#define LF_TYPE_CATALOG (lf_catalog_get_type ())

GQuark              lf_catalog_error_quark          (void);
GType               lf_catalog_get_type             (void) G_GNUC_CONST;

LfProbeSpec        *lf_probe_spec_new               (const char               *url,
                                                     const char               *method,
                                                     guint                     expect_status);
LfProbeSpec        *lf_probe_spec_copy              (const LfProbeSpec        *spec);
void                lf_probe_spec_free              (LfProbeSpec              *spec);

LfCatalogReference *lf_catalog_reference_copy       (const LfCatalogReference *reference);
void                lf_catalog_reference_free       (LfCatalogReference       *reference);
LfProbeSpec        *lf_catalog_reference_get_probe_spec (const LfCatalogReference *reference);
LfCatalogProvider  *lf_catalog_provider_copy        (const LfCatalogProvider  *provider);
void                lf_catalog_provider_free        (LfCatalogProvider        *provider);
LfCatalogPlatform  *lf_catalog_platform_new         (void);
LfCatalogPlatform  *lf_catalog_platform_copy        (const LfCatalogPlatform  *platform);
void                lf_catalog_platform_free        (LfCatalogPlatform        *platform);

LfCatalog          *lf_catalog_new                  (void);
LfCatalog          *lf_catalog_new_from_data        (const char               *data,
                                                     gssize                    length,
                                                     const char               *source_name,
                                                     GError                  **error);
LfCatalog          *lf_catalog_new_from_file        (const char               *path,
                                                     GError                  **error);
LfCatalog          *lf_catalog_load_default         (const char               *override_file,
                                                     GError                  **error);
char               *lf_catalog_get_user_file        (void);

LfCatalog          *lf_catalog_ref                  (LfCatalog                *catalog);
void                lf_catalog_unref                (LfCatalog                *catalog);

void                lf_catalog_merge                (LfCatalog                *catalog,
                                                     LfCatalog                *overrides);
gboolean            lf_catalog_validate             (LfCatalog                *catalog,
                                                     const char               *source_name,
                                                     GError                  **error);

LfCatalogPlatform  *lf_catalog_lookup_platform      (LfCatalog                *catalog,
                                                     const char               *id);
LfCatalogProvider  *lf_catalog_lookup_provider      (LfCatalog                *catalog,
                                                     const char               *id);
LfCatalogReference *lf_catalog_lookup_reference     (LfCatalog                *catalog,
                                                     const char               *id);

JsonNode           *lf_catalog_to_json              (LfCatalog                *catalog);
char               *lf_catalog_to_data              (LfCatalog                *catalog,
                                                     gsize                    *length);
JsonNode           *lf_catalog_platform_to_json     (const LfCatalogPlatform  *platform);

gboolean            lf_catalog_save_user_platform   (LfCatalogPlatform        *platform,
                                                     GError                  **error);
gboolean            lf_catalog_remove_user_platform (const char               *id,
                                                     GError                  **error);
void                lf_catalog_save_user_platform_async  (LfCatalogPlatform   *platform,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean            lf_catalog_save_user_platform_finish (GAsyncResult        *result,
                                                          GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfProbeSpec, lf_probe_spec_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfCatalogReference, lf_catalog_reference_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfCatalogProvider, lf_catalog_provider_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfCatalogPlatform, lf_catalog_platform_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfCatalog, lf_catalog_unref)

G_END_DECLS
