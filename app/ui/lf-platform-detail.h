/* lf-platform-detail.h — everything known about one platform: evidence, vendor, history
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lf-monitor.h"

G_BEGIN_DECLS

#define LF_TYPE_PLATFORM_DETAIL (lf_platform_detail_get_type ())

G_DECLARE_FINAL_TYPE (LfPlatformDetail, lf_platform_detail, LF, PLATFORM_DETAIL, AdwBin)

GtkWidget       *lf_platform_detail_new          (void);
void             lf_platform_detail_set_platform (LfPlatformDetail *self,
                                                  LfMonitor        *monitor,
                                                  LfPlatformState  *platform);
LfPlatformState *lf_platform_detail_get_platform (LfPlatformDetail *self);
void             lf_platform_detail_refresh      (LfPlatformDetail *self);
void             lf_platform_detail_focus_back   (LfPlatformDetail *self);

G_END_DECLS
