/* lf-notices-prefs.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-notices-prefs"

#include "config.h"

#include "lf-notices-prefs.h"
#include "lf-a11y.h"
#include "lf-contact.h"
#include "lf-notice.h"
#include "lf-profile.h"
#include "lf-template-editor.h"

#include <glib/gi18n.h>

#include "lf-toast.h"
#include <string.h>

/* What a notice needs before it can go out: who you are and how clients reach you meanwhile
 * (LfProfile, in the keyring), the channels to send through (the application's
 * LfChannelStore; credentials in the keyring), and the templates. Every channel has a
 * "Send Test to Myself" button; its result is a toast.
 */

struct _LfNoticesPrefs
{
  AdwPreferencesPage    parent_instance;

  LfContext            *context;
  LfChannelStore       *channels;
  LfTemplateStore      *templates;
  LfProfile            *profile;
  LfNotice             *test_notice;
  GCancellable         *cancellable;
  gboolean              profile_loaded;
  char                 *last_message;

  AdwEntryRow          *name_row;
  AdwEntryRow          *email_row;
  AdwEntryRow          *channel_row;
  AdwPreferencesGroup  *channels_group;
  GPtrArray            *channel_rows;     /* GtkWidget, rows in channels_group */
  AdwPreferencesGroup  *templates_group;
  GPtrArray            *template_rows;
};

G_DEFINE_FINAL_TYPE (LfNoticesPrefs, lf_notices_prefs, ADW_TYPE_PREFERENCES_PAGE)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
toast (LfNoticesPrefs *self,
       const char     *message)
{
  AdwToast *toast;

  g_free (self->last_message);
  self->last_message = g_strdup (message);
  toast = lf_toast_show (GTK_WIDGET (self), message);
  if (toast != NULL)
    adw_toast_set_timeout (toast, 8);
}

/* A failed test can be long ("Could not connect to smtp.example.com:465: …"): a toast would
 * cut it, so it goes in a dialog with what to try. */
static void
show_test_failure (LfNoticesPrefs *self,
                   const char     *reason,
                   gboolean        smtp)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GString) body = g_string_new (reason);
  GtkWidget *dialog;

  g_free (self->last_message);
  /* Translators: %s says why the test message did not go out */
  self->last_message = g_strdup_printf (_("The test failed: %s"), reason);

  if (smtp)
    g_string_append_printf (body, "\n\n%s",
                            _("Check the server name and your password, then the encryption: "
                              "choose TLS for port 465 or STARTTLS for port 587, or check the "
                              "port your provider gives."));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("The Test Message Was Not Sent"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* @accessible (or @tooltip) is read by screen readers: it names the row's subject where the
 * button repeats on every row. */
static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             const char *accessible,
             const char *action,
             const char *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  lf_a11y_set_label (button, accessible != NULL ? accessible : tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  return button;
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static char *
describe_channel (LfChannel *channel)
{
  LfChannelKind kind = lf_channel_get_kind (channel);

  if (kind == LF_CHANNEL_KIND_SMTP && lf_channel_get_host (channel) != NULL)
    /* Translators: a channel kind and its mail server, e.g. "Email (SMTP) · smtp.example.com" */
    return g_strdup_printf (_("%s · %s"), lf_channel_kind_describe (kind),
                            lf_channel_get_host (channel));

  return g_strdup (lf_channel_kind_describe (kind));
}

static void
rebuild_channels (LfNoticesPrefs *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->channels));

  clear_rows (self->channels_group, self->channel_rows);

  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No channel yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Notices can only be copied until you add one"));
      adw_preferences_group_add (self->channels_group, row);
      g_ptr_array_add (self->channel_rows, row);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LfChannel) channel = g_list_model_get_item (G_LIST_MODEL (self->channels), i);
      g_autofree char *subtitle = describe_channel (channel);
      const char *id = lf_channel_get_id (channel);
      GtkWidget *row = adw_action_row_new ();
      /* Translators: %s is the name of a notice channel; read by screen readers */
      g_autofree char *test_label = g_strdup_printf (_("Send a Test Through %s"), id);
      /* Translators: %s is the name of a notice channel; read by screen readers */
      g_autofree char *edit_label = g_strdup_printf (_("Edit Channel %s"), id);
      /* Translators: %s is the name of a notice channel; read by screen readers */
      g_autofree char *remove_label = g_strdup_printf (_("Remove Channel %s"), id);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), id);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (i == 0)
        {
          GtkWidget *tag = gtk_label_new (_("Default"));

          gtk_widget_add_css_class (tag, "dim-label");
          gtk_widget_add_css_class (tag, "caption");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button ("mail-send-symbolic", _("Send Test to Myself"),
                                              test_label, "notices-prefs.test-channel", id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button ("document-edit-symbolic", _("Edit Channel"),
                                              edit_label, "notices-prefs.edit-channel", id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button ("user-trash-symbolic", _("Remove Channel"),
                                              remove_label, "notices-prefs.remove-channel", id));
      adw_preferences_group_add (self->channels_group, row);
      g_ptr_array_add (self->channel_rows, row);
    }
}

