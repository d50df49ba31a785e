/* lf-catalog.c — what Lifeline watches: references, providers and platforms
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-catalog"

#include "config.h"

#include "lf-catalog.h"
#include "lf-json.h"
#include "lf-storage.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>

/* The catalog format is DESIGN.md's ("version": 1, "references", "providers", "platforms").
 * The built-in catalog (data/catalog.json in lf-core's resource) is merged with the user's
 * file ($XDG_CONFIG_HOME/lifeline/catalog.json), whose entries add to or replace built-in ones
 * with the same id; `--catalog FILE` replaces both for one run.
 *
 * Every problem is reported with the file, the entry and what is wrong, e.g.
 *   /home/sam/.config/lifeline/catalog.json: platforms[3] "upwork": "probes" is missing
 * Unknown members are ignored, so newer catalogs still load.
 */

#define MAX_CATALOG_FILE (4 * 1024 * 1024)
#define BUILTIN_NAME "catalog.json (built in)"

G_DEFINE_QUARK (lf-catalog-error-quark, lf_catalog_error)
G_DEFINE_BOXED_TYPE (LfCatalog, lf_catalog, lf_catalog_ref, lf_catalog_unref)

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
static LfCatalog *
parse_catalog (const char  *data,
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

static void
replace_or_append (GPtrArray *into,
                   gpointer   entry,
                   gpointer (*copy) (gconstpointer))
{
  const char *id = *(const char **) entry;

  for (guint i = 0; i < into->len; i++)
    {
      if (g_strcmp0 (*(const char **) g_ptr_array_index (into, i), id) == 0)
        {
          /* The array's free function drops the old entry. */
          g_ptr_array_insert (into, i, copy (entry));
          g_ptr_array_remove_index (into, i + 1);
          return;
        }
    }

  g_ptr_array_add (into, copy (entry));
}

static JsonNode *
status_to_json (const LfStatusSpec *spec)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, lf_status_kind_to_string (spec->kind));
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, spec->url);
  if (spec->page != NULL)
    {
      json_builder_set_member_name (builder, "page");
      json_builder_add_string_value (builder, spec->page);
    }
  if (spec->components != NULL)
    {
      json_builder_set_member_name (builder, "components");
      json_builder_begin_array (builder);
      for (guint i = 0; spec->components[i] != NULL; i++)
        json_builder_add_string_value (builder, spec->components[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
add_member (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static char *
load_user_file_data (const char  *path,
                     gsize       *length,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;

  if (!lf_storage_read_capped (path, MAX_CATALOG_FILE, &contents, length, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
          g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return NULL;

      g_set_error (error, LF_CATALOG_ERROR, LF_CATALOG_ERROR_IO, "%s", local_error->message);
      return NULL;
    }

  return contents;
}

/* Every provider the platforms of @entries name must exist in @known. */
static gboolean
validate_provider_refs (LfCatalog   *entries,
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

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

LfProbeSpec *
lf_probe_spec_new (const char *url,
                   const char *method,
                   guint       expect_status)
{
  LfProbeSpec *spec;

  g_return_val_if_fail (url != NULL, NULL);

  spec = g_new0 (LfProbeSpec, 1);
  spec->url = g_strdup (url);
  spec->method = g_strdup (method ? method : "GET");
  spec->expect_status = expect_status;

  return spec;
}

LfProbeSpec *
lf_probe_spec_copy (const LfProbeSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);

  return lf_probe_spec_new (spec->url, spec->method, spec->expect_status);
}

void
lf_probe_spec_free (LfProbeSpec *spec)
{
  if (spec == NULL)
    return;

  g_free (spec->url);
  g_free (spec->method);
  g_free (spec);
}

LfCatalogReference *
lf_catalog_reference_copy (const LfCatalogReference *reference)
{
  LfCatalogReference *copy;

  g_return_val_if_fail (reference != NULL, NULL);

  copy = g_new0 (LfCatalogReference, 1);
  copy->id = g_strdup (reference->id);
  copy->name = g_strdup (reference->name);
  copy->url = g_strdup (reference->url);
  copy->provider = g_strdup (reference->provider);
  copy->expect_status = reference->expect_status;

  return copy;
}

/**
 * lf_catalog_reference_get_probe_spec:
 *
 * Returns: (transfer full): the probe that checks this reference (GET, its expected status)
 */
LfProbeSpec *
lf_catalog_reference_get_probe_spec (const LfCatalogReference *reference)
{
  g_return_val_if_fail (reference != NULL, NULL);

  return lf_probe_spec_new (reference->url, "GET", reference->expect_status);
}

void
lf_catalog_reference_free (LfCatalogReference *reference)
{
  if (reference == NULL)
    return;

  g_free (reference->id);
  g_free (reference->name);
  g_free (reference->url);
  g_free (reference->provider);
  g_free (reference);
}

LfCatalogProvider *
lf_catalog_provider_copy (const LfCatalogProvider *provider)
{
  LfCatalogProvider *copy;

  g_return_val_if_fail (provider != NULL, NULL);

  copy = g_new0 (LfCatalogProvider, 1);
  copy->id = g_strdup (provider->id);
  copy->name = g_strdup (provider->name);
  copy->status = provider->status ? lf_status_spec_copy (provider->status) : NULL;

  return copy;
}

void
lf_catalog_provider_free (LfCatalogProvider *provider)
{
  if (provider == NULL)
    return;

  g_free (provider->id);
  g_free (provider->name);
  g_clear_pointer (&provider->status, lf_status_spec_free);
  g_free (provider);
}

LfCatalogPlatform *
lf_catalog_platform_new (void)
{
  LfCatalogPlatform *platform = g_new0 (LfCatalogPlatform, 1);

  platform->probes = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_probe_spec_free);
  platform->providers = g_new0 (char *, 1);
  platform->slow_ms = LF_CATALOG_DEFAULT_SLOW_MS;

  return platform;
}

LfCatalogPlatform *
lf_catalog_platform_copy (const LfCatalogPlatform *platform)
{
  LfCatalogPlatform *copy;

  g_return_val_if_fail (platform != NULL, NULL);

  copy = lf_catalog_platform_new ();
  copy->id = g_strdup (platform->id);
  copy->name = g_strdup (platform->name);
  copy->category = g_strdup (platform->category);
  for (guint i = 0; platform->probes != NULL && i < platform->probes->len; i++)
    g_ptr_array_add (copy->probes, lf_probe_spec_copy (g_ptr_array_index (platform->probes, i)));
  copy->status = platform->status ? lf_status_spec_copy (platform->status) : NULL;
  g_strfreev (copy->providers);
  copy->providers = platform->providers ? g_strdupv (platform->providers) : g_new0 (char *, 1);
  copy->slow_ms = platform->slow_ms;
  copy->custom = platform->custom;
  copy->source = g_strdup (platform->source);

  return copy;
}

void
lf_catalog_platform_free (LfCatalogPlatform *platform)
{
  if (platform == NULL)
    return;

  g_free (platform->id);
  g_free (platform->name);
  g_free (platform->category);
  g_clear_pointer (&platform->probes, g_ptr_array_unref);
  g_clear_pointer (&platform->status, lf_status_spec_free);
  g_strfreev (platform->providers);
  g_free (platform->source);
  g_free (platform);
}

/**
 * lf_catalog_new:
 *
 * Returns: (transfer full): an empty catalog
 */
LfCatalog *
lf_catalog_new (void)
{
  LfCatalog *catalog = g_new0 (LfCatalog, 1);

  g_atomic_ref_count_init (&catalog->ref_count);
  catalog->references = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_catalog_reference_free);
  catalog->providers = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_catalog_provider_free);
  catalog->platforms = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_catalog_platform_free);

  return catalog;
}

LfCatalog *
lf_catalog_ref (LfCatalog *catalog)
{
  g_return_val_if_fail (catalog != NULL, NULL);

  g_atomic_ref_count_inc (&catalog->ref_count);

  return catalog;
}

void
lf_catalog_unref (LfCatalog *catalog)
{
  g_return_if_fail (catalog != NULL);

  if (!g_atomic_ref_count_dec (&catalog->ref_count))
    return;

  g_ptr_array_unref (catalog->references);
  g_ptr_array_unref (catalog->providers);
  g_ptr_array_unref (catalog->platforms);
  g_free (catalog->source);
  g_free (catalog);
}

/**
 * lf_catalog_new_from_data:
 * @data: the catalog's JSON
 * @length: length of @data, or -1 if nul-terminated
 * @source_name: how to name the file in error messages
 * @error: return location for a #GError
 *
 * Parses and validates a whole catalog (provider references must resolve within it).
 *
 * Returns: (transfer full): the catalog, or %NULL with %LF_CATALOG_ERROR_INVALID
 */
LfCatalog *
lf_catalog_new_from_data (const char  *data,
                          gssize       length,
                          const char  *source_name,
                          GError     **error)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (source_name != NULL, NULL);

  return parse_catalog (data, length, source_name, TRUE, error);
}

