/* lf-incident-log-sync.c — one incidents.json, several processes: merge, follow, archive
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-incident-log"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "lf-incident-log-private.h"
#include "lf-json.h"
#include "lf-storage.h"

/* The log's side of the file (see lf-incident-log.c for the whole): reading what another
 * process wrote and merging it in (before every save, and when the file monitor says it
 * changed), writing the merged whole with the "removed" and "archived" lists, and moving old
 * closed incidents to an archive. */

/* Parses the file's document: its incidents (each checked) and the ids deleted. */
static void
parse_ids (JsonObject *object,
           const char *member,
           GPtrArray  *ids)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  /* Optional (older files have none); anything but text in it is ignored. */
  if (ids == NULL || node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (json_node_get_value_type (element) == G_TYPE_STRING)
        g_ptr_array_add (ids, g_strdup (json_node_get_string (element)));
    }
}

gboolean
lf_incident_log_parse_root (JsonNode   *root,
            GPtrArray  *incidents,
            GPtrArray  *removed,
            GPtrArray  *archived,
            GError    **error)
{
  JsonObject *object = json_node_get_object (root);
  JsonNode *node = json_object_get_member (object, "incidents");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The file holds no list of incidents"));
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      LfIncident *incident;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Incident %u is not an object"), i + 1);
          return FALSE;
        }
      incident = lf_incident_new_from_json (json_node_get_object (element), error);
      if (incident == NULL)
        return FALSE;
      g_ptr_array_add (incidents, incident);
    }

  parse_ids (object, "removed", removed);
  parse_ids (object, "archived", archived);

  return TRUE;
}

/* Deleted, or moved to an archive: not in this file any more, and never written back. */
static gboolean
is_gone (LfIncidentLog *self,
         const char    *id)
{
  return g_hash_table_contains (self->removed, id) || g_hash_table_contains (self->archived, id);
}


/* Brings what the file holds into the log: new incidents join, incidents we also hold are
 * merged (lf_incident_merge()), deleted ones go. Takes @incidents (parsed twice over: once
 * to join the log, once as the base of later merges). */
void
lf_incident_log_sync_with_root (LfIncidentLog *self,
                JsonNode      *root)
{
  g_autoptr(GPtrArray) incidents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) bases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) archived = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  if (!lf_incident_log_parse_root (root, incidents, removed, archived, &error)
      || !lf_incident_log_parse_root (root, bases, NULL, NULL, &error))
    {
      g_message ("Not merging %s: %s", lf_json_file_get_path (self->file), error->message);
      return;
    }

  self->merging = TRUE;

  for (guint i = 0; i < removed->len; i++)
    {
      const char *id = g_ptr_array_index (removed, i);

      g_hash_table_add (self->removed, g_strdup (id));
    }
  for (guint i = 0; i < archived->len; i++)
    g_hash_table_add (self->archived, g_strdup (g_ptr_array_index (archived, i)));
  for (guint i = self->incidents->len; i > 0; i--)
    {
      LfIncident *incident = g_ptr_array_index (self->incidents, i - 1);

      if (is_gone (self, lf_incident_get_id (incident)))
        lf_incident_log_remove_at (self, i - 1);
    }

  for (guint i = 0; i < incidents->len; i++)
    {
      LfIncident *theirs = g_ptr_array_index (incidents, i);
      LfIncident *base = g_ptr_array_index (bases, i);
      const char *id = lf_incident_get_id (theirs);
      LfIncident *ours;

      if (is_gone (self, id))
        continue;

      ours = lf_incident_log_lookup (self, id);
      if (ours == NULL)
        lf_incident_log_insert (self, theirs);
      else
        lf_incident_merge (ours, g_hash_table_lookup (self->bases, id), theirs);
      g_hash_table_replace (self->bases, g_strdup (id), g_object_ref (base));
    }

  self->merging = FALSE;
}

/* Reads the file as another process may have left it: %NULL if it is missing or damaged
 * (a damaged one is set aside with @set_aside, so nothing in it is written over). It is small
 * (a few KB) and read whole; see docs/background.md for why this is synchronous. */
