/* lf-client-editor.h — add or edit one client
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lf-catalog.h"
#include "lf-contact-store.h"

G_BEGIN_DECLS

#define LF_TYPE_CLIENT_EDITOR (lf_client_editor_get_type ())

G_DECLARE_FINAL_TYPE (LfClientEditor, lf_client_editor, LF, CLIENT_EDITOR, AdwWindow)

LfClientEditor *lf_client_editor_new            (LfContactStore *store,
                                                 LfCatalog      *catalog,
                                                 LfContact      *contact);
LfContact      *lf_client_editor_get_contact    (LfClientEditor *self);
gboolean        lf_client_editor_is_valid       (LfClientEditor *self);
GtkWidget      *lf_client_editor_get_row        (LfClientEditor *self,
                                                 const char     *field);
void            lf_client_editor_save           (LfClientEditor *self);
GStrv           lf_client_editor_dup_platforms  (LfClientEditor *self);
gboolean        lf_client_editor_set_platform   (LfClientEditor *self,
                                                 const char     *platform_id,
                                                 gboolean        linked);
const char     *lf_client_editor_get_platforms_summary (LfClientEditor *self);

G_END_DECLS
