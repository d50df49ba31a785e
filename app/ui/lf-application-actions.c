/* lf-application-actions.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-application"

#include "config.h"

#include "lf-application-private.h"

#include <glib/gi18n.h>

#include "lf-notify-clients.h"
#include "lf-preferences-window.h"
#include "lf-profile.h"
#include "lf-toast.h"

/* The application's actions, shared by the window, the tray menu, notifications, the desktop
 * file and scripts:
 *
 *   app.quit, app.about, app.preferences, app.show-window
 *   app.check-now              check at once (handled in lf-application.c)
 *   app.open-platform (s)      the Health page, with that platform's details
 *   app.notify-clients (s)     the composer for that platform's (or incident's) clients;
 *                              "" = every affected platform
 *   app.copy-my-contact (s)    copy the user's own contact details (name, e-mail, backup
 *                              channel, from the keyring) for a client; the parameter is
 *                              the incident id of the checklist step, unused
 *   app.start-checklist (s)    show the checklist (the platform id is for notifications and
 *                              the tray; "" is fine); with nothing open, offer Start Incident
 *   app.start-drill (s)        run the named drill, on the checklist page: "ID" for the
 *                              default length (10 minutes), "ID:SECONDS" for another
 *   app.pause-drill, app.resume-drill, app.stop-drill   the running drill
 */

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static LfWindow *
present_checklist (LfApplication *self)
{
  return lf_application_present_window (self, "checklist", NULL);
}

static void
on_drill_finished_cb (LfDrill       *drill,
                      LfApplication *self)
{
  lf_application_toast (self, _("The drill is over. Check the checklist, then close the drill "
                                "incident."));
  g_application_release (G_APPLICATION (self));
}

/* "Name · e-mail · backup channel": what a client needs to reach the user off-platform. */
static char *
describe_profile (LfProfile *profile)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *values[3];

  if (profile == NULL)
    return NULL;

  values[0] = lf_profile_get_name (profile);
  values[1] = lf_profile_get_email (profile);
  values[2] = lf_profile_get_channel (profile);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (values[i] != NULL && *values[i] != '\0')
      g_ptr_array_add (parts, (gpointer) values[i]);

  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
copy_profile_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LfApplication) self = user_data;
  g_autoptr(LfProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  profile = lf_profile_load_finish (result, &error);
  text = describe_profile (profile);

  if (!LF_IS_WINDOW (window))
    return;

  if (text == NULL)
    {
      lf_toast_show (GTK_WIDGET (window), _("Add your name, e-mail and backup channel in "
                                            "Preferences › Notices first"));
      return;
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), text);
  lf_toast_show (GTK_WIDGET (window), _("Your contact details are copied"));
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */
/* ------------------------------------------------------------------------ */

static void
lf_application_show_window_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  lf_application_present_window (user_data, NULL, NULL);
}

static void
lf_application_open_platform_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  LfWindow *window = lf_application_present_window (user_data, "health", NULL);
  const char *platform_id = g_variant_get_string (parameter, NULL);

  /* The Health page shows the platform's details if it offers win.show-platform. */
  if (*platform_id != '\0')
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-platform", "s", platform_id);
}

static void
lf_application_notify_clients_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  LfWindow *window = lf_application_present_window (user_data, "notices", NULL);

  lf_notify_clients_start (lf_application_get_context (user_data), window,
                           g_variant_get_string (parameter, NULL));
}

/* "New Notice…" on the Notices page: choose the platform in the composer. */
static void
lf_application_new_notice_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  LfWindow *window = lf_application_present_window (user_data, "notices", NULL);

  lf_notify_clients_new_notice (lf_application_get_context (user_data), window);
}

/* The all-clear to exactly the clients told of an outage that is over (lf-outage.c). */
static void
lf_application_send_all_clear_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  LfWindow *window = lf_application_present_window (user_data, "notices", NULL);

  lf_notify_clients_start_all_clear (lf_application_get_context (user_data), window);
}

static void
monitor_quit_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LfApplication) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    g_message ("Could not quit the background monitor: %s", error->message);
  g_application_quit (G_APPLICATION (self));
}

static void
lf_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GDBusConnection *connection = g_application_get_dbus_connection (app);

  /* Quit is Lifeline's, not only the window's: the background monitor quits too. */
  if (lf_application_get_window_only (user_data) && connection != NULL)
    {
      g_dbus_connection_call (connection, g_application_get_application_id (app),
                              g_application_get_dbus_object_path (app), "org.gtk.Actions",
                              "Activate", g_variant_new ("(s@av@a{sv})", "quit",
                                                         g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0),
                                                         g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                              NULL, G_DBUS_CALL_FLAGS_NONE, 2000, NULL, monitor_quit_cb,
                              g_object_ref (app));
      return;
    }

  g_application_quit (app);
}

static void
lf_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  LfApplication *self = user_data;
  static const char *developers[] = { "The Lifeline authors", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Lifeline"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Lifeline authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Keep working when the platforms you depend on fail"),
                        "website", "https://github.com/lifeline/lifeline",
                        "issue-url", "https://github.com/lifeline/lifeline/issues",
                        "copyright", "© 2026 The Lifeline authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