static void
rebuild_templates (LfNoticesPrefs *self)
{
  clear_rows (self->templates_group, self->template_rows);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->templates)); i++)
    {
      g_autoptr(LfTemplate) template = g_list_model_get_item (G_LIST_MODEL (self->templates), i);
      const char *id = lf_template_get_id (template);
      GtkWidget *row = adw_action_row_new ();
      /* Translators: %s is the name of a notice template; read by screen readers */
      g_autofree char *edit_label = g_strdup_printf (_("Edit Template %s"),
                                                     lf_template_get_name (template));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lf_template_get_name (template));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   lf_template_store_is_modified (self->templates, id)
                                   ? _("Changed by you") : _("As shipped"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button ("document-edit-symbolic", _("Edit Template"),
                                              edit_label, "notices-prefs.edit-template", id));
      adw_preferences_group_add (self->templates_group, row);
      g_ptr_array_add (self->template_rows, row);
    }
}

static LfRenderContext *
make_test_context (LfNoticesPrefs *self)
{
  LfRenderContext *context = lf_render_context_new ();
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_autofree char *email = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->email_row)));
  g_autofree char *channel = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->channel_row)));

  context->platform = g_strdup (_("Upwork"));
  context->status_url = g_strdup ("https://status.upwork.com/");
  context->since = g_get_real_time () / G_USEC_PER_SEC;
  context->next_update = g_strdup (_("as soon as I know more"));
  context->my_name = g_strdup (g_strstrip (name));
  context->my_email = g_strdup (g_strstrip (email));
  context->my_channel = g_strdup (g_strstrip (channel));

  return context;
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
profile_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LfNoticesPrefs) self = user_data;
  g_autoptr(LfProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  profile = lf_profile_load_finish (result, &error);
  if (profile == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      toast (self, error->message);
      profile = lf_profile_new ();
    }

  g_set_object (&self->profile, profile);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         lf_profile_get_name (profile) != NULL ? lf_profile_get_name (profile)
                                                               : "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row),
                         lf_profile_get_email (profile) != NULL ? lf_profile_get_email (profile)
                                                                : "");
  gtk_editable_set_text (GTK_EDITABLE (self->channel_row),
                         lf_profile_get_channel (profile) != NULL
                         ? lf_profile_get_channel (profile) : "");
  self->profile_loaded = TRUE;
}

static void
profile_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LfNoticesPrefs) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lf_profile_save_finish (LF_PROFILE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  toast (self, _("Your details are saved in your keyring"));
}

