/* lf-contact.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-contact"

/* Why this file is over 1,000 lines: every field of a contact goes through the same
 * tables (texts, lists, channels) for properties, JSON, merging, change tracking and
 * comparison; splitting them would expose the private struct to several files for no gain.
 * The stand-alone validators of e-mail addresses, phone numbers and links are in
 * lf-contact-validate.c. */

#include "config.h"

#include "lf-contact.h"
#include "lf-json.h"

#include <glib/gi18n.h>
#include <string.h>

/* Text fields, kept in one array so that setters, JSON and merging share the code. */
typedef enum
{
  TEXT_NAME,
  TEXT_COMPANY,
  TEXT_ROLE,
  TEXT_PREFERRED,
  TEXT_TIMEZONE,
  TEXT_LANGUAGE,
  TEXT_NOTES,
  TEXT_WEBHOOK,
  TEXT_GIVEN_NAME,
  N_TEXTS
} TextField;

typedef enum
{
  LIST_EMAILS,
  LIST_PHONES,
  LIST_PLATFORMS,
  LIST_TAGS,
  N_LISTS
} ListField;

struct _LfContact
{
  GObject          parent_instance;

  char            *id;
  char            *texts[N_TEXTS];
  GStrv            lists[N_LISTS];
  GHashTable      *channels;       /* kind → handle */
  gint64           modified;
  LfContactFields  changed;
};

G_DEFINE_FINAL_TYPE (LfContact, lf_contact, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COMPANY,
  PROP_ROLE,
  PROP_PREFERRED,
  PROP_TIMEZONE,
  PROP_LANGUAGE,
  PROP_NOTES,
  PROP_WEBHOOK,
  PROP_GIVEN_NAME,
  PROP_EMAILS,
  PROP_PHONES,
  PROP_PLATFORMS,
  PROP_TAGS,
  PROP_CHANNELS,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char      *json;
  guint            prop;
  LfContactFields  field;
} text_fields[N_TEXTS] = {
  [TEXT_NAME] = { "name", PROP_NAME, LF_CONTACT_FIELD_NAME },
  [TEXT_COMPANY] = { "company", PROP_COMPANY, LF_CONTACT_FIELD_COMPANY },
  [TEXT_ROLE] = { "role", PROP_ROLE, LF_CONTACT_FIELD_ROLE },
  [TEXT_PREFERRED] = { "preferred", PROP_PREFERRED, LF_CONTACT_FIELD_PREFERRED },
  [TEXT_TIMEZONE] = { "timezone", PROP_TIMEZONE, LF_CONTACT_FIELD_TIMEZONE },
  [TEXT_LANGUAGE] = { "language", PROP_LANGUAGE, LF_CONTACT_FIELD_LANGUAGE },
  [TEXT_NOTES] = { "notes", PROP_NOTES, LF_CONTACT_FIELD_NOTES },
  [TEXT_WEBHOOK] = { "webhook", PROP_WEBHOOK, LF_CONTACT_FIELD_WEBHOOK },
  [TEXT_GIVEN_NAME] = { "given_name", PROP_GIVEN_NAME, LF_CONTACT_FIELD_GIVEN_NAME },
};

static const struct {
  const char      *json;
  guint            prop;
  LfContactFields  field;
} list_fields[N_LISTS] = {
  [LIST_EMAILS] = { "emails", PROP_EMAILS, LF_CONTACT_FIELD_EMAILS },
  [LIST_PHONES] = { "phones", PROP_PHONES, LF_CONTACT_FIELD_PHONES },
  [LIST_PLATFORMS] = { "platforms", PROP_PLATFORMS, LF_CONTACT_FIELD_PLATFORMS },
  [LIST_TAGS] = { "tags", PROP_TAGS, LF_CONTACT_FIELD_TAGS },
};

static const char * const channel_kinds[] = {
  "slack", "teams", "discord", "whatsapp", "telegram", "signal", "matrix", "skype", "other",
  NULL
};

static const char * const empty_strv[] = { NULL };

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static gboolean
is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

