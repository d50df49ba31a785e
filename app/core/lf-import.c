/* lf-import.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-import"

#include "config.h"

#include "lf-import.h"
#include "lf-outage.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lf-channel.h"
#include "lf-csv.h"
#include "lf-import-private.h"
#include "lf-json.h"
#include "lf-plan.h"
#include "lf-storage.h"
#include "lf-template.h"
#include "lf-vcard.h"

/* An import happens in two steps: a preview (what will be added, which existing clients
 * get merged because they share an e-mail address or id, which entries are skipped and
 * why), then applying it to the store. Nothing is written before the user has seen the
 * preview. Applying is in lf-import-apply.c.
 *
 * Hostile files: the preview runs in linear time (contacts are matched through hash
 * tables by id and lower-cased e-mail, not by scanning), off the main thread when loaded
 * from a file (only regular files, opened without blocking), cancellable and with
 * progress; at most LF_IMPORT_MAX_CONTACTS contacts and fields of bounded size; the report
 * of problems is summarised (LfImportReport). A bundle is checked section by section
 * (contacts, "me", channels, templates, plan) before anything is written. */

G_DEFINE_FINAL_TYPE (LfImportPreview, lf_import_preview, G_TYPE_OBJECT)

/* Contacts by id and by lower-cased e-mail address (the first one to claim a key keeps
 * it). The contacts are borrowed. */
typedef struct
{
  GHashTable *by_id;
  GHashTable *by_email;
} Index;

typedef struct
{
  char              *path;
  GPtrArray         *stored;     /* LfContact: copies of the store's, made on the main thread */
  LfContactStore    *store;
  LfImportProgressFunc progress;
  gpointer           progress_data;
  GDestroyNotify     progress_notify;
  GMainContext      *context;
  gint               last_percent;
} LoadData;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* The key of an address: case-folded (plain ASCII, the usual case, the quick way). */
static char *
email_key (const char *email)
{
  for (const char *p = email; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return g_utf8_casefold (email, -1);
  return g_ascii_strdown (email, -1);
}

static void
index_init (Index *index)
{
  index->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  index->by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
index_clear (Index *index)
{
  g_clear_pointer (&index->by_id, g_hash_table_unref);
  g_clear_pointer (&index->by_email, g_hash_table_unref);
}

/* (Re-)indexes @contact: after a merge it may have new addresses. */
static void
index_add (Index     *index,
           LfContact *contact)
{
  const char * const *emails = lf_contact_get_emails (contact);

  if (!g_hash_table_contains (index->by_id, lf_contact_get_id (contact)))
    g_hash_table_insert (index->by_id, (gpointer) lf_contact_get_id (contact), contact);
  for (guint i = 0; emails[i] != NULL; i++)
    {
      char *key = email_key (emails[i]);

      if (g_hash_table_contains (index->by_email, key))
        g_free (key);
      else
        g_hash_table_insert (index->by_email, key, contact);
    }
}

/* The contact with @incoming's id, else the first with one of its addresses. */
static LfContact *
index_find (Index     *index,
            LfContact *incoming)
{
  const char * const *emails = lf_contact_get_emails (incoming);
  LfContact *found = g_hash_table_lookup (index->by_id, lf_contact_get_id (incoming));

  for (guint i = 0; found == NULL && emails[i] != NULL; i++)
    {
      g_autofree char *key = email_key (emails[i]);

      found = g_hash_table_lookup (index->by_email, key);
    }
  return found;
}

static const char *
origin_of (LfContact *contact)
{
  const char *origin = g_object_get_data (G_OBJECT (contact), LF_CONTACT_ORIGIN_KEY);

  return origin ? origin : _("entry");
}

/* A field too long to be a person's: refused with its size, so a 15 MB "name" never
 * becomes a keyring item. */
static gboolean
check_length (const char  *value,
              gsize        max,
              const char  *what,
              GError     **error)
{
  gsize length = value != NULL ? strlen (value) : 0;

  if (length <= max)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               /* Translators: e.g. "the name is too long (15728640 bytes; at most 1024)" */
               _("the %s is too long (%" G_GSIZE_FORMAT " bytes; at most %" G_GSIZE_FORMAT ")"),
               what, length, max);
  return FALSE;
}

static gboolean
check_list (const char * const *values,
            const char         *what,
            GError            **error)
{
  guint n = values != NULL ? g_strv_length ((char **) values) : 0;

  if (n > LF_IMPORT_MAX_VALUES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("too many %s (%u; at most %u)"), what, n, LF_IMPORT_MAX_VALUES);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    if (!check_length (values[i], LF_IMPORT_MAX_FIELD, what, error))
      return FALSE;
  return TRUE;
}

static gboolean
check_sizes (LfContact  *contact,
             GError    **error)
{
  GHashTableIter iter;
  gpointer kind, handle;

  if (!check_length (lf_contact_get_name (contact), LF_IMPORT_MAX_FIELD, _("name"), error) ||
      !check_length (lf_contact_get_company (contact), LF_IMPORT_MAX_FIELD, _("company"), error) ||
      !check_length (lf_contact_get_role (contact), LF_IMPORT_MAX_FIELD, _("role"), error) ||
      !check_length (lf_contact_get_timezone (contact), LF_IMPORT_MAX_FIELD, _("time zone"), error) ||
      !check_length (lf_contact_get_language (contact), LF_IMPORT_MAX_FIELD, _("language"), error) ||
      !check_length (lf_contact_get_preferred (contact), LF_IMPORT_MAX_FIELD, _("preferred channel"), error) ||
      !check_length (lf_contact_get_webhook (contact), LF_IMPORT_MAX_FIELD, _("webhook address"), error) ||
      !check_length (lf_contact_get_notes (contact), LF_IMPORT_MAX_NOTES, _("notes"), error) ||
      !check_list (lf_contact_get_emails (contact), _("e-mail addresses"), error) ||
      !check_list (lf_contact_get_phones (contact), _("phone numbers"), error) ||
      !check_list (lf_contact_get_tags (contact), _("tags"), error) ||
      !check_list (lf_contact_get_platforms (contact), _("platforms"), error))
    return FALSE;

  if (g_hash_table_size (lf_contact_get_channels (contact)) > LF_IMPORT_MAX_VALUES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("too many channels (%u; at most %u)"),
                   g_hash_table_size (lf_contact_get_channels (contact)), LF_IMPORT_MAX_VALUES);
      return FALSE;
    }
  g_hash_table_iter_init (&iter, lf_contact_get_channels (contact));
  while (g_hash_table_iter_next (&iter, &kind, &handle))
    if (!check_length (kind, LF_IMPORT_MAX_FIELD, _("channel"), error) ||
        !check_length (handle, LF_IMPORT_MAX_FIELD, _("channel"), error))
      return FALSE;

  return TRUE;
}

