/* lf-notices-page.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-notices-page"

#include "config.h"

#include "lf-notices-page.h"
#include "lf-a11y.h"
#include "lf-datetime.h"
#include "lf-notice.h"

#include <glib/gi18n.h>

/* The notice log, newest first, and the "New Notice" button. The log holds ids only: the
 * rows show the template's name, the channel, the date and the counts of results. The
 * incident and the recipients the composer offers are set by whoever knows them (the health
 * engine and the client directory) with lf_notices_page_set_incident().
 */

struct _LfNoticesPage
{
  AdwBin            parent_instance;

  LfTemplateStore  *templates;
  LfChannelStore   *channels;
  LfRenderContext  *context;
  GPtrArray        *recipients;
  GCancellable     *cancellable;
  guint             n_logged;
  SoupSession      *session;
  LfContactStore   *contact_store;
  char             *recipients_note;
  guint             own_stores_id;

  /* Template widgets */
  GtkListBox       *log_list;
};

G_DEFINE_FINAL_TYPE (LfNoticesPage, lf_notices_page, ADW_TYPE_BIN)

enum {
  NOTICE_SENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static char *
describe_entry (LfNoticesPage    *self,
                LfNoticeLogEntry *entry)
{
  g_autofree char *when = lf_datetime_format_unix (entry->at, LF_DATE_STYLE_SHORT);
  g_autofree char *kind = NULL;
  LfChannelKind channel_kind;
  guint sent = 0, failed = 0, other = 0;

  for (guint i = 0; i < entry->results->len; i++)
    {
      LfNoticeLogResult *result = g_ptr_array_index (entry->results, i);

      if (result->result == LF_NOTICE_RESULT_SENT ||
          result->result == LF_NOTICE_RESULT_HANDED_OFF)
        sent++;
      else if (result->result == LF_NOTICE_RESULT_FAILED)
        failed++;
      else
        other++;
    }

  if (lf_channel_kind_from_string (entry->channel_kind, &channel_kind))
    kind = g_strdup (lf_channel_kind_describe (channel_kind));
  else
    kind = g_strdup (entry->channel_kind != NULL ? entry->channel_kind : "");

  {
    g_autoptr(GString) counts = g_string_new (NULL);

    if (sent > 0)
      g_string_append_printf (counts, ngettext ("%u sent", "%u sent", sent), sent);
    if (failed > 0)
      {
        if (counts->len > 0)
          g_string_append (counts, ", ");
        g_string_append_printf (counts, ngettext ("%u failed", "%u failed", failed), failed);
      }
    if (other > 0)
      {
        if (counts->len > 0)
          g_string_append (counts, ", ");
        g_string_append_printf (counts, ngettext ("%u not sent", "%u not sent", other), other);
      }

    /* Translators: date, channel, then counts; e.g. "26/11/2026 22:13 · Email (SMTP) · 2 sent,
     * 1 failed" */
    return g_strdup_printf (_("%s · %s · %s"), when, kind, counts->str);
  }
}

static void
log_read_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LfNoticesPage) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = lf_notice_log_read_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  clear_list (self->log_list);
  self->n_logged = 0;

  if (entries == NULL || entries->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     entries == NULL ? _("The notice log could not be read")
                                                     : _("No notice has been sent yet"));
      if (error != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      gtk_list_box_append (self->log_list, row);
      return;
    }

  for (guint i = entries->len; i > 0; i--)
    {
      LfNoticeLogEntry *entry = g_ptr_array_index (entries, i - 1);
      LfTemplate *template = entry->template_id != NULL && self->templates != NULL
                             ? lf_template_store_lookup (self->templates, entry->template_id)
                             : NULL;
      g_autofree char *subtitle = describe_entry (self, entry);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     template != NULL ? lf_template_get_name (template)
                                     : entry->template_id != NULL ? entry->template_id : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (entry->rehearsal || entry->retry)
        {
          GtkWidget *tag = gtk_label_new (entry->rehearsal ? _("Drill") : _("Retry"));

          gtk_widget_add_css_class (tag, "dim-label");
          gtk_widget_add_css_class (tag, "caption");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
        }
      gtk_list_box_append (self->log_list, row);
      self->n_logged++;
    }
}

static void
on_composer_sent_cb (LfComposer    *composer,
                     LfNotice      *notice,
                     LfNoticesPage *self)
{
  lf_notices_page_reload (self);
  g_signal_emit (self, signals[NOTICE_SENT], 0, notice);
}

/* What every composer of the page gets: the app's session, the directory for the + button,
 * the note about missing recipients, the parent window and the log refresh. */
static void
present_composer (LfNoticesPage *self,
                  LfComposer    *composer)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->session != NULL)
    lf_composer_set_soup_session (composer, self->session);
  lf_composer_set_contact_store (composer, self->contact_store);
  if (self->recipients_note != NULL)
    lf_composer_set_recipients_note (composer, self->recipients_note);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (composer), GTK_WINDOW (root));
  g_signal_connect_object (composer, "sent", G_CALLBACK (on_composer_sent_cb), self, 0);
  gtk_window_present (GTK_WINDOW (composer));
}

