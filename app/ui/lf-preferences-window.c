/* lf-preferences-window.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-preferences-window"

#include "config.h"

#include "lf-preferences-window.h"
#include "lf-toast.h"
#include "lf-a11y.h"
#include "lf-notices-prefs.h"

#include <glib/gi18n.h>

#include "lf-custom-platform.h"
#include "lf-platform-picker.h"
#include "lf-status-page-adder.h"

struct _LfPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  LfContext            *context;
  GSettings            *settings;
  LfTray               *tray;                /* nullable: no session bus, or the window's
                                              * process (the tray is the monitor's) */
  gboolean              tray_shown;          /* without @tray: whether a host shows one */

  /* Template widgets */
  GtkSpinButton        *interval_spin;
  AdwComboRow          *notify_row;
  AdwActionRow         *background_row;
  GtkSwitch            *background_switch;
  GtkSwitch            *autostart_switch;

  /* Platforms page */
  LfPlatformPicker     *platform_picker;
  LfStatusPageAdder    *status_page_adder;
  AdwEntryRow          *custom_name_row;
  AdwEntryRow          *custom_url_row;
  AdwEntryRow          *custom_status_row;
  AdwComboRow          *custom_kind_row;
  AdwExpanderRow       *custom_providers_row;
  GtkLabel             *custom_error_label;
  GPtrArray            *provider_checks;     /* GtkCheckButton, with "provider-id" data */
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (LfPreferencesWindow, lf_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SETTINGS,
  PROP_TRAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The order of the rows in the "Notify me" combo row. */
static const char *notify_values[] = { "down", "degraded", "never" };

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* AdwPreferencesWindow's own search entry is read by its class name on GTK 4.8. */
static void
name_search_entries (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_SEARCH_ENTRY (child))
      lf_a11y_set_label (child, _("Search preferences"));
    else
      name_search_entries (child);
}

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
  LfTray *tray = self->tray;

  if (tray != NULL ? lf_tray_get_available (tray) : self->tray_shown)
    adw_action_row_set_subtitle (self->background_row,
                                 _("Keep watching after the window is closed; the tray icon "
                                   "brings it back"));
  else
    adw_action_row_set_subtitle (self->background_row,
                                 _("Keep watching after the window is closed; this desktop "
                                   "shows no tray icon, so open Lifeline again to see it"));
}

/* The order of the rows in the "Status Page Kind" combo row. */
static const char *status_kinds[] = {
  "statuspage", "statusio", "slack", "incidentio", "google-workspace", "instatus"
};

static LfCatalog *
get_catalog (LfPreferencesWindow *self)
{
  return lf_context_get_catalog (self->context);
}

static void
load_platforms (LfPreferencesWindow *self)
{
  GSettings *settings = self->settings;
  g_auto(GStrv) watched = g_settings_get_strv (settings, "watched-platforms");
  LfCatalog *catalog = get_catalog (self);

  lf_platform_picker_set_catalog (self->platform_picker, catalog);
  lf_platform_picker_set_selected (self->platform_picker, (const char * const *) watched);

  /* the providers a custom platform may sit behind */
  for (guint i = 0; i < self->provider_checks->len; i++)
    adw_expander_row_remove (self->custom_providers_row,
                             gtk_widget_get_ancestor (g_ptr_array_index (self->provider_checks, i),
                                                      ADW_TYPE_ACTION_ROW));
  g_ptr_array_set_size (self->provider_checks, 0);
  for (guint i = 0; catalog != NULL && i < catalog->providers->len; i++)
    {
      LfCatalogProvider *provider = g_ptr_array_index (catalog->providers, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), provider->name);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "provider-id", g_strdup (provider->id), g_free);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      lf_a11y_set_label (check, provider->name);
      adw_expander_row_add_row (self->custom_providers_row, row);
      g_ptr_array_add (self->provider_checks, check);
    }
}

static void
show_custom_error (LfPreferencesWindow *self,
                   const char          *message,
                   GtkWidget           *field)
{
  GtkWidget *rows[] = { GTK_WIDGET (self->custom_name_row), GTK_WIDGET (self->custom_url_row),
                        GTK_WIDGET (self->custom_status_row) };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (rows[i], "error");

  gtk_label_set_label (self->custom_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->custom_error_label), message != NULL);
  if (field != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_grab_focus (field);
    }
}

static void
on_custom_field_changed_cb (LfPreferencesWindow *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->custom_error_label)))
    show_custom_error (self, NULL, NULL);
}

