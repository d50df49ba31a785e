/* lf-window.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-window"

#include "config.h"

#include "lf-window.h"
#include "lf-a11y.h"
#include "lf-help.h"

#include <glib/gi18n.h>

#include "lf-checklist-page.h"
#include "lf-clients-page.h"
#include "lf-drill-bar.h"
#include "lf-health-page.h"
#include "lf-notices-page.h"
#include "lf-toast.h"

struct _LfWindow
{
  AdwApplicationWindow  parent_instance;

  LfContext            *context;
  GSettings            *settings;
  LfMonitor            *monitor;   /* the context's active monitor, shown */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *stack;
  LfClientsPage        *clients_page;
  LfHealthPage         *health_page;
  LfNoticesPage        *notices_page;
  GtkButton            *check_button;
  GtkStack             *check_stack;
  GtkSpinner           *check_spinner;
  LfDrillBar           *drill_bar;
  LfChecklistPage      *checklist_page;
  GtkMenuButton        *primary_menu_button;
  GMenuModel           *primary_menu;
  AdwViewSwitcherBar   *switcher_bar;

  /* The pages not visible at start are built on first show (or first use): until then
   * their view-stack page holds an empty bin. */
  AdwBin               *checklist_bin;
  AdwBin               *clients_bin;
  AdwBin               *notices_bin;

  gboolean              mapped_once;
};

G_DEFINE_FINAL_TYPE (LfWindow, lf_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
restore_window_state (LfWindow *self)
{
  GSettings *settings = self->settings;
  int width;
  int height;

  if (settings == NULL)
    return;

  width = g_settings_get_int (settings, "window-width");
  height = g_settings_get_int (settings, "window-height");
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (LfWindow *self)
{
  GSettings *settings = self->settings;
  int width;
  int height;

  if (settings == NULL)
    return;

  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));

  /* The default size tracks the unmaximized size. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
}

static void
on_notice_sent_cb (LfContext *context,
                   LfNotice  *notice)
{
  lf_context_record_notice (context, notice);
}

static LfChecklistPage *
ensure_checklist_page (LfWindow *self)
{
  if (self->checklist_page != NULL)
    return self->checklist_page;

  self->checklist_page = LF_CHECKLIST_PAGE (lf_checklist_page_new ());
  if (self->context != NULL)
    lf_checklist_page_set_models (self->checklist_page, lf_context_get_plan (self->context),
                                  lf_context_get_incident_log (self->context));
  adw_bin_set_child (self->checklist_bin, GTK_WIDGET (self->checklist_page));

  return self->checklist_page;
}

static LfClientsPage *
ensure_clients_page (LfWindow *self)
{
  if (self->clients_page != NULL)
    return self->clients_page;

  self->clients_page = LF_CLIENTS_PAGE (lf_clients_page_new (NULL));
  if (self->context != NULL)
    {
      lf_clients_page_set_store (self->clients_page,
                                 lf_context_get_contact_store (self->context));
      lf_clients_page_set_notice_stores (self->clients_page,
                                         lf_context_get_template_store (self->context),
                                         lf_context_get_channel_store (self->context));
      lf_clients_page_set_plan (self->clients_page, lf_context_get_plan (self->context));
      lf_clients_page_set_catalog (self->clients_page, lf_context_get_catalog (self->context));
    }
  adw_bin_set_child (self->clients_bin, GTK_WIDGET (self->clients_page));

  return self->clients_page;
}

static LfNoticesPage *
ensure_notices_page (LfWindow *self)
{
  if (self->notices_page != NULL)
    return self->notices_page;

  self->notices_page = LF_NOTICES_PAGE (lf_notices_page_new ());
  if (self->context != NULL)
    {
      lf_notices_page_set_soup_session (self->notices_page,
                                        lf_context_get_soup_session (self->context));
      g_signal_connect_object (self->notices_page, "notice-sent",
                               G_CALLBACK (on_notice_sent_cb), self->context, G_CONNECT_SWAPPED);
      /* What was sent changes the next action (e.g. no all-clear left to send). */
      g_signal_connect_object (self->notices_page, "notice-sent",
                               G_CALLBACK (lf_health_page_refresh), self->health_page,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      lf_notices_page_set_contact_store (self->notices_page,
                                         lf_context_get_contact_store (self->context));
      lf_notices_page_set_stores (self->notices_page,
                                  lf_context_get_template_store (self->context),
                                  lf_context_get_channel_store (self->context));
    }
  adw_bin_set_child (self->notices_bin, GTK_WIDGET (self->notices_page));

  return self->notices_page;
}

