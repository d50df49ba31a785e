/* test-cli.c — the command line, run as a separate process with no display
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-test-utils.h"

static void
test_cli_version (void)
{
  const char *args[] = { "--version", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = lf_test_run_lifeline (NULL, args, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "Lifeline " PACKAGE_VERSION "\n");
}

static void
test_cli_help (void)
{
  const char *args[] = { "--help", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = lf_test_run_lifeline (NULL, args, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "--version"));
  g_assert_nonnull (strstr (out, "Keep working when the platforms you depend on fail."));
}

static void
test_cli_unknown_option (void)
{
  const char *args[] = { "--no-such-option", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = lf_test_run_lifeline (NULL, args, &out, &err);
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "no-such-option"));
}

/* Runs `PROGRAM --check` against a loopback port that accepts the connection and never
 * answers, and returns the process's memory map (/proc/PID/maps) once the request has been
 * sent, i.e. with everything a check needs loaded. */
static char *
maps_of_blocked_check (const char *program)
{
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(GSocket) peer = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *catalog = NULL;
  g_autofree char *json = NULL;
  g_autofree char *maps_path = NULL;
  char *maps = NULL;
  char request[64] = { 0 };
  guint port;

  listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                           &error);
  g_assert_no_error (error);
  g_socket_bind (listener, any_port, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (listener, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (listener, 20);
  bound = g_socket_get_local_address (listener, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  dir = g_build_filename (g_getenv ("XDG_DATA_HOME"), "cli-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (dir));
  catalog = g_build_filename (dir, "catalog.json", NULL);
  json = g_strdup_printf ("{ \"version\": 1, \"references\": [], \"providers\": [],"
                          "  \"platforms\": [ { \"id\": \"silent\", \"name\": \"Silent\","
                          "    \"category\": \"marketplace\", \"providers\": [],"
                          "    \"probes\": [ { \"url\": \"http://127.0.0.1:%u/\" } ] } ] }",
                          port);
  g_assert_true (g_file_set_contents (catalog, json, -1, NULL));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  proc = g_subprocess_launcher_spawn (launcher, &error, program, "--check", "--catalog", catalog,
                                      "--timeout", "30", NULL);
  g_assert_no_error (error);

  /* The request arrives: the check is running and waits for the answer. */
  peer = g_socket_accept (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (peer, 20);
  g_assert_cmpint (g_socket_receive (peer, request, sizeof request - 1, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (request, "GET / HTTP/1.1"));

  maps_path = g_strdup_printf ("/proc/%s/maps", g_subprocess_get_identifier (proc));
  g_assert_true (g_file_get_contents (maps_path, &maps, NULL, &error));
  g_assert_no_error (error);

  g_subprocess_force_exit (proc);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);

  return maps;
}

static void
test_cli_check_without_gtk (void)
{
  g_autofree char *maps = maps_of_blocked_check (lf_test_get_binary ());

  /* The check runs on the engine (libsoup) and never loads the desktop's libraries. */
  g_assert_nonnull (strstr (maps, "libsoup-3.0.so"));
  g_assert_null (strstr (maps, "libgtk-4.so"));
  g_assert_null (strstr (maps, "libadwaita-1.so"));
}

static void
test_cli_gui_has_gtk (void)
{
  g_autofree char *dir = g_path_get_dirname (lf_test_get_binary ());
  g_autofree char *gui = g_build_filename (dir, "lifeline-gui", NULL);
  g_autofree char *maps = maps_of_blocked_check (gui);

  /* The control: the desktop application's program does load GTK, and the map shows it. */
  g_assert_nonnull (strstr (maps, "libgtk-4.so"));
  g_assert_nonnull (strstr (maps, "libadwaita-1.so"));
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/cli/version", test_cli_version);
  g_test_add_func ("/lifeline/cli/help", test_cli_help);
  g_test_add_func ("/lifeline/cli/unknown-option", test_cli_unknown_option);
  g_test_add_func ("/lifeline/cli/check-without-gtk", test_cli_check_without_gtk);
  g_test_add_func ("/lifeline/cli/gui-has-gtk", test_cli_gui_has_gtk);

  return g_test_run ();
}
