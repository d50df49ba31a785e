/* lf-notice-context.h — what a notice says about an outage: context and recipients
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-catalog.h"
#include "lf-contact-store.h"
#include "lf-history.h"
#include "lf-monitor.h"
#include "lf-profile.h"
#include "lf-recipient.h"

G_BEGIN_DECLS

#define LF_NOTICE_CONTEXT_ERROR (lf_notice_context_error_quark ())

typedef enum
{
  LF_NOTICE_CONTEXT_ERROR_UNKNOWN_PLATFORM,
} LfIncidentError;

GQuark           lf_notice_context_error_quark          (void);
gint64           lf_notice_context_find_start           (LfHistory          *history,
                                                   const char         *platform_id,
                                                   gboolean            include_ended);
char            *lf_notice_context_make_id              (const char         *platform_id,
                                                   gint64              start);
LfRenderContext *lf_notice_context_build_context        (LfCatalog          *catalog,
                                                   const char * const *platform_ids,
                                                   LfMonitor          *monitor,
                                                   LfHistory          *history,
                                                   gboolean           *recovered,
                                                   GError            **error);
void             lf_notice_context_apply_profile        (LfRenderContext    *context,
                                                   LfProfile          *profile);
GPtrArray       *lf_notice_context_list_recipients      (LfContactStore     *store,
                                                   const char * const *platform_ids);
LfRecipient     *lf_notice_context_recipient_from_contact (LfContact        *contact);

G_END_DECLS
