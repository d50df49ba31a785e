/* test-contact-store-nobus.c — no Secret Service at all: a clear error, nothing written
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A private session bus (GTestDBus) with no keyring on it, set up before the first
 * libsecret call: what a desktop without GNOME Keyring or KWallet looks like.
 */

#include "config.h"

#include <string.h>

#include "lf-contact-store.h"
#include "lf-export.h"
#include "lf-profile.h"
#include "lf-storage.h"
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
    g_error ("Timed out");
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  if (dir == NULL)
    return g_file_test (path, G_FILE_TEST_EXISTS) ? 1 : 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      n += g_file_test (child, G_FILE_TEST_IS_DIR) ? count_files (child) : 1;
    }

  return n;
}

static void
test_nobus_unavailable (void)
{
  g_autoptr(LfContactStore) store = lf_contact_store_new ();
  g_autoptr(LfContact) ada = lf_contact_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint state_changes = 0;

  g_signal_connect_swapped (store, "notify::state", G_CALLBACK (g_atomic_int_inc),
                            &state_changes);

  lf_contact_store_load_async (store, NULL, got_result_cb, &result);
  await_result (&result);
  g_assert_false (lf_contact_store_load_finish (store, result, &error));
  g_assert_error (error, LF_CONTACT_STORE_ERROR, LF_CONTACT_STORE_ERROR_UNAVAILABLE);
  g_clear_error (&error);
  g_clear_object (&result);

  g_assert_cmpint (lf_contact_store_get_state (store), ==, LF_CONTACT_STORE_STATE_UNAVAILABLE);
  g_assert_cmpuint (state_changes, ==, 2);   /* loading, then unavailable */
  g_assert_nonnull (strstr (lf_contact_store_get_error_message (store),
                            "Install and start a keyring such as GNOME Keyring or KWallet"));

  /* Saving is refused: there is no fallback. */
  lf_contact_set_name (ada, "Ada Lovelace");
  lf_contact_add_email (ada, "ada@analytical.example");
  lf_contact_store_save_async (store, ada, NULL, got_result_cb, &result);
  await_result (&result);
  g_assert_null (lf_contact_store_save_finish (store, result, &error));
  g_assert_error (error, LF_CONTACT_STORE_ERROR, LF_CONTACT_STORE_ERROR_UNAVAILABLE);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Unlocking cannot help either. */
  lf_contact_store_unlock_async (store, NULL, got_result_cb, &result);
  await_result (&result);
  g_assert_false (lf_contact_store_unlock_finish (store, result, &error));
  g_assert_error (error, LF_CONTACT_STORE_ERROR, LF_CONTACT_STORE_ERROR_UNAVAILABLE);
  g_clear_object (&result);
  g_clear_error (&error);

  /* Nor can the profile be saved. */
  {
    g_autoptr(LfProfile) me = lf_profile_new ();

    lf_profile_set_name (me, "Sam");
    lf_profile_save_async (me, NULL, got_result_cb, &result);
    await_result (&result);
    g_assert_false (lf_profile_save_finish (me, result, &error));
    g_assert_nonnull (error);
  }

  /* Nothing was written anywhere as a fallback. */
  g_assert_cmpuint (count_files (lf_storage_get_data_dir ()), ==, 0);
  g_assert_cmpuint (count_files (lf_storage_get_config_dir ()), ==, 0);
  g_assert_cmpuint (count_files (lf_storage_get_cache_dir ()), ==, 0);
  g_assert_cmpuint (count_files (g_get_user_data_dir ()), ==, 0);
  g_assert_cmpuint (count_files (g_get_user_config_dir ()), ==, 0);
  g_assert_cmpuint (count_files (g_get_user_cache_dir ()), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  int status;

  lf_test_init (&argc, &argv);

  g_unsetenv ("SECRET_BACKEND");
  bus = lf_test_dbus_up ();

  g_test_add_func ("/lifeline/contact-store-nobus/unavailable", test_nobus_unavailable);

  status = g_test_run ();
  lf_test_dbus_stop (bus);
  return status;
}
