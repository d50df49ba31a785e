/* lf-cli-contacts.h — what --import and --export share: a loaded store, synchronously
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-contact-store.h"
#include "lf-profile.h"

#include "lf-plan.h"

G_BEGIN_DECLS

LfContactStore *lf_cli_contacts_load_store   (GError      **error);
LfProfile      *lf_cli_contacts_load_profile (GError      **error);
void            lf_cli_contacts_wait         (GAsyncResult **result);
LfPlan         *lf_cli_load_plan             (GError      **error);

G_END_DECLS