static void
on_picker_changed_cb (LfPreferencesWindow *self)
{
  g_auto(GStrv) selected = lf_platform_picker_get_selected (self->platform_picker);

  g_settings_set_strv (self->settings, "watched-platforms",
                       (const char * const *) selected);
}

static void
on_watched_changed_cb (LfPreferencesWindow *self)
{
  g_auto(GStrv) watched = g_settings_get_strv (self->settings,
                                               "watched-platforms");

  lf_platform_picker_set_selected (self->platform_picker, (const char * const *) watched);
}

typedef struct
{
  LfPreferencesWindow *self;
  char                *id;
  char                *name;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->self);
  g_free (data->id);
  g_free (data->name);
  g_free (data);
}

/* A platform was written to the user catalog (by the form or by its status page): reload the
 * catalog, watch it, say so. */
static void
on_platform_saved (LfPreferencesWindow *self,
                   const char          *id,
                   const char          *name)
{
  g_autoptr(GError) reload_error = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) watched = NULL;
  g_auto(GStrv) updated = NULL;
  GSettings *settings;
  g_autofree char *message = NULL;

  if (!lf_context_reload_catalog (self->context, &reload_error))
    show_custom_error (self, reload_error->message, NULL);
  else
    show_custom_error (self, NULL, NULL);

  /* a platform the user adds is one they want watched */
  settings = self->settings;
  watched = g_settings_get_strv (settings, "watched-platforms");
  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) watched);
  if (!g_strv_contains ((const char * const *) watched, id))
    g_strv_builder_add (builder, id);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "watched-platforms", (const char * const *) updated);

  load_platforms (self);

  /* Translators: %s is the name of the platform the user added */
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    lf_toast_new_printf (_("“%s” added and watched"), name));
}

static void
save_custom_platform_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  SaveData *data = user_data;
  LfPreferencesWindow *self = data->self;
  g_autoptr(GError) error = NULL;

  if (!lf_catalog_save_user_platform_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_custom_error (self, error->message, NULL);
      save_data_free (data);
      return;
    }

  on_platform_saved (self, data->id, data->name);
  gtk_editable_set_text (GTK_EDITABLE (self->custom_name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->custom_url_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->custom_status_row), "");

  save_data_free (data);
}

static void
remove_platform_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  /* a small file, written atomically: off the main thread all the same */
  if (!lf_catalog_remove_user_platform (task_data, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
remove_custom_platform_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(LfPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *id = g_task_get_task_data (G_TASK (result));
  GSettings *settings;
  g_auto(GStrv) watched = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                            lf_toast_new (error->message));
        }
      return;
    }

  settings = self->settings;
  watched = g_settings_get_strv (settings, "watched-platforms");
  builder = g_strv_builder_new ();
  for (guint i = 0; watched[i] != NULL; i++)
    if (!g_str_equal (watched[i], id))
      g_strv_builder_add (builder, watched[i]);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "watched-platforms", (const char * const *) updated);

  lf_context_reload_catalog (self->context, NULL);
  load_platforms (self);
}

static void
remove_custom_platform_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  LfPreferencesWindow *self = LF_PREFERENCES_WINDOW (widget);
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, remove_custom_platform_cb,
                                      g_object_ref (self));

  g_task_set_task_data (task, g_variant_dup_string (parameter, NULL), g_free);
  g_task_run_in_thread (task, remove_platform_thread);
}

