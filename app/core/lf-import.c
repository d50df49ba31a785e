/* lf-import.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-import"

#include "config.h"

#include "lf-import.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lf-csv.h"
#include "lf-vcard.h"

/* An import happens in two steps: a preview (what will be added, which existing clients
 * get merged because they share an e-mail address or id, which entries are skipped and
 * why), then applying it to the store. Nothing is written before the user has seen the
 * preview. */

struct _LfImportPreview
{
  GObject          parent_instance;

  LfContactStore  *store;
  GPtrArray       *added;      /* LfContact, new */
  GPtrArray       *merged;     /* LfContact, copies of stored ones with the new fields */
  GPtrArray       *skipped;    /* char *, reasons */
  guint            n_unchanged;
  LfBundle        *bundle;     /* nullable: the bundle's other parts */
};

G_DEFINE_FINAL_TYPE (LfImportPreview, lf_import_preview, G_TYPE_OBJECT)

typedef struct
{
  GPtrArray *queue;   /* LfContact still to write */
  guint      next;
} ApplyData;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
apply_data_free (ApplyData *data)
{
  g_ptr_array_unref (data->queue);
  g_free (data);
}

static const char *
origin_of (LfContact *contact)
{
  const char *origin = g_object_get_data (G_OBJECT (contact), LF_CONTACT_ORIGIN_KEY);

  return origin ? origin : _("entry");
}

static LfContact *
find_in (GPtrArray  *contacts,
         LfContact  *incoming)
{
  const char * const *emails = lf_contact_get_emails (incoming);

  for (guint i = 0; i < contacts->len; i++)
    {
      LfContact *candidate = contacts->pdata[i];
      const char * const *theirs = lf_contact_get_emails (candidate);

      if (g_str_equal (lf_contact_get_id (candidate), lf_contact_get_id (incoming)))
        return candidate;

      for (guint j = 0; emails[j] != NULL; j++)
        for (guint k = 0; theirs[k] != NULL; k++)
          if (g_ascii_strcasecmp (emails[j], theirs[k]) == 0)
            return candidate;
    }

  return NULL;
}

static LfContact *
find_in_store (LfContactStore *store,
               LfContact      *incoming)
{
  const char * const *emails = lf_contact_get_emails (incoming);
  LfContact *existing;

  if (store == NULL)
    return NULL;

  existing = lf_contact_store_lookup (store, lf_contact_get_id (incoming));
  for (guint i = 0; existing == NULL && emails[i] != NULL; i++)
    existing = lf_contact_store_find_by_email (store, emails[i]);

  return existing;
}

static void
add_incoming (LfImportPreview *self,
              LfContact       *incoming)
{
  g_autoptr(GError) error = NULL;
  LfContact *existing;
  LfContact *target;

  if (!lf_contact_validate (incoming, &error))
    {
      g_ptr_array_add (self->skipped, g_strdup_printf ("%s: %s", origin_of (incoming),
                                                       error->message));
      return;
    }

  /* Already merged or added by an earlier entry of this file? */
  target = find_in (self->merged, incoming);
  if (target == NULL)
    target = find_in (self->added, incoming);
  if (target != NULL)
    {
      lf_contact_merge_from (target, incoming);
      return;
    }

  existing = find_in_store (self->store, incoming);
  if (existing != NULL)
    {
      g_autoptr(LfContact) copy = lf_contact_copy (existing);

      lf_contact_merge_from (copy, incoming);
      if (lf_contact_get_changed_fields (copy) == LF_CONTACT_FIELD_NONE)
        self->n_unchanged++;
      else
        g_ptr_array_add (self->merged, g_steal_pointer (&copy));
      return;
    }

  g_ptr_array_add (self->added, g_object_ref (incoming));
}

/* "row 12: …" after "row 3: …": by the first number in the message. */
static int
compare_by_position (gconstpointer a,
                     gconstpointer b)
{
  const char *sa = *(const char **) a;
  const char *sb = *(const char **) b;
  const char *da = sa + strcspn (sa, "0123456789");
  const char *db = sb + strcspn (sb, "0123456789");
  guint64 na = *da ? g_ascii_strtoull (da, NULL, 10) : G_MAXUINT64;
  guint64 nb = *db ? g_ascii_strtoull (db, NULL, 10) : G_MAXUINT64;

  if (na != nb)
    return na < nb ? -1 : 1;
  return g_strcmp0 (sa, sb);
}

