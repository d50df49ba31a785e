/* lf-channel-store.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-channel-store"

#include "config.h"

#include "lf-channel.h"
#include "lf-json.h"
#include "lf-json-file.h"
#include "lf-storage.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

/* The configured channels, in the user's order (the first is the default of --notify).
 * Persisted without secrets in $XDG_DATA_HOME/lifeline/channels.json:
 *   { "version": 1, "channels": [ <bundle channel without password/url>, … ] }
 */

#define CHANNELS_FILE_MAX (1024 * 1024)

struct _LfChannelStore
{
  GObject    parent_instance;

  char      *path;
  GPtrArray *items;  /* LfChannel */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LfChannelStore, lf_channel_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      list_model_iface_init))

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static GPtrArray *
parse_channels (JsonArray  *array,
                GPtrArray  *secrets,
                GError    **error)
{
  g_autoptr(GPtrArray) channels = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      char *secret = NULL;
      LfChannel *channel;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, LF_CHANNEL_ERROR, LF_CHANNEL_ERROR_INVALID,
                       _("Channel %u is not an object"), i + 1);
          return NULL;
        }

      channel = lf_channel_new_from_json (json_node_get_object (node),
                                          secrets != NULL ? &secret : NULL, error);
      if (channel == NULL)
        return NULL;

      if (!g_hash_table_add (seen, (gpointer) lf_channel_get_id (channel)))
        {
          g_set_error (error, LF_CHANNEL_ERROR, LF_CHANNEL_ERROR_INVALID,
                       _("The channel id “%s” is used twice"), lf_channel_get_id (channel));
          g_object_unref (channel);
          g_free (secret);
          return NULL;
        }

      g_ptr_array_add (channels, channel);
      if (secrets != NULL)
        g_ptr_array_add (secrets, secret);
    }

  return g_steal_pointer (&channels);
}

static GPtrArray *
read_file (const char  *path,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonArray) list = NULL;
  GPtrArray *channels = NULL;

  if (!lf_json_file_read_list (path, CHANNELS_FILE_MAX, "channels", &list, &local_error) &&
      !g_error_matches (local_error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (local_error == NULL && list == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);
  if (local_error == NULL)
    channels = parse_channels (list, NULL, &local_error);

  if (channels == NULL)
    {
      g_autofree char *aside = lf_storage_set_aside (path, NULL);

      g_set_error (error, LF_CHANNEL_ERROR, LF_CHANNEL_ERROR_INVALID,
                   _("Your channels could not be read (%s). The file was kept as “%s”."),
                   local_error->message, aside != NULL ? aside : path);
    }

  return channels;
}

static void
replace_items (LfChannelStore *self,
               GPtrArray      *channels)
{
  guint removed = self->items->len;

  g_ptr_array_unref (self->items);
  self->items = g_ptr_array_ref (channels);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *channels = read_file (task_data, &error);

  if (channels == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, channels, (GDestroyNotify) g_ptr_array_unref);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) channels = NULL;
  GError *error = NULL;

  channels = g_task_propagate_pointer (G_TASK (result), &error);
  if (channels == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  replace_items (g_task_get_source_object (task), channels);
  g_task_return_boolean (task, TRUE);
}

static JsonArray *
serialise (LfChannelStore *self)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < self->items->len; i++)
    json_array_add_object_element (array,
                                   lf_channel_to_json (g_ptr_array_index (self->items, i),
                                                       NULL));

  return array;
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!lf_json_file_write_list_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Import: store the secrets one by one, then add the channels and save. */
typedef struct
{
  GPtrArray *channels;
  GPtrArray *secrets;
  guint      next;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_ptr_array_unref (data->channels);
  g_ptr_array_unref (data->secrets);
  g_free (data);
}

static void import_next (GTask *task);

static void
import_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ImportData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!lf_channel_store_save_finish (LF_CHANNEL_STORE (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, data->channels->len);
}

