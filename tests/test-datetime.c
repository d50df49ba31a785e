/* test-datetime.c — the one date format a person reads
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-datetime.h"
#include "lf-test-utils.h"

#include <string.h>

static void
test_datetime_short (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new_now (utc);
  g_autoptr(GDateTime) today = g_date_time_new (utc, g_date_time_get_year (now),
                                                g_date_time_get_month (now),
                                                g_date_time_get_day_of_month (now), 5, 39, 0);
  g_autoptr(GDateTime) other_year = g_date_time_new (utc, g_date_time_get_year (now) - 1, 12, 6,
                                                     3, 43, 0);
  g_autoptr(GDateTime) this_year = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  /* a day of this year that is not today: the 1st of another month */
  this_year = g_date_time_new (utc, g_date_time_get_year (now),
                               g_date_time_get_month (now) == 6 ? 7 : 6, 1, 21, 4, 0);

  a = lf_datetime_format (today, utc, LF_DATE_STYLE_SHORT);
  g_assert_cmpstr (a, ==, "05:39");
  b = lf_datetime_format (other_year, utc, LF_DATE_STYLE_SHORT);
  g_assert_nonnull (strstr (b, "6 Dec "));          /* no padding: not "Dec  6" */
  g_assert_true (g_str_has_suffix (b, ", 03:43"));
  c = lf_datetime_format (this_year, utc, LF_DATE_STYLE_SHORT);
  g_assert_true (g_str_has_prefix (c, "1 "));
  g_assert_true (g_str_has_suffix (c, ", 21:04"));
  g_assert_null (strstr (c, "20"));                 /* no year */
}

static void
test_datetime_report (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) cet = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GDateTime) moment = g_date_time_new (utc, 2026, 12, 6, 3, 33, 50);
  g_autofree char *in_utc = lf_datetime_format (moment, utc, LF_DATE_STYLE_REPORT);
  g_autofree char *in_cet = NULL;

  /* said once, not "03:33:50 UTC (03:33:50 UTC)" */
  g_assert_cmpstr (in_utc, ==, "2026-12-06 03:33:50 UTC");
  if (cet == NULL)
    {
      g_test_message ("no Europe/Paris zone data");
      return;
    }
  in_cet = lf_datetime_format (moment, cet, LF_DATE_STYLE_REPORT);
  g_assert_cmpstr (in_cet, ==, "2026-12-06 04:33:50 CET (03:33:50 UTC)");
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/datetime/short", test_datetime_short);
  g_test_add_func ("/lifeline/datetime/report", test_datetime_report);

  return g_test_run ();
}
