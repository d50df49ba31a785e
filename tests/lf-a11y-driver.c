/* lf-a11y-driver.c — the real window, shown screen by screen for tests/test-a11y.py
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gunixinputstream.h>

#include "lf-application.h"
#include "lf-link-dialog.h"
#include "lf-preferences-window.h"
#include "lf-scripted-backend.h"
#include "lf-status-page-adder.h"
#include "lf-test-server.h"
#include "lf-window.h"

/* Not a test by itself: test-a11y.py runs it inside the test session with the accessibility
 * bus on, and walks what a screen reader sees. The driver starts the real application with a
 * scripted monitor backend (no network) and one client in the keyring, then reads one command
 * per line on stdin, shows that screen, waits for it to settle and answers "ready NAME" on
 * stdout:
 *
 *   onboarding  the first run, nothing watched yet (the state at start)
 *   health      eight platforms watched, a Cloudflare outage
 *   detail      the details of one platform
 *   checklist   the checklist of an incident
 *   clients     the Clients page with one client
 *   notices     the Notices page
 *   composer    the composer, opened by Notify Clients
 *   preferences the Preferences window
 *   drill       a fire drill running (10 minutes), its banner with Pause Drill and Stop Drill
 *   link        the "Link Clients to a Platform" dialog (main menu), both clients listed
 *   status-adder  Preferences → Platforms after looking up a status page (an Instatus page
 *               on a loopback server): its result rows (what was found, Name, Address to
 *               Check, Add Platform)
 *   shortcuts   the keyboard shortcuts window
 *   focus-picker  the focus on the first platform of the onboarding picker
 *   help        the help page of a cause, from the platform details' button
 *   quit
 *
 * Screens are shown through the same actions a person uses (app.notify-clients,
 * app.preferences, win.show-page). */

static const char * const watched[] = {
  "upwork", "fiverr", "discord", "slack", "google-workspace", "github", "paypal", "zoom", NULL
};

static LfApplication *app;
static LfTestServer *status_server;
static LfScriptedBackend *backend;
static LfMonitor *monitor;
static LfWindow *window;
static GDataInputStream *input;

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
wait_until (gboolean (*predicate) (gpointer),
            gpointer   data,
            guint      timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &expired);

  while (!predicate (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);

  return predicate (data);
}

static gboolean
idle_monitor (gpointer data)
{
  return !lf_monitor_get_checking (monitor) && lf_monitor_get_last_checked (monitor) > 0;
}

static void
check_and_wait (LfDiagnosisKind expected)
{
  for (guint i = 0; i < 6; i++)
    {
      LfDiagnosis *diagnosis;

      lf_monitor_check_now (monitor);
      spin (20);
      if (!wait_until (idle_monitor, NULL, 10000))
        g_error ("the monitor did not finish its round");
      diagnosis = lf_monitor_get_diagnosis (monitor);
      if (diagnosis != NULL && lf_diagnosis_get_kind (diagnosis) == expected)
        return;
    }

  g_error ("the diagnosis did not become %s", lf_diagnosis_kind_to_string (expected));
}

static void
script_cloudflare_outage (void)
{
  lf_scripted_backend_clear (backend);
  lf_scripted_backend_script_probe (backend, "upwork", 500, LF_CAUSE_CDN_EDGE, "cloudflare",
                                    "8e2b4f1a9c3d7e21-AMS", 212);
  lf_scripted_backend_script_probe (backend, "discord", 500, LF_CAUSE_CDN_EDGE, "cloudflare",
                                    "8e2b4f1b0a5c6d33-AMS", 190);
  lf_scripted_backend_script_status (backend, "cloudflarestatus", LF_SEVERITY_MAJOR,
                                     "Cloudflare Global Network experiencing issues",
                                     "https://www.cloudflarestatus.com/incidents/scripted");
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LfContact) saved = NULL;

  saved = lf_contact_store_save_finish (LF_CONTACT_STORE (object), result, &error);
  if (saved == NULL)
    g_error ("the client could not be saved: %s", error->message);
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
store_available (gpointer data)
{
  return lf_contact_store_get_state (data) == LF_CONTACT_STORE_STATE_AVAILABLE;
}

