/* lf-link-dialog.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-link-dialog"

#include "config.h"

#include "lf-link-dialog.h"
#include "lf-markup.h"

#include <glib/gi18n.h>

#include "lf-a11y.h"

/* "Link Clients to a Platform…": tick clients, choose one of the catalog's platforms (by
 * display name, custom ones included), Link. Each ticked client gets that platform added to
 * their links and is saved (merging with the stored copy, as the editor does). Opened from
 * the Clients page's menu, and after an import with the imported clients that are linked to
 * no platform already ticked: a client linked to nothing never gets an outage notice. */

struct _LfLinkDialog
{
  AdwWindow        parent_instance;

  LfContactStore  *store;
  LfCatalog       *catalog;
  GHashTable      *checks;     /* contact id → GtkCheckButton */
  AdwPreferencesGroup *platform_group;
  AdwComboRow     *platform_row;
  AdwPreferencesGroup *clients_group;
  GtkWidget       *link_button;
  guint            pending;
  guint            n_linked;
};

G_DEFINE_FINAL_TYPE (LfLinkDialog, lf_link_dialog, ADW_TYPE_WINDOW)

enum {
  LINKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_button (LfLinkDialog *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, self->checks);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += gtk_check_button_get_active (value) ? 1 : 0;
  gtk_widget_set_sensitive (self->link_button, n > 0 && self->pending == 0);
}

