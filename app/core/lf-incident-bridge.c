/* lf-incident-bridge.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-incident-bridge"

#include "config.h"

#include "lf-incident-bridge.h"
#include "lf-outage.h"

#include <glib/gi18n.h>

/* The glue between the health engine and the checklist:
 *
 *  - LfMonitor::diagnosis-changed opens one incident per group of down platforms that one
 *    cause explains (lf_outage_get_groups(): "Cloudflare outage" with Upwork and Discord,
 *    "PayPal outage"), or lets the open one covering the same platforms or provider absorb
 *    it, with a run of the plan for its cause, and records the evidence: each affected
 *    platform's state, cause and Ray ID. Slow or degraded platforms and maintenance open
 *    no incident; the user's own network opens one whose run has no client steps;
 *  - LfMonitor::state-changed is recorded as a transition in the open incident covering that
 *    platform (with the Ray ID of the failing answer);
 *  - after every round (notify::last-checked) new incidents on the providers' and platforms'
 *    status sources are recorded as status updates, with their links;
 *  - once a round is over, an incident whose platforms are all up again, and whose outage
 *    has no other platform down, ends, awaiting the user's confirmation (never mid-round:
 *    see end_recovered()).
 *
 * A rehearsal's bridge (on a rehearsal's own monitor, given the rehearsal's name) opens
 * rehearsal incidents titled with that name first ("NAME: Cloudflare outage"); notes recorded before the
 * first incident opened (the rehearsal's narrative) are added to it when it does.
 */

struct _LfIncidentBridge
{
  GObject        parent_instance;

  LfMonitor     *monitor;
  LfIncidentLog *log;
  char          *rehearsal;    /* a rehearsal's name, or NULL for real incidents */
  GPtrArray     *incidents;    /* LfIncident, the ones this bridge opened or joined */
  GHashTable    *seen_status;  /* "incident id|status incident id|title" */
  GPtrArray     *pending_notes;/* Note, before any incident is open */
};

G_DEFINE_FINAL_TYPE (LfIncidentBridge, lf_incident_bridge, G_TYPE_OBJECT)

typedef struct
{
  GDateTime *time;
  char      *text;
} Note;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
note_free (gpointer data)
{
  Note *note = data;

  g_date_time_unref (note->time);
  g_free (note->text);
  g_free (note);
}

static void
record_platform (LfIncidentBridge *self,
                 LfIncident       *incident,
                 LfPlatformState  *state,
                 const char       *text)
{
  g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
  const char *ray = lf_platform_state_get_ray_id (state);
  g_autofree char *http = NULL;

  g_hash_table_insert (data, LF_TIMELINE_DATA_PLATFORM,
                       (gpointer) lf_platform_state_get_id (state));
  g_hash_table_insert (data, LF_TIMELINE_DATA_STATE,
                       (gpointer) lf_state_to_string (lf_platform_state_get_state (state)));
  g_hash_table_insert (data, "cause",
                       (gpointer) lf_cause_to_string (lf_platform_state_get_cause (state)));
  if (ray != NULL && lf_platform_state_get_state (state) != LF_STATE_UP)
    g_hash_table_insert (data, LF_TIMELINE_DATA_RAY_ID, (gpointer) ray);
  if (lf_platform_state_get_http_status (state) != 0)
    {
      http = g_strdup_printf ("%u", lf_platform_state_get_http_status (state));
      g_hash_table_insert (data, "http_status", http);
    }

  lf_incident_add_entry (incident, NULL, LF_TIMELINE_TRANSITION, text, data);
}

static gboolean
tracks (LfIncidentBridge *self,
        LfIncident       *incident)
{
  return g_ptr_array_find (self->incidents, incident, NULL);
}

static LfIncident *
find_incident_for_platform (LfIncidentBridge *self,
                            const char       *platform)
{
  for (guint i = self->incidents->len; i > 0; i--)
    {
      LfIncident *incident = g_ptr_array_index (self->incidents, i - 1);

      if (lf_incident_is_open (incident)
          && g_strv_contains (lf_incident_get_platforms (incident), platform))
        return incident;
    }

  return NULL;
}

