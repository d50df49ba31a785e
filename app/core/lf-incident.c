/* lf-incident.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-incident"

#include "config.h"

#include "lf-incident.h"
#include "lf-incident-private.h"
#include "lf-template.h"

#include <glib/gi18n.h>

/* An incident is what the user lives through: it opens when the engine (or the user) says
 * something is wrong, collects a timeline (detection, state changes, status-page updates,
 * steps done, notices sent, notes), carries one run of the plan — a snapshot of the steps
 * that apply to its cause, with the time each was done — and ends in two stages: the engine
 * sees recovery ("ended", awaiting confirmation), then the user closes it.
 *
 * Every change emits ::changed; LfIncidentLog listens and saves.
 */


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

void
lf_incident_timeline_entry_free (gpointer data)
{
  LfTimelineEntry *entry = data;

  g_date_time_unref (entry->time);
  g_free (entry->text);
  g_hash_table_unref (entry->data);
  g_free (entry);
}

void
lf_incident_run_step_free (gpointer data)
{
  LfRunStep *step = data;

  g_free (step->step_id);
  g_free (step->title);
  g_free (step->detail);
  g_free (step->action_target);
  g_clear_pointer (&step->done_at, g_date_time_unref);
  g_free (step);
}

GHashTable *
lf_incident_new_data_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static GDateTime *
now_or (GDateTime *when)
{
  return when != NULL ? g_date_time_ref (when) : g_date_time_new_now_utc ();
}

char *
lf_incident_format_time (GDateTime *time)
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

/**
 * lf_incident_status_to_string:
 *
 * Returns: the status as written in the incident log ("open", "ended", "closed")
 */
const char *
lf_incident_status_to_string (LfIncidentStatus status)
{
  return status_values[status].value_nick;
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
  g_hash_table_unref (self->names);

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
  self->timeline = g_ptr_array_new_with_free_func (lf_incident_timeline_entry_free);
  self->run = g_ptr_array_new_with_free_func (lf_incident_run_step_free);
  self->platforms = g_new0 (char *, 1);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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
 * @rehearsal: whether this is a rehearsal (a practice run with a scripted outage, which
 *   must never reach a client)
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
                 gboolean            rehearsal,
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
  self->rehearsal = rehearsal;
  self->started_at = now_or (started_at);

  return self;
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

/**
 * lf_incident_set_name:
 * @id: a catalog id of one of the incident's platforms or of its provider
 * @name: (nullable): its display name ("Upwork"), or %NULL to forget it
 *
 * Records the display name a person reads for @id. The incident keeps the names the
 * catalog had when it was opened, so a report written later (or of an incident read back
 * from the log) still names "Upwork", not "upwork", even if the catalog changed.
 */
void
lf_incident_set_name (LfIncident *self,
                      const char *id,
                      const char *name)
{
  g_return_if_fail (LF_IS_INCIDENT (self));
  g_return_if_fail (id != NULL);

  if (name == NULL || name[0] == '\0')
    g_hash_table_remove (self->names, id);
  else
    g_hash_table_replace (self->names, g_strdup (id), g_strdup (name));
}

/**
 * lf_incident_get_name:
 * @id: a catalog id
 *
 * Returns: the display name recorded for @id, or @id itself when none was recorded
 */
const char *
lf_incident_get_name (LfIncident *self,
                      const char *id)
{
  const char *name;

  g_return_val_if_fail (LF_IS_INCIDENT (self), NULL);

  if (id == NULL)
    return NULL;
  name = g_hash_table_lookup (self->names, id);
  return name != NULL ? name : id;
}

/**
 * lf_incident_dup_platform_names:
 *
 * Returns: (transfer full): the display names of the platforms as a person reads them
 *   ("Upwork and Discord"), or %NULL when the incident names no platform
 */
char *
lf_incident_dup_platform_names (LfIncident *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_return_val_if_fail (LF_IS_INCIDENT (self), NULL);

  if (self->platforms[0] == NULL)
    return NULL;
  for (guint i = 0; self->platforms[i] != NULL; i++)
    g_ptr_array_add (names, (gpointer) lf_incident_get_name (self, self->platforms[i]));
  g_ptr_array_add (names, NULL);
  return lf_template_join_list ((const char * const *) names->pdata, NULL);
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
lf_incident_get_rehearsal (LfIncident *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT (self), FALSE);
  return self->rehearsal;
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
  entry->data = lf_incident_new_data_table ();
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
      g_autoptr(GHashTable) data = lf_incident_new_data_table ();

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
