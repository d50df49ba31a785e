/* lf-checklist-plan.c — the Checklist page's plan: one row per step (menu, drag and drop to
 * reorder) and the dialog that adds or edits a step
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-checklist-page"

#include "config.h"

#include "lf-checklist-page.h"
#include "lf-checklist-page-private.h"
#include "lf-a11y.h"
#include <glib/gi18n.h>
#include <string.h>
#include "lf-drill-scenario.h"
#include "lf-incident-window.h"
#include "lf-report.h"
#include "lf-toast.h"

/* ---- Step editor ---- */

static const LfCause editable_causes[] = {
  LF_CAUSE_NETWORK,
  LF_CAUSE_BLOCKED,
  LF_CAUSE_CDN_EDGE,
  LF_CAUSE_ORIGIN_VIA_CDN,
  LF_CAUSE_HTTP_ERROR,
  LF_CAUSE_STATUS_PAGE,
  LF_CAUSE_TIMEOUT,
  LF_CAUSE_DNS,
  LF_CAUSE_SLOW,
};

/* ------------------------------------------------------------------------ */
/* The plan's rows                                                          */
/* ------------------------------------------------------------------------ */

static GMenuModel *
step_menu (const char *id)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  struct { const char *label; const char *action; } items[] = {
    { N_("_Edit…"), "checklist.edit-step" },
    { N_("Move _Up"), "checklist.move-step-up" },
    { N_("Move _Down"), "checklist.move-step-down" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_string (id));
      g_menu_append_item (menu, item);
    }
  {
    g_autoptr(GMenuItem) item = g_menu_item_new (_("_Remove"), NULL);

    g_menu_item_set_action_and_target_value (item, "checklist.remove-step",
                                             g_variant_new_string (id));
    g_menu_append_item (section, item);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);

  return G_MENU_MODEL (menu);
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    GtkWidget     *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "step-id");

  return gdk_content_provider_new_typed (G_TYPE_STRING, id);
}

static void
on_drag_begin_cb (GtkDragSource *source,
                  GdkDrag       *drag,
                  GtkWidget     *row)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            GtkWidget     *row)
{
  LfChecklistPage *self = LF_CHECKLIST_PAGE (gtk_widget_get_ancestor (row,
                                                                      LF_TYPE_CHECKLIST_PAGE));
  const char *id = g_value_get_string (value);
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  if (self == NULL || id == NULL || index < 0)
    return FALSE;

  return lf_plan_move (self->plan, id, index);
}

GtkWidget *
lf_checklist_page_create_plan_row (gpointer item,
                                   gpointer user_data)
{
  LfPlanStep *step = item;
  const char *id = lf_plan_step_get_id (step);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GMenuModel) menu = step_menu (id);
  g_autofree char *subtitle = lf_checklist_page_describe_causes (step);
  g_autofree char *menu_label = NULL;
  GtkDragSource *drag = gtk_drag_source_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  struct { const char *trigger; const char *action; } keys[] = {
    { "<Alt>Up", "checklist.move-step-up" },
    { "<Alt>Down", "checklist.move-step-down" },
    { "Delete", "checklist.remove-step" },
  };

  g_object_set_data_full (G_OBJECT (row), "step-id", g_strdup (id), g_free);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lf_plan_step_get_title (step));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (handle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Drag to reorder"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), handle);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), menu);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_tooltip_text (menu_button, _("Step Options"));
  /* Translators: the options button of a plan step; %s is the step, e.g. "Send the all-clear" */
  menu_label = g_strdup_printf (_("Edit, move or remove “%s”"), lf_plan_step_get_title (step));
  lf_a11y_set_label (menu_button, menu_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu_button);

  /* Enter edits; the keyboard reorders and removes. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "checklist.edit-step");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", id);
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_LOCAL);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new_with_arguments (
                                            gtk_shortcut_trigger_parse_string (keys[i].trigger),
                                            gtk_named_action_new (keys[i].action),
                                            "s", id));
  gtk_widget_add_controller (row, shortcuts);

  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare_cb), row);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));

  return row;
}

void
lf_checklist_page_focus_step (LfChecklistPage *self,
                              const char      *id)
{
  guint position;
  GtkListBoxRow *row;

  if (lf_plan_find (self->plan, id, &position) == NULL)
    return;

  row = gtk_list_box_get_row_at_index (self->plan_list, position);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* ---- Past incidents ---- */

static void
on_title_changed_cb (GtkEditable      *editable,
                     AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  adw_message_dialog_set_response_enabled (dialog, "save", text[0] != '\0');
}

static void
on_step_dialog_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            LfChecklistPage  *self)
{
  LfPlanStep *old = g_object_get_data (G_OBJECT (dialog), "step");
  GtkEditable *title_row = g_object_get_data (G_OBJECT (dialog), "title");
  GtkEditable *detail_row = g_object_get_data (G_OBJECT (dialog), "detail");
  GtkEditable *link_row = g_object_get_data (G_OBJECT (dialog), "link");
  AdwComboRow *phase_row = g_object_get_data (G_OBJECT (dialog), "phase");
  AdwComboRow *cause_row = g_object_get_data (G_OBJECT (dialog), "cause");
  g_autofree char *title = NULL;
  g_autofree char *link = NULL;
  g_autoptr(LfPlanStep) step = NULL;
  g_autoptr(GStrvBuilder) causes = g_strv_builder_new ();
  g_auto(GStrv) causes_strv = NULL;
  LfPlanAction action = LF_PLAN_ACTION_NONE;
  guint cause_index;

  if (!g_str_equal (response, "save") || self->plan == NULL)
    return;

  title = g_strstrip (g_strdup (gtk_editable_get_text (title_row)));
  link = g_strstrip (g_strdup (gtk_editable_get_text (link_row)));
  if (title[0] == '\0')
    return;

  cause_index = adw_combo_row_get_selected (cause_row);
  if (cause_index == G_N_ELEMENTS (editable_causes) + 1 && old != NULL)
    g_strv_builder_addv (causes, (const char **) lf_plan_step_get_causes (old));
  else if (cause_index > 0 && cause_index <= G_N_ELEMENTS (editable_causes))
    g_strv_builder_add (causes, lf_cause_to_string (editable_causes[cause_index - 1]));
  causes_strv = g_strv_builder_end (causes);

  if (link[0] != '\0')
    action = LF_PLAN_ACTION_OPEN_URL;
  else if (old != NULL && lf_plan_step_get_action (old) != LF_PLAN_ACTION_OPEN_URL)
    action = lf_plan_step_get_action (old);

  step = lf_plan_step_new (old != NULL ? lf_plan_step_get_id (old) : NULL, title,
                           gtk_editable_get_text (detail_row),
                           adw_combo_row_get_selected (phase_row), action,
                           link, (const char * const *) causes_strv);
  if (old != NULL)
    lf_plan_update (self->plan, step);
  else
    lf_plan_add (self->plan, step, -1);

  lf_checklist_page_focus_step (self, lf_plan_step_get_id (step));
}

