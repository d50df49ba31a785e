/* lf-csv.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-csv"

#include "config.h"

#include "lf-csv.h"

#include <glib/gi18n.h>
#include <string.h>

/* RFC 4180 with the leniency real files need: CRLF or LF, quoted fields holding commas,
 * quotes ("") and line breaks, a UTF-8 byte order mark, ";" or tab as the separator when
 * the header says so (Outlook in many locales). The first record is the header row; the
 * columns of Google Contacts (old and new export), Outlook and Lifeline's own export are
 * recognised by name. Multi-valued cells use Google's " ::: " separator. */

#define MULTI_SEPARATOR " ::: "

typedef enum
{
  COL_IGNORE,
  COL_ID,
  COL_NAME,
  COL_GIVEN,
  COL_MIDDLE,
  COL_FAMILY,
  COL_PREFIX,
  COL_SUFFIX,
  COL_COMPANY,
  COL_ROLE,
  COL_EMAIL,
  COL_PHONE,
  COL_NOTES,
  COL_TAGS,
  COL_TAGS_SEMICOLON,
  COL_PLATFORMS,
  COL_PREFERRED,
  COL_TIMEZONE,
  COL_LANGUAGE,
  COL_WEBHOOK,
  COL_WEBSITE,
  COL_CHANNEL,          /* Lifeline: a column per channel kind */
} Column;

static const struct { const char *header; Column column; } known_columns[] = {
  /* Lifeline */
  { "id", COL_ID },
  { "name", COL_NAME },
  { "company", COL_COMPANY },
  { "role", COL_ROLE },
  { "emails", COL_EMAIL },
  { "phones", COL_PHONE },
  { "notes", COL_NOTES },
  { "tags", COL_TAGS },
  { "platforms", COL_PLATFORMS },
  { "preferred", COL_PREFERRED },
  { "timezone", COL_TIMEZONE },
  { "language", COL_LANGUAGE },
  { "webhook", COL_WEBHOOK },
  /* Google Contacts (both exports) */
  { "Given Name", COL_GIVEN },
  { "Additional Name", COL_MIDDLE },
  { "Family Name", COL_FAMILY },
  { "Name Prefix", COL_PREFIX },
  { "Name Suffix", COL_SUFFIX },
  { "Middle Name", COL_MIDDLE },
  { "Organization 1 - Name", COL_COMPANY },
  { "Organization 1 - Title", COL_ROLE },
  { "Organization Name", COL_COMPANY },
  { "Organization Title", COL_ROLE },
  { "Group Membership", COL_TAGS },
  { "Labels", COL_TAGS },
  /* Outlook */
  { "First Name", COL_GIVEN },
  { "Last Name", COL_FAMILY },
  { "Title", COL_PREFIX },
  { "Suffix", COL_SUFFIX },
  { "Company", COL_COMPANY },
  { "Job Title", COL_ROLE },
  { "E-mail Address", COL_EMAIL },
  { "E-mail 2 Address", COL_EMAIL },
  { "E-mail 3 Address", COL_EMAIL },
  { "Business Phone", COL_PHONE },
  { "Business Phone 2", COL_PHONE },
  { "Mobile Phone", COL_PHONE },
  { "Home Phone", COL_PHONE },
  { "Home Phone 2", COL_PHONE },
  { "Primary Phone", COL_PHONE },
  { "Company Main Phone", COL_PHONE },
  { "Other Phone", COL_PHONE },
  { "Categories", COL_TAGS_SEMICOLON },
  { "Web Page", COL_WEBSITE },
  /* Thunderbird and generic spreadsheets */
  { "Display Name", COL_NAME },
  { "Full Name", COL_NAME },
  { "Primary Email", COL_EMAIL },
  { "Secondary Email", COL_EMAIL },
  { "Email", COL_EMAIL },
  { "Email Address", COL_EMAIL },
  { "Work Phone", COL_PHONE },
  { "Mobile Number", COL_PHONE },
  { "Phone", COL_PHONE },
  { "Organization", COL_COMPANY },
  { "Web Page 1", COL_WEBSITE },
  { "Time Zone", COL_TIMEZONE },
  { "Language", COL_LANGUAGE },
};

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static Column
column_for_header (const char  *header,
                   const char **kind)
{
  *kind = NULL;

  /* Lifeline's per-channel columns. */
  if (lf_contact_is_channel_kind (header))
    {
      *kind = header;
      return COL_CHANNEL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (known_columns); i++)
    if (g_ascii_strcasecmp (header, known_columns[i].header) == 0)
      return known_columns[i].column;

  /* Google: "E-mail 1 - Value", "Phone 2 - Value", "Website 1 - Value". */
  if (g_str_has_suffix (header, " - Value"))
    {
      if (g_str_has_prefix (header, "E-mail "))
        return COL_EMAIL;
      if (g_str_has_prefix (header, "Phone "))
        return COL_PHONE;
      if (g_str_has_prefix (header, "Website "))
        return COL_WEBSITE;
    }

  /* Google's newer export writes "Name" only as a combined column in some locales. */
  if (g_ascii_strcasecmp (header, "Name") == 0 || g_ascii_strcasecmp (header, "File As") == 0)
    return COL_NAME;

  return COL_IGNORE;
}

