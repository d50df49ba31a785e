/* lf-monitor-round.c — LfMonitor's rounds: probes and status reads through the backend,
 * confirmation passes, the network verdict, the diagnosis
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-monitor"

#include "config.h"

#include "lf-monitor.h"
#include "lf-monitor-private.h"

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static void
status_unref0 (gpointer report)
{
  if (report != NULL)
    lf_status_report_unref (report);
}

GHashTable *
lf_monitor_status_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, status_unref0);
}

static Round *
round_new (LfMonitor *self)
{
  Round *round = g_new0 (Round, 1);

  round->monitor = self;
  round->probe_ids = g_ptr_array_new_with_free_func (g_free);
  round->probes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) lf_probe_result_unref);
  round->references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) lf_probe_result_unref);
  round->platform_status = lf_monitor_status_table_new ();
  round->provider_status = lf_monitor_status_table_new ();

  return round;
}

void
lf_monitor_round_free (Round *round)
{
  g_ptr_array_unref (round->probe_ids);
  g_hash_table_unref (round->probes);
  g_hash_table_unref (round->references);
  g_hash_table_unref (round->platform_status);
  g_hash_table_unref (round->provider_status);
  g_free (round);
}

gboolean
lf_monitor_network_is_available (LfMonitor *self)
{
  if (self->mirror_check != NULL)
    return self->network_usable;
  if (self->network_monitor == NULL)
    return TRUE;

  return g_network_monitor_get_network_available (self->network_monitor);
}

/* Any HTTP answer proves the user's connection works; a reference that expects an exact
 * status (e.g. 204) must get it, or a captive portal is in the way. */
gboolean
lf_monitor_reference_answered (LfCatalogReference *reference,
                               LfProbeResult      *probe)
{
  if (probe == NULL || probe->http_status == 0)
    return FALSE;

  return reference->expect_status == 0 || probe->http_status == reference->expect_status;
}

static void
set_checking (LfMonitor *self,
              gboolean   checking)
{
  if (self->checking == checking)
    return;

  self->checking = checking;
  g_object_notify_by_pspec (G_OBJECT (self), lf_monitor_properties[PROP_CHECKING]);
}

static LfCatalogPlatform *
catalog_platform (LfMonitor  *self,
                  const char *id)
{
  return g_hash_table_lookup (self->entries, id);
}

/* Emits state-changed when @platform left @old (the history, if any, observes it). */
static void
track_transition (LfMonitor       *self,
                  LfPlatformState *platform,
                  LfState          old)
{
  LfState state = lf_platform_state_get_state (platform);

  if (state == old)
    return;

  g_debug ("%s: %s → %s (%s)", lf_platform_state_get_id (platform), lf_state_to_string (old),
           lf_state_to_string (state), lf_cause_to_string (lf_platform_state_get_cause (platform)));

  g_signal_emit (self, lf_monitor_signals[STATE_CHANGED], 0, platform, old, state);
}

static void
update_diagnosis (LfMonitor *self)
{
  g_autoptr(GArray) platforms = g_array_new (FALSE, TRUE, sizeof (LfDiagnosisPlatform));
  g_autoptr(GArray) providers = g_array_new (FALSE, TRUE, sizeof (LfDiagnosisProvider));
  g_autoptr(LfDiagnosis) diagnosis = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->platforms));
  LfDiagnosisInput input = { 0 };

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LfPlatformState) state = g_list_model_get_item (G_LIST_MODEL (self->platforms), i);
      LfDiagnosisPlatform platform = {
        .id = lf_platform_state_get_id (state),
        .name = lf_platform_state_get_name (state),
        .state = lf_platform_state_get_state (state),
        .cause = lf_platform_state_get_cause (state),
        .providers = lf_platform_state_get_providers (state),
      };

      g_array_append_val (platforms, platform);
    }

  for (guint i = 0; self->catalog != NULL && i < self->catalog->providers->len; i++)
    {
      LfCatalogProvider *entry = g_ptr_array_index (self->catalog->providers, i);
      LfStatusReport *report = g_hash_table_lookup (self->provider_status, entry->id);
      LfDiagnosisProvider provider = {
        .id = entry->id,
        .name = entry->name,
        .severity = report != NULL ? report->indicator : LF_SEVERITY_UNKNOWN,
      };

      g_array_append_val (providers, provider);
    }

  input.network_available = lf_monitor_network_is_available (self);
  input.n_references = self->n_references;
  input.n_references_ok = self->n_references_ok;
  input.platforms = (const LfDiagnosisPlatform *) (gpointer) platforms->data;
  input.n_platforms = platforms->len;
  input.providers = (const LfDiagnosisProvider *) (gpointer) providers->data;
  input.n_providers = providers->len;

  diagnosis = lf_diagnosis_compute (&input);
  if (lf_diagnosis_equal (diagnosis, self->diagnosis))
    return;

  g_set_object (&self->diagnosis, diagnosis);
  g_debug ("diagnosis: %s — %s", lf_diagnosis_kind_to_string (lf_diagnosis_get_kind (diagnosis)),
           lf_diagnosis_get_summary (diagnosis));

  g_object_notify_by_pspec (G_OBJECT (self), lf_monitor_properties[PROP_DIAGNOSIS]);
  g_signal_emit (self, lf_monitor_signals[DIAGNOSIS_CHANGED], 0, diagnosis);
}

