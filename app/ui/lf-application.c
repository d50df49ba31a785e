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
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "lf-background.h"
#include "lf-catalog.h"
#include "lf-application-checklist.h"
#include "lf-cli.h"
#include "lf-health-format.h"
#include "lf-http.h"
#include "lf-monitor.h"
#include "lf-notifier.h"
#include "lf-notify-clients.h"
#include "lf-preferences-window.h"
#include "lf-storage.h"
#include "lf-tray.h"
#include "lf-window.h"

struct _LfApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;

  /* Desktop integration (app/desktop/) */
  LfTray         *tray;
  LfNotifier     *notifier;
  LfBackground   *background;
  GCancellable   *cancellable;
  gboolean        held_for_background;  /* one g_application_hold() while it runs windowless */
  LfContactStore *contact_store;
  SoupSession    *soup_session;   /* the one HTTP session: monitor, webhooks, tests to self */
  LfChannelStore *channel_store;
  LfTemplateStore *template_store;

  /* Health (the one monitor, its history; why the catalog fell back to the built-in one) */
  LfMonitor      *monitor;
  LfHistory      *history;
  char           *catalog_problem;
  guint           monitor_start_source;
  guint           trim_source;
};

G_DEFINE_FINAL_TYPE (LfApplication, lf_application, ADW_TYPE_APPLICATION)

/* How long after start-up the monitor's first round begins. */
#define MONITOR_START_DELAY_MS 400

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static LfWindow *
get_or_create_window (LfApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (lf_window_new (self));
      if (self->catalog_problem != NULL)
        {
          /* A toast's title is markup; the problem quotes a path and a parser message. */
          g_autofree char *escaped = g_markup_escape_text (self->catalog_problem, -1);

          lf_window_add_toast (LF_WINDOW (window), adw_toast_new (escaped));
        }
    }

  return LF_WINDOW (window);
}

