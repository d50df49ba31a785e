/* lf-template-store.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-template-store"

#include "config.h"

#include "lf-template-store.h"
#include "lf-json.h"
#include "lf-json-file.h"
#include "lf-storage.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The list of templates: the shipped defaults (data/templates.xml, in lf-core's resource)
 * with the user's edits laid over them. Only what differs from a default is written to
 * templates.json, so a later release can improve a default the user never touched, and
 * "reset to default" is simply forgetting the edit.
 *
 * The shipped names are translated with gettext. The shipped subject and body are in
 * English with hand-written variants (de, fr) in the file; when the UI language has a
 * gettext translation of them and no hand-written variant, that translation becomes one
 * more variant.
 */

#define USER_FILE_MAX (4 * 1024 * 1024)

struct _LfTemplateStore
{
  GObject     parent_instance;

  char       *path;
  GPtrArray  *items;    /* LfTemplate, shown order */
  GHashTable *shipped;  /* id → LfTemplate, pristine */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LfTemplateStore, lf_template_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      list_model_iface_init))

/* ------------------------------------------------------------------------ */
/* Helpers: the shipped XML                                                 */
/* ------------------------------------------------------------------------ */

typedef struct
{
  GPtrArray  *templates;
  LfTemplate *current;
  char       *variant_language;
  char       *variant_subject;
  char       *variant_body;
  GString    *text;
  gboolean    in_text;
  char       *name;
  char       *subject;
  char       *body;
} ParseState;

static void
on_start_element (GMarkupParseContext  *context,
                  const char           *element,
                  const char          **names,
                  const char          **values,
                  gpointer              user_data,
                  GError              **error)
{
  ParseState *state = user_data;
  const char *id = NULL, *language = NULL;

  if (g_str_equal (element, "lifeline"))
    return;

  if (g_str_equal (element, "template"))
    {
      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "id", &id,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                        "language", &language,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      g_clear_object (&state->current);
      state->current = lf_template_new (id, id, language, "", "");
      g_clear_pointer (&state->name, g_free);
      g_clear_pointer (&state->subject, g_free);
      g_clear_pointer (&state->body, g_free);
      return;
    }

  if (g_str_equal (element, "variant") && state->current != NULL)
    {
      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "language", &language,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      g_free (state->variant_language);
      state->variant_language = g_strdup (language);
      return;
    }

  if ((g_str_equal (element, "name") || g_str_equal (element, "subject") ||
       g_str_equal (element, "body")) && state->current != NULL)
    {
      g_string_truncate (state->text, 0);
      state->in_text = TRUE;
      return;
    }

  g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT,
               "Unexpected element <%s> in the templates", element);
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  ParseState *state = user_data;

  if (state->in_text)
    g_string_append_len (state->text, text, length);
}

static void
add_gettext_variant (LfTemplate *template,
                     const char *subject,
                     const char *body)
{
  const char *translated_subject = g_dgettext (GETTEXT_PACKAGE, subject);
  const char *translated_body = g_dgettext (GETTEXT_PACKAGE, body);
  const char * const *languages = g_get_language_names ();

  if (translated_subject == subject && translated_body == body)
    return;

  /* The first name is the most specific UI language, e.g. "de_DE.UTF-8". */
  if (languages[0] == NULL || g_str_equal (languages[0], "C"))
    return;
  if (!g_str_equal (lf_template_pick_language (template, languages[0]),
                    lf_template_get_language (template)))
    return;  /* a hand-written variant exists */

  lf_template_set_variant (template, languages[0], translated_subject, translated_body);
}

static void
on_end_element (GMarkupParseContext  *context,
                const char           *element,
                gpointer              user_data,
                GError              **error)
{
  ParseState *state = user_data;
  char **slot = NULL;

  if (state->in_text)
    {
      state->in_text = FALSE;
      if (g_str_equal (element, "name"))
        slot = &state->name;
      else if (state->variant_language != NULL)
        slot = g_str_equal (element, "subject") ? &state->variant_subject : &state->variant_body;
      else
        slot = g_str_equal (element, "subject") ? &state->subject : &state->body;

      g_free (*slot);
      *slot = g_strdup (state->text->str);
      return;
    }

  if (g_str_equal (element, "variant") && state->variant_language != NULL)
    {
      if (state->variant_subject == NULL || state->variant_body == NULL)
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "The variant “%s” needs a subject and a body",
                       state->variant_language);
          return;
        }
      lf_template_set_variant (state->current, state->variant_language,
                               state->variant_subject, state->variant_body);
      g_clear_pointer (&state->variant_language, g_free);
      g_clear_pointer (&state->variant_subject, g_free);
      g_clear_pointer (&state->variant_body, g_free);
      return;
    }

  if (g_str_equal (element, "template") && state->current != NULL)
    {
      if (state->name == NULL || state->subject == NULL || state->body == NULL)
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "The template “%s” needs a name, a subject and a body",
                       lf_template_get_id (state->current));
          return;
        }
      lf_template_set_name (state->current, g_dgettext (GETTEXT_PACKAGE, state->name));
      lf_template_set_subject (state->current, state->subject);
      lf_template_set_body (state->current, state->body);
      add_gettext_variant (state->current, state->subject, state->body);
      g_ptr_array_add (state->templates, g_steal_pointer (&state->current));
    }
}

