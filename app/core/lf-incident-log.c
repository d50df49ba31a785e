/* lf-incident-log.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-incident-log"

#include "config.h"

#include "lf-incident-log.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lf-incident-log-private.h"
#include "lf-json.h"
#include "lf-json-file.h"
#include "lf-storage.h"

/* All incidents, as a GListModel: open ones (including those that ended and await the user's
 * confirmation) first, newest first within each group. The log saves itself to
 * $XDG_DATA_HOME/lifeline/incidents.json a moment after any incident changes, and flushes at
 * dispose, so a tick or a note is on disk within a fraction of a second.
 *
 * The engine opens incidents with lf_incident_log_open(); an open incident that already
 * covers the same platform or provider absorbs a new report instead of a second incident
 * being opened. Rehearsals never mix with real incidents.
 *
 * Several processes keep the same file (the background monitor, the window, `lifeline
 * --notify`): before every save the log re-reads the file and merges it, and a GFileMonitor
 * makes it merge what another process wrote as soon as it is written. Incidents merge one by
 * one (lf_incident_merge(): unions of timelines, platforms and steps; a single value is ours
 * if we changed it since we last read or wrote it). An incident the user deleted is named in
 * the file's "removed" list, so that no other process writes it back. Closed incidents that
 * are old (or too many for the file) move to a compressed archive; the file's "archived" list
 * names them, as "removed" does. That side — reading, merging, writing, archiving — is in
 * lf-incident-log-sync.c (and lf-incident-archive.c). See docs/background.md and CHECKLIST.md.
 */

#define LOG_FORMAT LF_INCIDENT_LOG_FORMAT
#define LOG_VERSION LF_INCIDENT_LOG_VERSION

static void lf_incident_log_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LfIncidentLog, lf_incident_log, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      lf_incident_log_list_model_init))

enum {
  PROP_0,
  PROP_PLAN,
  PROP_LOADED,
  PROP_LOAD_MESSAGE,
  PROP_N_OPEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static int
compare_incidents (gconstpointer a,
                   gconstpointer b)
{
  LfIncident *ia = *(LfIncident **) a;
  LfIncident *ib = *(LfIncident **) b;
  gboolean open_a = lf_incident_is_open (ia);
  gboolean open_b = lf_incident_is_open (ib);

  if (open_a != open_b)
    return open_a ? -1 : 1;

  /* Newest first. */
  return g_date_time_compare (lf_incident_get_started_at (ib), lf_incident_get_started_at (ia));
}

static void
resort (LfIncidentLog *self)
{
  g_autoptr(GPtrArray) before = g_ptr_array_sized_new (self->incidents->len);
  guint first = G_MAXUINT;
  guint last = 0;

  /* A plain copy of the pointers (g_ptr_array_copy() would take the free function too). */
  for (guint i = 0; i < self->incidents->len; i++)
    g_ptr_array_add (before, g_ptr_array_index (self->incidents, i));

  g_ptr_array_sort (self->incidents, compare_incidents);
  for (guint i = 0; i < before->len; i++)
    {
      if (g_ptr_array_index (before, i) != g_ptr_array_index (self->incidents, i))
        {
          first = MIN (first, i);
          last = i;
        }
    }

  if (first != G_MAXUINT)
    g_list_model_items_changed (G_LIST_MODEL (self), first, last - first + 1, last - first + 1);
}

void
lf_incident_log_set_load_message (LfIncidentLog *self,
                  const char    *message)
{
  if (g_strcmp0 (self->load_message, message) == 0)
    return;

  g_free (self->load_message);
  self->load_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD_MESSAGE]);
}

