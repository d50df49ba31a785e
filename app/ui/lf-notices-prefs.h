/* lf-notices-prefs.h — the Notices page of Preferences: you, channels, templates
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lf-context.h"
#include "lf-channel-editor.h"

G_BEGIN_DECLS

#define LF_TYPE_NOTICES_PREFS (lf_notices_prefs_get_type ())

G_DECLARE_FINAL_TYPE (LfNoticesPrefs, lf_notices_prefs, LF, NOTICES_PREFS, AdwPreferencesPage)

LfNoticesPrefs  *lf_notices_prefs_new               (LfContext      *context);
void             lf_notices_prefs_set_profile_field (LfNoticesPrefs *self,
                                                     const char     *field,
                                                     const char     *value);
void             lf_notices_prefs_save_profile      (LfNoticesPrefs *self);
gboolean         lf_notices_prefs_get_profile_loaded (LfNoticesPrefs *self);
LfChannelEditor *lf_notices_prefs_add_channel       (LfNoticesPrefs *self);
LfChannelEditor *lf_notices_prefs_edit_channel      (LfNoticesPrefs *self,
                                                     const char     *channel_id);
void             lf_notices_prefs_remove_channel    (LfNoticesPrefs *self,
                                                     const char     *channel_id);
void             lf_notices_prefs_test_channel      (LfNoticesPrefs *self,
                                                     const char     *channel_id);
const char      *lf_notices_prefs_get_last_message  (LfNoticesPrefs *self);
guint            lf_notices_prefs_get_n_channel_rows (LfNoticesPrefs *self);

G_END_DECLS
