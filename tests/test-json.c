/* test-json.c — the one JSON entry point: strict, bounded, and not to be walked around
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lf-http.h"
#include "lf-json.h"
#include "lf-json-file.h"
#include "lf-storage.h"
#include "lf-status.h"
#include "lf-test-server.h"
#include "lf-test-utils.h"

#define N_BRACKETS 100000

/* A prefix that fooled the old bracket counter, then N_BRACKETS "[". */
static char *
bypass (const char *prefix)
{
  GString *out = g_string_new (prefix);

  for (guint i = 0; i < N_BRACKETS; i++)
    g_string_append_c (out, '[');
  return g_string_free (out, FALSE);
}

static const char *bypass_prefixes[] = {
  "'\"'",
  "/* \" */",
  "[\"a\", '\"', ",
  "{\"a\": /* \" */ ",
  "# \"\n",
  "",
};

static void
assert_refused (const char *text,
                gssize      length,
                const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = lf_json_parse (text, length, &error);

  g_assert_null (node);
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
  if (reason != NULL && strstr (error->message, reason) == NULL)
    g_error ("“%s”: expected “%s” in “%s”", text, reason, error->message);
}

static void
assert_accepted (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = lf_json_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

static void
test_bypass_refused (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bypass_prefixes); i++)
    {
      g_autofree char *text = bypass (bypass_prefixes[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert_false (lf_json_parser_load (parser, text, -1, &error));
      g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
      g_test_message ("%s… → %s", bypass_prefixes[i], error->message);
    }
}

static void
test_strict (void)
{
  g_autofree char *deep_ok = NULL;
  g_autofree char *too_deep = NULL;
  GString *s;

  assert_accepted ("{}");
  assert_accepted (" [1, -2.5e+3, 0, 0.5, true, false, null, \"a\\u00e9\\ud83d\\ude00\\n\"] ");
  assert_accepted ("\xef\xbb\xbf{\"k\": {\"x\": []}}");
  assert_accepted ("\"just a string\"");

  assert_refused ("", 0, "empty");
  assert_refused ("   ", -1, "empty");
  assert_refused ("{'a': 1}", -1, "double quotes");
  assert_refused ("['a']", -1, "double quotes");
  assert_refused ("[1] /* x */", -1, "comments");
  assert_refused ("[1, # x\n 2]", -1, "comments");
  assert_refused ("// x\n[1]", -1, "comments");
  assert_refused ("[1,]", -1, "value is missing");
  assert_refused ("{\"a\": 1,}", -1, "member name");
  assert_refused ("{a: 1}", -1, "member name");
  assert_refused ("[0x10]", -1, NULL);
  assert_refused ("[01]", -1, NULL);
  assert_refused ("[1.]", -1, "decimal point");
  assert_refused ("[-]", -1, "digits");
  assert_refused ("[1e]", -1, "exponent");
  assert_refused ("[tru]", -1, NULL);
  assert_refused ("[1] [2]", -1, "more text");
  assert_refused ("[\"a\tb\"]", -1, "control character");
  assert_refused ("[\"\\x\"]", -1, "escape");
  assert_refused ("[\"\\u12\"]", -1, "hexadecimal");
  assert_refused ("[\"\\u0000\"]", -1, "NUL");
  assert_refused ("[\"\\udc00\"]", -1, "surrogate");
  assert_refused ("[\"\\ud800x\"]", -1, "surrogate");
  assert_refused ("[\"abc", -1, "not closed");
  assert_refused ("{\"a\" 1}", -1, "“:”");
  assert_refused ("[1 2]", -1, "“,” or “]”");
  assert_refused ("{\"a\": 1 \"b\": 2}", -1, "“,” or “}”");
  assert_refused ("[\"\xff\"]", -1, "UTF-8");
  assert_refused ("[1]\0[", 4, "NUL");
  assert_refused ("[[[", -1, "ends too early");

  /* Line and column of the fault. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (lf_json_check ("{\n  \"a\": 'x'\n}", 14, &error));
    g_assert_true (g_str_has_prefix (error->message, "line 2, column 8: strings must be in double quotes"));
  }

  /* Exactly the limit passes, one more does not. */
  s = g_string_new (NULL);
  for (guint i = 0; i < LF_JSON_MAX_DEPTH; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < LF_JSON_MAX_DEPTH; i++)
    g_string_append_c (s, ']');
  deep_ok = g_string_free (s, FALSE);
  assert_accepted (deep_ok);
  too_deep = g_strdup_printf ("[%s]", deep_ok);
  assert_refused (too_deep, -1, "nested more than 64 levels");
}

static void
test_readers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = lf_json_parse_object (
    "{\"s\": \"x\", \"i\": 7, \"f\": 1.5, \"b\": true, \"a\": [\"p\", \"q\"], \"o\": {},"
    " \"n\": null, \"mixed\": [\"p\", 1]}", -1, &error);
  const char *s = "default";
  gint64 i = -1;
  gboolean b = FALSE;
  JsonArray *a = NULL;
  JsonObject *o = NULL;
  g_auto(GStrv) strv = NULL;

  g_assert_no_error (error);

  g_assert_true (lf_json_get_string (object, "s", TRUE, &s, &error));
  g_assert_cmpstr (s, ==, "x");
  g_assert_true (lf_json_get_int (object, "i", TRUE, 0, 10, &i, &error));
  g_assert_cmpint (i, ==, 7);
  g_assert_true (lf_json_get_bool (object, "b", TRUE, &b, &error));
  g_assert_true (b);
  g_assert_true (lf_json_get_array (object, "a", TRUE, &a, &error));
  g_assert_cmpuint (json_array_get_length (a), ==, 2);
  g_assert_true (lf_json_get_object (object, "o", TRUE, &o, &error));
  g_assert_nonnull (o);
  g_assert_true (lf_json_get_strv (object, "a", TRUE, &strv, &error));
  g_assert_cmpstrv (strv, ((const char * const[]) { "p", "q", NULL }));
  g_assert_no_error (error);

  /* Optional and missing, or null: unchanged. */
  s = "default";
  g_assert_true (lf_json_get_string (object, "nope", FALSE, &s, &error));
  g_assert_true (lf_json_get_string (object, "n", FALSE, &s, &error));
  g_assert_cmpstr (s, ==, "default");

  g_assert_false (lf_json_get_string (object, "nope", TRUE, &s, &error));
  g_assert_error (error, LF_JSON_ERROR, LF_JSON_ERROR_MISSING);
  g_assert_cmpstr (error->message, ==, "“nope” is missing");
  g_clear_error (&error);

  g_assert_false (lf_json_get_string (object, "i", TRUE, &s, &error));
  g_assert_error (error, LF_JSON_ERROR, LF_JSON_ERROR_TYPE);
  g_assert_cmpstr (error->message, ==, "“i” must be a string");
  g_clear_error (&error);

  g_assert_false (lf_json_get_int (object, "f", TRUE, 0, 10, &i, &error));
  g_assert_error (error, LF_JSON_ERROR, LF_JSON_ERROR_TYPE);
  g_clear_error (&error);
  g_assert_false (lf_json_get_int (object, "i", TRUE, 0, 5, &i, &error));
  g_assert_error (error, LF_JSON_ERROR, LF_JSON_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "“i” must be from 0 to 5");
  g_clear_error (&error);
  g_assert_false (lf_json_get_bool (object, "s", TRUE, &b, &error));
  g_assert_error (error, LF_JSON_ERROR, LF_JSON_ERROR_TYPE);
  g_clear_error (&error);
  g_assert_false (lf_json_get_array (object, "o", TRUE, &a, &error));
  g_assert_error (error, LF_JSON_ERROR, LF_JSON_ERROR_TYPE);
  g_clear_error (&error);
  g_assert_false (lf_json_get_object (object, "a", TRUE, &o, &error));
  g_assert_error (error, LF_JSON_ERROR, LF_JSON_ERROR_TYPE);
  g_clear_error (&error);
  g_assert_false (lf_json_get_strv (object, "mixed", TRUE, &strv, &error));
  g_assert_error (error, LF_JSON_ERROR, LF_JSON_ERROR_TYPE);
  g_clear_error (&error);

  g_assert_null (lf_json_parse_object ("[1]", -1, &error));
  g_assert_error (error, LF_JSON_ERROR, LF_JSON_ERROR_TYPE);
}

