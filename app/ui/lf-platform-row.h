/* lf-platform-row.h — one watched platform in the Health page's list
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lf-history.h"
#include "lf-platform-state.h"

G_BEGIN_DECLS

/* How far back the row's latency chart reaches. */
#define LF_PLATFORM_ROW_SPARKLINE_SPAN (6 * G_TIME_SPAN_HOUR)

#define LF_TYPE_PLATFORM_ROW (lf_platform_row_get_type ())

G_DECLARE_FINAL_TYPE (LfPlatformRow, lf_platform_row, LF, PLATFORM_ROW, GtkListBoxRow)

GtkWidget       *lf_platform_row_new            (LfPlatformState *platform,
                                                 LfHistory       *history);
LfPlatformState *lf_platform_row_get_platform   (LfPlatformRow   *self);
const char      *lf_platform_row_get_state_text (LfPlatformRow   *self);
void             lf_platform_row_refresh        (LfPlatformRow   *self);

G_END_DECLS
