/* lf-outage.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-outage"

#include "config.h"

#include "lf-outage.h"
#include "lf-outage-private.h"
#include "lf-notice-context.h"
#include "lf-template.h"

#include <glib/gi18n.h>
#include <string.h>

/* The outage day in one place, without widgets. The Health banner, a platform's details,
 * notifications, the tray, the Notices page and `lifeline --notify affected|all-clear` all
 * ask this file, so they cannot disagree:
 *
 *  - An *outage* is a platform that is down: on its own (PayPal answering 503) or behind a
 *    provider the diagnosis blames (Upwork and Discord behind Cloudflare). Slow, degraded,
 *    maintenance and unknown platforms are not outages, and neither is the user's own
 *    network: no red alarm, no incident, no client notice.
 *  - Down platforms are grouped by what explains them (lf_outage_get_groups()): one group
 *    per blamed provider, one per platform down on its own. The incident bridge opens one
 *    incident per group, titled after the provider or the platform.
 *  - A notice is about a client: each client linked to a down platform gets one message
 *    naming only *their* down platforms, with the status page of their outage (the
 *    platform's own page, else the provider's), greeted by given name (lf_outage_plan_notice()).
 *  - Every sent notice is recorded in the incident log (lf_outage_record_notice()): one
 *    "notice-sent" entry per incident it concerns, whose "told" member lists, per client,
 *    the platforms they were told about and the Message-ID of the mail. That record is what
 *    keeps a restart from notifying the same outage twice, and what the all-clear follows:
 *    once every platform a client was told about is up, they are due the all-clear, exactly
 *    once, as a reply to the outage mail (lf_outage_plan_all_clear()).
 *
 * The record and the all-clear are in lf-outage-record.c; what both files share is in
 * lf-outage-private.h.
 */


/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

void
lf_outage_group_free (LfOutageGroup *group)
{
  if (group == NULL)
    return;

  g_free (group->provider_id);
  g_free (group->provider_name);
  g_strfreev (group->platforms);
  g_free (group->title);
  g_free (group);
}

void
lf_outage_plan_free (LfOutagePlan *plan)
{
  if (plan == NULL)
    return;

  g_clear_pointer (&plan->recipients, g_ptr_array_unref);
  g_strfreev (plan->platforms);
  g_free (plan);
}

static gboolean
network_problem (LfMonitor *monitor)
{
  LfDiagnosis *diagnosis = lf_monitor_get_diagnosis (monitor);
  LfDiagnosisKind kind = diagnosis != NULL ? lf_diagnosis_get_kind (diagnosis)
                                           : LF_DIAGNOSIS_ALL_CLEAR;

  return lf_diagnosis_kind_is_local (kind);
}

LfState
lf_outage_state_of (LfMonitor  *monitor,
          const char *platform_id)
{
  LfPlatformState *state = lf_monitor_lookup_platform (monitor, platform_id);

  return state != NULL ? lf_platform_state_get_state (state) : LF_STATE_UNKNOWN;
}

const char *
lf_outage_platform_name (LfCatalog  *catalog,
               const char *platform_id)
{
  LfCatalogPlatform *platform = catalog != NULL ? lf_catalog_lookup_platform (catalog,
                                                                              platform_id)
                                                : NULL;

  return platform != NULL && platform->name != NULL ? platform->name : platform_id;
}

static const char *
provider_name (LfCatalog  *catalog,
               const char *provider_id)
{
  LfCatalogProvider *provider = catalog != NULL ? lf_catalog_lookup_provider (catalog,
                                                                              provider_id)
                                                : NULL;

  return provider != NULL && provider->name != NULL ? provider->name : provider_id;
}

