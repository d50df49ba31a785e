/* test-notifier.c — which transitions become notifications, captured on a private bus
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-notifier.h"
#include "lf-test-utils.h"

/* A fake org.gtk.Notifications server (the interface GNOME Shell implements and GLib's
 * GNotification prefers) on a second connection to a private bus records every
 * AddNotification/RemoveNotification the application sends (lf_test_notifications_new()). */

#define TEST_APP_ID "io.github.lifeline.Lifeline.NotifierTest"

static GApplication *app;
static LfTestNotifications *server;

typedef struct
{
  LfNotifier *notifier;
} Fixture;

/* ------------------------------------------------------------------------ */
/* The fake server                                                          */
/* ------------------------------------------------------------------------ */

/* Runs the notifier's idle flush, then makes sure the server has seen every message the
 * application sent before. */
static void
settle (void)
{
  lf_test_notifications_settle (server, g_application_get_dbus_connection (app));
  if (server->app_id != NULL)
    g_assert_cmpstr (server->app_id, ==, TEST_APP_ID);
}

static char *
log_string (void)
{
  g_ptr_array_add (server->log, NULL);
  g_ptr_array_set_size (server->log, server->log->len - 1);

  return g_strjoinv ("; ", (char **) server->log->pdata);
}

static void
assert_log (const char *expected)
{
  g_autofree char *log = NULL;

  settle ();
  log = log_string ();
  g_assert_cmpstr (log, ==, expected);
  g_ptr_array_set_size (server->log, 0);
}

static const char *
shown_string (const char *id,
              const char *key)
{
  GVariant *notification = g_hash_table_lookup (server->shown, id);
  const char *value = NULL;

  g_assert_nonnull (notification);
  g_variant_lookup (notification, key, "&s", &value);
  return value;
}

/* "label=action(target)" for every button, joined with "; ". */
static char *
shown_buttons (const char *id)
{
  GVariant *notification = g_hash_table_lookup (server->shown, id);
  g_autoptr(GVariant) buttons = NULL;
  g_autoptr(GString) str = g_string_new (NULL);

  g_assert_nonnull (notification);
  buttons = g_variant_lookup_value (notification, "buttons", G_VARIANT_TYPE ("aa{sv}"));
  for (gsize i = 0; buttons != NULL && i < g_variant_n_children (buttons); i++)
    {
      g_autoptr(GVariant) button = g_variant_get_child_value (buttons, i);
      g_autoptr(GVariant) target = g_variant_lookup_value (button, "target", NULL);
      g_autofree char *printed = target != NULL ? g_variant_print (target, FALSE) : NULL;
      const char *label = NULL;
      const char *action = NULL;

      g_variant_lookup (button, "label", "&s", &label);
      g_variant_lookup (button, "action", "&s", &action);
      g_string_append_printf (str, "%s%s=%s(%s)", i > 0 ? "; " : "", label, action,
                              printed != NULL ? printed : "");
    }

  return g_strdup (str->str);
}

static char *
shown_default_action (const char *id)
{
  GVariant *notification = g_hash_table_lookup (server->shown, id);
  g_autoptr(GVariant) target = NULL;
  g_autofree char *printed = NULL;
  const char *action = NULL;

  g_assert_nonnull (notification);
  g_variant_lookup (notification, "default-action", "&s", &action);
  target = g_variant_lookup_value (notification, "default-action-target", NULL);
  printed = target != NULL ? g_variant_print (target, FALSE) : g_strdup ("");

  return g_strdup_printf ("%s(%s)", action, printed);
}

/* ------------------------------------------------------------------------ */
/* Fixture                                                                  */
/* ------------------------------------------------------------------------ */

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->notifier = lf_notifier_new (app);
  g_ptr_array_set_size (server->log, 0);
  g_hash_table_remove_all (server->shown);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  settle ();
  g_assert_finalize_object (fx->notifier);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

