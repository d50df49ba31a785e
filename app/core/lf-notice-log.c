/* lf-notice-log.c — reading notices.jsonl (split from lf-notice.c)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-notice"

#include "config.h"

#include "lf-notice.h"
#include "lf-json.h"
#include "lf-storage.h"

#define LOG_FILE_MAX (16 * 1024 * 1024)

/* ------------------------------------------------------------------------ */
/* Public API: the log                                                      */
/* ------------------------------------------------------------------------ */

static void
log_result_free (LfNoticeLogResult *result)
{
  g_free (result->contact_id);
  g_strfreev (result->platforms);
  g_free (result);
}

void
lf_notice_log_entry_free (LfNoticeLogEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->notice_id);
  g_free (entry->template_id);
  g_free (entry->channel_id);
  g_free (entry->channel_kind);
  g_free (entry->incident_id);
  g_clear_pointer (&entry->results, g_ptr_array_unref);
  g_free (entry);
}

char *
lf_notice_log_get_path (void)
{
  return lf_storage_build_data_path ("notices.jsonl");
}

static LfNoticeLogEntry *
parse_log_line (const char *line)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LfNoticeLogEntry) entry = NULL;
  g_autoptr(GDateTime) at = NULL;
  JsonObject *object;
  JsonArray *results;
  const char *at_text;

  if (!lf_json_parser_load (parser, line, -1, NULL) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  object = json_node_get_object (json_parser_get_root (parser));
  at_text = json_object_get_string_member_with_default (object, "at", NULL);
  if (at_text == NULL || (at = g_date_time_new_from_iso8601 (at_text, NULL)) == NULL ||
      !json_object_has_member (object, "results") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "results")))
    return NULL;

  entry = g_new0 (LfNoticeLogEntry, 1);
  entry->at = g_date_time_to_unix (at);
  entry->notice_id = g_strdup (json_object_get_string_member_with_default (object, "notice", NULL));
  entry->template_id = g_strdup (json_object_get_string_member_with_default (object, "template",
                                                                             NULL));
  entry->channel_id = g_strdup (json_object_get_string_member_with_default (object, "channel",
                                                                            NULL));
  entry->channel_kind = g_strdup (json_object_get_string_member_with_default (object, "kind",
                                                                              NULL));
  entry->incident_id = g_strdup (json_object_get_string_member_with_default (object, "incident",
                                                                             NULL));
  /* Lines written before the flag was called "rehearsal" say "drill" (still read). */
  entry->rehearsal = json_object_has_member (object, "rehearsal")
                     ? json_object_get_boolean_member_with_default (object, "rehearsal", FALSE)
                     : json_object_get_boolean_member_with_default (object, "drill", FALSE);
  entry->retry = json_object_get_boolean_member_with_default (object, "retry", FALSE);
  entry->results = g_ptr_array_new_with_free_func ((GDestroyNotify) log_result_free);

  results = json_object_get_array_member (object, "results");
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *node = json_array_get_element (results, i);
      JsonObject *item;
      const char *contact, *result_name;
      LfNoticeLogResult *result;
      LfNoticeResult value;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      item = json_node_get_object (node);
      contact = json_object_get_string_member_with_default (item, "contact", NULL);
      result_name = json_object_get_string_member_with_default (item, "result", NULL);
      if (contact == NULL || !lf_notice_result_from_string (result_name, &value))
        continue;

      result = g_new0 (LfNoticeLogResult, 1);
      result->contact_id = g_strdup (contact);
      result->result = value;
      if (json_object_has_member (item, "platforms") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (item, "platforms")))
        {
          JsonArray *platforms = json_object_get_array_member (item, "platforms");
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

          for (guint j = 0; j < json_array_get_length (platforms); j++)
            {
              JsonNode *platform = json_array_get_element (platforms, j);

              if (JSON_NODE_HOLDS_VALUE (platform) &&
                  json_node_get_value_type (platform) == G_TYPE_STRING)
                g_strv_builder_add (builder, json_node_get_string (platform));
            }
          result->platforms = g_strv_builder_end (builder);
        }
      g_ptr_array_add (entry->results, result);
    }

  return g_steal_pointer (&entry);
}

/**
 * lf_notice_log_read:
 *
 * Blocking read of the log (worker thread or command line). Damaged lines are skipped.
 *
 * Returns: (transfer full) (element-type LfNoticeLogEntry): the entries, oldest first
 */
GPtrArray *
lf_notice_log_read (GError **error)
{
  g_autofree char *path = lf_notice_log_get_path ();
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_notice_log_entry_free);

  if (!lf_storage_read_capped (path, LOG_FILE_MAX, &contents, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return entries;
      g_ptr_array_unref (entries);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      LfNoticeLogEntry *entry;

      if (*lines[i] == '\0')
        continue;
      entry = parse_log_line (lines[i]);
      if (entry != NULL)
        g_ptr_array_add (entries, entry);
    }

  return entries;
}

static void
log_read_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *entries = lf_notice_log_read (&error);

  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

void
lf_notice_log_read_async (GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, lf_notice_log_read_async);
  g_task_run_in_thread (task, log_read_thread);
}

/**
 * lf_notice_log_read_finish:
 *
 * Returns: (transfer full) (element-type LfNoticeLogEntry): the entries, oldest first
 */
GPtrArray *
lf_notice_log_read_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lf_notice_log_get_outage_recipients:
 * @entries: (element-type LfNoticeLogEntry): from lf_notice_log_read()
 * @incident_id: the incident
 *
 * The clients the all-clear composer should offer: those whose outage notice (template
 * "outage", not a rehearsal) for @incident_id was sent or handed to the mail app, in any
 * delivery of it.
 *
 * Returns: (transfer full): contact ids in the order they were first notified
 */
GStrv
lf_notice_log_get_outage_recipients (GPtrArray  *entries,
                                     const char *incident_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (entries != NULL, NULL);
  g_return_val_if_fail (incident_id != NULL, NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      LfNoticeLogEntry *entry = g_ptr_array_index (entries, i);

      if (entry->rehearsal || g_strcmp0 (entry->incident_id, incident_id) != 0 ||
          g_strcmp0 (entry->template_id, "outage") != 0)
        continue;

      for (guint j = 0; j < entry->results->len; j++)
        {
          LfNoticeLogResult *result = g_ptr_array_index (entry->results, j);

          if ((result->result == LF_NOTICE_RESULT_SENT ||
               result->result == LF_NOTICE_RESULT_HANDED_OFF) &&
              g_hash_table_add (seen, result->contact_id))
            g_strv_builder_add (builder, result->contact_id);
        }
    }

  return g_strv_builder_end (builder);
}
