/* lf-service.h — `lifeline`: the command line, or the background monitor without GTK
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-context.h"
#include "lf-notifier.h"
#include "lf-tray.h"

G_BEGIN_DECLS

#define LF_TYPE_SERVICE (lf_service_get_type ())

G_DECLARE_FINAL_TYPE (LfService, lf_service, LF, SERVICE, GApplication)

LfService   *lf_service_new                 (char * const *argv);
LfContext   *lf_service_get_context         (LfService  *self);
LfTray      *lf_service_get_tray            (LfService  *self);
LfNotifier  *lf_service_get_notifier        (LfService  *self);
GPid         lf_service_get_window_pid      (LfService  *self);
gboolean     lf_service_get_held_for_background (LfService *self);
void         lf_service_open_window         (LfService  *self,
                                             const char *action,
                                             const char *target,
                                             const char *activation_token);

G_END_DECLS
