/* lf-catalog.c — what Lifeline watches: references, providers and platforms
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-catalog"

#include "config.h"

#include "lf-catalog-private.h"
#include "lf-storage.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* The catalog format is DESIGN.md's ("version": 1, "references", "providers", "platforms").
 * The built-in catalog (data/catalog.json in lf-core's resource) is merged with the user's
 * file ($XDG_CONFIG_HOME/lifeline/catalog.json), whose entries add to or replace built-in ones
 * with the same id; `--catalog FILE` replaces both for one run.
 *
 * Every problem is reported with the file, the entry and what is wrong, e.g.
 *   /home/sam/.config/lifeline/catalog.json: platforms[3] "upwork": "probes" is missing
 * Unknown members are ignored, so newer catalogs still load.
 *
 * This file: the types, loading and merging, lookups and serialising. The strict reader is in
 * lf-catalog-parse.c, the editing of the user's file in lf-catalog-user.c
 * (lf-catalog-private.h).
 */

G_DEFINE_QUARK (lf-catalog-error-quark, lf_catalog_error)
G_DEFINE_BOXED_TYPE (LfCatalog, lf_catalog, lf_catalog_ref, lf_catalog_unref)

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

char *
lf_catalog_read_user_data (const char  *path,
                           gsize       *length,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;

  if (!lf_storage_read_capped (path, LF_CATALOG_MAX_FILE, &contents, length, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
          g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return NULL;

      g_set_error (error, LF_CATALOG_ERROR, LF_CATALOG_ERROR_IO, "%s", local_error->message);
      return NULL;
    }

  return contents;
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

  return lf_catalog_parse (data, length, source_name, TRUE, error);
}

LfCatalog *
lf_catalog_new_from_file (const char  *path,
                          GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!lf_storage_read_capped (path, LF_CATALOG_MAX_FILE, &contents, &length, &local_error))
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
  catalog = lf_catalog_new_from_data (data, length, LF_CATALOG_BUILTIN_NAME, error);
  if (catalog == NULL)
    return NULL;

  user_path = lf_catalog_get_user_file ();
  user_data = lf_catalog_read_user_data (user_path, &user_length, &local_error);
  if (user_data == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return g_steal_pointer (&catalog);
    }

  user = lf_catalog_parse (user_data, user_length, user_path, FALSE, error);
  if (user == NULL)
    return NULL;

  /* The user's platforms may name built-in providers; entries are counted in their file. */
  lf_catalog_merge (catalog, user);
  if (!lf_catalog_validate_provider_refs (user, catalog, user_path, error))
    return NULL;

  g_free (catalog->source);
  catalog->source = g_strdup_printf ("%s + %s", LF_CATALOG_BUILTIN_NAME, user_path);

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

  return lf_catalog_validate_provider_refs (catalog, catalog, source_name, error);
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