static void
test_sent_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LfNoticesPrefs) self = user_data;
  g_autoptr(GError) error = NULL;
  LfNotice *notice = LF_NOTICE (object);
  const LfNoticeEntry *entry;
  LfChannel *channel = lf_notice_get_channel (notice);
  gboolean smtp = channel != NULL && lf_channel_get_kind (channel) == LF_CHANNEL_KIND_SMTP;

  if (!lf_notice_send_finish (notice, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_test_failure (self, error->message, smtp);
      return;
    }

  entry = lf_notice_get_entry (notice, 0);
  if (entry->result == LF_NOTICE_RESULT_SENT)
    {
      /* Translators: %s is the user's own e-mail address */
      g_autofree char *text = g_strdup_printf (_("Test message sent to %s"),
                                               lf_notice_get_context (notice)->my_email);

      toast (self, text);
    }
  else if (entry->result == LF_NOTICE_RESULT_HANDED_OFF)
    toast (self, _("A test draft is open in your e-mail app"));
  else
    show_test_failure (self, entry->message != NULL ? entry->message
                                                    : _("This channel cannot send to you."),
                       smtp);
}

static void
channel_secret_cleared_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Nothing was stored (a mail-client channel) is fine. */
  if (!lf_channel_clear_secret_finish (LF_CHANNEL (object), result, &error))
    g_message ("Channel credential: %s", error->message);
}

static void
channels_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LfNoticesPrefs) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lf_channel_store_save_finish (LF_CHANNEL_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
}

static void
on_editor_saved_cb (LfChannelEditor *editor,
                    LfChannel       *channel,
                    LfNoticesPrefs  *self)
{
  /* Translators: %s is a channel's name */
  g_autofree char *text = g_strdup_printf (_("Channel “%s” saved"), lf_channel_get_id (channel));

  toast (self, text);
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */
/* ------------------------------------------------------------------------ */

static void
save_profile_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  lf_notices_prefs_save_profile (LF_NOTICES_PREFS (widget));
}

static void
add_channel_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  lf_notices_prefs_add_channel (LF_NOTICES_PREFS (widget));
}

static void
edit_channel_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  lf_notices_prefs_edit_channel (LF_NOTICES_PREFS (widget),
                                 g_variant_get_string (parameter, NULL));
}

static void
remove_channel_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  lf_notices_prefs_remove_channel (LF_NOTICES_PREFS (widget),
                                   g_variant_get_string (parameter, NULL));
}

static void
test_channel_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  lf_notices_prefs_test_channel (LF_NOTICES_PREFS (widget),
                                 g_variant_get_string (parameter, NULL));
}

static void
edit_template_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LfNoticesPrefs *self = LF_NOTICES_PREFS (widget);
  LfTemplateEditor *editor;
  GtkRoot *root = gtk_widget_get_root (widget);

  editor = lf_template_editor_new (self->templates, g_variant_get_string (parameter, NULL));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "destroy", G_CALLBACK (rebuild_templates), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_notices_prefs_dispose (GObject *object)
{
  LfNoticesPrefs *self = LF_NOTICES_PREFS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_object (&self->channels);
  g_clear_object (&self->templates);
  g_clear_object (&self->profile);
  g_clear_object (&self->test_notice);
  g_clear_pointer (&self->channel_rows, g_ptr_array_unref);
  g_clear_pointer (&self->template_rows, g_ptr_array_unref);
  g_clear_pointer (&self->last_message, g_free);

  G_OBJECT_CLASS (lf_notices_prefs_parent_class)->dispose (object);
}

