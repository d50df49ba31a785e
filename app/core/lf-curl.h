/* lf-curl.h — libcurl, loaded when it is first needed
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <curl/curl.h>
#include <glib.h>

G_BEGIN_DECLS

/* The part of libcurl that lf-smtp.c uses, resolved from the library loaded at run time. */
typedef struct
{
  CURL              *(*easy_init)      (void);
  CURLcode           (*easy_setopt)    (CURL *handle, CURLoption option, ...);
  CURLcode           (*easy_perform)   (CURL *handle);
  void               (*easy_reset)     (CURL *handle);
  void               (*easy_cleanup)   (CURL *handle);
  const char        *(*easy_strerror)  (CURLcode code);
  struct curl_slist *(*slist_append)   (struct curl_slist *list, const char *string);
  void               (*slist_free_all) (struct curl_slist *list);
} LfCurl;

const LfCurl *lf_curl_get (GError **error);

G_END_DECLS
