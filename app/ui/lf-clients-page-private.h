/* lf-clients-page-private.h — what lf-clients-page.c (the list) and lf-clients-transfer.c
 * (import and export) share
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-clients-page.h"

G_BEGIN_DECLS

typedef enum
{
  SORT_NAME,
  SORT_COMPANY,
  SORT_PLATFORM,
  SORT_TAG,
} SortMode;

struct _LfClientsPage
{
  AdwBin              parent_instance;

  LfContactStore     *store;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
  SortMode            sort_mode;
  char               *search_text;
  LfContact          *last_deleted;
  GCancellable       *cancellable;
  LfTemplateStore    *notice_templates;   /* a bundle's templates and channels go here */
  LfChannelStore     *notice_channels;
  LfPlan             *plan;               /* a bundle's plan */
  LfCatalog          *catalog;            /* the platforms clients can be linked to */
  AdwToast           *import_toast;       /* while a file is read: progress, Cancel */
  GCancellable       *import_cancellable;

  /* Template widgets */
  GtkStack           *state_stack;
  GtkSpinner         *spinner;
  AdwStatusPage      *locked_page;
  AdwStatusPage      *unavailable_page;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkLabel           *count_label;
  GtkDropDown        *sort_dropdown;
  GtkToggleButton    *search_button;
  GtkListBox         *list_box;
  AdwStatusPage      *no_results_page;
};

/* lf-clients-page.c */
GtkWindow *lf_clients_page_get_parent_window (LfClientsPage *self);
void       lf_clients_page_show_message      (LfClientsPage *self,
                                              const char    *message);
void       lf_clients_page_show_toast        (LfClientsPage *self,
                                              AdwToast      *toast);

/* lf-clients-transfer.c */
void       lf_clients_page_export_action     (GtkWidget     *widget,
                                              const char    *action_name,
                                              GVariant      *parameter);
void       lf_clients_page_import_action     (GtkWidget     *widget,
                                              const char    *action_name,
                                              GVariant      *parameter);

G_END_DECLS
