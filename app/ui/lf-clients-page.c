/* lf-clients-page.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-clients-page"

#include "config.h"

#include "lf-clients-page.h"
#include "lf-markup.h"
#include "lf-link-dialog.h"
#include "lf-clients-page-private.h"

#include <glib/gi18n.h>
#include "lf-a11y.h"

#include "lf-client-editor.h"
#include "lf-export.h"
#include "lf-import.h"
#include "lf-notice-bundle.h"
#include "lf-toast.h"

/* The store (a GListModel in the keyring) → a search filter → a sorter → a boxed list.
 * The page loads the store the first time it is shown, and follows its state: loading,
 * empty (why to add clients before an outage), the list, locked (Unlock) or unavailable
 * (how to fix it). */


G_DEFINE_FINAL_TYPE (LfClientsPage, lf_clients_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

void
lf_clients_page_show_toast (LfClientsPage *self,
                            AdwToast      *toast)
{
  lf_toast_add (GTK_WIDGET (self), toast);
}

void
lf_clients_page_show_message (LfClientsPage *self,
                              const char    *message)
{
  lf_clients_page_show_toast (self, lf_toast_new (message));
}

GtkWindow *
lf_clients_page_get_parent_window (LfClientsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static const char *
first_or_null (const char * const *list)
{
  return list != NULL ? list[0] : NULL;
}

static int
compare_text (const char *a,
              const char *b)
{
  /* Empty values sort last. */
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return g_utf8_collate (a, b);
}

static int
compare_contacts (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  LfClientsPage *self = user_data;
  LfContact *ca = LF_CONTACT ((gpointer) a);
  LfContact *cb = LF_CONTACT ((gpointer) b);
  int result = 0;

  switch (self->sort_mode)
    {
    case SORT_COMPANY:
      result = compare_text (lf_contact_get_company (ca), lf_contact_get_company (cb));
      break;
    case SORT_PLATFORM:
      result = compare_text (first_or_null (lf_contact_get_platforms (ca)),
                             first_or_null (lf_contact_get_platforms (cb)));
      break;
    case SORT_TAG:
      result = compare_text (first_or_null (lf_contact_get_tags (ca)),
                             first_or_null (lf_contact_get_tags (cb)));
      break;
    case SORT_NAME:
    default:
      break;
    }

  if (result == 0)
    result = compare_text (lf_contact_get_name (ca), lf_contact_get_name (cb));

  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER
                                                        : GTK_ORDERING_EQUAL;
}

static gboolean
filter_contact (gpointer item,
                gpointer user_data)
{
  LfClientsPage *self = user_data;

  return lf_contact_matches (LF_CONTACT (item), self->search_text);
}

static char *
chat_uri (LfContact *contact)
{
  const char *preferred = lf_contact_get_preferred (contact);
  const char * const *kinds = lf_contact_get_channel_kinds ();
  char *uri = NULL;

  /* The preferred channel first, then any channel with a link. */
  if (preferred != NULL && lf_contact_is_channel_kind (preferred))
    uri = lf_contact_get_channel_uri (contact, preferred);
  for (guint i = 0; uri == NULL && kinds[i] != NULL; i++)
    uri = lf_contact_get_channel_uri (contact, kinds[i]);

  return uri;
}

/* @accessible names the button with the row's client: the same button repeats on every row. */
static GtkWidget *
row_button (const char *icon,
            const char *tooltip,
            const char *accessible,
            const char *action,
            const char *id,
            gboolean    sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  lf_a11y_set_label (button, accessible);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  /* The action is enabled for every client: a button that cannot do anything for this
   * one is left out rather than greyed out (the action helper owns sensitivity). */
  gtk_widget_set_visible (button, sensitive);
  return button;
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  LfContact *contact = LF_CONTACT (item);
  const char *id = lf_contact_get_id (contact);
  const char *email = lf_contact_get_primary_email (contact);
  const char *company = lf_contact_get_company (contact);
  g_autofree char *uri = chat_uri (contact);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row = adw_action_row_new ();
  const char *name = lf_contact_get_name (contact);
  /* Translators: %s is a client's name; read by screen readers on the row's button */
  g_autofree char *copy_label = g_strdup_printf (_("Copy E-mail Address of %s"), name);
  /* Translators: %s is a client's name; read by screen readers on the row's button */
  g_autofree char *write_label = g_strdup_printf (_("Write E-mail to %s"), name);
  /* Translators: %s is a client's name; read by screen readers on the row's button */
  g_autofree char *chat_label = g_strdup_printf (_("Open Chat with %s"), name);

  if (company != NULL)
    g_string_append (subtitle, company);
  if (email != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", email);
  else if (first_or_null (lf_contact_get_phones (contact)))
    g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "",
                            lf_contact_get_phones (contact)[0]);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lf_contact_get_name (contact));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "clients.edit");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", id);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("edit-copy-symbolic", _("Copy E-mail Address"),
                                         copy_label, "clients.copy-email", id, email != NULL));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("mail-send-symbolic", _("Write E-mail"),
                                         write_label, "clients.compose", id, email != NULL));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("chat-message-new-symbolic", _("Open Chat"),
                                         chat_label, "clients.chat", id, uri != NULL));

  g_object_set_data_full (G_OBJECT (row), "lf-contact", g_object_ref (contact), g_object_unref);
  return row;
}

