/* lf-history.c — transitions, incidents and latency samples, kept in the data dir
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-history"

#include "config.h"

#include "lf-history.h"
#include "lf-history-private.h"
#include "lf-monitor.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lf-json.h"
#include "lf-storage.h"

/* The history file is JSON lines, one object per line, appended and never rewritten except
 * on load to drop a torn last line. Types:
 *
 *   {"type":"transition","time":"…Z","time_us":…,"platform":"upwork","name":"Upwork",
 *    "from":"up","to":"down","cause":"cdn-edge","explanation":"…","http_status":500,
 *    "cdn":"cloudflare","ray_ids":["…"],"probes":[…],"status_incidents":[{"title","url"}]}
 *   {"type":"incident","platform":"upwork","start":"…Z","end":"…Z","start_us":…,"end_us":…,
 *    "cause":"cdn-edge","summary":"…","ray_ids":[…],"status_incidents":[…]}
 *   {"type":"diagnosis","time":"…Z","time_us":…,"kind":"provider-outage",
 *    "provider":"cloudflare","summary":"…","affected":["upwork","fiverr"]}
 *
 * Every file operation runs, in order, on one worker thread (a GThreadPool of one): appends
 * fsync and must never block the main loop. Latency samples of the last 24 h are kept in
 * memory and written, atomically, to a small JSON file next to the history.
 */

G_DEFINE_FINAL_TYPE (LfHistory, lf_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_PROBLEM,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static void load_result_free (LoadResult *result);

void
lf_history_job_free (Job *job)
{
  g_free (job->path);
  g_free (job->line);
  g_clear_pointer (&job->contents, g_bytes_unref);
  g_clear_object (&job->task);
  g_clear_pointer (&job->result, load_result_free);
  g_free (job);
}

/* Runs on the task's own context (the main thread), so that the last reference to the task,
 * and through it to the history, is never dropped on the worker thread. */
gboolean
lf_history_complete_job_cb (gpointer data)
{
  Job *job = data;

  if (job->kind == JOB_LOAD)
    g_task_return_pointer (job->task, g_steal_pointer (&job->result),
                           (GDestroyNotify) load_result_free);
  else
    g_task_return_boolean (job->task, TRUE);

  lf_history_job_free (job);
  return G_SOURCE_REMOVE;
}

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->transitions, g_ptr_array_unref);
  g_clear_pointer (&result->samples, g_hash_table_unref);
  g_free (result->problem);
  g_free (result);
}

static void
open_incident_free (OpenIncident *incident)
{
  g_free (incident->summary);
  g_ptr_array_unref (incident->ray_ids);
  json_array_unref (incident->status_incidents);
  g_free (incident);
}

static char *
format_time (gint64 time_us)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

GArray *
lf_history_samples_array_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (LfLatencySample));
}

GHashTable *
lf_history_samples_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
}

static gint
compare_transitions (gconstpointer a,
                     gconstpointer b)
{
  const LfHistoryTransition *ta = *(LfHistoryTransition **) a;
  const LfHistoryTransition *tb = *(LfHistoryTransition **) b;

  return (ta->time > tb->time) - (ta->time < tb->time);
}

static GPtrArray *
transitions_for (LfHistory  *self,
                 const char *platform_id)
{
  GPtrArray *list = g_hash_table_lookup (self->transitions, platform_id);

  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_history_transition_free);
      g_hash_table_insert (self->transitions, g_strdup (platform_id), list);
    }

  return list;
}

static void
push_job (LfHistory *self,
          Job       *job)
{
  g_autoptr(GError) error = NULL;

  if (!g_thread_pool_push (self->worker, job, &error))
    {
      g_message ("Cannot queue a history job: %s", error->message);
      if (job->task != NULL)
        g_task_return_error (job->task, g_steal_pointer (&error));
      lf_history_job_free (job);
    }
}

static void
append_object (LfHistory  *self,
               JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  Job *job = g_new0 (Job, 1);

  job->kind = JOB_APPEND;
  job->path = g_strdup (self->path);
  job->line = json_to_string (node, FALSE);
  push_job (self, job);
}