lf_application_preferences_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  LfApplication *self = user_data;
  GtkWindow *parent = GTK_WINDOW (lf_application_present_window (self, NULL, NULL));
  LfPreferencesWindow *prefs = lf_preferences_window_new (lf_application_get_context (self),
                                                          lf_application_get_settings (self),
                                                          lf_application_get_tray (self));

  if (lf_application_get_window_only (self))
    lf_preferences_window_set_tray_shown (prefs, lf_application_get_tray_host_present (self));
  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
copy_my_contact_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  LfApplication *self = user_data;

  /* The profile lives in the keyring: read it without blocking. */
  lf_profile_load_async (NULL, copy_profile_cb, g_object_ref (self));
}

static void
start_checklist_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  LfApplication *self = user_data;
  LfWindow *window = present_checklist (self);
  LfContext *context = lf_application_get_context (self);

  if (lf_incident_log_get_n_open (lf_context_get_incident_log (context)) == 0)
    gtk_widget_activate_action (lf_window_get_checklist_page (window), "checklist.start-incident",
                                NULL);
}

static void
start_drill_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  LfApplication *self = user_data;
  LfWindow *window = present_checklist (self);
  g_autoptr(LfDrillScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *started = NULL;
  guint64 length_ms = 0;
  LfDrill *drill;

  /* "ID" (the default length, 10 minutes) or "ID:SECONDS" (lf_drill_parse_request()). */
  scenario = lf_drill_parse_request (g_variant_get_string (parameter, NULL), &length_ms, &error);
  if (scenario == NULL)
    {
      lf_toast_show (GTK_WIDGET (window), error->message);
      return;
    }

  /* One drill at a time: a new one replaces a running one. It plays on its own monitor: the
   * Health page, the tray and the notifications show it (marked as one) while the real
   * monitor goes on. The whole story plays in the length chosen. */
  drill = lf_context_start_drill (lf_application_get_context (self), scenario,
                                  lf_drill_scenario_get_speed_for_length (scenario, length_ms));
  g_signal_connect_object (drill, "finished", G_CALLBACK (on_drill_finished_cb), self,
                           G_CONNECT_DEFAULT);
  /* The drill runs to its end even if the window is closed. */
  g_application_hold (G_APPLICATION (self));

  /* Translators: a toast; the drill's title */
  started = g_strdup_printf (_("Drill started: %s. Nothing reaches your clients."),
                             lf_drill_scenario_get_title (scenario));
  lf_toast_show (GTK_WIDGET (window), started);
}

/* app.pause-drill, app.resume-drill, app.stop-drill: the running drill's, from the drill
 * banner, the command line (lifeline --pause-drill) or a script. */
static void
drill_control_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  LfApplication *self = user_data;
  LfContext *context = lf_application_get_context (self);
  LfDrill *drill = lf_context_get_drill (context);
  const char *name = g_action_get_name (G_ACTION (action));

  if (drill == NULL || !lf_drill_get_running (drill))
    {
      lf_application_toast (self, _("No drill is running."));
      return;
    }

  if (g_str_equal (name, "pause-drill"))
    lf_drill_pause (drill);
  else if (g_str_equal (name, "resume-drill"))
    lf_drill_resume (drill);
  else
    lf_context_stop_drill (context);
}

/* "check-now" has no handler here: lf-application.c connects to its ::activate signal.
 * The (s) actions take a platform id; "" means every affected platform. */
static const GActionEntry app_actions[] = {
  { "quit", lf_application_quit_action },
  { "about", lf_application_about_action },
  { "preferences", lf_application_preferences_action },
  { "check-now", NULL },
  { "show-window", lf_application_show_window_action },
  { "open-platform", lf_application_open_platform_action, "s" },
  { "notify-clients", lf_application_notify_clients_action, "s" },
  { "send-all-clear", lf_application_send_all_clear_action },
  { "new-notice", lf_application_new_notice_action },
  { "copy-my-contact", copy_my_contact_action, "s" },
  { "start-checklist", start_checklist_action, "s" },
  { "start-drill", start_drill_action, "s" },
  { "pause-drill", drill_control_action },
  { "resume-drill", drill_control_action },
  { "stop-drill", drill_control_action },
};

/* ------------------------------------------------------------------------ */
/* Internal API                                                             */
/* ------------------------------------------------------------------------ */

/**
 * lf_application_add_actions:
 * @self: a #LfApplication
 *
 * Adds the app.* actions and their accelerators (from #GApplication::startup).
 */
void
lf_application_add_actions (LfApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *check_accels[] = { "<Control>r", "F5", NULL };
  /* what GtkApplication sets itself when the shortcuts window is gtk/help-overlay.ui; it is
   * ui/lf-shortcuts-window.ui, built when first shown (lf-window.c) */
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.check-now", check_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         shortcuts_accels);
}
