/* lf-channel-editor.h — add or edit a notice channel (credentials go to the keyring)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lf-channel.h"

G_BEGIN_DECLS

#define LF_TYPE_CHANNEL_EDITOR (lf_channel_editor_get_type ())

G_DECLARE_FINAL_TYPE (LfChannelEditor, lf_channel_editor, LF, CHANNEL_EDITOR, AdwWindow)

LfChannelEditor *lf_channel_editor_new       (LfChannelStore  *store,
                                              const char      *channel_id);
void             lf_channel_editor_set_field (LfChannelEditor *self,
                                              const char      *field,
                                              const char      *value);
void             lf_channel_editor_save      (LfChannelEditor *self);
const char      *lf_channel_editor_get_error (LfChannelEditor *self);

G_END_DECLS