static void
test_notifier_down_and_back (Fixture       *fx,
                             gconstpointer  data)
{
  g_autofree char *buttons = NULL;
  g_autofree char *default_action = NULL;
  g_autofree char *buttons2 = NULL;

  lf_notifier_platform_changed (fx->notifier, "upwork", "Upwork", LF_STATE_UP, LF_STATE_DOWN,
                                "Upwork’s servers answer with errors");
  assert_log ("add platform-upwork");
  g_assert_cmpstr (shown_string ("platform-upwork", "title"), ==, "Upwork is down");
  g_assert_cmpstr (shown_string ("platform-upwork", "body"), ==,
                   "Upwork’s servers answer with errors");
  g_assert_cmpstr (shown_string ("platform-upwork", "priority"), ==, "high");
  default_action = shown_default_action ("platform-upwork");
  g_assert_cmpstr (default_action, ==, "app.open-platform('upwork')");
  buttons = shown_buttons ("platform-upwork");
  g_assert_cmpstr (buttons, ==,
                   "Open Checklist=app.start-checklist('upwork'); "
                   "Notify Clients=app.notify-clients('upwork')");

  /* No repeat while it stays down, nor when it only gets better. */
  lf_notifier_platform_changed (fx->notifier, "upwork", "Upwork", LF_STATE_DOWN, LF_STATE_DOWN,
                                NULL);
  lf_notifier_platform_changed (fx->notifier, "upwork", "Upwork", LF_STATE_DOWN,
                                LF_STATE_DEGRADED, NULL);
  assert_log ("");

  /* Recovery replaces the outage notification (same id): nothing stale stays. */
  /* The all-clear is due to the three clients told (lf-outage.c): the button says so. */
  lf_notifier_set_all_clear_count (fx->notifier, 3);
  lf_notifier_platform_changed (fx->notifier, "upwork", "Upwork", LF_STATE_DEGRADED,
                                LF_STATE_UP, NULL);
  assert_log ("add platform-upwork");
  g_assert_cmpstr (shown_string ("platform-upwork", "title"), ==, "Upwork works again");
  buttons2 = shown_buttons ("platform-upwork");
  g_assert_cmpstr (buttons2, ==, "Send the All-Clear to 3 Clients=app.send-all-clear()");
  lf_notifier_set_all_clear_count (fx->notifier, 0);

  /* A second recovery (flapping reported twice) says nothing. */
  lf_notifier_platform_changed (fx->notifier, "upwork", "Upwork", LF_STATE_UNKNOWN, LF_STATE_UP,
                                NULL);
  assert_log ("");
}

static void
test_notifier_notify_on (Fixture       *fx,
                         gconstpointer  data)
{
  g_assert_cmpstr (lf_notifier_get_notify_on (fx->notifier), ==, "down");

  /* "down": a degradation is not worth a notification, nor its recovery. */
  lf_notifier_platform_changed (fx->notifier, "fiverr", "Fiverr", LF_STATE_UP,
                                LF_STATE_DEGRADED, "Slow answers");
  lf_notifier_platform_changed (fx->notifier, "fiverr", "Fiverr", LF_STATE_DEGRADED,
                                LF_STATE_UP, NULL);
  assert_log ("");

  /* "degraded": it is. */
  g_object_set (fx->notifier, "notify-on", "degraded", NULL);
  lf_notifier_platform_changed (fx->notifier, "fiverr", "Fiverr", LF_STATE_UP,
                                LF_STATE_DEGRADED, "Slow answers");
  assert_log ("add platform-fiverr");
  g_assert_cmpstr (shown_string ("platform-fiverr", "title"), ==, "Fiverr has problems");
  g_assert_cmpstr (shown_string ("platform-fiverr", "priority"), ==, "normal");

  /* Getting worse is news. */
  lf_notifier_platform_changed (fx->notifier, "fiverr", "Fiverr", LF_STATE_DEGRADED,
                                LF_STATE_DOWN, NULL);
  assert_log ("add platform-fiverr");
  g_assert_cmpstr (shown_string ("platform-fiverr", "title"), ==, "Fiverr is down");

  /* "never": silence, even for an outage; maintenance is never news. */
  lf_notifier_set_notify_on (fx->notifier, "never");
  lf_notifier_platform_changed (fx->notifier, "toptal", "Toptal", LF_STATE_UP, LF_STATE_DOWN,
                                NULL);
  lf_notifier_diagnosis_changed (fx->notifier, LF_DIAGNOSIS_PROVIDER_OUTAGE, "cloudflare",
                                 "Cloudflare is having an outage",
                                 (const char *[]) { "toptal", "upwork", NULL });
  assert_log ("");
  lf_notifier_set_notify_on (fx->notifier, "bogus");
  g_assert_cmpstr (lf_notifier_get_notify_on (fx->notifier), ==, "down");
  lf_notifier_diagnosis_changed (fx->notifier, LF_DIAGNOSIS_ALL_CLEAR, NULL, "All clear", NULL);
  lf_notifier_platform_changed (fx->notifier, "slack", "Slack", LF_STATE_UP,
                                LF_STATE_MAINTENANCE, NULL);
  assert_log ("");
}

