/* lf-notifier.h — desktop notifications from health transitions
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-types.h"

G_BEGIN_DECLS

#define LF_TYPE_NOTIFIER (lf_notifier_get_type ())

G_DECLARE_FINAL_TYPE (LfNotifier, lf_notifier, LF, NOTIFIER, GObject)

LfNotifier *lf_notifier_new                (GApplication       *application);
LfNotifier *lf_notifier_new_for_drill      (GApplication       *application);
const char *lf_notifier_get_notify_on      (LfNotifier         *self);
void        lf_notifier_set_notify_on      (LfNotifier         *self,
                                            const char         *notify_on);
gboolean    lf_notifier_get_drill          (LfNotifier         *self);
void        lf_notifier_withdraw_all       (LfNotifier         *self);
void        lf_notifier_set_all_clear_count (LfNotifier        *self,
                                            guint               n);
void        lf_notifier_platform_changed   (LfNotifier         *self,
                                            const char         *platform_id,
                                            const char         *platform_name,
                                            LfState             old_state,
                                            LfState             new_state,
                                            const char         *explanation);
void        lf_notifier_diagnosis_changed  (LfNotifier         *self,
                                            LfDiagnosisKind     kind,
                                            const char         *provider_id,
                                            const char         *summary,
                                            const char * const *affected_ids);

G_END_DECLS
