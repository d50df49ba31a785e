/* lf-channel.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-channel"

#include "config.h"

#include "lf-channel.h"
#include "lf-secret-schemas.h"
#include "lf-storage.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* A channel is the configuration of one way to deliver notices. Its plain settings live in
 * $XDG_DATA_HOME/lifeline/channels.json; its secret (the SMTP password, or the webhook URL,
 * which is itself a bearer credential) lives only in the keyring, as a Credential item whose
 * credential-id is "channel:<id>". Nothing secret is ever written to the file.
 */


struct _LfChannel
{
  GObject         parent_instance;

  char           *id;
  LfChannelKind   kind;
  char           *host;
  guint           port;
  LfSmtpSecurity  security;
  char           *username;
  char           *from;
  char           *ca_file;
};

G_DEFINE_FINAL_TYPE (LfChannel, lf_channel, G_TYPE_OBJECT)

G_DEFINE_QUARK (lf-channel-error-quark, lf_channel_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_HOST,
  PROP_PORT,
  PROP_SECURITY,
  PROP_USERNAME,
  PROP_FROM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_names[] = {
  "smtp", "mail-client", "slack", "discord", "teams", "google-chat", "mattermost", "webhook",
  "clipboard",
};

static const char * const security_names[] = { "starttls", "tls", "none" };

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == LF_N_CHANNEL_KINDS);

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static gboolean
set_string (char       **slot,
            const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;

  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static gboolean
get_string_member (JsonObject  *object,
                   const char  *member,
                   const char **out,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, LF_CHANNEL_ERROR, LF_CHANNEL_ERROR_INVALID,
                   _("The channel setting “%s” must be text"), member);
      return FALSE;
    }

  *out = json_node_get_string (node);
  return TRUE;
}

