/* lf-datetime.h — the one way Lifeline writes a date and time for a person
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LfDateStyle:
 * @LF_DATE_STYLE_SHORT: on screen (rows, details, timelines): local time, the date only
 *   when it is not today, the year only when it is not this year: "05:39",
 *   "6 Dec, 05:39", "6 Dec 2025, 05:39" (month names and order from the translation)
 * @LF_DATE_STYLE_REPORT: in reports and incident summaries, read later and elsewhere:
 *   unambiguous, with the zone, and UTC beside it unless the zone is UTC:
 *   "2025-11-18 12:28:00 CET (11:28:00 UTC)", "2026-12-06 03:33:50 UTC"
 */
typedef enum
{
  LF_DATE_STYLE_SHORT,
  LF_DATE_STYLE_REPORT,
} LfDateStyle;

char *lf_datetime_format      (GDateTime   *time,
                               GTimeZone   *zone,
                               LfDateStyle  style);
char *lf_datetime_format_unix (gint64       seconds,
                               LfDateStyle  style);

G_END_DECLS
