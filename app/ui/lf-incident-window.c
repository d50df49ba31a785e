/* lf-incident-window.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-incident-window"

#include "config.h"

#include "lf-incident-window.h"

#include <glib/gi18n.h>

#include "lf-toast.h"

#include "lf-report-print.h"

/* The incident log's detail view: what happened, when (local time and UTC), what was done,
 * and an Export menu that writes the report as Markdown, JSON or PDF through the portal-aware
 * GtkFileChooserNative. Rebuilt whenever the incident changes (it may still be running).
 */

struct _LfIncidentWindow
{
  AdwWindow        parent_instance;

  LfIncident      *incident;
  LfIncidentLog   *log;
  GtkWidget       *delete_button;
  AdwToastOverlay *toast_overlay;
  GtkBox          *content;
  GtkFileChooserNative *chooser;
  GtkWidget       *note_row;
  LfExportFormat   chooser_format;
};

G_DEFINE_FINAL_TYPE (LfIncidentWindow, lf_incident_window, ADW_TYPE_WINDOW)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);

  return row;
}

static GtkWidget *
new_group (const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);

  return group;
}

static void on_note_apply_cb (AdwEntryRow      *row,
                              LfIncidentWindow *self);

static void
rebuild (LfIncidentWindow *self)
{
  LfIncident *incident = self->incident;
  g_autofree char *started = lf_report_format_time (lf_incident_get_started_at (incident), NULL);
  g_autofree char *duration = lf_report_format_duration (lf_incident_get_elapsed (incident, NULL));
  const char * const *platforms = lf_incident_get_platforms (incident);
  GtkWidget *child;
  GtkWidget *group;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);

  gtk_window_set_title (GTK_WINDOW (self), lf_incident_get_title (incident));
  gtk_widget_set_visible (self->delete_button,
                          self->log != NULL && !lf_incident_is_open (incident));

  if (lf_incident_get_rehearsal (incident))
    {
      GtkWidget *label = gtk_label_new (_("This was a fire drill: a rehearsal with a scripted "
                                          "outage."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "warning");
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (self->content, label);
    }

  group = new_group (_("Summary"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), new_row (_("Started"), started));
  if (lf_incident_get_ended_at (incident) != NULL)
    {
      g_autofree char *text = lf_report_format_time (lf_incident_get_ended_at (incident), NULL);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), new_row (_("Recovered"), text));
    }
  if (lf_incident_get_closed_at (incident) != NULL)
    {
      g_autofree char *text = lf_report_format_time (lf_incident_get_closed_at (incident), NULL);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), new_row (_("Closed"), text));
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), new_row (_("Duration"), duration));
  if (platforms[0] != NULL)
    {
      g_autofree char *joined = lf_incident_dup_platform_names (incident);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), new_row (_("Platforms"), joined));
    }
  if (lf_incident_get_provider (incident) != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               new_row (_("Provider"),
                                        lf_incident_get_name (incident,
                                                              lf_incident_get_provider (incident))));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             new_row (_("Cause"),
                                      lf_cause_describe (lf_incident_get_cause (incident))));
  gtk_box_append (self->content, group);

  group = new_group (_("Timeline"));
  {
    GtkWidget *note_row = adw_entry_row_new ();

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note_row),
                                   _("Add a note: what you saw, did, or a Ray ID"));
    adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (note_row), TRUE);
    g_signal_connect_object (note_row, "apply", G_CALLBACK (on_note_apply_cb), self, 0);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), note_row);
    self->note_row = note_row;
  }
  for (guint i = 0; i < lf_incident_get_n_entries (incident); i++)
    {
      const LfTimelineEntry *entry = lf_incident_get_entry (incident, i);
      g_autofree char *when = lf_report_format_time (entry->time, NULL);
      const char *ray = lf_timeline_entry_get_data (entry, LF_TIMELINE_DATA_RAY_ID);
      const char *url = lf_timeline_entry_get_data (entry, LF_TIMELINE_DATA_URL);
      g_autoptr(GString) subtitle = g_string_new (NULL);

      g_string_append_printf (subtitle, "%s · %s", lf_timeline_kind_describe (entry->kind), when);
      if (ray != NULL)
        g_string_append_printf (subtitle, "\n%s %s", _("Ray ID"), ray);
      if (url != NULL)
        g_string_append_printf (subtitle, "\n%s", url);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 new_row (entry->text, subtitle->str));
    }
  gtk_box_append (self->content, group);

  if (lf_incident_get_n_steps (incident) > 0)
    {
      /* Translators: the title of the checklist group, with steps done and total */
      g_autofree char *title = g_strdup_printf (_("Checklist (%u of %u done)"),
                                                lf_incident_get_n_done (incident),
                                                lf_incident_get_n_steps (incident));

      group = new_group (title);
      for (guint i = 0; i < lf_incident_get_n_steps (incident); i++)
        {
          const LfRunStep *step = lf_incident_get_step (incident, i);
          g_autofree char *when = step->done_at != NULL
                                  ? lf_report_format_time (step->done_at, NULL) : NULL;
          GtkWidget *row = new_row (step->title, when != NULL ? when : _("Not done"));
          GtkWidget *icon = gtk_image_new_from_icon_name (step->done_at != NULL
                                                          ? "emblem-ok-symbolic"
                                                          : "checkbox-symbolic");

          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          step->done_at != NULL ? _("Done") : _("Not done"), -1);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
      gtk_box_append (self->content, group);
    }
}

