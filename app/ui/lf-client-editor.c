/* lf-client-editor.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-client-editor"

#include "config.h"

#include "lf-client-editor.h"
#include "lf-toast.h"
#include "lf-markup.h"
#include "lf-a11y.h"
#include "lf-outage.h"

#include <glib/gi18n.h>
#include <string.h>

/* A preferences-style form on a copy of the contact: each field is checked as it is typed
 * (the row gets the "error" style and the group says what is wrong), Save is possible
 * only when everything is valid, and saving merges with what another window may have
 * saved meanwhile (lf_contact_store_save_async).
 *
 * The client's platforms are ticked in a list of the catalog's platforms by their display
 * names (custom platforms included), never typed: a notice reaches a client only through
 * these links (lf-outage.c). A platform the catalog does not know (from an import) stays
 * listed, ticked, and marked as such. "Greet as" is the name messages greet them by. */

struct _LfClientEditor
{
  AdwWindow        parent_instance;

  LfContactStore  *store;
  LfContact       *contact;      /* the copy being edited */
  gboolean         is_new;
  GCancellable    *cancellable;

  AdwToastOverlay *toast_overlay;
  GtkWidget       *save_button;
  AdwPreferencesGroup *client_group;
  AdwPreferencesGroup *reach_group;
  AdwPreferencesGroup *channels_group;
  AdwPreferencesGroup *work_group;
  AdwPreferencesGroup *notes_group;
  AdwPreferencesGroup *delete_group;
  GHashTable      *rows;         /* field → AdwEntryRow */
  GHashTable      *groups;       /* field → AdwPreferencesGroup that shows its error */
  GHashTable      *hints;        /* AdwPreferencesGroup → its normal description */
  AdwComboRow     *preferred_row;
  AdwExpanderRow  *platforms_row;
  GHashTable      *platform_checks; /* platform id (or unknown text) → GtkCheckButton */
  GPtrArray       *platform_order;  /* the ids in the list's order */
  LfCatalog       *catalog;
  GtkTextView     *notes_view;
  gboolean         name_touched;  /* a new client's empty name is not an error yet */
};

G_DEFINE_FINAL_TYPE (LfClientEditor, lf_client_editor, ADW_TYPE_WINDOW)

enum {
  SIGNAL_DELETE_REQUESTED,
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Preferred channel choices, in the combo row's order. */
static const char *preferred_kinds[] = {
  NULL, "email", "phone", "slack", "teams", "discord", "whatsapp", "telegram", "signal",
  "matrix", "skype", "other",
};

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static GStrv
split_list (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *item = g_strstrip (parts[i]);

      if (*item != '\0')
        g_strv_builder_add (builder, item);
    }

  return g_strv_builder_end (builder);
}

static char *
join_list (const char * const *list)
{
  return g_strjoinv (", ", (char **) list);
}

static const char *
row_text (LfClientEditor *self,
          const char     *field)
{
  GtkEditable *row = g_hash_table_lookup (self->rows, field);

  return row ? gtk_editable_get_text (row) : NULL;
}

/* The error for one field's current text, or NULL. */
static char *
check_field (const char *field,
             const char *text)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (field, "name"))
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      if (*stripped == '\0')
        return g_strdup (_("Name: a client needs a name"));
      return NULL;
    }

  if (g_str_equal (field, "emails") || g_str_equal (field, "phones"))
    {
      g_auto(GStrv) items = split_list (text);

      for (guint i = 0; items[i] != NULL; i++)
        if (g_str_equal (field, "emails") ? !lf_contact_validate_email (items[i], &error)
                                          : !lf_contact_validate_phone (items[i], &error))
          return g_strdup (error->message);
      return NULL;
    }

  if (g_str_equal (field, "webhook") ||
      (lf_contact_is_channel_kind (field) && strstr (text, "://") != NULL))
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      if (*stripped != '\0' && !lf_contact_validate_url (stripped, &error))
        return g_strdup (error->message);
    }

  return NULL;
}

