/* lf-preferences-window.h
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lf-application.h"

G_BEGIN_DECLS

#define LF_TYPE_PREFERENCES_WINDOW (lf_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (LfPreferencesWindow, lf_preferences_window, LF, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

LfPreferencesWindow *lf_preferences_window_new (LfApplication *application);

G_END_DECLS