static void
add_client (const char *name,
            const char *company,
            const char *email,
            const char *platform)
{
  LfContactStore *store = lf_context_get_contact_store (lf_application_get_context (app));
  g_autoptr(LfContact) contact = lf_contact_new ();
  const char *platforms[] = { platform, NULL };
  gboolean done = FALSE;

  lf_contact_store_ensure_loaded (store);
  if (!wait_until (store_available, store, 20000))
    g_error ("the client directory did not load");
  lf_contact_set_name (contact, name);
  lf_contact_set_company (contact, company);
  lf_contact_add_email (contact, email);
  lf_contact_set_platforms (contact, platforms);
  lf_contact_store_save_async (store, contact, NULL, saved_cb, &done);
  if (!wait_until (flag_is_set, &done, 20000))
    g_error ("saving a client timed out");
}

static GtkWindow *
find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type)
          && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        return toplevel;
    }

  return NULL;
}

static gboolean
window_of_type_mapped (gpointer data)
{
  return find_window (GPOINTER_TO_SIZE (data)) != NULL;
}

/* Closes every window but the main one. */
static void
close_others (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i - 1);

      if (!LF_IS_WINDOW (toplevel) && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        {
          g_printerr ("closing %s\n", G_OBJECT_TYPE_NAME (toplevel));
          gtk_window_destroy (toplevel);
        }
    }
}

static void
show_in_new_window (const char *action,
                    GVariant   *parameter,
                    GType       type)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), action, parameter);
  if (!wait_until (window_of_type_mapped, GSIZE_TO_POINTER (type), 10000))
    g_error ("no %s was shown after app.%s", g_type_name (type), action);
}

static gboolean
adder_done (gpointer data)
{
  return !lf_status_page_adder_get_busy (data);
}

static gboolean
run_command (const char *command)
{
  if (!g_str_equal (command, "composer") && !g_str_equal (command, "preferences")
      && !g_str_equal (command, "shortcuts") && !g_str_equal (command, "help")
      && !g_str_equal (command, "link") && !g_str_equal (command, "status-adder"))
    close_others ();

  if (g_str_equal (command, "onboarding"))
    lf_window_show_page (window, "health");
  else if (g_str_equal (command, "health"))
    {
      g_settings_set_strv (lf_application_get_settings (app), "watched-platforms", watched);
      script_cloudflare_outage ();
      check_and_wait (LF_DIAGNOSIS_PROVIDER_OUTAGE);
      lf_window_show_page (window, "health");
      lf_health_page_show_overview (lf_window_get_health_page (window));
    }
  else if (g_str_equal (command, "detail"))
    {
      lf_window_show_page (window, "health");
      lf_health_page_show_platform (lf_window_get_health_page (window), "upwork");
    }
  else if (g_str_equal (command, "checklist"))
    {
      lf_health_page_show_overview (lf_window_get_health_page (window));
      g_action_group_activate_action (G_ACTION_GROUP (app), "start-checklist",
                                      g_variant_new_string ("upwork"));
    }
  else if (g_str_equal (command, "clients"))
    lf_window_show_page (window, "clients");
  else if (g_str_equal (command, "notices"))
    lf_window_show_page (window, "notices");
  else if (g_str_equal (command, "composer"))
    {
      close_others ();
      show_in_new_window ("notify-clients", g_variant_new_string (""), LF_TYPE_COMPOSER);
    }
  else if (g_str_equal (command, "preferences"))
    {
      close_others ();
      show_in_new_window ("preferences", NULL, ADW_TYPE_PREFERENCES_WINDOW);
    }
  else if (g_str_equal (command, "drill"))
    {
      LfContext *context = lf_application_get_context (app);

      g_action_group_activate_action (G_ACTION_GROUP (app), "start-drill",
                                      g_variant_new_string ("cloudflare-2025-11-18"));
      lf_window_show_page (window, "health");
      spin (300);
      if (lf_context_get_drill (context) == NULL)
        g_error ("no drill was started");
    }
  else if (g_str_equal (command, "link"))
    {
      close_others ();
      lf_window_show_page (window, "clients");
      spin (300);   /* the Clients page is built on first show, its store loaded */
      gtk_widget_activate_action (GTK_WIDGET (window), "win.link-clients", NULL);
      if (!wait_until (window_of_type_mapped, GSIZE_TO_POINTER (LF_TYPE_LINK_DIALOG), 10000))
        g_error ("the link dialog was not shown");
    }
  else if (g_str_equal (command, "status-adder"))
    {
      LfPreferencesWindow *prefs;
      LfStatusPageAdder *adder;
      g_autofree char *page = NULL;

      close_others ();
      show_in_new_window ("preferences", NULL, ADW_TYPE_PREFERENCES_WINDOW);
      prefs = LF_PREFERENCES_WINDOW (find_window (ADW_TYPE_PREFERENCES_WINDOW));
      lf_preferences_window_show_platforms (prefs);
      adder = lf_preferences_window_get_status_page_adder (prefs);
      if (status_server == NULL)
        {
          LfTestResponse *response;
          g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data",
                                                    "instatus_docs_summary_hasissues.json",
                                                    NULL);
          g_autofree char *body = NULL;
          gsize length = 0;
          g_autoptr(GError) error = NULL;

          if (!g_file_get_contents (path, &body, &length, &error))
            g_error ("%s", error->message);
          status_server = lf_test_server_new (FALSE);
          response = lf_test_server_respond (status_server, "/summary.json", 200);
          lf_test_response_set_body (response, "application/json", body, length);
        }
      page = lf_test_server_get_url (status_server, "/");
      lf_status_page_adder_look_up (adder, page);
      if (!wait_until (adder_done, adder, 20000) || lf_status_page_adder_get_found (adder) == NULL)
        g_error ("the status page was not found: %s", lf_status_page_adder_get_error (adder));
    }
  else if (g_str_equal (command, "shortcuts"))
    {
      close_others ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
      if (!wait_until (window_of_type_mapped, GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW),
                       10000))
        g_error ("the shortcuts window was not shown");
    }
  else if (g_str_equal (command, "focus-picker"))
    {
      LfPlatformPicker *picker = lf_health_page_get_picker (lf_window_get_health_page (window));

      gtk_window_present (GTK_WINDOW (window));
      lf_platform_picker_set_category_open (picker, "marketplace", TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (lf_platform_picker_get_check (picker, "upwork")));
    }
  else if (g_str_equal (command, "help"))
    {
      close_others ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.help", "s", "cause-cdn-edge");
    }
  else if (g_str_equal (command, "quit"))
    return FALSE;
  else
    {
      g_printerr ("lf-a11y-driver: unknown command “%s”\n", command);
      return TRUE;
    }

  spin (700);   /* transitions and lazy pages settle; the accessible tree follows */
  g_print ("ready %s\n", command);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* main                                                                                         */