/* The main window, shown or hidden in the background. */
static GtkWindow *
find_main_window (LfApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (LF_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

static gboolean
runs_in_background (LfApplication *self)
{
  return g_settings_get_boolean (lf_application_get_settings (self), "run-in-background");
}

static void
hold_for_background (LfApplication *self)
{
  if (self->held_for_background)
    return;

  self->held_for_background = TRUE;
  g_application_hold (G_APPLICATION (self));
}

static void
release_for_background (LfApplication *self)
{
  if (!self->held_for_background)
    return;

  self->held_for_background = FALSE;
  g_application_release (G_APPLICATION (self));
}

static LfWindow *
present_window (LfApplication *self,
                const char    *page,
                const char    *startup_id)
{
  LfWindow *window = LF_WINDOW (find_main_window (self));

  if (window == NULL)
    window = get_or_create_window (self);
  if (page != NULL)
    lf_window_show_page (window, page);
  /* Wayland compositors give focus only with the host's activation token. */
  if (startup_id != NULL && *startup_id != '\0')
    gtk_window_set_startup_id (GTK_WINDOW (window), startup_id);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static void
request_background_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lf_background_request_finish (LF_BACKGROUND (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Running in the background or starting at login: %s", error->message);
}

/* Applies run-in-background and autostart: the portal request (Flatpak, before any window is
 * hidden) or the autostart entry (native); the hold and hide-on-close of the main window. */
static void
apply_background_settings (LfApplication *self,
                           const char    *changed_key)
{
  GSettings *settings = lf_application_get_settings (self);
  gboolean background = g_settings_get_boolean (settings, "run-in-background");
  gboolean autostart = g_settings_get_boolean (settings, "autostart");
  GtkWindow *window = find_main_window (self);

  /* Natively the autostart entry always follows the setting. In Flatpak the portal is asked
   * before a window may be hidden, and when autostart changes (its entry is the portal's). */
  if (self->background != NULL
      && (!lf_background_is_sandboxed (self->background) || background || autostart
          || g_strcmp0 (changed_key, "autostart") == 0))
    lf_background_request_async (self->background, autostart, self->cancellable,
                                 request_background_cb, NULL);

  if (window != NULL)
    gtk_window_set_hide_on_close (window, background);

  if (!background)
    {
      /* A window hidden in the background has nothing left to bring it back. */
      if (window != NULL && !gtk_widget_get_visible (GTK_WIDGET (window)))
        gtk_window_destroy (window);
      release_for_background (self);
    }
}

/* The catalog: the built-in one plus the user's file. A user file that cannot be used is
 * reported (a toast in the window) and the built-in catalog is used alone. */
static LfCatalog *
load_catalog (LfApplication  *self,
              GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) builtin = NULL;
  LfCatalog *catalog;

  catalog = lf_catalog_load_default (NULL, &local_error);
  if (catalog != NULL)
    {
      g_clear_pointer (&self->catalog_problem, g_free);
      return catalog;
    }

  g_free (self->catalog_problem);
  /* Translators: %s says what is wrong with the user's catalog file */
  self->catalog_problem = g_strdup_printf (_("Your platform list could not be read, the "
                                             "built-in one is used: %s"), local_error->message);
  g_message ("%s", self->catalog_problem);
  if (error != NULL)
    *error = g_error_copy (local_error);

  builtin = lf_storage_load_data ("catalog.json", NULL);
  if (builtin == NULL)
    return lf_catalog_new ();

  catalog = lf_catalog_new_from_data (g_bytes_get_data (builtin, NULL), g_bytes_get_size (builtin),
                                      "catalog.json", NULL);
  return catalog != NULL ? catalog : lf_catalog_new ();
}

static void
apply_watched (LfApplication *self)
{
  g_auto(GStrv) watched = g_settings_get_strv (lf_application_get_settings (self),
                                               "watched-platforms");

  lf_monitor_set_watched (self->monitor, (const char * const *) watched);
}

/* The tray mirrors the health: the worst state, the diagnosis, one line per problem. */
static void
mirror_health (LfApplication *self)
{
  GListModel *platforms = lf_monitor_get_platforms (self->monitor);
  LfDiagnosis *diagnosis = lf_monitor_get_diagnosis (self->monitor);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;
  LfDiagnosisKind kind = LF_DIAGNOSIS_ALL_CLEAR;
  LfState overall = LF_STATE_UP;
  guint n = g_list_model_get_n_items (platforms);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LfPlatformState) platform = g_list_model_get_item (platforms, i);
      LfState state = lf_platform_state_get_state (platform);

      /* worst first: down, degraded, maintenance, unknown, up */
      if (lf_state_get_rank (state) < lf_state_get_rank (overall))
        overall = state;
      if (state == LF_STATE_DOWN || state == LF_STATE_DEGRADED || state == LF_STATE_MAINTENANCE)
        /* Translators: a tray menu line, "Upwork — Down" */
        g_ptr_array_add (lines, g_strdup_printf (_("%s — %s"),
                                                 lf_platform_state_get_name (platform),
                                                 lf_state_describe (state)));
    }
  g_ptr_array_add (lines, NULL);

  if (diagnosis == NULL)
    {
      overall = LF_STATE_UNKNOWN;
      title = g_strdup (_("Checking…"));
    }
  else
    {
      kind = lf_diagnosis_get_kind (diagnosis);
      switch (kind)
        {
        case LF_DIAGNOSIS_ALL_CLEAR:
          title = g_strdup (n > 0 ? _("All clear") : _("Nothing watched yet"));
          break;
        case LF_DIAGNOSIS_PROVIDER_OUTAGE:
          /* Translators: %s is a provider, "Cloudflare outage" */
          title = g_strdup_printf (_("%s outage"), lf_diagnosis_get_provider_name (diagnosis));
          break;
        case LF_DIAGNOSIS_PLATFORM_OUTAGE:
          title = g_strdup (_("Platform outage"));
          break;
        case LF_DIAGNOSIS_LOCAL_NETWORK:
          title = g_strdup (_("Your connection seems down"));
          break;
        case LF_DIAGNOSIS_OFFLINE:
        default:
          title = g_strdup (_("Offline"));
          break;
        }
    }

  /* A fire drill plays through the monitor: the tray says so. */
  if (lf_monitor_get_drill (self->monitor))
    {
      g_autofree char *real = g_steal_pointer (&title);

      /* Translators: the tray's title during a fire drill; %s is the health, "Cloudflare outage" */
      title = g_strdup_printf (_("Drill: %s"), real);
    }

  lf_application_update_health (self, overall, kind, title,
                                diagnosis != NULL ? lf_diagnosis_get_summary (diagnosis) : NULL,
                                (const char * const *) lines->pdata);
}

static void
on_monitor_state_changed_cb (LfMonitor       *monitor,
                             LfPlatformState *platform,
                             LfState          old_state,
                             LfState          new_state,
                             LfApplication   *self)
{
  if (self->notifier != NULL)
    lf_notifier_platform_changed (self->notifier, lf_platform_state_get_id (platform),
                                  lf_platform_state_get_name (platform), old_state, new_state,
                                  lf_platform_state_get_explanation (platform));
  mirror_health (self);
}

static void
on_monitor_diagnosis_changed_cb (LfMonitor     *monitor,
                                 LfDiagnosis   *diagnosis,
                                 LfApplication *self)
{
  if (self->notifier != NULL)
    lf_notifier_diagnosis_changed (self->notifier, lf_diagnosis_get_kind (diagnosis),
                                   lf_diagnosis_get_provider_id (diagnosis),
                                   lf_diagnosis_get_summary (diagnosis),
                                   lf_diagnosis_get_affected (diagnosis));
  mirror_health (self);
}

/* Once the window is hidden (running in the background), give the memory its widgets freed
 * back to the system: the background process should weigh little. */
static void
trim_memory_cb (gpointer user_data)
{
  LfApplication *self = user_data;

  self->trim_source = 0;
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

static void
on_window_hide_cb (GtkWidget     *window,
                   LfApplication *self)
{
  g_clear_handle_id (&self->trim_source, g_source_remove);
  self->trim_source = g_timeout_add_once (2000, trim_memory_cb, self);
}

static void
on_health_window_added_cb (GtkApplication *app,
                           GtkWindow      *window,
                           LfApplication  *self)
{
  if (LF_IS_WINDOW (window))
    g_signal_connect_object (window, "hide", G_CALLBACK (on_window_hide_cb), self,
                             G_CONNECT_DEFAULT);
}

static void
history_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lf_history_load_finish (LF_HISTORY (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("The health history could not be read: %s", error->message);
}

static void
start_monitor_cb (gpointer user_data)
{
  LfApplication *self = user_data;

  self->monitor_start_source = 0;
  lf_monitor_start (self->monitor);
}

/* One monitor for the whole application, also without a window (--gapplication-service).
 * Nothing here blocks: the catalog is parsed from memory, the history is read async, and
 * the first round starts shortly after, once a window has had time to paint. */
static void
setup_monitor (LfApplication *self)
{
  GSettings *settings = lf_application_get_settings (self);
  g_autoptr(LfCatalog) catalog = load_catalog (self, NULL);
  g_autoptr(LfNetworkBackend) backend = NULL;

  backend = lf_network_backend_new (lf_application_get_soup_session (self));
  self->monitor = lf_monitor_new (catalog, LF_MONITOR_BACKEND (backend));
  self->history = lf_history_new (NULL);
  lf_monitor_set_history (self->monitor, self->history);
  lf_history_load_async (self->history, self->cancellable, history_loaded_cb, NULL);

  g_settings_bind (settings, "check-interval", self->monitor, "interval", G_SETTINGS_BIND_GET);
  g_signal_connect_object (settings, "changed::watched-platforms", G_CALLBACK (apply_watched),
                           self, G_CONNECT_SWAPPED);
  apply_watched (self);

  /* confirmed transitions and diagnoses go to the notifications and the tray */
  g_signal_connect_object (self->monitor, "state-changed",
                           G_CALLBACK (on_monitor_state_changed_cb), self, G_CONNECT_DEFAULT);
  g_signal_connect_object (self->monitor, "diagnosis-changed",
                           G_CALLBACK (on_monitor_diagnosis_changed_cb), self, G_CONNECT_DEFAULT);
  g_signal_connect_object (self->monitor, "notify::drill", G_CALLBACK (mirror_health), self,
                           G_CONNECT_SWAPPED);
  g_object_bind_property (self->monitor, "drill", self->notifier, "drill", G_BINDING_SYNC_CREATE);
  mirror_health (self);
  g_signal_connect_object (self, "window-added", G_CALLBACK (on_health_window_added_cb), self,
                           G_CONNECT_DEFAULT);

  /* The first round loads the TLS trust store and resolves names: let the window paint
   * its first frame before that. */
  self->monitor_start_source = g_timeout_add_once (MONITOR_START_DELAY_MS, start_monitor_cb, self);
}

static void
notice_store_loaded_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (LF_IS_CHANNEL_STORE (object))
    ok = lf_channel_store_load_finish (LF_CHANNEL_STORE (object), result, &error);
  else
    ok = lf_template_store_load_finish (LF_TEMPLATE_STORE (object), result, &error);

  /* A damaged file was set aside (the store says so); the defaults are used. */
  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Notices: %s", error->message);
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
on_check_now_activate_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          LfApplication *self)
{
  if (self->monitor != NULL)
    lf_monitor_check_now (self->monitor);
}

static gboolean
on_window_close_request_cb (GtkWindow     *window,
                            LfApplication *self)
{
  /* Runs before the class handler, which saves the size and, with hide-on-close, hides the
   * window instead of destroying it. Hold once, however often the window is closed. */
  if (gtk_window_get_hide_on_close (window))
    hold_for_background (self);

  return GDK_EVENT_PROPAGATE;
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    LfApplication  *self)
{
  if (!LF_IS_WINDOW (window))
    return;

  gtk_window_set_hide_on_close (window, runs_in_background (self));
  g_signal_connect_object (window, "close-request", G_CALLBACK (on_window_close_request_cb),
                           self, G_CONNECT_DEFAULT);
}

static void
on_background_setting_changed_cb (GSettings     *settings,
                                  const char    *key,
                                  LfApplication *self)
{
  apply_background_settings (self, key);
}

static void
on_tray_activate_cb (LfTray        *tray,
                     const char    *token,
                     LfApplication *self)
{
  GtkWindow *window = find_main_window (self);

  /* A click on the icon toggles the window. */
  if (window != NULL && gtk_widget_get_visible (GTK_WIDGET (window)))
    {
      if (gtk_window_get_hide_on_close (window))
        gtk_window_close (window);
      else
        gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
      return;
    }

  present_window (self, NULL, token);
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */
/* ------------------------------------------------------------------------ */

static void
lf_application_show_window_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  present_window (user_data, NULL, NULL);
}

static void
lf_application_open_platform_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  LfWindow *window = present_window (user_data, "health", NULL);
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
  LfWindow *window = present_window (user_data, "notices", NULL);

  lf_notify_clients_start (user_data, window, g_variant_get_string (parameter, NULL));
}

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

/* "check-now" has no handler here: the health monitor connects to its ::activate signal.
 * The (s) actions take a platform id; "" means every affected platform. */
static const GActionEntry app_actions[] = {
  { "quit", lf_application_quit_action },
  { "about", lf_application_about_action },
  { "preferences", lf_application_preferences_action },
  { "check-now", NULL },
  { "show-window", lf_application_show_window_action },
  { "open-platform", lf_application_open_platform_action, "s" },
  { "notify-clients", lf_application_notify_clients_action, "s" },
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
  static const char *check_accels[] = { "<Control>r", "F5", NULL };
  GDBusConnection *connection;
  GSettings *settings;

  G_APPLICATION_CLASS (lf_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.check-now", check_accels);

  /* Desktop integration: tray icon, notifications, running in the background. */
  settings = lf_application_get_settings (self);
  connection = g_application_get_dbus_connection (app);
  self->cancellable = g_cancellable_new ();
  self->notifier = lf_notifier_new (app);
  g_settings_bind (settings, "notify-on", self->notifier, "notify-on", G_SETTINGS_BIND_GET);
  self->background = lf_background_new (connection);
  if (connection != NULL)
    {
      self->tray = lf_tray_new (connection, G_ACTION_GROUP (self));
      g_signal_connect_object (self->tray, "activate", G_CALLBACK (on_tray_activate_cb), self,
                               G_CONNECT_DEFAULT);
    }

  g_signal_connect_object (self, "window-added", G_CALLBACK (on_window_added_cb), self,
                           G_CONNECT_DEFAULT);
  g_signal_connect_object (settings, "changed::run-in-background",
                           G_CALLBACK (on_background_setting_changed_cb), self,
                           G_CONNECT_DEFAULT);
  g_signal_connect_object (settings, "changed::autostart",
                           G_CALLBACK (on_background_setting_changed_cb), self,
                           G_CONNECT_DEFAULT);
  apply_background_settings (self, NULL);

  setup_monitor (self);
  g_signal_connect_object (g_action_map_lookup_action (G_ACTION_MAP (self), "check-now"),
                           "activate", G_CALLBACK (on_check_now_activate_cb), self,
                           G_CONNECT_DEFAULT);

  /* Started at login or by D-Bus (--gapplication-service): no window, the tray and the
   * monitor keep running instead of quitting after GApplication's inactivity timeout. */
  if ((g_application_get_flags (app) & G_APPLICATION_IS_SERVICE) != 0 && runs_in_background (self))
    hold_for_background (self);

  lf_application_checklist_startup (self);
}

static void
lf_application_shutdown (GApplication *app)
{
  LfApplication *self = LF_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->tray);
  g_clear_handle_id (&self->monitor_start_source, g_source_remove);
  if (self->monitor != NULL)
    lf_monitor_stop (self->monitor);
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

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->tray);
  g_clear_object (&self->notifier);
  g_clear_object (&self->background);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->monitor_start_source, g_source_remove);
  g_clear_handle_id (&self->trim_source, g_source_remove);
  g_clear_object (&self->monitor);
  g_clear_object (&self->history);
  g_clear_pointer (&self->catalog_problem, g_free);
  g_clear_object (&self->settings);
  g_clear_object (&self->contact_store);
  g_clear_object (&self->soup_session);
  g_clear_object (&self->channel_store);
  g_clear_object (&self->template_store);

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
  app_class->shutdown = lf_application_shutdown;
  app_class->activate = lf_application_activate;
}