static char
guess_separator (const char *data,
                 gsize       length)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (data[i] == '"')
        quoted = !quoted;
      else if (!quoted && (data[i] == '\n' || data[i] == '\r'))
        break;
      else if (!quoted && data[i] == ',')
        commas++;
      else if (!quoted && data[i] == ';')
        semicolons++;
      else if (!quoted && data[i] == '\t')
        tabs++;
    }

  if (tabs > commas && tabs > semicolons)
    return '\t';
  if (semicolons > commas)
    return ';';
  return ',';
}

static GPtrArray *
split_multi (const char *cell,
             const char *separator)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = g_strsplit (cell, separator, -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *value = g_strstrip (g_strdup (parts[i]));

      if (*value != '\0')
        g_ptr_array_add (values, value);
      else
        g_free (value);
    }

  return values;
}

static void
add_values (GPtrArray  *target,
            const char *cell,
            const char *separator)
{
  g_autoptr(GPtrArray) values = split_multi (cell, separator);

  for (guint i = 0; i < values->len; i++)
    g_ptr_array_add (target, g_strdup (values->pdata[i]));
}

static void
append_name_part (GString    *name,
                  const char *part)
{
  if (part == NULL || *part == '\0')
    return;
  if (name->len > 0)
    g_string_append_c (name, ' ');
  g_string_append (name, part);
}

static const char *
channel_kind_for_website (const char *url)
{
  if (strstr (url, "wa.me/") || strstr (url, "whatsapp.com/"))
    return "whatsapp";
  if (strstr (url, "t.me/"))
    return "telegram";
  if (strstr (url, "signal.me/"))
    return "signal";
  if (strstr (url, "matrix.to/"))
    return "matrix";
  if (strstr (url, ".slack.com"))
    return "slack";
  if (strstr (url, "discord.com/") || strstr (url, "discord.gg/"))
    return "discord";
  if (strstr (url, "teams.microsoft.com/"))
    return "teams";
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct
{
  const char *data;
  gsize       length;
  gsize       i;
  char        separator;
  GString    *field;
  guint       n_records;
} Reader;

/* Checks the text and sets up @reader; FALSE with @error when it is not UTF-8. */
static gboolean
reader_init (Reader      *reader,
             const char  *data,
             gssize       length,
             GError     **error)
{
  if (length < 0)
    length = strlen (data);
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The CSV file is not UTF-8 text. Export it again as "
                             "“CSV UTF-8”, or save it in UTF-8 from a spreadsheet."));
      return FALSE;
    }

  reader->data = data;
  reader->length = length;
  reader->i = 0;
  reader->separator = guess_separator (data, length);
  reader->field = g_string_new (NULL);
  reader->n_records = 0;
  return TRUE;
}

static void
reader_clear (Reader *reader)
{
  if (reader->field != NULL)
    g_string_free (reader->field, TRUE);
  reader->field = NULL;
}

/* The next record (blank lines skipped) into @record; FALSE at the end. One record at a
 * time, so memory holds a record, not the whole file split into cells. */