static void
report_invalid (LfImportReport *report,
                LfContact      *incoming,
                const GError   *error)
{
  g_autofree char *kind = g_strdup_printf ("invalid: %s %d", g_quark_to_string (error->domain),
                                           error->code);
  g_autofree char *message = g_strdup_printf ("%s: %s", origin_of (incoming), error->message);

  lf_import_report_add (report, TRUE, kind, message);
}

typedef struct
{
  LfImportPreview *self;
  Index            batch;    /* added and merged so far */
  Index            stored;   /* the store's contacts */
} Sorter;

static void
add_incoming (Sorter         *sorter,
              LfImportReport *report,
              LfContact      *incoming)
{
  LfImportPreview *self = sorter->self;
  g_autoptr(GError) error = NULL;
  LfContact *existing;
  LfContact *target;

  if (!check_sizes (incoming, &error) || !lf_contact_validate (incoming, &error))
    {
      report_invalid (report, incoming, error);
      return;
    }

  /* Already merged or added by an earlier entry of this file? */
  target = index_find (&sorter->batch, incoming);
  if (target != NULL)
    {
      lf_contact_merge_from (target, incoming);
      index_add (&sorter->batch, target);
      return;
    }

  existing = index_find (&sorter->stored, incoming);
  if (existing != NULL)
    {
      g_autoptr(LfContact) copy = lf_contact_copy (existing);

      lf_contact_merge_from (copy, incoming);
      if (lf_contact_get_changed_fields (copy) == LF_CONTACT_FIELD_NONE)
        self->n_unchanged++;
      else
        {
          index_add (&sorter->batch, copy);
          g_ptr_array_add (self->merged, g_steal_pointer (&copy));
        }
      return;
    }

  index_add (&sorter->batch, incoming);
  g_ptr_array_add (self->added, g_object_ref (incoming));
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
  g_clear_pointer (&self->report, lf_import_report_free);
  g_clear_pointer (&self->skipped, g_ptr_array_unref);
  g_clear_pointer (&self->bundle, lf_bundle_free);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_pointer (&self->plan_steps, g_ptr_array_unref);
  g_clear_object (&self->channel_store);
  g_clear_object (&self->template_store);
  g_clear_object (&self->plan);

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
  self->report = lf_import_report_new ();
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

/* Every section of a bundle that is written later, checked now: a bundle is imported whole
 * or not at all. */
static gboolean
check_bundle (LfImportPreview  *self,
              GError          **error)
{
  LfBundle *bundle = self->bundle;
  g_autoptr(GError) local_error = NULL;

  if (bundle->channels != NULL && !lf_channel_store_check_import (bundle->channels, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The bundle’s channels cannot be used: %s"), local_error->message);
      return FALSE;
    }

  if (bundle->templates != NULL)
    {
      self->templates = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < json_array_get_length (bundle->templates); i++)
        {
          JsonNode *node = json_array_get_element (bundle->templates, i);
          LfTemplate *template;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Template %u of the bundle is not an object"), i + 1);
              return FALSE;
            }
          template = lf_template_new_from_json (json_node_get_object (node), &local_error);
          if (template == NULL)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           /* Translators: a number, then what is wrong */
                           _("Template %u of the bundle cannot be used: %s"),
                           i + 1, local_error->message);
              return FALSE;
            }
          g_ptr_array_add (self->templates, template);
        }
    }

  if (bundle->plan != NULL)
    {
      JsonArray *steps = NULL;

      if (!lf_json_get_array (bundle->plan, "steps", TRUE, &steps, &local_error))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The bundle’s plan cannot be used: %s"), local_error->message);
          return FALSE;
        }
      self->plan_steps = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < json_array_get_length (steps); i++)
        {
          JsonNode *node = json_array_get_element (steps, i);
          LfPlanStep *step = NULL;

          if (JSON_NODE_HOLDS_OBJECT (node))
            step = lf_plan_step_new_from_json (json_node_get_object (node), &local_error);
          else
            g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("step %u is not an object"), i + 1);
          if (step == NULL)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The bundle’s plan cannot be used: %s"), local_error->message);
              return FALSE;
            }
          g_ptr_array_add (self->plan_steps, step);
        }
    }

  return TRUE;
}

