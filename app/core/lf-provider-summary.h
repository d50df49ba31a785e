/* lf-provider-summary.h — each provider's own status, and how many watched platforms sit
 * behind it
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-catalog.h"
#include "lf-monitor.h"
#include "lf-status.h"

G_BEGIN_DECLS

typedef struct
{
  char           *id;
  char           *name;
  gboolean        has_source;    /* the catalog names a status source for it */
  LfStatusReport *report;        /* its last report; NULL when not read (yet) or no source */
  LfState         state;         /* from the report; unknown without one, and unknown
                                  * while the user's own connection is down */
  gboolean        network_down;  /* the user's own connection is down: nothing can be said
                                  * of the provider now, whatever its last report said */
  gboolean        blamed;        /* the diagnosis puts the outage on it (your platforms behind
                                  * it answer with its error pages): down, whatever its own
                                  * page says yet */
  gboolean        page_lags;     /* blamed while its own page (if read) does not say down */
  LfState         page_state;    /* what its own page says (unknown when not read); differs
                                  * from @state only when blamed */
  guint           n_platforms;   /* watched platforms that sit behind it */
} LfProviderSummary;

/* The last report of a provider's status source, or NULL. */
typedef LfStatusReport *(*LfProviderStatusFunc) (const char *provider_id,
                                                 gpointer    user_data);

GPtrArray *lf_provider_summary_collect             (LfCatalog            *catalog,
                                                    GListModel           *platforms,
                                                    gboolean              network_usable,
                                                    const char           *blamed_provider,
                                                    LfProviderStatusFunc  status_func,
                                                    gpointer              user_data);
GPtrArray *lf_provider_summary_collect_for_monitor (LfMonitor            *monitor);
void       lf_provider_summary_free                (LfProviderSummary    *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfProviderSummary, lf_provider_summary_free)

G_END_DECLS
