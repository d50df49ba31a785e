/* test-contact-store-file.c — the client directory on libsecret's file backend
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file backend is what Flatpak uses (with the Secret portal); here it is forced with
 * SECRET_BACKEND=file, a keyring in the test's private home and a test password, and no
 * D-Bus at all. Also the import preview and the export → import round trip.
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lf-contact-store.h"
#include "lf-export.h"
#include "lf-import.h"
#include "lf-storage.h"
#include "lf-test-utils.h"

#define TIMEOUT_MS 30000

static char *keyring_path;

static const char *personal[] = {
  "Ada Lovelace", "ada@analytical.example", "7946", "Grace Hopper", "grace@navy.example",
  "Needle", NULL
};

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
got_result_cb (GObject      *object,
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

static void
await_result (GAsyncResult **result)
{
  if (!lf_test_wait_for (result_is_set, result, TIMEOUT_MS))
    g_error ("Timed out waiting for the keyring");
}

static LfContactStore *
load_store (void)
{
  LfContactStore *store = lf_contact_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lf_contact_store_load_async (store, NULL, got_result_cb, &result);
  await_result (&result);
  g_assert_true (lf_contact_store_load_finish (store, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lf_contact_store_get_state (store), ==, LF_CONTACT_STORE_STATE_AVAILABLE);
  return store;
}

static LfContact *
save (LfContactStore *store,
      LfContact      *contact)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LfContact *saved;

  lf_contact_store_save_async (store, contact, NULL, got_result_cb, &result);
  await_result (&result);
  saved = lf_contact_store_save_finish (store, result, &error);
  g_assert_no_error (error);
  return saved;
}

static void
delete_all (LfContactStore *store)
{
  while (g_list_model_get_n_items (G_LIST_MODEL (store)) > 0)
    {
      g_autoptr(LfContact) contact = g_list_model_get_item (G_LIST_MODEL (store), 0);
      g_autoptr(GAsyncResult) result = NULL;

      lf_contact_store_delete_async (store, contact, NULL, got_result_cb, &result);
      await_result (&result);
      g_assert_true (lf_contact_store_delete_finish (store, result, NULL));
    }
}

static LfContact *
make_full_contact (const char *name,
                   const char *email)
{
  LfContact *contact = lf_contact_new ();
  const char *platforms[] = { "upwork", "toptal", NULL };
  const char *tags[] = { "retainer", "vip, gold", NULL };

  lf_contact_set_name (contact, name);
  lf_contact_set_company (contact, "Analytical Engines; Ltd.");
  lf_contact_set_role (contact, "CTO");
  lf_contact_add_email (contact, email);
  {
    g_autofree char *second = g_strconcat ("second.", email, NULL);

    lf_contact_add_email (contact, second);
  }
  lf_contact_add_phone (contact, "+44 20 7946 0000");
  lf_contact_add_phone (contact, "(555) 123-4567");
  for (const char * const *kind = lf_contact_get_channel_kinds (); *kind; kind++)
    {
      g_autofree char *handle = g_strdup_printf ("%s-handle-for-%s", *kind, name);

      lf_contact_set_channel (contact, *kind, handle);
    }
  lf_contact_set_channel (contact, "slack", "https://analytical.slack.com/team/U1");
  lf_contact_set_preferred (contact, "slack");
  lf_contact_set_platforms (contact, platforms);
  lf_contact_set_timezone (contact, "Europe/London");
  lf_contact_set_language (contact, "en-GB");
  lf_contact_set_tags (contact, tags);
  lf_contact_set_notes (contact, "Needle: line one,\nline \"two\"; \\ done. ünïcödé");
  lf_contact_set_webhook (contact, "https://hooks.example.com/services/T/B/X");
  return contact;
}

static void
scan_tree (const char  *path,
           const char **needles)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        return;
      for (guint i = 0; needles[i] != NULL; i++)
        if (g_strstr_len (contents, length, needles[i]) != NULL)
          g_error ("Personal data “%s” found in %s", needles[i], path);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      scan_tree (child, needles);
    }
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

static void
test_file_add_edit_delete (void)
{
  g_autoptr(LfContactStore) store = load_store ();
  g_autoptr(LfContactStore) again = NULL;
  g_autoptr(LfContact) ada = make_full_contact ("Ada Lovelace", "ada@analytical.example");
  g_autoptr(LfContact) saved = NULL;
  g_autoptr(LfContact) copy = NULL;
  GStatBuf buf;

  delete_all (store);
  saved = save (store, ada);
  copy = lf_contact_copy (saved);
  lf_contact_set_role (copy, "Countess");
  g_object_unref (save (store, copy));

  /* The keyring file is owner-only and holds no plain personal data. */
  g_assert_cmpint (g_stat (keyring_path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  scan_tree (g_get_home_dir (), personal);

  again = load_store ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  g_assert_cmpstr (lf_contact_get_role (lf_contact_store_lookup (again, lf_contact_get_id (ada))),
                   ==, "Countess");
  g_assert_true (lf_contact_equal (saved, lf_contact_store_lookup (again, lf_contact_get_id (ada))));

  delete_all (again);
  g_clear_object (&again);
  again = load_store ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 0);
}

