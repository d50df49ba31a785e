/* lf-notice-bundle.h — a bundle's "channels" and "templates", in and out
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-bundle.h"
#include "lf-channel.h"
#include "lf-template-store.h"

G_BEGIN_DECLS

void     lf_notice_bundle_import_async  (LfBundle             *bundle,
                                         LfChannelStore       *channels,
                                         LfTemplateStore      *templates,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean lf_notice_bundle_import_finish (GAsyncResult         *result,
                                         guint                *n_channels,
                                         guint                *n_templates,
                                         GError              **error);
void     lf_notice_bundle_export_async  (LfChannelStore       *channels,
                                         LfTemplateStore      *templates,
                                         gboolean              include_secrets,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean lf_notice_bundle_export_finish (GAsyncResult         *result,
                                         JsonArray           **channels,
                                         JsonArray           **templates,
                                         GError              **error);
char    *lf_notice_bundle_describe      (guint                 n_channels,
                                         guint                 n_templates);

G_END_DECLS
