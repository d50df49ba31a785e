/* lf-monitor.c — the health engine: rounds of probes, confirmation, diagnosis
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-monitor"

#include "config.h"

#include "lf-monitor.h"

/* A *round* probes every reference and every watched platform at once (and, when they are
 * due, the status sources of those platforms and of the providers they sit behind), all
 * through the backend. When every answer is in:
 *
 *  1. the references decide whether the user's own network is usable;
 *  2. each platform's state machine takes its status report and its probe;
 *  3. platforms whose new verdict still needs confirming are probed again after a short
 *     delay (a *confirmation pass*, part of the same round), until no verdict is pending;
 *  4. the diagnosis is computed, #LfMonitor:checking drops, and the next round is scheduled
 *     (interval ± 10 % jitter; longer while offline).
 *
 * Only one round runs at a time: asking for a check during a round runs another one right
 * after it. Every confirmed transition is emitted as #LfMonitor::state-changed (and written
 * to the history); a changed diagnosis as #LfMonitor::diagnosis-changed.
 */

#define MAX_CONFIRMATION_PASSES 6
#define NETWORK_DEBOUNCE_MS 1500

typedef struct
{
  LfMonitor  *monitor;        /* NULL once the monitor is gone */
  guint       pending;
  guint       pass;           /* 0 for the main pass, then confirmation passes */
  GPtrArray  *probe_ids;      /* platforms probed in this pass */
  GHashTable *probes;         /* platform id → LfProbeResult */
  GHashTable *references;     /* reference id → LfProbeResult (main pass only) */
  GHashTable *platform_status;/* platform id → LfStatusReport or NULL (unreadable) */
  GHashTable *provider_status;/* provider id → LfStatusReport or NULL (unreadable) */
} Round;

typedef enum
{
  OP_REFERENCE,
  OP_PLATFORM,
  OP_PLATFORM_STATUS,
  OP_PROVIDER_STATUS,
} OpKind;

typedef struct
{
  Round  *round;
  OpKind  kind;
  char   *id;
} Op;

struct _LfMonitor
{
  GObject           parent_instance;

  LfCatalog        *catalog;
  LfMonitorBackend *backend;
  LfHistory        *history;
  GNetworkMonitor  *network_monitor;
  GDBusConnection  *system_bus;
  guint             sleep_subscription;
  GCancellable     *cancellable;

  GStrv             watched;
  GListStore       *platforms;
  GHashTable       *by_id;              /* id → LfPlatformState (in the store) */
  GHashTable       *entries;            /* id → LfCatalogPlatform (in the catalog) */
  LfDiagnosis      *diagnosis;
  GHashTable       *reference_results;  /* id → LfProbeResult */
  GHashTable       *provider_status;    /* id → LfStatusReport or NULL */
  guint             n_references;
  guint             n_references_ok;
  gboolean          network_usable;

  gboolean          running;
  gboolean          checking;
  gboolean          check_again;
  gint64            last_checked;
  gint64            next_status_at;     /* monotonic µs */
  guint             offline_rounds;

  guint             interval_ms;
  guint             confirm_delay_ms;
  guint             status_interval_ms;
  guint             timeout;
  guint             confirm_failures;
  guint             recover_successes;

  Round            *round;
  guint             round_source;
  guint             confirm_source;
  guint             network_source;
};

G_DEFINE_FINAL_TYPE (LfMonitor, lf_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DIAGNOSIS,
  PROP_CHECKING,
  PROP_LAST_CHECKED,
  PROP_INTERVAL,
  PROP_TIMEOUT,
  PROP_RUNNING,
  PROP_NETWORK_AVAILABLE,
  N_PROPS
};

enum {
  STATE_CHANGED,
  DIAGNOSIS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_round (LfMonitor *self);

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static void
status_unref0 (gpointer report)
{
  if (report != NULL)
    lf_status_report_unref (report);
}

static GHashTable *
status_table_new (void)
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
  round->platform_status = status_table_new ();
  round->provider_status = status_table_new ();

  return round;
}

static void
round_free (Round *round)
{
  g_ptr_array_unref (round->probe_ids);
  g_hash_table_unref (round->probes);
  g_hash_table_unref (round->references);
  g_hash_table_unref (round->platform_status);
  g_hash_table_unref (round->provider_status);
  g_free (round);
}

