/* lf-contact-store.h — the client directory, kept in the keyring
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-contact.h"

G_BEGIN_DECLS

#define LF_CONTACT_STORE_ERROR (lf_contact_store_error_quark ())

typedef enum
{
  LF_CONTACT_STORE_ERROR_UNAVAILABLE,
  LF_CONTACT_STORE_ERROR_LOCKED,
  LF_CONTACT_STORE_ERROR_NOT_LOADED,
  LF_CONTACT_STORE_ERROR_INVALID,
  LF_CONTACT_STORE_ERROR_FAILED,
} LfContactStoreError;

typedef enum
{
  LF_CONTACT_STORE_STATE_UNKNOWN,     /* not loaded yet */
  LF_CONTACT_STORE_STATE_LOADING,
  LF_CONTACT_STORE_STATE_AVAILABLE,
  LF_CONTACT_STORE_STATE_LOCKED,
  LF_CONTACT_STORE_STATE_UNAVAILABLE,
} LfContactStoreState;

#define LF_CONTACT_STORE_LABEL "Lifeline contact"

#define LF_TYPE_CONTACT_STORE_STATE (lf_contact_store_state_get_type ())
#define LF_TYPE_CONTACT_STORE (lf_contact_store_get_type ())

GType lf_contact_store_state_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (LfContactStore, lf_contact_store, LF, CONTACT_STORE, GObject)

GQuark               lf_contact_store_error_quark      (void);

LfContactStore      *lf_contact_store_new              (void);
LfContactStoreState  lf_contact_store_get_state        (LfContactStore      *self);
const char          *lf_contact_store_get_error_message (LfContactStore     *self);

void                 lf_contact_store_load_async       (LfContactStore      *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean             lf_contact_store_load_finish      (LfContactStore      *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void                 lf_contact_store_ensure_loaded    (LfContactStore      *self);

void                 lf_contact_store_unlock_async     (LfContactStore      *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean             lf_contact_store_unlock_finish    (LfContactStore      *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

void                 lf_contact_store_save_async       (LfContactStore      *self,
                                                        LfContact           *contact,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
LfContact           *lf_contact_store_save_finish      (LfContactStore      *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void                 lf_contact_store_add_async        (LfContactStore      *self,
                                                        LfContact           *contact,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
LfContact           *lf_contact_store_add_finish       (LfContactStore      *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void                 lf_contact_store_delete_async     (LfContactStore      *self,
                                                        LfContact           *contact,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean             lf_contact_store_delete_finish    (LfContactStore      *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

LfContact           *lf_contact_store_lookup           (LfContactStore      *self,
                                                        const char          *id);
LfContact           *lf_contact_store_find_by_email    (LfContactStore      *self,
                                                        const char          *email);
GPtrArray           *lf_contact_store_get_for_platform (LfContactStore      *self,
                                                        const char          *platform_id);

G_END_DECLS