static const char *
chosen_platform (LfLinkDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->platform_row);

  if (selected >= self->catalog->platforms->len)
    return NULL;
  return ((LfCatalogPlatform *) g_ptr_array_index (self->catalog->platforms, selected))->id;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LfLinkDialog) self = user_data;
  g_autoptr(LfContact) saved = NULL;
  g_autoptr(GError) error = NULL;

  saved = lf_contact_store_save_finish (LF_CONTACT_STORE (object), result, &error);
  if (saved != NULL)
    self->n_linked++;
  else
    g_message ("Linking a client: %s", error->message);

  if (--self->pending == 0)
    {
      g_signal_emit (self, signals[LINKED], 0, self->n_linked);
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

/**
 * lf_link_dialog_link:
 *
 * Links every ticked client to the chosen platform (what the Link button does).
 */
void
lf_link_dialog_link (LfLinkDialog *self)
{
  const char *platform_id = chosen_platform (self);
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (LF_IS_LINK_DIALOG (self));

  if (platform_id == NULL || self->pending > 0)
    return;

  g_hash_table_iter_init (&iter, self->checks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      LfContact *stored = lf_contact_store_lookup (self->store, key);
      g_autoptr(LfContact) copy = NULL;
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) platforms = NULL;

      if (!gtk_check_button_get_active (value) || stored == NULL ||
          lf_contact_has_platform (stored, platform_id))
        continue;

      copy = lf_contact_copy (stored);
      g_strv_builder_addv (builder, (const char **) lf_contact_get_platforms (copy));
      g_strv_builder_add (builder, platform_id);
      platforms = g_strv_builder_end (builder);
      lf_contact_set_platforms (copy, (const char * const *) platforms);
      self->pending++;
      lf_contact_store_save_async (self->store, copy, NULL, saved_cb, g_object_ref (self));
    }

  update_button (self);
  if (self->pending == 0)
    {
      g_signal_emit (self, signals[LINKED], 0, 0);
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

static void
link_clicked_cb (LfLinkDialog *self)
{
  lf_link_dialog_link (self);
}

static void
lf_link_dialog_dispose (GObject *object)
{
  LfLinkDialog *self = LF_LINK_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->catalog, lf_catalog_unref);
  g_clear_pointer (&self->checks, g_hash_table_unref);

  G_OBJECT_CLASS (lf_link_dialog_parent_class)->dispose (object);
}

static void
lf_link_dialog_class_init (LfLinkDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lf_link_dialog_dispose;

  /**
   * LfLinkDialog::linked:
   * @n: how many clients were linked
   */
  signals[LINKED] = g_signal_new ("linked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /* The window and its two groups; the platforms and the client rows are set below. */
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lifeline/Lifeline/ui/"
                                               "lf-link-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LfLinkDialog, platform_group);
  gtk_widget_class_bind_template_child (widget_class, LfLinkDialog, platform_row);
  gtk_widget_class_bind_template_child (widget_class, LfLinkDialog, clients_group);
  gtk_widget_class_bind_template_child (widget_class, LfLinkDialog, link_button);
  gtk_widget_class_bind_template_callback (widget_class, link_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lf_link_dialog_init (LfLinkDialog *self)
{
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Read as "Cancel" and "Link", not "_Cancel Cancel" (test-a11y, link). */
  lf_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));
}

/**
 * lf_link_dialog_new:
 * @store: the loaded client directory
 * @catalog: (nullable): the platforms to link to (the catalog in use)
 * @ticked: (nullable) (array zero-terminated=1): ids of the clients ticked at first
 * @description: (nullable): why the dialog is shown (e.g. after an import)
 */
LfLinkDialog *
lf_link_dialog_new (LfContactStore     *store,
                    LfCatalog          *catalog,
                    const char * const *ticked,
                    const char         *description)
{
  LfLinkDialog *self;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_return_val_if_fail (LF_IS_CONTACT_STORE (store), NULL);

  self = g_object_new (LF_TYPE_LINK_DIALOG, NULL);
  self->store = g_object_ref (store);
  /* The catalog in use is given (the context's, through the Clients page). */
  if (catalog != NULL)
    self->catalog = lf_catalog_ref (catalog);
  else
    self->catalog = lf_catalog_load_default (NULL, NULL);
  if (self->catalog == NULL)
    self->catalog = lf_catalog_new ();

  if (description != NULL)
    lf_markup_set_description (self->platform_group, description);
  for (guint i = 0; i < self->catalog->platforms->len; i++)
    {
      LfCatalogPlatform *platform = g_ptr_array_index (self->catalog->platforms, i);

      gtk_string_list_append (names, platform->name != NULL ? platform->name : platform->id);
    }
  adw_combo_row_set_model (self->platform_row, G_LIST_MODEL (names));
  lf_a11y_name_combo_items (self->platform_row);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(LfContact) contact = g_list_model_get_item (G_LIST_MODEL (store), i);
      const char * const *platforms = lf_contact_get_platforms (contact);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *linked = platforms != NULL && platforms[0] != NULL
                                ? g_strjoinv (", ", (char **) platforms) : NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lf_contact_get_name (contact));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   linked != NULL ? linked : _("Linked to no platform"));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   ticked != NULL &&
                                   g_strv_contains (ticked, lf_contact_get_id (contact)));
      g_signal_connect_object (check, "toggled", G_CALLBACK (update_button), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      /* The client's name, once: the row labels its activatable widget with its title too. */
      lf_a11y_set_label (check, lf_contact_get_name (contact));
      adw_preferences_group_add (self->clients_group, row);
      g_hash_table_insert (self->checks, g_strdup (lf_contact_get_id (contact)), check);
    }
  update_button (self);

  return self;
}

/**
 * lf_link_dialog_choose_platform:
 * @platform_id: a catalog id
 *
 * Returns: whether the catalog has it
 */
gboolean
lf_link_dialog_choose_platform (LfLinkDialog *self,
                                const char   *platform_id)
{
  g_return_val_if_fail (LF_IS_LINK_DIALOG (self), FALSE);

  for (guint i = 0; i < self->catalog->platforms->len; i++)
    if (g_strcmp0 (((LfCatalogPlatform *) g_ptr_array_index (self->catalog->platforms, i))->id,
                   platform_id) == 0)
      {
        adw_combo_row_set_selected (self->platform_row, i);
        return TRUE;
      }

  return FALSE;
}

/**
 * lf_link_dialog_get_n_ticked:
 *
 * Returns: how many clients are ticked
 */
guint
lf_link_dialog_get_n_ticked (LfLinkDialog *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_return_val_if_fail (LF_IS_LINK_DIALOG (self), 0);

  g_hash_table_iter_init (&iter, self->checks);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += gtk_check_button_get_active (value) ? 1 : 0;
  return n;
}
