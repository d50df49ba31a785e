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

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lf_client_picker_init (LfClientPicker *self)
{
  GtkWidget *box, *header, *done, *scrolled, *clamp;

  gtk_window_set_title (GTK_WINDOW (self), _("Add Clients"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 420, 520);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 294);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  done = gtk_button_new_with_mnemonic (_("_Done"));
  lf_a11y_fix_mnemonic_button (done);
  gtk_widget_add_css_class (done, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (done), "window.close");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), done);
  gtk_box_append (GTK_BOX (box), header);

  self->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search, "placeholder-text", _("Search clients"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search clients"), -1);
  gtk_widget_set_margin_start (GTK_WIDGET (self->search), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->search), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->search), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->search), 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->search));
  g_signal_connect_object (self->search, "search-changed", G_CALLBACK (on_search_changed_cb),
                           self, G_CONNECT_DEFAULT);
  g_signal_connect_object (self->search, "activate", G_CALLBACK (lf_client_picker_pick_first),
                           self, G_CONNECT_SWAPPED);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);
  gtk_widget_set_margin_start (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->list), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->list), 12);
  gtk_list_box_set_filter_func (self->list, filter_row, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Clients"), -1);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (on_row_activated_cb),
                           self, G_CONNECT_DEFAULT);

  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->list));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);

  self->empty = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty, "system-search-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->empty), "compact");

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty), "empty");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  adw_window_set_content (ADW_WINDOW (self), box);
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
