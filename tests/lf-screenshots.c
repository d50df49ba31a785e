/* lf-screenshots.c — render the main states of the real window to PNGs (`make screenshots`)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "lf-application.h"
#include "lf-drill.h"
#include "lf-preferences-window.h"
#include "lf-scripted-backend.h"
#include "lf-test-server.h"
#include "lf-window.h"

/* Not a test: run inside build-aux/test-session.sh (Xvfb, private bus) as
 *
 *   lf-screenshots OUTPUT_DIR
 *
 * It starts the real application, gives its real monitor a scripted backend (no network),
 * plays each scenario through real rounds (probes, confirmation, diagnosis) and renders the
 * real window with GTK's own renderer. */

static const char * const watched[] = {
  "upwork", "fiverr", "discord", "slack", "google-workspace", "github", "paypal", "zoom", NULL
};

static LfApplication *app;
static LfScriptedBackend *backend;
static LfMonitor *monitor;
static LfWindow *window;
static const char *out_dir;

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

static LfStatusPageAdder *shot_adder;

static gboolean
adder_idle (void)
{
  return !lf_status_page_adder_get_busy (shot_adder);
}

static gboolean
wait_until (gboolean (*predicate) (void),
            guint      timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &expired);

  while (!predicate () && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);

  return predicate ();
}

static gboolean
idle_monitor (void)
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
      if (!wait_until (idle_monitor, 10000))
        g_error ("the monitor did not finish its round");
      diagnosis = lf_monitor_get_diagnosis (monitor);
      if (diagnosis != NULL && lf_diagnosis_get_kind (diagnosis) == expected)
        return;
    }

  g_error ("the diagnosis did not become %s", lf_diagnosis_kind_to_string (expected));
}

static int wanted_width;
static int wanted_height;

static gboolean
has_size (void)
{
  return gtk_widget_get_width (GTK_WIDGET (window)) == wanted_width
         && gtk_widget_get_height (GTK_WIDGET (window)) == wanted_height;
}

static void
resize (int width,
        int height)
{
  wanted_width = width;
  wanted_height = height;
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  if (!wait_until (has_size, 5000))
    g_message ("window is %d×%d, not %d×%d", gtk_widget_get_width (GTK_WIDGET (window)),
               gtk_widget_get_height (GTK_WIDGET (window)), width, height);
}

static void
shoot_widget (GtkWidget  *widget,
              const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (out_dir, file, NULL);
  int width;
  int height;

  spin (600);   /* transitions, spinners and the frame clock settle */
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("could not write %s", path);
  g_print ("%s (%d×%d)\n", path, width, height);
}

static void
shoot (const char *name)
{
  shoot_widget (GTK_WIDGET (window), name);
}

static GtkWidget *prefs;

static gboolean
prefs_mapped (void)
{
  return gtk_widget_get_mapped (prefs);
}

/* A few hours of latency, so the charts have a shape. */
static void
seed_history (void)
{
  LfHistory *history = lf_monitor_get_history (monitor);
  gint64 now = g_get_real_time ();

  for (guint p = 0; watched[p] != NULL; p++)
    for (int minutes = 6 * 60; minutes > 0; minutes -= 5)
      {
        double base = 120 + 25 * p;
        double wave = 40 * sin (minutes / 37.0 + p) + 15 * g_random_double ();

        lf_history_add_sample (history, watched[p], now - (gint64) minutes * 60 * G_USEC_PER_SEC,
                               base + wave);
      }
}

/* ------------------------------------------------------------------------------------------ */
/* Scenarios                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
script_all_clear (void)
{
  lf_scripted_backend_clear (backend);
  lf_scripted_backend_script_probe (backend, "upwork", 200, LF_CAUSE_NONE, "cloudflare",
                                    NULL, 240);
  lf_scripted_backend_script_probe (backend, "discord", 200, LF_CAUSE_NONE, "cloudflare",
                                    NULL, 150);
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
script_local_network_down (void)
{
  lf_scripted_backend_clear (backend);
  lf_scripted_backend_set_default (backend, 0, LF_CAUSE_CONNECT, 30);
}

/* ------------------------------------------------------------------------------------------ */
/* main                                                                                         */
/* ------------------------------------------------------------------------------------------ */

/* The running drill's story has reached Cloudflare's failure (its second phase). */
static gboolean
drill_failing (void)
{
  LfDrill *drill = lf_context_get_drill (lf_application_get_context (app));

  return drill != NULL && lf_drill_player_get_phase (lf_drill_get_player (drill)) >= 1;
}