void
lf_monitor_rebuild_platforms (LfMonitor *self)
{
  g_autoptr(GPtrArray) items = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->platforms));

  /* A mirror's platforms are the other monitor's (lf_monitor_mirror_platforms()). */
  if (self->mirror_check != NULL)
    return;

  items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; self->catalog != NULL && self->watched != NULL
                    && i < self->catalog->platforms->len; i++)
    {
      LfCatalogPlatform *entry = g_ptr_array_index (self->catalog->platforms, i);
      LfPlatformState *state;

      if (!g_strv_contains ((const char * const *) self->watched, entry->id))
        continue;

      state = lf_monitor_lookup_platform (self, entry->id);
      if (state != NULL)
        g_object_ref (state);
      else
        {
          state = lf_platform_state_new (entry->id, entry->name, entry->category,
                                         (const char * const *) entry->providers);
          lf_platform_state_set_thresholds (state, self->confirm_failures,
                                            self->recover_successes);
        }
      if (entry->status != NULL && entry->status->page != NULL)
        lf_platform_state_set_status_page (state, entry->status->page);

      g_ptr_array_add (items, state);
    }

  g_hash_table_remove_all (self->by_id);
  for (guint i = 0; i < items->len; i++)
    {
      LfPlatformState *state = g_ptr_array_index (items, i);

      g_hash_table_insert (self->by_id, (gpointer) lf_platform_state_get_id (state), state);
    }

  g_list_store_splice (self->platforms, 0, n, items->pdata, items->len);
}

void
lf_monitor_schedule_next_round (LfMonitor *self)
{
  guint delay = self->interval_ms;
  guint jitter;

  g_clear_handle_id (&self->round_source, g_source_remove);

  if (!self->running)
    return;

  /* back off while offline: a network change brings us back at once anyway */
  if (self->offline_rounds > 0)
    delay = self->interval_ms * (1u << MIN (self->offline_rounds, 3));

  jitter = delay / 10;
  if (jitter > 0)
    delay = delay - jitter + g_random_int_range (0, 2 * jitter + 1);

  self->round_source = g_timeout_add_once (MAX (delay, 1), (GSourceOnceFunc) lf_monitor_start_round,
                                           self);
}

static void
finish_round (LfMonitor *self)
{
  update_diagnosis (self);

  self->last_checked = g_get_real_time ();
  g_object_notify_by_pspec (G_OBJECT (self), lf_monitor_properties[PROP_LAST_CHECKED]);
  set_checking (self, FALSE);

  if (self->check_again)
    {
      self->check_again = FALSE;
      g_clear_handle_id (&self->round_source, g_source_remove);
      self->round_source = g_idle_add_once ((GSourceOnceFunc) lf_monitor_start_round, self);
      return;
    }

  lf_monitor_schedule_next_round (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Rounds                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void op_done (Op *op);
static void round_release (Round *round);

static void
probe_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Op *op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LfProbeResult) probe = NULL;

  probe = lf_monitor_backend_probe_finish (LF_MONITOR_BACKEND (object), result, &error);
  if (probe == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("probe of %s could not run: %s", op->id, error->message);
    }
  else if (op->kind == OP_REFERENCE)
    g_hash_table_insert (op->round->references, g_strdup (op->id), g_steal_pointer (&probe));
  else
    g_hash_table_insert (op->round->probes, g_strdup (op->id), g_steal_pointer (&probe));

  op_done (op);
}

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Op *op = user_data;
  g_autoptr(GError) error = NULL;
  LfStatusReport *report;

  report = lf_monitor_backend_fetch_status_finish (LF_MONITOR_BACKEND (object), result, &error);
  if (report == NULL && error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("status source of %s could not be read: %s", op->id, error->message);

  /* NULL: could not be read, which is `unknown` for that signal */
  g_hash_table_insert (op->kind == OP_PLATFORM_STATUS ? op->round->platform_status
                                                      : op->round->provider_status,
                       g_strdup (op->id), report);
  op_done (op);
}

