/* test-checklist-page.c — the Checklist page in the running application, under Xvfb
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Over 1,000 lines on purpose: every case runs, in order, in the one LfApplication this
 * process registers (a process registers its application once; the drill cases hand
 * `lifeline --drill`/`--pause-drill` to it over the bus), sharing its window, context and
 * scripted backend. Splitting would start the application again per file; if it grows,
 * the drill cases (drill-from-command-line, drill-notice) are the seam to move.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lf-application.h"
#include "lf-checklist-page.h"
#include "lf-drill-bar.h"
#include "lf-drill-scenario.h"
#include "lf-health-page.h"
#include "lf-platform-row.h"
#include "lf-incident-window.h"
#include "lf-storage.h"
#include "lf-composer.h"
#include "lf-profile.h"
#include "lf-notices-page.h"
#include "lf-scripted-backend.h"
#include "lf-test-gtk.h"
#include "lf-test-utils.h"
#include "lf-tray.h"
#include "lf-window.h"

static LfApplication *app;
static LfScriptedBackend *backend;

/* ------------------------------------------------------------------------ */
/* A fake notification server                                               */
/* ------------------------------------------------------------------------ */

/* org.gtk.Notifications (what GNOME Shell implements, GNotification's "gtk" backend) on a
 * second connection to the private bus: every notification the application shows, by id
 * (lf_test_notifications_new()). */
static LfTestNotifications *notifications;

static gboolean
drill_notification_added (gpointer data)
{
  return lf_test_notifications_find_title (notifications->added, "Drill: ");
}

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static LfWindow *
get_window (void)
{
  return LF_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static gboolean
window_is_mapped (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static gboolean
models_loaded (gpointer data)
{
  return lf_plan_get_loaded (lf_context_get_plan (lf_application_get_context (app)))
         && lf_incident_log_get_loaded (lf_context_get_incident_log (lf_application_get_context (app)));
}

typedef struct
{
  GType       type;
  const char *label;
} Wanted;

static gboolean
is_wanted (GtkWidget *widget,
           gpointer   data)
{
  const Wanted *wanted = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, wanted->type)
         && (wanted->label == NULL
             || (GTK_IS_BUTTON (widget)
                 && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), wanted->label) == 0)
             || (GTK_IS_LABEL (widget)
                 && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), wanted->label) == 0));
}

/* The first widget of @type under @root whose button or label text is @label (any, if NULL). */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *label)
{
  Wanted wanted = { type, label };

  return lf_test_find_widget (root, is_wanted, &wanted);
}

static void
collect_widgets (GtkWidget *root,
                 GType      type,
                 GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, out);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* The visible message dialog with @heading (older ones may still be closing). */
static AdwMessageDialog *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window))
          && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)),
                        heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_dialog (data) != NULL;
}

static gboolean
incident_window_shown (gpointer data)
{
  return find_toplevel (LF_TYPE_INCIDENT_WINDOW) != NULL;
}

static void
settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

static LfChecklistPage *
get_page (void)
{
  return LF_CHECKLIST_PAGE (lf_window_get_checklist_page (get_window ()));
}

static guint
n_runs_shown (LfChecklistPage *page)
{
  g_autoptr(GPtrArray) progress = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (page), GTK_TYPE_PROGRESS_BAR, progress);
  return progress->len;
}

static GtkListBox *
plan_list (LfChecklistPage *page)
{
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (page), GTK_TYPE_LIST_BOX, lists);
  for (guint i = 0; i < lists->len; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (g_ptr_array_index (lists, i), 0);

      if (row != NULL && g_object_get_data (G_OBJECT (row), "step-id") != NULL)
        return g_ptr_array_index (lists, i);
    }

  return NULL;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  /* Nothing drawn yet (a page was just switched): wait for a frame. */
  for (guint i = 0; node == NULL && i < 50; i++)
    {
      settle (100);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s (%dx%d)", path, width, height);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

static LfIncident *cloudflare;
static LfIncident *network;

static void
test_page_damaged_log_is_reported (void)
{
  g_autofree char *dir = g_strdup (lf_storage_get_data_dir ());
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean aside = FALSE;

  g_application_activate (G_APPLICATION (app));
  g_assert_true (lf_test_wait_for (window_is_mapped, NULL, 5000));
  g_assert_true (lf_test_wait_for (models_loaded, NULL, 5000));

  /* main() left garbage in incidents.json: it is set aside, and the page, built on first
   * use, has shown (and cleared) the message. */
  g_assert_nonnull (lf_incident_log_get_load_message (lf_context_get_incident_log (lf_application_get_context (app))));
  g_assert_nonnull (get_page ());
  g_assert_null (lf_incident_log_get_load_message (lf_context_get_incident_log (lf_application_get_context (app))));
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "incidents.json.damaged-"))
      aside = TRUE;
  g_assert_true (aside);

  /* The page says so, in a banner that stays until dismissed. */
  {
    GtkRevealer *revealer = GTK_REVEALER (find_widget (GTK_WIDGET (get_page ()),
                                                       GTK_TYPE_REVEALER, NULL));
    GtkWidget *label = find_widget (GTK_WIDGET (revealer), GTK_TYPE_LABEL, NULL);

    g_assert_true (gtk_revealer_get_reveal_child (revealer));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "incidents.json.damaged-"));
    lf_window_show_page (get_window (), "checklist");
    settle (600);
    save_screenshot (GTK_WIDGET (get_window ()), "checklist-page-banner.png");
    gtk_widget_activate_action (GTK_WIDGET (get_page ()), "checklist.dismiss-message", NULL);
    g_assert_false (gtk_revealer_get_reveal_child (revealer));
  }
}

