/* lf-cli-outage.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-cli"

#include "config.h"

#include "lf-cli-outage.h"

#include "lf-cli-check.h"
#include "lf-cli-contacts.h"
#include "lf-context.h"
#include "lf-notice-context.h"
#include "lf-outage.h"
#include "lf-template-store.h"

#include <glib/gi18n.h>

/* `lifeline --notify affected` and `lifeline --notify all-clear`: one health check with the
 * monitor of a headless LfContext (as --check does), its incident bridge recording it into
 * the same incident log as the application, then exactly what the one-click "Notify
 * Clients" (or "Send the all-clear") would do now, through lf_context_plan_notice(): each linked client told about their own
 * down platforms once, or the all-clear to exactly those told once their platforms are all
 * up. What was sent is recorded in the incident log, so a second run sends nothing new.
 */

#define OUTAGE_CONFIRM_DELAY_MS 500
#define OUTAGE_MAX_TIMEOUT 600

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} Wait;

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = lf_notice_send_finish (LF_NOTICE (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static char *
platform_list (LfCatalog          *catalog,
               const char * const *ids)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      LfCatalogPlatform *platform = lf_catalog_lookup_platform (catalog, ids[i]);

      g_ptr_array_add (names, platform != NULL && platform->name != NULL ? platform->name
                                                                         : (char *) ids[i]);
    }
  g_ptr_array_add (names, NULL);

  return lf_template_join_list ((const char * const *) names->pdata, NULL);
}

static void
print_messages (LfNotice *notice)
{
  for (guint i = 0; i < lf_notice_get_n_entries (notice); i++)
    {
      const LfNoticeEntry *entry = lf_notice_get_entry (notice, i);
      const char *name = entry->recipient->name != NULL ? entry->recipient->name
                                                        : entry->recipient->contact_id;
      g_autofree char *problem = NULL;
      g_autofree char *destination = lf_notice_preview_destination (notice, i, &problem);

      g_print ("\n");
      if (destination != NULL)
        /* Translators: a recipient, then the address the notice would go to */
        g_print (_("To: %s <%s>\n"), name, destination);
      else
        /* Translators: a recipient, then why nothing would be sent to them */
        g_print (_("To: %s (%s)\n"), name, problem != NULL ? problem : "");
      g_print (_("Subject: %s\n\n%s\n"), entry->subject, entry->body);
    }
}

static void
print_summary (LfCatalog    *catalog,
               LfOutagePlan *plan,
               LfNotice     *notice,
               gboolean      all_clear,
               gboolean      dry_run)
{
  g_autofree char *platforms = platform_list (catalog, (const char * const *) plan->platforms);
  g_autoptr(GString) line = g_string_new (NULL);
  guint n = plan->recipients->len;
  guint n_sent = notice != NULL ? lf_notice_count (notice, LF_NOTICE_RESULT_SENT)
                                  + lf_notice_count (notice, LF_NOTICE_RESULT_HANDED_OFF)
                                  + lf_notice_count (notice, LF_NOTICE_RESULT_RENDERED)
                                : 0;

  if (n == 0)
    g_string_append (line, all_clear ? _("No all-clear is due")
                                     : _("No client is due an outage notice"));
  else if (dry_run)
    g_string_append_printf (line,
                            /* Translators: a count of clients, then platform names */
                            all_clear ? ngettext ("Dry run: the all-clear would go to %u client "
                                                  "(%s)",
                                                  "Dry run: the all-clear would go to %u "
                                                  "clients (%s)", n)
                                      : ngettext ("Dry run: %u client would be told about %s",
                                                  "Dry run: %u clients would be told about %s",
                                                  n),
                            n, platforms);
  else
    g_string_append_printf (line,
                            /* Translators: a count of clients, then platform names */
                            all_clear ? ngettext ("All-clear sent to %u client (%s)",
                                                  "All-clear sent to %u clients (%s)", n_sent)
                                      : ngettext ("Told %u client about %s",
                                                  "Told %u clients about %s", n_sent),
                            n_sent, platforms);

  if (!all_clear && plan->n_already_told > 0)
    g_string_append_printf (line, ngettext ("; %u already told", "; %u already told",
                                            plan->n_already_told),
                            plan->n_already_told);
  if (notice != NULL && lf_notice_count (notice, LF_NOTICE_RESULT_FAILED) > 0)
    g_string_append_printf (line, _("; %u failed"),
                            lf_notice_count (notice, LF_NOTICE_RESULT_FAILED));
  if (notice != NULL && lf_notice_count (notice, LF_NOTICE_RESULT_NO_CHANNEL) > 0)
    g_string_append_printf (line, _("; %u cannot be reached on this channel"),
                            lf_notice_count (notice, LF_NOTICE_RESULT_NO_CHANNEL));
  g_string_append_printf (line,
                          ngettext ("; %u client linked to no platform",
                                    "; %u clients linked to no platform", plan->n_unlinked),
                          plan->n_unlinked);
  g_print ("%s.\n", line->str);
}

