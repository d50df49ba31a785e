/* lf-json-file.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-json-file"

#include "config.h"

#include "lf-json-file.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lf-json.h"
#include "lf-storage.h"

/* The plan and the incident log are small JSON documents that change a few times a minute at
 * most. Every change schedules a save a moment later (so a burst of edits is one write), the
 * write is lf_storage_write_atomic_async() (temporary file, fsync, rename), at most one write
 * is in flight, and lf_json_file_flush() writes what is pending synchronously at shutdown.
 *
 * The owner is not referenced: it must outlive the LfJsonFile (it frees it in dispose after a
 * flush). An in-flight write keeps the shared state alive by itself.
 */

#define SAVE_DELAY_MS 150
#define MAX_SIZE (16 * 1024 * 1024)

typedef struct
{
  gint      ref_count;
  char     *path;
  gboolean  writing;
  gboolean  reading;   /* no write while the file is read (and its stale temporaries removed) */
  gboolean  dirty_while_writing;
  gboolean  alive;
  LfJsonFile *file;
} SharedState;

struct _LfJsonFile
{
  SharedState             *state;
  LfJsonFileSerializeFunc  serialize;
  gpointer                 owner;
  guint                    save_id;
  GCancellable            *cancellable;
};

static void write_now (LfJsonFile *self);

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static SharedState *
shared_state_ref (SharedState *state)
{
  g_atomic_int_inc (&state->ref_count);
  return state;
}

static void
shared_state_unref (SharedState *state)
{
  if (g_atomic_int_dec_and_test (&state->ref_count))
    {
      g_free (state->path);
      g_free (state);
    }
}

