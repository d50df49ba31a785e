/* lf-import.h — import contacts from a bundle, vCard or CSV file, with a preview
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-bundle.h"
#include "lf-channel.h"
#include "lf-contact-store.h"
#include "lf-import-report.h"
#include "lf-plan.h"
#include "lf-template-store.h"

G_BEGIN_DECLS

#define LF_IMPORT_MAX_SIZE (16 * 1024 * 1024)
/* A freelancer's address book is hundreds; a file with more is split, not half-read. */
#define LF_IMPORT_MAX_CONTACTS 100000
/* Bytes of one value (a name, an address, a tag…), and of a contact's notes. */
#define LF_IMPORT_MAX_FIELD 1024
#define LF_IMPORT_MAX_NOTES (64 * 1024)
/* Values in one list of a contact (e-mail addresses, phones, tags, channels…). */
#define LF_IMPORT_MAX_VALUES 100

/* The fraction done, from 0 to 1. */
typedef void (*LfImportProgressFunc) (double   fraction,
                                      gpointer user_data);

typedef enum
{
  LF_IMPORT_FORMAT_UNKNOWN,
  LF_IMPORT_FORMAT_BUNDLE,
  LF_IMPORT_FORMAT_VCARD,
  LF_IMPORT_FORMAT_CSV,
} LfImportFormat;

#define LF_TYPE_IMPORT_PREVIEW (lf_import_preview_get_type ())

G_DECLARE_FINAL_TYPE (LfImportPreview, lf_import_preview, LF, IMPORT_PREVIEW, GObject)

LfImportFormat   lf_import_format_for_path        (const char          *path);
LfImportFormat   lf_import_guess_format           (const char          *path,
                                                   const char          *data,
                                                   gsize                length);

LfImportPreview *lf_import_preview_new            (LfContactStore      *store,
                                                   const char          *data,
                                                   gssize               length,
                                                   LfImportFormat       format,
                                                   GError             **error);
void             lf_import_preview_load_async     (LfContactStore      *store,
                                                   GFile               *file,
                                                   LfImportProgressFunc progress,
                                                   gpointer             progress_data,
                                                   GDestroyNotify       progress_notify,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
LfImportPreview *lf_import_preview_load_finish    (GAsyncResult        *result,
                                                   GError             **error);

GPtrArray       *lf_import_preview_get_added      (LfImportPreview     *self);
GPtrArray       *lf_import_preview_get_merged     (LfImportPreview     *self);
guint            lf_import_preview_get_n_unchanged (LfImportPreview    *self);
GPtrArray       *lf_import_preview_get_skipped    (LfImportPreview     *self);
LfImportReport  *lf_import_preview_get_report     (LfImportPreview     *self);
LfBundle        *lf_import_preview_get_bundle     (LfImportPreview     *self);
gboolean         lf_import_preview_is_empty       (LfImportPreview     *self);
char            *lf_import_preview_get_counts_text (LfImportPreview    *self);
char            *lf_import_preview_to_string      (LfImportPreview     *self);

void             lf_import_preview_set_targets    (LfImportPreview     *self,
                                                   LfChannelStore      *channels,
                                                   LfTemplateStore     *templates,
                                                   LfPlan              *plan);
void             lf_import_preview_apply_async    (LfImportPreview     *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean         lf_import_preview_apply_finish   (LfImportPreview     *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
void             lf_import_preview_get_applied    (LfImportPreview     *self,
                                                   guint               *n_contacts,
                                                   guint               *n_channels,
                                                   guint               *n_templates,
                                                   guint               *n_steps);

G_END_DECLS
