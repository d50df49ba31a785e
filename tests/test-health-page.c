/* test-health-page.c — the Health page fed by the real monitor with scripted answers
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-application.h"
#include "lf-platform-detail.h"
#include "lf-platform-picker.h"
#include "lf-preferences-window.h"
#include "lf-providers-view.h"
#include "lf-scripted-backend.h"
#include "lf-sparkline.h"
#include "lf-test-server.h"
#include "lf-test-gtk.h"
#include "lf-test-utils.h"
#include "lf-window.h"

/* The real application, window, page and LfMonitor; only where the probes go is scripted
 * (LfScriptedBackend), so every state shown went through the monitor's state machines,
 * confirmation and diagnosis. */

static const char * const watched[] = {
  "upwork", "fiverr", "discord", "slack", "github", "paypal", NULL
};

static LfApplication *app;
static LfMonitor *monitor;
static LfScriptedBackend *backend;

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static LfWindow *
get_window (void)
{
  g_application_activate (G_APPLICATION (app));
  return LF_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static LfHealthPage *
get_page (void)
{
  return lf_window_get_health_page (get_window ());
}

static gboolean
round_done (gpointer data)
{
  return !lf_monitor_get_checking (monitor);
}

static gboolean
diagnosis_is (gpointer data)
{
  LfDiagnosis *diagnosis = lf_monitor_get_diagnosis (monitor);

  return !lf_monitor_get_checking (monitor) && diagnosis != NULL
         && (int) lf_diagnosis_get_kind (diagnosis) == GPOINTER_TO_INT (data);
}

/* Runs rounds until the monitor confirms the scripted picture. */
static void
check_until (LfDiagnosisKind kind)
{
  LfDiagnosis *diagnosis;

  for (guint i = 0; i < 8 && !diagnosis_is (GINT_TO_POINTER (kind)); i++)
    {
      lf_monitor_check_now (monitor);
      g_assert_true (lf_test_wait_for (round_done, NULL, 5000));
    }

  diagnosis = lf_monitor_get_diagnosis (monitor);
  g_assert_cmpstr (lf_diagnosis_kind_to_string (lf_diagnosis_get_kind (diagnosis)), ==,
                   lf_diagnosis_kind_to_string (kind));
}

static void
watch (const char * const *ids)
{
  g_settings_set_strv (lf_application_get_settings (app), "watched-platforms", ids);
}

static const char *
row_name (LfHealthPage *page,
          guint         i)
{
  LfPlatformRow *row = lf_health_page_get_row (page, i);

  return lf_platform_state_get_name (lf_platform_row_get_platform (row));
}

static const char *
row_state (LfHealthPage *page,
           guint         i)
{
  return lf_platform_row_get_state_text (lf_health_page_get_row (page, i));
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
                                     "https://www.cloudflarestatus.com/incidents/x");
}

