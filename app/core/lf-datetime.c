/* lf-datetime.c — the one way Lifeline writes a date and time for a person
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-datetime"

#include "config.h"

#include "lf-datetime.h"

#include <glib/gi18n.h>

/* Every date a person reads goes through here (rows, details, timelines, the notices log,
 * reports), so they look the same everywhere: no "12/06/26" from %x next to "Dec  6, 03:43"
 * next to ISO. See LfDateStyle for the two styles and docs/HEALTH-UI.md. */

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b)
         && g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

static char *
format_short (GDateTime *here,
              GDateTime *now)
{
  if (same_day (here, now))
    /* Translators: a time of today, see g_date_time_format() */
    return g_date_time_format (here, C_("date", "%H:%M"));
  if (g_date_time_get_year (here) == g_date_time_get_year (now))
    /* Translators: a date of this year and a time, "6 Dec, 05:39"; %-d is the day without
     * padding, %b the month's short name; reorder for your language */
    return g_date_time_format (here, C_("date", "%-d %b, %H:%M"));
  /* Translators: a date and time, "6 Dec 2025, 05:39"; reorder for your language */
  return g_date_time_format (here, C_("date", "%-d %b %Y, %H:%M"));
}

static char *
format_report (GDateTime *here)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (here);
  g_autofree char *here_text = g_date_time_format (here, "%Y-%m-%d %H:%M:%S %Z");
  g_autofree char *utc_text = NULL;

  /* in UTC already: "03:33:50 UTC (03:33:50 UTC)" says it twice */
  if (g_date_time_get_utc_offset (here) == 0
      && g_strcmp0 (g_date_time_get_timezone_abbreviation (here), "UTC") == 0)
    return g_steal_pointer (&here_text);

  /* The UTC date is repeated only when it differs from the local one. */
  if (same_day (here, utc))
    utc_text = g_date_time_format (utc, "%H:%M:%S UTC");
  else
    utc_text = g_date_time_format (utc, "%Y-%m-%d %H:%M:%S UTC");

  return g_strdup_printf ("%s (%s)", here_text, utc_text);
}

/**
 * lf_datetime_format:
 * @time: a moment
 * @zone: (nullable): the zone to write it in; %NULL for the local one
 * @style: how
 *
 * Returns: (transfer full): @time for a person to read
 */
char *
lf_datetime_format (GDateTime   *time,
                    GTimeZone   *zone,
                    LfDateStyle  style)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) here = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  if (zone == NULL)
    zone = local = g_time_zone_new_local ();
  here = g_date_time_to_timezone (time, zone);

  switch (style)
    {
    case LF_DATE_STYLE_REPORT:
      return format_report (here);
    case LF_DATE_STYLE_SHORT:
    default:
      now = g_date_time_new_now (zone);
      return format_short (here, now);
    }
}

/**
 * lf_datetime_format_unix:
 * @seconds: seconds since the epoch
 * @style: how
 *
 * Returns: (transfer full): the local time for a person to read, "—" if out of range
 */
char *
lf_datetime_format_unix (gint64      seconds,
                         LfDateStyle style)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (seconds);

  if (time == NULL)
    return g_strdup ("—");

  return lf_datetime_format (time, NULL, style);
}