static void
update_count (LfClientsPage *self)
{
  guint total = self->store ? g_list_model_get_n_items (G_LIST_MODEL (self->store)) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u client", "%u clients", total),
                            total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u client",
                                         "%u of %u clients", total),
                            shown, total);
  gtk_label_set_label (self->count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->no_results_page), shown == 0 && total > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->list_box), shown > 0);
}

static void
update_state (LfClientsPage *self)
{
  LfContactStoreState state = self->store ? lf_contact_store_get_state (self->store)
                                          : LF_CONTACT_STORE_STATE_UNKNOWN;
  const char *message = self->store ? lf_contact_store_get_error_message (self->store) : NULL;
  /* A status page's description is markup; the keyring's message is not. */
  g_autofree char *escaped = message != NULL ? lf_markup_escape (message, -1) : NULL;
  const char *name;
  gboolean available = state == LF_CONTACT_STORE_STATE_AVAILABLE;

  switch (state)
    {
    case LF_CONTACT_STORE_STATE_AVAILABLE:
      name = g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0 ? "empty" : "list";
      break;
    case LF_CONTACT_STORE_STATE_LOCKED:
      adw_status_page_set_description (self->locked_page, escaped);
      name = "locked";
      break;
    case LF_CONTACT_STORE_STATE_UNAVAILABLE:
      adw_status_page_set_description (self->unavailable_page, escaped);
      name = "unavailable";
      break;
    case LF_CONTACT_STORE_STATE_UNKNOWN:
    case LF_CONTACT_STORE_STATE_LOADING:
    default:
      name = "loading";
      break;
    }

  gtk_spinner_set_spinning (self->spinner, g_str_equal (name, "loading"));
  gtk_stack_set_visible_child_name (self->state_stack, name);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.add", available);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.import", available);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.export", available);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.search", g_str_equal (name, "list"));
  update_count (self);
}

static LfContact *
lookup (LfClientsPage *self,
        GVariant      *parameter)
{
  if (self->store == NULL || parameter == NULL)
    return NULL;
  return lf_contact_store_lookup (self->store, g_variant_get_string (parameter, NULL));
}

