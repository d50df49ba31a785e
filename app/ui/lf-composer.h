/* lf-composer.h — the window that composes and sends one notice
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lf-channel.h"
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

G_END_DECLS
