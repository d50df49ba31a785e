/* lf-a11y.c — accessible names where GTK 4.8 computes them wrong
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-a11y"

#include "config.h"

#include "lf-a11y.h"

/* What a screen reader reads on Debian 12 (GTK 4.8, measured with AT-SPI by tests/test-a11y.py)
 * and why these helpers exist:
 *
 * - A button with a mnemonic ("_Send") sets its accessible label to the raw text *and* its
 *   label points back at it (labelled-by), so Orca hears "_Send Send". Dropping the button's
 *   own label leaves the label's text: "Send". GtkButton sets it again on every label change,
 *   so the fix follows notify::label.
 * - A widget given an explicit label that is also labelled by a child (AdwActionRow's title,
 *   a check button's mnemonic label) is read as both: "HTTP status: 500 HTTP status". An
 *   explicit label replaces the relation.
 * - Composite widgets (GtkDropDown, GtkMenuButton) have an inner button that GTK names by its
 *   class ("GtkToggleButton") when nothing labels it.
 * - A list item widget (the row of a GtkListView, e.g. an AdwComboRow's popover) is not named
 *   after its content.
 *
 * Everything else is set where the widget is described: the .ui file's <accessibility> or the
 * code that builds a row, with the row's subject in the name ("Copy Ada Lovelace's e-mail
 * address"). */

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
on_button_label_changed_cb (GtkWidget  *button,
                            GParamSpec *pspec,
                            gpointer    user_data)
{
  if (gtk_button_get_use_underline (GTK_BUTTON (button)))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/**
 * lf_a11y_set_label:
 * @widget: any widget
 * @label: its accessible name, read instead of what GTK would compute
 *
 * Names @widget and drops the labelled-by relation GTK adds for a title or mnemonic label, so
 * the name is read once.
 */
void
lf_a11y_set_label (GtkWidget  *widget,
                   const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (label != NULL);

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/**
 * lf_a11y_fix_mnemonic_button:
 * @button: a #GtkButton whose label has a mnemonic
 *
 * Makes the button's name its visible text ("Send", not "_Send Send"), now and whenever the
 * label changes.
 */
void
lf_a11y_fix_mnemonic_button (GtkWidget *button)
{
  g_return_if_fail (GTK_IS_BUTTON (button));

  if (g_object_get_data (G_OBJECT (button), "lf-a11y-mnemonic") != NULL)
    return;
  g_object_set_data (G_OBJECT (button), "lf-a11y-mnemonic", GINT_TO_POINTER (TRUE));

  on_button_label_changed_cb (button, NULL, NULL);
  g_signal_connect (button, "notify::label", G_CALLBACK (on_button_label_changed_cb), NULL);
  g_signal_connect (button, "notify::use-underline", G_CALLBACK (on_button_label_changed_cb),
                    NULL);
}

/**
 * lf_a11y_fix_mnemonic_buttons:
 * @root: a widget, usually a template just initialised
 *
 * lf_a11y_fix_mnemonic_button() on every button with a mnemonic label in @root's tree (a
 * template's buttons: one call in its init instead of one per button).
 */
void
lf_a11y_fix_mnemonic_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root)))
    lf_a11y_fix_mnemonic_button (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    lf_a11y_fix_mnemonic_buttons (child);
}

/**
 * lf_a11y_label_inner_button:
 * @composite: a #GtkDropDown or #GtkMenuButton
 * @label: the name of the button inside, usually the composite's own name
 *
 * Names the button a composite widget builds inside itself; GTK 4.8 reads it by its class.
 */
void
lf_a11y_label_inner_button (GtkWidget  *composite,
                            const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (composite));
  g_return_if_fail (label != NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (composite);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      {
        lf_a11y_set_label (child, label);
        return;
      }
}

/**
 * lf_a11y_name_list_item:
 * @child: the child of a #GtkListItem, in a factory's bind
 * @label: the item's name
 *
 * Names the list item widget @child sits in (GTK 4.8 has no gtk_list_item_set_accessible_label).
 */
void
lf_a11y_name_list_item (GtkWidget  *child,
                        const char *label)
{
  GtkWidget *item;

  g_return_if_fail (GTK_IS_WIDGET (child));

  item = gtk_widget_get_parent (child);
  if (item != NULL && label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
}

static void
on_combo_item_bound_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *list_item,
                        AdwComboRow              *row)
{
  GObject *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  GtkExpression *expression = adw_combo_row_get_expression (row);
  g_auto(GValue) value = G_VALUE_INIT;
  const char *text = NULL;

  if (item == NULL || child == NULL)
    return;
  if (expression != NULL && gtk_expression_evaluate (expression, item, &value)
      && G_VALUE_HOLDS_STRING (&value))
    text = g_value_get_string (&value);
  else if (GTK_IS_STRING_OBJECT (item))
    text = gtk_string_object_get_string (GTK_STRING_OBJECT (item));

  lf_a11y_name_list_item (child, text);
}

/**
 * lf_a11y_name_combo_items:
 * @row: an #AdwComboRow with its default factory (call after setting its expression, before
 *   binding its selection to anything: items already shown are built again)
 *
 * Names the items of the row's popover after the text they show.
 */
void
lf_a11y_name_combo_items (AdwComboRow *row)
{
  g_autoptr(GListModel) model = NULL;
  GtkListItemFactory *factory;
  guint selected;

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  factory = adw_combo_row_get_factory (row);
  if (!GTK_IS_SIGNAL_LIST_ITEM_FACTORY (factory))
    {
      g_warning ("%s: the combo row has no default factory to follow", G_STRFUNC);
      return;
    }
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_combo_item_bound_cb), row,
                           G_CONNECT_AFTER);

  /* the items a .ui file's model made were bound before: bind them again */
  model = adw_combo_row_get_model (row);
  if (model != NULL)
    {
      g_object_ref (model);
      selected = adw_combo_row_get_selected (row);
      adw_combo_row_set_model (row, NULL);
      adw_combo_row_set_model (row, model);
      adw_combo_row_set_selected (row, selected);
    }
}
