/* lf-test-utils.c — helpers shared by the test programs
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-test-utils.h"

#include <glib/gstdio.h>
#include <stdlib.h>

static char *test_home;

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFile *child;

      while (g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) && child != NULL)
        remove_tree (child);
    }

  g_file_delete (file, NULL, NULL);
}

static void
remove_test_home (void)
{
  g_autoptr(GFile) home = NULL;

  if (test_home == NULL)
    return;

  home = g_file_new_for_path (test_home);
  remove_tree (home);
  g_clear_pointer (&test_home, g_free);
}

/**
 * lf_test_init:
 *
 * g_test_init() with a private home: HOME and the XDG data, config, cache and state folders
 * point into a fresh temporary folder (removed at exit), so nothing a test writes reaches the
 * user's real files. XDG_DATA_DIRS is kept: GTK needs the system MIME database to load icons.
 */
void
lf_test_init (int    *argc,
              char ***argv)
{
  g_autoptr(GError) error = NULL;
  const struct { const char *var; const char *dir; } dirs[] = {
    { "XDG_DATA_HOME", "data" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" },
    { "XDG_STATE_HOME", "state" },
  };

  test_home = g_dir_make_tmp ("lifeline-test-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", test_home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = g_build_filename (test_home, dirs[i].dir, NULL);

      g_mkdir_with_parents (path, 0700);
      g_setenv (dirs[i].var, path, TRUE);
    }
  atexit (remove_test_home);

  g_test_init (argc, argv, NULL);
}

/**
 * lf_test_build_data_path:
 * @name: a file under tests/data/
 *
 * Returns: (transfer full): the absolute path of a test fixture
 */
char *
lf_test_build_data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static gboolean
on_timeout_cb (gpointer data)
{
  gboolean *expired = data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * lf_test_wait_for:
 *
 * Iterates the default main context until @predicate returns %TRUE or @timeout_ms passes.
 *
 * Returns: %TRUE if the predicate became true in time
 */
gboolean
lf_test_wait_for (gboolean (*predicate) (gpointer data),
                  gpointer   data,
                  guint      timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout_cb, &expired);

  while (!predicate (data) && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (!expired)
    g_source_remove (id);

  return predicate (data);
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

/**
 * lf_test_wait_for_flag:
 *
 * Iterates the default main context until *@flag is %TRUE; fails the test on timeout.
 */
void
lf_test_wait_for_flag (gboolean *flag,
                       guint     timeout_ms)
{
  if (!lf_test_wait_for (flag_is_set, flag, timeout_ms))
    g_error ("Timed out after %u ms", timeout_ms);
}

gboolean
lf_test_have_display (void)
{
  return g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL;
}

/**
 * lf_test_dbus_up:
 *
 * Starts a private session bus like g_test_dbus_up(), but keeps $DISPLAY, which GTestDBus
 * unsets (to stop X11 autolaunch) and which the widget tests need.
 */
GTestDBus *
lf_test_dbus_up (void)
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  GTestDBus *bus = g_test_dbus_new (G_TEST_DBUS_NONE);

  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  return bus;
}

/**
 * lf_test_dbus_stop:
 *
 * Stops the private bus. Unlike g_test_dbus_down() (also run when the #GTestDBus is
 * finalized) it does not wait for the session connection to be finalized: GTK keeps it for
 * the portal settings for the life of the process. The #GTestDBus is deliberately leaked.
 */
void
lf_test_dbus_stop (GTestDBus *bus)
{
  g_test_dbus_stop (bus);
}

void
lf_test_skip_no_display (void)
{
  g_test_skip ("No display: run the suite through `make check` (Xvfb)");
}

/**
 * lf_test_get_binary:
 *
 * Returns: the path of the built `lifeline` program (from $LIFELINE_BINARY)
 */
const char *
lf_test_get_binary (void)
{
  const char *path = g_getenv ("LIFELINE_BINARY");

  g_assert_nonnull (path);
  return path;
}

typedef struct
{
  gboolean  done;
  char     *out;
  char     *err;
} Communicate;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Communicate *communicate = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &communicate->out,
                                        &communicate->err, &error);
  g_assert_no_error (error);
  communicate->done = TRUE;
}

