/* lf-monitor.c — the health engine: rounds of probes, confirmation, diagnosis
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-monitor"

#include "config.h"

#include "lf-monitor.h"
#include "lf-monitor-private.h"

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
 * after it. Every confirmed transition is emitted as #LfMonitor::state-changed, a changed
 * diagnosis as #LfMonitor::diagnosis-changed, every evaluated probe as #LfMonitor::probed;
 * the history, the incident bridge and the front ends observe those (the monitor writes
 * nothing itself).
 */

G_DEFINE_FINAL_TYPE (LfMonitor, lf_monitor, G_TYPE_OBJECT)

GParamSpec *lf_monitor_properties[LF_MONITOR_N_PROPS];
guint lf_monitor_signals[LF_MONITOR_N_SIGNALS];

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
  g_object_notify_by_pspec (G_OBJECT (self), lf_monitor_properties[PROP_NETWORK_AVAILABLE]);

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
        lf_monitor_round_free (self->round);
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
      g_value_set_boolean (value, lf_monitor_network_is_available (self));
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

  lf_monitor_properties[PROP_DIAGNOSIS] =
    g_param_spec_object ("diagnosis", NULL, NULL, LF_TYPE_DIAGNOSIS, ro);
  lf_monitor_properties[PROP_CHECKING] = g_param_spec_boolean ("checking", NULL, NULL, FALSE, ro);
  lf_monitor_properties[PROP_LAST_CHECKED] =
    g_param_spec_int64 ("last-checked", NULL, NULL, 0, G_MAXINT64, 0, ro);
  lf_monitor_properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 1, 24 * 60 * 60, LF_MONITOR_DEFAULT_INTERVAL, rw);
  lf_monitor_properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 600, LF_MONITOR_DEFAULT_TIMEOUT, rw);
  lf_monitor_properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);
  lf_monitor_properties[PROP_NETWORK_AVAILABLE] =
    g_param_spec_boolean ("network-available", NULL, NULL, TRUE, ro);

  g_object_class_install_properties (object_class, LF_MONITOR_N_PROPS, lf_monitor_properties);

  /**
   * LfMonitor::state-changed:
   * @platform: the platform
   * @old_state: its previous state
   * @new_state: its new (confirmed) state
   */
  lf_monitor_signals[STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3,
                  LF_TYPE_PLATFORM_STATE, LF_TYPE_STATE, LF_TYPE_STATE);

  /**
   * LfMonitor::diagnosis-changed:
   * @diagnosis: the new diagnosis
   */
  lf_monitor_signals[DIAGNOSIS_CHANGED] =
    g_signal_new ("diagnosis-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, LF_TYPE_DIAGNOSIS);

  /**
   * LfMonitor::probed:
   * @platform_id: the platform probed
   * @probe: its answer (or failure), already applied to the platform's state
   *
   * One probe of a watched platform was evaluated (in a round or a confirmation pass): for
   * observers such as the history's latency samples.
   */
  lf_monitor_signals[PROBED] =
    g_signal_new ("probed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  LF_TYPE_PROBE_RESULT | G_SIGNAL_TYPE_STATIC_SCOPE);
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
  self->provider_status = lf_monitor_status_table_new ();
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
  if (self->mirror_check == NULL)
    g_hash_table_remove_all (self->provider_status);
  self->next_status_at = 0;

  lf_monitor_rebuild_platforms (self);
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
 * Returns: (transfer none) (nullable): the history kept of this monitor, for readers (the
 *   rows' sparklines, a notice's "since"); the monitor never writes to it, the history
 *   observes the monitor (lf_history_observe())
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

  g_object_notify_by_pspec (G_OBJECT (self), lf_monitor_properties[PROP_NETWORK_AVAILABLE]);
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
  lf_monitor_rebuild_platforms (self);

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
  return lf_monitor_network_is_available (self);
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
    lf_monitor_schedule_next_round (self);
  g_object_notify_by_pspec (G_OBJECT (self), lf_monitor_properties[PROP_INTERVAL]);
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
  g_object_notify_by_pspec (G_OBJECT (self), lf_monitor_properties[PROP_TIMEOUT]);
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
  g_object_notify_by_pspec (G_OBJECT (self), lf_monitor_properties[PROP_INTERVAL]);
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
  LfProbeResult *probe;

  g_return_val_if_fail (LF_IS_MONITOR (self), FALSE);
  g_return_val_if_fail (reference_id != NULL, FALSE);

  if (self->catalog == NULL)
    return FALSE;

  reference = lf_catalog_lookup_reference (self->catalog, reference_id);
  if (reference == NULL)
    return FALSE;

  probe = g_hash_table_lookup (self->reference_results, reference_id);
  return lf_monitor_reference_answered (reference, probe);
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
  g_object_notify_by_pspec (G_OBJECT (self), lf_monitor_properties[PROP_RUNNING]);

  if (self->mirror_check != NULL)
    return;

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
  g_object_notify_by_pspec (G_OBJECT (self), lf_monitor_properties[PROP_RUNNING]);
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

  if (self->mirror_check != NULL)
    {
      self->mirror_check (self->mirror_data);
      return;
    }

  if (self->round != NULL)
    {
      self->check_again = TRUE;
      return;
    }

  g_clear_handle_id (&self->round_source, g_source_remove);
  lf_monitor_start_round (self);
}