static Op *
op_new (Round      *round,
        OpKind      kind,
        const char *id)
{
  Op *op = g_new0 (Op, 1);

  op->round = round;
  op->kind = kind;
  op->id = g_strdup (id);
  round->pending++;

  return op;
}

static void
launch_probe (LfMonitor         *self,
              Round             *round,
              OpKind             kind,
              const char        *id,
              const LfProbeSpec *spec,
              guint              slow_ms)
{
  lf_monitor_backend_probe_async (self->backend, spec, self->timeout, slow_ms, self->cancellable,
                                  probe_cb, op_new (round, kind, id));
}

static void
launch_status (LfMonitor          *self,
               Round              *round,
               OpKind              kind,
               const char         *id,
               const LfStatusSpec *spec)
{
  lf_monitor_backend_fetch_status_async (self->backend, spec, self->timeout, self->cancellable,
                                         status_cb, op_new (round, kind, id));
}

static void
launch_platform_probes (LfMonitor *self,
                        Round     *round)
{
  for (guint i = 0; i < round->probe_ids->len; i++)
    {
      const char *id = g_ptr_array_index (round->probe_ids, i);
      LfCatalogPlatform *entry = catalog_platform (self, id);

      if (entry == NULL || entry->probes->len == 0)
        continue;

      launch_probe (self, round, OP_PLATFORM, id, g_ptr_array_index (entry->probes, 0),
                    entry->slow_ms);
    }
}

static void evaluate_round (LfMonitor *self);

static void
run_confirmation (LfMonitor *self)
{
  Round *round = self->round;

  self->confirm_source = 0;
  g_assert (round != NULL);

  round->pass++;
  round->pending = 1;   /* held until every request is launched */
  launch_platform_probes (self, round);
  round_release (round);
}

static void
evaluate_round (LfMonitor *self)
{
  Round *round = self->round;
  g_autoptr(GPtrArray) confirming = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->platforms));
  GHashTableIter iter;
  gpointer key, value;

  if (round->pass == 0)
    {
      guint n_refs = self->catalog != NULL ? self->catalog->references->len : 0;
      guint n_ok = 0;

      g_hash_table_remove_all (self->reference_results);
      g_hash_table_iter_init (&iter, round->references);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          LfCatalogReference *reference = lf_catalog_lookup_reference (self->catalog, key);

          if (reference != NULL && lf_monitor_reference_answered (reference, value))
            n_ok++;
          g_hash_table_insert (self->reference_results, g_strdup (key),
                               lf_probe_result_ref (value));
        }

      self->n_references = n_refs;
      self->n_references_ok = n_ok;
      self->network_usable = n_refs == 0 || n_ok > 0;

      g_hash_table_iter_init (&iter, round->provider_status);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (self->provider_status, g_strdup (key),
                             value != NULL ? lf_status_report_ref (value) : NULL);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LfPlatformState) platform = g_list_model_get_item (G_LIST_MODEL (self->platforms),
                                                                   i);
      const char *id = lf_platform_state_get_id (platform);
      LfProbeResult *probe = g_hash_table_lookup (round->probes, id);
      LfState old = lf_platform_state_get_state (platform);
      gpointer report;

      lf_platform_state_apply_network (platform, self->network_usable);
      track_transition (self, platform, old);

      if (g_hash_table_lookup_extended (round->platform_status, id, NULL, &report))
        {
          old = lf_platform_state_get_state (platform);
          lf_platform_state_apply_status (platform, report);
          track_transition (self, platform, old);
        }

      if (probe != NULL)
        {
          old = lf_platform_state_get_state (platform);
          if (lf_platform_state_apply_probe (platform, probe))
            g_ptr_array_add (confirming, g_strdup (id));
          track_transition (self, platform, old);

          g_signal_emit (self, lf_monitor_signals[PROBED], 0, id, probe);
        }
    }

  g_hash_table_remove_all (round->probes);
  g_hash_table_remove_all (round->references);
  g_hash_table_remove_all (round->platform_status);
  g_hash_table_remove_all (round->provider_status);

  if (confirming->len > 0 && self->network_usable && round->pass < MAX_CONFIRMATION_PASSES)
    {
      g_ptr_array_set_size (round->probe_ids, 0);
      g_ptr_array_extend_and_steal (round->probe_ids, g_steal_pointer (&confirming));
      self->confirm_source = g_timeout_add_once (MAX (self->confirm_delay_ms, 1),
                                                 (GSourceOnceFunc) run_confirmation, self);
      return;
    }

  self->round = NULL;
  lf_monitor_round_free (round);
  finish_round (self);
}

