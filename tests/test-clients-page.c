/* test-clients-page.c — the clients page and editor under Xvfb, on the session keyring
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>

#include "lf-client-editor.h"
#include "lf-clients-page.h"
#include "lf-link-dialog.h"
#include "lf-secret-schemas.h"
#include "lf-test-gtk.h"
#include "lf-test-utils.h"

#define TIMEOUT_MS 20000
/* The longest the main loop may stall while a large file is read for import. */
#define LF_TEST_MAX_GAP_MS 50

typedef struct
{
  LfContactStore *store;
  GtkWidget      *window;
  LfClientsPage  *page;
} Fixture;

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
save (LfContactStore *store,
      LfContact      *contact)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LfContact) saved = NULL;

  lf_contact_store_save_async (store, contact, NULL, got_result_cb, &result);
  g_assert_true (lf_test_wait_for (result_is_set, &result, TIMEOUT_MS));
  saved = lf_contact_store_save_finish (store, result, &error);
  g_assert_no_error (error);
}

static LfContact *
make_contact (const char *name,
              const char *company,
              const char *email,
              const char *platform)
{
  LfContact *contact = lf_contact_new ();
  const char *platforms[] = { platform, NULL };

  lf_contact_set_name (contact, name);
  lf_contact_set_company (contact, company);
  if (email != NULL)
    lf_contact_add_email (contact, email);
  lf_contact_set_platforms (contact, platforms);
  return contact;
}

static gboolean
state_is (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (lf_clients_page_get_visible_state (args[0]), args[1]) == 0;
}

static void
wait_state (LfClientsPage *page,
            const char    *state)
{
  gpointer args[] = { page, (gpointer) state };

  if (!lf_test_wait_for (state_is, args, TIMEOUT_MS))
    g_error ("The page shows “%s”, not “%s”", lf_clients_page_get_visible_state (page), state);
}