static void
test_notifier_grouped_provider (Fixture       *fx,
                                gconstpointer  data)
{
  const char *affected[] = { "upwork", "fiverr", "freelancer", NULL };
  g_autofree char *buttons = NULL;
  g_autofree char *default_action = NULL;

  /* Upwork went down in an earlier check and was announced on its own. */
  lf_notifier_platform_changed (fx->notifier, "upwork", "Upwork", LF_STATE_UP, LF_STATE_DOWN,
                                NULL);
  assert_log ("add platform-upwork");

  /* One check: three platforms behind Cloudflare and an unrelated one fail together. */
  lf_notifier_platform_changed (fx->notifier, "fiverr", "Fiverr", LF_STATE_UP, LF_STATE_DOWN,
                                NULL);
  lf_notifier_platform_changed (fx->notifier, "freelancer", "Freelancer.com", LF_STATE_UP,
                                LF_STATE_DOWN, NULL);
  lf_notifier_platform_changed (fx->notifier, "toptal", "Toptal", LF_STATE_UP, LF_STATE_DOWN,
                                NULL);
  lf_notifier_diagnosis_changed (fx->notifier, LF_DIAGNOSIS_PROVIDER_OUTAGE, "cloudflare",
                                 "Cloudflare is having an outage", affected);
  assert_log ("remove platform-upwork; add provider-cloudflare; add platform-toptal");
  g_assert_cmpstr (shown_string ("provider-cloudflare", "title"), ==,
                   "Cloudflare is having an outage");
  g_assert_cmpstr (shown_string ("provider-cloudflare", "body"), ==,
                   "Affected: Upwork, Fiverr, Freelancer.com");
  default_action = shown_default_action ("provider-cloudflare");
  g_assert_cmpstr (default_action, ==, "app.open-platform('upwork')");
  buttons = shown_buttons ("provider-cloudflare");
  g_assert_cmpstr (buttons, ==,
                   "Open Checklist=app.start-checklist('upwork'); "
                   "Notify Clients=app.notify-clients('')");
  g_assert_false (g_hash_table_contains (server->shown, "platform-upwork"));

  /* The same outage reported again, and covered platforms flapping: no flood. */
  lf_notifier_diagnosis_changed (fx->notifier, LF_DIAGNOSIS_PROVIDER_OUTAGE, "cloudflare",
                                 "Cloudflare is having an outage", affected);
  lf_notifier_platform_changed (fx->notifier, "fiverr", "Fiverr", LF_STATE_DOWN, LF_STATE_UP,
                                NULL);
  lf_notifier_platform_changed (fx->notifier, "fiverr", "Fiverr", LF_STATE_UP, LF_STATE_DOWN,
                                NULL);
  assert_log ("");

  /* The outage ends: the grouped notification is replaced; covered platforms say nothing. */
  lf_notifier_platform_changed (fx->notifier, "upwork", "Upwork", LF_STATE_DOWN, LF_STATE_UP,
                                NULL);
  lf_notifier_platform_changed (fx->notifier, "fiverr", "Fiverr", LF_STATE_DOWN, LF_STATE_UP,
                                NULL);
  lf_notifier_platform_changed (fx->notifier, "freelancer", "Freelancer.com", LF_STATE_DOWN,
                                LF_STATE_UP, NULL);
  lf_notifier_diagnosis_changed (fx->notifier, LF_DIAGNOSIS_PLATFORM_OUTAGE, NULL,
                                 "Toptal is down", (const char *[]) { "toptal", NULL });
  assert_log ("add provider-cloudflare");
  g_assert_cmpstr (shown_string ("provider-cloudflare", "title"), ==, "The outage is over");
  g_assert_cmpstr (shown_string ("provider-cloudflare", "body"), ==, "Toptal is down");
}