static void
launch_uri (LfClientsPage *self,
            const char    *uri)
{
  /* GtkUriLauncher is GTK 4.10; gtk_show_uri() goes through the OpenURI portal when
   * sandboxed and is not deprecated in 4.8. */
  gtk_show_uri (lf_clients_page_get_parent_window (self), uri, GDK_CURRENT_TIME);
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
on_store_state_cb (LfClientsPage *self)
{
  update_state (self);
}

static void
on_items_changed_cb (LfClientsPage *self)
{
  update_state (self);
}

static void
on_search_changed_cb (LfClientsPage  *self,
                      GtkSearchEntry *entry)
{
  g_free (self->search_text);
  self->search_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
on_sort_selected_cb (LfClientsPage *self)
{
  lf_clients_page_set_sort (self, gtk_drop_down_get_selected (self->sort_dropdown));
}

static void
on_map_cb (LfClientsPage *self)
{
  /* The lazy load: the keyring is asked only when the page is first shown. */
  if (self->store != NULL)
    lf_contact_store_ensure_loaded (self->store);
}

static void
on_editor_saved_cb (LfClientsPage *self,
                    LfContact     *contact)
{
  g_autofree char *text = g_strdup_printf (_("“%s” saved"), lf_contact_get_name (contact));

  lf_clients_page_show_message (self, text);
}

static void
on_editor_delete_cb (LfClientsPage *self,
                     LfContact     *contact)
{
  LfContact *stored = self->store ? lf_contact_store_lookup (self->store,
                                                             lf_contact_get_id (contact))
                                  : NULL;

  if (stored != NULL)
    lf_clients_page_delete (self, stored);
}

static void
undo_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LfClientsPage) self = user_data;
  g_autoptr(LfContact) restored = NULL;
  g_autoptr(GError) error = NULL;

  restored = lf_contact_store_add_finish (LF_CONTACT_STORE (object), result, &error);
  if (restored == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    lf_clients_page_show_message (self, error->message);
}

static void
undo_delete (LfClientsPage *self)
{
  g_autoptr(LfContact) contact = g_steal_pointer (&self->last_deleted);

  if (contact == NULL || self->store == NULL)
    return;

  lf_contact_store_add_async (self->store, contact, self->cancellable, undo_cb,
                              g_object_ref (self));
}

static void
on_undo_clicked_cb (LfClientsPage *self)
{
  undo_delete (self);
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LfClientsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!lf_contact_store_delete_finish (LF_CONTACT_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lf_clients_page_show_message (self, error->message);
      g_clear_object (&self->last_deleted);
      return;
    }

  toast = lf_toast_new_printf (_("“%s” deleted"), lf_contact_get_name (self->last_deleted));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  lf_clients_page_show_toast (self, toast);
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */
/* ------------------------------------------------------------------------ */

/* "Link Clients to a Platform…": tick several clients, choose the platform. */
static void
link_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lf_clients_page_open_link_dialog (LF_CLIENTS_PAGE (widget), NULL, NULL);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  lf_clients_page_edit (LF_CLIENTS_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LfClientsPage *self = LF_CLIENTS_PAGE (widget);
  LfContact *contact = lookup (self, parameter);

  if (contact != NULL)
    lf_clients_page_edit (self, contact);
}

static void
copy_email_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LfClientsPage *self = LF_CLIENTS_PAGE (widget);
  LfContact *contact = lookup (self, parameter);
  const char *email = contact ? lf_contact_get_primary_email (contact) : NULL;

  if (email == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), email);
  lf_clients_page_show_message (self, _("E-mail address copied"));
}

static void
compose_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LfClientsPage *self = LF_CLIENTS_PAGE (widget);
  LfContact *contact = lookup (self, parameter);
  g_autofree char *uri = contact ? lf_contact_get_channel_uri (contact, "email") : NULL;

  if (uri != NULL)
    launch_uri (self, uri);
}

static void
chat_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LfClientsPage *self = LF_CLIENTS_PAGE (widget);
  LfContact *contact = lookup (self, parameter);
  g_autofree char *uri = contact ? chat_uri (contact) : NULL;

  if (uri != NULL)
    launch_uri (self, uri);
}

static void
unlock_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LfClientsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lf_contact_store_unlock_finish (LF_CONTACT_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    lf_clients_page_show_message (self, error->message);
}

static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LfClientsPage *self = LF_CLIENTS_PAGE (widget);

  if (self->store != NULL)
    lf_contact_store_unlock_async (self->store, self->cancellable, unlock_cb,
                                   g_object_ref (self));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LfClientsPage *self = LF_CLIENTS_PAGE (widget);

  if (self->store != NULL)
    lf_contact_store_load_async (self->store, self->cancellable, NULL, NULL);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LfClientsPage *self = LF_CLIENTS_PAGE (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  undo_delete (LF_CLIENTS_PAGE (widget));
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_clients_page_dispose (GObject *object)
{
  LfClientsPage *self = LF_CLIENTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->import_toast);
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->store);
  g_clear_object (&self->last_deleted);
  g_clear_object (&self->notice_templates);
  g_clear_object (&self->notice_channels);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->catalog, lf_catalog_unref);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (lf_clients_page_parent_class)->dispose (object);
}