static void
test_page_runs (void)
{
  LfIncidentLog *log = lf_context_get_incident_log (lf_application_get_context (app));
  LfChecklistPage *page;
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  const char *platforms[] = { "upwork", "fiverr", NULL };

  lf_window_show_page (get_window (), "checklist");
  page = get_page ();
  g_assert_nonnull (page);
  g_assert_true (lf_checklist_page_get_plan (page) == lf_context_get_plan (lf_application_get_context (app)));
  g_assert_cmpuint (n_runs_shown (page), ==, 0);

  /* Run a Drill offers every shipped scenario. */
  {
    GtkMenuButton *drills = GTK_MENU_BUTTON (find_widget (GTK_WIDGET (page), GTK_TYPE_MENU_BUTTON,
                                                          NULL));
    GMenuModel *menu = NULL;
    g_auto(GStrv) ids = lf_drill_scenario_list ();
    g_autofree char *action = NULL;

    /* The first menu button on the page is Run a Drill. */
    g_assert_nonnull (drills);
    menu = gtk_menu_button_get_menu_model (drills);
    g_assert_cmpint (g_menu_model_get_n_items (menu), ==, g_strv_length (ids));
    g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_ACTION, "s",
                                                    &action));
    g_assert_cmpstr (action, ==, "checklist.choose-drill");
  }

  /* Choosing one asks how long it should take: 10 minutes (the default) or 30; Start Drill
   * plays the whole story in the length chosen. */
  {
    g_autoptr(GPtrArray) lengths = g_ptr_array_new ();
    LfContext *context = lf_application_get_context (app);
    AdwMessageDialog *dialog;
    LfDrill *drill;

    gtk_widget_activate_action (GTK_WIDGET (page), "checklist.choose-drill", "s",
                                "cloudflare-2025-11-18");
    g_assert_true (lf_test_wait_for (message_dialog_shown,
                                     "Cloudflare outage of 18 November 2025", 5000));
    dialog = find_dialog ("Cloudflare outage of 18 November 2025");
    g_assert_nonnull (find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "10 minutes"));
    g_assert_nonnull (find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "30 minutes"));
    g_assert_nonnull (find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL,
                                   "12 times as fast as it happened"));
    collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON, lengths);
    g_assert_cmpuint (lengths->len, ==, 2);
    g_assert_true (gtk_check_button_get_active (g_ptr_array_index (lengths, 0)));
    gtk_check_button_set_active (g_ptr_array_index (lengths, 1), TRUE);
    g_assert_false (gtk_check_button_get_active (g_ptr_array_index (lengths, 0)));
    adw_message_dialog_response (dialog, "start");
    settle (100);

    drill = lf_context_get_drill (context);
    g_assert_nonnull (drill);
    g_assert_true (lf_drill_get_running (drill));
    g_assert_cmpuint (lf_drill_player_get_length_ms (lf_drill_get_player (drill)), ==,
                      30 * 60 * 1000);
    g_assert_cmpstr (lf_drill_scenario_get_id (lf_drill_get_scenario (drill)), ==,
                     "cloudflare-2025-11-18");

    /* The drill banner shows it on every page, with Pause Drill; pausing and resuming from
     * there, and stopping. */
    {
      LfDrillBar *bar = LF_DRILL_BAR (find_widget (GTK_WIDGET (get_window ()), LF_TYPE_DRILL_BAR,
                                                   NULL));
      GtkButton *pause = lf_drill_bar_get_pause_button (bar);

      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)));
      g_test_message ("drill banner: %s", lf_drill_bar_get_text (bar));
      g_assert_true (g_str_has_prefix (lf_drill_bar_get_text (bar), "Drill · 0:0"));
      g_assert_nonnull (strstr (lf_drill_bar_get_text (bar), " of 30:00 · the story is at 11:0"));
      g_assert_cmpstr (gtk_button_get_label (pause), ==, "_Pause Drill");
      g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (pause)));
      g_signal_emit_by_name (pause, "clicked");
      settle (50);
      g_assert_true (lf_drill_get_paused (drill));
      g_assert_true (g_str_has_prefix (lf_drill_bar_get_text (bar), "Drill paused at 0:0"));
      g_assert_cmpstr (gtk_button_get_label (pause), ==, "_Resume Drill");
      g_signal_emit_by_name (pause, "clicked");
      settle (50);
      g_assert_false (lf_drill_get_paused (drill));
      g_assert_cmpstr (gtk_button_get_label (pause), ==, "_Pause Drill");

      g_action_group_activate_action (G_ACTION_GROUP (app), "stop-drill", NULL);
      settle (50);
      g_assert_false (lf_drill_get_running (drill));
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
    }
  }

  cloudflare = lf_incident_log_open (log, "Drill: Cloudflare outage", platforms, "cloudflare",
                                     LF_CAUSE_CDN_EDGE, LF_DIAGNOSIS_PROVIDER_OUTAGE, TRUE);
  lf_incident_log_record (log, cloudflare, LF_TIMELINE_STATUS_UPDATE,
                          "Cloudflare: investigating widespread 500 errors",
                          LF_TIMELINE_DATA_URL, "https://www.cloudflarestatus.com/incidents/x",
                          NULL);
  lf_incident_log_record (log, cloudflare, LF_TIMELINE_TRANSITION, "Upwork is down",
                          LF_TIMELINE_DATA_RAY_ID, "9a0b1c2d3e4f5a6b-FRA", NULL);
  network = lf_incident_log_open (log, "Your connection is down", NULL, NULL, LF_CAUSE_NETWORK,
                                  LF_DIAGNOSIS_LOCAL_NETWORK, FALSE);
  g_assert_cmpuint (n_runs_shown (page), ==, 2);

  /* Ticking a check button ticks the step in the model, timed. */
  collect_widgets (GTK_WIDGET (page), GTK_TYPE_CHECK_BUTTON, checks);
  g_assert_cmpuint (checks->len, ==, lf_incident_get_n_steps (cloudflare)
                                     + lf_incident_get_n_steps (network));
  gtk_check_button_set_active (g_ptr_array_index (checks, 0), TRUE);
  g_assert_cmpuint (lf_incident_get_n_done (network) + lf_incident_get_n_done (cloudflare), ==, 1);
  /* A tick from elsewhere (the model) shows on the page without rebuilding it. */
  lf_incident_log_set_step_done (log, cloudflare, 1, TRUE);
  {
    g_autoptr(GPtrArray) again = g_ptr_array_new ();
    guint active = 0;

    collect_widgets (GTK_WIDGET (page), GTK_TYPE_CHECK_BUTTON, again);
    g_assert_true (g_ptr_array_index (again, 0) == g_ptr_array_index (checks, 0));
    for (guint i = 0; i < again->len; i++)
      active += gtk_check_button_get_active (g_ptr_array_index (again, i));
    g_assert_cmpuint (active, ==, 2);
  }
}