static gboolean
reader_next (Reader         *reader,
             GPtrArray      *record,
             LfImportReport *report)
{
  const char *data = reader->data;
  gsize length = reader->length;
  GString *field = reader->field;
  gboolean quoted = FALSE;
  gboolean field_started = FALSE;
  gboolean was_quoted = FALSE;
  gsize i = reader->i;

  g_ptr_array_set_size (record, 0);
  g_string_truncate (field, 0);

  while (i < length)
    {
      char c = data[i];

      if (quoted)
        {
          if (c == '"' && i + 1 < length && data[i + 1] == '"')
            {
              g_string_append_c (field, '"');
              i += 2;
              continue;
            }
          if (c == '"')
            {
              quoted = FALSE;
              i++;
              continue;
            }
          g_string_append_c (field, c);
          i++;
          continue;
        }

      if (c == '"' && !field_started)
        {
          quoted = TRUE;
          was_quoted = TRUE;
          field_started = TRUE;
          i++;
          continue;
        }

      if (c == reader->separator)
        {
          g_ptr_array_add (record, g_strdup (field->str));
          g_string_truncate (field, 0);
          field_started = was_quoted = FALSE;
          i++;
          continue;
        }

      if (c == '\r' || c == '\n')
        {
          gboolean blank;

          g_ptr_array_add (record, g_strdup (field->str));
          g_string_truncate (field, 0);
          field_started = was_quoted = FALSE;

          if (c == '\r' && i + 1 < length && data[i + 1] == '\n')
            i++;
          i++;

          /* Skip blank lines entirely. */
          blank = record->len == 1 && *(char *) record->pdata[0] == '\0';
          if (!blank)
            {
              reader->i = i;
              reader->n_records++;
              return TRUE;
            }
          g_ptr_array_set_size (record, 0);
          continue;
        }

      /* A stray quote after text in an unquoted field is kept as text. */
      if (was_quoted && c != ' ')
        was_quoted = FALSE;
      g_string_append_c (field, c);
      field_started = TRUE;
      i++;
    }

  reader->i = i;

  if (quoted)
    lf_import_report_note (report, _("row %u: a quoted field is not closed; the rest of the "
                                     "file was read as part of it"), reader->n_records + 1);

  if (field_started || field->len > 0 || record->len > 0)
    {
      g_ptr_array_add (record, g_strdup (field->str));
      reader->n_records++;
      return TRUE;
    }

  return FALSE;
}

/**
 * lf_csv_parse_records:
 * @report: (nullable): where to say what is broken
 *
 * Splits CSV text into records of fields (RFC 4180).
 *
 * Returns: (transfer container) (element-type GPtrArray): each record a #GPtrArray of
 *   strings
 */
GPtrArray *
lf_csv_parse_records (const char      *data,
                      gssize           length,
                      LfImportReport  *report,
                      GError         **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  Reader reader;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!reader_init (&reader, data, length, error))
    return NULL;

  for (;;)
    {
      g_autoptr(GPtrArray) record = g_ptr_array_new_with_free_func (g_free);

      if (!reader_next (&reader, record, report))
        break;
      g_ptr_array_add (records, g_steal_pointer (&record));
    }
  reader_clear (&reader);

  return g_steal_pointer (&records);
}