/* Trimmed copy, or NULL for an empty value: "" and NULL mean the same. */
static char *
normalize_text (const char *s)
{
  char *copy;

  if (is_blank (s))
    return NULL;
  copy = g_strstrip (g_strdup (s));

  /* One kind of line break: CRLF and CR (Windows and old Mac exports) become LF. */
  if (strchr (copy, '\r') != NULL)
    {
      GString *lf = g_string_new (NULL);

      for (const char *p = copy; *p != '\0'; p++)
        {
          if (*p == '\r' && p[1] == '\n')
            continue;
          g_string_append_c (lf, *p == '\r' ? '\n' : *p);
        }
      g_free (copy);
      copy = g_string_free (lf, FALSE);
    }

  return copy;
}

static GStrv
normalize_list (const char * const *list)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new ();

  /* Trimmed, without empty items, without case-insensitive duplicates, in order. */
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    {
      g_autofree char *item = normalize_text (list[i]);
      gboolean seen = FALSE;

      for (guint j = 0; item != NULL && j < out->len && !seen; j++)
        seen = g_utf8_collate (out->pdata[j], item) == 0 ||
               g_ascii_strcasecmp (out->pdata[j], item) == 0;
      if (item != NULL && !seen)
        g_ptr_array_add (out, g_steal_pointer (&item));
    }

  if (out->len == 0)
    return NULL;

  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

static gboolean
lists_equal (const char * const *a,
             const char * const *b)
{
  guint i;

  for (i = 0; a != NULL && a[i] != NULL; i++)
    if (b == NULL || b[i] == NULL || strcmp (a[i], b[i]) != 0)
      return FALSE;
  return b == NULL || b[i] == NULL;
}

static void
set_text (LfContact  *self,
          TextField   which,
          const char *value)
{
  g_autofree char *normalized = normalize_text (value);

  if (g_strcmp0 (self->texts[which], normalized) == 0)
    return;

  g_free (self->texts[which]);
  self->texts[which] = g_steal_pointer (&normalized);
  self->changed |= text_fields[which].field;
  g_object_notify_by_pspec (G_OBJECT (self), properties[text_fields[which].prop]);
}

static void
set_list (LfContact          *self,
          ListField           which,
          const char * const *value)
{
  g_auto(GStrv) normalized = normalize_list (value);

  if (lists_equal ((const char * const *) self->lists[which],
                   (const char * const *) normalized))
    return;

  g_strfreev (self->lists[which]);
  self->lists[which] = g_steal_pointer (&normalized);
  self->changed |= list_fields[which].field;
  g_object_notify_by_pspec (G_OBJECT (self), properties[list_fields[which].prop]);
}

static void
add_to_list (LfContact  *self,
             ListField   which,
             const char *value)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) merged = NULL;

  if (self->lists[which] != NULL)
    g_strv_builder_addv (builder, (const char **) self->lists[which]);
  g_strv_builder_add (builder, value);
  merged = g_strv_builder_end (builder);
  set_list (self, which, (const char * const *) merged);
}

static gboolean
channels_equal (GHashTable *a,
                GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b, key)) != 0)
      return FALSE;

  return TRUE;
}

static void
replace_channels (LfContact  *self,
                  GHashTable *channels)
{
  GHashTableIter iter;
  gpointer key, value;

  if (channels_equal (self->channels, channels))
    return;

  g_hash_table_remove_all (self->channels);
  g_hash_table_iter_init (&iter, channels);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (self->channels, g_strdup (key), g_strdup (value));

  self->changed |= LF_CONTACT_FIELD_CHANNELS;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNELS]);
}

static char *
digits_of (const char *s,
           gboolean    keep_plus)
{
  GString *out = g_string_new (NULL);

  for (; s != NULL && *s != '\0'; s++)
    if (g_ascii_isdigit (*s) || (keep_plus && *s == '+' && out->len == 0))
      g_string_append_c (out, *s);

  return g_string_free (out, FALSE);
}

