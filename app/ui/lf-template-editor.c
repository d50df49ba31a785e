/* lf-template-editor.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-template-editor"

#include "config.h"

#include "lf-template-editor.h"
#include "lf-toast.h"

#include <glib/gi18n.h>
#include "lf-a11y.h"

/* Edits one language of a template at a time (the default text or a variant). Every change
 * is checked with lf_template_check_text(): unknown placeholders and stray braces are
 * underlined in the body, listed under it, and block saving. Shipped templates can be reset
 * to their default.
 */

struct _LfTemplateEditor
{
  AdwWindow        parent_instance;

  LfTemplateStore *store;
  LfTemplate      *template;   /* an editable copy */
  GStrv            languages;
  guint            language;   /* index in languages being edited */
  guint            n_problems;
  gboolean         loading;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwComboRow     *language_row;
  AdwEntryRow     *subject_row;
  GtkTextView     *body_view;
  GtkLabel        *problems_label;
  GtkLabel        *help_label;
  GtkWidget       *reset_button;
};

G_DEFINE_FINAL_TYPE (LfTemplateEditor, lf_template_editor, ADW_TYPE_WINDOW)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static char *
get_body (LfTemplateEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Copies the widgets' text into the language being edited. */
static void
store_current (LfTemplateEditor *self)
{
  g_autofree char *body = get_body (self);
  const char *subject = gtk_editable_get_text (GTK_EDITABLE (self->subject_row));
  const char *language = self->languages[self->language];

  if (g_str_equal (language, lf_template_get_language (self->template)))
    {
      lf_template_set_subject (self->template, subject);
      lf_template_set_body (self->template, body);
    }
  else
    lf_template_set_variant (self->template, language, subject, body);
}

static void
check (LfTemplateEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  g_autoptr(GPtrArray) subject_problems = NULL;
  g_autoptr(GPtrArray) body_problems = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *body = get_body (self);
  const char *subject = gtk_editable_get_text (GTK_EDITABLE (self->subject_row));
  GtkTextIter start, end;

  lf_template_check_text (subject, "subject", &subject_problems);
  lf_template_check_text (body, "body", &body_problems);
  self->n_problems = subject_problems->len + body_problems->len;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "problem", &start, &end);
  for (guint i = 0; i < body_problems->len; i++)
    {
      LfTemplateProblem *problem = g_ptr_array_index (body_problems, i);
      glong from = g_utf8_pointer_to_offset (body, body + problem->offset);
      glong to = g_utf8_pointer_to_offset (body, body + problem->offset + problem->length);

      gtk_text_buffer_get_iter_at_offset (buffer, &start, from);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, to);
      gtk_text_buffer_apply_tag_by_name (buffer, "problem", &start, &end);
      g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", problem->message);
    }
  for (guint i = 0; i < subject_problems->len; i++)
    {
      LfTemplateProblem *problem = g_ptr_array_index (subject_problems, i);

      /* Translators: a problem found in the subject of a template */
      g_string_append_printf (text, "%s", text->len > 0 ? "\n" : "");
      g_string_append_printf (text, _("Subject: %s"), problem->message);
    }

  if (subject_problems->len > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->subject_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->subject_row), "error");

  gtk_label_set_text (self->problems_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), text->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", self->n_problems == 0);
}

static void
load_language (LfTemplateEditor *self,
               guint             index)
{
  const char *subject = "", *body = "";

  self->language = index;
  lf_template_get_variant (self->template, self->languages[index], &subject, &body);
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), subject);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), body, -1);
  self->loading = FALSE;
  check (self);
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
on_changed_cb (LfTemplateEditor *self)
{
  if (!self->loading)
    check (self);
}

