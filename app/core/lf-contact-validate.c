/* lf-contact-validate.c — the lenient checks of e-mail addresses, phone numbers and links
 * (split from lf-contact.c)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-contact"

#include "config.h"

#include "lf-contact.h"

#include <glib/gi18n.h>
#include <string.h>

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

/* ------------------------------------------------------------------------ */
/* Validation                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_contact_validate_email:
 *
 * A practical check (not the whole of RFC 5322): one "@", a non-empty local part, a domain
 * with a dot and no empty label, no spaces.
 */
gboolean
lf_contact_validate_email (const char  *email,
                           GError     **error)
{
  const char *at;
  const char *domain;
  g_auto(GStrv) labels = NULL;

  if (email == NULL || *email == '\0')
    goto invalid;

  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    goto invalid;

  for (const char *p = email; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p) || strchr ("<>(),;:\"[]\\", *p) != NULL)
      goto invalid;

  domain = at + 1;
  if (strchr (domain, '.') == NULL || !g_utf8_validate (email, -1, NULL))
    goto invalid;

  labels = g_strsplit (domain, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    if (labels[i][0] == '\0' || labels[i][0] == '-')
      goto invalid;

  return TRUE;

invalid:
  g_set_error (error, LF_CONTACT_ERROR, LF_CONTACT_ERROR_INVALID,
               _("E-mail: “%s” is not an e-mail address like name@example.com"),
               email ? email : "");
  return FALSE;
}

/**
 * lf_contact_validate_phone:
 *
 * Lenient international form: digits with spaces, dots, dashes, slashes and parentheses, an
 * optional leading "+", an optional extension ("ext 12", "x12"); 5 to 17 digits.
 */
gboolean
lf_contact_validate_phone (const char  *phone,
                           GError     **error)
{
  guint digits = 0;
  const char *p;
  g_autofree char *lower = NULL;
  const char *ext;

  if (phone == NULL || is_blank (phone))
    goto invalid;

  lower = g_ascii_strdown (phone, -1);
  ext = strstr (lower, "ext");
  if (ext == NULL)
    ext = strchr (lower, 'x');
  if (ext != NULL)
    {
      const char *q = ext + (ext[0] == 'e' ? 3 : 1);

      if (*q == '.')
        q++;
      while (*q == ' ')
        q++;
      if (*q == '\0')
        goto invalid;
      for (; *q != '\0'; q++)
        if (!g_ascii_isdigit (*q))
          goto invalid;
    }

  p = lower;
  while (*p == ' ')
    p++;
  if (*p == '+')
    p++;

  for (; *p != '\0' && p != ext; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr (" .-/()", *p) == NULL)
        goto invalid;
    }

  if (digits < 5 || digits > 17)
    goto invalid;

  return TRUE;

invalid:
  g_set_error (error, LF_CONTACT_ERROR, LF_CONTACT_ERROR_INVALID,
               _("Phone: “%s” is not a phone number like +44 20 7946 0000"),
               phone ? phone : "");
  return FALSE;
}

/**
 * lf_contact_validate_url:
 *
 * An absolute http or https link with a host.
 */
gboolean
lf_contact_validate_url (const char  *url,
                         GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  if (url != NULL && strpbrk (url, " \t\r\n") == NULL)
    uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "http") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, LF_CONTACT_ERROR, LF_CONTACT_ERROR_INVALID,
                   _("Link: “%s” is not a web address like https://example.com/"),
                   url ? url : "");
      return FALSE;
    }

  return TRUE;
}