static void
mirror_check_nothing (gpointer user_data)
{
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                        */
/* ------------------------------------------------------------------------------------------ */

/* In the window's process the monitor is a mirror of the background monitor, empty until
 * that one answers: with platforms watched the page shows the overview (which the rows then
 * fill), not the first run's onboarding, and does not build the onboarding's picker. */
static void
test_health_page_mirror_loading (void)
{
  const char * const ids[] = { "upwork", "slack", NULL };
  g_autoptr(LfCatalog) catalog = lf_catalog_load_default (NULL, NULL);
  g_autoptr(LfMonitor) mirror = lf_monitor_new (catalog, NULL);
  g_autoptr(LfMonitor) first_run = lf_monitor_new (catalog, NULL);
  GtkWidget *page = g_object_ref_sink (lf_health_page_new ());

  lf_monitor_set_mirror (mirror, mirror_check_nothing, NULL);
  lf_monitor_set_watched (mirror, ids);
  lf_health_page_set_monitor (LF_HEALTH_PAGE (page), mirror);
  g_assert_cmpuint (g_list_model_get_n_items (lf_monitor_get_platforms (mirror)), ==, 0);
  g_assert_cmpstr (lf_health_page_get_view (LF_HEALTH_PAGE (page)), ==, "overview");
  g_assert_null (lf_test_find_descendant (page, LF_TYPE_PLATFORM_PICKER));

  /* nothing watched: the first run, mirror or not */
  lf_monitor_set_mirror (first_run, mirror_check_nothing, NULL);
  lf_health_page_set_monitor (LF_HEALTH_PAGE (page), first_run);
  g_assert_cmpstr (lf_health_page_get_view (LF_HEALTH_PAGE (page)), ==, "onboarding");
  g_assert_nonnull (lf_test_find_descendant (page, LF_TYPE_PLATFORM_PICKER));

  lf_health_page_set_monitor (LF_HEALTH_PAGE (page), NULL);
  g_object_unref (page);
}

static gboolean
rows_shown (gpointer data)
{
  return lf_health_page_get_n_rows (data) == 3 && lf_health_page_get_row (data, 2) != NULL;
}

/* The window's process builds its rows after the page's first frame: the frame comes at
 * once, the rows right after it (docs/BENCHMARKS.md). */
static void
test_health_page_mirror_rows_after_first_frame (void)
{
  const char * const ids[] = { "alpha", "beta", "gamma", NULL };
  g_autoptr(LfMonitor) mirror = lf_monitor_new (NULL, NULL);
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *window = gtk_window_new ();
  LfHealthPage *page = LF_HEALTH_PAGE (lf_health_page_new ());

  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (states, lf_platform_state_new (ids[i], ids[i], "marketplace", NULL));
  lf_monitor_set_mirror (mirror, mirror_check_nothing, NULL);
  lf_monitor_set_watched (mirror, ids);
  lf_monitor_mirror_platforms (mirror, states);

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  lf_health_page_set_monitor (page, mirror);
  g_assert_cmpstr (lf_health_page_get_view (page), ==, "overview");
  g_assert_cmpuint (lf_health_page_get_n_rows (page), ==, 0);
  g_assert_null (lf_health_page_get_row (page, 0));

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (lf_test_wait_for (rows_shown, page, 5000));
  g_assert_cmpstr (lf_platform_state_get_id (lf_platform_row_get_platform (lf_health_page_get_row (page, 0))),
                   ==, "alpha");

  /* later changes of the list are shown at once */
  g_ptr_array_set_size (states, 2);
  lf_monitor_mirror_platforms (mirror, states);
  g_assert_cmpuint (lf_health_page_get_n_rows (page), ==, 2);
  g_assert_null (lf_health_page_get_row (page, 2));

  lf_health_page_set_monitor (page, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_health_page_onboarding (void)
{
  LfHealthPage *page = get_page ();
  LfPlatformPicker *picker = lf_health_page_get_picker (page);
  GSettings *settings = lf_application_get_settings (app);
  g_auto(GStrv) saved = NULL;
  const char * const expected[] = { "upwork", "slack", NULL };

  g_assert_cmpstr (lf_health_page_get_view (page), ==, "onboarding");

  /* a first run shows the categories closed: a short list, not 130 rows */
  g_assert_false (lf_platform_picker_get_category_open (picker, "marketplace"));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (lf_platform_picker_get_check (picker,
                                                                                   "slack"))));

  /* searchable, by name or by category; a search opens what matches */
  lf_platform_picker_set_search (picker, "slac");
  g_assert_cmpuint (lf_platform_picker_get_n_visible (picker), ==, 1);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (lf_platform_picker_get_check (picker,
                                                                                  "slack"))));
  lf_platform_picker_set_search (picker, "time tracking");
  g_assert_cmpuint (lf_platform_picker_get_n_visible (picker), >=, 4);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (lf_platform_picker_get_check (picker,
                                                                                  "toggl"))));
  lf_platform_picker_set_search (picker, "");
  g_assert_cmpuint (lf_platform_picker_get_n_visible (picker), >=, 100);
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (lf_platform_picker_get_check (picker,
                                                                                   "slack"))));

  /* a category opens and closes from its heading */
  lf_platform_picker_set_category_open (picker, "communication", TRUE);
  g_assert_true (lf_platform_picker_get_category_open (picker, "communication"));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (lf_platform_picker_get_check (picker,
                                                                                  "slack"))));

  /* Continue does nothing until something is ticked */
  gtk_widget_activate_action (GTK_WIDGET (page), "health.continue", NULL);
  saved = g_settings_get_strv (settings, "watched-platforms");
  g_assert_cmpuint (g_strv_length (saved), ==, 0);
  g_clear_pointer (&saved, g_strfreev);

  gtk_check_button_set_active (lf_platform_picker_get_check (picker, "upwork"), TRUE);
  gtk_check_button_set_active (lf_platform_picker_get_check (picker, "slack"), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (page), "health.continue", NULL);

  saved = g_settings_get_strv (settings, "watched-platforms");
  g_assert_cmpstrv (saved, expected);
  /* the monitor follows the setting, and the page shows the platforms */
  g_assert_cmpstr (lf_health_page_get_view (page), ==, "overview");
  g_assert_cmpuint (lf_health_page_get_n_rows (page), ==, 2);
}