static guint
default_port (LfSmtpSecurity security)
{
  switch (security)
    {
    case LF_SMTP_SECURITY_TLS:
      return 465;
    case LF_SMTP_SECURITY_NONE:
      return 25;
    case LF_SMTP_SECURITY_STARTTLS:
    default:
      return 587;
    }
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_channel_finalize (GObject *object)
{
  LfChannel *self = LF_CHANNEL (object);

  g_free (self->id);
  g_free (self->host);
  g_free (self->username);
  g_free (self->from);
  g_free (self->ca_file);

  G_OBJECT_CLASS (lf_channel_parent_class)->finalize (object);
}

static void
lf_channel_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LfChannel *self = LF_CHANNEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_SECURITY:
      g_value_set_int (value, self->security);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_FROM:
      g_value_set_string (value, self->from);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_channel_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LfChannel *self = LF_CHANNEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    case PROP_HOST:
      lf_channel_set_host (self, g_value_get_string (value));
      break;
    case PROP_PORT:
      lf_channel_set_port (self, g_value_get_uint (value));
      break;
    case PROP_SECURITY:
      lf_channel_set_security (self, g_value_get_int (value));
      break;
    case PROP_USERNAME:
      lf_channel_set_username (self, g_value_get_string (value));
      break;
    case PROP_FROM:
      lf_channel_set_from (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_channel_class_init (LfChannelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lf_channel_finalize;
  object_class->get_property = lf_channel_get_property;
  object_class->set_property = lf_channel_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, LF_N_CHANNEL_KINDS - 1, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, 65535, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECURITY] =
    g_param_spec_int ("security", NULL, NULL, 0, LF_SMTP_SECURITY_NONE, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FROM] =
    g_param_spec_string ("from", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lf_channel_init (LfChannel *self)
{
}

/* ------------------------------------------------------------------------ */
/* Public API: kinds                                                        */
/* ------------------------------------------------------------------------ */

const char *
lf_channel_kind_to_string (LfChannelKind kind)
{
  g_return_val_if_fail (kind < LF_N_CHANNEL_KINDS, NULL);

  return kind_names[kind];
}

gboolean
lf_channel_kind_from_string (const char    *string,
                             LfChannelKind *kind)
{
  for (guint i = 0; string != NULL && i < LF_N_CHANNEL_KINDS; i++)
    if (g_str_equal (string, kind_names[i]))
      {
        if (kind != NULL)
          *kind = i;
        return TRUE;
      }

  return FALSE;
}

const char *
lf_channel_kind_describe (LfChannelKind kind)
{
  switch (kind)
    {
    case LF_CHANNEL_KIND_SMTP:
      return _("Email (SMTP)");
    case LF_CHANNEL_KIND_MAIL_CLIENT:
      return _("Email app");
    case LF_CHANNEL_KIND_SLACK:
      return _("Slack");
    case LF_CHANNEL_KIND_DISCORD:
      return _("Discord");
    case LF_CHANNEL_KIND_TEAMS:
      return _("Microsoft Teams");
    case LF_CHANNEL_KIND_GOOGLE_CHAT:
      return _("Google Chat");
    case LF_CHANNEL_KIND_MATTERMOST:
      return _("Mattermost");
    case LF_CHANNEL_KIND_WEBHOOK:
      return _("Webhook");
    case LF_CHANNEL_KIND_CLIPBOARD:
      return _("Clipboard");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
lf_channel_kind_is_webhook (LfChannelKind kind)
{
  return kind == LF_CHANNEL_KIND_SLACK || kind == LF_CHANNEL_KIND_DISCORD ||
         kind == LF_CHANNEL_KIND_TEAMS || kind == LF_CHANNEL_KIND_GOOGLE_CHAT ||
         kind == LF_CHANNEL_KIND_MATTERMOST || kind == LF_CHANNEL_KIND_WEBHOOK;
}

const char *
lf_smtp_security_to_string (LfSmtpSecurity security)
{
  g_return_val_if_fail (security <= LF_SMTP_SECURITY_NONE, NULL);

  return security_names[security];
}

gboolean
lf_smtp_security_from_string (const char     *string,
                              LfSmtpSecurity *security)
{
  for (guint i = 0; string != NULL && i < G_N_ELEMENTS (security_names); i++)
    if (g_str_equal (string, security_names[i]))
      {
        if (security != NULL)
          *security = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * lf_host_is_loopback:
 * @host: a host name or address (IPv6 may be in brackets)
 *
 * Returns: %TRUE for "localhost" and loopback addresses (127.0.0.0/8, ::1): the only hosts
 *   Lifeline talks to without TLS
 */
gboolean
lf_host_is_loopback (const char *host)
{
  g_autofree char *bare = NULL;
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  if (host[0] == '[' && host[strlen (host) - 1] == ']')
    bare = g_strndup (host + 1, strlen (host) - 2);
  else
    bare = g_strdup (host);

  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * lf_webhook_url_validate:
 *
 * A webhook URL must be https, or http to a loopback host (a local relay or a test).
 */
gboolean
lf_webhook_url_validate (const char  *url,
                         GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, LF_CHANNEL_ERROR, LF_CHANNEL_ERROR_NO_SECRET,
                           _("No webhook address is set"));
      return FALSE;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error_literal (error, LF_CHANNEL_ERROR, LF_CHANNEL_ERROR_INVALID,
                           _("The webhook address is not a valid web address"));
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 && lf_host_is_loopback (g_uri_get_host (uri)))
    return TRUE;

  g_set_error_literal (error, LF_CHANNEL_ERROR, LF_CHANNEL_ERROR_INSECURE,
                       _("The webhook address must start with https://"));
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Public API: LfChannel                                                    */
/* ------------------------------------------------------------------------ */

LfChannel *
lf_channel_new (const char    *id,
                LfChannelKind  kind)
{
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);
  g_return_val_if_fail (kind < LF_N_CHANNEL_KINDS, NULL);

  return g_object_new (LF_TYPE_CHANNEL, "id", id, "kind", (int) kind, NULL);
}

/**
 * lf_channel_new_from_json:
 * @object: a channel of the bundle format (DESIGN.md)
 * @secret_out: (out) (optional) (nullable) (transfer full): the "password" (SMTP) or
 *   "url" (webhooks) member, which the caller must put in the keyring, never in a file
 * @error: return location for a #GError
 *
 * Rejects missing or mistyped members, unknown kinds and insecure settings.
 */
LfChannel *
lf_channel_new_from_json (JsonObject  *object,
                          char       **secret_out,
                          GError     **error)
{
  g_autoptr(LfChannel) self = NULL;
  const char *id, *kind_name, *host, *security_name, *username, *from, *password, *url;
  LfChannelKind kind;
  LfSmtpSecurity security = LF_SMTP_SECURITY_STARTTLS;
  JsonNode *node;

  g_return_val_if_fail (object != NULL, NULL);

  if (secret_out != NULL)
    *secret_out = NULL;

  if (!get_string_member (object, "id", &id, error) ||
      !get_string_member (object, "kind", &kind_name, error) ||
      !get_string_member (object, "host", &host, error) ||
      !get_string_member (object, "security", &security_name, error) ||
      !get_string_member (object, "username", &username, error) ||
      !get_string_member (object, "from", &from, error) ||
      !get_string_member (object, "password", &password, error) ||
      !get_string_member (object, "url", &url, error))
    return NULL;

  if (id == NULL || *id == '\0')
    {
      g_set_error_literal (error, LF_CHANNEL_ERROR, LF_CHANNEL_ERROR_INVALID,
                           _("A channel needs an id"));
      return NULL;
    }
  if (!lf_channel_kind_from_string (kind_name, &kind))
    {
      g_set_error (error, LF_CHANNEL_ERROR, LF_CHANNEL_ERROR_INVALID,
                   _("The channel “%s” has an unknown kind “%s”"), id,
                   kind_name != NULL ? kind_name : "");
      return NULL;
    }
  if (security_name != NULL && !lf_smtp_security_from_string (security_name, &security))
    {
      g_set_error (error, LF_CHANNEL_ERROR, LF_CHANNEL_ERROR_INVALID,
                   _("The channel “%s” has an unknown security “%s” (use starttls, tls or "
                     "none)"), id, security_name);
      return NULL;
    }

  self = lf_channel_new (id, kind);
  lf_channel_set_host (self, host);
  lf_channel_set_security (self, security);
  lf_channel_set_username (self, username);
  lf_channel_set_from (self, from);

  node = json_object_get_member (object, "port");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      gint64 port;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          (port = json_node_get_int (node)) < 1 || port > 65535)
        {
          g_set_error (error, LF_CHANNEL_ERROR, LF_CHANNEL_ERROR_INVALID,
                       _("The port of the channel “%s” must be a number from 1 to 65535"), id);
          return NULL;
        }
      lf_channel_set_port (self, port);
    }

  if (!lf_channel_validate (self, error))
    return NULL;

  if (lf_channel_kind_is_webhook (kind) && url != NULL && !lf_webhook_url_validate (url, error))
    return NULL;

  if (secret_out != NULL)
    {
      if (kind == LF_CHANNEL_KIND_SMTP && password != NULL && *password != '\0')
        *secret_out = g_strdup (password);
      else if (lf_channel_kind_is_webhook (kind) && url != NULL)
        *secret_out = g_strdup (url);
    }

  return g_steal_pointer (&self);
}

/**
 * lf_channel_to_json:
 * @secret: (nullable): the password or URL to include (export with secrets), or %NULL
 *
 * Returns: (transfer full): the channel in the bundle format
 */
JsonObject *
lf_channel_to_json (LfChannel  *self,
                    const char *secret)
{
  JsonObject *object;

  g_return_val_if_fail (LF_IS_CHANNEL (self), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "id", self->id);
  json_object_set_string_member (object, "kind", kind_names[self->kind]);

  if (self->kind == LF_CHANNEL_KIND_SMTP)
    {
      json_object_set_string_member (object, "host", self->host);
      json_object_set_int_member (object, "port", lf_channel_get_port (self));
      json_object_set_string_member (object, "security", security_names[self->security]);
      if (self->username != NULL)
        json_object_set_string_member (object, "username", self->username);
      if (self->from != NULL)
        json_object_set_string_member (object, "from", self->from);
      if (secret != NULL)
        json_object_set_string_member (object, "password", secret);
    }
  else if (lf_channel_kind_is_webhook (self->kind) && secret != NULL)
    json_object_set_string_member (object, "url", secret);

  return object;
}

/**
 * lf_channel_validate:
 *
 * SMTP needs a host and a sender; security "none" is refused unless the host is a loopback
 * address (a local relay), so credentials and client data never cross a network in clear.
 */
gboolean
lf_channel_validate (LfChannel  *self,
                     GError    **error)
{
  g_return_val_if_fail (LF_IS_CHANNEL (self), FALSE);

  if (self->kind != LF_CHANNEL_KIND_SMTP)
    return TRUE;

  if (self->host == NULL)
    {
      g_set_error (error, LF_CHANNEL_ERROR, LF_CHANNEL_ERROR_INVALID,
                   _("The mail channel “%s” needs a server"), self->id);
      return FALSE;
    }
  if (strpbrk (self->host, " /\\@\r\n\t") != NULL)
    {
      g_set_error (error, LF_CHANNEL_ERROR, LF_CHANNEL_ERROR_INVALID,
                   _("“%s” is not a valid server name"), self->host);
      return FALSE;
    }
  if (self->from == NULL && (self->username == NULL || strchr (self->username, '@') == NULL))
    {
      g_set_error (error, LF_CHANNEL_ERROR, LF_CHANNEL_ERROR_INVALID,
                   _("The mail channel “%s” needs a sender address"), self->id);
      return FALSE;
    }
  if (self->security == LF_SMTP_SECURITY_NONE && !lf_host_is_loopback (self->host))
    {
      g_set_error (error, LF_CHANNEL_ERROR, LF_CHANNEL_ERROR_INSECURE,
                   _("The mail channel “%s” would send without encryption to %s; that is "
                     "only allowed to this computer (localhost). Choose STARTTLS or TLS."),
                   self->id, self->host);
      return FALSE;
    }

  return TRUE;
}

const char *
lf_channel_get_id (LfChannel *self)
{
  g_return_val_if_fail (LF_IS_CHANNEL (self), NULL);

  return self->id;
}

LfChannelKind
lf_channel_get_kind (LfChannel *self)
{
  g_return_val_if_fail (LF_IS_CHANNEL (self), 0);

  return self->kind;
}

const char *
lf_channel_get_host (LfChannel *self)
{
  g_return_val_if_fail (LF_IS_CHANNEL (self), NULL);

  return self->host;
}

void
lf_channel_set_host (LfChannel  *self,
                     const char *host)
{
  g_return_if_fail (LF_IS_CHANNEL (self));

  if (set_string (&self->host, host))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST]);
}

/**
 * lf_channel_get_port:
 *
 * Returns: the port, or the default of the security (587, 465, 25) when none is set
 */
guint
lf_channel_get_port (LfChannel *self)
{
  g_return_val_if_fail (LF_IS_CHANNEL (self), 0);

  return self->port != 0 ? self->port : default_port (self->security);
}

void
lf_channel_set_port (LfChannel *self,
                     guint      port)
{
  g_return_if_fail (LF_IS_CHANNEL (self));
  g_return_if_fail (port <= 65535);

  if (self->port == port)
    return;
  self->port = port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
}

LfSmtpSecurity
lf_channel_get_security (LfChannel *self)
{
  g_return_val_if_fail (LF_IS_CHANNEL (self), 0);

  return self->security;
}

void
lf_channel_set_security (LfChannel      *self,
                         LfSmtpSecurity  security)
{
  g_return_if_fail (LF_IS_CHANNEL (self));
  g_return_if_fail (security <= LF_SMTP_SECURITY_NONE);

  if (self->security == security)
    return;
  self->security = security;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECURITY]);
}