static void
on_fetch_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* A status endpoint (any, a user-added one too) that answers with a bypass: an error for
 * that platform, not a crash of the tray app. */
static void
test_status_answer (void)
{
  g_autoptr(LfTestServer) server = lf_test_server_new (FALSE);
  SoupSession *session = lf_http_session_new ();

  for (guint i = 0; i < G_N_ELEMENTS (bypass_prefixes); i++)
    {
      g_autofree char *body = bypass (bypass_prefixes[i]);
      g_autofree char *url = lf_test_server_get_url (server, "/api/v2/summary.json");
      g_autoptr(LfStatusSpec) spec = lf_status_spec_new (LF_STATUS_KIND_STATUSPAGE, url,
                                                         NULL, NULL);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(LfStatusReport) report = NULL;
      g_autoptr(GError) error = NULL;

      lf_test_response_set_body (lf_test_server_respond (server, "/api/v2/summary.json", 200),
                                 "application/json", body, -1);
      lf_status_fetch_async (session, spec, NULL, 5, NULL, on_fetch_done_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      report = lf_status_fetch_finish (result, NULL, &error);
      g_assert_null (report);
      g_assert_error (error, LF_STATUS_ERROR, LF_STATUS_ERROR_PARSE);
    }

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (session);
}

/* Nothing in app/ hands text to JSON-GLib but lf-json.c. */
static void
test_single_entry_point (void)
{
  const char *forbidden[] = {
    "json_parser_load_from_data", "json_parser_load_from_file",
    "json_parser_load_from_stream", "json_parser_load_from_mapped_file",
    "json_from_string", "json_gvariant_deserialize_data",
  };
  const char *dirs[] = { "core", "desktop", "cli", "ui" };
  g_autofree char *app = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "app", NULL);
  guint n_files = 0;

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *dir_path = g_build_filename (app, dirs[d], NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = NULL;
          g_autofree char *contents = NULL;

          if (!g_str_has_suffix (name, ".c") || g_str_equal (name, "lf-json.c"))
            continue;
          path = g_build_filename (dir_path, name, NULL);
          g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
          n_files++;
          for (guint f = 0; f < G_N_ELEMENTS (forbidden); f++)
            if (strstr (contents, forbidden[f]) != NULL)
              g_error ("%s calls %s: use lf_json_parse() (lf-json.h)", path, forbidden[f]);
        }
    }
  g_assert_cmpuint (n_files, >, 50);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
