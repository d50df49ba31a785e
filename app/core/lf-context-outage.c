/* lf-context-outage.c — the outage-day operations of LfContext: which incident a notice
 * belongs to, what it says about the platforms, recording it, importing a file
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-context"

#include "config.h"

#include "lf-context.h"
#include "lf-context-private.h"

#include <glib/gi18n.h>

#include "lf-notice-context.h"
#include "lf-outage.h"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* The safety flag on the send path: a drill's notice reaches only the user, marked as the
 * drill's (lf-notice.c routes it). */
static void
mark_rehearsal (LfRenderContext *context,
                gboolean         drill)
{
  context->rehearsal = context->rehearsal || drill;
  if (context->rehearsal && context->rehearsal_name == NULL)
    context->rehearsal_name = g_strdup (lf_drill_get_label ());
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
import_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LfContext *self = g_task_get_source_object (task);
  g_autoptr(LfImportPreview) preview = NULL;
  GError *error = NULL;

  preview = lf_import_preview_load_finish (result, &error);
  if (preview == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* A bundle's channels, templates and plan go to this context's stores. */
  lf_import_preview_set_targets (preview, self->channels, self->templates, self->plan);
  g_task_return_pointer (task, g_steal_pointer (&preview), g_object_unref);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_context_find_incident:
 * @self: a #LfContext
 * @incident_or_platform_id: an incident id (from a checklist step) or a catalog platform id
 *
 * Finds the incident a notice is about: the incident with that id, else the open incident
 * covering that platform (a drill's only while a drill plays, a real one otherwise).
 *
 * Returns: (transfer none) (nullable): the incident
 */
LfIncident *
lf_context_find_incident (LfContext  *self,
                          const char *incident_or_platform_id)
{
  LfIncident *incident;
  gboolean drill;

  g_return_val_if_fail (LF_IS_CONTEXT (self), NULL);

  lf_context_ensure_catalog (self);

  if (incident_or_platform_id == NULL || *incident_or_platform_id == '\0')
    return NULL;

  incident = lf_incident_log_lookup (self->log, incident_or_platform_id);
  if (incident != NULL)
    return incident;

  drill = lf_context_get_drill_running (self);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->log)); i++)
    {
      g_autoptr(LfIncident) candidate = g_list_model_get_item (G_LIST_MODEL (self->log), i);
      const char * const *platforms = lf_incident_get_platforms (candidate);

      if (lf_incident_is_open (candidate)
          && lf_incident_get_rehearsal (candidate) == drill
          && platforms != NULL
          && g_strv_contains (platforms, incident_or_platform_id))
        return candidate;
    }

  return NULL;
}

/**
 * lf_context_prepare_notice:
 * @self: a #LfContext
 * @incident_or_platform_id: an incident id (notify that incident's platforms), a platform id
 *   (notify that platform's clients), or "" (every platform the active diagnosis names)
 * @platform_ids: (out) (transfer full): the platforms the notice is about, maybe none
 * @recovered: (out) (optional): whether they are all up again (the notice is an all clear)
 * @error: an unknown platform
 *
 * What every front end's "notify clients" starts from: the render context of the platforms
 * (name, provider, status page, since when, from the active monitor and the history), linked
 * to the open incident covering them so that lf_context_record_notice() finds it, and marked
 * as a drill when a drill plays or the incident is one (nothing may then reach a client).
 * With no platform to name, the context is empty but for that mark.
 *
 * Returns: (transfer full) (nullable): the render context, or %NULL with @error set
 */
