/* lf-drill-backend.h — a monitor backend that plays a drill scenario, with no network at all
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-catalog.h"
#include "lf-drill-player.h"
#include "lf-monitor-backend.h"

G_BEGIN_DECLS

#define LF_TYPE_DRILL_BACKEND (lf_drill_backend_get_type ())

G_DECLARE_FINAL_TYPE (LfDrillBackend, lf_drill_backend, LF, DRILL_BACKEND, GObject)

LfDrillBackend *lf_drill_backend_new                (LfDrillPlayer  *player,
                                                     LfCatalog      *catalog);
LfDrillPlayer  *lf_drill_backend_get_player         (LfDrillBackend *self);
guint           lf_drill_backend_get_n_probes       (LfDrillBackend *self);
guint           lf_drill_backend_get_n_status_reads (LfDrillBackend *self);

G_END_DECLS