static void
test_page_plan_editing (void)
{
  LfChecklistPage *page = get_page ();
  LfPlan *plan = lf_context_get_plan (lf_application_get_context (app));
  GtkListBox *list = plan_list (page);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  GtkWidget *undo;
  GtkWindow *dialog;

  g_assert_nonnull (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plan)), >, 10);
  g_assert_nonnull (gtk_list_box_get_row_at_index (
                      list, g_list_model_get_n_items (G_LIST_MODEL (plan)) - 1));
  first = g_strdup (lf_plan_step_get_id (lf_plan_get_step (plan, 0)));
  second = g_strdup (lf_plan_step_get_id (lf_plan_get_step (plan, 1)));

  /* Keyboard reorder (Alt+↓ on the row runs this action); focus follows the row. */
  gtk_widget_activate_action (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)),
                              "checklist.move-step-down", "s", first);
  g_assert_cmpstr (lf_plan_step_get_id (lf_plan_get_step (plan, 1)), ==, first);
  g_assert_cmpstr (lf_plan_step_get_id (lf_plan_get_step (plan, 0)), ==, second);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (get_window ()))
                 == GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1)));
  gtk_widget_activate_action (GTK_WIDGET (page), "checklist.move-step-up", "s", first);
  g_assert_cmpstr (lf_plan_step_get_id (lf_plan_get_step (plan, 0)), ==, first);

  /* The row carries the keyboard shortcuts. */
  {
    GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
    GListModel *controllers = gtk_widget_observe_controllers (row);
    gboolean has_shortcuts = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_SHORTCUT_CONTROLLER (controller)
            && g_list_model_get_n_items (G_LIST_MODEL (controller)) == 3)
          has_shortcuts = TRUE;
      }
    g_object_unref (controllers);
    g_assert_true (has_shortcuts);
  }

  /* Drag and drop: dropping the first step's id on the fourth row moves it there. */
  {
    GtkWidget *target_row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 3));
    GListModel *controllers = gtk_widget_observe_controllers (target_row);
    GtkDropTarget *drop = NULL;
    GValue value = G_VALUE_INIT;
    gboolean accepted = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && drop == NULL; i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_DROP_TARGET (controller))
          drop = GTK_DROP_TARGET (controller);
      }
    g_object_unref (controllers);
    g_assert_nonnull (drop);

    g_value_init (&value, G_TYPE_STRING);
    g_value_set_string (&value, first);
    g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &accepted);
    g_value_unset (&value);
    g_assert_true (accepted);
    g_assert_cmpstr (lf_plan_step_get_id (lf_plan_get_step (plan, 3)), ==, first);
    lf_plan_move (plan, first, 0);
  }

  /* Remove, then Undo from the toast. */
  gtk_widget_activate_action (GTK_WIDGET (page), "checklist.remove-step", "s", first);
  g_assert_null (lf_plan_find (plan, first, NULL));
  settle (300);
  undo = find_widget (GTK_WIDGET (get_window ()), GTK_TYPE_BUTTON, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  settle (100);
  g_assert_nonnull (lf_plan_find (plan, first, NULL));
  g_assert_cmpstr (lf_plan_step_get_id (lf_plan_get_step (plan, 0)), ==, first);

  /* Add a step through the dialog. */
  gtk_widget_activate_action (GTK_WIDGET (page), "checklist.add-step", NULL);
  g_assert_true (lf_test_wait_for (message_dialog_shown, "New Step", 5000));
  dialog = GTK_WINDOW (find_dialog ("New Step"));
  {
    GtkWidget *entry = find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL);
    guint n = g_list_model_get_n_items (G_LIST_MODEL (plan));

    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "Call the agency");
    settle (400);
    save_screenshot (GTK_WIDGET (dialog), "step-dialog.png");
    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plan)), ==, n + 1);
    g_assert_cmpstr (lf_plan_step_get_title (lf_plan_get_step (plan, n)), ==, "Call the agency");
  }
  settle (300);

  /* Reset asks first. */
  gtk_widget_activate_action (GTK_WIDGET (page), "checklist.reset-plan", NULL);
  g_assert_true (lf_test_wait_for (message_dialog_shown, "Reset the Plan?", 5000));
  adw_message_dialog_response (find_dialog ("Reset the Plan?"), "reset");
  settle (300);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (plan)); i++)
    g_assert_cmpstr (lf_plan_step_get_title (lf_plan_get_step (plan, i)), !=, "Call the agency");
}

