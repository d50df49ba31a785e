/* lf-catalog-parse.c — the strict reader of the catalog format
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-catalog"

#include "config.h"

#include "lf-catalog-private.h"
#include "lf-json.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>

/* Where we are in the file, for error messages. */
typedef struct
{
  const char *source;
  const char *section;
  guint       index;
  const char *id;
} Where;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

G_GNUC_PRINTF (3, 4)
static gboolean
fail (GError      **error,
      const Where  *where,
      const char   *format,
      ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  if (where->section == NULL)
    g_set_error (error, LF_CATALOG_ERROR, LF_CATALOG_ERROR_INVALID, "%s: %s",
                 where->source, problem);
  else if (where->id == NULL)
    g_set_error (error, LF_CATALOG_ERROR, LF_CATALOG_ERROR_INVALID, "%s: %s[%u]: %s",
                 where->source, where->section, where->index, problem);
  else
    g_set_error (error, LF_CATALOG_ERROR, LF_CATALOG_ERROR_INVALID, "%s: %s[%u] \"%s\": %s",
                 where->source, where->section, where->index, where->id, problem);

  return FALSE;
}

static const char *
node_type_name (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT: return "an object";
    case JSON_NODE_ARRAY: return "an array";
    case JSON_NODE_NULL: return "null";
    case JSON_NODE_VALUE:
    default:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return "a string";
      if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        return "a boolean";
      return "a number";
    }
}

/* A string member. Missing: NULL and TRUE unless @required. */
static gboolean
read_string (JsonObject   *obj,
             const char   *member,
             gboolean      required,
             const Where  *where,
             const char  **out,
             GError      **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  *out = NULL;
  if (node == NULL)
    return required ? fail (error, where, _("\"%s\" is missing"), member) : TRUE;

  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (error, where, _("\"%s\" must be a string, not %s"), member,
                 node_type_name (node));

  *out = json_node_get_string (node);
  if (required && **out == '\0')
    return fail (error, where, _("\"%s\" is empty"), member);

  return TRUE;
}

static gboolean
read_uint (JsonObject  *obj,
           const char  *member,
           guint        min,
           guint        max,
           const Where *where,
           guint       *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);
  gint64 value;

  if (node == NULL)
    return TRUE;

  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (error, where, _("\"%s\" must be a whole number, not %s"), member,
                 node_type_name (node));

  value = json_node_get_int (node);
  if (value < min || value > max)
    return fail (error, where, _("\"%s\" must be between %u and %u"), member, min, max);

  *out = (guint) value;
  return TRUE;
}

static gboolean
read_strv (JsonObject   *obj,
           const char   *member,
           const Where  *where,
           char       ***out,
           GError      **error)
{
  JsonNode *node = json_object_get_member (obj, member);
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  *out = NULL;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, where, _("\"%s\" must be an array of strings, not %s"), member,
                 node_type_name (node));

  array = json_node_get_array (node);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_TYPE (element) != JSON_NODE_VALUE ||
          json_node_get_value_type (element) != G_TYPE_STRING)
        return fail (error, where, _("\"%s\"[%u] must be a string, not %s"), member, i,
                     node_type_name (element));
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
check_id (const char  *id,
          const Where *where,
          GError     **error)
{
  for (const char *p = id; *p != '\0'; p++)
    {
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-' && *p != '_' && *p != '.')
        return fail (error, where,
                     _("\"id\" may only hold lower-case letters, digits, \"-\", \"_\" and \".\""));
    }

  return TRUE;
}

static gboolean
check_url (const char  *url,
           const char  *member,
           const Where *where,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    return fail (error, where, _("\"%s\" is not a valid address: %s"), member,
                 local_error->message);

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return fail (error, where, _("\"%s\" must be an http or https address, not “%s”"), member,
                 url);

  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return fail (error, where, _("\"%s\" has no host name: “%s”"), member, url);

  return TRUE;
}

static LfStatusSpec *
parse_status (JsonObject  *parent,
              const Where *where,
              GError     **error)
{
  JsonNode *node = json_object_get_member (parent, "status");
  JsonObject *obj;
  const char *kind_str;
  const char *url;
  const char *page;
  g_auto(GStrv) components = NULL;
  LfStatusKind kind;
  LfStatusSpec *spec;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (error, where, _("\"status\" must be an object, not %s"), node_type_name (node));
      return NULL;
    }

  obj = json_node_get_object (node);
  if (!read_string (obj, "kind", TRUE, where, &kind_str, error))
    return NULL;
  if (!lf_status_kind_from_string (kind_str, &kind))
    {
      fail (error, where,
            _("unknown status kind “%s” (expected statuspage, statusio, slack, incidentio, "
              "google-workspace or instatus)"), kind_str);
      return NULL;
    }

  if (!read_string (obj, "url", TRUE, where, &url, error) ||
      !check_url (url, "status.url", where, error) ||
      !read_string (obj, "page", FALSE, where, &page, error) ||
      (page != NULL && !check_url (page, "status.page", where, error)) ||
      !read_strv (obj, "components", where, &components, error))
    return NULL;

  spec = lf_status_spec_new (kind, url, page, NULL);
  spec->components = g_steal_pointer (&components);

  return spec;
}

