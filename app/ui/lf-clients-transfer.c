/* lf-clients-transfer.c — the Clients page's import (preview, progress, apply with undo)
 * and export (with or without secrets)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-clients-page"

#include "config.h"

#include "lf-clients-page.h"
#include "lf-clients-page-private.h"
#include <glib/gi18n.h>
#include "lf-client-editor.h"
#include "lf-export.h"
#include "lf-import.h"
#include "lf-notice-bundle.h"
#include "lf-toast.h"

/* Import ----------------------------------------------------------------- */

static void
apply_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LfClientsPage) self = user_data;
  LfImportPreview *preview = LF_IMPORT_PREVIEW (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  guint n, n_channels, n_templates, n_steps;

  if (!lf_import_preview_apply_finish (preview, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lf_clients_page_show_message (self, error->message);
      return;
    }

  lf_import_preview_get_applied (preview, &n, &n_channels, &n_templates, &n_steps);
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u client imported",
                                             "%u clients imported", n), n);
  if (n_channels > 0 || n_templates > 0)
    {
      g_autofree char *counts = lf_notice_bundle_describe (n_channels, n_templates);

      /* Translators: appended to "2 clients imported": e.g. "2 channels and 1 template" */
      g_string_append_printf (text, _(", %s"), counts);
    }
  if (n_steps > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", a plan of %u step",
                                               ", a plan of %u steps", n_steps), n_steps);
  lf_clients_page_show_message (self, text->str);

  /* Imported clients linked to no platform would never get an outage notice: offer to
   * link them now. */
  {
    GPtrArray *added = lf_import_preview_get_added (preview);
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    g_auto(GStrv) unlinked = NULL;
    guint n_unlinked = 0;

    for (guint i = 0; added != NULL && i < added->len; i++)
      {
        LfContact *contact = g_ptr_array_index (added, i);
        const char * const *platforms = lf_contact_get_platforms (contact);

        if (platforms == NULL || platforms[0] == NULL)
          {
            g_strv_builder_add (builder, lf_contact_get_id (contact));
            n_unlinked++;
          }
      }
    unlinked = g_strv_builder_end (builder);
    if (n_unlinked > 0)
      {
        g_autofree char *why = g_strdup_printf (
          ngettext ("%u imported client is linked to no platform, so no outage notice would "
                    "reach them. Choose the platform you work with them through.",
                    "%u imported clients are linked to no platform, so no outage notice would "
                    "reach them. Choose the platform you work with them through.",
                    n_unlinked), n_unlinked);

        lf_clients_page_open_link_dialog (self, (const char * const *) unlinked, why);
      }
  }
}

static void
on_import_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       LfClientsPage    *self)
{
  LfImportPreview *preview = g_object_get_data (G_OBJECT (dialog), "lf-preview");

  if (g_strcmp0 (response, "import") == 0 && preview != NULL)
    {
      lf_import_preview_set_targets (preview, self->notice_channels, self->notice_templates,
                                     self->plan);
      lf_import_preview_apply_async (preview, self->cancellable, apply_cb, g_object_ref (self));
    }
}