static gboolean
n_items_is (gpointer data)
{
  gpointer *args = data;

  return g_list_model_get_n_items (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static void
wait_n_items (GListModel *model,
              guint       n)
{
  gpointer args[] = { model, GUINT_TO_POINTER (n) };

  if (!lf_test_wait_for (n_items_is, args, TIMEOUT_MS))
    g_error ("%u items, not %u", g_list_model_get_n_items (model), n);
}

static const char *
name_at (GListModel *model,
         guint       position)
{
  g_autoptr(LfContact) contact = g_list_model_get_item (model, position);

  return lf_contact_get_name (contact);
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
dialog_is_shown (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
ready (void)
{
  if (!lf_test_have_display ())
    {
      lf_test_skip_no_display ();
      return FALSE;
    }
  /* Never the user's own keyring: the fixture clears Lifeline's contacts. */
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
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);

  if (!lf_test_have_display () || g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL ||
      g_strcmp0 (g_getenv ("LIFELINE_IN_TEST_SESSION"), "1") != 0)
    return;

  secret_password_clearv_sync (lf_secret_contact_schema (), attributes, NULL, NULL);

  fixture->store = lf_contact_store_new ();
  fixture->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 600);
  fixture->page = LF_CLIENTS_PAGE (lf_clients_page_new (fixture->store));
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);

  if (fixture->window == NULL)
    return;

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (fixture->store);
  secret_password_clearv_sync (lf_secret_contact_schema (), attributes, NULL, NULL);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

static void
test_page_lazy_load_and_list (Fixture       *fixture,
                              gconstpointer  data)
{
  GListModel *model;
  g_autoptr(LfContact) ada = NULL;
  g_autoptr(LfContact) grace = NULL;
  g_autoptr(LfContact) mei = NULL;

  if (!ready ())
    return;

  /* Nothing is asked of the keyring before the page is shown. */
  g_assert_cmpint (lf_contact_store_get_state (fixture->store), ==,
                   LF_CONTACT_STORE_STATE_UNKNOWN);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_state (fixture->page, "empty");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (fixture->page)));

  ada = make_contact ("Ada Lovelace", "Zeta Engines", "ada@analytical.example", "upwork");
  grace = make_contact ("Grace Hopper", "Alpha Compilers", "grace@navy.example", "toptal");
  mei = make_contact ("Mei Lin", NULL, NULL, "fiverr");
  lf_contact_add_phone (mei, "+86 138 0013 8000");
  save (fixture->store, ada);
  save (fixture->store, grace);
  save (fixture->store, mei);
  wait_state (fixture->page, "list");

  model = lf_clients_page_get_model (fixture->page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpstr (name_at (model, 0), ==, "Ada Lovelace");

  /* Sorting: by company (no company last), by platform. */
  lf_clients_page_set_sort (fixture->page, 1);
  g_assert_cmpstr (name_at (model, 0), ==, "Grace Hopper");
  g_assert_cmpstr (name_at (model, 2), ==, "Mei Lin");
  lf_clients_page_set_sort (fixture->page, 2);
  g_assert_cmpstr (name_at (model, 0), ==, "Mei Lin");       /* fiverr */
  g_assert_cmpstr (name_at (model, 1), ==, "Grace Hopper");  /* toptal */
  g_assert_cmpstr (name_at (model, 2), ==, "Ada Lovelace");  /* upwork */
  lf_clients_page_set_sort (fixture->page, 0);

  /* Searching: name, e-mail, platform; no match. */
  lf_clients_page_set_search_text (fixture->page, "hopper");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  lf_clients_page_set_search_text (fixture->page, "ANALYTICAL");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  lf_clients_page_set_search_text (fixture->page, "fiverr");
  g_assert_cmpstr (name_at (model, 0), ==, "Mei Lin");
  lf_clients_page_set_search_text (fixture->page, "nobody at all");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  lf_clients_page_set_search_text (fixture->page, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  /* Ctrl+F's action opens the search bar. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "clients.search", NULL));
}

static void
test_page_editor_validation (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(LfContact) ada = NULL;
  LfContact *stored;
  LfClientEditor *editor;
  GtkWidget *emails;
  GtkWidget *phones;

  if (!ready ())
    return;

  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_state (fixture->page, "empty");
  ada = make_contact ("Ada Lovelace", "Analytical", "ada@analytical.example", "upwork");
  save (fixture->store, ada);
  wait_state (fixture->page, "list");
  stored = lf_contact_store_lookup (fixture->store, lf_contact_get_id (ada));

  editor = LF_CLIENT_EDITOR (lf_clients_page_edit (fixture->page, stored));
  g_assert_true (lf_client_editor_is_valid (editor));
  lf_test_screenshot (GTK_WIDGET (editor), "client-editor.png");
  if (g_getenv ("LF_SCREENSHOT_DIR") != NULL)
    {
      /* …and its end: the notes and the Delete button. */
      GtkWidget *scrolled = lf_test_find_descendant (GTK_WIDGET (editor), GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      lf_test_screenshot (GTK_WIDGET (editor), "client-editor-end.png");
      gtk_adjustment_set_value (adjustment, 0);
    }
  emails = lf_client_editor_get_row (editor, "emails");
  phones = lf_client_editor_get_row (editor, "phones");

  /* Validation as you type: the row is marked and Save is refused. */
  gtk_editable_set_text (GTK_EDITABLE (emails), "ada@analytical.example, not-an-address");
  g_assert_true (gtk_widget_has_css_class (emails, "error"));
  g_assert_false (lf_client_editor_is_valid (editor));
  gtk_editable_set_text (GTK_EDITABLE (phones), "call me");
  g_assert_true (gtk_widget_has_css_class (phones, "error"));
  gtk_editable_set_text (GTK_EDITABLE (phones), "+44 20 7946 0000");
  g_assert_false (gtk_widget_has_css_class (phones, "error"));
  gtk_editable_set_text (GTK_EDITABLE (emails), "ada@analytical.example, ada@home.example");
  g_assert_false (gtk_widget_has_css_class (emails, "error"));
  gtk_editable_set_text (GTK_EDITABLE (lf_client_editor_get_row (editor, "name")), "");
  g_assert_false (lf_client_editor_is_valid (editor));
  gtk_editable_set_text (GTK_EDITABLE (lf_client_editor_get_row (editor, "name")), "Ada King");
  gtk_editable_set_text (GTK_EDITABLE (lf_client_editor_get_row (editor, "webhook")), "nope");
  g_assert_false (lf_client_editor_is_valid (editor));
  gtk_editable_set_text (GTK_EDITABLE (lf_client_editor_get_row (editor, "webhook")), "");
  gtk_editable_set_text (GTK_EDITABLE (lf_client_editor_get_row (editor, "telegram")), "@adaking");
  g_assert_true (lf_client_editor_is_valid (editor));

  /* Save writes to the keyring and updates the list. */
  lf_client_editor_save (editor);
  while (g_strcmp0 (lf_contact_get_name (stored), "Ada King") != 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_strv_length ((char **) lf_contact_get_emails (stored)), ==, 2);
  g_assert_cmpstr (lf_contact_get_phones (stored)[0], ==, "+44 20 7946 0000");
  g_assert_cmpstr (lf_contact_get_channel (stored, "telegram"), ==, "@adaking");
  g_assert_cmpstr (lf_contact_get_company (stored), ==, "Analytical");
}

static void
test_page_editor_add_and_delete (Fixture       *fixture,
                                 gconstpointer  data)
{
  LfClientEditor *editor;
  GtkWidget *name;
  LfContact *added;
  g_autofree char *id = NULL;

  if (!ready ())
    return;

  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_state (fixture->page, "empty");

  /* A new client: no complaint before anything is typed, but no saving without a name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "clients.add", NULL));
  editor = find_toplevel (LF_TYPE_CLIENT_EDITOR);
  g_assert_nonnull (editor);
  name = lf_client_editor_get_row (editor, "name");
  g_assert_false (gtk_widget_has_css_class (name, "error"));
  g_assert_false (lf_client_editor_is_valid (editor));
  gtk_editable_set_text (GTK_EDITABLE (name), "x");
  gtk_editable_set_text (GTK_EDITABLE (name), "");
  g_assert_true (gtk_widget_has_css_class (name, "error"));
  gtk_editable_set_text (GTK_EDITABLE (name), "Grace Hopper");
  gtk_editable_set_text (GTK_EDITABLE (lf_client_editor_get_row (editor, "emails")),
                         "grace@navy.example");
  /* Platforms are ticked by name, never typed. */
  g_assert_cmpstr (lf_client_editor_get_platforms_summary (editor), ==,
                   "None: this client gets no outage notice");
  g_assert_true (lf_client_editor_set_platform (editor, "upwork", TRUE));
  g_assert_true (lf_client_editor_set_platform (editor, "toptal", TRUE));
  g_assert_false (lf_client_editor_set_platform (editor, "upwrok", TRUE));
  g_assert_cmpstr (lf_client_editor_get_platforms_summary (editor), ==, "Upwork and Toptal");
  gtk_editable_set_text (GTK_EDITABLE (lf_client_editor_get_row (editor, "given_name")),
                         "Amazing Grace");
  g_assert_true (lf_client_editor_is_valid (editor));
  lf_client_editor_save (editor);
  wait_n_items (G_LIST_MODEL (fixture->store), 1);
  wait_state (fixture->page, "list");
  added = lf_contact_store_find_by_email (fixture->store, "grace@navy.example");
  g_assert_cmpstr (lf_contact_get_name (added), ==, "Grace Hopper");
  g_assert_true (lf_contact_has_platform (added, "toptal"));
  g_assert_true (lf_contact_has_platform (added, "upwork"));
  g_assert_cmpstr (lf_contact_get_given_name (added), ==, "Amazing Grace");
  id = g_strdup (lf_contact_get_id (added));

  /* Link several clients at once: tick, choose the platform, Link. */
  {
    const char *ticked[] = { id, NULL };
    GtkWindow *dialog = lf_clients_page_open_link_dialog (fixture->page, ticked, NULL);

    g_assert_nonnull (dialog);
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
    g_assert_cmpuint (lf_link_dialog_get_n_ticked (LF_LINK_DIALOG (dialog)), ==, 1);
    g_assert_true (lf_link_dialog_choose_platform (LF_LINK_DIALOG (dialog), "fiverr"));
    lf_test_screenshot (GTK_WIDGET (dialog), "link-dialog.png");
    lf_link_dialog_link (LF_LINK_DIALOG (dialog));
    /* The dialog closes once every client is saved. */
    while (dialog != NULL)
      g_main_context_iteration (NULL, TRUE);
    {
      gint64 until = g_get_monotonic_time () + 500 * 1000;

      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
    g_assert_true (lf_contact_has_platform (lf_contact_store_lookup (fixture->store, id),
                                            "fiverr"));
    /* Added to the links it had. */
    g_assert_true (lf_contact_has_platform (lf_contact_store_lookup (fixture->store, id),
                                            "upwork"));
    added = lf_contact_store_lookup (fixture->store, id);
  }

  /* Delete from the editor: gone, and Undo brings it back. */
  editor = LF_CLIENT_EDITOR (lf_clients_page_edit (fixture->page, added));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL));
  wait_state (fixture->page, "empty");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "clients.undo-delete",
                                             NULL));
  wait_state (fixture->page, "list");
  g_assert_nonnull (lf_contact_store_lookup (fixture->store, id));
}

