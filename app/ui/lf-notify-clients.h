/* lf-notify-clients.h — "Notify clients": the composer, filled in, in one click
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-context.h"
#include "lf-window.h"

G_BEGIN_DECLS

void lf_notify_clients_start (LfContext  *context,
                              LfWindow   *window,
                              const char *platform_id);
void lf_notify_clients_start_all_clear (LfContext *context,
                                        LfWindow  *window);
void lf_notify_clients_new_notice      (LfContext *context,
                                        LfWindow  *window);

G_END_DECLS
