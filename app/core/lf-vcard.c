/* lf-vcard.c
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

/* Reads what address books export (RFC 2425/2426 vCard 3.0, RFC 6350 vCard 4.0, and the
 * older 2.1 that some phones and Outlook still write): folded lines (CRLF + space or tab),
 * backslash escapes, property groups ("item1.EMAIL"), TYPE parameters as a list
 * ("TYPE=work,voice"), repeated ("TYPE=WORK;TYPE=VOICE") or bare ("WORK;VOICE"),
 * QUOTED-PRINTABLE values with soft line breaks, CHARSET parameters and UTF-8. Writing
 * (vCard 4.0) is in lf-vcard-write.c.
 *
 * Hostile files: lines are unfolded one at a time (memory holds a card, not the file cut
 * into lines), a card keeps at most LF_VCARD_MAX_PROPERTIES properties, and problems go to
 * an LfImportReport, which keeps a bounded number of examples of each kind. */


typedef struct
{
  char      *name;       /* upper case, group stripped */
  GPtrArray *param_names;
  GPtrArray *param_values;
  char      *value;      /* raw, still escaped and encoded */
  guint      line;
} Property;

typedef struct
{
  guint      number;     /* 1-based position in the file */
  guint      line;
  GPtrArray *properties;
} Card;

/* ------------------------------------------------------------------------ */
/* Helpers: lines and parameters                                           */
/* ------------------------------------------------------------------------ */

static void
property_free (Property *prop)
{
  g_free (prop->name);
  g_ptr_array_unref (prop->param_names);
  g_ptr_array_unref (prop->param_values);
  g_free (prop->value);
  g_free (prop);
}

static void
card_free (Card *card)
{
  g_ptr_array_unref (card->properties);
  g_free (card);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Card, card_free)

/* The index of the first @c outside double quotes, or -1. */
static gssize
find_unquoted (const char *s,
               char        c)
{
  gboolean quoted = FALSE;

  for (gssize i = 0; s[i] != '\0'; i++)
    {
      if (s[i] == '"')
        quoted = !quoted;
      else if (s[i] == c && !quoted)
        return i;
    }

  return -1;
}

static GPtrArray *
split_unquoted (const char *s,
                char        c)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  gssize pos;

  while ((pos = find_unquoted (s, c)) >= 0)
    {
      g_ptr_array_add (parts, g_strndup (s, pos));
      s += pos + 1;
    }
  g_ptr_array_add (parts, g_strdup (s));

  return parts;
}

/* A parameter value without its quotes, in valid UTF-8 (labels end up in the notes). */
static char *
strip_quotes (const char *s)
{
  gsize len = strlen (s);

  if (len >= 2 && s[0] == '"' && s[len - 1] == '"')
    return g_utf8_make_valid (s + 1, len - 2);
  return g_utf8_make_valid (s, len);
}

static gboolean
is_encoding_word (const char *s)
{
  return g_ascii_strcasecmp (s, "QUOTED-PRINTABLE") == 0 ||
         g_ascii_strcasecmp (s, "BASE64") == 0 ||
         g_ascii_strcasecmp (s, "8BIT") == 0 ||
         g_ascii_strcasecmp (s, "7BIT") == 0;
}

