/* lf-client-picker.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-client-picker"

#include "config.h"

#include "lf-client-picker.h"
#include "lf-a11y.h"

#include <glib/gi18n.h>
#include <string.h>

/* A small window listing the clients of the directory that are not in the notice yet, with
 * a search over name, company and e-mail. Activating a row emits ::picked and takes the row
 * away; the window stays open for the next one until Done.
 */

struct _LfClientPicker
{
  AdwWindow        parent_instance;

  LfContactStore  *store;
  GtkSearchEntry  *search;
  GtkListBox      *list;
  AdwStatusPage   *empty;
  GtkStack        *stack;
  char            *query;
};

G_DEFINE_FINAL_TYPE (LfClientPicker, lf_client_picker, ADW_TYPE_WINDOW)

enum {
  PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  LfClientPicker *self = user_data;

  return lf_contact_matches (g_object_get_data (G_OBJECT (row), "contact"), self->query);
}

static void
update_empty (LfClientPicker *self)
{
  guint shown = lf_client_picker_get_n_shown (self);

  gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "list" : "empty");
  adw_status_page_set_title (self->empty,
                             self->query != NULL && *self->query != '\0'
                             ? _("No client matches")
                             : _("Every client is already in the notice"));
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      LfClientPicker *self)
{
  lf_client_picker_set_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_row_activated_cb (GtkListBox     *list,
                     GtkListBoxRow  *row,
                     LfClientPicker *self)
{
  g_autoptr(LfContact) contact = g_object_ref (g_object_get_data (G_OBJECT (row), "contact"));

  gtk_list_box_remove (list, GTK_WIDGET (row));
  g_signal_emit (self, signals[PICKED], 0, contact);
  update_empty (self);
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_client_picker_dispose (GObject *object)
{
  LfClientPicker *self = LF_CLIENT_PICKER (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (lf_client_picker_parent_class)->dispose (object);
}

static void
lf_client_picker_class_init (LfClientPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lf_client_picker_dispose;

  /**
   * LfClientPicker::picked:
   * @contact: the client to add
   */
  signals[PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, LF_TYPE_CONTACT);

  /* The window, its search entry and list; the client rows are built below. */
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lifeline/Lifeline/ui/"
                                               "lf-client-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, LfClientPicker, search);
  gtk_widget_class_bind_template_child (widget_class, LfClientPicker, list);
  gtk_widget_class_bind_template_child (widget_class, LfClientPicker, empty);
  gtk_widget_class_bind_template_child (widget_class, LfClientPicker, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, lf_client_picker_pick_first);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lf_client_picker_init (LfClientPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lf_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->list, filter_row, self, NULL);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_client_picker_new:
 * @store: a loaded contact store
 * @exclude_ids: (nullable): the ids already in the notice
 */
LfClientPicker *
lf_client_picker_new (LfContactStore     *store,
                      const char * const *exclude_ids)
{
  LfClientPicker *self;

  g_return_val_if_fail (LF_IS_CONTACT_STORE (store), NULL);

  self = g_object_new (LF_TYPE_CLIENT_PICKER, NULL);
  self->store = g_object_ref (store);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(LfContact) contact = g_list_model_get_item (G_LIST_MODEL (store), i);
      const char *email = lf_contact_get_primary_email (contact);
      const char *company = lf_contact_get_company (contact);
      g_autofree char *subtitle = NULL;
      GtkWidget *row, *icon;

      if (exclude_ids != NULL &&
          g_strv_contains (exclude_ids, lf_contact_get_id (contact)))
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     lf_contact_get_name (contact) != NULL
                                     ? lf_contact_get_name (contact) : "");
      if (company != NULL && email != NULL)
        /* Translators: a client's company and e-mail address */
        subtitle = g_strdup_printf (_("%s · %s"), company, email);
      else if (company != NULL || email != NULL)
        subtitle = g_strdup (company != NULL ? company : email);
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      icon = gtk_image_new_from_icon_name ("list-add-symbolic");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "contact", g_object_ref (contact),
                              g_object_unref);
      gtk_list_box_append (self->list, row);
    }

  update_empty (self);
  return self;
}

/**
 * lf_client_picker_get_n_shown:
 *
 * Returns: how many clients the list shows (after the search)
 */
guint
lf_client_picker_get_n_shown (LfClientPicker *self)
{
  guint n = 0;

  g_return_val_if_fail (LF_IS_CLIENT_PICKER (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && filter_row (GTK_LIST_BOX_ROW (child), self))
      n++;

  return n;
}

void
lf_client_picker_set_search (LfClientPicker *self,
                             const char     *text)
{
  g_return_if_fail (LF_IS_CLIENT_PICKER (self));

  g_free (self->query);
  self->query = g_strdup (text);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search), text != NULL ? text : "");
  gtk_list_box_invalidate_filter (self->list);
  update_empty (self);
}

/**
 * lf_client_picker_pick_first:
 *
 * Picks the first client the list shows (what Enter in the search does).
 *
 * Returns: %FALSE when the list shows none
 */
gboolean
lf_client_picker_pick_first (LfClientPicker *self)
{
  g_return_val_if_fail (LF_IS_CLIENT_PICKER (self), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && filter_row (GTK_LIST_BOX_ROW (child), self))
      {
        on_row_activated_cb (self->list, GTK_LIST_BOX_ROW (child), self);
        return TRUE;
      }

  return FALSE;
}
