/* lf-report-print.h — an incident report as PDF, through GtkPrintOperation
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lf-incident.h"

G_BEGIN_DECLS

gboolean lf_report_export_pdf (LfIncident  *incident,
                               const char  *path,
                               GtkWindow   *parent,
                               GError     **error);

G_END_DECLS
