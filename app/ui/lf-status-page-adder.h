/* lf-status-page-adder.h — Preferences → Platforms: add a platform by its status page
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lf-context.h"

G_BEGIN_DECLS

#define LF_TYPE_STATUS_PAGE_ADDER (lf_status_page_adder_get_type ())

G_DECLARE_FINAL_TYPE (LfStatusPageAdder, lf_status_page_adder, LF, STATUS_PAGE_ADDER,
                      AdwPreferencesGroup)

GtkWidget  *lf_status_page_adder_new          (LfContext         *context);
void        lf_status_page_adder_set_context  (LfStatusPageAdder *self,
                                               LfContext         *context);
void        lf_status_page_adder_look_up      (LfStatusPageAdder *self,
                                               const char        *address);
gboolean    lf_status_page_adder_get_busy     (LfStatusPageAdder *self);
const char *lf_status_page_adder_get_found    (LfStatusPageAdder *self);
const char *lf_status_page_adder_get_error    (LfStatusPageAdder *self);
void        lf_status_page_adder_set_probe    (LfStatusPageAdder *self,
                                               const char        *url);
void        lf_status_page_adder_add          (LfStatusPageAdder *self);

G_END_DECLS
