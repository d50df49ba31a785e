/* lf-incident.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-incident"

#include "config.h"

#include "lf-incident.h"

#include <glib/gi18n.h>

/* An incident is what the user lives through: it opens when the engine (or the user) says
 * something is wrong, collects a timeline (detection, state changes, status-page updates,
 * steps done, notices sent, notes), carries one run of the plan — a snapshot of the steps
 * that apply to its cause, with the time each was done — and ends in two stages: the engine
 * sees recovery ("ended", awaiting confirmation), then the user closes it.
 *
 * Every change emits ::changed; LfIncidentLog listens and saves.
 */

struct _LfIncident
{
  GObject          parent_instance;

  char            *id;
  char            *title;
  char           **platforms;
  char            *provider;
  LfCause          cause;
  LfDiagnosisKind  kind;
  gboolean         drill;
  GDateTime       *started_at;
  GDateTime       *ended_at;
  GDateTime       *closed_at;
  GPtrArray       *timeline;  /* LfTimelineEntry */
  GPtrArray       *run;       /* LfRunStep */
};

G_DEFINE_FINAL_TYPE (LfIncident, lf_incident, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_STATUS,
  PROP_PROGRESS,
  PROP_N_DONE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const GEnumValue timeline_values[] = {
  { LF_TIMELINE_DETECTED, "LF_TIMELINE_DETECTED", "detected" },
  { LF_TIMELINE_TRANSITION, "LF_TIMELINE_TRANSITION", "transition" },
  { LF_TIMELINE_STATUS_UPDATE, "LF_TIMELINE_STATUS_UPDATE", "status-update" },
  { LF_TIMELINE_STEP_DONE, "LF_TIMELINE_STEP_DONE", "step-done" },
  { LF_TIMELINE_NOTICE_SENT, "LF_TIMELINE_NOTICE_SENT", "notice-sent" },
  { LF_TIMELINE_NOTE, "LF_TIMELINE_NOTE", "note" },
  { LF_TIMELINE_ENDED, "LF_TIMELINE_ENDED", "ended" },
  { LF_TIMELINE_CLOSED, "LF_TIMELINE_CLOSED", "closed" },
  { 0, NULL, NULL }
};

static const GEnumValue status_values[] = {
  { LF_INCIDENT_OPEN, "LF_INCIDENT_OPEN", "open" },
  { LF_INCIDENT_ENDED, "LF_INCIDENT_ENDED", "ended" },
  { LF_INCIDENT_CLOSED, "LF_INCIDENT_CLOSED", "closed" },
  { 0, NULL, NULL }
};

GType
lf_timeline_kind_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("LfTimelineKind", timeline_values));

  return type;
}

GType
lf_incident_status_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("LfIncidentStatus", status_values));

  return type;
}

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
timeline_entry_free (gpointer data)
{
  LfTimelineEntry *entry = data;

  g_date_time_unref (entry->time);
  g_free (entry->text);
  g_hash_table_unref (entry->data);
  g_free (entry);
}

static void
run_step_free (gpointer data)
{
  LfRunStep *step = data;

  g_free (step->step_id);
  g_free (step->title);
  g_free (step->detail);
  g_free (step->action_target);
  g_clear_pointer (&step->done_at, g_date_time_unref);
  g_free (step);
}

static GHashTable *
new_data_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static GDateTime *
now_or (GDateTime *when)
{
  return when != NULL ? g_date_time_ref (when) : g_date_time_new_now_utc ();
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format_iso8601 (utc);
}

