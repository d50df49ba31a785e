/* lf-export.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-export"

#include "config.h"

#include "lf-export.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lf-csv.h"
#include "lf-storage.h"
#include "lf-vcard.h"

/* Exported files hold client data in plain form: they are written atomically with
 * owner-only permissions (0600), and every front end shows lf_export_get_warning(). */

#define EXPORT_MODE 0600

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static GPtrArray *
collect (GListModel *contacts)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (contacts);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (contacts, i));

  return array;
}

/* An export goes into a folder that exists: a mistyped path is said, not created. */
static gboolean
check_folder (const char  *path,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *display = g_filename_display_name (dir);

  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("The folder “%s” does not exist; Lifeline does not create folders for an "
                 "export"), display);
  return FALSE;
}

static gboolean
check_format (const char      *path,
              LfImportFormat  *format,
              GError         **error)
{
  *format = lf_import_format_for_path (path);
  if (*format == LF_IMPORT_FORMAT_UNKNOWN)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Choose a file name ending in .json (Lifeline bundle), .vcf "
                             "(vCard) or .csv"));
      return FALSE;
    }
  return check_folder (path, error);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!lf_storage_write_atomic_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_export_get_warning:
 *
 * Returns: the warning every export shows
 */
const char *
lf_export_get_warning (void)
{
  return _("The exported file holds your clients’ details in plain form, readable by anyone "
           "who gets the file. Keep it somewhere safe and delete it when you no longer "
           "need it.");
}

/**
 * lf_export_to_data:
 * @contacts: a #GListModel of #LfContact (such as the store)
 * @me: (nullable): the user's profile, written in the bundle only
 * @include_secrets: whether per-client webhook URLs (and channel passwords) are written
 *
 * Returns: (transfer full): the file's contents
 */
char *
lf_export_to_data (GListModel     *contacts,
                   LfProfile      *me,
                   LfImportFormat  format,
                   gboolean        include_secrets)
{
  return lf_export_to_data_full (contacts, me, NULL, NULL, NULL, format, include_secrets);
}

/**
 * lf_export_to_data_full:
 * @channels: (nullable): the bundle's "channels" (lf_notice_bundle_export_finish())
 * @templates: (nullable): the bundle's "templates"
 * @plan: (nullable): the bundle's "plan" (`{ "steps": [ … ] }`)
 *
 * As lf_export_to_data(); a bundle also holds @channels and @templates (credentials in
 * @channels are written only with @include_secrets). vCard and CSV hold clients only.
 *
 * Returns: (transfer full): the file's contents
 */
char *
lf_export_to_data_full (GListModel     *contacts,
                        LfProfile      *me,
                        JsonArray      *channels,
                        JsonArray      *templates,
                        JsonObject     *plan,
                        LfImportFormat  format,
                        gboolean        include_secrets)
{
  g_autoptr(GPtrArray) array = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (contacts), NULL);
  g_return_val_if_fail (me == NULL || LF_IS_PROFILE (me), NULL);

  array = collect (contacts);

  switch (format)
    {
    case LF_IMPORT_FORMAT_VCARD:
      return lf_vcard_write (array, include_secrets);

    case LF_IMPORT_FORMAT_CSV:
      return lf_csv_write (array, include_secrets);

    case LF_IMPORT_FORMAT_BUNDLE:
    case LF_IMPORT_FORMAT_UNKNOWN:
    default:
      {
        g_autoptr(LfBundle) bundle = lf_bundle_new ();

        g_ptr_array_extend_and_steal (bundle->contacts, g_steal_pointer (&array));
        bundle->me = me ? g_object_ref (me) : NULL;
        if (channels != NULL && json_array_get_length (channels) > 0)
          bundle->channels = json_array_ref (channels);
        if (templates != NULL && json_array_get_length (templates) > 0)
          bundle->templates = json_array_ref (templates);
        if (plan != NULL)
          bundle->plan = json_object_ref (plan);
        return lf_bundle_to_data (bundle, include_secrets);
      }
    }
}

/**
 * lf_export_write_async:
 * @path: the file to write; its extension chooses the format
 *
 * Writes the export atomically with mode 0600.
 */
void
lf_export_write_async (GListModel          *contacts,
                       LfProfile           *me,
                       const char          *path,
                       gboolean             include_secrets,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  lf_export_write_full_async (contacts, me, NULL, NULL, NULL, path, include_secrets, cancellable,
                              callback, user_data);
}

/**
 * lf_export_write_full_async:
 * @channels: (nullable): the bundle's "channels"
 * @templates: (nullable): the bundle's "templates"
 * @plan: (nullable): the bundle's "plan" (`{ "steps": [ … ] }`)
 *
 * As lf_export_write_async(), with the notices part of a bundle. Finish with
 * lf_export_write_finish().
 */
void
lf_export_write_full_async (GListModel          *contacts,
                            LfProfile           *me,
                            JsonArray           *channels,
                            JsonArray           *templates,
                            JsonObject          *plan,
                            const char          *path,
                            gboolean             include_secrets,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  LfImportFormat format;
  char *data;

  g_return_if_fail (G_IS_LIST_MODEL (contacts));
  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_export_write_async);

  if (!check_format (path, &format, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = lf_export_to_data_full (contacts, me, channels, templates, plan, format,
                                 include_secrets);
  bytes = g_bytes_new_take (data, strlen (data));
  lf_storage_write_atomic_async (path, bytes, EXPORT_MODE, cancellable, write_cb,
                                 g_steal_pointer (&task));
}

gboolean
lf_export_write_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lf_export_write:
 *
 * The blocking variant, for the command line.
 */
gboolean
lf_export_write (GListModel  *contacts,
                 LfProfile   *me,
                 const char  *path,
                 gboolean     include_secrets,
                 GError     **error)
{
  return lf_export_write_full (contacts, me, NULL, NULL, NULL, path, include_secrets, error);
}

/**
 * lf_export_write_full:
 *
 * The blocking variant of lf_export_write_full_async(), for the command line.
 */
gboolean
lf_export_write_full (GListModel  *contacts,
                      LfProfile   *me,
                      JsonArray   *channels,
                      JsonArray   *templates,
                      JsonObject  *plan,
                      const char  *path,
                      gboolean     include_secrets,
                      GError     **error)
{
  g_autofree char *data = NULL;
  LfImportFormat format;

  g_return_val_if_fail (G_IS_LIST_MODEL (contacts), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_format (path, &format, error))
    return FALSE;

  data = lf_export_to_data_full (contacts, me, channels, templates, plan, format,
                                 include_secrets);
  return lf_storage_write_atomic (path, data, -1, EXPORT_MODE, error);
}
