/* test-smtp.c — e-mail over SMTP against a real server (aiosmtpd)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-smtp.h"
#include "lf-test-smtp-server.h"
#include "lf-test-utils.h"

typedef struct
{
  GPtrArray *results;
  GError    *error;
  gboolean   done;
  GArray    *progress;  /* guint index, in call order */
  GPtrArray *progress_errors;
} SendState;

static void
on_progress_cb (guint         index,
                const GError *error,
                gpointer      user_data)
{
  SendState *state = user_data;

  g_assert_false (state->done);
  g_array_append_val (state->progress, index);
  g_ptr_array_add (state->progress_errors, error != NULL ? g_error_copy (error) : NULL);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SendState *state = user_data;

  state->results = lf_smtp_send_finish (result, &state->error);
  state->done = TRUE;
}

static void
free_error (gpointer error)
{
  if (error != NULL)
    g_error_free (error);
}

static gboolean sent_before;

/* Whether this process maps a library whose file name starts with @prefix. */
static gboolean
maps_library (const char *prefix)
{
  g_autofree char *maps = NULL;
  g_autofree char *needle = g_strconcat ("/", prefix, NULL);

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, needle) != NULL;
}

static void
send_and_wait (LfSmtpConfig *config,
               GPtrArray    *messages,
               SendState    *state)
{
  sent_before = TRUE;
  memset (state, 0, sizeof *state);
  state->progress = g_array_new (FALSE, FALSE, sizeof (guint));
  state->progress_errors = g_ptr_array_new_with_free_func (free_error);
  lf_smtp_send_async (config, messages, on_progress_cb, state, NULL, NULL, send_cb, state);
  lf_test_wait_for_flag (&state->done, 30000);
}

static void
send_state_clear (SendState *state)
{
  g_clear_pointer (&state->results, g_ptr_array_unref);
  g_clear_error (&state->error);
  g_clear_pointer (&state->progress, g_array_unref);
  g_clear_pointer (&state->progress_errors, g_ptr_array_unref);
}

static LfSmtpConfig *
make_config (guint          port,
             LfSmtpSecurity security,
             const char    *user,
             const char    *password)
{
  LfSmtpConfig *config = g_new0 (LfSmtpConfig, 1);

  config->host = g_strdup ("127.0.0.1");
  config->port = port;
  config->security = security;
  config->username = g_strdup (user);
  config->password = g_strdup (password);
  config->from = g_strdup ("Sam Freelancer <sam@example.com>");
  config->timeout_seconds = 10;

  return config;
}

static GPtrArray *
make_messages (void)
{
  GPtrArray *messages = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_mail_message_free);

  g_ptr_array_add (messages,
                   lf_mail_message_new ("ada@example.com", "Ada Lovelace",
                                        "Upwork is down: how to reach me meanwhile",
                                        "Hello Ada,\n\nUpwork is down.\n.\n.hidden dot line\n"
                                        "\nSam"));
  g_ptr_array_add (messages,
                   lf_mail_message_new ("jurgen@example.de", "Jürgen Müller, Büro",
                                        "Upwork ist gestört: So erreichen Sie mich",
                                        "Hallo Jürgen,\n\nUpwork funktioniert seit "
                                        "18. Nov. 2025, 12:20 CET nicht. Dieser Satz ist "
                                        "absichtlich länger als sechsundsiebzig Zeichen, "
                                        "damit er umbrochen wird.\n\nSam"));
  g_ptr_array_add (messages,
                   lf_mail_message_new ("grace@example.org", "Grace \"Amazing\" Hopper",
                                        "A subject with = and ?= in it",
                                        "Trailing space \nTabs\tinside\n"));

  return messages;
}

/* Extracts one header's value from a received message. */
static char *
get_header (const char *data,
            const char *name)
{
  g_autofree char *needle = g_strdup_printf ("\r\n%s: ", name);
  g_autofree char *prefixed = g_strconcat ("\r\n", data, NULL);
  const char *start = strstr (prefixed, needle);
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (needle);
  end = strstr (start, "\r\n");
  return g_strndup (start, end - start);
}

