/* lf-health-format.h — the health model in words and icons, for the widgets
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lf-types.h"

G_BEGIN_DECLS

const char *lf_state_get_icon_name        (LfState          state);
const char *lf_state_get_style_class      (LfState          state);
const char *lf_diagnosis_kind_get_icon_name (LfDiagnosisKind kind);
const char *lf_diagnosis_kind_get_style_class (LfDiagnosisKind kind);
char       *lf_format_duration_since      (gint64           since,
                                           gint64           now);
char       *lf_format_checked_ago         (gint64           last_checked,
                                           gint64           now);
char       *lf_format_latency             (double           latency_ms);
char       *lf_format_time                (gint64           time);

G_END_DECLS
