/* lf-test-utils.h — helpers shared by the test programs
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-incident-log.h"

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
void       lf_test_remove_tree    (const char   *path);

/* The plan saved in @dir/plan.json (the default plan when there is none), loaded. */
LfPlan        *lf_test_load_plan         (const char *dir);
/* The incident log at @path, loaded (whatever the load had to say about the file). */
LfIncidentLog *lf_test_load_incident_log (LfPlan     *plan,
                                          const char *path);

/* How lf_test_run_lifeline() runs a program. Always: no display, no session bus (unless
 * @bus_nowhere), stdout and stderr captured, this thread's main context iterated meanwhile
 * (so that a loopback server of the test answers). Zero-initialised: `lifeline`, no keyring,
 * the test's own XDG directories, 60 s. */
typedef struct
{
  const char            *program;      /* NULL: lifeline (lf_test_get_binary ()) */
  const char            *keyring;      /* libsecret's file backend at this path (SECRET_BACKEND
                                        * file, the test password); NULL: SECRET_BACKEND unset */
  const char            *data_home;    /* XDG_DATA_HOME; NULL: the test's */
  const char            *config_home;  /* XDG_CONFIG_HOME; NULL: the test's */
  const char * const    *env;          /* more NAME=VALUE pairs, NULL-terminated */
  gboolean               bus_nowhere;  /* DBUS_SESSION_BUS_ADDRESS points at nothing, instead
                                        * of being unset */
  GSpawnChildSetupFunc   child_setup;  /* run in the child before exec */
  guint                  timeout_ms;   /* 0: 60 s; the program must exit by then */
} LfTestRun;

int        lf_test_run_lifeline   (const LfTestRun     *run,
                                   const char * const  *args,
                                   char               **out,
                                   char               **err);

GVariant  *lf_test_bus_call       (GDBusConnection    *connection,
                                   const char         *name,
                                   const char         *path,
                                   const char         *interface,
                                   const char         *method,
                                   GVariant           *parameters,
                                   const GVariantType *reply_type,
                                   GError            **error);
/* What a fake notification server was sent (lf_test_notifications_new()) */
typedef struct
{
  GDBusConnection *connection;  /* the server's own */
  GPtrArray       *log;         /* "add ID" and "remove ID", one per call, in order */
  GHashTable      *shown;       /* id → a{sv} of its last AddNotification, until removed */
  GHashTable      *added;       /* id → a{sv} of its last AddNotification, ever */
  char            *app_id;      /* the application id of the last call */
} LfTestNotifications;

LfTestNotifications *lf_test_notifications_new        (void);
void                 lf_test_notifications_free       (LfTestNotifications *server);
void                 lf_test_notifications_settle     (LfTestNotifications *server,
                                                       GDBusConnection     *client);
gboolean             lf_test_notifications_find_title (GHashTable          *table,
                                                       const char          *prefix);
GDBusConnection *lf_test_notifications_serve (GPtrArray *log);
GDBusConnection *lf_test_bus_serve (const char                 *name,
                                    const char                 *path,
                                    const char                 *xml,
                                    const GDBusInterfaceVTable *vtable,
                                    gpointer                    user_data);

G_END_DECLS
