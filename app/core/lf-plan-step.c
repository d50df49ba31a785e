/* lf-plan-step.c — one step of the contingency plan, and the plan's enumerations
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

struct _LfPlanStep
{
  GObject       parent_instance;

  char         *id;
  char         *title;
  char         *detail;
  LfPlanPhase   phase;
  LfPlanAction  action;
  char         *action_target;
  char        **causes;
};

G_DEFINE_FINAL_TYPE (LfPlanStep, lf_plan_step, G_TYPE_OBJECT)


static const GEnumValue phase_values[] = {
  { LF_PLAN_PHASE_PREPARE, "LF_PLAN_PHASE_PREPARE", "prepare" },
  { LF_PLAN_PHASE_RESPOND, "LF_PLAN_PHASE_RESPOND", "respond" },
  { LF_PLAN_PHASE_RECOVER, "LF_PLAN_PHASE_RECOVER", "recover" },
  { 0, NULL, NULL }
};

static const GEnumValue action_values[] = {
  { LF_PLAN_ACTION_NONE, "LF_PLAN_ACTION_NONE", "none" },
  { LF_PLAN_ACTION_OPEN_URL, "LF_PLAN_ACTION_OPEN_URL", "open-url" },
  { LF_PLAN_ACTION_OPEN_COMPOSER, "LF_PLAN_ACTION_OPEN_COMPOSER", "open-composer" },
  { LF_PLAN_ACTION_COPY_MY_CONTACT, "LF_PLAN_ACTION_COPY_MY_CONTACT", "copy-my-contact" },
  { 0, NULL, NULL }
};

GType
lf_plan_phase_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("LfPlanPhase", phase_values));

  return type;
}

GType
lf_plan_action_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("LfPlanAction", action_values));

  return type;
}

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static char *
new_step_id (void)
{
  return g_uuid_string_random ();
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_plan_step_finalize (GObject *object)
{
  LfPlanStep *self = LF_PLAN_STEP (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->detail);
  g_free (self->action_target);
  g_strfreev (self->causes);

  G_OBJECT_CLASS (lf_plan_step_parent_class)->finalize (object);
}

static void
lf_plan_step_class_init (LfPlanStepClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lf_plan_step_finalize;
}

static void
lf_plan_step_init (LfPlanStep *self)
{
}

/* ------------------------------------------------------------------------ */
/* Internal API                                                             */
/* ------------------------------------------------------------------------ */

gboolean
lf_plan_step_check_causes (const char * const  *causes,
                           GError             **error)
{
  for (guint i = 0; causes != NULL && causes[i] != NULL; i++)
    {
      LfCause cause;

      if (!lf_cause_from_string (causes[i], &cause))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Unknown cause “%s”"), causes[i]);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
get_optional_string (JsonObject  *object,
                     const char  *name,
                     const char  *title,
                     const char **value,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” of step “%s” is not text"), name, title);
      return FALSE;
    }

  *value = json_node_get_string (node);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Public API: enumerations                                                 */
/* ------------------------------------------------------------------------ */

const char *
lf_plan_phase_to_string (LfPlanPhase phase)
{
  return lf_enum_values_get_nick (phase_values, phase);
}

gboolean
lf_plan_phase_from_string (const char  *str,
                           LfPlanPhase *phase)
{
  int value;

  g_return_val_if_fail (phase != NULL, FALSE);

  if (!lf_enum_values_lookup (phase_values, str, &value))
    return FALSE;

  *phase = value;
  return TRUE;
}

/**
 * lf_plan_phase_describe:
 *
 * Returns: the phase's translated heading
 */
const char *
lf_plan_phase_describe (LfPlanPhase phase)
{
  switch (phase)
    {
    case LF_PLAN_PHASE_PREPARE:
      return _("Prepare");
    case LF_PLAN_PHASE_RESPOND:
      return _("Respond");
    case LF_PLAN_PHASE_RECOVER:
      return _("Recover");
    default:
      return _("Unknown");
    }
}

const char *
lf_plan_action_to_string (LfPlanAction action)
{
  return lf_enum_values_get_nick (action_values, action);
}

gboolean
lf_plan_action_from_string (const char   *str,
                            LfPlanAction *action)
{
  int value;

  g_return_val_if_fail (action != NULL, FALSE);

  if (!lf_enum_values_lookup (action_values, str, &value))
    return FALSE;

  *action = value;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Public API: steps                                                        */
/* ------------------------------------------------------------------------ */

/**
 * lf_plan_step_new:
 * @id: (nullable): a stable id; %NULL makes a new random one
 * @title: what to do, in a few words
 * @detail: (nullable): how, or why
 * @phase: prepare (calm times), respond or recover
 * @action: (optional) what the step's button does
 * @action_target: (nullable): the URL for %LF_PLAN_ACTION_OPEN_URL; may hold placeholders
 *   such as {status_url}
 * @causes: (nullable) (array zero-terminated=1): #LfCause nicks the step applies to; none
 *   means always
 *
 * Returns: (transfer full): a new step
 */
LfPlanStep *
lf_plan_step_new (const char         *id,
                  const char         *title,
                  const char         *detail,
                  LfPlanPhase         phase,
                  LfPlanAction        action,
                  const char         *action_target,
                  const char * const *causes)
{
  LfPlanStep *self;

  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (LF_TYPE_PLAN_STEP, NULL);
  self->id = id != NULL && id[0] != '\0' ? g_strdup (id) : new_step_id ();
  self->title = g_strdup (title);
  self->detail = g_strdup (detail != NULL ? detail : "");
  self->phase = phase;
  self->action = action;
  self->action_target = g_strdup (action_target != NULL ? action_target : "");
  self->causes = causes != NULL ? g_strdupv ((char **) causes) : g_new0 (char *, 1);

  return self;
}

/**
 * lf_plan_step_new_from_json:
 *
 * Reads one step: `title` (required), `id`, `detail`, `phase` (default respond), `action`
 * `{kind, target}` and `causes` (#LfCause nicks). The bundle's plan steps (title, detail,
 * causes) are valid steps.
 */
LfPlanStep *
lf_plan_step_new_from_json (JsonObject  *object,
                            GError     **error)
{
  const char *title;
  const char *id = NULL;
  const char *detail = NULL;
  LfPlanPhase phase = LF_PLAN_PHASE_RESPOND;
  LfPlanAction action = LF_PLAN_ACTION_NONE;
  const char *target = NULL;
  g_autoptr(GStrvBuilder) causes = g_strv_builder_new ();
  g_auto(GStrv) causes_strv = NULL;
  JsonNode *node;

  g_return_val_if_fail (object != NULL, NULL);

  node = json_object_get_member (object, "title");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING
      || (title = json_node_get_string (node))[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("A step has no title"));
      return NULL;
    }

  if (!get_optional_string (object, "id", title, &id, error)
      || !get_optional_string (object, "detail", title, &detail, error))
    return NULL;

  {
    const char *phase_str = NULL;

    if (!get_optional_string (object, "phase", title, &phase_str, error))
      return NULL;
    if (phase_str != NULL && !lf_plan_phase_from_string (phase_str, &phase))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("Unknown phase “%s” in step “%s”"), phase_str, title);
        return NULL;
      }
  }

  node = json_object_get_member (object, "action");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonObject *action_object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The action of step “%s” is not an object"), title);
          return NULL;
        }
      action_object = json_node_get_object (node);
      node = json_object_get_member (action_object, "kind");
      if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING
          || !lf_plan_action_from_string (json_node_get_string (node), &action))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Unknown action in step “%s”"), title);
          return NULL;
        }
      if (!get_optional_string (action_object, "target", title, &target, error))
        return NULL;
    }

  node = json_object_get_member (object, "causes");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The causes of step “%s” are not a list"), title);
          return NULL;
        }
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *nick = NULL;
          LfCause cause;

          if (JSON_NODE_HOLDS_VALUE (element)
              && json_node_get_value_type (element) == G_TYPE_STRING)
            nick = json_node_get_string (element);
          /* DESIGN.md's bundle example names the diagnosis "local-network": the cause of
           * a step for it is "network". */
          if (g_strcmp0 (nick, "local-network") == 0)
            nick = "network";
          if (nick == NULL || !lf_cause_from_string (nick, &cause))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Unknown cause in step “%s”"), title);
              return NULL;
            }
          g_strv_builder_add (causes, nick);
        }
    }

  causes_strv = g_strv_builder_end (causes);

  return lf_plan_step_new (id, title, detail, phase, action, target,
                           (const char * const *) causes_strv);
}

