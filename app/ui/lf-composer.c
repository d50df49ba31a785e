/* lf-composer.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-composer"

#include "config.h"

#include "lf-composer.h"
#include "lf-markup.h"
#include "lf-drill.h"
#include "lf-composer-private.h"
#include "lf-a11y.h"
#include "lf-client-picker.h"
#include "lf-notice-context.h"
#include "lf-mail-client.h"
#include "lf-template-editor.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lf-toast.h"

/* The composer: template, channel and drill switch on top, a preview of one recipient's
 * message (the first, or the one whose row was clicked: each client's message names their
 * own platforms), then one row per recipient with a check box (include or not), where the
 * message would go (or why it cannot), its result once sent, and a copy button. The widgets
 * only display what LfNotice decides; sending, routing and the drill rule are core's.
 *
 * It cannot misfire: Send is off while sending and stays off once everything went out for
 * real (a second click would notify everyone twice; a drill can be followed by the real
 * thing); Retry Failed shows only when something failed;
 * the preview has a fixed height, so clicking a recipient never moves the list under the
 * pointer; a message whose platform is unknown (a raw "{platform}" would be the result)
 * cannot be sent.
 */

G_DEFINE_FINAL_TYPE (LfComposer, lf_composer, ADW_TYPE_WINDOW)

