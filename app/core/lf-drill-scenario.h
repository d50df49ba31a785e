/* lf-drill-scenario.h — a scripted outage for fire drills, read from data/drills/<id>.xml
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-types.h"

G_BEGIN_DECLS

#define LF_DRILL_ERROR (lf_drill_error_quark ())

/* The lengths a person chooses from (docs/CHECKLIST.md, "Pace"): 10 minutes, the default,
 * and 30; anything from a few seconds (tests) up to the story's real span plays. */
#define LF_DRILL_DEFAULT_LENGTH_MS (10 * 60 * 1000)
#define LF_DRILL_LONG_LENGTH_MS    (30 * 60 * 1000)
#define LF_DRILL_MIN_LENGTH_MS     (2 * 1000)

typedef enum
{
  LF_DRILL_ERROR_UNKNOWN_SCENARIO,
  LF_DRILL_ERROR_INVALID,
} LfDrillError;

typedef enum
{
  LF_DRILL_TARGET_REFERENCE,
  LF_DRILL_TARGET_PLATFORM,
  LF_DRILL_TARGET_PROVIDER,   /* a provider's own status source */
} LfDrillTargetKind;

/* What the drill answers to one probe. */
typedef struct
{
  guint    http_status;  /* 0: no HTTP answer (transport failure) */
  LfCause  cause;        /* LF_CAUSE_NONE for a good answer */
  char    *cdn;          /* nullable */
  gboolean ray;          /* make up a cf-ray ID */
  char    *error_code;   /* nullable, e.g. "500", "1016" */
  guint    latency_ms;
} LfDrillAnswer;

typedef struct
{
  char       *title;
  char       *url;       /* nullable */
  LfSeverity  severity;
} LfDrillIncident;

/* What the drill answers to one status-source read. */
typedef struct
{
  gboolean    unreachable;  /* the read fails */
  LfSeverity  severity;
  GPtrArray  *incidents;    /* LfDrillIncident* */
} LfDrillStatus;

#define LF_TYPE_DRILL_SCENARIO (lf_drill_scenario_get_type ())

G_DECLARE_FINAL_TYPE (LfDrillScenario, lf_drill_scenario, LF, DRILL_SCENARIO, GObject)

GQuark               lf_drill_error_quark              (void);
char               **lf_drill_scenario_list            (void);
LfDrillScenario     *lf_drill_scenario_load            (const char          *id,
                                                        GError             **error);
LfDrillScenario     *lf_drill_scenario_new_from_data   (const char          *data,
                                                        gssize               length,
                                                        GError             **error);

const char          *lf_drill_scenario_get_id          (LfDrillScenario     *self);
const char          *lf_drill_scenario_get_title       (LfDrillScenario     *self);
const char          *lf_drill_scenario_get_summary     (LfDrillScenario     *self);
const char          *lf_drill_scenario_get_provider    (LfDrillScenario     *self);
const char * const  *lf_drill_scenario_get_platforms   (LfDrillScenario     *self);
guint                lf_drill_scenario_get_duration_ms (LfDrillScenario     *self);
guint64              lf_drill_scenario_get_real_span_ms (LfDrillScenario  *self);
gboolean             lf_drill_scenario_check_length  (LfDrillScenario     *self,
                                                      guint64              length_ms,
                                                      GError             **error);
double               lf_drill_scenario_get_speed_for_length (LfDrillScenario *self,
                                                             guint64          length_ms);
LfDrillScenario     *lf_drill_parse_request            (const char          *request,
                                                        guint64             *length_ms,
                                                        GError             **error);
GDateTime           *lf_drill_scenario_get_real_start  (LfDrillScenario     *self);
GDateTime           *lf_drill_scenario_get_real_end    (LfDrillScenario     *self);

guint                lf_drill_scenario_get_n_phases    (LfDrillScenario     *self);
guint                lf_drill_scenario_get_phase_offset_ms (LfDrillScenario *self,
                                                        guint                phase);
GDateTime           *lf_drill_scenario_get_phase_real_time (LfDrillScenario *self,
                                                        guint                phase);
const char          *lf_drill_scenario_get_phase_note  (LfDrillScenario     *self,
                                                        guint                phase);
guint                lf_drill_scenario_get_phase_at    (LfDrillScenario     *self,
                                                        guint                elapsed_ms);
const LfDrillAnswer *lf_drill_scenario_answer_probe    (LfDrillScenario     *self,
                                                        guint                phase,
                                                        LfDrillTargetKind    kind,
                                                        const char          *id,
                                                        const char * const  *providers);
const LfDrillStatus *lf_drill_scenario_answer_status   (LfDrillScenario     *self,
                                                        guint                phase,
                                                        LfDrillTargetKind    kind,
                                                        const char          *id);
char                *lf_drill_make_ray_id              (void);

G_END_DECLS
