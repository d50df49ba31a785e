/* lf-background.h — running in the background and starting at login
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LF_TYPE_BACKGROUND (lf_background_get_type ())

G_DECLARE_FINAL_TYPE (LfBackground, lf_background, LF, BACKGROUND, GObject)

LfBackground *lf_background_new            (GDBusConnection      *connection);
gboolean      lf_background_is_sandboxed   (LfBackground         *self);
void          lf_background_request_async  (LfBackground         *self,
                                            gboolean              autostart,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean      lf_background_request_finish (LfBackground         *self,
                                            GAsyncResult         *result,
                                            GError              **error);
void          lf_background_set_status     (LfBackground         *self,
                                            const char           *message);

G_END_DECLS
