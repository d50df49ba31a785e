/* lf-plan.h — the contingency plan: an ordered, editable list of steps
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lf-types.h"

G_BEGIN_DECLS

typedef enum
{
  LF_PLAN_PHASE_PREPARE,
  LF_PLAN_PHASE_RESPOND,
  LF_PLAN_PHASE_RECOVER,
} LfPlanPhase;

typedef enum
{
  LF_PLAN_ACTION_NONE,
  LF_PLAN_ACTION_OPEN_URL,
  LF_PLAN_ACTION_OPEN_COMPOSER,
  LF_PLAN_ACTION_COPY_MY_CONTACT,
} LfPlanAction;

#define LF_TYPE_PLAN_PHASE (lf_plan_phase_get_type ())
#define LF_TYPE_PLAN_ACTION (lf_plan_action_get_type ())
#define LF_TYPE_PLAN_STEP (lf_plan_step_get_type ())
#define LF_TYPE_PLAN (lf_plan_get_type ())

GType lf_plan_phase_get_type  (void) G_GNUC_CONST;
GType lf_plan_action_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (LfPlanStep, lf_plan_step, LF, PLAN_STEP, GObject)
G_DECLARE_FINAL_TYPE (LfPlan, lf_plan, LF, PLAN, GObject)

const char   *lf_plan_phase_to_string      (LfPlanPhase    phase);
gboolean      lf_plan_phase_from_string    (const char    *str,
                                            LfPlanPhase   *phase);
const char   *lf_plan_phase_describe       (LfPlanPhase    phase);
const char   *lf_plan_action_to_string     (LfPlanAction   action);
gboolean      lf_plan_action_from_string   (const char    *str,
                                            LfPlanAction  *action);

/* Steps are immutable values: editing replaces a step by a new one with the same id. */
LfPlanStep   *lf_plan_step_new             (const char    *id,
                                            const char    *title,
                                            const char    *detail,
                                            LfPlanPhase    phase,
                                            LfPlanAction   action,
                                            const char    *action_target,
                                            const char * const *causes);
LfPlanStep   *lf_plan_step_new_from_json   (JsonObject    *object,
                                            GError       **error);
JsonNode     *lf_plan_step_to_json         (LfPlanStep    *step);
const char   *lf_plan_step_get_id          (LfPlanStep    *step);
const char   *lf_plan_step_get_title       (LfPlanStep    *step);
const char   *lf_plan_step_get_detail      (LfPlanStep    *step);
LfPlanPhase   lf_plan_step_get_phase       (LfPlanStep    *step);
LfPlanAction  lf_plan_step_get_action      (LfPlanStep    *step);
const char   *lf_plan_step_get_action_target (LfPlanStep  *step);
const char * const *lf_plan_step_get_causes (LfPlanStep   *step);
gboolean      lf_plan_step_applies_to      (LfPlanStep    *step,
                                            LfCause        cause);

LfPlan       *lf_plan_new                  (const char    *path);
const char   *lf_plan_get_path             (LfPlan        *self);
void          lf_plan_load_async           (LfPlan        *self,
                                            GCancellable  *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer       user_data);
gboolean      lf_plan_load_finish          (LfPlan        *self,
                                            GAsyncResult  *result,
                                            GError       **error);
void          lf_plan_reload_async         (LfPlan        *self,
                                            GCancellable  *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer       user_data);
gboolean      lf_plan_get_loaded           (LfPlan        *self);
const char   *lf_plan_get_load_message     (LfPlan        *self);
void          lf_plan_clear_load_message   (LfPlan        *self);
gboolean      lf_plan_flush                (LfPlan        *self,
                                            GError       **error);

LfPlanStep   *lf_plan_get_step             (LfPlan        *self,
                                            guint          position);
LfPlanStep   *lf_plan_find                 (LfPlan        *self,
                                            const char    *id,
                                            guint         *position);
void          lf_plan_add                  (LfPlan        *self,
                                            LfPlanStep    *step,
                                            int            position);
gboolean      lf_plan_update               (LfPlan        *self,
                                            LfPlanStep    *step);
gboolean      lf_plan_move                 (LfPlan        *self,
                                            const char    *id,
                                            guint          new_position);
LfPlanStep   *lf_plan_remove               (LfPlan        *self,
                                            const char    *id,
                                            guint         *position);
gboolean      lf_plan_reset_to_default     (LfPlan        *self,
                                            GError       **error);
gboolean      lf_plan_set_steps_from_json  (LfPlan        *self,
                                            JsonObject    *object,
                                            GError       **error);
JsonNode     *lf_plan_to_json              (LfPlan        *self);
GListModel   *lf_plan_filter_for_cause     (LfPlan        *self,
                                            LfCause        cause);

GPtrArray    *lf_plan_load_default_steps   (GError       **error);

G_END_DECLS
