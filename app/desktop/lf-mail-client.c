/* lf-mail-client.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-mail-client"

#include "config.h"

#include "lf-mail-client.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The desktop mail app gets a draft; the user presses Send there.
 *
 * The Email portal (org.freedesktop.portal.Email, v3 for Bcc) is called directly over GDBus
 * rather than through libportal 0.6, whose xdp_portal_compose_email() makes a synchronous
 * version query with no timeout and reads a NULL reply when no portal answers. We first ask,
 * with short timeouts, whether a portal owns the name and which Email version it has; without
 * one (or below v3) a mailto: URI built per RFC 6068 is opened with the default handler.
 */

#define PORTAL_BUS_NAME   "org.freedesktop.portal.Desktop"
#define PORTAL_PATH       "/org/freedesktop/portal/desktop"
#define PORTAL_EMAIL      "org.freedesktop.portal.Email"
#define PORTAL_REQUEST    "org.freedesktop.portal.Request"
#define PROBE_TIMEOUT_MS  1500

typedef struct
{
  GDBusConnection *connection;
  GCancellable    *cancellable;
  gulong           cancelled_id;
  GStrv            to;
  GStrv            bcc;
  char            *subject;
  char            *body;
  char            *request_path;
  guint            response_id;
  LfMailClientRoute route;
} ComposeData;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
compose_data_free (ComposeData *data)
{
  if (data->response_id != 0)
    g_dbus_connection_signal_unsubscribe (data->connection, data->response_id);
  if (data->cancelled_id != 0)
    g_cancellable_disconnect (data->cancellable, data->cancelled_id);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->connection);
  g_strfreev (data->to);
  g_strfreev (data->bcc);
  g_free (data->subject);
  g_free (data->body);
  g_free (data->request_path);
  g_free (data);
}

/* Percent-encodes everything but the unreserved characters (and "@" in addresses). */
static void
append_encoded (GString    *out,
                const char *text,
                gboolean    address)
{
  g_autofree char *escaped = g_uri_escape_string (text, address ? "@" : NULL, FALSE);

  g_string_append (out, escaped);
}

static void
append_addresses (GString            *out,
                  const char * const *addresses)
{
  gboolean first = TRUE;

  for (guint i = 0; addresses != NULL && addresses[i] != NULL; i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (addresses[i]));

      if (*trimmed == '\0')
        continue;
      if (!first)
        g_string_append_c (out, ',');
      append_encoded (out, trimmed, TRUE);
      first = FALSE;
    }
}

static gboolean
has_addresses (const char * const *addresses)
{
  return addresses != NULL && addresses[0] != NULL;
}