static Property *
parse_property (const char *line,
                guint       number)
{
  g_autoptr(GPtrArray) parts = NULL;
  gssize colon = find_unquoted (line, ':');
  g_autofree char *head = NULL;
  Property *prop;
  const char *name;
  const char *dot;

  if (colon <= 0)
    return NULL;

  head = g_strndup (line, colon);
  parts = split_unquoted (head, ';');
  name = parts->pdata[0];
  dot = strrchr (name, '.');
  if (dot != NULL)
    name = dot + 1;
  if (*name == '\0')
    return NULL;

  prop = g_new0 (Property, 1);
  prop->name = g_ascii_strup (name, -1);
  prop->param_names = g_ptr_array_new_with_free_func (g_free);
  prop->param_values = g_ptr_array_new_with_free_func (g_free);
  prop->value = g_strdup (line + colon + 1);
  prop->line = number;

  for (guint i = 1; i < parts->len; i++)
    {
      const char *param = parts->pdata[i];
      const char *eq = strchr (param, '=');
      g_autofree char *pname = NULL;
      g_autoptr(GPtrArray) values = NULL;

      if (*param == '\0')
        continue;

      if (eq == NULL)
        {
          /* vCard 2.1 bare parameters: "WORK", "PREF", "QUOTED-PRINTABLE". */
          pname = g_strdup (is_encoding_word (param) ? "ENCODING" : "TYPE");
          values = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (values, g_strdup (param));
        }
      else
        {
          pname = g_ascii_strup (param, eq - param);
          values = split_unquoted (eq + 1, ',');
        }

      for (guint j = 0; j < values->len; j++)
        {
          g_ptr_array_add (prop->param_names, g_strdup (pname));
          g_ptr_array_add (prop->param_values, strip_quotes (values->pdata[j]));
        }
    }

  return prop;
}

static const char *
get_param (Property   *prop,
           const char *name)
{
  for (guint i = 0; i < prop->param_names->len; i++)
    if (g_str_equal (prop->param_names->pdata[i], name))
      return prop->param_values->pdata[i];
  return NULL;
}

static gboolean
has_type (Property   *prop,
          const char *type)
{
  for (guint i = 0; i < prop->param_names->len; i++)
    if (g_str_equal (prop->param_names->pdata[i], "TYPE") &&
        g_ascii_strcasecmp (prop->param_values->pdata[i], type) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_preferred (Property *prop)
{
  const char *pref = get_param (prop, "PREF");

  return has_type (prop, "PREF") || (pref != NULL && g_strcmp0 (pref, "1") == 0);
}

/* ------------------------------------------------------------------------ */
/* Helpers: values                                                          */
/* ------------------------------------------------------------------------ */

static int
hex_value (char c)
{
  if (g_ascii_isdigit (c))
    return c - '0';
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

static char *
decode_quoted_printable (const char *s)
{
  GString *out = g_string_new (NULL);

  for (; *s != '\0'; s++)
    {
      if (*s == '=' && hex_value (s[1]) >= 0 && hex_value (s[2]) >= 0)
        {
          g_string_append_c (out, (char) (hex_value (s[1]) * 16 + hex_value (s[2])));
          s += 2;
        }
      else if (*s == '=' && s[1] == '\0')
        break;
      else
        g_string_append_c (out, *s);
    }

  return g_string_free (out, FALSE);
}

/* The decoded value in UTF-8, or NULL for binary values (photos, keys). */
static char *
decode_value (Property *prop)
{
  const char *encoding = get_param (prop, "ENCODING");
  const char *charset = get_param (prop, "CHARSET");
  g_autofree char *raw = NULL;

  if (encoding != NULL && (g_ascii_strcasecmp (encoding, "B") == 0 ||
                           g_ascii_strcasecmp (encoding, "BASE64") == 0))
    return NULL;

  if (encoding != NULL && g_ascii_strcasecmp (encoding, "QUOTED-PRINTABLE") == 0)
    raw = decode_quoted_printable (prop->value);
  else
    raw = g_strdup (prop->value);

  if (charset != NULL && g_ascii_strcasecmp (charset, "UTF-8") != 0)
    {
      char *converted = g_convert (raw, -1, "UTF-8", charset, NULL, NULL, NULL);

      if (converted != NULL)
        {
          g_free (raw);
          raw = converted;
        }
    }

  if (!g_utf8_validate (raw, -1, NULL))
    {
      /* Old exports without a CHARSET are usually Windows-1252. */
      char *converted = g_convert (raw, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);

      if (converted == NULL)
        converted = g_utf8_make_valid (raw, -1);
      g_free (raw);
      raw = converted;
    }

  return g_steal_pointer (&raw);
}

static char *
unescape_text (const char *s,
               gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '\\' && i + 1 < len)
        {
          i++;
          if (s[i] == 'n' || s[i] == 'N')
            g_string_append_c (out, '\n');
          else
            g_string_append_c (out, s[i]);
        }
      else
        g_string_append_c (out, s[i]);
    }

  return g_strstrip (g_string_free (out, FALSE));
}

/* Splits at separators not escaped by a backslash, unescaping each part. */
static GPtrArray *
split_escaped (const char *s,
               char        separator)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  gsize start = 0;
  gsize i;

  for (i = 0; s[i] != '\0'; i++)
    {
      if (s[i] == '\\' && s[i + 1] != '\0')
        i++;
      else if (s[i] == separator)
        {
          g_ptr_array_add (parts, unescape_text (s + start, i - start));
          start = i + 1;
        }
    }
  g_ptr_array_add (parts, unescape_text (s + start, i - start));

  return parts;
}

