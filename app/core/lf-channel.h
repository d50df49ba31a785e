/* lf-channel.h — a configured way to deliver notices (SMTP, mail client, webhooks…)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LF_CHANNEL_ERROR (lf_channel_error_quark ())

typedef enum
{
  LF_CHANNEL_ERROR_INVALID,
  LF_CHANNEL_ERROR_INSECURE,
  LF_CHANNEL_ERROR_NO_SECRET,
  LF_CHANNEL_ERROR_KEYRING,
} LfChannelError;

typedef enum
{
  LF_CHANNEL_KIND_SMTP,
  LF_CHANNEL_KIND_MAIL_CLIENT,
  LF_CHANNEL_KIND_SLACK,
  LF_CHANNEL_KIND_DISCORD,
  LF_CHANNEL_KIND_TEAMS,
  LF_CHANNEL_KIND_GOOGLE_CHAT,
  LF_CHANNEL_KIND_MATTERMOST,
  LF_CHANNEL_KIND_WEBHOOK,
  LF_CHANNEL_KIND_CLIPBOARD,
} LfChannelKind;

#define LF_N_CHANNEL_KINDS (LF_CHANNEL_KIND_CLIPBOARD + 1)

typedef enum
{
  LF_SMTP_SECURITY_STARTTLS,
  LF_SMTP_SECURITY_TLS,
  LF_SMTP_SECURITY_NONE,
} LfSmtpSecurity;

GQuark          lf_channel_error_quark           (void);
const char     *lf_channel_kind_to_string        (LfChannelKind   kind);
gboolean        lf_channel_kind_from_string      (const char     *string,
                                                  LfChannelKind  *kind);
const char     *lf_channel_kind_describe         (LfChannelKind   kind);
gboolean        lf_channel_kind_is_webhook       (LfChannelKind   kind);
const char     *lf_smtp_security_to_string       (LfSmtpSecurity  security);
gboolean        lf_smtp_security_from_string     (const char     *string,
                                                  LfSmtpSecurity *security);
gboolean        lf_host_is_loopback              (const char     *host);
gboolean        lf_webhook_url_validate          (const char     *url,
                                                  GError        **error);

#define LF_TYPE_CHANNEL (lf_channel_get_type ())

G_DECLARE_FINAL_TYPE (LfChannel, lf_channel, LF, CHANNEL, GObject)

LfChannel      *lf_channel_new                   (const char     *id,
                                                  LfChannelKind   kind);
LfChannel      *lf_channel_new_from_json         (JsonObject     *object,
                                                  char          **secret_out,
                                                  GError        **error);
JsonObject     *lf_channel_to_json               (LfChannel      *self,
                                                  const char     *secret);
gboolean        lf_channel_validate              (LfChannel      *self,
                                                  GError        **error);

const char     *lf_channel_get_id                (LfChannel      *self);
LfChannelKind   lf_channel_get_kind              (LfChannel      *self);
const char     *lf_channel_get_host              (LfChannel      *self);
void            lf_channel_set_host              (LfChannel      *self,
                                                  const char     *host);
guint           lf_channel_get_port              (LfChannel      *self);
void            lf_channel_set_port              (LfChannel      *self,
                                                  guint           port);
LfSmtpSecurity  lf_channel_get_security          (LfChannel      *self);
void            lf_channel_set_security          (LfChannel      *self,
                                                  LfSmtpSecurity  security);
const char     *lf_channel_get_username          (LfChannel      *self);
void            lf_channel_set_username          (LfChannel      *self,
                                                  const char     *username);
const char     *lf_channel_get_from              (LfChannel      *self);
void            lf_channel_set_from              (LfChannel      *self,
                                                  const char     *from);
const char     *lf_channel_get_ca_file           (LfChannel      *self);
void            lf_channel_set_ca_file           (LfChannel      *self,
                                                  const char     *ca_file);

gboolean        lf_channel_needs_secret          (LfChannel      *self);
char           *lf_channel_dup_credential_id     (LfChannel      *self);
void            lf_channel_store_secret_async    (LfChannel      *self,
                                                  const char     *secret,
                                                  GCancellable   *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer        user_data);
gboolean        lf_channel_store_secret_finish   (LfChannel      *self,
                                                  GAsyncResult   *result,
                                                  GError        **error);
void            lf_channel_lookup_secret_async   (LfChannel      *self,
                                                  GCancellable   *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer        user_data);
char           *lf_channel_lookup_secret_finish  (LfChannel      *self,
                                                  GAsyncResult   *result,
                                                  GError        **error);
void            lf_channel_clear_secret_async    (LfChannel      *self,
                                                  GCancellable   *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer        user_data);
gboolean        lf_channel_clear_secret_finish   (LfChannel      *self,
                                                  GAsyncResult   *result,
                                                  GError        **error);

#define LF_TYPE_CHANNEL_STORE (lf_channel_store_get_type ())

G_DECLARE_FINAL_TYPE (LfChannelStore, lf_channel_store, LF, CHANNEL_STORE, GObject)

LfChannelStore *lf_channel_store_new             (const char     *path);
const char     *lf_channel_store_get_path        (LfChannelStore *self);
gboolean        lf_channel_store_load            (LfChannelStore *self,
                                                  GError        **error);
void            lf_channel_store_load_async      (LfChannelStore *self,
                                                  GCancellable   *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer        user_data);
gboolean        lf_channel_store_load_finish     (LfChannelStore *self,
                                                  GAsyncResult   *result,
                                                  GError        **error);
void            lf_channel_store_save_async      (LfChannelStore *self,
                                                  GCancellable   *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer        user_data);
gboolean        lf_channel_store_save_finish     (LfChannelStore *self,
                                                  GAsyncResult   *result,
                                                  GError        **error);
LfChannel      *lf_channel_store_lookup          (LfChannelStore *self,
                                                  const char     *id);
LfChannel      *lf_channel_store_get_default     (LfChannelStore *self);
void            lf_channel_store_add             (LfChannelStore *self,
                                                  LfChannel      *channel);
gboolean        lf_channel_store_remove          (LfChannelStore *self,
                                                  const char     *id);
gboolean        lf_channel_store_check_import    (JsonArray      *channels,
                                                  GError        **error);
void            lf_channel_store_import_async    (LfChannelStore *self,
                                                  JsonArray      *channels,
                                                  GCancellable   *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer        user_data);
guint           lf_channel_store_import_finish   (LfChannelStore *self,
                                                  GAsyncResult   *result,
                                                  GError        **error);
void            lf_channel_store_export_async    (LfChannelStore *self,
                                                  gboolean        include_secrets,
                                                  GCancellable   *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer        user_data);
JsonArray      *lf_channel_store_export_finish   (LfChannelStore *self,
                                                  GAsyncResult   *result,
                                                  GError        **error);

G_END_DECLS