enum {
  SENT,
  PLATFORM_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static LfTemplate *
get_template (LfComposer *self)
{
  return adw_combo_row_get_selected_item (self->template_row);
}

static LfChannel *
get_channel (LfComposer *self)
{
  return adw_combo_row_get_selected_item (self->channel_row);
}

static char *
channel_label (LfChannel *channel,
               gpointer   user_data)
{
  if (channel == NULL)
    return g_strdup ("");

  if (lf_channel_get_kind (channel) == LF_CHANNEL_KIND_CLIPBOARD)
    return g_strdup (lf_channel_kind_describe (LF_CHANNEL_KIND_CLIPBOARD));

  /* Translators: a channel id, then its kind, e.g. "mail (Email (SMTP))" */
  return g_strdup_printf (_("%s (%s)"), lf_channel_get_id (channel),
                          lf_channel_kind_describe (lf_channel_get_kind (channel)));
}

static const char *
describe_result (LfNoticeResult result)
{
  switch (result)
    {
    case LF_NOTICE_RESULT_SENT:
      return _("Sent");
    case LF_NOTICE_RESULT_HANDED_OFF:
      return _("Draft opened");
    case LF_NOTICE_RESULT_RENDERED:
      return _("Not sent");
    case LF_NOTICE_RESULT_FAILED:
      return _("Failed");
    case LF_NOTICE_RESULT_NO_CHANNEL:
      return _("No channel");
    case LF_NOTICE_RESULT_PENDING:
    default:
      return "";
    }
}

void
lf_composer_toast (LfComposer *self,
                   const char *text)
{
  lf_toast_show (GTK_WIDGET (self->toast_overlay), text);
}

static gboolean
has_failures (LfComposer *self)
{
  return self->notice != NULL && lf_notice_count (self->notice, LF_NOTICE_RESULT_FAILED) > 0;
}

/* Which buttons work now: nothing while sending, no second Send once all went out, Retry
 * only when something failed. */
static void
update_actions (LfComposer *self)
{
  gboolean can_send = !self->busy && !self->done && self->notice != NULL &&
                      lf_notice_get_n_entries (self->notice) > 0 &&
                      g_object_get_data (G_OBJECT (self), "lf-unsendable") == NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.send", can_send);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.retry",
                                 !self->busy && has_failures (self));
  gtk_widget_set_visible (self->retry_button, has_failures (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.test-to-self", !self->busy);
}

static void
set_busy (LfComposer *self,
          gboolean    busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  update_actions (self);
}

static void on_progress_cb (LfNotice *notice,
                            guint     index,
                            gpointer  user_data);

/* A fresh notice for the current template, channel, drill switch and included recipients. */
static gboolean
rebuild_notice (LfComposer *self)
{
  g_autoptr(LfRenderContext) context = NULL;
  LfTemplate *template = get_template (self);
  LfChannel *channel = get_channel (self);

  if (self->notice != NULL)
    g_signal_handlers_disconnect_by_data (self->notice, self);
  g_clear_object (&self->notice);

  if (template == NULL || channel == NULL)
    return FALSE;

  context = lf_render_context_copy (self->context);
  /* The Drill switch: a rehearsal, whose messages reach only the user, marked as a drill's. */
  context->rehearsal = gtk_switch_get_active (self->drill_switch);
  if (context->rehearsal && context->rehearsal_name == NULL)
    context->rehearsal_name = g_strdup (lf_drill_get_label ());
  self->notice = lf_notice_new (template, context, channel);
  lf_notice_set_soup_session (self->notice, self->session);
  lf_notice_set_draft_func (self->notice, lf_mail_client_draft, lf_mail_client_draft_finish,
                            NULL);

  for (guint i = 0; i < self->recipients->len; i++)
    {
      LfRecipient *recipient = g_ptr_array_index (self->recipients, i);
      RecipientRow *row = g_hash_table_lookup (self->rows, recipient->contact_id);

      if (gtk_check_button_get_active (row->check))
        lf_notice_add_recipient (self->notice, recipient);
    }

  g_signal_connect_object (self->notice, "progress", G_CALLBACK (on_progress_cb), self, 0);
  return TRUE;
}

/* The previewed recipient's message: the clicked one while included, else the first. */
static void
show_preview (LfComposer *self)
{
  const LfNoticeEntry *shown = NULL;
  g_autofree char *whose = NULL;

  for (guint i = 0; self->notice != NULL && i < lf_notice_get_n_entries (self->notice); i++)
    {
      const LfNoticeEntry *entry = lf_notice_get_entry (self->notice, i);

      if (shown == NULL || g_strcmp0 (entry->recipient->contact_id, self->preview_id) == 0)
        shown = entry;
    }

  if (shown == NULL || shown->subject == NULL)
    {
      gtk_label_set_text (self->preview_subject, _("No recipient"));
      gtk_label_set_text (self->preview_body, _("Choose at least one recipient."));
      adw_preferences_group_set_description (self->preview_group, NULL);
      return;
    }

  gtk_label_set_text (self->preview_subject, shown->subject);
  gtk_label_set_text (self->preview_body, shown->body);
  /* Translators: above the preview; %s is a client's name */
  whose = g_strdup_printf (_("The message to %s. Click a recipient to see theirs."),
                           shown->recipient->name != NULL ? shown->recipient->name
                                                          : shown->recipient->contact_id);
  lf_markup_set_description (self->preview_group, whose);
  for (guint i = 0; i < self->recipients->len; i++)
    {
      LfRecipient *recipient = g_ptr_array_index (self->recipients, i);
      RecipientRow *row = g_hash_table_lookup (self->rows, recipient->contact_id);

      if (g_str_equal (recipient->contact_id, shown->recipient->contact_id))
        gtk_widget_add_css_class (GTK_WIDGET (row->row), "lf-previewed");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (row->row), "lf-previewed");
    }
}

void
lf_composer_refresh (LfComposer *self)
{
  const char *platform_hint = g_object_get_data (G_OBJECT (self), "lf-platform-hint");
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer value;

  if (self->busy || self->done)
    return;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RecipientRow *row = value;

      gtk_label_set_text (row->status, "");
      adw_action_row_set_subtitle (row->row, _("Not included"));
    }

  if (!rebuild_notice (self))
    return;
  /* The window says which notice it is ("Outage notice", "All clear"). */
  gtk_window_set_title (GTK_WINDOW (self), lf_template_get_name (get_template (self)));

