/* lf-notice.h — one notice: a template, an incident, recipients and a channel
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "lf-channel.h"
#include "lf-recipient.h"
#include "lf-template.h"

G_BEGIN_DECLS

#define LF_NOTICE_ERROR (lf_notice_error_quark ())

typedef enum
{
  LF_NOTICE_ERROR_BUSY,
  LF_NOTICE_ERROR_NO_CHANNEL,
  LF_NOTICE_ERROR_TEMPLATE,
} LfNoticeError;

typedef enum
{
  LF_NOTICE_RESULT_PENDING,
  LF_NOTICE_RESULT_SENT,        /* accepted by the mail server or the webhook */
  LF_NOTICE_RESULT_HANDED_OFF,  /* a draft in the mail app: the user presses Send */
  LF_NOTICE_RESULT_RENDERED,    /* rendered only: clipboard, or a rehearsal on a chat channel */
  LF_NOTICE_RESULT_FAILED,
  LF_NOTICE_RESULT_NO_CHANNEL,  /* the client cannot be reached through this channel */
} LfNoticeResult;

/* One recipient of a notice and what became of the message. */
typedef struct
{
  LfRecipient    *recipient;
  LfNoticeResult  result;
  char           *message;      /* why it failed / has no channel (for the UI, never logged) */
  char           *destination;  /* the address or webhook host used (never logged) */
  char           *subject;      /* rendered, NULL until rendered */
  char           *body;
  char           *message_id;   /* the Message-ID of an e-mail, once sent (without brackets) */
} LfNoticeEntry;

/* Hands a draft to the desktop mail app (see lf_mail_client_compose_async()). */
typedef void     (*LfNoticeDraftFunc)       (const char * const  *bcc,
                                             const char          *subject,
                                             const char          *body,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             callback_data,
                                             gpointer             user_data);
typedef gboolean (*LfNoticeDraftFinishFunc) (GAsyncResult        *result,
                                             GError             **error);

#define LF_TYPE_NOTICE (lf_notice_get_type ())

G_DECLARE_FINAL_TYPE (LfNotice, lf_notice, LF, NOTICE, GObject)

GQuark                 lf_notice_error_quark          (void);
char                  *lf_notice_make_message_id      (const char             *local,
                                                       const char             *from);
const char            *lf_notice_result_to_string     (LfNoticeResult          result);
gboolean               lf_notice_result_from_string   (const char             *string,
                                                       LfNoticeResult         *result);

LfNotice              *lf_notice_new                  (LfTemplate             *template,
                                                       const LfRenderContext  *context,
                                                       LfChannel              *channel);
LfNotice              *lf_notice_new_test_to_self     (LfTemplate             *template,
                                                       const LfRenderContext  *context,
                                                       LfChannel              *channel);
const char            *lf_notice_get_id               (LfNotice               *self);
LfTemplate            *lf_notice_get_template         (LfNotice               *self);
const LfRenderContext *lf_notice_get_context          (LfNotice               *self);
LfChannel             *lf_notice_get_channel          (LfNotice               *self);
void                   lf_notice_set_soup_session     (LfNotice               *self,
                                                       SoupSession            *session);
void                   lf_notice_set_secret           (LfNotice               *self,
                                                       const char             *secret);
void                   lf_notice_set_draft_func       (LfNotice               *self,
                                                       LfNoticeDraftFunc       func,
                                                       LfNoticeDraftFinishFunc finish,
                                                       gpointer                user_data);

void                   lf_notice_add_recipient        (LfNotice               *self,
                                                       const LfRecipient      *recipient);
gboolean               lf_notice_remove_recipient     (LfNotice               *self,
                                                       const char             *contact_id);
guint                  lf_notice_get_n_entries        (LfNotice               *self);
const LfNoticeEntry   *lf_notice_get_entry            (LfNotice               *self,
                                                       guint                   index);
guint                  lf_notice_count                (LfNotice               *self,
                                                       LfNoticeResult          result);

gboolean               lf_notice_render               (LfNotice               *self,
                                                       GError                **error);
char                  *lf_notice_preview_destination  (LfNotice               *self,
                                                       guint                   index,
                                                       char                  **problem);
char                  *lf_notice_render_all_text      (LfNotice               *self,
                                                       const char             *contact_id,
                                                       GError                **error);

void                   lf_notice_send_async           (LfNotice               *self,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
gboolean               lf_notice_send_finish          (LfNotice               *self,
                                                       GAsyncResult           *result,
                                                       GError                **error);
void                   lf_notice_retry_failed_async   (LfNotice               *self,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
gboolean               lf_notice_retry_failed_finish  (LfNotice               *self,
                                                       GAsyncResult           *result,
                                                       GError                **error);

/* The notice log: $XDG_DATA_HOME/lifeline/notices.jsonl, one JSON object per delivery
 * (first send or retry). It holds opaque contact ids and results only. */
typedef struct
{
  char           *contact_id;
  LfNoticeResult  result;
  GStrv           platforms;   /* catalog ids the client was told about, or NULL */
} LfNoticeLogResult;

typedef struct
{
  char      *notice_id;
  gint64     at;            /* Unix seconds */
  char      *template_id;
  char      *channel_id;    /* NULL for clipboard-only notices */
  char      *channel_kind;
  char      *incident_id;
  gboolean   rehearsal;
  gboolean   retry;
  GPtrArray *results;       /* LfNoticeLogResult */
} LfNoticeLogEntry;

void                   lf_notice_log_entry_free       (LfNoticeLogEntry       *entry);
char                  *lf_notice_log_get_path         (void);
GPtrArray             *lf_notice_log_read             (GError                **error);
void                   lf_notice_log_read_async       (GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
GPtrArray             *lf_notice_log_read_finish      (GAsyncResult           *result,
                                                       GError                **error);
GStrv                  lf_notice_log_get_outage_recipients (GPtrArray         *entries,
                                                            const char        *incident_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfNoticeLogEntry, lf_notice_log_entry_free)

G_END_DECLS