static void
emit_changed (LfIncident *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
notify_progress (LfIncident *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static void
add_time_member (JsonBuilder *builder,
                 const char  *name,
                 GDateTime   *time)
{
  g_autofree char *text = NULL;

  if (time == NULL)
    return;

  text = format_time (time);
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
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_incident_finalize (GObject *object)
{
  LfIncident *self = LF_INCIDENT (object);

  g_free (self->id);
  g_free (self->title);
  g_strfreev (self->platforms);
  g_free (self->provider);
  g_clear_pointer (&self->started_at, g_date_time_unref);
  g_clear_pointer (&self->ended_at, g_date_time_unref);
  g_clear_pointer (&self->closed_at, g_date_time_unref);
  g_ptr_array_unref (self->timeline);
  g_ptr_array_unref (self->run);

  G_OBJECT_CLASS (lf_incident_parent_class)->finalize (object);
}

static void
lf_incident_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LfIncident *self = LF_INCIDENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, lf_incident_get_status (self));
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, lf_incident_get_progress (self));
      break;
    case PROP_N_DONE:
      g_value_set_uint (value, lf_incident_get_n_done (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_incident_class_init (LfIncidentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lf_incident_finalize;
  object_class->get_property = lf_incident_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, LF_TYPE_INCIDENT_STATUS, LF_INCIDENT_OPEN,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LfIncident::changed:
   *
   * Anything about the incident changed (timeline, run, status, platforms).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lf_incident_init (LfIncident *self)
{
  self->timeline = g_ptr_array_new_with_free_func (timeline_entry_free);
  self->run = g_ptr_array_new_with_free_func (run_step_free);
  self->platforms = g_new0 (char *, 1);
}

/* ------------------------------------------------------------------------ */
/* Public API: enumerations                                                 */
/* ------------------------------------------------------------------------ */

const char *
lf_timeline_kind_to_string (LfTimelineKind kind)
{
  return lf_enum_values_get_nick (timeline_values, kind);
}

gboolean
lf_timeline_kind_from_string (const char     *str,
                              LfTimelineKind *kind)
{
  int value;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (!lf_enum_values_lookup (timeline_values, str, &value))
    return FALSE;

  *kind = value;
  return TRUE;
}

/**
 * lf_timeline_kind_describe:
 *
 * Returns: a short translated label for the kind of timeline entry
 */
const char *
lf_timeline_kind_describe (LfTimelineKind kind)
{
  switch (kind)
    {
    case LF_TIMELINE_DETECTED:
      return _("Detected");
    case LF_TIMELINE_TRANSITION:
      return _("State changed");
    case LF_TIMELINE_STATUS_UPDATE:
      return _("Status page");
    case LF_TIMELINE_STEP_DONE:
      return _("Step done");
    case LF_TIMELINE_NOTICE_SENT:
      return _("Notice sent");
    case LF_TIMELINE_NOTE:
      return _("Note");
    case LF_TIMELINE_ENDED:
      return _("Recovered");
    case LF_TIMELINE_CLOSED:
      return _("Closed");
    default:
      return _("Unknown");
    }
}

const char *
lf_timeline_entry_get_data (const LfTimelineEntry *entry,
                            const char            *key)
{
  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (entry->data, key);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_incident_new:
 * @title: a human title, e.g. "Cloudflare outage: Upwork, Fiverr"
 * @platforms: (nullable) (array zero-terminated=1): catalog ids of the affected platforms
 * @provider: (nullable): catalog id of the provider blamed, if any
 * @cause: the cause that decided it
 * @kind: the diagnosis at the time
 * @drill: whether this is a rehearsal
 * @started_at: (nullable): when it began; %NULL for now
 *
 * Returns: (transfer full): a new open incident with an empty timeline and no run
 */
LfIncident *
lf_incident_new (const char         *title,
                 const char * const *platforms,
                 const char         *provider,
                 LfCause             cause,
                 LfDiagnosisKind     kind,
                 gboolean            drill,
                 GDateTime          *started_at)
{
  LfIncident *self;

  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (LF_TYPE_INCIDENT, NULL);
  self->id = g_uuid_string_random ();
  self->title = g_strdup (title);
  if (platforms != NULL)
    {
      g_strfreev (self->platforms);
      self->platforms = g_strdupv ((char **) platforms);
    }
  self->provider = provider != NULL && provider[0] != '\0' ? g_strdup (provider) : NULL;
  self->cause = cause;
  self->kind = kind;
  self->drill = drill;
  self->started_at = now_or (started_at);

  return self;
}

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

  node = json_object_get_member (object, "drill");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The incident does not say whether it is a drill"));
      return NULL;
    }
  self->drill = json_node_get_boolean (node);

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

  array = read_array (object, "timeline", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(GHashTable) data = new_data_table ();
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
  add_string_member (builder, "cause", lf_cause_to_string (self->cause));
  add_string_member (builder, "diagnosis", lf_diagnosis_kind_to_string (self->kind));
  json_builder_set_member_name (builder, "drill");
  json_builder_add_boolean_value (builder, self->drill);
  add_string_member (builder, "status",
                     status_values[lf_incident_get_status (self)].value_nick);
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

const char *
lf_incident_get_id (LfIncident *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT (self), NULL);
  return self->id;
}

const char *
lf_incident_get_title (LfIncident *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT (self), NULL);
  return self->title;
}

const char * const *
lf_incident_get_platforms (LfIncident *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT (self), NULL);
  return (const char * const *) self->platforms;
}

const char *
lf_incident_get_provider (LfIncident *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT (self), NULL);
  return self->provider;
}

LfCause
lf_incident_get_cause (LfIncident *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT (self), LF_CAUSE_NONE);
  return self->cause;
}