/**
 * lf_test_run_lifeline:
 * @run: (nullable): how (see #LfTestRun); %NULL for the defaults
 * @args: the arguments after the program's name, NULL-terminated
 * @out: (out) (optional): what it printed on stdout
 * @err: (out) (optional): what it printed on stderr
 *
 * Runs the program to its end; fails the test if it does not exit by itself in time or is
 * killed by a signal.
 *
 * Returns: its exit status
 */
int
lf_test_run_lifeline (const LfTestRun     *run,
                      const char * const  *args,
                      char               **out,
                      char               **err)
{
  static const LfTestRun defaults = { 0 };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  Communicate communicate = { 0 };

  if (run == NULL)
    run = &defaults;

  g_ptr_array_add (argv, (gpointer) (run->program != NULL ? run->program
                                                         : lf_test_get_binary ()));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  if (run->bus_nowhere)
    g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS",
                                  "unix:path=/nonexistent", TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  if (run->keyring != NULL)
    {
      g_subprocess_launcher_setenv (launcher, "SECRET_BACKEND", "file", TRUE);
      g_subprocess_launcher_setenv (launcher, "SECRET_FILE_TEST_PATH", run->keyring, TRUE);
      g_subprocess_launcher_setenv (launcher, "SECRET_FILE_TEST_PASSWORD", "test-password",
                                    TRUE);
    }
  else
    g_subprocess_launcher_unsetenv (launcher, "SECRET_BACKEND");
  if (run->data_home != NULL)
    g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", run->data_home, TRUE);
  if (run->config_home != NULL)
    g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", run->config_home, TRUE);
  for (guint i = 0; run->env != NULL && run->env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (run->env[i], "=", 2);

      g_assert_nonnull (pair[1]);
      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }
  if (run->child_setup != NULL)
    g_subprocess_launcher_set_child_setup (launcher, run->child_setup, NULL, NULL);

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (proc, NULL, NULL, communicate_cb, &communicate);
  lf_test_wait_for_flag (&communicate.done, run->timeout_ms > 0 ? run->timeout_ms : 60000);

  command = g_strjoinv (" ", (char **) args);
  g_test_message ("lifeline %s:\n%s%s", command, communicate.out, communicate.err);
  if (g_subprocess_get_if_signaled (proc))
    g_error ("lifeline %s ended by signal %d; stderr: %.500s", command,
             g_subprocess_get_term_sig (proc), communicate.err);
  g_assert_true (g_subprocess_get_if_exited (proc));

  if (out != NULL)
    *out = g_steal_pointer (&communicate.out);
  if (err != NULL)
    *err = g_steal_pointer (&communicate.err);
  g_free (communicate.out);
  g_free (communicate.err);

  return g_subprocess_get_exit_status (proc);
}

/**
 * lf_test_remove_tree:
 *
 * Removes @path and everything below it (links are not followed).
 */
void
lf_test_remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  remove_tree (file);
}

static void
plan_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_assert_true (lf_plan_load_finish (LF_PLAN (source), result, NULL));
  *(gboolean *) user_data = TRUE;
}

LfPlan *
lf_test_load_plan (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "plan.json", NULL);
  LfPlan *plan = lf_plan_new (path);
  gboolean done = FALSE;

  lf_plan_load_async (plan, NULL, plan_loaded_cb, &done);
  lf_test_wait_for_flag (&done, 5000);

  return plan;
}

static void
log_loaded_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_assert_true (lf_incident_log_load_finish (LF_INCIDENT_LOG (source), result, NULL));
  *(gboolean *) user_data = TRUE;
}

