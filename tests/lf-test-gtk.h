/* lf-test-gtk.h — what the widget tests share (test code only)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean   lf_test_widget_is_drawn (gpointer    widget);
GtkWidget *lf_test_find_widget     (GtkWidget  *root,
                                    gboolean  (*match) (GtkWidget *widget,
                                                        gpointer   data),
                                    gpointer    data);
GtkWidget *lf_test_find_descendant (GtkWidget  *root,
                                    GType       type);
gboolean   lf_test_shows_text      (GtkWidget  *root,
                                    const char *text);
void       lf_test_screenshot      (GtkWidget  *window,
                                    const char *name);

G_END_DECLS