/* ------------------------------------------------------------------------------------------ */

static gboolean
window_mapped (gpointer data)
{
  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static void
read_line_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *running = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (input, result, NULL, &error);
  if (line == NULL)
    {
      *running = FALSE;
      return;
    }

  *running = run_command (g_strstrip (line));
  if (*running)
    g_data_input_stream_read_line_async (input, G_PRIORITY_DEFAULT, NULL, read_line_cb,
                                         user_data);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stdin_stream = NULL;
  gboolean running = TRUE;

  /* test-a11y.py gives a private home: nothing of the user's is read or written */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  app = lf_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  /* no notification server on the private bus: this is about the window */
  g_settings_set_string (lf_application_get_settings (app), "notify-on", "never");
  monitor = lf_context_get_monitor (lf_application_get_context (app));
  backend = lf_scripted_backend_new ();
  lf_monitor_set_backend (monitor, LF_MONITOR_BACKEND (backend));
  lf_monitor_set_network_monitor (monitor, NULL);
  lf_monitor_set_timings (monitor, 3600 * 1000, 10, 1);

  g_application_activate (G_APPLICATION (app));
  window = LF_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  if (!wait_until (window_mapped, NULL, 5000))
    g_error ("the window did not map");
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 720);

  add_client ("Ada Lovelace", "Analytical Engines", "ada@example.com", "upwork");
  add_client ("Grace Hopper", "Compilers Inc", "grace@example.com", "discord");

  g_print ("started\n");

  stdin_stream = g_unix_input_stream_new (0, FALSE);
  input = g_data_input_stream_new (stdin_stream);
  g_data_input_stream_read_line_async (input, G_PRIORITY_DEFAULT, NULL, read_line_cb,
                                       &running);
  while (running)
    g_main_context_iteration (NULL, TRUE);

  close_others ();
  g_clear_object (&input);
  g_application_release (G_APPLICATION (app));
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  g_clear_object (&backend);
  g_clear_pointer (&status_server, lf_test_server_free);

  return 0;
}
