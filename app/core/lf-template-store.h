/* lf-template-store.h — the shipped notice templates and the user's edits
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-template.h"

G_BEGIN_DECLS

#define LF_TYPE_TEMPLATE_STORE (lf_template_store_get_type ())

G_DECLARE_FINAL_TYPE (LfTemplateStore, lf_template_store, LF, TEMPLATE_STORE, GObject)

GPtrArray       *lf_template_parse_shipped         (GBytes              *xml,
                                                    GError             **error);

LfTemplateStore *lf_template_store_new             (const char          *path);
const char      *lf_template_store_get_path        (LfTemplateStore     *self);
gboolean         lf_template_store_load            (LfTemplateStore     *self,
                                                    GError             **error);
void             lf_template_store_load_async      (LfTemplateStore     *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         lf_template_store_load_finish     (LfTemplateStore     *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void             lf_template_store_save_async      (LfTemplateStore     *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         lf_template_store_save_finish     (LfTemplateStore     *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

LfTemplate      *lf_template_store_lookup          (LfTemplateStore     *self,
                                                    const char          *id);
void             lf_template_store_update          (LfTemplateStore     *self,
                                                    LfTemplate          *template);
gboolean         lf_template_store_reset           (LfTemplateStore     *self,
                                                    const char          *id);
gboolean         lf_template_store_remove          (LfTemplateStore     *self,
                                                    const char          *id);
gboolean         lf_template_store_is_shipped      (LfTemplateStore     *self,
                                                    const char          *id);
gboolean         lf_template_store_is_modified     (LfTemplateStore     *self,
                                                    const char          *id);

G_END_DECLS
