/* lf-incident-merge.c — bring another process's changes of an incident into this one
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-incident"

#include "config.h"

#include "lf-incident.h"
#include "lf-incident-private.h"

/* Two processes (the background monitor and the window) and the command line keep the same
 * incidents.json. LfIncidentLog re-reads it before every save and when another process wrote
 * it, and merges each incident three ways: @base is the incident as this process last read or
 * wrote it, @theirs as the file holds it now, @self as this process holds it.
 *
 * - What only grows is a union: the timeline (entries never change once written; an entry is
 *   the same one if its time, kind, text and data are), the platforms, a run's steps.
 * - Everything else (title, provider, cause, diagnosis, rehearsal, times, a step's tick) is ours
 *   if we changed it since @base, and theirs otherwise.
 *
 * So no entry, tick or note written by either side is ever dropped; when both sides changed
 * the same single value (e.g. both ticked one step at different times), ours wins.
 */

static gboolean
time_equal (GDateTime *a,
            GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_date_time_equal (a, b);
}

static gboolean
data_equal (GHashTable *a,
            GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b, key)) != 0)
      return FALSE;

  return TRUE;
}

static gboolean
entry_equal (const LfTimelineEntry *a,
             const LfTimelineEntry *b)
{
  return a->kind == b->kind && time_equal (a->time, b->time) && g_str_equal (a->text, b->text)
         && data_equal (a->data, b->data);
}

static gboolean
has_entry (LfIncident            *self,
           const LfTimelineEntry *entry)
{
  for (guint i = 0; i < self->timeline->len; i++)
    if (entry_equal (g_ptr_array_index (self->timeline, i), entry))
      return TRUE;

  return FALSE;
}

static LfRunStep *
find_step (LfIncident *self,
           const char *step_id)
{
  for (guint i = 0; self != NULL && i < self->run->len; i++)
    {
      LfRunStep *step = g_ptr_array_index (self->run, i);

      if (g_str_equal (step->step_id, step_id))
        return step;
    }

  return NULL;
}

static LfRunStep *
copy_step (const LfRunStep *step)
{
  LfRunStep *copy = g_new0 (LfRunStep, 1);

  copy->step_id = g_strdup (step->step_id);
  copy->title = g_strdup (step->title);
  copy->detail = g_strdup (step->detail);
  copy->action = step->action;
  copy->action_target = g_strdup (step->action_target);
  copy->done_at = step->done_at != NULL ? g_date_time_ref (step->done_at) : NULL;

  return copy;
}

/* Ours if we changed it since base, theirs otherwise. */
static gboolean
merge_time (GDateTime **ours,
            GDateTime  *base,
            gboolean    have_base,
            GDateTime  *theirs)
{
  if (!have_base || !time_equal (*ours, base) || time_equal (*ours, theirs))
    return FALSE;

  g_clear_pointer (ours, g_date_time_unref);
  *ours = theirs != NULL ? g_date_time_ref (theirs) : NULL;
  return TRUE;
}

static gboolean
merge_string (char       **ours,
              const char  *base,
              gboolean     have_base,
              const char  *theirs)
{
  if (!have_base || g_strcmp0 (*ours, base) != 0 || g_strcmp0 (*ours, theirs) == 0)
    return FALSE;

  g_free (*ours);
  *ours = g_strdup (theirs);
  return TRUE;
}

#define MERGE_VALUE(field) \
  G_STMT_START { \
    if (base != NULL && self->field == base->field && self->field != theirs->field) \
      { \
        self->field = theirs->field; \
        changed = TRUE; \
      } \
  } G_STMT_END

/**
 * lf_incident_merge:
 * @self: the incident as this process holds it
 * @base: (nullable): as this process last read or wrote it; %NULL if never (then what
 *   @self says of a single value wins)
 * @theirs: the same incident (same id) as the file holds it now
 *
 * Merges @theirs into @self (see the top of this file). Emits ::changed and the notifications
 * if @self changed.
 *
 * Returns: %TRUE if @self changed
 */