static void
test_notifier_local_network (Fixture       *fx,
                             gconstpointer  data)
{
  /* The user's own connection fails: platforms turn unknown or fail; no alarm at all. */
  lf_notifier_platform_changed (fx->notifier, "upwork", "Upwork", LF_STATE_UP, LF_STATE_DOWN,
                                NULL);
  lf_notifier_platform_changed (fx->notifier, "fiverr", "Fiverr", LF_STATE_UP,
                                LF_STATE_UNKNOWN, NULL);
  lf_notifier_diagnosis_changed (fx->notifier, LF_DIAGNOSIS_LOCAL_NETWORK, NULL,
                                 "Your connection seems down", NULL);
  assert_log ("");
  lf_notifier_platform_changed (fx->notifier, "toptal", "Toptal", LF_STATE_UP, LF_STATE_DOWN,
                                NULL);
  assert_log ("");

  lf_notifier_diagnosis_changed (fx->notifier, LF_DIAGNOSIS_OFFLINE, NULL, "Offline", NULL);
  lf_notifier_platform_changed (fx->notifier, "slack", "Slack", LF_STATE_UP, LF_STATE_DOWN,
                                NULL);
  assert_log ("");

  /* Back online and all fine: nothing was announced, so nothing to take back. */
  lf_notifier_diagnosis_changed (fx->notifier, LF_DIAGNOSIS_ALL_CLEAR, NULL, "All clear", NULL);
  lf_notifier_platform_changed (fx->notifier, "upwork", "Upwork", LF_STATE_UNKNOWN,
                                LF_STATE_UP, NULL);
  assert_log ("");

  /* A provider outage we announced, then our own network fails: we cannot tell it is over,
   * so the notification is withdrawn rather than left to go stale or "recovered". */
  lf_notifier_diagnosis_changed (fx->notifier, LF_DIAGNOSIS_PROVIDER_OUTAGE, "cloudflare",
                                 "Cloudflare is having an outage",
                                 (const char *[]) { "upwork", "fiverr", NULL });
  assert_log ("add provider-cloudflare");
  lf_notifier_diagnosis_changed (fx->notifier, LF_DIAGNOSIS_LOCAL_NETWORK, NULL,
                                 "Your connection seems down", NULL);
  assert_log ("remove provider-cloudflare");
}

/* A drill's notifier: "Drill: " titles, ids of their own that never touch the real ones, the
 * real notifier's bookkeeping untouched, and the drill's notifications withdrawn at its end. */