/* A page is built when it is first shown. */
static void
on_visible_child_cb (AdwViewStack *stack,
                     GParamSpec   *pspec,
                     LfWindow     *self)
{
  const char *name = adw_view_stack_get_visible_child_name (stack);

  if (g_strcmp0 (name, "checklist") == 0)
    ensure_checklist_page (self);
  else if (g_strcmp0 (name, "clients") == 0)
    ensure_clients_page (self);
  else if (g_strcmp0 (name, "notices") == 0)
    ensure_notices_page (self);
}

/* The Check Now button shows a spinner while a round runs. */
static void
on_monitor_checking_cb (LfMonitor *monitor,
                        GParamSpec *pspec,
                        LfWindow  *self)
{
  gboolean checking = lf_monitor_get_checking (monitor);

  gtk_stack_set_visible_child_name (self->check_stack, checking ? "checking" : "idle");
  gtk_spinner_set_spinning (self->check_spinner, checking);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->check_button),
                               checking ? _("Checking…") : _("Check Now (Ctrl+R)"));
}

/* The Health page and the Check Now button show the context's active monitor: a running
 * drill's, else the real one. */
static void
on_active_monitor_cb (LfContext  *context,
                      GParamSpec *pspec,
                      LfWindow   *self)
{
  LfMonitor *monitor = lf_context_get_active_monitor (context);

  if (monitor == self->monitor)
    return;

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_func (self->monitor, on_monitor_checking_cb, self);
  g_set_object (&self->monitor, monitor);

  lf_health_page_set_drill (self->health_page, monitor != lf_context_get_monitor (context));
  lf_health_page_set_monitor (self->health_page, monitor);
  lf_health_page_set_incident_log (self->health_page, lf_context_get_incident_log (context));
  g_signal_connect_object (monitor, "notify::checking", G_CALLBACK (on_monitor_checking_cb),
                           self, G_CONNECT_DEFAULT);
  on_monitor_checking_cb (monitor, NULL, self);
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */
/* ------------------------------------------------------------------------ */

static void
lf_window_show_platform_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  LfWindow *self = LF_WINDOW (widget);

  lf_window_show_page (self, "health");
  lf_health_page_show_platform (self->health_page, g_variant_get_string (parameter, NULL));
}

static void
lf_window_show_page_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  lf_window_show_page (LF_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
lf_window_clients_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  LfWindow *self = LF_WINDOW (widget);

  LfClientsPage *page = ensure_clients_page (self);
  LfContactStore *store = lf_clients_page_get_store (page);

  lf_window_show_page (self, "clients");

  /* The page's actions work once the directory is loaded; showing the page starts that. */
  if (!gtk_widget_activate_action (GTK_WIDGET (page),
                                   g_str_equal (action_name, "win.import-clients")
                                     ? "clients.import"
                                     : g_str_equal (action_name, "win.link-clients")
                                     ? "clients.link" : "clients.export",
                                   NULL))
    {
      const char *message = store ? lf_contact_store_get_error_message (store) : NULL;

      lf_toast_show (GTK_WIDGET (self), message ? message
                                                : _("The client directory is still loading; "
                                                    "try again in a moment"));
    }
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_window_constructed (GObject *object)
{
  LfWindow *self = LF_WINDOW (object);

  G_OBJECT_CLASS (lf_window_parent_class)->constructed (object);

  lf_health_page_set_settings (self->health_page, self->settings);
  if (self->context != NULL)
    {
      lf_drill_bar_set_context (self->drill_bar, self->context);
      g_signal_connect_object (self->context, "notify::active-monitor",
                               G_CALLBACK (on_active_monitor_cb), self, G_CONNECT_DEFAULT);
      on_active_monitor_cb (self->context, NULL, self);
    }
}

static void
lf_window_dispose (GObject *object)
{
  LfWindow *self = LF_WINDOW (object);

  g_clear_object (&self->monitor);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lf_window_parent_class)->dispose (object);
}

