/* test-mail-client.c — the mailto: builder and the Email portal (a fake one on a private bus)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-mail-client.h"
#include "lf-test-utils.h"

static void
test_mailto_hostile (void)
{
  struct {
    const char *to[3];
    const char *bcc[3];
    const char *subject;
    const char *body;
    const char *expected;
  } cases[] = {
    { { "ada@example.com", NULL }, { NULL }, "Upwork is down", "Hello Ada,\nline 2",
      "mailto:ada@example.com?subject=Upwork%20is%20down&body=Hello%20Ada%2C%0D%0Aline%202" },
    /* Field and fragment delimiters inside values stay values. */
    { { NULL }, { "a@example.com", "b@example.com", NULL }, "Q&A? #1 100% =done",
      "a&b=c?d#e%41\r\nnext\rthird",
      "mailto:?bcc=a@example.com,b@example.com&subject=Q%26A%3F%20%231%20100%25%20%3Ddone"
      "&body=a%26b%3Dc%3Fd%23e%2541%0D%0Anext%0D%0Athird" },
    /* Non-ASCII as UTF-8 bytes; a newline cannot split the subject into a header. */
    { { NULL }, { "jurgen@example.de", NULL }, "Störung\r\nBcc: spy@example.net", "Grüße — Sam",
      "mailto:?bcc=jurgen@example.de&subject=St%C3%B6rung%20%20Bcc%3A%20spy%40example.net"
      "&body=Gr%C3%BC%C3%9Fe%20%E2%80%94%20Sam" },
    /* Addresses with commas, quotes, "?" and "&" cannot add recipients or fields. */
    { { "\"Doe, John\"@example.com", "x?cc=spy@example.net", NULL },
      { "a&bcc=spy@example.net", NULL }, NULL, NULL,
      "mailto:%22Doe%2C%20John%22@example.com,x%3Fcc%3Dspy@example.net"
      "?bcc=a%26bcc%3Dspy@example.net" },
    { { NULL }, { NULL }, NULL, NULL, "mailto:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uri = lf_mailto_build (cases[i].to, cases[i].bcc, cases[i].subject,
                                              cases[i].body);
      g_autoptr(GUri) parsed = NULL;

      g_assert_cmpstr (uri, ==, cases[i].expected);
      /* Never a raw control character, and always a URI GLib can parse. */
      for (const char *p = uri; *p != '\0'; p++)
        g_assert_true ((guchar) *p > 0x20 && (guchar) *p < 0x7f);
      parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
      g_assert_nonnull (parsed);
    }
}

/* A fake xdg-desktop-portal with the Email interface, on its own connection. */

static const char portal_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Email'>"
  "    <method name='ComposeEmail'>"
  "      <arg type='s' name='parent_window' direction='in'/>"
  "      <arg type='a{sv}' name='options' direction='in'/>"
  "      <arg type='o' name='handle' direction='out'/>"
  "    </method>"
  "    <property name='version' type='u' access='read'/>"
  "  </interface>"
  "</node>";

typedef struct
{
  GDBusConnection *connection;
  guint            version;
  GVariant        *options;
  guint32          response;
  gboolean         owned;
  char            *caller;
  char            *path;
} FakePortal;

static gboolean
emit_response_cb (gpointer user_data)
{
  FakePortal *portal = user_data;

  g_dbus_connection_emit_signal (portal->connection, portal->caller, portal->path,
                                 "org.freedesktop.portal.Request", "Response",
                                 g_variant_new ("(u@a{sv})", portal->response,
                                                g_variant_new_array (G_VARIANT_TYPE ("{sv}"),
                                                                     NULL, 0)),
                                 NULL);
  return G_SOURCE_REMOVE;
}