/* The message the server received is exactly the one we built: same bytes after DATA. */
static void
assert_received_exactly (JsonObject          *received,
                         const LfSmtpConfig  *config,
                         const LfMailMessage *message)
{
  const char *data = json_object_get_string_member (received, "data");
  g_autofree char *date = get_header (data, "Date");
  g_autofree char *id = get_header (data, "Message-ID");
  g_autofree char *bare_id = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *rcpt = json_object_get_array_member (received, "rcpt_tos");

  /* The envelope names exactly one recipient: nobody sees another client's address. */
  g_assert_cmpstr (json_object_get_string_member (received, "mail_from"), ==,
                   "sam@example.com");
  g_assert_cmpuint (json_array_get_length (rcpt), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (rcpt, 0), ==, message->to);

  g_assert_nonnull (date);
  g_assert_nonnull (id);
  g_assert_true (g_regex_match_simple ("^<[0-9a-f-]{36}@example\\.com>$", id, 0, 0));
  g_assert_true (g_regex_match_simple ("^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{1,2} "
                                       "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                                       "[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} \\+0000$",
                                       date, 0, 0));

  /* Rebuild with the same date and id: every other byte must match. */
  {
    g_autofree char *iso = NULL;
    static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                                           "Aug", "Sep", "Oct", "Nov", "Dec" };
    g_auto(GStrv) parts = g_strsplit_set (date, " :", -1);
    int month = 0;

    for (int m = 0; m < 12; m++)
      if (g_str_equal (parts[2], months[m]))
        month = m + 1;
    parsed = g_date_time_new_utc (atoi (parts[3]), month, atoi (parts[1]), atoi (parts[4]),
                                  atoi (parts[5]), atoi (parts[6]));
  }
  bare_id = g_strndup (id + 1, strlen (id) - 2);
  expected = lf_smtp_format_message (config, message, parsed, bare_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (data, ==, expected);
}

static void
test_smtp_format (void)
{
  g_autoptr(LfSmtpConfig) config = make_config (25, LF_SMTP_SECURITY_NONE, NULL, NULL);
  g_autoptr(GDateTime) date = g_date_time_new_utc (2025, 11, 18, 11, 20, 5);
  g_autoptr(LfMailMessage) message = NULL;
  g_autoptr(LfMailMessage) hostile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *hostile_text = NULL;

  message = lf_mail_message_new ("jurgen@example.de", "Jürgen Müller",
                                 "Upwork ist gestört: So erreichen Sie mich — jetzt und später",
                                 "Grüße\nline");
  text = lf_smtp_format_message (config, message, date, "id-1@example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==,
                   "Date: Tue, 18 Nov 2025 11:20:05 +0000\r\n"
                   "From: Sam Freelancer <sam@example.com>\r\n"
                   "To: =?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?= <jurgen@example.de>\r\n"
                   /* split between characters, never inside "—" (3 bytes) */
                   "Subject: =?UTF-8?B?VXB3b3JrIGlzdCBnZXN0w7ZydDogU28gZXJyZWljaGVuIFNpZSBtaWNo"
                   "IA==?=\r\n =?UTF-8?B?4oCUIGpldHp0IHVuZCBzcMOkdGVy?=\r\n"
                   "Message-ID: <id-1@example.com>\r\n"
                   "MIME-Version: 1.0\r\n"
                   "Content-Type: text/plain; charset=UTF-8\r\n"
                   "Content-Transfer-Encoding: quoted-printable\r\n"
                   "\r\n"
                   "Gr=C3=BC=C3=9Fe\r\nline\r\n");

  /* A name or subject with CR/LF cannot add a header; an address with one is refused. */
  hostile = lf_mail_message_new ("ada@example.com", "Ada\r\nBcc: spy@example.net",
                                 "Hi\r\nBcc: spy@example.net", "x");
  hostile_text = lf_smtp_format_message (config, hostile, date, "id-2@example.com", &error);
  g_assert_no_error (error);
  g_assert_null (strstr (hostile_text, "\r\nBcc:"));
  g_assert_nonnull (strstr (hostile_text, "\r\nTo: \"Ada  Bcc: spy@example.net\" <ada@example.com>\r\n"));
  g_assert_nonnull (strstr (hostile_text, "\r\nSubject: Hi  Bcc: spy@example.net\r\n"));

  g_clear_pointer (&hostile, lf_mail_message_free);
  hostile = lf_mail_message_new ("ada@example.com>\r\nRCPT TO:<spy@example.net", NULL, "s", "b");
  g_assert_null (lf_smtp_format_message (config, hostile, date, "id", &error));
  g_assert_error (error, LF_SMTP_ERROR, LF_SMTP_ERROR_INVALID_ADDRESS);
}

static void
test_smtp_addresses (void)
{
  const char *valid[] = { "ada@example.com", "a.b+tag@sub.example.co.uk", "x@localhost" };
  const char *invalid[] = { "", "ada", "@example.com", "ada@", "a@b@c", "ada @example.com",
                            "ada@example.com\r\n", "<ada@example.com>", "ada@example.com,bob@x",
                            "\"ada\"@example.com", "ada@example.com.", "jürgen@example.de" };
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (lf_mail_address_is_valid (valid[i]));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_false (lf_mail_address_is_valid (invalid[i]));

  g_assert_true (lf_mail_address_parse ("\"Sam F.\" <sam@example.com>", &name, &address));
  g_assert_cmpstr (name, ==, "Sam F.");
  g_assert_cmpstr (address, ==, "sam@example.com");
  g_clear_pointer (&name, g_free);
  g_clear_pointer (&address, g_free);
  g_assert_true (lf_mail_address_parse (" sam@example.com ", &name, &address));
  g_assert_null (name);
  g_assert_cmpstr (address, ==, "sam@example.com");
  g_assert_false (lf_mail_address_parse ("Sam <sam>", NULL, NULL));
}