static void
lf_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LfWindow *self = LF_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LfWindow *self = LF_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Start Incident from anywhere (Ctrl+Shift+I): the Checklist page's own action. */
static void
lf_window_start_incident_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  LfWindow *self = LF_WINDOW (widget);
  GtkWidget *page = lf_window_get_checklist_page (self);

  lf_window_show_page (self, "checklist");
  gtk_widget_activate_action (page, "checklist.start-incident", NULL);
}

/* Help (F1, the main menu, the platform details): a page of help/C, in Yelp or in-app. */
static void
lf_window_help_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  const char *page = g_variant_get_string (parameter, NULL);

  lf_help_show (widget, *page != '\0' ? page : "index");
}

/* The keyboard shortcuts window (Ctrl+?, the main menu). GtkApplication would build it for
 * every new window from gtk/help-overlay.ui, before the first frame; it is built here when
 * first asked for instead, and then kept as the window's help overlay. */
static void
lf_window_show_shortcuts_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new ();
      g_autoptr(GError) error = NULL;

      gtk_builder_set_translation_domain (builder, GETTEXT_PACKAGE);
      if (!gtk_builder_add_from_resource (builder, RESOURCE_BASE_PATH "/ui/lf-shortcuts-window.ui",
                                          &error))
        g_error ("The shortcuts window is missing from the resources: %s", error->message);
      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }

  gtk_window_present (GTK_WINDOW (overlay));
}

/* With G_MESSAGES_DEBUG=lf-window, the window says when its first frame was painted, by the
 * wall clock: tests/bench/bench-background.sh times opening the window from the tray with it,
 * end to end (the window process writes where the background monitor does). */
static void
on_first_frame_cb (GdkFrameClock *clock,
                   LfWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, self);
  g_debug ("First frame painted at %" G_GINT64_FORMAT " µs (real time)", g_get_real_time ());
}

static void
lf_window_map (GtkWidget *widget)
{
  LfWindow *self = LF_WINDOW (widget);

  GTK_WIDGET_CLASS (lf_window_parent_class)->map (widget);

  if (!self->mapped_once)
    {
      self->mapped_once = TRUE;
      g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                               G_CALLBACK (on_first_frame_cb), self, G_CONNECT_DEFAULT);
    }
}

/* ------------------------------------------------------------------------ */
/* GtkWindow overrides                                                      */
/* ------------------------------------------------------------------------ */

static gboolean
lf_window_close_request (GtkWindow *window)
{
  save_window_state (LF_WINDOW (window));

  return GTK_WINDOW_CLASS (lf_window_parent_class)->close_request (window);
}

/* ------------------------------------------------------------------------ */
/* Class                                                                    */
/* ------------------------------------------------------------------------ */

static void
lf_window_class_init (LfWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = lf_window_constructed;
  object_class->dispose = lf_window_dispose;
  object_class->get_property = lf_window_get_property;
  object_class->set_property = lf_window_set_property;
  widget_class->map = lf_window_map;
  window_class->close_request = lf_window_close_request;

  /**
   * LfWindow:context:
   *
   * What the window shows: the monitor, the plan and log, the stores.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, LF_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * LfWindow:settings:
   *
   * Where the window's size and the Health page's choices are kept.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/lf-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LfWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LfWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LfWindow, checklist_bin);
  gtk_widget_class_bind_template_child (widget_class, LfWindow, clients_bin);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s",
                                   lf_window_show_page_action);
  gtk_widget_class_install_action (widget_class, "win.import-clients", NULL,
                                   lf_window_clients_action);
  gtk_widget_class_install_action (widget_class, "win.export-clients", NULL,
                                   lf_window_clients_action);
  gtk_widget_class_install_action (widget_class, "win.link-clients", NULL,
                                   lf_window_clients_action);
  gtk_widget_class_bind_template_child (widget_class, LfWindow, health_page);
  gtk_widget_class_bind_template_child (widget_class, LfWindow, notices_bin);
  gtk_widget_class_bind_template_child (widget_class, LfWindow, check_button);
  gtk_widget_class_bind_template_child (widget_class, LfWindow, check_stack);
  gtk_widget_class_bind_template_child (widget_class, LfWindow, check_spinner);
  gtk_widget_class_bind_template_child (widget_class, LfWindow, drill_bar);
  gtk_widget_class_bind_template_child (widget_class, LfWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, LfWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, LfWindow, switcher_bar);

  gtk_widget_class_install_action (widget_class, "win.show-platform", "s",
                                   lf_window_show_platform_action);
  gtk_widget_class_install_action (widget_class, "win.start-incident", NULL,
                                   lf_window_start_incident_action);
  gtk_widget_class_install_action (widget_class, "win.help", "s", lf_window_help_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   lf_window_show_shortcuts_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.help", "s", "index");

  /* Keyboard: Alt+1…4 switch pages (as GNOME apps with a view switcher do); the incident's
   * three main actions have their own keys. All are listed in the shortcuts window. */
  {
    static const char * const pages[] = { "health", "checklist", "clients", "notices" };

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                             "win.show-page", "s", pages[i]);
        gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, GDK_ALT_MASK,
                                             "win.show-page", "s", pages[i]);
      }
  }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "app.notify-clients", "s", "");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK,
                                       "app.start-checklist", "s", "");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.start-incident", NULL);

  g_type_ensure (LF_TYPE_HEALTH_PAGE);
  g_type_ensure (LF_TYPE_DRILL_BAR);
}

