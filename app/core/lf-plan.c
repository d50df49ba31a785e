/* lf-plan.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-plan"

#include "config.h"

#include "lf-plan.h"
#include "lf-plan-private.h"

#include <glib/gi18n.h>

#include "lf-json-file.h"
#include "lf-storage.h"

/* The plan a freelancer prepares in calm times. The default comes from data/default-plan.xml
 * (translated at load time); the user's copy lives in $XDG_DATA_HOME/lifeline/plan.json and is
 * saved shortly after every change. A step is an immutable value: editing one replaces it by a
 * new step with the same id, so a run's snapshot and an undo buffer can keep the old one.
 */

#define PLAN_FORMAT "lifeline-plan"
#define PLAN_VERSION 1

struct _LfPlan
{
  GObject      parent_instance;

  GPtrArray   *steps;
  LfJsonFile  *file;
  char        *load_message;
  gboolean     loaded;
};

static void lf_plan_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LfPlan, lf_plan, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, lf_plan_list_model_init))

enum {
  PROP_0,
  PROP_LOADED,
  PROP_LOAD_MESSAGE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* Collapses runs of white space, as xgettext does for ITS-extracted strings. */
static char *
normalize_space (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }

  return g_string_free (out, FALSE);
}

/* ---- The default plan (data/default-plan.xml) ---- */

typedef struct
{
  GPtrArray    *steps;
  gboolean      in_plan;
  gboolean      in_step;
  char         *id;
  LfPlanPhase   phase;
  char        **causes;
  LfPlanAction  action;
  char         *target;
  char         *title;
  char         *detail;
  GString      *text;
  const char   *element;
} DefaultParser;

static void
default_parser_reset_step (DefaultParser *p)
{
  g_clear_pointer (&p->id, g_free);
  g_clear_pointer (&p->causes, g_strfreev);
  g_clear_pointer (&p->target, g_free);
  g_clear_pointer (&p->title, g_free);
  g_clear_pointer (&p->detail, g_free);
  p->action = LF_PLAN_ACTION_NONE;
  p->phase = LF_PLAN_PHASE_RESPOND;
}

static void
default_start_element (GMarkupParseContext  *context,
                       const char           *element,
                       const char          **names,
                       const char          **values,
                       gpointer              user_data,
                       GError              **error)
{
  DefaultParser *p = user_data;

  if (g_str_equal (element, "lifeline"))
    return;

  if (g_str_equal (element, "plan"))
    {
      p->in_plan = TRUE;
      return;
    }

  if (p->in_plan && g_str_equal (element, "step"))
    {
      const char *id = NULL;
      const char *phase = NULL;
      const char *causes = NULL;

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "id", &id,
                                        G_MARKUP_COLLECT_STRING, "phase", &phase,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                        "causes", &causes,
                                        G_MARKUP_COLLECT_INVALID))
        return;

      default_parser_reset_step (p);
      p->in_step = TRUE;
      p->id = g_strdup (id);
      if (!lf_plan_phase_from_string (phase, &p->phase))
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "Unknown phase “%s”", phase);
          return;
        }
      p->causes = causes != NULL ? g_strsplit (causes, " ", -1) : g_new0 (char *, 1);
      lf_plan_step_check_causes ((const char * const *) p->causes, error);
      return;
    }

  if (p->in_step && g_str_equal (element, "action"))
    {
      const char *kind = NULL;
      const char *target = NULL;

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "kind", &kind,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                        "target", &target,
                                        G_MARKUP_COLLECT_INVALID))
        return;

      if (!lf_plan_action_from_string (kind, &p->action))
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "Unknown action “%s”", kind);
          return;
        }
      p->target = g_strdup (target);
      return;
    }

  if (p->in_step && (g_str_equal (element, "title") || g_str_equal (element, "detail")))
    {
      p->element = g_str_equal (element, "title") ? "title" : "detail";
      g_string_truncate (p->text, 0);
      return;
    }

  g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT,
               "Unexpected element <%s>", element);
}