void
lf_checklist_page_show_step_dialog (LfChecklistPage *self,
                                    LfPlanStep      *step)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *title_row = adw_entry_row_new ();
  GtkWidget *detail_row = adw_entry_row_new ();
  GtkWidget *link_row = adw_entry_row_new ();
  GtkWidget *phase_row = adw_combo_row_new ();
  GtkWidget *cause_row = adw_combo_row_new ();
  g_autoptr(GtkStringList) phases = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) causes = gtk_string_list_new (NULL);
  const char * const *step_causes = step != NULL ? lf_plan_step_get_causes (step) : NULL;
  guint cause_selected = 0;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   step != NULL ? _("Edit Step") : _("New Step"), NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", step != NULL ? _("_Save") : _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title_row), _("What to do"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (detail_row), _("Details (optional)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (link_row), _("Link to open (optional)"));
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (title_row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (title_row),
                         step != NULL ? lf_plan_step_get_title (step) : "");
  gtk_editable_set_text (GTK_EDITABLE (detail_row),
                         step != NULL ? lf_plan_step_get_detail (step) : "");
  gtk_editable_set_text (GTK_EDITABLE (link_row),
                         step != NULL && lf_plan_step_get_action (step) == LF_PLAN_ACTION_OPEN_URL
                         ? lf_plan_step_get_action_target (step) : "");

  for (guint i = LF_PLAN_PHASE_PREPARE; i <= LF_PLAN_PHASE_RECOVER; i++)
    gtk_string_list_append (phases, lf_plan_phase_describe (i));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (phase_row), _("When"));
  adw_combo_row_set_model (ADW_COMBO_ROW (phase_row), G_LIST_MODEL (phases));
  adw_combo_row_set_selected (ADW_COMBO_ROW (phase_row),
                              step != NULL ? lf_plan_step_get_phase (step) : LF_PLAN_PHASE_RESPOND);

  gtk_string_list_append (causes, _("Every incident"));
  for (guint i = 0; i < G_N_ELEMENTS (editable_causes); i++)
    {
      gtk_string_list_append (causes, lf_cause_describe (editable_causes[i]));
      if (step_causes != NULL && step_causes[0] != NULL && step_causes[1] == NULL
          && g_str_equal (step_causes[0], lf_cause_to_string (editable_causes[i])))
        cause_selected = i + 1;
    }
  if (step_causes != NULL && step_causes[0] != NULL && cause_selected == 0)
    {
      /* Several causes (from a file): keep them unless the user picks another choice. */
      gtk_string_list_append (causes, _("As before (several causes)"));
      cause_selected = G_N_ELEMENTS (editable_causes) + 1;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (cause_row), _("Applies to"));
  adw_combo_row_set_model (ADW_COMBO_ROW (cause_row), G_LIST_MODEL (causes));
  adw_combo_row_set_selected (ADW_COMBO_ROW (cause_row), cause_selected);

  gtk_list_box_append (GTK_LIST_BOX (list), title_row);
  gtk_list_box_append (GTK_LIST_BOX (list), detail_row);
  gtk_list_box_append (GTK_LIST_BOX (list), phase_row);
  gtk_list_box_append (GTK_LIST_BOX (list), cause_row);
  gtk_list_box_append (GTK_LIST_BOX (list), link_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  if (step != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "step", g_object_ref (step), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "title", title_row);
  g_object_set_data (G_OBJECT (dialog), "detail", detail_row);
  g_object_set_data (G_OBJECT (dialog), "link", link_row);
  g_object_set_data (G_OBJECT (dialog), "phase", phase_row);
  g_object_set_data (G_OBJECT (dialog), "cause", cause_row);
  g_signal_connect (title_row, "changed", G_CALLBACK (on_title_changed_cb), dialog);
  on_title_changed_cb (GTK_EDITABLE (title_row), ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_step_dialog_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (title_row);
}
