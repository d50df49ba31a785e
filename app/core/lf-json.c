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

/* JSON-GLib's parser recurses once per level of nesting: a few hundred thousand "[" (well
 * within the size limits of a status page, a catalog or an import) overflow the stack and
 * crash the program. Every JSON Lifeline reads from outside goes through here first. */

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static gboolean
nests_too_deep (const char *data,
                gsize       length)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > LF_JSON_MAX_DEPTH)
            return TRUE;
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }

  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_json_parser_load:
 * @parser: a #JsonParser
 * @data: the text
 * @length: its length, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * json_parser_load_from_data(), but text nested deeper than %LF_JSON_MAX_DEPTH levels is
 * refused with %JSON_PARSER_ERROR_PARSE instead of crashing the parser.
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

  if (nests_too_deep (data, length))
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                   _("The data is nested more than %u levels deep"), LF_JSON_MAX_DEPTH);
      return FALSE;
    }

  return json_parser_load_from_data (parser, data, length, error);
}
