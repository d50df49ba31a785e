/* lf-scripted-backend.h — a monitor backend that answers from a script (tests, screenshots)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-monitor-backend.h"

G_BEGIN_DECLS

#define LF_TYPE_SCRIPTED_BACKEND (lf_scripted_backend_get_type ())

G_DECLARE_FINAL_TYPE (LfScriptedBackend, lf_scripted_backend, LF, SCRIPTED_BACKEND, GObject)

LfScriptedBackend *lf_scripted_backend_new           (void);
void               lf_scripted_backend_clear         (LfScriptedBackend *self);
void               lf_scripted_backend_set_default   (LfScriptedBackend *self,
                                                      guint              http_status,
                                                      LfCause            cause,
                                                      double             total_ms);
void               lf_scripted_backend_script_probe  (LfScriptedBackend *self,
                                                      const char        *url_part,
                                                      guint              http_status,
                                                      LfCause            cause,
                                                      const char        *cdn,
                                                      const char        *ray_id,
                                                      double             total_ms);
void               lf_scripted_backend_script_status (LfScriptedBackend *self,
                                                      const char        *url_part,
                                                      LfSeverity         indicator,
                                                      const char        *incident_title,
                                                      const char        *incident_url);
void               lf_scripted_backend_set_delay     (LfScriptedBackend *self,
                                                      guint              delay_ms);
guint              lf_scripted_backend_get_n_probes  (LfScriptedBackend *self);

G_END_DECLS
