/* lf-sparkline.h — a small line chart of a platform's recent latency
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LF_TYPE_SPARKLINE (lf_sparkline_get_type ())

G_DECLARE_FINAL_TYPE (LfSparkline, lf_sparkline, LF, SPARKLINE, GtkWidget)

GtkWidget  *lf_sparkline_new             (void);
void        lf_sparkline_set_samples     (LfSparkline *self,
                                          GArray      *samples,
                                          GTimeSpan    span,
                                          gint64       now);
guint       lf_sparkline_get_n_points    (LfSparkline *self);
const char *lf_sparkline_get_description (LfSparkline *self);

G_END_DECLS
