/* lf-test-utils.h — helpers shared by the test programs
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      lf_test_init            (int          *argc,
                                   char       ***argv);
char     *lf_test_build_data_path (const char   *name);
gboolean  lf_test_wait_for        (gboolean    (*predicate) (gpointer data),
                                   gpointer      data,
                                   guint         timeout_ms);
void      lf_test_wait_for_flag   (gboolean     *flag,
                                   guint         timeout_ms);
gboolean  lf_test_have_display    (void);
void      lf_test_skip_no_display (void);
GTestDBus *lf_test_dbus_up        (void);
void      lf_test_dbus_stop       (GTestDBus    *bus);
const char *lf_test_get_binary    (void);
GVariant  *lf_test_bus_call       (GDBusConnection    *connection,
                                   const char         *name,
                                   const char         *path,
                                   const char         *interface,
                                   const char         *method,
                                   GVariant           *parameters,
                                   const GVariantType *reply_type,
                                   GError            **error);
GDBusConnection *lf_test_notifications_serve (GPtrArray *log);
GDBusConnection *lf_test_bus_serve (const char                 *name,
                                    const char                 *path,
                                    const char                 *xml,
                                    const GDBusInterfaceVTable *vtable,
                                    gpointer                    user_data);

G_END_DECLS