static void
op_done (Op *op)
{
  Round *round = op->round;

  g_free (op->id);
  g_free (op);

  round_release (round);
}

static void
round_release (Round *round)
{
  g_assert (round->pending > 0);
  if (--round->pending > 0)
    return;

  if (round->monitor == NULL)
    {
      lf_monitor_round_free (round);
      return;
    }

  evaluate_round (round->monitor);
}

void
lf_monitor_start_round (LfMonitor *self)
{
  Round *round;
  gint64 now = g_get_monotonic_time ();
  gboolean fetch_status;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->platforms));

  self->round_source = 0;

  if (self->round != NULL)
    {
      self->check_again = TRUE;
      return;
    }

  set_checking (self, TRUE);

  if (!lf_monitor_network_is_available (self))
    {
      self->offline_rounds++;
      self->network_usable = FALSE;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LfPlatformState) platform =
            g_list_model_get_item (G_LIST_MODEL (self->platforms), i);
          LfState old = lf_platform_state_get_state (platform);

          lf_platform_state_apply_network (platform, FALSE);
          track_transition (self, platform, old);
        }
      finish_round (self);
      return;
    }
  self->offline_rounds = 0;

  round = self->round = round_new (self);
  round->pending = 1;   /* held until every request is launched */

  fetch_status = now >= self->next_status_at;
  if (fetch_status)
    self->next_status_at = now + (gint64) self->status_interval_ms * 1000;

  for (guint i = 0; self->catalog != NULL && i < self->catalog->references->len; i++)
    {
      LfCatalogReference *reference = g_ptr_array_index (self->catalog->references, i);
      g_autoptr(LfProbeSpec) spec = lf_probe_spec_new (reference->url, "GET",
                                                       reference->expect_status);

      launch_probe (self, round, OP_REFERENCE, reference->id, spec, LF_CATALOG_DEFAULT_SLOW_MS);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LfPlatformState) platform =
        g_list_model_get_item (G_LIST_MODEL (self->platforms), i);

      g_ptr_array_add (round->probe_ids, g_strdup (lf_platform_state_get_id (platform)));
    }
  launch_platform_probes (self, round);

  if (fetch_status)
    {
      g_autoptr(GPtrArray) providers = g_ptr_array_new ();

      for (guint i = 0; i < round->probe_ids->len; i++)
        {
          LfCatalogPlatform *entry = catalog_platform (self,
                                                       g_ptr_array_index (round->probe_ids, i));

          if (entry == NULL)
            continue;
          if (entry->status != NULL)
            launch_status (self, round, OP_PLATFORM_STATUS, entry->id, entry->status);
          for (guint j = 0; entry->providers[j] != NULL; j++)
            if (!g_ptr_array_find_with_equal_func (providers, entry->providers[j], g_str_equal,
                                                   NULL))
              g_ptr_array_add (providers, entry->providers[j]);
        }

      for (guint i = 0; i < providers->len; i++)
        {
          const char *provider_id = g_ptr_array_index (providers, i);
          LfCatalogProvider *provider = lf_catalog_lookup_provider (self->catalog, provider_id);

          if (provider != NULL && provider->status != NULL)
            launch_status (self, round, OP_PROVIDER_STATUS, provider->id, provider->status);
        }
    }

  round_release (round);   /* the hold */
}