static char *
strip_scheme (const char *value,
              const char *scheme)
{
  if (g_ascii_strncasecmp (value, scheme, strlen (scheme)) == 0)
    return g_strdup (value + strlen (scheme));
  return g_strdup (value);
}

/* ------------------------------------------------------------------------ */
/* Helpers: channels                                                        */
/* ------------------------------------------------------------------------ */

static const char *
kind_for_service (const char *service)
{
  static const struct { const char *service; const char *kind; } services[] = {
    { "skype", "skype" }, { "slack", "slack" }, { "discord", "discord" },
    { "whatsapp", "whatsapp" }, { "telegram", "telegram" }, { "signal", "signal" },
    { "matrix", "matrix" }, { "element", "matrix" }, { "teams", "teams" },
    { "msteams", "teams" }, { "ms-teams", "teams" }, { "microsoft teams", "teams" },
    { "other", "other" }, { "xmpp", "other" }, { "jabber", "other" },
  };

  if (service == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    if (g_ascii_strcasecmp (service, services[i].service) == 0)
      return services[i].kind;

  return NULL;
}

/* Recognises a chat link or URI; returns the kind and sets @handle to what to keep. */
static const char *
classify_link (const char  *value,
               char       **handle)
{
  static const struct { const char *prefix; const char *kind; gboolean strip; } links[] = {
    { "skype:", "skype", TRUE },
    { "whatsapp:", "whatsapp", TRUE },
    { "telegram:", "telegram", TRUE },
    { "signal:", "signal", TRUE },
    { "slack:", "slack", TRUE },
    { "discord:", "discord", TRUE },
    { "teams:", "teams", TRUE },
    { "other:", "other", TRUE },
    { "matrix:", "matrix", FALSE },
    { "xmpp:", "other", FALSE },
    { "https://matrix.to/", "matrix", FALSE },
    { "https://wa.me/", "whatsapp", FALSE },
    { "https://api.whatsapp.com/", "whatsapp", FALSE },
    { "https://t.me/", "telegram", FALSE },
    { "tg:", "telegram", FALSE },
    { "https://signal.me/", "signal", FALSE },
    { "sgnl:", "signal", FALSE },
    { "https://discord.com/", "discord", FALSE },
    { "https://discord.gg/", "discord", FALSE },
    { "https://teams.microsoft.com/", "teams", FALSE },
    { "msteams:", "teams", FALSE },
  };
  g_autoptr(GUri) uri = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    if (g_ascii_strncasecmp (value, links[i].prefix, strlen (links[i].prefix)) == 0)
      {
        *handle = links[i].strip ? g_strdup (value + strlen (links[i].prefix))
                                 : g_strdup (value);
        if (g_str_equal (links[i].kind, "skype"))
          {
            char *query = strchr (*handle, '?');

            if (query != NULL)
              *query = '\0';
          }
        return links[i].kind;
      }

  uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL && g_uri_get_host (uri) != NULL &&
      (g_str_has_suffix (g_uri_get_host (uri), ".slack.com") ||
       g_str_equal (g_uri_get_host (uri), "slack.com")))
    {
      *handle = g_strdup (value);
      return "slack";
    }

  *handle = NULL;
  return NULL;
}

static void
append_note (GString    *notes,
             const char *label,
             const char *value)
{
  if (notes->len > 0)
    g_string_append_c (notes, '\n');
  g_string_append_printf (notes, "%s: %s", label, value);
}

