/* lf-profile.h — the user's own details ("me" in the bundle), kept in the keyring
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LF_PROFILE_CREDENTIAL_ID "profile"
#define LF_PROFILE_LABEL "Lifeline profile"

#define LF_TYPE_PROFILE (lf_profile_get_type ())

G_DECLARE_FINAL_TYPE (LfProfile, lf_profile, LF, PROFILE, GObject)

LfProfile  *lf_profile_new            (void);
LfProfile  *lf_profile_new_from_json  (JsonObject          *object,
                                       GError             **error);
JsonObject *lf_profile_to_json        (LfProfile           *self);
gboolean    lf_profile_is_empty       (LfProfile           *self);

const char *lf_profile_get_name       (LfProfile           *self);
void        lf_profile_set_name       (LfProfile           *self,
                                       const char          *name);
const char *lf_profile_get_email      (LfProfile           *self);
void        lf_profile_set_email      (LfProfile           *self,
                                       const char          *email);
const char *lf_profile_get_channel    (LfProfile           *self);
void        lf_profile_set_channel    (LfProfile           *self,
                                       const char          *channel);

void        lf_profile_load_async     (GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
LfProfile  *lf_profile_load_finish    (GAsyncResult        *result,
                                       GError             **error);
void        lf_profile_save_async     (LfProfile           *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean    lf_profile_save_finish    (LfProfile           *self,
                                       GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