static gboolean
network_available (LfMonitor *self)
{
  if (self->network_monitor == NULL)
    return TRUE;

  return g_network_monitor_get_network_available (self->network_monitor);
}

/* Any HTTP answer proves the user's connection works; a reference that expects an exact
 * status (e.g. 204) must get it, or a captive portal is in the way. */
static gboolean
reference_ok (LfCatalogReference *reference,
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKING]);
}

static LfCatalogPlatform *
catalog_platform (LfMonitor  *self,
                  const char *id)
{
  return g_hash_table_lookup (self->entries, id);
}

/* Emits state-changed (and writes the history) when @platform left @old. */
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

  if (self->history != NULL)
    lf_history_record_transition (self->history, platform, old, state);

  g_signal_emit (self, signals[STATE_CHANGED], 0, platform, old, state);
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

  input.network_available = network_available (self);
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

  if (self->history != NULL)
    lf_history_record_diagnosis (self->history, diagnosis);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIAGNOSIS]);
  g_signal_emit (self, signals[DIAGNOSIS_CHANGED], 0, diagnosis);
}

static void
rebuild_platforms (LfMonitor *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->platforms));

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

static void
schedule_next_round (LfMonitor *self)
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

  self->round_source = g_timeout_add_once (MAX (delay, 1), (GSourceOnceFunc) start_round, self);
}

static void
finish_round (LfMonitor *self)
{
  update_diagnosis (self);

  self->last_checked = g_get_real_time ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_CHECKED]);
  set_checking (self, FALSE);

  if (self->check_again)
    {
      self->check_again = FALSE;
      g_clear_handle_id (&self->round_source, g_source_remove);
      self->round_source = g_idle_add_once ((GSourceOnceFunc) start_round, self);
      return;
    }

  schedule_next_round (self);
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

          if (reference != NULL && reference_ok (reference, value))
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

          if (self->history != NULL && probe->http_status != 0)
            lf_history_add_sample (self->history, id, probe->started_at, probe->total_ms);
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
  round_free (round);
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
      round_free (round);
      return;
    }

  evaluate_round (round->monitor);
}

static void
start_round (LfMonitor *self)
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

  if (!network_available (self))
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

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
network_settled_cb (gpointer user_data)
{
  LfMonitor *self = user_data;

  self->network_source = 0;
  lf_monitor_check_now (self);
}

static void
on_network_changed_cb (GNetworkMonitor *network_monitor,
                       gboolean         available,
                       LfMonitor       *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK_AVAILABLE]);

  if (!self->running)
    return;

  /* network-changed comes in bursts: check once it settles */
  g_clear_handle_id (&self->network_source, g_source_remove);
  self->network_source = g_timeout_add_once (NETWORK_DEBOUNCE_MS, network_settled_cb, self);
}

static void
on_prepare_for_sleep_cb (GDBusConnection *connection,
                         const char      *sender_name,
                         const char      *object_path,
                         const char      *interface_name,
                         const char      *signal_name,
                         GVariant        *parameters,
                         gpointer         user_data)
{
  LfMonitor *self = user_data;
  gboolean going_to_sleep = TRUE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;

  g_variant_get (parameters, "(b)", &going_to_sleep);
  if (!going_to_sleep && self->running)
    {
      g_debug ("resumed from suspend: checking now");
      lf_monitor_check_now (self);
    }
}

