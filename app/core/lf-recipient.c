/* lf-recipient.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-recipient"

#include "config.h"

#include "lf-recipient.h"

#include <string.h>

G_DEFINE_BOXED_TYPE (LfRecipient, lf_recipient, lf_recipient_copy, lf_recipient_free)
G_DEFINE_BOXED_TYPE (LfRenderContext, lf_render_context,
                     lf_render_context_copy, lf_render_context_free)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static gboolean
get_optional_string (JsonObject  *object,
                     const char  *member,
                     char       **out,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "“%s” must be a string", member);
      return FALSE;
    }

  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

LfRecipient *
lf_recipient_new (const char *contact_id)
{
  LfRecipient *self;

  g_return_val_if_fail (contact_id != NULL && *contact_id != '\0', NULL);

  self = g_new0 (LfRecipient, 1);
  self->contact_id = g_strdup (contact_id);
  self->channels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return self;
}

LfRecipient *
lf_recipient_copy (const LfRecipient *self)
{
  LfRecipient *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (self != NULL, NULL);

  copy = lf_recipient_new (self->contact_id);
  copy->name = g_strdup (self->name);
  copy->company = g_strdup (self->company);
  copy->emails = g_strdupv (self->emails);
  copy->preferred = g_strdup (self->preferred);
  copy->timezone = g_strdup (self->timezone);
  copy->language = g_strdup (self->language);
  copy->webhook = g_strdup (self->webhook);
  copy->given_name = g_strdup (self->given_name);
  copy->platform_ids = g_strdupv (self->platform_ids);
  copy->platforms = g_strdupv (self->platforms);
  copy->provider = g_strdup (self->provider);
  copy->status_url = g_strdup (self->status_url);
  copy->in_reply_to = g_strdup (self->in_reply_to);

  g_hash_table_iter_init (&iter, self->channels);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->channels, g_strdup (key), g_strdup (value));

  return copy;
}

void
lf_recipient_free (LfRecipient *self)
{
  if (self == NULL)
    return;

  g_free (self->contact_id);
  g_free (self->name);
  g_free (self->company);
  g_strfreev (self->emails);
  g_clear_pointer (&self->channels, g_hash_table_unref);
  g_free (self->preferred);
  g_free (self->timezone);
  g_free (self->language);
  g_free (self->webhook);
  g_free (self->given_name);
  g_strfreev (self->platform_ids);
  g_strfreev (self->platforms);
  g_free (self->provider);
  g_free (self->status_url);
  g_free (self->in_reply_to);
  g_free (self);
}

/**
 * lf_recipient_new_from_json:
 * @object: a contact in the bundle format of DESIGN.md, with an "id"
 * @error: return location for a #GError
 *
 * Reads the members a notice needs ("id", "name", "company", "emails", "channels",
 * "preferred", "timezone", "language", "webhook", "given_name"); others are ignored. A missing id or a
 * mistyped member is an error.
 */
LfRecipient *
lf_recipient_new_from_json (JsonObject  *object,
                            GError     **error)
{
  g_autoptr(LfRecipient) self = NULL;
  const char *id;
  JsonNode *node;

  g_return_val_if_fail (object != NULL, NULL);

  node = json_object_get_member (object, "id");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING ||
      *(id = json_node_get_string (node)) == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "A recipient needs a non-empty string “id”");
      return NULL;
    }

  self = lf_recipient_new (id);

  if (!get_optional_string (object, "name", &self->name, error) ||
      !get_optional_string (object, "company", &self->company, error) ||
      !get_optional_string (object, "preferred", &self->preferred, error) ||
      !get_optional_string (object, "timezone", &self->timezone, error) ||
      !get_optional_string (object, "language", &self->language, error) ||
      !get_optional_string (object, "webhook", &self->webhook, error) ||
      !get_optional_string (object, "given_name", &self->given_name, error))
    return NULL;

  node = json_object_get_member (object, "emails");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "“emails” must be an array of strings");
          return NULL;
        }

      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "“emails” must be an array of strings");
              return NULL;
            }
          g_strv_builder_add (builder, json_node_get_string (element));
        }
      self->emails = g_strv_builder_end (builder);
    }

  node = json_object_get_member (object, "channels");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonObject *channels;
      g_autoptr(GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "“channels” must be an object of strings");
          return NULL;
        }

      channels = json_node_get_object (node);
      members = json_object_get_members (channels);
      for (const GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (channels, l->data);

          if (!JSON_NODE_HOLDS_VALUE (value) ||
              json_node_get_value_type (value) != G_TYPE_STRING)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "“channels” must be an object of strings");
              return NULL;
            }
          lf_recipient_set_channel (self, l->data, json_node_get_string (value));
        }
    }

  return g_steal_pointer (&self);
}