/* Platforms as people write them: "Upwork" or "UPWORK" is the catalog's upwork
 * (lf_outage_normalise_platforms()); one the catalog does not know is kept as written and
 * reported, so nothing is lost and nothing is silently left unlinked. */
static void
normalise_platforms (GPtrArray      *contacts,
                     LfImportReport *report)
{
  g_autoptr(LfCatalog) catalog = lf_catalog_load_default (NULL, NULL);

  for (guint i = 0; catalog != NULL && i < contacts->len; i++)
    {
      LfContact *contact = contacts->pdata[i];
      g_auto(GStrv) unknown = NULL;
      g_auto(GStrv) ids = NULL;

      if (lf_contact_get_platforms (contact) == NULL ||
          lf_contact_get_platforms (contact)[0] == NULL)
        continue;
      ids = lf_outage_normalise_platforms (catalog, lf_contact_get_platforms (contact),
                                           &unknown);
      lf_contact_set_platforms (contact, (const char * const *) ids);
      for (guint j = 0; unknown[j] != NULL; j++)
        /* Translators: where in the file, then a platform name as written */
        lf_import_report_note (report, _("%s: the platform “%s” is not in your platform list; "
                                         "kept as written"), origin_of (contact), unknown[j]);
    }
}

/* The whole preview, on any thread: @stored are the store's contacts (copies when on a
 * worker); @report may carry a progress function, and parsing stops when it says so. */