static gboolean
looks_like_url (const char *s)
{
  return s != NULL && (g_str_has_prefix (s, "http://") || g_str_has_prefix (s, "https://"));
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_contact_finalize (GObject *object)
{
  LfContact *self = LF_CONTACT (object);

  g_free (self->id);
  for (guint i = 0; i < N_TEXTS; i++)
    g_free (self->texts[i]);
  for (guint i = 0; i < N_LISTS; i++)
    g_strfreev (self->lists[i]);
  g_hash_table_unref (self->channels);

  G_OBJECT_CLASS (lf_contact_parent_class)->finalize (object);
}

static int
text_for_prop (guint prop_id)
{
  for (guint i = 0; i < N_TEXTS; i++)
    if (text_fields[i].prop == prop_id)
      return i;
  return -1;
}

static int
list_for_prop (guint prop_id)
{
  for (guint i = 0; i < N_LISTS; i++)
    if (list_fields[i].prop == prop_id)
      return i;
  return -1;
}

static void
lf_contact_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LfContact *self = LF_CONTACT (object);
  int text = text_for_prop (prop_id);
  int list = list_for_prop (prop_id);

  if (text >= 0)
    g_value_set_string (value, self->texts[text]);
  else if (list >= 0)
    g_value_set_boxed (value, self->lists[list] ? self->lists[list] : (GStrv) empty_strv);
  else if (prop_id == PROP_ID)
    g_value_set_string (value, self->id);
  else if (prop_id == PROP_CHANNELS)
    g_value_set_boxed (value, self->channels);
  else if (prop_id == PROP_MODIFIED)
    g_value_set_int64 (value, self->modified);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lf_contact_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LfContact *self = LF_CONTACT (object);
  int text = text_for_prop (prop_id);
  int list = list_for_prop (prop_id);

  if (text >= 0)
    set_text (self, text, g_value_get_string (value));
  else if (list >= 0)
    set_list (self, list, g_value_get_boxed (value));
  else if (prop_id == PROP_ID)
    {
      const char *id = g_value_get_string (value);

      g_free (self->id);
      self->id = id != NULL ? g_strdup (id) : g_uuid_string_random ();
    }
  else if (prop_id == PROP_MODIFIED)
    lf_contact_set_modified (self, g_value_get_int64 (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lf_contact_class_init (LfContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lf_contact_finalize;
  object_class->get_property = lf_contact_get_property;
  object_class->set_property = lf_contact_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  for (guint i = 0; i < N_TEXTS; i++)
    properties[text_fields[i].prop] =
      g_param_spec_string (i == TEXT_GIVEN_NAME ? "given-name" : text_fields[i].json,
                           NULL, NULL, NULL, rw);
  for (guint i = 0; i < N_LISTS; i++)
    properties[list_fields[i].prop] =
      g_param_spec_boxed (list_fields[i].json, NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_CHANNELS] =
    g_param_spec_boxed ("channels", NULL, NULL, G_TYPE_HASH_TABLE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_int64 ("modified", NULL, NULL, 0, G_MAXINT64, 0, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lf_contact_init (LfContact *self)
{
  self->channels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

G_DEFINE_QUARK (lf-contact-error-quark, lf_contact_error)

/**
 * lf_contact_get_channel_kinds:
 *
 * Returns: (transfer none): the alternate channel kinds, in display order
 */
const char * const *
lf_contact_get_channel_kinds (void)
{
  return channel_kinds;
}

gboolean
lf_contact_is_channel_kind (const char *kind)
{
  return kind != NULL && g_strv_contains (channel_kinds, kind);
}

/**
 * lf_contact_channel_kind_label:
 * @kind: a channel kind, "email" or "phone"
 *
 * Returns: the translated, human name of @kind
 */
const char *
lf_contact_channel_kind_label (const char *kind)
{
  static const struct { const char *kind; const char *label; } labels[] = {
    { "email", N_("E-mail") },
    { "phone", N_("Phone") },
    { "slack", N_("Slack") },
    { "teams", N_("Microsoft Teams") },
    { "discord", N_("Discord") },
    { "whatsapp", N_("WhatsApp") },
    { "telegram", N_("Telegram") },
    { "signal", N_("Signal") },
    { "matrix", N_("Matrix") },
    { "skype", N_("Skype") },
    { "other", N_("Other") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].kind, kind) == 0)
      return _(labels[i].label);

  return kind;
}

LfContact *
lf_contact_new (void)
{
  return g_object_new (LF_TYPE_CONTACT, NULL);
}

/**
 * lf_contact_new_with_id:
 * @id: (nullable): the opaque id, or %NULL for a fresh random UUID
 */
LfContact *
lf_contact_new_with_id (const char *id)
{
  return g_object_new (LF_TYPE_CONTACT, "id", id, NULL);
}

static gboolean
read_string_member (JsonObject  *object,
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
                   _("The field “%s” must be text"), member);
      return FALSE;
    }

  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_list_member (JsonObject  *object,
                  const char  *member,
                  GStrv       *out,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, LF_CONTACT_ERROR, LF_CONTACT_ERROR_PARSE,
                   _("The field “%s” must be a list of texts"), member);
      return FALSE;
    }

  builder = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) ||
          json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_set_error (error, LF_CONTACT_ERROR, LF_CONTACT_ERROR_PARSE,
                       _("The field “%s” must be a list of texts"), member);
          return FALSE;
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

/**
 * lf_contact_new_from_json:
 * @object: a contact object as in the bundle of DESIGN.md
 * @error: return location for a #GError
 *
 * Reads a contact. Every member is optional; a member of the wrong type is an error. A
 * missing "id" gives the contact a fresh one. The returned contact has no changed fields.
 *
 * Returns: (transfer full): the contact, or %NULL with @error set
 */
LfContact *
lf_contact_new_from_json (JsonObject  *object,
                          GError     **error)
{
  g_autoptr(LfContact) self = NULL;
  const char *id = NULL;
  JsonNode *node;

  g_return_val_if_fail (object != NULL, NULL);

  if (!read_string_member (object, "id", &id, error))
    return NULL;
  if (id != NULL && (is_blank (id) || strlen (id) > 128))
    {
      g_set_error (error, LF_CONTACT_ERROR, LF_CONTACT_ERROR_PARSE,
                   _("The field “%s” is not a valid identifier"), "id");
      return NULL;
    }

  self = lf_contact_new_with_id (id);

  for (guint i = 0; i < N_TEXTS; i++)
    {
      const char *value;

      if (!read_string_member (object, text_fields[i].json, &value, error))
        return NULL;
      set_text (self, i, value);
    }

  for (guint i = 0; i < N_LISTS; i++)
    {
      g_auto(GStrv) value = NULL;

      if (!read_list_member (object, list_fields[i].json, &value, error))
        return NULL;
      set_list (self, i, (const char * const *) value);
    }

  node = json_object_get_member (object, "channels");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonObject *channels;
      g_autoptr(GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, LF_CONTACT_ERROR, LF_CONTACT_ERROR_PARSE,
                       _("The field “%s” must be an object of texts"), "channels");
          return NULL;
        }

      channels = json_node_get_object (node);
      members = json_object_get_members (channels);
      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *handle;

          if (!read_string_member (channels, l->data, &handle, error))
            return NULL;
          /* Unknown kinds from newer versions are kept as "other" only if that is free. */
          if (lf_contact_is_channel_kind (l->data))
            lf_contact_set_channel (self, l->data, handle);
          else if (handle != NULL && lf_contact_get_channel (self, "other") == NULL)
            lf_contact_set_channel (self, "other", handle);
        }
    }

  node = json_object_get_member (object, "modified");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        {
          g_set_error (error, LF_CONTACT_ERROR, LF_CONTACT_ERROR_PARSE,
                       _("The field “%s” must be a number"), "modified");
          return NULL;
        }
      self->modified = MAX (0, json_node_get_int (node));
    }

  self->changed = LF_CONTACT_FIELD_NONE;
  return g_steal_pointer (&self);
}