JsonNode *
lf_plan_step_to_json (LfPlanStep *step)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (LF_IS_PLAN_STEP (step), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, step->id);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, step->title);
  json_builder_set_member_name (builder, "detail");
  json_builder_add_string_value (builder, step->detail);
  json_builder_set_member_name (builder, "phase");
  json_builder_add_string_value (builder, lf_plan_phase_to_string (step->phase));
  if (step->action != LF_PLAN_ACTION_NONE)
    {
      json_builder_set_member_name (builder, "action");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, lf_plan_action_to_string (step->action));
      if (step->action_target[0] != '\0')
        {
          json_builder_set_member_name (builder, "target");
          json_builder_add_string_value (builder, step->action_target);
        }
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "causes");
  json_builder_begin_array (builder);
  for (guint i = 0; step->causes[i] != NULL; i++)
    json_builder_add_string_value (builder, step->causes[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

const char *
lf_plan_step_get_id (LfPlanStep *step)
{
  g_return_val_if_fail (LF_IS_PLAN_STEP (step), NULL);
  return step->id;
}

const char *
lf_plan_step_get_title (LfPlanStep *step)
{
  g_return_val_if_fail (LF_IS_PLAN_STEP (step), NULL);
  return step->title;
}

const char *
lf_plan_step_get_detail (LfPlanStep *step)
{
  g_return_val_if_fail (LF_IS_PLAN_STEP (step), NULL);
  return step->detail;
}

LfPlanPhase
lf_plan_step_get_phase (LfPlanStep *step)
{
  g_return_val_if_fail (LF_IS_PLAN_STEP (step), LF_PLAN_PHASE_RESPOND);
  return step->phase;
}

LfPlanAction
lf_plan_step_get_action (LfPlanStep *step)
{
  g_return_val_if_fail (LF_IS_PLAN_STEP (step), LF_PLAN_ACTION_NONE);
  return step->action;
}

const char *
lf_plan_step_get_action_target (LfPlanStep *step)
{
  g_return_val_if_fail (LF_IS_PLAN_STEP (step), NULL);
  return step->action_target;
}

const char * const *
lf_plan_step_get_causes (LfPlanStep *step)
{
  g_return_val_if_fail (LF_IS_PLAN_STEP (step), NULL);
  return (const char * const *) step->causes;
}

/**
 * lf_plan_step_applies_to:
 *
 * Returns: %TRUE if @step lists no causes (it always applies) or lists @cause
 */
gboolean
lf_plan_step_applies_to (LfPlanStep *step,
                         LfCause     cause)
{
  g_return_val_if_fail (LF_IS_PLAN_STEP (step), FALSE);

  if (step->causes[0] == NULL)
    return TRUE;

  return g_strv_contains ((const char * const *) step->causes, lf_cause_to_string (cause));
}