  g_object_set_data (G_OBJECT (self), "lf-unsendable", NULL);
  if (!lf_notice_render (self->notice, &error))
    {
      gtk_label_set_text (self->preview_subject, _("This template cannot be sent"));
      gtk_label_set_text (self->preview_body, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->preview_body), "error");
      g_object_set_data (G_OBJECT (self), "lf-unsendable", GINT_TO_POINTER (1));
      update_actions (self);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->preview_body), "error");

  /* A message about no platform at all would read "Outage at : …": not sendable. */
  for (guint i = 0; i < lf_notice_get_n_entries (self->notice); i++)
    {
      const LfNoticeEntry *entry = lf_notice_get_entry (self->notice, i);

      if ((entry->recipient->platforms == NULL || entry->recipient->platforms[0] == NULL) &&
          (self->context->platform == NULL || *self->context->platform == '\0') &&
          (strstr (lf_template_get_subject (get_template (self)), "{platform}") != NULL ||
           strstr (lf_template_get_body (get_template (self)), "{platform}") != NULL))
        g_object_set_data (G_OBJECT (self), "lf-unsendable", GINT_TO_POINTER (2));
    }

  if (g_object_get_data (G_OBJECT (self), "lf-unsendable") != NULL)
    {
      /* Never a raw or empty {platform}: say what is missing instead. */
      gtk_label_set_text (self->preview_subject, _("Which platform is this notice about?"));
      gtk_label_set_text (self->preview_body,
                          platform_hint != NULL ? platform_hint
                          : _("Choose the platform above, or open the notice with Notify "
                              "Clients on the Health page or a platform’s details."));
      adw_preferences_group_set_description (self->preview_group, NULL);
    }
  else
    show_preview (self);

  for (guint i = 0; i < lf_notice_get_n_entries (self->notice); i++)
    {
      const LfNoticeEntry *entry = lf_notice_get_entry (self->notice, i);
      RecipientRow *row = g_hash_table_lookup (self->rows, entry->recipient->contact_id);
      g_autofree char *problem = NULL;
      g_autofree char *destination = lf_notice_preview_destination (self->notice, i, &problem);
      adw_action_row_set_subtitle (row->row, destination != NULL ? destination
                                             : problem != NULL ? problem : "");
    }
  update_actions (self);
}

static void
copy_text (LfComposer *self,
           const char *contact_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->notice == NULL)
    return;

  text = lf_notice_render_all_text (self->notice, contact_id, &error);
  if (text == NULL)
    {
      lf_composer_toast (self, error->message);
      return;
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  lf_composer_toast (self, contact_id != NULL ? _("Message copied") : _("All messages copied"));
}

static void
append_part (GString *out,
             char    *part)
{
  if (out->len > 0)
    g_string_append (out, ", ");
  g_string_append (out, part);
  g_free (part);
}

/* "2 sent, 1 failed" */
static char *
summarise (LfNotice *notice)
{
  GString *out = g_string_new (NULL);
  guint n;

  if ((n = lf_notice_count (notice, LF_NOTICE_RESULT_SENT)) > 0)
    append_part (out, g_strdup_printf (ngettext ("%u sent", "%u sent", n), n));
  if ((n = lf_notice_count (notice, LF_NOTICE_RESULT_HANDED_OFF)) > 0)
    append_part (out, g_strdup_printf (ngettext ("%u draft opened", "%u drafts opened", n), n));
  if ((n = lf_notice_count (notice, LF_NOTICE_RESULT_RENDERED)) > 0)
    append_part (out, g_strdup_printf (ngettext ("%u not sent", "%u not sent", n), n));
  if ((n = lf_notice_count (notice, LF_NOTICE_RESULT_FAILED)) > 0)
    append_part (out, g_strdup_printf (ngettext ("%u failed", "%u failed", n), n));
  if ((n = lf_notice_count (notice, LF_NOTICE_RESULT_NO_CHANNEL)) > 0)
    append_part (out, g_strdup_printf (ngettext ("%u without a channel", "%u without a channel",
                                                 n), n));

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
on_progress_cb (LfNotice *notice,
                guint     index,
                gpointer  user_data)
{
  LfComposer *self = user_data;
  const LfNoticeEntry *entry = lf_notice_get_entry (notice, index);
  RecipientRow *row = g_hash_table_lookup (self->rows, entry->recipient->contact_id);

  if (row == NULL)
    return;

  gtk_label_set_text (row->status, describe_result (entry->result));
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->status), entry->message);
  if (entry->result == LF_NOTICE_RESULT_FAILED || entry->result == LF_NOTICE_RESULT_NO_CHANNEL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row->status), "error");
      adw_action_row_set_subtitle (row->row, entry->message != NULL ? entry->message : "");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row->status), "error");
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LfComposer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  LfNotice *notice = LF_NOTICE (object);
  gboolean ok;

  if (g_task_get_source_tag (G_TASK (result)) == lf_notice_retry_failed_async)
    ok = lf_notice_retry_failed_finish (notice, result, &error);
  else
    ok = lf_notice_send_finish (notice, result, &error);

  /* Everything went out: the same notice is never sent twice from here. */
  if (ok && lf_notice_count (notice, LF_NOTICE_RESULT_FAILED) == 0 &&
      !lf_notice_get_context (notice)->rehearsal)
    self->done = TRUE;
  set_busy (self, FALSE);
  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lf_composer_toast (self, error->message);
      return;
    }

  if (lf_channel_get_kind (lf_notice_get_channel (notice)) == LF_CHANNEL_KIND_CLIPBOARD)
    copy_text (self, NULL);

  summary = summarise (notice);
  lf_composer_toast (self, summary);
  g_signal_emit (self, signals[SENT], 0, notice);
}