static void
apply_next (GTask *task);

static void
save_profile_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!lf_profile_save_finish (LF_PROFILE (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(LfContact) saved = NULL;
  g_autoptr(GError) error = NULL;

  saved = lf_contact_store_save_finish (LF_CONTACT_STORE (object), result, &error);
  if (saved == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  apply_next (g_steal_pointer (&task));
}

static void
apply_next (GTask *task)
{
  LfImportPreview *self = g_task_get_source_object (task);
  ApplyData *data = g_task_get_task_data (task);

  if (data->next < data->queue->len)
    {
      LfContact *contact = data->queue->pdata[data->next++];

      lf_contact_store_save_async (self->store, contact, g_task_get_cancellable (task),
                                   save_cb, task);
      return;
    }

  if (self->bundle != NULL && self->bundle->me != NULL && !lf_profile_is_empty (self->bundle->me))
    {
      lf_profile_save_async (self->bundle->me, g_task_get_cancellable (task),
                             save_profile_cb, task);
      return;
    }

  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_import_preview_finalize (GObject *object)
{
  LfImportPreview *self = LF_IMPORT_PREVIEW (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->added, g_ptr_array_unref);
  g_clear_pointer (&self->merged, g_ptr_array_unref);
  g_clear_pointer (&self->skipped, g_ptr_array_unref);
  g_clear_pointer (&self->bundle, lf_bundle_free);

  G_OBJECT_CLASS (lf_import_preview_parent_class)->finalize (object);
}

static void
lf_import_preview_class_init (LfImportPreviewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lf_import_preview_finalize;
}

static void
lf_import_preview_init (LfImportPreview *self)
{
  self->added = g_ptr_array_new_with_free_func (g_object_unref);
  self->merged = g_ptr_array_new_with_free_func (g_object_unref);
  self->skipped = g_ptr_array_new_with_free_func (g_free);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_import_format_for_path:
 *
 * Returns: the format its extension names (.json, .vcf/.vcard, .csv)
 */
LfImportFormat
lf_import_format_for_path (const char *path)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, LF_IMPORT_FORMAT_UNKNOWN);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".json"))
    return LF_IMPORT_FORMAT_BUNDLE;
  if (g_str_has_suffix (lower, ".vcf") || g_str_has_suffix (lower, ".vcard"))
    return LF_IMPORT_FORMAT_VCARD;
  if (g_str_has_suffix (lower, ".csv"))
    return LF_IMPORT_FORMAT_CSV;
  return LF_IMPORT_FORMAT_UNKNOWN;
}

/**
 * lf_import_guess_format:
 * @path: (nullable): the file name
 *
 * The format of @path's extension, or else what the contents look like.
 */
LfImportFormat
lf_import_guess_format (const char *path,
                        const char *data,
                        gsize       length)
{
  LfImportFormat format = path ? lf_import_format_for_path (path) : LF_IMPORT_FORMAT_UNKNOWN;
  gsize i = 0;

  if (format != LF_IMPORT_FORMAT_UNKNOWN)
    return format;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;

  if (i < length && data[i] == '{')
    return LF_IMPORT_FORMAT_BUNDLE;
  if (length - i >= 11 && g_ascii_strncasecmp (data + i, "BEGIN:VCARD", 11) == 0)
    return LF_IMPORT_FORMAT_VCARD;
  if (memchr (data, ',', MIN (length, 4096)) || memchr (data, ';', MIN (length, 4096)))
    return LF_IMPORT_FORMAT_CSV;

  return LF_IMPORT_FORMAT_UNKNOWN;
}

/**
 * lf_import_preview_new:
 * @store: (nullable): the store to compare with (loaded); %NULL to preview without merging
 * @format: the file format
 * @error: set when the file cannot be read as @format at all
 *
 * Reads @data and sorts its contacts into added, merged (same e-mail address,
 * case-insensitive, or same id as a stored contact), unchanged and skipped (with reasons).
 *
 * Returns: (transfer full): the preview, or %NULL with @error set
 */
