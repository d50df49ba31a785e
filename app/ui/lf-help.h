/* lf-help.h — the help pages: Yelp when it can show them, else Lifeline's own viewer
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void       lf_help_show               (GtkWidget  *parent,
                                       const char *page);
GtkWindow *lf_help_show_in_app        (GtkWidget  *parent,
                                       const char *page);
char      *lf_help_page_for_cause     (const char *cause);
char      *lf_help_page_for_diagnosis (const char *diagnosis);
char      *lf_help_get_text           (const char *page,
                                       char      **title);

G_END_DECLS
