/* lf-custom-platform.c — a platform the user adds: checked field by field, then saved
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-custom-platform"

#include "config.h"

#include "lf-custom-platform.h"

#include <glib/gi18n.h>
#include <string.h>

/* Turns what a person typed into a catalog entry (one GET probe of the address, an optional
 * status source, the providers it sits behind), with one clear message per wrong field.
 * lf_catalog_save_user_platform() then validates the entry again exactly as a catalog file
 * is validated, and writes the user's catalog file atomically. */

G_DEFINE_QUARK (lf-custom-platform-error-quark, lf_custom_platform_error)

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static gboolean
check_web_address (const char             *text,
                   LfCustomPlatformError   code,
                   GError                **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    {
      g_set_error (error, LF_CUSTOM_PLATFORM_ERROR, code,
                   _("“%s” is not a web address; it should look like https://example.com/"),
                   text);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, LF_CUSTOM_PLATFORM_ERROR, code,
                   _("The address must start with https:// or http://, not “%s:”"), scheme);
      return FALSE;
    }

  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    {
      g_set_error (error, LF_CUSTOM_PLATFORM_ERROR, code,
                   _("The address “%s” has no host name"), text);
      return FALSE;
    }

  return TRUE;
}

/* "jobs.acme.example" or "jobs.acme.example/health" (no scheme, a dot in the host, no
 * spaces) is what people type: it means https://. Anything else is left to be checked. */
static char *
with_scheme (const char *text)
{
  const char *slash;
  g_autofree char *host = NULL;

  if (strstr (text, "://") != NULL || strchr (text, ' ') != NULL || strchr (text, ':') != NULL)
    return g_strdup (text);

  slash = strchr (text, '/');
  host = slash != NULL ? g_strndup (text, slash - text) : g_strdup (text);
  if (strchr (host, '.') == NULL || host[0] == '.' || g_str_has_suffix (host, "."))
    return g_strdup (text);

  return g_strconcat ("https://", text, NULL);
}