static void
record_status_items (LfIncidentBridge *self,
                     LfIncident       *incident,
                     const char       *source_name,
                     GPtrArray        *items,
                     const char       *page_url)
{
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      LfStatusIncident *item = g_ptr_array_index (items, i);
      g_autofree char *key = g_strdup_printf ("%s|%s|%s", lf_incident_get_id (incident),
                                              item->id != NULL ? item->id : "",
                                              item->title != NULL ? item->title : "");
      g_autofree char *text = NULL;
      const char *url = item->url != NULL ? item->url : page_url;

      if (item->upcoming || g_hash_table_contains (self->seen_status, key))
        continue;
      g_hash_table_add (self->seen_status, g_steal_pointer (&key));

      /* The vendor's own words, with the vendor's name. */
      text = g_strdup_printf ("%s: %s", source_name, item->title != NULL ? item->title : "");
      {
        g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);

        if (url != NULL)
          g_hash_table_insert (data, LF_TIMELINE_DATA_URL, (gpointer) url);
        lf_incident_add_entry (incident, NULL, LF_TIMELINE_STATUS_UPDATE, text, data);
      }
    }
}

static void
record_status (LfIncidentBridge *self)
{
  LfCatalog *catalog = lf_monitor_get_catalog (self->monitor);

  for (guint i = 0; i < self->incidents->len; i++)
    {
      LfIncident *incident = g_ptr_array_index (self->incidents, i);
      const char *provider = lf_incident_get_provider (incident);
      const char * const *platforms = lf_incident_get_platforms (incident);

      if (!lf_incident_is_open (incident))
        continue;

      if (provider != NULL)
        {
          LfStatusReport *report = lf_monitor_get_provider_status (self->monitor, provider);
          LfCatalogProvider *entry = catalog != NULL
                                     ? lf_catalog_lookup_provider (catalog, provider) : NULL;

          if (report != NULL)
            record_status_items (self, incident, entry != NULL ? entry->name : provider,
                                 report->incidents, report->page_url);
        }

      for (guint j = 0; platforms[j] != NULL; j++)
        {
          LfPlatformState *state = lf_monitor_lookup_platform (self->monitor, platforms[j]);

          if (state != NULL)
            record_status_items (self, incident, lf_platform_state_get_name (state),
                                 lf_platform_state_get_incidents (state),
                                 lf_platform_state_get_status_page (state));
        }
    }
}

/* The display names a person reads in reports and summaries, as the catalog has them now
 * (for every platform of the incident, including ones absorbed from another group). */
static void
record_names (LfIncidentBridge *self,
              LfIncident       *incident)
{
  LfCatalog *catalog = lf_monitor_get_catalog (self->monitor);
  const char * const *platforms = lf_incident_get_platforms (incident);
  const char *provider = lf_incident_get_provider (incident);

  if (catalog == NULL)
    return;
  for (guint i = 0; platforms[i] != NULL; i++)
    {
      LfCatalogPlatform *platform = lf_catalog_lookup_platform (catalog, platforms[i]);

      if (platform != NULL)
        lf_incident_set_name (incident, platforms[i], platform->name);
    }
  if (provider != NULL)
    {
      LfCatalogProvider *entry = lf_catalog_lookup_provider (catalog, provider);

      if (entry != NULL)
        lf_incident_set_name (incident, provider, entry->name);
    }
}

static gboolean
all_platforms_up (LfIncidentBridge *self,
                  LfIncident       *incident)
{
  const char * const *platforms = lf_incident_get_platforms (incident);

  if (platforms[0] == NULL)
    return FALSE;

  for (guint i = 0; platforms[i] != NULL; i++)
    {
      LfPlatformState *state = lf_monitor_lookup_platform (self->monitor, platforms[i]);

      if (state != NULL && lf_platform_state_get_state (state) != LF_STATE_UP)
        return FALSE;
    }

  return TRUE;
}

/* Every platform of @incident is watched and up (not merely unknown). */
static gboolean
all_platforms_known_up (LfIncidentBridge *self,
                        LfIncident       *incident)
{
  const char * const *platforms = lf_incident_get_platforms (incident);

  if (platforms[0] == NULL)
    return FALSE;

  for (guint i = 0; platforms[i] != NULL; i++)
    {
      LfPlatformState *state = lf_monitor_lookup_platform (self->monitor, platforms[i]);

      if (state == NULL || lf_platform_state_get_state (state) != LF_STATE_UP)
        return FALSE;
    }

  return TRUE;
}

static void
end_incident (LfIncidentBridge *self,
              LfIncident       *incident)
{
  if (lf_incident_get_status (incident) == LF_INCIDENT_OPEN)
    lf_incident_log_mark_ended (self->log, incident);
}

/* Whether a group of down platforms belongs to @incident's outage: the same provider, or a
 * platform in common (what lf_incident_log_open() would absorb into it). */
