/* lf-provider-summary.c — each provider's own status, and how many watched platforms sit
 * behind it
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-provider-summary"

#include "config.h"

#include "lf-provider-summary.h"
#include "lf-platform-state.h"

/* What the Health page's Providers section shows: every provider of the catalog, with the
 * verdict of its own status source (when the catalog names one and the monitor has read it —
 * it reads a provider's source while a watched platform sits behind it) and the number of
 * *watched* platforms tagged with it. Providers some of your platforms sit behind come first,
 * the worst state first, then the most platforms; the rest keep the catalog's order.
 *
 * While the user's own connection is down (the diagnosis is local-network or offline), a
 * provider's state is unknown, exactly as a platform's is: its last report was read before
 * the connection failed, and nothing read now could say otherwise.
 *
 * When the diagnosis puts an outage on a provider (its error pages in front of your
 * platforms), that provider is down here too, even while its own status page still says all
 * is well — status pages often lag an outage by many minutes (Cloudflare's on 18 November 2025
 * did). The Providers card and the banner must not contradict each other; the card says the
 * errors are seen and its tooltip what the page says. */

typedef struct
{
  LfProviderSummary *summary;
  guint              position;
} Sortable;

/* Worse is larger; unknown above maintenance, as everywhere (never passes for fine). */
static int
state_rank (LfState state)
{
  switch (state)
    {
    case LF_STATE_DOWN: return 4;
    case LF_STATE_DEGRADED: return 3;
    case LF_STATE_UNKNOWN: return 2;
    case LF_STATE_MAINTENANCE: return 1;
    case LF_STATE_UP:
    default: return 0;
    }
}

static int
compare_summaries (gconstpointer a,
                   gconstpointer b)
{
  const Sortable *sa = a;
  const Sortable *sb = b;
  const LfProviderSummary *pa = sa->summary;
  const LfProviderSummary *pb = sb->summary;
  gboolean mine_a = pa->n_platforms > 0;
  gboolean mine_b = pb->n_platforms > 0;

  if (mine_a != mine_b)
    return mine_a ? -1 : 1;
  if (mine_a)
    {
      /* a state nobody read (or could read now) says nothing: rank only what a report says */
      int ra = (pa->report != NULL || pa->blamed) && !pa->network_down
                 ? state_rank (pa->state) : 0;
      int rb = (pb->report != NULL || pb->blamed) && !pb->network_down
                 ? state_rank (pb->state) : 0;

      if (ra != rb)
        return rb - ra;
      if (pa->n_platforms != pb->n_platforms)
        return pb->n_platforms > pa->n_platforms ? 1 : -1;
    }

  return (int) sa->position - (int) sb->position;
}

/**
 * lf_provider_summary_collect:
 * @catalog: the providers
 * @platforms: (element-type LfPlatformState): the watched platforms
 * @network_usable: %FALSE while the user's own connection is down: every state is unknown
 * @blamed_provider: (nullable): the provider the diagnosis puts an outage on: down
 * @status_func: (scope call): the last report of a provider's status source
 * @user_data: data for @status_func
 *
 * Returns: (transfer full) (element-type LfProviderSummary): one summary per provider of
 *   @catalog, in display order
 */
GPtrArray *
lf_provider_summary_collect (LfCatalog            *catalog,
                             GListModel           *platforms,
                             gboolean              network_usable,
                             const char           *blamed_provider,
                             LfProviderStatusFunc  status_func,
                             gpointer              user_data)
{
  g_autoptr(GArray) sortable = g_array_new (FALSE, FALSE, sizeof (Sortable));
  GPtrArray *result;
  guint n_platforms;

  g_return_val_if_fail (catalog != NULL, NULL);
  g_return_val_if_fail (platforms == NULL || G_IS_LIST_MODEL (platforms), NULL);

  n_platforms = platforms != NULL ? g_list_model_get_n_items (platforms) : 0;
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_provider_summary_free);

  for (guint i = 0; i < catalog->providers->len; i++)
    {
      LfCatalogProvider *provider = g_ptr_array_index (catalog->providers, i);
      LfProviderSummary *summary = g_new0 (LfProviderSummary, 1);
      Sortable item = { summary, i };
      LfStatusReport *report = NULL;

      summary->id = g_strdup (provider->id);
      summary->name = g_strdup (provider->name);
      summary->has_source = provider->status != NULL;
      if (summary->has_source && status_func != NULL)
        report = status_func (provider->id, user_data);
      summary->report = report != NULL ? lf_status_report_ref (report) : NULL;
      summary->network_down = !network_usable;
      summary->state = report != NULL && network_usable
                         ? lf_severity_get_state (report->indicator)
                         : LF_STATE_UNKNOWN;
      summary->page_state = summary->state;
      summary->blamed = network_usable && blamed_provider != NULL &&
                        g_strcmp0 (blamed_provider, provider->id) == 0;
      if (summary->blamed)
        {
          summary->page_lags = summary->page_state != LF_STATE_DOWN;
          summary->state = LF_STATE_DOWN;
        }

      for (guint j = 0; j < n_platforms; j++)
        {
          g_autoptr(LfPlatformState) state = g_list_model_get_item (platforms, j);
          const char * const *behind = lf_platform_state_get_providers (state);

          if (behind != NULL && g_strv_contains (behind, provider->id))
            summary->n_platforms++;
        }

      g_array_append_val (sortable, item);
    }

  g_array_sort (sortable, compare_summaries);
  for (guint i = 0; i < sortable->len; i++)
    g_ptr_array_add (result, g_array_index (sortable, Sortable, i).summary);

  return result;
}

static LfStatusReport *
monitor_status (const char *provider_id,
                gpointer    user_data)
{
  return lf_monitor_get_provider_status (user_data, provider_id);
}

/**
 * lf_provider_summary_collect_for_monitor:
 * @monitor: the monitor shown
 *
 * lf_provider_summary_collect() for @monitor's catalog, watched platforms and last reports;
 * the connection is down when its diagnosis is local-network or offline
 * (lf_diagnosis_kind_is_local()), and the provider a provider-outage diagnosis names is down.
 *
 * Returns: (transfer full) (element-type LfProviderSummary): the summaries, empty without a
 *   catalog
 */
GPtrArray *
lf_provider_summary_collect_for_monitor (LfMonitor *monitor)
{
  LfCatalog *catalog;
  LfDiagnosis *diagnosis;
  gboolean network_usable;
  const char *blamed = NULL;

  g_return_val_if_fail (LF_IS_MONITOR (monitor), NULL);

  catalog = lf_monitor_get_catalog (monitor);
  if (catalog == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) lf_provider_summary_free);

  diagnosis = lf_monitor_get_diagnosis (monitor);
  network_usable = diagnosis == NULL ||
                   !lf_diagnosis_kind_is_local (lf_diagnosis_get_kind (diagnosis));
  if (diagnosis != NULL && lf_diagnosis_get_kind (diagnosis) == LF_DIAGNOSIS_PROVIDER_OUTAGE)
    blamed = lf_diagnosis_get_provider_id (diagnosis);

  return lf_provider_summary_collect (catalog, lf_monitor_get_platforms (monitor),
                                      network_usable, blamed, monitor_status, monitor);
}

void
lf_provider_summary_free (LfProviderSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->id);
  g_free (summary->name);
  g_clear_pointer (&summary->report, lf_status_report_unref);
  g_free (summary);
}