static void
test_smtp_plain_local (void)
{
  LfTestSmtpServer *server = lf_test_smtp_server_start (0, LF_TEST_SMTP_PLAIN, NULL, NULL);
  g_autoptr(LfSmtpConfig) config = make_config (server->port, LF_SMTP_SECURITY_NONE, NULL, NULL);
  g_autoptr(GPtrArray) messages = make_messages ();
  g_autoptr(GPtrArray) received = NULL;
  SendState state;

  /* libcurl is loaded by the first sender, not linked (lf-curl.c) */
  if (!sent_before)
    g_assert_false (maps_library ("libcurl"));
  send_and_wait (config, messages, &state);
  g_assert_true (maps_library ("libcurl"));
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.results->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_null (g_ptr_array_index (state.results, i));
      g_assert_cmpuint (g_array_index (state.progress, guint, i), ==, i);
      g_assert_null (g_ptr_array_index (state.progress_errors, i));
    }

  received = lf_test_smtp_server_get_messages (server);
  g_assert_cmpuint (received->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    assert_received_exactly (g_ptr_array_index (received, i), config,
                             g_ptr_array_index (messages, i));

  /* The dot lines arrive intact (SMTP dot-stuffing is undone by the server). */
  g_assert_nonnull (strstr (json_object_get_string_member (g_ptr_array_index (received, 0), "data"),
                            "\r\n.\r\n.hidden dot line\r\n"));

  send_state_clear (&state);
  lf_test_smtp_server_stop (server);
}

static void
test_smtp_starttls_auth (void)
{
  LfTestSmtpServer *server = lf_test_smtp_server_start (0, LF_TEST_SMTP_STARTTLS, "sam", "correct horse");
  g_autoptr(LfSmtpConfig) config = make_config (server->port, LF_SMTP_SECURITY_STARTTLS,
                                                "sam", "correct horse");
  g_autoptr(GPtrArray) messages = make_messages ();
  g_autoptr(GPtrArray) received = NULL;
  SendState state;

  config->ca_file = lf_test_build_data_path ("test-ca.pem");
  send_and_wait (config, messages, &state);
  g_assert_no_error (state.error);
  for (guint i = 0; i < 3; i++)
    g_assert_no_error ((GError *) g_ptr_array_index (state.results, i));

  received = lf_test_smtp_server_get_messages (server);
  g_assert_cmpuint (received->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (received, i), "auth"),
                       ==, "sam");
      assert_received_exactly (g_ptr_array_index (received, i), config,
                               g_ptr_array_index (messages, i));
    }

  send_state_clear (&state);
  lf_test_smtp_server_stop (server);
}

static void
test_smtp_implicit_tls (void)
{
  LfTestSmtpServer *server = lf_test_smtp_server_start (0, LF_TEST_SMTP_TLS, "sam", "pw");
  g_autoptr(LfSmtpConfig) config = make_config (server->port, LF_SMTP_SECURITY_TLS, "sam", "pw");
  g_autoptr(GPtrArray) messages = make_messages ();
  g_autoptr(GPtrArray) received = NULL;
  SendState state;

  config->ca_file = lf_test_build_data_path ("test-ca.pem");
  send_and_wait (config, messages, &state);
  g_assert_no_error (state.error);
  for (guint i = 0; i < 3; i++)
    g_assert_no_error ((GError *) g_ptr_array_index (state.results, i));

  received = lf_test_smtp_server_get_messages (server);
  g_assert_cmpuint (received->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (received, i), "auth"),
                       ==, "sam");
      assert_received_exactly (g_ptr_array_index (received, i), config,
                               g_ptr_array_index (messages, i));
    }

  send_state_clear (&state);
  lf_test_smtp_server_stop (server);
}

static void
test_smtp_certificate_verified (void)
{
  LfTestSmtpServer *server = lf_test_smtp_server_start (0, LF_TEST_SMTP_STARTTLS, "sam", "pw");
  g_autoptr(LfSmtpConfig) config = make_config (server->port, LF_SMTP_SECURITY_STARTTLS,
                                                "sam", "pw");
  g_autoptr(GPtrArray) messages = make_messages ();
  g_autoptr(GPtrArray) received = NULL;
  SendState state;

  /* The test CA is not trusted by the system: the handshake must fail, nothing is sent. */
  send_and_wait (config, messages, &state);
  g_assert_no_error (state.error);
  for (guint i = 0; i < 3; i++)
    g_assert_error ((GError *) g_ptr_array_index (state.results, i), LF_SMTP_ERROR,
                    LF_SMTP_ERROR_TLS);
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (state.results, 0))->message,
                            "certificate"));

  received = lf_test_smtp_server_get_messages (server);
  g_assert_cmpuint (received->len, ==, 0);

  send_state_clear (&state);
  lf_test_smtp_server_stop (server);
}