static void
toast (LfIncidentWindow *self,
       const char       *text)
{
  lf_toast_show (GTK_WIDGET (self->toast_overlay), text);
}

static char *
suggested_name (LfIncidentWindow *self,
                const char       *extension)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (lf_incident_get_started_at (self->incident));
  g_autofree char *date = g_date_time_format (local, "%Y-%m-%d %H%M");
  g_autofree char *title = g_strdup (lf_incident_get_title (self->incident));

  g_strdelimit (title, "/\\:*?\"<>|", '-');

  return g_strdup_printf ("%s %s.%s", title, date, extension);
}

static void
report_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!lf_report_write_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LfIncidentWindow *self = LF_INCIDENT_WINDOW (source);
  g_autoptr(GError) error = NULL;

  if (!lf_incident_window_export_finish (self, result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not export the report: %s"),
                                                  error->message);

      toast (self, message);
    }
  else
    toast (self, _("Report exported"));
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
on_incident_changed_cb (LfIncident       *incident,
                        LfIncidentWindow *self)
{
  rebuild (self);
}

/* A note becomes a timeline entry; a Cloudflare Ray ID in it is kept as evidence. */
static void
on_note_apply_cb (AdwEntryRow      *row,
                  LfIncidentWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(GRegex) ray = g_regex_new ("\\b([0-9a-f]{16}(-[A-Z]{3})?)\\b", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GHashTable) data = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  if (text[0] == '\0')
    return;

  if (g_regex_match (ray, text, 0, &match))
    g_hash_table_insert (data, LF_TIMELINE_DATA_RAY_ID, g_match_info_fetch (match, 1));

  gtk_editable_set_text (GTK_EDITABLE (row), "");
  /* The incident log listens to the incident and saves it. */
  lf_incident_add_entry (self->incident, NULL, LF_TIMELINE_NOTE, text, data);
  if (self->note_row != NULL)
    gtk_widget_grab_focus (self->note_row);
}

static void
on_chooser_response_cb (GtkNativeDialog  *dialog,
                        int               response,
                        LfIncidentWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file != NULL ? g_file_get_path (file) : NULL;
      if (path == NULL)
        toast (self, _("Choose a local file to export to"));
      else
        lf_incident_window_export_async (self, self->chooser_format, path, NULL,
                                         export_done_cb, NULL);
    }

  g_clear_object (&self->chooser);
}