gboolean
lf_incident_merge (LfIncident *self,
                   LfIncident *base,
                   LfIncident *theirs)
{
  LfIncidentStatus status = lf_incident_get_status (self);
  guint n_done = lf_incident_get_n_done (self);
  gboolean have_base = base != NULL;
  gboolean changed = FALSE;

  g_return_val_if_fail (LF_IS_INCIDENT (self), FALSE);
  g_return_val_if_fail (LF_IS_INCIDENT (theirs), FALSE);
  g_return_val_if_fail (g_str_equal (self->id, theirs->id), FALSE);

  changed |= merge_string (&self->title, have_base ? base->title : NULL, have_base,
                           theirs->title);
  changed |= merge_string (&self->provider, have_base ? base->provider : NULL, have_base,
                           theirs->provider);
  MERGE_VALUE (cause);
  MERGE_VALUE (kind);
  MERGE_VALUE (rehearsal);
  changed |= merge_time (&self->started_at, have_base ? base->started_at : NULL, have_base,
                         theirs->started_at);
  changed |= merge_time (&self->ended_at, have_base ? base->ended_at : NULL, have_base,
                         theirs->ended_at);
  changed |= merge_time (&self->closed_at, have_base ? base->closed_at : NULL, have_base,
                         theirs->closed_at);
  if (self->started_at == NULL)
    self->started_at = g_date_time_ref (theirs->started_at);

  /* Platforms: a union. */
  for (guint i = 0; theirs->platforms[i] != NULL; i++)
    {
      if (!g_strv_contains ((const char * const *) self->platforms, theirs->platforms[i]))
        {
          guint n = g_strv_length (self->platforms);

          self->platforms = g_renew (char *, self->platforms, n + 2);
          self->platforms[n] = g_strdup (theirs->platforms[i]);
          self->platforms[n + 1] = NULL;
          changed = TRUE;
        }
    }

  /* The run: their steps we do not have join it; a tick is ours if we changed it. */
  for (guint i = 0; i < theirs->run->len; i++)
    {
      LfRunStep *their_step = g_ptr_array_index (theirs->run, i);
      LfRunStep *our_step = find_step (self, their_step->step_id);
      LfRunStep *base_step = find_step (base, their_step->step_id);

      if (our_step == NULL)
        {
          g_ptr_array_add (self->run, copy_step (their_step));
          changed = TRUE;
        }
      else if (base_step == NULL)
        {
          /* Never seen by us before: a tick on either side stays. */
          if (our_step->done_at == NULL && their_step->done_at != NULL)
            {
              our_step->done_at = g_date_time_ref (their_step->done_at);
              changed = TRUE;
            }
        }
      else
        changed |= merge_time (&our_step->done_at, base_step->done_at, TRUE,
                               their_step->done_at);
    }

  /* The timeline: a union, in time order. */
  for (guint i = 0; i < theirs->timeline->len; i++)
    {
      LfTimelineEntry *entry = g_ptr_array_index (theirs->timeline, i);
      LfTimelineEntry *copy;
      guint position;

      if (has_entry (self, entry))
        continue;

      copy = g_new0 (LfTimelineEntry, 1);
      copy->time = g_date_time_ref (entry->time);
      copy->kind = entry->kind;
      copy->text = g_strdup (entry->text);
      copy->data = lf_incident_new_data_table ();
      {
        GHashTableIter iter;
        gpointer key, value;

        g_hash_table_iter_init (&iter, entry->data);
        while (g_hash_table_iter_next (&iter, &key, &value))
          g_hash_table_insert (copy->data, g_strdup (key), g_strdup (value));
      }

      position = self->timeline->len;
      while (position > 0
             && g_date_time_compare (((LfTimelineEntry *) g_ptr_array_index (self->timeline,
                                                                              position - 1))->time,
                                     copy->time) > 0)
        position--;
      g_ptr_array_insert (self->timeline, position, copy);
      changed = TRUE;
    }

  if (!changed)
    return FALSE;

  if (status != lf_incident_get_status (self))
    g_object_notify (G_OBJECT (self), "status");
  if (n_done != lf_incident_get_n_done (self))
    {
      g_object_notify (G_OBJECT (self), "n-done");
      g_object_notify (G_OBJECT (self), "progress");
    }
  g_object_notify (G_OBJECT (self), "title");
  g_signal_emit_by_name (self, "changed");

  return TRUE;
}

/**
 * lf_incident_same:
 *
 * Returns: %TRUE if @a and @b hold the same (as written to the file)
 */
gboolean
lf_incident_same (LfIncident *a,
                  LfIncident *b)
{
  g_autoptr(JsonNode) node_a = lf_incident_to_json (a);
  g_autoptr(JsonNode) node_b = lf_incident_to_json (b);

  return json_node_equal (node_a, node_b);
}
