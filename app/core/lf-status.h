/* lf-status.h — vendors' status sources, read and normalised to one severity scale
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "lf-types.h"

G_BEGIN_DECLS

#define LF_STATUS_ERROR (lf_status_error_quark ())

typedef enum
{
  LF_STATUS_ERROR_FAILED,
  LF_STATUS_ERROR_PARSE,       /* not JSON, or not the expected shape */
  LF_STATUS_ERROR_HTTP,        /* the source answered with an unexpected HTTP status */
  LF_STATUS_ERROR_TOO_LARGE,   /* body larger than LF_STATUS_MAX_BODY */
} LfStatusError;

/* Status bodies are read up to this size (Google's incidents.json is several hundred KB). */
#define LF_STATUS_MAX_BODY (2 * 1024 * 1024)

/* The longest a `Cache-Control: max-age` keeps an answer fresh: one status interval. A status
 * page that asks for a day (or a number that overflows) must not hide an incident that long. */
#define LF_STATUS_MAX_FRESH_SECONDS 300

typedef enum
{
  LF_STATUS_KIND_STATUSPAGE,
  LF_STATUS_KIND_STATUSIO,
  LF_STATUS_KIND_SLACK,
  LF_STATUS_KIND_INCIDENTIO,
  LF_STATUS_KIND_GOOGLE_WORKSPACE,
  LF_STATUS_KIND_INSTATUS,
} LfStatusKind;

#define LF_STATUS_KIND_LAST LF_STATUS_KIND_INSTATUS

/* Where a platform's or provider's status is published (the catalog's "status" member). */
typedef struct
{
  LfStatusKind   kind;
  char          *url;          /* the machine-readable endpoint */
  char          *page;         /* human page, nullable */
  char         **components;   /* component/service/product names to watch; NULL = all */
} LfStatusSpec;

/* One active incident or maintenance (in progress or upcoming). */
typedef struct
{
  char         *id;
  char         *title;
  char         *url;           /* nullable */
  gint64        started_at;    /* unix seconds, 0 if unknown */
  LfSeverity    severity;      /* LF_SEVERITY_MAINTENANCE for maintenances */
  gboolean      maintenance;
  gboolean      upcoming;      /* scheduled, not started: a forewarning only */
  char        **components;    /* names of the affected components, may be empty, never NULL */
} LfStatusIncident;

/* A status source, read once. */
typedef struct
{
  /*< private >*/
  gatomicrefcount  ref_count;
  /*< public >*/
  LfSeverity       indicator;     /* for the watched components when filtered, else the page */
  char            *description;   /* the vendor's own words, nullable */
  GPtrArray       *incidents;     /* LfStatusIncident*, active and upcoming; never NULL */
  char            *page_url;      /* nullable */
  gint64           fetched_at;    /* unix seconds */
  char            *page_name;     /* the page's own title, nullable (not every kind has one) */
} LfStatusReport;

/* Conditional-request state for one status source (ETag, Last-Modified, max-age). */
typedef struct _LfStatusCache LfStatusCache;

#define LF_TYPE_STATUS_REPORT (lf_status_report_get_type ())
#define LF_TYPE_STATUS_SPEC (lf_status_spec_get_type ())

GQuark            lf_status_error_quark        (void);

const char       *lf_status_kind_to_string     (LfStatusKind        kind);
gboolean          lf_status_kind_from_string   (const char         *str,
                                                LfStatusKind       *kind);

GType             lf_status_spec_get_type      (void) G_GNUC_CONST;
LfStatusSpec     *lf_status_spec_new           (LfStatusKind        kind,
                                                const char         *url,
                                                const char         *page,
                                                const char * const *components);
LfStatusSpec     *lf_status_spec_copy          (const LfStatusSpec *spec);
void              lf_status_spec_free          (LfStatusSpec       *spec);

LfStatusIncident *lf_status_incident_new       (void);
void              lf_status_incident_free      (LfStatusIncident   *incident);

GType             lf_status_report_get_type    (void) G_GNUC_CONST;
LfStatusReport   *lf_status_report_new         (void);
LfStatusReport   *lf_status_report_ref         (LfStatusReport     *report);
void              lf_status_report_unref       (LfStatusReport     *report);
guint             lf_status_report_count_active (LfStatusReport    *report);
LfState           lf_severity_get_state        (LfSeverity          severity);

LfStatusReport   *lf_status_parse              (LfStatusKind        kind,
                                                GBytes             *body,
                                                const char * const *components,
                                                GError            **error);

LfStatusReport   *lf_status_parse_full         (LfStatusKind        kind,
                                                GBytes             *body,
                                                const char * const *components,
                                                const char         *base_url,
                                                GError            **error);

LfStatusCache    *lf_status_cache_new          (void);
void              lf_status_cache_free         (LfStatusCache      *cache);
gboolean          lf_status_cache_is_fresh     (LfStatusCache      *cache);
LfStatusReport   *lf_status_cache_get_report   (LfStatusCache      *cache);
const char       *lf_status_cache_get_etag     (LfStatusCache      *cache);
gint64            lf_status_cache_get_expires  (LfStatusCache      *cache);

void              lf_status_fetch_async        (SoupSession        *session,
                                                const LfStatusSpec *spec,
                                                LfStatusCache      *cache,
                                                guint               timeout_seconds,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
LfStatusReport   *lf_status_fetch_finish       (GAsyncResult       *result,
                                                gboolean           *not_modified,
                                                GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfStatusSpec, lf_status_spec_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfStatusIncident, lf_status_incident_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfStatusReport, lf_status_report_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfStatusCache, lf_status_cache_free)

G_END_DECLS
