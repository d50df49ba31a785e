/* lf-monitor-mirror.c — a monitor showing what one in another process sees
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-monitor"

#include "config.h"

#include "lf-monitor-private.h"

/* ------------------------------------------------------------------------------------------ */
/* Mirroring a monitor in another process                                                       */
/* ------------------------------------------------------------------------------------------ */

/**
 * lf_monitor_set_mirror:
 * @check_now: what lf_monitor_check_now() does instead of a round
 * @user_data: for @check_now
 *
 * Makes this monitor a mirror of one that runs elsewhere (the background monitor, seen from
 * the window's process through lf-monitor-remote.c): it never probes, never writes the
 * history, and its platforms, diagnosis and progress are what the lf_monitor_mirror_*()
 * calls say; front ends read it and connect to it exactly as to a monitor that probes.
 * lf_monitor_set_watched() only records the list (the other monitor follows the setting).
 */
void
lf_monitor_set_mirror (LfMonitor          *self,
                       LfMonitorCheckFunc  check_now,
                       gpointer            user_data)
{
  g_return_if_fail (LF_IS_MONITOR (self));
  g_return_if_fail (check_now != NULL);

  lf_monitor_stop (self);
  self->mirror_check = check_now;
  self->mirror_data = user_data;
  g_hash_table_remove_all (self->by_id);
  g_list_store_remove_all (self->platforms);
}

gboolean
lf_monitor_get_mirror (LfMonitor *self)
{
  g_return_val_if_fail (LF_IS_MONITOR (self), FALSE);
  return self->mirror_check != NULL;
}

/**
 * lf_monitor_mirror_platforms:
 * @states: (element-type LfPlatformState): the other monitor's platforms, in its order
 *
 * The list of platforms becomes @states; objects already in the list stay where they are
 * (rows showing them are kept).
 */
void
lf_monitor_mirror_platforms (LfMonitor *self,
                             GPtrArray *states)
{
  guint n;
  gboolean same;

  g_return_if_fail (LF_IS_MONITOR (self));
  g_return_if_fail (self->mirror_check != NULL);
  g_return_if_fail (states != NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->platforms));
  same = n == states->len;
  for (guint i = 0; same && i < n; i++)
    {
      g_autoptr(LfPlatformState) item = g_list_model_get_item (G_LIST_MODEL (self->platforms), i);

      same = item == g_ptr_array_index (states, i);
    }
  if (same)
    return;

  g_hash_table_remove_all (self->by_id);
  for (guint i = 0; i < states->len; i++)
    {
      LfPlatformState *state = g_ptr_array_index (states, i);

      g_hash_table_insert (self->by_id, (gpointer) lf_platform_state_get_id (state), state);
    }
  g_list_store_splice (self->platforms, 0, n, states->pdata, states->len);
}

/**
 * lf_monitor_mirror_transition:
 * @platform: a platform of the mirror whose state changed
 * @old: its state before
 *
 * Emits #LfMonitor::state-changed, as the other monitor did.
 */
void
lf_monitor_mirror_transition (LfMonitor       *self,
                              LfPlatformState *platform,
                              LfState          old)
{
  g_return_if_fail (LF_IS_MONITOR (self));
  g_return_if_fail (self->mirror_check != NULL);
  g_return_if_fail (LF_IS_PLATFORM_STATE (platform));

  if (lf_platform_state_get_state (platform) != old)
    g_signal_emit (self, lf_monitor_signals[STATE_CHANGED], 0, platform, old,
                   lf_platform_state_get_state (platform));
}

/**
 * lf_monitor_mirror_diagnosis:
 * @diagnosis: (nullable): the other monitor's diagnosis
 */
void
lf_monitor_mirror_diagnosis (LfMonitor   *self,
                             LfDiagnosis *diagnosis)
{
  g_return_if_fail (LF_IS_MONITOR (self));
  g_return_if_fail (self->mirror_check != NULL);

  if (diagnosis == self->diagnosis
      || (diagnosis != NULL && self->diagnosis != NULL
          && lf_diagnosis_equal (diagnosis, self->diagnosis)))
    return;

  g_set_object (&self->diagnosis, diagnosis);
  g_object_notify_by_pspec (G_OBJECT (self), lf_monitor_properties[PROP_DIAGNOSIS]);
  if (diagnosis != NULL)
    g_signal_emit (self, lf_monitor_signals[DIAGNOSIS_CHANGED], 0, diagnosis);
}

/**
 * lf_monitor_mirror_progress:
 * @checking: whether the other monitor runs a round
 * @last_checked: when its last round ended (unix µs), 0 if none did
 * @network_available: whether it finds the network usable
 */
void
lf_monitor_mirror_progress (LfMonitor *self,
                            gboolean   checking,
                            gint64     last_checked,
                            gboolean   network_available)
{
  g_return_if_fail (LF_IS_MONITOR (self));
  g_return_if_fail (self->mirror_check != NULL);

  network_available = !!network_available;
  if (self->network_usable != network_available)
    {
      self->network_usable = network_available;
      g_object_notify_by_pspec (G_OBJECT (self), lf_monitor_properties[PROP_NETWORK_AVAILABLE]);
    }
  if (self->last_checked != last_checked)
    {
      self->last_checked = last_checked;
      g_object_notify_by_pspec (G_OBJECT (self), lf_monitor_properties[PROP_LAST_CHECKED]);
    }
  if (self->checking != !!checking)
    {
      self->checking = !!checking;
      g_object_notify_by_pspec (G_OBJECT (self), lf_monitor_properties[PROP_CHECKING]);
    }
}

/**
 * lf_monitor_mirror_provider_status:
 * @provider_id: a provider of the catalog
 * @report: (nullable): the other monitor's last report of its status source
 */
void
lf_monitor_mirror_provider_status (LfMonitor      *self,
                                   const char     *provider_id,
                                   LfStatusReport *report)
{
  g_return_if_fail (LF_IS_MONITOR (self));
  g_return_if_fail (self->mirror_check != NULL);
  g_return_if_fail (provider_id != NULL);

  if (report == NULL)
    g_hash_table_remove (self->provider_status, provider_id);
  else
    g_hash_table_replace (self->provider_status, g_strdup (provider_id),
                          lf_status_report_ref (report));
}

/**
 * lf_monitor_get_provider_ids:
 *
 * Returns: (transfer container) (element-type utf8): the providers whose status source was
 *   read (their report may be %NULL: unreadable)
 */
GPtrArray *
lf_monitor_get_provider_ids (LfMonitor *self)
{
  GPtrArray *ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (LF_IS_MONITOR (self), ids);

  g_hash_table_iter_init (&iter, self->provider_status);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, key);

  return ids;
}
