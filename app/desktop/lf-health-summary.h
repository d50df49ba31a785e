/* lf-health-summary.h — the health in a few words, for the tray and the Background portal
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-monitor.h"

G_BEGIN_DECLS

typedef struct
{
  LfState          overall;      /* the worst state of the watched platforms */
  LfDiagnosisKind  kind;
  char            *title;        /* "Cloudflare outage", or a rehearsal's "NAME: All clear" */
  const char      *description;  /* the diagnosis in plain words (the monitor's), nullable */
  GStrv            lines;        /* "Upwork — Down", one per problem */
} LfHealthSummary;

void lf_health_summary_init  (LfHealthSummary *summary,
                              LfMonitor       *monitor,
                              const char      *rehearsal);
void lf_health_summary_clear (LfHealthSummary *summary);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LfHealthSummary, lf_health_summary_clear)

G_END_DECLS
