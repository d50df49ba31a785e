/* lf-catalog-user.c — editing the user's catalog file (custom platforms)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-catalog"

#include "config.h"

#include "lf-catalog-private.h"
#include "lf-storage.h"

#include <glib/gi18n.h>

/* Reads the user file as a catalog of additions; a missing file gives an empty one. */
static LfCatalog *
load_user_catalog (const char  *path,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  LfCatalog *user;

  data = lf_catalog_read_user_data (path, &length, &local_error);
  if (data == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      user = lf_catalog_new ();
      user->source = g_strdup (path);
      return user;
    }

  return lf_catalog_parse (data, length, path, FALSE, error);
}

static gboolean
write_user_catalog (LfCatalog   *user,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(LfCatalog) merged = NULL;
  g_autoptr(GBytes) builtin = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  /* The result must load: provider references are checked against built-in + user. */
  builtin = lf_storage_load_data ("catalog.json", error);
  if (builtin == NULL)
    return FALSE;
  merged = lf_catalog_new_from_data (g_bytes_get_data (builtin, NULL), g_bytes_get_size (builtin),
                                     LF_CATALOG_BUILTIN_NAME, error);
  if (merged == NULL)
    return FALSE;
  lf_catalog_merge (merged, user);
  if (!lf_catalog_validate_provider_refs (user, merged, path, error))
    return FALSE;

  data = lf_catalog_to_data (user, &length);
  return lf_storage_write_atomic (path, data, length, 0644, error);
}

/* Saving and removing read, change and rewrite the user's file, possibly on several worker
 * threads at once: one at a time, or one would drop what another just wrote. */
static GMutex user_file_lock;

/**
 * lf_catalog_save_user_platform:
 * @platform: a platform (usually one the user added; saved with "custom": true)
 * @error: return location for a #GError
 *
 * Adds @platform to the user's catalog file, or replaces the entry with the same id, after
 * validating it exactly as a loaded file would be. The file is written atomically; an
 * existing user file that cannot be read is left untouched and reported. Blocking: call it
 * from a worker thread (lf_catalog_save_user_platform_async()) or the command line.
 */
gboolean
lf_catalog_save_user_platform (LfCatalogPlatform  *platform,
                               GError            **error)
{
  g_autofree char *path = lf_catalog_get_user_file ();
  g_autoptr(LfCatalog) user = NULL;
  g_autoptr(LfCatalog) single = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (platform != NULL, FALSE);

  /* Round-trip through the parser: the same rules as for a file. */
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, LF_CATALOG_VERSION);
  json_builder_set_member_name (builder, "platforms");
  json_builder_begin_array (builder);
  json_builder_add_value (builder, lf_catalog_platform_to_json (platform));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);

  single = lf_catalog_parse (data, -1, _("the new platform"), FALSE, error);
  if (single == NULL)
    return FALSE;

  locker = g_mutex_locker_new (&user_file_lock);
  user = load_user_catalog (path, error);
  if (user == NULL)
    return FALSE;

  lf_catalog_merge (user, single);
  return write_user_catalog (user, path, error);
}

/**
 * lf_catalog_remove_user_platform:
 * @id: a platform id in the user's file
 *
 * Removes an entry from the user's catalog file (a built-in platform it overrode comes
 * back). Removing an id that is not there is not an error.
 */
gboolean
lf_catalog_remove_user_platform (const char  *id,
                                 GError     **error)
{
  g_autofree char *path = lf_catalog_get_user_file ();
  g_autoptr(LfCatalog) user = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (id != NULL, FALSE);

  locker = g_mutex_locker_new (&user_file_lock);
  user = load_user_catalog (path, error);
  if (user == NULL)
    return FALSE;

  for (guint i = 0; i < user->platforms->len; i++)
    {
      LfCatalogPlatform *platform = g_ptr_array_index (user->platforms, i);

      if (strcmp (platform->id, id) == 0)
        {
          g_ptr_array_remove_index (user->platforms, i);
          found = TRUE;
          break;
        }
    }

  if (!found)
    return TRUE;

  return write_user_catalog (user, path, error);
}

static void
save_user_platform_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (!lf_catalog_save_user_platform (task_data, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
lf_catalog_save_user_platform_async (LfCatalogPlatform   *platform,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (platform != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_catalog_save_user_platform_async);
  g_task_set_task_data (task, lf_catalog_platform_copy (platform),
                        (GDestroyNotify) lf_catalog_platform_free);
  g_task_run_in_thread (task, save_user_platform_thread);
}

gboolean
lf_catalog_save_user_platform_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