/* The provider the diagnosis blames for @platform_id's outage, or NULL. */
static const char *
blamed_provider (LfMonitor  *monitor,
                 const char *platform_id)
{
  LfDiagnosis *diagnosis = lf_monitor_get_diagnosis (monitor);
  LfPlatformState *state = lf_monitor_lookup_platform (monitor, platform_id);
  const char *provider;
  const char * const *providers;

  if (diagnosis == NULL || state == NULL ||
      lf_diagnosis_get_kind (diagnosis) != LF_DIAGNOSIS_PROVIDER_OUTAGE)
    return NULL;

  provider = lf_diagnosis_get_provider_id (diagnosis);
  providers = lf_platform_state_get_providers (state);
  if (provider == NULL)
    return NULL;
  if (providers != NULL && g_strv_contains (providers, provider))
    return provider;
  /* Not listed behind it, but its failing answer came from that CDN's edge. */
  if ((lf_platform_state_get_cause (state) == LF_CAUSE_CDN_EDGE ||
       lf_platform_state_get_cause (state) == LF_CAUSE_ORIGIN_VIA_CDN) &&
      g_strcmp0 (lf_platform_state_get_cdn (state), provider) == 0)
    return provider;

  return NULL;
}

/* "https://www.cloudflarestatus.com/api/v2/summary.json" → "https://www.cloudflarestatus.com/" */
static char *
page_of_status_spec (LfStatusSpec *spec)
{
  g_autoptr(GUri) uri = NULL;

  if (spec == NULL)
    return NULL;
  if (spec->page != NULL && *spec->page != '\0')
    return g_strdup (spec->page);
  if (spec->url == NULL || spec->kind != LF_STATUS_KIND_STATUSPAGE)
    return NULL;

  uri = g_uri_parse (spec->url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;

  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), "/", NULL, NULL);
}

static char *
provider_page (LfCatalog  *catalog,
               LfMonitor  *monitor,
               const char *provider_id)
{
  LfStatusReport *report = monitor != NULL ? lf_monitor_get_provider_status (monitor,
                                                                             provider_id)
                                           : NULL;
  LfCatalogProvider *provider = catalog != NULL ? lf_catalog_lookup_provider (catalog,
                                                                              provider_id)
                                                : NULL;

  if (provider != NULL && provider->status != NULL && provider->status->page != NULL)
    return g_strdup (provider->status->page);
  if (report != NULL && report->page_url != NULL && *report->page_url != '\0')
    return g_strdup (report->page_url);

  return provider != NULL ? page_of_status_spec (provider->status) : NULL;
}

/**
 * lf_outage_status_page:
 * @catalog: the catalog
 * @monitor: (nullable): the live states
 * @platform_id: a catalog id
 * @down: whether it is down now (then the blamed provider's page comes first)
 *
 * The page a client can follow the outage on: the platform's own status page, else the
 * page of the provider blamed for its outage, else of a provider it sits behind.
 *
 * Returns: (transfer full) (nullable): a URL, or %NULL when there is none
 */
char *
lf_outage_status_page (LfCatalog  *catalog,
                       LfMonitor  *monitor,
                       const char *platform_id,
                       gboolean    down)
{
  LfCatalogPlatform *platform;
  LfPlatformState *state;
  const char *blamed = NULL;
  char *page;

  g_return_val_if_fail (catalog != NULL, NULL);
  g_return_val_if_fail (platform_id != NULL, NULL);

  platform = lf_catalog_lookup_platform (catalog, platform_id);
  state = monitor != NULL ? lf_monitor_lookup_platform (monitor, platform_id) : NULL;
  if (monitor != NULL && down)
    blamed = blamed_provider (monitor, platform_id);

  if (platform != NULL && (page = page_of_status_spec (platform->status)) != NULL)
    return page;
  if (state != NULL && lf_platform_state_get_status_page (state) != NULL)
    return g_strdup (lf_platform_state_get_status_page (state));
  if (blamed != NULL && (page = provider_page (catalog, monitor, blamed)) != NULL)
    return page;

  for (guint i = 0; platform != NULL && platform->providers[i] != NULL; i++)
    if ((page = provider_page (catalog, monitor, platform->providers[i])) != NULL)
      return page;

  return NULL;
}

/* ------------------------------------------------------------------------ */
/* What is wrong                                                            */
/* ------------------------------------------------------------------------ */

/**
 * lf_outage_dup_down:
 *
 * Returns: (transfer full): the ids of the watched platforms that are down, in the
 *   monitor's order; none while the user's own network is the problem
 */
