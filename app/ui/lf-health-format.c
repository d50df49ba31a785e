/* lf-health-format.c — the health model in words and icons, for the widgets
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-health-format"

#include "config.h"

#include "lf-health-format.h"
#include "lf-datetime.h"

#include <glib/gi18n.h>

/* Every state is shown with an icon, a word and a colour together: never colour alone. */

const char *
lf_state_get_icon_name (LfState state)
{
  switch (state)
    {
    case LF_STATE_UP:
      return "emblem-ok-symbolic";
    case LF_STATE_DEGRADED:
      return "dialog-warning-symbolic";
    case LF_STATE_DOWN:
      return "dialog-error-symbolic";
    case LF_STATE_MAINTENANCE:
      return "emblem-system-symbolic";
    case LF_STATE_UNKNOWN:
    default:
      return "dialog-question-symbolic";
    }
}

/* One of libadwaita's colour classes (or "dim-label"). */
const char *
lf_state_get_style_class (LfState state)
{
  switch (state)
    {
    case LF_STATE_UP:
      return "success";
    case LF_STATE_DEGRADED:
    case LF_STATE_MAINTENANCE:
      return "warning";
    case LF_STATE_DOWN:
      return "error";
    case LF_STATE_UNKNOWN:
    default:
      return "dim-label";
    }
}

const char *
lf_diagnosis_kind_get_icon_name (LfDiagnosisKind kind)
{
  switch (kind)
    {
    case LF_DIAGNOSIS_ALL_CLEAR:
      return "emblem-ok-symbolic";
    case LF_DIAGNOSIS_PLATFORM_OUTAGE:
    case LF_DIAGNOSIS_PROVIDER_OUTAGE:
      return "dialog-error-symbolic";
    case LF_DIAGNOSIS_LOCAL_NETWORK:
      return "network-error-symbolic";
    case LF_DIAGNOSIS_OFFLINE:
    default:
      return "network-offline-symbolic";
    }
}

const char *
lf_diagnosis_kind_get_style_class (LfDiagnosisKind kind)
{
  switch (kind)
    {
    case LF_DIAGNOSIS_ALL_CLEAR:
      return "success";
    case LF_DIAGNOSIS_PLATFORM_OUTAGE:
    case LF_DIAGNOSIS_PROVIDER_OUTAGE:
      return "error";
    case LF_DIAGNOSIS_LOCAL_NETWORK:
    case LF_DIAGNOSIS_OFFLINE:
    default:
      return "warning";
    }
}

/**
 * lf_format_duration_since:
 * @since: when the state began (unix µs), 0 if unknown
 * @now: unix µs
 *
 * Returns: (transfer full) (nullable): "for 12 min", "for 3 h 5 min", "for 2 days", or %NULL
 *   when @since is unknown
 */
char *
lf_format_duration_since (gint64 since,
                          gint64 now)
{
  gint64 minutes;

  if (since <= 0)
    return NULL;

  minutes = MAX (now - since, 0) / (60 * G_USEC_PER_SEC);
  if (minutes < 1)
    return g_strdup (_("for less than a minute"));
  if (minutes < 60)
    /* Translators: how long a platform has been in its state */
    return g_strdup_printf (_("for %d min"), (int) minutes);
  if (minutes < 24 * 60)
    {
      if (minutes % 60 == 0)
        /* Translators: how long a platform has been in its state, in hours */
        return g_strdup_printf (_("for %d h"), (int) (minutes / 60));
      /* Translators: how long a platform has been in its state, hours and minutes */
      return g_strdup_printf (_("for %d h %d min"), (int) (minutes / 60), (int) (minutes % 60));
    }

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "for %d day", "for %d days",
                                       minutes / (24 * 60)),
                          (int) (minutes / (24 * 60)));
}

/**
 * lf_format_checked_ago:
 * @last_checked: unix µs, 0 for never
 *
 * Returns: (transfer full): "Last checked 2 min ago", "Last checked just now", "Not checked yet"
 */
char *
lf_format_checked_ago (gint64 last_checked,
                       gint64 now)
{
  gint64 minutes;

  if (last_checked <= 0)
    return g_strdup (_("Not checked yet"));

  minutes = MAX (now - last_checked, 0) / (60 * G_USEC_PER_SEC);
  if (minutes < 1)
    return g_strdup (_("Last checked just now"));
  if (minutes < 60)
    return g_strdup_printf (_("Last checked %d min ago"), (int) minutes);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last checked %d hour ago",
                                       "Last checked %d hours ago", minutes / 60),
                          (int) (minutes / 60));
}

/**
 * lf_format_latency:
 *
 * Returns: (transfer full): "212 ms", "1.4 s", or "—" when not measured
 */
char *
lf_format_latency (double latency_ms)
{
  if (latency_ms < 0)
    return g_strdup ("—");
  if (latency_ms < 1000)
    /* Translators: a duration in milliseconds */
    return g_strdup_printf (_("%.0f ms"), latency_ms);

  /* Translators: a duration in seconds */
  return g_strdup_printf (_("%.1f s"), latency_ms / 1000.0);
}

/**
 * lf_format_time:
 * @time: unix µs
 *
 * Returns: (transfer full): a local date and time, short ("Nov 26, 21:04")
 */
char *
lf_format_time (gint64 time)
{
  return lf_datetime_format_unix (time / G_USEC_PER_SEC, LF_DATE_STYLE_SHORT);
}
