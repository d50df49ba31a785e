/* lf-json.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-json"

#include "config.h"

#include "lf-json.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Every JSON text Lifeline reads — files, bundles, catalogs, status answers, stored
 * records — goes through lf_json_check() before JSON-GLib sees it.
 *
 * JSON-GLib's parser recurses once per level of nesting: a few hundred thousand "[" overflow
 * the stack. It also accepts more than JSON (single-quoted strings, "/ * … * /" and "#"
 * comments, bare words, hexadecimal numbers), so a guard that counts brackets outside
 * double-quoted strings can be walked around: "'\"'" or a comment holding a quote, then the
 * brackets. The check here is therefore a complete RFC 8259 recogniser, iterative and
 * bounded by LF_JSON_MAX_DEPTH: only a text that is strict JSON no deeper than the limit
 * reaches JSON-GLib, whatever else JSON-GLib would accept. None of our formats allow
 * comments or single quotes, so they are refused outright with a message that says so. */

G_DEFINE_QUARK (lf-json-error-quark, lf_json_error)

typedef enum
{
  EXPECT_VALUE,           /* a value (after ":", "," in an array, or at the top) */
  EXPECT_VALUE_OR_END,    /* just after "[" */
  EXPECT_KEY,             /* after "," in an object */
  EXPECT_KEY_OR_END,      /* just after "{" */
  EXPECT_COLON,           /* after a member name */
  EXPECT_SEPARATOR,       /* after a value: "," or the closing bracket (or the end) */
} Expect;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static gboolean
fail_at (const char  *data,
         const char  *where,
         GError     **error,
         const char  *reason)
{
  guint line = 1;
  guint column = 1;

  for (const char *p = data; p < where; p++)
    {
      if (*p == '\n')
        {
          line++;
          column = 1;
        }
      else if (((guchar) *p & 0xc0) != 0x80)
        column++;
    }

  /* Translators: e.g. "line 3, column 7: comments are not allowed" (after "… is not valid
   * JSON: ") */
  g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
               _("line %u, column %u: %s"), line, column, reason);
  return FALSE;
}

static gboolean
is_hex (char c)
{
  return g_ascii_isxdigit (c);
}

static guint
hex4 (const char *p)
{
  guint value = 0;

  for (guint i = 0; i < 4; i++)
    value = value * 16 + g_ascii_xdigit_value (p[i]);
  return value;
}

/* *p is the opening quote; on success *p is just past the closing one. */
static const char *
scan_string (const char **p,
             const char  *end)
{
  const char *s = *p + 1;

  while (s < end)
    {
      guchar c = *s;

      if (c == '"')
        {
          *p = s + 1;
          return NULL;
        }
      if (c < 0x20)
        {
          *p = s;
          return _("a control character must be escaped inside a string");
        }
      if (c != '\\')
        {
          s++;
          continue;
        }

      if (s + 1 >= end)
        break;
      switch (s[1])
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          s += 2;
          break;

        case 'u':
          {
            guint code;

            if (end - s < 6 || !is_hex (s[2]) || !is_hex (s[3]) || !is_hex (s[4]) ||
                !is_hex (s[5]))
              {
                *p = s;
                return _("“\\u” must be followed by four hexadecimal digits");
              }
            code = hex4 (s + 2);
            if (code == 0)
              {
                *p = s;
                return _("a string must not contain a NUL character");
              }
            if (code >= 0xdc00 && code <= 0xdfff)
              {
                *p = s;
                return _("a lone low surrogate in a “\\u” escape");
              }
            if (code >= 0xd800 && code <= 0xdbff)
              {
                guint low;

                if (end - s < 12 || s[6] != '\\' || s[7] != 'u' || !is_hex (s[8]) ||
                    !is_hex (s[9]) || !is_hex (s[10]) || !is_hex (s[11]) ||
                    (low = hex4 (s + 8)) < 0xdc00 || low > 0xdfff)
                  {
                    *p = s;
                    return _("a high surrogate in a “\\u” escape must be followed by a low one");
                  }
                s += 12;
              }
            else
              s += 6;
          }
          break;

        default:
          *p = s;
          return _("unknown escape sequence in a string");
        }
    }

  *p = end;
  return _("a string is not closed");
}