static void
test_health_page_all_clear (void)
{
  LfHealthPage *page = get_page ();

  watch (watched);
  lf_scripted_backend_clear (backend);
  check_until (LF_DIAGNOSIS_ALL_CLEAR);

  g_assert_cmpstr (lf_health_page_get_banner_text (page), ==,
                   lf_diagnosis_get_summary (lf_monitor_get_diagnosis (monitor)));
  g_assert_true (g_str_has_prefix (lf_health_page_get_banner_text (page), "All clear"));
  g_assert_cmpuint (lf_health_page_get_n_rows (page), ==, g_strv_length ((char **) watched));

  /* all up: by name */
  g_assert_cmpstr (row_name (page, 0), ==, "Discord");
  g_assert_cmpstr (row_name (page, 1), ==, "Fiverr");
  g_assert_cmpstr (row_name (page, 5), ==, "Upwork");
  for (guint i = 0; i < lf_health_page_get_n_rows (page); i++)
    g_assert_cmpstr (row_state (page, i), ==, "Up");
  g_assert_cmpstr (lf_health_page_get_last_checked_text (page), ==, "Last checked just now");
}

static void
test_health_page_provider_outage (void)
{
  LfHealthPage *page = get_page ();

  watch (watched);
  lf_scripted_backend_clear (backend);
  check_until (LF_DIAGNOSIS_ALL_CLEAR);

  script_cloudflare_outage ();
  check_until (LF_DIAGNOSIS_PROVIDER_OUTAGE);

  g_assert_nonnull (strstr (lf_health_page_get_banner_text (page), "Cloudflare"));
  g_assert_nonnull (strstr (lf_health_page_get_banner_text (page), "Upwork"));

  /* problems first (then by name), with their state and cause in words */
  g_assert_cmpstr (row_name (page, 0), ==, "Discord");
  g_assert_cmpstr (row_name (page, 1), ==, "Upwork");
  g_assert_cmpstr (row_state (page, 0), ==, "Down — The CDN in front of it returns errors");
  g_assert_cmpstr (row_state (page, 1), ==, "Down — The CDN in front of it returns errors");
  g_assert_cmpstr (row_name (page, 2), ==, "Fiverr");
  g_assert_cmpstr (row_state (page, 2), ==, "Up");

  /* the Providers section explains it: Cloudflare's own status, two of yours behind it;
   * AWS (Slack) has no status feed; providers none of yours sit behind are not shown */
  {
    LfProvidersView *providers = LF_PROVIDERS_VIEW (lf_health_page_get_providers_view (page));

    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (providers)));
    g_assert_cmpstr (lf_providers_view_get_detail (providers, "cloudflare"), ==,
                     "Down · 2 of yours");
    g_assert_cmpstr (lf_providers_view_get_detail (providers, "aws"), ==,
                     "No status feed · 1 of yours");
    g_assert_null (lf_providers_view_get_detail (providers, "fastly"));
  }

  /* the tray icon mirrors it */
  g_assert_nonnull (lf_application_get_tray (app));
  g_assert_true (g_str_has_suffix (lf_tray_get_icon_name (lf_application_get_tray (app)),
                                   "-down-symbolic"));

  /* recovery sorts them back */
  lf_scripted_backend_clear (backend);
  check_until (LF_DIAGNOSIS_ALL_CLEAR);
  g_assert_cmpstr (row_name (page, 0), ==, "Discord");
  g_assert_cmpstr (row_name (page, 1), ==, "Fiverr");
  g_assert_cmpstr (row_state (page, 0), ==, "Up");
  g_assert_true (g_str_has_suffix (lf_tray_get_icon_name (lf_application_get_tray (app)),
                                   "-ok-symbolic"));
  g_assert_cmpstr (lf_providers_view_get_detail (
                     LF_PROVIDERS_VIEW (lf_health_page_get_providers_view (page)), "cloudflare"),
                   ==, "Up · 2 of yours");
}