static gboolean
validate_all (LfClientEditor *self)
{
  g_autoptr(GHashTable) messages = g_hash_table_new_full (NULL, NULL, NULL,
                                                          (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer key, value;
  gboolean valid = TRUE;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *message = check_field (key, gtk_editable_get_text (value));
      GtkWidget *group = g_hash_table_lookup (self->groups, key);

      if (message != NULL && g_str_equal (key, "name") && !self->name_touched)
        {
          /* Save waits for a name, without scolding before anything was typed. */
          g_clear_pointer (&message, g_free);
          valid = FALSE;
        }

      if (message != NULL)
        {
          GPtrArray *list = g_hash_table_lookup (messages, group);

          gtk_widget_add_css_class (value, "error");
          gtk_accessible_update_state (GTK_ACCESSIBLE (value),
                                       GTK_ACCESSIBLE_STATE_INVALID,
                                       GTK_ACCESSIBLE_INVALID_TRUE, -1);
          if (list == NULL)
            {
              list = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (messages, group, list);
            }
          g_ptr_array_add (list, g_steal_pointer (&message));
          valid = FALSE;
        }
      else
        {
          gtk_widget_remove_css_class (value, "error");
          gtk_accessible_reset_state (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_STATE_INVALID);
        }
    }

  /* Each group says what is wrong in it, or shows its usual hint. */
  g_hash_table_iter_init (&iter, self->hints);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *list = g_hash_table_lookup (messages, key);

      if (list != NULL)
        {
          g_autofree char *text = NULL;

          /* The messages quote what was typed: "Ada <ada@example.com>" is not markup. */
          g_ptr_array_add (list, NULL);
          text = g_strjoinv ("\n", (char **) list->pdata);
          lf_markup_set_description (key, text);
          gtk_widget_add_css_class (key, "error");
        }
      else
        {
          adw_preferences_group_set_description (key, *(char *) value ? value : NULL);
          gtk_widget_remove_css_class (key, "error");
        }
    }

  gtk_widget_set_sensitive (self->save_button, valid);
  return valid;
}

static void
on_row_changed_cb (LfClientEditor *self,
                   GtkEditable    *row)
{
  if (row == g_hash_table_lookup (self->rows, "name"))
    self->name_touched = TRUE;
  validate_all (self);
}

/* A group of the template: its description is the hint an error replaces for a while. */
static void
register_group (LfClientEditor      *self,
                AdwPreferencesGroup *group)
{
  const char *hint = adw_preferences_group_get_description (group);

  g_hash_table_insert (self->hints, group, g_strdup (hint != NULL ? hint : ""));
}

static GtkWidget *
add_row (LfClientEditor      *self,
         AdwPreferencesGroup *group,
         const char          *field,
         const char          *title,
         const char          *value,
         GtkInputPurpose      purpose)
{
  GtkWidget *row = g_str_equal (field, "webhook") ? adw_password_entry_row_new ()
                                                  : adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), purpose);
  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
  g_signal_connect_object (row, "changed", G_CALLBACK (on_row_changed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (group, row);
  g_hash_table_insert (self->rows, (gpointer) g_intern_string (field), row);
  g_hash_table_insert (self->groups, (gpointer) g_intern_string (field), group);
  return row;
}

static void
update_platforms_subtitle (LfClientEditor *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  g_autofree char *markup = NULL;

  for (guint i = 0; i < self->platform_order->len; i++)
    {
      const char *id = g_ptr_array_index (self->platform_order, i);
      GtkCheckButton *check = g_hash_table_lookup (self->platform_checks, id);
      LfCatalogPlatform *platform = lf_catalog_lookup_platform (self->catalog, id);

      if (gtk_check_button_get_active (check))
        g_ptr_array_add (names, platform != NULL && platform->name != NULL ? platform->name
                                                                           : (char *) id);
    }
  g_ptr_array_add (names, NULL);

  joined = lf_template_join_list ((const char * const *) names->pdata, NULL);
  /* An expander row's subtitle is markup in libadwaita 1.2 whatever use-markup says. */
  markup = lf_markup_escape (*joined != '\0' ? joined
                             : _("None: this client gets no outage notice"), -1);
  adw_expander_row_set_subtitle (self->platforms_row, markup);
}

static void
add_platform_check (LfClientEditor *self,
                    const char     *id,
                    const char     *name,
                    const char     *note,
                    gboolean        active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  if (note != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), note);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect_object (check, "toggled", G_CALLBACK (update_platforms_subtitle), self,
                           G_CONNECT_SWAPPED);
  adw_expander_row_add_row (self->platforms_row, row);
  g_hash_table_insert (self->platform_checks, g_strdup (id), check);
  g_ptr_array_add (self->platform_order, g_strdup (id));
}