static void
add_channel (LfContact  *contact,
             GString    *extra_notes,
             const char *kind,
             const char *handle,
             const char *label)
{
  const char *current;

  if (handle == NULL || *handle == '\0')
    return;

  current = lf_contact_get_channel (contact, kind);
  if (current == NULL)
    lf_contact_set_channel (contact, kind, handle);
  else if (g_strcmp0 (current, handle) != 0)
    {
      if (lf_contact_get_channel (contact, "other") == NULL)
        lf_contact_set_channel (contact, "other", handle);
      else
        append_note (extra_notes, label ? label : lf_contact_channel_kind_label (kind), handle);
    }
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                  */
/* ------------------------------------------------------------------------ */

static char *
name_from_n (const char *value)
{
  g_autoptr(GPtrArray) parts = split_escaped (value, ';');
  /* N: family; given; additional; prefixes; suffixes */
  const int order[] = { 3, 1, 2, 0, 4 };
  GString *name = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const char *part;

      if ((guint) order[i] >= parts->len)
        continue;
      part = parts->pdata[order[i]];
      if (*part == '\0')
        continue;
      if (name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, part);
    }

  return g_string_free (name, name->len == 0);
}

/* N's given name: what a notice greets the client by ("Max" in "Keller;Max;;;"). */
static char *
given_from_n (const char *value)
{
  g_autoptr(GPtrArray) parts = split_escaped (value, ';');

  if (parts->len < 2 || *(const char *) parts->pdata[1] == '\0')
    return NULL;

  return g_strdup (parts->pdata[1]);
}