static void
import_secret_stored_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!lf_channel_store_secret_finish (LF_CHANNEL (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  import_next (g_steal_pointer (&task));
}

static void
import_next (GTask *task)
{
  LfChannelStore *self = g_task_get_source_object (task);
  ImportData *data = g_task_get_task_data (task);

  while (data->next < data->channels->len)
    {
      guint i = data->next++;
      const char *secret = g_ptr_array_index (data->secrets, i);

      if (secret != NULL)
        {
          lf_channel_store_secret_async (g_ptr_array_index (data->channels, i), secret,
                                         g_task_get_cancellable (task),
                                         import_secret_stored_cb, task);
          return;
        }
    }

  for (guint i = 0; i < data->channels->len; i++)
    lf_channel_store_add (self, g_ptr_array_index (data->channels, i));

  lf_channel_store_save_async (self, g_task_get_cancellable (task), import_saved_cb, task);
}

typedef struct
{
  JsonArray *array;
  guint      next;
} ExportData;

static void
export_data_free (ExportData *data)
{
  json_array_unref (data->array);
  g_free (data);
}

static void export_next (GTask *task);

static void
export_secret_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  ExportData *data = g_task_get_task_data (task);
  GError *error = NULL;
  char *secret = lf_channel_lookup_secret_finish (LF_CHANNEL (object), result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  json_array_add_object_element (data->array, lf_channel_to_json (LF_CHANNEL (object), secret));
  secret_password_free (secret);
  export_next (task);
}

static void
export_next (GTask *task)
{
  LfChannelStore *self = g_task_get_source_object (task);
  ExportData *data = g_task_get_task_data (task);
  gboolean include_secrets = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "secrets"));

  while (data->next < self->items->len)
    {
      LfChannel *channel = g_ptr_array_index (self->items, data->next++);

      if (include_secrets && lf_channel_needs_secret (channel))
        {
          lf_channel_lookup_secret_async (channel, g_task_get_cancellable (task),
                                          export_secret_cb, task);
          return;
        }
      json_array_add_object_element (data->array, lf_channel_to_json (channel, NULL));
    }

  g_task_return_pointer (task, json_array_ref (data->array), (GDestroyNotify) json_array_unref);
  g_object_unref (task);
}

/* ------------------------------------------------------------------------ */
/* Interface implementations                                                */
/* ------------------------------------------------------------------------ */

