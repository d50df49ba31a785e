/* lf-template.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-template"

#include "config.h"

#include "lf-template.h"
#include "lf-template-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* A template is a subject and a body in a default language, plus optional variants in
 * other languages. Placeholders are written {name}; "{{" and "}}" are literal braces.
 *
 * Rendering is strict: an unknown placeholder or a stray brace is an error, never sent as
 * raw text. Values are always made single-line (control characters, CR/LF, Unicode line
 * separators collapse to one space), so a client's name cannot start a new mail header or
 * fake a paragraph; the subject as a whole is single-line too.
 */

typedef struct
{
  char *subject;
  char *body;
} Variant;

struct _LfTemplate
{
  GObject     parent_instance;

  char       *id;
  char       *name;
  char       *language;
  char       *subject;
  char       *body;
  GHashTable *variants;  /* normalised language → Variant */
};

G_DEFINE_FINAL_TYPE (LfTemplate, lf_template, G_TYPE_OBJECT)

G_DEFINE_QUARK (lf-template-error-quark, lf_template_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_LANGUAGE,
  PROP_SUBJECT,
  PROP_BODY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
variant_free (gpointer data)
{
  Variant *variant = data;

  g_free (variant->subject);
  g_free (variant->body);
  g_free (variant);
}

/* "de_DE.UTF-8" → "de-de", "pt-BR" → "pt-br", NULL/"" → NULL */
char *
lf_template_normalise_language (const char *language)
{
  GString *out;

  if (language == NULL || *language == '\0')
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = language; *p != '\0' && *p != '.' && *p != '@'; p++)
    {
      if (*p == '_')
        g_string_append_c (out, '-');
      else if (g_ascii_isalnum (*p) || *p == '-')
        g_string_append_c (out, g_ascii_tolower (*p));
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

char *
lf_template_primary_subtag (const char *normalised)
{
  const char *dash = strchr (normalised, '-');

  return dash != NULL ? g_strndup (normalised, dash - normalised) : g_strdup (normalised);
}


static gboolean
get_string_member (JsonObject  *object,
                   const char  *member,
                   gboolean     required,
                   const char **out,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        g_set_error (error, LF_TEMPLATE_ERROR, LF_TEMPLATE_ERROR_INVALID,
                     "A template needs a string “%s”", member);
      return !required;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, LF_TEMPLATE_ERROR, LF_TEMPLATE_ERROR_INVALID,
                   "“%s” of a template must be a string", member);
      return FALSE;
    }

  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
set_string (char       **slot,
            const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;

  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_template_finalize (GObject *object)
{
  LfTemplate *self = LF_TEMPLATE (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->language);
  g_free (self->subject);
  g_free (self->body);
  g_clear_pointer (&self->variants, g_hash_table_unref);

  G_OBJECT_CLASS (lf_template_parent_class)->finalize (object);
}

static void
lf_template_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LfTemplate *self = LF_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_template_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LfTemplate *self = LF_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_NAME:
      lf_template_set_name (self, g_value_get_string (value));
      break;
    case PROP_LANGUAGE:
      g_free (self->language);
      self->language = lf_template_normalise_language (g_value_get_string (value));
      if (self->language == NULL)
        self->language = g_strdup ("en");
      break;
    case PROP_SUBJECT:
      lf_template_set_subject (self, g_value_get_string (value));
      break;
    case PROP_BODY:
      lf_template_set_body (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_template_class_init (LfTemplateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lf_template_finalize;
  object_class->get_property = lf_template_get_property;
  object_class->set_property = lf_template_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "en",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBJECT] =
    g_param_spec_string ("subject", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lf_template_init (LfTemplate *self)
{
  self->variants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, variant_free);
  self->subject = g_strdup ("");
  self->body = g_strdup ("");
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_template_new:
 * @id: a stable identifier such as "outage"
 * @name: the name shown to the user
 * @language: (nullable): the language of @subject and @body (default "en")
 * @subject: the subject
 * @body: the body
 */
LfTemplate *
lf_template_new (const char *id,
                 const char *name,
                 const char *language,
                 const char *subject,
                 const char *body)
{
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  return g_object_new (LF_TYPE_TEMPLATE,
                       "id", id,
                       "name", name != NULL ? name : id,
                       "language", language,
                       "subject", subject,
                       "body", body,
                       NULL);
}

/**
 * lf_template_new_from_json:
 * @object: { "id", "name", "subject", "body", "language"?, "variants"? } where variants
 *   maps a language to { "subject", "body" } (the bundle's templates are a subset)
 */
LfTemplate *
lf_template_new_from_json (JsonObject  *object,
                           GError     **error)
{
  g_autoptr(LfTemplate) self = NULL;
  const char *id, *name, *language, *subject, *body;
  JsonNode *node;

  g_return_val_if_fail (object != NULL, NULL);

  if (!get_string_member (object, "id", TRUE, &id, error) ||
      !get_string_member (object, "name", FALSE, &name, error) ||
      !get_string_member (object, "language", FALSE, &language, error) ||
      !get_string_member (object, "subject", TRUE, &subject, error) ||
      !get_string_member (object, "body", TRUE, &body, error))
    return NULL;

  if (*id == '\0')
    {
      g_set_error (error, LF_TEMPLATE_ERROR, LF_TEMPLATE_ERROR_INVALID,
                   "A template needs a non-empty “id”");
      return NULL;
    }

  self = lf_template_new (id, name, language, subject, body);

  node = json_object_get_member (object, "variants");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonObject *variants;
      g_autoptr(GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, LF_TEMPLATE_ERROR, LF_TEMPLATE_ERROR_INVALID,
                       "“variants” of a template must be an object");
          return NULL;
        }

      variants = json_node_get_object (node);
      members = json_object_get_members (variants);
      for (const GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *vnode = json_object_get_member (variants, l->data);
          const char *vsubject, *vbody;

          if (!JSON_NODE_HOLDS_OBJECT (vnode))
            {
              g_set_error (error, LF_TEMPLATE_ERROR, LF_TEMPLATE_ERROR_INVALID,
                           "The variant “%s” must be an object", (char *) l->data);
              return NULL;
            }
          if (!get_string_member (json_node_get_object (vnode), "subject", TRUE,
                                  &vsubject, error) ||
              !get_string_member (json_node_get_object (vnode), "body", TRUE, &vbody, error))
            return NULL;

          lf_template_set_variant (self, l->data, vsubject, vbody);
        }
    }

  return g_steal_pointer (&self);
}

JsonObject *
lf_template_to_json (LfTemplate *self)
{
  JsonObject *object;

  g_return_val_if_fail (LF_IS_TEMPLATE (self), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "id", self->id);
  json_object_set_string_member (object, "name", self->name);
  json_object_set_string_member (object, "language", self->language);
  json_object_set_string_member (object, "subject", self->subject);
  json_object_set_string_member (object, "body", self->body);

  if (g_hash_table_size (self->variants) > 0)
    {
      JsonObject *variants = json_object_new ();
      g_auto(GStrv) languages = lf_template_dup_languages (self);

      for (guint i = 0; languages[i] != NULL; i++)
        {
          Variant *variant = g_hash_table_lookup (self->variants, languages[i]);
          JsonObject *vobject;

          if (variant == NULL)
            continue;

          vobject = json_object_new ();
          json_object_set_string_member (vobject, "subject", variant->subject);
          json_object_set_string_member (vobject, "body", variant->body);
          json_object_set_object_member (variants, languages[i], vobject);
        }
      json_object_set_object_member (object, "variants", variants);
    }

  return object;
}

LfTemplate *
lf_template_copy (LfTemplate *self)
{
  LfTemplate *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (LF_IS_TEMPLATE (self), NULL);

  copy = lf_template_new (self->id, self->name, self->language, self->subject, self->body);
  g_hash_table_iter_init (&iter, self->variants);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Variant *variant = value;

      lf_template_set_variant (copy, key, variant->subject, variant->body);
    }

  return copy;
}

gboolean
lf_template_equal (LfTemplate *a,
                   LfTemplate *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (LF_IS_TEMPLATE (a), FALSE);
  g_return_val_if_fail (LF_IS_TEMPLATE (b), FALSE);

  if (g_strcmp0 (a->id, b->id) != 0 || g_strcmp0 (a->name, b->name) != 0 ||
      g_strcmp0 (a->language, b->language) != 0 ||
      g_strcmp0 (a->subject, b->subject) != 0 || g_strcmp0 (a->body, b->body) != 0 ||
      g_hash_table_size (a->variants) != g_hash_table_size (b->variants))
    return FALSE;

  g_hash_table_iter_init (&iter, a->variants);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Variant *va = value;
      Variant *vb = g_hash_table_lookup (b->variants, key);

      if (vb == NULL || g_strcmp0 (va->subject, vb->subject) != 0 ||
          g_strcmp0 (va->body, vb->body) != 0)
        return FALSE;
    }

  return TRUE;
}

