/* lf-channel-editor.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-channel-editor"

#include "config.h"

#include "lf-channel-editor.h"
#include "lf-a11y.h"

#include <glib/gi18n.h>

/* One channel: its name and kind, then the server settings of an SMTP account or the
 * address of a chat webhook. The SMTP password and the webhook address are credentials: they
 * go to the keyring (lf_channel_store_secret_async), never into channels.json. Everything is
 * checked before anything is stored; a problem is shown under the form and nothing changes.
 * Editing keeps the stored credential when its field is left empty.
 */

/* The kinds offered, in this order (the clipboard is always offered by the composer). */
static const LfChannelKind kinds[] = {
  LF_CHANNEL_KIND_SMTP,
  LF_CHANNEL_KIND_MAIL_CLIENT,
  LF_CHANNEL_KIND_SLACK,
  LF_CHANNEL_KIND_DISCORD,
  LF_CHANNEL_KIND_TEAMS,
  LF_CHANNEL_KIND_GOOGLE_CHAT,
  LF_CHANNEL_KIND_MATTERMOST,
  LF_CHANNEL_KIND_WEBHOOK,
};

static const LfSmtpSecurity securities[] = {
  LF_SMTP_SECURITY_STARTTLS,
  LF_SMTP_SECURITY_TLS,
  LF_SMTP_SECURITY_NONE,
};

struct _LfChannelEditor
{
  AdwWindow             parent_instance;

  LfChannelStore       *store;
  LfChannel            *editing;     /* NULL for a new channel */
  LfChannel            *pending;     /* being saved */
  GCancellable         *cancellable;
  gboolean              busy;

  AdwEntryRow          *id_row;
  AdwComboRow          *kind_row;
  AdwPreferencesGroup  *smtp_group;
  AdwEntryRow          *host_row;
  AdwEntryRow          *port_row;
  AdwComboRow          *security_row;
  AdwEntryRow          *username_row;
  AdwEntryRow          *from_row;
  AdwPasswordEntryRow  *password_row;
  AdwPreferencesGroup  *webhook_group;
  AdwPasswordEntryRow  *url_row;
  AdwPreferencesGroup  *mail_client_group;
  GtkLabel             *error_label;
};

G_DEFINE_FINAL_TYPE (LfChannelEditor, lf_channel_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static LfChannelKind
get_kind (LfChannelEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  return kinds[MIN (selected, G_N_ELEMENTS (kinds) - 1)];
}

static char *
get_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
show_error (LfChannelEditor *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_groups (LfChannelEditor *self)
{
  LfChannelKind kind = get_kind (self);

  gtk_widget_set_visible (GTK_WIDGET (self->smtp_group), kind == LF_CHANNEL_KIND_SMTP);
  gtk_widget_set_visible (GTK_WIDGET (self->webhook_group), lf_channel_kind_is_webhook (kind));
  gtk_widget_set_visible (GTK_WIDGET (self->mail_client_group),
                          kind == LF_CHANNEL_KIND_MAIL_CLIENT);
}

static gboolean
id_is_valid (const char *id)
{
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;

  return TRUE;
}

/* The channel the form describes, checked; with the credential to store (or NULL to keep
 * the stored one). */
static LfChannel *
build_channel (LfChannelEditor  *self,
               char            **secret_out,
               GError          **error)
{
  g_autofree char *id = get_text (self->id_row);
  LfChannelKind kind = get_kind (self);
  g_autoptr(LfChannel) channel = NULL;
  g_autofree char *secret = NULL;

  if (id == NULL)
    {
      g_set_error_literal (error, LF_CHANNEL_ERROR, LF_CHANNEL_ERROR_INVALID,
                           _("Give the channel a short name, such as “mail”"));
      return NULL;
    }
  if (!id_is_valid (id))
    {
      g_set_error_literal (error, LF_CHANNEL_ERROR, LF_CHANNEL_ERROR_INVALID,
                           _("Use only letters, digits, dots and dashes in the name"));
      return NULL;
    }
  if (self->editing == NULL && lf_channel_store_lookup (self->store, id) != NULL)
    {
      g_set_error (error, LF_CHANNEL_ERROR, LF_CHANNEL_ERROR_INVALID,
                   _("There is already a channel named “%s”"), id);
      return NULL;
    }

  channel = lf_channel_new (id, kind);

  if (kind == LF_CHANNEL_KIND_SMTP)
    {
      g_autofree char *host = get_text (self->host_row);
      g_autofree char *port = get_text (self->port_row);
      g_autofree char *username = get_text (self->username_row);
      g_autofree char *from = get_text (self->from_row);
      guint selected = adw_combo_row_get_selected (self->security_row);
      guint64 port_number = 0;

      if (port != NULL &&
          (!g_ascii_string_to_unsigned (port, 10, 1, 65535, &port_number, NULL)))
        {
          g_set_error (error, LF_CHANNEL_ERROR, LF_CHANNEL_ERROR_INVALID,
                       _("“%s” is not a port number (1 to 65535)"), port);
          return NULL;
        }

      lf_channel_set_host (channel, host);
      lf_channel_set_port (channel, (guint) port_number);
      lf_channel_set_security (channel, securities[MIN (selected,
                                                        G_N_ELEMENTS (securities) - 1)]);
      lf_channel_set_username (channel, username);
      lf_channel_set_from (channel, from);
      if (self->editing != NULL)
        lf_channel_set_ca_file (channel, lf_channel_get_ca_file (self->editing));

      secret = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
      if (username != NULL && *secret == '\0' &&
          (self->editing == NULL || lf_channel_get_username (self->editing) == NULL))
        {
          g_set_error_literal (error, LF_CHANNEL_ERROR, LF_CHANNEL_ERROR_NO_SECRET,
                               _("Enter the password of the mail account; it is kept in "
                                 "your keyring"));
          return NULL;
        }
    }
  else if (lf_channel_kind_is_webhook (kind))
    {
      secret = get_text (ADW_ENTRY_ROW (self->url_row));
      if (secret == NULL && self->editing != NULL && lf_channel_get_kind (self->editing) == kind)
        ;  /* keep the stored address */
      else if (!lf_webhook_url_validate (secret, error))
        return NULL;
    }

  if (!lf_channel_validate (channel, error))
    return NULL;

  if (secret != NULL && *secret == '\0')
    g_clear_pointer (&secret, g_free);
  *secret_out = g_steal_pointer (&secret);
  return g_steal_pointer (&channel);
}

static void
set_busy (LfChannelEditor *self,
          gboolean         busy)
{
  self->busy = busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "channel.save", !busy);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LfChannelEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!lf_channel_store_save_finish (LF_CHANNEL_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, self->pending);
  g_clear_object (&self->pending);
  gtk_window_close (GTK_WINDOW (self));
}

static void
add_and_save (LfChannelEditor *self)
{
  lf_channel_store_add (self->store, self->pending);
  lf_channel_store_save_async (self->store, self->cancellable, saved_cb, g_object_ref (self));
}

static void
secret_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LfChannelEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lf_channel_store_secret_finish (LF_CHANNEL (object), result, &error))
    {
      set_busy (self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      g_clear_object (&self->pending);
      return;
    }

  add_and_save (self);
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */
/* ------------------------------------------------------------------------ */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lf_channel_editor_save (LF_CHANNEL_EDITOR (widget));
}

