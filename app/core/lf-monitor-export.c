/* lf-monitor-export.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-monitor-export"

#include "config.h"

#include "lf-monitor-export.h"

#include "lf-monitor-dbus.h"
#include "lf-state-variant.h"

/* The background monitor's one LfMonitor (or whichever monitor the front ends show as the
 * health: LfContext:active-monitor), exported with an org.freedesktop.DBus.ObjectManager at the
 * given path (docs/background.md):
 *
 *   PATH/health           io.github.lifeline.Monitor   diagnosis, progress, vendor status,
 *                                                       CheckNow()
 *   PATH/platforms/ID     io.github.lifeline.Platform  one per watched platform: its whole
 *                                                       state as one a{sv}
 *
 * A platform's properties change in bursts (a probe moves state, cause, latency, explanation
 * and last-checked at once): changed platforms are collected and serialised once, in an
 * idle, and the skeletons send one PropertiesChanged each. A window sees a change well
 * within a second. */

struct _LfMonitorExport
{
  GObject                   parent_instance;

  GDBusObjectManagerServer *manager;
  LfDBusObjectSkeleton     *health_object;
  LfDBusMonitor            *health;
  LfMonitor                *monitor;
  GHashTable               *platforms;   /* id → LfDBusObjectSkeleton */
  GHashTable               *dirty;       /* LfPlatformState set, changed since the last sync */
  char                     *path;
  guint                     sync_source;
};

G_DEFINE_FINAL_TYPE (LfMonitorExport, lf_monitor_export, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static char *
platform_path (LfMonitorExport *self,
               const char      *id)
{
  g_autofree char *escaped = g_dbus_escape_object_path (id);

  return g_strdup_printf ("%s/" LF_MONITOR_EXPORT_PLATFORMS "/%s", self->path, escaped);
}

static GVariant *
provider_status_variant (LfMonitor *monitor)
{
  g_autoptr(GPtrArray) ids = lf_monitor_get_provider_ids (monitor);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sa{sv}}"));
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      LfStatusReport *report = lf_monitor_get_provider_status (monitor, id);

      if (report != NULL)
        g_variant_builder_add (&builder, "{s@a{sv}}", id, lf_status_report_to_variant (report));
    }

  return g_variant_builder_end (&builder);
}

static void
sync_health (LfMonitorExport *self)
{
  LfMonitor *monitor = self->monitor;
  g_autoptr(GVariant) diagnosis = g_variant_ref_sink (lf_diagnosis_to_variant (lf_monitor_get_diagnosis (monitor)));
  g_autoptr(GVariant) providers = g_variant_ref_sink (provider_status_variant (monitor));

  lf_dbus_monitor_set_diagnosis (self->health, diagnosis);
  lf_dbus_monitor_set_provider_status (self->health, providers);
  lf_dbus_monitor_set_checking (self->health, lf_monitor_get_checking (monitor));
  lf_dbus_monitor_set_last_checked (self->health, lf_monitor_get_last_checked (monitor));
  lf_dbus_monitor_set_network_available (self->health, lf_monitor_get_network_available (monitor));
}

static void
sync_platform (LfMonitorExport *self,
               LfPlatformState *state,
               guint            position)
{
  const char *id = lf_platform_state_get_id (state);
  LfDBusObjectSkeleton *object = g_hash_table_lookup (self->platforms, id);
  g_autoptr(GVariant) value = g_variant_ref_sink (lf_platform_state_to_variant (state));
  g_autoptr(LfDBusPlatform) platform = NULL;

  if (object == NULL)
    {
      g_autofree char *path = platform_path (self, id);

      object = lf_dbus_object_skeleton_new (path);
      platform = lf_dbus_platform_skeleton_new ();
      lf_dbus_platform_set_id (platform, id);
      lf_dbus_platform_set_position (platform, position);
      lf_dbus_platform_set_state (platform, value);
      lf_dbus_object_skeleton_set_platform (object, platform);
      g_hash_table_insert (self->platforms, g_strdup (id), object);
      g_dbus_object_manager_server_export (self->manager, G_DBUS_OBJECT_SKELETON (object));
      return;
    }

  platform = lf_dbus_object_get_platform (LF_DBUS_OBJECT (object));
  if (position != G_MAXUINT)
    lf_dbus_platform_set_position (platform, position);
  lf_dbus_platform_set_state (platform, value);
}