static gboolean
window_mapped (void)
{
  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  AdwStyleManager *style;

  if (argc != 2)
    {
      g_printerr ("usage: lf-screenshots OUTPUT_DIR\n");
      return 2;
    }
  out_dir = argv[1];
  g_mkdir_with_parents (out_dir, 0755);

  /* a private home: nothing of the user's is read or written */
  home = g_dir_make_tmp ("lifeline-screenshots-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  app = lf_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", ":close", NULL);
  style = adw_style_manager_get_default ();
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* no notification server on the private bus: this is about the window, not notifications */
  g_settings_set_string (lf_application_get_settings (app), "notify-on", "never");
  monitor = lf_context_get_monitor (lf_application_get_context (app));
  backend = lf_scripted_backend_new ();
  lf_monitor_set_backend (monitor, LF_MONITOR_BACKEND (backend));
  lf_monitor_set_network_monitor (monitor, NULL);
  lf_monitor_set_timings (monitor, 3600 * 1000, 10, 1);

  g_application_activate (G_APPLICATION (app));
  window = LF_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  if (!wait_until (window_mapped, 5000))
    g_error ("the window did not map");
  resize (960, 720);

  /* onboarding (nothing watched yet) */
  {
    LfPlatformPicker *picker = lf_health_page_get_picker (lf_window_get_health_page (window));

    /* opened and ticked as a person would */
    lf_platform_picker_set_category_open (picker, "marketplace", TRUE);
    gtk_check_button_set_active (lf_platform_picker_get_check (picker, "upwork"), TRUE);
    gtk_check_button_set_active (lf_platform_picker_get_check (picker, "fiverr"), TRUE);
    gtk_check_button_set_active (lf_platform_picker_get_check (picker, "slack"), TRUE);
  }
  shoot ("onboarding");
  resize (360, 760);
  shoot ("narrow-onboarding");
  resize (960, 720);

  seed_history ();
  g_settings_set_strv (lf_application_get_settings (app), "watched-platforms", watched);

  script_all_clear ();
  check_and_wait (LF_DIAGNOSIS_ALL_CLEAR);
  shoot ("all-clear");

  script_cloudflare_outage ();
  check_and_wait (LF_DIAGNOSIS_PROVIDER_OUTAGE);
  shoot ("cloudflare-outage");

  resize (960, 1000);
  lf_health_page_show_platform (lf_window_get_health_page (window), "upwork");
  shoot ("platform-detail");
  lf_health_page_show_overview (lf_window_get_health_page (window));

  resize (360, 760);
  shoot ("narrow");
  lf_health_page_show_platform (lf_window_get_health_page (window), "upwork");
  shoot ("narrow-detail");
  lf_health_page_show_overview (lf_window_get_health_page (window));

  resize (960, 720);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  shoot ("dark");
  lf_health_page_show_platform (lf_window_get_health_page (window), "discord");
  shoot ("dark-detail");
  lf_health_page_show_overview (lf_window_get_health_page (window));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* Preferences, Platforms page: a status page found by its address (an Instatus page served
   * on loopback from the test data) and a rejected custom platform */
  {
    g_autoptr(LfTestServer) server = lf_test_server_new (FALSE);
    g_autofree char *page = lf_test_server_get_url (server, "/");
    g_autofree char *body = NULL;
    gsize length = 0;

    if (!g_file_get_contents ("tests/data/instatus_docs_summary_hasissues.json", &body, &length,
                              NULL))
      g_error ("run from the source directory (make screenshots)");
    lf_test_response_set_body (lf_test_server_respond (server, "/summary.json", 200),
                               "application/json", body, length);

    prefs = GTK_WIDGET (lf_preferences_window_new (lf_application_get_context (app),
                                                   lf_application_get_settings (app),
                                                   lf_application_get_tray (app)));
    gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
    gtk_window_set_default_size (GTK_WINDOW (prefs), 560, 1240);
    gtk_window_present (GTK_WINDOW (prefs));
    wait_until (prefs_mapped, 5000);
    lf_preferences_window_show_platforms (LF_PREFERENCES_WINDOW (prefs));
    lf_platform_picker_set_search (
      lf_preferences_window_get_platform_picker (LF_PREFERENCES_WINDOW (prefs)), "paypal");
    shot_adder = lf_preferences_window_get_status_page_adder (LF_PREFERENCES_WINDOW (prefs));
    lf_status_page_adder_look_up (shot_adder, page);
    wait_until (adder_idle, 15000);
    lf_status_page_adder_set_probe (shot_adder, "https://instat.us/");
    lf_preferences_window_set_custom_platform (LF_PREFERENCES_WINDOW (prefs), "Acme Jobs",
                                               "ftp://jobs.acme.example", NULL);
    gtk_widget_activate_action (prefs, "prefs.add-custom-platform", NULL);
    shoot_widget (prefs, "preferences-platforms");
    gtk_window_destroy (GTK_WINDOW (prefs));
    shot_adder = NULL;
  }

  script_local_network_down ();
  check_and_wait (LF_DIAGNOSIS_LOCAL_NETWORK);
  shoot ("local-network-down");

  /* A fire drill at the default length (10 minutes), once Cloudflare fails in the story
   * (11:28 UTC, 38 s in): the drill banner with Pause Drill, wide, narrow and dark; then
   * paused, narrow. */
  {
    LfContext *context = lf_application_get_context (app);

    g_action_group_activate_action (G_ACTION_GROUP (app), "start-drill",
                                    g_variant_new_string ("cloudflare-2025-11-18"));
    lf_window_show_page (window, "health");
    wait_until (drill_failing, 60000);
    spin (3000);   /* the drill's monitor confirms what it sees */
    shoot ("drill");
    resize (360, 760);
    shoot ("narrow-drill");
    resize (960, 720);
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
    shoot ("dark-drill");
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
    g_action_group_activate_action (G_ACTION_GROUP (app), "pause-drill", NULL);
    resize (360, 760);
    shoot ("narrow-drill-paused");
    resize (960, 720);
    lf_context_stop_drill (context);
  }

  g_application_release (G_APPLICATION (app));
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  g_clear_object (&backend);

  return 0;
}