static void
add_custom_platform_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  LfPreferencesWindow *self = LF_PREFERENCES_WINDOW (widget);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) providers = NULL;
  g_autoptr(LfCatalogPlatform) platform = NULL;
  g_autoptr(GError) error = NULL;
  guint kind = adw_combo_row_get_selected (self->custom_kind_row);
  SaveData *data;

  for (guint i = 0; i < self->provider_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->provider_checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "provider-id"));
    }
  providers = g_strv_builder_end (builder);

  platform = lf_custom_platform_new (get_catalog (self),
                                     gtk_editable_get_text (GTK_EDITABLE (self->custom_name_row)),
                                     gtk_editable_get_text (GTK_EDITABLE (self->custom_url_row)),
                                     gtk_editable_get_text (GTK_EDITABLE (self->custom_status_row)),
                                     kind < G_N_ELEMENTS (status_kinds) ? status_kinds[kind] : NULL,
                                     (const char * const *) providers, &error);
  if (platform == NULL)
    {
      GtkWidget *field = NULL;

      if (g_error_matches (error, LF_CUSTOM_PLATFORM_ERROR, LF_CUSTOM_PLATFORM_ERROR_NAME))
        field = GTK_WIDGET (self->custom_name_row);
      else if (g_error_matches (error, LF_CUSTOM_PLATFORM_ERROR, LF_CUSTOM_PLATFORM_ERROR_URL))
        field = GTK_WIDGET (self->custom_url_row);
      else if (g_error_matches (error, LF_CUSTOM_PLATFORM_ERROR,
                                LF_CUSTOM_PLATFORM_ERROR_STATUS_URL))
        field = GTK_WIDGET (self->custom_status_row);
      show_custom_error (self, error->message, field);
      return;
    }

  show_custom_error (self, NULL, NULL);
  data = g_new0 (SaveData, 1);
  data->self = g_object_ref (self);
  data->id = g_strdup (platform->id);
  data->name = g_strdup (platform->name);
  lf_catalog_save_user_platform_async (platform, self->cancellable, save_custom_platform_cb,
                                       data);
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_preferences_window_constructed (GObject *object)
{
  LfPreferencesWindow *self = LF_PREFERENCES_WINDOW (object);
  GSettings *settings = self->settings;
  LfTray *tray = self->tray;

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

  load_platforms (self);
  lf_status_page_adder_set_context (self->status_page_adder, self->context);
  g_signal_connect_object (self->status_page_adder, "saved", G_CALLBACK (on_platform_saved),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->platform_picker, "changed", G_CALLBACK (on_picker_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::watched-platforms",
                           G_CALLBACK (on_watched_changed_cb), self, G_CONNECT_SWAPPED);

  /* The Notices page (you, channels, templates) lives in its own file. */
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (lf_notices_prefs_new (self->context)));
}

static void
lf_preferences_window_dispose (GObject *object)
{
  LfPreferencesWindow *self = LF_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->provider_checks, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LF_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  g_clear_object (&self->tray);

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
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_TRAY:
      self->tray = g_value_dup_object (value);
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

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, LF_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRAY] =
    g_param_spec_object ("tray", NULL, NULL, LF_TYPE_TRAY,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/lf-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LfPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, LfPreferencesWindow, notify_row);
  gtk_widget_class_bind_template_child (widget_class, LfPreferencesWindow, background_row);
  gtk_widget_class_bind_template_child (widget_class, LfPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, LfPreferencesWindow, autostart_switch);
  gtk_widget_class_bind_template_child (widget_class, LfPreferencesWindow, platform_picker);
  gtk_widget_class_bind_template_child (widget_class, LfPreferencesWindow, status_page_adder);
  gtk_widget_class_bind_template_child (widget_class, LfPreferencesWindow, custom_name_row);
  gtk_widget_class_bind_template_child (widget_class, LfPreferencesWindow, custom_url_row);
  gtk_widget_class_bind_template_child (widget_class, LfPreferencesWindow, custom_status_row);
  gtk_widget_class_bind_template_child (widget_class, LfPreferencesWindow, custom_kind_row);
  gtk_widget_class_bind_template_child (widget_class, LfPreferencesWindow, custom_providers_row);
  gtk_widget_class_bind_template_child (widget_class, LfPreferencesWindow, custom_error_label);

  gtk_widget_class_install_action (widget_class, "prefs.add-custom-platform", NULL,
                                   add_custom_platform_action);
  gtk_widget_class_install_action (widget_class, "prefs.remove-custom-platform", "s",
                                   remove_custom_platform_action);

  g_type_ensure (LF_TYPE_PLATFORM_PICKER);
  g_type_ensure (LF_TYPE_STATUS_PAGE_ADDER);
}