static JsonNode *
read_root_now (LfIncidentLog *self,
               gboolean       set_aside)
{
  const char *path = lf_json_file_get_path (self->file);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!lf_storage_read_capped (path, 16 * 1024 * 1024, &contents, &length, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
          && !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_warning ("Could not read %s: %s", path, error->message);
      return NULL;
    }

  if (lf_json_parser_load (parser, contents, length, &error)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return json_parser_steal_root (parser);

  if (set_aside)
    {
      g_autofree char *message = lf_json_file_set_aside (self->file,
                                                         error != NULL ? error->message
                                                                       : _("not a JSON object"));

      lf_incident_log_set_load_message (self, message);
    }

  return NULL;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static JsonArray *
sorted_ids (GHashTable *ids)
{
  g_autofree const char **keys = NULL;
  JsonArray *array = json_array_new ();
  guint n_keys = 0;

  keys = (const char **) g_hash_table_get_keys_as_array (ids, &n_keys);
  qsort (keys, n_keys, sizeof (char *), compare_ids);
  for (guint i = 0; i < n_keys; i++)
    json_array_add_string_element (array, keys[i]);

  return array;
}

JsonNode *
lf_incident_log_serialize (gpointer owner)
{
  LfIncidentLog *self = LF_INCIDENT_LOG (owner);
  g_autoptr(JsonNode) disk = NULL;
  JsonNode *root;
  JsonArray *incidents;

  /* Another process may have written since we read: merge before writing over it. */
  if (self->loaded)
    disk = read_root_now (self, TRUE);
  if (disk != NULL)
    lf_incident_log_sync_with_root (self, disk);

  root = lf_incident_log_to_json (self);

  /* What we write is what we last wrote: the base of the next merge. */
  incidents = json_object_get_array_member (json_node_get_object (root), "incidents");
  for (guint i = 0; i < json_array_get_length (incidents); i++)
    {
      JsonObject *object = json_array_get_object_element (incidents, i);
      LfIncident *base = lf_incident_new_from_json (object, NULL);

      if (base != NULL)
        g_hash_table_replace (self->bases, g_strdup (lf_incident_get_id (base)), base);
    }

  json_object_set_array_member (json_node_get_object (root), "removed",
                                sorted_ids (self->removed));
  json_object_set_array_member (json_node_get_object (root), "archived",
                                sorted_ids (self->archived));

  /* Old closed incidents leave the file (for the next save). */
  lf_incident_log_archive_maybe_start (self);

  return root;
}


void
lf_incident_log_file_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    LfIncidentLog     *self)
{
  g_autoptr(JsonNode) root = NULL;

  if (!self->loaded)
    return;

  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_RENAMED:
      /* Ours too (then nothing changes). Damaged: left for the next save to set aside. */
      root = read_root_now (self, FALSE);
      if (root != NULL)
        lf_incident_log_sync_with_root (self, root);
      break;
    default:
      break;
    }
}

/* ------------------------------------------------------------------------ */
/* Archive                                                                  */
/* ------------------------------------------------------------------------ */

/* Old closed incidents move to "incidents.json.N.gz" in three steps, so that none is lost or
 * comes back: (1) copies of them are written to a new archive in a worker; (2) then each one
 * that has not changed meanwhile leaves the log and its id joins "archived"; (3) the file is
 * saved. A crash between (1) and (3) leaves an incident in both the file and an archive (it is
 * archived again later): never in neither. Another process merging the file drops the ids in
 * "archived" as it drops those in "removed", so it cannot write them back. */

typedef struct
{
  GWeakRef   log;
  GPtrArray *snapshots;   /* LfIncident: what was archived */
} ArchiveData;

static void
archive_data_free (ArchiveData *data)
{
  g_weak_ref_clear (&data->log);
  g_ptr_array_unref (data->snapshots);
  g_free (data);
}

static void
archive_written_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ArchiveData *data = user_data;
  g_autoptr(LfIncidentLog) self = g_weak_ref_get (&data->log);
  g_autoptr(GError) error = NULL;
  g_autofree char *archive = lf_storage_write_archive_finish (result, &error);
  guint moved = 0;

  if (self == NULL || self->file == NULL)
    {
      archive_data_free (data);
      return;
    }
  self->archiving = FALSE;

  if (archive == NULL)
    {
      g_warning ("Could not archive old incidents: %s", error->message);
      self->archive_retry_at = g_get_monotonic_time () + G_TIME_SPAN_HOUR;
      archive_data_free (data);
      return;
    }

  for (guint i = 0; i < data->snapshots->len; i++)
    {
      LfIncident *snapshot = g_ptr_array_index (data->snapshots, i);
      LfIncident *ours = lf_incident_log_lookup (self, lf_incident_get_id (snapshot));
      guint position;

      /* Changed while it was written (a note): it stays, and goes in a later archive. */
      if (ours == NULL || !lf_incident_same (ours, snapshot)
          || !g_ptr_array_find (self->incidents, ours, &position))
        continue;
      g_hash_table_add (self->archived, g_strdup (lf_incident_get_id (ours)));
      lf_incident_log_remove_at (self, position);
      moved++;
    }

  g_debug ("Moved %u old incidents to %s", moved, archive);
  if (moved > 0)
    lf_json_file_schedule (self->file);
  archive_data_free (data);
}

void
lf_incident_log_archive_maybe_start (LfIncidentLog *self)
{
  const char *path = lf_json_file_get_path (self->file);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GPtrArray) picked = NULL;
  g_autoptr(GBytes) document = NULL;
  ArchiveData *data;
  GStatBuf st;

  if (!self->loaded || self->archiving || self->flushing
      || g_get_monotonic_time () < self->archive_retry_at)
    return;

  now = g_date_time_new_now_utc ();
  picked = lf_incident_archive_pick (self->incidents,
                                     g_stat (path, &st) == 0 ? (guint64) st.st_size : 0, now);
  if (picked->len == 0)
    return;

  data = g_new0 (ArchiveData, 1);
  g_weak_ref_init (&data->log, self);
  data->snapshots = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < picked->len; i++)
    {
      g_autoptr(JsonNode) node = lf_incident_to_json (g_ptr_array_index (picked, i));
      LfIncident *copy = lf_incident_new_from_json (json_node_get_object (node), NULL);

      if (copy != NULL)
        g_ptr_array_add (data->snapshots, copy);
    }

  self->archiving = TRUE;
  document = lf_incident_archive_document (data->snapshots);
  lf_storage_write_archive_async (path, document, archive_written_cb, data);
}