LfCatalog *
lf_catalog_new_from_file (const char  *path,
                          GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!lf_storage_read_capped (path, MAX_CATALOG_FILE, &contents, &length, &local_error))
    {
      g_set_error (error, LF_CATALOG_ERROR, LF_CATALOG_ERROR_IO, "%s", local_error->message);
      return NULL;
    }

  return lf_catalog_new_from_data (contents, length, path, error);
}

/**
 * lf_catalog_get_user_file:
 *
 * Returns: (transfer full): $XDG_CONFIG_HOME/lifeline/catalog.json
 */
char *
lf_catalog_get_user_file (void)
{
  return g_build_filename (lf_storage_get_config_dir (), "catalog.json", NULL);
}

/**
 * lf_catalog_load_default:
 * @override_file: (nullable): a catalog that replaces both the built-in one and the user's
 *   file (`--catalog FILE`)
 * @error: return location for a #GError
 *
 * Loads the built-in catalog merged with the user's file (entries with the same id replace
 * built-in ones, new ones are added), or only @override_file. A user file that does not
 * exist is not an error; one that is invalid is.
 *
 * Returns: (transfer full): the catalog, or %NULL with @error set
 */
LfCatalog *
lf_catalog_load_default (const char  *override_file,
                         GError     **error)
{
  g_autoptr(GBytes) builtin = NULL;
  g_autoptr(LfCatalog) catalog = NULL;
  g_autoptr(LfCatalog) user = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *user_path = NULL;
  g_autofree char *user_data = NULL;
  gsize user_length = 0;
  gsize length = 0;
  const char *data;

  if (override_file != NULL)
    return lf_catalog_new_from_file (override_file, error);

  builtin = lf_storage_load_data ("catalog.json", error);
  if (builtin == NULL)
    return NULL;

  data = g_bytes_get_data (builtin, &length);
  catalog = lf_catalog_new_from_data (data, length, BUILTIN_NAME, error);
  if (catalog == NULL)
    return NULL;

  user_path = lf_catalog_get_user_file ();
  user_data = load_user_file_data (user_path, &user_length, &local_error);
  if (user_data == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return g_steal_pointer (&catalog);
    }

  user = parse_catalog (user_data, user_length, user_path, FALSE, error);
  if (user == NULL)
    return NULL;

  /* The user's platforms may name built-in providers; entries are counted in their file. */
  lf_catalog_merge (catalog, user);
  if (!validate_provider_refs (user, catalog, user_path, error))
    return NULL;

  g_free (catalog->source);
  catalog->source = g_strdup_printf ("%s + %s", BUILTIN_NAME, user_path);

  return g_steal_pointer (&catalog);
}