static void
build_platforms (LfClientEditor      *self,
                 AdwPreferencesGroup *group)
{
  g_auto(GStrv) unknown = NULL;
  g_auto(GStrv) linked = NULL;

  /* The catalog in use is given (LfContext's, through the Clients page); without one, the
   * built-in catalog and the user's file. */
  if (self->catalog == NULL)
    self->catalog = lf_catalog_load_default (NULL, NULL);
  if (self->catalog == NULL)
    self->catalog = lf_catalog_new ();

  /* "Upwork" typed or imported counts as upwork. */
  linked = lf_outage_normalise_platforms (self->catalog,
                                          lf_contact_get_platforms (self->contact), &unknown);

  self->platforms_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->platforms_row), _("Platforms"));
  adw_preferences_group_add (group, GTK_WIDGET (self->platforms_row));

  for (guint i = 0; i < self->catalog->platforms->len; i++)
    {
      LfCatalogPlatform *platform = g_ptr_array_index (self->catalog->platforms, i);

      add_platform_check (self, platform->id,
                          platform->name != NULL ? platform->name : platform->id,
                          platform->custom ? _("Added by you") : NULL,
                          g_strv_contains ((const char * const *) linked, platform->id));
    }
  for (guint i = 0; unknown != NULL && unknown[i] != NULL; i++)
    add_platform_check (self, unknown[i], unknown[i],
                        _("Not in your platform list: Lifeline cannot watch it"), TRUE);

  update_platforms_subtitle (self);
}

static void
build_form (LfClientEditor *self)
{
  LfContact *c = self->contact;
  g_autofree char *emails = join_list (lf_contact_get_emails (c));
  g_autofree char *phones = join_list (lf_contact_get_phones (c));
  g_autofree char *tags = join_list (lf_contact_get_tags (c));
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  const char * const *kinds = lf_contact_get_channel_kinds ();
  GtkTextBuffer *buffer;
  guint selected = 0;

  /* The groups are the template's (lf-client-editor.ui); the rows are the contact's. */
  register_group (self, self->client_group);
  register_group (self, self->reach_group);
  register_group (self, self->channels_group);
  register_group (self, self->work_group);
  register_group (self, self->notes_group);
  register_group (self, self->delete_group);

  add_row (self, self->client_group, "name", _("Name"), lf_contact_get_name (c),
           GTK_INPUT_PURPOSE_NAME);
  add_row (self, self->client_group, "company", _("Company"), lf_contact_get_company (c),
           GTK_INPUT_PURPOSE_FREE_FORM);
  add_row (self, self->client_group, "role", _("Role"), lf_contact_get_role (c),
           GTK_INPUT_PURPOSE_FREE_FORM);
  /* Translators: the name a notice greets the client by ("Hello Max,") */
  add_row (self, self->client_group, "given_name", _("Greet As (empty: the first name)"),
           lf_contact_get_given_name (c), GTK_INPUT_PURPOSE_NAME);

  add_row (self, self->reach_group, "emails", _("E-mail Addresses"), emails,
           GTK_INPUT_PURPOSE_EMAIL);
  add_row (self, self->reach_group, "phones", _("Phone Numbers"), phones,
           GTK_INPUT_PURPOSE_PHONE);

  for (guint i = 0; i < G_N_ELEMENTS (preferred_kinds); i++)
    {
      gtk_string_list_append (choices, preferred_kinds[i]
                                         ? lf_contact_channel_kind_label (preferred_kinds[i])
                                         : _("No Preference"));
      if (g_strcmp0 (preferred_kinds[i], lf_contact_get_preferred (c)) == 0)
        selected = i;
    }
  adw_combo_row_set_model (self->preferred_row, G_LIST_MODEL (choices));
  adw_combo_row_set_selected (self->preferred_row, selected);
  for (guint i = 0; kinds[i] != NULL; i++)
    add_row (self, self->channels_group, kinds[i], lf_contact_channel_kind_label (kinds[i]),
             lf_contact_get_channel (c, kinds[i]), GTK_INPUT_PURPOSE_FREE_FORM);

  build_platforms (self, self->work_group);
  add_row (self, self->work_group, "tags", _("Tags"), tags, GTK_INPUT_PURPOSE_FREE_FORM);
  add_row (self, self->work_group, "timezone", _("Time Zone"), lf_contact_get_timezone (c),
           GTK_INPUT_PURPOSE_FREE_FORM);
  add_row (self, self->work_group, "language", _("Language"), lf_contact_get_language (c),
           GTK_INPUT_PURPOSE_FREE_FORM);
  add_row (self, self->work_group, "webhook", _("Webhook URL"), lf_contact_get_webhook (c),
           GTK_INPUT_PURPOSE_URL);

  buffer = gtk_text_view_get_buffer (self->notes_view);
  gtk_text_buffer_set_text (buffer, lf_contact_get_notes (c) ? lf_contact_get_notes (c) : "", -1);

  gtk_widget_set_visible (GTK_WIDGET (self->delete_group), !self->is_new);
}