const char *
lf_channel_get_username (LfChannel *self)
{
  g_return_val_if_fail (LF_IS_CHANNEL (self), NULL);

  return self->username;
}

void
lf_channel_set_username (LfChannel  *self,
                         const char *username)
{
  g_return_if_fail (LF_IS_CHANNEL (self));

  if (set_string (&self->username, username))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USERNAME]);
}

/**
 * lf_channel_get_from:
 *
 * Returns: the From header ("Sam <sam@example.com>"), or the user name when it is an
 *   address and no From is set
 */
const char *
lf_channel_get_from (LfChannel *self)
{
  g_return_val_if_fail (LF_IS_CHANNEL (self), NULL);

  if (self->from == NULL && self->username != NULL && strchr (self->username, '@') != NULL)
    return self->username;

  return self->from;
}

void
lf_channel_set_from (LfChannel  *self,
                     const char *from)
{
  g_return_if_fail (LF_IS_CHANNEL (self));

  if (set_string (&self->from, from))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM]);
}

const char *
lf_channel_get_ca_file (LfChannel *self)
{
  g_return_val_if_fail (LF_IS_CHANNEL (self), NULL);

  return self->ca_file;
}

/**
 * lf_channel_set_ca_file:
 * @ca_file: (nullable): a PEM file of certificate authorities to trust instead of the
 *   system's (a private mail server, or the tests); not saved
 */
