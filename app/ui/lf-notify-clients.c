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
  gboolean         choose;      /* New Notice: the platform is chosen in the composer */
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

/* What a composer opened from the Notices page needs to plan again when another platform
 * is chosen in its About row. */
typedef struct
{
  LfContext  *app_context;
  GPtrArray  *contacts;
  LfProfile  *profile;
} Replan;

static void
replan_free (gpointer data)
{
  Replan *replan = data;

  g_clear_object (&replan->app_context);
  g_clear_pointer (&replan->contacts, g_ptr_array_unref);
  g_clear_object (&replan->profile);
  g_free (replan);
}

/* The plan for @platform_id ("" = every down platform), or the all-clear when nothing asked
 * for is down (*@all_clear tells which it became): the context's, with the user's details. */
static LfOutagePlan *
make_plan (LfContext        *app_context,
           GPtrArray        *contacts,
           LfProfile        *profile,
           const char       *platform_id,
           LfIncident       *incident,
           gboolean         *all_clear,
           LfRenderContext **context_out)
{
  LfOutagePlan *plan;

  if (!*all_clear && incident == NULL)
    {
      g_auto(GStrv) down = lf_outage_dup_down (lf_context_get_active_monitor (app_context));

      /* Nothing asked for is down: what is left to send is the all-clear (to those told,
       * maybe nobody), never an outage notice about a platform that works. */
      if (*platform_id == '\0' ? down[0] == NULL
                               : !g_strv_contains ((const char * const *) down, platform_id))
        *all_clear = TRUE;
    }

  plan = lf_context_plan_notice (app_context, contacts, platform_id, incident, *all_clear,
                                 context_out);
  lf_notice_context_apply_profile (*context_out, profile);
  return plan;
}

static char *
describe_plan (LfOutagePlan *plan,
               gboolean      all_clear,
               gboolean      chosen)
{
  char *note = describe_left_out (plan, all_clear);

  if (note == NULL && all_clear && plan->recipients->len == 0)
    note = g_strdup (chosen ? _("That platform works, and nobody was told of an outage there "
                                "that is over: there is nothing to send about it.")
                            : _("No client is due the all-clear: nobody was told of an "
                                "outage that is over."));
  return note;
}

static void
on_platform_chosen_cb (LfComposer *composer,
                       const char *platform_id,
                       Replan     *replan)
{
  g_autoptr(LfOutagePlan) plan = NULL;
  g_autoptr(LfRenderContext) context = NULL;
  g_autofree char *note = NULL;
  gboolean all_clear = FALSE;

  plan = make_plan (replan->app_context, replan->contacts, replan->profile, platform_id, NULL, &all_clear, &context);
  note = describe_plan (plan, all_clear, *platform_id != '\0');
  lf_composer_set_recipients (composer, context, plan->recipients, note);
  lf_composer_select_template (composer, all_clear ? "all-clear" : "outage");
}

static void
offer_platforms (Job        *job,
                 LfComposer *composer,
                 GPtrArray  *contacts)
{
  LfMonitor *monitor = lf_context_get_active_monitor (job->app_context);
  GListModel *platforms = lf_monitor_get_platforms (monitor);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) id_list = NULL;
  g_auto(GStrv) name_list = NULL;
  Replan *replan = g_new0 (Replan, 1);

  for (guint i = 0; i < g_list_model_get_n_items (platforms); i++)
    {
      g_autoptr(LfPlatformState) state = g_list_model_get_item (platforms, i);

      g_strv_builder_add (ids, lf_platform_state_get_id (state));
      g_strv_builder_add (names, lf_platform_state_get_name (state));
    }
  id_list = g_strv_builder_end (ids);
  name_list = g_strv_builder_end (names);

  replan->app_context = g_object_ref (job->app_context);
  replan->contacts = g_ptr_array_ref (contacts);
  replan->profile = job->profile != NULL ? g_object_ref (job->profile) : NULL;
  g_object_set_data_full (G_OBJECT (composer), "lf-replan", replan, replan_free);
  lf_composer_set_platform_choices (composer, (const char * const *) id_list,
                                    (const char * const *) name_list, job->platform_id);
  g_signal_connect (composer, "platform-chosen", G_CALLBACK (on_platform_chosen_cb), replan);
}

static void
open_composer (Job *job)
{
  LfNoticesPage *page = lf_window_get_notices_page (job->window);
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LfOutagePlan) plan = NULL;
  g_autoptr(LfRenderContext) context = NULL;
  g_autofree char *problem = describe_store_problem (job->store);
  g_autofree char *note = NULL;
  gboolean all_clear = job->all_clear;
  LfComposer *composer;

  if (problem == NULL)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (job->store)); i++)
      g_ptr_array_add (contacts, g_list_model_get_item (G_LIST_MODEL (job->store), i));

  plan = make_plan (job->app_context, contacts, job->profile, job->platform_id, job->incident,
                    &all_clear, &context);
  note = problem != NULL ? g_steal_pointer (&problem)
                         : describe_plan (plan, all_clear, job->choose);

  lf_notices_page_set_incident (page, context, plan->recipients);
  lf_notices_page_set_recipients_note (page, note);
  lf_window_show_page (job->window, "notices");
  gtk_window_present (GTK_WINDOW (job->window));

  composer = lf_notices_page_open_composer (page, all_clear ? "all-clear" : "outage");
  /* Opened from the Notices page: the platform is chosen in the composer. */
  if (job->choose)
    offer_platforms (job, composer, contacts);

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
       gboolean    all_clear,
       gboolean    choose)
{
  Job *job = g_new0 (Job, 1);
  LfIncident *incident;

  job->choose = choose;
  job->app_context = g_object_ref (context);
  job->window = g_object_ref (window);
  job->store = g_object_ref (lf_context_get_contact_store (context));
  job->all_clear = all_clear;

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
      if (lf_incident_get_status (incident) != LF_INCIDENT_OPEN)
        job->all_clear = TRUE;
      /* Its platforms that are down; or, for an incident the monitor does not see (a rehearsal
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

  start (context, window, platform_id, FALSE, FALSE);
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

  start (context, window, "", TRUE, FALSE);
}

/**
 * lf_notify_clients_new_notice:
 *
 * "New Notice…" on the Notices page: the composer for every platform that is down, with an
 * About row to choose one platform (or all affected ones) instead; the recipients follow
 * the choice, as lf-outage.c plans them.
 */
void
lf_notify_clients_new_notice (LfContext *context,
                              LfWindow  *window)
{
  g_return_if_fail (LF_IS_CONTEXT (context));
  g_return_if_fail (LF_IS_WINDOW (window));

  start (context, window, "", FALSE, TRUE);
}
