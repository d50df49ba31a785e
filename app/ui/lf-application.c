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

#include "lf-application-checklist.h"
#include "lf-cli.h"
#include "lf-preferences-window.h"
#include "lf-window.h"

struct _LfApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
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

static const GActionEntry app_actions[] = {
  { "quit", lf_application_quit_action },
  { "about", lf_application_about_action },
  { "preferences", lf_application_preferences_action },
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

  lf_application_checklist_startup (self);
}

static void
lf_application_shutdown (GApplication *app)
{
  lf_application_checklist_shutdown (LF_APPLICATION (app));

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
