/* lf-export.h — write the client directory to a bundle, vCard or CSV file
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-import.h"
#include "lf-profile.h"

G_BEGIN_DECLS

const char *lf_export_get_warning  (void);
char       *lf_export_to_data      (GListModel          *contacts,
                                    LfProfile           *me,
                                    LfImportFormat       format,
                                    gboolean             include_secrets);
void        lf_export_write_async  (GListModel          *contacts,
                                    LfProfile           *me,
                                    const char          *path,
                                    gboolean             include_secrets,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean    lf_export_write_finish (GAsyncResult        *result,
                                    GError             **error);
gboolean    lf_export_write        (GListModel          *contacts,
                                    LfProfile           *me,
                                    const char          *path,
                                    gboolean             include_secrets,
                                    GError             **error);

char       *lf_export_to_data_full (GListModel          *contacts,
                                    LfProfile           *me,
                                    JsonArray           *channels,
                                    JsonArray           *templates,
                                    JsonObject          *plan,
                                    LfImportFormat       format,
                                    gboolean             include_secrets);
void        lf_export_write_full_async (GListModel      *contacts,
                                        LfProfile       *me,
                                        JsonArray       *channels,
                                        JsonArray       *templates,
                                        JsonObject      *plan,
                                        const char      *path,
                                        gboolean         include_secrets,
                                        GCancellable    *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer         user_data);
gboolean    lf_export_write_full   (GListModel          *contacts,
                                    LfProfile           *me,
                                    JsonArray           *channels,
                                    JsonArray           *templates,
                                    JsonObject          *plan,
                                    const char          *path,
                                    gboolean             include_secrets,
                                    GError             **error);

G_END_DECLS