static void
lf_application_init (LfApplication *self)
{
  lf_cli_add_main_options (G_APPLICATION (self));
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

/**
 * lf_application_check_now:
 * @self: a #LfApplication
 *
 * Asks for an immediate health check: activates app.check-now, whose ::activate signal the
 * health monitor is connected to (the tray, Ctrl+R/F5 and the desktop file use the same path).
 */
void
lf_application_check_now (LfApplication *self)
{
  g_return_if_fail (LF_IS_APPLICATION (self));

  g_action_group_activate_action (G_ACTION_GROUP (self), "check-now", NULL);
}

/**
 * lf_application_update_health:
 * @self: a #LfApplication
 * @overall: the worst state of the watched platforms
 * @kind: the diagnosis
 * @title: the overall status in a few words, e.g. "Cloudflare outage"
 * @description: (nullable): the diagnosis in plain words
 * @problem_lines: (nullable) (array zero-terminated=1): "Upwork — Down", one per problem
 *
 * Mirrors the health in the tray icon and, in Flatpak, the background status.
 */
void
lf_application_update_health (LfApplication      *self,
                              LfState             overall,
                              LfDiagnosisKind     kind,
                              const char         *title,
                              const char         *description,
                              const char * const *problem_lines)
{
  g_return_if_fail (LF_IS_APPLICATION (self));
  g_return_if_fail (title != NULL);

  if (self->tray != NULL)
    lf_tray_set_status (self->tray, overall, kind, title, description, problem_lines);
  if (self->background != NULL)
    lf_background_set_status (self->background, title);
}

/**
 * lf_application_get_tray:
 * @self: a #LfApplication
 *
 * Returns: (transfer none) (nullable): the tray icon, %NULL without a session bus; whether a
 *   host shows it is #LfTray:available
 */
LfTray *
lf_application_get_tray (LfApplication *self)
{
  g_return_val_if_fail (LF_IS_APPLICATION (self), NULL);

  return self->tray;
}

/**
 * lf_application_get_notifier:
 * @self: a #LfApplication
 *
 * Returns: (transfer none) (nullable): the notifier the monitor's transitions go to (set up
 *   at startup)
 */
LfNotifier *
lf_application_get_notifier (LfApplication *self)
{
  g_return_val_if_fail (LF_IS_APPLICATION (self), NULL);

  return self->notifier;
}

/**
 * lf_application_get_held_for_background:
 * @self: a #LfApplication
 *
 * Returns: whether Lifeline holds itself alive to run without a window
 */
gboolean
lf_application_get_held_for_background (LfApplication *self)
{
  g_return_val_if_fail (LF_IS_APPLICATION (self), FALSE);

  return self->held_for_background;
}

/**
 * lf_application_get_contact_store:
 * @self: a #LfApplication
 *
 * The one client directory of the application, shared by every window and feature (the
 * clients page, notices). Created on first use; it loads from the keyring only when
 * something asks it to (lf_contact_store_ensure_loaded() or lf_contact_store_load_async()).
 *
 * Returns: (transfer none): the contact store
 */
LfContactStore *
lf_application_get_contact_store (LfApplication *self)
{
  g_return_val_if_fail (LF_IS_APPLICATION (self), NULL);

  if (self->contact_store == NULL)
    self->contact_store = lf_contact_store_new ();

  return self->contact_store;
}

/**
 * lf_application_get_monitor:
 * @self: a #LfApplication
 *
 * Returns: (transfer none) (nullable): the health monitor (created at startup)
 */
LfMonitor *
lf_application_get_monitor (LfApplication *self)
{
  g_return_val_if_fail (LF_IS_APPLICATION (self), NULL);

  return self->monitor;
}

/**
 * lf_application_get_catalog_problem:
 * @self: a #LfApplication
 *
 * Returns: (nullable): why the user's catalog file is not used, or %NULL
 */
const char *
lf_application_get_catalog_problem (LfApplication *self)
{
  g_return_val_if_fail (LF_IS_APPLICATION (self), NULL);

  return self->catalog_problem;
}

/**
 * lf_application_reload_catalog:
 * @self: a #LfApplication
 * @error: return location for why the user's file could not be used
 *
 * Reads the catalog again (after the user added a platform) and gives it to the monitor;
 * on error the built-in catalog is used and %FALSE returned.
 */
gboolean
lf_application_reload_catalog (LfApplication  *self,
                               GError        **error)
{
  g_autoptr(LfCatalog) catalog = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LF_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (self->monitor != NULL, FALSE);

  catalog = load_catalog (self, &local_error);
  lf_monitor_set_catalog (self->monitor, catalog);
  if (lf_monitor_get_running (self->monitor))
    lf_monitor_check_now (self->monitor);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * lf_application_get_soup_session:
 * @self: a #LfApplication
 *
 * The application's one HTTP session (lf_http_session_new()): the monitor probes through it
 * and notices post their webhooks with it.
 *
 * Returns: (transfer none): the session
 */
SoupSession *
lf_application_get_soup_session (LfApplication *self)
{
  g_return_val_if_fail (LF_IS_APPLICATION (self), NULL);

  if (self->soup_session == NULL)
    self->soup_session = lf_http_session_new ();

  return self->soup_session;
}

/**
 * lf_application_get_channel_store:
 * @self: a #LfApplication
 *
 * The one list of notice channels, shared by the composer and Preferences; loaded
 * asynchronously on first use.
 *
 * Returns: (transfer none): the channel store
 */
LfChannelStore *
lf_application_get_channel_store (LfApplication *self)
{
  g_return_val_if_fail (LF_IS_APPLICATION (self), NULL);

  if (self->channel_store == NULL)
    {
      self->channel_store = lf_channel_store_new (NULL);
      lf_channel_store_load_async (self->channel_store, NULL, notice_store_loaded_cb, NULL);
    }

  return self->channel_store;
}

/**
 * lf_application_get_template_store:
 * @self: a #LfApplication
 *
 * The one set of notice templates, shared by the composer and Preferences; loaded
 * asynchronously on first use.
 *
 * Returns: (transfer none): the template store
 */
LfTemplateStore *
lf_application_get_template_store (LfApplication *self)
{
  g_return_val_if_fail (LF_IS_APPLICATION (self), NULL);

  if (self->template_store == NULL)
    {
      self->template_store = lf_template_store_new (NULL);
      lf_template_store_load_async (self->template_store, NULL, notice_store_loaded_cb, NULL);
    }

  return self->template_store;
}