static void
lf_preferences_window_init (LfPreferencesWindow *self)
{
  GtkWidget *row;

  gtk_widget_init_template (GTK_WIDGET (self));
  lf_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));
  lf_a11y_set_label (GTK_WIDGET (self->interval_spin), _("Check interval in seconds"));
  lf_a11y_set_label (GTK_WIDGET (self->background_switch), _("Keep running in the background"));
  lf_a11y_set_label (GTK_WIDGET (self->autostart_switch), _("Start at login"));
  lf_a11y_name_combo_items (self->notify_row);
  lf_a11y_name_combo_items (self->custom_kind_row);
  name_search_entries (GTK_WIDGET (self));
  /* an error about the form goes as soon as the person edits it */
  g_signal_connect_object (self->custom_name_row, "changed",
                           G_CALLBACK (on_custom_field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->custom_url_row, "changed",
                           G_CALLBACK (on_custom_field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->custom_status_row, "changed",
                           G_CALLBACK (on_custom_field_changed_cb), self, G_CONNECT_SWAPPED);
  lf_a11y_set_label (GTK_WIDGET (self->custom_providers_row), _("Providers"));
  row = gtk_widget_get_ancestor (GTK_WIDGET (self->custom_error_label), GTK_TYPE_LIST_BOX_ROW);
  if (row != NULL)
    lf_a11y_set_label (row, _("Add Platform"));

  self->provider_checks = g_ptr_array_new ();
  lf_platform_picker_set_remove_action (self->platform_picker, "prefs.remove-custom-platform");
  self->cancellable = g_cancellable_new ();
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_preferences_window_new:
 * @context: the catalog (the platforms to choose from) and the notice stores
 * @settings: the preferences shown
 * @tray: (nullable): the tray icon, to say how a closed window comes back
 *
 * Returns: (transfer full): a new preferences window
 */
/**
 * lf_preferences_window_set_tray_shown:
 * @shown: whether a tray host shows Lifeline's icon (when the tray is another process's)
 */
void
lf_preferences_window_set_tray_shown (LfPreferencesWindow *self,
                                      gboolean             shown)
{
  g_return_if_fail (LF_IS_PREFERENCES_WINDOW (self));

  self->tray_shown = shown;
  update_background_subtitle (self);
}

LfPreferencesWindow *
lf_preferences_window_new (LfContext *context,
                           GSettings *settings,
                           LfTray    *tray)
{
  g_return_val_if_fail (LF_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (tray == NULL || LF_IS_TRAY (tray), NULL);

  return g_object_new (LF_TYPE_PREFERENCES_WINDOW,
                       "context", context,
                       "settings", settings,
                       "tray", tray,
                       NULL);
}

/**
 * lf_preferences_window_show_platforms:
 * @self: a #LfPreferencesWindow
 *
 * Opens the Platforms page (what is watched, and adding a custom platform).
 */
void
lf_preferences_window_show_platforms (LfPreferencesWindow *self)
{
  g_return_if_fail (LF_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), "platforms");
}

/**
 * lf_preferences_window_get_platform_picker:
 *
 * Returns: (transfer none): the Platforms page's picker
 */
LfPlatformPicker *
lf_preferences_window_get_platform_picker (LfPreferencesWindow *self)
{
  g_return_val_if_fail (LF_IS_PREFERENCES_WINDOW (self), NULL);

  return self->platform_picker;
}

/**
 * lf_preferences_window_get_status_page_adder:
 *
 * Returns: (transfer none): the "Add by Status Page" group of the Platforms page
 */
LfStatusPageAdder *
lf_preferences_window_get_status_page_adder (LfPreferencesWindow *self)
{
  g_return_val_if_fail (LF_IS_PREFERENCES_WINDOW (self), NULL);

  return self->status_page_adder;
}

/**
 * lf_preferences_window_set_custom_platform:
 * @self: a #LfPreferencesWindow
 * @name: (nullable): the name field
 * @url: (nullable): the address field
 * @status_url: (nullable): the status page field
 *
 * Fills the "Add a Custom Platform" form (as typing would); the action
 * `prefs.add-custom-platform` then validates and saves it.
 */
void
lf_preferences_window_set_custom_platform (LfPreferencesWindow *self,
                                           const char          *name,
                                           const char          *url,
                                           const char          *status_url)
{
  g_return_if_fail (LF_IS_PREFERENCES_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->custom_name_row), name != NULL ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->custom_url_row), url != NULL ? url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->custom_status_row),
                         status_url != NULL ? status_url : "");
}

/**
 * lf_preferences_window_get_custom_error:
 *
 * Returns: (nullable): what is wrong with the custom platform form, as shown, or %NULL
 */
const char *
lf_preferences_window_get_custom_error (LfPreferencesWindow *self)
{
  g_return_val_if_fail (LF_IS_PREFERENCES_WINDOW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->custom_error_label)))
    return NULL;

  return gtk_label_get_label (self->custom_error_label);
}

/**
 * lf_preferences_window_get_notices_prefs:
 *
 * Shows the Notices page (you, channels, templates).
 *
 * Returns: (transfer none): the page
 */
LfNoticesPrefs *
lf_preferences_window_get_notices_prefs (LfPreferencesWindow *self)
{
  g_return_val_if_fail (LF_IS_PREFERENCES_WINDOW (self), NULL);

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), "notices");
  return LF_NOTICES_PREFS (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (self)));
}