static gboolean
clipboard_read (gpointer data)
{
  return *(char **) data != NULL;
}

static void
clipboard_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);

  *(char **) user_data = text ? text : g_strdup ("");
}

static void
test_page_delete_undo_copy (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(LfContact) ada = NULL;
  g_autoptr(LfContact) grace = NULL;
  g_autofree char *copied = NULL;
  GListModel *model;
  LfContact *restored;

  if (!ready ())
    return;

  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_state (fixture->page, "empty");
  ada = make_contact ("Ada Lovelace", "Analytical", "ada@analytical.example", "upwork");
  grace = make_contact ("Grace Hopper", "Compilers", "grace@navy.example", "toptal");
  save (fixture->store, ada);
  save (fixture->store, grace);
  model = lf_clients_page_get_model (fixture->page);
  wait_n_items (model, 2);

  /* Copy e-mail: the address is on the clipboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "clients.copy-email",
                                             "s", lf_contact_get_id (ada)));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (fixture->page)), NULL,
                                 clipboard_cb, &copied);
  g_assert_true (lf_test_wait_for (clipboard_read, &copied, TIMEOUT_MS));
  g_assert_cmpstr (copied, ==, "ada@analytical.example");

  /* Delete, then Undo: the same client (same id, same details) is back. */
  lf_clients_page_delete (fixture->page, lf_contact_store_lookup (fixture->store,
                                                                  lf_contact_get_id (ada)));
  wait_n_items (model, 1);
  g_assert_null (lf_contact_store_lookup (fixture->store, lf_contact_get_id (ada)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "clients.undo-delete",
                                             NULL));
  wait_n_items (model, 2);
  restored = lf_contact_store_lookup (fixture->store, lf_contact_get_id (ada));
  g_assert_nonnull (restored);
  g_assert_true (lf_contact_equal (restored, ada));

  /* Deleting everything shows the empty state again. */
  lf_clients_page_delete (fixture->page, restored);
  wait_n_items (model, 1);
  lf_clients_page_delete (fixture->page, lf_contact_store_lookup (fixture->store,
                                                                  lf_contact_get_id (grace)));
  wait_state (fixture->page, "empty");
}