static void
apply_form (LfClientEditor *self)
{
  LfContact *c = self->contact;
  g_auto(GStrv) emails = split_list (row_text (self, "emails"));
  g_auto(GStrv) phones = split_list (row_text (self, "phones"));
  g_auto(GStrv) platforms = lf_client_editor_dup_platforms (self);
  g_auto(GStrv) tags = split_list (row_text (self, "tags"));
  const char * const *kinds = lf_contact_get_channel_kinds ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  g_autofree char *notes = NULL;
  guint preferred = adw_combo_row_get_selected (self->preferred_row);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  /* Setters mark only what really changed: that is what the save merges. */
  lf_contact_set_name (c, row_text (self, "name"));
  lf_contact_set_company (c, row_text (self, "company"));
  lf_contact_set_role (c, row_text (self, "role"));
  lf_contact_set_given_name (c, row_text (self, "given_name"));
  lf_contact_set_emails (c, (const char * const *) emails);
  lf_contact_set_phones (c, (const char * const *) phones);
  for (guint i = 0; kinds[i] != NULL; i++)
    lf_contact_set_channel (c, kinds[i], row_text (self, kinds[i]));
  lf_contact_set_preferred (c, preferred < G_N_ELEMENTS (preferred_kinds)
                                 ? preferred_kinds[preferred] : NULL);
  lf_contact_set_platforms (c, (const char * const *) platforms);
  lf_contact_set_tags (c, (const char * const *) tags);
  lf_contact_set_timezone (c, row_text (self, "timezone"));
  lf_contact_set_language (c, row_text (self, "language"));
  lf_contact_set_webhook (c, row_text (self, "webhook"));
  lf_contact_set_notes (c, notes);
}

/* ------------------------------------------------------------------------ */
/* Callbacks and actions                                                    */
/* ------------------------------------------------------------------------ */

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LfClientEditor) self = user_data;
  g_autoptr(LfContact) saved = NULL;
  g_autoptr(GError) error = NULL;

  saved = lf_contact_store_save_finish (LF_CONTACT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (self->save_button, TRUE);
  if (saved == NULL)
    {
      AdwToast *toast = lf_toast_new (error->message);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_SAVED], 0, saved);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
lf_client_editor_save_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  lf_client_editor_save (LF_CLIENT_EDITOR (widget));
}

static void
lf_client_editor_delete_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  LfClientEditor *self = LF_CLIENT_EDITOR (widget);

  g_signal_emit (self, signals[SIGNAL_DELETE_REQUESTED], 0, self->contact);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_client_editor_dispose (GObject *object)
{
  LfClientEditor *self = LF_CLIENT_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->contact);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->platform_checks, g_hash_table_unref);
  g_clear_pointer (&self->platform_order, g_ptr_array_unref);
  g_clear_pointer (&self->catalog, lf_catalog_unref);
  g_clear_pointer (&self->groups, g_hash_table_unref);
  g_clear_pointer (&self->hints, g_hash_table_unref);

  G_OBJECT_CLASS (lf_client_editor_parent_class)->dispose (object);
}

