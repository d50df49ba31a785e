/* lf-application.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-application"

#include "config.h"

#include "lf-application.h"

#include <glib/gi18n.h>

#include "lf-cli.h"
#include "lf-drill.h"
#include "lf-preferences-window.h"
#include "lf-window.h"

struct _LfApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  LfPlan         *plan;
  LfIncidentLog  *incident_log;
  LfDrill        *drill;
};

G_DEFINE_FINAL_TYPE (LfApplication, lf_application, ADW_TYPE_APPLICATION)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static LfWindow *
get_or_create_window (LfApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (lf_window_new (self));

  return LF_WINDOW (window);
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */
/* ------------------------------------------------------------------------ */

static void
lf_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
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
  GtkWindow *parent = GTK_WINDOW (get_or_create_window (self));
  LfPreferencesWindow *prefs = lf_preferences_window_new (self);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

/* Shows the checklist; with no incident open, asks to start one by hand. */
static void
lf_application_start_checklist_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  LfApplication *self = user_data;
  LfWindow *window = get_or_create_window (self);

  lf_window_show_page (window, "checklist");
  gtk_window_present (GTK_WINDOW (window));

  if (lf_incident_log_get_n_open (lf_application_get_incident_log (self)) == 0)
    gtk_widget_activate_action (lf_window_get_checklist_page (window), "checklist.start-incident",
                                NULL);
}

static void
on_drill_finished_cb (LfDrill       *drill,
                      LfApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (LF_IS_WINDOW (window))
    lf_window_add_toast (LF_WINDOW (window),
                         adw_toast_new (_("The drill is over. Check the checklist, then close "
                                          "the drill incident.")));
  g_application_release (G_APPLICATION (self));
}

static void
lf_application_start_drill_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  LfApplication *self = user_data;
  LfWindow *window = get_or_create_window (self);
  g_autoptr(LfDrillScenario) scenario = NULL;
  g_autoptr(LfCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *started = NULL;
  const char *speed = g_getenv ("LIFELINE_DRILL_SPEED");

  lf_window_show_page (window, "checklist");
  gtk_window_present (GTK_WINDOW (window));

  scenario = lf_drill_scenario_load (g_variant_get_string (parameter, NULL), &error);
  if (scenario != NULL)
    catalog = lf_catalog_load_default (NULL, &error);
  if (catalog == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      lf_window_add_toast (window, adw_toast_new (escaped));
      return;
    }

  /* One drill at a time: a new one replaces a running one. */
  if (self->drill != NULL)
    lf_drill_stop (self->drill);
  g_clear_object (&self->drill);

  /* LIFELINE_DRILL_SPEED plays faster, for tests and screenshots. */
  self->drill = lf_drill_new (scenario, catalog, lf_application_get_incident_log (self),
                              speed != NULL ? CLAMP (g_ascii_strtod (speed, NULL), 0.1, 1000.0)
                                            : 1.0);
  g_signal_connect_object (self->drill, "finished", G_CALLBACK (on_drill_finished_cb), self, 0);
  g_application_hold (G_APPLICATION (self));
  lf_drill_start (self->drill);

  /* Translators: a toast; the drill's title */
  started = g_markup_printf_escaped (_("Drill started: %s. Nothing reaches your clients."),
                                     lf_drill_scenario_get_title (scenario));
  lf_window_add_toast (window, adw_toast_new (started));
}

static const GActionEntry app_actions[] = {
  { "quit", lf_application_quit_action },
  { "about", lf_application_about_action },
  { "preferences", lf_application_preferences_action },
  { "start-checklist", lf_application_start_checklist_action },
  { "start-drill", lf_application_start_drill_action, "s" },
};

/* ------------------------------------------------------------------------ */
/* GApplication overrides                                                   */
/* ------------------------------------------------------------------------ */

static int
lf_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  int status = lf_cli_handle_options (options);

  if (status != LF_CLI_CONTINUE)
    return status;

  return G_APPLICATION_CLASS (lf_application_parent_class)->handle_local_options (app, options);
}

static void
lf_application_startup (GApplication *app)
{
  LfApplication *self = LF_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (lf_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
}

static void
lf_application_shutdown (GApplication *app)
{
  LfApplication *self = LF_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  /* Nothing the user typed is lost: write pending changes before the process ends. */
  if (self->incident_log != NULL && !lf_incident_log_flush (self->incident_log, &error))
    g_warning ("Could not save the incident log: %s", error->message);
  g_clear_error (&error);
  if (self->plan != NULL && !lf_plan_flush (self->plan, &error))
    g_warning ("Could not save the plan: %s", error->message);

  G_APPLICATION_CLASS (lf_application_parent_class)->shutdown (app);
}

static void
lf_application_activate (GApplication *app)
{
  LfWindow *window = get_or_create_window (LF_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_application_dispose (GObject *object)
{
  LfApplication *self = LF_APPLICATION (object);

  g_clear_object (&self->drill);
  g_clear_object (&self->incident_log);
  g_clear_object (&self->plan);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lf_application_parent_class)->dispose (object);
}

static void
lf_application_class_init (LfApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = lf_application_dispose;

  app_class->handle_local_options = lf_application_handle_local_options;
  app_class->startup = lf_application_startup;
  app_class->activate = lf_application_activate;
  app_class->shutdown = lf_application_shutdown;
}

static void
lf_application_init (LfApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), lf_cli_get_option_entries ());
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Keep working when the platforms you depend on "
                                              "fail."));
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

LfApplication *
lf_application_new (void)
{
  return g_object_new (LF_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}

/**
 * lf_application_get_settings:
 * @self: a #LfApplication
 *
 * Returns: (transfer none): the application's settings, created on first use
 */
GSettings *
lf_application_get_settings (LfApplication *self)
{
  g_return_val_if_fail (LF_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    self->settings = g_settings_new (SCHEMA_ID);

  return self->settings;
}

static void
plan_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lf_plan_load_finish (LF_PLAN (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not load the plan: %s", error->message);
}

static void
incident_log_loaded_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lf_incident_log_load_finish (LF_INCIDENT_LOG (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not load the incident log: %s", error->message);
}

/**
 * lf_application_get_plan:
 * @self: a #LfApplication
 *
 * Returns: (transfer none): the contingency plan, created and loaded on first use
 */
LfPlan *
lf_application_get_plan (LfApplication *self)
{
  g_return_val_if_fail (LF_IS_APPLICATION (self), NULL);

  if (self->plan == NULL)
    {
      self->plan = lf_plan_new (NULL);
      lf_plan_load_async (self->plan, NULL, plan_loaded_cb, NULL);
    }

  return self->plan;
}

/**
 * lf_application_get_incident_log:
 * @self: a #LfApplication
 *
 * Returns: (transfer none): the incident log, created and loaded on first use
 */
LfIncidentLog *
lf_application_get_incident_log (LfApplication *self)
{
  g_return_val_if_fail (LF_IS_APPLICATION (self), NULL);

  if (self->incident_log == NULL)
    {
      self->incident_log = lf_incident_log_new (lf_application_get_plan (self), NULL);
      lf_incident_log_load_async (self->incident_log, NULL, incident_log_loaded_cb, NULL);
    }

  return self->incident_log;
}

/**
 * lf_application_get_drill:
 * @self: a #LfApplication
 *
 * Returns: (transfer none) (nullable): the fire drill started last, if any
 */
LfDrill *
lf_application_get_drill (LfApplication *self)
{
  g_return_val_if_fail (LF_IS_APPLICATION (self), NULL);

  return self->drill;
}