static gboolean
link_dialog_is_shown (gpointer data)
{
  return find_toplevel (LF_TYPE_LINK_DIALOG) != NULL;
}

static void
test_page_import_export (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *vcf = lf_test_build_data_path ("contacts/google.vcf");
  g_autoptr(GFile) vcf_file = g_file_new_for_path (vcf);
  g_autofree char *out = g_build_filename (g_get_home_dir (), "clients.csv", NULL);
  g_autoptr(GFile) out_file = g_file_new_for_path (out);
  AdwMessageDialog *dialog;
  GStatBuf buf;

  if (!ready ())
    return;

  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_state (fixture->page, "empty");

  /* Import shows the preview first; nothing is written until the user confirms. */
  lf_clients_page_import_file (fixture->page, vcf_file);
  g_assert_true (lf_test_wait_for (dialog_is_shown, NULL, TIMEOUT_MS));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2 clients to add"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 0);
  adw_message_dialog_response (dialog, "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_n_items (G_LIST_MODEL (fixture->store), 2);
  wait_state (fixture->page, "list");

  /* The imported clients are linked to no platform: the page offers to link them, both
   * ticked. */
  g_assert_true (lf_test_wait_for (link_dialog_is_shown, NULL, TIMEOUT_MS));
  g_assert_cmpuint (lf_link_dialog_get_n_ticked (find_toplevel (LF_TYPE_LINK_DIALOG)), ==, 2);
  gtk_window_destroy (GTK_WINDOW (find_toplevel (LF_TYPE_LINK_DIALOG)));

  /* Export warns first, then writes an owner-only file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "clients.export", NULL));
  g_assert_true (lf_test_wait_for (dialog_is_shown, NULL, TIMEOUT_MS));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "plain form"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));

  lf_clients_page_export_file (fixture->page, out_file);
  g_assert_true (lf_test_wait_for (file_exists, out, TIMEOUT_MS));
  g_assert_cmpint (g_stat (out, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  g_unlink (out);
}

typedef struct
{
  gint64 last;
  gint64 max_gap;
  guint  ticks;
  guint  over_50ms;
} Ticker;

static gboolean
tick_cb (gpointer data)
{
  Ticker *ticker = data;
  gint64 now = g_get_monotonic_time ();

  /* From the previous tick, or from when the timer was added. */
  if (now - ticker->last > ticker->max_gap)
    ticker->max_gap = now - ticker->last;
  if (now - ticker->last > LF_TEST_MAX_GAP_MS * 1000)
    ticker->over_50ms++;
  ticker->last = now;
  ticker->ticks++;
  return G_SOURCE_CONTINUE;
}

static gboolean
import_toast_or_dialog (gpointer data)
{
  return dialog_is_shown (NULL) || *(gboolean *) data;
}

/* The real Clients page imports a 100,000-row file: while it is read and sorted (in a
 * worker) the window's main loop keeps turning — a 10 ms timer is never held up long — a
 * progress toast shows, and then the preview. */
static void
test_page_import_large_responsive (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_home_dir (), "large.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) csv = g_string_new ("Name,E-mail Address\n");
  Ticker ticker = { 0 };
  AdwMessageDialog *dialog;
  gboolean never = FALSE;
  gint64 start, elapsed;
  guint timer;

  if (!ready ())
    return;

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (csv, "Person %u,person%u@example.com\n", i, i);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));

  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_state (fixture->page, "empty");
  /* Let the first frames settle before timing. */
  lf_test_wait_for (import_toast_or_dialog, &never, 200);

  timer = g_timeout_add (10, tick_cb, &ticker);
  start = ticker.last = g_get_monotonic_time ();
  lf_clients_page_import_file (fixture->page, file);
  g_assert_true (lf_test_wait_for (dialog_is_shown, NULL, 60000));
  elapsed = g_get_monotonic_time () - start;
  g_source_remove (timer);

  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "clients to add"));
  g_test_message ("preview after %.2f s: %u ticks of 10 ms, longest gap %.0f ms, %u over 50 ms",
                  elapsed / 1e6, ticker.ticks, ticker.max_gap / 1e3, ticker.over_50ms);

  /* Reading 100,000 rows on the main thread stalls it for half a second or more. The
   * window's own work (the progress toast, the dialog) takes a frame or two, well under
   * 50 ms; on a loaded 2-core machine the scheduler may add a hiccup or two, never a
   * stall. */
  g_assert_cmpuint (ticker.over_50ms, <=, 2);
  g_assert_cmpint (ticker.max_gap, <=, 4 * LF_TEST_MAX_GAP_MS * 1000);
  g_assert_cmpuint (ticker.ticks, >=, elapsed / (10 * 1000) / 2);

  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 0);
  g_unlink (path);
}

