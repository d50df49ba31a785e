/* lf-a11y.h — accessible names where GTK 4.8 computes them wrong
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void lf_a11y_set_label            (GtkWidget  *widget,
                                   const char *label);
void lf_a11y_fix_mnemonic_button  (GtkWidget  *button);
void lf_a11y_fix_mnemonic_buttons (GtkWidget  *root);
void lf_a11y_label_inner_button   (GtkWidget  *composite,
                                   const char *label);
void lf_a11y_name_list_item       (GtkWidget  *child,
                                   const char *label);
void lf_a11y_name_combo_items     (AdwComboRow *row);

G_END_DECLS