void
lf_channel_set_ca_file (LfChannel  *self,
                        const char *ca_file)
{
  g_return_if_fail (LF_IS_CHANNEL (self));

  set_string (&self->ca_file, ca_file);
}

/**
 * lf_channel_needs_secret:
 *
 * Returns: %TRUE for webhooks (the URL) and for SMTP with a user name (the password)
 */
gboolean
lf_channel_needs_secret (LfChannel *self)
{
  g_return_val_if_fail (LF_IS_CHANNEL (self), FALSE);

  return lf_channel_kind_is_webhook (self->kind) ||
         (self->kind == LF_CHANNEL_KIND_SMTP && self->username != NULL);
}

char *
lf_channel_dup_credential_id (LfChannel *self)
{
  g_return_val_if_fail (LF_IS_CHANNEL (self), NULL);

  return g_strconcat ("channel:", self->id, NULL);
}

static void
secret_store_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_prefix_error (&error, "%s", _("The keyring refused to store the channel’s secret: "));
      error->domain = LF_CHANNEL_ERROR;
      error->code = LF_CHANNEL_ERROR_KEYRING;
      g_task_return_error (task, error);
    }
  else
    g_task_return_boolean (task, TRUE);
}

void
lf_channel_store_secret_async (LfChannel           *self,
                               const char          *secret,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *credential_id = NULL;

  g_return_if_fail (LF_IS_CHANNEL (self));
  g_return_if_fail (secret != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_channel_store_secret_async);
  credential_id = lf_channel_dup_credential_id (self);

  /* A neutral label: labels are shown in Seahorse and not encrypted. */
  secret_password_store (lf_secret_credential_schema (), SECRET_COLLECTION_DEFAULT,
                         _("Lifeline channel credential"), secret, cancellable,
                         secret_store_cb, g_steal_pointer (&task),
                         LF_SECRET_ATTR_CREDENTIAL_ID, credential_id,
                         LF_SECRET_ATTR_VERSION, LF_SECRET_SCHEMA_VERSION,
                         NULL);
}