/**
 * lf_catalog_merge:
 * @catalog: the catalog to change
 * @overrides: entries to add, or to replace those of @catalog with the same id
 */
void
lf_catalog_merge (LfCatalog *catalog,
                  LfCatalog *overrides)
{
  g_return_if_fail (catalog != NULL);
  g_return_if_fail (overrides != NULL);

  for (guint i = 0; i < overrides->references->len; i++)
    replace_or_append (catalog->references, g_ptr_array_index (overrides->references, i),
                       (gpointer (*) (gconstpointer)) lf_catalog_reference_copy);
  for (guint i = 0; i < overrides->providers->len; i++)
    replace_or_append (catalog->providers, g_ptr_array_index (overrides->providers, i),
                       (gpointer (*) (gconstpointer)) lf_catalog_provider_copy);
  for (guint i = 0; i < overrides->platforms->len; i++)
    replace_or_append (catalog->platforms, g_ptr_array_index (overrides->platforms, i),
                       (gpointer (*) (gconstpointer)) lf_catalog_platform_copy);
}

/**
 * lf_catalog_validate:
 * @catalog: a catalog
 * @source_name: (nullable): the file to name in messages; %NULL to use the file each
 *   platform came from
 * @error: return location for a #GError
 *
 * Checks what a single entry cannot: every provider a platform names exists.
 */
gboolean
lf_catalog_validate (LfCatalog   *catalog,
                     const char  *source_name,
                     GError     **error)
{
  g_return_val_if_fail (catalog != NULL, FALSE);

  return validate_provider_refs (catalog, catalog, source_name, error);
}

/**
 * lf_catalog_lookup_platform:
 *
 * Returns: (transfer none) (nullable): the platform with this id
 */
