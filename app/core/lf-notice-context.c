/* lf-notice-context.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-notice-context"

#include "config.h"

#include "lf-notice-context.h"

#include <glib/gi18n.h>

/* The facts a notice states about an outage, gathered in one place for the composer and for
 * `lifeline --notify`: the platforms' display names, the provider, the status page and the
 * start of the outage (the live monitor when there is one, else the history file), the
 * user's own details (LfProfile) and the clients linked to the platforms.
 *
 * An incident id is "<platform>-<unix seconds of its start>": the outage notice and the
 * all-clear of the same outage carry the same id, so the notice log can tell who was told.
 */

G_DEFINE_QUARK (lf-notice-context-error-quark, lf_notice_context_error)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static gboolean
state_is_outage (LfState state)
{
  return state != LF_STATE_UP && state != LF_STATE_UNKNOWN;
}

/* "Upwork", "Upwork and Fiverr", "Upwork, Fiverr and Slack" */
static char *
join_names (GPtrArray *names)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0 && i == names->len - 1)
        /* Translators: between the last two platform names, e.g. "Upwork and Fiverr" */
        g_string_append (out, _(" and "));
      else if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, g_ptr_array_index (names, i));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
list_known_platforms (LfCatalog *catalog)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < catalog->platforms->len; i++)
    {
      LfCatalogPlatform *platform = g_ptr_array_index (catalog->platforms, i);

      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, platform->id);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const char *