gboolean
lf_channel_store_secret_finish (LfChannel     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
secret_lookup_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    {
      g_prefix_error (&error, "%s", _("The keyring could not be read: "));
      error->domain = LF_CHANNEL_ERROR;
      error->code = LF_CHANNEL_ERROR_KEYRING;
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, secret, (GDestroyNotify) secret_password_free);
}

void
lf_channel_lookup_secret_async (LfChannel           *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *credential_id = NULL;

  g_return_if_fail (LF_IS_CHANNEL (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_channel_lookup_secret_async);
  credential_id = lf_channel_dup_credential_id (self);

  secret_password_lookup (lf_secret_credential_schema (), cancellable, secret_lookup_cb,
                          g_steal_pointer (&task),
                          LF_SECRET_ATTR_CREDENTIAL_ID, credential_id,
                          NULL);
}

/**
 * lf_channel_lookup_secret_finish:
 *
 * Returns: (transfer full) (nullable): the secret (free with secret_password_free()), or
 *   %NULL with no error when none is stored
 */
char *
lf_channel_lookup_secret_finish (LfChannel     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
secret_clear_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
lf_channel_clear_secret_async (LfChannel           *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *credential_id = NULL;

  g_return_if_fail (LF_IS_CHANNEL (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_channel_clear_secret_async);
  credential_id = lf_channel_dup_credential_id (self);

  secret_password_clear (lf_secret_credential_schema (), cancellable, secret_clear_cb,
                         g_steal_pointer (&task),
                         LF_SECRET_ATTR_CREDENTIAL_ID, credential_id,
                         NULL);
}

gboolean
lf_channel_clear_secret_finish (LfChannel     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