LfCatalogPlatform *
lf_catalog_lookup_platform (LfCatalog  *catalog,
                            const char *id)
{
  g_return_val_if_fail (catalog != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < catalog->platforms->len; i++)
    {
      LfCatalogPlatform *platform = g_ptr_array_index (catalog->platforms, i);

      if (strcmp (platform->id, id) == 0)
        return platform;
    }

  return NULL;
}

/**
 * lf_catalog_lookup_provider:
 *
 * Returns: (transfer none) (nullable): the provider with this id
 */
LfCatalogProvider *
lf_catalog_lookup_provider (LfCatalog  *catalog,
                            const char *id)
{
  g_return_val_if_fail (catalog != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < catalog->providers->len; i++)
    {
      LfCatalogProvider *provider = g_ptr_array_index (catalog->providers, i);

      if (strcmp (provider->id, id) == 0)
        return provider;
    }

  return NULL;
}

/**
 * lf_catalog_lookup_reference:
 *
 * Returns: (transfer none) (nullable): the reference target with this id
 */
LfCatalogReference *
lf_catalog_lookup_reference (LfCatalog  *catalog,
                             const char *id)
{
  g_return_val_if_fail (catalog != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < catalog->references->len; i++)
    {
      LfCatalogReference *reference = g_ptr_array_index (catalog->references, i);

      if (strcmp (reference->id, id) == 0)
        return reference;
    }

  return NULL;
}

/**
 * lf_catalog_platform_to_json:
 *
 * Returns: (transfer full): the platform as a catalog entry
 */