GStrv
lf_outage_dup_down (LfMonitor *monitor)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GListModel *platforms;

  g_return_val_if_fail (LF_IS_MONITOR (monitor), NULL);

  if (network_problem (monitor))
    return g_strv_builder_end (builder);

  platforms = lf_monitor_get_platforms (monitor);
  for (guint i = 0; i < g_list_model_get_n_items (platforms); i++)
    {
      g_autoptr(LfPlatformState) state = g_list_model_get_item (platforms, i);

      if (lf_platform_state_get_state (state) == LF_STATE_DOWN)
        g_strv_builder_add (builder, lf_platform_state_get_id (state));
    }

  return g_strv_builder_end (builder);
}

/**
 * lf_outage_get_level:
 *
 * Returns: how bad it is: an outage only when a platform is down (and the user's own
 *   network is fine)
 */
LfOutageLevel
lf_outage_get_level (LfMonitor *monitor)
{
  g_auto(GStrv) down = NULL;
  GListModel *platforms;
  LfDiagnosis *diagnosis;

  g_return_val_if_fail (LF_IS_MONITOR (monitor), LF_OUTAGE_LEVEL_CLEAR);

  if (network_problem (monitor))
    return LF_OUTAGE_LEVEL_NETWORK;

  down = lf_outage_dup_down (monitor);
  if (down[0] != NULL)
    return LF_OUTAGE_LEVEL_OUTAGE;

  platforms = lf_monitor_get_platforms (monitor);
  for (guint i = 0; i < g_list_model_get_n_items (platforms); i++)
    {
      g_autoptr(LfPlatformState) state = g_list_model_get_item (platforms, i);
      LfState value = lf_platform_state_get_state (state);

      if (value == LF_STATE_DEGRADED || value == LF_STATE_MAINTENANCE)
        return LF_OUTAGE_LEVEL_DEGRADED;
    }

  /* A provider reporting a major incident while everything behind it still answers. */
  diagnosis = lf_monitor_get_diagnosis (monitor);
  if (diagnosis != NULL && lf_diagnosis_get_kind (diagnosis) != LF_DIAGNOSIS_ALL_CLEAR)
    return LF_OUTAGE_LEVEL_DEGRADED;

  return LF_OUTAGE_LEVEL_CLEAR;
}

static LfCause
common_cause (LfMonitor          *monitor,
              const char * const *platforms,
              LfCause             fallback)
{
  guint counts[LF_N_CAUSES] = { 0 };
  LfCause best = fallback;

  for (guint i = 0; platforms[i] != NULL; i++)
    {
      LfPlatformState *state = lf_monitor_lookup_platform (monitor, platforms[i]);
      LfCause cause = state != NULL ? lf_platform_state_get_cause (state) : LF_CAUSE_NONE;

      if (cause != LF_CAUSE_NONE && cause < LF_N_CAUSES)
        counts[cause]++;
    }
  for (guint c = 0; c < LF_N_CAUSES; c++)
    if (counts[c] > counts[best])
      best = c;

  return best;
}

/**
 * lf_outage_get_groups:
 *
 * Returns: (transfer full) (element-type LfOutageGroup): the down platforms grouped by
 *   what explains them: first the blamed provider's, then one per platform down on its own
 */