static void
on_language_selected_cb (LfTemplateEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->language_row);

  if (self->loading || selected == GTK_INVALID_LIST_POSITION || selected == self->language)
    return;

  store_current (self);
  load_language (self, selected);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LfTemplateEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lf_template_store_save_finish (LF_TEMPLATE_STORE (object), result, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, lf_toast_new (error->message));
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LfTemplateEditor *self = LF_TEMPLATE_EDITOR (widget);

  check (self);
  if (self->n_problems > 0)
    return;

  store_current (self);
  lf_template_store_update (self->store, self->template);
  lf_template_store_save_async (self->store, NULL, saved_cb, g_object_ref (self));
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LfTemplateEditor *self = LF_TEMPLATE_EDITOR (widget);
  const char *id = lf_template_get_id (self->template);

  if (!lf_template_store_reset (self->store, id))
    return;

  g_clear_object (&self->template);
  self->template = lf_template_copy (lf_template_store_lookup (self->store, id));
  load_language (self, 0);
  adw_combo_row_set_selected (self->language_row, 0);
  lf_template_store_save_async (self->store, NULL, saved_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_template_editor_dispose (GObject *object)
{
  LfTemplateEditor *self = LF_TEMPLATE_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->template);
  g_clear_pointer (&self->languages, g_strfreev);

  G_OBJECT_CLASS (lf_template_editor_parent_class)->dispose (object);
}

static void
lf_template_editor_class_init (LfTemplateEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lf_template_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/lf-template-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LfTemplateEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LfTemplateEditor, language_row);
  gtk_widget_class_bind_template_child (widget_class, LfTemplateEditor, subject_row);
  gtk_widget_class_bind_template_child (widget_class, LfTemplateEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, LfTemplateEditor, problems_label);
  gtk_widget_class_bind_template_child (widget_class, LfTemplateEditor, help_label);
  gtk_widget_class_bind_template_child (widget_class, LfTemplateEditor, reset_button);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.reset", NULL, reset_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lf_template_editor_init (LfTemplateEditor *self)
{
  GtkTextBuffer *buffer;
  g_autofree char *names = NULL;
  g_autofree char *help = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  lf_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));

  buffer = gtk_text_view_get_buffer (self->body_view);
  gtk_text_buffer_create_tag (buffer, "problem",
                              "underline", PANGO_UNDERLINE_ERROR,
                              "foreground", "#c01c28",
                              NULL);

  names = g_strjoinv ("} {", (GStrv) lf_template_get_placeholders ());
  /* Translators: %s is the list of placeholders, e.g. "{client} {company} …" */
  help = g_strdup_printf (_("Placeholders: {%s}. Write {{ and }} for braces."), names);
  gtk_label_set_text (self->help_label, help);

  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->subject_row, "changed", G_CALLBACK (on_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_template_editor_new:
 * @store: the loaded templates
 * @template_id: the template to edit
 */
LfTemplateEditor *
lf_template_editor_new (LfTemplateStore *store,
                        const char      *template_id)
{
  LfTemplateEditor *self;
  LfTemplate *template;
  g_autoptr(GtkStringList) languages = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (LF_IS_TEMPLATE_STORE (store), NULL);
  g_return_val_if_fail (template_id != NULL, NULL);

  template = lf_template_store_lookup (store, template_id);
  g_return_val_if_fail (template != NULL, NULL);

  self = g_object_new (LF_TYPE_TEMPLATE_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->template = lf_template_copy (template);
  self->languages = lf_template_dup_languages (self->template);

  title = g_strdup_printf (_("Edit “%s”"), lf_template_get_name (template));
  gtk_window_set_title (GTK_WINDOW (self), title);

  languages = gtk_string_list_new ((const char * const *) self->languages);
  self->loading = TRUE;
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (languages));
  self->loading = FALSE;
  g_signal_connect_object (self->language_row, "notify::selected",
                           G_CALLBACK (on_language_selected_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (self->reset_button, lf_template_store_is_shipped (store, template_id));

  load_language (self, 0);

  return self;
}

/**
 * lf_template_editor_set_text:
 *
 * Replaces the text of the language being edited, as if typed.
 */
void
lf_template_editor_set_text (LfTemplateEditor *self,
                             const char       *subject,
                             const char       *body)
{
  g_return_if_fail (LF_IS_TEMPLATE_EDITOR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), subject);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), body, -1);
}

guint
lf_template_editor_get_n_problems (LfTemplateEditor *self)
{
  g_return_val_if_fail (LF_IS_TEMPLATE_EDITOR (self), 0);

  return self->n_problems;
}