const char *
lf_template_get_id (LfTemplate *self)
{
  g_return_val_if_fail (LF_IS_TEMPLATE (self), NULL);

  return self->id;
}

const char *
lf_template_get_name (LfTemplate *self)
{
  g_return_val_if_fail (LF_IS_TEMPLATE (self), NULL);

  return self->name;
}

void
lf_template_set_name (LfTemplate *self,
                      const char *name)
{
  g_return_if_fail (LF_IS_TEMPLATE (self));

  if (set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
lf_template_get_language (LfTemplate *self)
{
  g_return_val_if_fail (LF_IS_TEMPLATE (self), NULL);

  return self->language;
}

const char *
lf_template_get_subject (LfTemplate *self)
{
  g_return_val_if_fail (LF_IS_TEMPLATE (self), NULL);

  return self->subject;
}

void
lf_template_set_subject (LfTemplate *self,
                         const char *subject)
{
  g_return_if_fail (LF_IS_TEMPLATE (self));

  if (set_string (&self->subject, subject != NULL ? subject : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBJECT]);
}

const char *
lf_template_get_body (LfTemplate *self)
{
  g_return_val_if_fail (LF_IS_TEMPLATE (self), NULL);

  return self->body;
}

void
lf_template_set_body (LfTemplate *self,
                      const char *body)
{
  g_return_if_fail (LF_IS_TEMPLATE (self));

  if (set_string (&self->body, body != NULL ? body : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

/**
 * lf_template_set_variant:
 * @language: a language such as "de" (normalised: "de_DE" becomes "de-de")
 * @subject: (nullable): the translated subject, or %NULL to remove the variant
 * @body: (nullable): the translated body
 */
void
lf_template_set_variant (LfTemplate *self,
                         const char *language,
                         const char *subject,
                         const char *body)
{
  g_autofree char *key = lf_template_normalise_language (language);
  Variant *variant;

  g_return_if_fail (LF_IS_TEMPLATE (self));
  g_return_if_fail (key != NULL);

  if (subject == NULL)
    {
      g_hash_table_remove (self->variants, key);
      return;
    }

  variant = g_new0 (Variant, 1);
  variant->subject = g_strdup (subject);
  variant->body = g_strdup (body != NULL ? body : "");
  g_hash_table_insert (self->variants, g_steal_pointer (&key), variant);
}

gboolean
lf_template_get_variant (LfTemplate  *self,
                         const char  *language,
                         const char **subject,
                         const char **body)
{
  g_autofree char *key = lf_template_normalise_language (language);
  Variant *variant;

  g_return_val_if_fail (LF_IS_TEMPLATE (self), FALSE);

  if (key == NULL)
    return FALSE;

  if (g_str_equal (key, self->language))
    {
      if (subject != NULL)
        *subject = self->subject;
      if (body != NULL)
        *body = self->body;
      return TRUE;
    }

  variant = g_hash_table_lookup (self->variants, key);
  if (variant == NULL)
    return FALSE;

  if (subject != NULL)
    *subject = variant->subject;
  if (body != NULL)
    *body = variant->body;
  return TRUE;
}

/**
 * lf_template_dup_languages:
 *
 * Returns: (transfer full): the default language first, then the variants' languages sorted
 */
GStrv
lf_template_dup_languages (LfTemplate *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree const char **keys = NULL;
  guint n = 0;

  g_return_val_if_fail (LF_IS_TEMPLATE (self), NULL);

  g_strv_builder_add (builder, self->language);
  keys = (const char **) g_hash_table_get_keys_as_array (self->variants, &n);
  qsort (keys, n, sizeof (char *), compare_strings);
  for (guint i = 0; i < n; i++)
    if (!g_str_equal (keys[i], self->language))
      g_strv_builder_add (builder, keys[i]);

  return g_strv_builder_end (builder);
}

/**
 * lf_template_pick_language:
 * @wanted: (nullable): the recipient's language ("de", "de-AT", "de_DE.UTF-8"…)
 *
 * The language a message for @wanted is rendered in: an exact variant, else one with the
 * same primary language ("de" for "de-AT", or "de-de" for "de"), else the default.
 *
 * Returns: (transfer none): a language of the template
 */
const char *
lf_template_pick_language (LfTemplate *self,
                           const char *wanted)
{
  g_autofree char *key = lf_template_normalise_language (wanted);
  g_autofree char *primary = NULL;
  GHashTableIter iter;
  gpointer hkey;
  g_autofree char *default_primary = NULL;

  g_return_val_if_fail (LF_IS_TEMPLATE (self), NULL);

  if (key == NULL)
    return self->language;

  if (g_str_equal (key, self->language))
    return self->language;
  if (g_hash_table_lookup_extended (self->variants, key, &hkey, NULL))
    return hkey;

  primary = lf_template_primary_subtag (key);
  default_primary = lf_template_primary_subtag (self->language);
  if (g_str_equal (primary, self->language))
    return self->language;
  if (g_hash_table_lookup_extended (self->variants, primary, &hkey, NULL))
    return hkey;
  if (g_str_equal (primary, default_primary))
    return self->language;

  g_hash_table_iter_init (&iter, self->variants);
  while (g_hash_table_iter_next (&iter, &hkey, NULL))
    {
      g_autofree char *variant_primary = lf_template_primary_subtag (hkey);

      if (g_str_equal (variant_primary, primary))
        return hkey;
    }

  return self->language;
}