GPtrArray *
lf_outage_get_groups (LfMonitor *monitor)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_outage_group_free);
  g_auto(GStrv) down = NULL;
  g_autoptr(GStrvBuilder) behind = g_strv_builder_new ();
  LfCatalog *catalog;
  LfDiagnosis *diagnosis;
  const char *provider = NULL;
  gboolean any_behind = FALSE;

  g_return_val_if_fail (LF_IS_MONITOR (monitor), groups);

  catalog = lf_monitor_get_catalog (monitor);
  diagnosis = lf_monitor_get_diagnosis (monitor);
  down = lf_outage_dup_down (monitor);
  if (diagnosis != NULL && lf_diagnosis_get_kind (diagnosis) == LF_DIAGNOSIS_PROVIDER_OUTAGE)
    provider = lf_diagnosis_get_provider_id (diagnosis);

  for (guint i = 0; down[i] != NULL; i++)
    if (provider != NULL && g_strcmp0 (blamed_provider (monitor, down[i]), provider) == 0)
      {
        g_strv_builder_add (behind, down[i]);
        any_behind = TRUE;
      }

  if (any_behind)
    {
      LfOutageGroup *group = g_new0 (LfOutageGroup, 1);
      g_autofree char *what = NULL;

      group->provider_id = g_strdup (provider);
      group->provider_name = g_strdup (lf_diagnosis_get_provider_name (diagnosis) != NULL
                                       ? lf_diagnosis_get_provider_name (diagnosis)
                                       : provider_name (catalog, provider));
      group->platforms = g_strv_builder_end (behind);
      group->kind = LF_DIAGNOSIS_PROVIDER_OUTAGE;
      group->cause = common_cause (monitor, (const char * const *) group->platforms,
                                   LF_CAUSE_CDN_EDGE);
      /* Translators: an incident's title; the provider, e.g. "Cloudflare outage" */
      group->title = g_strdup_printf (_("%s outage"), group->provider_name);
      g_ptr_array_add (groups, group);
    }

  for (guint i = 0; down[i] != NULL; i++)
    {
      LfOutageGroup *group;
      g_autofree char *what = NULL;

      if (any_behind && g_strcmp0 (blamed_provider (monitor, down[i]), provider) == 0)
        continue;

      group = g_new0 (LfOutageGroup, 1);
      group->platforms = g_new0 (char *, 2);
      group->platforms[0] = g_strdup (down[i]);
      group->kind = LF_DIAGNOSIS_PLATFORM_OUTAGE;
      group->cause = common_cause (monitor, (const char * const *) group->platforms,
                                   LF_CAUSE_HTTP_ERROR);
      /* Translators: an incident's title; the platform, e.g. "PayPal outage" */
      group->title = g_strdup_printf (_("%s outage"), lf_outage_platform_name (catalog, down[i]));
      g_ptr_array_add (groups, group);
    }

  return groups;
}

/* ------------------------------------------------------------------------ */
/* Platform names                                                           */
/* ------------------------------------------------------------------------ */

static char *
fold (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL_COMPOSE);

  return normal != NULL ? g_utf8_casefold (normal, -1) : g_strdup ("");
}

/**
 * lf_outage_resolve_platform:
 * @catalog: the catalog in use (custom platforms included)
 * @text: what a file or a person wrote: an id ("upwork") or a display name in any case
 *   ("Upwork", "UPWORK", "Freelancer.com")
 *
 * Returns: (transfer full) (nullable): the catalog id, or %NULL when nothing matches
 */
char *
lf_outage_resolve_platform (LfCatalog  *catalog,
                            const char *text)
{
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (catalog != NULL, NULL);

  if (text == NULL)
    return NULL;
  if (lf_catalog_lookup_platform (catalog, text) != NULL)
    return g_strdup (text);

  wanted = fold (text);
  if (*wanted == '\0')
    return NULL;

  for (guint i = 0; i < catalog->platforms->len; i++)
    {
      LfCatalogPlatform *platform = g_ptr_array_index (catalog->platforms, i);
      g_autofree char *id = fold (platform->id);
      g_autofree char *name = platform->name != NULL ? fold (platform->name) : NULL;

      if (g_str_equal (id, wanted) || g_strcmp0 (name, wanted) == 0)
        return g_strdup (platform->id);
    }

  return NULL;
}

/**
 * lf_outage_normalise_platforms:
 * @platforms: (nullable): ids or display names as written
 * @unknown: (out) (optional) (transfer full): the ones the catalog does not know
 *
 * Returns: (transfer full): the list with every known platform as its catalog id, the
 *   unknown ones kept as written, without duplicates, in the original order
 */
