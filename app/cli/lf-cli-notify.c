/* lf-cli-notify.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-cli"

#include "config.h"

#include "lf-cli-notify.h"
#include "lf-channel.h"
#include "lf-cli-contacts.h"
#include "lf-context.h"
#include "lf-notice-context.h"
#include "lf-notice.h"
#include "lf-template-store.h"

#include <glib/gi18n.h>

/* The outage notice from a script: the clients linked to PLATFORM get the template (default
 * "outage") through the channel (default: the first configured one). With --dry-run every
 * message is printed instead. The clients come from an LfRecipientSource: by default the
 * client directory in the keyring (the directory source below); tests may set another.
 */

static LfRecipientSource directory_source;
static LfRecipientSource *recipient_source = &directory_source;

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} Wait;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

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
describe_recipient (const LfRecipient *recipient)
{
  return g_strdup (recipient->name != NULL && *recipient->name != '\0' ? recipient->name
                                                                       : recipient->contact_id);
}

static void
print_dry_run (LfNotice *notice)
{
  LfChannel *channel = lf_notice_get_channel (notice);

  g_print (_("Dry run: nothing is sent. Template “%s”, channel “%s” (%s), %u recipients.\n"),
           lf_template_get_id (lf_notice_get_template (notice)), lf_channel_get_id (channel),
           lf_channel_kind_to_string (lf_channel_get_kind (channel)),
           lf_notice_get_n_entries (notice));

  for (guint i = 0; i < lf_notice_get_n_entries (notice); i++)
    {
      const LfNoticeEntry *entry = lf_notice_get_entry (notice, i);
      g_autofree char *name = describe_recipient (entry->recipient);
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
print_results (LfNotice *notice)
{
  for (guint i = 0; i < lf_notice_get_n_entries (notice); i++)
    {
      const LfNoticeEntry *entry = lf_notice_get_entry (notice, i);
      g_autofree char *name = describe_recipient (entry->recipient);

      if (entry->message != NULL)
        g_print ("%-10s %s: %s\n", lf_notice_result_to_string (entry->result), name,
                 entry->message);
      else
        g_print ("%-10s %s\n", lf_notice_result_to_string (entry->result), name);
    }
}

/* ------------------------------------------------------------------------ */
/* The directory source: the context's clients, catalog, history; the profile */
/* ------------------------------------------------------------------------ */

/* The command's context, for the directory source (set while lf_cli_notify() runs). */
static LfContext *notify_context;

static GPtrArray *
directory_list_recipients (LfRecipientSource  *source,
                           const char         *platform_id,
                           GError            **error)
{
  const char *ids[] = { platform_id, NULL };

  g_assert (notify_context != NULL);

  if (!lf_cli_context_load_contacts (notify_context, error))
    return NULL;

  return lf_notice_context_list_recipients (lf_context_get_contact_store (notify_context), ids);
}

static gboolean
directory_fill_context (LfRecipientSource  *source,
                        const char         *platform_id,
                        LfRenderContext    *context,
                        GError            **error)
{
  g_autoptr(LfRenderContext) found = NULL;
  g_autoptr(LfProfile) profile = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) platform_ids = NULL;

  g_assert (notify_context != NULL);

  if (!lf_cli_context_load_history (notify_context, &local_error))
    {
      /* Without the history {since} is the time of the command; still worth sending. */
      g_printerr ("lifeline: %s\n", local_error->message);
      g_clear_error (&local_error);
    }

  /* What the window's "Notify clients" would say: the same context, the same code. */
  found = lf_context_prepare_notice (notify_context, platform_id, &platform_ids, NULL, error);
  if (found == NULL)
    return FALSE;

  profile = lf_cli_load_profile (&local_error);
  if (profile == NULL)
    g_printerr (_("lifeline: your own details could not be read: %s\n"), local_error->message);
  lf_notice_context_apply_profile (found, profile);

  g_free (context->incident_id);
  context->incident_id = g_steal_pointer (&found->incident_id);
  g_free (context->platform);
  context->platform = g_steal_pointer (&found->platform);
  g_free (context->provider);
  context->provider = g_steal_pointer (&found->provider);
  g_free (context->status_url);
  context->status_url = g_steal_pointer (&found->status_url);
  context->since = found->since;
  context->rehearsal = found->rehearsal;
  g_free (context->rehearsal_name);
  context->rehearsal_name = g_steal_pointer (&found->rehearsal_name);
  g_free (context->my_name);
  context->my_name = g_steal_pointer (&found->my_name);
  g_free (context->my_email);
  context->my_email = g_steal_pointer (&found->my_email);
  g_free (context->my_channel);
  context->my_channel = g_steal_pointer (&found->my_channel);

  return TRUE;
}

static LfRecipientSource directory_source = {
  directory_list_recipients,
  directory_fill_context,
  NULL,
};

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_cli_notify_set_recipient_source:
 * @source: (nullable): where the clients come from; must outlive the command. %NULL
 *   restores the default, the client directory in the keyring.
 */
void
lf_cli_notify_set_recipient_source (LfRecipientSource *source)
{
  recipient_source = source != NULL ? source : &directory_source;
}

/**
 * lf_cli_notify:
 * @platform_id: a catalog id such as "upwork"
 * @template_id: (nullable): default "outage"
 * @channel_id: (nullable): default the first configured channel
 * @dry_run: print the messages instead of sending them
 *
 * Returns: the exit code: 0 when every message went out (or was printed), 1 when a message
 *   failed or a client could not be reached, 2 on a usage or configuration error
 */
int
lf_cli_notify (const char *platform_id,
               const char *template_id,
               const char *channel_id,
               gboolean    dry_run)
{
  g_autoptr(LfContext) app_context = lf_context_new_headless ();
  LfTemplateStore *templates = lf_context_get_template_store (app_context);
  LfChannelStore *channels = lf_context_get_channel_store (app_context);
  g_autoptr(LfRenderContext) context = lf_render_context_new ();
  g_autoptr(LfChannel) channel = NULL;
  g_autoptr(LfNotice) notice = NULL;
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(GError) error = NULL;
  LfIncident *incident;
  LfTemplate *template;

  g_return_val_if_fail (platform_id != NULL, 2);

  /* The built-in catalog stands in for a broken user file: said, and the notice still goes. */
  if (lf_context_get_catalog_problem (app_context) != NULL)
    g_printerr ("lifeline: %s\n", lf_context_get_catalog_problem (app_context));

  if (recipient_source == NULL || recipient_source->list_recipients == NULL)
    {
      g_printerr (_("lifeline: cannot find the clients of “%s”: the client directory is not "
                    "available. Nothing was sent.\n"), platform_id);
      return 2;
    }

  if (!lf_template_store_load (templates, &error))
    {
      g_printerr ("lifeline: %s\n", error->message);
      if (g_list_model_get_n_items (G_LIST_MODEL (templates)) == 0)
        return 2;
      g_clear_error (&error);
    }
  template = lf_template_store_lookup (templates, template_id != NULL ? template_id : "outage");
  if (template == NULL)
    {
      g_printerr (_("lifeline: there is no template “%s”. Templates:"), template_id);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (templates)); i++)
        {
          g_autoptr(LfTemplate) item = g_list_model_get_item (G_LIST_MODEL (templates), i);

          g_printerr (" %s", lf_template_get_id (item));
        }
      g_printerr ("\n");
      return 2;
    }

  if (!lf_channel_store_load (channels, &error))
    {
      g_printerr ("lifeline: %s\n", error->message);
      return 2;
    }
  if (channel_id != NULL)
    {
      channel = lf_channel_store_lookup (channels, channel_id);
      if (channel == NULL)
        {
          g_printerr (_("lifeline: there is no channel “%s”\n"), channel_id);
          return 2;
        }
      g_object_ref (channel);
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

  /* The incident the notice belongs to, as in the window: its timeline records the notice. */
  if (!lf_cli_context_load_incidents (app_context, &error))
    {
      g_printerr ("lifeline: %s\n", error->message);
      g_clear_error (&error);
    }

  context->platform = g_strdup (platform_id);
  context->since = g_get_real_time () / G_USEC_PER_SEC;
  notify_context = app_context;
  if (recipient_source->fill_context != NULL &&
      !recipient_source->fill_context (recipient_source, platform_id, context, &error))
    {
      notify_context = NULL;
      g_printerr ("lifeline: %s\n", error->message);
      return 2;
    }
  incident = lf_context_find_incident (app_context, platform_id);
  if (incident != NULL)
    {
      if (context->incident_id == NULL)
        context->incident_id = g_strdup (lf_incident_get_id (incident));
      lf_context_link_notice (app_context, context->incident_id, incident);
    }
  /* An unset {next_update} is a promise in each client's own language (lf-template). */

  recipients = recipient_source->list_recipients (recipient_source, platform_id, &error);
  notify_context = NULL;
  if (recipients == NULL)
    {
      g_printerr ("lifeline: %s\n", error->message);
      return 2;
    }
  if (recipients->len == 0)
    {
      g_printerr (_("lifeline: no client is linked to “%s”; nothing to send\n"), platform_id);
      return 0;
    }

  notice = lf_notice_new (template, context, channel);
  for (guint i = 0; i < recipients->len; i++)
    lf_notice_add_recipient (notice, g_ptr_array_index (recipients, i));

  if (!lf_notice_render (notice, &error))
    {
      g_printerr ("lifeline: %s\n", error->message);
      return 2;
    }

  if (dry_run)
    {
      print_dry_run (notice);
      return 0;
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

  print_results (notice);

  /* "Notice sent" in the incident's timeline, as the window records it; written now. */
  if (lf_context_record_notice (app_context, notice)
      && !lf_incident_log_flush (lf_context_get_incident_log (app_context), &error))
    g_printerr ("lifeline: %s\n", error->message);

  return lf_notice_count (notice, LF_NOTICE_RESULT_FAILED) > 0 ||
         lf_notice_count (notice, LF_NOTICE_RESULT_NO_CHANNEL) > 0 ? 1 : 0;
}
