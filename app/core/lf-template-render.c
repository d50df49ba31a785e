/* lf-template-render.c — checking and rendering templates (split from lf-template.c)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-template"

#include "config.h"

#include "lf-template.h"
#include "lf-template-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Rendering is strict: an unknown placeholder or a stray brace is an error, never sent as
 * raw text. Values are always made single-line, so a client's name cannot start a new mail
 * header or fake a paragraph; the subject as a whole is single-line too.
 *
 * What a message says depends on the client (see lf-outage.c):
 *
 *  - {platform} is the client's own affected platforms (LfRecipient.platforms), joined in
 *    the language of the variant: "Upwork", "Upwork and Discord", "Upwork, Discord and
 *    PayPal" ("und" in German, "et" in French). The shipped templates are worded so that
 *    nothing else in the sentence depends on how many there are ("an outage has affected
 *    {platform}", never "{platform} is down").
 *  - {client} greets by the given name (LfRecipient.given_name, else the first word of the
 *    name).
 *  - {next_update} left unset (NULL) is a promise in the message's language ("as soon as I
 *    know more", "so bald wie möglich", "dès que j’en saurai plus").
 *  - A sentence whose optional value is empty — {status_url}, {next_update}, {my_channel},
 *    {company}, {provider} — is left out whole, so no message says "published at ." A
 *    sentence ends at ".", "!", "?" or "…" followed by a space or a line end, or at a line
 *    end; a paragraph left empty goes with its blank line.
 */

static const char * const placeholders[] = {
  "client",
  "company",
  "platform",
  "provider",
  "since",
  "status_url",
  "my_name",
  "my_channel",
  "next_update",
  NULL
};

static gboolean
is_placeholder (const char *name,
                gsize       length)
{
  for (guint i = 0; placeholders[i] != NULL; i++)
    if (strlen (placeholders[i]) == length && strncmp (placeholders[i], name, length) == 0)
      return TRUE;

  return FALSE;
}

