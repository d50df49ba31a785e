/* lf-import-report.h — what an import skipped or partly ignored, summarised and bounded
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* At most this many examples of one kind of problem are kept; the rest are counted. */
#define LF_IMPORT_REPORT_EXAMPLES 5

typedef struct _LfImportReport LfImportReport;

/* Called by the parsers as they go, with how many bytes are read; FALSE stops them. */
typedef gboolean (*LfImportReportProgressFunc) (gsize    done,
                                                gpointer user_data);

LfImportReport *lf_import_report_new          (void);
void            lf_import_report_free         (LfImportReport *report);

void            lf_import_report_skip         (LfImportReport *report,
                                               const char     *format,
                                               ...) G_GNUC_PRINTF (2, 3);
void            lf_import_report_note         (LfImportReport *report,
                                               const char     *format,
                                               ...) G_GNUC_PRINTF (2, 3);
void            lf_import_report_add          (LfImportReport *report,
                                               gboolean        skipped,
                                               const char     *kind,
                                               const char     *message);

void            lf_import_report_set_progress  (LfImportReport *report,
                                                LfImportReportProgressFunc func,
                                                gpointer        user_data);
gboolean        lf_import_report_progress      (LfImportReport *report,
                                                gsize           done);

guint           lf_import_report_get_n_skipped (LfImportReport *report);
guint           lf_import_report_get_n_notes   (LfImportReport *report);
GPtrArray      *lf_import_report_get_lines     (LfImportReport *report,
                                                gboolean        sorted);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfImportReport, lf_import_report_free)

G_END_DECLS