static void
test_health_page_local_network (void)
{
  LfHealthPage *page = get_page ();

  watch (watched);
  lf_scripted_backend_clear (backend);
  lf_scripted_backend_set_default (backend, 0, LF_CAUSE_CONNECT, 20);
  check_until (LF_DIAGNOSIS_LOCAL_NETWORK);

  g_assert_cmpstr (lf_health_page_get_banner_text (page), ==,
                   "Your connection seems down — platforms are probably fine");
  /* nothing is called down when it is our own network */
  for (guint i = 0; i < lf_health_page_get_n_rows (page); i++)
    g_assert_true (g_str_has_prefix (row_state (page, i), "Unknown"));

  lf_scripted_backend_clear (backend);
  check_until (LF_DIAGNOSIS_ALL_CLEAR);
}

typedef struct
{
  guint went_true;
  guint went_false;
} CheckingLog;

static void
on_checking_cb (LfMonitor   *object,
                GParamSpec  *pspec,
                CheckingLog *log)
{
  if (lf_monitor_get_checking (object))
    log->went_true++;
  else
    log->went_false++;
}

static gboolean
checking_done (gpointer data)
{
  CheckingLog *log = data;

  return log->went_true > 0 && log->went_false > 0;
}

static void
test_health_page_check_now (void)
{
  g_autofree char **accels = NULL;
  CheckingLog log = { 0 };
  gulong id;
  guint probes;

  get_window ();
  watch (watched);
  lf_scripted_backend_clear (backend);
  lf_scripted_backend_set_delay (backend, 50);
  g_assert_true (lf_test_wait_for (round_done, NULL, 5000));

  /* Ctrl+R and F5 are the shortcuts of app.check-now */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.check-now");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>r"));
  g_assert_true (g_strv_contains ((const char * const *) accels, "F5"));

  id = g_signal_connect (monitor, "notify::checking", G_CALLBACK (on_checking_cb), &log);
  probes = lf_scripted_backend_get_n_probes (backend);
  g_action_group_activate_action (G_ACTION_GROUP (app), "check-now", NULL);
  g_assert_true (lf_test_wait_for (checking_done, &log, 5000));
  g_signal_handler_disconnect (monitor, id);

  g_assert_cmpuint (log.went_true, >=, 1);
  g_assert_false (lf_monitor_get_checking (monitor));
  g_assert_cmpuint (lf_scripted_backend_get_n_probes (backend), >, probes);
  lf_scripted_backend_set_delay (backend, 5);
}

