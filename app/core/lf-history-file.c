/* lf-history-file.c — LfHistory's files, on its worker thread: reading and mending the
 * history and the latency samples, appending, writing
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-history"

#include "config.h"

#include "lf-history.h"
#include "lf-history-private.h"
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include "lf-json.h"
#include "lf-storage.h"

/* ------------------------------------------------------------------------------------------ */
/* The files                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* Parses one history line. Returns FALSE for a line that is not a history record. */
static gboolean
parse_line (const char           *line,
            LfHistoryTransition **transition_out)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LfHistoryTransition) transition = NULL;
  JsonNode *node;
  JsonObject *object;
  const char *type;
  LfState from, to;
  LfCause cause;

  *transition_out = NULL;

  if (!lf_json_parser_load (parser, line, -1, NULL))
    return FALSE;
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  object = json_node_get_object (node);
  type = json_object_get_string_member_with_default (object, "type", NULL);
  if (type == NULL)
    return FALSE;

  if (!g_str_equal (type, "transition"))
    return TRUE;   /* incidents, diagnoses, and types of later versions */

  if (!json_object_has_member (object, "time_us")
      || !json_object_has_member (object, "platform")
      || !lf_state_from_string (json_object_get_string_member_with_default (object, "from", ""),
                                &from)
      || !lf_state_from_string (json_object_get_string_member_with_default (object, "to", ""),
                                &to)
      || !lf_cause_from_string (json_object_get_string_member_with_default (object, "cause", ""),
                                &cause))
    return FALSE;

  transition = g_new0 (LfHistoryTransition, 1);
  transition->time = json_object_get_int_member (object, "time_us");
  transition->platform_id = g_strdup (json_object_get_string_member_with_default (object,
                                                                                  "platform",
                                                                                  NULL));
  if (transition->platform_id == NULL || transition->time <= 0)
    return FALSE;
  transition->from = from;
  transition->to = to;
  transition->cause = cause;
  transition->explanation =
    g_strdup (json_object_get_string_member_with_default (object, "explanation", NULL));
  {
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    JsonArray *rays = NULL;

    if (json_object_has_member (object, "ray_ids")
        && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "ray_ids")))
      rays = json_object_get_array_member (object, "ray_ids");
    for (guint i = 0; rays != NULL && i < json_array_get_length (rays); i++)
      {
        const char *ray = json_node_get_string (json_array_get_element (rays, i));

        if (ray != NULL)
          g_strv_builder_add (builder, ray);
      }
    transition->ray_ids = g_strv_builder_end (builder);
  }

  *transition_out = g_steal_pointer (&transition);
  return TRUE;
}

static GHashTable *
parse_samples (const char  *contents,
               gsize        length,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) table = lf_history_samples_table_new ();
  JsonObject *root;
  JsonObject *platforms;
  g_autoptr(GList) members = NULL;
  gint64 cutoff = g_get_real_time () - DAY_US;

  if (!lf_json_parser_load (parser, contents, length, error))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
      || !json_object_has_member ((root = json_node_get_object (json_parser_get_root (parser))),
                                  "platforms")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "platforms")))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "no “platforms” object");
      return NULL;
    }

  platforms = json_object_get_object_member (root, "platforms");
  members = json_object_get_members (platforms);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *member = json_object_get_member (platforms, l->data);
      g_autoptr(GArray) samples = lf_history_samples_array_new ();
      JsonArray *pairs;

      if (!JSON_NODE_HOLDS_ARRAY (member))
        continue;

      pairs = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (pairs); i++)
        {
          JsonNode *pair = json_array_get_element (pairs, i);
          LfLatencySample sample;

          if (!JSON_NODE_HOLDS_ARRAY (pair)
              || json_array_get_length (json_node_get_array (pair)) != 2)
            continue;

          sample.time = json_array_get_int_element (json_node_get_array (pair), 0);
          sample.latency_ms = json_array_get_double_element (json_node_get_array (pair), 1);
          if (sample.time >= cutoff)
            g_array_append_val (samples, sample);
        }

      g_hash_table_insert (table, g_strdup (l->data), g_steal_pointer (&samples));
    }

  return g_steal_pointer (&table);
}

GBytes *
lf_history_serialize_samples (GHashTable *samples)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GHashTableIter iter;
  gpointer key, value;
  char *data;
  gsize length;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "platforms");
  json_builder_begin_object (builder);

  g_hash_table_iter_init (&iter, samples);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *array = value;

      json_builder_set_member_name (builder, key);
      json_builder_begin_array (builder);
      for (guint i = 0; i < array->len; i++)
        {
          LfLatencySample *sample = &g_array_index (array, LfLatencySample, i);

          json_builder_begin_array (builder);
          json_builder_add_int_value (builder, sample->time);
          json_builder_add_double_value (builder, (double) (gint64) (sample->latency_ms * 10) / 10);
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);

  return g_bytes_new_take (data, length);
}