static void
preview_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LfClientsPage) self = user_data;
  g_autoptr(LfImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *dialog;
  gboolean empty;

  preview = lf_import_preview_load_finish (result, &error);
  if (self->import_toast != NULL)
    adw_toast_dismiss (self->import_toast);
  g_clear_object (&self->import_toast);
  g_clear_object (&self->import_cancellable);
  if (preview == NULL)
    {
      AdwToast *toast;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      toast = lf_toast_new_printf (_("Cannot import: %s"), error->message);
      adw_toast_set_timeout (toast, 0);
      lf_clients_page_show_toast (self, toast);
      return;
    }

  summary = lf_import_preview_get_counts_text (preview);
  empty = lf_import_preview_is_empty (preview);
  dialog = adw_message_dialog_new (lf_clients_page_get_parent_window (self),
                                   empty ? _("Nothing to Import") : _("Import Clients?"),
                                   summary);
  gtk_widget_add_css_class (dialog, "lf-import-preview");

  /* Why entries were skipped, one per line, in a list that scrolls when long. */
  if (lf_import_preview_get_skipped (preview)->len > 0)
    {
      GPtrArray *skipped = lf_import_preview_get_skipped (preview);
      g_autoptr(GString) text = g_string_new (NULL);
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *label = gtk_label_new (NULL);

      for (guint i = 0; i < skipped->len; i++)
        g_string_append_printf (text, "%s%s", i ? "\n" : "", (char *) skipped->pdata[i]);
      gtk_label_set_text (GTK_LABEL (label), text->str);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 8);
      gtk_widget_set_margin_bottom (label, 8);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 200);
      /* Wrapped lines are measured height-for-width: ask for room up front. */
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled),
                                                  MIN (skipped->len * 40 + 16, 200));
      gtk_widget_add_css_class (scrolled, "card");
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Skipped entries"), -1);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
    }
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                   empty ? _("_Close") : _("_Cancel"));
  if (!empty)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "import", _("_Import"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "lf-preview", g_steal_pointer (&preview),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_import_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               LfClientsPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      lf_clients_page_import_file (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
add_filters (GtkFileChooser *chooser)
{
  static const struct { const char *name; const char *pattern; const char *mime; } filters[] = {
    { N_("All Supported Files"), NULL, NULL },
    { N_("Lifeline Bundle (.json)"), "*.json", "application/json" },
    { N_("vCard (.vcf)"), "*.vcf", "text/vcard" },
    { N_("CSV (.csv)"), "*.csv", "text/csv" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(filters[i].name));
      for (guint j = 1; j < G_N_ELEMENTS (filters); j++)
        if (i == 0 || i == j)
          {
            gtk_file_filter_add_pattern (filter, filters[j].pattern);
            gtk_file_filter_add_mime_type (filter, filters[j].mime);
          }
      gtk_file_chooser_add_filter (chooser, filter);
    }
}

/* Export ----------------------------------------------------------------- */

typedef struct
{
  LfClientsPage *page;
  GFile         *file;
  LfProfile     *profile;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->page);
  g_clear_object (&data->file);
  g_clear_object (&data->profile);
  g_free (data);
}

static void
export_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ExportData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = g_file_get_basename (data->file);

  if (!lf_export_write_finish (result, &error))
    text = g_strdup_printf (_("Cannot export: %s"), error->message);
  else
    text = g_strdup_printf (_("Clients exported to “%s”"), name);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    lf_clients_page_show_message (data->page, text);
  export_data_free (data);
}

static void
export_notices_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ExportData *data = user_data;
  g_autoptr(JsonArray) channels = NULL;
  g_autoptr(JsonArray) templates = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (data->file);
  g_autoptr(JsonNode) plan = NULL;

  /* Without them the clients are still exported. */
  if (!lf_notice_bundle_export_finish (result, &channels, &templates, &error))
    g_message ("Channels and templates not exported: %s", error->message);

  if (data->page->plan != NULL)
    plan = lf_plan_to_json (data->page->plan);

  lf_export_write_full_async (G_LIST_MODEL (data->page->store), data->profile, channels,
                              templates, plan != NULL ? json_node_get_object (plan) : NULL,
                              path, FALSE, data->page->cancellable, export_written_cb, data);
}

