/* lf-cli-contacts.h — what the commands share: the parts of an LfContext they need, loaded
 * synchronously
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-contact-store.h"
#include "lf-context.h"
#include "lf-profile.h"

#include "lf-plan.h"

G_BEGIN_DECLS

LfProfile      *lf_cli_load_profile          (GError      **error);
void            lf_cli_contacts_wait         (GAsyncResult **result);

gboolean        lf_cli_context_load_contacts (LfContext    *context,
                                              GError      **error);
gboolean        lf_cli_context_load_history  (LfContext    *context,
                                              GError      **error);
gboolean        lf_cli_context_load_incidents (LfContext   *context,
                                               GError     **error);
gboolean        lf_cli_context_load_plan     (LfContext    *context,
                                              GError      **error);
gboolean        lf_cli_context_load_notices  (LfContext    *context,
                                              GError      **error);

G_END_DECLS