static void
test_file_unlock_reloads (void)
{
  g_autoptr(LfContactStore) store = load_store ();
  g_autoptr(GAsyncResult) result = NULL;

  /* Nothing to unlock with the file backend: unlocking reloads. */
  lf_contact_store_unlock_async (store, NULL, got_result_cb, &result);
  await_result (&result);
  g_assert_true (lf_contact_store_unlock_finish (store, result, NULL));
  g_assert_cmpint (lf_contact_store_get_state (store), ==, LF_CONTACT_STORE_STATE_AVAILABLE);
}

static void
test_file_import_preview (void)
{
  g_autoptr(LfContactStore) store = load_store ();
  g_autoptr(LfContact) ada = lf_contact_new ();
  g_autoptr(LfImportPreview) preview = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *path = lf_test_build_data_path ("contacts/google.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LfContact *merged;

  delete_all (store);
  lf_contact_set_name (ada, "Ada L.");
  lf_contact_add_email (ada, "ADA@analytical.example");
  lf_contact_set_role (ada, "Kept Role");
  g_object_unref (save (store, ada));

  lf_import_preview_load_async (store, file, NULL, NULL, NULL, NULL, got_result_cb, &result);
  await_result (&result);
  preview = lf_import_preview_load_finish (result, &error);
  g_assert_no_error (error);

  /* Ada shares an e-mail address (in another case): merged, not duplicated. */
  g_assert_cmpuint (lf_import_preview_get_added (preview)->len, ==, 1);
  g_assert_cmpuint (lf_import_preview_get_merged (preview)->len, ==, 1);
  g_assert_cmpuint (lf_import_preview_get_skipped (preview)->len, ==, 1);
  merged = lf_import_preview_get_merged (preview)->pdata[0];
  g_assert_cmpstr (lf_contact_get_name (merged), ==, "Ada L.");
  g_assert_cmpstr (lf_contact_get_role (merged), ==, "Kept Role");
  g_assert_cmpstr (lf_contact_get_company (merged), ==, "Analytical Engines Ltd.");
  g_assert_cmpuint (g_strv_length ((char **) lf_contact_get_emails (merged)), ==, 3);

  summary = lf_import_preview_to_string (preview);
  g_assert_nonnull (strstr (summary, "1 client to add"));
  g_assert_nonnull (strstr (summary, "1 existing client to merge"));
  g_assert_nonnull (strstr (summary, "row 4: no name or e-mail"));

  /* Nothing is written before apply. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_clear_object (&result);
  lf_import_preview_apply_async (preview, NULL, got_result_cb, &result);
  await_result (&result);
  g_assert_true (lf_import_preview_apply_finish (preview, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_cmpstr (lf_contact_get_company (lf_contact_store_find_by_email (store, "ada@analytical.example")),
                   ==, "Analytical Engines Ltd.");

  /* Importing the same file again changes nothing. */
  g_clear_object (&preview);
  g_clear_object (&result);
  lf_import_preview_load_async (store, file, NULL, NULL, NULL, NULL, got_result_cb, &result);
  await_result (&result);
  preview = lf_import_preview_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lf_import_preview_get_added (preview)->len, ==, 0);
  g_assert_cmpuint (lf_import_preview_get_merged (preview)->len, ==, 0);
  g_assert_cmpuint (lf_import_preview_get_n_unchanged (preview), ==, 2);
}

/* A FIFO nobody writes to: a blocking open would wait forever. It is refused at once, as
 * is a folder; a regular file over the limit is refused without being read into memory. */
static void
test_file_import_huge (void)
{
  g_autoptr(LfContactStore) store = load_store ();
  g_autofree char *fifo = g_build_filename (g_get_home_dir (), "import.fifo", NULL);
  g_autofree char *big = g_build_filename (g_get_home_dir (), "big.csv", NULL);
  const char *paths[] = { fifo, g_get_home_dir (), big };
  int fd;

  g_unlink (fifo);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  fd = g_open (big, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 4 * (goffset) LF_IMPORT_MAX_SIZE), ==, 0);
  close (fd);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(LfImportPreview) preview = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      lf_import_preview_load_async (store, file, NULL, NULL, NULL, NULL, got_result_cb,
                                    &result);
      await_result (&result);
      preview = lf_import_preview_load_finish (result, &error);
      g_assert_null (preview);
      if (i < 2)
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
      else
        g_assert_error (error, LF_STORAGE_ERROR, LF_STORAGE_ERROR_TOO_LARGE);
      g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
    }

  g_unlink (fifo);
  g_unlink (big);
}

