/* lf-csv.h — contacts from and to CSV (RFC 4180; Google, Outlook and Lifeline columns)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-contact.h"
#include "lf-import-report.h"

G_BEGIN_DECLS

GPtrArray *lf_csv_parse_records (const char      *data,
                                 gssize           length,
                                 LfImportReport  *report,
                                 GError         **error);
GPtrArray *lf_csv_parse         (const char      *data,
                                 gssize           length,
                                 LfImportReport  *report,
                                 GError         **error);
char      *lf_csv_write         (GPtrArray   *contacts,
                                 gboolean     include_secrets);

G_END_DECLS