/* "\n", "\r\n" and "\r" all become CRLF, as RFC 6068 asks for line breaks in a body. */
static char *
crlf_lines (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r' || *p == '\n')
        {
          g_string_append (out, "\r\n");
          if (*p == '\r' && p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static char *
single_line (const char *text)
{
  g_autofree char *copy = g_strdup (text);

  return g_strstrip (g_strdelimit (g_steal_pointer (&copy), "\r\n\t", ' '));
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
launch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("No mail app could be opened: %s"), error->message);
      g_error_free (error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
open_mailto (GTask *task)
{
  ComposeData *data = g_task_get_task_data (task);
  g_autofree char *uri = lf_mailto_build ((const char * const *) data->to,
                                          (const char * const *) data->bcc,
                                          data->subject, data->body);

  data->route = LF_MAIL_CLIENT_ROUTE_MAILTO;
  g_app_info_launch_default_for_uri_async (uri, NULL, g_task_get_cancellable (task),
                                           launch_cb, task);
}

static void
on_response_cb (GDBusConnection *connection,
                const char      *sender,
                const char      *path,
                const char      *interface,
                const char      *signal,
                GVariant        *parameters,
                gpointer         user_data)
{
  GTask *task = user_data;
  ComposeData *data = g_task_get_task_data (task);
  guint32 response = 2;

  g_variant_get (parameters, "(u@a{sv})", &response, NULL);
  g_dbus_connection_signal_unsubscribe (data->connection, data->response_id);
  data->response_id = 0;

  if (response == 0)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
  else if (response == 1)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The draft was cancelled"));
      g_object_unref (task);
    }
  else
    /* The portal could not hand it over (no mail app configured?): try mailto: directly. */
    open_mailto (task);
}

static gboolean
complete_cancelled_cb (gpointer user_data)
{
  GTask *task = user_data;
  ComposeData *data = g_task_get_task_data (task);

  /* Still waiting for the portal's Response: give up on it. */
  if (data->response_id != 0)
    {
      g_dbus_connection_signal_unsubscribe (data->connection, data->response_id);
      data->response_id = 0;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The draft was cancelled"));
      g_object_unref (task);
    }

  return G_SOURCE_REMOVE;
}

static void
on_cancelled_cb (GCancellable *cancellable,
                 gpointer      user_data)
{
  /* Not from inside g_cancellable_cancel(): the handler must not disconnect itself. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, complete_cancelled_cb, g_object_ref (user_data),
                   g_object_unref);
}

static void
subscribe_response (GTask      *task,
                    const char *path)
{
  ComposeData *data = g_task_get_task_data (task);

  if (data->response_id != 0)
    g_dbus_connection_signal_unsubscribe (data->connection, data->response_id);
  g_free (data->request_path);
  data->request_path = g_strdup (path);
  data->response_id = g_dbus_connection_signal_subscribe (data->connection, PORTAL_BUS_NAME,
                                                          PORTAL_REQUEST, "Response", path,
                                                          NULL,
                                                          G_DBUS_SIGNAL_FLAGS_NONE,
                                                          on_response_cb, task, NULL);
}

static void
compose_called_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  ComposeData *data = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *handle = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      g_debug ("Email portal failed (%s); using mailto:", error->message);
      if (data->response_id != 0)
        {
          g_dbus_connection_signal_unsubscribe (data->connection, data->response_id);
          data->response_id = 0;
        }
      open_mailto (task);
      return;
    }

  /* Portals before 0.9 returned a handle that differs from the one we predicted. */
  g_variant_get (reply, "(&o)", &handle);
  if (g_strcmp0 (handle, data->request_path) != 0)
    subscribe_response (task, handle);

  /* The Response may take long (the user picks a mail app): honour cancellation. */
  if (data->response_id != 0 && g_task_get_cancellable (task) != NULL && data->cancellable == NULL)
    {
      data->cancellable = g_object_ref (g_task_get_cancellable (task));
      data->cancelled_id = g_cancellable_connect (data->cancellable,
                                                  G_CALLBACK (on_cancelled_cb), task, NULL);
    }
}

static void
call_portal (GTask *task)
{
  ComposeData *data = g_task_get_task_data (task);
  g_autofree char *sender = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  GVariantBuilder options;

  sender = g_strdup (g_dbus_connection_get_unique_name (data->connection) + 1);
  g_strdelimit (sender, ".", '_');
  token = g_strdup_printf ("lifeline%u", g_random_int ());
  path = g_strdup_printf ("%s/request/%s/%s", PORTAL_PATH, sender, token);

  /* Subscribe before calling: the Response may come before the reply. */
  subscribe_response (task, path);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  if (has_addresses ((const char * const *) data->to))
    g_variant_builder_add (&options, "{sv}", "addresses",
                           g_variant_new_strv ((const char * const *) data->to, -1));
  if (has_addresses ((const char * const *) data->bcc))
    g_variant_builder_add (&options, "{sv}", "bcc",
                           g_variant_new_strv ((const char * const *) data->bcc, -1));
  if (data->subject != NULL)
    g_variant_builder_add (&options, "{sv}", "subject", g_variant_new_string (data->subject));
  if (data->body != NULL)
    g_variant_builder_add (&options, "{sv}", "body", g_variant_new_string (data->body));

  data->route = LF_MAIL_CLIENT_ROUTE_PORTAL;
  g_dbus_connection_call (data->connection, PORTAL_BUS_NAME, PORTAL_PATH, PORTAL_EMAIL,
                          "ComposeEmail", g_variant_new ("(sa{sv})", "", &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          g_task_get_cancellable (task), compose_called_cb, task);
}

static void
version_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;
  guint32 version = 0;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply != NULL)
    {
      g_variant_get (reply, "(v)", &value);
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
        version = g_variant_get_uint32 (value);
    }

  /* Bcc needs version 3 (xdg-desktop-portal 1.8+). */
  if (version >= 3)
    call_portal (task);
  else
    open_mailto (task);
}

static void
name_has_owner_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  ComposeData *data = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);

  if (!has_owner)
    {
      open_mailto (task);
      return;
    }

  g_dbus_connection_call (data->connection, PORTAL_BUS_NAME, PORTAL_PATH,
                          "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", PORTAL_EMAIL, "version"),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NO_AUTO_START,
                          PROBE_TIMEOUT_MS, g_task_get_cancellable (task), version_cb, task);
}