static void
test_file_import_duplicates_in_file (void)
{
  const char *csv = "Name,E-mail Address,Mobile Phone\n"
                    "Ann One,ann@example.com,\n"
                    "Ann (work),ANN@example.com,+1 555 0100\n"
                    "Bad,bad-address,\n";
  g_autoptr(LfImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  LfContact *ann;

  preview = lf_import_preview_new (NULL, csv, -1, LF_IMPORT_FORMAT_CSV, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lf_import_preview_get_added (preview)->len, ==, 1);
  ann = lf_import_preview_get_added (preview)->pdata[0];
  g_assert_cmpstr (lf_contact_get_name (ann), ==, "Ann One");
  g_assert_cmpstr (lf_contact_get_phones (ann)[0], ==, "+1 555 0100");
  g_assert_cmpuint (lf_import_preview_get_skipped (preview)->len, ==, 1);
  g_assert_true (g_str_has_prefix (lf_import_preview_get_skipped (preview)->pdata[0],
                                   "row 4: E-mail:"));
}

static void
test_file_import_errors (void)
{
  struct { const char *data; LfImportFormat format; } cases[] = {
    { "{\"format\":\"lifeline-bundle\",\"version\":9}", LF_IMPORT_FORMAT_BUNDLE },
    { "not a vcard", LF_IMPORT_FORMAT_VCARD },
    { "a,b\n1,2\n", LF_IMPORT_FORMAT_CSV },
    { "whatever", LF_IMPORT_FORMAT_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LfImportPreview) preview = lf_import_preview_new (NULL, cases[i].data, -1,
                                                                  cases[i].format, &error);

      g_assert_null (preview);
      g_assert_nonnull (error);
    }

  g_assert_cmpint (lf_import_guess_format ("x.VCF", "", 0), ==, LF_IMPORT_FORMAT_VCARD);
  g_assert_cmpint (lf_import_guess_format ("x.txt", "  {\"a\":1}", 10), ==, LF_IMPORT_FORMAT_BUNDLE);
  g_assert_cmpint (lf_import_guess_format (NULL, "BEGIN:VCARD\r\n", 13), ==, LF_IMPORT_FORMAT_VCARD);
}

static void
round_trip (const char *extension)
{
  g_autoptr(LfContactStore) store = load_store ();
  g_autoptr(GPtrArray) originals = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LfProfile) me = lf_profile_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LfImportPreview) preview = NULL;
  g_autofree char *name = g_strconcat ("export.", extension, NULL);
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "..", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GStatBuf buf;

  delete_all (store);
  g_ptr_array_add (originals, make_full_contact ("Ada Lovelace", "ada@analytical.example"));
  g_ptr_array_add (originals, make_full_contact ("Grace Hopper", "grace@navy.example"));
  g_ptr_array_add (originals, lf_contact_new ());
  lf_contact_set_name (originals->pdata[2], "Minimal Person");
  for (guint i = 0; i < originals->len; i++)
    g_object_unref (save (store, originals->pdata[i]));
  lf_profile_set_name (me, "Sam");

  lf_export_write_async (G_LIST_MODEL (store), me, path, TRUE, NULL, got_result_cb, &result);
  await_result (&result);
  g_assert_true (lf_export_write_finish (result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);

  delete_all (store);
  g_clear_object (&result);
  lf_import_preview_load_async (store, file, NULL, NULL, NULL, NULL, got_result_cb, &result);
  await_result (&result);
  preview = lf_import_preview_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lf_import_preview_get_added (preview)->len, ==, 3);
  g_assert_cmpuint (lf_import_preview_get_skipped (preview)->len, ==, 0);
  g_clear_object (&result);
  lf_import_preview_apply_async (preview, NULL, got_result_cb, &result);
  await_result (&result);
  g_assert_true (lf_import_preview_apply_finish (preview, result, &error));
  g_assert_no_error (error);

  /* Nothing lost: every field of every contact, and the ids. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  for (guint i = 0; i < originals->len; i++)
    {
      LfContact *imported = lf_contact_store_lookup (store,
                                                     lf_contact_get_id (originals->pdata[i]));

      g_assert_nonnull (imported);
      g_assert_true (lf_contact_equal (originals->pdata[i], imported));
    }

  g_unlink (path);
}

static void
test_file_round_trip_bundle (void)
{
  round_trip ("json");
}

static void
test_file_round_trip_vcard (void)
{
  round_trip ("vcf");
}

static void
test_file_round_trip_csv (void)
{
  round_trip ("csv");
}

static void
test_file_export_without_secrets (void)
{
  g_autoptr(LfContactStore) store = load_store ();
  g_autoptr(LfContact) ada = make_full_contact ("Ada Lovelace", "ada@analytical.example");
  const char *formats[] = { "json", "vcf", "csv" };

  delete_all (store);
  g_object_unref (save (store, ada));
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strconcat ("plain.", formats[i], NULL);
      g_autofree char *path = g_build_filename (g_get_home_dir (), name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (lf_export_write (G_LIST_MODEL (store), NULL, path, FALSE, &error));
      g_assert_no_error (error);
      g_file_get_contents (path, &contents, NULL, &error);
      g_assert_nonnull (strstr (contents, "Ada Lovelace"));
      g_assert_null (strstr (contents, "hooks.example.com"));
      g_unlink (path);
    }

  g_assert_false (lf_export_write (G_LIST_MODEL (store), NULL, "/tmp/x.txt", FALSE, NULL));
  delete_all (store);
}

static void
test_file_import_bundle_me (void)
{
  const char *bundle =
    "{ \"format\": \"lifeline-bundle\", \"version\": 1,"
    "  \"me\": { \"name\": \"Sam Freelancer\", \"email\": \"sam@me.example\","
    "            \"channel\": \"WhatsApp +44 7700 900123\" },"
    "  \"contacts\": [ { \"name\": \"Zed\", \"emails\": [\"zed@example.com\"] } ],"
    "  \"templates\": [ { \"id\": \"outage\", \"name\": \"Outage\", \"subject\": \"s\","
    "                     \"body\": \"b\" } ] }";
  g_autoptr(LfContactStore) store = load_store ();
  g_autoptr(LfTemplateStore) templates = lf_template_store_new (NULL);
  g_autoptr(LfImportPreview) preview = NULL;
  g_autoptr(LfProfile) profile = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  delete_all (store);
  preview = lf_import_preview_new (store, bundle, -1, LF_IMPORT_FORMAT_BUNDLE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lf_import_preview_get_bundle (preview)->templates);
  summary = lf_import_preview_to_string (preview);
  g_assert_nonnull (strstr (summary, "Your own details"));
  g_assert_nonnull (strstr (summary, "templates"));

  /* A bundle's templates need somewhere to go: nothing is written without. */
  lf_import_preview_apply_async (preview, NULL, got_result_cb, &result);
  await_result (&result);
  g_assert_false (lf_import_preview_apply_finish (preview, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  g_assert_true (lf_template_store_load (templates, &error));
  lf_import_preview_set_targets (preview, NULL, templates, NULL);
  lf_import_preview_apply_async (preview, NULL, got_result_cb, &result);
  await_result (&result);
  g_assert_true (lf_import_preview_apply_finish (preview, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* The profile went to the keyring, not to a file. */
  lf_profile_load_async (NULL, got_result_cb, &result);
  await_result (&result);
  profile = lf_profile_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lf_profile_get_name (profile), ==, "Sam Freelancer");
  g_assert_cmpstr (lf_profile_get_email (profile), ==, "sam@me.example");
  scan_tree (g_get_user_data_dir (), (const char *[]) { "Sam Freelancer", "sam@me.example", NULL });
  scan_tree (g_get_user_config_dir (), (const char *[]) { "Sam Freelancer", NULL });
  delete_all (store);
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  /* Before the first libsecret call: the file backend, in the private home, no D-Bus. */
  keyring_path = g_build_filename (g_get_home_dir (), "keyrings", "default.keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring_path, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test-password", TRUE);
  g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");

  g_test_add_func ("/lifeline/contact-store-file/add-edit-delete", test_file_add_edit_delete);
  g_test_add_func ("/lifeline/contact-store-file/unlock-reloads", test_file_unlock_reloads);
  g_test_add_func ("/lifeline/contact-store-file/import-preview", test_file_import_preview);
  g_test_add_func ("/lifeline/contact-store-file/import-duplicates-in-file",
                   test_file_import_duplicates_in_file);
  g_test_add_func ("/lifeline/contact-store-file/import-errors", test_file_import_errors);
  g_test_add_func ("/lifeline/contact-store-file/import-huge", test_file_import_huge);
  g_test_add_func ("/lifeline/contact-store-file/import-bundle-me", test_file_import_bundle_me);
  g_test_add_func ("/lifeline/contact-store-file/round-trip-bundle", test_file_round_trip_bundle);
  g_test_add_func ("/lifeline/contact-store-file/round-trip-vcard", test_file_round_trip_vcard);
  g_test_add_func ("/lifeline/contact-store-file/round-trip-csv", test_file_round_trip_csv);
  g_test_add_func ("/lifeline/contact-store-file/export-without-secrets",
                   test_file_export_without_secrets);

  return g_test_run ();
}