JsonNode *
lf_catalog_platform_to_json (const LfCatalogPlatform *platform)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (platform != NULL, NULL);

  json_builder_begin_object (builder);
  add_member (builder, "id", platform->id);
  add_member (builder, "name", platform->name);
  add_member (builder, "category", platform->category);
  json_builder_set_member_name (builder, "probes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < platform->probes->len; i++)
    {
      LfProbeSpec *probe = g_ptr_array_index (platform->probes, i);

      json_builder_begin_object (builder);
      add_member (builder, "url", probe->url);
      add_member (builder, "method", probe->method);
      if (probe->expect_status != 0)
        {
          json_builder_set_member_name (builder, "expect_status");
          json_builder_add_int_value (builder, probe->expect_status);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (platform->status != NULL)
    {
      json_builder_set_member_name (builder, "status");
      json_builder_add_value (builder, status_to_json (platform->status));
    }
  json_builder_set_member_name (builder, "providers");
  json_builder_begin_array (builder);
  for (guint i = 0; platform->providers != NULL && platform->providers[i] != NULL; i++)
    json_builder_add_string_value (builder, platform->providers[i]);
  json_builder_end_array (builder);
  if (platform->slow_ms != LF_CATALOG_DEFAULT_SLOW_MS)
    {
      json_builder_set_member_name (builder, "slow_ms");
      json_builder_add_int_value (builder, platform->slow_ms);
    }
  if (platform->custom)
    {
      json_builder_set_member_name (builder, "custom");
      json_builder_add_boolean_value (builder, TRUE);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * lf_catalog_to_json:
 *
 * Returns: (transfer full): the catalog in DESIGN.md's format
 */
JsonNode *
lf_catalog_to_json (LfCatalog *catalog)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (catalog != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, LF_CATALOG_VERSION);

  json_builder_set_member_name (builder, "references");
  json_builder_begin_array (builder);
  for (guint i = 0; i < catalog->references->len; i++)
    {
      LfCatalogReference *reference = g_ptr_array_index (catalog->references, i);

      json_builder_begin_object (builder);
      add_member (builder, "id", reference->id);
      add_member (builder, "name", reference->name);
      add_member (builder, "url", reference->url);
      add_member (builder, "provider", reference->provider);
      if (reference->expect_status != 0)
        {
          json_builder_set_member_name (builder, "expect_status");
          json_builder_add_int_value (builder, reference->expect_status);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "providers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < catalog->providers->len; i++)
    {
      LfCatalogProvider *provider = g_ptr_array_index (catalog->providers, i);

      json_builder_begin_object (builder);
      add_member (builder, "id", provider->id);
      add_member (builder, "name", provider->name);
      if (provider->status != NULL)
        {
          json_builder_set_member_name (builder, "status");
          json_builder_add_value (builder, status_to_json (provider->status));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "platforms");
  json_builder_begin_array (builder);
  for (guint i = 0; i < catalog->platforms->len; i++)
    {
      LfCatalogPlatform *platform = g_ptr_array_index (catalog->platforms, i);

      json_builder_add_value (builder, lf_catalog_platform_to_json (platform));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * lf_catalog_to_data:
 * @length: (out) (optional): length of the result
 *
 * Returns: (transfer full): the catalog as pretty-printed JSON
 */
char *
lf_catalog_to_data (LfCatalog *catalog,
                    gsize     *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = lf_catalog_to_json (catalog);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, length);
}

/* Reads the user file as a catalog of additions; a missing file gives an empty one. */
static LfCatalog *
load_user_catalog (const char  *path,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  LfCatalog *user;

  data = load_user_file_data (path, &length, &local_error);
  if (data == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      user = lf_catalog_new ();
      user->source = g_strdup (path);
      return user;
    }

  return parse_catalog (data, length, path, FALSE, error);
}

static gboolean
write_user_catalog (LfCatalog   *user,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(LfCatalog) merged = NULL;
  g_autoptr(GBytes) builtin = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  /* The result must load: provider references are checked against built-in + user. */
  builtin = lf_storage_load_data ("catalog.json", error);
  if (builtin == NULL)
    return FALSE;
  merged = lf_catalog_new_from_data (g_bytes_get_data (builtin, NULL), g_bytes_get_size (builtin),
                                     BUILTIN_NAME, error);
  if (merged == NULL)
    return FALSE;
  lf_catalog_merge (merged, user);
  if (!validate_provider_refs (user, merged, path, error))
    return FALSE;

  data = lf_catalog_to_data (user, &length);
  return lf_storage_write_atomic (path, data, length, 0644, error);
}

/* Saving and removing read, change and rewrite the user's file, possibly on several worker
 * threads at once: one at a time, or one would drop what another just wrote. */
static GMutex user_file_lock;

/**
 * lf_catalog_save_user_platform:
 * @platform: a platform (usually one the user added; saved with "custom": true)
 * @error: return location for a #GError
 *
 * Adds @platform to the user's catalog file, or replaces the entry with the same id, after
 * validating it exactly as a loaded file would be. The file is written atomically; an
 * existing user file that cannot be read is left untouched and reported. Blocking: call it
 * from a worker thread (lf_catalog_save_user_platform_async()) or the command line.
 */
gboolean
lf_catalog_save_user_platform (LfCatalogPlatform  *platform,
                               GError            **error)
{
  g_autofree char *path = lf_catalog_get_user_file ();
  g_autoptr(LfCatalog) user = NULL;
  g_autoptr(LfCatalog) single = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (platform != NULL, FALSE);

  /* Round-trip through the parser: the same rules as for a file. */
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, LF_CATALOG_VERSION);
  json_builder_set_member_name (builder, "platforms");
  json_builder_begin_array (builder);
  json_builder_add_value (builder, lf_catalog_platform_to_json (platform));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);

  single = parse_catalog (data, -1, _("the new platform"), FALSE, error);
  if (single == NULL)
    return FALSE;

  locker = g_mutex_locker_new (&user_file_lock);
  user = load_user_catalog (path, error);
  if (user == NULL)
    return FALSE;

  lf_catalog_merge (user, single);
  return write_user_catalog (user, path, error);
}

/**
 * lf_catalog_remove_user_platform:
 * @id: a platform id in the user's file
 *
 * Removes an entry from the user's catalog file (a built-in platform it overrode comes
 * back). Removing an id that is not there is not an error.
 */
gboolean
lf_catalog_remove_user_platform (const char  *id,
                                 GError     **error)
{
  g_autofree char *path = lf_catalog_get_user_file ();
  g_autoptr(LfCatalog) user = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (id != NULL, FALSE);

  locker = g_mutex_locker_new (&user_file_lock);
  user = load_user_catalog (path, error);
  if (user == NULL)
    return FALSE;

  for (guint i = 0; i < user->platforms->len; i++)
    {
      LfCatalogPlatform *platform = g_ptr_array_index (user->platforms, i);

      if (strcmp (platform->id, id) == 0)
        {
          g_ptr_array_remove_index (user->platforms, i);
          found = TRUE;
          break;
        }
    }

  if (!found)
    return TRUE;

  return write_user_catalog (user, path, error);
}

static void
save_user_platform_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (!lf_catalog_save_user_platform (task_data, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
lf_catalog_save_user_platform_async (LfCatalogPlatform   *platform,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (platform != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_catalog_save_user_platform_async);
  g_task_set_task_data (task, lf_catalog_platform_copy (platform),
                        (GDestroyNotify) lf_catalog_platform_free);
  g_task_run_in_thread (task, save_user_platform_thread);
}

gboolean
lf_catalog_save_user_platform_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
