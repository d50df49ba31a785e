/* test-channel.c — channel settings, the channel store, secrets in the keyring
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>

#include "lf-channel.h"
#include "lf-secret-schemas.h"
#include "lf-test-utils.h"

static JsonArray *
parse_array (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_channel_from_json (void)
{
  g_autoptr(JsonObject) object = parse_object (
    "{\"id\": \"mail\", \"kind\": \"smtp\", \"host\": \"smtp.example.com\", \"port\": 587,"
    " \"security\": \"starttls\", \"username\": \"sam@example.com\", \"password\": \"pw\","
    " \"from\": \"Sam Freelancer <sam@example.com>\"}");
  g_autoptr(LfChannel) channel = NULL;
  g_autoptr(JsonObject) back = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *credential = NULL;
  g_autoptr(GError) error = NULL;

  channel = lf_channel_new_from_json (object, &secret, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "pw");
  g_assert_cmpint (lf_channel_get_kind (channel), ==, LF_CHANNEL_KIND_SMTP);
  g_assert_cmpuint (lf_channel_get_port (channel), ==, 587);
  g_assert_true (lf_channel_needs_secret (channel));
  credential = lf_channel_dup_credential_id (channel);
  g_assert_cmpstr (credential, ==, "channel:mail");

  /* Without the secret unless asked. */
  back = lf_channel_to_json (channel, NULL);
  g_assert_false (json_object_has_member (back, "password"));
  g_assert_cmpstr (json_object_get_string_member (back, "host"), ==, "smtp.example.com");
}

static void
test_channel_rejects (void)
{
  const char *bad[] = {
    "{\"kind\": \"smtp\", \"host\": \"h\"}",
    "{\"id\": \"x\", \"kind\": \"pigeon\"}",
    "{\"id\": \"x\", \"kind\": \"smtp\", \"from\": \"a@b.c\"}",
    "{\"id\": \"x\", \"kind\": \"smtp\", \"host\": \"h\", \"from\": \"a@b.c\", \"port\": 70000}",
    "{\"id\": \"x\", \"kind\": \"smtp\", \"host\": \"h\", \"from\": \"a@b.c\", \"port\": \"25\"}",
    "{\"id\": \"x\", \"kind\": \"smtp\", \"host\": \"h\", \"from\": \"a@b.c\", \"security\": \"ssl3\"}",
    "{\"id\": \"x\", \"kind\": \"slack\", \"url\": \"http://hooks.slack.com/services/T\"}",
    "{\"id\": 5, \"kind\": \"slack\"}",
  };
  /* Cleartext SMTP only to this computer. */
  const char *insecure = "{\"id\": \"x\", \"kind\": \"smtp\", \"host\": \"smtp.example.com\","
                         " \"security\": \"none\", \"from\": \"a@b.c\"}";
  const char *loopback[] = { "localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]" };
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonObject) o = parse_object (bad[i]);
      g_autoptr(GError) e = NULL;

      g_assert_null (lf_channel_new_from_json (o, NULL, &e));
      g_assert_nonnull (e);
    }

  object = parse_object (insecure);
  g_assert_null (lf_channel_new_from_json (object, NULL, &error));
  g_assert_error (error, LF_CHANNEL_ERROR, LF_CHANNEL_ERROR_INSECURE);

  for (guint i = 0; i < G_N_ELEMENTS (loopback); i++)
    g_assert_true (lf_host_is_loopback (loopback[i]));
  g_assert_false (lf_host_is_loopback ("localhost.example.com"));
  g_assert_false (lf_host_is_loopback ("10.0.0.1"));
}

typedef struct
{
  gboolean   done;
  guint      count;
  JsonArray *array;
  GError    *error;
} Wait;

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->count = lf_channel_store_import_finish (LF_CHANNEL_STORE (object), result, &wait->error);
  wait->done = TRUE;
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->array = lf_channel_store_export_finish (LF_CHANNEL_STORE (object), result, &wait->error);
  wait->done = TRUE;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  lf_channel_store_load_finish (LF_CHANNEL_STORE (object), result, &wait->error);
  wait->done = TRUE;
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;
  char *secret = lf_channel_lookup_secret_finish (LF_CHANNEL (object), result, &wait->error);

  wait->array = json_array_new ();
  if (secret != NULL)
    json_array_add_string_element (wait->array, secret);
  secret_password_free (secret);
  wait->done = TRUE;
}