LfRenderContext *
lf_context_prepare_notice (LfContext   *self,
                           const char  *incident_or_platform_id,
                           GStrv       *platform_ids,
                           gboolean    *recovered,
                           GError     **error)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) found_ids = NULL;
  LfRenderContext *context;
  LfMonitor *monitor;
  LfIncident *incident;
  LfDiagnosis *diagnosis;
  gboolean drill;

  g_return_val_if_fail (LF_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (incident_or_platform_id != NULL, NULL);
  g_return_val_if_fail (platform_ids != NULL, NULL);

  lf_context_ensure_catalog (self);

  if (recovered != NULL)
    *recovered = FALSE;
  *platform_ids = NULL;

  monitor = lf_context_get_active_monitor (self);
  incident = lf_context_find_incident (self, incident_or_platform_id);
  drill = lf_context_get_drill_running (self)
          || (incident != NULL && lf_incident_get_rehearsal (incident));
  diagnosis = lf_monitor_get_diagnosis (monitor);

  if (incident != NULL && g_strcmp0 (lf_incident_get_id (incident), incident_or_platform_id) == 0)
    {
      if (lf_incident_get_platforms (incident) != NULL)
        g_strv_builder_addv (ids, (const char **) lf_incident_get_platforms (incident));
    }
  else if (*incident_or_platform_id != '\0')
    g_strv_builder_add (ids, incident_or_platform_id);
  else if (diagnosis != NULL && lf_diagnosis_get_affected (diagnosis) != NULL)
    g_strv_builder_addv (ids, (const char **) lf_diagnosis_get_affected (diagnosis));
  found_ids = g_strv_builder_end (ids);

  if (found_ids[0] == NULL)
    context = lf_render_context_new ();
  else
    {
      /* A drill's monitor has no history: its "since" comes from its own states. */
      context = lf_notice_context_build_context (self->catalog, (const char * const *) found_ids,
                                                 monitor,
                                                 monitor == self->monitor ? self->history : NULL,
                                                 recovered, error);
      if (context == NULL)
        return NULL;
    }

  if (incident != NULL)
    {
      if (context->incident_id == NULL)
        context->incident_id = g_strdup (lf_incident_get_id (incident));
      lf_context_link_notice (self, context->incident_id, incident);
    }

  mark_rehearsal (context, drill);
  *platform_ids = g_steal_pointer (&found_ids);

  return context;
}

/**
 * lf_context_plan_notice:
 * @self: a #LfContext
 * @contacts: (element-type LfContact): the client directory's contacts
 * @platform_id: (nullable): a catalog id, or %NULL (or "") for every platform that is down
 * @incident: (nullable): the incident the notice is for (a checklist step's): it is
 *   recorded there whatever the monitor says
 * @all_clear: plan the all-clear (to exactly those told of an outage that is over) instead
 *   of the outage notice
 * @render_context: (out) (transfer full): what the messages say about the platforms; the
 *   caller adds the user's details (lf_notice_context_apply_profile())
 *
 * The one-click "Notify Clients" (and `lifeline --notify affected|all-clear`): which client
 * is told what on the active monitor (lf-outage.c: each linked client about their own down
 * platforms, once), marked as a rehearsal when a drill plays or the incident is a drill's,
 * so that nothing reaches a client. Send it, then give it to lf_context_record_notice().
 *
 * Returns: (transfer full): the plan
 */