/**
 * lf_contact_to_json:
 *
 * Returns: (transfer full): the contact as a bundle contact object (empty fields left out)
 */
JsonObject *
lf_contact_to_json (LfContact *self)
{
  JsonObject *object;

  g_return_val_if_fail (LF_IS_CONTACT (self), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "id", self->id);

  for (guint i = 0; i < N_TEXTS; i++)
    if (self->texts[i] != NULL)
      json_object_set_string_member (object, text_fields[i].json, self->texts[i]);

  for (guint i = 0; i < N_LISTS; i++)
    if (self->lists[i] != NULL && self->lists[i][0] != NULL)
      {
        JsonArray *array = json_array_new ();

        for (guint j = 0; self->lists[i][j] != NULL; j++)
          json_array_add_string_element (array, self->lists[i][j]);
        json_object_set_array_member (object, list_fields[i].json, array);
      }

  if (g_hash_table_size (self->channels) > 0)
    {
      JsonObject *channels = json_object_new ();

      for (guint i = 0; channel_kinds[i] != NULL; i++)
        {
          const char *handle = g_hash_table_lookup (self->channels, channel_kinds[i]);

          if (handle != NULL)
            json_object_set_string_member (channels, channel_kinds[i], handle);
        }
      json_object_set_object_member (object, "channels", channels);
    }

  if (self->modified > 0)
    json_object_set_int_member (object, "modified", self->modified);

  return object;
}