static void
export_profile_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ExportData *data = user_data;
  g_autoptr(LfProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (data->file);

  /* Without a readable profile the export still holds every client. */
  profile = lf_profile_load_finish (result, &error);
  if (profile == NULL)
    g_debug ("Profile not exported: %s", error->message);

  if (path == NULL)
    {
      lf_clients_page_show_message (data->page,
                                    _("Cannot export to this location: choose a local file"));
      export_data_free (data);
      return;
    }

  /* A bundle also holds the channels (without credentials) and the changed templates. */
  if (lf_import_format_for_path (path) == LF_IMPORT_FORMAT_BUNDLE &&
      data->page->notice_channels != NULL && data->page->notice_templates != NULL)
    {
      data->profile = g_steal_pointer (&profile);
      lf_notice_bundle_export_async (data->page->notice_channels, data->page->notice_templates,
                                     FALSE, data->page->cancellable, export_notices_cb, data);
      return;
    }

  lf_export_write_async (G_LIST_MODEL (data->page->store), profile, path, FALSE,
                         data->page->cancellable, export_written_cb, data);
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               LfClientsPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      lf_clients_page_export_file (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
on_export_warning_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               LfClientsPage    *self)
{
  GtkFileChooserNative *chooser;

  if (g_strcmp0 (response, "export") != 0)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Clients"),
                                         lf_clients_page_get_parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "lifeline-clients.json");
  add_filters (GTK_FILE_CHOOSER (chooser));
  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (on_export_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
lf_clients_page_import_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  LfClientsPage *self = LF_CLIENTS_PAGE (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import Clients"),
                                         lf_clients_page_get_parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filters (GTK_FILE_CHOOSER (chooser));
  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (on_import_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
lf_clients_page_export_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  LfClientsPage *self = LF_CLIENTS_PAGE (widget);
  GtkWidget *dialog;

  /* Say it before the file exists: the export is client data in plain form. */
  dialog = adw_message_dialog_new (lf_clients_page_get_parent_window (self), _("Export Clients?"),
                                   lf_export_get_warning ());
  gtk_widget_add_css_class (dialog, "lf-export-warning");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Export…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_export_warning_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_import_cancel_clicked_cb (LfClientsPage *self)
{
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

/* The file is read on a worker; a large one shows how far it is, with Cancel. */
static void
import_progress_cb (double   fraction,
                    gpointer user_data)
{
  LfClientsPage *self = user_data;
  g_autofree char *title = NULL;

  if (self->import_cancellable == NULL || g_cancellable_is_cancelled (self->import_cancellable))
    return;

  /* Translators: %d is a percentage */
  title = g_strdup_printf (_("Reading the file… %d %%"), (int) (fraction * 100));
  if (self->import_toast == NULL)
    {
      self->import_toast = g_object_ref (adw_toast_new (title));
      adw_toast_set_timeout (self->import_toast, 0);
      adw_toast_set_button_label (self->import_toast, _("_Cancel"));
      g_signal_connect_object (self->import_toast, "button-clicked",
                               G_CALLBACK (on_import_cancel_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      lf_clients_page_show_toast (self, self->import_toast);
    }
  else
    adw_toast_set_title (self->import_toast, title);
}

/**
 * lf_clients_page_import_file:
 *
 * Reads @file and shows what importing it would do; the user confirms before anything is
 * written.
 */
void
lf_clients_page_import_file (LfClientsPage *self,
                             GFile         *file)
{
  g_return_if_fail (LF_IS_CLIENTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL ||
      lf_contact_store_get_state (self->store) != LF_CONTACT_STORE_STATE_AVAILABLE)
    {
      lf_clients_page_show_message (self, _("The client directory is not available"));
      return;
    }

  /* One file at a time: a new one cancels the one being read. */
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  self->import_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->cancellable, "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->import_cancellable,
                           G_CONNECT_SWAPPED);
  lf_import_preview_load_async (self->store, file, import_progress_cb, g_object_ref (self),
                                g_object_unref, self->import_cancellable, preview_cb,
                                g_object_ref (self));
}

/**
 * lf_clients_page_export_file:
 *
 * Writes the clients (and the user's profile) to @file, owner-only; the format follows the
 * extension.
 */
void
lf_clients_page_export_file (LfClientsPage *self,
                             GFile         *file)
{
  ExportData *data;

  g_return_if_fail (LF_IS_CLIENTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL ||
      lf_contact_store_get_state (self->store) != LF_CONTACT_STORE_STATE_AVAILABLE)
    {
      lf_clients_page_show_message (self, _("The client directory is not available"));
      return;
    }

  data = g_new0 (ExportData, 1);
  data->page = g_object_ref (self);
  data->file = g_object_ref (file);
  lf_profile_load_async (self->cancellable, export_profile_cb, data);
}