static void
portal_method_cb (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  FakePortal *portal = user_data;
  g_autofree char *unique = g_strdup (sender + 1);
  const char *token = NULL;

  g_clear_pointer (&portal->options, g_variant_unref);
  g_variant_get (parameters, "(&s@a{sv})", NULL, &portal->options);
  g_variant_lookup (portal->options, "handle_token", "&s", &token);
  g_strdelimit (unique, ".", '_');
  g_free (portal->caller);
  portal->caller = g_strdup (sender);
  g_free (portal->path);
  portal->path = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", unique, token);

  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", portal->path));
  g_idle_add (emit_response_cb, portal);
}

static GVariant *
portal_get_property_cb (GDBusConnection  *connection,
                        const char       *sender,
                        const char       *object_path,
                        const char       *interface_name,
                        const char       *property_name,
                        GError          **error,
                        gpointer          user_data)
{
  return g_variant_new_uint32 (((FakePortal *) user_data)->version);
}

static void
on_name_acquired_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  ((FakePortal *) user_data)->owned = TRUE;
}

static const GDBusInterfaceVTable portal_vtable = {
  portal_method_cb, portal_get_property_cb, NULL,
};

static guint
start_fake_portal (GTestDBus  *bus,
                   FakePortal *portal)
{
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (portal_xml, NULL);
  g_autoptr(GError) error = NULL;
  guint owner_id;

  portal->connection =
    g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
                                            G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                            G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                            NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (portal->connection, "/org/freedesktop/portal/desktop",
                                     info->interfaces[0], &portal_vtable, portal, NULL, &error);
  g_assert_no_error (error);
  owner_id = g_bus_own_name_on_connection (portal->connection, "org.freedesktop.portal.Desktop",
                                           G_BUS_NAME_OWNER_FLAGS_NONE, on_name_acquired_cb,
                                           NULL, portal, NULL);
  lf_test_wait_for_flag (&portal->owned, 5000);

  return owner_id;
}

typedef struct
{
  gboolean          done;
  gboolean          ok;
  LfMailClientRoute route;
  GError           *error;
} Compose;

static void
compose_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Compose *compose = user_data;

  compose->ok = lf_mail_client_compose_finish (result, &compose->route, &compose->error);
  compose->done = TRUE;
}

static GDBusConnection *
client_connection (GTestDBus *bus)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *connection;

  connection =
    g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
                                            G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                            G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                            NULL, NULL, &error);
  g_assert_no_error (error);
  return connection;
}

static void
test_mail_client_portal (void)
{
  GTestDBus *bus = lf_test_dbus_up ();
  FakePortal portal = { .version = 3, .response = 0 };
  g_autoptr(GDBusConnection) client = client_connection (bus);
  const char *bcc[] = { "ada@example.com", "jurgen@example.de", NULL };
  g_autofree const char **got_bcc = NULL;
  const char *subject = NULL, *body = NULL;
  Compose compose = { 0 };
  guint owner_id = start_fake_portal (bus, &portal);

  lf_mail_client_compose_async (client, NULL, bcc, "Upwork\nis down", "Hello,\nSam", NULL,
                                compose_cb, &compose);
  lf_test_wait_for_flag (&compose.done, 10000);
  g_assert_no_error (compose.error);
  g_assert_true (compose.ok);
  g_assert_cmpint (compose.route, ==, LF_MAIL_CLIENT_ROUTE_PORTAL);

  g_assert_nonnull (portal.options);
  g_assert_true (g_variant_lookup (portal.options, "bcc", "^a&s", &got_bcc));
  g_assert_cmpstrv (got_bcc, bcc);
  g_assert_false (g_variant_lookup (portal.options, "addresses", "^a&s", NULL));
  g_assert_true (g_variant_lookup (portal.options, "subject", "&s", &subject));
  g_assert_cmpstr (subject, ==, "Upwork is down");
  g_assert_true (g_variant_lookup (portal.options, "body", "&s", &body));
  g_assert_cmpstr (body, ==, "Hello,\nSam");

  g_bus_unown_name (owner_id);
  g_clear_pointer (&portal.options, g_variant_unref);
  g_free (portal.caller);
  g_free (portal.path);
  g_dbus_connection_close_sync (portal.connection, NULL, NULL);
  g_clear_object (&portal.connection);
  g_dbus_connection_close_sync (client, NULL, NULL);
  lf_test_dbus_stop (bus);
}