static JsonArray *
status_incidents_to_json (LfPlatformState *platform)
{
  JsonArray *array = json_array_new ();
  GPtrArray *incidents = lf_platform_state_get_incidents (platform);

  for (guint i = 0; i < incidents->len; i++)
    {
      LfStatusIncident *incident = g_ptr_array_index (incidents, i);
      JsonObject *object = json_object_new ();

      if (incident->upcoming)
        {
          json_object_unref (object);
          continue;
        }
      json_object_set_string_member (object, "title", incident->title);
      if (incident->url != NULL)
        json_object_set_string_member (object, "url", incident->url);
      json_object_set_string_member (object, "severity",
                                     lf_severity_to_string (incident->severity));
      json_array_add_object_element (array, object);
    }

  return array;
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  LfHistory *self = LF_HISTORY (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  LoadResult *loaded = g_task_propagate_pointer (G_TASK (result), &error);
  GHashTableIter iter;
  gpointer key, value;

  if (loaded == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* loaded records come first; anything recorded meanwhile stays after them */
  for (guint i = 0; i < loaded->transitions->len; i++)
    {
      LfHistoryTransition *transition = g_ptr_array_index (loaded->transitions, i);

      g_ptr_array_add (transitions_for (self, transition->platform_id), transition);
    }
  g_ptr_array_set_free_func (loaded->transitions, NULL);

  g_hash_table_iter_init (&iter, self->transitions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_sort (value, compare_transitions);

  g_hash_table_iter_init (&iter, loaded->samples);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *mine = g_hash_table_lookup (self->samples, key);

      if (mine != NULL)
        g_array_prepend_vals (mine, ((GArray *) value)->data, ((GArray *) value)->len);
      else
        g_hash_table_insert (self->samples, g_strdup (key), g_array_ref (value));
    }

  if (loaded->problem != NULL)
    {
      g_free (self->problem);
      self->problem = g_strdup (loaded->problem);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
    }

  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);

  load_result_free (loaded);
  g_task_return_boolean (task, TRUE);
}

static void
on_monitor_state_changed_cb (LfMonitor       *monitor,
                             LfPlatformState *platform,
                             LfState          old_state,
                             LfState          new_state,
                             LfHistory       *self)
{
  lf_history_record_transition (self, platform, old_state, new_state);
}

static void
on_monitor_diagnosis_changed_cb (LfMonitor   *monitor,
                                 LfDiagnosis *diagnosis,
                                 LfHistory   *self)
{
  lf_history_record_diagnosis (self, diagnosis);
}

static void
on_monitor_probed_cb (LfMonitor     *monitor,
                      const char    *platform_id,
                      LfProbeResult *probe,
                      LfHistory     *self)
{
  /* An answer, even an error page, has a latency worth drawing; a failure has none. */
  if (probe->http_status != 0)
    lf_history_add_sample (self, platform_id, probe->started_at, probe->total_ms);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject overrides                                                                            */
/* ------------------------------------------------------------------------------------------ */

static void
lf_history_finalize (GObject *object)
{
  LfHistory *self = LF_HISTORY (object);

  /* waits for the queued appends: they are small, and must not be lost */
  g_thread_pool_free (self->worker, FALSE, TRUE);

  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->samples_path, g_free);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->transitions, g_hash_table_unref);
  g_clear_pointer (&self->samples, g_hash_table_unref);
  g_clear_pointer (&self->open_incidents, g_hash_table_unref);

  G_OBJECT_CLASS (lf_history_parent_class)->finalize (object);
}

static void
lf_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LfHistory *self = LF_HISTORY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_history_class_init (LfHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lf_history_finalize;
  object_class->get_property = lf_history_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* A message for people when the history file was damaged and set aside, else NULL. */
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lf_history_init (LfHistory *self)
{
  self->worker = g_thread_pool_new (lf_history_run_job, self, 1, FALSE, NULL);
  self->transitions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_ptr_array_unref);
  self->samples = lf_history_samples_table_new ();
  self->open_incidents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) open_incident_free);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/**
 * lf_history_new:
 * @dir: (nullable): the folder of the files, %NULL for Lifeline's data dir
 *
 * Returns: (transfer full): a history; call lf_history_load_async() to read what is on disk
 */
LfHistory *
lf_history_new (const char *dir)
{
  LfHistory *self = g_object_new (LF_TYPE_HISTORY, NULL);

  self->dir = g_strdup (dir != NULL ? dir : lf_storage_get_data_dir ());
  self->path = g_build_filename (self->dir, LF_HISTORY_FILE, NULL);
  self->samples_path = g_build_filename (self->dir, LF_HISTORY_SAMPLES_FILE, NULL);

  return self;
}