static gboolean
destroy_idle_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));

  return G_SOURCE_REMOVE;
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       LfIncidentWindow *self)
{
  if (!g_str_equal (response, "delete") || self->log == NULL)
    return;

  lf_incident_log_remove (self->log, self->incident);

  /* Not while the dialog, transient for this window, is still answering. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_idle_cb, g_object_ref (self), g_object_unref);
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */
/* ------------------------------------------------------------------------ */

static void
lf_incident_window_delete_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  LfIncidentWindow *self = LF_INCIDENT_WINDOW (widget);
  GtkWidget *dialog;

  if (self->log == NULL || lf_incident_is_open (self->incident))
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete the Incident?"),
                                   _("Its timeline and checklist are removed from the log. "
                                     "Reports you exported are not affected."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lf_incident_window_export_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  LfIncidentWindow *self = LF_INCIDENT_WINDOW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  const char *extension;

  if (g_str_equal (format, "json"))
    {
      self->chooser_format = LF_EXPORT_JSON;
      extension = "json";
      gtk_file_filter_set_name (filter, _("JSON report"));
      gtk_file_filter_add_mime_type (filter, "application/json");
    }
  else if (g_str_equal (format, "pdf"))
    {
      self->chooser_format = LF_EXPORT_PDF;
      extension = "pdf";
      gtk_file_filter_set_name (filter, _("PDF document"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
    }
  else
    {
      self->chooser_format = LF_EXPORT_MARKDOWN;
      extension = "md";
      gtk_file_filter_set_name (filter, _("Markdown report"));
      gtk_file_filter_add_suffix (filter, "md");
    }

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  name = suggested_name (self, extension);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_incident_window_dispose (GObject *object)
{
  LfIncidentWindow *self = LF_INCIDENT_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->incident);
  g_clear_object (&self->log);

  G_OBJECT_CLASS (lf_incident_window_parent_class)->dispose (object);
}

static void
lf_incident_window_class_init (LfIncidentWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lf_incident_window_dispose;

  /* The window, its Export menu and Delete button; the groups are built by rebuild(). */
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lifeline/Lifeline/ui/"
                                               "lf-incident-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LfIncidentWindow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, LfIncidentWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LfIncidentWindow, content);

  gtk_widget_class_install_action (widget_class, "incident.export", "s",
                                   lf_incident_window_export_action);
  gtk_widget_class_install_action (widget_class, "incident.delete", NULL,
                                   lf_incident_window_delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lf_incident_window_init (LfIncidentWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_incident_window_new:
 * @incident: the incident to show
 * @log: (nullable): its log, to delete it from once closed
 * @parent: (nullable): the parent window
 *
 * Returns: (transfer floating): a new window
 */
LfIncidentWindow *
lf_incident_window_new (LfIncident    *incident,
                        LfIncidentLog *log,
                        GtkWindow     *parent)
{
  LfIncidentWindow *self;

  g_return_val_if_fail (LF_IS_INCIDENT (incident), NULL);
  g_return_val_if_fail (log == NULL || LF_IS_INCIDENT_LOG (log), NULL);

  self = g_object_new (LF_TYPE_INCIDENT_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->incident = g_object_ref (incident);
  self->log = log != NULL ? g_object_ref (log) : NULL;
  g_signal_connect_object (incident, "changed", G_CALLBACK (on_incident_changed_cb), self, 0);
  rebuild (self);

  return self;
}

/**
 * lf_incident_window_get_incident:
 *
 * Returns: (transfer none): the incident shown
 */
LfIncident *
lf_incident_window_get_incident (LfIncidentWindow *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT_WINDOW (self), NULL);

  return self->incident;
}

/**
 * lf_incident_window_export_async:
 * @format: Markdown, JSON or PDF
 * @path: the file to write (mode 0600, replaced atomically)
 *
 * Writes the report. Markdown and JSON are written in a worker thread; the PDF is typeset on
 * the main thread by GtkPrintOperation.
 */
void
lf_incident_window_export_async (LfIncidentWindow    *self,
                                 LfExportFormat       format,
                                 const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LF_IS_INCIDENT_WINDOW (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_incident_window_export_async);

  if (format == LF_EXPORT_PDF)
    {
      g_autoptr(GError) error = NULL;

      if (!lf_report_export_pdf (self->incident, path, GTK_WINDOW (self), &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  lf_report_write_async (self->incident,
                         format == LF_EXPORT_JSON ? LF_REPORT_JSON : LF_REPORT_MARKDOWN,
                         path, cancellable, report_written_cb, g_steal_pointer (&task));
}

gboolean
lf_incident_window_export_finish (LfIncidentWindow  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