static void
sync_platform_list (LfMonitorExport *self)
{
  GListModel *platforms = lf_monitor_get_platforms (self->monitor);
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < g_list_model_get_n_items (platforms); i++)
    {
      g_autoptr(LfPlatformState) state = g_list_model_get_item (platforms, i);

      sync_platform (self, state, i);
      g_hash_table_add (keep, (gpointer) lf_platform_state_get_id (state));
    }

  g_hash_table_iter_init (&iter, self->platforms);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_hash_table_contains (keep, key))
        continue;

      g_dbus_object_manager_server_unexport (self->manager,
                                             g_dbus_object_get_object_path (G_DBUS_OBJECT (value)));
      g_hash_table_iter_remove (&iter);
    }

  g_hash_table_remove_all (self->dirty);
}

static void
sync_cb (gpointer user_data)
{
  LfMonitorExport *self = user_data;
  GHashTableIter iter;
  gpointer state;

  self->sync_source = 0;

  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, &state, NULL))
    if (lf_monitor_lookup_platform (self->monitor, lf_platform_state_get_id (state)) == state)
      sync_platform (self, state, G_MAXUINT);
  g_hash_table_remove_all (self->dirty);

  sync_health (self);
}

static void
schedule_sync (LfMonitorExport *self)
{
  if (self->sync_source == 0)
    self->sync_source = g_idle_add_once (sync_cb, self);
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
on_platform_notify_cb (LfPlatformState *state,
                       GParamSpec      *pspec,
                       LfMonitorExport *self)
{
  g_hash_table_add (self->dirty, state);
  schedule_sync (self);
}

static void
watch_platforms (LfMonitorExport *self,
                 guint            position,
                 guint            added)
{
  GListModel *platforms = lf_monitor_get_platforms (self->monitor);

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(LfPlatformState) state = g_list_model_get_item (platforms, i);

      g_signal_handlers_disconnect_by_func (state, on_platform_notify_cb, self);
      g_signal_connect_object (state, "notify", G_CALLBACK (on_platform_notify_cb), self,
                               G_CONNECT_DEFAULT);
    }
}

static void
on_platforms_changed_cb (GListModel      *platforms,
                         guint            position,
                         guint            removed,
                         guint            added,
                         LfMonitorExport *self)
{
  watch_platforms (self, position, added);
  sync_platform_list (self);
}

static void
on_monitor_notify_cb (LfMonitor       *monitor,
                      GParamSpec      *pspec,
                      LfMonitorExport *self)
{
  schedule_sync (self);
}

static gboolean
on_handle_check_now_cb (LfDBusMonitor         *health,
                        GDBusMethodInvocation *invocation,
                        LfMonitorExport       *self)
{
  lf_monitor_check_now (self->monitor);
  lf_dbus_monitor_complete_check_now (health, invocation);

  return TRUE;
}