static LfContact *
contact_from_card (Card           *card,
                   LfImportReport *report)
{
  g_autoptr(LfContact) contact = NULL;
  g_autofree char *fn = NULL;
  g_autofree char *n_name = NULL;
  g_autofree char *given = NULL;
  g_autofree char *title = NULL;
  g_autofree char *role = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) emails = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) platforms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GString) extra_notes = g_string_new (NULL);
  g_autoptr(GPtrArray) channels = g_ptr_array_new_with_free_func (g_free); /* kind, handle, label */
  g_autofree char *company = NULL;
  g_autofree char *timezone = NULL;
  g_autofree char *language = NULL;
  g_autofree char *preferred = NULL;
  g_autofree char *webhook = NULL;

  for (guint i = 0; i < card->properties->len; i++)
    {
      Property *prop = card->properties->pdata[i];
      g_autofree char *value = decode_value (prop);
      const char *name = prop->name;

      if (value == NULL)
        continue;

      if (g_str_equal (name, "FN") && fn == NULL)
        fn = unescape_text (value, strlen (value));
      else if (g_str_equal (name, "N") && n_name == NULL)
        {
          n_name = name_from_n (value);
          given = given_from_n (value);
        }
      else if (g_str_equal (name, "UID") && id == NULL)
        {
          g_autofree char *uid = strip_scheme (value, "urn:uuid:");

          if (g_uuid_string_is_valid (uid))
            id = g_ascii_strdown (uid, -1);
        }
      else if (g_str_equal (name, "ORG") && company == NULL)
        {
          g_autoptr(GPtrArray) parts = split_escaped (value, ';');

          company = g_strdup (parts->pdata[0]);
        }
      else if (g_str_equal (name, "TITLE") && title == NULL)
        title = unescape_text (value, strlen (value));
      else if (g_str_equal (name, "ROLE") && role == NULL)
        role = unescape_text (value, strlen (value));
      else if (g_str_equal (name, "EMAIL"))
        {
          g_autofree char *text = unescape_text (value, strlen (value));
          char *email = strip_scheme (text, "mailto:");

          if (is_preferred (prop))
            g_ptr_array_insert (emails, 0, email);
          else
            g_ptr_array_add (emails, email);
        }
      else if (g_str_equal (name, "TEL"))
        {
          g_autofree char *text = unescape_text (value, strlen (value));
          g_autofree char *number = strip_scheme (text, "tel:");
          char *ext = strstr (number, ";ext=");
          char *phone;

          if (ext != NULL)
            {
              *ext = '\0';
              phone = g_strconcat (number, " ext ", ext + 5, NULL);
            }
          else
            phone = g_strdup (number);

          if (is_preferred (prop))
            g_ptr_array_insert (phones, 0, phone);
          else
            g_ptr_array_add (phones, phone);
        }
      else if (g_str_equal (name, "NOTE"))
        {
          g_autofree char *text = unescape_text (value, strlen (value));

          if (notes->len > 0)
            g_string_append_c (notes, '\n');
          g_string_append (notes, text);
        }
      else if (g_str_equal (name, "TZ") && timezone == NULL)
        {
          const char *type = get_param (prop, "VALUE");

          if (type == NULL || g_ascii_strcasecmp (type, "text") == 0 ||
              g_ascii_strcasecmp (type, "utc-offset") == 0)
            timezone = unescape_text (value, strlen (value));
        }
      else if (g_str_equal (name, "LANG") && (language == NULL || is_preferred (prop)))
        {
          g_free (language);
          language = unescape_text (value, strlen (value));
        }
      else if (g_str_equal (name, "CATEGORIES"))
        {
          g_autoptr(GPtrArray) parts = split_escaped (value, ',');

          for (guint j = 0; j < parts->len; j++)
            {
              const char *tag = parts->pdata[j];

              /* Google's system groups are not the user's tags. */
              if (g_str_equal (tag, "myContacts") || g_str_equal (tag, "starred"))
                continue;
              g_ptr_array_add (tags, g_strdup (tag));
            }
        }
      else if (g_str_equal (name, "IMPP") || g_str_equal (name, "X-SOCIALPROFILE") ||
               g_str_equal (name, "URL") || g_str_equal (name, "X-LIFELINE-CHANNEL"))
        {
          g_autofree char *text = unescape_text (value, strlen (value));
          const char *service = get_param (prop, "X-SERVICE-TYPE");
          const char *kind;
          g_autofree char *handle = NULL;

          if (service == NULL && !g_str_equal (name, "URL"))
            for (guint j = 0; j < prop->param_names->len && service == NULL; j++)
              if (g_str_equal (prop->param_names->pdata[j], "TYPE") &&
                  kind_for_service (prop->param_values->pdata[j]) != NULL)
                service = prop->param_values->pdata[j];

          kind = classify_link (text, &handle);
          if (kind_for_service (service) != NULL)
            {
              /* The service type decides; "<kind>:" is Lifeline's own prefix. */
              g_autofree char *prefix = NULL;

              kind = kind_for_service (service);
              prefix = g_strconcat (kind, ":", NULL);
              g_free (handle);
              handle = strip_scheme (text, prefix);
            }

          if (kind != NULL)
            {
              g_ptr_array_add (channels, g_strdup (kind));
              g_ptr_array_add (channels, g_steal_pointer (&handle));
              g_ptr_array_add (channels, g_strdup (service));
            }
          else if (*text != '\0')
            {
              const char *label = service ? service : get_param (prop, "TYPE");

              append_note (extra_notes, label ? label : _("Web"), text);
            }
        }
      else if (g_str_equal (name, "X-SKYPE") || g_str_equal (name, "X-SKYPE-USERNAME"))
        {
          g_ptr_array_add (channels, g_strdup ("skype"));
          g_ptr_array_add (channels, unescape_text (value, strlen (value)));
          g_ptr_array_add (channels, NULL);
        }
      else if (g_str_equal (name, "X-JABBER"))
        {
          g_ptr_array_add (channels, g_strdup ("other"));
          g_ptr_array_add (channels, g_strconcat ("xmpp:", value, NULL));
          g_ptr_array_add (channels, NULL);
        }
      else if (g_str_equal (name, "X-LIFELINE-PLATFORMS"))
        {
          g_autoptr(GPtrArray) parts = split_escaped (value, ',');

          for (guint j = 0; j < parts->len; j++)
            g_ptr_array_add (platforms, g_strdup (parts->pdata[j]));
        }
      else if (g_str_equal (name, "X-LIFELINE-PREFERRED"))
        {
          g_free (preferred);
          preferred = unescape_text (value, strlen (value));
        }
      else if (g_str_equal (name, "X-LIFELINE-WEBHOOK"))
        {
          g_free (webhook);
          webhook = unescape_text (value, strlen (value));
        }
    }

  contact = lf_contact_new_with_id (id);
  lf_contact_set_name (contact, fn != NULL && *fn != '\0' ? fn : n_name);
  /* Kept only when it says more than the default greeting (the name's first word). */
  if (given != NULL)
    {
      g_autofree char *greeting = lf_contact_dup_greeting (contact);

      if (g_strcmp0 (greeting, given) != 0)
        lf_contact_set_given_name (contact, given);
    }
  lf_contact_set_company (contact, company);
  lf_contact_set_role (contact, title != NULL ? title : role);
  g_ptr_array_add (emails, NULL);
  lf_contact_set_emails (contact, (const char * const *) emails->pdata);
  g_ptr_array_add (phones, NULL);
  lf_contact_set_phones (contact, (const char * const *) phones->pdata);
  g_ptr_array_add (tags, NULL);
  lf_contact_set_tags (contact, (const char * const *) tags->pdata);
  g_ptr_array_add (platforms, NULL);
  lf_contact_set_platforms (contact, (const char * const *) platforms->pdata);
  lf_contact_set_timezone (contact, timezone);
  lf_contact_set_language (contact, language);
  lf_contact_set_preferred (contact, preferred);
  lf_contact_set_webhook (contact, webhook);
  for (guint i = 0; i + 2 < channels->len; i += 3)
    {
      add_channel (contact, extra_notes, channels->pdata[i], channels->pdata[i + 1],
                   channels->pdata[i + 2]);
    }
  if (extra_notes->len > 0)
    {
      if (notes->len > 0)
        g_string_append_c (notes, '\n');
      g_string_append (notes, extra_notes->str);
    }
  lf_contact_set_notes (contact, notes->str);

  if (lf_contact_get_name (contact) == NULL)
    lf_contact_set_name (contact, lf_contact_get_primary_email (contact));
  if (lf_contact_get_name (contact) == NULL)
    {
      lf_import_report_skip (report, _("card %u: no name or e-mail"), card->number);
      return NULL;
    }

  lf_contact_clear_changed (contact);
  g_object_set_data_full (G_OBJECT (contact), LF_CONTACT_ORIGIN_KEY,
                          g_strdup_printf (_("card %u"), card->number), g_free);
  return g_steal_pointer (&contact);
}

