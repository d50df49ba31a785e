/* lf-monitor-remote.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-monitor-remote"

#include "config.h"

#include "lf-monitor-remote.h"

#include "lf-monitor-dbus.h"
#include "lf-monitor-export.h"
#include "lf-state-variant.h"

/* The window's side of lf-monitor-export.c. It turns an #LfMonitor into a mirror
 * (lf_monitor_set_mirror()) and keeps it showing what the background monitor exports: the
 * platforms (same objects for as long as they are listed, so rows stay), their states
 * (with #LfMonitor::state-changed for every transition), the diagnosis, the progress and the
 * vendors' status. lf_monitor_check_now() on the mirror calls CheckNow() over there. So the
 * Health page, the checklist and the composer read one kind of object, whichever process
 * probes.
 *
 * Everything is asynchronous: until the object manager answers, the mirror is empty and has
 * no diagnosis (a front end shows "Checking…"). When the background monitor goes away its
 * objects go, and the mirror empties; #LfMonitorRemote:connected says whether it is there. */

struct _LfMonitorRemote
{
  GObject             parent_instance;

  LfMonitor          *mirror;
  GDBusObjectManager *manager;
  LfDBusMonitor      *health;
  GHashTable         *states;      /* id → LfPlatformState of the mirror */
  GCancellable       *cancellable;
  gboolean            connected;
};

G_DEFINE_FINAL_TYPE (LfMonitorRemote, lf_monitor_remote, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
set_connected (LfMonitorRemote *self,
               gboolean         connected)
{
  if (self->connected == connected)
    return;

  self->connected = connected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

static int
compare_position (gconstpointer a,
                  gconstpointer b)
{
  LfDBusPlatform *pa = *(LfDBusPlatform **) a;
  LfDBusPlatform *pb = *(LfDBusPlatform **) b;
  guint x = lf_dbus_platform_get_position (pa);
  guint y = lf_dbus_platform_get_position (pb);

  return x < y ? -1 : x > y;
}

/* The mirror's list becomes the exported platforms, in their order. */
static void
sync_list (LfMonitorRemote *self)
{
  g_autoptr(GPtrArray) proxies = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) states = g_ptr_array_new ();
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  GList *objects = self->manager != NULL ? g_dbus_object_manager_get_objects (self->manager) : NULL;
  GHashTableIter iter;
  gpointer key;

  for (GList *l = objects; l != NULL; l = l->next)
    {
      LfDBusPlatform *platform = lf_dbus_object_get_platform (LF_DBUS_OBJECT (l->data));

      if (platform != NULL)
        g_ptr_array_add (proxies, platform);
    }
  g_list_free_full (objects, g_object_unref);
  g_ptr_array_sort (proxies, compare_position);

  for (guint i = 0; i < proxies->len; i++)
    {
      LfDBusPlatform *platform = g_ptr_array_index (proxies, i);
      const char *id = lf_dbus_platform_get_id (platform);
      GVariant *value = lf_dbus_platform_get_state (platform);
      LfPlatformState *state;

      if (id == NULL || value == NULL || g_hash_table_contains (keep, id))
        continue;

      state = g_hash_table_lookup (self->states, id);
      if (state == NULL)
        {
          state = lf_platform_state_new_from_variant (value);
          if (state == NULL)
            continue;
          g_hash_table_insert (self->states, g_strdup (id), state);
        }
      g_ptr_array_add (states, state);
      g_hash_table_add (keep, (gpointer) lf_platform_state_get_id (state));
    }

  lf_monitor_mirror_platforms (self->mirror, states);

  g_hash_table_iter_init (&iter, self->states);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (keep, key))
      g_hash_table_iter_remove (&iter);
}

static void
sync_platform (LfMonitorRemote *self,
               LfDBusPlatform  *platform)
{
  const char *id = lf_dbus_platform_get_id (platform);
  GVariant *value = lf_dbus_platform_get_state (platform);
  LfPlatformState *state;
  LfState old;

  if (id == NULL || value == NULL)
    return;

  state = g_hash_table_lookup (self->states, id);
  if (state == NULL)
    {
      sync_list (self);
      return;
    }

  old = lf_platform_state_get_state (state);
  lf_platform_state_update_from_variant (state, value);
  lf_monitor_mirror_transition (self->mirror, state, old);
}

static void
sync_health (LfMonitorRemote *self)
{
  g_autoptr(LfDiagnosis) diagnosis = NULL;
  GVariant *providers;
  GVariantIter iter;
  const char *provider_id;
  GVariant *report_dict;

  if (self->health == NULL)
    {
      lf_monitor_mirror_diagnosis (self->mirror, NULL);
      return;
    }

  providers = lf_dbus_monitor_get_provider_status (self->health);
  if (providers != NULL)
    {
      g_variant_iter_init (&iter, providers);
      while (g_variant_iter_loop (&iter, "{&s@a{sv}}", &provider_id, &report_dict))
        {
          g_autoptr(LfStatusReport) report = lf_status_report_from_variant (report_dict);

          lf_monitor_mirror_provider_status (self->mirror, provider_id, report);
        }
    }

  lf_monitor_mirror_progress (self->mirror, lf_dbus_monitor_get_checking (self->health),
                              lf_dbus_monitor_get_last_checked (self->health),
                              lf_dbus_monitor_get_network_available (self->health));

  if (lf_dbus_monitor_get_diagnosis (self->health) != NULL)
    diagnosis = lf_diagnosis_from_variant (lf_dbus_monitor_get_diagnosis (self->health));
  lf_monitor_mirror_diagnosis (self->mirror, diagnosis);
}