GStrv
lf_outage_normalise_platforms (LfCatalog          *catalog,
                               const char * const *platforms,
                               GStrv              *unknown)
{
  g_autoptr(GStrvBuilder) out = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) missing = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (catalog != NULL, NULL);

  for (guint i = 0; platforms != NULL && platforms[i] != NULL; i++)
    {
      g_autofree char *id = lf_outage_resolve_platform (catalog, platforms[i]);
      const char *value = id != NULL ? id : platforms[i];

      if (*value == '\0' || !g_hash_table_add (seen, fold (value)))
        continue;
      g_strv_builder_add (out, value);
      if (id == NULL)
        g_strv_builder_add (missing, platforms[i]);
    }

  if (unknown != NULL)
    *unknown = g_strv_builder_end (missing);

  return g_strv_builder_end (out);
}

/* ------------------------------------------------------------------------ */
/* Plans                                                                    */
/* ------------------------------------------------------------------------ */

LfRecipient *
lf_outage_recipient_for (LfContact *contact)
{
  g_autoptr(JsonObject) object = lf_contact_to_json (contact);
  g_autoptr(GError) error = NULL;
  LfRecipient *recipient = lf_recipient_new_from_json (object, &error);

  if (recipient == NULL)
    g_message ("A client cannot be a recipient: %s", error->message);

  return recipient;
}

/* Fills what @recipient is told: @ids (catalog ids), their names and the status page. */
void
lf_outage_tell (LfRecipient *recipient,
      LfCatalog   *catalog,
      LfMonitor   *monitor,
      GPtrArray   *ids,
      gboolean     down)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) id_list = g_strv_builder_new ();

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      const char *blamed = down ? blamed_provider (monitor, id) : NULL;

      g_strv_builder_add (id_list, id);
      g_strv_builder_add (names, lf_outage_platform_name (catalog, id));
      if (recipient->provider == NULL && blamed != NULL)
        recipient->provider = g_strdup (provider_name (catalog, blamed));
      if (recipient->status_url == NULL)
        recipient->status_url = lf_outage_status_page (catalog, monitor, id, down);
    }

  recipient->platform_ids = g_strv_builder_end (id_list);
  recipient->platforms = g_strv_builder_end (names);
  /* An empty status URL (not NULL) leaves the sentence out rather than falling back to a
   * page about another platform. */
  if (recipient->status_url == NULL)
    recipient->status_url = g_strdup ("");
  if (recipient->provider == NULL)
    recipient->provider = g_strdup ("");
}

static GStrv
contact_platforms (LfCatalog *catalog,
                   LfContact *contact)
{
  return lf_outage_normalise_platforms (catalog, lf_contact_get_platforms (contact), NULL);
}

/**
 * lf_outage_plan_notice:
 * @monitor: the live (or one-shot) states
 * @rehearsal: whether @monitor is a rehearsal's (LfContext:active-monitor during a rehearsal):
 *   then only rehearsal incidents and notices count
 * @contacts: (element-type LfContact): the client directory
 * @platform_id: (nullable): one platform ("Notify clients" on its details), or %NULL / ""
 *   for every down platform
 * @log: (nullable): the incident log: clients already told about all of their down
 *   platforms are left out (a restart during the same outage does not notify again)
 *
 * Returns: (transfer full): one recipient per affected client, each told only about their
 *   own down platforms
 */