/**
 * lf_history_observe:
 * @self: a #LfHistory
 * @monitor: the monitor whose transitions, diagnoses and latencies to keep
 *
 * Records what @monitor reports from now on: its confirmed transitions (and the incidents
 * they make), its diagnoses, and the latency of its probes. A history observes one monitor,
 * the real one (LfContext sets it up).
 */
void
lf_history_observe (LfHistory *self,
                    LfMonitor *monitor)
{
  g_return_if_fail (LF_IS_HISTORY (self));
  g_return_if_fail (LF_IS_MONITOR (monitor));

  g_signal_connect_object (monitor, "state-changed", G_CALLBACK (on_monitor_state_changed_cb),
                           self, G_CONNECT_DEFAULT);
  g_signal_connect_object (monitor, "diagnosis-changed",
                           G_CALLBACK (on_monitor_diagnosis_changed_cb), self, G_CONNECT_DEFAULT);
  g_signal_connect_object (monitor, "probed", G_CALLBACK (on_monitor_probed_cb), self,
                           G_CONNECT_DEFAULT);
}

const char *
lf_history_get_path (LfHistory *self)
{
  g_return_val_if_fail (LF_IS_HISTORY (self), NULL);
  return self->path;
}

/**
 * lf_history_get_problem:
 *
 * Returns: (nullable): a message for people when the file was damaged and set aside
 */
const char *
lf_history_get_problem (LfHistory *self)
{
  g_return_val_if_fail (LF_IS_HISTORY (self), NULL);
  return self->problem;
}

gboolean
lf_history_get_loaded (LfHistory *self)
{
  g_return_val_if_fail (LF_IS_HISTORY (self), FALSE);
  return self->loaded;
}

/**
 * lf_history_load_async:
 *
 * Reads the history and the latency samples on the worker thread. A damaged history file is
 * set aside (see #LfHistory:problem) and a new one started with the records that could be
 * read; a line torn by a crash is dropped.
 */
