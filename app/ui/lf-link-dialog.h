/* lf-link-dialog.h — link several clients to a platform at once
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

#define LF_TYPE_LINK_DIALOG (lf_link_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LfLinkDialog, lf_link_dialog, LF, LINK_DIALOG, AdwWindow)

LfLinkDialog *lf_link_dialog_new             (LfContactStore     *store,
                                              LfCatalog          *catalog,
                                              const char * const *ticked,
                                              const char         *description);
gboolean      lf_link_dialog_choose_platform (LfLinkDialog       *self,
                                              const char         *platform_id);
guint         lf_link_dialog_get_n_ticked    (LfLinkDialog       *self);
void          lf_link_dialog_link            (LfLinkDialog       *self);

G_END_DECLS
