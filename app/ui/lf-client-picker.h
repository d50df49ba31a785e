/* lf-client-picker.h — choose clients to add to a notice
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lf-contact-store.h"

G_BEGIN_DECLS

#define LF_TYPE_CLIENT_PICKER (lf_client_picker_get_type ())

G_DECLARE_FINAL_TYPE (LfClientPicker, lf_client_picker, LF, CLIENT_PICKER, AdwWindow)

LfClientPicker *lf_client_picker_new          (LfContactStore     *store,
                                               const char * const *exclude_ids);
guint           lf_client_picker_get_n_shown  (LfClientPicker     *self);
void            lf_client_picker_set_search   (LfClientPicker     *self,
                                               const char         *text);
gboolean        lf_client_picker_pick_first   (LfClientPicker     *self);

G_END_DECLS