static void
templates_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LfNoticesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  /* A damaged user file was set aside; the defaults are loaded: the log still shows. */
  if (!lf_template_store_load_finish (LF_TEMPLATE_STORE (object), result, &error))
    g_message ("Templates: %s", error->message);

  lf_notices_page_reload (self);
}

static void
channels_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LfNoticesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lf_channel_store_load_finish (LF_CHANNEL_STORE (object), result, &error))
    g_message ("Channels: %s", error->message);
}

/* A page on its own (tests) loads its own stores; in the app, lf_notices_page_set_stores()
 * gives it the application's before this runs, and nothing is created or read twice. */
static void
ensure_stores (LfNoticesPage *self)
{
  g_clear_handle_id (&self->own_stores_id, g_source_remove);
  if (self->templates != NULL)
    return;

  self->templates = lf_template_store_new (NULL);
  self->channels = lf_channel_store_new (NULL);
  lf_template_store_load_async (self->templates, self->cancellable, templates_loaded_cb,
                                g_object_ref (self));
  lf_channel_store_load_async (self->channels, self->cancellable, channels_loaded_cb,
                               g_object_ref (self));
}

static gboolean
own_stores_idle_cb (gpointer user_data)
{
  LfNoticesPage *self = user_data;

  self->own_stores_id = 0;
  ensure_stores (self);

  return G_SOURCE_REMOVE;
}

static void
new_notice_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  /* In the application: the composer plans per client and offers the platform to choose
   * (app.new-notice, lf_notify_clients_new_notice()). */
  if (gtk_widget_activate_action (widget, "app.new-notice", NULL))
    return;
  lf_notices_page_open_composer (LF_NOTICES_PAGE (widget), NULL);
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_notices_page_dispose (GObject *object)
{
  LfNoticesPage *self = LF_NOTICES_PAGE (object);

  g_clear_handle_id (&self->own_stores_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->templates);
  g_clear_object (&self->channels);
  g_clear_object (&self->session);
  g_clear_object (&self->contact_store);
  g_clear_pointer (&self->recipients_note, g_free);
  g_clear_pointer (&self->context, lf_render_context_free);
  g_clear_pointer (&self->recipients, g_ptr_array_unref);

  G_OBJECT_CLASS (lf_notices_page_parent_class)->dispose (object);
}

static void
lf_notices_page_class_init (LfNoticesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lf_notices_page_dispose;

  /**
   * LfNoticesPage::notice-sent:
   * @notice: the notice, with a result per recipient
   *
   * A composer of the page finished sending (the incident log records it).
   */
  signals[NOTICE_SENT] = g_signal_new ("notice-sent", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, LF_TYPE_NOTICE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/lf-notices-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LfNoticesPage, log_list);
  gtk_widget_class_install_action (widget_class, "notices.new", NULL, new_notice_action);
}

static void
lf_notices_page_init (LfNoticesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lf_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->context = lf_render_context_new ();
  self->recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_recipient_free);
  self->own_stores_id = g_idle_add (own_stores_idle_cb, self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

GtkWidget *
lf_notices_page_new (void)
{
  return g_object_new (LF_TYPE_NOTICES_PAGE, NULL);
}

/**
 * lf_notices_page_reload:
 *
 * Reads the notice log again (in a worker thread).
 */
void
lf_notices_page_reload (LfNoticesPage *self)
{
  g_return_if_fail (LF_IS_NOTICES_PAGE (self));

  lf_notice_log_read_async (self->cancellable, log_read_cb, g_object_ref (self));
}

/**
 * lf_notices_page_set_incident:
 * @context: the incident and the sender, for the next composer
 * @recipients: (element-type LfRecipient) (nullable): the clients to offer
 */
void
lf_notices_page_set_incident (LfNoticesPage         *self,
                              const LfRenderContext *context,
                              GPtrArray             *recipients)
{
  g_return_if_fail (LF_IS_NOTICES_PAGE (self));
  g_return_if_fail (context != NULL);

  g_clear_pointer (&self->context, lf_render_context_free);
  self->context = lf_render_context_copy (context);
  g_ptr_array_set_size (self->recipients, 0);
  for (guint i = 0; recipients != NULL && i < recipients->len; i++)
    g_ptr_array_add (self->recipients, lf_recipient_copy (g_ptr_array_index (recipients, i)));
}

/**
 * lf_notices_page_open_composer:
 * @template_id: (nullable): the template to select (default: the first, "outage")
 *
 * Returns: (transfer none): the composer window, presented
 */
LfComposer *
lf_notices_page_open_composer (LfNoticesPage *self,
                               const char    *template_id)
{
  g_autoptr(LfRenderContext) context = NULL;
  LfComposer *composer;

  g_return_val_if_fail (LF_IS_NOTICES_PAGE (self), NULL);

  ensure_stores (self);
  context = lf_render_context_copy (self->context);
  if (context->since <= 0)
    context->since = g_get_real_time () / G_USEC_PER_SEC;
  /* An unset {next_update} is a promise in each client's own language (lf-template). */

  composer = lf_composer_new (self->templates, self->channels, context, self->recipients);
  if (template_id != NULL)
    lf_composer_select_template (composer, template_id);
  present_composer (self, composer);

  return composer;
}

static void
all_clear_log_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LfNoticesPage) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) notified = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  g_autoptr(LfRenderContext) context = NULL;
  LfComposer *composer;

  entries = lf_notice_log_read_finish (result, &error);
  if (entries == NULL)
    {
      g_message ("Notice log: %s", error->message);
      return;
    }

  ids = lf_notice_log_get_outage_recipients (entries, self->context->incident_id);
  notified = g_ptr_array_new ();
  for (guint i = 0; i < self->recipients->len; i++)
    {
      LfRecipient *recipient = g_ptr_array_index (self->recipients, i);

      if (g_strv_contains ((const char * const *) ids, recipient->contact_id))
        g_ptr_array_add (notified, recipient);
    }

  ensure_stores (self);
  context = lf_render_context_copy (self->context);
  if (context->since <= 0)
    context->since = g_get_real_time () / G_USEC_PER_SEC;
  composer = lf_composer_new (self->templates, self->channels, context, notified);
  lf_composer_select_template (composer, "all-clear");
  present_composer (self, composer);
}

