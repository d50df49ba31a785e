/* lf-preferences-window.h
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lf-context.h"
#include "lf-notices-prefs.h"
#include "lf-platform-picker.h"
#include "lf-status-page-adder.h"
#include "lf-tray.h"

G_BEGIN_DECLS

#define LF_TYPE_PREFERENCES_WINDOW (lf_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (LfPreferencesWindow, lf_preferences_window, LF, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

LfPreferencesWindow *lf_preferences_window_new (LfContext           *context,
                                                GSettings           *settings,
                                                LfTray              *tray);
void                 lf_preferences_window_set_tray_shown (LfPreferencesWindow *self,
                                                           gboolean             shown);
void                 lf_preferences_window_show_platforms (LfPreferencesWindow *self);
LfPlatformPicker    *lf_preferences_window_get_platform_picker (LfPreferencesWindow *self);
LfStatusPageAdder   *lf_preferences_window_get_status_page_adder (LfPreferencesWindow *self);
void                 lf_preferences_window_set_custom_platform (LfPreferencesWindow *self,
                                                                const char          *name,
                                                                const char          *url,
                                                                const char          *status_url);
const char          *lf_preferences_window_get_custom_error (LfPreferencesWindow *self);

LfNoticesPrefs *lf_preferences_window_get_notices_prefs (LfPreferencesWindow *self);

G_END_DECLS