static LfImportPreview *
preview_build (GPtrArray        *stored,
               const char       *data,
               gsize             length,
               LfImportFormat    format,
               LfImportReport   *report,
               GCancellable     *cancellable,
               GError          **error)
{
  g_autoptr(LfImportPreview) self = g_object_new (LF_TYPE_IMPORT_PREVIEW, NULL);
  g_autoptr(GPtrArray) contacts = NULL;
  Sorter sorter = { self };

  /* The report lives on in the preview. */
  lf_import_report_free (self->report);
  self->report = report;

  switch (format)
    {
    case LF_IMPORT_FORMAT_BUNDLE:
      self->bundle = lf_bundle_parse (data, length, report, error);
      if (self->bundle == NULL || !check_bundle (self, error))
        return NULL;
      contacts = g_ptr_array_ref (self->bundle->contacts);
      break;

    case LF_IMPORT_FORMAT_VCARD:
      contacts = lf_vcard_parse (data, length, report, error);
      break;

    case LF_IMPORT_FORMAT_CSV:
      contacts = lf_csv_parse (data, length, report, error);
      break;

    case LF_IMPORT_FORMAT_UNKNOWN:
    default:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Lifeline imports a Lifeline bundle (.json), vCards (.vcf) or "
                             "a CSV file with a header row (.csv)"));
      return NULL;
    }

  if (contacts == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (contacts->len > LF_IMPORT_MAX_CONTACTS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The file holds %u contacts; Lifeline imports at most %u at a time. "
                     "Split the file and import the parts one after the other."),
                   contacts->len, LF_IMPORT_MAX_CONTACTS);
      return NULL;
    }

  normalise_platforms (contacts, report);

  index_init (&sorter.batch);
  index_init (&sorter.stored);
  for (guint i = 0; stored != NULL && i < stored->len; i++)
    index_add (&sorter.stored, stored->pdata[i]);

  for (guint i = 0; i < contacts->len; i++)
    {
      add_incoming (&sorter, report, contacts->pdata[i]);
      if (i % 1024 == 1023 &&
          !lf_import_report_progress (report, length + (gsize) i * length / contacts->len))
        break;
    }
  index_clear (&sorter.batch);
  index_clear (&sorter.stored);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * lf_import_preview_new:
 * @store: (nullable): the store to compare with (loaded); %NULL to preview without merging
 * @format: the file format
 * @error: set when the file cannot be read as @format at all
 *
 * Reads @data and sorts its contacts into added, merged (same e-mail address,
 * case-insensitive, or same id as a stored contact), unchanged and skipped (with reasons).
 * A bundle's channels, templates and plan are checked too: one that cannot be imported
 * whole is refused here.
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
  g_autoptr(GPtrArray) stored = NULL;
  LfImportPreview *self;

  g_return_val_if_fail (store == NULL || LF_IS_CONTACT_STORE (store), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (data);

  if (store != NULL)
    {
      stored = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
        g_ptr_array_add (stored, g_list_model_get_item (G_LIST_MODEL (store), i));
    }

  self = preview_build (stored, data ? data : "", length, format, lf_import_report_new (),
                        NULL, error);
  if (self != NULL && store != NULL)
    self->store = g_object_ref (store);
  return self;
}

typedef struct
{
  GDestroyNotify notify;
  gpointer       data;
} NotifyCall;

static gboolean
notify_on_main (gpointer user_data)
{
  NotifyCall *call = user_data;

  call->notify (call->data);
  return G_SOURCE_REMOVE;
}

/* The task may be finalised on the worker: the caller's data (a widget, say) is released
 * on its own context. */
static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->stored, g_ptr_array_unref);
  g_clear_object (&data->store);
  if (data->progress_notify != NULL)
    {
      NotifyCall *call = g_new0 (NotifyCall, 1);

      call->notify = data->progress_notify;
      call->data = data->progress_data;
      g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, notify_on_main, call,
                                  g_free);
    }
  g_main_context_unref (data->context);
  g_free (data);
}

typedef struct
{
  LfImportProgressFunc func;
  gpointer             data;
  double               fraction;
} ProgressCall;

static gboolean
progress_on_main (gpointer user_data)
{
  ProgressCall *call = user_data;

  call->func (call->fraction, call->data);
  return G_SOURCE_REMOVE;
}