static void
test_mail_client_portal_cancelled (void)
{
  GTestDBus *bus = lf_test_dbus_up ();
  FakePortal portal = { .version = 4, .response = 1 };
  g_autoptr(GDBusConnection) client = client_connection (bus);
  const char *bcc[] = { "ada@example.com", NULL };
  Compose compose = { 0 };
  guint owner_id = start_fake_portal (bus, &portal);

  lf_mail_client_compose_async (client, NULL, bcc, "s", "b", NULL, compose_cb, &compose);
  lf_test_wait_for_flag (&compose.done, 10000);
  g_assert_false (compose.ok);
  g_assert_error (compose.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&compose.error);

  g_bus_unown_name (owner_id);
  g_clear_pointer (&portal.options, g_variant_unref);
  g_free (portal.caller);
  g_free (portal.path);
  g_dbus_connection_close_sync (portal.connection, NULL, NULL);
  g_clear_object (&portal.connection);
  g_dbus_connection_close_sync (client, NULL, NULL);
  lf_test_dbus_stop (bus);
}

static void
test_mail_client_fallbacks (void)
{
  GTestDBus *bus = lf_test_dbus_up ();
  g_autoptr(GDBusConnection) client = client_connection (bus);
  const char *bcc[] = { "ada@example.com", NULL };
  FakePortal portal = { .version = 2, .response = 0 };
  Compose compose = { 0 };
  guint owner_id;

  /* No portal on the bus: quickly falls back to mailto:, which has no handler here. */
  lf_mail_client_compose_async (client, NULL, bcc, "s", "b", NULL, compose_cb, &compose);
  lf_test_wait_for_flag (&compose.done, 10000);
  g_assert_cmpint (compose.route, ==, LF_MAIL_CLIENT_ROUTE_MAILTO);
  g_assert_false (compose.ok);
  g_assert_true (g_str_has_prefix (compose.error->message, "No mail app could be opened"));
  g_clear_error (&compose.error);

  /* A portal too old for Bcc (version 2) is not used. */
  owner_id = start_fake_portal (bus, &portal);
  memset (&compose, 0, sizeof compose);
  lf_mail_client_compose_async (client, NULL, bcc, "s", "b", NULL, compose_cb, &compose);
  lf_test_wait_for_flag (&compose.done, 10000);
  g_assert_cmpint (compose.route, ==, LF_MAIL_CLIENT_ROUTE_MAILTO);
  g_assert_null (portal.options);
  g_clear_error (&compose.error);

  g_bus_unown_name (owner_id);
  g_dbus_connection_close_sync (portal.connection, NULL, NULL);
  g_clear_object (&portal.connection);
  g_dbus_connection_close_sync (client, NULL, NULL);
  lf_test_dbus_stop (bus);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *empty = NULL;

  lf_test_init (&argc, &argv);

  /* No system MIME handlers: a mailto: must never start a real mail app from a test. */
  empty = g_build_filename (g_get_user_data_dir (), "no-system-data", NULL);
  g_mkdir_with_parents (empty, 0700);
  g_setenv ("XDG_DATA_DIRS", empty, TRUE);
  g_setenv ("GIO_USE_VFS", "local", TRUE);

  g_test_add_func ("/lifeline/mail-client/mailto-hostile", test_mailto_hostile);
  g_test_add_func ("/lifeline/mail-client/portal", test_mail_client_portal);
  g_test_add_func ("/lifeline/mail-client/portal-cancelled", test_mail_client_portal_cancelled);
  g_test_add_func ("/lifeline/mail-client/fallbacks", test_mail_client_fallbacks);

  return g_test_run ();
}