/**
 * lf_contact_to_data:
 *
 * Returns: (transfer full): the contact as compact JSON text (what the keyring holds)
 */
char *
lf_contact_to_data (LfContact *self)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (LF_IS_CONTACT (self), NULL);

  json_node_take_object (root, lf_contact_to_json (self));
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

LfContact *
lf_contact_new_from_data (const char  *data,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL, NULL);

  if (!lf_json_parser_load (parser, data, -1, &local_error))
    {
      g_set_error (error, LF_CONTACT_ERROR, LF_CONTACT_ERROR_PARSE,
                   _("The stored contact is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, LF_CONTACT_ERROR, LF_CONTACT_ERROR_PARSE,
                           _("The stored contact is not a JSON object"));
      return NULL;
    }

  return lf_contact_new_from_json (json_node_get_object (root), error);
}

/**
 * lf_contact_copy:
 *
 * Returns: (transfer full): a copy with the same id and values, and no changed fields
 */
LfContact *
lf_contact_copy (LfContact *self)
{
  LfContact *copy;

  g_return_val_if_fail (LF_IS_CONTACT (self), NULL);

  copy = lf_contact_new_with_id (self->id);
  lf_contact_update_from (copy, self, LF_CONTACT_FIELD_ALL);
  copy->modified = self->modified;
  copy->changed = LF_CONTACT_FIELD_NONE;
  return copy;
}

/**
 * lf_contact_update_from:
 * @self: the contact to change
 * @other: the contact to take values from
 * @fields: which fields to take
 *
 * Copies @fields of @other into @self (notifying and marking them changed where they
 * differ). The id is not touched.
 */
void
lf_contact_update_from (LfContact       *self,
                        LfContact       *other,
                        LfContactFields  fields)
{
  g_return_if_fail (LF_IS_CONTACT (self));
  g_return_if_fail (LF_IS_CONTACT (other));

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < N_TEXTS; i++)
    if (fields & text_fields[i].field)
      set_text (self, i, other->texts[i]);
  for (guint i = 0; i < N_LISTS; i++)
    if (fields & list_fields[i].field)
      set_list (self, i, (const char * const *) other->lists[i]);
  if (fields & LF_CONTACT_FIELD_CHANNELS)
    replace_channels (self, other->channels);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * lf_contact_merge_from:
 * @self: the contact to complete
 * @other: another record of the same person (for example an imported duplicate)
 *
 * Fills what @self lacks from @other: empty text fields are taken, lists are joined
 * without duplicates, channels @self has no handle for are added. Nothing @self holds
 * is overwritten.
 */
void
lf_contact_merge_from (LfContact *self,
                       LfContact *other)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (LF_IS_CONTACT (self));
  g_return_if_fail (LF_IS_CONTACT (other));

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < N_TEXTS; i++)
    if (self->texts[i] == NULL && other->texts[i] != NULL)
      set_text (self, i, other->texts[i]);
  for (guint i = 0; i < N_LISTS; i++)
    for (guint j = 0; other->lists[i] != NULL && other->lists[i][j] != NULL; j++)
      add_to_list (self, i, other->lists[i][j]);
  g_hash_table_iter_init (&iter, other->channels);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_hash_table_lookup (self->channels, key) == NULL)
      lf_contact_set_channel (self, key, value);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
lf_contact_get_id (LfContact *self)
{
  g_return_val_if_fail (LF_IS_CONTACT (self), NULL);
  return self->id;
}