static void
test_channel_store_import_export (void)
{
  g_autoptr(LfChannelStore) store = lf_channel_store_new (NULL);
  g_autoptr(LfChannelStore) again = lf_channel_store_new (NULL);
  g_autoptr(JsonArray) bundle = parse_array (
    "[{\"id\": \"mail\", \"kind\": \"smtp\", \"host\": \"smtp.example.com\", \"port\": 587,"
    "  \"security\": \"starttls\", \"username\": \"sam@example.com\","
    "  \"password\": \"hunter2-smtp\", \"from\": \"Sam <sam@example.com>\"},"
    " {\"id\": \"agency-slack\", \"kind\": \"slack\","
    "  \"url\": \"https://hooks.slack.com/services/T000/B000/XXXX\"},"
    " {\"id\": \"clip\", \"kind\": \"clipboard\"}]");
  g_autoptr(JsonArray) broken = parse_array (
    "[{\"id\": \"ok\", \"kind\": \"clipboard\"}, {\"id\": \"bad\", \"kind\": \"fax\"}]");
  g_autofree char *file = NULL;
  Wait wait = { 0 };

  lf_channel_store_import_async (store, bundle, NULL, import_cb, &wait);
  lf_test_wait_for_flag (&wait.done, 10000);
  g_assert_no_error (wait.error);
  g_assert_cmpuint (wait.count, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  g_assert_cmpstr (lf_channel_get_id (lf_channel_store_get_default (store)), ==, "mail");

  /* The file has no secret. */
  g_assert_true (g_file_get_contents (lf_channel_store_get_path (store), &file, NULL, NULL));
  g_assert_null (strstr (file, "hunter2"));
  g_assert_null (strstr (file, "hooks.slack.com"));
  g_assert_nonnull (strstr (file, "smtp.example.com"));

  /* The secrets are in the keyring. */
  memset (&wait, 0, sizeof wait);
  lf_channel_lookup_secret_async (lf_channel_store_lookup (store, "agency-slack"), NULL,
                                  lookup_cb, &wait);
  lf_test_wait_for_flag (&wait.done, 10000);
  g_assert_no_error (wait.error);
  g_assert_cmpstr (json_array_get_string_element (wait.array, 0), ==,
                   "https://hooks.slack.com/services/T000/B000/XXXX");
  g_clear_pointer (&wait.array, json_array_unref);

  /* Reload from the file. */
  memset (&wait, 0, sizeof wait);
  lf_channel_store_load_async (again, NULL, load_cb, &wait);
  lf_test_wait_for_flag (&wait.done, 10000);
  g_assert_no_error (wait.error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 3);
  g_assert_cmpstr (lf_channel_get_from (lf_channel_store_lookup (again, "mail")), ==,
                   "Sam <sam@example.com>");

  /* Export: secrets only when asked. */
  memset (&wait, 0, sizeof wait);
  lf_channel_store_export_async (again, FALSE, NULL, export_cb, &wait);
  lf_test_wait_for_flag (&wait.done, 10000);
  g_assert_no_error (wait.error);
  g_assert_false (json_object_has_member (json_array_get_object_element (wait.array, 0),
                                          "password"));
  g_assert_false (json_object_has_member (json_array_get_object_element (wait.array, 1), "url"));
  g_clear_pointer (&wait.array, json_array_unref);

  memset (&wait, 0, sizeof wait);
  lf_channel_store_export_async (again, TRUE, NULL, export_cb, &wait);
  lf_test_wait_for_flag (&wait.done, 10000);
  g_assert_no_error (wait.error);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (wait.array, 0),
                                                  "password"), ==, "hunter2-smtp");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (wait.array, 1),
                                                  "url"), ==,
                   "https://hooks.slack.com/services/T000/B000/XXXX");
  g_assert_false (json_object_has_member (json_array_get_object_element (wait.array, 2), "url"));
  g_clear_pointer (&wait.array, json_array_unref);

  /* One bad channel imports nothing. */
  memset (&wait, 0, sizeof wait);
  lf_channel_store_import_async (again, broken, NULL, import_cb, &wait);
  lf_test_wait_for_flag (&wait.done, 10000);
  g_assert_error (wait.error, LF_CHANNEL_ERROR, LF_CHANNEL_ERROR_INVALID);
  g_assert_null (lf_channel_store_lookup (again, "ok"));
  g_clear_error (&wait.error);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring = NULL;

  lf_test_init (&argc, &argv);

  /* libsecret's file backend in the private test home: never the user's keyring. */
  keyring = g_build_filename (g_get_user_data_dir (), "keyrings", "test.keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test-password", TRUE);

  g_test_add_func ("/lifeline/channel/from-json", test_channel_from_json);
  g_test_add_func ("/lifeline/channel/rejects", test_channel_rejects);
  g_test_add_func ("/lifeline/channel/store-import-export", test_channel_store_import_export);

  return g_test_run ();
}