/**
 * lf_template_parse_shipped:
 * @xml: the contents of data/templates.xml
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type LfTemplate): the templates, in file order
 */
GPtrArray *
lf_template_parse_shipped (GBytes  *xml,
                           GError **error)
{
  static const GMarkupParser parser = {
    on_start_element, on_end_element, on_text, NULL, NULL
  };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GPtrArray) templates = g_ptr_array_new_with_free_func (g_object_unref);
  ParseState state = { 0 };
  gsize length = 0;
  const char *data = g_bytes_get_data (xml, &length);
  gboolean ok;

  state.templates = templates;
  state.text = g_string_new (NULL);
  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &state, NULL);
  ok = g_markup_parse_context_parse (context, data, length, error) &&
       g_markup_parse_context_end_parse (context, error);

  g_clear_object (&state.current);
  g_free (state.variant_language);
  g_free (state.variant_subject);
  g_free (state.variant_body);
  g_free (state.name);
  g_free (state.subject);
  g_free (state.body);
  g_string_free (state.text, TRUE);

  if (!ok)
    return NULL;

  return g_steal_pointer (&templates);
}

/* ------------------------------------------------------------------------ */
/* Helpers: loading                                                         */
/* ------------------------------------------------------------------------ */

typedef struct
{
  GPtrArray *shipped;   /* LfTemplate */
  GPtrArray *user;      /* LfTemplate */
  GError    *user_error;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->shipped, g_ptr_array_unref);
  g_clear_pointer (&result->user, g_ptr_array_unref);
  g_clear_error (&result->user_error);
  g_free (result);
}

static GPtrArray *
parse_user_list (JsonArray  *array,
                 GError    **error)
{
  g_autoptr(GPtrArray) templates = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      LfTemplate *template;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, LF_TEMPLATE_ERROR, LF_TEMPLATE_ERROR_INVALID,
                       "Template %u is not an object", i + 1);
          return NULL;
        }
      template = lf_template_new_from_json (json_node_get_object (node), error);
      if (template == NULL)
        return NULL;
      g_ptr_array_add (templates, template);
    }

  return g_steal_pointer (&templates);
}

/* Blocking: the worker thread, or the command line. */
static LoadResult *
load_files (const char  *path,
            GError     **error)
{
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(JsonArray) list = NULL;
  g_autoptr(GError) local_error = NULL;
  LoadResult *result;

  xml = lf_storage_load_data ("templates.xml", error);
  if (xml == NULL)
    return NULL;

  result = g_new0 (LoadResult, 1);
  result->shipped = lf_template_parse_shipped (xml, error);
  if (result->shipped == NULL)
    {
      load_result_free (result);
      return NULL;
    }

  if (!lf_json_file_read_list (path, USER_FILE_MAX, "templates", &list, &local_error) &&
      !g_error_matches (local_error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA))
    {
      result->user_error = g_steal_pointer (&local_error);
      return result;
    }
  if (local_error == NULL && list == NULL)
    return result;

  if (local_error == NULL)
    result->user = parse_user_list (list, &local_error);
  if (result->user == NULL)
    {
      g_autoptr(GError) aside_error = NULL;
      g_autofree char *aside = lf_storage_set_aside (path, &aside_error);

      if (aside != NULL)
        g_set_error (&result->user_error, LF_TEMPLATE_ERROR, LF_TEMPLATE_ERROR_INVALID,
                     _("Your templates could not be read (%s). The file was kept as “%s”; "
                       "the default templates are used."), local_error->message, aside);
      else
        g_set_error (&result->user_error, LF_TEMPLATE_ERROR, LF_TEMPLATE_ERROR_INVALID,
                     _("Your templates could not be read (%s)."), local_error->message);
    }

  return result;
}