static gboolean
group_continues (LfOutageGroup *group,
                 LfIncident    *incident)
{
  const char *provider = lf_incident_get_provider (incident);
  const char * const *platforms = lf_incident_get_platforms (incident);

  if (group->provider_id != NULL && g_strcmp0 (group->provider_id, provider) == 0)
    return TRUE;
  for (guint i = 0; group->platforms[i] != NULL; i++)
    if (g_strv_contains (platforms, group->platforms[i]))
      return TRUE;

  return FALSE;
}

/* A round is over (the monitor's last-checked moved): the incidents of this bridge whose
 * platforms are all up, and whose outage has no other platform down, end.
 *
 * Ending is decided here, on the whole round, and not on LfMonitor::state-changed: a round
 * evaluates its platforms one by one (and re-probes over several confirmation passes), so
 * when the last of an incident's platforms comes back, a platform further down the list may
 * be failing at the same provider. Ending then, mid-round, made the round's diagnosis reopen
 * the incident at once: "Recovery detected / The failure is back / Recovery detected"
 * within a second (issue 13; test-drill's bridge-one-recovery). */
static void
end_recovered (LfIncidentBridge *self)
{
  g_autoptr(GPtrArray) groups = NULL;

  for (guint i = 0; i < self->incidents->len; i++)
    {
      LfIncident *incident = g_ptr_array_index (self->incidents, i);
      LfDiagnosisKind kind = lf_incident_get_kind (incident);
      gboolean goes_on = FALSE;

      /* The user's network: ended by the diagnosis (on_diagnosis_changed_cb()). */
      if (lf_incident_get_status (incident) != LF_INCIDENT_OPEN
          || kind == LF_DIAGNOSIS_LOCAL_NETWORK || kind == LF_DIAGNOSIS_OFFLINE
          || !all_platforms_up (self, incident))
        continue;

      if (groups == NULL)
        groups = lf_outage_get_groups (self->monitor);
      for (guint g = 0; g < groups->len && !goes_on; g++)
        goes_on = group_continues (g_ptr_array_index (groups, g), incident);

      if (!goes_on)
        end_incident (self, incident);
    }
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
on_diagnosis_changed_cb (LfMonitor        *monitor,
                         LfDiagnosis      *diagnosis,
                         LfIncidentBridge *self)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) touched = g_ptr_array_new ();
  gboolean network_now;

  /* Only down platforms make incidents (lf-outage.c): one per provider outage, one per
   * platform down on its own. Slow platforms, maintenance and the user's own network are
   * shown, not logged as outages, so they never absorb a real one. */
  groups = lf_outage_get_groups (monitor);
  network_now = lf_diagnosis_get_kind (diagnosis) == LF_DIAGNOSIS_LOCAL_NETWORK ||
                lf_diagnosis_get_kind (diagnosis) == LF_DIAGNOSIS_OFFLINE;
  if (network_now)
    {
      /* The user's own network: an incident of its own, whose run has the network steps
       * (mobile data…) and none about clients (the plan's client steps exclude the cause
       * "network"). */
      LfOutageGroup *group = g_new0 (LfOutageGroup, 1);
      const char *what = lf_diagnosis_get_kind (diagnosis) == LF_DIAGNOSIS_OFFLINE
                         ? _("You are offline") : _("Your connection is down");

      group->platforms = g_new0 (char *, 1);
      group->kind = lf_diagnosis_get_kind (diagnosis);
      group->cause = LF_CAUSE_NETWORK;
      group->title = g_strdup (what);
      g_ptr_array_add (groups, group);
    }
  if (self->rehearsal != NULL)
    for (guint g = 0; g < groups->len; g++)
      {
        LfOutageGroup *group = g_ptr_array_index (groups, g);
        char *title = group->title;

        /* Translators: a rehearsal incident's title: the rehearsal's name, then
         * the incident's ("Cloudflare outage") */
        group->title = g_strdup_printf (_("%s: %s"), self->rehearsal, title);
        g_free (title);
      }
  for (guint g = 0; g < groups->len; g++)
    {
      LfOutageGroup *group = g_ptr_array_index (groups, g);
      LfIncident *incident;

      incident = lf_incident_log_open (self->log, group->title,
                                       (const char * const *) group->platforms,
                                       group->provider_id, group->cause, group->kind,
                                       self->rehearsal != NULL);
      if (!tracks (self, incident))
        g_ptr_array_add (self->incidents, g_object_ref (incident));
      g_ptr_array_add (touched, incident);
      record_names (self, incident);

      /* The engine's own words, then the evidence of each affected platform. */
      if (lf_diagnosis_get_summary (diagnosis) != NULL)
        lf_incident_add_entry (incident, NULL, LF_TIMELINE_TRANSITION,
                               lf_diagnosis_get_summary (diagnosis), NULL);
      for (guint i = 0; group->platforms[i] != NULL; i++)
        {
          LfPlatformState *state = lf_monitor_lookup_platform (self->monitor,
                                                               group->platforms[i]);

          if (state != NULL && lf_platform_state_get_explanation (state) != NULL)
            record_platform (self, incident, state, lf_platform_state_get_explanation (state));
        }

      /* The rehearsal's narrative so far. */
      for (guint i = 0; i < self->pending_notes->len; i++)
        {
          Note *note = g_ptr_array_index (self->pending_notes, i);

          lf_incident_add_entry (incident, note->time, LF_TIMELINE_NOTE, note->text, NULL);
        }
      g_ptr_array_set_size (self->pending_notes, 0);
    }

  /* Incidents about platforms that are all back end now, including the ones a previous
   * run of Lifeline (or `lifeline --notify`) opened. */
  for (guint i = 0; i < self->incidents->len; i++)
    {
      LfIncident *other = g_ptr_array_index (self->incidents, i);

      if (!g_ptr_array_find (touched, other, NULL) && all_platforms_up (self, other))
        end_incident (self, other);
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->log)); i++)
    {
      g_autoptr(LfIncident) other = g_list_model_get_item (G_LIST_MODEL (self->log), i);
      LfDiagnosisKind other_kind = lf_incident_get_kind (other);
      gboolean network_incident = other_kind == LF_DIAGNOSIS_LOCAL_NETWORK ||
                                  other_kind == LF_DIAGNOSIS_OFFLINE;

      if (lf_incident_get_status (other) != LF_INCIDENT_OPEN ||
          lf_incident_get_rehearsal (other) != (self->rehearsal != NULL) ||
          g_ptr_array_find (touched, other, NULL))
        continue;
      /* The network is back: the incident about it is over. */
      if (network_incident && !network_now)
        end_incident (self, other);
      else if (!network_incident && !tracks (self, other) && all_platforms_known_up (self, other))
        end_incident (self, other);
    }

  record_status (self);
}