LfOutagePlan *
lf_outage_plan_notice (LfMonitor     *monitor,
                       gboolean       rehearsal,
                       GPtrArray     *contacts,
                       const char    *platform_id,
                       LfIncidentLog *log)
{
  LfOutagePlan *plan = g_new0 (LfOutagePlan, 1);
  g_autoptr(GHashTable) told = NULL;
  g_autoptr(GStrvBuilder) all = g_strv_builder_new ();
  g_autoptr(GHashTable) in_plan = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) down = NULL;
  LfCatalog *catalog;

  g_return_val_if_fail (LF_IS_MONITOR (monitor), plan);
  g_return_val_if_fail (contacts != NULL, plan);

  catalog = lf_monitor_get_catalog (monitor);
  plan->recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_recipient_free);
  down = lf_outage_dup_down (monitor);
  if (platform_id != NULL && *platform_id != '\0')
    {
      g_autofree char *id = lf_outage_resolve_platform (catalog, platform_id);

      g_strfreev (down);
      down = g_new0 (char *, 2);
      down[0] = g_strdup (id != NULL ? id : platform_id);
    }
  told = lf_outage_collect_told (log, rehearsal);

  for (guint i = 0; i < contacts->len; i++)
    {
      LfContact *contact = g_ptr_array_index (contacts, i);
      g_auto(GStrv) linked = contact_platforms (catalog, contact);
      g_autoptr(GPtrArray) affected = g_ptr_array_new ();
      g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
      Told *record = g_hash_table_lookup (told, lf_contact_get_id (contact));
      LfRecipient *recipient;

      if (linked[0] == NULL)
        {
          plan->n_unlinked++;
          continue;
        }

      for (guint j = 0; down[j] != NULL; j++)
        if (g_strv_contains ((const char * const *) linked, down[j]))
          {
            g_ptr_array_add (affected, down[j]);
            if (record == NULL || !lf_outage_ptr_array_has (record->platforms, down[j]))
              g_ptr_array_add (fresh, down[j]);
          }

      if (affected->len == 0)
        {
          plan->n_unaffected++;
          continue;
        }
      if (fresh->len == 0)
        {
          plan->n_already_told++;
          continue;
        }

      recipient = lf_outage_recipient_for (contact);
      if (recipient == NULL)
        continue;
      /* Told about what is new to them, so nobody hears of the same outage twice. */
      lf_outage_tell (recipient, catalog, monitor, fresh, TRUE);
      g_ptr_array_add (plan->recipients, recipient);
      for (guint j = 0; j < fresh->len; j++)
        if (g_hash_table_add (in_plan, g_ptr_array_index (fresh, j)))
          g_strv_builder_add (all, g_ptr_array_index (fresh, j));
    }

  /* Keep the monitor's order of platforms. */
  {
    g_autoptr(GStrvBuilder) ordered = g_strv_builder_new ();

    for (guint j = 0; down[j] != NULL; j++)
      if (g_hash_table_contains (in_plan, down[j]))
        g_strv_builder_add (ordered, down[j]);
    plan->platforms = g_strv_builder_end (ordered);
  }

  return plan;
}

/**
 * lf_outage_build_context:
 * @plan: what is told
 * @log: (nullable): for the incident id
 * @profile: (nullable): the user's own details
 *
 * The values that are the same for every recipient: the start of the earliest outage in
 * the plan ({since}), the incident, the user's details. The platforms, provider and status
 * page are the recipient's own (see lf_outage_plan_notice()).
 *
 * Returns: (transfer full): the render context
 */
LfRenderContext *
lf_outage_build_context (LfMonitor     *monitor,
                         gboolean       rehearsal,
                         LfOutagePlan  *plan,
                         LfIncidentLog *log,
                         LfProfile     *profile)
{
  LfRenderContext *context = lf_render_context_new ();
  LfHistory *history;
  LfCatalog *catalog;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_return_val_if_fail (LF_IS_MONITOR (monitor), context);
  g_return_val_if_fail (plan != NULL, context);

  history = lf_monitor_get_history (monitor);
  catalog = lf_monitor_get_catalog (monitor);

  for (guint i = 0; plan->platforms != NULL && plan->platforms[i] != NULL; i++)
    {
      const char *id = plan->platforms[i];
      LfPlatformState *state = lf_monitor_lookup_platform (monitor, id);
      LfIncident *incident = lf_outage_incident_for (log, id, rehearsal);
      gint64 start = 0;

      g_ptr_array_add (names, (gpointer) lf_outage_platform_name (catalog, id));
      if (incident != NULL && lf_incident_get_started_at (incident) != NULL)
        start = g_date_time_to_unix (lf_incident_get_started_at (incident));
      if (start == 0 && history != NULL)
        start = lf_notice_context_find_start (history, id, TRUE);
      if (start == 0 && state != NULL && lf_platform_state_get_since (state) > 0)
        start = lf_platform_state_get_since (state) / G_USEC_PER_SEC;
      if (start > 0 && (context->since == 0 || start < context->since))
        context->since = start;
      if (context->incident_id == NULL && incident != NULL)
        context->incident_id = g_strdup (lf_incident_get_id (incident));
    }
  g_ptr_array_add (names, NULL);

  context->platform = lf_template_join_list ((const char * const *) names->pdata, NULL);
  if (context->since == 0)
    context->since = g_get_real_time () / G_USEC_PER_SEC;
  context->rehearsal = rehearsal;
  lf_notice_context_apply_profile (context, profile);

  return context;
}

