/* lf-drill-bar.h — the drill banner: where a running drill is, Pause/Resume and Stop
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lf-context.h"

G_BEGIN_DECLS

#define LF_TYPE_DRILL_BAR (lf_drill_bar_get_type ())

G_DECLARE_FINAL_TYPE (LfDrillBar, lf_drill_bar, LF, DRILL_BAR, AdwBin)

void        lf_drill_bar_set_context      (LfDrillBar *self,
                                           LfContext  *context);
const char *lf_drill_bar_get_text         (LfDrillBar *self);
GtkButton  *lf_drill_bar_get_pause_button (LfDrillBar *self);

G_END_DECLS