static gboolean
shares_target (LfIncident         *incident,
               const char * const *platforms,
               const char         *provider,
               LfDiagnosisKind     kind)
{
  const char * const *own = lf_incident_get_platforms (incident);
  const char *own_provider = lf_incident_get_provider (incident);

  if (provider != NULL && own_provider != NULL && g_str_equal (provider, own_provider))
    return TRUE;

  for (guint i = 0; platforms != NULL && platforms[i] != NULL; i++)
    if (g_strv_contains (own, platforms[i]))
      return TRUE;

  /* The user's own network: nothing named, one incident. */
  if ((kind == LF_DIAGNOSIS_LOCAL_NETWORK || kind == LF_DIAGNOSIS_OFFLINE)
      && (lf_incident_get_kind (incident) == LF_DIAGNOSIS_LOCAL_NETWORK
          || lf_incident_get_kind (incident) == LF_DIAGNOSIS_OFFLINE))
    return TRUE;

  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
on_incident_changed_cb (LfIncident    *incident,
                        LfIncidentLog *self)
{
  /* A merge brings in what is already on disk. */
  if (!self->merging)
    lf_json_file_schedule (self->file);
}

static void
on_incident_status_cb (LfIncident    *incident,
                       GParamSpec    *pspec,
                       LfIncidentLog *self)
{
  resort (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN]);
}

static void
track (LfIncidentLog *self,
       LfIncident    *incident)
{
  g_signal_connect_object (incident, "changed", G_CALLBACK (on_incident_changed_cb), self, 0);
  g_signal_connect_object (incident, "notify::status", G_CALLBACK (on_incident_status_cb),
                           self, 0);
}

void
lf_incident_log_insert (LfIncidentLog *self,
                 LfIncident    *incident)
{
  guint position = 0;

  /* Keep the order: open first, newest first. */
  while (position < self->incidents->len
         && compare_incidents (&g_ptr_array_index (self->incidents, position), &incident) <= 0)
    position++;

  g_ptr_array_insert (self->incidents, position, g_object_ref (incident));
  track (self, incident);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN]);
}

void
lf_incident_log_remove_at (LfIncidentLog *self,
           guint          position)
{
  LfIncident *incident = g_ptr_array_index (self->incidents, position);

  g_hash_table_remove (self->bases, lf_incident_get_id (incident));
  g_signal_handlers_disconnect_by_data (incident, self);
  g_ptr_array_remove_index (self->incidents, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN]);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LfIncidentLog *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = lf_json_file_read_finish (self->file, result, &error);
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);

  if (root == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (root != NULL)
    {
      g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);

      lf_incident_log_parse_root (root, loaded, removed, NULL, &error);
    }

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_autofree char *message = lf_json_file_set_aside (self->file, error->message);

      lf_incident_log_set_load_message (self, message);
      /* Start the fresh file right away (with whatever opened meanwhile). */
      lf_json_file_schedule (self->file);
    }
  else if (root != NULL)
    {
      /* Incidents opened before the file was read stay; the loaded ones join them. */
      lf_incident_log_sync_with_root (self, root);
    }

  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  lf_incident_log_archive_maybe_start (self);
  g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Interface implementations                                                */
/* ------------------------------------------------------------------------ */

static GType
lf_incident_log_get_item_type (GListModel *model)
{
  return LF_TYPE_INCIDENT;
}

static guint
lf_incident_log_get_n_items (GListModel *model)
{
  return LF_INCIDENT_LOG (model)->incidents->len;
}

static gpointer
lf_incident_log_get_item (GListModel *model,
                          guint       position)
{
  LfIncidentLog *self = LF_INCIDENT_LOG (model);

  if (position >= self->incidents->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->incidents, position));
}

static void
lf_incident_log_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = lf_incident_log_get_item_type;
  iface->get_n_items = lf_incident_log_get_n_items;
  iface->get_item = lf_incident_log_get_item;
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_incident_log_dispose (GObject *object)
{
  LfIncidentLog *self = LF_INCIDENT_LOG (object);
  g_autoptr(GError) error = NULL;

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  if (self->file != NULL && !lf_incident_log_flush (self, &error))
    g_warning ("Could not save the incident log: %s", error->message);
  g_clear_pointer (&self->file, lf_json_file_free);

  for (guint i = 0; i < self->incidents->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->incidents, i), self);
  g_ptr_array_set_size (self->incidents, 0);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (lf_incident_log_parent_class)->dispose (object);
}