/* On the worker: @done of 2 × the file's length (parse, then sort). */
static gboolean
load_progress (gsize    done,
               gpointer user_data)
{
  GTask *task = user_data;
  LoadData *data = g_task_get_task_data (task);
  gsize total = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (task), "lf-length"));
  double fraction = total > 0 ? MIN ((double) done / (2.0 * total), 1.0) : 0.0;
  gint percent = (gint) (fraction * 100);

  if (data->progress != NULL && percent != data->last_percent)
    {
      ProgressCall *call = g_new0 (ProgressCall, 1);

      data->last_percent = percent;
      call->func = data->progress;
      call->data = data->progress_data;
      call->fraction = fraction;
      /* The task data (and so progress_data) outlives this: the task holds it until its
       * callback has run on the same context, after every call queued here. */
      g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, progress_on_main, call,
                                  g_free);
    }

  return !g_cancellable_is_cancelled (g_task_get_cancellable (task));
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *basename = g_path_get_basename (data->path);
  LfImportReport *report;
  LfImportPreview *preview;
  gsize length = 0;

  if (!lf_storage_read_regular (data->path, LF_IMPORT_MAX_SIZE, &contents, &length, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  g_object_set_data (G_OBJECT (task), "lf-length", GSIZE_TO_POINTER (length));
  report = lf_import_report_new ();
  lf_import_report_set_progress (report, load_progress, task);
  preview = preview_build (data->stored, contents, length,
                           lf_import_guess_format (basename, contents, length), report,
                           cancellable, &error);
  if (preview != NULL)
    lf_import_report_set_progress (preview->report, NULL, NULL);

  if (g_task_return_error_if_cancelled (task))
    g_clear_object (&preview);
  else if (preview == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, preview, g_object_unref);
}

/**
 * lf_import_preview_load_async:
 * @store: the loaded store to compare with
 * @file: the file to import (a regular, local file)
 * @progress: (nullable) (scope notified): called on the calling thread's main context with
 *   the fraction done, from 0 to 1
 *
 * Reads @file and builds its preview on a worker thread: the window stays responsive
 * whatever the file holds. Cancel with @cancellable.
 */
void
lf_import_preview_load_async (LfContactStore       *store,
                              GFile                *file,
                              LfImportProgressFunc  progress,
                              gpointer              progress_data,
                              GDestroyNotify        progress_notify,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (LF_IS_CONTACT_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_import_preview_load_async);
  g_task_set_return_on_cancel (task, FALSE);

  data = g_new0 (LoadData, 1);
  data->path = g_file_get_path (file);
  data->store = g_object_ref (store);
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_notify = progress_notify;
  data->context = g_main_context_ref_thread_default ();
  data->last_percent = -1;
  /* Copies: the worker must not read objects the main thread may change meanwhile. */
  data->stored = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(LfContact) contact = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_ptr_array_add (data->stored, lf_contact_copy (contact));
    }
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  if (data->path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("Lifeline imports files on this computer only"));
      return;
    }

  g_task_run_in_thread (task, load_thread);
}

/**
 * lf_import_preview_load_finish:
 *
 * Returns: (transfer full): the preview, or %NULL with @error set
 */
LfImportPreview *
lf_import_preview_load_finish (GAsyncResult  *result,
                               GError       **error)
{
  LfImportPreview *preview;
  LoadData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  preview = g_task_propagate_pointer (G_TASK (result), error);
  data = g_task_get_task_data (G_TASK (result));
  if (preview != NULL)
    preview->store = g_object_ref (data->store);
  return preview;
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
 * Returns: (transfer none) (element-type utf8): why entries were skipped or partly ignored,
 *   in file order (numerically), a bounded number of each kind followed by "… and 12,345
 *   more like this"
 */
GPtrArray *
lf_import_preview_get_skipped (LfImportPreview *self)
{
  g_return_val_if_fail (LF_IS_IMPORT_PREVIEW (self), NULL);

  if (self->skipped == NULL)
    self->skipped = lf_import_report_get_lines (self->report, TRUE);
  return self->skipped;
}

/**
 * lf_import_preview_get_report:
 *
 * Returns: (transfer none): the problems, with their counts
 */
LfImportReport *
lf_import_preview_get_report (LfImportPreview *self)
{
  g_return_val_if_fail (LF_IS_IMPORT_PREVIEW (self), NULL);
  return self->report;
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
  guint n_skipped, n_notes;
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
  n_skipped = lf_import_report_get_n_skipped (self->report);
  n_notes = lf_import_report_get_n_notes (self->report);
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u entry skipped",
                                            "%u entries skipped", n_skipped), n_skipped);
  if (n_notes > 0)
    {
      g_string_append_c (out, '\n');
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "%u warning (imported, with a part ignored)",
                                                "%u warnings (imported, with parts ignored)",
                                                n_notes), n_notes);
    }

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
  GPtrArray *skipped;
  GString *out;

  g_return_val_if_fail (LF_IS_IMPORT_PREVIEW (self), NULL);

  counts = lf_import_preview_get_counts_text (self);
  out = g_string_new (counts);
  g_string_append_c (out, '\n');
  skipped = lf_import_preview_get_skipped (self);
  for (guint i = 0; i < skipped->len; i++)
    g_string_append_printf (out, "  %s\n", (char *) skipped->pdata[i]);

  return g_string_free (out, FALSE);
}