/* ------------------------------------------------------------------------ */
/* The form                                                                 */
/* ------------------------------------------------------------------------ */

/* The form is lf-channel-editor.ui; the choices of its two combo rows come from here. */
static void
fill_choices (LfChannelEditor *self)
{
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) security_names = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (kind_names, lf_channel_kind_describe (kinds[i]));
  gtk_string_list_append (security_names, _("STARTTLS (port 587)"));
  gtk_string_list_append (security_names, _("TLS (port 465)"));
  /* Translators: no encryption; allowed only for a server on this computer (explained in the
   * row's subtitle). Keep it short: the row shows it on one line at 360 px. */
  gtk_string_list_append (security_names, _("None"));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_names));
  adw_combo_row_set_model (self->security_row, G_LIST_MODEL (security_names));
}

static void
fill_form (LfChannelEditor *self,
           LfChannel       *channel)
{
  LfChannelKind kind = lf_channel_get_kind (channel);

  gtk_editable_set_text (GTK_EDITABLE (self->id_row), lf_channel_get_id (channel));
  gtk_editable_set_editable (GTK_EDITABLE (self->id_row), FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i] == kind)
      adw_combo_row_set_selected (self->kind_row, i);
  for (guint i = 0; i < G_N_ELEMENTS (securities); i++)
    if (securities[i] == lf_channel_get_security (channel))
      adw_combo_row_set_selected (self->security_row, i);

  if (lf_channel_get_host (channel) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->host_row), lf_channel_get_host (channel));
  if (lf_channel_get_port (channel) > 0)
    {
      g_autofree char *port = g_strdup_printf ("%u", lf_channel_get_port (channel));

      gtk_editable_set_text (GTK_EDITABLE (self->port_row), port);
    }
  if (lf_channel_get_username (channel) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->username_row), lf_channel_get_username (channel));
  if (lf_channel_get_from (channel) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->from_row), lf_channel_get_from (channel));

  /* The stored credential is not shown: an empty field keeps it. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row),
                                 _("Password (empty keeps the saved one)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_row),
                                 _("Webhook Address (empty keeps the saved one)"));
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_channel_editor_dispose (GObject *object)
{
  LfChannelEditor *self = LF_CHANNEL_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->editing);
  g_clear_object (&self->pending);

  G_OBJECT_CLASS (lf_channel_editor_parent_class)->dispose (object);
}

static void
lf_channel_editor_class_init (LfChannelEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lf_channel_editor_dispose;

  /**
   * LfChannelEditor::saved:
   * @channel: the channel as stored
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, LF_TYPE_CHANNEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lifeline/Lifeline/ui/"
                                               "lf-channel-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LfChannelEditor, id_row);
  gtk_widget_class_bind_template_child (widget_class, LfChannelEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, LfChannelEditor, smtp_group);
  gtk_widget_class_bind_template_child (widget_class, LfChannelEditor, host_row);
  gtk_widget_class_bind_template_child (widget_class, LfChannelEditor, port_row);
  gtk_widget_class_bind_template_child (widget_class, LfChannelEditor, security_row);
  gtk_widget_class_bind_template_child (widget_class, LfChannelEditor, username_row);
  gtk_widget_class_bind_template_child (widget_class, LfChannelEditor, from_row);
  gtk_widget_class_bind_template_child (widget_class, LfChannelEditor, password_row);
  gtk_widget_class_bind_template_child (widget_class, LfChannelEditor, webhook_group);
  gtk_widget_class_bind_template_child (widget_class, LfChannelEditor, url_row);
  gtk_widget_class_bind_template_child (widget_class, LfChannelEditor, mail_client_group);
  gtk_widget_class_bind_template_child (widget_class, LfChannelEditor, error_label);

  gtk_widget_class_install_action (widget_class, "channel.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lf_channel_editor_init (LfChannelEditor *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  lf_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));
  fill_choices (self);
  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (update_groups),
                           self, G_CONNECT_SWAPPED);
  update_groups (self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_channel_editor_new:
 * @store: the channels
 * @channel_id: (nullable): the channel to edit, or %NULL for a new one
 */
