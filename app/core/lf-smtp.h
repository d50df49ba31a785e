/* lf-smtp.h — personalised e-mail over SMTP (libcurl, in a worker thread)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-channel.h"

G_BEGIN_DECLS

#define LF_SMTP_ERROR (lf_smtp_error_quark ())

typedef enum
{
  LF_SMTP_ERROR_FAILED,
  LF_SMTP_ERROR_INVALID_ADDRESS,
  LF_SMTP_ERROR_CONNECT,
  LF_SMTP_ERROR_TLS,
  LF_SMTP_ERROR_AUTH,
  LF_SMTP_ERROR_REJECTED,
  LF_SMTP_ERROR_TIMEOUT,
  LF_SMTP_ERROR_CANCELLED,
} LfSmtpError;

/* One message to one address. */
typedef struct
{
  char *to;        /* "ada@example.com" */
  char *to_name;   /* "Ada Lovelace", or NULL */
  char *subject;
  char *body;      /* "\n" line ends */
  char *message_id;   /* without brackets; NULL: a random one at the sender's domain */
  char *in_reply_to;  /* the Message-ID this message answers (threading), or NULL */
} LfMailMessage;

LfMailMessage *lf_mail_message_new  (const char    *to,
                                     const char    *to_name,
                                     const char    *subject,
                                     const char    *body);
void           lf_mail_message_free (LfMailMessage *message);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfMailMessage, lf_mail_message_free)

/* Where and how to send. */
typedef struct
{
  char           *host;
  guint           port;
  LfSmtpSecurity  security;
  char           *username;         /* NULL: no AUTH */
  char           *password;
  char           *from;             /* "Sam <sam@example.com>" or "sam@example.com" */
  char           *ca_file;          /* NULL: the system's authorities */
  guint           timeout_seconds;  /* per message; default 30 */
} LfSmtpConfig;

LfSmtpConfig  *lf_smtp_config_new_for_channel (LfChannel          *channel,
                                               const char         *password);
void           lf_smtp_config_free            (LfSmtpConfig       *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfSmtpConfig, lf_smtp_config_free)

/* Called in the caller's main context after each message: @error is NULL when it was
 * accepted by the server. */
typedef void (*LfSmtpProgressFunc) (guint         index,
                                    const GError *error,
                                    gpointer      user_data);

GQuark         lf_smtp_error_quark       (void);
void           lf_smtp_send_async        (const LfSmtpConfig  *config,
                                          GPtrArray           *messages,
                                          LfSmtpProgressFunc   progress,
                                          gpointer             progress_data,
                                          GDestroyNotify       progress_destroy,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GPtrArray     *lf_smtp_send_finish       (GAsyncResult        *result,
                                          GError             **error);

char          *lf_smtp_format_message    (const LfSmtpConfig  *config,
                                          const LfMailMessage *message,
                                          GDateTime           *date,
                                          const char          *message_id,
                                          GError             **error);
gboolean       lf_mail_address_parse     (const char          *mailbox,
                                          char               **name,
                                          char               **address);
gboolean       lf_mail_address_is_valid  (const char          *address);
char          *lf_mime_encode_phrase     (const char          *text);
char          *lf_mime_encode_subject    (const char          *text);
char          *lf_mime_quoted_printable  (const char          *text);

G_END_DECLS