static LfContact *
contact_from_record (GPtrArray   *record,
                     Column      *columns,
                     const char **kinds,
                     guint        n_columns,
                     guint        row,
                     LfImportReport *report)
{
  g_autoptr(LfContact) contact = NULL;
  g_autoptr(GPtrArray) emails = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) platforms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GString) built_name = g_string_new (NULL);
  const char *id = NULL, *name = NULL, *given = NULL, *middle = NULL, *family = NULL;
  const char *prefix = NULL, *suffix = NULL;
  const char *company = NULL, *role = NULL, *preferred = NULL, *timezone = NULL;
  const char *language = NULL, *webhook = NULL;
  g_autoptr(GPtrArray) channel_kinds = g_ptr_array_new ();
  g_autoptr(GPtrArray) channel_values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < record->len && i < n_columns; i++)
    {
      const char *cell = record->pdata[i];

      if (*cell == '\0')
        continue;

      switch (columns[i])
        {
        case COL_ID: id = cell; break;
        case COL_NAME: if (name == NULL) name = cell; break;
        case COL_GIVEN: given = cell; break;
        case COL_MIDDLE: middle = cell; break;
        case COL_FAMILY: family = cell; break;
        case COL_PREFIX: prefix = cell; break;
        case COL_SUFFIX: suffix = cell; break;
        case COL_COMPANY: if (company == NULL) company = cell; break;
        case COL_ROLE: if (role == NULL) role = cell; break;
        case COL_PREFERRED: preferred = cell; break;
        case COL_TIMEZONE: timezone = cell; break;
        case COL_LANGUAGE: language = cell; break;
        case COL_WEBHOOK: webhook = cell; break;
        case COL_EMAIL: add_values (emails, cell, ":::"); break;
        case COL_PHONE: add_values (phones, cell, ":::"); break;
        case COL_PLATFORMS: add_values (platforms, cell, ":::"); break;
        case COL_TAGS:
          {
            g_autoptr(GPtrArray) values = split_multi (cell, ":::");

            for (guint j = 0; j < values->len; j++)
              {
                const char *tag = values->pdata[j];

                /* Google's system groups are not the user's tags. */
                if (g_str_equal (tag, "* myContacts") || g_str_equal (tag, "* starred") ||
                    g_str_equal (tag, "myContacts"))
                  continue;
                g_ptr_array_add (tags, g_strdup (tag[0] == '*' ? g_strstrip ((char *) tag + 1)
                                                               : tag));
              }
          }
          break;
        case COL_TAGS_SEMICOLON: add_values (tags, cell, ";"); break;
        case COL_NOTES:
          if (notes->len > 0)
            g_string_append_c (notes, '\n');
          g_string_append (notes, cell);
          break;
        case COL_CHANNEL:
          g_ptr_array_add (channel_kinds, (gpointer) kinds[i]);
          g_ptr_array_add (channel_values, g_strdup (cell));
          break;
        case COL_WEBSITE:
          {
            g_autoptr(GPtrArray) values = split_multi (cell, ":::");

            for (guint j = 0; j < values->len; j++)
              {
                const char *kind = channel_kind_for_website (values->pdata[j]);

                if (kind != NULL)
                  {
                    g_ptr_array_add (channel_kinds, (gpointer) kind);
                    g_ptr_array_add (channel_values, g_strdup (values->pdata[j]));
                  }
                else
                  {
                    if (notes->len > 0)
                      g_string_append_c (notes, '\n');
                    g_string_append_printf (notes, "%s: %s", _("Web"),
                                            (char *) values->pdata[j]);
                  }
              }
          }
          break;
        case COL_IGNORE:
        default:
          break;
        }
    }

  if (id != NULL && !g_uuid_string_is_valid (id))
    id = NULL;

  contact = lf_contact_new_with_id (id);

  append_name_part (built_name, prefix);
  append_name_part (built_name, given);
  append_name_part (built_name, middle);
  append_name_part (built_name, family);
  append_name_part (built_name, suffix);
  lf_contact_set_name (contact, name != NULL ? name : built_name->str);

  lf_contact_set_company (contact, company);
  lf_contact_set_role (contact, role);
  g_ptr_array_add (emails, NULL);
  lf_contact_set_emails (contact, (const char * const *) emails->pdata);
  g_ptr_array_add (phones, NULL);
  lf_contact_set_phones (contact, (const char * const *) phones->pdata);
  g_ptr_array_add (tags, NULL);
  lf_contact_set_tags (contact, (const char * const *) tags->pdata);
  g_ptr_array_add (platforms, NULL);
  lf_contact_set_platforms (contact, (const char * const *) platforms->pdata);
  lf_contact_set_preferred (contact, preferred);
  lf_contact_set_timezone (contact, timezone);
  lf_contact_set_language (contact, language);
  lf_contact_set_webhook (contact, webhook);
  for (guint i = 0; i < channel_kinds->len; i++)
    {
      const char *kind = channel_kinds->pdata[i];

      if (lf_contact_get_channel (contact, kind) == NULL)
        lf_contact_set_channel (contact, kind, channel_values->pdata[i]);
      else if (lf_contact_get_channel (contact, "other") == NULL)
        lf_contact_set_channel (contact, "other", channel_values->pdata[i]);
      else
        {
          if (notes->len > 0)
            g_string_append_c (notes, '\n');
          g_string_append_printf (notes, "%s: %s", lf_contact_channel_kind_label (kind),
                                  (char *) channel_values->pdata[i]);
        }
    }
  lf_contact_set_notes (contact, notes->str);

  if (lf_contact_get_name (contact) == NULL)
    lf_contact_set_name (contact, lf_contact_get_primary_email (contact));
  if (lf_contact_get_name (contact) == NULL)
    {
      lf_import_report_skip (report, _("row %u: no name or e-mail"), row);
      return NULL;
    }

  lf_contact_clear_changed (contact);
  g_object_set_data_full (G_OBJECT (contact), LF_CONTACT_ORIGIN_KEY,
                          g_strdup_printf (_("row %u"), row), g_free);
  return g_steal_pointer (&contact);
}

/**
 * lf_csv_parse:
 * @report: (nullable): where to say which row is skipped ("row 7: no name or e-mail");
 *   rows are numbered as in a spreadsheet, the header is row 1
 * @error: set when the file is not CSV text with a header row this parser understands
 *
 * Returns: (transfer container) (element-type LfContact): the contacts read
 */
