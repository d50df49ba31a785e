/* lf-state-variant.h — what a monitor sees, as GVariants for D-Bus (lf-monitor-export.c)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-diagnosis.h"
#include "lf-platform-state.h"
#include "lf-probe.h"
#include "lf-status.h"

G_BEGIN_DECLS

/* Each to_variant() returns a floating a{sv}; each from_variant() takes any a{sv} and fills
 * what it finds, so that a newer monitor may send members an older window does not know and
 * the other way round (missing members keep their "nothing known" value). */

GVariant       *lf_probe_result_to_variant      (const LfProbeResult *result);
LfProbeResult  *lf_probe_result_from_variant    (GVariant            *dict);

GVariant       *lf_status_report_to_variant     (const LfStatusReport *report);
LfStatusReport *lf_status_report_from_variant   (GVariant            *dict);

GVariant       *lf_diagnosis_to_variant         (LfDiagnosis         *diagnosis);
LfDiagnosis    *lf_diagnosis_from_variant       (GVariant            *dict);

GVariant       *lf_platform_state_to_variant    (LfPlatformState     *state);
LfPlatformState *lf_platform_state_new_from_variant (GVariant        *dict);
void            lf_platform_state_update_from_variant (LfPlatformState *state,
                                                       GVariant        *dict);

G_END_DECLS