static void
add_problem (GPtrArray  *problems,
             const char *field,
             gsize       offset,
             gsize       length,
             const char *placeholder,
             gsize       placeholder_length,
             char       *message)
{
  LfTemplateProblem *problem = g_new0 (LfTemplateProblem, 1);

  problem->field = g_strdup (field);
  problem->offset = offset;
  problem->length = length;
  problem->placeholder = placeholder != NULL ? g_strndup (placeholder, placeholder_length) : NULL;
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

typedef const char *(*LookupFunc) (const char *name,
                                   gpointer    data);

/* Walks @text. Appends the expansion to @out (if not NULL) with values from @lookup (if not
 * NULL), and every problem to @problems (if not NULL). Returns FALSE if there was one. */
static gboolean
expand (const char *text,
        const char *field,
        LookupFunc  lookup,
        gpointer    lookup_data,
        GString    *out,
        GPtrArray  *problems)
{
  gboolean ok = TRUE;
  gsize i = 0;

  if (text == NULL)
    return TRUE;

  while (text[i] != '\0')
    {
      if (text[i] == '{' && text[i + 1] == '{')
        {
          if (out != NULL)
            g_string_append_c (out, '{');
          i += 2;
        }
      else if (text[i] == '}' && text[i + 1] == '}')
        {
          if (out != NULL)
            g_string_append_c (out, '}');
          i += 2;
        }
      else if (text[i] == '{')
        {
          gsize j = i + 1;

          while (text[j] != '\0' && text[j] != '}' && text[j] != '{' && text[j] != '\n')
            j++;

          if (text[j] != '}')
            {
              ok = FALSE;
              if (problems != NULL)
                add_problem (problems, field, i, 1, NULL, 0,
                             g_strdup (_("This “{” opens no placeholder; write “{{” for a "
                                         "brace")));
              i++;
            }
          else if (!is_placeholder (text + i + 1, j - i - 1))
            {
              ok = FALSE;
              if (problems != NULL)
                {
                  g_autofree char *name = g_strndup (text + i + 1, j - i - 1);

                  add_problem (problems, field, i, j - i + 1, text + i + 1, j - i - 1,
                               g_strdup_printf (_("Unknown placeholder “{%s}”"), name));
                }
              i = j + 1;
            }
          else
            {
              if (out != NULL && lookup != NULL)
                {
                  g_autofree char *name = g_strndup (text + i + 1, j - i - 1);
                  const char *value = lookup (name, lookup_data);

                  if (value == NULL)
                    ok = FALSE;
                  else
                    g_string_append (out, value);
                }
              i = j + 1;
            }
        }
      else if (text[i] == '}')
        {
          ok = FALSE;
          if (problems != NULL)
            add_problem (problems, field, i, 1, NULL, 0,
                         g_strdup (_("This “}” closes no placeholder; write “}}” for a "
                                     "brace")));
          i++;
        }
      else
        {
          if (out != NULL)
            g_string_append_c (out, text[i]);
          i++;
        }
    }

  return ok;
}

typedef struct
{
  const LfRenderContext *context;
  const LfRecipient     *recipient;
  const char            *language;
  GHashTable            *values;    /* name → single-line value, filled on demand */
  gboolean               empty_optional;  /* an optional value of this sentence is empty */
  GError                *error;
} RenderData;

static gboolean
is_optional (const char *name)
{
  return g_str_equal (name, "status_url") || g_str_equal (name, "next_update") ||
         g_str_equal (name, "my_channel") || g_str_equal (name, "company") ||
         g_str_equal (name, "provider");
}

static const char *
list_separator_last (const char *language)
{
  g_autofree char *key = lf_template_normalise_language (language);
  g_autofree char *primary = key != NULL ? lf_template_primary_subtag (key) : NULL;

  if (primary == NULL)
    return " and ";
  if (g_str_equal (primary, "de"))
    return " und ";
  if (g_str_equal (primary, "fr"))
    return " et ";
  if (g_str_equal (primary, "es"))
    return " y ";
  if (g_str_equal (primary, "it"))
    return " e ";
  if (g_str_equal (primary, "nl"))
    return " en ";
  if (g_str_equal (primary, "pt"))
    return " e ";
  return " and ";
}

/**
 * lf_template_join_list:
 * @items: (array zero-terminated=1): names, e.g. platform display names
 * @language: (nullable): the language of the message the list goes into
 *
 * Returns: (transfer full): "Upwork", "Upwork and Discord", "Upwork, Discord and PayPal";
 *   "und" in German, "et" in French (no serial comma in any of them)
 */
char *
lf_template_join_list (const char * const *items,
                       const char         *language)
{
  GString *out = g_string_new (NULL);
  guint n = items != NULL ? g_strv_length ((char **) items) : 0;

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, i == n - 1 ? list_separator_last (language) : ", ");
      g_string_append (out, items[i]);
    }

  return g_string_free (out, FALSE);
}

static const char *
next_update_default (const char *language)
{
  g_autofree char *key = lf_template_normalise_language (language);
  g_autofree char *primary = key != NULL ? lf_template_primary_subtag (key) : NULL;

  if (g_strcmp0 (primary, "de") == 0)
    return "so bald wie möglich";
  if (g_strcmp0 (primary, "fr") == 0)
    return "dès que j’en saurai plus";
  return "as soon as I know more";
}

