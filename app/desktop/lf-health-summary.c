/* lf-health-summary.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-health-summary"

#include "config.h"

#include "lf-health-summary.h"

#include <glib/gi18n.h>

/* What the tray (and, in Flatpak, the background status) says of a monitor: shared by the
 * background monitor (app/service/) and the application when it runs alone. */

/**
 * lf_health_summary_init:
 * @summary: (out caller-allocates): where to put it; free with lf_health_summary_clear()
 * @monitor: the monitor shown
 * @rehearsal: (nullable): the name of the rehearsal whose monitor it is, or %NULL for the
 *   real one
 */
void
lf_health_summary_init (LfHealthSummary *summary,
                        LfMonitor       *monitor,
                        const char      *rehearsal)
{
  GListModel *platforms = lf_monitor_get_platforms (monitor);
  LfDiagnosis *diagnosis = lf_monitor_get_diagnosis (monitor);
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();
  guint n = g_list_model_get_n_items (platforms);

  g_return_if_fail (summary != NULL);

  summary->overall = lf_monitor_get_worst_state (monitor);
  summary->kind = LF_DIAGNOSIS_ALL_CLEAR;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LfPlatformState) platform = g_list_model_get_item (platforms, i);
      LfState state = lf_platform_state_get_state (platform);

      if (state == LF_STATE_DOWN || state == LF_STATE_DEGRADED || state == LF_STATE_MAINTENANCE)
        {
          /* Translators: a tray menu line, "Upwork — Down" */
          g_autofree char *line = g_strdup_printf (_("%s — %s"),
                                                   lf_platform_state_get_name (platform),
                                                   lf_state_describe (state));

          g_strv_builder_add (lines, line);
        }
    }
  summary->lines = g_strv_builder_end (lines);

  if (diagnosis == NULL)
    {
      summary->overall = LF_STATE_UNKNOWN;
      summary->title = g_strdup (_("Checking…"));
    }
  else
    {
      summary->kind = lf_diagnosis_get_kind (diagnosis);
      switch (summary->kind)
        {
        case LF_DIAGNOSIS_ALL_CLEAR:
          summary->title = g_strdup (n > 0 ? _("All clear") : _("Nothing watched yet"));
          break;
        case LF_DIAGNOSIS_PROVIDER_OUTAGE:
          /* Translators: %s is a provider, "Cloudflare outage" */
          summary->title = g_strdup_printf (_("%s outage"),
                                            lf_diagnosis_get_provider_name (diagnosis));
          break;
        case LF_DIAGNOSIS_PLATFORM_OUTAGE:
          summary->title = g_strdup (_("Platform outage"));
          break;
        case LF_DIAGNOSIS_LOCAL_NETWORK:
          summary->title = g_strdup (_("Your connection seems down"));
          break;
        case LF_DIAGNOSIS_OFFLINE:
        default:
          summary->title = g_strdup (_("Offline"));
          break;
        }
      summary->description = lf_diagnosis_get_summary (diagnosis);
    }

  if (rehearsal != NULL)
    {
      g_autofree char *real = summary->title;

      /* Translators: the tray's title during a rehearsal: its name, then the health,
       * "Cloudflare outage" */
      summary->title = g_strdup_printf (_("%s: %s"), rehearsal, real);
    }
}

/**
 * lf_health_summary_clear:
 * @summary: what lf_health_summary_init() filled
 */
void
lf_health_summary_clear (LfHealthSummary *summary)
{
  g_clear_pointer (&summary->title, g_free);
  g_clear_pointer (&summary->lines, g_strfreev);
  summary->description = NULL;
}