static void
find_health (LfMonitorRemote *self)
{
  GList *objects = self->manager != NULL ? g_dbus_object_manager_get_objects (self->manager) : NULL;

  g_clear_object (&self->health);
  for (GList *l = objects; l != NULL && self->health == NULL; l = l->next)
    self->health = lf_dbus_object_get_monitor (LF_DBUS_OBJECT (l->data));
  g_list_free_full (objects, g_object_unref);

  set_connected (self, self->health != NULL);
}

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lf_dbus_monitor_call_check_now_finish (LF_DBUS_MONITOR (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Asking the background monitor to check: %s", error->message);
}

static void
mirror_check_nothing (gpointer user_data)
{
}

static void
mirror_check_now (gpointer user_data)
{
  LfMonitorRemote *self = user_data;

  if (self->health != NULL)
    lf_dbus_monitor_call_check_now (self->health, self->cancellable, check_done_cb, NULL);
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
on_objects_changed_cb (GDBusObjectManager *manager,
                       GDBusObject        *object,
                       LfMonitorRemote    *self)
{
  find_health (self);
  sync_list (self);
  sync_health (self);
}

static void
on_properties_changed_cb (GDBusObjectManagerClient *manager,
                          GDBusObjectProxy         *object_proxy,
                          GDBusProxy               *interface_proxy,
                          GVariant                 *changed,
                          const char * const       *invalidated,
                          LfMonitorRemote          *self)
{
  if (LF_DBUS_IS_PLATFORM (interface_proxy))
    {
      g_autoptr(GVariant) position = g_variant_lookup_value (changed, "Position", NULL);

      if (position != NULL)
        sync_list (self);
      sync_platform (self, LF_DBUS_PLATFORM (interface_proxy));
    }
  else if (LF_DBUS_IS_MONITOR (interface_proxy))
    sync_health (self);
}

static void
manager_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LfMonitorRemote) self = user_data;
  g_autoptr(GError) error = NULL;
  GDBusObjectManager *manager = lf_dbus_object_manager_client_new_finish (result, &error);

  if (manager == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Could not follow the background monitor: %s", error->message);
      return;
    }
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_object_unref (manager);
      return;
    }

  self->manager = manager;
  g_signal_connect_object (manager, "object-added", G_CALLBACK (on_objects_changed_cb), self,
                           G_CONNECT_DEFAULT);
  g_signal_connect_object (manager, "object-removed", G_CALLBACK (on_objects_changed_cb), self,
                           G_CONNECT_DEFAULT);
  g_signal_connect_object (manager, "interface-proxy-properties-changed",
                           G_CALLBACK (on_properties_changed_cb), self, G_CONNECT_DEFAULT);
  on_objects_changed_cb (manager, NULL, self);
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_monitor_remote_dispose (GObject *object)
{
  LfMonitorRemote *self = LF_MONITOR_REMOTE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);
  g_clear_object (&self->manager);
  g_clear_object (&self->health);
  if (self->mirror != NULL)
    lf_monitor_set_mirror (self->mirror, mirror_check_nothing, NULL);
  g_clear_object (&self->mirror);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->states, g_hash_table_unref);

  G_OBJECT_CLASS (lf_monitor_remote_parent_class)->dispose (object);
}

static void
lf_monitor_remote_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LfMonitorRemote *self = LF_MONITOR_REMOTE (object);

  switch (prop_id)
    {
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_monitor_remote_class_init (LfMonitorRemoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lf_monitor_remote_dispose;
  object_class->get_property = lf_monitor_remote_get_property;

  /**
   * LfMonitorRemote:connected:
   *
   * Whether the background monitor is there (its objects are known).
   */
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lf_monitor_remote_init (LfMonitorRemote *self)
{
  self->cancellable = g_cancellable_new ();
  self->states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_monitor_remote_new:
 * @mirror: the monitor to turn into a mirror (it must not run)
 * @connection: the session bus
 * @bus_name: the background monitor's name (the application id)
 * @object_path: its object manager's path (the application's path + "/Monitor")
 *
 * Returns: (transfer full): the remote; @mirror follows it as soon as the bus answers
 */
LfMonitorRemote *
lf_monitor_remote_new (LfMonitor       *mirror,
                       GDBusConnection *connection,
                       const char      *bus_name,
                       const char      *object_path)
{
  LfMonitorRemote *self;

  g_return_val_if_fail (LF_IS_MONITOR (mirror), NULL);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), NULL);
  g_return_val_if_fail (g_dbus_is_name (bus_name), NULL);
  g_return_val_if_fail (g_variant_is_object_path (object_path), NULL);

  self = g_object_new (LF_TYPE_MONITOR_REMOTE, NULL);
  self->mirror = g_object_ref (mirror);
  /* the mirror does not hold a reference back: the remote outlives it or is disposed first */
  lf_monitor_set_mirror (mirror, mirror_check_now, self);

  lf_dbus_object_manager_client_new (connection, G_DBUS_OBJECT_MANAGER_CLIENT_FLAGS_NONE,
                                     bus_name, object_path, self->cancellable,
                                     manager_ready_cb, g_object_ref (self));

  return self;
}

/**
 * lf_monitor_remote_get_monitor:
 *
 * Returns: (transfer none): the mirror
 */
LfMonitor *
lf_monitor_remote_get_monitor (LfMonitorRemote *self)
{
  g_return_val_if_fail (LF_IS_MONITOR_REMOTE (self), NULL);

  return self->mirror;
}

/**
 * lf_monitor_remote_get_connected:
 *
 * Returns: whether the background monitor's objects are known
 */
gboolean
lf_monitor_remote_get_connected (LfMonitorRemote *self)
{
  g_return_val_if_fail (LF_IS_MONITOR_REMOTE (self), FALSE);

  return self->connected;
}