static void
apply_load_result (LfTemplateStore *self,
                   LoadResult      *result)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint removed = self->items->len;

  g_hash_table_remove_all (self->shipped);
  for (guint i = 0; i < result->shipped->len; i++)
    {
      LfTemplate *template = g_ptr_array_index (result->shipped, i);

      g_hash_table_insert (self->shipped, g_strdup (lf_template_get_id (template)),
                           g_object_ref (template));
      g_ptr_array_add (items, lf_template_copy (template));
    }

  for (guint i = 0; result->user != NULL && i < result->user->len; i++)
    {
      LfTemplate *template = g_ptr_array_index (result->user, i);
      gboolean replaced = FALSE;

      for (guint j = 0; j < items->len; j++)
        if (g_str_equal (lf_template_get_id (g_ptr_array_index (items, j)),
                         lf_template_get_id (template)))
          {
            LfTemplate *old = g_ptr_array_index (items, j);

            g_ptr_array_index (items, j) = g_object_ref (template);
            g_object_unref (old);
            replaced = TRUE;
            break;
          }

      if (!replaced)
        g_ptr_array_add (items, g_object_ref (template));
    }

  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&items);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->items->len);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  GError *error = NULL;
  LoadResult *result = load_files (path, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) load_result_free);
}

static void
load_files_cb (GObject      *object,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LfTemplateStore *self = g_task_get_source_object (task);
  GError *error = NULL;
  LoadResult *result = g_task_propagate_pointer (G_TASK (res), &error);

  if (result == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  apply_load_result (self, result);
  if (result->user_error != NULL)
    g_task_return_error (task, g_steal_pointer (&result->user_error));
  else
    g_task_return_boolean (task, TRUE);
  load_result_free (result);
}

/* The templates that differ from the defaults. */
static JsonArray *
serialise_user (LfTemplateStore *self)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < self->items->len; i++)
    {
      LfTemplate *template = g_ptr_array_index (self->items, i);

      if (!lf_template_store_is_modified (self, lf_template_get_id (template)))
        continue;
      json_array_add_object_element (array, lf_template_to_json (template));
    }

  return array;
}

static void
save_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!lf_json_file_write_list_finish (res, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Interface implementations                                                */
/* ------------------------------------------------------------------------ */

static GType
list_model_get_item_type (GListModel *model)
{
  return LF_TYPE_TEMPLATE;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return LF_TEMPLATE_STORE (model)->items->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  LfTemplateStore *self = LF_TEMPLATE_STORE (model);

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
lf_template_store_finalize (GObject *object)
{
  LfTemplateStore *self = LF_TEMPLATE_STORE (object);

  g_free (self->path);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->shipped, g_hash_table_unref);

  G_OBJECT_CLASS (lf_template_store_parent_class)->finalize (object);
}

static void
lf_template_store_class_init (LfTemplateStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lf_template_store_finalize;
}

static void
lf_template_store_init (LfTemplateStore *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->shipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_template_store_new:
 * @path: (nullable): the user file; %NULL for $XDG_DATA_HOME/lifeline/templates.json
 *
 * An empty store: call lf_template_store_load_async() (or, in the command line,
 * lf_template_store_load()).
 */
LfTemplateStore *
lf_template_store_new (const char *path)
{
  LfTemplateStore *self = g_object_new (LF_TYPE_TEMPLATE_STORE, NULL);

  self->path = path != NULL ? g_strdup (path) : lf_storage_build_data_path ("templates.json");

  return self;
}

const char *
lf_template_store_get_path (LfTemplateStore *self)
{
  g_return_val_if_fail (LF_IS_TEMPLATE_STORE (self), NULL);

  return self->path;
}

/**
 * lf_template_store_load:
 *
 * Blocking load for the command line. A damaged user file is set aside and reported in
 * @error while the defaults are loaded (the store is usable even when this returns %FALSE,
 * unless it is empty).
 */
gboolean
lf_template_store_load (LfTemplateStore  *self,
                        GError          **error)
{
  LoadResult *result;
  gboolean ok = TRUE;

  g_return_val_if_fail (LF_IS_TEMPLATE_STORE (self), FALSE);

  result = load_files (self->path, error);
  if (result == NULL)
    return FALSE;

  apply_load_result (self, result);
  if (result->user_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&result->user_error));
      ok = FALSE;
    }
  load_result_free (result);

  return ok;
}

