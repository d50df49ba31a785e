/* lf-application-private.h — what lf-application.c and lf-application-actions.c share
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-application.h"
#include "lf-window.h"

G_BEGIN_DECLS

/* lf-application.c */
LfWindow *lf_application_present_window (LfApplication *self,
                                         const char    *page,
                                         const char    *startup_id);
void      lf_application_toast          (LfApplication *self,
                                         const char    *text);

/* lf-application-actions.c */
void      lf_application_add_actions    (LfApplication *self);

G_END_DECLS