static void
test_health_page_detail (void)
{
  LfWindow *window = get_window ();
  LfHealthPage *page = lf_window_get_health_page (window);
  LfPlatformState *platform;
  GtkWidget *focus;

  watch (watched);
  script_cloudflare_outage ();
  check_until (LF_DIAGNOSIS_PROVIDER_OUTAGE);

  /* app.open-platform (notifications, tray) lands on the platform's details */
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-platform",
                                  g_variant_new_string ("upwork"));
  g_assert_cmpstr (lf_window_get_visible_page (window), ==, "health");
  g_assert_cmpstr (lf_health_page_get_view (page), ==, "detail");

  /* the keyboard focus moves into the details... */
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, LF_TYPE_PLATFORM_DETAIL));

  /* ...Escape goes back, to the row that was opened */
  gtk_widget_activate_action (GTK_WIDGET (page), "health.back", NULL);
  g_assert_cmpstr (lf_health_page_get_view (page), ==, "overview");
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_nonnull (focus);
  g_assert_true (LF_IS_PLATFORM_ROW (focus));
  platform = lf_platform_row_get_platform (LF_PLATFORM_ROW (focus));
  g_assert_cmpstr (lf_platform_state_get_id (platform), ==, "upwork");

  /* an unwatched platform has no details */
  g_assert_false (lf_health_page_show_platform (page, "toptal"));
  g_assert_cmpstr (lf_health_page_get_view (page), ==, "overview");

  lf_scripted_backend_clear (backend);
  check_until (LF_DIAGNOSIS_ALL_CLEAR);
}

static void
test_health_page_sparkline (void)
{
  GtkWidget *sparkline = g_object_ref_sink (lf_sparkline_new ());
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (LfLatencySample));
  gint64 now = g_get_real_time ();
  const LfLatencySample data[] = {
    { now - 8 * G_TIME_SPAN_HOUR, 900 },   /* older than the span: left out */
    { now - 2 * G_TIME_SPAN_HOUR, 120 },
    { now - G_TIME_SPAN_HOUR, 340 },
    { now - G_TIME_SPAN_MINUTE, 212 },
  };

  g_assert_cmpuint (lf_sparkline_get_n_points (LF_SPARKLINE (sparkline)), ==, 0);
  g_assert_true (gtk_widget_get_has_tooltip (sparkline));
  g_assert_cmpstr (lf_sparkline_get_description (LF_SPARKLINE (sparkline)), ==,
                   "No latency measured yet");

  g_array_append_vals (samples, data, G_N_ELEMENTS (data));
  lf_sparkline_set_samples (LF_SPARKLINE (sparkline), samples, 6 * G_TIME_SPAN_HOUR, now);
  g_assert_cmpuint (lf_sparkline_get_n_points (LF_SPARKLINE (sparkline)), ==, 3);
  /* described in words, for screen readers and the tooltip */
  g_assert_cmpstr (lf_sparkline_get_description (LF_SPARKLINE (sparkline)), ==,
                   "Latency recently between 120 and 340 ms, now 212 ms");

  g_assert_finalize_object (sparkline);
}

static gboolean
custom_platform_watched (gpointer data)
{
  g_auto(GStrv) ids = g_settings_get_strv (lf_application_get_settings (app),
                                           "watched-platforms");

  return g_strv_contains ((const char * const *) ids, "acme-jobs");
}

static gboolean
custom_platform_gone (gpointer data)
{
  return !custom_platform_watched (data)
         && lf_catalog_lookup_platform (lf_monitor_get_catalog (monitor), "acme-jobs") == NULL;
}

