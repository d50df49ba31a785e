/* lf-http.h — the application-wide HTTP session and bounded body reads
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Largest number of connections the session opens at once (all hosts together; the per-host
 * limit is the same).
 *
 * Measured on loopback (500 probes of a 100 ms target, 1 KiB bodies): spread over 250 hosts,
 * 0.21 s wall and 0.08 s CPU; all on ONE host:port, 0.76 s wall and 0.62 s CPU, because
 * libsoup 3.2 looks connections up per host linearly (O(n²) in connections to one host; a
 * per-host limit of 64 was far worse: 4.6 s). Real catalogs spread over many hosts; a
 * benchmark should spread its targets over several loopback addresses (127.0.0.x) too. */
#define LF_HTTP_MAX_CONNS 512
/* At most this many redirects are followed for one request. */
#define LF_HTTP_MAX_REDIRECTS 5

/* A deadline for one request: a cancellable that is cancelled when the time is up or when the
 * caller's own cancellable is. */
typedef struct _LfHttpDeadline LfHttpDeadline;

LfHttpDeadline *lf_http_deadline_new         (guint                timeout_ms,
                                              GCancellable        *parent);
GCancellable   *lf_http_deadline_get_cancellable (LfHttpDeadline  *deadline);
gboolean        lf_http_deadline_expired     (LfHttpDeadline      *deadline);
void            lf_http_deadline_free        (LfHttpDeadline      *deadline);

char        *lf_http_get_user_agent          (void);

SoupSession *lf_http_session_new             (void);
void         lf_http_session_set_tls_database (SoupSession         *session,
                                               GTlsDatabase        *database);

void         lf_http_send_async              (SoupSession         *session,
                                              SoupMessage         *msg,
                                              guint                max_redirects,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GInputStream *lf_http_send_finish            (GAsyncResult        *result,
                                              SoupMessage        **final_msg,
                                              GError             **error);

void         lf_http_read_capped_async       (GInputStream        *stream,
                                              gsize                cap,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GBytes      *lf_http_read_capped_finish      (GAsyncResult        *result,
                                              gboolean            *truncated,
                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfHttpDeadline, lf_http_deadline_free)

G_END_DECLS
