/* lf-mail-client.h — a pre-filled draft in the desktop mail app (Email portal or mailto:)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  LF_MAIL_CLIENT_ROUTE_PORTAL,
  LF_MAIL_CLIENT_ROUTE_MAILTO,
} LfMailClientRoute;

char     *lf_mailto_build                (const char * const  *to,
                                          const char * const  *bcc,
                                          const char          *subject,
                                          const char          *body);

void      lf_mail_client_compose_async   (GDBusConnection     *connection,
                                          const char * const  *to,
                                          const char * const  *bcc,
                                          const char          *subject,
                                          const char          *body,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean  lf_mail_client_compose_finish  (GAsyncResult        *result,
                                          LfMailClientRoute   *route,
                                          GError             **error);

/* Adapters with the signatures of LfNoticeDraftFunc / LfNoticeDraftFinishFunc, for
 * lf_notice_set_draft_func (notice, lf_mail_client_draft, lf_mail_client_draft_finish,
 * NULL): the session bus, the addresses in Bcc. */
void      lf_mail_client_draft           (const char * const  *bcc,
                                          const char          *subject,
                                          const char          *body,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             callback_data,
                                          gpointer             user_data);
gboolean  lf_mail_client_draft_finish    (GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