LfChannelEditor *
lf_channel_editor_new (LfChannelStore *store,
                       const char     *channel_id)
{
  LfChannelEditor *self;
  LfChannel *channel;

  g_return_val_if_fail (LF_IS_CHANNEL_STORE (store), NULL);

  self = g_object_new (LF_TYPE_CHANNEL_EDITOR, NULL);
  self->store = g_object_ref (store);

  channel = channel_id != NULL ? lf_channel_store_lookup (store, channel_id) : NULL;
  if (channel != NULL)
    {
      self->editing = g_object_ref (channel);
      fill_form (self, channel);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Channel"));
    }
  else
    gtk_window_set_title (GTK_WINDOW (self), _("New Channel"));

  return self;
}

/**
 * lf_channel_editor_set_field:
 * @field: "id", "kind", "host", "port", "security", "username", "from", "password" or "url"
 * @value: the text (for "kind" and "security", their names in channels.json)
 *
 * Fills a field as typing would (for tests and for prefilling).
 */
void
lf_channel_editor_set_field (LfChannelEditor *self,
                             const char      *field,
                             const char      *value)
{
  struct { const char *name; gsize offset; } entries[] = {
    { "id", G_STRUCT_OFFSET (LfChannelEditor, id_row) },
    { "host", G_STRUCT_OFFSET (LfChannelEditor, host_row) },
    { "port", G_STRUCT_OFFSET (LfChannelEditor, port_row) },
    { "username", G_STRUCT_OFFSET (LfChannelEditor, username_row) },
    { "from", G_STRUCT_OFFSET (LfChannelEditor, from_row) },
    { "password", G_STRUCT_OFFSET (LfChannelEditor, password_row) },
    { "url", G_STRUCT_OFFSET (LfChannelEditor, url_row) },
  };

  g_return_if_fail (LF_IS_CHANNEL_EDITOR (self));
  g_return_if_fail (field != NULL && value != NULL);

  if (g_str_equal (field, "kind"))
    {
      LfChannelKind kind;

      g_return_if_fail (lf_channel_kind_from_string (value, &kind));
      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        if (kinds[i] == kind)
          adw_combo_row_set_selected (self->kind_row, i);
      return;
    }
  if (g_str_equal (field, "security"))
    {
      LfSmtpSecurity security;

      g_return_if_fail (lf_smtp_security_from_string (value, &security));
      for (guint i = 0; i < G_N_ELEMENTS (securities); i++)
        if (securities[i] == security)
          adw_combo_row_set_selected (self->security_row, i);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (g_str_equal (field, entries[i].name))
      {
        GtkEditable *editable = G_STRUCT_MEMBER (GtkEditable *, self, entries[i].offset);

        gtk_editable_set_text (editable, value);
        return;
      }

  g_return_if_reached ();
}

/**
 * lf_channel_editor_save:
 *
 * Checks the form; if it is fine, stores the credential in the keyring, then the channel in
 * channels.json, emits ::saved and closes. Otherwise shows the problem (see
 * lf_channel_editor_get_error()) and changes nothing.
 */
void
lf_channel_editor_save (LfChannelEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  g_return_if_fail (LF_IS_CHANNEL_EDITOR (self));

  if (self->busy)
    return;

  g_clear_object (&self->pending);
  self->pending = build_channel (self, &secret, &error);
  if (self->pending == NULL)
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  set_busy (self, TRUE);
  if (secret != NULL)
    lf_channel_store_secret_async (self->pending, secret, self->cancellable, secret_stored_cb,
                                   g_object_ref (self));
  else
    add_and_save (self);
}

/**
 * lf_channel_editor_get_error:
 *
 * Returns: (nullable): the problem shown under the form
 */
const char *
lf_channel_editor_get_error (LfChannelEditor *self)
{
  g_return_val_if_fail (LF_IS_CHANNEL_EDITOR (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}