LfOutagePlan *
lf_context_plan_notice (LfContext        *self,
                        GPtrArray        *contacts,
                        const char       *platform_id,
                        LfIncident       *incident,
                        gboolean          all_clear,
                        LfRenderContext **render_context)
{
  LfMonitor *monitor;
  LfOutagePlan *plan;
  LfRenderContext *context;
  gboolean drill;

  g_return_val_if_fail (LF_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (contacts != NULL, NULL);
  g_return_val_if_fail (incident == NULL || LF_IS_INCIDENT (incident), NULL);
  g_return_val_if_fail (render_context != NULL, NULL);

  lf_context_ensure_catalog (self);

  monitor = lf_context_get_active_monitor (self);
  drill = lf_context_get_drill_running (self)
          || (incident != NULL && lf_incident_get_rehearsal (incident));
  if (platform_id != NULL && *platform_id == '\0')
    platform_id = NULL;

  if (all_clear)
    plan = lf_outage_plan_all_clear (monitor, drill, contacts, self->log);
  else
    plan = lf_outage_plan_notice (monitor, drill, contacts, platform_id, self->log);

  context = lf_outage_build_context (monitor, drill, plan, self->log, NULL);
  mark_rehearsal (context, drill);
  if (incident != NULL)
    {
      if (context->incident_id == NULL)
        context->incident_id = g_strdup (lf_incident_get_id (incident));
      lf_context_link_notice (self, context->incident_id, incident);
    }

  *render_context = context;
  return plan;
}

/**
 * lf_context_link_notice:
 * @self: a #LfContext
 * @notice_incident_id: the incident id in a notice's render context
 * @incident: the incident of the log it belongs to
 *
 * Remembers which incident notices with that id belong to, for lf_context_record_notice().
 */
void
lf_context_link_notice (LfContext  *self,
                        const char *notice_incident_id,
                        LfIncident *incident)
{
  g_return_if_fail (LF_IS_CONTEXT (self));
  g_return_if_fail (notice_incident_id != NULL);
  g_return_if_fail (LF_IS_INCIDENT (incident));

  lf_context_ensure_catalog (self);

  g_hash_table_replace (self->notice_links, g_strdup (notice_incident_id),
                        g_strdup (lf_incident_get_id (incident)));
}

/* Where a sent notice goes in the incident log; whether it belonged there. */
static gboolean
record_in_log (LfContext *self,
               LfNotice  *notice)
{
  const LfRenderContext *context;
  LfIncident *incident = NULL;
  const char *incident_id;
  g_autofree char *text = NULL;
  LfChannel *channel;

  /* A notice about each client's own platforms (lf-outage.c) is recorded per incident with
   * who was told what: the all-clear follows that record. */
  for (guint i = 0; i < lf_notice_get_n_entries (notice); i++)
    if (lf_notice_get_entry (notice, i)->recipient->platform_ids != NULL)
      {
        lf_outage_record_notice (self->log, notice);
        return TRUE;
      }

  context = lf_notice_get_context (notice);
  if (context == NULL || context->incident_id == NULL)
    return FALSE;

  incident_id = g_hash_table_lookup (self->notice_links, context->incident_id);
  if (incident_id != NULL)
    incident = lf_incident_log_lookup (self->log, incident_id);
  if (incident == NULL)
    incident = lf_incident_log_lookup (self->log, context->incident_id);
  if (incident == NULL)
    return FALSE;

  channel = lf_notice_get_channel (notice);
  /* Translators: an incident timeline entry: template name, then counts */
  text = g_strdup_printf (_("Notice “%s” sent: %u delivered, %u handed to the mail app, "
                            "%u failed, %u without a channel"),
                          lf_template_get_name (lf_notice_get_template (notice)),
                          lf_notice_count (notice, LF_NOTICE_RESULT_SENT)
                          + lf_notice_count (notice, LF_NOTICE_RESULT_RENDERED),
                          lf_notice_count (notice, LF_NOTICE_RESULT_HANDED_OFF),
                          lf_notice_count (notice, LF_NOTICE_RESULT_FAILED),
                          lf_notice_count (notice, LF_NOTICE_RESULT_NO_CHANNEL));
  lf_incident_log_record (self->log, incident, LF_TIMELINE_NOTICE_SENT, text,
                          LF_TIMELINE_DATA_CHANNEL,
                          channel != NULL
                          ? lf_channel_kind_to_string (lf_channel_get_kind (channel)) : "",
                          NULL);

  return TRUE;
}

/**
 * lf_context_record_notice:
 * @self: a #LfContext
 * @notice: a notice that was sent
 *
 * Adds "notice sent" to the timeline of the incident the notice belongs to: the template,
 * the channel and how many recipients got it. No names or addresses: the incident log is a
 * plain file. Then emits #LfContext::notice-recorded (what is left to send has changed).
 *
 * Returns: whether the notice belonged to an incident of the log
 */
gboolean
lf_context_record_notice (LfContext *self,
                          LfNotice  *notice)
{
  gboolean recorded;

  g_return_val_if_fail (LF_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (LF_IS_NOTICE (notice), FALSE);

  lf_context_ensure_catalog (self);

  recorded = record_in_log (self, notice);
  g_signal_emit (self, lf_context_signals[NOTICE_RECORDED], 0, notice);

  return recorded;
}

/**
 * lf_context_import_async:
 * @self: a #LfContext
 * @file: a bundle (.json), vCard (.vcf) or CSV file
 * @progress: (nullable): told the fraction read, on the main context
 * @progress_data: for @progress
 * @progress_notify: (nullable): frees @progress_data
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the preview
 * @user_data: for @callback
 *
 * Reads @file into a preview against this context's client directory (load it first), with
 * a bundle's channels, templates and plan aimed at this context's stores: what the Clients
 * page and `lifeline --import` show, then apply with lf_import_preview_apply_async().
 */
void
lf_context_import_async (LfContext            *self,
                         GFile                *file,
                         LfImportProgressFunc  progress,
                         gpointer              progress_data,
                         GDestroyNotify        progress_notify,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LF_IS_CONTEXT (self));
  g_return_if_fail (G_IS_FILE (file));

  lf_context_ensure_catalog (self);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_context_import_async);
  lf_import_preview_load_async (self->contacts, file, progress, progress_data, progress_notify,
                                cancellable, import_loaded_cb, g_steal_pointer (&task));
}

/**
 * lf_context_import_finish:
 * @self: a #LfContext
 * @result: the result
 * @error: why the file cannot be imported
 *
 * Returns: (transfer full) (nullable): the preview, its targets set
 */
LfImportPreview *
lf_context_import_finish (LfContext     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (LF_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  lf_context_ensure_catalog (self);

  return g_task_propagate_pointer (G_TASK (result), error);
}