result_is_set (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* The list stores' one writer: the document lf_json_file_read_list() reads back, owner-only,
 * replaced whole. */
static void
test_list_file (void)
{
  g_autofree char *path = lf_storage_build_data_path ("list-file.json");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint round = 1; round <= 2; round++)
    {
      g_autoptr(JsonArray) list = json_array_new ();
      g_autoptr(JsonArray) read = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      GStatBuf buf;

      for (guint i = 0; i < round; i++)
        {
          JsonObject *item = json_object_new ();

          json_object_set_string_member (item, "id", i == 0 ? "mail" : "chat & <co>");
          json_array_add_object_element (list, item);
        }
      lf_json_file_write_list_async (path, "channels", list, NULL, written_cb, &result);
      g_assert_true (lf_test_wait_for (result_is_set, &result, 5000));
      g_assert_true (lf_json_file_write_list_finish (result, &error));
      g_assert_no_error (error);

      g_assert_cmpint (g_stat (path, &buf), ==, 0);
      g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
      g_assert_true (lf_json_file_read_list (path, 1024 * 1024, "channels", &read, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (json_array_get_length (read), ==, round);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (read,
                                                                                     round - 1),
                                                      "id"),
                       ==, round == 1 ? "mail" : "chat & <co>");
    }

  /* Another member is not this list: refused as the wrong document. */
  {
    g_autoptr(JsonArray) read = NULL;

    g_assert_false (lf_json_file_read_list (path, 1024 * 1024, "templates", &read, &error));
    g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
  }
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/json/bypass-refused", test_bypass_refused);
  g_test_add_func ("/json/strict", test_strict);
  g_test_add_func ("/json/readers", test_readers);
  g_test_add_func ("/json/status-answer", test_status_answer);
  g_test_add_func ("/json/single-entry-point", test_single_entry_point);
  g_test_add_func ("/json/list-file", test_list_file);

  return g_test_run ();
}
