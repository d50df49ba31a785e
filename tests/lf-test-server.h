/* lf-test-server.h — an in-process HTTP(S) server on loopback that plays scripted answers
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/*
 * Usage (everything runs on the test's main context; iterate it while the client works):
 *
 *   g_autoptr(LfTestServer) server = lf_test_server_new (FALSE);        // TRUE for HTTPS
 *   LfTestResponse *r = lf_test_server_respond (server, "/down", 500);
 *   lf_test_response_add_header (r, "Server", "cloudflare");
 *   lf_test_response_add_header (r, "CF-RAY", "8c2d1e0f3a4b5c6d-SJC");
 *   lf_test_response_set_body_from_file (r, "text/html", "cf_502_bad-gateway.html");
 *   g_autofree char *url = lf_test_server_get_url (server, "/down");
 *
 * Paths without a script answer 404. Responses belong to the server; change them between
 * requests at will (e.g. to make a target flap). HTTPS servers use tests/data/test-cert.pem
 * (CN and subjectAltName 127.0.0.1, valid until 2126); clients trust it with
 * lf_test_server_get_tls_database(), and do NOT trust it with the system store.
 */

typedef struct _LfTestServer LfTestServer;
typedef struct _LfTestResponse LfTestResponse;

LfTestServer   *lf_test_server_new                  (gboolean         tls);
void            lf_test_server_free                 (LfTestServer    *server);
guint           lf_test_server_get_port             (LfTestServer    *server);
char           *lf_test_server_get_url              (LfTestServer    *server,
                                                     const char      *path);
GTlsDatabase   *lf_test_server_get_tls_database     (void);
SoupServer     *lf_test_server_get_soup_server      (LfTestServer    *server);

/* Requests seen on @path so far, and a request header of the last one (NULL if absent). */
guint           lf_test_server_get_hits             (LfTestServer    *server,
                                                     const char      *path);
const char     *lf_test_server_get_last_request_header (LfTestServer *server,
                                                        const char   *path,
                                                        const char   *name);

/* The script for @path (replaces an earlier one): @status with an empty body. */
LfTestResponse *lf_test_server_respond              (LfTestServer    *server,
                                                     const char      *path,
                                                     guint            status);
void            lf_test_response_set_status         (LfTestResponse  *response,
                                                     guint            status);
void            lf_test_response_set_body           (LfTestResponse  *response,
                                                     const char      *content_type,
                                                     const char      *body,
                                                     gssize           length);
/* A file under tests/data/. */
void            lf_test_response_set_body_from_file (LfTestResponse  *response,
                                                     const char      *content_type,
                                                     const char      *name);
void            lf_test_response_add_header         (LfTestResponse  *response,
                                                     const char      *name,
                                                     const char      *value);
/* Answer only after @delay_ms. */
void            lf_test_response_set_delay          (LfTestResponse  *response,
                                                     guint            delay_ms);
/* Accept the request and never answer (the connection stays open). */
void            lf_test_response_set_never_answer   (LfTestResponse  *response);
/* 302 to @location (relative or absolute); pointing a path at itself makes a loop. */
void            lf_test_response_set_redirect       (LfTestResponse  *response,
                                                     const char      *location);
/* Status and headers at once, then a chunked body that never ends. */
void            lf_test_response_set_endless_body   (LfTestResponse  *response);
/* Status and headers at once, then five bytes every @interval_ms, forever (a slow drip). */
void            lf_test_response_set_trickle        (LfTestResponse  *response,
                                                     guint            interval_ms);
/* Send ETag/Last-Modified; answer 304 with no body when the request's If-None-Match or
 * If-Modified-Since matches. Either may be NULL. */
void            lf_test_response_set_validators     (LfTestResponse  *response,
                                                     const char      *etag,
                                                     const char      *last_modified);

/* Canned answers, shared by the scenarios. */
/* 200 with an empty body on each of @paths (NULL-terminated): a platform or a reference up. */
void            lf_test_server_respond_ok           (LfTestServer       *server,
                                                     const char * const *paths);
/* 200 with @json (a status page's answer). */
LfTestResponse *lf_test_server_respond_json         (LfTestServer    *server,
                                                     const char      *path,
                                                     const char      *json);
/* A Cloudflare edge error: 500, `Server: cloudflare`, `CF-RAY: @ray` and Cloudflare's error
 * page naming the ray (its part before the `-`). */
LfTestResponse *lf_test_server_respond_cloudflare_error (LfTestServer *server,
                                                         const char   *path,
                                                         const char   *ray);
/* Writes @json to @dir/@name with every `@BASE@` replaced by this server's address
 * (`http://127.0.0.1:PORT`): a catalog of loopback targets. Returns the file's path. */
char           *lf_test_server_write_file           (LfTestServer    *server,
                                                     const char      *dir,
                                                     const char      *name,
                                                     const char      *json);

/* A loopback port nothing listens on (connection refused). */
guint           lf_test_get_closed_port             (void);
char           *lf_test_server_make_catalog         (LfTestServer    *server,
                                                     const char * const *platform_ids);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfTestServer, lf_test_server_free)

G_END_DECLS