static void
test_sent_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LfComposer) self = user_data;
  g_autoptr(GError) error = NULL;
  LfNotice *notice = LF_NOTICE (object);

  set_busy (self, FALSE);
  if (!lf_notice_send_finish (notice, result, &error))
    lf_composer_toast (self, error->message);
  else if (lf_notice_get_entry (notice, 0)->result == LF_NOTICE_RESULT_SENT)
    lf_composer_toast (self, _("Test message sent to your address"));
  else
    lf_composer_toast (self, lf_notice_get_entry (notice, 0)->message != NULL
                   ? lf_notice_get_entry (notice, 0)->message
                   : _("Test messages can only be sent by e-mail"));
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LfComposer *self = LF_COMPOSER (widget);

  if (self->busy || self->done || !rebuild_notice (self))
    return;

  set_busy (self, TRUE);
  lf_notice_send_async (self->notice, self->cancellable, send_cb, g_object_ref (self));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LfComposer *self = LF_COMPOSER (widget);

  if (self->busy || self->notice == NULL ||
      lf_notice_count (self->notice, LF_NOTICE_RESULT_FAILED) == 0)
    {
      lf_composer_toast (self, _("Nothing to retry"));
      return;
    }

  set_busy (self, TRUE);
  lf_notice_retry_failed_async (self->notice, self->cancellable, send_cb, g_object_ref (self));
}

static void
test_to_self_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LfComposer *self = LF_COMPOSER (widget);

  if (self->busy || get_template (self) == NULL || get_channel (self) == NULL)
    return;

  g_clear_object (&self->test_notice);
  self->test_notice = lf_notice_new_test_to_self (get_template (self), self->context,
                                                  get_channel (self));
  lf_notice_set_soup_session (self->test_notice, self->session);
  set_busy (self, TRUE);
  lf_notice_send_async (self->test_notice, self->cancellable, test_sent_cb, g_object_ref (self));
}

static void
on_editor_destroyed_cb (LfComposer *self,
                        GtkWidget  *editor)
{
  const char *id = g_object_get_data (G_OBJECT (editor), "template-id");

  /* The store replaced the edited template: select it again and re-render. */
  if (id != NULL)
    lf_composer_select_template (self, id);
  lf_composer_refresh (self);
}

static void
edit_template_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LfComposer *self = LF_COMPOSER (widget);
  LfTemplate *template = get_template (self);
  LfTemplateEditor *editor;

  if (template == NULL || self->busy)
    return;

  editor = lf_template_editor_new (self->templates, lf_template_get_id (template));
  g_object_set_data_full (G_OBJECT (editor), "template-id",
                          g_strdup (lf_template_get_id (template)), g_free);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  g_signal_connect_object (editor, "destroy", G_CALLBACK (on_editor_destroyed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
remove_recipient_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  LfComposer *self = LF_COMPOSER (widget);

  if (!self->busy)
    lf_composer_remove_recipient (self, g_variant_get_string (parameter, NULL));
}

static void
add_clients_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  lf_composer_open_picker (LF_COMPOSER (widget));
}

static void
copy_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  copy_text (LF_COMPOSER (widget), NULL);
}

static void
copy_one_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  copy_text (LF_COMPOSER (widget), g_variant_get_string (parameter, NULL));
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_composer_dispose (GObject *object)
{
  LfComposer *self = LF_COMPOSER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->notice != NULL)
    g_signal_handlers_disconnect_by_data (self->notice, self);
  g_clear_object (&self->notice);
  g_clear_object (&self->test_notice);
  g_clear_object (&self->templates);
  g_clear_object (&self->channels);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->contact_store);
  g_clear_pointer (&self->recipients_note, g_free);
  g_clear_pointer (&self->preview_id, g_free);
  g_clear_pointer (&self->platform_ids, g_strfreev);

  G_OBJECT_CLASS (lf_composer_parent_class)->dispose (object);
}

