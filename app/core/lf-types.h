/* lf-types.h — the health model's enumerations, shared by every part of Lifeline
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Why a probe (or a platform) is in its state. Strings are DESIGN.md's, used in JSON. */
typedef enum
{
  LF_CAUSE_NONE,
  LF_CAUSE_DNS,
  LF_CAUSE_CONNECT,
  LF_CAUSE_TLS,
  LF_CAUSE_TIMEOUT,
  LF_CAUSE_HTTP_ERROR,
  LF_CAUSE_CDN_EDGE,
  LF_CAUSE_ORIGIN_VIA_CDN,
  LF_CAUSE_BLOCKED,
  LF_CAUSE_SLOW,
  LF_CAUSE_STATUS_PAGE,
  LF_CAUSE_NETWORK,
} LfCause;

#define LF_N_CAUSES (LF_CAUSE_NETWORK + 1)

typedef enum
{
  LF_STATE_UNKNOWN,
  LF_STATE_UP,
  LF_STATE_DEGRADED,
  LF_STATE_MAINTENANCE,
  LF_STATE_DOWN,
} LfState;

/* One scale for every status source (statuspage, status.io, Slack, incident.io, Google). */
typedef enum
{
  LF_SEVERITY_UNKNOWN,
  LF_SEVERITY_OPERATIONAL,
  LF_SEVERITY_MAINTENANCE,
  LF_SEVERITY_DEGRADED,
  LF_SEVERITY_PARTIAL,
  LF_SEVERITY_MAJOR,
} LfSeverity;

/* Ordered from the narrowest to the broadest: when several apply, the largest wins. */
typedef enum
{
  LF_DIAGNOSIS_ALL_CLEAR,
  LF_DIAGNOSIS_PLATFORM_OUTAGE,
  LF_DIAGNOSIS_PROVIDER_OUTAGE,
  LF_DIAGNOSIS_LOCAL_NETWORK,
  LF_DIAGNOSIS_OFFLINE,
} LfDiagnosisKind;

#define LF_TYPE_CAUSE (lf_cause_get_type ())
#define LF_TYPE_STATE (lf_state_get_type ())
#define LF_TYPE_SEVERITY (lf_severity_get_type ())
#define LF_TYPE_DIAGNOSIS_KIND (lf_diagnosis_kind_get_type ())

const char *lf_enum_values_get_nick      (const GEnumValue *values,
                                          int               value);
gboolean    lf_enum_values_lookup        (const GEnumValue *values,
                                          const char       *nick,
                                          int              *value);

GType       lf_cause_get_type            (void) G_GNUC_CONST;
GType       lf_state_get_type            (void) G_GNUC_CONST;
GType       lf_severity_get_type         (void) G_GNUC_CONST;
GType       lf_diagnosis_kind_get_type   (void) G_GNUC_CONST;

const char *lf_cause_to_string           (LfCause          cause);
gboolean    lf_cause_from_string         (const char      *str,
                                          LfCause         *cause);
const char *lf_cause_describe            (LfCause          cause);

const char *lf_state_to_string           (LfState          state);
gboolean    lf_state_from_string         (const char      *str,
                                          LfState         *state);
const char *lf_state_describe            (LfState          state);
int         lf_state_get_rank            (LfState          state);
LfState     lf_state_worst               (LfState          a,
                                          LfState          b);

const char *lf_severity_to_string        (LfSeverity       severity);
gboolean    lf_severity_from_string      (const char      *str,
                                          LfSeverity      *severity);

const char *lf_diagnosis_kind_to_string  (LfDiagnosisKind  kind);
const char *lf_diagnosis_kind_describe   (LfDiagnosisKind  kind);
gboolean    lf_diagnosis_kind_is_local   (LfDiagnosisKind  kind);
gboolean    lf_diagnosis_kind_from_string (const char     *str,
                                           LfDiagnosisKind *kind);

G_END_DECLS
