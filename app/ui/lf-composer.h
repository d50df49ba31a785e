/* lf-composer.h — the window that composes and sends one notice
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lf-channel.h"
#include "lf-client-picker.h"
#include "lf-contact-store.h"
#include "lf-notice.h"
#include "lf-template-store.h"

G_BEGIN_DECLS

#define LF_TYPE_COMPOSER (lf_composer_get_type ())

G_DECLARE_FINAL_TYPE (LfComposer, lf_composer, LF, COMPOSER, AdwWindow)

LfComposer *lf_composer_new             (LfTemplateStore       *templates,
                                         LfChannelStore        *channels,
                                         const LfRenderContext *context,
                                         GPtrArray             *recipients);
void        lf_composer_select_template (LfComposer            *self,
                                         const char            *template_id);
void        lf_composer_select_channel  (LfComposer            *self,
                                         const char            *channel_id);
void        lf_composer_set_drill       (LfComposer            *self,
                                         gboolean               drill);
LfNotice   *lf_composer_get_notice      (LfComposer            *self);
void        lf_composer_set_soup_session (LfComposer           *self,
                                         SoupSession           *session);

void        lf_composer_set_contact_store (LfComposer         *self,
                                           LfContactStore     *store);
void        lf_composer_set_recipients_note (LfComposer       *self,
                                             const char       *note);
gboolean    lf_composer_add_recipient   (LfComposer            *self,
                                         const LfRecipient     *recipient);
gboolean    lf_composer_remove_recipient (LfComposer           *self,
                                          const char           *contact_id);
GStrv       lf_composer_dup_recipient_ids (LfComposer          *self);
const char *lf_composer_describe_recipient (LfComposer         *self,
                                            const char         *contact_id);
LfClientPicker *lf_composer_open_picker (LfComposer            *self);
const char *lf_composer_get_recipients_description (LfComposer *self);

void                lf_composer_preview_recipient (LfComposer *self,
                                                   const char *contact_id);
const char         *lf_composer_get_preview       (LfComposer  *self,
                                                   const char **subject);
gboolean            lf_composer_get_can_send      (LfComposer *self);
gboolean            lf_composer_get_can_retry     (LfComposer *self);

void                lf_composer_set_platform_choices (LfComposer         *self,
                                                      const char * const *ids,
                                                      const char * const *names,
                                                      const char         *selected);
gboolean            lf_composer_choose_platform   (LfComposer *self,
                                                   const char *platform_id);
void                lf_composer_set_recipients    (LfComposer            *self,
                                                   const LfRenderContext *context,
                                                   GPtrArray             *recipients,
                                                   const char            *note);

G_END_DECLS
