/* lf-markup.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-markup"

#include "config.h"

#include "lf-markup.h"

/* Text that people typed or that comes from outside (a client's name, a platform's, an
 * error message quoting an address) is never markup. Rows and labels that show such text
 * say so (adw_preferences_row_set_use_markup (row, FALSE), use-markup=False in .ui files) and take it as it is.
 * What libadwaita 1.2 reads as markup whatever we say — a toast's title (lf-toast.c), a
 * preferences group's description — and the markup we compose ourselves (the help pages,
 * the printed report) go through this file; nothing else in ui/ escapes by hand.
 */

/**
 * lf_markup_escape:
 * @text: (nullable): plain text; %NULL is ""
 * @length: its length in bytes, or -1 when nul-terminated
 *
 * Returns: (transfer full): @text as Pango markup that shows it literally
 */
char *
lf_markup_escape (const char *text,
                  gssize      length)
{
  return g_markup_escape_text (text != NULL ? text : "", text != NULL ? length : -1);
}

/**
 * lf_markup_printf:
 * @format: a markup format (translatable text with %s for the plain values)
 *
 * Returns: (transfer full): @format with its values escaped, as Pango markup
 */
char *
lf_markup_printf (const char *format,
                  ...)
{
  va_list args;
  char *markup;

  va_start (args, format);
  markup = lf_markup_vprintf (format, args);
  va_end (args);

  return markup;
}

/**
 * lf_markup_vprintf:
 * @format: a markup format
 * @args: its plain values
 *
 * Returns: (transfer full): see lf_markup_printf()
 */
char *
lf_markup_vprintf (const char *format,
                   va_list     args)
{
  return g_markup_vprintf_escaped (format, args);
}

/**
 * lf_markup_set_description:
 * @group: a preferences group
 * @text: (nullable): plain text for its description (libadwaita 1.2 reads it as markup)
 */
void
lf_markup_set_description (AdwPreferencesGroup *group,
                           const char          *text)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));

  if (text != NULL)
    markup = lf_markup_escape (text, -1);
  adw_preferences_group_set_description (group, markup);
}