static GType
list_model_get_item_type (GListModel *model)
{
  return LF_TYPE_CHANNEL;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return LF_CHANNEL_STORE (model)->items->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  LfChannelStore *self = LF_CHANNEL_STORE (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_channel_store_finalize (GObject *object)
{
  LfChannelStore *self = LF_CHANNEL_STORE (object);

  g_free (self->path);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (lf_channel_store_parent_class)->finalize (object);
}

static void
lf_channel_store_class_init (LfChannelStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lf_channel_store_finalize;
}

static void
lf_channel_store_init (LfChannelStore *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_channel_store_new:
 * @path: (nullable): the file; %NULL for $XDG_DATA_HOME/lifeline/channels.json
 */
LfChannelStore *
lf_channel_store_new (const char *path)
{
  LfChannelStore *self = g_object_new (LF_TYPE_CHANNEL_STORE, NULL);

  self->path = path != NULL ? g_strdup (path) : lf_storage_build_data_path ("channels.json");

  return self;
}

const char *
lf_channel_store_get_path (LfChannelStore *self)
{
  g_return_val_if_fail (LF_IS_CHANNEL_STORE (self), NULL);

  return self->path;
}

/**
 * lf_channel_store_load:
 *
 * Blocking load for the command line. A missing file is an empty list; a damaged one is
 * set aside and reported.
 */
gboolean
lf_channel_store_load (LfChannelStore  *self,
                       GError         **error)
{
  g_autoptr(GPtrArray) channels = NULL;

  g_return_val_if_fail (LF_IS_CHANNEL_STORE (self), FALSE);

  channels = read_file (self->path, error);
  if (channels == NULL)
    return FALSE;

  replace_items (self, channels);
  return TRUE;
}

void
lf_channel_store_load_async (LfChannelStore      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) thread_task = NULL;

  g_return_if_fail (LF_IS_CHANNEL_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_channel_store_load_async);
  thread_task = g_task_new (self, cancellable, load_cb, g_steal_pointer (&task));
  g_task_set_task_data (thread_task, g_strdup (self->path), g_free);
  g_task_run_in_thread (thread_task, load_thread);
}

gboolean
lf_channel_store_load_finish (LfChannelStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
lf_channel_store_save_async (LfChannelStore      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonArray) list = NULL;

  g_return_if_fail (LF_IS_CHANNEL_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_channel_store_save_async);
  list = serialise (self);
  lf_json_file_write_list_async (self->path, "channels", list, cancellable, save_cb,
                                 g_steal_pointer (&task));
}

gboolean
lf_channel_store_save_finish (LfChannelStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lf_channel_store_lookup:
 *
 * Returns: (transfer none) (nullable): the channel with @id
 */
LfChannel *
lf_channel_store_lookup (LfChannelStore *self,
                         const char     *id)
{
  g_return_val_if_fail (LF_IS_CHANNEL_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->items->len; i++)
    if (g_str_equal (lf_channel_get_id (g_ptr_array_index (self->items, i)), id))
      return g_ptr_array_index (self->items, i);

  return NULL;
}

/**
 * lf_channel_store_get_default:
 *
 * Returns: (transfer none) (nullable): the first channel, the default of --notify
 */
LfChannel *
lf_channel_store_get_default (LfChannelStore *self)
{
  g_return_val_if_fail (LF_IS_CHANNEL_STORE (self), NULL);

  return self->items->len > 0 ? g_ptr_array_index (self->items, 0) : NULL;
}

/**
 * lf_channel_store_add:
 *
 * Adds @channel, or replaces the channel with the same id in place.
 */
void
lf_channel_store_add (LfChannelStore *self,
                      LfChannel      *channel)
{
  g_return_if_fail (LF_IS_CHANNEL_STORE (self));
  g_return_if_fail (LF_IS_CHANNEL (channel));

  for (guint i = 0; i < self->items->len; i++)
    {
      LfChannel *old = g_ptr_array_index (self->items, i);

      if (g_str_equal (lf_channel_get_id (old), lf_channel_get_id (channel)))
        {
          if (old == channel)
            return;
          g_ptr_array_index (self->items, i) = g_object_ref (channel);
          g_object_unref (old);
          g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
          return;
        }
    }

  g_ptr_array_add (self->items, g_object_ref (channel));
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
}

gboolean
lf_channel_store_remove (LfChannelStore *self,
                         const char     *id)
{
  g_return_val_if_fail (LF_IS_CHANNEL_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < self->items->len; i++)
    if (g_str_equal (lf_channel_get_id (g_ptr_array_index (self->items, i)), id))
      {
        g_ptr_array_remove_index (self->items, i);
        g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);
        return TRUE;
      }

  return FALSE;
}

/**
 * lf_channel_store_check_import:
 * @channels: a bundle's "channels"
 *
 * Whether lf_channel_store_import_async() would take @channels, without importing them.
 */
gboolean
lf_channel_store_check_import (JsonArray  *channels,
                               GError    **error)
{
  g_autoptr(GPtrArray) secrets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) parsed = NULL;

  g_return_val_if_fail (channels != NULL, FALSE);

  parsed = parse_channels (channels, secrets, error);
  return parsed != NULL;
}

/**
 * lf_channel_store_import_async:
 * @channels: the "channels" array of a bundle
 *
 * Validates every channel first (one bad channel imports nothing), puts the passwords and
 * webhook URLs in the keyring, adds the channels (replacing those with the same id) and
 * saves the file without secrets.
 */
void
lf_channel_store_import_async (LfChannelStore      *self,
                               JsonArray           *channels,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) secrets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) parsed = NULL;
  GError *error = NULL;
  ImportData *data;

  g_return_if_fail (LF_IS_CHANNEL_STORE (self));
  g_return_if_fail (channels != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_channel_store_import_async);

  parsed = parse_channels (channels, secrets, &error);
  if (parsed == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_new0 (ImportData, 1);
  data->channels = g_steal_pointer (&parsed);
  data->secrets = g_steal_pointer (&secrets);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  import_next (g_steal_pointer (&task));
}

/**
 * lf_channel_store_import_finish:
 *
 * Returns: the number of channels imported, or 0 with @error set
 */
guint
lf_channel_store_import_finish (LfChannelStore  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  n = g_task_propagate_int (G_TASK (result), error);
  return n < 0 ? 0 : n;
}

/**
 * lf_channel_store_export_async:
 * @include_secrets: look up and include passwords and webhook URLs (--include-secrets)
 */
void
lf_channel_store_export_async (LfChannelStore      *self,
                               gboolean             include_secrets,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  ExportData *data;

  g_return_if_fail (LF_IS_CHANNEL_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_channel_store_export_async);
  g_object_set_data (G_OBJECT (task), "secrets", GINT_TO_POINTER (!!include_secrets));
  data = g_new0 (ExportData, 1);
  data->array = json_array_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  export_next (task);
}

/**
 * lf_channel_store_export_finish:
 *
 * Returns: (transfer full): the "channels" array of a bundle
 */
JsonArray *
lf_channel_store_export_finish (LfChannelStore  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