/* Runs on the worker thread. */
static LoadResult *
load_files (const char *path,
            const char *samples_path)
{
  LoadResult *result = g_new0 (LoadResult, 1);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) good = g_string_new (NULL);
  gsize length = 0;
  gboolean damaged = FALSE;
  gboolean torn = FALSE;
  gboolean rewrite = FALSE;

  result->transitions =
    g_ptr_array_new_with_free_func ((GDestroyNotify) lf_history_transition_free);

  /* What a crash left, and a window of bounded size (older lines go to history.jsonl.N.gz):
   * the file never reaches the cap below, which would set it aside. */
  lf_storage_remove_stale_temporaries (path, 0);
  lf_storage_remove_stale_temporaries (samples_path, 0);
  if (!lf_storage_rotate_if_needed (path, &error))
    {
      g_message ("Cannot rotate the history file “%s”: %s", path, error->message);
      g_clear_error (&error);
    }

  if (!lf_storage_read_capped (path, LF_HISTORY_MAX_BYTES, &contents, &length, &error))
    {
      if (g_error_matches (error, LF_STORAGE_ERROR, LF_STORAGE_ERROR_TOO_LARGE))
        damaged = TRUE;
      else if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
               && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          result->problem = g_strdup_printf (_("The history file cannot be read: %s"),
                                             error->message);
          g_message ("%s", result->problem);
          return result;
        }
      g_clear_error (&error);
    }

  if (contents != NULL && (memchr (contents, '\0', length) != NULL
                           || !g_utf8_validate (contents, length, NULL)))
    damaged = TRUE;

  if (contents != NULL && !damaged)
    {
      g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
      guint n = g_strv_length (lines);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LfHistoryTransition) transition = NULL;
          gboolean last = i == n - 1;

          if (lines[i][0] == '\0')
            continue;

          if (!parse_line (lines[i], &transition))
            {
              if (last)
                {
                  torn = TRUE;   /* cut by a crash: skip it */
                  continue;
                }
              damaged = TRUE;
              continue;
            }
          if (last)
            torn = TRUE;         /* a whole record without its newline: keep it, mend the file */

          g_string_append (good, lines[i]);
          g_string_append_c (good, '\n');
          if (transition != NULL)
            g_ptr_array_add (result->transitions, g_steal_pointer (&transition));
        }
    }

  if (damaged)
    {
      g_autofree char *aside = lf_storage_set_aside (path, &error);

      rewrite = aside != NULL;
      if (aside != NULL)
        result->problem = g_strdup_printf (_("The history file was damaged. It was kept as "
                                             "“%s” and a new one was started."), aside);
      else
        result->problem = g_strdup_printf (_("The history file is damaged and could not be "
                                             "set aside: %s"), error->message);
      g_message ("%s", result->problem);
      g_clear_error (&error);
    }

  if (torn && !damaged)
    rewrite = TRUE;

  if (rewrite)
    {
      if (!lf_storage_write_atomic (path, good->str, good->len, 0600, &error))
        {
          g_message ("Cannot rewrite the history file “%s”: %s", path, error->message);
          g_clear_error (&error);
        }
    }

  g_clear_pointer (&contents, g_free);
  if (lf_storage_read_capped (samples_path, LF_HISTORY_MAX_BYTES, &contents, &length, &error))
    {
      result->samples = parse_samples (contents, length, &error);
      if (result->samples == NULL)
        {
          g_autoptr(GError) aside_error = NULL;
          g_autofree char *aside = lf_storage_set_aside (samples_path, &aside_error);

          g_message ("The latency samples file “%s” is damaged (%s); it was kept as “%s”",
                     samples_path, error->message, aside != NULL ? aside : "(nowhere)");
        }
    }
  g_clear_error (&error);

  if (result->samples == NULL)
    result->samples = lf_history_samples_table_new ();

  return result;
}

/* Hands @job back to its task's context (the main thread). Not g_main_context_invoke(): when
 * nobody iterates that context at the moment, it would acquire it and run the callback here,
 * on the worker, while the main thread then finds its own context owned and defers its work
 * (GSettings notifications among it). */
static void
complete_on_task_context (Job *job)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, lf_history_complete_job_cb, job, NULL);
  g_source_set_static_name (source, "[lifeline] history job done");
  g_source_attach (source, g_task_get_context (job->task));
  g_source_unref (source);
}

void
lf_history_run_job (gpointer data,
                    gpointer user_data)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;

  switch (job->kind)
    {
    case JOB_LOAD:
      {
        LfHistory *self = g_task_get_source_object (job->task);

        job->result = load_files (self->path, self->samples_path);
        complete_on_task_context (job);
      }
      return;

    case JOB_APPEND:
      if (!lf_storage_append_line (job->path, job->line, &error))
        g_message ("Cannot add to the history file: %s", error->message);
      break;

    case JOB_WRITE:
      if (!lf_storage_write_atomic (job->path, g_bytes_get_data (job->contents, NULL),
                                    g_bytes_get_size (job->contents), 0600, &error))
        g_message ("Cannot write the latency samples: %s", error->message);
      break;

    case JOB_FLUSH:
      complete_on_task_context (job);
      return;

    default:
      g_assert_not_reached ();
    }

  lf_history_job_free (job);
}