void
lf_history_load_async (LfHistory           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *outer;
  Job *job;

  g_return_if_fail (LF_IS_HISTORY (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, lf_history_load_async);

  job = g_new0 (Job, 1);
  job->kind = JOB_LOAD;
  job->task = g_task_new (self, NULL, load_cb, outer);
  push_job (self, job);
}

gboolean
lf_history_load_finish (LfHistory     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lf_history_record_transition:
 * @platform: the platform, already in @new_state
 *
 * Appends a confirmed transition, with its evidence, to the history file (on the worker
 * thread); when the platform leaves an outage, the whole incident is appended too.
 */
void
lf_history_record_transition (LfHistory       *self,
                              LfPlatformState *platform,
                              LfState          old_state,
                              LfState          new_state)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(LfHistoryTransition) transition = g_new0 (LfHistoryTransition, 1);
  g_autoptr(GStrvBuilder) rays = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen_rays = g_ptr_array_new ();
  g_autofree char *time_text = NULL;
  const char *id;
  GPtrArray *probes;
  JsonArray *ray_array = json_array_new ();
  JsonArray *probe_array = json_array_new ();
  gboolean was_bad = old_state == LF_STATE_DOWN || old_state == LF_STATE_DEGRADED;
  gboolean is_bad = new_state == LF_STATE_DOWN || new_state == LF_STATE_DEGRADED;
  OpenIncident *incident;

  g_return_if_fail (LF_IS_HISTORY (self));
  g_return_if_fail (LF_IS_PLATFORM_STATE (platform));

  id = lf_platform_state_get_id (platform);
  transition->time = g_get_real_time ();
  transition->platform_id = g_strdup (id);
  transition->from = old_state;
  transition->to = new_state;
  transition->cause = lf_platform_state_get_cause (platform);
  transition->explanation = g_strdup (lf_platform_state_get_explanation (platform));

  probes = lf_platform_state_get_probes (platform);
  for (guint i = 0; i < probes->len; i++)
    {
      LfProbeResult *probe = g_ptr_array_index (probes, i);
      JsonObject *p = json_object_new ();

      json_object_set_int_member (p, "time_us", probe->started_at);
      json_object_set_int_member (p, "http_status", probe->http_status);
      json_object_set_string_member (p, "cause", lf_cause_to_string (probe->cause));
      json_object_set_double_member (p, "total_ms", (double) (gint64) probe->total_ms);
      if (probe->ray_id != NULL)
        {
          json_object_set_string_member (p, "ray_id", probe->ray_id);
          if (!g_ptr_array_find_with_equal_func (seen_rays, probe->ray_id, g_str_equal, NULL))
            {
              g_ptr_array_add (seen_rays, probe->ray_id);
              g_strv_builder_add (rays, probe->ray_id);
            }
        }
      if (probe->error_message != NULL)
        json_object_set_string_member (p, "error", probe->error_message);
      json_array_add_object_element (probe_array, p);
    }
  transition->ray_ids = g_strv_builder_end (rays);
  for (guint i = 0; transition->ray_ids[i] != NULL; i++)
    json_array_add_string_element (ray_array, transition->ray_ids[i]);

  time_text = format_time (transition->time);
  json_object_set_string_member (object, "type", "transition");
  json_object_set_string_member (object, "time", time_text);
  json_object_set_int_member (object, "time_us", transition->time);
  json_object_set_string_member (object, "platform", id);
  json_object_set_string_member (object, "name", lf_platform_state_get_name (platform));
  json_object_set_string_member (object, "from", lf_state_to_string (old_state));
  json_object_set_string_member (object, "to", lf_state_to_string (new_state));
  json_object_set_string_member (object, "cause", lf_cause_to_string (transition->cause));
  json_object_set_string_member (object, "explanation", transition->explanation);
  json_object_set_int_member (object, "http_status", lf_platform_state_get_http_status (platform));
  if (lf_platform_state_get_cdn (platform) != NULL)
    json_object_set_string_member (object, "cdn", lf_platform_state_get_cdn (platform));
  json_object_set_array_member (object, "ray_ids", ray_array);
  json_object_set_array_member (object, "probes", probe_array);
  json_object_set_array_member (object, "status_incidents", status_incidents_to_json (platform));
  append_object (self, object);

  /* incidents: from entering down/degraded to leaving both */
  incident = g_hash_table_lookup (self->open_incidents, id);
  if (is_bad && incident == NULL)
    {
      incident = g_new0 (OpenIncident, 1);
      incident->start = transition->time;
      incident->cause = transition->cause;
      incident->summary = g_strdup (transition->explanation);
      incident->ray_ids = g_ptr_array_new_with_free_func (g_free);
      incident->status_incidents = json_array_new ();
      g_hash_table_insert (self->open_incidents, g_strdup (id), incident);
    }
  if (incident != NULL)
    {
      g_autoptr(JsonArray) status = status_incidents_to_json (platform);

      for (guint i = 0; transition->ray_ids[i] != NULL; i++)
        if (!g_ptr_array_find_with_equal_func (incident->ray_ids, transition->ray_ids[i],
                                               g_str_equal, NULL))
          g_ptr_array_add (incident->ray_ids, g_strdup (transition->ray_ids[i]));
      for (guint i = 0; i < json_array_get_length (status); i++)
        json_array_add_element (incident->status_incidents,
                                json_node_copy (json_array_get_element (status, i)));
    }
  if (was_bad && !is_bad && incident != NULL)
    {
      g_autoptr(JsonObject) record = json_object_new ();
      g_autofree char *start = format_time (incident->start);
      g_autofree char *end = format_time (transition->time);
      JsonArray *incident_rays = json_array_new ();

      for (guint i = 0; i < incident->ray_ids->len; i++)
        json_array_add_string_element (incident_rays, g_ptr_array_index (incident->ray_ids, i));

      json_object_set_string_member (record, "type", "incident");
      json_object_set_string_member (record, "platform", id);
      json_object_set_string_member (record, "start", start);
      json_object_set_string_member (record, "end", end);
      json_object_set_int_member (record, "start_us", incident->start);
      json_object_set_int_member (record, "end_us", transition->time);
      json_object_set_string_member (record, "cause", lf_cause_to_string (incident->cause));
      json_object_set_string_member (record, "summary", incident->summary);
      json_object_set_array_member (record, "ray_ids", incident_rays);
      json_object_set_array_member (record, "status_incidents",
                                    json_array_ref (incident->status_incidents));
      append_object (self, record);
      g_hash_table_remove (self->open_incidents, id);
    }

  g_ptr_array_add (transitions_for (self, id), g_steal_pointer (&transition));
}

/**
 * lf_history_record_diagnosis:
 *
 * Appends a change of the diagnosis to the history file (on the worker thread).
 */
void
lf_history_record_diagnosis (LfHistory   *self,
                             LfDiagnosis *diagnosis)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *time_text = NULL;
  gint64 now = g_get_real_time ();
  const char * const *affected;
  JsonArray *array = json_array_new ();

  g_return_if_fail (LF_IS_HISTORY (self));
  g_return_if_fail (LF_IS_DIAGNOSIS (diagnosis));

  affected = lf_diagnosis_get_affected (diagnosis);
  for (guint i = 0; affected[i] != NULL; i++)
    json_array_add_string_element (array, affected[i]);

  time_text = format_time (now);
  json_object_set_string_member (object, "type", "diagnosis");
  json_object_set_string_member (object, "time", time_text);
  json_object_set_int_member (object, "time_us", now);
  json_object_set_string_member (object, "kind",
                                 lf_diagnosis_kind_to_string (lf_diagnosis_get_kind (diagnosis)));
  if (lf_diagnosis_get_provider_id (diagnosis) != NULL)
    json_object_set_string_member (object, "provider", lf_diagnosis_get_provider_id (diagnosis));
  json_object_set_string_member (object, "summary", lf_diagnosis_get_summary (diagnosis));
  json_object_set_array_member (object, "affected", array);
  append_object (self, object);
}