/**
 * lf_recipient_get_email:
 *
 * Returns: (nullable): the first e-mail address, or %NULL
 */
const char *
lf_recipient_get_email (const LfRecipient *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->emails == NULL)
    return NULL;

  for (guint i = 0; self->emails[i] != NULL; i++)
    if (*self->emails[i] != '\0')
      return self->emails[i];

  return NULL;
}

const char *
lf_recipient_get_channel (const LfRecipient *self,
                          const char        *kind)
{
  const char *handle;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  handle = g_hash_table_lookup (self->channels, kind);
  return (handle != NULL && *handle != '\0') ? handle : NULL;
}

void
lf_recipient_set_channel (LfRecipient *self,
                          const char  *kind,
                          const char  *handle)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (kind != NULL);

  if (handle == NULL)
    g_hash_table_remove (self->channels, kind);
  else
    g_hash_table_insert (self->channels, g_strdup (kind), g_strdup (handle));
}

/**
 * lf_recipient_dup_greeting:
 *
 * The name {client} greets the recipient by: their given name when set, else the first
 * word of their name ("Max" for "Max Keller"), else the whole name. A name that is an
 * e-mail address (a client imported with an address only) is used whole.
 *
 * Returns: (transfer full): the name, possibly ""
 */
char *
lf_recipient_dup_greeting (const LfRecipient *self)
{
  g_autofree char *name = NULL;
  char *space;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->given_name != NULL)
    {
      g_autofree char *given = g_strstrip (g_strdup (self->given_name));

      if (*given != '\0')
        return g_steal_pointer (&given);
    }

  name = g_strstrip (g_strdup (self->name != NULL ? self->name : ""));
  if (strchr (name, '@') != NULL)
    return g_steal_pointer (&name);
  space = strpbrk (name, " \t");
  if (space != NULL)
    *space = '\0';
  return g_steal_pointer (&name);
}

LfRenderContext *
lf_render_context_new (void)
{
  return g_new0 (LfRenderContext, 1);
}

LfRenderContext *
lf_render_context_copy (const LfRenderContext *self)
{
  LfRenderContext *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = lf_render_context_new ();
  copy->incident_id = g_strdup (self->incident_id);
  copy->platform = g_strdup (self->platform);
  copy->provider = g_strdup (self->provider);
  copy->since = self->since;
  copy->status_url = g_strdup (self->status_url);
  copy->my_name = g_strdup (self->my_name);
  copy->my_email = g_strdup (self->my_email);
  copy->my_channel = g_strdup (self->my_channel);
  copy->next_update = g_strdup (self->next_update);
  copy->rehearsal = self->rehearsal;
  copy->rehearsal_name = g_strdup (self->rehearsal_name);

  return copy;
}

void
lf_render_context_free (LfRenderContext *self)
{
  if (self == NULL)
    return;

  g_free (self->incident_id);
  g_free (self->platform);
  g_free (self->provider);
  g_free (self->status_url);
  g_free (self->my_name);
  g_free (self->my_email);
  g_free (self->my_channel);
  g_free (self->rehearsal_name);
  g_free (self->next_update);
  g_free (self);
}