static void
lf_composer_finalize (GObject *object)
{
  LfComposer *self = LF_COMPOSER (object);

  g_clear_pointer (&self->context, lf_render_context_free);
  g_clear_pointer (&self->recipients, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (lf_composer_parent_class)->finalize (object);
}

static void
lf_composer_class_init (LfComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lf_composer_dispose;
  object_class->finalize = lf_composer_finalize;

  /**
   * LfComposer::sent:
   * @notice: the notice that was delivered (or retried)
   */
  signals[SENT] = g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 1, LF_TYPE_NOTICE);

  /**
   * LfComposer::platform-chosen:
   * @platform_id: the platform chosen in the About row, or "" for every affected one
   *
   * The owner plans the recipients again (lf_composer_set_recipients()).
   */
  signals[PLATFORM_CHOSEN] = g_signal_new ("platform-chosen", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/lf-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, LfComposer, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LfComposer, spinner);
  gtk_widget_class_bind_template_child (widget_class, LfComposer, platform_row);
  gtk_widget_class_bind_template_child (widget_class, LfComposer, template_row);
  gtk_widget_class_bind_template_child (widget_class, LfComposer, channel_row);
  gtk_widget_class_bind_template_child (widget_class, LfComposer, drill_switch);
  gtk_widget_class_bind_template_child (widget_class, LfComposer, preview_subject);
  gtk_widget_class_bind_template_child (widget_class, LfComposer, preview_body);
  gtk_widget_class_bind_template_child (widget_class, LfComposer, preview_group);
  gtk_widget_class_bind_template_child (widget_class, LfComposer, recipients_group);
  gtk_widget_class_bind_template_child (widget_class, LfComposer, retry_button);

  gtk_widget_class_install_action (widget_class, "composer.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "composer.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "composer.test-to-self", NULL,
                                   test_to_self_action);
  gtk_widget_class_install_action (widget_class, "composer.copy-all", NULL, copy_all_action);
  gtk_widget_class_install_action (widget_class, "composer.edit-template", NULL,
                                   edit_template_action);
  gtk_widget_class_install_action (widget_class, "composer.copy-one", "s", copy_one_action);
  gtk_widget_class_install_action (widget_class, "composer.remove-recipient", "s",
                                   remove_recipient_action);
  gtk_widget_class_install_action (widget_class, "composer.add-clients", NULL,
                                   add_clients_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "composer.send", NULL);
}

static void
lf_composer_init (LfComposer *self)
{
  g_autoptr(GtkExpression) template_name = NULL;
  g_autoptr(GtkExpression) channel_name = NULL;
  GtkWidget *edit;

  gtk_widget_init_template (GTK_WIDGET (self));
  lf_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));

  edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_set_tooltip_text (edit, _("Edit Template"));
  lf_a11y_set_label (edit, _("Edit Template"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "composer.edit-template");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->template_row), edit);

  self->cancellable = g_cancellable_new ();
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_recipient_free);

  /* The rows take a reference of their own (transfer none). */
  template_name = gtk_property_expression_new (LF_TYPE_TEMPLATE, NULL, "name");
  adw_combo_row_set_expression (self->template_row, template_name);
  channel_name = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                              G_CALLBACK (channel_label), NULL, NULL);
  adw_combo_row_set_expression (self->channel_row, channel_name);
  lf_a11y_name_combo_items (self->template_row);
  lf_a11y_name_combo_items (self->channel_row);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_composer_new:
 * @templates: the loaded templates
 * @channels: the loaded channels (a Clipboard choice is always offered too)
 * @context: the incident and the sender
 * @recipients: (element-type LfRecipient): the clients to offer, all included at first
 */
