/* lf-webhook.h — notices to chat webhooks (Slack, Discord, Teams, Google Chat, Mattermost,
 * generic JSON) with libsoup
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "lf-channel.h"

G_BEGIN_DECLS

#define LF_WEBHOOK_ERROR (lf_webhook_error_quark ())

typedef enum
{
  LF_WEBHOOK_ERROR_INVALID_URL,
  LF_WEBHOOK_ERROR_HTTP,
  LF_WEBHOOK_ERROR_TIMEOUT,
  LF_WEBHOOK_ERROR_NETWORK,
  LF_WEBHOOK_ERROR_CANCELLED,
} LfWebhookError;

#define LF_WEBHOOK_DISCORD_LIMIT 2000

/* The text of one notice and what the generic JSON webhook also carries. */
typedef struct
{
  const char *subject;
  const char *body;
  const char *platform;
  const char *provider;
  const char *client;      /* the recipient's name */
  const char *status_url;
  gint64      since;       /* Unix seconds, 0 if unknown */
  gboolean    rehearsal;
} LfWebhookMessage;

GQuark    lf_webhook_error_quark     (void);
char     *lf_webhook_build_payload   (LfChannelKind           kind,
                                      const LfWebhookMessage *message);
void      lf_webhook_post_async      (SoupSession            *session,
                                      LfChannelKind           kind,
                                      const char             *url,
                                      const LfWebhookMessage *message,
                                      guint                   timeout_seconds,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data);
gboolean  lf_webhook_post_finish     (GAsyncResult           *result,
                                      GError                **error);

G_END_DECLS
