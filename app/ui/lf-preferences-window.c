/* lf-preferences-window.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-preferences-window"

#include "config.h"

#include "lf-preferences-window.h"

#include <glib/gi18n.h>

struct _LfPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  LfApplication        *application;

  /* Template widgets */
  GtkSpinButton        *interval_spin;
  AdwComboRow          *notify_row;
  AdwActionRow         *background_row;
  GtkSwitch            *background_switch;
  GtkSwitch            *autostart_switch;
};

G_DEFINE_FINAL_TYPE (LfPreferencesWindow, lf_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_APPLICATION_OBJECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The order of the rows in the "Notify me" combo row. */
static const char *notify_values[] = { "down", "degraded", "never" };

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static gboolean
notify_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *str = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (notify_values); i++)
    {
      if (g_str_equal (str, notify_values[i]))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
notify_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  if (i >= G_N_ELEMENTS (notify_values))
    return NULL;

  return g_variant_new_string (notify_values[i]);
}

/* Says honestly how a closed window comes back: the tray icon only if a host shows it. */
static void
update_background_subtitle (LfPreferencesWindow *self)
{
  LfTray *tray = lf_application_get_tray (self->application);

  if (tray != NULL && lf_tray_get_available (tray))
    adw_action_row_set_subtitle (self->background_row,
                                 _("Keep watching after the window is closed; the tray icon "
                                   "brings it back"));
  else
    adw_action_row_set_subtitle (self->background_row,
                                 _("Keep watching after the window is closed; this desktop "
                                   "shows no tray icon, so open Lifeline again to see it"));
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_preferences_window_constructed (GObject *object)
{
  LfPreferencesWindow *self = LF_PREFERENCES_WINDOW (object);
  GSettings *settings = lf_application_get_settings (self->application);
  LfTray *tray = lf_application_get_tray (self->application);

  G_OBJECT_CLASS (lf_preferences_window_parent_class)->constructed (object);

  update_background_subtitle (self);
  if (tray != NULL)
    g_signal_connect_object (tray, "notify::available", G_CALLBACK (update_background_subtitle),
                             self, G_CONNECT_SWAPPED);

  g_settings_bind (settings, "check-interval",
                   gtk_spin_button_get_adjustment (self->interval_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "notify-on",
                                self->notify_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                notify_get_mapping, notify_set_mapping, NULL, NULL);
  g_settings_bind (settings, "run-in-background",
                   self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "autostart",
                   self->autostart_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
lf_preferences_window_dispose (GObject *object)
{
  LfPreferencesWindow *self = LF_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LF_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (lf_preferences_window_parent_class)->dispose (object);
}

static void
lf_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LfPreferencesWindow *self = LF_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_APPLICATION_OBJECT:
      self->application = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_preferences_window_class_init (LfPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lf_preferences_window_constructed;
  object_class->dispose = lf_preferences_window_dispose;
  object_class->set_property = lf_preferences_window_set_property;

  properties[PROP_APPLICATION_OBJECT] =
    g_param_spec_object ("application-object", NULL, NULL,
                         LF_TYPE_APPLICATION,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/lf-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LfPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, LfPreferencesWindow, notify_row);
  gtk_widget_class_bind_template_child (widget_class, LfPreferencesWindow, background_row);
  gtk_widget_class_bind_template_child (widget_class, LfPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, LfPreferencesWindow, autostart_switch);
}

static void
lf_preferences_window_init (LfPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

LfPreferencesWindow *
lf_preferences_window_new (LfApplication *application)
{
  g_return_val_if_fail (LF_IS_APPLICATION (application), NULL);

  return g_object_new (LF_TYPE_PREFERENCES_WINDOW,
                       "application-object", application,
                       NULL);
}
