/* lf-tray-private.h — what lf-tray.c and lf-tray-menu.c share
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-tray.h"

#include "lf-dbusmenu-dbus.h"
#include "lf-sni-dbus.h"

G_BEGIN_DECLS

/* Menu item ids: fixed for the fixed items, PROBLEM_ID_BASE + n for problem lines. */
enum {
  ROOT_ID = 0,
  STATUS_ID = 1,
  SEPARATOR_1_ID = 2,
  CHECK_NOW_ID = 3,
  SHOW_WINDOW_ID = 4,
  NOTIFY_CLIENTS_ID = 5,
  SEPARATOR_2_ID = 6,
  QUIT_ID = 7,
  PROBLEM_ID_BASE = 100,
};

typedef struct
{
  int       id;
  char     *label;      /* with mnemonics; literal underscores doubled */
  char     *action;     /* name in the action group, or NULL */
  gboolean  separator;
  gboolean  sensitive;  /* FALSE for informative lines */
} MenuItem;

struct _LfTray
{
  GObject                   parent_instance;

  GDBusConnection          *connection;
  GActionGroup             *actions;
  GCancellable             *register_cancellable;

  LfDBusStatusNotifierItem *item;
  LfDBusDbusmenu           *menu;
  guint                     watch_id;

  GPtrArray                *menu_items;  /* MenuItem*, the root's children */
  char                     *next_label;  /* the notice entry (lf_tray_set_next_action()) */
  char                     *next_action;
  guint                     revision;

  char                     *activation_token;
  char                     *status_title;  /* the tooltip's first line */
  gboolean                  available;
};

LfDBusDbusmenu *lf_tray_menu_new                 (LfTray             *self);
GPtrArray      *lf_tray_menu_build_items         (LfTray             *self,
                                                  const char         *title,
                                                  const char * const *problem_lines);
gboolean        lf_tray_menu_items_equal         (GPtrArray          *a,
                                                  GPtrArray          *b);
void            lf_tray_menu_emit_layout_updated (LfTray             *self);
void            lf_tray_activate_action          (LfTray             *self,
                                                  const char         *name);

G_END_DECLS