static void
lf_client_editor_class_init (LfClientEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lf_client_editor_dispose;

  signals[SIGNAL_DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, LF_TYPE_CONTACT);
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, LF_TYPE_CONTACT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lifeline/Lifeline/ui/"
                                               "lf-client-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LfClientEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LfClientEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, LfClientEditor, client_group);
  gtk_widget_class_bind_template_child (widget_class, LfClientEditor, reach_group);
  gtk_widget_class_bind_template_child (widget_class, LfClientEditor, channels_group);
  gtk_widget_class_bind_template_child (widget_class, LfClientEditor, preferred_row);
  gtk_widget_class_bind_template_child (widget_class, LfClientEditor, work_group);
  gtk_widget_class_bind_template_child (widget_class, LfClientEditor, notes_group);
  gtk_widget_class_bind_template_child (widget_class, LfClientEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, LfClientEditor, delete_group);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL,
                                   lf_client_editor_save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL,
                                   lf_client_editor_delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lf_client_editor_init (LfClientEditor *self)
{
  self->cancellable = g_cancellable_new ();
  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->platform_checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->platform_order = g_ptr_array_new_with_free_func (g_free);
  self->groups = g_hash_table_new (g_str_hash, g_str_equal);
  self->hints = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  lf_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_client_editor_new:
 * @store: the store to save to
 * @catalog: (nullable): the platforms a client can be linked to (the catalog in use)
 * @contact: (nullable): the client to edit, or %NULL to add one
 */
LfClientEditor *
lf_client_editor_new (LfContactStore *store,
                      LfCatalog      *catalog,
                      LfContact      *contact)
{
  LfClientEditor *self;

  g_return_val_if_fail (LF_IS_CONTACT_STORE (store), NULL);
  g_return_val_if_fail (contact == NULL || LF_IS_CONTACT (contact), NULL);

  self = g_object_new (LF_TYPE_CLIENT_EDITOR,
                       "title", contact ? _("Edit Client") : _("Add Client"),
                       NULL);
  self->store = g_object_ref (store);
  if (catalog != NULL)
    self->catalog = lf_catalog_ref (catalog);
  self->is_new = contact == NULL;
  self->name_touched = !self->is_new;
  self->contact = contact ? lf_contact_copy (contact) : lf_contact_new ();

  gtk_button_set_label (GTK_BUTTON (self->save_button), self->is_new ? _("_Add") : _("_Save"));
  build_form (self);

  validate_all (self);
  gtk_widget_grab_focus (g_hash_table_lookup (self->rows, "name"));

  return self;
}

/**
 * lf_client_editor_get_contact:
 *
 * Returns: (transfer none): the copy being edited
 */
LfContact *
lf_client_editor_get_contact (LfClientEditor *self)
{
  g_return_val_if_fail (LF_IS_CLIENT_EDITOR (self), NULL);
  return self->contact;
}

gboolean
lf_client_editor_is_valid (LfClientEditor *self)
{
  g_return_val_if_fail (LF_IS_CLIENT_EDITOR (self), FALSE);
  return validate_all (self);
}

/**
 * lf_client_editor_get_row:
 * @field: "name", "emails", "phones", a channel kind, "webhook", …
 *
 * Returns: (transfer none) (nullable): the entry row of @field
 */
GtkWidget *
lf_client_editor_get_row (LfClientEditor *self,
                          const char     *field)
{
  g_return_val_if_fail (LF_IS_CLIENT_EDITOR (self), NULL);
  return g_hash_table_lookup (self->rows, field);
}

/**
 * lf_client_editor_save:
 *
 * Saves when every field is valid; closes the editor when the keyring has it.
 */
void
lf_client_editor_save (LfClientEditor *self)
{
  g_return_if_fail (LF_IS_CLIENT_EDITOR (self));

  if (!validate_all (self))
    return;

  apply_form (self);
  if (self->is_new)
    lf_contact_mark_changed (self->contact, LF_CONTACT_FIELD_ALL);

  gtk_widget_set_sensitive (self->save_button, FALSE);
  lf_contact_store_save_async (self->store, self->contact, self->cancellable, save_cb,
                               g_object_ref (self));
}

/**
 * lf_client_editor_dup_platforms:
 *
 * Returns: (transfer full): the ticked platforms: catalog ids in the list's order, then the
 *   unknown ones as they were written
 */
GStrv
lf_client_editor_dup_platforms (LfClientEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (LF_IS_CLIENT_EDITOR (self), NULL);

  for (guint i = 0; i < self->platform_order->len; i++)
    {
      const char *id = g_ptr_array_index (self->platform_order, i);

      if (gtk_check_button_get_active (g_hash_table_lookup (self->platform_checks, id)))
        g_strv_builder_add (builder, id);
    }

  return g_strv_builder_end (builder);
}

/**
 * lf_client_editor_set_platform:
 * @platform_id: a catalog id listed in the editor
 * @linked: tick or untick it
 *
 * Returns: whether the platform is listed
 */
gboolean
lf_client_editor_set_platform (LfClientEditor *self,
                               const char     *platform_id,
                               gboolean        linked)
{
  GtkCheckButton *check;

  g_return_val_if_fail (LF_IS_CLIENT_EDITOR (self), FALSE);

  check = g_hash_table_lookup (self->platform_checks, platform_id);
  if (check == NULL)
    return FALSE;
  gtk_check_button_set_active (check, linked);
  return TRUE;
}

/**
 * lf_client_editor_get_platforms_summary:
 *
 * Returns: what the Platforms row says: the ticked names, or that there is none
 */
const char *
lf_client_editor_get_platforms_summary (LfClientEditor *self)
{
  g_return_val_if_fail (LF_IS_CLIENT_EDITOR (self), NULL);

  return adw_expander_row_get_subtitle (self->platforms_row);
}
