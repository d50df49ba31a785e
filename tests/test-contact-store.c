/* test-contact-store.c — the client directory against a real Secret Service
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside the test session (build-aux/test-session.sh: a private D-Bus session bus with
 * an unlocked, throw-away gnome-keyring and Xvfb). Without a session bus it skips.
 */

#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include <glib/gstdio.h>

#include "lf-channel.h"
#include "lf-contact-store.h"
#include "lf-import.h"
#include "lf-plan.h"
#include "lf-profile.h"
#include "lf-secret-schemas.h"
#include "lf-storage.h"
#include "lf-test-utils.h"

#define TIMEOUT_MS 30000

/* Personal data used below: none of it may appear outside the secrets. */
static const char *personal[] = {
  "Ada Lovelace", "ada@analytical.example", "+44 20 7946 0000", "Analytical Engines",
  "Grace Hopper", "grace@navy.example", "555 123 4567", "Sam Freelancer", "sam@me.example",
  "Needle Notes", NULL
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

static gboolean
have_secret_service (void)
{
  /* Never the user's own keyring: these tests clear and lock the default collection. */
  if (g_strcmp0 (g_getenv ("LIFELINE_IN_TEST_SESSION"), "1") != 0 ||
      g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("Needs the throw-away keyring: run the suite through "
                   "build-aux/test-session.sh");
      return FALSE;
    }
  return TRUE;
}

static void
clear_all_contacts (void)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  /* Test code may block: start from an empty directory. */
  secret_password_clearv_sync (lf_secret_contact_schema (), attributes, NULL, &error);
  g_assert_no_error (error);
}

static LfContactStore *
load_store (void)
{
  LfContactStore *store = lf_contact_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (lf_contact_store_get_state (store), ==, LF_CONTACT_STORE_STATE_UNKNOWN);
  lf_contact_store_load_async (store, NULL, got_result_cb, &result);
  g_assert_cmpint (lf_contact_store_get_state (store), ==, LF_CONTACT_STORE_STATE_LOADING);
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
  g_assert_nonnull (saved);
  return saved;
}

static LfContact *
make_ada (void)
{
  LfContact *ada = lf_contact_new ();
  const char *platforms[] = { "upwork", NULL };

  lf_contact_set_name (ada, "Ada Lovelace");
  lf_contact_set_company (ada, "Analytical Engines");
  lf_contact_add_email (ada, "ada@analytical.example");
  lf_contact_add_phone (ada, "+44 20 7946 0000");
  lf_contact_set_channel (ada, "whatsapp", "+44 20 7946 0000");
  lf_contact_set_platforms (ada, platforms);
  lf_contact_set_notes (ada, "Needle Notes");
  return ada;
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

/* No personal data in our folders, and none in any item's attributes or label. */
static void
assert_no_personal_data_outside_secrets (void)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GList *items;
  guint n_items = 0;

  scan_tree (lf_storage_get_data_dir (), personal);
  scan_tree (lf_storage_get_config_dir (), personal);
  scan_tree (lf_storage_get_cache_dir (), personal);
  scan_tree (g_get_user_data_dir (), personal);
  scan_tree (g_get_user_config_dir (), personal);
  scan_tree (g_get_user_cache_dir (), personal);

  service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);
  g_assert_no_error (error);

  for (guint s = 0; s < 2; s++)
    {
      const SecretSchema *schema = s == 0 ? lf_secret_contact_schema ()
                                          : lf_secret_credential_schema ();

      items = secret_service_search_sync (service, schema, attributes, SECRET_SEARCH_ALL,
                                          NULL, &error);
      g_assert_no_error (error);
      for (GList *l = items; l != NULL; l = l->next)
        {
          g_autoptr(GHashTable) attrs = secret_item_get_attributes (l->data);
          g_autofree char *label = secret_item_get_label (l->data);
          GHashTableIter iter;
          gpointer key, value;

          n_items++;
          g_assert_cmpstr (label, ==, s == 0 ? "Lifeline contact" : "Lifeline profile");
          g_hash_table_iter_init (&iter, attrs);
          while (g_hash_table_iter_next (&iter, &key, &value))
            {
              g_assert_true (g_str_equal (key, "xdg:schema") ||
                             g_str_equal (key, LF_SECRET_ATTR_VERSION) ||
                             g_str_equal (key, s == 0 ? LF_SECRET_ATTR_CONTACT_ID
                                                      : LF_SECRET_ATTR_CREDENTIAL_ID));
              for (guint i = 0; personal[i] != NULL; i++)
                g_assert_null (strstr (value, personal[i]));
            }
        }
      g_list_free_full (items, g_object_unref);
    }

  g_assert_cmpuint (n_items, >, 0);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