LfIncidentLog *
lf_test_load_incident_log (LfPlan     *plan,
                           const char *path)
{
  LfIncidentLog *log = lf_incident_log_new (plan, path);
  gboolean done = FALSE;

  lf_incident_log_load_async (log, NULL, log_loaded_cb, &done);
  lf_test_wait_for_flag (&done, 5000);
  g_assert_true (lf_incident_log_get_loaded (log));

  return log;
}

/**
 * lf_test_bus_serve:
 * @name: (nullable): a well-known name to own, e.g. "org.gtk.Notifications"
 * @path: where the object lives
 * @xml: the D-Bus introspection of its interfaces (all of them are served)
 * @vtable: the method handler, for every interface
 *
 * Plays a desktop service on the session bus (the test's private one): a connection of its
 * own, so that it answers the code under test like another process would.
 *
 * Returns: (transfer full): the service's connection
 */
GDBusConnection *
lf_test_bus_serve (const char                 *name,
                   const char                 *path,
                   const char                 *xml,
                   const GDBusInterfaceVTable *vtable,
                   gpointer                    user_data)
{
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  GDBusConnection *connection;

  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  connection = g_dbus_connection_new_for_address_sync (
    address,
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);

  info = g_dbus_node_info_new_for_xml (xml, &error);
  g_assert_no_error (error);
  for (guint i = 0; info->interfaces[i] != NULL; i++)
    {
      g_dbus_connection_register_object (connection, path, info->interfaces[i], vtable,
                                         user_data, NULL, &error);
      g_assert_no_error (error);
    }

  if (name != NULL)
    {
      /* to the bus daemon, another process: safe to block */
      g_autoptr(GVariant) reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus",
                                                               "/org/freedesktop/DBus",
                                                               "org.freedesktop.DBus",
                                                               "RequestName",
                                                               g_variant_new ("(su)", name, 4),
                                                               G_VARIANT_TYPE ("(u)"),
                                                               G_DBUS_CALL_FLAGS_NONE, -1,
                                                               NULL, &error);

      g_assert_no_error (error);
    }

  return connection;
}

typedef struct
{
  gboolean  done;
  GVariant *reply;
  GError   *error;
} BusCall;

static void
bus_call_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  BusCall *call = user_data;

  call->reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &call->error);
  call->done = TRUE;
}

/**
 * lf_test_bus_call:
 *
 * A D-Bus call to code that answers in this thread (or calls back into it): asynchronous,
 * with the main context spun until the reply (15 s at the most).
 *
 * Returns: (transfer full) (nullable): the reply, %NULL with @error set
 */
GVariant *
lf_test_bus_call (GDBusConnection     *connection,
                  const char          *name,
                  const char          *path,
                  const char          *interface,
                  const char          *method,
                  GVariant            *parameters,
                  const GVariantType  *reply_type,
                  GError             **error)
{
  BusCall call = { 0 };

  g_dbus_connection_call (connection, name, path, interface, method, parameters, reply_type,
                          G_DBUS_CALL_FLAGS_NONE, 10000, NULL, bus_call_cb, &call);
  lf_test_wait_for_flag (&call.done, 15000);
  if (call.error != NULL)
    g_propagate_error (error, call.error);

  return call.reply;
}

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "  <interface name='org.lifeline.Test'>"
  "    <method name='Ping'/>"
  "  </interface>"
  "</node>";

#define NOTIFICATIONS_KEY "lf-test-notifications"

static void
notifications_free_state (gpointer data)
{
  LfTestNotifications *server = data;

  g_ptr_array_unref (server->log);
  g_hash_table_unref (server->shown);
  g_hash_table_unref (server->added);
  g_free (server->app_id);
  g_free (server);
}