static const char *
render_lookup (const char *name,
               gpointer    user_data)
{
  RenderData *data = user_data;
  const LfRecipient *recipient = data->recipient;
  const char *raw = NULL;
  g_autofree char *formatted = NULL;
  char *value;

  value = g_hash_table_lookup (data->values, name);
  if (value != NULL)
    {
      if (*value == '\0' && is_optional (name))
        data->empty_optional = TRUE;
      return value;
    }

  if (g_str_equal (name, "client"))
    raw = formatted = lf_recipient_dup_greeting (recipient);
  else if (g_str_equal (name, "company"))
    raw = recipient->company;
  else if (g_str_equal (name, "platform"))
    {
      if (recipient->platforms != NULL && recipient->platforms[0] != NULL)
        raw = formatted = lf_template_join_list ((const char * const *) recipient->platforms,
                                                 data->language);
      else
        raw = data->context->platform;
    }
  else if (g_str_equal (name, "provider"))
    raw = recipient->provider != NULL ? recipient->provider : data->context->provider;
  else if (g_str_equal (name, "status_url"))
    raw = recipient->status_url != NULL ? recipient->status_url : data->context->status_url;
  else if (g_str_equal (name, "my_name"))
    raw = data->context->my_name;
  else if (g_str_equal (name, "my_channel"))
    raw = data->context->my_channel;
  else if (g_str_equal (name, "next_update"))
    {
      raw = data->context->next_update;
      /* Unset: a promise in the message's own language ("" leaves the sentence out). */
      if (raw == NULL)
        raw = next_update_default (data->language);
    }
  else if (g_str_equal (name, "since"))
    {
      if (data->context->since <= 0)
        {
          if (data->error == NULL)
            g_set_error (&data->error, LF_TEMPLATE_ERROR, LF_TEMPLATE_ERROR_MISSING_VALUE,
                         _("The template uses {since}, but the start of the incident is "
                           "not known"));
          return NULL;
        }
      formatted = lf_template_format_since (data->context->since, recipient->timezone,
                                            data->language);
      raw = formatted;
    }
  else
    g_assert_not_reached ();

  value = lf_template_single_line (raw != NULL ? raw : "");
  g_hash_table_insert (data->values, g_strdup (name), value);
  if (*value == '\0' && is_optional (name))
    data->empty_optional = TRUE;

  return value;
}

/* Where the sentence that starts at @start ends: after its closing punctuation and the
 * spaces that follow, or at (not after) the line end. */
static gsize
sentence_end (const char *text,
              gsize       start)
{
  gsize i = start;
  gboolean in_braces = FALSE;

  while (text[i] != '\0' && text[i] != '\n')
    {
      gboolean closes;

      if (text[i] == '{')
        in_braces = TRUE;
      else if (text[i] == '}')
        in_braces = FALSE;

      closes = !in_braces && (text[i] == '.' || text[i] == '!' || text[i] == '?' ||
                              g_str_has_prefix (text + i, "…"));
      if (closes)
        {
          gsize after = i + (text[i] == '.' || text[i] == '!' || text[i] == '?' ? 1
                                                                                 : strlen ("…"));

          if (text[after] == ' ' || text[after] == '\n' || text[after] == '\0')
            {
              while (text[after] == ' ')
                after++;
              return after;
            }
        }
      i++;
    }

  return i;
}

/* Removes trailing spaces of each line and blank lines left by dropped paragraphs: at most
 * one blank line in a row, none at the start or end. */
static char *
tidy_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);
  guint blank = 0;
  gboolean any = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);
      if (*lines[i] == '\0')
        {
          blank++;
          continue;
        }
      if (any)
        g_string_append (out, blank > 0 ? "\n\n" : "\n");
      g_string_append (out, lines[i]);
      blank = 0;
      any = TRUE;
    }
  if (any && g_str_has_suffix (text, "\n"))
    g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}

/* Expands @text sentence by sentence, leaving out each sentence with an empty optional
 * value. The text has been checked. */
static gboolean
expand_sentences (const char *text,
                  RenderData *data,
                  GString    *out)
{
  g_autoptr(GString) result = g_string_new (NULL);
  gsize i = 0;
  gboolean dropped = FALSE;
  g_autofree char *tidy = NULL;

  if (text == NULL)
    return TRUE;

  while (text[i] != '\0')
    {
      gsize end;
      g_autofree char *sentence = NULL;
      g_autoptr(GString) piece = g_string_new (NULL);

      if (text[i] == '\n')
        {
          g_string_append_c (result, '\n');
          i++;
          continue;
        }

      end = sentence_end (text, i);
      sentence = g_strndup (text + i, end - i);
      data->empty_optional = FALSE;
      if (!expand (sentence, "body", render_lookup, data, piece, NULL))
        return FALSE;
      if (data->empty_optional)
        dropped = TRUE;
      else
        g_string_append_len (result, piece->str, piece->len);
      i = end;
    }

  if (!dropped)
    {
      g_string_append_len (out, result->str, result->len);
      return TRUE;
    }

  tidy = tidy_lines (result->str);
  g_string_append (out, tidy);
  return TRUE;
}

