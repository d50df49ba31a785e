/* lf-status-detect.h — which kind of status page is at an address, and what it says now
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "lf-status.h"

G_BEGIN_DECLS

#define LF_STATUS_DETECT_ERROR (lf_status_detect_error_quark ())

typedef enum
{
  LF_STATUS_DETECT_ERROR_ADDRESS,        /* not a web address */
  LF_STATUS_DETECT_ERROR_NOT_RECOGNISED, /* no reader recognised anything at that address */
} LfStatusDetectError;

/* What a status page turned out to be. */
typedef struct
{
  LfStatusKind    kind;
  char           *url;         /* the machine-readable endpoint that answered */
  char           *page;        /* the page's address as given (normalised) */
  char           *name;        /* the page's own title, or its host name */
  char           *probe_url;   /* a suggested address to probe for the platform itself */
  LfStatusReport *report;      /* its state now */
} LfStatusDetection;

GQuark             lf_status_detect_error_quark   (void);

char              *lf_status_detect_normalize     (const char          *input,
                                                   GError             **error);
char              *lf_status_detect_suggest_probe (const char          *page);

void               lf_status_detect_async         (SoupSession         *session,
                                                   const char          *input,
                                                   guint                timeout_seconds,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
void               lf_status_detect_async_full    (SoupSession         *session,
                                                   const char          *input,
                                                   const char          *statusio_api,
                                                   guint                timeout_seconds,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
LfStatusDetection *lf_status_detect_finish        (GAsyncResult        *result,
                                                   GError             **error);

void               lf_status_detection_free       (LfStatusDetection   *detection);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfStatusDetection, lf_status_detection_free)

G_END_DECLS