LfComposer *
lf_composer_new (LfTemplateStore       *templates,
                 LfChannelStore        *channels,
                 const LfRenderContext *context,
                 GPtrArray             *recipients)
{
  LfComposer *self;
  gboolean has_clipboard = FALSE;

  g_return_val_if_fail (LF_IS_TEMPLATE_STORE (templates), NULL);
  g_return_val_if_fail (LF_IS_CHANNEL_STORE (channels), NULL);
  g_return_val_if_fail (context != NULL, NULL);

  self = g_object_new (LF_TYPE_COMPOSER, NULL);
  self->templates = g_object_ref (templates);
  self->context = lf_render_context_copy (context);
  self->channels = g_list_store_new (LF_TYPE_CHANNEL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (channels)); i++)
    {
      g_autoptr(LfChannel) channel = g_list_model_get_item (G_LIST_MODEL (channels), i);

      has_clipboard |= lf_channel_get_kind (channel) == LF_CHANNEL_KIND_CLIPBOARD;
      g_list_store_append (self->channels, channel);
    }
  if (!has_clipboard)
    {
      g_autoptr(LfChannel) clipboard = lf_channel_new ("clipboard", LF_CHANNEL_KIND_CLIPBOARD);

      g_list_store_append (self->channels, clipboard);
    }

  for (guint i = 0; recipients != NULL && i < recipients->len; i++)
    {
      LfRecipient *recipient = g_ptr_array_index (recipients, i);

      if (g_hash_table_contains (self->rows, recipient->contact_id))
        continue;
      g_ptr_array_add (self->recipients, lf_recipient_copy (recipient));
      lf_composer_add_recipient_row (self, recipient);
    }
  lf_composer_update_recipients_description (self);

  adw_combo_row_set_model (self->template_row, G_LIST_MODEL (templates));
  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (self->channels));
  gtk_switch_set_active (self->drill_switch, context->rehearsal);
  /* A notice opened from a fire drill stays a rehearsal. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->drill_switch), !context->rehearsal);

  g_signal_connect_object (self->template_row, "notify::selected", G_CALLBACK (lf_composer_refresh), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->channel_row, "notify::selected", G_CALLBACK (lf_composer_refresh), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->drill_switch, "notify::active", G_CALLBACK (lf_composer_refresh), self,
                           G_CONNECT_SWAPPED);
  lf_composer_refresh (self);

  return self;
}

void
lf_composer_select_template (LfComposer *self,
                             const char *template_id)
{
  g_return_if_fail (LF_IS_COMPOSER (self));
  g_return_if_fail (template_id != NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->templates)); i++)
    {
      g_autoptr(LfTemplate) template = g_list_model_get_item (G_LIST_MODEL (self->templates), i);

      if (g_str_equal (lf_template_get_id (template), template_id))
        adw_combo_row_set_selected (self->template_row, i);
    }
}

void
lf_composer_select_channel (LfComposer *self,
                            const char *channel_id)
{
  g_return_if_fail (LF_IS_COMPOSER (self));
  g_return_if_fail (channel_id != NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->channels)); i++)
    {
      g_autoptr(LfChannel) channel = g_list_model_get_item (G_LIST_MODEL (self->channels), i);

      if (g_str_equal (lf_channel_get_id (channel), channel_id))
        adw_combo_row_set_selected (self->channel_row, i);
    }
}

void
lf_composer_set_drill (LfComposer *self,
                       gboolean    drill)
{
  g_return_if_fail (LF_IS_COMPOSER (self));

  gtk_switch_set_active (self->drill_switch, drill);
}

/**
 * lf_composer_get_notice:
 *
 * Returns: (transfer none) (nullable): the notice being composed or last sent
 */
LfNotice *
lf_composer_get_notice (LfComposer *self)
{
  g_return_val_if_fail (LF_IS_COMPOSER (self), NULL);

  return self->notice;
}

/**
 * lf_composer_set_soup_session:
 *
 * The application's session for webhooks (each notice makes its own otherwise).
 */
void
lf_composer_set_soup_session (LfComposer  *self,
                              SoupSession *session)
{
  g_return_if_fail (LF_IS_COMPOSER (self));

  g_set_object (&self->session, session);
  if (self->notice != NULL)
    lf_notice_set_soup_session (self->notice, session);
}

/**
 * lf_composer_set_contact_store:
 * @store: (nullable): the client directory the + button picks from
 */
void
lf_composer_set_contact_store (LfComposer     *self,
                               LfContactStore *store)
{
  g_return_if_fail (LF_IS_COMPOSER (self));
  g_return_if_fail (store == NULL || LF_IS_CONTACT_STORE (store));

  g_set_object (&self->contact_store, store);
}

