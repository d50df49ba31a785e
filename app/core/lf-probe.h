/* lf-probe.h — one HTTP probe of a target, and the classifier that names its cause
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "lf-catalog.h"
#include "lf-types.h"

G_BEGIN_DECLS

/* Bytes of a probe's body read at most (enough for any Cloudflare error page). */
#define LF_PROBE_BODY_CAP (64 * 1024)

typedef struct
{
  /*< private >*/
  gatomicrefcount  ref_count;
  /*< public >*/
  char            *url;
  gint64           started_at;      /* unix µs, real time */
  guint            http_status;     /* 0 if no HTTP answer */
  LfCause          cause;           /* LF_CAUSE_NONE when the answer was as expected */
  char            *cdn;             /* "cloudflare", "cloudfront", "fastly", "akamai" or NULL */
  char            *ray_id;          /* the cf-ray header, or NULL */
  char            *server;          /* the Server header, or NULL */
  char            *error_message;   /* human explanation when cause != NONE, else NULL */
  char            *error_code;      /* e.g. Cloudflare "1016", "522"; NULL if none */
  double           dns_ms;          /* -1 when the phase did not happen */
  double           connect_ms;
  double           tls_ms;
  double           ttfb_ms;
  double           total_ms;        /* always set: start to end (or to failure) */
  gsize            body_bytes;      /* bytes of body read (at most LF_PROBE_BODY_CAP) */
  gboolean         body_truncated;  /* the body was longer than the cap */
} LfProbeResult;

#define LF_TYPE_PROBE_RESULT (lf_probe_result_get_type ())

GType          lf_probe_result_get_type  (void) G_GNUC_CONST;
LfProbeResult *lf_probe_result_new       (const char          *url);
LfProbeResult *lf_probe_result_ref       (LfProbeResult       *result);
void           lf_probe_result_unref     (LfProbeResult       *result);
gboolean       lf_probe_result_is_ok     (const LfProbeResult *result);

LfCause        lf_probe_classify         (guint                status,
                                          SoupMessageHeaders  *headers,
                                          const char          *body,
                                          gsize                body_len,
                                          GError              *transport_error,
                                          gint64               total_us,
                                          guint                slow_ms,
                                          char               **cdn_out,
                                          char               **error_code_out);
/* lf_probe_classify() for a probe that expects one exact status (expect_status != 0). */
LfCause        lf_probe_classify_full    (guint                status,
                                          guint                expect_status,
                                          SoupMessageHeaders  *headers,
                                          const char          *body,
                                          gsize                body_len,
                                          GError              *transport_error,
                                          gint64               total_us,
                                          guint                slow_ms,
                                          char               **cdn_out,
                                          char               **error_code_out);
char          *lf_probe_detect_cdn       (SoupMessageHeaders  *headers);

void           lf_probe_run_async        (SoupSession         *session,
                                          const LfProbeSpec   *spec,
                                          guint                timeout_seconds,
                                          guint                slow_ms,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
LfProbeResult *lf_probe_run_finish       (GAsyncResult        *result,
                                          GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfProbeResult, lf_probe_result_unref)

G_END_DECLS