static void
test_page_start_checklist (void)
{
  LfIncidentLog *log = lf_context_get_incident_log (lf_application_get_context (app));
  guint open_before = lf_incident_log_get_n_open (log);
  AdwMessageDialog *dialog;

  /* With incidents open, app.start-checklist just shows them. */
  lf_window_show_page (get_window (), "health");
  g_action_group_activate_action (G_ACTION_GROUP (app), "start-checklist",
                                  g_variant_new_string (""));
  g_assert_cmpstr (lf_window_get_visible_page (get_window ()), ==, "checklist");
  g_assert_null (find_dialog ("Start an Incident?"));

  /* By hand: the page's Start Incident asks what is happening, then opens a run. */
  gtk_widget_activate_action (GTK_WIDGET (get_page ()), "checklist.start-incident", NULL);
  g_assert_true (lf_test_wait_for (message_dialog_shown, "Start an Incident?", 5000));
  dialog = find_dialog ("Start an Incident?");
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW,
                                                    NULL)),
                         "Fiverr inbox does not load");
  adw_message_dialog_response (dialog, "start");
  g_assert_cmpuint (lf_incident_log_get_n_open (log), ==, open_before + 1);
  {
    g_autoptr(LfIncident) first = g_list_model_get_item (G_LIST_MODEL (log), 0);

    g_assert_cmpstr (lf_incident_get_title (first), ==, "Fiverr inbox does not load");
    g_assert_false (lf_incident_get_rehearsal (first));
    g_assert_cmpuint (lf_incident_get_n_steps (first), >, 5);
    lf_incident_log_close (log, first);
  }
  settle (300);
}

static void
test_page_screenshots (void)
{
  LfWindow *window = get_window ();
  AdwStyleManager *style = adw_style_manager_get_default ();

  gtk_window_set_default_size (GTK_WINDOW (window), 720, 1100);
  settle (800);
  {
    GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (find_widget (GTK_WIDGET (get_page ()),
                                                                    GTK_TYPE_SCROLLED_WINDOW,
                                                                    NULL));

    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), 0);
    settle (300);
  }
  save_screenshot (GTK_WIDGET (window), "checklist-page-light.png");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 900);
  settle (800);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  save_screenshot (GTK_WIDGET (window), "checklist-page-dark-360.png");

  /* The plan, further down, at the same width. */
  {
    GtkWidget *plan_rows = GTK_WIDGET (plan_list (get_page ()));
    GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (find_widget (GTK_WIDGET (get_page ()),
                                                                    GTK_TYPE_SCROLLED_WINDOW,
                                                                    NULL));
    GtkWidget *content = gtk_scrolled_window_get_child (scrolled);
    double x, y;

    g_assert_true (gtk_widget_translate_coordinates (plan_rows, content, 0, 0, &x, &y));
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), y - 150);
    settle (400);
    save_screenshot (GTK_WIDGET (window), "checklist-plan-dark-360.png");
  }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
