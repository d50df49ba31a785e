/* lf-incident-window.h — one incident: summary, timeline, checklist, export
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lf-incident-log.h"
#include "lf-incident.h"
#include "lf-report.h"

G_BEGIN_DECLS

typedef enum
{
  LF_EXPORT_MARKDOWN,
  LF_EXPORT_JSON,
  LF_EXPORT_PDF,
} LfExportFormat;

#define LF_TYPE_INCIDENT_WINDOW (lf_incident_window_get_type ())

G_DECLARE_FINAL_TYPE (LfIncidentWindow, lf_incident_window, LF, INCIDENT_WINDOW, AdwWindow)

LfIncidentWindow *lf_incident_window_new          (LfIncident          *incident,
                                                   LfIncidentLog       *log,
                                                   GtkWindow           *parent);
LfIncident       *lf_incident_window_get_incident (LfIncidentWindow    *self);
void              lf_incident_window_export_async (LfIncidentWindow    *self,
                                                   LfExportFormat       format,
                                                   const char          *path,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean          lf_incident_window_export_finish (LfIncidentWindow   *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);

G_END_DECLS
