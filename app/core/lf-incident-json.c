/* lf-incident-json.c — an incident to and from its JSON object (the incident log's file)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-incident"

#include "config.h"

#include "lf-incident.h"
#include "lf-incident-private.h"

#include <glib/gi18n.h>

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
add_time_member (JsonBuilder *builder,
                 const char  *name,
                 GDateTime   *time)
{
  g_autofree char *text = NULL;

  if (time == NULL)
    return;

  text = lf_incident_format_time (time);
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, text);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* ---- Reading JSON, strictly ---- */

static gboolean
read_string (JsonObject   *object,
             const char   *name,
             gboolean      required,
             const char  **value,
             GError      **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("The incident has no “%s”"), name);
      return !required;
    }

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” of the incident is not text"), name);
      return FALSE;
    }

  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_time (JsonObject  *object,
           const char  *name,
           gboolean     required,
           GDateTime  **value,
           GError     **error)
{
  const char *text;

  *value = NULL;
  if (!read_string (object, name, required, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  *value = g_date_time_new_from_iso8601 (text, NULL);
  if (*value == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” of the incident is not a valid time: “%s”"), name, text);
      return FALSE;
    }

  return TRUE;
}

static JsonArray *
read_array (JsonObject  *object,
            const char  *name,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” of the incident is not a list"), name);
      return NULL;
    }

  return json_node_get_array (node);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_incident_new_from_json:
 *
 * The inverse of lf_incident_to_json(). Missing or mistyped members are errors.
 *
 * Returns: (transfer full) (nullable): the incident, or %NULL with @error set
 */
LfIncident *
lf_incident_new_from_json (JsonObject  *object,
                           GError     **error)
{
  g_autoptr(LfIncident) self = NULL;
  g_autoptr(GStrvBuilder) platforms = g_strv_builder_new ();
  g_autoptr(GError) local_error = NULL;
  const char *id, *title, *provider, *cause, *kind;
  JsonArray *array;
  JsonNode *node;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (LF_TYPE_INCIDENT, NULL);

  if (!read_string (object, "id", TRUE, &id, error)
      || !read_string (object, "title", TRUE, &title, error)
      || !read_string (object, "provider", FALSE, &provider, error)
      || !read_string (object, "cause", TRUE, &cause, error)
      || !read_string (object, "diagnosis", TRUE, &kind, error)
      || !read_time (object, "started_at", TRUE, &self->started_at, error)
      || !read_time (object, "ended_at", FALSE, &self->ended_at, error)
      || !read_time (object, "closed_at", FALSE, &self->closed_at, error))
    return NULL;

  self->id = g_strdup (id);
  self->title = g_strdup (title);
  self->provider = g_strdup (provider);
  if (!lf_cause_from_string (cause, &self->cause))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Unknown cause “%s”"), cause);
      return NULL;
    }
  if (!lf_diagnosis_kind_from_string (kind, &self->kind))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Unknown diagnosis “%s”"), kind);
      return NULL;
    }

  /* "rehearsal"; files written before it was named so say "drill" (still read). */
  node = json_object_get_member (object, "rehearsal");
  if (node == NULL)
    node = json_object_get_member (object, "drill");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The incident does not say whether it is a rehearsal"));
      return NULL;
    }
  self->rehearsal = json_node_get_boolean (node);

  array = read_array (object, "platforms", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("A platform of the incident is not text"));
          return NULL;
        }
      g_strv_builder_add (platforms, json_node_get_string (element));
    }
  g_strfreev (self->platforms);
  self->platforms = g_strv_builder_end (platforms);

  /* "names" is optional (incidents written before it have none: ids are shown). */
  node = json_object_get_member (object, "names");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonObject *names = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autoptr(GList) members = names != NULL ? json_object_get_members (names) : NULL;

      if (names == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The names of the incident are not an object"));
          return NULL;
        }
      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (names, l->data);

          if (json_node_get_value_type (value) != G_TYPE_STRING)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("A name of the incident is not text"));
              return NULL;
            }
          lf_incident_set_name (self, l->data, json_node_get_string (value));
        }
    }

  array = read_array (object, "timeline", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(GHashTable) data = lf_incident_new_data_table ();
      g_autoptr(GDateTime) time = NULL;
      JsonObject *entry;
      const char *kind_str, *text;
      LfTimelineKind entry_kind;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("A timeline entry is not an object"));
          return NULL;
        }
      entry = json_node_get_object (element);
      if (!read_time (entry, "time", TRUE, &time, error)
          || !read_string (entry, "kind", TRUE, &kind_str, error)
          || !read_string (entry, "text", TRUE, &text, error))
        return NULL;
      if (!lf_timeline_kind_from_string (kind_str, &entry_kind))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Unknown timeline entry “%s”"), kind_str);
          return NULL;
        }

      node = json_object_get_member (entry, "data");
      if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        {
          JsonObject *data_object;
          g_autoptr(GList) members = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The data of a timeline entry is not an object"));
              return NULL;
            }
          data_object = json_node_get_object (node);
          members = json_object_get_members (data_object);
          for (GList *l = members; l != NULL; l = l->next)
            {
              JsonNode *value = json_object_get_member (data_object, l->data);

              if (json_node_get_value_type (value) != G_TYPE_STRING)
                {
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("“%s” of a timeline entry is not text"), (char *) l->data);
                  return NULL;
                }
              g_hash_table_insert (data, g_strdup (l->data),
                                   g_strdup (json_node_get_string (value)));
            }
        }

      {
        LfTimelineEntry *new_entry = g_new0 (LfTimelineEntry, 1);

        new_entry->time = g_steal_pointer (&time);
        new_entry->kind = entry_kind;
        new_entry->text = g_strdup (text);
        new_entry->data = g_steal_pointer (&data);
        g_ptr_array_add (self->timeline, new_entry);
      }
    }

  array = read_array (object, "run", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(GDateTime) done_at = NULL;
      JsonObject *step;
      const char *step_id, *step_title, *detail, *action, *target;
      LfPlanAction action_kind = LF_PLAN_ACTION_NONE;
      LfRunStep *run_step;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("A step of the run is not an object"));
          return NULL;
        }
      step = json_node_get_object (element);
      if (!read_string (step, "step_id", TRUE, &step_id, error)
          || !read_string (step, "title", TRUE, &step_title, error)
          || !read_string (step, "detail", FALSE, &detail, error)
          || !read_string (step, "action", FALSE, &action, error)
          || !read_string (step, "action_target", FALSE, &target, error)
          || !read_time (step, "done_at", FALSE, &done_at, error))
        return NULL;
      if (action != NULL && !lf_plan_action_from_string (action, &action_kind))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Unknown action “%s”"), action);
          return NULL;
        }

      run_step = g_new0 (LfRunStep, 1);
      run_step->step_id = g_strdup (step_id);
      run_step->title = g_strdup (step_title);
      run_step->detail = g_strdup (detail != NULL ? detail : "");
      run_step->action = action_kind;
      run_step->action_target = g_strdup (target != NULL ? target : "");
      run_step->done_at = g_steal_pointer (&done_at);
      g_ptr_array_add (self->run, run_step);
    }

  return g_steal_pointer (&self);
}