export_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lf_incident_window_export_finish (LF_INCIDENT_WINDOW (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
test_page_close_and_export (void)
{
  LfChecklistPage *page = get_page ();
  LfIncidentWindow *detail;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lf-export-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *md = g_build_filename (dir, "report.md", NULL);
  g_autofree char *png_prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *png = g_build_filename (dir, "page-1.png", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  gboolean done = FALSE;
  gsize length;
  GStatBuf st;

  /* Close asks for confirmation, then the incident moves to the log. */
  lf_incident_log_mark_ended (lf_context_get_incident_log (lf_application_get_context (app)), cloudflare);
  gtk_widget_activate_action (GTK_WIDGET (page), "checklist.close-incident", "s",
                              lf_incident_get_id (cloudflare));
  g_assert_true (lf_test_wait_for (message_dialog_shown, "Close the Incident?", 5000));
  g_assert_true (lf_incident_is_open (cloudflare));
  adw_message_dialog_response (find_dialog ("Close the Incident?"), "close");
  g_assert_false (lf_incident_is_open (cloudflare));
  g_assert_cmpuint (n_runs_shown (page), ==, 1);
  settle (300);

  /* The past incident opens its detail window, which exports. */
  gtk_widget_activate_action (GTK_WIDGET (page), "checklist.show-incident", "s",
                              lf_incident_get_id (cloudflare));
  g_assert_true (lf_test_wait_for (incident_window_shown, NULL, 5000));
  detail = LF_INCIDENT_WINDOW (find_toplevel (LF_TYPE_INCIDENT_WINDOW));
  g_assert_true (lf_incident_window_get_incident (detail) == cloudflare);
  /* A note typed there goes into the timeline, its Ray ID kept as evidence. */
  {
    GtkWidget *note = find_widget (GTK_WIDGET (detail), ADW_TYPE_ENTRY_ROW, NULL);
    guint n = lf_incident_get_n_entries (cloudflare);
    const LfTimelineEntry *entry;

    g_assert_nonnull (note);
    gtk_editable_set_text (GTK_EDITABLE (note),
                           "Support asked for the Ray ID 9a0b1c2d3e4f5a6c-AMS");
    g_signal_emit_by_name (note, "apply");
    g_assert_cmpuint (lf_incident_get_n_entries (cloudflare), ==, n + 1);
    entry = lf_incident_get_entry (cloudflare, n);
    g_assert_cmpint (entry->kind, ==, LF_TIMELINE_NOTE);
    g_assert_cmpstr (lf_timeline_entry_get_data (entry, LF_TIMELINE_DATA_RAY_ID), ==,
                     "9a0b1c2d3e4f5a6c-AMS");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_widget (GTK_WIDGET (detail),
                                                                        ADW_TYPE_ENTRY_ROW,
                                                                        NULL))), ==, "");
  }
  settle (500);
  save_screenshot (GTK_WIDGET (detail), "incident-window.png");

  lf_incident_window_export_async (detail, LF_EXPORT_PDF, pdf, NULL, export_cb, &done);
  lf_test_wait_for_flag (&done, 10000);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, &error));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  done = FALSE;
  lf_incident_window_export_async (detail, LF_EXPORT_MARKDOWN, md, NULL, export_cb, &done);
  lf_test_wait_for_flag (&done, 10000);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (md, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "9a0b1c2d3e4f5a6b-FRA"));

  if (pdftoppm != NULL)
    {
      const char *argv[] = { pdftoppm, "-png", "-r", "60", pdf, png_prefix, NULL };
      int status;
      g_autofree char *kept = g_test_build_filename (G_TEST_BUILT, "incident-report-page1.png",
                                                     NULL);
      g_autofree char *png_data = NULL;
      gsize png_length;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, &error));
      g_assert_true (g_file_get_contents (png, &png_data, &png_length, &error));
      g_assert_true (g_file_set_contents (kept, png_data, png_length, &error));
      g_test_message ("PDF page rendered: %s", kept);
      g_unlink (png);
    }
  else
    g_test_message ("pdftoppm not found: the PDF was not rendered");

  /* A closed incident can be deleted from the log, after confirmation. */
  {
    LfIncidentLog *log = lf_context_get_incident_log (lf_application_get_context (app));
    g_autofree char *id = g_strdup (lf_incident_get_id (cloudflare));

    gtk_widget_activate_action (GTK_WIDGET (detail), "incident.delete", NULL);
    g_assert_true (lf_test_wait_for (message_dialog_shown, "Delete the Incident?", 5000));
    g_assert_nonnull (lf_incident_log_lookup (log, id));
    adw_message_dialog_response (find_dialog ("Delete the Incident?"), "delete");
    g_assert_null (lf_incident_log_lookup (log, id));
    cloudflare = NULL;
    g_assert_false (lf_test_wait_for (incident_window_shown, NULL, 300));
  }
  g_unlink (pdf);
  g_unlink (md);
  g_rmdir (dir);
}

static void
cli_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_wait_finish (G_SUBPROCESS (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
drill_incident_open (gpointer data)
{
  LfDrill *drill = lf_context_get_drill (lf_application_get_context (app));
  LfIncident *incident;

  if (drill == NULL)
    return FALSE;
  incident = lf_incident_bridge_get_current (lf_drill_get_bridge (drill));

  return incident != NULL && lf_incident_get_n_entries (incident) > 4;
}

static gboolean
drill_finished (gpointer data)
{
  LfDrill *drill = lf_context_get_drill (lf_application_get_context (app));

  return drill != NULL && !lf_drill_get_running (drill);
}

static guint
n_real_incidents (void)
{
  GListModel *log = G_LIST_MODEL (lf_context_get_incident_log (lf_application_get_context (app)));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(LfIncident) incident = g_list_model_get_item (log, i);

      if (!lf_incident_get_rehearsal (incident))
        n++;
    }

  return n;
}

static gboolean
platform_is (const char *id,
             LfState     state)
{
  LfPlatformState *platform = lf_monitor_lookup_platform (lf_context_get_monitor (lf_application_get_context (app)), id);

  return platform != NULL && lf_platform_state_get_state (platform) == state;
}

static gboolean
upwork_is_up (gpointer data)
{
  return platform_is ("upwork", LF_STATE_UP);
}

/* The Health page shows Upwork down, under a banner that says it is a drill. */
static gboolean
health_page_shows_drill (gpointer data)
{
  LfHealthPage *health = lf_window_get_health_page (get_window ());
  LfPlatformRow *row;
  gboolean upwork_down = FALSE;

  for (guint i = 0; (row = lf_health_page_get_row (health, i)) != NULL; i++)
    if (g_str_equal (lf_platform_state_get_id (lf_platform_row_get_platform (row)), "upwork")
        && g_str_has_prefix (lf_platform_row_get_state_text (row), "Down"))
      upwork_down = TRUE;

  return upwork_down && g_str_has_prefix (lf_health_page_get_banner_text (health), "Drill: ");
}

/* The real monitor is between rounds. */
static gboolean
real_monitor_idle (gpointer data)
{
  return !lf_monitor_get_checking (lf_context_get_monitor (lf_application_get_context (app)));
}

static gboolean
drill_notifications_withdrawn (gpointer data)
{
  return !lf_test_notifications_find_title (notifications->shown, "Drill: ");
}

/* Runs `lifeline ARG`, which must hand its request to this process and exit 0. */
static void
run_cli (const char *arg)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, lf_test_get_binary (), arg,
                           NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (proc, NULL, cli_done_cb, &done);
  lf_test_wait_for_flag (&done, 10000);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
}