static void
default_end_element (GMarkupParseContext  *context,
                     const char           *element,
                     gpointer              user_data,
                     GError              **error)
{
  DefaultParser *p = user_data;

  if (p->element != NULL && g_str_equal (element, p->element))
    {
      g_autofree char *msgid = normalize_space (p->text->str);
      char *translated = g_strdup (msgid[0] != '\0' ? g_dgettext (GETTEXT_PACKAGE, msgid) : "");

      char **slot = g_str_equal (p->element, "title") ? &p->title : &p->detail;

      g_free (*slot);
      *slot = translated;
      p->element = NULL;
      return;
    }

  if (g_str_equal (element, "step") && p->in_step)
    {
      if (p->title == NULL)
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_MISSING_ATTRIBUTE,
                       "Step “%s” has no title", p->id);
          return;
        }
      g_ptr_array_add (p->steps,
                       lf_plan_step_new (p->id, p->title, p->detail, p->phase, p->action,
                                         p->target, (const char * const *) p->causes));
      default_parser_reset_step (p);
      p->in_step = FALSE;
      return;
    }

  if (g_str_equal (element, "plan"))
    p->in_plan = FALSE;
}

static void
default_text (GMarkupParseContext  *context,
              const char           *text,
              gsize                 length,
              gpointer              user_data,
              GError              **error)
{
  DefaultParser *p = user_data;

  if (p->element != NULL)
    g_string_append_len (p->text, text, length);
}

static const GMarkupParser default_parser = {
  default_start_element,
  default_end_element,
  default_text,
  NULL,
  NULL,
};

/* ---- Model changes ---- */

static void
emit_changed (LfPlan *self,
              guint   position,
              guint   removed,
              guint   added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  lf_json_file_schedule (self->file);
}

static void
replace_all (LfPlan    *self,
             GPtrArray *steps)
{
  guint old_len = self->steps->len;

  g_ptr_array_set_size (self->steps, 0);
  for (guint i = 0; i < steps->len; i++)
    g_ptr_array_add (self->steps, g_object_ref (g_ptr_array_index (steps, i)));

  emit_changed (self, 0, old_len, self->steps->len);
}

static void
set_load_message (LfPlan     *self,
                  const char *message)
{
  if (g_strcmp0 (self->load_message, message) == 0)
    return;

  g_free (self->load_message);
  self->load_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD_MESSAGE]);
}

static GPtrArray *
steps_from_json (JsonObject  *object,
                 GError     **error)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  JsonNode *node = json_object_get_member (object, "steps");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The plan has no list of steps"));
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      LfPlanStep *step;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Step %u of the plan is not an object"), i + 1);
          return NULL;
        }

      step = lf_plan_step_new_from_json (json_node_get_object (element), error);
      if (step == NULL)
        return NULL;

      g_ptr_array_add (steps, step);
    }

  return g_steal_pointer (&steps);
}

static JsonNode *
serialize_plan (gpointer owner)
{
  return lf_plan_to_json (LF_PLAN (owner));
}

static void
restore_default (LfPlan *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = lf_plan_load_default_steps (&error);

  /* The default is compiled in: failing to read it is a bug, not a user problem. */
  if (steps == NULL)
    g_error ("The default plan is broken: %s", error->message);

  replace_all (self, steps);
}

