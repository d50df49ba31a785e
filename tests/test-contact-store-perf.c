/* test-contact-store-perf.c — 1,000 contacts from libsecret's file backend
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Flatpak case (the file backend behind the Secret portal). Seeding takes about ten
 * seconds because the backend rewrites its file for every item, so this runs apart from
 * the quick tests; the Secret Service case is in test-contact-store.
 */

#include "config.h"

#include <libsecret/secret.h>

#include "lf-contact-store.h"
#include "lf-secret-schemas.h"
#include "lf-test-utils.h"

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
  if (!lf_test_wait_for (result_is_set, result, 30000))
    g_error ("Timed out waiting for the keyring");
}

static void
test_file_thousand (void)
{
  g_autoptr(LfContactStore) again = lf_contact_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, elapsed;

  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(LfContact) contact = lf_contact_new ();
      g_autofree char *name = g_strdup_printf ("Client %04u Example", i);
      g_autofree char *email = g_strdup_printf ("client%04u@example.com", i);
      g_autofree char *data = NULL;

      lf_contact_set_name (contact, name);
      lf_contact_set_company (contact, "Example Holdings International Ltd");
      lf_contact_add_email (contact, email);
      lf_contact_add_phone (contact, "+44 20 7946 0000");
      lf_contact_set_notes (contact, "Prefers e-mail in the morning; invoices monthly.");
      data = lf_contact_to_data (contact);
      secret_password_store_sync (lf_secret_contact_schema (), SECRET_COLLECTION_DEFAULT,
                                  LF_CONTACT_STORE_LABEL, data, NULL, &error,
                                  LF_SECRET_ATTR_CONTACT_ID, lf_contact_get_id (contact),
                                  LF_SECRET_ATTR_VERSION, LF_SECRET_SCHEMA_VERSION,
                                  NULL);
      g_assert_no_error (error);
    }

  start = g_get_monotonic_time ();
  lf_contact_store_load_async (again, NULL, got_result_cb, &result);
  await_result (&result);
  elapsed = g_get_monotonic_time () - start;
  g_assert_true (lf_contact_store_load_finish (again, result, &error));
  g_print ("# 1000 contacts loaded from the file backend in %" G_GINT64_FORMAT " ms\n",
           elapsed / 1000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1000);
  g_assert_cmpint (elapsed, <, G_USEC_PER_SEC);
  /* Left in the throw-away keyring: deleting rewrites the file 1,000 times. */
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring = NULL;

  lf_test_init (&argc, &argv);

  keyring = g_build_filename (g_get_home_dir (), "keyrings", "default.keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test-password", TRUE);
  g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");

  g_test_add_func ("/lifeline/contact-store-perf/thousand-file-backend", test_file_thousand);

  return g_test_run ();
}