LfDiagnosisKind
lf_incident_get_kind (LfIncident *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT (self), LF_DIAGNOSIS_ALL_CLEAR);
  return self->kind;
}

gboolean
lf_incident_get_drill (LfIncident *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT (self), FALSE);
  return self->drill;
}

GDateTime *
lf_incident_get_started_at (LfIncident *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT (self), NULL);
  return self->started_at;
}

/**
 * lf_incident_get_ended_at:
 *
 * Returns: (nullable): when the engine saw recovery
 */
GDateTime *
lf_incident_get_ended_at (LfIncident *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT (self), NULL);
  return self->ended_at;
}

/**
 * lf_incident_get_closed_at:
 *
 * Returns: (nullable): when the user closed it
 */
GDateTime *
lf_incident_get_closed_at (LfIncident *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT (self), NULL);
  return self->closed_at;
}

LfIncidentStatus
lf_incident_get_status (LfIncident *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT (self), LF_INCIDENT_OPEN);

  if (self->closed_at != NULL)
    return LF_INCIDENT_CLOSED;
  if (self->ended_at != NULL)
    return LF_INCIDENT_ENDED;

  return LF_INCIDENT_OPEN;
}

/**
 * lf_incident_is_open:
 *
 * Returns: %TRUE until the incident is closed (an ended incident awaiting confirmation is
 *   still open)
 */
gboolean
lf_incident_is_open (LfIncident *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT (self), FALSE);

  return self->closed_at == NULL;
}

/**
 * lf_incident_get_elapsed:
 * @now: (nullable): the current time, %NULL for now
 *
 * Returns: time from the start to the end (or to the close, or to @now while it lasts)
 */
GTimeSpan
lf_incident_get_elapsed (LfIncident *self,
                         GDateTime  *now)
{
  g_autoptr(GDateTime) current = NULL;
  GDateTime *end;

  g_return_val_if_fail (LF_IS_INCIDENT (self), 0);

  end = self->ended_at != NULL ? self->ended_at : self->closed_at;
  if (end == NULL)
    end = current = now_or (now);

  return MAX (0, g_date_time_difference (end, self->started_at));
}

guint
lf_incident_get_n_entries (LfIncident *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT (self), 0);
  return self->timeline->len;
}

/**
 * lf_incident_get_entry:
 *
 * Returns: (transfer none) (nullable): the timeline entry at @index (oldest first)
 */