LfImportPreview *
lf_import_preview_new (LfContactStore  *store,
                       const char      *data,
                       gssize           length,
                       LfImportFormat   format,
                       GError         **error)
{
  g_autoptr(LfImportPreview) self = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) contacts = NULL;

  g_return_val_if_fail (store == NULL || LF_IS_CONTACT_STORE (store), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (data);

  self = g_object_new (LF_TYPE_IMPORT_PREVIEW, NULL);
  self->store = store ? g_object_ref (store) : NULL;

  switch (format)
    {
    case LF_IMPORT_FORMAT_BUNDLE:
      self->bundle = lf_bundle_parse (data, length, problems, error);
      if (self->bundle == NULL)
        return NULL;
      contacts = g_ptr_array_ref (self->bundle->contacts);
      break;

    case LF_IMPORT_FORMAT_VCARD:
      contacts = lf_vcard_parse (data, length, problems, error);
      break;

    case LF_IMPORT_FORMAT_CSV:
      contacts = lf_csv_parse (data, length, problems, error);
      break;

    case LF_IMPORT_FORMAT_UNKNOWN:
    default:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Lifeline imports a Lifeline bundle (.json), vCards (.vcf) or "
                             "a CSV file with a header row (.csv)"));
      return NULL;
    }

  if (contacts == NULL)
    return NULL;

  for (guint i = 0; i < problems->len; i++)
    g_ptr_array_add (self->skipped, g_strdup (problems->pdata[i]));

  for (guint i = 0; i < contacts->len; i++)
    add_incoming (self, contacts->pdata[i]);
  g_ptr_array_sort (self->skipped, compare_by_position);

  return g_steal_pointer (&self);
}

static void
load_contents_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LfContactStore *store = g_task_get_task_data (task);
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  LfImportPreview *preview;
  gsize length;

  if (!g_file_load_partial_contents_finish (G_FILE (object), result, &contents, &length, NULL,
                                            &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (length > LF_IMPORT_MAX_SIZE)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                               _("The file is too large to be a contact list"));
      return;
    }

  path = g_file_get_basename (G_FILE (object));
  preview = lf_import_preview_new (store, contents, length,
                                   lf_import_guess_format (path, contents, length), &error);
  if (preview == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, preview, g_object_unref);
}

/* Stops reading once the file is past the limit: a huge file, a pipe or a device never
 * fills memory (the length check in load_contents_cb then refuses it). */
static gboolean
read_more_cb (const char *file_contents,
              goffset     file_size,
              gpointer    user_data)
{
  return file_size <= LF_IMPORT_MAX_SIZE;
}

/**
 * lf_import_preview_load_async:
 * @store: the loaded store to compare with
 * @file: the file to import
 *
 * Reads @file asynchronously and builds its preview.
 */
void
lf_import_preview_load_async (LfContactStore      *store,
                              GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LF_IS_CONTACT_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_import_preview_load_async);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_file_load_partial_contents_async (file, cancellable, read_more_cb, load_contents_cb, task);
}

LfImportPreview *
lf_import_preview_load_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lf_import_preview_get_added:
 *
 * Returns: (transfer none) (element-type LfContact): the contacts that will be added
 */
GPtrArray *
lf_import_preview_get_added (LfImportPreview *self)
{
  g_return_val_if_fail (LF_IS_IMPORT_PREVIEW (self), NULL);
  return self->added;
}

/**
 * lf_import_preview_get_merged:
 *
 * Returns: (transfer none) (element-type LfContact): stored contacts as they will be after
 *   the merge (copies; the store is changed only by apply)
 */
GPtrArray *
lf_import_preview_get_merged (LfImportPreview *self)
{
  g_return_val_if_fail (LF_IS_IMPORT_PREVIEW (self), NULL);
  return self->merged;
}

guint
lf_import_preview_get_n_unchanged (LfImportPreview *self)
{
  g_return_val_if_fail (LF_IS_IMPORT_PREVIEW (self), 0);
  return self->n_unchanged;
}

/**
 * lf_import_preview_get_skipped:
 *
 * Returns: (transfer none) (element-type utf8): why entries were skipped or partly ignored
 */
GPtrArray *
lf_import_preview_get_skipped (LfImportPreview *self)
{
  g_return_val_if_fail (LF_IS_IMPORT_PREVIEW (self), NULL);
  return self->skipped;
}

