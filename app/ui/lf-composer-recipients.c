/* lf-composer-recipients.c — the composer's recipient list
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-composer"

#include "config.h"

#include "lf-composer-private.h"
#include "lf-a11y.h"
#include "lf-client-picker.h"
#include "lf-notice-context.h"

#include <glib/gi18n.h>

/* One row per recipient: a check box (include or not), where the message would go (or why it
 * cannot), its result once sent, copy and remove buttons; clicking the row previews that
 * client's message. Adding, removing and replacing recipients, and the + button's picker. */

static void
on_row_activated_cb (AdwActionRow *row,
                     LfComposer   *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "lf-contact-id");

  /* Preview this client's message; the check box alone includes or leaves out. */
  lf_composer_preview_recipient (self, id);
}

void
lf_composer_add_recipient_row (LfComposer        *self,
                               const LfRecipient *recipient)
{
  RecipientRow *row = g_new0 (RecipientRow, 1);
  GtkWidget *copy, *remove;
  const char *name = recipient->name != NULL ? recipient->name : recipient->contact_id;
  /* Translators: %s is a client's name; read by screen readers on the recipient's row */
  g_autofree char *include_label = g_strdup_printf (_("Include %s"), name);
  /* Translators: %s is a client's name; read by screen readers on the recipient's row */
  g_autofree char *copy_label = g_strdup_printf (_("Copy the Message to %s"), name);
  /* Translators: %s is a client's name; read by screen readers on the recipient's row */
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s From This Notice"), name);

  row->row = ADW_ACTION_ROW (adw_action_row_new ());
  /* The client's name, and later where the message goes or why not: plain text. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), name);

  row->check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_check_button_set_active (row->check, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (row->check), GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (row->row, GTK_WIDGET (row->check));
  lf_a11y_set_label (GTK_WIDGET (row->check), include_label);
  g_object_set_data_full (G_OBJECT (row->row), "lf-contact-id",
                          g_strdup (recipient->contact_id), g_free);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->row), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->row), _("Preview this client’s message"));
  g_signal_connect_object (row->row, "activated", G_CALLBACK (on_row_activated_cb), self,
                           G_CONNECT_DEFAULT);
  g_signal_connect_object (row->check, "toggled", G_CALLBACK (lf_composer_refresh), self,
                           G_CONNECT_SWAPPED);

  row->status = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (row->status), "dim-label");
  adw_action_row_add_suffix (row->row, GTK_WIDGET (row->status));

  copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_tooltip_text (copy, _("Copy This Message"));
  lf_a11y_set_label (copy, copy_label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "composer.copy-one");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (copy), "s", recipient->contact_id);
  adw_action_row_add_suffix (row->row, copy);

  remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove From This Notice"));
  lf_a11y_set_label (remove, remove_label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "composer.remove-recipient");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", recipient->contact_id);
  adw_action_row_add_suffix (row->row, remove);

  adw_preferences_group_add (self->recipients_group, GTK_WIDGET (row->row));
  g_hash_table_insert (self->rows, g_strdup (recipient->contact_id), row);
}

void
lf_composer_update_recipients_description (LfComposer *self)
{
  if (self->recipients_note != NULL)
    adw_preferences_group_set_description (self->recipients_group, self->recipients_note);
  else if (self->recipients->len == 0)
    adw_preferences_group_set_description (self->recipients_group,
                                           _("No client is linked to this platform yet. Add "
                                             "clients with the + button."));
  else
    adw_preferences_group_set_description (self->recipients_group, NULL);
}

static void
on_picker_picked_cb (LfClientPicker *picker,
                     LfContact      *contact,
                     LfComposer     *self)
{
  g_autoptr(LfRecipient) recipient = lf_notice_context_recipient_from_contact (contact);

  if (recipient != NULL)
    lf_composer_add_recipient (self, recipient);
}

/**
 * lf_composer_set_recipients_note:
 * @note: (nullable): why the recipients are missing (e.g. the keyring is locked)
 */
void
lf_composer_set_recipients_note (LfComposer *self,
                                 const char *note)
{
  g_return_if_fail (LF_IS_COMPOSER (self));

  g_free (self->recipients_note);
  self->recipients_note = g_strdup (note);
  lf_composer_update_recipients_description (self);
}

/**
 * lf_composer_add_recipient:
 *
 * Adds @recipient (included) unless it is already there.
 *
 * Returns: %TRUE when it was added
 */
gboolean
lf_composer_add_recipient (LfComposer        *self,
                           const LfRecipient *recipient)
{
  g_return_val_if_fail (LF_IS_COMPOSER (self), FALSE);
  g_return_val_if_fail (recipient != NULL, FALSE);

  if (g_hash_table_contains (self->rows, recipient->contact_id))
    return FALSE;

  g_ptr_array_add (self->recipients, lf_recipient_copy (recipient));
  lf_composer_add_recipient_row (self, recipient);
  lf_composer_update_recipients_description (self);
  lf_composer_refresh (self);

  return TRUE;
}

/**
 * lf_composer_remove_recipient:
 * @contact_id: the id of a recipient in the list
 *
 * Returns: %TRUE when it was there
 */
gboolean
lf_composer_remove_recipient (LfComposer *self,
                              const char *contact_id)
{
  RecipientRow *row;

  g_return_val_if_fail (LF_IS_COMPOSER (self), FALSE);
  g_return_val_if_fail (contact_id != NULL, FALSE);

  row = g_hash_table_lookup (self->rows, contact_id);
  if (row == NULL)
    return FALSE;

  adw_preferences_group_remove (self->recipients_group, GTK_WIDGET (row->row));
  g_hash_table_remove (self->rows, contact_id);
  for (guint i = 0; i < self->recipients->len; i++)
    {
      LfRecipient *recipient = g_ptr_array_index (self->recipients, i);

      if (g_str_equal (recipient->contact_id, contact_id))
        {
          g_ptr_array_remove_index (self->recipients, i);
          break;
        }
    }
  lf_composer_update_recipients_description (self);
  lf_composer_refresh (self);

  return TRUE;
}

/**
 * lf_composer_dup_recipient_ids:
 *
 * Returns: (transfer full): the ids of the listed recipients (included or not), in order
 */
GStrv
lf_composer_dup_recipient_ids (LfComposer *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (LF_IS_COMPOSER (self), NULL);

  for (guint i = 0; i < self->recipients->len; i++)
    g_strv_builder_add (builder,
                        ((LfRecipient *) g_ptr_array_index (self->recipients, i))->contact_id);

  return g_strv_builder_end (builder);
}

/**
 * lf_composer_describe_recipient:
 * @contact_id: a listed recipient
 *
 * Returns: (nullable): what its row says under the name: the destination, why it cannot be
 *   reached (e.g. "No e-mail address"), "Not included", or the result once sent
 */
const char *
lf_composer_describe_recipient (LfComposer *self,
                                const char *contact_id)
{
  RecipientRow *row;

  g_return_val_if_fail (LF_IS_COMPOSER (self), NULL);

  row = g_hash_table_lookup (self->rows, contact_id);
  return row != NULL ? adw_action_row_get_subtitle (row->row) : NULL;
}

/**
 * lf_composer_open_picker:
 *
 * Opens the list of the directory's clients not in the notice yet (the + button).
 *
 * Returns: (transfer none) (nullable): the picker, or %NULL when the directory cannot be
 *   read (a toast says why)
 */
LfClientPicker *
lf_composer_open_picker (LfComposer *self)
{
  g_auto(GStrv) ids = NULL;
  LfClientPicker *picker;

  g_return_val_if_fail (LF_IS_COMPOSER (self), NULL);

  if (self->contact_store == NULL)
    {
      lf_composer_toast (self, _("The client directory is not available here"));
      return NULL;
    }
  if (lf_contact_store_get_state (self->contact_store) != LF_CONTACT_STORE_STATE_AVAILABLE)
    {
      const char *message = lf_contact_store_get_error_message (self->contact_store);

      lf_contact_store_ensure_loaded (self->contact_store);
      lf_composer_toast (self, message != NULL ? message : _("The clients are still loading; try again in "
                                                 "a moment"));
      return NULL;
    }

  ids = lf_composer_dup_recipient_ids (self);
  picker = lf_client_picker_new (self->contact_store, (const char * const *) ids);
  gtk_window_set_transient_for (GTK_WINDOW (picker), GTK_WINDOW (self));
  g_signal_connect_object (picker, "picked", G_CALLBACK (on_picker_picked_cb), self,
                           G_CONNECT_DEFAULT);
  gtk_window_present (GTK_WINDOW (picker));

  return picker;
}

/**
 * lf_composer_get_recipients_description:
 *
 * Returns: (nullable): what the composer says above the recipients (no client linked, the
 *   keyring is locked…), or %NULL
 */
const char *
lf_composer_get_recipients_description (LfComposer *self)
{
  g_return_val_if_fail (LF_IS_COMPOSER (self), NULL);

  return adw_preferences_group_get_description (self->recipients_group);
}

/**
 * lf_composer_set_recipients:
 * @context: what the notice is about now
 * @recipients: (element-type LfRecipient): the clients to offer instead of the listed ones
 * @note: (nullable): what the composer says above them
 *
 * Replaces the recipients (after another platform was chosen in the About row).
 */
void
lf_composer_set_recipients (LfComposer            *self,
                            const LfRenderContext *context,
                            GPtrArray             *recipients,
                            const char            *note)
{
  g_auto(GStrv) ids = NULL;

  g_return_if_fail (LF_IS_COMPOSER (self));
  g_return_if_fail (context != NULL);

  if (self->busy || self->done)
    return;

  ids = lf_composer_dup_recipient_ids (self);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      RecipientRow *row = g_hash_table_lookup (self->rows, ids[i]);

      adw_preferences_group_remove (self->recipients_group, GTK_WIDGET (row->row));
      g_hash_table_remove (self->rows, ids[i]);
    }
  g_ptr_array_set_size (self->recipients, 0);

  g_clear_pointer (&self->context, lf_render_context_free);
  self->context = lf_render_context_copy (context);
  self->context->rehearsal = gtk_switch_get_active (self->drill_switch) || context->rehearsal;
  for (guint i = 0; recipients != NULL && i < recipients->len; i++)
    {
      LfRecipient *recipient = g_ptr_array_index (recipients, i);

      if (g_hash_table_contains (self->rows, recipient->contact_id))
        continue;
      g_ptr_array_add (self->recipients, lf_recipient_copy (recipient));
      lf_composer_add_recipient_row (self, recipient);
    }
  g_free (self->recipients_note);
  self->recipients_note = g_strdup (note);
  lf_composer_update_recipients_description (self);
  lf_composer_refresh (self);
}