const LfTimelineEntry *
lf_incident_get_entry (LfIncident *self,
                       guint       index)
{
  g_return_val_if_fail (LF_IS_INCIDENT (self), NULL);

  if (index >= self->timeline->len)
    return NULL;

  return g_ptr_array_index (self->timeline, index);
}

/**
 * lf_incident_add_entry:
 * @time: (nullable): when; %NULL for now
 * @text: what happened, for people
 * @data: (nullable) (element-type utf8 utf8): evidence such as %LF_TIMELINE_DATA_RAY_ID
 *
 * Adds a timeline entry, kept in time order.
 */
void
lf_incident_add_entry (LfIncident     *self,
                       GDateTime      *time,
                       LfTimelineKind  kind,
                       const char     *text,
                       GHashTable     *data)
{
  LfTimelineEntry *entry;
  guint position;

  g_return_if_fail (LF_IS_INCIDENT (self));
  g_return_if_fail (text != NULL);

  entry = g_new0 (LfTimelineEntry, 1);
  entry->time = now_or (time);
  entry->kind = kind;
  entry->text = g_strdup (text);
  entry->data = new_data_table ();
  if (data != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, data);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (entry->data, g_strdup (key), g_strdup (value));
    }

  /* Entries usually arrive in order; scripted or late ones are slotted in. */
  position = self->timeline->len;
  while (position > 0)
    {
      LfTimelineEntry *before = g_ptr_array_index (self->timeline, position - 1);

      if (g_date_time_compare (before->time, entry->time) <= 0)
        break;
      position--;
    }
  g_ptr_array_insert (self->timeline, position, entry);

  emit_changed (self);
}

/**
 * lf_incident_set_run:
 * @steps: (element-type LfPlanStep): the plan steps that apply, e.g. from
 *   lf_plan_filter_for_cause()
 *
 * Takes a snapshot of the steps: later edits of the plan do not change this run.
 */
void
lf_incident_set_run (LfIncident *self,
                     GListModel *steps)
{
  g_return_if_fail (LF_IS_INCIDENT (self));
  g_return_if_fail (G_IS_LIST_MODEL (steps));

  g_ptr_array_set_size (self->run, 0);
  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(LfPlanStep) step = g_list_model_get_item (steps, i);
      LfRunStep *run_step = g_new0 (LfRunStep, 1);

      run_step->step_id = g_strdup (lf_plan_step_get_id (step));
      run_step->title = g_strdup (lf_plan_step_get_title (step));
      run_step->detail = g_strdup (lf_plan_step_get_detail (step));
      run_step->action = lf_plan_step_get_action (step);
      run_step->action_target = g_strdup (lf_plan_step_get_action_target (step));
      g_ptr_array_add (self->run, run_step);
    }

  notify_progress (self);
  emit_changed (self);
}

guint
lf_incident_get_n_steps (LfIncident *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT (self), 0);
  return self->run->len;
}

/**
 * lf_incident_get_step:
 *
 * Returns: (transfer none) (nullable): the run's step at @index
 */
const LfRunStep *
lf_incident_get_step (LfIncident *self,
                      guint       index)
{
  g_return_val_if_fail (LF_IS_INCIDENT (self), NULL);

  if (index >= self->run->len)
    return NULL;

  return g_ptr_array_index (self->run, index);
}

guint
lf_incident_get_n_done (LfIncident *self)
{
  guint n = 0;

  g_return_val_if_fail (LF_IS_INCIDENT (self), 0);

  for (guint i = 0; i < self->run->len; i++)
    if (((LfRunStep *) g_ptr_array_index (self->run, i))->done_at != NULL)
      n++;

  return n;
}

/**
 * lf_incident_get_progress:
 *
 * Returns: the fraction of the run's steps done, 0 for an empty run
 */
