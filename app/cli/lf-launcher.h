/* lf-launcher.h — the `lifeline` program: the command line without GTK, or the application
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

#define LF_TYPE_LAUNCHER (lf_launcher_get_type ())

G_DECLARE_FINAL_TYPE (LfLauncher, lf_launcher, LF, LAUNCHER, GApplication)

LfLauncher *lf_launcher_new          (char * const *argv);
char       *lf_launcher_find_gui     (void);

G_END_DECLS
