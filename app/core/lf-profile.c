/* lf-profile.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-profile"

#include "config.h"

#include "lf-profile.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "lf-contact.h"
#include "lf-json.h"
#include "lf-secret-schemas.h"

/* The user's name, e-mail and preferred channel are personal data: they live in one
 * Credential-schema keyring item ("credential-id" = "profile"), JSON in the secret. */

struct _LfProfile
{
  GObject  parent_instance;

  char    *name;
  char    *email;
  char    *channel;
};

G_DEFINE_FINAL_TYPE (LfProfile, lf_profile, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_EMAIL,
  PROP_CHANNEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
set_field (LfProfile   *self,
           char       **field,
           const char  *value,
           guint        prop)
{
  g_autofree char *stripped = value ? g_strstrip (g_strdup (value)) : NULL;

  if (stripped != NULL && *stripped == '\0')
    g_clear_pointer (&stripped, g_free);
  if (g_strcmp0 (*field, stripped) == 0)
    return;

  g_free (*field);
  *field = g_steal_pointer (&stripped);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static gboolean
read_member (JsonObject  *object,
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
      g_set_error (error, LF_CONTACT_ERROR, LF_CONTACT_ERROR_PARSE,
                   _("The field “%s” of your profile must be text"), member);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(LfProfile) profile = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (secret == NULL)
    {
      g_task_return_pointer (task, lf_profile_new (), g_object_unref);
      return;
    }

  parser = json_parser_new ();
  if (lf_json_parser_load (parser, secret, -1, &error) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    profile = lf_profile_new_from_json (json_node_get_object (json_parser_get_root (parser)),
                                        &error);
  secret_password_free (secret);

  if (profile == NULL)
    {
      g_debug ("Stored profile unreadable: %s", error ? error->message : "not an object");
      g_task_return_new_error (task, LF_CONTACT_ERROR, LF_CONTACT_ERROR_PARSE, "%s",
                               _("Your stored profile could not be read"));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&profile), g_object_unref);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_profile_finalize (GObject *object)
{
  LfProfile *self = LF_PROFILE (object);

  g_free (self->name);
  g_free (self->email);
  g_free (self->channel);

  G_OBJECT_CLASS (lf_profile_parent_class)->finalize (object);
}

static void
lf_profile_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LfProfile *self = LF_PROFILE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_CHANNEL:
      g_value_set_string (value, self->channel);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_profile_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LfProfile *self = LF_PROFILE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      lf_profile_set_name (self, g_value_get_string (value));
      break;
    case PROP_EMAIL:
      lf_profile_set_email (self, g_value_get_string (value));
      break;
    case PROP_CHANNEL:
      lf_profile_set_channel (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_profile_class_init (LfProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lf_profile_finalize;
  object_class->get_property = lf_profile_get_property;
  object_class->set_property = lf_profile_set_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties[PROP_CHANNEL] = g_param_spec_string ("channel", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lf_profile_init (LfProfile *self)
{
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

LfProfile *
lf_profile_new (void)
{
  return g_object_new (LF_TYPE_PROFILE, NULL);
}

/**
 * lf_profile_new_from_json:
 * @object: the bundle's "me" object: name, email, channel (all optional text)
 */
LfProfile *
lf_profile_new_from_json (JsonObject  *object,
                          GError     **error)
{
  g_autoptr(LfProfile) self = lf_profile_new ();
  const char *name, *email, *channel;

  g_return_val_if_fail (object != NULL, NULL);

  if (!read_member (object, "name", &name, error) ||
      !read_member (object, "email", &email, error) ||
      !read_member (object, "channel", &channel, error))
    return NULL;

  if (email != NULL && !lf_contact_validate_email (email, error))
    return NULL;

  lf_profile_set_name (self, name);
  lf_profile_set_email (self, email);
  lf_profile_set_channel (self, channel);
  return g_steal_pointer (&self);
}

JsonObject *
lf_profile_to_json (LfProfile *self)
{
  JsonObject *object;

  g_return_val_if_fail (LF_IS_PROFILE (self), NULL);

  object = json_object_new ();
  if (self->name != NULL)
    json_object_set_string_member (object, "name", self->name);
  if (self->email != NULL)
    json_object_set_string_member (object, "email", self->email);
  if (self->channel != NULL)
    json_object_set_string_member (object, "channel", self->channel);
  return object;
}

gboolean
lf_profile_is_empty (LfProfile *self)
{
  g_return_val_if_fail (LF_IS_PROFILE (self), TRUE);
  return self->name == NULL && self->email == NULL && self->channel == NULL;
}

const char *
lf_profile_get_name (LfProfile *self)
{
  g_return_val_if_fail (LF_IS_PROFILE (self), NULL);
  return self->name;
}

void
lf_profile_set_name (LfProfile  *self,
                     const char *name)
{
  g_return_if_fail (LF_IS_PROFILE (self));
  set_field (self, &self->name, name, PROP_NAME);
}

const char *
lf_profile_get_email (LfProfile *self)
{
  g_return_val_if_fail (LF_IS_PROFILE (self), NULL);
  return self->email;
}

void
lf_profile_set_email (LfProfile  *self,
                      const char *email)
{
  g_return_if_fail (LF_IS_PROFILE (self));
  set_field (self, &self->email, email, PROP_EMAIL);
}

const char *
lf_profile_get_channel (LfProfile *self)
{
  g_return_val_if_fail (LF_IS_PROFILE (self), NULL);
  return self->channel;
}

void
lf_profile_set_channel (LfProfile  *self,
                        const char *channel)
{
  g_return_if_fail (LF_IS_PROFILE (self));
  set_field (self, &self->channel, channel, PROP_CHANNEL);
}

/**
 * lf_profile_load_async:
 *
 * Reads the profile from the keyring; an empty profile when none was saved.
 */
void
lf_profile_load_async (GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, lf_profile_load_async);
  secret_password_lookup (lf_secret_credential_schema (), cancellable, lookup_cb, task,
                          LF_SECRET_ATTR_CREDENTIAL_ID, LF_PROFILE_CREDENTIAL_ID,
                          NULL);
}

LfProfile *
lf_profile_load_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lf_profile_save_async (LfProfile           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;
  GTask *task;

  g_return_if_fail (LF_IS_PROFILE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_profile_save_async);

  json_node_take_object (root, lf_profile_to_json (self));
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);

  secret_password_store (lf_secret_credential_schema (), SECRET_COLLECTION_DEFAULT,
                         LF_PROFILE_LABEL, data, cancellable, store_cb, task,
                         LF_SECRET_ATTR_CREDENTIAL_ID, LF_PROFILE_CREDENTIAL_ID,
                         LF_SECRET_ATTR_VERSION, LF_SECRET_SCHEMA_VERSION,
                         NULL);
}

gboolean
lf_profile_save_finish (LfProfile     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (LF_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