static void
test_smtp_wrong_password (void)
{
  LfTestSmtpServer *server = lf_test_smtp_server_start (0, LF_TEST_SMTP_STARTTLS, "sam", "correct horse");
  g_autoptr(LfSmtpConfig) config = make_config (server->port, LF_SMTP_SECURITY_STARTTLS,
                                                "sam", "wrong");
  g_autoptr(GPtrArray) messages = make_messages ();
  g_autoptr(GPtrArray) received = NULL;
  SendState state;

  config->ca_file = lf_test_build_data_path ("test-ca.pem");
  send_and_wait (config, messages, &state);
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.progress->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      GError *error = g_ptr_array_index (state.results, i);

      g_assert_error (error, LF_SMTP_ERROR, LF_SMTP_ERROR_AUTH);
      g_assert_cmpstr (error->message, ==, "The mail server refused the user name or password");
      g_assert_error ((GError *) g_ptr_array_index (state.progress_errors, i), LF_SMTP_ERROR,
                      LF_SMTP_ERROR_AUTH);
    }

  received = lf_test_smtp_server_get_messages (server);
  g_assert_cmpuint (received->len, ==, 0);

  send_state_clear (&state);
  lf_test_smtp_server_stop (server);
}

static void
test_smtp_server_down_then_retry (void)
{
  guint port = lf_test_free_port ();
  g_autoptr(LfSmtpConfig) config = make_config (port, LF_SMTP_SECURITY_NONE, NULL, NULL);
  g_autoptr(GPtrArray) messages = make_messages ();
  g_autoptr(GPtrArray) retry = g_ptr_array_new ();
  g_autoptr(GPtrArray) received = NULL;
  LfTestSmtpServer *server;
  SendState state;

  send_and_wait (config, messages, &state);
  g_assert_no_error (state.error);
  for (guint i = 0; i < 3; i++)
    {
      GError *error = g_ptr_array_index (state.results, i);

      g_assert_error (error, LF_SMTP_ERROR, LF_SMTP_ERROR_CONNECT);
      g_assert_nonnull (strstr (error->message, "127.0.0.1"));
      g_ptr_array_add (retry, g_ptr_array_index (messages, i));
    }
  send_state_clear (&state);

  /* The server comes up; the failed ones are sent again. */
  server = lf_test_smtp_server_start (port, LF_TEST_SMTP_PLAIN, NULL, NULL);
  send_and_wait (config, retry, &state);
  g_assert_no_error (state.error);
  for (guint i = 0; i < 3; i++)
    g_assert_null (g_ptr_array_index (state.results, i));
  received = lf_test_smtp_server_get_messages (server);
  g_assert_cmpuint (received->len, ==, 3);

  send_state_clear (&state);
  lf_test_smtp_server_stop (server);
}

static void
test_smtp_refuses_cleartext (void)
{
  g_autoptr(LfSmtpConfig) config = make_config (25, LF_SMTP_SECURITY_NONE, "sam", "pw");
  g_autoptr(GPtrArray) messages = make_messages ();
  SendState state;

  g_free (config->host);
  config->host = g_strdup ("smtp.example.com");
  send_and_wait (config, messages, &state);
  g_assert_error (state.error, LF_SMTP_ERROR, LF_SMTP_ERROR_TLS);
  g_assert_null (state.results);
  g_assert_cmpuint (state.progress->len, ==, 0);
  send_state_clear (&state);
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/smtp/format", test_smtp_format);
  g_test_add_func ("/lifeline/smtp/addresses", test_smtp_addresses);
  g_test_add_func ("/lifeline/smtp/plain-local", test_smtp_plain_local);
  g_test_add_func ("/lifeline/smtp/starttls-auth", test_smtp_starttls_auth);
  g_test_add_func ("/lifeline/smtp/implicit-tls", test_smtp_implicit_tls);
  g_test_add_func ("/lifeline/smtp/certificate-verified", test_smtp_certificate_verified);
  g_test_add_func ("/lifeline/smtp/wrong-password", test_smtp_wrong_password);
  g_test_add_func ("/lifeline/smtp/server-down-then-retry", test_smtp_server_down_then_retry);
  g_test_add_func ("/lifeline/smtp/refuses-cleartext", test_smtp_refuses_cleartext);

  return g_test_run ();
}
