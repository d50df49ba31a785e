/* lf-tray.h — the tray icon: StatusNotifierItem + com.canonical.dbusmenu over GDBus
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-types.h"

G_BEGIN_DECLS

#define LF_TRAY_ITEM_PATH "/StatusNotifierItem"
#define LF_TRAY_MENU_PATH "/MenuBar"

/* The actions the tray menu activates in the #GActionGroup it is given. An action whose
 * parameter type is "s" is activated with "" (meaning: the current outage). */
#define LF_TRAY_ACTION_CHECK_NOW      "check-now"
#define LF_TRAY_ACTION_SHOW_WINDOW    "show-window"
#define LF_TRAY_ACTION_NOTIFY_CLIENTS "notify-clients"
#define LF_TRAY_ACTION_QUIT           "quit"

#define LF_TYPE_TRAY (lf_tray_get_type ())

G_DECLARE_FINAL_TYPE (LfTray, lf_tray, LF, TRAY, GObject)

LfTray     *lf_tray_new           (GDBusConnection    *connection,
                                   GActionGroup       *actions);
void        lf_tray_set_status    (LfTray             *self,
                                   LfState             overall,
                                   LfDiagnosisKind     kind,
                                   const char         *title,
                                   const char         *description,
                                   const char * const *problem_lines);
gboolean    lf_tray_get_available (LfTray             *self);
const char *lf_tray_get_icon_name (LfTray             *self);
const char *lf_tray_get_title     (LfTray             *self);

void     lf_tray_set_next_action (LfTray     *self,
                                  const char *label,
                                  const char *action);

G_END_DECLS