static void
lf_clients_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LfClientsPage *self = LF_CLIENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_clients_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LfClientsPage *self = LF_CLIENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      lf_clients_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_clients_page_class_init (LfClientsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lf_clients_page_dispose;
  object_class->get_property = lf_clients_page_get_property;
  object_class->set_property = lf_clients_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LF_TYPE_CONTACT_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/lf-clients-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LfClientsPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, LfClientsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LfClientsPage, locked_page);
  gtk_widget_class_bind_template_child (widget_class, LfClientsPage, unavailable_page);
  gtk_widget_class_bind_template_child (widget_class, LfClientsPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, LfClientsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LfClientsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LfClientsPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LfClientsPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, LfClientsPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, LfClientsPage, no_results_page);

  gtk_widget_class_install_action (widget_class, "clients.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "clients.link", NULL, link_action);
  gtk_widget_class_install_action (widget_class, "clients.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "clients.copy-email", "s", copy_email_action);
  gtk_widget_class_install_action (widget_class, "clients.compose", "s", compose_action);
  gtk_widget_class_install_action (widget_class, "clients.chat", "s", chat_action);
  gtk_widget_class_install_action (widget_class, "clients.unlock", NULL, unlock_action);
  gtk_widget_class_install_action (widget_class, "clients.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "clients.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "clients.undo-delete", NULL,
                                   undo_delete_action);
  gtk_widget_class_install_action (widget_class, "clients.import", NULL,
                                   lf_clients_page_import_action);
  gtk_widget_class_install_action (widget_class, "clients.export", NULL,
                                   lf_clients_page_export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "clients.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "clients.add", NULL);
}

static void
lf_clients_page_init (LfClientsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lf_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));
  lf_a11y_label_inner_button (GTK_WIDGET (self->sort_dropdown), _("Sort by"));

  self->cancellable = g_cancellable_new ();
  self->filter = gtk_custom_filter_new (filter_contact, self, NULL);
  self->sorter = gtk_custom_sorter_new (compare_contacts, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (self->filter_model),
                                              GTK_SORTER (self->sorter));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->sort_model),
                           create_row_cb, self, NULL);

  g_object_bind_property (self->search_button, "active",
                          self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (on_search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_dropdown, "notify::selected",
                           G_CALLBACK (on_sort_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);

  update_state (self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

GtkWidget *
lf_clients_page_new (LfContactStore *store)
{
  return g_object_new (LF_TYPE_CLIENTS_PAGE, "store", store, NULL);
}

LfContactStore *
lf_clients_page_get_store (LfClientsPage *self)
{
  g_return_val_if_fail (LF_IS_CLIENTS_PAGE (self), NULL);
  return self->store;
}

/**
 * lf_clients_page_set_store:
 * @store: (nullable): the client directory (lf_context_get_contact_store())
 *
 * The page loads @store the first time it is shown.
 */
void
lf_clients_page_set_store (LfClientsPage  *self,
                           LfContactStore *store)
{
  g_return_if_fail (LF_IS_CLIENTS_PAGE (self));
  g_return_if_fail (store == NULL || LF_IS_CONTACT_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (store));

  if (store != NULL)
    {
      g_signal_connect_object (store, "notify::state", G_CALLBACK (on_store_state_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "items-changed", G_CALLBACK (on_items_changed_cb), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        lf_contact_store_ensure_loaded (store);
    }

  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * lf_clients_page_get_visible_state:
 *
 * Returns: "loading", "empty", "list", "locked" or "unavailable"
 */
const char *
lf_clients_page_get_visible_state (LfClientsPage *self)
{
  g_return_val_if_fail (LF_IS_CLIENTS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->state_stack);
}

/**
 * lf_clients_page_get_model:
 *
 * Returns: (transfer none): the filtered, sorted list the page shows
 */
GListModel *
lf_clients_page_get_model (LfClientsPage *self)
{
  g_return_val_if_fail (LF_IS_CLIENTS_PAGE (self), NULL);
  return G_LIST_MODEL (self->sort_model);
}

void
lf_clients_page_set_search_text (LfClientsPage *self,
                                  const char    *text)
{
  g_return_if_fail (LF_IS_CLIENTS_PAGE (self));

  gtk_search_bar_set_search_mode (self->search_bar, text != NULL && *text != '\0');
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* Do not wait for the entry's search delay. */
  on_search_changed_cb (self, self->search_entry);
}

/**
 * lf_clients_page_set_sort:
 * @sort: 0 name, 1 company, 2 platform, 3 tag
 */
void
lf_clients_page_set_sort (LfClientsPage *self,
                          guint          sort)
{
  g_return_if_fail (LF_IS_CLIENTS_PAGE (self));
  g_return_if_fail (sort <= SORT_TAG);

  if (gtk_drop_down_get_selected (self->sort_dropdown) != sort)
    gtk_drop_down_set_selected (self->sort_dropdown, sort);
  if (self->sort_mode == (SortMode) sort)
    return;
  self->sort_mode = sort;
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

/**
 * lf_clients_page_edit:
 * @contact: (nullable): the client to edit, or %NULL to add one
 *
 * Returns: (transfer none): the editor window, presented
 */
GtkWindow *
lf_clients_page_edit (LfClientsPage *self,
                      LfContact     *contact)
{
  LfClientEditor *editor;

  g_return_val_if_fail (LF_IS_CLIENTS_PAGE (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  editor = lf_client_editor_new (self->store, self->catalog, contact);
  gtk_window_set_transient_for (GTK_WINDOW (editor), lf_clients_page_get_parent_window (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "delete-requested", G_CALLBACK (on_editor_delete_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

/**
 * lf_clients_page_delete:
 *
 * Deletes @contact from the keyring and offers to undo it in a toast.
 */
void
lf_clients_page_delete (LfClientsPage *self,
                        LfContact     *contact)
{
  g_return_if_fail (LF_IS_CLIENTS_PAGE (self));
  g_return_if_fail (LF_IS_CONTACT (contact));
  g_return_if_fail (self->store != NULL);

  g_clear_object (&self->last_deleted);
  self->last_deleted = lf_contact_copy (contact);
  lf_contact_store_delete_async (self->store, contact, self->cancellable, delete_cb,
                                 g_object_ref (self));
}

/**
 * lf_clients_page_set_notice_stores:
 * @templates: the application's templates
 * @channels: the application's channels
 *
 * Where a bundle's "templates" and "channels" are imported from and exported to.
 */
void
lf_clients_page_set_notice_stores (LfClientsPage   *self,
                                   LfTemplateStore *templates,
                                   LfChannelStore  *channels)
{
  g_return_if_fail (LF_IS_CLIENTS_PAGE (self));
  g_return_if_fail (LF_IS_TEMPLATE_STORE (templates));
  g_return_if_fail (LF_IS_CHANNEL_STORE (channels));

  g_set_object (&self->notice_templates, templates);
  g_set_object (&self->notice_channels, channels);
}

/**
 * lf_clients_page_set_plan:
 * @plan: the application's contingency plan
 *
 * Where a bundle's "plan" is imported to and exported from.
 */
void
lf_clients_page_set_plan (LfClientsPage *self,
                          LfPlan        *plan)
{
  g_return_if_fail (LF_IS_CLIENTS_PAGE (self));
  g_return_if_fail (LF_IS_PLAN (plan));

  g_set_object (&self->plan, plan);
}

/**
 * lf_clients_page_set_catalog:
 * @catalog: (nullable): the catalog in use (the platforms clients can be linked to)
 */
void
lf_clients_page_set_catalog (LfClientsPage *self,
                             LfCatalog     *catalog)
{
  g_return_if_fail (LF_IS_CLIENTS_PAGE (self));

  if (self->catalog == catalog)
    return;

  g_clear_pointer (&self->catalog, lf_catalog_unref);
  if (catalog != NULL)
    self->catalog = lf_catalog_ref (catalog);
}

static void
on_linked_cb (LfClientsPage *self,
              guint          n)
{
  g_autofree char *text = g_strdup_printf (ngettext ("%u client linked",
                                                     "%u clients linked", n), n);

  lf_clients_page_show_message (self, text);
}

/**
 * lf_clients_page_open_link_dialog:
 * @ticked: (nullable) (array zero-terminated=1): the clients ticked at first
 * @description: (nullable): why (e.g. after an import)
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL while the directory is not loaded
 */
GtkWindow *
lf_clients_page_open_link_dialog (LfClientsPage      *self,
                                  const char * const *ticked,
                                  const char         *description)
{
  LfLinkDialog *dialog;

  g_return_val_if_fail (LF_IS_CLIENTS_PAGE (self), NULL);

  if (self->store == NULL ||
      lf_contact_store_get_state (self->store) != LF_CONTACT_STORE_STATE_AVAILABLE)
    return NULL;

  dialog = lf_link_dialog_new (self->store, self->catalog, ticked, description);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), lf_clients_page_get_parent_window (self));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "linked", G_CALLBACK (on_linked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}
