/* lf-cli-notify.h — lifeline --notify PLATFORM [--template ID] [--channel ID] [--dry-run]
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-recipient.h"

G_BEGIN_DECLS

/* Where --notify finds the clients of a platform (the client directory) and, optionally, the
 * incident and the user's own details. The command line may block in these. */
typedef struct _LfRecipientSource LfRecipientSource;

struct _LfRecipientSource
{
  /* Returns: (transfer full) (element-type LfRecipient): the clients linked to
   * @platform_id (an empty array if none), or NULL with @error */
  GPtrArray *(*list_recipients) (LfRecipientSource  *source,
                                 const char         *platform_id,
                                 GError            **error);

  /* Optional: fills @context (platform display name, provider, since, status URL, incident
   * id, my_name, my_email, my_channel). Without it the platform id is the name and {since}
   * is the time of the command. */
  gboolean   (*fill_context)    (LfRecipientSource  *source,
                                 const char         *platform_id,
                                 LfRenderContext    *context,
                                 GError            **error);

  gpointer     user_data;
};

void lf_cli_notify_set_recipient_source (LfRecipientSource *source);
int  lf_cli_notify                      (const char        *platform_id,
                                         const char        *template_id,
                                         const char        *channel_id,
                                         gboolean           dry_run);

G_END_DECLS
