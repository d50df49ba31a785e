/* lf-background.c — running in the background and starting at login
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-background"

#include "config.h"

#include "lf-background.h"

#include <glib/gi18n.h>
#include <libportal/portal.h>

#include "lf-autostart.h"

/* Two worlds:
 *
 *  - in Flatpak, the Background portal decides: it must be asked before the last window is
 *    hidden (xdg-desktop-portal kills a windowless sandboxed app without the permission), and
 *    it writes the autostart entry itself (autostart flag, command line
 *    "lifeline --gapplication-service");
 *  - natively (Debian 12's portal has no app id for host apps), Lifeline writes or removes
 *    its own XDG autostart entry, off the main thread.
 *
 * libportal 0.6's xdp_portal_new() crashes without a session bus, so the XdpPortal is made
 * lazily, and only when the application has a bus connection.
 */

#define PORTAL_BUS_NAME  "org.freedesktop.portal.Desktop"
#define PORTAL_PATH      "/org/freedesktop/portal/desktop"
#define BACKGROUND_IFACE "org.freedesktop.portal.Background"

/* The portal's limit for SetStatus messages. */
#define STATUS_MAX_CHARS 96

struct _LfBackground
{
  GObject          parent_instance;

  GDBusConnection *connection;
  XdpPortal       *portal;
  GCancellable    *cancellable;
  gboolean         sandboxed;
};

G_DEFINE_FINAL_TYPE (LfBackground, lf_background, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
write_autostart_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  gboolean autostart = GPOINTER_TO_INT (task_data);
  g_autoptr(GError) error = NULL;

  if (!lf_autostart_set_enabled (autostart, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
request_background_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean allowed;

  allowed = xdp_portal_request_background_finish (XDP_PORTAL (object), result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!allowed)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                             _("Running in the background was not allowed"));
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_status_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  /* Optional (interface version 2): an older portal simply shows no status. */
  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Background status not set: %s", error->message);
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_background_dispose (GObject *object)
{
  LfBackground *self = LF_BACKGROUND (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->portal);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (lf_background_parent_class)->dispose (object);
}

static void
lf_background_finalize (GObject *object)
{
  LfBackground *self = LF_BACKGROUND (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lf_background_parent_class)->finalize (object);
}

static void
lf_background_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LfBackground *self = LF_BACKGROUND (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_background_class_init (LfBackgroundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lf_background_dispose;
  object_class->finalize = lf_background_finalize;
  object_class->set_property = lf_background_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL,
                         G_TYPE_DBUS_CONNECTION,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lf_background_init (LfBackground *self)
{
  self->cancellable = g_cancellable_new ();
  self->sandboxed = xdp_portal_running_under_flatpak ();
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_background_new:
 * @connection: (nullable): the session bus, or %NULL when there is none
 *
 * Returns: (transfer full): a new #LfBackground
 */
LfBackground *
lf_background_new (GDBusConnection *connection)
{
  g_return_val_if_fail (connection == NULL || G_IS_DBUS_CONNECTION (connection), NULL);

  return g_object_new (LF_TYPE_BACKGROUND,
                       "connection", connection,
                       NULL);
}

/**
 * lf_background_is_sandboxed:
 * @self: a #LfBackground
 *
 * Returns: whether Lifeline runs in Flatpak, where the Background portal decides
 */
gboolean
lf_background_is_sandboxed (LfBackground *self)
{
  g_return_val_if_fail (LF_IS_BACKGROUND (self), FALSE);

  return self->sandboxed;
}

/**
 * lf_background_request_async:
 * @self: a #LfBackground
 * @autostart: whether Lifeline should also start at login
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * In Flatpak, asks the Background portal to let Lifeline run without a window (and to start
 * it at login if @autostart). Natively, writes or removes the autostart entry in a thread.
 */
void
lf_background_request_async (LfBackground        *self,
                             gboolean             autostart,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) commandline = NULL;
  g_autofree char *reason = NULL;

  g_return_if_fail (LF_IS_BACKGROUND (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_background_request_async);

  if (!self->sandboxed)
    {
      g_task_set_task_data (task, GINT_TO_POINTER (autostart), NULL);
      g_task_run_in_thread (task, write_autostart_thread);
      return;
    }

  if (self->connection == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("No session bus: cannot ask to run in the background"));
      return;
    }

  if (self->portal == NULL)
    self->portal = xdp_portal_new ();

  commandline = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (commandline, g_strdup ("lifeline"));
  g_ptr_array_add (commandline, g_strdup ("--gapplication-service"));
  reason = g_strdup (_("Lifeline keeps watching the platforms you depend on and tells you when "
                       "one fails."));

  /* libportal 0.6 takes its own reference on the command line; ours is dropped here. */
  xdp_portal_request_background (self->portal, NULL, reason, commandline,
                                 autostart ? XDP_BACKGROUND_FLAG_AUTOSTART
                                           : XDP_BACKGROUND_FLAG_NONE,
                                 cancellable, request_background_cb, g_steal_pointer (&task));
}

gboolean
lf_background_request_finish (LfBackground  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (LF_IS_BACKGROUND (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lf_background_set_status:
 * @self: a #LfBackground
 * @message: one line, e.g. "All clear" or "Cloudflare outage"
 *
 * In Flatpak, shows @message next to Lifeline in the desktop's list of background apps
 * (Background portal v2 SetStatus; libportal 0.6 has no wrapper). Does nothing natively.
 */
void
lf_background_set_status (LfBackground *self,
                          const char   *message)
{
  g_autofree char *line = NULL;
  g_auto(GVariantBuilder) options = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);

  g_return_if_fail (LF_IS_BACKGROUND (self));
  g_return_if_fail (message != NULL);

  if (!self->sandboxed || self->connection == NULL)
    return;

  /* One line of at most 96 characters, as the portal demands. */
  line = g_strdelimit (g_utf8_substring (message, 0, MIN (g_utf8_strlen (message, -1),
                                                          STATUS_MAX_CHARS)),
                       "\r\n", ' ');
  g_variant_builder_add (&options, "{sv}", "message", g_variant_new_string (line));

  g_dbus_connection_call (self->connection, PORTAL_BUS_NAME, PORTAL_PATH, BACKGROUND_IFACE,
                          "SetStatus", g_variant_new ("(@a{sv})", g_variant_builder_end (&options)),
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable,
                          set_status_cb, NULL);
}