static void
lf_notices_prefs_class_init (LfNoticesPrefsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lf_notices_prefs_dispose;

  /* The page and its three groups; the channel and template rows are built below. */
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lifeline/Lifeline/ui/"
                                               "lf-notices-prefs.ui");
  gtk_widget_class_bind_template_child (widget_class, LfNoticesPrefs, name_row);
  gtk_widget_class_bind_template_child (widget_class, LfNoticesPrefs, email_row);
  gtk_widget_class_bind_template_child (widget_class, LfNoticesPrefs, channel_row);
  gtk_widget_class_bind_template_child (widget_class, LfNoticesPrefs, channels_group);
  gtk_widget_class_bind_template_child (widget_class, LfNoticesPrefs, templates_group);

  gtk_widget_class_install_action (widget_class, "notices-prefs.save-profile", NULL,
                                   save_profile_action);
  gtk_widget_class_install_action (widget_class, "notices-prefs.add-channel", NULL,
                                   add_channel_action);
  gtk_widget_class_install_action (widget_class, "notices-prefs.edit-channel", "s",
                                   edit_channel_action);
  gtk_widget_class_install_action (widget_class, "notices-prefs.remove-channel", "s",
                                   remove_channel_action);
  gtk_widget_class_install_action (widget_class, "notices-prefs.test-channel", "s",
                                   test_channel_action);
  gtk_widget_class_install_action (widget_class, "notices-prefs.edit-template", "s",
                                   edit_template_action);
}

static void
lf_notices_prefs_init (LfNoticesPrefs *self)
{
  self->cancellable = g_cancellable_new ();
  self->channel_rows = g_ptr_array_new ();
  self->template_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  lf_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

LfNoticesPrefs *
lf_notices_prefs_new (LfContext *context)
{
  LfNoticesPrefs *self;

  g_return_val_if_fail (LF_IS_CONTEXT (context), NULL);

  self = g_object_new (LF_TYPE_NOTICES_PREFS, NULL);
  self->context = g_object_ref (context);
  self->channels = g_object_ref (lf_context_get_channel_store (context));
  self->templates = g_object_ref (lf_context_get_template_store (context));

  g_signal_connect_object (self->channels, "items-changed", G_CALLBACK (rebuild_channels),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->templates, "items-changed", G_CALLBACK (rebuild_templates),
                           self, G_CONNECT_SWAPPED);
  rebuild_channels (self);
  rebuild_templates (self);
  lf_profile_load_async (self->cancellable, profile_loaded_cb, g_object_ref (self));

  return self;
}

/**
 * lf_notices_prefs_set_profile_field:
 * @field: "name", "email" or "channel"
 */
void
lf_notices_prefs_set_profile_field (LfNoticesPrefs *self,
                                    const char     *field,
                                    const char     *value)
{
  AdwEntryRow *row;

  g_return_if_fail (LF_IS_NOTICES_PREFS (self));
  g_return_if_fail (field != NULL && value != NULL);

  if (g_str_equal (field, "name"))
    row = self->name_row;
  else if (g_str_equal (field, "email"))
    row = self->email_row;
  else if (g_str_equal (field, "channel"))
    row = self->channel_row;
  else
    g_return_if_reached ();

  gtk_editable_set_text (GTK_EDITABLE (row), value);
}

gboolean
lf_notices_prefs_get_profile_loaded (LfNoticesPrefs *self)
{
  g_return_val_if_fail (LF_IS_NOTICES_PREFS (self), FALSE);

  return self->profile_loaded;
}

/**
 * lf_notices_prefs_save_profile:
 *
 * Saves name, address and backup channel to the keyring (a toast says how it went).
 */
void
lf_notices_prefs_save_profile (LfNoticesPrefs *self)
{
  g_autoptr(LfProfile) profile = lf_profile_new ();
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *channel = NULL;

  g_return_if_fail (LF_IS_NOTICES_PREFS (self));

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  email = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->email_row))));
  channel = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->channel_row))));

  if (*email != '\0' && !lf_contact_validate_email (email, NULL))
    {
      /* Translators: %s is what the user typed as their e-mail address */
      g_autofree char *text = g_strdup_printf (_("“%s” is not an e-mail address"), email);

      toast (self, text);
      return;
    }

  lf_profile_set_name (profile, *name != '\0' ? name : NULL);
  lf_profile_set_email (profile, *email != '\0' ? email : NULL);
  lf_profile_set_channel (profile, *channel != '\0' ? channel : NULL);
  lf_profile_save_async (profile, self->cancellable, profile_saved_cb, g_object_ref (self));
}

