/* lf-notify-clients.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-notify-clients"

#include "config.h"

#include "lf-notify-clients.h"

#include "lf-notice-context.h"
#include "lf-notices-page.h"
#include "lf-toast.h"

#include <glib/gi18n.h>

/* What app.notify-clients does, wherever it is pressed (Health banner and details, the
 * notification button, the tray menu): the incident from the monitor, the user's details from
 * the keyring and the clients of the affected platforms from the application's directory go
 * into the Notices page, which opens the composer with the outage template, or the all-clear
 * when the platforms are back. The profile and the directory load in parallel, without
 * blocking; a locked or missing keyring leaves the list empty and says why in the composer.
 */

typedef struct
{
  LfWindow        *window;
  LfContactStore  *store;
  LfRenderContext *context;
  GStrv            platform_ids;
  gboolean         recovered;
  guint            pending;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->window);
  g_clear_object (&job->store);
  g_clear_pointer (&job->context, lf_render_context_free);
  g_clear_pointer (&job->platform_ids, g_strfreev);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static char *
describe_store_problem (LfContactStore *store)
{
  const char *message = lf_contact_store_get_error_message (store);

  switch (lf_contact_store_get_state (store))
    {
    case LF_CONTACT_STORE_STATE_AVAILABLE:
      return NULL;
    case LF_CONTACT_STORE_STATE_LOCKED:
      return g_strdup (_("Your keyring is locked, so your clients cannot be listed. Unlock it "
                         "on the Clients page, then open this notice again."));
    case LF_CONTACT_STORE_STATE_UNAVAILABLE:
      /* Translators: %s says why the keyring cannot be used */
      return g_strdup_printf (_("Your clients cannot be read: %s"),
                              message != NULL ? message : _("the keyring is not available"));
    case LF_CONTACT_STORE_STATE_UNKNOWN:
    case LF_CONTACT_STORE_STATE_LOADING:
    default:
      return g_strdup (message != NULL ? message : _("Your clients could not be loaded."));
    }
}

static void
open_composer (Job *job)
{
  LfNoticesPage *page = lf_window_get_notices_page (job->window);
  g_autoptr(GPtrArray) recipients = NULL;
  g_autofree char *problem = describe_store_problem (job->store);

  if (problem == NULL)
    recipients = lf_notice_context_list_recipients (job->store,
                                              (const char * const *) job->platform_ids);

  lf_notices_page_set_incident (page, job->context, recipients);
  lf_notices_page_set_recipients_note (page, problem);
  lf_window_show_page (job->window, "notices");
  gtk_window_present (GTK_WINDOW (job->window));

  if (job->recovered)
    lf_notices_page_open_all_clear (page);
  else
    lf_notices_page_open_composer (page, "outage");

  /* Later composers (New Notice) start without the note. */
  lf_notices_page_set_recipients_note (page, NULL);
}

static void
job_step_done (Job *job)
{
  g_assert (job->pending > 0);

  if (--job->pending == 0)
    {
      open_composer (job);
      job_free (job);
    }
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
profile_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(LfProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  profile = lf_profile_load_finish (result, &error);
  if (profile == NULL)
    g_message ("Your own details could not be read: %s", error->message);
  lf_notice_context_apply_profile (job->context, profile);

  job_step_done (job);
}

static void
store_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;

  /* The state and message of the store say what went wrong (see describe_store_problem). */
  if (!lf_contact_store_load_finish (LF_CONTACT_STORE (object), result, &error))
    g_message ("Clients for a notice: %s", error->message);

  job_step_done (job);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_notify_clients_start:
 * @context: the application's context
 * @window: the main window (its Notices page opens the composer)
 * @platform_id: a catalog id, or "" for every platform the current diagnosis names
 *
 * Opens the composer for the incident, already filled in; see the file comment.
 */
void
lf_notify_clients_start (LfContext  *context,
                         LfWindow   *window,
                         const char *platform_id)
{
  g_autoptr(Job) job = g_new0 (Job, 1);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LF_IS_CONTEXT (context));
  g_return_if_fail (LF_IS_WINDOW (window));
  g_return_if_fail (platform_id != NULL);

  /* Which platforms, what to say about them, the incident it is recorded in and whether it
   * is a drill (nothing may then reach a client): the context decides, as for --notify. */
  job->context = lf_context_prepare_notice (context, platform_id, &job->platform_ids,
                                            &job->recovered, &error);
  if (job->context == NULL)
    {
      lf_toast_show (GTK_WIDGET (window), error->message);
      return;
    }
  if (job->platform_ids[0] == NULL)
    lf_toast_show (GTK_WIDGET (window), _("No platform is down right now: choose the clients "
                                          "yourself"));

  job->window = g_object_ref (window);
  job->store = g_object_ref (lf_context_get_contact_store (context));

  {
    Job *owned = g_steal_pointer (&job);

    owned->pending = 2;
    lf_profile_load_async (NULL, profile_loaded_cb, owned);
    if (lf_contact_store_get_state (owned->store) == LF_CONTACT_STORE_STATE_AVAILABLE)
      job_step_done (owned);
    else
      lf_contact_store_load_async (owned->store, NULL, store_loaded_cb, owned);
  }
}