/**
 * lf_history_add_sample:
 *
 * Keeps one latency sample (the last 24 h are kept). The samples file is written,
 * atomically and on the worker thread, at most every ten minutes.
 */
void
lf_history_add_sample (LfHistory  *self,
                       const char *platform_id,
                       gint64      time,
                       double      latency_ms)
{
  LfLatencySample sample = { time, latency_ms };
  GArray *samples;
  guint drop = 0;
  gint64 now = g_get_real_time ();

  g_return_if_fail (LF_IS_HISTORY (self));
  g_return_if_fail (platform_id != NULL);

  samples = g_hash_table_lookup (self->samples, platform_id);
  if (samples == NULL)
    {
      samples = lf_history_samples_array_new ();
      g_hash_table_insert (self->samples, g_strdup (platform_id), samples);
    }

  while (drop < samples->len && g_array_index (samples, LfLatencySample, drop).time < now - DAY_US)
    drop++;
  if (drop > 0)
    g_array_remove_range (samples, 0, drop);
  g_array_append_val (samples, sample);

  if (self->samples_saved_at == 0)
    self->samples_saved_at = now;
  else if (now - self->samples_saved_at > 10 * 60 * G_USEC_PER_SEC)
    {
      Job *job = g_new0 (Job, 1);

      job->kind = JOB_WRITE;
      job->path = g_strdup (self->samples_path);
      job->contents = lf_history_serialize_samples (self->samples);
      push_job (self, job);
      self->samples_saved_at = now;
    }
}

/**
 * lf_history_flush_async:
 *
 * Writes the latency samples and completes once every record queued before it is on disk.
 */
void
lf_history_flush_async (LfHistory           *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  Job *job;

  g_return_if_fail (LF_IS_HISTORY (self));

  job = g_new0 (Job, 1);
  job->kind = JOB_WRITE;
  job->path = g_strdup (self->samples_path);
  job->contents = lf_history_serialize_samples (self->samples);
  push_job (self, job);
  self->samples_saved_at = g_get_real_time ();

  job = g_new0 (Job, 1);
  job->kind = JOB_FLUSH;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, lf_history_flush_async);
  push_job (self, job);
}