void
lf_template_store_load_async (LfTemplateStore     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) thread_task = NULL;

  g_return_if_fail (LF_IS_TEMPLATE_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_template_store_load_async);

  thread_task = g_task_new (self, cancellable, load_files_cb, g_steal_pointer (&task));
  g_task_set_task_data (thread_task, g_strdup (self->path), g_free);
  g_task_run_in_thread (thread_task, load_thread);
}

/**
 * lf_template_store_load_finish:
 *
 * Returns: %FALSE with @error when the defaults could not be read, or when the user file
 *   was damaged (then it was set aside and the defaults are in the store).
 */
gboolean
lf_template_store_load_finish (LfTemplateStore  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lf_template_store_save_async:
 *
 * Writes the templates that differ from the defaults (atomically, mode 0600).
 */
void
lf_template_store_save_async (LfTemplateStore     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonArray) list = NULL;

  g_return_if_fail (LF_IS_TEMPLATE_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_template_store_save_async);

  list = serialise_user (self);
  lf_json_file_write_list_async (self->path, "templates", list, cancellable, save_cb,
                                 g_steal_pointer (&task));
}

gboolean
lf_template_store_save_finish (LfTemplateStore  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lf_template_store_lookup:
 *
 * Returns: (transfer none) (nullable): the current template with @id
 */
LfTemplate *
lf_template_store_lookup (LfTemplateStore *self,
                          const char      *id)
{
  g_return_val_if_fail (LF_IS_TEMPLATE_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      LfTemplate *template = g_ptr_array_index (self->items, i);

      if (g_str_equal (lf_template_get_id (template), id))
        return template;
    }

  return NULL;
}

/**
 * lf_template_store_update:
 * @template: an edited copy (or a new template); the store keeps a reference
 *
 * Replaces the template with the same id, or appends @template. Call
 * lf_template_store_save_async() to keep the change.
 */
void
lf_template_store_update (LfTemplateStore *self,
                          LfTemplate      *template)
{
  g_return_if_fail (LF_IS_TEMPLATE_STORE (self));
  g_return_if_fail (LF_IS_TEMPLATE (template));

  for (guint i = 0; i < self->items->len; i++)
    {
      LfTemplate *old = g_ptr_array_index (self->items, i);

      if (g_str_equal (lf_template_get_id (old), lf_template_get_id (template)))
        {
          if (old == template)
            return;
          g_ptr_array_index (self->items, i) = g_object_ref (template);
          g_object_unref (old);
          g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
          return;
        }
    }

  g_ptr_array_add (self->items, g_object_ref (template));
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
}

/**
 * lf_template_store_reset:
 *
 * Puts a shipped template back to its default.
 *
 * Returns: %FALSE if @id is not a shipped template
 */
gboolean
lf_template_store_reset (LfTemplateStore *self,
                         const char      *id)
{
  LfTemplate *shipped;
  g_autoptr(LfTemplate) copy = NULL;

  g_return_val_if_fail (LF_IS_TEMPLATE_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  shipped = g_hash_table_lookup (self->shipped, id);
  if (shipped == NULL)
    return FALSE;

  copy = lf_template_copy (shipped);
  lf_template_store_update (self, copy);
  return TRUE;
}

/**
 * lf_template_store_remove:
 *
 * Removes a template the user created. Shipped templates cannot be removed (only reset).
 *
 * Returns: %TRUE if a template was removed
 */
gboolean
lf_template_store_remove (LfTemplateStore *self,
                          const char      *id)
{
  g_return_val_if_fail (LF_IS_TEMPLATE_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (g_hash_table_contains (self->shipped, id))
    return FALSE;

  for (guint i = 0; i < self->items->len; i++)
    if (g_str_equal (lf_template_get_id (g_ptr_array_index (self->items, i)), id))
      {
        g_ptr_array_remove_index (self->items, i);
        g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);
        return TRUE;
      }

  return FALSE;
}

gboolean
lf_template_store_is_shipped (LfTemplateStore *self,
                              const char      *id)
{
  g_return_val_if_fail (LF_IS_TEMPLATE_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return g_hash_table_contains (self->shipped, id);
}

/**
 * lf_template_store_is_modified:
 *
 * Returns: %TRUE if the template with @id differs from its default, or has none
 */
gboolean
lf_template_store_is_modified (LfTemplateStore *self,
                               const char      *id)
{
  LfTemplate *current;
  LfTemplate *shipped;

  g_return_val_if_fail (LF_IS_TEMPLATE_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  current = lf_template_store_lookup (self, id);
  shipped = g_hash_table_lookup (self->shipped, id);
  if (current == NULL)
    return FALSE;
  if (shipped == NULL)
    return TRUE;

  return !lf_template_equal (current, shipped);
}