static GBytes *
serialize_bytes (LfJsonFile *self)
{
  g_autoptr(JsonNode) node = self->serialize (self->owner);
  g_autoptr(JsonGenerator) generator = NULL;
  char *text;
  gsize length;

  if (node == NULL)
    return NULL;

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);

  return g_bytes_new_take (text, length);
}

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SharedState *state = user_data;
  g_autoptr(GError) error = NULL;

  if (!lf_storage_write_atomic_finish (result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not save %s: %s", state->path, error->message);

  state->writing = FALSE;
  if (state->alive && state->dirty_while_writing)
    {
      state->dirty_while_writing = FALSE;
      write_now (state->file);
    }

  shared_state_unref (state);
}

static void
write_now (LfJsonFile *self)
{
  g_autoptr(GBytes) bytes = NULL;

  if (self->state->writing || self->state->reading)
    {
      self->state->dirty_while_writing = TRUE;
      return;
    }

  bytes = serialize_bytes (self);
  if (bytes == NULL)
    return;

  self->state->writing = TRUE;
  lf_storage_write_atomic_async (self->state->path, bytes, 0600, NULL, write_cb,
                                 shared_state_ref (self->state));
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  LfJsonFile *self = user_data;

  self->save_id = 0;
  write_now (self);

  return G_SOURCE_REMOVE;
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  lf_storage_remove_stale_temporaries (path, 0);

  if (!lf_storage_read_capped (path, MAX_SIZE, &contents, &length, &error))
    {
      if (g_error_matches (error, LF_STORAGE_ERROR, LF_STORAGE_ERROR_TOO_LARGE))
        g_task_return_new_error (task, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                                 "%s", error->message);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  parser = json_parser_new ();
  if (!lf_json_parser_load (parser, contents, length, &error))
    {
      g_task_return_new_error (task, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                               "%s", error->message);
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_task_return_new_error (task, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                               _("The file does not hold a JSON object"));
      return;
    }

  g_task_return_pointer (task, json_parser_steal_root (parser), (GDestroyNotify) json_node_unref);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

LfJsonFile *
lf_json_file_new (const char              *path,
                  LfJsonFileSerializeFunc  serialize,
                  gpointer                 owner)
{
  LfJsonFile *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (serialize != NULL, NULL);

  self = g_new0 (LfJsonFile, 1);
  self->state = g_new0 (SharedState, 1);
  self->state->ref_count = 1;
  self->state->path = g_strdup (path);
  self->state->alive = TRUE;
  self->state->file = self;
  self->serialize = serialize;
  self->owner = owner;
  self->cancellable = g_cancellable_new ();

  return self;
}

/**
 * lf_json_file_free:
 *
 * Frees @file. Call lf_json_file_flush() first: a scheduled save is dropped.
 */
void
lf_json_file_free (LfJsonFile *file)
{
  if (file == NULL)
    return;

  g_clear_handle_id (&file->save_id, g_source_remove);
  g_cancellable_cancel (file->cancellable);
  g_clear_object (&file->cancellable);
  file->state->alive = FALSE;
  file->state->file = NULL;
  shared_state_unref (file->state);
  g_free (file);
}

const char *
lf_json_file_get_path (LfJsonFile *file)
{
  g_return_val_if_fail (file != NULL, NULL);

  return file->state->path;
}

/**
 * lf_json_file_schedule:
 *
 * Saves the document shortly (a burst of changes is written once).
 */
void
lf_json_file_schedule (LfJsonFile *file)
{
  g_return_if_fail (file != NULL);

  if (file->save_id == 0)
    file->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, file);
}

/**
 * lf_json_file_flush:
 *
 * Writes a pending change now, synchronously (for shutdown and the command line). A write
 * in flight is waited for first, so it cannot land after this one.
 */
gboolean
lf_json_file_flush (LfJsonFile  *file,
                    GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gconstpointer data;
  gsize length;
  gboolean pending;

  g_return_val_if_fail (file != NULL, FALSE);

  pending = file->save_id != 0 || file->state->dirty_while_writing;
  g_clear_handle_id (&file->save_id, g_source_remove);
  file->state->dirty_while_writing = FALSE;

  /* Let a write in flight finish first so that it cannot land after ours. */
  while (file->state->writing || file->state->reading)
    g_main_context_iteration (NULL, TRUE);

  if (!pending)
    return TRUE;

  bytes = serialize_bytes (file);
  if (bytes == NULL)
    return TRUE;

  data = g_bytes_get_data (bytes, &length);
  return lf_storage_write_atomic (file->state->path, data, length, 0600, error);
}

/**
 * lf_json_file_is_idle:
 *
 * Returns: %TRUE when nothing is scheduled or being written
 */
gboolean
lf_json_file_is_idle (LfJsonFile *file)
{
  g_return_val_if_fail (file != NULL, FALSE);

  return file->save_id == 0 && !file->state->writing && !file->state->dirty_while_writing;
}

/**
 * lf_json_file_read_async:
 *
 * Reads and parses the file in a worker thread, first removing temporary files that an
 * interrupted write left behind. A missing file is %G_IO_ERROR_NOT_FOUND; unreadable JSON (or
 * a file over 16 MiB) is %JSON_PARSER_ERROR (the caller sets the file aside and starts
 * afresh).
 */
void
lf_json_file_read_async (LfJsonFile          *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (file != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_json_file_read_async);
  g_task_set_task_data (task, g_strdup (file->state->path), g_free);
  file->state->reading = TRUE;
  g_task_run_in_thread (task, read_thread);
}

/**
 * lf_json_file_read_finish:
 *
 * Writes held back while reading are scheduled again.
 */
JsonNode *
lf_json_file_read_finish (LfJsonFile    *file,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  file->state->reading = FALSE;
  if (file->state->dirty_while_writing && !file->state->writing)
    {
      file->state->dirty_while_writing = FALSE;
      lf_json_file_schedule (file);
    }

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lf_json_file_set_aside:
 * @file: the file
 * @reason: why it could not be read
 *
 * Renames the damaged file out of the way and returns a message for the user.
 *
 * Returns: (transfer full): a translated, user-facing message
 */
char *
lf_json_file_set_aside (LfJsonFile *file,
                        const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *aside_name = NULL;
  g_autofree char *dirname = g_path_get_dirname (file->state->path);
  g_autofree char *name = NULL;

  g_return_val_if_fail (file != NULL, NULL);

  name = g_path_get_basename (file->state->path);
  aside = lf_storage_set_aside (file->state->path, &error);
  if (aside == NULL)
    return g_strdup_printf (_("“%s” could not be read (%s) nor set aside (%s)."),
                            name, reason, error->message);

  g_message ("Set aside damaged %s as %s: %s", file->state->path, aside, reason);
  aside_name = g_path_get_basename (aside);
  return g_strdup_printf (_("Lifeline could not read “%s”: it is damaged. It was kept as "
                            "“%s” in %s, and a fresh one was started."), name, aside_name,
                          dirname);
}

/**
 * lf_json_file_read_list:
 * @path: a file `{ …, "MEMBER": [ … ] }` written with lf_storage_write_atomic()
 * @max_bytes: a larger file is refused
 * @member: the list's member
 * @list: (out) (transfer full) (nullable): the list, %NULL when the file does not exist
 * @error: %JSON_PARSER_ERROR_INVALID_DATA when the file is not such a document (the caller
 *   decides whether to set it aside), else an I/O error
 *
 * Reads a list store's file, blocking: removes what an interrupted write left, reads at most
 * @max_bytes through the strict JSON entry point, and checks the shape. The one reader of
 * the channel and template stores.
 */
gboolean
lf_json_file_read_list (const char  *path,
                        gsize        max_bytes,
                        const char  *member,
                        JsonArray  **list,
                        GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) root = NULL;
  JsonArray *array = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL && member != NULL && list != NULL, FALSE);

  *list = NULL;
  lf_storage_remove_stale_temporaries (path, 0);

  if (!lf_storage_read_capped (path, max_bytes, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      if (g_error_matches (local_error, LF_STORAGE_ERROR, LF_STORAGE_ERROR_TOO_LARGE))
        g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                             local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  root = lf_json_parse_object (contents, length, &local_error);
  if (root == NULL || !lf_json_get_array (root, member, TRUE, &array, &local_error))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           local_error->message);
      return FALSE;
    }

  *list = json_array_ref (array);
  return TRUE;
}

static void
write_list_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!lf_storage_write_atomic_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * lf_json_file_write_list_async:
 * @path: the list store's file
 * @member: the list's member, e.g. "channels"
 * @list: the items (serialised now: the caller may change them meanwhile)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the file is on disk
 * @user_data: for @callback
 *
 * Writes `{ "version": 1, "<member>": [ … ] }` atomically (temporary file, fsync, rename),
 * owner-only: the one writer of the channel and template stores, as
 * lf_json_file_read_list() is their one reader.
 */
void
lf_json_file_write_list_async (const char          *path,
                               const char          *member,
                               JsonArray           *list,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GBytes) bytes = NULL;
  JsonObject *object = json_object_new ();
  GTask *task;
  gsize length = 0;
  char *data;

  g_return_if_fail (path != NULL && member != NULL && list != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_json_file_write_list_async);

  json_object_set_int_member (object, "version", 1);
  json_object_set_array_member (object, member, json_array_ref (list));
  json_node_take_object (root, object);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &length);
  bytes = g_bytes_new_take (data, length);

  lf_storage_write_atomic_async (path, bytes, 0600, cancellable, write_list_cb, task);
}

/**
 * lf_json_file_write_list_finish:
 * @result: the result
 * @error: why the file could not be written (the old one is then intact)
 *
 * Returns: whether the file was written
 */
gboolean
lf_json_file_write_list_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