/* Names are text: a platform the user named "<b>Acme</b> & Co" shows as typed (a row with
 * markup would show "Acme" in bold, or warn). */
static void
test_page_names_are_text (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *json = "{\"version\": 1, \"platforms\": [{\"id\": \"acme\", "
                     "\"name\": \"<b>Acme</b> & Co\", \"category\": \"marketplace\", "
                     "\"probes\": [{\"url\": \"https://acme.example/\"}]}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(LfCatalog) catalog = lf_catalog_new_from_data (json, -1, "names.json", &error);
  g_autoptr(LfContact) client = make_contact ("<i>Ada</i> & Sons", NULL, "ada@example.com",
                                              "acme");
  GtkWidget *editor;

  if (!ready ())
    return;

  g_assert_no_error (error);
  editor = GTK_WIDGET (lf_client_editor_new (fixture->store, catalog, client));
  gtk_window_present (GTK_WINDOW (editor));

  /* The platforms row's subtitle (the linked platform) and its check button. */
  g_assert_true (lf_test_shows_text (editor, "<b>Acme</b> & Co"));
  /* …and never escaped twice. */
  g_assert_false (lf_test_shows_text (editor, "&lt;b&gt;Acme&lt;/b&gt; &amp; Co"));

  gtk_window_destroy (GTK_WINDOW (editor));
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);
  if (lf_test_have_display ())
    adw_init ();

  g_test_add ("/lifeline/clients-page/lazy-load-and-list", Fixture, NULL,
              fixture_set_up, test_page_lazy_load_and_list, fixture_tear_down);
  g_test_add ("/lifeline/clients-page/editor-validation", Fixture, NULL,
              fixture_set_up, test_page_editor_validation, fixture_tear_down);
  g_test_add ("/lifeline/clients-page/editor-add-and-delete", Fixture, NULL,
              fixture_set_up, test_page_editor_add_and_delete, fixture_tear_down);
  g_test_add ("/lifeline/clients-page/delete-undo-copy", Fixture, NULL,
              fixture_set_up, test_page_delete_undo_copy, fixture_tear_down);
  g_test_add ("/lifeline/clients-page/import-export", Fixture, NULL,
              fixture_set_up, test_page_import_export, fixture_tear_down);
  g_test_add ("/lifeline/clients-page/import-large-responsive", Fixture, NULL,
              fixture_set_up, test_page_import_large_responsive, fixture_tear_down);
  g_test_add ("/lifeline/clients-page/names-are-text", Fixture, NULL,
              fixture_set_up, test_page_names_are_text, fixture_tear_down);

  return g_test_run ();
}
