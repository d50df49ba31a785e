/* lf-vcard-write.c — vCard 4.0 export
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-vcard"

#include "config.h"

#include "lf-vcard.h"

#include <glib/gi18n.h>
#include <string.h>

#define MAX_LINE_OCTETS 75

/* ------------------------------------------------------------------------ */
/* Writing                                                                  */
/* ------------------------------------------------------------------------ */

static void
append_escaped (GString    *out,
                const char *value,
                gboolean    escape_comma)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          break;
        case ';':
          g_string_append (out, "\\;");
          break;
        case ',':
          g_string_append (out, escape_comma ? "\\," : ",");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

/* Folds at 75 octets (RFC 6350 §3.2) without splitting a UTF-8 sequence. */
static void
append_folded (GString    *out,
               const char *line)
{
  gsize col = 0;

  for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize len = g_utf8_next_char (p) - p;

      if (col + len > MAX_LINE_OCTETS)
        {
          g_string_append (out, "\r\n ");
          col = 1;
        }
      g_string_append_len (out, p, len);
      col += len;
    }
  g_string_append (out, "\r\n");
}

static void
write_line (GString    *out,
            const char *name,
            const char *value,
            gboolean    escape_comma)
{
  g_autoptr(GString) line = g_string_new (name);

  g_string_append_c (line, ':');
  append_escaped (line, value, escape_comma);
  append_folded (out, line->str);
}

static void
write_list_line (GString            *out,
                 const char         *name,
                 const char * const *values)
{
  g_autoptr(GString) line = g_string_new (name);

  g_string_append_c (line, ':');
  for (guint i = 0; values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (line, ',');
      append_escaped (line, values[i], TRUE);
    }
  append_folded (out, line->str);
}

/**
 * lf_vcard_write:
 * @contacts: (element-type LfContact): the contacts
 * @include_secrets: whether to write per-client webhook URLs
 *
 * Returns: (transfer full): the contacts as vCard 4.0 (RFC 6350), CRLF line ends
 */
char *
lf_vcard_write (GPtrArray *contacts,
                gboolean   include_secrets)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (contacts != NULL, NULL);

  for (guint i = 0; i < contacts->len; i++)
    {
      LfContact *contact = contacts->pdata[i];
      const char * const *list;
      const char *name = lf_contact_get_name (contact);
      g_autofree char *uid = g_strconcat ("urn:uuid:", lf_contact_get_id (contact), NULL);
      g_autofree char *family = NULL;
      g_autofree char *given = NULL;
      const char *space;

      g_string_append (out, "BEGIN:VCARD\r\nVERSION:4.0\r\n");
      if (g_uuid_string_is_valid (lf_contact_get_id (contact)))
        write_line (out, "UID", uid, FALSE);
      write_line (out, "FN", name ? name : "", TRUE);

      /* N is optional in 4.0 but Apple and Google want it: the last word as family name,
       * the name the client is greeted by as given name (lf_contact_dup_greeting()). */
      space = name ? strrchr (name, ' ') : NULL;
      family = space ? g_strdup (space + 1) : g_strdup (name ? name : "");
      given = space || lf_contact_get_given_name (contact) != NULL
              ? lf_contact_dup_greeting (contact) : g_strdup ("");
      {
        g_autoptr(GString) n = g_string_new ("N:");

        append_escaped (n, family, TRUE);
        g_string_append_c (n, ';');
        append_escaped (n, given, TRUE);
        g_string_append (n, ";;;");
        append_folded (out, n->str);
      }

      if (lf_contact_get_company (contact))
        write_line (out, "ORG", lf_contact_get_company (contact), TRUE);
      if (lf_contact_get_role (contact))
        write_line (out, "TITLE", lf_contact_get_role (contact), TRUE);

      list = lf_contact_get_emails (contact);
      for (guint j = 0; list[j] != NULL; j++)
        write_line (out, j == 0 ? "EMAIL;PREF=1" : "EMAIL", list[j], TRUE);
      list = lf_contact_get_phones (contact);
      for (guint j = 0; list[j] != NULL; j++)
        write_line (out, j == 0 ? "TEL;VALUE=text;PREF=1" : "TEL;VALUE=text", list[j], TRUE);

      for (const char * const *kind = lf_contact_get_channel_kinds (); *kind; kind++)
        {
          const char *handle = lf_contact_get_channel (contact, *kind);
          g_autofree char *prop = NULL;
          g_autofree char *value = NULL;

          if (handle == NULL)
            continue;
          prop = g_strdup_printf ("IMPP;X-SERVICE-TYPE=%s", *kind);
          value = g_strdup_printf ("%s:%s", *kind, handle);
          write_line (out, prop, value, FALSE);
        }

      if (lf_contact_get_timezone (contact))
        write_line (out, "TZ", lf_contact_get_timezone (contact), TRUE);
      if (lf_contact_get_language (contact))
        write_line (out, "LANG", lf_contact_get_language (contact), TRUE);
      list = lf_contact_get_tags (contact);
      if (list[0] != NULL)
        write_list_line (out, "CATEGORIES", list);
      list = lf_contact_get_platforms (contact);
      if (list[0] != NULL)
        write_list_line (out, "X-LIFELINE-PLATFORMS", list);
      if (lf_contact_get_preferred (contact))
        write_line (out, "X-LIFELINE-PREFERRED", lf_contact_get_preferred (contact), TRUE);
      if (include_secrets && lf_contact_get_webhook (contact))
        write_line (out, "X-LIFELINE-WEBHOOK", lf_contact_get_webhook (contact), TRUE);
      if (lf_contact_get_notes (contact))
        write_line (out, "NOTE", lf_contact_get_notes (contact), TRUE);

      g_string_append (out, "END:VCARD\r\n");
    }

  return g_string_free (out, FALSE);
}
