/* lf-report.h — an incident as a self-contained report (Markdown, JSON)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-incident.h"

G_BEGIN_DECLS

typedef enum
{
  LF_REPORT_MARKDOWN,
  LF_REPORT_JSON,
} LfReportFormat;

char     *lf_report_to_markdown     (LfIncident      *incident,
                                     GTimeZone       *local);
char     *lf_report_to_json         (LfIncident      *incident,
                                     GTimeZone       *local);
LfIncident *lf_report_parse_json    (const char      *text,
                                     GError         **error);
char     *lf_report_format_time     (GDateTime       *time,
                                     GTimeZone       *local);
char     *lf_report_format_duration (GTimeSpan        span);
gboolean  lf_report_write           (LfIncident      *incident,
                                     LfReportFormat   format,
                                     const char      *path,
                                     GError         **error);
void      lf_report_write_async     (LfIncident      *incident,
                                     LfReportFormat   format,
                                     const char      *path,
                                     GCancellable    *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer         user_data);
gboolean  lf_report_write_finish    (GAsyncResult    *result,
                                     GError         **error);

G_END_DECLS
