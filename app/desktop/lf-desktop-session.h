/* lf-desktop-session.h — the tray, the notifications and the next action of one process
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-background.h"
#include "lf-context.h"
#include "lf-notifier.h"
#include "lf-tray.h"

G_BEGIN_DECLS

/* How long after start-up the monitor's first round begins: the first round loads the TLS
 * trust store and resolves names, and a window being opened paints its first frame first. */
#define LF_DESKTOP_SESSION_START_DELAY_MS 400

#define LF_TYPE_DESKTOP_SESSION (lf_desktop_session_get_type ())

G_DECLARE_FINAL_TYPE (LfDesktopSession, lf_desktop_session, LF, DESKTOP_SESSION, GObject)

LfDesktopSession *lf_desktop_session_new                (GApplication       *application,
                                                         LfContext          *context,
                                                         GSettings          *settings,
                                                         gboolean            real_health);
void              lf_desktop_session_shutdown           (LfDesktopSession   *self);

gboolean          lf_desktop_session_get_real_health    (LfDesktopSession   *self);
LfTray           *lf_desktop_session_get_tray           (LfDesktopSession   *self);
LfNotifier       *lf_desktop_session_get_notifier       (LfDesktopSession   *self);
LfNotifier       *lf_desktop_session_get_drill_notifier (LfDesktopSession   *self);
LfBackground     *lf_desktop_session_get_background     (LfDesktopSession   *self);

void              lf_desktop_session_refresh            (LfDesktopSession   *self);
void              lf_desktop_session_set_status         (LfDesktopSession   *self,
                                                         LfState             overall,
                                                         LfDiagnosisKind     kind,
                                                         const char         *title,
                                                         const char         *description,
                                                         const char * const *problem_lines);

void              lf_desktop_session_start_monitor      (LfDesktopSession   *self,
                                                         guint               delay_ms);

G_END_DECLS