static void
unwatch_monitor (LfMonitorExport *self)
{
  GListModel *platforms;

  if (self->monitor == NULL)
    return;

  platforms = lf_monitor_get_platforms (self->monitor);
  for (guint i = 0; i < g_list_model_get_n_items (platforms); i++)
    {
      g_autoptr(LfPlatformState) state = g_list_model_get_item (platforms, i);

      g_signal_handlers_disconnect_by_func (state, on_platform_notify_cb, self);
    }
  g_signal_handlers_disconnect_by_data (platforms, self);
  g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_monitor_export_dispose (GObject *object)
{
  LfMonitorExport *self = LF_MONITOR_EXPORT (object);

  g_clear_handle_id (&self->sync_source, g_source_remove);
  unwatch_monitor (self);
  if (self->manager != NULL)
    g_dbus_object_manager_server_set_connection (self->manager, NULL);
  g_clear_object (&self->health);
  g_clear_object (&self->health_object);
  g_clear_pointer (&self->platforms, g_hash_table_unref);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (lf_monitor_export_parent_class)->dispose (object);
}

static void
lf_monitor_export_finalize (GObject *object)
{
  LfMonitorExport *self = LF_MONITOR_EXPORT (object);

  g_free (self->path);

  G_OBJECT_CLASS (lf_monitor_export_parent_class)->finalize (object);
}

static void
lf_monitor_export_class_init (LfMonitorExportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lf_monitor_export_dispose;
  object_class->finalize = lf_monitor_export_finalize;
}

static void
lf_monitor_export_init (LfMonitorExport *self)
{
  self->platforms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->dirty = g_hash_table_new (NULL, NULL);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_monitor_export_new:
 * @connection: the session bus
 * @object_path: where the object manager goes (the application's path + "/Monitor")
 * @monitor: the monitor to show
 *
 * Returns: (transfer full): @monitor, exported on @connection until the export is disposed
 */
LfMonitorExport *
lf_monitor_export_new (GDBusConnection *connection,
                       const char      *object_path,
                       LfMonitor       *monitor)
{
  LfMonitorExport *self;
  g_autofree char *health_path = NULL;

  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), NULL);
  g_return_val_if_fail (g_variant_is_object_path (object_path), NULL);
  g_return_val_if_fail (LF_IS_MONITOR (monitor), NULL);

  self = g_object_new (LF_TYPE_MONITOR_EXPORT, NULL);
  self->path = g_strdup (object_path);
  self->manager = g_dbus_object_manager_server_new (object_path);

  health_path = g_strdup_printf ("%s/" LF_MONITOR_EXPORT_HEALTH, object_path);
  self->health_object = lf_dbus_object_skeleton_new (health_path);
  self->health = lf_dbus_monitor_skeleton_new ();
  g_signal_connect_object (self->health, "handle-check-now", G_CALLBACK (on_handle_check_now_cb),
                           self, G_CONNECT_DEFAULT);
  lf_dbus_object_skeleton_set_monitor (self->health_object, self->health);
  g_dbus_object_manager_server_export (self->manager, G_DBUS_OBJECT_SKELETON (self->health_object));

  lf_monitor_export_set_monitor (self, monitor);
  g_dbus_object_manager_server_set_connection (self->manager, connection);

  return self;
}

/**
 * lf_monitor_export_get_monitor:
 *
 * Returns: (transfer none): the monitor shown
 */
LfMonitor *
lf_monitor_export_get_monitor (LfMonitorExport *self)
{
  g_return_val_if_fail (LF_IS_MONITOR_EXPORT (self), NULL);

  return self->monitor;
}

/**
 * lf_monitor_export_set_monitor:
 * @monitor: the monitor to show from now on (LfContext:active-monitor)
 */
void
lf_monitor_export_set_monitor (LfMonitorExport *self,
                               LfMonitor       *monitor)
{
  GListModel *platforms;

  g_return_if_fail (LF_IS_MONITOR_EXPORT (self));
  g_return_if_fail (LF_IS_MONITOR (monitor));

  if (monitor == self->monitor)
    return;

  unwatch_monitor (self);
  self->monitor = g_object_ref (monitor);
  platforms = lf_monitor_get_platforms (monitor);
  g_signal_connect_object (platforms, "items-changed", G_CALLBACK (on_platforms_changed_cb),
                           self, G_CONNECT_DEFAULT);
  g_signal_connect_object (monitor, "notify", G_CALLBACK (on_monitor_notify_cb), self,
                           G_CONNECT_DEFAULT);
  watch_platforms (self, 0, g_list_model_get_n_items (platforms));
  sync_platform_list (self);
  sync_health (self);
}

/**
 * lf_monitor_export_flush:
 *
 * Publishes pending changes now rather than in the next idle.
 */
void
lf_monitor_export_flush (LfMonitorExport *self)
{
  g_return_if_fail (LF_IS_MONITOR_EXPORT (self));

  if (self->sync_source != 0)
    {
      g_clear_handle_id (&self->sync_source, g_source_remove);
      sync_cb (self);
    }
}