static gboolean
is_quoted_printable_line (const char *line)
{
  gssize colon = find_unquoted (line, ':');
  g_autofree char *head = NULL;
  g_autofree char *upper = NULL;

  if (colon < 0)
    return FALSE;
  head = g_strndup (line, colon);
  upper = g_ascii_strup (head, -1);
  return strstr (upper, "QUOTED-PRINTABLE") != NULL;
}

/* Physical lines → logical lines (unfolded), one at a time: memory holds one logical line,
 * not the whole file split up. */
typedef struct
{
  const char *p;
  const char *end;
  guint       number;      /* of the last physical line read */
  GString    *line;
} Unfolder;

/* The next logical line into u->line, and the number of its first physical line. */
static gboolean
unfold_next (Unfolder *u,
             guint    *number)
{
  gboolean qp = FALSE;
  gboolean have = FALSE;

  g_string_truncate (u->line, 0);

  while (u->p < u->end)
    {
      const char *nl = memchr (u->p, '\n', u->end - u->p);
      const char *line_end = nl ? nl : u->end;
      gsize len = line_end - u->p;

      if (len > 0 && u->p[len - 1] == '\r')
        len--;

      if (have)
        {
          if (len > 0 && (u->p[0] == ' ' || u->p[0] == '\t'))
            g_string_append_len (u->line, u->p + 1, len - 1);
          else if (qp && u->line->len > 0 && u->line->str[u->line->len - 1] == '=')
            {
              /* QUOTED-PRINTABLE soft line break. */
              g_string_truncate (u->line, u->line->len - 1);
              g_string_append_len (u->line, u->p, len);
            }
          else
            return TRUE;    /* the next logical line starts here: not consumed */
        }
      else
        {
          g_string_append_len (u->line, u->p, len);
          *number = u->number + 1;
          have = TRUE;
          qp = is_quoted_printable_line (u->line->str);
        }

      u->number++;
      u->p = line_end + 1;
    }

  return have;
}