static gboolean
drill_not_paused (gpointer data)
{
  return !lf_drill_get_paused (data);
}

/* A drill started from the command line plays on its own monitor: the Health page, the tray
 * and the notifications show it, marked as a drill; the real monitor is never touched: its
 * incident bridge opens nothing, its backend is not asked, its watched platforms, clock and
 * history stay what they were, during the drill and after it. */
static void
test_page_drill_from_command_line (void)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  /* The six-hour story in eight seconds, through the same length mapping as 10 minutes. */
  const char *argv[] = { lf_test_get_binary (), "--drill", "cloudflare-2025-11-18",
                         "--drill-length", "0.14", NULL };
  const char *real_watched[] = { "upwork", "github", "paypal", NULL };
  LfContext *context = lf_application_get_context (app);
  LfIncidentLog *log = lf_context_get_incident_log (context);
  LfMonitor *monitor = lf_context_get_monitor (context);
  LfHistory *history = lf_context_get_history (context);
  LfTray *tray = lf_application_get_tray (app);
  LfChecklistPage *page = get_page ();
  GPtrArray *incidents;
  GPtrArray *transitions;
  LfIncident *incident;
  LfDrill *drill;
  gboolean done = FALSE;
  guint runs_before = n_runs_shown (page);
  guint n_real = n_real_incidents ();
  guint n_probes;
  guint n_transitions;

  /* The real monitor: healthy answers, two platforms (one the drill uses too), a slow clock. */
  lf_scripted_backend_clear (backend);
  lf_monitor_set_timings (monitor, 3600 * 1000, 5, 1);
  lf_monitor_set_watched (monitor, real_watched);
  lf_monitor_start (monitor);
  lf_monitor_check_now (monitor);
  g_assert_true (lf_test_wait_for (upwork_is_up, NULL, 10000));
  /* Rounds queued meanwhile follow at idle: let them all finish. */
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (lf_test_wait_for (real_monitor_idle, NULL, 10000));
      settle (100);
    }

  /* This process is the running Lifeline; the command hands the drill over to it. */
  lf_window_show_page (get_window (), "health");
  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_async (proc, NULL, cli_done_cb, &done);
  lf_test_wait_for_flag (&done, 10000);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  out = g_input_stream_read_bytes (g_subprocess_get_stdout_pipe (proc), 4096, NULL, &error);
  /* The bytes read are not nul-terminated (found by make check-sanitize). */
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (out, NULL), g_bytes_get_size (out),
                                  "Started the drill"));

  /* The window shows the checklist; the drill plays on its own monitor and backend, the
   * real monitor keeps its own. */
  drill = lf_context_get_drill (context);
  g_assert_nonnull (drill);
  g_assert_true (lf_drill_get_monitor (drill) != monitor);
  g_assert_true (lf_context_get_active_monitor (context) == lf_drill_get_monitor (drill));
  g_assert_true (lf_monitor_get_backend (monitor) == LF_MONITOR_BACKEND (backend));
  g_assert_true (g_strv_equal (lf_monitor_get_watched (monitor), real_watched));
  g_assert_cmpstr (lf_window_get_visible_page (get_window ()), ==, "checklist");
  n_probes = lf_scripted_backend_get_n_probes (backend);
  transitions = lf_history_get_transitions (history, "upwork");
  g_assert_nonnull (transitions);
  n_transitions = transitions->len;
  g_assert_cmpuint (n_transitions, >, 0);

  /* The Health page, the notifications and the tray show the drill, as a drill. */
  g_assert_true (lf_test_wait_for (health_page_shows_drill, NULL, 10000));
  lf_window_show_page (get_window (), "health");
  settle (300);
  save_screenshot (GTK_WIDGET (get_window ()), "health-page-drill.png");
  g_assert_true (lf_test_wait_for (drill_notification_added, NULL, 10000));
  g_assert_false (lf_test_notifications_find_title (notifications->added, "Cloudflare"));
  if (tray != NULL)
    g_assert_true (g_str_has_prefix (lf_tray_get_title (tray), "Drill: "));
  /* Meanwhile the user's watched list is what it was: PayPal and all. */
  g_assert_true (g_strv_equal (lf_monitor_get_watched (monitor), real_watched));
  g_assert_true (platform_is ("upwork", LF_STATE_UP));
  lf_window_show_page (get_window (), "checklist");

  g_assert_true (lf_test_wait_for (drill_incident_open, NULL, 10000));

  /* `lifeline --pause-drill` and `--resume-drill` reach the drill in the running Lifeline. */
  run_cli ("--pause-drill");
  g_assert_true (lf_test_wait_for ((gboolean (*) (gpointer)) lf_drill_get_paused, drill, 5000));
  run_cli ("--resume-drill");
  g_assert_true (lf_test_wait_for (drill_not_paused, drill, 5000));
  g_assert_cmpuint (n_runs_shown (page), ==, runs_before + 1);
  g_assert_nonnull (find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL, "DRILL"));
  {
    GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (find_widget (GTK_WIDGET (page),
                                                                    GTK_TYPE_SCROLLED_WINDOW,
                                                                    NULL));

    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), 0);
  }
  settle (400);
  save_screenshot (GTK_WIDGET (get_window ()), "checklist-page-drill.png");

  g_assert_true (lf_test_wait_for (drill_finished, NULL, 20000));
  incidents = lf_incident_bridge_get_incidents (lf_drill_get_bridge (drill));
  g_assert_cmpuint (incidents->len, ==, 1);
  incident = g_ptr_array_index (incidents, 0);
  g_assert_true (lf_incident_get_rehearsal (incident));
  g_assert_cmpstr (lf_incident_get_title (incident), ==, "Drill: Cloudflare outage");
  g_assert_true (lf_incident_log_lookup (log, lf_incident_get_id (incident)) == incident);
  /* Recovered, and waiting for the user to close it. */
  g_assert_cmpint (lf_incident_get_status (incident), ==, LF_INCIDENT_ENDED);

  /* The real monitor was never touched: the real incident bridge opened nothing, the real
   * backend was not asked, its platforms, clock and history are as they were. */
  g_assert_true (lf_context_get_active_monitor (context) == monitor);
  g_assert_cmpuint (n_real_incidents (), ==, n_real);
  g_assert_cmpuint (lf_scripted_backend_get_n_probes (backend), ==, n_probes);
  g_assert_true (lf_monitor_get_backend (monitor) == LF_MONITOR_BACKEND (backend));
  g_assert_true (g_strv_equal (lf_monitor_get_watched (monitor), real_watched));
  g_assert_cmpuint (lf_monitor_get_interval (monitor), ==, 3600);
  transitions = lf_history_get_transitions (history, "upwork");
  g_assert_cmpuint (transitions->len, ==, n_transitions);
  g_assert_true (platform_is ("upwork", LF_STATE_UP));
  g_assert_false (g_str_has_prefix (lf_health_page_get_banner_text (
                                      lf_window_get_health_page (get_window ())), "Drill"));
  if (tray != NULL)
    g_assert_false (g_str_has_prefix (lf_tray_get_title (tray), "Drill"));
  g_assert_true (lf_test_wait_for (drill_notifications_withdrawn, NULL, 10000));
  g_assert_cmpuint (n_real_incidents (), ==, n_real);

  lf_monitor_set_watched (monitor, NULL);
}

