/* lf-notify-clients.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-notify-clients"

#include "config.h"

#include "lf-notify-clients.h"

#include "lf-outage.h"
#include "lf-notices-page.h"

#include <glib/gi18n.h>

/* What app.notify-clients does, wherever it is pressed (Health banner and details, the
 * notification button, the tray menu, a checklist step): the user's details from the
 * keyring and the client directory load in parallel, without blocking; then lf-outage.c
 * decides, as for `lifeline --notify affected|all-clear`:
 *
 *  - while platforms are down, each linked client who has not been told yet is offered,
 *    told only about their own down platforms (lf_outage_plan_notice());
 *  - when nothing asked for is down and an all-clear is due, exactly the clients told of
 *    the outage are offered the all-clear, in reply to their outage mail
 *    (lf_outage_plan_all_clear()).
 *
 * The composer says how many clients were left out and why (linked to no platform, already
 * told); a locked or missing keyring leaves the list empty and says so.
 */

typedef struct
{
  LfContext       *app_context;
  LfWindow        *window;
  LfContactStore  *store;
  LfProfile       *profile;
  char            *platform_id;
  LfIncident      *incident;    /* a checklist step's incident, or NULL */
  gboolean         all_clear;   /* asked for the all-clear */
  gboolean         drill;
  guint            pending;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->app_context);
  g_clear_object (&job->window);
  g_clear_object (&job->store);
  g_clear_object (&job->profile);
  g_free (job->platform_id);
  g_clear_object (&job->incident);
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

static char *
describe_left_out (LfOutagePlan *plan,
                   gboolean      all_clear)
{
  g_autoptr(GString) note = g_string_new (NULL);

  if (!all_clear && plan->n_already_told > 0)
    g_string_append_printf (note,
                            ngettext ("%u client was told about this outage already.",
                                      "%u clients were told about this outage already.",
                                      plan->n_already_told),
                            plan->n_already_told);
  if (!all_clear && plan->n_unlinked > 0)
    {
      if (note->len > 0)
        g_string_append_c (note, ' ');
      g_string_append_printf (note,
                              ngettext ("%u client is linked to no platform: link them on the "
                                        "Clients page, or add them with the + button.",
                                        "%u clients are linked to no platform: link them on the "
                                        "Clients page, or add them with the + button.",
                                        plan->n_unlinked),
                              plan->n_unlinked);
    }

  return note->len > 0 ? g_string_free (g_steal_pointer (&note), FALSE) : NULL;
}

static void
open_composer (Job *job)
{
  LfNoticesPage *page = lf_window_get_notices_page (job->window);
  LfMonitor *monitor = lf_context_get_active_monitor (job->app_context);
  LfIncidentLog *log = lf_context_get_incident_log (job->app_context);
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LfOutagePlan) plan = NULL;
  g_autoptr(LfRenderContext) context = NULL;
  g_autofree char *problem = describe_store_problem (job->store);
  g_autofree char *note = NULL;
  gboolean all_clear = job->all_clear;

  if (problem == NULL)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (job->store)); i++)
      g_ptr_array_add (contacts, g_list_model_get_item (G_LIST_MODEL (job->store), i));

  if (!all_clear && job->incident == NULL)
    {
      g_auto(GStrv) down = lf_outage_dup_down (monitor);
      const char *wanted = job->platform_id;

      /* Nothing asked for is down: what is left to send is the all-clear (to those told,
       * maybe nobody), never an outage notice about a platform that works. */
      if (*wanted == '\0' ? down[0] == NULL
                          : !g_strv_contains ((const char * const *) down, wanted))
        all_clear = TRUE;
    }

  if (all_clear)
    plan = lf_outage_plan_all_clear (monitor, job->drill, contacts, log);
  else
    plan = lf_outage_plan_notice (monitor, job->drill, contacts, *job->platform_id != '\0'
                                                     ? job->platform_id : NULL, log);

  context = lf_outage_build_context (monitor, job->drill, plan, log, job->profile);
  context->drill = context->drill || job->drill;
  if (job->incident != NULL)
    {
      /* Recorded in the step's incident, whatever the monitor says. */
      if (context->incident_id == NULL)
        context->incident_id = g_strdup (lf_incident_get_id (job->incident));
      lf_context_link_notice (job->app_context, context->incident_id, job->incident);
    }
  note = problem != NULL ? g_steal_pointer (&problem) : describe_left_out (plan, all_clear);
  if (note == NULL && all_clear && plan->recipients->len == 0)
    note = g_strdup (_("No client is due the all-clear: nobody was told of an outage that is "
                       "over."));

  lf_notices_page_set_incident (page, context, plan->recipients);
  lf_notices_page_set_recipients_note (page, note);
  lf_window_show_page (job->window, "notices");
  gtk_window_present (GTK_WINDOW (job->window));

  lf_notices_page_open_composer (page, all_clear ? "all-clear" : "outage");

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
  job->profile = g_steal_pointer (&profile);

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

