/* lf-clients-page.h — the client directory page of the main window
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lf-channel.h"
#include "lf-catalog.h"
#include "lf-contact-store.h"
#include "lf-template-store.h"

#include "lf-plan.h"

G_BEGIN_DECLS

#define LF_TYPE_CLIENTS_PAGE (lf_clients_page_get_type ())

G_DECLARE_FINAL_TYPE (LfClientsPage, lf_clients_page, LF, CLIENTS_PAGE, AdwBin)

GtkWidget      *lf_clients_page_new               (LfContactStore *store);
LfContactStore *lf_clients_page_get_store         (LfClientsPage  *self);
void            lf_clients_page_set_store         (LfClientsPage  *self,
                                                   LfContactStore *store);
const char     *lf_clients_page_get_visible_state (LfClientsPage  *self);
GListModel     *lf_clients_page_get_model         (LfClientsPage  *self);
void            lf_clients_page_set_search_text   (LfClientsPage  *self,
                                                   const char     *text);
void            lf_clients_page_set_sort          (LfClientsPage  *self,
                                                   guint           sort);
GtkWindow      *lf_clients_page_edit              (LfClientsPage  *self,
                                                   LfContact      *contact);
void            lf_clients_page_delete            (LfClientsPage  *self,
                                                   LfContact      *contact);
void            lf_clients_page_import_file       (LfClientsPage  *self,
                                                   GFile          *file);
void            lf_clients_page_export_file       (LfClientsPage  *self,
                                                   GFile          *file);

void            lf_clients_page_set_plan          (LfClientsPage   *self,
                                                   LfPlan          *plan);
void            lf_clients_page_set_notice_stores (LfClientsPage   *self,
                                                   LfTemplateStore *templates,
                                                   LfChannelStore  *channels);

void            lf_clients_page_set_catalog       (LfClientsPage   *self,
                                                   LfCatalog       *catalog);
GtkWindow      *lf_clients_page_open_link_dialog (LfClientsPage      *self,
                                                  const char * const *ticked,
                                                  const char         *description);

G_END_DECLS