static char *
names_of (LfCatalog          *catalog,
          const char * const *ids)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_ptr_array_add (names, (gpointer) lf_outage_platform_name (catalog, ids[i]));
  g_ptr_array_add (names, NULL);

  return lf_template_join_list ((const char * const *) names->pdata, NULL);
}

/**
 * lf_outage_dup_summary:
 *
 * One line for the banner, in the terms of this file: what is down and why, then what is
 * merely slow ("Cloudflare has an outage: Upwork and Discord are down. PayPal is down.
 * GitHub is slow or has problems."). The user's own network and a clear sky keep the
 * diagnosis's words.
 *
 * Returns: (transfer full): the text
 */
char *
lf_outage_dup_summary (LfMonitor *monitor)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GStrvBuilder) own = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) slow = g_strv_builder_new ();
  g_auto(GStrv) own_ids = NULL;
  g_auto(GStrv) slow_ids = NULL;
  LfCatalog *catalog;
  LfDiagnosis *diagnosis;
  LfOutageLevel level;
  GListModel *platforms;

  g_return_val_if_fail (LF_IS_MONITOR (monitor), NULL);

  catalog = lf_monitor_get_catalog (monitor);
  diagnosis = lf_monitor_get_diagnosis (monitor);
  level = lf_outage_get_level (monitor);
  if (level == LF_OUTAGE_LEVEL_NETWORK || level == LF_OUTAGE_LEVEL_CLEAR)
    return g_strdup (diagnosis != NULL ? lf_diagnosis_get_summary (diagnosis) : "");

  groups = lf_outage_get_groups (monitor);
  for (guint i = 0; i < groups->len; i++)
    {
      LfOutageGroup *group = g_ptr_array_index (groups, i);
      guint n = g_strv_length (group->platforms);
      g_autofree char *names = names_of (catalog, (const char * const *) group->platforms);

      if (group->provider_id != NULL)
        {
          if (out->len > 0)
            g_string_append (out, " ");
          /* Translators: a provider, then one or more platforms */
          g_string_append_printf (out, ngettext ("%s has an outage: %s is down.",
                                                 "%s has an outage: %s are down.", n),
                                  group->provider_name, names);
        }
      else
        g_strv_builder_add (own, group->platforms[0]);
    }
  own_ids = g_strv_builder_end (own);
  if (own_ids[0] != NULL)
    {
      g_autofree char *names = names_of (catalog, (const char * const *) own_ids);

      if (out->len > 0)
        g_string_append (out, " ");
      /* Translators: one or more platforms */
      g_string_append_printf (out, ngettext ("%s is down.", "%s are down.",
                                             g_strv_length (own_ids)), names);
    }

  platforms = lf_monitor_get_platforms (monitor);
  for (guint i = 0; i < g_list_model_get_n_items (platforms); i++)
    {
      g_autoptr(LfPlatformState) state = g_list_model_get_item (platforms, i);
      LfState value = lf_platform_state_get_state (state);

      if (value == LF_STATE_DEGRADED || value == LF_STATE_MAINTENANCE)
        g_strv_builder_add (slow, lf_platform_state_get_id (state));
    }
  slow_ids = g_strv_builder_end (slow);
  if (slow_ids[0] != NULL)
    {
      g_autofree char *names = names_of (catalog, (const char * const *) slow_ids);

      if (out->len > 0)
        g_string_append (out, " ");
      /* Translators: one or more platforms that answer, but slowly or with problems */
      g_string_append_printf (out, ngettext ("%s is slow or has problems, but answers.",
                                             "%s are slow or have problems, but answer.",
                                             g_strv_length (slow_ids)), names);
    }

  if (out->len == 0)
    return g_strdup (diagnosis != NULL ? lf_diagnosis_get_summary (diagnosis) : "");

  return g_string_free (g_steal_pointer (&out), FALSE);
}