static void
test_store_add_edit_delete (void)
{
  g_autoptr(LfContactStore) store = NULL;
  g_autoptr(LfContactStore) other = NULL;
  g_autoptr(LfContact) ada = NULL;
  g_autoptr(LfContact) saved = NULL;
  g_autoptr(LfContact) edited = NULL;
  g_autoptr(LfContact) bad = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) upwork = NULL;
  guint changes = 0;

  if (!have_secret_service ())
    return;

  clear_all_contacts ();
  store = load_store ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_signal_connect_swapped (store, "items-changed", G_CALLBACK (g_atomic_int_inc), &changes);

  /* Add. */
  ada = make_ada ();
  saved = save (store, ada);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_true (lf_contact_store_lookup (store, lf_contact_get_id (ada)) == saved);
  g_assert_true (lf_contact_store_find_by_email (store, "ADA@analytical.example") == saved);
  g_assert_null (lf_contact_store_find_by_email (store, "nobody@example.com"));
  upwork = lf_contact_store_get_for_platform (store, "upwork");
  g_assert_cmpuint (upwork->len, ==, 1);
  g_assert_cmpint (lf_contact_get_modified (saved), >, 0);
  g_assert_cmpint (lf_contact_get_changed_fields (ada), ==, 0);

  /* Invalid contacts are refused with the validation message. */
  bad = lf_contact_new ();
  lf_contact_add_email (bad, "not-an-address");
  lf_contact_set_name (bad, "Bad");
  lf_contact_store_save_async (store, bad, NULL, got_result_cb, &result);
  await_result (&result);
  g_assert_null (lf_contact_store_save_finish (store, result, &error));
  g_assert_error (error, LF_CONTACT_STORE_ERROR, LF_CONTACT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "E-mail"));
  g_clear_error (&error);
  g_clear_object (&result);

  /* Edit through a copy, as the editor does. */
  edited = lf_contact_copy (saved);
  lf_contact_set_company (edited, "Analytical Engines II");
  g_object_unref (save (store, edited));
  g_assert_cmpstr (lf_contact_get_company (saved), ==, "Analytical Engines II");

  /* A second store (another window, another process) sees the edit. */
  other = load_store ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 1);
  g_assert_true (lf_contact_equal (saved,
                                   lf_contact_store_lookup (other, lf_contact_get_id (ada))));

  /* Delete. */
  lf_contact_store_delete_async (store, saved, NULL, got_result_cb, &result);
  await_result (&result);
  g_assert_true (lf_contact_store_delete_finish (store, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  g_clear_object (&other);
  other = load_store ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 0);
}

static void
test_store_reload_child (void)
{
  g_autoptr(LfContactStore) store = NULL;
  LfContact *contact;

  if (!g_test_subprocess ())
    {
      g_test_skip ("Run by /lifeline/contact-store/reload-new-process");
      return;
    }

  store = load_store ();
  contact = lf_contact_store_lookup (store, g_getenv ("LF_TEST_CONTACT_ID"));
  g_assert_nonnull (contact);
  g_assert_cmpstr (lf_contact_get_name (contact), ==, "Ada Lovelace");
  g_assert_cmpstr (lf_contact_get_role (contact), ==, "Countess");
  g_assert_cmpstr (lf_contact_get_channel (contact, "whatsapp"), ==, "+44 20 7946 0000");
  g_assert_true (lf_contact_has_platform (contact, "upwork"));
  g_assert_null (lf_contact_store_lookup (store, g_getenv ("LF_TEST_DELETED_ID")));
}