static void
on_state_changed_cb (LfMonitor        *monitor,
                     LfPlatformState  *platform,
                     LfState           old_state,
                     LfState           new_state,
                     LfIncidentBridge *self)
{
  LfIncident *incident = find_incident_for_platform (self, lf_platform_state_get_id (platform));
  g_autofree char *text = NULL;

  if (incident == NULL)
    return;

  /* Translators: a timeline entry; platform, old state, new state, e.g. "Upwork: down → up" */
  text = g_strdup_printf (_("%s: %s → %s"), lf_platform_state_get_name (platform),
                          lf_state_to_string (old_state), lf_state_to_string (new_state));
  /* No ending here: this is one platform in the middle of a round (see end_recovered()). */
  record_platform (self, incident, platform, text);
}

static void
on_last_checked_cb (LfMonitor        *monitor,
                    GParamSpec       *pspec,
                    LfIncidentBridge *self)
{
  end_recovered (self);
  record_status (self);
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_incident_bridge_dispose (GObject *object)
{
  LfIncidentBridge *self = LF_INCIDENT_BRIDGE (object);

  lf_incident_bridge_disconnect (self);
  g_clear_object (&self->log);

  G_OBJECT_CLASS (lf_incident_bridge_parent_class)->dispose (object);
}

static void
lf_incident_bridge_finalize (GObject *object)
{
  LfIncidentBridge *self = LF_INCIDENT_BRIDGE (object);

  g_free (self->rehearsal);
  g_ptr_array_unref (self->incidents);
  g_hash_table_unref (self->seen_status);
  g_ptr_array_unref (self->pending_notes);

  G_OBJECT_CLASS (lf_incident_bridge_parent_class)->finalize (object);
}

static void
lf_incident_bridge_class_init (LfIncidentBridgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lf_incident_bridge_dispose;
  object_class->finalize = lf_incident_bridge_finalize;
}

static void
lf_incident_bridge_init (LfIncidentBridge *self)
{
  self->incidents = g_ptr_array_new_with_free_func (g_object_unref);
  self->seen_status = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending_notes = g_ptr_array_new_with_free_func (note_free);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_incident_bridge_new:
 * @monitor: the health engine
 * @log: where incidents go
 * @rehearsal: (nullable): for a rehearsal's own monitor, its name as people read it: its
 *   incidents are rehearsals, titled with that name first; %NULL for real incidents
 *
 * Returns: (transfer full): a bridge, connected until disposed or disconnected
 */
LfIncidentBridge *
lf_incident_bridge_new (LfMonitor     *monitor,
                        LfIncidentLog *log,
                        const char    *rehearsal)
{
  LfIncidentBridge *self;

  g_return_val_if_fail (LF_IS_MONITOR (monitor), NULL);
  g_return_val_if_fail (LF_IS_INCIDENT_LOG (log), NULL);

  self = g_object_new (LF_TYPE_INCIDENT_BRIDGE, NULL);
  self->monitor = g_object_ref (monitor);
  self->log = g_object_ref (log);
  self->rehearsal = g_strdup (rehearsal);

  g_signal_connect_object (monitor, "diagnosis-changed", G_CALLBACK (on_diagnosis_changed_cb),
                           self, 0);
  g_signal_connect_object (monitor, "state-changed", G_CALLBACK (on_state_changed_cb), self, 0);
  g_signal_connect_object (monitor, "notify::last-checked", G_CALLBACK (on_last_checked_cb),
                           self, 0);

  return self;
}

/**
 * lf_incident_bridge_get_monitor:
 *
 * Returns: (transfer none) (nullable): the monitor, %NULL once disconnected
 */
LfMonitor *
lf_incident_bridge_get_monitor (LfIncidentBridge *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT_BRIDGE (self), NULL);
  return self->monitor;
}

/**
 * lf_incident_bridge_get_log:
 *
 * Returns: (transfer none): the incident log
 */
LfIncidentLog *
lf_incident_bridge_get_log (LfIncidentBridge *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT_BRIDGE (self), NULL);
  return self->log;
}