static const char *
scan_number (const char **p,
             const char  *end)
{
  const char *s = *p;

  if (s < end && *s == '-')
    s++;
  if (s >= end || !g_ascii_isdigit (*s))
    {
      *p = s;
      return _("a number must have digits");
    }
  if (*s == '0')
    s++;
  else
    while (s < end && g_ascii_isdigit (*s))
      s++;

  if (s < end && *s == '.')
    {
      s++;
      if (s >= end || !g_ascii_isdigit (*s))
        {
          *p = s;
          return _("a decimal point must be followed by digits");
        }
      while (s < end && g_ascii_isdigit (*s))
        s++;
    }

  if (s < end && (*s == 'e' || *s == 'E'))
    {
      s++;
      if (s < end && (*s == '+' || *s == '-'))
        s++;
      if (s >= end || !g_ascii_isdigit (*s))
        {
          *p = s;
          return _("an exponent must have digits");
        }
      while (s < end && g_ascii_isdigit (*s))
        s++;
    }

  *p = s;
  return NULL;
}

static const char *
unexpected (char c)
{
  switch (c)
    {
    case '/':
    case '#':
      return _("comments are not allowed");
    case '\'':
      return _("strings must be in double quotes");
    default:
      return _("unexpected character");
    }
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_json_check:
 * @data: the text (a leading UTF-8 byte order mark is allowed)
 * @length: its length in bytes
 * @error: return location for a #GError
 *
 * Whether @data is one strict JSON value (RFC 8259) in valid UTF-8, nested no deeper than
 * %LF_JSON_MAX_DEPTH. Runs in linear time and constant stack.
 *
 * Returns: %TRUE if so, else %FALSE with %JSON_PARSER_ERROR_PARSE saying where and why
 */
gboolean
lf_json_check (const char  *data,
               gsize        length,
               GError     **error)
{
  char stack[LF_JSON_MAX_DEPTH];
  guint depth = 0;
  Expect expect = EXPECT_VALUE;
  const char *start;
  const char *p;
  const char *end;
  const char *invalid = NULL;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  start = data;
  if (!g_utf8_validate_len (data, length, &invalid))
    return fail_at (start, invalid,  error, *invalid == '\0'
                    ? _("the text contains a NUL byte")
                    : _("the text is not valid UTF-8"));

  p = data;
  end = data + length;

  for (;;)
    {
      const char *reason = NULL;
      char c;

      while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;

      if (p == end)
        {
          if (depth == 0 && expect == EXPECT_SEPARATOR)
            return TRUE;
          if (depth == 0 && expect == EXPECT_VALUE)
            {
              g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                                   _("the text is empty"));
              return FALSE;
            }
          return fail_at (start, p, error, _("the data ends too early"));
        }

      c = *p;
      switch (expect)
        {
        case EXPECT_VALUE_OR_END:
          if (c == ']')
            {
              depth--;
              p++;
              expect = EXPECT_SEPARATOR;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case EXPECT_VALUE:
          if (c == '[' || c == '{')
            {
              if (depth == LF_JSON_MAX_DEPTH)
                {
                  g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                               _("The data is nested more than %u levels deep"),
                               LF_JSON_MAX_DEPTH);
                  return FALSE;
                }
              stack[depth++] = c;
              p++;
              expect = c == '[' ? EXPECT_VALUE_OR_END : EXPECT_KEY_OR_END;
            }
          else if (c == '"')
            {
              reason = scan_string (&p, end);
              expect = EXPECT_SEPARATOR;
            }
          else if (c == '-' || g_ascii_isdigit (c))
            {
              reason = scan_number (&p, end);
              expect = EXPECT_SEPARATOR;
            }
          else if ((gsize) (end - p) >= 4 && memcmp (p, "true", 4) == 0)
            p += 4, expect = EXPECT_SEPARATOR;
          else if ((gsize) (end - p) >= 5 && memcmp (p, "false", 5) == 0)
            p += 5, expect = EXPECT_SEPARATOR;
          else if ((gsize) (end - p) >= 4 && memcmp (p, "null", 4) == 0)
            p += 4, expect = EXPECT_SEPARATOR;
          else
            reason = c == ']' || c == '}' || c == ','
                     ? _("a value is missing") : unexpected (c);
          break;

        case EXPECT_KEY_OR_END:
          if (c == '}')
            {
              depth--;
              p++;
              expect = EXPECT_SEPARATOR;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case EXPECT_KEY:
          if (c == '"')
            {
              reason = scan_string (&p, end);
              expect = EXPECT_COLON;
            }
          else if (c == '/' || c == '#' || c == '\'')
            reason = unexpected (c);
          else
            reason = _("a member name in double quotes is missing");
          break;

        case EXPECT_COLON:
          if (c == ':')
            {
              p++;
              expect = EXPECT_VALUE;
            }
          else
            reason = c == '/' || c == '#' ? unexpected (c) : _("“:” is missing after a name");
          break;

        case EXPECT_SEPARATOR:
          if (depth == 0)
            reason = c == '/' || c == '#' ? unexpected (c)
                                          : _("there is more text after the end of the data");
          else if (c == ',')
            {
              p++;
              expect = stack[depth - 1] == '[' ? EXPECT_VALUE : EXPECT_KEY;
            }
          else if (c == (stack[depth - 1] == '[' ? ']' : '}'))
            {
              depth--;
              p++;
            }
          else if (c == '/' || c == '#')
            reason = unexpected (c);
          else
            reason = stack[depth - 1] == '['
                     ? _("“,” or “]” is missing") : _("“,” or “}” is missing");
          break;

        default:
          g_assert_not_reached ();
        }

      if (reason != NULL)
        return fail_at (start, p, error, reason);
    }
}

/**
 * lf_json_parser_load:
 * @parser: a #JsonParser
 * @data: the text
 * @length: its length, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * json_parser_load_from_data(), but only for strict JSON no deeper than
 * %LF_JSON_MAX_DEPTH (lf_json_check()); anything else is refused with
 * %JSON_PARSER_ERROR_PARSE. The only place in Lifeline that hands text to JSON-GLib.
 */
gboolean
lf_json_parser_load (JsonParser  *parser,
                     const char  *data,
                     gssize       length,
                     GError     **error)
{
  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (length < 0)
    length = strlen (data);

  if (!lf_json_check (data, length, error))
    return FALSE;

  /* JSON-GLib does not take the byte order mark. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  return json_parser_load_from_data (parser, data, length, error);
}

/**
 * lf_json_parse:
 * @data: the text
 * @length: its length, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Parses @data with lf_json_parser_load().
 *
 * Returns: (transfer full): the root, never %NULL on success
 */
JsonNode *
lf_json_parse (const char  *data,
               gssize       length,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  g_return_val_if_fail (data != NULL, NULL);

  if (!lf_json_parser_load (parser, data, length, error))
    return NULL;

  root = json_parser_get_root (parser);
  g_assert (root != NULL);
  return json_node_ref (root);
}

/**
 * lf_json_parse_object:
 *
 * lf_json_parse() for a text whose top level must be an object.
 *
 * Returns: (transfer full): the object
 */
JsonObject *
lf_json_parse_object (const char  *data,
                      gssize       length,
                      GError     **error)
{
  g_autoptr(JsonNode) root = lf_json_parse (data, length, error);

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, LF_JSON_ERROR, LF_JSON_ERROR_TYPE,
                           _("The data is not a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* Finds @member: *@node is its node, or NULL when it is missing or null. FALSE (with @error)
 * only when it is required and so. */
static gboolean
find_member (JsonObject  *object,
             const char  *member,
             gboolean     required,
             JsonNode   **node,
             GError     **error)
{
  *node = json_object_get_member (object, member);
  if (*node != NULL && JSON_NODE_HOLDS_NULL (*node))
    *node = NULL;

  if (*node == NULL && required)
    {
      g_set_error (error, LF_JSON_ERROR, LF_JSON_ERROR_MISSING,
                   _("“%s” is missing"), member);
      return FALSE;
    }
  return TRUE;
}

static gboolean
holds_value_of (JsonNode *node,
                GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/**
 * lf_json_get_string:
 * @value: (out) (transfer none): the string, owned by @object
 *
 * Reads @member, which must be a string when present.
 */
gboolean
lf_json_get_string (JsonObject  *object,
                    const char  *member,
                    gboolean     required,
                    const char **value,
                    GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL && member != NULL && value != NULL, FALSE);

  if (!find_member (object, member, required, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!holds_value_of (node, G_TYPE_STRING))
    {
      g_set_error (error, LF_JSON_ERROR, LF_JSON_ERROR_TYPE, _("“%s” must be a string"),
                   member);
      return FALSE;
    }
  *value = json_node_get_string (node);
  return TRUE;
}

/**
 * lf_json_get_int:
 * @min: the smallest value allowed
 * @max: the largest value allowed
 *
 * Reads @member, which must be a whole number from @min to @max when present.
 */
gboolean
lf_json_get_int (JsonObject  *object,
                 const char  *member,
                 gboolean     required,
                 gint64       min,
                 gint64       max,
                 gint64      *value,
                 GError     **error)
{
  JsonNode *node;
  gint64 number;

  g_return_val_if_fail (object != NULL && member != NULL && value != NULL, FALSE);

  if (!find_member (object, member, required, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!holds_value_of (node, G_TYPE_INT64))
    {
      g_set_error (error, LF_JSON_ERROR, LF_JSON_ERROR_TYPE,
                   _("“%s” must be a whole number"), member);
      return FALSE;
    }
  number = json_node_get_int (node);
  if (number < min || number > max)
    {
      g_set_error (error, LF_JSON_ERROR, LF_JSON_ERROR_RANGE,
                   /* Translators: a member name, then the smallest and largest values */
                   _("“%s” must be from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT),
                   member, min, max);
      return FALSE;
    }
  *value = number;
  return TRUE;
}

/**
 * lf_json_get_bool:
 *
 * Reads @member, which must be true or false when present.
 */
gboolean
lf_json_get_bool (JsonObject  *object,
                  const char  *member,
                  gboolean     required,
                  gboolean    *value,
                  GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL && member != NULL && value != NULL, FALSE);

  if (!find_member (object, member, required, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!holds_value_of (node, G_TYPE_BOOLEAN))
    {
      g_set_error (error, LF_JSON_ERROR, LF_JSON_ERROR_TYPE,
                   _("“%s” must be true or false"), member);
      return FALSE;
    }
  *value = json_node_get_boolean (node);
  return TRUE;
}

/**
 * lf_json_get_array:
 * @value: (out) (transfer none): the array, owned by @object
 *
 * Reads @member, which must be an array when present.
 */
gboolean
lf_json_get_array (JsonObject  *object,
                   const char  *member,
                   gboolean     required,
                   JsonArray  **value,
                   GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL && member != NULL && value != NULL, FALSE);

  if (!find_member (object, member, required, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, LF_JSON_ERROR, LF_JSON_ERROR_TYPE, _("“%s” must be a list"), member);
      return FALSE;
    }
  *value = json_node_get_array (node);
  return TRUE;
}

/**
 * lf_json_get_object:
 * @value: (out) (transfer none): the object, owned by @object
 *
 * Reads @member, which must be an object when present.
 */
gboolean
lf_json_get_object (JsonObject  *object,
                    const char  *member,
                    gboolean     required,
                    JsonObject **value,
                    GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL && member != NULL && value != NULL, FALSE);

  if (!find_member (object, member, required, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, LF_JSON_ERROR, LF_JSON_ERROR_TYPE, _("“%s” must be an object"),
                   member);
      return FALSE;
    }
  *value = json_node_get_object (node);
  return TRUE;
}

/**
 * lf_json_get_strv:
 * @value: (out) (transfer full): the strings; a previous array in *@value is freed when
 *   the member is present
 *
 * Reads @member, which must be an array of strings when present.
 */
gboolean
lf_json_get_strv (JsonObject  *object,
                  const char  *member,
                  gboolean     required,
                  GStrv       *value,
                  GError     **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array = NULL;

  g_return_val_if_fail (value != NULL, FALSE);

  if (!lf_json_get_array (object, member, required, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!holds_value_of (node, G_TYPE_STRING))
        {
          g_set_error (error, LF_JSON_ERROR, LF_JSON_ERROR_TYPE,
                       _("“%s” must be a list of strings"), member);
          return FALSE;
        }
      g_strv_builder_add (builder, json_node_get_string (node));
    }

  g_strfreev (*value);
  *value = g_strv_builder_end (builder);
  return TRUE;
}