/**
 * lf_import_preview_get_bundle:
 *
 * Returns: (transfer none) (nullable): the bundle, when the file was one: its channels,
 *   templates and plan are for the notices and checklist modules
 */
LfBundle *
lf_import_preview_get_bundle (LfImportPreview *self)
{
  g_return_val_if_fail (LF_IS_IMPORT_PREVIEW (self), NULL);
  return self->bundle;
}

gboolean
lf_import_preview_is_empty (LfImportPreview *self)
{
  g_return_val_if_fail (LF_IS_IMPORT_PREVIEW (self), TRUE);
  return self->added->len == 0 && self->merged->len == 0 &&
         (self->bundle == NULL || self->bundle->me == NULL);
}

/**
 * lf_import_preview_get_counts_text:
 *
 * Returns: (transfer full): what the import will do, one line per kind of change
 */
char *
lf_import_preview_get_counts_text (LfImportPreview *self)
{
  GString *out;

  g_return_val_if_fail (LF_IS_IMPORT_PREVIEW (self), NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u client to add",
                                            "%u clients to add", self->added->len),
                          self->added->len);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                            "%u existing client to merge (same e-mail)",
                                            "%u existing clients to merge (same e-mail)",
                                            self->merged->len),
                          self->merged->len);
  g_string_append_c (out, '\n');
  if (self->n_unchanged > 0)
    {
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "%u client already up to date",
                                                "%u clients already up to date",
                                                self->n_unchanged),
                              self->n_unchanged);
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u entry skipped",
                                            "%u entries skipped", self->skipped->len),
                          self->skipped->len);

  if (self->bundle != NULL && self->bundle->me != NULL)
    g_string_append_printf (out, "\n%s", _("Your own details (“me”) will be saved"));
  if (self->bundle != NULL &&
      (self->bundle->channels != NULL || self->bundle->templates != NULL))
    g_string_append_printf (out, "\n%s", _("The bundle’s notice channels and templates will "
                                            "be added (passwords and webhook addresses go to "
                                            "the keyring)"));
  if (self->bundle != NULL && self->bundle->plan != NULL)
    g_string_append_printf (out, "\n%s", _("The bundle’s contingency plan will replace yours"));

  return g_string_free (out, FALSE);
}

/**
 * lf_import_preview_to_string:
 *
 * Returns: (transfer full): a summary for people: the counts, then each skipped entry with
 *   its reason, indented
 */
char *
lf_import_preview_to_string (LfImportPreview *self)
{
  g_autofree char *counts = NULL;
  GString *out;

  g_return_val_if_fail (LF_IS_IMPORT_PREVIEW (self), NULL);

  counts = lf_import_preview_get_counts_text (self);
  out = g_string_new (counts);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < self->skipped->len; i++)
    g_string_append_printf (out, "  %s\n", (char *) self->skipped->pdata[i]);

  return g_string_free (out, FALSE);
}

/**
 * lf_import_preview_apply_async:
 *
 * Writes the added and merged contacts to the store (and the bundle's "me" to the
 * keyring), one after the other. Stops at the first error.
 */
void
lf_import_preview_apply_async (LfImportPreview     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  ApplyData *data;

  g_return_if_fail (LF_IS_IMPORT_PREVIEW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_import_preview_apply_async);

  if (self->store == NULL)
    {
      g_task_return_new_error (task, LF_CONTACT_STORE_ERROR,
                               LF_CONTACT_STORE_ERROR_NOT_LOADED, "%s",
                               _("The client directory is not loaded yet"));
      g_object_unref (task);
      return;
    }

  data = g_new0 (ApplyData, 1);
  data->queue = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->added->len; i++)
    {
      LfContact *contact = self->added->pdata[i];

      lf_contact_mark_changed (contact, LF_CONTACT_FIELD_ALL);
      g_ptr_array_add (data->queue, g_object_ref (contact));
    }
  for (guint i = 0; i < self->merged->len; i++)
    g_ptr_array_add (data->queue, g_object_ref (self->merged->pdata[i]));
  g_task_set_task_data (task, data, (GDestroyNotify) apply_data_free);

  apply_next (task);
}

gboolean
lf_import_preview_apply_finish (LfImportPreview  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (LF_IS_IMPORT_PREVIEW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