static void
test_notifier_drill (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(LfNotifier) drill = lf_notifier_new_for_drill (app);

  g_assert_true (lf_notifier_get_drill (drill));
  g_assert_false (lf_notifier_get_drill (fx->notifier));

  /* A real outage is shown before the drill starts. */
  lf_notifier_platform_changed (fx->notifier, "slack", "Slack", LF_STATE_UP, LF_STATE_DOWN,
                                NULL);
  assert_log ("add platform-slack");

  lf_notifier_diagnosis_changed (drill, LF_DIAGNOSIS_PROVIDER_OUTAGE, "cloudflare",
                                 "Cloudflare is having an outage",
                                 (const char *[]) { "upwork", "fiverr", NULL });
  assert_log ("add drill-provider-cloudflare");
  g_assert_cmpstr (shown_string ("drill-provider-cloudflare", "title"), ==,
                   "Drill: Cloudflare is having an outage");
  lf_notifier_platform_changed (drill, "discord", "Discord", LF_STATE_UP, LF_STATE_DOWN, NULL);
  assert_log ("add drill-platform-discord");
  g_assert_cmpstr (shown_string ("drill-platform-discord", "title"), ==,
                   "Drill: Discord is down");
  /* The drill knows nothing of the real Slack outage: it announces its own. */
  lf_notifier_platform_changed (drill, "slack", "Slack", LF_STATE_UP, LF_STATE_DOWN, NULL);
  assert_log ("add drill-platform-slack");
  lf_notifier_diagnosis_changed (drill, LF_DIAGNOSIS_ALL_CLEAR, NULL, "All clear", NULL);
  assert_log ("add drill-provider-cloudflare");
  g_assert_cmpstr (shown_string ("drill-provider-cloudflare", "title"), ==,
                   "Drill: The outage is over");
  g_assert_cmpstr (shown_string ("platform-slack", "title"), ==, "Slack is down");

  /* The end of the drill takes its notifications away, and only those. */
  lf_notifier_withdraw_all (drill);
  settle ();
  g_assert_cmpuint (g_hash_table_size (server->shown), ==, 1);
  g_assert_cmpstr (shown_string ("platform-slack", "title"), ==, "Slack is down");
  g_ptr_array_set_size (server->log, 0);

  /* The real Slack outage is still known: it stays quiet while down, and recovers. */
  lf_notifier_platform_changed (fx->notifier, "slack", "Slack", LF_STATE_UNKNOWN, LF_STATE_DOWN,
                                NULL);
  assert_log ("");
  lf_notifier_platform_changed (fx->notifier, "slack", "Slack", LF_STATE_DOWN, LF_STATE_UP,
                                NULL);
  assert_log ("add platform-slack");
  g_assert_cmpstr (shown_string ("platform-slack", "title"), ==, "Slack works again");
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  g_autoptr(GError) error = NULL;
  int ret;

  /* The org.gtk.Notifications backend; the fake owns its name before the backend is made. */
  g_setenv ("GNOTIFICATION_BACKEND", "gtk", TRUE);
  lf_test_init (&argc, &argv);
  bus = lf_test_dbus_up ();
  server = lf_test_notifications_new ();

  app = g_application_new (TEST_APP_ID, G_APPLICATION_DEFAULT_FLAGS);
  g_application_register (app, NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/lifeline/notifier/down-and-back", Fixture, NULL,
              fixture_set_up, test_notifier_down_and_back, fixture_tear_down);
  g_test_add ("/lifeline/notifier/notify-on", Fixture, NULL,
              fixture_set_up, test_notifier_notify_on, fixture_tear_down);
  g_test_add ("/lifeline/notifier/grouped-provider", Fixture, NULL,
              fixture_set_up, test_notifier_grouped_provider, fixture_tear_down);
  g_test_add ("/lifeline/notifier/local-network", Fixture, NULL,
              fixture_set_up, test_notifier_local_network, fixture_tear_down);
  g_test_add ("/lifeline/notifier/drill", Fixture, NULL,
              fixture_set_up, test_notifier_drill, fixture_tear_down);

  ret = g_test_run ();

  g_clear_object (&app);
  g_clear_pointer (&server, lf_test_notifications_free);
  lf_test_dbus_stop (bus);

  return ret;
}