/* The problems of @text as one error message. */
static void
set_problems_error (GError    **error,
                    GPtrArray  *problems)
{
  g_autoptr(GString) message = g_string_new (NULL);
  gboolean unknown = FALSE;

  for (guint i = 0; i < problems->len; i++)
    {
      LfTemplateProblem *problem = g_ptr_array_index (problems, i);

      if (problem->placeholder != NULL)
        unknown = TRUE;
      if (message->len > 0)
        g_string_append (message, "; ");
      /* Translators: "%s" is "subject" or "body", then a description of a problem */
      g_string_append_printf (message, _("%s, at %u: %s"),
                              g_str_equal (problem->field, "subject") ? _("Subject")
                                                                      : _("Body"),
                              (guint) problem->offset, problem->message);
    }

  g_set_error_literal (error, LF_TEMPLATE_ERROR,
                       unknown ? LF_TEMPLATE_ERROR_UNKNOWN_PLACEHOLDER
                               : LF_TEMPLATE_ERROR_SYNTAX,
                       message->str);
}

static char *
normalise_newlines (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (out, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

void
lf_template_problem_free (LfTemplateProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->field);
  g_free (problem->language);
  g_free (problem->placeholder);
  g_free (problem->message);
  g_free (problem);
}

/**
 * lf_template_get_placeholders:
 *
 * Returns: (transfer none): the names a template may use, without braces
 */
const char * const *
lf_template_get_placeholders (void)
{
  return placeholders;
}

/**
 * lf_template_check_text:
 * @text: a subject or body
 * @field: "subject" or "body", copied into the problems
 * @problems: (out) (optional) (transfer full): #LfTemplateProblem in text order
 *
 * Finds unknown placeholders and stray braces, with their byte offsets.
 *
 * Returns: %TRUE if @text has no problem
 */
gboolean
lf_template_check_text (const char  *text,
                        const char  *field,
                        GPtrArray  **problems)
{
  g_autoptr(GPtrArray) found = NULL;
  gboolean ok;

  g_return_val_if_fail (text != NULL, FALSE);

  found = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_template_problem_free);
  ok = expand (text, field != NULL ? field : "body", NULL, NULL, NULL, found);
  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return ok;
}

/**
 * lf_template_check:
 * @problems: (out) (optional) (transfer full): every #LfTemplateProblem of the subject and
 *   body of the default text and of each variant
 *
 * Returns: %TRUE if the template can be rendered
 */
gboolean
lf_template_check (LfTemplate  *self,
                   GPtrArray  **problems)
{
  g_autoptr(GPtrArray) found = NULL;
  g_auto(GStrv) languages = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (LF_IS_TEMPLATE (self), FALSE);

  found = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_template_problem_free);
  languages = lf_template_dup_languages (self);

  for (guint i = 0; languages[i] != NULL; i++)
    {
      const char *subject = NULL, *body = NULL;
      guint start = found->len;

      lf_template_get_variant (self, languages[i], &subject, &body);
      ok &= expand (subject, "subject", NULL, NULL, NULL, found);
      ok &= expand (body, "body", NULL, NULL, NULL, found);

      if (i > 0)
        for (guint j = start; j < found->len; j++)
          {
            LfTemplateProblem *problem = g_ptr_array_index (found, j);

            problem->language = g_strdup (languages[i]);
          }
    }

  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return ok;
}

/**
 * lf_template_render:
 * @context: the incident and the sender
 * @recipient: the client; their language picks the variant, their time zone formats {since}
 * @subject_out: (out) (transfer full): the subject, always one line
 * @body_out: (out) (transfer full): the body, with "\n" line ends
 * @error: return location for a #GError
 *
 * Returns: %FALSE with %LF_TEMPLATE_ERROR_UNKNOWN_PLACEHOLDER or %LF_TEMPLATE_ERROR_SYNTAX
 *   if the template is broken, %LF_TEMPLATE_ERROR_MISSING_VALUE if {since} is used but
 *   unknown; nothing is rendered then.
 */