static void
system_bus_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LfMonitor) self = user_data;
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);

  if (bus == NULL)
    {
      /* no system bus (containers, some sandboxes): no resume hook, nothing else lost */
      g_debug ("no system bus, resume from suspend is not watched: %s", error->message);
      return;
    }

  if (self->system_bus != NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      g_object_unref (bus);
      return;
    }

  self->system_bus = bus;
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (bus, "org.freedesktop.login1",
                                        "org.freedesktop.login1.Manager", "PrepareForSleep",
                                        "/org/freedesktop/login1", NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, on_prepare_for_sleep_cb,
                                        self, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject overrides                                                                            */
/* ------------------------------------------------------------------------------------------ */

static void
lf_monitor_dispose (GObject *object)
{
  LfMonitor *self = LF_MONITOR (object);

  g_cancellable_cancel (self->cancellable);

  if (self->round != NULL)
    {
      /* in-flight requests finish (cancelled) and free the round */
      self->round->monitor = NULL;
      if (self->confirm_source != 0)
        round_free (self->round);
      self->round = NULL;
    }

  g_clear_handle_id (&self->round_source, g_source_remove);
  g_clear_handle_id (&self->confirm_source, g_source_remove);
  g_clear_handle_id (&self->network_source, g_source_remove);

  if (self->network_monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->network_monitor, self);
  g_clear_object (&self->network_monitor);

  if (self->system_bus != NULL && self->sleep_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
  self->sleep_subscription = 0;
  g_clear_object (&self->system_bus);

  g_clear_object (&self->backend);
  g_clear_object (&self->history);
  g_clear_object (&self->diagnosis);
  g_hash_table_remove_all (self->entries);
  g_hash_table_remove_all (self->by_id);
  g_clear_pointer (&self->catalog, lf_catalog_unref);
  if (self->platforms != NULL)
    g_list_store_remove_all (self->platforms);

  G_OBJECT_CLASS (lf_monitor_parent_class)->dispose (object);
}

static void
lf_monitor_finalize (GObject *object)
{
  LfMonitor *self = LF_MONITOR (object);

  g_clear_object (&self->platforms);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->watched, g_strfreev);
  g_clear_pointer (&self->reference_results, g_hash_table_unref);
  g_clear_pointer (&self->provider_status, g_hash_table_unref);

  G_OBJECT_CLASS (lf_monitor_parent_class)->finalize (object);
}

static void
lf_monitor_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LfMonitor *self = LF_MONITOR (object);

  switch (prop_id)
    {
    case PROP_DIAGNOSIS:
      g_value_set_object (value, self->diagnosis);
      break;
    case PROP_CHECKING:
      g_value_set_boolean (value, self->checking);
      break;
    case PROP_LAST_CHECKED:
      g_value_set_int64 (value, self->last_checked);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, lf_monitor_get_interval (self));
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_NETWORK_AVAILABLE:
      g_value_set_boolean (value, network_available (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_monitor_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LfMonitor *self = LF_MONITOR (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      lf_monitor_set_interval (self, g_value_get_uint (value));
      break;
    case PROP_TIMEOUT:
      lf_monitor_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_monitor_class_init (LfMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = lf_monitor_dispose;
  object_class->finalize = lf_monitor_finalize;
  object_class->get_property = lf_monitor_get_property;
  object_class->set_property = lf_monitor_set_property;

  properties[PROP_DIAGNOSIS] =
    g_param_spec_object ("diagnosis", NULL, NULL, LF_TYPE_DIAGNOSIS, ro);
  properties[PROP_CHECKING] = g_param_spec_boolean ("checking", NULL, NULL, FALSE, ro);
  properties[PROP_LAST_CHECKED] =
    g_param_spec_int64 ("last-checked", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 1, 24 * 60 * 60, LF_MONITOR_DEFAULT_INTERVAL, rw);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 600, LF_MONITOR_DEFAULT_TIMEOUT, rw);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);
  properties[PROP_NETWORK_AVAILABLE] =
    g_param_spec_boolean ("network-available", NULL, NULL, TRUE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LfMonitor::state-changed:
   * @platform: the platform
   * @old_state: its previous state
   * @new_state: its new (confirmed) state
   */
  signals[STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3,
                  LF_TYPE_PLATFORM_STATE, LF_TYPE_STATE, LF_TYPE_STATE);

  /**
   * LfMonitor::diagnosis-changed:
   * @diagnosis: the new diagnosis
   */
  signals[DIAGNOSIS_CHANGED] =
    g_signal_new ("diagnosis-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, LF_TYPE_DIAGNOSIS);
}

static void
lf_monitor_init (LfMonitor *self)
{
  self->cancellable = g_cancellable_new ();
  self->platforms = g_list_store_new (LF_TYPE_PLATFORM_STATE);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->entries = g_hash_table_new (g_str_hash, g_str_equal);
  self->reference_results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) lf_probe_result_unref);
  self->provider_status = status_table_new ();
  self->network_usable = TRUE;
  self->interval_ms = LF_MONITOR_DEFAULT_INTERVAL * 1000;
  self->confirm_delay_ms = LF_MONITOR_DEFAULT_CONFIRM_DELAY_MS;
  self->status_interval_ms = LF_MONITOR_DEFAULT_STATUS_INTERVAL * 1000;
  self->timeout = LF_MONITOR_DEFAULT_TIMEOUT;
  self->confirm_failures = LF_PLATFORM_STATE_CONFIRM_FAILURES;
  self->recover_successes = LF_PLATFORM_STATE_RECOVER_SUCCESSES;
  self->watched = g_new0 (char *, 1);

  lf_monitor_set_network_monitor (self, g_network_monitor_get_default ());
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/**
 * lf_monitor_new:
 * @catalog: (nullable): what can be watched
 * @backend: (nullable): where probes go, %NULL for a new #LfNetworkBackend
 *
 * A monitor watches nothing until lf_monitor_set_watched(), but always probes the catalog's
 * references. It checks only when asked (lf_monitor_check_now()) until lf_monitor_start().
 *
 * Returns: (transfer full): a new monitor
 */
LfMonitor *
lf_monitor_new (LfCatalog        *catalog,
                LfMonitorBackend *backend)
{
  LfMonitor *self = g_object_new (LF_TYPE_MONITOR, NULL);

  if (backend != NULL)
    self->backend = g_object_ref (backend);
  else
    self->backend = LF_MONITOR_BACKEND (lf_network_backend_new (NULL));

  lf_monitor_set_catalog (self, catalog);

  return self;
}

/**
 * lf_monitor_get_catalog:
 *
 * Returns: (transfer none) (nullable): the catalog in use
 */
LfCatalog *
lf_monitor_get_catalog (LfMonitor *self)
{
  g_return_val_if_fail (LF_IS_MONITOR (self), NULL);
  return self->catalog;
}

void
lf_monitor_set_catalog (LfMonitor *self,
                        LfCatalog *catalog)
{
  g_return_if_fail (LF_IS_MONITOR (self));

  if (catalog == self->catalog)
    return;

  g_clear_pointer (&self->catalog, lf_catalog_unref);
  self->catalog = catalog != NULL ? lf_catalog_ref (catalog) : NULL;
  g_hash_table_remove_all (self->entries);
  for (guint i = 0; catalog != NULL && i < catalog->platforms->len; i++)
    {
      LfCatalogPlatform *entry = g_ptr_array_index (catalog->platforms, i);

      g_hash_table_insert (self->entries, entry->id, entry);
    }
  g_hash_table_remove_all (self->reference_results);
  g_hash_table_remove_all (self->provider_status);
  self->next_status_at = 0;

  rebuild_platforms (self);
}

/**
 * lf_monitor_get_backend:
 *
 * Returns: (transfer none): where the probes go
 */
LfMonitorBackend *
lf_monitor_get_backend (LfMonitor *self)
{
  g_return_val_if_fail (LF_IS_MONITOR (self), NULL);
  return self->backend;
}

/**
 * lf_monitor_set_backend:
 *
 * Swaps where probes go (tests script their answers this way). Takes effect with the
 * next round; status sources are read again at once.
 */
void
lf_monitor_set_backend (LfMonitor        *self,
                        LfMonitorBackend *backend)
{
  g_return_if_fail (LF_IS_MONITOR (self));
  g_return_if_fail (LF_IS_MONITOR_BACKEND (backend));

  if (g_set_object (&self->backend, backend))
    self->next_status_at = 0;
}

/**
 * lf_monitor_get_history:
 *
 * Returns: (transfer none) (nullable): where transitions are written
 */
LfHistory *
lf_monitor_get_history (LfMonitor *self)
{
  g_return_val_if_fail (LF_IS_MONITOR (self), NULL);
  return self->history;
}

void
lf_monitor_set_history (LfMonitor *self,
                        LfHistory *history)
{
  g_return_if_fail (LF_IS_MONITOR (self));
  g_return_if_fail (history == NULL || LF_IS_HISTORY (history));

  g_set_object (&self->history, history);
}

/**
 * lf_monitor_set_network_monitor:
 * @network_monitor: (nullable): the OS's view of the network, %NULL to trust only the
 *   references (tests)
 */
void
lf_monitor_set_network_monitor (LfMonitor       *self,
                                GNetworkMonitor *network_monitor)
{
  g_return_if_fail (LF_IS_MONITOR (self));

  if (self->network_monitor == network_monitor)
    return;

  if (self->network_monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->network_monitor, self);
  g_set_object (&self->network_monitor, network_monitor);
  if (network_monitor != NULL)
    g_signal_connect_object (network_monitor, "network-changed",
                             G_CALLBACK (on_network_changed_cb), self, 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK_AVAILABLE]);
}

/**
 * lf_monitor_get_watched:
 *
 * Returns: (transfer none): the catalog ids watched (empty: onboarding not done)
 */
const char * const *
lf_monitor_get_watched (LfMonitor *self)
{
  g_return_val_if_fail (LF_IS_MONITOR (self), NULL);
  return (const char * const *) self->watched;
}

/**
 * lf_monitor_set_watched:
 * @ids: (nullable): catalog ids to watch (GSettings `watched-platforms`); empty or %NULL
 *   watches nothing (the references are still probed)
 *
 * Platforms kept keep their state; a running monitor checks at once.
 */
void
lf_monitor_set_watched (LfMonitor          *self,
                        const char * const *ids)
{
  static const char * const none[] = { NULL };

  g_return_if_fail (LF_IS_MONITOR (self));

  if (ids == NULL)
    ids = none;
  if (g_strv_equal ((const char * const *) self->watched, ids))
    return;

  g_strfreev (self->watched);
  self->watched = g_strdupv ((char **) ids);
  rebuild_platforms (self);

  if (self->running)
    lf_monitor_check_now (self);
}

/**
 * lf_monitor_get_platforms:
 *
 * Returns: (transfer none): a #GListModel of #LfPlatformState, the watched platforms in
 *   catalog order
 */
GListModel *
lf_monitor_get_platforms (LfMonitor *self)
{
  g_return_val_if_fail (LF_IS_MONITOR (self), NULL);
  return G_LIST_MODEL (self->platforms);
}

/**
 * lf_monitor_lookup_platform:
 *
 * Returns: (transfer none) (nullable): the state of a watched platform
 */
LfPlatformState *
lf_monitor_lookup_platform (LfMonitor  *self,
                            const char *id)
{
  g_return_val_if_fail (LF_IS_MONITOR (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->by_id, id);
}

/**
 * lf_monitor_get_diagnosis:
 *
 * Returns: (transfer none) (nullable): the diagnosis, %NULL before the first round ends
 */
LfDiagnosis *
lf_monitor_get_diagnosis (LfMonitor *self)
{
  g_return_val_if_fail (LF_IS_MONITOR (self), NULL);
  return self->diagnosis;
}

gboolean
lf_monitor_get_checking (LfMonitor *self)
{
  g_return_val_if_fail (LF_IS_MONITOR (self), FALSE);
  return self->checking;
}

/**
 * lf_monitor_get_last_checked:
 *
 * Returns: when the last round ended (unix µs), 0 if none did
 */
gint64
lf_monitor_get_last_checked (LfMonitor *self)
{
  g_return_val_if_fail (LF_IS_MONITOR (self), 0);
  return self->last_checked;
}

gboolean
lf_monitor_get_network_available (LfMonitor *self)
{
  g_return_val_if_fail (LF_IS_MONITOR (self), FALSE);
  return network_available (self);
}

guint
lf_monitor_get_interval (LfMonitor *self)
{
  g_return_val_if_fail (LF_IS_MONITOR (self), 0);
  return MAX (self->interval_ms / 1000, 1);
}

/**
 * lf_monitor_set_interval:
 * @seconds: between rounds (GSettings `check-interval`)
 */
void
lf_monitor_set_interval (LfMonitor *self,
                         guint      seconds)
{
  g_return_if_fail (LF_IS_MONITOR (self));
  g_return_if_fail (seconds > 0);

  if (self->interval_ms == seconds * 1000)
    return;

  self->interval_ms = seconds * 1000;
  if (self->running && self->round == NULL)
    schedule_next_round (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

guint
lf_monitor_get_timeout (LfMonitor *self)
{
  g_return_val_if_fail (LF_IS_MONITOR (self), 0);
  return self->timeout;
}

/**
 * lf_monitor_set_timeout:
 * @seconds: the limit for one request
 */
void
lf_monitor_set_timeout (LfMonitor *self,
                        guint      seconds)
{
  g_return_if_fail (LF_IS_MONITOR (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * lf_monitor_set_timings:
 * @interval_ms: between rounds
 * @confirm_delay_ms: between confirmation re-probes
 * @status_interval_ms: between reads of the status sources (their caches may still answer)
 *
 * The monitor's clock, in milliseconds, for tests, scripted monitors and the one-shot
 * check.
 */
void
lf_monitor_set_timings (LfMonitor *self,
                        guint      interval_ms,
                        guint      confirm_delay_ms,
                        guint      status_interval_ms)
{
  g_return_if_fail (LF_IS_MONITOR (self));
  g_return_if_fail (interval_ms > 0);

  self->interval_ms = interval_ms;
  self->confirm_delay_ms = confirm_delay_ms;
  self->status_interval_ms = status_interval_ms;
  self->next_status_at = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

/**
 * lf_monitor_set_thresholds:
 * @confirm_failures: failed probes in a row before a platform is down (at least 2)
 * @recover_successes: good probes in a row before it is up again (at least 1)
 */
void
lf_monitor_set_thresholds (LfMonitor *self,
                           guint      confirm_failures,
                           guint      recover_successes)
{
  guint n;

  g_return_if_fail (LF_IS_MONITOR (self));
  g_return_if_fail (confirm_failures >= 2);
  g_return_if_fail (recover_successes >= 1);

  self->confirm_failures = confirm_failures;
  self->recover_successes = recover_successes;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->platforms));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LfPlatformState) state = g_list_model_get_item (G_LIST_MODEL (self->platforms), i);

      lf_platform_state_set_thresholds (state, confirm_failures, recover_successes);
    }
}

/**
 * lf_monitor_get_reference_result:
 *
 * Returns: (transfer none) (nullable): the last probe of a reference
 */
LfProbeResult *
lf_monitor_get_reference_result (LfMonitor  *self,
                                 const char *reference_id)
{
  g_return_val_if_fail (LF_IS_MONITOR (self), NULL);
  g_return_val_if_fail (reference_id != NULL, NULL);

  return g_hash_table_lookup (self->reference_results, reference_id);
}

/**
 * lf_monitor_get_reference_ok:
 *
 * Returns: whether the reference answered in the last round (with its expected status, when
 *   the catalog names one)
 */
gboolean
lf_monitor_get_reference_ok (LfMonitor  *self,
                             const char *reference_id)
{
  LfCatalogReference *reference;

  g_return_val_if_fail (LF_IS_MONITOR (self), FALSE);
  g_return_val_if_fail (reference_id != NULL, FALSE);

  if (self->catalog == NULL)
    return FALSE;

  reference = lf_catalog_lookup_reference (self->catalog, reference_id);
  if (reference == NULL)
    return FALSE;

  return reference_ok (reference, g_hash_table_lookup (self->reference_results, reference_id));
}

/**
 * lf_monitor_get_provider_status:
 *
 * Returns: (transfer none) (nullable): the last report of a provider's status source, %NULL
 *   when it has none or it could not be read
 */
LfStatusReport *
lf_monitor_get_provider_status (LfMonitor  *self,
                                const char *provider_id)
{
  g_return_val_if_fail (LF_IS_MONITOR (self), NULL);
  g_return_val_if_fail (provider_id != NULL, NULL);

  return g_hash_table_lookup (self->provider_status, provider_id);
}

/**
 * lf_monitor_start:
 *
 * Checks now, then every #LfMonitor:interval; also at once after a network change and after
 * resume from suspend (when a system bus is there to say so).
 */
void
lf_monitor_start (LfMonitor *self)
{
  g_return_if_fail (LF_IS_MONITOR (self));

  if (self->running)
    return;

  self->running = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  if (self->system_bus == NULL)
    g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, system_bus_cb, g_object_ref (self));

  lf_monitor_check_now (self);
}

/**
 * lf_monitor_stop:
 *
 * No more periodic rounds; a round under way finishes.
 */
void
lf_monitor_stop (LfMonitor *self)
{
  g_return_if_fail (LF_IS_MONITOR (self));

  if (!self->running)
    return;

  self->running = FALSE;
  g_clear_handle_id (&self->round_source, g_source_remove);
  g_clear_handle_id (&self->network_source, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gboolean
lf_monitor_get_running (LfMonitor *self)
{
  g_return_val_if_fail (LF_IS_MONITOR (self), FALSE);
  return self->running;
}

/**
 * lf_monitor_check_now:
 *
 * Starts a round now, or right after the one under way.
 */
void
lf_monitor_check_now (LfMonitor *self)
{
  g_return_if_fail (LF_IS_MONITOR (self));

  if (self->round != NULL)
    {
      self->check_again = TRUE;
      return;
    }

  g_clear_handle_id (&self->round_source, g_source_remove);
  start_round (self);
}
