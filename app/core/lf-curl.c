/* lf-curl.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-curl"

#include "config.h"

#include "lf-curl.h"

#include <gio/gio.h>
#include <gmodule.h>

/* libcurl is only needed to send e-mail (lf-smtp.c), which most runs of Lifeline never do:
 * linking it made every process — the background monitor, the window, `lifeline --check` —
 * load it and the TLS, SSH, LDAP, RTMP and Kerberos libraries it links, about 6 MB resident
 * and several milliseconds of start-up (docs/BENCHMARKS.md). So it is built against (its
 * headers, its ABI: soname LF_CURL_SONAME, found by meson) but loaded here, once, by the
 * first sender, in its worker thread, and never unloaded. */

typedef CURLcode (*GlobalInitFunc) (long flags);

static LfCurl curl;
static char *load_error;

static gboolean
resolve (GModule    *module,
         const char *name,
         gpointer   *symbol)
{
  if (g_module_symbol (module, name, symbol) && *symbol != NULL)
    return TRUE;

  g_free (load_error);
  load_error = g_strdup_printf ("%s has no %s", g_module_name (module), name);
  return FALSE;
}

static gpointer
load (gpointer data)
{
  static const char * const sonames[] = { LF_CURL_SONAME, "libcurl.so.4" };
  GModule *module = NULL;
  GlobalInitFunc global_init = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sonames) && module == NULL; i++)
    {
      if (i > 0 && g_str_equal (sonames[i], sonames[0]))
        continue;
      module = g_module_open (sonames[i], G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
      if (module == NULL)
        {
          g_free (load_error);
          load_error = g_strdup (g_module_error ());
        }
    }
  if (module == NULL)
    return NULL;

  if (!resolve (module, "curl_global_init", (gpointer *) &global_init)
      || !resolve (module, "curl_easy_init", (gpointer *) &curl.easy_init)
      || !resolve (module, "curl_easy_setopt", (gpointer *) &curl.easy_setopt)
      || !resolve (module, "curl_easy_perform", (gpointer *) &curl.easy_perform)
      || !resolve (module, "curl_easy_reset", (gpointer *) &curl.easy_reset)
      || !resolve (module, "curl_easy_cleanup", (gpointer *) &curl.easy_cleanup)
      || !resolve (module, "curl_easy_strerror", (gpointer *) &curl.easy_strerror)
      || !resolve (module, "curl_slist_append", (gpointer *) &curl.slist_append)
      || !resolve (module, "curl_slist_free_all", (gpointer *) &curl.slist_free_all))
    {
      g_module_close (module);
      return NULL;
    }

  g_module_make_resident (module);
  if (global_init (CURL_GLOBAL_DEFAULT) != CURLE_OK)
    {
      g_free (load_error);
      load_error = g_strdup ("curl_global_init() failed");
      return NULL;
    }

  g_clear_pointer (&load_error, g_free);
  return &curl;
}

/**
 * lf_curl_get:
 *
 * Loads libcurl and initialises it, the first time (this may read many libraries: call it
 * from a worker thread).
 *
 * Returns: (nullable): its functions, or %NULL with @error (G_IO_ERROR_NOT_FOUND) if it
 *   cannot be loaded, then and every later time
 */
const LfCurl *
lf_curl_get (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  const LfCurl *loaded = g_once (&once, load, NULL);

  if (loaded == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "libcurl: %s",
                 load_error != NULL ? load_error : "not loaded");

  return loaded;
}
