/* lf-providers-view.h — the Health page's Providers section
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lf-monitor.h"

G_BEGIN_DECLS

#define LF_TYPE_PROVIDERS_VIEW (lf_providers_view_get_type ())

G_DECLARE_FINAL_TYPE (LfProvidersView, lf_providers_view, LF, PROVIDERS_VIEW, AdwBin)

GtkWidget  *lf_providers_view_new         (void);
LfMonitor  *lf_providers_view_get_monitor (LfProvidersView *self);
void        lf_providers_view_set_monitor (LfProvidersView *self,
                                           LfMonitor       *monitor);
const char *lf_providers_view_get_detail  (LfProvidersView *self,
                                           const char      *provider_id);
const char *lf_providers_view_get_tooltip (LfProvidersView *self,
                                           const char      *provider_id);

G_END_DECLS