static void
test_health_page_custom_platform (void)
{
  LfPreferencesWindow *prefs = lf_preferences_window_new (lf_application_get_context (app), lf_application_get_settings (app),
                                  lf_application_get_tray (app));
  g_autofree char *path = lf_catalog_get_user_file ();
  LfCatalogPlatform *added;

  gtk_window_present (GTK_WINDOW (prefs));
  lf_preferences_window_show_platforms (prefs);

  /* bad addresses are rejected, and nothing is written */
  lf_preferences_window_set_custom_platform (prefs, "Acme Jobs", "ftp://jobs.acme.example/",
                                             NULL);
  gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-custom-platform", NULL);
  g_assert_nonnull (lf_preferences_window_get_custom_error (prefs));
  g_assert_nonnull (strstr (lf_preferences_window_get_custom_error (prefs), "https://"));

  lf_preferences_window_set_custom_platform (prefs, "Acme Jobs", "jobs dot acme", NULL);
  gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-custom-platform", NULL);
  g_assert_nonnull (lf_preferences_window_get_custom_error (prefs));

  lf_preferences_window_set_custom_platform (prefs, "Acme Jobs", "https://jobs.acme.example/",
                                             "not a page");
  gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-custom-platform", NULL);
  g_assert_nonnull (lf_preferences_window_get_custom_error (prefs));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* fixing the form takes the error away at once, before Add Platform is pressed again */
  lf_preferences_window_set_custom_platform (prefs, "Acme Jobs", "https://jobs.acme.example/",
                                             "status.acme.example");
  g_assert_null (lf_preferences_window_get_custom_error (prefs));

  /* a good one is saved, reloaded into the monitor, and watched */
  lf_preferences_window_set_custom_platform (prefs, "Acme Jobs", "https://jobs.acme.example/",
                                             "https://status.acme.example/");
  gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-custom-platform", NULL);
  g_assert_null (lf_preferences_window_get_custom_error (prefs));
  g_assert_true (lf_test_wait_for (custom_platform_watched, NULL, 5000));

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  added = lf_catalog_lookup_platform (lf_monitor_get_catalog (monitor), "acme-jobs");
  g_assert_nonnull (added);
  g_assert_true (added->custom);
  g_assert_nonnull (lf_monitor_lookup_platform (monitor, "acme-jobs"));
  g_assert_true (gtk_check_button_get_active (
    lf_platform_picker_get_check (lf_preferences_window_get_platform_picker (prefs), "acme-jobs")));

  /* and removed again */
  gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.remove-custom-platform", "s",
                              "acme-jobs");
  g_assert_true (lf_test_wait_for (custom_platform_gone, NULL, 5000));
  g_assert_null (lf_catalog_lookup_platform (lf_monitor_get_catalog (monitor), "acme-jobs"));
  g_assert_null (lf_monitor_lookup_platform (monitor, "acme-jobs"));
  g_assert_null (lf_platform_picker_get_check (lf_preferences_window_get_platform_picker (prefs),
                                               "acme-jobs"));

  gtk_window_destroy (GTK_WINDOW (prefs));
}

static gboolean
adder_idle (gpointer data)
{
  return !lf_status_page_adder_get_busy (data);
}

static gboolean
instatus_watched (gpointer data)
{
  g_auto(GStrv) ids = g_settings_get_strv (lf_application_get_settings (app),
                                           "watched-platforms");

  return g_strv_contains ((const char * const *) ids, "instatus")
         && lf_catalog_lookup_platform (lf_monitor_get_catalog (monitor), "instatus") != NULL;
}

static gboolean
instatus_gone (gpointer data)
{
  return lf_catalog_lookup_platform (lf_monitor_get_catalog (monitor), "instatus") == NULL;
}

/* Preferences → Platforms → Add by Status Page, against pages on loopback: nothing there is
 * said clearly; an Instatus page is recognised, shown with its state before saving, and
 * saved with its kind, endpoint and page, then watched. */