static LfIncident *
find_real_incident (const char *platform_id)
{
  GListModel *log = G_LIST_MODEL (lf_context_get_incident_log (lf_application_get_context (app)));

  for (guint i = 0; i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(LfIncident) incident = g_list_model_get_item (log, i);

      if (!lf_incident_get_rehearsal (incident)
          && g_strv_contains (lf_incident_get_platforms (incident), platform_id))
        return incident;
    }

  return NULL;
}

static gboolean
upwork_incident_is_open (gpointer data)
{
  return find_real_incident ("upwork") != NULL;
}

/* The application's own monitor is connected to the incident log: an outage it confirms
 * opens an incident (not a drill) with its run of the plan. */
static void
test_page_monitor_opens_incident (void)
{
  LfMonitor *monitor = lf_context_get_monitor (lf_application_get_context (app));
  const char *watched[] = { "upwork", "discord", NULL };
  LfIncident *incident;

  g_assert_null (find_real_incident ("upwork"));

  lf_scripted_backend_clear (backend);
  lf_scripted_backend_script_probe (backend, "upwork", 500, LF_CAUSE_CDN_EDGE, "cloudflare",
                                    "8e2b4f1a9c3d7e21-AMS", 212);
  lf_scripted_backend_script_probe (backend, "discord", 500, LF_CAUSE_CDN_EDGE, "cloudflare",
                                    "8e2b4f1b0a5c6d33-AMS", 190);
  lf_monitor_set_timings (monitor, 3600 * 1000, 5, 1);
  lf_monitor_set_watched (monitor, watched);
  lf_monitor_check_now (monitor);

  g_assert_true (lf_test_wait_for (upwork_incident_is_open, NULL, 10000));
  incident = find_real_incident ("upwork");
  g_assert_cmpstr (lf_incident_get_provider (incident), ==, "cloudflare");

  lf_scripted_backend_clear (backend);
  lf_monitor_set_watched (monitor, NULL);
}

static gboolean
composer_is_shown (gpointer data)
{
  return find_toplevel (LF_TYPE_COMPOSER) != NULL;
}

/* A checklist step of a drill incident opens the composer as a rehearsal that cannot be
 * switched off, and what it sends is recorded in the incident's timeline. */