static void
finish_card (Card           *card,
             GPtrArray      *contacts,
             LfImportReport *report)
{
  LfContact *contact = contact_from_card (card, report);

  if (contact != NULL)
    g_ptr_array_add (contacts, contact);
}

/**
 * lf_vcard_parse:
 * @data: the file's contents
 * @length: the length of @data, or -1 if it is nul-terminated
 * @report: (nullable): where to say which card is skipped or which line ignored
 *   ("card 3: no name or e-mail")
 * @error: return location for a #GError: set only when the file holds no vCard at all
 *
 * Returns: (transfer container) (element-type LfContact): the contacts read, each with its
 *   origin ("card 3") as %LF_CONTACT_ORIGIN_KEY data
 */
GPtrArray *
lf_vcard_parse (const char      *data,
                gssize           length,
                LfImportReport  *report,
                GError         **error)
{
  g_autoptr(GString) buffer = g_string_new (NULL);
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(Card) card = NULL;
  guint n_cards = 0;
  gboolean outside_reported = FALSE;
  Unfolder unfolder;
  guint number = 0;
  guint n_lines = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (data);

  /* A UTF-8 byte order mark. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  unfolder = (Unfolder) { data, data + length, 0, buffer };

  while (unfold_next (&unfolder, &number))
    {
      char *line = g_strstrip (buffer->str);
      Property *prop;

      if (++n_lines % 4096 == 0 &&
          !lf_import_report_progress (report, unfolder.p - data))
        break;

      if (g_ascii_strcasecmp (line, "BEGIN:VCARD") == 0)
        {
          if (card != NULL)
            {
              /* Imported as far as it goes, and said so: not "skipped". */
              lf_import_report_note (report, _("card %u: not closed by END:VCARD; read up "
                                               "to the next BEGIN:VCARD"), card->number);
              finish_card (card, contacts, report);
              g_clear_pointer (&card, card_free);
            }
          card = g_new0 (Card, 1);
          card->number = ++n_cards;
          card->line = number;
          card->properties = g_ptr_array_new_with_free_func ((GDestroyNotify) property_free);
          continue;
        }

      if (g_ascii_strcasecmp (line, "END:VCARD") == 0)
        {
          if (card != NULL)
            {
              finish_card (card, contacts, report);
              g_clear_pointer (&card, card_free);
            }
          continue;
        }

      if (*line == '\0')
        continue;

      if (card == NULL)
        {
          if (!outside_reported)
            lf_import_report_note (report, _("line %u: text outside a vCard, ignored"),
                                   number);
          outside_reported = TRUE;
          continue;
        }

      if (card->properties->len >= LF_VCARD_MAX_PROPERTIES)
        {
          lf_import_report_note (report, _("card %u, line %u: more than %u properties in "
                                           "one card, ignored"),
                                 card->number, number, LF_VCARD_MAX_PROPERTIES);
          continue;
        }

      prop = parse_property (line, number);
      if (prop == NULL)
        {
          lf_import_report_note (report, _("card %u, line %u: not a vCard property, ignored"),
                                 card->number, number);
          continue;
        }
      g_ptr_array_add (card->properties, prop);
    }

  if (card != NULL)
    {
      lf_import_report_note (report, _("card %u: not closed by END:VCARD; read up to the "
                                       "end of the file"), card->number);
      finish_card (card, contacts, report);
    }

  if (n_cards == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("This file holds no vCard (no BEGIN:VCARD line)"));
      return NULL;
    }

  return g_steal_pointer (&contacts);
}