static void
test_store_reload_new_process (void)
{
  g_autoptr(LfContactStore) store = NULL;
  g_autoptr(LfContact) ada = NULL;
  g_autoptr(LfContact) grace = NULL;
  g_autoptr(LfContact) saved = NULL;
  g_autoptr(LfContact) copy = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  if (!have_secret_service ())
    return;

  clear_all_contacts ();
  store = load_store ();
  ada = make_ada ();
  saved = save (store, ada);
  copy = lf_contact_copy (saved);
  lf_contact_set_role (copy, "Countess");
  g_object_unref (save (store, copy));

  grace = lf_contact_new ();
  lf_contact_set_name (grace, "Grace Hopper");
  g_object_unref (save (store, grace));
  lf_contact_store_delete_async (store, grace, NULL, got_result_cb, &result);
  await_result (&result);
  g_assert_true (lf_contact_store_delete_finish (store, result, NULL));

  g_setenv ("LF_TEST_CONTACT_ID", lf_contact_get_id (ada), TRUE);
  g_setenv ("LF_TEST_DELETED_ID", lf_contact_get_id (grace), TRUE);
  g_test_trap_subprocess ("/lifeline/contact-store/reload-child", 30 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_store_concurrent_edit (void)
{
  g_autoptr(LfContactStore) window_a = NULL;
  g_autoptr(LfContactStore) window_b = NULL;
  g_autoptr(LfContactStore) reloaded = NULL;
  g_autoptr(LfContact) ada = NULL;
  g_autoptr(LfContact) edit_a = NULL;
  g_autoptr(LfContact) edit_b = NULL;
  LfContact *result;

  if (!have_secret_service ())
    return;

  clear_all_contacts ();
  window_a = load_store ();
  ada = make_ada ();
  g_object_unref (save (window_a, ada));
  window_b = load_store ();

  /* Both windows open the editor on the same contact... */
  edit_a = lf_contact_copy (lf_contact_store_lookup (window_a, lf_contact_get_id (ada)));
  edit_b = lf_contact_copy (lf_contact_store_lookup (window_b, lf_contact_get_id (ada)));

  /* ...A changes the notes and the company, B changes the role and the company. */
  lf_contact_set_notes (edit_a, "Notes from A");
  lf_contact_set_company (edit_a, "Company from A");
  lf_contact_set_role (edit_b, "Role from B");
  lf_contact_set_company (edit_b, "Company from B");
  g_object_unref (save (window_a, edit_a));
  g_object_unref (save (window_b, edit_b));

  /* Nothing B did not touch is lost; the field both changed keeps the last save. */
  reloaded = load_store ();
  result = lf_contact_store_lookup (reloaded, lf_contact_get_id (ada));
  g_assert_cmpstr (lf_contact_get_notes (result), ==, "Notes from A");
  g_assert_cmpstr (lf_contact_get_role (result), ==, "Role from B");
  g_assert_cmpstr (lf_contact_get_company (result), ==, "Company from B");
  g_assert_cmpstr (lf_contact_get_primary_email (result), ==, "ada@analytical.example");
  /* B's editor and B's store show the merged result too. */
  g_assert_cmpstr (lf_contact_get_notes (edit_b), ==, "Notes from A");
  g_assert_cmpstr (lf_contact_get_notes (lf_contact_store_lookup (window_b,
                                                                  lf_contact_get_id (ada))),
                   ==, "Notes from A");
}

static gboolean
can_drive_prompt (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  return xdotool != NULL && lf_test_have_display ();
}

/* Answers gnome-keyring's unlock prompt (gcr-prompter on Xvfb) like a user would. */
static GPid
answer_prompt (gboolean with_password)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  const char *password = g_getenv ("LF_TEST_KEYRING_PASSWORD");
  GPid pid;

  script = g_strdup_printf ("w=$(xdotool search --sync --onlyvisible --class gcr-prompter "
                            "| head -n1); xdotool windowfocus --sync \"$w\" 2>/dev/null; "
                            "sleep 0.5; %s",
                            with_password
                              ? "xdotool type --delay 20 \"$LF_PW\"; xdotool key Return"
                              : "xdotool key Escape");
  g_setenv ("LF_PW", password ? password : "test-password", TRUE);
  g_spawn_async (NULL, (char *[]) { "/bin/sh", "-c", script, NULL }, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid,
                 &error);
  g_assert_no_error (error);
  return pid;
}

static void
test_store_locked (void)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(LfContactStore) store = NULL;
  g_autoptr(LfContact) ada = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) objects = NULL;
  GPid helper;

  if (!have_secret_service ())
    return;
  if (!can_drive_prompt ())
    {
      g_test_skip ("Needs xdotool and a display to answer the keyring's unlock prompt");
      return;
    }

  clear_all_contacts ();
  store = load_store ();
  ada = make_ada ();
  g_object_unref (save (store, ada));
  g_clear_object (&store);

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  objects = g_list_append (NULL, collection);
  g_assert_cmpint (secret_service_lock_sync (service, objects, NULL, NULL, &error), ==, 1);
  g_assert_no_error (error);

  /* Locked: the store says so, shows nothing and refuses to write. */
  store = lf_contact_store_new ();
  lf_contact_store_load_async (store, NULL, got_result_cb, &result);
  await_result (&result);
  g_assert_false (lf_contact_store_load_finish (store, result, &error));
  g_assert_error (error, LF_CONTACT_STORE_ERROR, LF_CONTACT_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpint (lf_contact_store_get_state (store), ==, LF_CONTACT_STORE_STATE_LOCKED);
  g_assert_nonnull (strstr (lf_contact_store_get_error_message (store), "locked"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  lf_contact_store_save_async (store, ada, NULL, got_result_cb, &result);
  await_result (&result);
  g_assert_null (lf_contact_store_save_finish (store, result, &error));
  g_assert_error (error, LF_CONTACT_STORE_ERROR, LF_CONTACT_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_clear_object (&result);

  /* The user dismisses the keyring's prompt: still locked. */
  helper = answer_prompt (FALSE);
  lf_contact_store_unlock_async (store, NULL, got_result_cb, &result);
  await_result (&result);
  g_assert_false (lf_contact_store_unlock_finish (store, result, &error));
  g_assert_error (error, LF_CONTACT_STORE_ERROR, LF_CONTACT_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpint (lf_contact_store_get_state (store), ==, LF_CONTACT_STORE_STATE_LOCKED);
  g_spawn_close_pid (helper);

  /* The user types the password: unlocked and loaded. */
  helper = answer_prompt (TRUE);
  lf_contact_store_unlock_async (store, NULL, got_result_cb, &result);
  await_result (&result);
  g_assert_true (lf_contact_store_unlock_finish (store, result, &error));
  g_assert_no_error (error);
  g_spawn_close_pid (helper);
  g_assert_cmpint (lf_contact_store_get_state (store), ==, LF_CONTACT_STORE_STATE_AVAILABLE);
  g_assert_null (lf_contact_store_get_error_message (store));
  g_assert_nonnull (lf_contact_store_lookup (store, lf_contact_get_id (ada)));
}

static void
test_store_thousand (void)
{
  g_autoptr(LfContactStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, elapsed;

  if (!have_secret_service ())
    return;

  clear_all_contacts ();

  /* Seed 1,000 realistic contacts through the same simple API the store uses. The session
   * collection keeps the seeding fast: in the default collection gnome-keyring rewrites its
   * file for every item (about 30 s for 1,000). Loading searches every collection the same
   * way; measured once with the default collection: 86 ms. */
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(LfContact) contact = lf_contact_new ();
      g_autofree char *name = g_strdup_printf ("Client %04u Example", i);
      g_autofree char *email = g_strdup_printf ("client%04u@example.com", i);
      g_autofree char *data = NULL;
      const char *platforms[] = { i % 2 ? "upwork" : "fiverr", NULL };

      lf_contact_set_name (contact, name);
      lf_contact_set_company (contact, "Example Holdings International Ltd");
      lf_contact_add_email (contact, email);
      lf_contact_add_phone (contact, "+44 20 7946 0000");
      lf_contact_set_channel (contact, "slack", "https://example.slack.com/team/U0123456");
      lf_contact_set_platforms (contact, platforms);
      lf_contact_set_notes (contact, "Prefers e-mail in the morning; invoices monthly.");
      data = lf_contact_to_data (contact);
      secret_password_store_sync (lf_secret_contact_schema (), SECRET_COLLECTION_SESSION,
                                  LF_CONTACT_STORE_LABEL, data, NULL, &error,
                                  LF_SECRET_ATTR_CONTACT_ID, lf_contact_get_id (contact),
                                  LF_SECRET_ATTR_VERSION, LF_SECRET_SCHEMA_VERSION,
                                  NULL);
      g_assert_no_error (error);
    }

  store = lf_contact_store_new ();
  start = g_get_monotonic_time ();
  lf_contact_store_load_async (store, NULL, got_result_cb, &result);
  await_result (&result);
  elapsed = g_get_monotonic_time () - start;
  g_assert_true (lf_contact_store_load_finish (store, result, &error));
  g_assert_no_error (error);

  g_test_message ("Loaded 1,000 contacts from gnome-keyring in %" G_GINT64_FORMAT " ms",
                  elapsed / 1000);
  g_print ("# 1000 contacts loaded in %" G_GINT64_FORMAT " ms\n", elapsed / 1000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1000);
  g_assert_cmpint (elapsed, <, G_USEC_PER_SEC);

  clear_all_contacts ();
}

static void
test_store_profile_and_privacy (void)
{
  g_autoptr(LfContactStore) store = NULL;
  g_autoptr(LfContact) ada = NULL;
  g_autoptr(LfContact) grace = NULL;
  g_autoptr(LfContact) copy = NULL;
  g_autoptr(LfProfile) me = lf_profile_new ();
  g_autoptr(LfProfile) loaded = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_secret_service ())
    return;

  /* A round of use: contacts added, edited, deleted; the profile saved and read. */
  clear_all_contacts ();
  store = load_store ();
  ada = make_ada ();
  g_object_unref (save (store, ada));
  grace = lf_contact_new ();
  lf_contact_set_name (grace, "Grace Hopper");
  lf_contact_add_email (grace, "grace@navy.example");
  lf_contact_add_phone (grace, "(555) 123 4567");
  g_object_unref (save (store, grace));
  copy = lf_contact_copy (lf_contact_store_lookup (store, lf_contact_get_id (grace)));
  lf_contact_set_role (copy, "Rear Admiral");
  g_object_unref (save (store, copy));

  lf_profile_set_name (me, "Sam Freelancer");
  lf_profile_set_email (me, "sam@me.example");
  lf_profile_set_channel (me, "Signal +44 7700 900123");
  lf_profile_save_async (me, NULL, got_result_cb, &result);
  await_result (&result);
  g_assert_true (lf_profile_save_finish (me, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  lf_profile_load_async (NULL, got_result_cb, &result);
  await_result (&result);
  loaded = lf_profile_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lf_profile_get_name (loaded), ==, "Sam Freelancer");
  g_assert_cmpstr (lf_profile_get_channel (loaded), ==, "Signal +44 7700 900123");

  assert_no_personal_data_outside_secrets ();
}

static char *
lookup_channel_secret (const char *id)
{
  g_autofree char *credential = g_strconcat ("channel:", id, NULL);
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = secret_password_lookup_sync (lf_secret_credential_schema (), NULL, &error,
                                        LF_SECRET_ATTR_CREDENTIAL_ID, credential, NULL);
  g_assert_no_error (error);
  return secret;
}

static void
import_channels (LfChannelStore *channels,
                 const char     *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  lf_channel_store_import_async (channels, json_node_get_array (json_parser_get_root (parser)),
                                 NULL, got_result_cb, &result);
  await_result (&result);
  lf_channel_store_import_finish (channels, result, &error);
  g_assert_no_error (error);
}

/* A bundle import that fails after its channels went in (here the plan cannot be written)
 * puts the keyring back too: the webhook address an imported channel replaced is
 * the old one again, and a new channel's secret is gone. */
static void
test_import_rollback_keyring (void)
{
  const char *bundle =
    "{ \"format\": \"lifeline-bundle\", \"version\": 1,"
    "  \"contacts\": [ { \"name\": \"Grace Hopper\", \"emails\": [\"grace@navy.example\"] } ],"
    "  \"channels\": [ { \"id\": \"agency-slack\", \"kind\": \"slack\","
    "                    \"url\": \"https://hooks.slack.com/services/T1/B1/IMPORTED\" },"
    "                  { \"id\": \"fresh-hook\", \"kind\": \"slack\","
    "                    \"url\": \"https://hooks.slack.com/services/T2/B2/NEW\" } ],"
    "  \"plan\": { \"steps\": [ { \"title\": \"Tether to the phone\","
    "                             \"causes\": [\"network\"] } ] } }";
  g_autofree char *dir = NULL;
  g_autofree char *channels_path = NULL;
  g_autofree char *plan_dir = NULL;
  g_autofree char *plan_path = NULL;
  g_autoptr(LfContactStore) store = NULL;
  g_autoptr(LfChannelStore) channels = NULL;
  g_autoptr(LfPlan) plan = NULL;
  g_autoptr(LfImportPreview) preview = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *fresh = NULL;

  if (!have_secret_service ())
    return;
  clear_all_contacts ();

  dir = g_build_filename (g_get_home_dir (), "rollback-keyring", NULL);
  channels_path = g_build_filename (dir, "channels.json", NULL);
  plan_dir = g_build_filename (dir, "plan", NULL);
  plan_path = g_build_filename (plan_dir, "plan.json", NULL);

  store = load_store ();
  channels = lf_channel_store_new (channels_path);
  import_channels (channels, "[ { \"id\": \"agency-slack\", \"kind\": \"slack\","
                             "    \"url\": \"https://hooks.slack.com/services/T0/B0/OLD\" } ]");
  secret = lookup_channel_secret ("agency-slack");
  g_assert_cmpstr (secret, ==, "https://hooks.slack.com/services/T0/B0/OLD");
  g_clear_pointer (&secret, secret_password_free);

  /* The plan's folder is a plain file: its save (the last write of an import) fails. */
  plan = lf_plan_new (plan_path);
  g_assert_true (g_file_set_contents (plan_dir, "not a folder", -1, NULL));

  preview = lf_import_preview_new (store, bundle, -1, LF_IMPORT_FORMAT_BUNDLE, &error);
  g_assert_no_error (error);
  lf_import_preview_set_targets (preview, channels, NULL, plan);
  lf_import_preview_apply_async (preview, NULL, got_result_cb, &result);
  await_result (&result);
  g_assert_false (lf_import_preview_apply_finish (preview, result, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "nothing was changed"));

  secret = lookup_channel_secret ("agency-slack");
  g_assert_cmpstr (secret, ==, "https://hooks.slack.com/services/T0/B0/OLD");
  fresh = lookup_channel_secret ("fresh-hook");
  g_assert_null (fresh);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (channels)), ==, 1);
  g_assert_nonnull (lf_channel_store_lookup (channels, "agency-slack"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  /* Leave no channel credential for the tests after this one. */
  secret_password_clear_sync (lf_secret_credential_schema (), NULL, NULL,
                              LF_SECRET_ATTR_CREDENTIAL_ID, "channel:agency-slack", NULL);
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/contact-store/add-edit-delete", test_store_add_edit_delete);
  g_test_add_func ("/lifeline/contact-store/reload-new-process", test_store_reload_new_process);
  g_test_add_func ("/lifeline/contact-store/reload-child", test_store_reload_child);
  g_test_add_func ("/lifeline/contact-store/concurrent-edit", test_store_concurrent_edit);
  g_test_add_func ("/lifeline/contact-store/locked", test_store_locked);
  g_test_add_func ("/lifeline/contact-store/thousand", test_store_thousand);
  g_test_add_func ("/lifeline/contact-store/profile-and-privacy", test_store_profile_and_privacy);
  g_test_add_func ("/lifeline/contact-store/import-rollback-keyring",
                   test_import_rollback_keyring);

  return g_test_run ();
}