static void
test_page_drill_notice (void)
{
  LfIncidentLog *log = lf_context_get_incident_log (lf_application_get_context (app));
  const char *platforms[] = { "upwork", NULL };
  LfIncident *incident;
  GtkWindow *composer;
  LfNotice *notice;
  LfWindow *window;
  guint n_entries;
  gboolean recorded = FALSE;

  incident = lf_incident_log_open (log, "Drill: Cloudflare", platforms, "cloudflare",
                                   LF_CAUSE_CDN_EDGE, LF_DIAGNOSIS_PROVIDER_OUTAGE, TRUE);
  g_assert_true (lf_incident_get_rehearsal (incident));

  g_action_group_activate_action (G_ACTION_GROUP (app), "notify-clients",
                                  g_variant_new_string (lf_incident_get_id (incident)));
  g_assert_true (lf_test_wait_for (composer_is_shown, NULL, 10000));
  composer = find_toplevel (LF_TYPE_COMPOSER);
  notice = lf_composer_get_notice (LF_COMPOSER (composer));
  g_assert_nonnull (notice);
  g_assert_true (lf_notice_get_context (notice)->rehearsal);
  g_assert_cmpstr (lf_notice_get_context (notice)->rehearsal_name, ==, "Drill");

  /* What the Notices page reports as sent lands in the incident's timeline. */
  window = LF_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  n_entries = lf_incident_get_n_entries (incident);
  g_signal_emit_by_name (lf_window_get_notices_page (window), "notice-sent", notice);
  for (guint i = n_entries; i < lf_incident_get_n_entries (incident); i++)
    if (lf_incident_get_entry (incident, i)->kind == LF_TIMELINE_NOTICE_SENT)
      recorded = TRUE;
  g_assert_true (recorded);

  gtk_window_destroy (composer);
  lf_incident_log_close (log, incident);
}

static void
async_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
clipboard_has_text (gpointer data)
{
  GdkClipboard *clipboard = data;

  return gdk_clipboard_get_formats (clipboard) != NULL
         && gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard),
                                               G_TYPE_STRING);
}

/* The plan's "copy my backup contact details" step: the user's details from the keyring. */
static void
test_page_copy_my_contact (void)
{
  g_autoptr(LfProfile) profile = lf_profile_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GdkClipboard *clipboard;

  lf_profile_set_name (profile, "Sam Freelancer");
  lf_profile_set_email (profile, "sam@example.com");
  lf_profile_set_channel (profile, "Signal +44 7700 900456");
  lf_profile_save_async (profile, NULL, async_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (lf_profile_save_finish (profile, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  g_assert_nonnull (window);
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  gdk_clipboard_set_text (clipboard, "");

  g_action_group_activate_action (G_ACTION_GROUP (app), "copy-my-contact",
                                  g_variant_new_string (""));

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_clear_pointer (&text, g_free);
      g_clear_object (&result);
      lf_test_wait_for (clipboard_has_text, clipboard, 1000);
      gdk_clipboard_read_text_async (clipboard, NULL, async_result_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      text = gdk_clipboard_read_text_finish (clipboard, result, NULL);
      if (text != NULL && *text != '\0')
        break;
      g_usleep (20000);
      while (g_main_context_iteration (NULL, FALSE));
    }

  g_assert_cmpstr (text, ==, "Sam Freelancer · sam@example.com · Signal +44 7700 900456");
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log_path = NULL;
  int ret;

  lf_test_init (&argc, &argv);

  /* The user's profile goes to libsecret's file backend in this test's private home. */
  {
    g_autofree char *keyring = g_build_filename (g_get_home_dir (), "keyring", "default.keyring",
                                                 NULL);

    g_setenv ("SECRET_BACKEND", "file", TRUE);
    g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
    g_setenv ("SECRET_FILE_TEST_PASSWORD", "test-password", TRUE);
  }

  if (!lf_test_have_display ())
    {
      g_test_add_func ("/lifeline/skipped", lf_test_skip_no_display);
      return g_test_run ();
    }

  /* A damaged log from a previous life. */
  log_path = lf_storage_build_data_path ("incidents.json");
  g_assert_true (lf_storage_write_atomic (log_path, "{\"incidents\": [ {", -1, 0600, &error));

  bus = lf_test_dbus_up ();
  /* The org.gtk.Notifications backend; the fake owns its name before the backend is made. */
  g_setenv ("GNOTIFICATION_BACKEND", "gtk", TRUE);
  notifications = lf_test_notifications_new ();

  app = lf_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  /* The application's real monitor answers from a healthy script: no network here, and
   * the incidents these tests count are the ones they open themselves. */
  backend = lf_scripted_backend_new ();
  lf_monitor_set_backend (lf_context_get_monitor (lf_application_get_context (app)), LF_MONITOR_BACKEND (backend));
  lf_monitor_set_network_monitor (lf_context_get_monitor (lf_application_get_context (app)), NULL);

  g_test_add_func ("/lifeline/checklist-page/damaged-log-is-reported",
                   test_page_damaged_log_is_reported);
  g_test_add_func ("/lifeline/checklist-page/runs", test_page_runs);
  g_test_add_func ("/lifeline/checklist-page/plan-editing", test_page_plan_editing);
  g_test_add_func ("/lifeline/checklist-page/start-checklist", test_page_start_checklist);
  g_test_add_func ("/lifeline/checklist-page/screenshots", test_page_screenshots);
  g_test_add_func ("/lifeline/checklist-page/close-and-export", test_page_close_and_export);
  g_test_add_func ("/lifeline/checklist-page/drill-from-command-line",
                   test_page_drill_from_command_line);

  g_test_add_func ("/lifeline/checklist-page/drill-notice", test_page_drill_notice);
  g_test_add_func ("/lifeline/checklist-page/copy-my-contact", test_page_copy_my_contact);
  g_test_add_func ("/lifeline/checklist-page/monitor-opens-incident",
                   test_page_monitor_opens_incident);

  ret = g_test_run ();

  g_clear_object (&backend);
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  g_clear_pointer (&notifications, lf_test_notifications_free);
  lf_test_dbus_stop (bus);

  return ret;
}