#define TEXT_ACCESSORS(field, FIELD)                                        \
  const char *                                                              \
  lf_contact_get_##field (LfContact *self)                                  \
  {                                                                         \
    g_return_val_if_fail (LF_IS_CONTACT (self), NULL);                      \
    return self->texts[TEXT_##FIELD];                                       \
  }                                                                         \
  void                                                                      \
  lf_contact_set_##field (LfContact  *self,                                 \
                          const char *value)                                \
  {                                                                         \
    g_return_if_fail (LF_IS_CONTACT (self));                                \
    set_text (self, TEXT_##FIELD, value);                                   \
  }

TEXT_ACCESSORS (name, NAME)
TEXT_ACCESSORS (company, COMPANY)
TEXT_ACCESSORS (role, ROLE)
TEXT_ACCESSORS (preferred, PREFERRED)
TEXT_ACCESSORS (timezone, TIMEZONE)
TEXT_ACCESSORS (language, LANGUAGE)
TEXT_ACCESSORS (notes, NOTES)
TEXT_ACCESSORS (webhook, WEBHOOK)
TEXT_ACCESSORS (given_name, GIVEN_NAME)

#define LIST_ACCESSORS(field, FIELD)                                        \
  const char * const *                                                      \
  lf_contact_get_##field (LfContact *self)                                  \
  {                                                                         \
    g_return_val_if_fail (LF_IS_CONTACT (self), NULL);                      \
    return self->lists[LIST_##FIELD] != NULL                                \
      ? (const char * const *) self->lists[LIST_##FIELD] : empty_strv;      \
  }                                                                         \
  void                                                                      \
  lf_contact_set_##field (LfContact          *self,                         \
                          const char * const *value)                        \
  {                                                                         \
    g_return_if_fail (LF_IS_CONTACT (self));                                \
    set_list (self, LIST_##FIELD, value);                                   \
  }

LIST_ACCESSORS (emails, EMAILS)
LIST_ACCESSORS (phones, PHONES)
LIST_ACCESSORS (platforms, PLATFORMS)
LIST_ACCESSORS (tags, TAGS)

void
lf_contact_add_email (LfContact  *self,
                      const char *email)
{
  g_return_if_fail (LF_IS_CONTACT (self));
  add_to_list (self, LIST_EMAILS, email);
}

void
lf_contact_add_phone (LfContact  *self,
                      const char *phone)
{
  g_return_if_fail (LF_IS_CONTACT (self));
  add_to_list (self, LIST_PHONES, phone);
}

/**
 * lf_contact_get_primary_email:
 *
 * Returns: (nullable): the first e-mail address
 */
const char *
lf_contact_get_primary_email (LfContact *self)
{
  g_return_val_if_fail (LF_IS_CONTACT (self), NULL);
  return self->lists[LIST_EMAILS] != NULL ? self->lists[LIST_EMAILS][0] : NULL;
}

gboolean
lf_contact_has_platform (LfContact  *self,
                         const char *platform_id)
{
  g_return_val_if_fail (LF_IS_CONTACT (self), FALSE);
  g_return_val_if_fail (platform_id != NULL, FALSE);

  return self->lists[LIST_PLATFORMS] != NULL &&
         g_strv_contains ((const char * const *) self->lists[LIST_PLATFORMS], platform_id);
}

/**
 * lf_contact_get_channels:
 *
 * Returns: (transfer none) (element-type utf8 utf8): channel kind → handle or link
 */
GHashTable *
lf_contact_get_channels (LfContact *self)
{
  g_return_val_if_fail (LF_IS_CONTACT (self), NULL);
  return self->channels;
}

const char *
lf_contact_get_channel (LfContact  *self,
                        const char *kind)
{
  g_return_val_if_fail (LF_IS_CONTACT (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  return g_hash_table_lookup (self->channels, kind);
}

/**
 * lf_contact_set_channel:
 * @kind: one of lf_contact_get_channel_kinds()
 * @handle: (nullable): a handle or link; %NULL or empty removes the channel
 */
void
lf_contact_set_channel (LfContact  *self,
                        const char *kind,
                        const char *handle)
{
  g_autofree char *normalized = NULL;

  g_return_if_fail (LF_IS_CONTACT (self));
  g_return_if_fail (lf_contact_is_channel_kind (kind));

  normalized = normalize_text (handle);
  if (g_strcmp0 (g_hash_table_lookup (self->channels, kind), normalized) == 0)
    return;

  if (normalized == NULL)
    g_hash_table_remove (self->channels, kind);
  else
    g_hash_table_insert (self->channels, g_strdup (kind), g_steal_pointer (&normalized));

  self->changed |= LF_CONTACT_FIELD_CHANNELS;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNELS]);
}

/**
 * lf_contact_get_channel_uri:
 * @kind: a channel kind, "email" or "phone"
 *
 * A link that opens a conversation on @kind: the handle itself when it is a web link, or
 * the service's documented link form (wa.me, t.me, signal.me, matrix.to, skype:, mailto:,
 * tel:).
 *
 * Returns: (transfer full) (nullable): the link, or %NULL when none can be made
 */
char *
lf_contact_get_channel_uri (LfContact  *self,
                            const char *kind)
{
  const char *handle;
  g_autofree char *digits = NULL;

  g_return_val_if_fail (LF_IS_CONTACT (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  if (g_str_equal (kind, "email"))
    {
      const char *email = lf_contact_get_primary_email (self);
      g_autofree char *escaped = NULL;

      if (email == NULL)
        return NULL;
      escaped = g_uri_escape_string (email, "@", FALSE);
      return g_strconcat ("mailto:", escaped, NULL);
    }

  if (g_str_equal (kind, "phone"))
    {
      if (self->lists[LIST_PHONES] == NULL)
        return NULL;
      digits = digits_of (self->lists[LIST_PHONES][0], TRUE);
      return g_strconcat ("tel:", digits, NULL);
    }

  handle = g_hash_table_lookup (self->channels, kind);
  if (handle == NULL)
    return NULL;

  if (looks_like_url (handle) || g_str_has_prefix (handle, "skype:") ||
      g_str_has_prefix (handle, "xmpp:") || g_str_has_prefix (handle, "matrix:"))
    return g_strdup (handle);

  digits = digits_of (handle, FALSE);

  if (g_str_equal (kind, "whatsapp") && strlen (digits) >= 5)
    return g_strconcat ("https://wa.me/", digits, NULL);
  if (g_str_equal (kind, "signal") && strlen (digits) >= 5)
    return g_strconcat ("https://signal.me/#p/+", digits, NULL);
  if (g_str_equal (kind, "telegram"))
    {
      const char *user = handle[0] == '@' ? handle + 1 : handle;

      if (strlen (digits) >= 5 && strlen (digits) + 3 >= strlen (user))
        return g_strconcat ("https://t.me/+", digits, NULL);
      return g_strconcat ("https://t.me/", user, NULL);
    }
  if (g_str_equal (kind, "matrix") && handle[0] == '@' && strchr (handle, ':') != NULL)
    return g_strconcat ("https://matrix.to/#/", handle, NULL);
  if (g_str_equal (kind, "skype"))
    return g_strconcat ("skype:", handle, "?chat", NULL);
  if (g_str_equal (kind, "teams") && strchr (handle, '@') != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (handle, "@", FALSE);

      return g_strconcat ("https://teams.microsoft.com/l/chat/0/0?users=", escaped, NULL);
    }

  return NULL;
}

/**
 * lf_contact_dup_greeting:
 *
 * Returns: (transfer full): the name a message greets the client by: the given name when
 *   set, else the first word of the name (the whole name when it is an e-mail address)
 */
char *
lf_contact_dup_greeting (LfContact *self)
{
  g_autofree char *name = NULL;
  char *space;

  g_return_val_if_fail (LF_IS_CONTACT (self), NULL);

  if (self->texts[TEXT_GIVEN_NAME] != NULL)
    return g_strdup (self->texts[TEXT_GIVEN_NAME]);

  name = g_strdup (self->texts[TEXT_NAME] != NULL ? self->texts[TEXT_NAME] : "");
  if (strchr (name, '@') == NULL && (space = strpbrk (name, " \t")) != NULL)
    *space = '\0';
  return g_steal_pointer (&name);
}

gint64
lf_contact_get_modified (LfContact *self)
{
  g_return_val_if_fail (LF_IS_CONTACT (self), 0);
  return self->modified;
}

void
lf_contact_set_modified (LfContact *self,
                         gint64     modified)
{
  g_return_if_fail (LF_IS_CONTACT (self));

  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/**
 * lf_contact_get_changed_fields:
 *
 * Returns: the fields set to a different value since the contact was loaded (or since
 *   lf_contact_clear_changed())
 */
LfContactFields
lf_contact_get_changed_fields (LfContact *self)
{
  g_return_val_if_fail (LF_IS_CONTACT (self), 0);
  return self->changed;
}

void
lf_contact_mark_changed (LfContact       *self,
                         LfContactFields  fields)
{
  g_return_if_fail (LF_IS_CONTACT (self));
  self->changed |= fields;
}

void
lf_contact_clear_changed (LfContact *self)
{
  g_return_if_fail (LF_IS_CONTACT (self));
  self->changed = LF_CONTACT_FIELD_NONE;
}

/**
 * lf_contact_matches:
 * @needle: (nullable): what the user typed in the search entry
 *
 * Returns: %TRUE if @needle is empty or found (case-insensitively) in the name, company,
 *   role, an e-mail address, a phone number, a tag, a platform or a channel handle
 */
gboolean
lf_contact_matches (LfContact  *self,
                    const char *needle)
{
  g_autofree char *folded = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (LF_IS_CONTACT (self), FALSE);

  if (is_blank (needle))
    return TRUE;

  folded = g_utf8_casefold (needle, -1);

#define CHECK(s)                                                            \
  G_STMT_START {                                                            \
    if ((s) != NULL)                                                        \
      {                                                                     \
        g_autofree char *hay = g_utf8_casefold ((s), -1);                   \
        if (strstr (hay, folded) != NULL)                                   \
          return TRUE;                                                      \
      }                                                                     \
  } G_STMT_END

  CHECK (self->texts[TEXT_NAME]);
  CHECK (self->texts[TEXT_COMPANY]);
  CHECK (self->texts[TEXT_ROLE]);
  CHECK (self->texts[TEXT_GIVEN_NAME]);
  for (guint i = 0; i < N_LISTS; i++)
    for (guint j = 0; self->lists[i] != NULL && self->lists[i][j] != NULL; j++)
      CHECK (self->lists[i][j]);
  g_hash_table_iter_init (&iter, self->channels);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    CHECK ((const char *) value);

#undef CHECK

  return FALSE;
}

/**
 * lf_contact_equal:
 *
 * Returns: %TRUE if @a and @b hold the same values (ids and modification times aside)
 */
gboolean
lf_contact_equal (LfContact *a,
                  LfContact *b)
{
  g_return_val_if_fail (LF_IS_CONTACT (a), FALSE);
  g_return_val_if_fail (LF_IS_CONTACT (b), FALSE);

  for (guint i = 0; i < N_TEXTS; i++)
    if (g_strcmp0 (a->texts[i], b->texts[i]) != 0)
      return FALSE;
  for (guint i = 0; i < N_LISTS; i++)
    if (!lists_equal ((const char * const *) a->lists[i], (const char * const *) b->lists[i]))
      return FALSE;
  return channels_equal (a->channels, b->channels);
}


/**
 * lf_contact_validate:
 *
 * Checks the whole contact: a name, valid e-mail addresses and phone numbers, web links
 * where a link is expected, a known preferred channel.
 */
gboolean
lf_contact_validate (LfContact  *self,
                     GError    **error)
{
  const char *preferred;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (LF_IS_CONTACT (self), FALSE);

  if (self->texts[TEXT_NAME] == NULL)
    {
      g_set_error_literal (error, LF_CONTACT_ERROR, LF_CONTACT_ERROR_INVALID,
                           _("Name: a client needs a name"));
      return FALSE;
    }

  for (guint i = 0; self->lists[LIST_EMAILS] && self->lists[LIST_EMAILS][i]; i++)
    if (!lf_contact_validate_email (self->lists[LIST_EMAILS][i], error))
      return FALSE;

  for (guint i = 0; self->lists[LIST_PHONES] && self->lists[LIST_PHONES][i]; i++)
    if (!lf_contact_validate_phone (self->lists[LIST_PHONES][i], error))
      return FALSE;

  if (self->texts[TEXT_WEBHOOK] != NULL &&
      !lf_contact_validate_url (self->texts[TEXT_WEBHOOK], error))
    return FALSE;

  g_hash_table_iter_init (&iter, self->channels);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (strstr (value, "://") != NULL && !lf_contact_validate_url (value, error))
      return FALSE;

  preferred = self->texts[TEXT_PREFERRED];
  if (preferred != NULL && !g_str_equal (preferred, "email") &&
      !g_str_equal (preferred, "phone") && !lf_contact_is_channel_kind (preferred))
    {
      g_set_error (error, LF_CONTACT_ERROR, LF_CONTACT_ERROR_INVALID,
                   _("Preferred channel: “%s” is not a known channel"), preferred);
      return FALSE;
    }

  return TRUE;
}