/**
 * lf_notices_page_open_all_clear:
 *
 * Opens the composer with the "all-clear" template and, as recipients, exactly the clients
 * of the current incident who received its outage notice (from the notice log).
 */
void
lf_notices_page_open_all_clear (LfNoticesPage *self)
{
  g_return_if_fail (LF_IS_NOTICES_PAGE (self));

  if (self->context->incident_id == NULL)
    {
      lf_notices_page_open_composer (self, "all-clear");
      return;
    }

  lf_notice_log_read_async (self->cancellable, all_clear_log_cb, g_object_ref (self));
}

guint
lf_notices_page_get_n_logged (LfNoticesPage *self)
{
  g_return_val_if_fail (LF_IS_NOTICES_PAGE (self), 0);

  return self->n_logged;
}

/**
 * lf_notices_page_set_soup_session:
 * @session: the application's one HTTP session, given to every composer
 */
void
lf_notices_page_set_soup_session (LfNoticesPage *self,
                                  SoupSession   *session)
{
  g_return_if_fail (LF_IS_NOTICES_PAGE (self));
  g_return_if_fail (session == NULL || SOUP_IS_SESSION (session));

  g_set_object (&self->session, session);
}

/**
 * lf_notices_page_set_contact_store:
 * @store: (nullable): the client directory, for adding clients in the composer
 */
void
lf_notices_page_set_contact_store (LfNoticesPage  *self,
                                   LfContactStore *store)
{
  g_return_if_fail (LF_IS_NOTICES_PAGE (self));
  g_return_if_fail (store == NULL || LF_IS_CONTACT_STORE (store));

  g_set_object (&self->contact_store, store);
}

/**
 * lf_notices_page_set_recipients_note:
 * @note: (nullable): why the next composers have no recipients (a locked keyring…)
 */
void
lf_notices_page_set_recipients_note (LfNoticesPage *self,
                                     const char    *note)
{
  g_return_if_fail (LF_IS_NOTICES_PAGE (self));

  g_free (self->recipients_note);
  self->recipients_note = g_strdup (note);
}

/**
 * lf_notices_page_get_channel_store:
 *
 * Returns: (transfer none): the page's channels
 */
LfChannelStore *
lf_notices_page_get_channel_store (LfNoticesPage *self)
{
  g_return_val_if_fail (LF_IS_NOTICES_PAGE (self), NULL);

  ensure_stores (self);
  return self->channels;
}

/**
 * lf_notices_page_set_stores:
 * @templates: the application's templates
 * @channels: the application's channels
 *
 * Uses the application's stores (shared with Preferences) instead of the page's own.
 */
void
lf_notices_page_set_stores (LfNoticesPage   *self,
                            LfTemplateStore *templates,
                            LfChannelStore  *channels)
{
  g_return_if_fail (LF_IS_NOTICES_PAGE (self));
  g_return_if_fail (LF_IS_TEMPLATE_STORE (templates));
  g_return_if_fail (LF_IS_CHANNEL_STORE (channels));

  g_clear_handle_id (&self->own_stores_id, g_source_remove);
  g_set_object (&self->templates, templates);
  g_set_object (&self->channels, channels);
  lf_notices_page_reload (self);
}