static void
probe_portal (GTask *task)
{
  ComposeData *data = g_task_get_task_data (task);

  g_dbus_connection_call (data->connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "NameHasOwner",
                          g_variant_new ("(s)", PORTAL_BUS_NAME), G_VARIANT_TYPE ("(b)"),
                          G_DBUS_CALL_FLAGS_NONE, PROBE_TIMEOUT_MS,
                          g_task_get_cancellable (task), name_has_owner_cb, task);
}

static void
bus_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  GTask *task = user_data;
  ComposeData *data = g_task_get_task_data (task);

  data->connection = g_bus_get_finish (result, NULL);
  if (data->connection == NULL)
    open_mailto (task);
  else
    probe_portal (task);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_mailto_build:
 * @to: (nullable): addresses for the "to" part
 * @bcc: (nullable): addresses for the bcc field
 * @subject: (nullable): the subject (made single-line)
 * @body: (nullable): the body (line breaks sent as %0D%0A)
 *
 * Builds a mailto: URI as RFC 6068 says: every character but the unreserved ones (and "@"
 * in addresses) is percent-encoded as UTF-8, so "&", "?", "#", "%", "," and "=" inside a
 * value cannot start another field or address.
 *
 * Returns: (transfer full): the URI
 */
char *
lf_mailto_build (const char * const *to,
                 const char * const *bcc,
                 const char         *subject,
                 const char         *body)
{
  GString *out = g_string_new ("mailto:");
  char separator = '?';

  append_addresses (out, to);

  if (has_addresses (bcc))
    {
      g_string_append_printf (out, "%cbcc=", separator);
      append_addresses (out, bcc);
      separator = '&';
    }
  if (subject != NULL && *subject != '\0')
    {
      g_autofree char *line = single_line (subject);

      g_string_append_printf (out, "%csubject=", separator);
      append_encoded (out, line, FALSE);
      separator = '&';
    }
  if (body != NULL && *body != '\0')
    {
      g_autofree char *crlf = crlf_lines (body);

      g_string_append_printf (out, "%cbody=", separator);
      append_encoded (out, crlf, FALSE);
    }

  return g_string_free (out, FALSE);
}

/**
 * lf_mail_client_compose_async:
 * @connection: (nullable): the session bus to look for the portal on (%NULL: the session bus)
 *
 * Opens a draft in the user's mail app: through the Email portal (v3+) when one answers
 * quickly, else through a mailto: URI.
 */
void
lf_mail_client_compose_async (GDBusConnection     *connection,
                              const char * const  *to,
                              const char * const  *bcc,
                              const char          *subject,
                              const char          *body,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  ComposeData *data;

  g_return_if_fail (connection == NULL || G_IS_DBUS_CONNECTION (connection));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_mail_client_compose_async);

  data = g_new0 (ComposeData, 1);
  data->to = g_strdupv ((GStrv) to);
  data->bcc = g_strdupv ((GStrv) bcc);
  data->subject = subject != NULL ? single_line (subject) : NULL;
  data->body = g_strdup (body);
  g_task_set_task_data (task, data, (GDestroyNotify) compose_data_free);

  if (connection != NULL)
    {
      data->connection = g_object_ref (connection);
      probe_portal (task);
    }
  else
    g_bus_get (G_BUS_TYPE_SESSION, cancellable, bus_cb, task);
}

/**
 * lf_mail_client_compose_finish:
 * @route: (out) (optional): how the draft was handed over (or attempted)
 */
gboolean
lf_mail_client_compose_finish (GAsyncResult       *result,
                               LfMailClientRoute  *route,
                               GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (route != NULL)
    *route = ((ComposeData *) g_task_get_task_data (G_TASK (result)))->route;

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
lf_mail_client_draft (const char * const  *bcc,
                      const char          *subject,
                      const char          *body,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             callback_data,
                      gpointer             user_data)
{
  lf_mail_client_compose_async (NULL, NULL, bcc, subject, body, cancellable, callback,
                                callback_data);
}

gboolean
lf_mail_client_draft_finish (GAsyncResult  *result,
                             GError       **error)
{
  return lf_mail_client_compose_finish (result, NULL, error);
}