static LfChannelEditor *
present_editor (LfNoticesPrefs *self,
                const char     *channel_id)
{
  LfChannelEditor *editor = lf_channel_editor_new (self->channels, channel_id);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self,
                           G_CONNECT_DEFAULT);
  gtk_window_present (GTK_WINDOW (editor));

  return editor;
}

/**
 * lf_notices_prefs_add_channel:
 *
 * Returns: (transfer none): the editor for a new channel, presented
 */
LfChannelEditor *
lf_notices_prefs_add_channel (LfNoticesPrefs *self)
{
  g_return_val_if_fail (LF_IS_NOTICES_PREFS (self), NULL);

  return present_editor (self, NULL);
}

/**
 * lf_notices_prefs_edit_channel:
 *
 * Returns: (transfer none): the editor for @channel_id, presented
 */
LfChannelEditor *
lf_notices_prefs_edit_channel (LfNoticesPrefs *self,
                               const char     *channel_id)
{
  g_return_val_if_fail (LF_IS_NOTICES_PREFS (self), NULL);
  g_return_val_if_fail (channel_id != NULL, NULL);

  return present_editor (self, channel_id);
}

/**
 * lf_notices_prefs_remove_channel:
 *
 * Removes the channel and its credential from the keyring.
 */
void
lf_notices_prefs_remove_channel (LfNoticesPrefs *self,
                                 const char     *channel_id)
{
  LfChannel *channel;

  g_return_if_fail (LF_IS_NOTICES_PREFS (self));
  g_return_if_fail (channel_id != NULL);

  channel = lf_channel_store_lookup (self->channels, channel_id);
  if (channel == NULL)
    return;

  if (lf_channel_needs_secret (channel))
    lf_channel_clear_secret_async (channel, NULL, channel_secret_cleared_cb, NULL);
  lf_channel_store_remove (self->channels, channel_id);
  lf_channel_store_save_async (self->channels, self->cancellable, channels_saved_cb,
                               g_object_ref (self));
}

/**
 * lf_notices_prefs_test_channel:
 *
 * Sends the outage template, rendered for you, to your own address through the channel;
 * the result is a toast (and lf_notices_prefs_get_last_message()).
 */
void
lf_notices_prefs_test_channel (LfNoticesPrefs *self,
                               const char     *channel_id)
{
  g_autoptr(LfRenderContext) context = NULL;
  LfChannel *channel;
  LfTemplate *template;

  g_return_if_fail (LF_IS_NOTICES_PREFS (self));
  g_return_if_fail (channel_id != NULL);

  channel = lf_channel_store_lookup (self->channels, channel_id);
  template = lf_template_store_lookup (self->templates, "outage");
  if (channel == NULL || template == NULL)
    return;

  context = make_test_context (self);
  if (context->my_email == NULL || *context->my_email == '\0')
    {
      toast (self, _("Enter your e-mail address under About You first"));
      return;
    }

  g_clear_object (&self->test_notice);
  self->test_notice = lf_notice_new_test_to_self (template, context, channel);
  lf_notice_set_soup_session (self->test_notice,
                              lf_context_get_soup_session (self->context));
  toast (self, _("Sending a test message…"));
  /* What tests wait for is the result, not this. */
  g_clear_pointer (&self->last_message, g_free);
  lf_notice_send_async (self->test_notice, self->cancellable, test_sent_cb,
                        g_object_ref (self));
}

/**
 * lf_notices_prefs_get_last_message:
 *
 * Returns: (nullable): the text of the last toast
 */
const char *
lf_notices_prefs_get_last_message (LfNoticesPrefs *self)
{
  g_return_val_if_fail (LF_IS_NOTICES_PREFS (self), NULL);

  return self->last_message;
}

guint
lf_notices_prefs_get_n_channel_rows (LfNoticesPrefs *self)
{
  g_return_val_if_fail (LF_IS_NOTICES_PREFS (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->channels));
}