/**
 * lf_incident_to_json:
 *
 * Returns: (transfer full): the incident as a JSON object (times in UTC, ISO 8601)
 */
JsonNode *
lf_incident_to_json (LfIncident *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (LF_IS_INCIDENT (self), NULL);

  json_builder_begin_object (builder);
  add_string_member (builder, "id", self->id);
  add_string_member (builder, "title", self->title);
  json_builder_set_member_name (builder, "platforms");
  json_builder_begin_array (builder);
  for (guint i = 0; self->platforms[i] != NULL; i++)
    json_builder_add_string_value (builder, self->platforms[i]);
  json_builder_end_array (builder);
  add_string_member (builder, "provider", self->provider);
  if (g_hash_table_size (self->names) > 0)
    {
      g_autoptr(GList) ids = g_list_sort (g_hash_table_get_keys (self->names),
                                          (GCompareFunc) g_strcmp0);

      /* Display names of the ids above, for what a person reads (reports, summaries). */
      json_builder_set_member_name (builder, "names");
      json_builder_begin_object (builder);
      for (GList *l = ids; l != NULL; l = l->next)
        add_string_member (builder, l->data, g_hash_table_lookup (self->names, l->data));
      json_builder_end_object (builder);
    }
  add_string_member (builder, "cause", lf_cause_to_string (self->cause));
  add_string_member (builder, "diagnosis", lf_diagnosis_kind_to_string (self->kind));
  json_builder_set_member_name (builder, "rehearsal");
  json_builder_add_boolean_value (builder, self->rehearsal);
  add_string_member (builder, "status",
                     lf_incident_status_to_string (lf_incident_get_status (self)));
  add_time_member (builder, "started_at", self->started_at);
  add_time_member (builder, "ended_at", self->ended_at);
  add_time_member (builder, "closed_at", self->closed_at);

  json_builder_set_member_name (builder, "timeline");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->timeline->len; i++)
    {
      LfTimelineEntry *entry = g_ptr_array_index (self->timeline, i);
      g_autoptr(GList) keys = g_hash_table_get_keys (entry->data);

      json_builder_begin_object (builder);
      add_time_member (builder, "time", entry->time);
      add_string_member (builder, "kind", lf_timeline_kind_to_string (entry->kind));
      add_string_member (builder, "text", entry->text);
      if (keys != NULL)
        {
          keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
          json_builder_set_member_name (builder, "data");
          json_builder_begin_object (builder);
          for (GList *l = keys; l != NULL; l = l->next)
            add_string_member (builder, l->data, g_hash_table_lookup (entry->data, l->data));
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "run");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->run->len; i++)
    {
      LfRunStep *step = g_ptr_array_index (self->run, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "step_id", step->step_id);
      add_string_member (builder, "title", step->title);
      add_string_member (builder, "detail", step->detail);
      if (step->action != LF_PLAN_ACTION_NONE)
        {
          add_string_member (builder, "action", lf_plan_action_to_string (step->action));
          if (step->action_target[0] != '\0')
            add_string_member (builder, "action_target", step->action_target);
        }
      add_time_member (builder, "done_at", step->done_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