double
lf_incident_get_progress (LfIncident *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT (self), 0.0);

  if (self->run->len == 0)
    return 0.0;

  return (double) lf_incident_get_n_done (self) / self->run->len;
}

/**
 * lf_incident_set_step_done:
 * @when: (nullable): when it was done; %NULL for now
 *
 * Ticks or unticks a step of the run; ticking records a step-done timeline entry.
 *
 * Returns: %TRUE if something changed
 */
gboolean
lf_incident_set_step_done (LfIncident *self,
                           guint       index,
                           gboolean    done,
                           GDateTime  *when)
{
  LfRunStep *step;

  g_return_val_if_fail (LF_IS_INCIDENT (self), FALSE);
  g_return_val_if_fail (index < self->run->len, FALSE);

  step = g_ptr_array_index (self->run, index);
  if ((step->done_at != NULL) == !!done)
    return FALSE;

  if (done)
    {
      g_autoptr(GHashTable) data = new_data_table ();

      step->done_at = now_or (when);
      g_hash_table_insert (data, g_strdup (LF_TIMELINE_DATA_STEP), g_strdup (step->step_id));
      notify_progress (self);
      lf_incident_add_entry (self, step->done_at, LF_TIMELINE_STEP_DONE, step->title, data);
    }
  else
    {
      g_clear_pointer (&step->done_at, g_date_time_unref);
      notify_progress (self);
      emit_changed (self);
    }

  return TRUE;
}

/**
 * lf_incident_add_platforms:
 *
 * Adds platforms to an incident that spreads.
 */
void
lf_incident_add_platforms (LfIncident         *self,
                           const char * const *platforms)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean changed = FALSE;

  g_return_if_fail (LF_IS_INCIDENT (self));

  g_strv_builder_addv (builder, (const char **) self->platforms);
  for (guint i = 0; platforms != NULL && platforms[i] != NULL; i++)
    {
      if (!g_strv_contains ((const char * const *) self->platforms, platforms[i]))
        {
          g_strv_builder_add (builder, platforms[i]);
          changed = TRUE;
        }
    }

  if (!changed)
    return;

  g_strfreev (self->platforms);
  self->platforms = g_strv_builder_end (builder);
  emit_changed (self);
}

/**
 * lf_incident_set_ended:
 * @when: (nullable): when recovery was seen; %NULL for now
 *
 * The engine saw recovery: the incident waits for the user's confirmation.
 */
void
lf_incident_set_ended (LfIncident *self,
                       GDateTime  *when)
{
  g_return_if_fail (LF_IS_INCIDENT (self));

  if (self->ended_at != NULL || self->closed_at != NULL)
    return;

  self->ended_at = now_or (when);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  lf_incident_add_entry (self, self->ended_at, LF_TIMELINE_ENDED,
                         _("Recovery detected; waiting for your confirmation"), NULL);
}

/**
 * lf_incident_reopen:
 *
 * The failure came back before the user closed the incident.
 */
void
lf_incident_reopen (LfIncident *self,
                    GDateTime  *when)
{
  g_return_if_fail (LF_IS_INCIDENT (self));

  if (self->ended_at == NULL || self->closed_at != NULL)
    return;

  g_clear_pointer (&self->ended_at, g_date_time_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  lf_incident_add_entry (self, when, LF_TIMELINE_TRANSITION, _("The failure is back"), NULL);
}

/**
 * lf_incident_set_closed:
 * @note: (nullable): a closing note; %NULL for a default one
 *
 * Closes the incident (the user confirmed, or closed it by hand).
 */
void
lf_incident_set_closed (LfIncident *self,
                        GDateTime  *when,
                        const char *note)
{
  g_return_if_fail (LF_IS_INCIDENT (self));

  if (self->closed_at != NULL)
    return;

  self->closed_at = now_or (when);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  lf_incident_add_entry (self, self->closed_at, LF_TIMELINE_CLOSED,
                         note != NULL ? note : _("Incident closed"), NULL);
}