/* What was read replaces the steps; unlike an edit, it is not written back. */
static void
show_read_steps (LfPlan    *self,
                 GPtrArray *steps)
{
  guint old_len = self->steps->len;

  g_ptr_array_set_size (self->steps, 0);
  for (guint i = 0; i < steps->len; i++)
    g_ptr_array_add (self->steps, g_object_ref (g_ptr_array_index (steps, i)));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->steps->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LfPlan *self = g_task_get_source_object (task);
  gboolean reload = g_task_get_source_tag (task) == lf_plan_reload_async;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = lf_json_file_read_finish (self->file, result, &error);
  g_autoptr(GPtrArray) steps = NULL;

  if (root == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      /* First start: the default plan, not written until the user changes it. */
      g_autoptr(GPtrArray) defaults = lf_plan_load_default_steps (NULL);

      show_read_steps (self, defaults);
    }
  else if (root == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  else
    {
      if (root != NULL)
        steps = steps_from_json (json_node_get_object (root), &error);

      if (steps != NULL)
        show_read_steps (self, steps);
      else if (reload)
        {
          /* Another process wrote something this one cannot read: keep what it has; the
           * window, which loads it next, sets it aside and says so. */
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      else
        {
          g_autofree char *message = lf_json_file_set_aside (self->file, error->message);

          g_clear_error (&error);
          set_load_message (self, message);
          restore_default (self);
        }
    }

  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Interface implementations                                                */
/* ------------------------------------------------------------------------ */

static GType
lf_plan_get_item_type (GListModel *model)
{
  return LF_TYPE_PLAN_STEP;
}

static guint
lf_plan_get_n_items (GListModel *model)
{
  return LF_PLAN (model)->steps->len;
}

static gpointer
lf_plan_get_item (GListModel *model,
                  guint       position)
{
  LfPlan *self = LF_PLAN (model);

  if (position >= self->steps->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->steps, position));
}

static void
lf_plan_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = lf_plan_get_item_type;
  iface->get_n_items = lf_plan_get_n_items;
  iface->get_item = lf_plan_get_item;
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_plan_dispose (GObject *object)
{
  LfPlan *self = LF_PLAN (object);
  g_autoptr(GError) error = NULL;

  if (self->file != NULL && !lf_plan_flush (self, &error))
    g_warning ("Could not save the plan: %s", error->message);
  g_clear_pointer (&self->file, lf_json_file_free);

  G_OBJECT_CLASS (lf_plan_parent_class)->dispose (object);
}

static void
lf_plan_finalize (GObject *object)
{
  LfPlan *self = LF_PLAN (object);

  g_ptr_array_unref (self->steps);
  g_free (self->load_message);

  G_OBJECT_CLASS (lf_plan_parent_class)->finalize (object);
}

static void
lf_plan_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  LfPlan *self = LF_PLAN (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_LOAD_MESSAGE:
      g_value_set_string (value, self->load_message);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->steps->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_plan_class_init (LfPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lf_plan_dispose;
  object_class->finalize = lf_plan_finalize;
  object_class->get_property = lf_plan_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Set when the saved plan was damaged and set aside: the UI shows it once. */
  properties[PROP_LOAD_MESSAGE] =
    g_param_spec_string ("load-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lf_plan_init (LfPlan *self)
{
  self->steps = g_ptr_array_new_with_free_func (g_object_unref);
}

/* ------------------------------------------------------------------------ */
/* Public API: the plan                                                     */
/* ------------------------------------------------------------------------ */

/**
 * lf_plan_new:
 * @path: (nullable): where the plan is kept; %NULL for $XDG_DATA_HOME/lifeline/plan.json
 *
 * Returns: (transfer full): an empty plan; call lf_plan_load_async() to fill it
 */
LfPlan *
lf_plan_new (const char *path)
{
  LfPlan *self = g_object_new (LF_TYPE_PLAN, NULL);
  g_autofree char *default_path = NULL;

  if (path == NULL)
    path = default_path = lf_storage_build_data_path ("plan.json");

  self->file = lf_json_file_new (path, serialize_plan, self);

  return self;
}

const char *
lf_plan_get_path (LfPlan *self)
{
  g_return_val_if_fail (LF_IS_PLAN (self), NULL);

  return lf_json_file_get_path (self->file);
}

static void
read_async (LfPlan              *self,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LF_IS_PLAN (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  lf_json_file_read_async (self->file, cancellable, read_cb, task);
}

/**
 * lf_plan_load_async:
 *
 * Reads the user's plan. A missing file gives the default plan; a damaged one is set aside,
 * #LfPlan:load-message explains it, and the default plan is restored and saved.
 */
void
lf_plan_load_async (LfPlan              *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  read_async (self, lf_plan_load_async, cancellable, callback, user_data);
}

/**
 * lf_plan_reload_async:
 *
 * Reads the user's plan again, after another process changed it (the window edits the
 * plan the background monitor's incidents take their checklist from); finish with
 * lf_plan_load_finish(). As lf_plan_load_async(), but a file that cannot be read leaves the
 * steps as they are and fails: nothing is set aside or written. Nothing is written either
 * when it succeeds.
 */
void
lf_plan_reload_async (LfPlan              *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  read_async (self, lf_plan_reload_async, cancellable, callback, user_data);
}

/**
 * lf_plan_load_finish:
 *
 * Returns: whether the plan was read (lf_plan_load_async() always succeeds but when
 *   cancelled; lf_plan_reload_async() fails on a file it cannot read)
 */
gboolean
lf_plan_load_finish (LfPlan        *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
lf_plan_get_loaded (LfPlan *self)
{
  g_return_val_if_fail (LF_IS_PLAN (self), FALSE);

  return self->loaded;
}

const char *
lf_plan_get_load_message (LfPlan *self)
{
  g_return_val_if_fail (LF_IS_PLAN (self), NULL);

  return self->load_message;
}

void
lf_plan_clear_load_message (LfPlan *self)
{
  g_return_if_fail (LF_IS_PLAN (self));

  set_load_message (self, NULL);
}

/**
 * lf_plan_flush:
 *
 * Writes a pending change now (at shutdown).
 */
gboolean
lf_plan_flush (LfPlan  *self,
               GError **error)
{
  g_return_val_if_fail (LF_IS_PLAN (self), FALSE);

  return lf_json_file_flush (self->file, error);
}

/**
 * lf_plan_get_step:
 *
 * Returns: (transfer none) (nullable): the step at @position
 */
LfPlanStep *
lf_plan_get_step (LfPlan *self,
                  guint   position)
{
  g_return_val_if_fail (LF_IS_PLAN (self), NULL);

  if (position >= self->steps->len)
    return NULL;

  return g_ptr_array_index (self->steps, position);
}

/**
 * lf_plan_find:
 * @position: (out) (optional): where the step is
 *
 * Returns: (transfer none) (nullable): the step with @id
 */
LfPlanStep *
lf_plan_find (LfPlan     *self,
              const char *id,
              guint      *position)
{
  g_return_val_if_fail (LF_IS_PLAN (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->steps->len; i++)
    {
      LfPlanStep *step = g_ptr_array_index (self->steps, i);

      if (g_str_equal (lf_plan_step_get_id (step), id))
        {
          if (position != NULL)
            *position = i;
          return step;
        }
    }

  return NULL;
}

/**
 * lf_plan_add:
 * @step: a new step (its id must not be in the plan yet)
 * @position: where to insert it; -1 (or past the end) appends
 *
 * Also how an undo puts back a step returned by lf_plan_remove().
 */
void
lf_plan_add (LfPlan     *self,
             LfPlanStep *step,
             int         position)
{
  g_return_if_fail (LF_IS_PLAN (self));
  g_return_if_fail (LF_IS_PLAN_STEP (step));
  g_return_if_fail (lf_plan_find (self, lf_plan_step_get_id (step), NULL) == NULL);

  if (position < 0 || (guint) position > self->steps->len)
    position = self->steps->len;

  g_ptr_array_insert (self->steps, position, g_object_ref (step));
  emit_changed (self, position, 0, 1);
}

/**
 * lf_plan_update:
 * @step: the edited step, with the id of the step it replaces
 *
 * Returns: %FALSE if no step has that id
 */
gboolean
lf_plan_update (LfPlan     *self,
                LfPlanStep *step)
{
  guint position;

  g_return_val_if_fail (LF_IS_PLAN (self), FALSE);
  g_return_val_if_fail (LF_IS_PLAN_STEP (step), FALSE);

  if (lf_plan_find (self, lf_plan_step_get_id (step), &position) == NULL)
    return FALSE;

  g_object_unref (g_ptr_array_index (self->steps, position));
  g_ptr_array_index (self->steps, position) = g_object_ref (step);
  emit_changed (self, position, 1, 1);

  return TRUE;
}

/**
 * lf_plan_move:
 * @new_position: the step's index after the move (clamped to the last one)
 *
 * Returns: %FALSE if no step has @id
 */
gboolean
lf_plan_move (LfPlan     *self,
              const char *id,
              guint       new_position)
{
  LfPlanStep *step;
  guint position;
  guint first;
  guint count;

  g_return_val_if_fail (LF_IS_PLAN (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  step = lf_plan_find (self, id, &position);
  if (step == NULL)
    return FALSE;

  new_position = MIN (new_position, self->steps->len - 1);
  if (new_position == position)
    return TRUE;

  step = g_ptr_array_steal_index (self->steps, position);
  g_ptr_array_insert (self->steps, new_position, step);

  first = MIN (position, new_position);
  count = MAX (position, new_position) - first + 1;
  emit_changed (self, first, count, count);

  return TRUE;
}

/**
 * lf_plan_remove:
 * @position: (out) (optional): where the step was, for lf_plan_add() on undo
 *
 * Returns: (transfer full) (nullable): the removed step, or %NULL if no step has @id
 */
LfPlanStep *
lf_plan_remove (LfPlan     *self,
                const char *id,
                guint      *position)
{
  LfPlanStep *step;
  guint index;

  g_return_val_if_fail (LF_IS_PLAN (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (lf_plan_find (self, id, &index) == NULL)
    return NULL;

  step = g_ptr_array_steal_index (self->steps, index);
  emit_changed (self, index, 1, 0);

  if (position != NULL)
    *position = index;

  return step;
}

/**
 * lf_plan_reset_to_default:
 *
 * Replaces every step by the shipped default plan (and saves it).
 */
gboolean
lf_plan_reset_to_default (LfPlan  *self,
                          GError **error)
{
  g_autoptr(GPtrArray) steps = NULL;

  g_return_val_if_fail (LF_IS_PLAN (self), FALSE);

  steps = lf_plan_load_default_steps (error);
  if (steps == NULL)
    return FALSE;

  replace_all (self, steps);
  return TRUE;
}

/**
 * lf_plan_set_steps_from_json:
 * @object: `{ "steps": [ … ] }` as in plan.json or the bundle's `plan` member
 *
 * Replaces the steps (for import). Nothing changes on error.
 */
gboolean
lf_plan_set_steps_from_json (LfPlan      *self,
                             JsonObject  *object,
                             GError     **error)
{
  g_autoptr(GPtrArray) steps = NULL;

  g_return_val_if_fail (LF_IS_PLAN (self), FALSE);
  g_return_val_if_fail (object != NULL, FALSE);

  steps = steps_from_json (object, error);
  if (steps == NULL)
    return FALSE;

  replace_all (self, steps);
  return TRUE;
}

/**
 * lf_plan_to_json:
 *
 * Returns: (transfer full): `{ "format": "lifeline-plan", "version": 1, "steps": [ … ] }`
 */
JsonNode *
lf_plan_to_json (LfPlan *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (LF_IS_PLAN (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, PLAN_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, PLAN_VERSION);
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->steps->len; i++)
    json_builder_add_value (builder, lf_plan_step_to_json (g_ptr_array_index (self->steps, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * lf_plan_filter_for_cause:
 *
 * The steps of a run for an incident with @cause: respond and recover steps that list no
 * cause or list @cause, in plan order. Preparation steps belong to calm times and are never
 * part of a run.
 *
 * Returns: (transfer full): a #GListModel of #LfPlanStep
 */
GListModel *
lf_plan_filter_for_cause (LfPlan  *self,
                          LfCause  cause)
{
  GListStore *store;

  g_return_val_if_fail (LF_IS_PLAN (self), NULL);

  store = g_list_store_new (LF_TYPE_PLAN_STEP);
  for (guint i = 0; i < self->steps->len; i++)
    {
      LfPlanStep *step = g_ptr_array_index (self->steps, i);

      if (lf_plan_step_get_phase (step) != LF_PLAN_PHASE_PREPARE
          && lf_plan_step_applies_to (step, cause))
        g_list_store_append (store, step);
    }

  return G_LIST_MODEL (store);
}

/**
 * lf_plan_load_default_steps:
 *
 * Reads data/default-plan.xml from the resource, translating titles and details.
 *
 * Returns: (transfer full) (element-type LfPlanStep): the default steps
 */
GPtrArray *
lf_plan_load_default_steps (GError **error)
{
  g_autoptr(GBytes) bytes = lf_storage_load_data ("default-plan.xml", error);
  g_autoptr(GMarkupParseContext) context = NULL;
  DefaultParser p = { 0 };
  gsize length;
  const char *data;
  gboolean ok;

  if (bytes == NULL)
    return NULL;

  p.steps = g_ptr_array_new_with_free_func (g_object_unref);
  p.text = g_string_new (NULL);
  context = g_markup_parse_context_new (&default_parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &p, NULL);
  data = g_bytes_get_data (bytes, &length);
  ok = g_markup_parse_context_parse (context, data, length, error)
       && g_markup_parse_context_end_parse (context, error);

  default_parser_reset_step (&p);
  g_string_free (p.text, TRUE);

  if (!ok)
    {
      g_ptr_array_unref (p.steps);
      return NULL;
    }

  return p.steps;
}
