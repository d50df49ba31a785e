/* lf-diagnosis.h — one verdict for the whole picture: my network, a provider, or a platform
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lf-types.h"

G_BEGIN_DECLS

#define LF_TYPE_DIAGNOSIS (lf_diagnosis_get_type ())

G_DECLARE_FINAL_TYPE (LfDiagnosis, lf_diagnosis, LF, DIAGNOSIS, GObject)

/* One watched platform as the rules see it: its confirmed state and cause. */
typedef struct
{
  const char         *id;
  const char         *name;
  LfState             state;
  LfCause             cause;
  const char * const *providers;   /* NULL-terminated provider ids it sits behind, or NULL */
} LfDiagnosisPlatform;

/* A provider and what its own status source says about the relevant components. */
typedef struct
{
  const char *id;
  const char *name;
  LfSeverity  severity;            /* LF_SEVERITY_UNKNOWN when unread or without a source */
} LfDiagnosisProvider;

typedef struct
{
  gboolean                    network_available;  /* GNetworkMonitor */
  guint                       n_references;       /* references probed this round */
  guint                       n_references_ok;    /* ... of which answered */
  const LfDiagnosisPlatform  *platforms;
  guint                       n_platforms;
  const LfDiagnosisProvider  *providers;
  guint                       n_providers;
} LfDiagnosisInput;

LfDiagnosis     *lf_diagnosis_new                 (LfDiagnosisKind          kind,
                                                   const char              *provider_id,
                                                   const char              *provider_name,
                                                   const char * const      *affected,
                                                   const char              *summary);
LfDiagnosis     *lf_diagnosis_compute             (const LfDiagnosisInput  *input);

LfDiagnosisKind  lf_diagnosis_get_kind            (LfDiagnosis             *self);
const char      *lf_diagnosis_get_provider_id     (LfDiagnosis             *self);
const char      *lf_diagnosis_get_provider_name   (LfDiagnosis             *self);
const char * const *lf_diagnosis_get_affected     (LfDiagnosis             *self);
const char      *lf_diagnosis_get_summary         (LfDiagnosis             *self);
gboolean         lf_diagnosis_is_alarm            (LfDiagnosis             *self);
gboolean         lf_diagnosis_equal               (LfDiagnosis             *a,
                                                   LfDiagnosis             *b);

G_END_DECLS