provider_name (LfCatalog  *catalog,
               const char *provider_id)
{
  LfCatalogProvider *provider;

  if (provider_id == NULL)
    return NULL;

  provider = lf_catalog_lookup_provider (catalog, provider_id);
  return provider != NULL && provider->name != NULL ? provider->name : provider_id;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_notice_context_find_start:
 * @history: a loaded history
 * @platform_id: a catalog id
 * @include_ended: also find an outage that is over (for the all-clear)
 *
 * The start of the platform's current outage (or, with @include_ended, its last one): the
 * time of the transition from up (or unknown) that began the run of not-up states.
 *
 * Returns: Unix time in seconds, or 0 when there is none
 */
gint64
lf_notice_context_find_start (LfHistory  *history,
                              const char *platform_id,
                              gboolean    include_ended)
{
  GPtrArray *transitions;
  gint64 start = 0;
  gint i;

  g_return_val_if_fail (LF_IS_HISTORY (history), 0);
  g_return_val_if_fail (platform_id != NULL, 0);

  transitions = lf_history_get_transitions (history, platform_id);
  if (transitions == NULL || transitions->len == 0)
    return 0;

  i = (gint) transitions->len - 1;
  if (!state_is_outage (((LfHistoryTransition *) g_ptr_array_index (transitions, i))->to))
    {
      if (!include_ended)
        return 0;
      i--;
    }

  for (; i >= 0; i--)
    {
      LfHistoryTransition *transition = g_ptr_array_index (transitions, i);

      if (!state_is_outage (transition->to))
        break;
      start = transition->time;
      if (!state_is_outage (transition->from))
        break;
    }

  return start / G_USEC_PER_SEC;
}

/**
 * lf_notice_context_make_id:
 *
 * Returns: (transfer full): "<platform>-<start>", the id the notice log files notices under
 */
char *
lf_notice_context_make_id (const char *platform_id,
                           gint64      start)
{
  g_return_val_if_fail (platform_id != NULL, NULL);

  return g_strdup_printf ("%s-%" G_GINT64_FORMAT, platform_id, start);
}

/**
 * lf_notice_context_build_context:
 * @catalog: the catalog (names, providers, status pages)
 * @platform_ids: the affected platforms (at least one)
 * @monitor: (nullable): the live states, when the application runs
 * @history: (nullable): the loaded history, for the start of an outage
 * @recovered: (out) (optional): set to %TRUE when none of the platforms is down any more but
 *   one was (the moment for an all-clear)
 * @error: an unknown platform id
 *
 * Returns: (transfer full): the context without the user's details
 *   (see lf_notice_context_apply_profile())
 */
LfRenderContext *
lf_notice_context_build_context (LfCatalog          *catalog,
                                 const char * const *platform_ids,
                                 LfMonitor          *monitor,
                                 LfHistory          *history,
                                 gboolean           *recovered,
                                 GError            **error)
{
  g_autoptr(LfRenderContext) context = lf_render_context_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  gboolean any_down = FALSE;
  gint64 ended_start = 0;
  const char *ended_platform = NULL;

  g_return_val_if_fail (catalog != NULL, NULL);
  g_return_val_if_fail (platform_ids != NULL && platform_ids[0] != NULL, NULL);
  g_return_val_if_fail (monitor == NULL || LF_IS_MONITOR (monitor), NULL);
  g_return_val_if_fail (history == NULL || LF_IS_HISTORY (history), NULL);

  for (guint i = 0; platform_ids[i] != NULL; i++)
    {
      LfCatalogPlatform *platform = lf_catalog_lookup_platform (catalog, platform_ids[i]);
      LfPlatformState *state = monitor != NULL ? lf_monitor_lookup_platform (monitor,
                                                                             platform_ids[i])
                                               : NULL;
      gboolean down = FALSE;
      gint64 start = 0;

      if (platform == NULL)
        {
          g_autofree char *known = list_known_platforms (catalog);

          g_set_error (error, LF_NOTICE_CONTEXT_ERROR, LF_NOTICE_CONTEXT_ERROR_UNKNOWN_PLATFORM,
                       /* Translators: a platform id, then the list of known ids */
                       _("There is no platform “%s”. Known platforms: %s"),
                       platform_ids[i], known);
          return NULL;
        }

      g_ptr_array_add (names, platform->name != NULL ? platform->name : platform->id);

      if (context->provider == NULL)
        {
          const char *provider_id = state != NULL ? lf_platform_state_get_provider (state)
                                    : platform->providers[0];

          context->provider = g_strdup (provider_name (catalog, provider_id));
        }

      if (context->status_url == NULL)
        {
          if (platform->status != NULL && platform->status->page != NULL)
            context->status_url = g_strdup (platform->status->page);
          else if (state != NULL && lf_platform_state_get_status_page (state) != NULL)
            context->status_url = g_strdup (lf_platform_state_get_status_page (state));
          else if (platform->status != NULL)
            context->status_url = g_strdup (platform->status->url);
        }

      if (state != NULL && lf_platform_state_get_state (state) != LF_STATE_UNKNOWN)
        {
          down = state_is_outage (lf_platform_state_get_state (state));
          if (down)
            {
              start = history != NULL ? lf_notice_context_find_start (history, platform_ids[i],
                                                                      FALSE) : 0;
              if (start == 0)
                start = lf_platform_state_get_since (state) / G_USEC_PER_SEC;
            }
        }
      else if (history != NULL)
        {
          start = lf_notice_context_find_start (history, platform_ids[i], FALSE);
          down = start > 0;
        }

      if (down)
        {
          any_down = TRUE;
          if (start > 0 && (context->since == 0 || start < context->since))
            {
              context->since = start;
              g_free (context->incident_id);
              context->incident_id = lf_notice_context_make_id (platform_ids[i], start);
            }
        }
      else if (history != NULL && ended_platform == NULL)
        {
          ended_start = lf_notice_context_find_start (history, platform_ids[i], TRUE);
          if (ended_start > 0)
            ended_platform = platform_ids[i];
        }
    }

  context->platform = join_names (names);

  if (!any_down && ended_platform != NULL)
    {
      context->since = ended_start;
      context->incident_id = lf_notice_context_make_id (ended_platform, ended_start);
    }
  if (context->since == 0)
    context->since = g_get_real_time () / G_USEC_PER_SEC;

  if (recovered != NULL)
    *recovered = !any_down && ended_platform != NULL;

  return g_steal_pointer (&context);
}

/**
 * lf_notice_context_apply_profile:
 * @profile: (nullable): the user's details
 *
 * Sets my_name, my_email and my_channel from @profile.
 */
void
lf_notice_context_apply_profile (LfRenderContext *context,
                                 LfProfile       *profile)
{
  g_return_if_fail (context != NULL);
  g_return_if_fail (profile == NULL || LF_IS_PROFILE (profile));

  if (profile == NULL)
    return;

  g_free (context->my_name);
  context->my_name = g_strdup (lf_profile_get_name (profile));
  g_free (context->my_email);
  context->my_email = g_strdup (lf_profile_get_email (profile));
  g_free (context->my_channel);
  context->my_channel = g_strdup (lf_profile_get_channel (profile));
}

/**
 * lf_notice_context_recipient_from_contact:
 *
 * Returns: (transfer full) (nullable): the contact as a notice recipient
 */
LfRecipient *
lf_notice_context_recipient_from_contact (LfContact *contact)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  LfRecipient *recipient;

  g_return_val_if_fail (LF_IS_CONTACT (contact), NULL);

  object = lf_contact_to_json (contact);
  recipient = lf_recipient_new_from_json (object, &error);
  if (recipient == NULL)
    g_message ("A client cannot be a recipient: %s", error->message);

  return recipient;
}

/**
 * lf_notice_context_list_recipients:
 * @store: a loaded contact store
 * @platform_ids: the affected platforms
 *
 * Returns: (transfer full) (element-type LfRecipient): the clients linked to any of
 *   @platform_ids, each once, in the store's order
 */
GPtrArray *
lf_notice_context_list_recipients (LfContactStore     *store,
                                   const char * const *platform_ids)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *recipients;

  g_return_val_if_fail (LF_IS_CONTACT_STORE (store), NULL);
  g_return_val_if_fail (platform_ids != NULL, NULL);

  recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_recipient_free);
  for (guint i = 0; platform_ids[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) contacts = lf_contact_store_get_for_platform (store, platform_ids[i]);

      for (guint j = 0; j < contacts->len; j++)
        {
          LfContact *contact = g_ptr_array_index (contacts, j);
          LfRecipient *recipient;

          if (g_hash_table_contains (seen, lf_contact_get_id (contact)))
            continue;
          recipient = lf_notice_context_recipient_from_contact (contact);
          if (recipient == NULL)
            continue;
          g_hash_table_add (seen, (gpointer) lf_contact_get_id (contact));
          g_ptr_array_add (recipients, recipient);
        }
    }

  return recipients;
}