static void
create_primary_menu_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  LfWindow *self = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

static void
on_switcher_bar_reveal_cb (AdwViewSwitcherBar *bar,
                           GParamSpec         *pspec,
                           LfWindow           *self)
{
  if (adw_view_switcher_bar_get_reveal (bar) && adw_view_switcher_bar_get_stack (bar) == NULL)
    adw_view_switcher_bar_set_stack (bar, self->stack);
}

static void
lf_window_init (LfWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not needed for the first frame: the main menu's popover is built when it first opens,
   * the bottom view switcher when the window first gets narrow enough to show it. */
  gtk_menu_button_set_create_popup_func (self->primary_menu_button, create_primary_menu_cb,
                                         self, NULL);
  g_signal_connect_object (self->switcher_bar, "notify::reveal",
                           G_CALLBACK (on_switcher_bar_reveal_cb), self, G_CONNECT_DEFAULT);
  on_switcher_bar_reveal_cb (self->switcher_bar, NULL, self);
  lf_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));
  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (on_visible_child_cb), self, G_CONNECT_DEFAULT);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_window_new:
 * @application: the application the window belongs to
 * @context: what it shows
 * @settings: (nullable): where its size is kept
 *
 * Returns: (transfer none): the main window, owned by @application
 */
LfWindow *
lf_window_new (GtkApplication *application,
               LfContext      *context,
               GSettings      *settings)
{
  LfWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (LF_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  /* GtkWindow:application is not a construct property: restore the size once it is set. */
  self = g_object_new (LF_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       "settings", settings,
                       NULL);
  restore_window_state (self);

  return self;
}

/**
 * lf_window_show_page:
 * @self: a #LfWindow
 * @name: "health", "checklist", "clients" or "notices"
 *
 * Switches the view stack to the named page.
 */
void
lf_window_show_page (LfWindow   *self,
                     const char *name)
{
  g_return_if_fail (LF_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, name);
}

const char *
lf_window_get_visible_page (LfWindow *self)
{
  g_return_val_if_fail (LF_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

void
lf_window_add_toast (LfWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (LF_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  lf_toast_add (GTK_WIDGET (self->toast_overlay), toast);
}

/**
 * lf_window_get_health_page:
 * @self: a #LfWindow
 *
 * Returns: (transfer none): the Health page
 */
LfHealthPage *
lf_window_get_health_page (LfWindow *self)
{
  g_return_val_if_fail (LF_IS_WINDOW (self), NULL);

  return self->health_page;
}

/**
 * lf_window_get_notices_page:
 *
 * Returns: (transfer none): the Notices page, built now if it has not been shown yet
 */
LfNoticesPage *
lf_window_get_notices_page (LfWindow *self)
{
  g_return_val_if_fail (LF_IS_WINDOW (self), NULL);

  return ensure_notices_page (self);
}

/**
 * lf_window_get_checklist_page:
 * @self: a #LfWindow
 *
 * Returns: (transfer none): the #LfChecklistPage, built now if it has not been shown yet
 */
GtkWidget *
lf_window_get_checklist_page (LfWindow *self)
{
  g_return_val_if_fail (LF_IS_WINDOW (self), NULL);

  return GTK_WIDGET (ensure_checklist_page (self));
}
