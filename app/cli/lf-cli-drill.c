/* lf-cli-drill.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-cli"

#include "config.h"

#include "lf-cli-drill.h"

#include <glib/gi18n.h>

#include "lf-cli.h"
#include "lf-drill-scenario.h"

/* `lifeline --drill SCENARIO [--drill-length MINUTES]`: checks the scenario name and the
 * length here (so a typo fails at once, with no display and no bus), then registers the
 * application: if Lifeline already runs, the running instance gets the app.start-drill action
 * ("SCENARIO:SECONDS", which raises its window) and this process exits; otherwise this
 * process becomes the application, starts the drill and goes on to show the window.
 *
 * `lifeline --pause-drill` / `--resume-drill` hand app.pause-drill / app.resume-drill to the
 * running instance (exit 1 when none runs).
 */

/* Whether an instance of @app_id runs on the session bus (blocking: command line only). */
static gboolean
instance_is_running (const char *app_id)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  if (bus == NULL || app_id == NULL)
    return FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", app_id), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);

  return has_owner;
}

/**
 * lf_cli_drill:
 * @options: the parsed options, with "drill"
 *
 * Returns: an exit code, or %LF_CLI_CONTINUE when this process goes on as the application
 */
int
lf_cli_drill (GVariantDict *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LfDrillScenario) scenario = NULL;
  GApplication *app = g_application_get_default ();
  const char *id = NULL;
  const char *minutes = NULL;
  g_autofree char *request = NULL;
  guint64 length_ms = 0;

  g_return_val_if_fail (options != NULL, 1);

  if (!g_variant_dict_lookup (options, "drill", "&s", &id) || id == NULL || id[0] == '\0'
      || strchr (id, ':') != NULL)
    {
      g_printerr ("%s\n", _("--drill needs the name of a scenario"));
      return 2;
    }

  if (g_variant_dict_lookup (options, "drill-length", "&s", &minutes))
    {
      char *end = NULL;
      double value = g_ascii_strtod (minutes, &end);

      if (end == minutes || *end != '\0' || !(value > 0) || value > 24 * 60)
        {
          /* Translators: %s is what was given to --drill-length */
          g_printerr (_("--drill-length needs a number of minutes, not “%s”\n"), minutes);
          return 2;
        }
      request = g_strdup_printf ("%s:%u", id, MAX (1u, (guint) (value * 60 + 0.5)));
    }
  else
    request = g_strdup (id);

  scenario = lf_drill_parse_request (request, &length_ms, &error);
  if (scenario == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  /* Starting the application here needs a display; handing over to a running one does not. */
  if (app != NULL && g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL
      && !instance_is_running (g_application_get_application_id (app)))
    {
      g_printerr ("%s\n", _("Lifeline is not running, and there is no display to start it on."));
      return 1;
    }

  if (app == NULL || !g_application_register (app, NULL, &error))
    {
      g_printerr (_("Could not start Lifeline: %s\n"),
                  error != NULL ? error->message : "no application");
      return 1;
    }

  /* An application without the start-drill action: go on, and let it start the drill
   * itself. (`lifeline`, the background monitor, has it: it hands the drill to the window
   * it starts, see app/service/lf-service.c.) */
  if (!g_application_get_is_remote (app)
      && !g_action_group_has_action (G_ACTION_GROUP (app), "start-drill"))
    return LF_CLI_CONTINUE;

  g_action_group_activate_action (G_ACTION_GROUP (app), "start-drill",
                                  g_variant_new_string (request));

  if (g_application_get_is_remote (app))
    {
      GDBusConnection *bus = g_application_get_dbus_connection (app);

      /* The running instance does the rest; make sure the request has left. */
      if (bus != NULL)
        g_dbus_connection_flush_sync (bus, NULL, NULL);
      g_print (_("Started the drill “%s” in the running Lifeline.\n"),
               lf_drill_scenario_get_title (scenario));
      return 0;
    }

  return LF_CLI_CONTINUE;
}

/**
 * lf_cli_drill_control:
 * @action: "pause-drill" or "resume-drill"
 *
 * Hands @action to the running Lifeline, whose window plays the drill.
 *
 * Returns: an exit code
 */
int
lf_cli_drill_control (const char *action)
{
  g_autoptr(GError) error = NULL;
  GApplication *app = g_application_get_default ();
  GDBusConnection *bus;

  g_return_val_if_fail (action != NULL, 1);

  if (app == NULL || !instance_is_running (g_application_get_application_id (app)))
    {
      g_printerr ("%s\n", _("Lifeline is not running, so no drill is."));
      return 1;
    }

  if (!g_application_register (app, NULL, &error) || !g_application_get_is_remote (app))
    {
      g_printerr (_("Could not reach the running Lifeline: %s\n"),
                  error != NULL ? error->message : _("it went away"));
      return 1;
    }

  g_action_group_activate_action (G_ACTION_GROUP (app), action, NULL);
  bus = g_application_get_dbus_connection (app);
  if (bus != NULL)
    g_dbus_connection_flush_sync (bus, NULL, NULL);

  g_print ("%s\n", g_str_equal (action, "pause-drill")
                    ? _("Asked the running Lifeline to pause its drill.")
                    : _("Asked the running Lifeline to resume its drill."));
  return 0;
}