gboolean
lf_template_render (LfTemplate             *self,
                    const LfRenderContext  *context,
                    const LfRecipient      *recipient,
                    char                  **subject_out,
                    char                  **body_out,
                    GError                **error)
{
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) subject = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *body_text = NULL;
  const char *subject_template = NULL, *body_template = NULL;
  RenderData data = { 0 };

  g_return_val_if_fail (LF_IS_TEMPLATE (self), FALSE);
  g_return_val_if_fail (context != NULL, FALSE);
  g_return_val_if_fail (recipient != NULL, FALSE);
  g_return_val_if_fail (subject_out != NULL, FALSE);
  g_return_val_if_fail (body_out != NULL, FALSE);

  data.language = lf_template_pick_language (self, recipient->language);
  lf_template_get_variant (self, data.language, &subject_template, &body_template);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_template_problem_free);
  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  data.context = context;
  data.recipient = recipient;
  data.values = values;

  body_text = normalise_newlines (body_template);
  /* First the whole texts, for the problems and their offsets; then sentence by sentence. */
  if (!expand (subject_template, "subject", NULL, NULL, NULL, problems) |
      !expand (body_text, "body", NULL, NULL, NULL, problems) ||
      !expand_sentences (subject_template, &data, subject) ||
      !expand_sentences (body_text, &data, body))
    {
      if (problems->len > 0)
        set_problems_error (error, problems);
      else if (data.error != NULL)
        g_propagate_error (error, g_steal_pointer (&data.error));
      else
        g_set_error_literal (error, LF_TEMPLATE_ERROR, LF_TEMPLATE_ERROR_INVALID,
                             "The template cannot be rendered");
      g_clear_error (&data.error);
      return FALSE;
    }

  *subject_out = lf_template_single_line (subject->str);
  *body_out = g_strdup (body->str);

  return TRUE;
}

/**
 * lf_template_format_since:
 * @since: Unix time in seconds
 * @timezone: (nullable): an IANA time zone; %NULL or an unknown one means UTC
 * @language: (nullable): "en", "de", "fr" have their own format; others get English
 *
 * Returns: (transfer full): e.g. "18 Nov 2025, 12:20 CET"
 */
char *
lf_template_format_since (gint64      since,
                          const char *timezone,
                          const char *language)
{
  static const char * const months_en[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };
  static const char * const months_de[] = {
    "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.",
    "Dez."
  };
  static const char * const months_fr[] = {
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
    "nov.", "déc."
  };
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *primary = NULL;
  g_autofree char *key = lf_template_normalise_language (language);
  const char *abbreviation;
  int month;

  if (timezone != NULL && *timezone != '\0')
    tz = g_time_zone_new_identifier (timezone);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();

  utc = g_date_time_new_from_unix_utc (since);
  g_return_val_if_fail (utc != NULL, NULL);
  local = g_date_time_to_timezone (utc, tz);
  abbreviation = g_date_time_get_timezone_abbreviation (local);
  month = g_date_time_get_month (local) - 1;
  primary = key != NULL ? lf_template_primary_subtag (key) : g_strdup ("en");

  if (g_str_equal (primary, "de"))
    return g_strdup_printf ("%d. %s %d, %02d:%02d %s",
                            g_date_time_get_day_of_month (local), months_de[month],
                            g_date_time_get_year (local), g_date_time_get_hour (local),
                            g_date_time_get_minute (local), abbreviation);
  if (g_str_equal (primary, "fr"))
    return g_strdup_printf ("%d %s %d, %02d:%02d %s",
                            g_date_time_get_day_of_month (local), months_fr[month],
                            g_date_time_get_year (local), g_date_time_get_hour (local),
                            g_date_time_get_minute (local), abbreviation);

  return g_strdup_printf ("%d %s %d, %02d:%02d %s",
                          g_date_time_get_day_of_month (local), months_en[month],
                          g_date_time_get_year (local), g_date_time_get_hour (local),
                          g_date_time_get_minute (local), abbreviation);
}

/**
 * lf_template_single_line:
 * @value: (nullable): any text
 *
 * Makes @value safe for a header or the middle of a sentence: invalid UTF-8 is repaired,
 * every control character (CR, LF, tab, C1 controls such as NEL) and the Unicode line and
 * paragraph separators become spaces, runs of spaces collapse to one, and the ends are
 * trimmed.
 *
 * Returns: (transfer full): the single-line text
 */
char *
lf_template_single_line (const char *value)
{
  g_autofree char *valid = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  if (value == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (value, -1);
  out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || g_unichar_isspace (c) ||
          c == 0x2028 || c == 0x2029 || c == 0x85)
        {
          pending_space = out->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}