static void
notifications_method_call (GDBusConnection       *connection,
                           const char            *sender,
                           const char            *object_path,
                           const char            *interface_name,
                           const char            *method_name,
                           GVariant              *parameters,
                           GDBusMethodInvocation *invocation,
                           gpointer               user_data)
{
  LfTestNotifications *server = user_data;
  const char *app_id;
  const char *id;

  if (g_str_equal (method_name, "Ping"))
    {
      g_dbus_method_invocation_return_value (invocation, NULL);
      return;
    }

  g_variant_get_child (parameters, 0, "&s", &app_id);
  g_variant_get_child (parameters, 1, "&s", &id);
  g_free (server->app_id);
  server->app_id = g_strdup (app_id);
  if (g_str_equal (method_name, "AddNotification"))
    {
      GVariant *notification = g_variant_get_child_value (parameters, 2);

      g_hash_table_insert (server->shown, g_strdup (id), g_variant_ref (notification));
      g_hash_table_insert (server->added, g_strdup (id), notification);
      g_ptr_array_add (server->log, g_strdup_printf ("add %s", id));
    }
  else
    {
      g_hash_table_remove (server->shown, id);
      g_ptr_array_add (server->log, g_strdup_printf ("remove %s", id));
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable notifications_vtable = { notifications_method_call, NULL, NULL };

/**
 * lf_test_notifications_new:
 *
 * Plays the desktop's notification server (org.gtk.Notifications, what GNOME Shell
 * implements and GNotification prefers) on a connection of its own, recording what it is
 * sent (#LfTestNotifications). Start it before the application sends anything.
 *
 * Returns: (transfer full): the server, for lf_test_notifications_free()
 */
LfTestNotifications *
lf_test_notifications_new (void)
{
  LfTestNotifications *server = g_new0 (LfTestNotifications, 1);

  server->log = g_ptr_array_new_with_free_func (g_free);
  server->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_variant_unref);
  server->added = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_variant_unref);
  server->connection = lf_test_bus_serve ("org.gtk.Notifications", "/org/gtk/Notifications",
                                          notifications_xml, &notifications_vtable, server);
  /* freed with the connection, after the last call it may dispatch */
  g_object_set_data_full (G_OBJECT (server->connection), NOTIFICATIONS_KEY, server,
                          notifications_free_state);

  return server;
}

/**
 * lf_test_notifications_free:
 *
 * Stops serving (the record goes with the server's connection).
 */
void
lf_test_notifications_free (LfTestNotifications *server)
{
  if (server != NULL)
    g_object_unref (server->connection);
}

/**
 * lf_test_notifications_settle:
 * @client: the connection the application sends its notifications on
 *
 * Runs what is pending in the default main context (an idle flush of the code under test),
 * then waits until @server has seen every message sent on @client before: a ping on the same
 * connection is answered after them.
 */
void
lf_test_notifications_settle (LfTestNotifications *server,
                              GDBusConnection     *client)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  reply = lf_test_bus_call (client, "org.gtk.Notifications", "/org/gtk/Notifications",
                            "org.lifeline.Test", "Ping", NULL, NULL, &error);
  g_assert_no_error (error);
}

/**
 * lf_test_notifications_find_title:
 * @table: the server's shown or added table
 * @prefix: the start of a title
 *
 * Returns: whether a notification of @table has a title starting with @prefix
 */
gboolean
lf_test_notifications_find_title (GHashTable *table,
                                  const char *prefix)
{
  GHashTableIter iter;
  gpointer notification;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &notification))
    {
      const char *title = "";

      g_variant_lookup (notification, "title", "&s", &title);
      if (g_str_has_prefix (title, prefix))
        return TRUE;
    }

  return FALSE;
}

/**
 * lf_test_notifications_serve:
 * @log: where "add ID" and "remove ID" are appended, one per call (strings it frees)
 *
 * lf_test_notifications_new() for a test that only needs the order of the calls.
 *
 * Returns: (transfer full): the server's connection
 */
GDBusConnection *
lf_test_notifications_serve (GPtrArray *log)
{
  LfTestNotifications *server = lf_test_notifications_new ();

  g_ptr_array_unref (server->log);
  server->log = g_ptr_array_ref (log);

  return server->connection;
}