gboolean
lf_history_flush_finish (LfHistory     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lf_history_get_transitions:
 *
 * Returns: (transfer none) (element-type LfHistoryTransition) (nullable): the platform's
 *   transitions, oldest first, or %NULL when it has none
 */
GPtrArray *
lf_history_get_transitions (LfHistory  *self,
                            const char *platform_id)
{
  g_return_val_if_fail (LF_IS_HISTORY (self), NULL);
  g_return_val_if_fail (platform_id != NULL, NULL);

  return g_hash_table_lookup (self->transitions, platform_id);
}

/**
 * lf_history_get_state_since:
 * @platform_id: a platform
 * @state: the state it is in now
 * @fallback: what to return when the history does not know (unix µs)
 *
 * Since when the platform has been in @state, from the transitions on disk, so that "up for
 * 3 days" survives a restart. A restart's "unknown → up" continues an "up" seen before it
 * (the time Lifeline was not running is taken as unchanged); a change between two known
 * states starts a new run.
 *
 * Returns: the start of the run (unix µs), or @fallback, whichever is earlier
 */
gint64
lf_history_get_state_since (LfHistory  *self,
                            const char *platform_id,
                            LfState     state,
                            gint64      fallback)
{
  GPtrArray *transitions;
  LfState known = LF_STATE_UNKNOWN;
  gint64 run_start = 0;

  g_return_val_if_fail (LF_IS_HISTORY (self), fallback);
  g_return_val_if_fail (platform_id != NULL, fallback);

  if (state == LF_STATE_UNKNOWN)
    return fallback;
  transitions = g_hash_table_lookup (self->transitions, platform_id);
  for (guint i = 0; transitions != NULL && i < transitions->len; i++)
    {
      LfHistoryTransition *t = g_ptr_array_index (transitions, i);

      if (t->to == LF_STATE_UNKNOWN)
        continue;
      if (t->to != known)
        run_start = t->time;
      known = t->to;
    }

  if (known != state || run_start == 0 || (fallback > 0 && run_start > fallback))
    return fallback;
  return run_start;
}

/**
 * lf_history_get_samples:
 *
 * Returns: (transfer none) (element-type LfLatencySample) (nullable): latency samples of the
 *   last 24 h, oldest first
 */
GArray *
lf_history_get_samples (LfHistory  *self,
                        const char *platform_id)
{
  g_return_val_if_fail (LF_IS_HISTORY (self), NULL);
  g_return_val_if_fail (platform_id != NULL, NULL);

  return g_hash_table_lookup (self->samples, platform_id);
}

/**
 * lf_history_get_uptime_at:
 * @span: the window, e.g. 24 h, 7 d or 30 d (in µs)
 * @now: the end of the window (unix µs)
 *
 * The share of the known time in the window during which the platform was not down. Time in
 * `unknown` (before the first check, while the network was unusable) is left out.
 *
 * Returns: between 0 and 1, or -1 when nothing is known about the window
 */
double
lf_history_get_uptime_at (LfHistory  *self,
                          const char *platform_id,
                          GTimeSpan   span,
                          gint64      now)
{
  GPtrArray *list;
  gint64 start = now - span;
  gint64 covered = 0;
  gint64 down = 0;

  g_return_val_if_fail (LF_IS_HISTORY (self), -1);
  g_return_val_if_fail (platform_id != NULL, -1);
  g_return_val_if_fail (span > 0, -1);

  list = g_hash_table_lookup (self->transitions, platform_id);
  if (list == NULL)
    return -1;

  for (guint i = 0; i < list->len; i++)
    {
      LfHistoryTransition *t = g_ptr_array_index (list, i);
      gint64 from = MAX (t->time, start);
      gint64 to = i + 1 < list->len
                  ? ((LfHistoryTransition *) g_ptr_array_index (list, i + 1))->time : now;

      to = MIN (to, now);
      if (to <= from || t->to == LF_STATE_UNKNOWN)
        continue;

      covered += to - from;
      if (t->to == LF_STATE_DOWN)
        down += to - from;
    }

  if (covered == 0)
    return -1;

  return (double) (covered - down) / (double) covered;
}

/**
 * lf_history_get_uptime:
 *
 * lf_history_get_uptime_at() for a window ending now.
 */
double
lf_history_get_uptime (LfHistory  *self,
                       const char *platform_id,
                       GTimeSpan   span)
{
  return lf_history_get_uptime_at (self, platform_id, span, g_get_real_time ());
}

void
lf_history_transition_free (LfHistoryTransition *transition)
{
  if (transition == NULL)
    return;

  g_free (transition->platform_id);
  g_free (transition->explanation);
  g_strfreev (transition->ray_ids);
  g_free (transition);
}