/**
 * lf_incident_bridge_get_rehearsal:
 *
 * Returns: (nullable): the rehearsal's name, or %NULL for the bridge of real incidents
 */
const char *
lf_incident_bridge_get_rehearsal (LfIncidentBridge *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT_BRIDGE (self), NULL);
  return self->rehearsal;
}

/**
 * lf_incident_bridge_get_incidents:
 *
 * Returns: (transfer none) (element-type LfIncident): the incidents this bridge opened or
 *   joined, oldest first
 */
GPtrArray *
lf_incident_bridge_get_incidents (LfIncidentBridge *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT_BRIDGE (self), NULL);
  return self->incidents;
}

/**
 * lf_incident_bridge_get_current:
 *
 * Returns: (transfer none) (nullable): the newest open incident of this bridge
 */
LfIncident *
lf_incident_bridge_get_current (LfIncidentBridge *self)
{
  g_return_val_if_fail (LF_IS_INCIDENT_BRIDGE (self), NULL);

  for (guint i = self->incidents->len; i > 0; i--)
    if (lf_incident_is_open (g_ptr_array_index (self->incidents, i - 1)))
      return g_ptr_array_index (self->incidents, i - 1);

  return NULL;
}

/**
 * lf_incident_bridge_note:
 * @time: (nullable): when; %NULL for now
 * @text: a note (a rehearsal's narrative)
 *
 * Adds a note to the open incidents of this bridge, or keeps it for the next one to open.
 */
void
lf_incident_bridge_note (LfIncidentBridge *self,
                         GDateTime        *time,
                         const char       *text)
{
  gboolean recorded = FALSE;

  g_return_if_fail (LF_IS_INCIDENT_BRIDGE (self));
  g_return_if_fail (text != NULL);

  for (guint i = 0; i < self->incidents->len; i++)
    {
      LfIncident *incident = g_ptr_array_index (self->incidents, i);

      if (lf_incident_is_open (incident))
        {
          lf_incident_add_entry (incident, time, LF_TIMELINE_NOTE, text, NULL);
          recorded = TRUE;
        }
    }

  if (!recorded)
    {
      Note *note = g_new0 (Note, 1);

      note->time = time != NULL ? g_date_time_ref (time) : g_date_time_new_now_utc ();
      note->text = g_strdup (text);
      g_ptr_array_add (self->pending_notes, note);
    }
}

/**
 * lf_incident_bridge_disconnect:
 *
 * Stops listening to the monitor (its incidents stay in the log).
 */
void
lf_incident_bridge_disconnect (LfIncidentBridge *self)
{
  g_return_if_fail (LF_IS_INCIDENT_BRIDGE (self));

  if (self->monitor == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
}