/**
 * lf_cli_outage:
 * @what: "affected" or "all-clear"
 * @options: --catalog, --timeout, --channel, --dry-run
 *
 * Returns: 0 when every message went out (or nothing was due, or a dry run), 1 when a
 *   message failed or a client could not be reached, 2 on a usage or configuration error
 */
int
lf_cli_outage (const char   *what,
               GVariantDict *options)
{
  g_autoptr(LfContext) app_context = lf_context_new_headless ();
  LfTemplateStore *templates = lf_context_get_template_store (app_context);
  LfChannelStore *channels = lf_context_get_channel_store (app_context);
  LfMonitor *monitor = lf_context_get_monitor (app_context);
  LfIncidentLog *log = lf_context_get_incident_log (app_context);
  LfCatalog *catalog;
  g_autoptr(LfProfile) profile = NULL;
  g_autoptr(LfChannel) channel = NULL;
  g_autoptr(LfOutagePlan) plan = NULL;
  g_autoptr(LfRenderContext) context = NULL;
  g_autoptr(LfNotice) notice = NULL;
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_auto(GStrv) watched = NULL;
  g_autoptr(GError) error = NULL;
  const char *catalog_file = NULL;
  const char *timeout_text = NULL;
  const char *channel_id = NULL;
  guint timeout = LF_MONITOR_DEFAULT_TIMEOUT;
  gboolean all_clear = g_strcmp0 (what, "all-clear") == 0;
  gboolean dry_run = g_variant_dict_contains (options, "dry-run");
  LfContactStore *store;
  LfTemplate *template;
  int status;

  g_return_val_if_fail (what != NULL, 2);

  if (g_variant_dict_lookup (options, "timeout", "&s", &timeout_text))
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (timeout_text, 10, 1, OUTAGE_MAX_TIMEOUT, &value, NULL))
        {
          g_printerr (_("lifeline: --timeout must be a whole number of seconds from 1 to %u, "
                        "not “%s”\n"), OUTAGE_MAX_TIMEOUT, timeout_text);
          return 2;
        }
      timeout = (guint) value;
    }
  g_variant_dict_lookup (options, "channel", "&s", &channel_id);

  /* Everything that can be wrong with the set-up is said before any request is made: the
   * notices go out on the user's own list of platforms, never on the built-in stand-in. */
  if (g_variant_dict_lookup (options, "catalog", "^&ay", &catalog_file))
    {
      if (!lf_context_set_catalog_file (app_context, catalog_file, &error))
        {
          g_printerr ("lifeline: %s\n", error->message);
          return 2;
        }
    }
  else if (lf_context_get_catalog_error (app_context) != NULL)
    {
      g_printerr ("lifeline: %s\n", lf_context_get_catalog_error (app_context)->message);
      return 2;
    }
  catalog = lf_context_get_catalog (app_context);

  if (!lf_template_store_load (templates, &error))
    {
      g_printerr ("lifeline: %s\n", error->message);
      if (g_list_model_get_n_items (G_LIST_MODEL (templates)) == 0)
        return 2;
      g_clear_error (&error);
    }
  template = lf_template_store_lookup (templates, all_clear ? "all-clear" : "outage");
  if (template == NULL)
    {
      g_printerr (_("lifeline: there is no template “%s”\n"), all_clear ? "all-clear" : "outage");
      return 2;
    }

  if (!lf_channel_store_load (channels, &error))
    {
      g_printerr ("lifeline: %s\n", error->message);
      return 2;
    }
  if (channel_id != NULL)
    {
      if (lf_channel_store_lookup (channels, channel_id) == NULL)
        {
          g_printerr (_("lifeline: there is no channel “%s”\n"), channel_id);
          return 2;
        }
      channel = g_object_ref (lf_channel_store_lookup (channels, channel_id));
    }
  else if (lf_channel_store_get_default (channels) != NULL)
    channel = g_object_ref (lf_channel_store_get_default (channels));
  else if (dry_run)
    channel = lf_channel_new ("clipboard", LF_CHANNEL_KIND_CLIPBOARD);
  else
    {
      g_printerr (_("lifeline: no channel is set up to send notices; add one in Preferences "
                    "or import a bundle with --import\n"));
      return 2;
    }

  if (!lf_cli_context_load_contacts (app_context, &error))
    {
      g_printerr (_("lifeline: your clients cannot be read: %s. Nothing was sent.\n"),
                  error->message);
      return 2;
    }
  store = lf_context_get_contact_store (app_context);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    g_ptr_array_add (contacts, g_list_model_get_item (G_LIST_MODEL (store), i));

  if (!lf_cli_context_load_incidents (app_context, &error))
    {
      g_printerr ("lifeline: %s\n", error->message);
      return 2;
    }
  if (lf_incident_log_get_load_message (log) != NULL)
    g_printerr ("lifeline: %s\n", lf_incident_log_get_load_message (log));

  /* One round of the context's monitor, as --check; its bridge records it as the app does.
   * It probes what the window's monitor watches (the watched platforms), so that both tell
   * the same clients; a catalog given for the run is the set, as with --check. */
  if (catalog_file != NULL)
    for (guint i = 0; i < catalog->platforms->len; i++)
      g_ptr_array_add (ids, ((LfCatalogPlatform *) g_ptr_array_index (catalog->platforms, i))->id);
  else
    {
      watched = lf_cli_watched_platforms (catalog, &error);
      if (watched == NULL)
        {
          g_printerr ("lifeline: %s\n", error->message);
          return 2;
        }
      if (watched[0] == NULL)
        {
          g_printerr ("lifeline: %s\n", _("No platform is watched: choose them in Lifeline, or "
                                          "give the platforms with --catalog FILE"));
          return 2;
        }
      for (guint i = 0; watched[i] != NULL; i++)
        g_ptr_array_add (ids, watched[i]);
    }
  g_ptr_array_add (ids, NULL);
  lf_monitor_set_timeout (monitor, timeout);
  lf_monitor_set_timings (monitor, LF_MONITOR_DEFAULT_INTERVAL * 1000, OUTAGE_CONFIRM_DELAY_MS,
                          0);
  lf_monitor_set_watched (monitor, (const char * const *) ids->pdata);
  lf_monitor_check_now (monitor);
  while (lf_monitor_get_checking (monitor))
    g_main_context_iteration (NULL, TRUE);
  lf_monitor_stop (monitor);

  /* What the window's one click would offer: the same context, the same plan. */
  plan = lf_context_plan_notice (app_context, contacts, NULL, NULL, all_clear, &context);

  if (plan->recipients->len == 0)
    {
      print_summary (catalog, plan, NULL, all_clear, dry_run);
      status = lf_incident_log_flush (log, &error) ? 0 : 2;
      if (status != 0)
        g_printerr ("lifeline: %s\n", error->message);
      return status;
    }

  profile = lf_cli_load_profile (&error);
  if (profile == NULL)
    {
      g_printerr (_("lifeline: your own details could not be read: %s\n"), error->message);
      g_clear_error (&error);
    }
  lf_notice_context_apply_profile (context, profile);

  notice = lf_notice_new (template, context, channel);
  for (guint i = 0; i < plan->recipients->len; i++)
    lf_notice_add_recipient (notice, g_ptr_array_index (plan->recipients, i));
  if (!lf_notice_render (notice, &error))
    {
      g_printerr ("lifeline: %s\n", error->message);
      return 2;
    }

  if (dry_run)
    {
      print_summary (catalog, plan, notice, all_clear, TRUE);
      print_messages (notice);
      return lf_incident_log_flush (log, NULL) ? 0 : 2;
    }

  {
    g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
    Wait wait = { loop, FALSE, NULL };

    lf_notice_set_soup_session (notice, lf_context_get_soup_session (app_context));
    lf_notice_send_async (notice, NULL, send_cb, &wait);
    g_main_loop_run (loop);
    if (!wait.ok)
      {
        g_printerr ("lifeline: %s\n", wait.error->message);
        g_clear_error (&wait.error);
        return 2;
      }
  }

  /* Who was told what, in the incidents' timelines, as the window records it. */
  lf_context_record_notice (app_context, notice);
  if (!lf_incident_log_flush (log, &error))
    g_printerr (_("lifeline: what was sent could not be recorded: %s\n"), error->message);

  for (guint i = 0; i < lf_notice_get_n_entries (notice); i++)
    {
      const LfNoticeEntry *entry = lf_notice_get_entry (notice, i);
      const char *name = entry->recipient->name != NULL ? entry->recipient->name
                                                        : entry->recipient->contact_id;

      if (entry->message != NULL)
        g_print ("%-10s %s: %s\n", lf_notice_result_to_string (entry->result), name,
                 entry->message);
      else
        g_print ("%-10s %s\n", lf_notice_result_to_string (entry->result), name);
    }
  print_summary (catalog, plan, notice, all_clear, FALSE);

  return lf_notice_count (notice, LF_NOTICE_RESULT_FAILED) > 0 ||
         lf_notice_count (notice, LF_NOTICE_RESULT_NO_CHANNEL) > 0 ? 1 : 0;
}
