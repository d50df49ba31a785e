/* lf-template-editor.h — edit a notice template, with its problems shown as you type
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lf-template-store.h"

G_BEGIN_DECLS

#define LF_TYPE_TEMPLATE_EDITOR (lf_template_editor_get_type ())

G_DECLARE_FINAL_TYPE (LfTemplateEditor, lf_template_editor, LF, TEMPLATE_EDITOR, AdwWindow)

LfTemplateEditor *lf_template_editor_new          (LfTemplateStore  *store,
                                                   const char       *template_id);
void              lf_template_editor_set_text     (LfTemplateEditor *self,
                                                   const char       *subject,
                                                   const char       *body);
guint             lf_template_editor_get_n_problems (LfTemplateEditor *self);

G_END_DECLS