static void
test_health_page_status_page_adder (void)
{
  LfPreferencesWindow *prefs = lf_preferences_window_new (lf_application_get_context (app),
                                                          lf_application_get_settings (app),
                                                          lf_application_get_tray (app));
  LfStatusPageAdder *adder = lf_preferences_window_get_status_page_adder (prefs);
  g_autoptr(LfTestServer) empty = lf_test_server_new (FALSE);
  g_autoptr(LfTestServer) server = lf_test_server_new (FALSE);
  g_autofree char *empty_page = lf_test_server_get_url (empty, "/");
  g_autofree char *page = lf_test_server_get_url (server, "/");
  g_autofree char *endpoint = lf_test_server_get_url (server, "/summary.json");
  LfTestResponse *response;
  LfCatalogPlatform *added;

  gtk_window_present (GTK_WINDOW (prefs));
  lf_preferences_window_show_platforms (prefs);

  /* not a status page */
  lf_status_page_adder_look_up (adder, empty_page);
  g_assert_true (lf_status_page_adder_get_busy (adder));
  g_assert_true (lf_test_wait_for (adder_idle, adder, 15000));
  g_assert_null (lf_status_page_adder_get_found (adder));
  g_assert_nonnull (lf_status_page_adder_get_error (adder));
  g_assert_nonnull (strstr (lf_status_page_adder_get_error (adder), "No status page recognised"));

  /* an Instatus page: its name and state are shown before anything is saved */
  response = lf_test_server_respond (server, "/summary.json", 200);
  lf_test_response_set_body_from_file (response, "application/json",
                                       "instatus_docs_summary_hasissues.json");
  lf_status_page_adder_look_up (adder, page);
  g_assert_true (lf_test_wait_for (adder_idle, adder, 15000));
  g_assert_null (lf_status_page_adder_get_error (adder));
  g_assert_cmpstr (lf_status_page_adder_get_found (adder), ==,
                   "Instatus — Instatus page · Down: We're facing an issue with our API");
  g_assert_null (lf_catalog_lookup_platform (lf_monitor_get_catalog (monitor), "instatus"));

  /* saved with the address to check the person gives */
  lf_status_page_adder_set_probe (adder, "https://instat.us/");
  lf_status_page_adder_add (adder);
  g_assert_true (lf_test_wait_for (instatus_watched, NULL, 5000));
  added = lf_catalog_lookup_platform (lf_monitor_get_catalog (monitor), "instatus");
  g_assert_true (added->custom);
  g_assert_cmpint (added->status->kind, ==, LF_STATUS_KIND_INSTATUS);
  g_assert_cmpstr (added->status->url, ==, endpoint);
  g_assert_cmpstr (added->status->page, ==, page);
  g_assert_cmpstr (((LfProbeSpec *) g_ptr_array_index (added->probes, 0))->url, ==,
                   "https://instat.us/");
  g_assert_null (lf_status_page_adder_get_found (adder));

  gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.remove-custom-platform", "s",
                              "instatus");
  g_assert_true (lf_test_wait_for (instatus_gone, NULL, 5000));

  gtk_window_destroy (GTK_WINDOW (prefs));
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  lf_test_init (&argc, &argv);

  if (!lf_test_have_display ())
    {
      g_test_add_func ("/lifeline/skipped", lf_test_skip_no_display);
      return g_test_run ();
    }

  bus = lf_test_dbus_up ();

  app = lf_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  /* no notification server on the private bus: this is about the window, not notifications */
  g_settings_set_string (lf_application_get_settings (app), "notify-on", "never");
  monitor = lf_context_get_monitor (lf_application_get_context (app));
  g_assert_nonnull (monitor);
  backend = lf_scripted_backend_new ();
  lf_monitor_set_backend (monitor, LF_MONITOR_BACKEND (backend));
  lf_monitor_set_network_monitor (monitor, NULL);
  lf_monitor_set_timings (monitor, 3600 * 1000, 5, 1);

  g_test_add_func ("/lifeline/health-page/sparkline", test_health_page_sparkline);
  g_test_add_func ("/lifeline/health-page/onboarding", test_health_page_onboarding);
  g_test_add_func ("/lifeline/health-page/mirror-loading", test_health_page_mirror_loading);
  g_test_add_func ("/lifeline/health-page/mirror-rows-after-first-frame",
                   test_health_page_mirror_rows_after_first_frame);
  g_test_add_func ("/lifeline/health-page/all-clear", test_health_page_all_clear);
  g_test_add_func ("/lifeline/health-page/provider-outage", test_health_page_provider_outage);
  g_test_add_func ("/lifeline/health-page/local-network", test_health_page_local_network);
  g_test_add_func ("/lifeline/health-page/check-now", test_health_page_check_now);
  g_test_add_func ("/lifeline/health-page/detail", test_health_page_detail);
  g_test_add_func ("/lifeline/health-page/custom-platform", test_health_page_custom_platform);
  g_test_add_func ("/lifeline/health-page/status-page-adder",
                   test_health_page_status_page_adder);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  g_clear_object (&backend);
  lf_test_dbus_stop (bus);

  return ret;
}
