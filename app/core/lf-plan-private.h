/* lf-plan-private.h — what lf-plan.c and lf-plan-step.c share
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-plan.h"

G_BEGIN_DECLS

gboolean lf_plan_step_check_causes (const char * const  *causes,
                                    GError             **error);

G_END_DECLS
