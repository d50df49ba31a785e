/* lf-context.h — the composition root: everything one Lifeline front end works with
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "lf-catalog.h"
#include "lf-channel.h"
#include "lf-contact-store.h"
#include "lf-drill.h"
#include "lf-history.h"
#include "lf-import.h"
#include "lf-incident-bridge.h"
#include "lf-incident-log.h"
#include "lf-monitor.h"
#include "lf-notice.h"
#include "lf-outage.h"
#include "lf-plan.h"
#include "lf-template-store.h"

G_BEGIN_DECLS

#define LF_TYPE_CONTEXT (lf_context_get_type ())

G_DECLARE_FINAL_TYPE (LfContext, lf_context, LF, CONTEXT, GObject)

LfContext        *lf_context_new                   (void);
LfContext        *lf_context_new_headless          (void);

void              lf_context_load_async            (LfContext           *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean          lf_context_load_finish           (LfContext           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
gboolean          lf_context_load_wait             (LfContext           *self,
                                                    GError             **error);
void              lf_context_shutdown              (LfContext           *self);
void              lf_context_follow_remote         (LfContext           *self,
                                                    GDBusConnection     *connection,
                                                    const char          *bus_name,
                                                    const char          *object_path);
gboolean          lf_context_get_follows_remote    (LfContext           *self);
void              lf_context_follow_files          (LfContext           *self);

SoupSession      *lf_context_get_soup_session      (LfContext           *self);
LfCatalog        *lf_context_get_catalog           (LfContext           *self);
const char       *lf_context_get_catalog_problem   (LfContext           *self);
const GError     *lf_context_get_catalog_error     (LfContext           *self);
gboolean          lf_context_reload_catalog        (LfContext           *self,
                                                    GError             **error);
gboolean          lf_context_set_catalog_file      (LfContext           *self,
                                                    const char          *path,
                                                    GError             **error);

LfMonitor        *lf_context_get_monitor           (LfContext           *self);
LfMonitor        *lf_context_get_active_monitor    (LfContext           *self);
LfHistory        *lf_context_get_history           (LfContext           *self);
LfPlan           *lf_context_get_plan              (LfContext           *self);
LfIncidentLog    *lf_context_get_incident_log      (LfContext           *self);
LfContactStore   *lf_context_get_contact_store     (LfContext           *self);
LfChannelStore   *lf_context_get_channel_store     (LfContext           *self);
LfTemplateStore  *lf_context_get_template_store    (LfContext           *self);

LfDrill          *lf_context_get_drill             (LfContext           *self);
gboolean          lf_context_get_drill_running     (LfContext           *self);
const char       *lf_context_get_rehearsal_name    (LfContext           *self);
LfDrill          *lf_context_start_drill           (LfContext           *self,
                                                    LfDrillScenario     *scenario,
                                                    double               speed);
void              lf_context_stop_drill            (LfContext           *self);

LfIncident       *lf_context_find_incident         (LfContext           *self,
                                                    const char          *incident_or_platform_id);
LfRenderContext  *lf_context_prepare_notice        (LfContext           *self,
                                                    const char          *incident_or_platform_id,
                                                    GStrv               *platform_ids,
                                                    gboolean            *recovered,
                                                    GError             **error);
LfOutagePlan     *lf_context_plan_notice           (LfContext           *self,
                                                    GPtrArray           *contacts,
                                                    const char          *platform_id,
                                                    LfIncident          *incident,
                                                    gboolean             all_clear,
                                                    LfRenderContext    **render_context);
void              lf_context_link_notice           (LfContext           *self,
                                                    const char          *notice_incident_id,
                                                    LfIncident          *incident);
gboolean          lf_context_record_notice         (LfContext           *self,
                                                    LfNotice            *notice);

void              lf_context_import_async          (LfContext           *self,
                                                    GFile               *file,
                                                    LfImportProgressFunc progress,
                                                    gpointer             progress_data,
                                                    GDestroyNotify       progress_notify,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
LfImportPreview  *lf_context_import_finish         (LfContext           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