static void
start (LfContext  *context,
       LfWindow   *window,
       const char *platform_id,
       gboolean    all_clear)
{
  Job *job = g_new0 (Job, 1);
  LfIncident *incident;

  job->app_context = g_object_ref (context);
  job->window = g_object_ref (window);
  job->store = g_object_ref (lf_context_get_contact_store (context));
  job->all_clear = all_clear;
  job->drill = lf_context_get_drill_running (context);

  /* A checklist step passes its incident's id: its platforms, or its all-clear once over. */
  incident = lf_context_find_incident (context, platform_id);
  if (incident != NULL && g_strcmp0 (lf_incident_get_id (incident), platform_id) == 0)
    {
      const char * const *platforms = lf_incident_get_platforms (incident);
      g_auto(GStrv) down = lf_outage_dup_down (lf_context_get_active_monitor (context));
      gboolean any_down = FALSE;

      for (guint i = 0; platforms != NULL && platforms[i] != NULL; i++)
        any_down |= g_strv_contains ((const char * const *) down, platforms[i]);

      job->incident = g_object_ref (incident);
      job->drill = job->drill || lf_incident_get_drill (incident);
      if (lf_incident_get_status (incident) != LF_INCIDENT_OPEN)
        job->all_clear = TRUE;
      /* Its platforms that are down; or, for an incident the monitor does not see (a drill
       * opened by hand), the platform it is about. */
      job->platform_id = g_strdup (any_down || platforms == NULL || platforms[0] == NULL
                                   ? "" : platforms[0]);
    }
  else
    job->platform_id = g_strdup (platform_id);

  job->pending = 2;
  lf_profile_load_async (NULL, profile_loaded_cb, job);
  if (lf_contact_store_get_state (job->store) == LF_CONTACT_STORE_STATE_AVAILABLE)
    job_step_done (job);
  else
    lf_contact_store_load_async (job->store, NULL, store_loaded_cb, job);
}

/**
 * lf_notify_clients_start:
 * @context: the application's context
 * @window: the main window (its Notices page opens the composer)
 * @platform_id: a catalog id, an incident id, or "" for every platform that is down
 *
 * Opens the composer for the outage (or its all-clear, once due), already filled in; see
 * the file comment.
 */
void
lf_notify_clients_start (LfContext  *context,
                         LfWindow   *window,
                         const char *platform_id)
{
  g_return_if_fail (LF_IS_CONTEXT (context));
  g_return_if_fail (LF_IS_WINDOW (window));
  g_return_if_fail (platform_id != NULL);

  start (context, window, platform_id, FALSE);
}

/**
 * lf_notify_clients_start_all_clear:
 *
 * Opens the all-clear composer with exactly the clients told of an outage that is over.
 */
void
lf_notify_clients_start_all_clear (LfContext *context,
                                   LfWindow  *window)
{
  g_return_if_fail (LF_IS_CONTEXT (context));
  g_return_if_fail (LF_IS_WINDOW (window));

  start (context, window, "", TRUE);
}