/**
 * lf_composer_preview_recipient:
 * @contact_id: (nullable): a listed recipient, or %NULL for the first
 *
 * Shows that client's message in the preview (what clicking their row does). Whether the
 * client is included does not change.
 */
void
lf_composer_preview_recipient (LfComposer *self,
                               const char *contact_id)
{
  g_return_if_fail (LF_IS_COMPOSER (self));

  g_free (self->preview_id);
  self->preview_id = g_strdup (contact_id);
  if (self->notice != NULL && !self->busy)
    show_preview (self);
}

/**
 * lf_composer_get_preview:
 * @subject: (out) (optional) (transfer none): the previewed subject
 *
 * Returns: (transfer none): the previewed body
 */
const char *
lf_composer_get_preview (LfComposer  *self,
                         const char **subject)
{
  g_return_val_if_fail (LF_IS_COMPOSER (self), NULL);

  if (subject != NULL)
    *subject = gtk_label_get_text (self->preview_subject);
  return gtk_label_get_text (self->preview_body);
}

/**
 * lf_composer_get_can_send:
 *
 * Returns: whether Send would send now
 */
gboolean
lf_composer_get_can_send (LfComposer *self)
{
  g_return_val_if_fail (LF_IS_COMPOSER (self), FALSE);

  return gtk_widget_is_sensitive (GTK_WIDGET (self)) &&
         !self->busy && !self->done && self->notice != NULL &&
         lf_notice_get_n_entries (self->notice) > 0 &&
         g_object_get_data (G_OBJECT (self), "lf-unsendable") == NULL;
}

/**
 * lf_composer_get_can_retry:
 *
 * Returns: whether Retry Failed is offered (something failed and nothing is being sent)
 */
gboolean
lf_composer_get_can_retry (LfComposer *self)
{
  g_return_val_if_fail (LF_IS_COMPOSER (self), FALSE);

  return !self->busy && has_failures (self);
}

static void
on_platform_selected_cb (LfComposer *self)
{
  guint selected = adw_combo_row_get_selected (self->platform_row);

  if (self->platform_ids == NULL || selected >= g_strv_length (self->platform_ids))
    return;
  g_signal_emit (self, signals[PLATFORM_CHOSEN], 0, self->platform_ids[selected]);
}

/**
 * lf_composer_set_platform_choices:
 * @ids: (array zero-terminated=1): catalog ids
 * @names: (array zero-terminated=1): their display names, in the same order
 * @selected: (nullable): the id shown first, or %NULL / "" for every affected platform
 *
 * Shows the About row (a notice opened from the Notices page): "All affected platforms"
 * and each platform; choosing one emits #LfComposer::platform-chosen.
 */
void
lf_composer_set_platform_choices (LfComposer         *self,
                                  const char * const *ids,
                                  const char * const *names,
                                  const char         *selected)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint position = 0;

  g_return_if_fail (LF_IS_COMPOSER (self));

  gtk_string_list_append (labels, _("All affected platforms"));
  g_strv_builder_add (builder, "");
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      gtk_string_list_append (labels, names[i]);
      g_strv_builder_add (builder, ids[i]);
      if (g_strcmp0 (ids[i], selected) == 0)
        position = i + 1;
    }
  g_strfreev (self->platform_ids);
  self->platform_ids = g_strv_builder_end (builder);

  g_signal_handlers_disconnect_by_func (self->platform_row, on_platform_selected_cb, self);
  adw_combo_row_set_model (self->platform_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->platform_row, position);
  gtk_widget_set_visible (GTK_WIDGET (self->platform_row), TRUE);
  g_signal_connect_object (self->platform_row, "notify::selected",
                           G_CALLBACK (on_platform_selected_cb), self, G_CONNECT_SWAPPED);
}

/**
 * lf_composer_choose_platform:
 * @platform_id: a choice of the About row ("" for every affected platform)
 *
 * Returns: whether it is a choice
 */
gboolean
lf_composer_choose_platform (LfComposer *self,
                             const char *platform_id)
{
  g_return_val_if_fail (LF_IS_COMPOSER (self), FALSE);

  for (guint i = 0; self->platform_ids != NULL && self->platform_ids[i] != NULL; i++)
    if (g_str_equal (self->platform_ids[i], platform_id))
      {
        adw_combo_row_set_selected (self->platform_row, i);
        return TRUE;
      }

  return FALSE;
}
