/* lf-notices-page.h — the Notices page: the notice log and "New Notice"
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lf-composer.h"
#include "lf-recipient.h"

G_BEGIN_DECLS

#define LF_TYPE_NOTICES_PAGE (lf_notices_page_get_type ())

G_DECLARE_FINAL_TYPE (LfNoticesPage, lf_notices_page, LF, NOTICES_PAGE, AdwBin)

GtkWidget  *lf_notices_page_new            (void);
void        lf_notices_page_reload         (LfNoticesPage         *self);
void        lf_notices_page_set_incident   (LfNoticesPage         *self,
                                            const LfRenderContext *context,
                                            GPtrArray             *recipients);
LfComposer *lf_notices_page_open_composer  (LfNoticesPage         *self,
                                            const char            *template_id);
void        lf_notices_page_open_all_clear (LfNoticesPage         *self);
guint       lf_notices_page_get_n_logged   (LfNoticesPage         *self);

void        lf_notices_page_set_soup_session (LfNoticesPage       *self,
                                              SoupSession         *session);
void        lf_notices_page_set_contact_store (LfNoticesPage      *self,
                                               LfContactStore     *store);
void        lf_notices_page_set_recipients_note (LfNoticesPage    *self,
                                                 const char       *note);
LfChannelStore *lf_notices_page_get_channel_store (LfNoticesPage  *self);
void        lf_notices_page_set_stores     (LfNoticesPage         *self,
                                            LfTemplateStore       *templates,
                                            LfChannelStore        *channels);

G_END_DECLS