static void
lf_incident_log_finalize (GObject *object)
{
  LfIncidentLog *self = LF_INCIDENT_LOG (object);

  g_ptr_array_unref (self->incidents);
  g_hash_table_unref (self->bases);
  g_hash_table_unref (self->removed);
  g_hash_table_unref (self->archived);
  g_free (self->load_message);

  G_OBJECT_CLASS (lf_incident_log_parent_class)->finalize (object);
}

static void
lf_incident_log_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LfIncidentLog *self = LF_INCIDENT_LOG (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_LOAD_MESSAGE:
      g_value_set_string (value, self->load_message);
      break;
    case PROP_N_OPEN:
      g_value_set_uint (value, lf_incident_log_get_n_open (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_incident_log_class_init (LfIncidentLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lf_incident_log_dispose;
  object_class->finalize = lf_incident_log_finalize;
  object_class->get_property = lf_incident_log_get_property;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, LF_TYPE_PLAN,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Set when incidents.json was damaged and set aside: the UI shows it once. */
  properties[PROP_LOAD_MESSAGE] =
    g_param_spec_string ("load-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_OPEN] =
    g_param_spec_uint ("n-open", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lf_incident_log_init (LfIncidentLog *self)
{
  self->incidents = g_ptr_array_new_with_free_func (g_object_unref);
  self->bases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->removed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->archived = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_incident_log_new:
 * @plan: the plan runs are taken from
 * @path: (nullable): where the log is kept; %NULL for $XDG_DATA_HOME/lifeline/incidents.json
 *
 * Returns: (transfer full): an empty log; call lf_incident_log_load_async() to read it
 */
LfIncidentLog *
lf_incident_log_new (LfPlan     *plan,
                     const char *path)
{
  LfIncidentLog *self;
  g_autofree char *default_path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (LF_IS_PLAN (plan), NULL);

  self = g_object_new (LF_TYPE_INCIDENT_LOG, NULL);
  self->plan = g_object_ref (plan);
  if (path == NULL)
    path = default_path = lf_storage_build_data_path ("incidents.json");
  self->file = lf_json_file_new (path, lf_incident_log_serialize, self);

  /* Another process (the monitor, the window, the command line) writes the same file. */
  file = g_file_new_for_path (path);
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error);
  if (self->monitor != NULL)
    g_signal_connect (self->monitor, "changed", G_CALLBACK (lf_incident_log_file_changed_cb), self);
  else
    g_debug ("Not following %s: %s", path, error->message);

  return self;
}

/**
 * lf_incident_log_get_plan:
 *
 * Returns: (transfer none): the plan
 */
LfPlan *
lf_incident_log_get_plan (LfIncidentLog *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT_LOG (self), NULL);

  return self->plan;
}

/**
 * lf_incident_log_load_async:
 *
 * Reads incidents.json. A missing file is an empty log; a damaged one is set aside,
 * #LfIncidentLog:load-message explains it, and a fresh file is started.
 */
void
lf_incident_log_load_async (LfIncidentLog       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LF_IS_INCIDENT_LOG (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_incident_log_load_async);
  lf_json_file_read_async (self->file, cancellable, read_cb, task);
}

gboolean
lf_incident_log_load_finish (LfIncidentLog  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
lf_incident_log_get_loaded (LfIncidentLog *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT_LOG (self), FALSE);

  return self->loaded;
}

const char *
lf_incident_log_get_load_message (LfIncidentLog *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT_LOG (self), NULL);

  return self->load_message;
}

void
lf_incident_log_clear_load_message (LfIncidentLog *self)
{
  g_return_if_fail (LF_IS_INCIDENT_LOG (self));

  lf_incident_log_set_load_message (self, NULL);
}

/**
 * lf_incident_log_flush:
 *
 * Writes pending changes now, synchronously (at shutdown).
 */
gboolean
lf_incident_log_flush (LfIncidentLog  *self,
                       GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (LF_IS_INCIDENT_LOG (self), FALSE);

  self->flushing = TRUE;
  ok = lf_json_file_flush (self->file, error);
  self->flushing = FALSE;

  return ok;
}

/**
 * lf_incident_log_find_open:
 *
 * Returns: (transfer none) (nullable): an open incident (a rehearsal or not, as @rehearsal says) that
 *   covers one of @platforms or @provider, or the user's own network for such a @kind
 */
LfIncident *
lf_incident_log_find_open (LfIncidentLog      *self,
                           const char * const *platforms,
                           const char         *provider,
                           LfDiagnosisKind     kind,
                           gboolean            rehearsal)
{
  g_return_val_if_fail (LF_IS_INCIDENT_LOG (self), NULL);

  for (guint i = 0; i < self->incidents->len; i++)
    {
      LfIncident *incident = g_ptr_array_index (self->incidents, i);

      if (!lf_incident_is_open (incident) || lf_incident_get_rehearsal (incident) != !!rehearsal)
        continue;

      if (shares_target (incident, platforms, provider, kind))
        return incident;
    }

  return NULL;
}

/**
 * lf_incident_log_open:
 * @title: a human title; for a rehearsal, say so (its name first)
 * @platforms: (nullable) (array zero-terminated=1): affected platform ids
 * @provider: (nullable): the provider blamed
 * @cause: the cause; for %LF_DIAGNOSIS_LOCAL_NETWORK / %LF_DIAGNOSIS_OFFLINE the run uses
 *   %LF_CAUSE_NETWORK whatever @cause says
 * @kind: the diagnosis
 * @rehearsal: a practice run, never mixed with real incidents
 *
 * Opens an incident with a run of the plan filtered to its cause and a "detected" entry. If
 * an open incident already covers one of the platforms or the provider, it absorbs this
 * report instead (its platforms grow, a transition entry is added, and an ended one is
 * reopened).
 *
 * Returns: (transfer none): the new or existing incident
 */
LfIncident *
lf_incident_log_open (LfIncidentLog      *self,
                      const char         *title,
                      const char * const *platforms,
                      const char         *provider,
                      LfCause             cause,
                      LfDiagnosisKind     kind,
                      gboolean            rehearsal)
{
  g_autoptr(LfIncident) incident = NULL;
  g_autoptr(GListModel) steps = NULL;
  LfIncident *existing;

  g_return_val_if_fail (LF_IS_INCIDENT_LOG (self), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  if (kind == LF_DIAGNOSIS_LOCAL_NETWORK || kind == LF_DIAGNOSIS_OFFLINE)
    cause = LF_CAUSE_NETWORK;

  existing = lf_incident_log_find_open (self, platforms, provider, kind, rehearsal);
  if (existing != NULL)
    {
      lf_incident_add_platforms (existing, platforms);
      if (lf_incident_get_status (existing) == LF_INCIDENT_ENDED)
        lf_incident_reopen (existing, NULL);
      else
        lf_incident_add_entry (existing, NULL, LF_TIMELINE_TRANSITION, title, NULL);
      return existing;
    }

  incident = lf_incident_new (title, platforms, provider, cause, kind, rehearsal, NULL);
  steps = lf_plan_filter_for_cause (self->plan, cause);
  lf_incident_set_run (incident, steps);
  lf_incident_add_entry (incident, lf_incident_get_started_at (incident), LF_TIMELINE_DETECTED,
                         title, NULL);
  lf_incident_log_insert (self, incident);
  lf_json_file_schedule (self->file);

  return incident;
}

/**
 * lf_incident_log_lookup:
 *
 * Returns: (transfer none) (nullable): the incident with @id
 */
LfIncident *
lf_incident_log_lookup (LfIncidentLog *self,
                        const char    *id)
{
  g_return_val_if_fail (LF_IS_INCIDENT_LOG (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->incidents->len; i++)
    {
      LfIncident *incident = g_ptr_array_index (self->incidents, i);

      if (g_str_equal (lf_incident_get_id (incident), id))
        return incident;
    }

  return NULL;
}

guint
lf_incident_log_get_n_open (LfIncidentLog *self)
{
  guint n = 0;

  g_return_val_if_fail (LF_IS_INCIDENT_LOG (self), 0);

  for (guint i = 0; i < self->incidents->len; i++)
    if (lf_incident_is_open (g_ptr_array_index (self->incidents, i)))
      n++;

  return n;
}

/**
 * lf_incident_log_record:
 * @kind: what kind of entry
 * @text: what happened, for people
 * @first_key: (nullable): the first data key (e.g. %LF_TIMELINE_DATA_RAY_ID), followed by its
 *   value and more key/value pairs, ending with %NULL
 *
 * Adds a timeline entry to @incident, timed now, and saves.
 */
void
lf_incident_log_record (LfIncidentLog  *self,
                        LfIncident     *incident,
                        LfTimelineKind  kind,
                        const char     *text,
                        const char     *first_key,
                        ...)
{
  g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
  va_list args;

  g_return_if_fail (LF_IS_INCIDENT_LOG (self));
  g_return_if_fail (LF_IS_INCIDENT (incident));
  g_return_if_fail (text != NULL);

  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (value != NULL)
        g_hash_table_insert (data, (gpointer) key, (gpointer) value);
    }
  va_end (args);

  lf_incident_add_entry (incident, NULL, kind, text, data);
}

/**
 * lf_incident_log_set_step_done:
 *
 * Ticks (timed now) or unticks a step of @incident's run.
 */
gboolean
lf_incident_log_set_step_done (LfIncidentLog *self,
                               LfIncident    *incident,
                               guint          index,
                               gboolean       done)
{
  g_return_val_if_fail (LF_IS_INCIDENT_LOG (self), FALSE);
  g_return_val_if_fail (LF_IS_INCIDENT (incident), FALSE);

  return lf_incident_set_step_done (incident, index, done, NULL);
}

/**
 * lf_incident_log_mark_ended:
 *
 * The engine saw recovery: the incident stays open, "ended, awaiting confirmation", until
 * the user closes it.
 */
void
lf_incident_log_mark_ended (LfIncidentLog *self,
                            LfIncident    *incident)
{
  g_return_if_fail (LF_IS_INCIDENT_LOG (self));
  g_return_if_fail (LF_IS_INCIDENT (incident));

  lf_incident_set_ended (incident, NULL);
}

/**
 * lf_incident_log_close:
 *
 * The user confirmed the end (or closed it by hand).
 */
void
lf_incident_log_close (LfIncidentLog *self,
                       LfIncident    *incident)
{
  g_return_if_fail (LF_IS_INCIDENT_LOG (self));
  g_return_if_fail (LF_IS_INCIDENT (incident));

  lf_incident_set_closed (incident, NULL, NULL);
}

/**
 * lf_incident_log_remove:
 *
 * Deletes an incident from the log for good.
 */
gboolean
lf_incident_log_remove (LfIncidentLog *self,
                        LfIncident    *incident)
{
  guint position;

  g_return_val_if_fail (LF_IS_INCIDENT_LOG (self), FALSE);
  g_return_val_if_fail (LF_IS_INCIDENT (incident), FALSE);

  if (!g_ptr_array_find (self->incidents, incident, &position))
    return FALSE;

  /* Named in the file, so that no other process writes it back. */
  g_hash_table_add (self->removed, g_strdup (lf_incident_get_id (incident)));
  lf_incident_log_remove_at (self, position);
  lf_json_file_schedule (self->file);

  return TRUE;
}

/**
 * lf_incident_log_to_json:
 *
 * Returns: (transfer full): `{ "format": "lifeline-incidents", "version": 1,
 *   "incidents": [ … ] }`
 */
JsonNode *
lf_incident_log_to_json (LfIncidentLog *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (LF_IS_INCIDENT_LOG (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, LOG_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, LOG_VERSION);
  json_builder_set_member_name (builder, "incidents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->incidents->len; i++)
    json_builder_add_value (builder, lf_incident_to_json (g_ptr_array_index (self->incidents, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