GPtrArray *
lf_csv_parse (const char      *data,
              gssize           length,
              LfImportReport  *report,
              GError         **error)
{
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) record = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) contacts = NULL;
  g_autofree Column *columns = NULL;
  g_autofree const char **kinds = NULL;
  gboolean any_known = FALSE;
  gboolean has_name_or_email = FALSE;
  Reader reader;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!reader_init (&reader, data, length, error))
    return NULL;

  if (!reader_next (&reader, header, report))
    {
      reader_clear (&reader);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The CSV file is empty"));
      return NULL;
    }

  columns = g_new0 (Column, header->len);
  kinds = g_new0 (const char *, header->len);
  for (guint i = 0; i < header->len; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (header->pdata[i]));

      columns[i] = column_for_header (name, &kinds[i]);
      if (kinds[i] != NULL)
        kinds[i] = g_intern_string (kinds[i]);
      any_known |= columns[i] != COL_IGNORE;
      has_name_or_email |= columns[i] == COL_NAME || columns[i] == COL_GIVEN ||
                           columns[i] == COL_FAMILY || columns[i] == COL_EMAIL;
    }

  if (!any_known || !has_name_or_email)
    {
      reader_clear (&reader);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The first row of the CSV file must name the columns, with at "
                             "least a name or an e-mail column (for example “Name” or "
                             "“E-mail Address”)"));
      return NULL;
    }

  contacts = g_ptr_array_new_with_free_func (g_object_unref);
  while (reader_next (&reader, record, report))
    {
      guint row = reader.n_records;
      LfContact *contact;

      if (row % 1024 == 0 && !lf_import_report_progress (report, reader.i))
        break;

      if (record->len > header->len)
        lf_import_report_note (report, _("row %u: more cells than columns; the extra cells "
                                         "were ignored"), row);

      contact = contact_from_record (record, columns, kinds, header->len, row, report);
      if (contact != NULL)
        g_ptr_array_add (contacts, contact);
    }
  reader_clear (&reader);

  return g_steal_pointer (&contacts);
}

/* ------------------------------------------------------------------------ */
/* Writing                                                                  */
/* ------------------------------------------------------------------------ */

static void
append_cell (GString    *out,
             const char *value,
             gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  if (value == NULL)
    return;

  if (strpbrk (value, ",\"\r\n") != NULL || g_ascii_isspace (value[0]) ||
      (*value != '\0' && g_ascii_isspace (value[strlen (value) - 1])))
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, value);
}

static void
append_list_cell (GString            *out,
                  const char * const *values)
{
  g_autofree char *joined = g_strjoinv (MULTI_SEPARATOR, (char **) values);

  append_cell (out, joined, FALSE);
}

/**
 * lf_csv_write:
 * @contacts: (element-type LfContact): the contacts
 * @include_secrets: whether to write per-client webhook URLs
 *
 * Returns: (transfer full): Lifeline's CSV: a header row, then one row per contact; lists
 *   joined with " ::: " (as Google does); CRLF line ends
 */
char *
lf_csv_write (GPtrArray *contacts,
              gboolean   include_secrets)
{
  static const char *header[] = {
    "id", "name", "company", "role", "emails", "phones", "preferred", "platforms",
    "timezone", "language", "tags", "notes", "webhook",
  };
  GString *out = g_string_new (NULL);
  const char * const *kinds = lf_contact_get_channel_kinds ();

  g_return_val_if_fail (contacts != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    append_cell (out, header[i], i == 0);
  for (guint i = 0; kinds[i] != NULL; i++)
    append_cell (out, kinds[i], FALSE);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < contacts->len; i++)
    {
      LfContact *contact = contacts->pdata[i];

      append_cell (out, lf_contact_get_id (contact), TRUE);
      append_cell (out, lf_contact_get_name (contact), FALSE);
      append_cell (out, lf_contact_get_company (contact), FALSE);
      append_cell (out, lf_contact_get_role (contact), FALSE);
      append_list_cell (out, lf_contact_get_emails (contact));
      append_list_cell (out, lf_contact_get_phones (contact));
      append_cell (out, lf_contact_get_preferred (contact), FALSE);
      append_list_cell (out, lf_contact_get_platforms (contact));
      append_cell (out, lf_contact_get_timezone (contact), FALSE);
      append_cell (out, lf_contact_get_language (contact), FALSE);
      append_list_cell (out, lf_contact_get_tags (contact));
      append_cell (out, lf_contact_get_notes (contact), FALSE);
      append_cell (out, include_secrets ? lf_contact_get_webhook (contact) : NULL, FALSE);
      for (guint j = 0; kinds[j] != NULL; j++)
        append_cell (out, lf_contact_get_channel (contact, kinds[j]), FALSE);
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}
