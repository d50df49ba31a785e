/* lf-test-smtp-server.c — run tests/smtp-server.py (aiosmtpd) from a test
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-test-smtp-server.h"
#include "lf-test-utils.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>

/**
 * lf_test_smtp_server_start:
 * @port: a port, or 0 for a free one
 * @security: plain, STARTTLS (offered and required) or implicit TLS, with
 *   tests/data/test-server-cert.pem
 * @user: (nullable): require AUTH with @user and @password
 *
 * Starts a real SMTP server on 127.0.0.1 and waits until it listens.
 */
LfTestSmtpServer *
lf_test_smtp_server_start (guint               port,
                           LfTestSmtpSecurity  security,
                           const char *user,
                           const char *password)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  LfTestSmtpServer *server = g_new0 (LfTestSmtpServer, 1);

  server->directory = g_dir_make_tmp ("lifeline-smtp-XXXXXX", &error);
  g_assert_no_error (error);

  g_ptr_array_add (argv, g_strdup ("/usr/bin/python3"));
  g_ptr_array_add (argv, g_test_build_filename (G_TEST_DIST, "smtp-server.py", NULL));
  g_ptr_array_add (argv, g_strdup (server->directory));
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", port));
  if (security != LF_TEST_SMTP_PLAIN)
    {
      g_ptr_array_add (argv, g_strdup (security == LF_TEST_SMTP_TLS ? "--tls" : "--starttls"));
      g_ptr_array_add (argv, lf_test_build_data_path ("test-server-cert.pem"));
      g_ptr_array_add (argv, lf_test_build_data_path ("test-server-key.pem"));
    }
  if (user != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--auth"));
      g_ptr_array_add (argv, g_strdup (user));
      g_ptr_array_add (argv, g_strdup (password));
    }
  g_ptr_array_add (argv, NULL);

  /* stdin is a pipe we keep open: the server stops when the test process dies. */
  server->process = g_subprocess_newv ((const char * const *) argv->pdata,
                                       G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                       G_SUBPROCESS_FLAGS_STDIN_PIPE, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "READY "));
  server->port = atoi (line + 6);
  g_assert_cmpuint (server->port, >, 0);

  return server;
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  return atoi (*(const char * const *) a) - atoi (*(const char * const *) b);
}

/**
 * lf_test_smtp_server_get_messages:
 *
 * Returns: (transfer full) (element-type JsonObject): the messages received so far, in order
 */
GPtrArray *
lf_test_smtp_server_get_messages (LfTestSmtpServer *server)
{
  g_autoptr(GDir) dir = g_dir_open (server->directory, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *messages = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json") && name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_numbers);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (server->directory,
                                                g_ptr_array_index (names, i), NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
      g_ptr_array_add (messages, json_object_ref (json_node_get_object (json_parser_get_root (parser))));
    }

  return messages;
}

void
lf_test_smtp_server_stop (LfTestSmtpServer *server)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, NULL);
  g_object_unref (server->process);

  dir = g_dir_open (server->directory, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (server->directory, name, NULL);

      g_unlink (path);
    }
  g_rmdir (server->directory);
  g_free (server->directory);
  g_free (server);
}

/**
 * lf_test_free_port:
 *
 * Returns: a loopback TCP port nobody listens on (just released)
 */
guint
lf_test_free_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}