/* A Statuspage or Instatus site's address stands for its summary API. */
static char *
status_endpoint (LfStatusKind  kind,
                 const char   *url)
{
  if (kind == LF_STATUS_KIND_STATUSPAGE && !g_str_has_suffix (url, ".json"))
    return g_strconcat (url, g_str_has_suffix (url, "/") ? "" : "/", "api/v2/summary.json",
                        NULL);
  if (kind == LF_STATUS_KIND_INSTATUS && !g_str_has_suffix (url, ".json"))
    return g_strconcat (url, g_str_has_suffix (url, "/") ? "" : "/", "summary.json", NULL);

  return g_strdup (url);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/**
 * lf_custom_platform_make_id:
 * @catalog: (nullable): the catalog the id must not clash with (except with custom entries)
 * @name: the platform's name
 *
 * Returns: (transfer full): a catalog id made from @name ("Acme Jobs" → "acme-jobs"), unique
 *   among the catalog's built-in platforms
 */
char *
lf_custom_platform_make_id (LfCatalog  *catalog,
                            const char *name)
{
  g_autofree char *ascii = NULL;
  GString *id = g_string_new (NULL);
  g_autofree char *base = NULL;
  char *candidate;

  g_return_val_if_fail (name != NULL, NULL);

  ascii = g_str_to_ascii (name, "C");
  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (id, g_ascii_tolower (*p));
      else if (id->len > 0 && id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
  if (id->len == 0)
    g_string_append (id, "custom");

  base = g_string_free (id, FALSE);
  candidate = g_strdup (base);
  for (guint n = 2; catalog != NULL; n++)
    {
      LfCatalogPlatform *existing = lf_catalog_lookup_platform (catalog, candidate);

      if (existing == NULL || existing->custom)
        break;
      g_free (candidate);
      candidate = g_strdup_printf ("%s-%u", base, n);
    }

  return candidate;
}

/**
 * lf_custom_platform_new:
 * @catalog: (nullable): the catalog, for its providers and ids
 * @name: what the person calls it
 * @url: the address to probe (http or https, with a host)
 * @status_url: (nullable): its status page or status API, empty or %NULL for none
 * @status_kind: (nullable): "statuspage", "statusio", "slack", "incidentio",
 *   "google-workspace" or "instatus"; %NULL means "statuspage"
 * @providers: (nullable): provider ids of @catalog it sits behind
 * @error: a #LF_CUSTOM_PLATFORM_ERROR naming the wrong field
 *
 * Returns: (transfer full) (nullable): the entry, marked custom, or %NULL with @error set
 */
LfCatalogPlatform *
lf_custom_platform_new (LfCatalog          *catalog,
                        const char         *name,
                        const char         *url,
                        const char         *status_url,
                        const char         *status_kind,
                        const char * const *providers,
                        GError            **error)
{
  g_autoptr(LfCatalogPlatform) platform = NULL;
  g_autofree char *clean_name = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *typed_url = g_strstrip (g_strdup (url != NULL ? url : ""));
  g_autofree char *typed_status = g_strstrip (g_strdup (status_url != NULL ? status_url : ""));
  g_autofree char *clean_url = *typed_url != '\0' ? with_scheme (typed_url) : g_strdup ("");
  g_autofree char *clean_status = *typed_status != '\0' ? with_scheme (typed_status)
                                                          : g_strdup ("");

  if (*clean_name == '\0')
    {
      g_set_error_literal (error, LF_CUSTOM_PLATFORM_ERROR, LF_CUSTOM_PLATFORM_ERROR_NAME,
                           _("Give the platform a name"));
      return NULL;
    }

  if (*clean_url == '\0')
    {
      g_set_error_literal (error, LF_CUSTOM_PLATFORM_ERROR, LF_CUSTOM_PLATFORM_ERROR_URL,
                           _("Give the address Lifeline should check"));
      return NULL;
    }
  if (!check_web_address (clean_url, LF_CUSTOM_PLATFORM_ERROR_URL, error))
    return NULL;

  platform = lf_catalog_platform_new ();
  platform->id = lf_custom_platform_make_id (catalog, clean_name);
  platform->name = g_strdup (clean_name);
  platform->category = g_strdup (LF_CUSTOM_PLATFORM_CATEGORY);
  platform->custom = TRUE;
  g_ptr_array_add (platform->probes, lf_probe_spec_new (clean_url, "GET", 0));

  if (*clean_status != '\0')
    {
      LfStatusKind kind = LF_STATUS_KIND_STATUSPAGE;
      g_autofree char *endpoint = NULL;

      if (status_kind != NULL && !lf_status_kind_from_string (status_kind, &kind))
        {
          g_set_error (error, LF_CUSTOM_PLATFORM_ERROR, LF_CUSTOM_PLATFORM_ERROR_STATUS_KIND,
                       _("Unknown kind of status page “%s”"), status_kind);
          return NULL;
        }
      if (!check_web_address (clean_status, LF_CUSTOM_PLATFORM_ERROR_STATUS_URL, error))
        return NULL;

      endpoint = status_endpoint (kind, clean_status);
      platform->status = lf_status_spec_new (kind, endpoint, clean_status, NULL);
    }

  g_strfreev (platform->providers);
  platform->providers = g_strdupv ((char **) (providers != NULL ? providers
                                                                : (const char * const[]) { NULL }));
  for (guint i = 0; platform->providers[i] != NULL; i++)
    {
      if (catalog != NULL && lf_catalog_lookup_provider (catalog, platform->providers[i]) == NULL)
        {
          g_set_error (error, LF_CUSTOM_PLATFORM_ERROR, LF_CUSTOM_PLATFORM_ERROR_PROVIDER,
                       _("Unknown provider “%s”"), platform->providers[i]);
          return NULL;
        }
    }

  return g_steal_pointer (&platform);
}