static LfCatalogReference *
parse_reference (JsonObject  *obj,
                 Where       *where,
                 GError     **error)
{
  g_autoptr(LfCatalogReference) reference = g_new0 (LfCatalogReference, 1);
  const char *id, *name, *url, *provider;

  if (!read_string (obj, "id", TRUE, where, &id, error))
    return NULL;
  where->id = id;
  if (!check_id (id, where, error) ||
      !read_string (obj, "name", TRUE, where, &name, error) ||
      !read_string (obj, "url", TRUE, where, &url, error) ||
      !check_url (url, "url", where, error) ||
      !read_string (obj, "provider", FALSE, where, &provider, error) ||
      !read_uint (obj, "expect_status", 100, 599, where, &reference->expect_status, error))
    return NULL;

  reference->id = g_strdup (id);
  reference->name = g_strdup (name);
  reference->url = g_strdup (url);
  reference->provider = g_strdup (provider);

  return g_steal_pointer (&reference);
}

static LfCatalogProvider *
parse_provider (JsonObject  *obj,
                Where       *where,
                GError     **error)
{
  g_autoptr(LfCatalogProvider) provider = g_new0 (LfCatalogProvider, 1);
  g_autoptr(GError) local_error = NULL;
  const char *id, *name;

  if (!read_string (obj, "id", TRUE, where, &id, error))
    return NULL;
  where->id = id;
  if (!check_id (id, where, error) ||
      !read_string (obj, "name", TRUE, where, &name, error))
    return NULL;

  provider->status = parse_status (obj, where, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  provider->id = g_strdup (id);
  provider->name = g_strdup (name);

  return g_steal_pointer (&provider);
}

static LfProbeSpec *
parse_probe (JsonNode    *node,
             guint        index,
             const Where *where,
             GError     **error)
{
  JsonObject *obj;
  const char *url, *method;
  guint expect = 0;
  g_autofree char *member = g_strdup_printf ("probes[%u].url", index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (error, where, _("\"probes\"[%u] must be an object, not %s"), index,
            node_type_name (node));
      return NULL;
    }

  obj = json_node_get_object (node);
  if (!read_string (obj, "url", TRUE, where, &url, error) ||
      !check_url (url, member, where, error) ||
      !read_string (obj, "method", FALSE, where, &method, error) ||
      !read_uint (obj, "expect_status", 100, 599, where, &expect, error))
    return NULL;

  if (method != NULL && strcmp (method, "GET") != 0 && strcmp (method, "HEAD") != 0)
    {
      fail (error, where, _("\"probes\"[%u].method must be \"GET\" or \"HEAD\", not “%s”"),
            index, method);
      return NULL;
    }

  return lf_probe_spec_new (url, method ? method : "GET", expect);
}

static LfCatalogPlatform *
parse_platform (JsonObject  *obj,
                Where       *where,
                GError     **error)
{
  g_autoptr(LfCatalogPlatform) platform = lf_catalog_platform_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) providers = NULL;
  const char *id, *name, *category;
  JsonNode *probes;
  JsonNode *custom;

  if (!read_string (obj, "id", TRUE, where, &id, error))
    return NULL;
  where->id = id;
  if (!check_id (id, where, error) ||
      !read_string (obj, "name", TRUE, where, &name, error) ||
      !read_string (obj, "category", TRUE, where, &category, error) ||
      !read_strv (obj, "providers", where, &providers, error) ||
      !read_uint (obj, "slow_ms", 1, 600000, where, &platform->slow_ms, error))
    return NULL;

  probes = json_object_get_member (obj, "probes");
  if (probes == NULL)
    {
      fail (error, where, _("\"probes\" is missing"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (probes))
    {
      fail (error, where, _("\"probes\" must be an array, not %s"), node_type_name (probes));
      return NULL;
    }
  if (json_array_get_length (json_node_get_array (probes)) == 0)
    {
      fail (error, where, _("\"probes\" is empty: a platform needs at least one probe"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (probes)); i++)
    {
      LfProbeSpec *probe = parse_probe (json_array_get_element (json_node_get_array (probes), i),
                                        i, where, error);

      if (probe == NULL)
        return NULL;
      g_ptr_array_add (platform->probes, probe);
    }

  custom = json_object_get_member (obj, "custom");
  if (custom != NULL)
    {
      if (JSON_NODE_TYPE (custom) != JSON_NODE_VALUE ||
          json_node_get_value_type (custom) != G_TYPE_BOOLEAN)
        {
          fail (error, where, _("\"custom\" must be a boolean, not %s"), node_type_name (custom));
          return NULL;
        }
      platform->custom = json_node_get_boolean (custom);
    }

  platform->status = parse_status (obj, where, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  platform->id = g_strdup (id);
  platform->name = g_strdup (name);
  platform->category = g_strdup (category);
  if (providers != NULL)
    {
      g_strfreev (platform->providers);
      platform->providers = g_steal_pointer (&providers);
    }
  platform->source = g_strdup (where->source);

  return g_steal_pointer (&platform);
}

typedef gpointer (*ParseEntry) (JsonObject *obj, Where *where, GError **error);

static gboolean
parse_section (JsonObject  *root,
               const char  *section,
               const char  *source,
               ParseEntry   parse,
               GPtrArray   *out,
               GError     **error)
{
  JsonNode *node = json_object_get_member (root, section);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  Where where = { source, NULL, 0, NULL };
  JsonArray *array;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, &where, _("\"%s\" must be an array, not %s"), section,
                 node_type_name (node));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gpointer entry;
      const char *id;

      where.section = section;
      where.index = i;
      where.id = NULL;
      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (error, &where, _("must be an object, not %s"), node_type_name (element));

      entry = parse (json_node_get_object (element), &where, error);
      if (entry == NULL)
        return FALSE;

      g_ptr_array_add (out, entry);
      /* Every entry type starts with its id. */
      id = *(const char **) entry;
      if (!g_hash_table_add (seen, (gpointer) id))
        return fail (error, &where, _("duplicate id (an earlier entry has the same id)"));
    }

  return TRUE;
}

/* @check_refs: whether provider references must resolve within this file (a full catalog),
 * or are checked later against the merged catalog (a user file of additions). */
LfCatalog *
lf_catalog_parse (const char  *data,
                  gssize       length,
                  const char  *source,
                  gboolean     check_refs,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(LfCatalog) catalog = NULL;
  g_autoptr(GError) local_error = NULL;
  Where where = { source, NULL, 0, NULL };
  JsonNode *root;
  JsonObject *obj;
  JsonNode *version;

  if (!lf_json_parser_load (parser, data, length, &local_error))
    {
      fail (error, &where, _("not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (error, &where, _("the catalog must be a JSON object"));
      return NULL;
    }

  obj = json_node_get_object (root);
  version = json_object_get_member (obj, "version");
  if (version == NULL)
    {
      fail (error, &where, _("\"version\" is missing"));
      return NULL;
    }
  if (JSON_NODE_TYPE (version) != JSON_NODE_VALUE ||
      json_node_get_value_type (version) != G_TYPE_INT64)
    {
      fail (error, &where, _("\"version\" must be a whole number, not %s"),
            node_type_name (version));
      return NULL;
    }
  if (json_node_get_int (version) != LF_CATALOG_VERSION)
    {
      fail (error, &where, _("unsupported catalog version %" G_GINT64_FORMAT " (expected %d)"),
            json_node_get_int (version), LF_CATALOG_VERSION);
      return NULL;
    }

  catalog = lf_catalog_new ();
  catalog->source = g_strdup (source);
  if (!parse_section (obj, "references", source, (ParseEntry) parse_reference,
                      catalog->references, error) ||
      !parse_section (obj, "providers", source, (ParseEntry) parse_provider,
                      catalog->providers, error) ||
      !parse_section (obj, "platforms", source, (ParseEntry) parse_platform,
                      catalog->platforms, error))
    return NULL;

  if (check_refs && !lf_catalog_validate (catalog, source, error))
    return NULL;

  return g_steal_pointer (&catalog);
}

/* Every provider the platforms of @entries name must exist in @known. */
gboolean
lf_catalog_validate_provider_refs (LfCatalog   *entries,
                                   LfCatalog   *known,
                                   const char  *source_name,
                                   GError     **error)
{
  for (guint i = 0; i < entries->platforms->len; i++)
    {
      LfCatalogPlatform *platform = g_ptr_array_index (entries->platforms, i);

      for (guint j = 0; platform->providers[j] != NULL; j++)
        {
          if (lf_catalog_lookup_provider (known, platform->providers[j]) == NULL)
            {
              Where where = { source_name ? source_name
                                          : platform->source ? platform->source
                                                             : entries->source ? entries->source
                                                                               : "catalog",
                              "platforms", i, platform->id };

              return fail (error, &where, _("unknown provider “%s” in \"providers\""),
                           platform->providers[j]);
            }
        }
    }

  return TRUE;
}
