/* lf-launcher.h — where the window's program is, and what the two processes agree on
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The desktop application's program, installed in libexecdir (or next to `lifeline` in the
 * build tree). */
#define LF_LAUNCHER_GUI_NAME "lifeline-gui"

/* The window's process and the background monitor (app/service/lf-service.c):
 *   - the monitor exports its LfMonitor below the application's object path + this;
 *   - the window owns the application id + this suffix while it runs;
 *   - the monitor tells a window it starts what to show first in these variables. */
#define LF_LAUNCHER_MONITOR_PATH "/Monitor"
#define LF_LAUNCHER_WINDOW_NAME_SUFFIX ".Window"
#define LF_LAUNCHER_ENV_ACTION "LIFELINE_WINDOW_ACTION"
#define LF_LAUNCHER_ENV_TARGET "LIFELINE_WINDOW_TARGET"

char       *lf_launcher_find_gui     (void);

G_END_DECLS
