/* lf-outage-record.c — who was told what (the record in the incident log), and the
 * all-clear that follows it (split from lf-outage.c)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-outage"

#include "config.h"

#include "lf-outage.h"
#include "lf-outage-private.h"
#include "lf-json.h"

#include <glib/gi18n.h>
#include <string.h>

#define TOLD_KEY "told"
#define NOTICE_KEY "notice"
#define TEMPLATE_KEY "template"
#define TELL_CLIENTS_STEP "respond-tell-clients"
#define ALL_CLEAR_STEP "recover-all-clear"

static void
told_free (gpointer data)
{
  Told *told = data;

  g_free (told->contact_id);
  g_ptr_array_unref (told->platforms);
  g_free (told->message_id);
  g_free (told);
}

static Told *
told_lookup (GHashTable *table,
             const char *contact_id)
{
  Told *told = g_hash_table_lookup (table, contact_id);

  if (told == NULL)
    {
      told = g_new0 (Told, 1);
      told->contact_id = g_strdup (contact_id);
      told->platforms = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (table, told->contact_id, told);
    }

  return told;
}

gboolean
lf_outage_ptr_array_has (GPtrArray  *array,
               const char *value)
{
  return g_ptr_array_find_with_equal_func (array, value, g_str_equal, NULL);
}

/* Replays the "notice-sent" entries of the log's incidents (not closed, a rehearsal or not as
 * @rehearsal says): who was told about which platforms and not yet given the all-clear. */
GHashTable *
lf_outage_collect_told (LfIncidentLog *log,
              gboolean       rehearsal)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, told_free);
  guint n;

  if (log == NULL)
    return table;

  n = g_list_model_get_n_items (G_LIST_MODEL (log));
  for (guint i = n; i > 0; i--)   /* oldest first */
    {
      g_autoptr(LfIncident) incident = g_list_model_get_item (G_LIST_MODEL (log), i - 1);

      if (lf_incident_get_status (incident) == LF_INCIDENT_CLOSED ||
          lf_incident_get_rehearsal (incident) != !!rehearsal)
        continue;

      for (guint j = 0; j < lf_incident_get_n_entries (incident); j++)
        {
          const LfTimelineEntry *entry = lf_incident_get_entry (incident, j);
          const char *data = lf_timeline_entry_get_data (entry, TOLD_KEY);
          const char *template = lf_timeline_entry_get_data (entry, TEMPLATE_KEY);
          g_autoptr(JsonNode) root = NULL;
          JsonArray *array;
          gboolean clear = g_strcmp0 (template, "all-clear") == 0;

          if (entry->kind != LF_TIMELINE_NOTICE_SENT || data == NULL)
            continue;
          if (!clear && g_strcmp0 (template, "outage") != 0)
            continue;

          root = lf_json_parse (data, -1, NULL);
          if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
            continue;

          array = json_node_get_array (root);
          for (guint k = 0; k < json_array_get_length (array); k++)
            {
              JsonNode *node = json_array_get_element (array, k);
              JsonObject *object;
              const char *contact;
              JsonArray *platforms;
              Told *told;

              if (!JSON_NODE_HOLDS_OBJECT (node))
                continue;
              object = json_node_get_object (node);
              contact = json_object_get_string_member_with_default (object, "contact", NULL);
              if (contact == NULL || !json_object_has_member (object, "platforms") ||
                  !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "platforms")))
                continue;
              platforms = json_object_get_array_member (object, "platforms");

              told = told_lookup (table, contact);
              for (guint m = 0; m < json_array_get_length (platforms); m++)
                {
                  const char *platform = json_array_get_string_element (platforms, m);

                  if (platform == NULL || clear)
                    continue;
                  if (!lf_outage_ptr_array_has (told->platforms, platform))
                    g_ptr_array_add (told->platforms, g_strdup (platform));
                }
              if (clear)
                {
                  /* The all-clear settles every platform it names. */
                  for (guint m = 0; m < json_array_get_length (platforms); m++)
                    {
                      const char *platform = json_array_get_string_element (platforms, m);
                      guint index;

                      if (platform != NULL &&
                          g_ptr_array_find_with_equal_func (told->platforms, platform,
                                                            g_str_equal, &index))
                        g_ptr_array_remove_index (told->platforms, index);
                    }
                }
              else if (json_object_get_string_member_with_default (object, "message_id",
                                                                   NULL) != NULL)
                {
                  g_free (told->message_id);
                  told->message_id = g_strdup (json_object_get_string_member (object,
                                                                              "message_id"));
                }
            }
        }
    }

  return table;
}

/* The incident of the log a platform's notice belongs to: an open one covering it, else
 * the newest one covering it that is not closed. */
LfIncident *
lf_outage_incident_for (LfIncidentLog *log,
              const char    *platform_id,
              gboolean       rehearsal)
{
  LfIncident *found = NULL;

  for (guint i = 0; log != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (log)); i++)
    {
      g_autoptr(LfIncident) incident = g_list_model_get_item (G_LIST_MODEL (log), i);

      if (lf_incident_get_rehearsal (incident) != !!rehearsal ||
          lf_incident_get_status (incident) == LF_INCIDENT_CLOSED ||
          !g_strv_contains (lf_incident_get_platforms (incident), platform_id))
        continue;
      if (lf_incident_is_open (incident))
        return incident;
      if (found == NULL)
        found = incident;
    }

  return found;
}

/**
 * lf_outage_plan_all_clear:
 * @contacts: (element-type LfContact): the client directory
 * @log: the incident log with the record of who was told
 *
 * The clients told of an outage whose platforms are all up again and who have not had the
 * all-clear: each is told about exactly the platforms of their outage notice, in reply to
 * it (LfRecipient.in_reply_to).
 *
 * Returns: (transfer full): the plan; no recipient when nothing is due
 */
LfOutagePlan *
lf_outage_plan_all_clear (LfMonitor     *monitor,
                          gboolean       rehearsal,
                          GPtrArray     *contacts,
                          LfIncidentLog *log)
{
  LfOutagePlan *plan = g_new0 (LfOutagePlan, 1);
  g_autoptr(GHashTable) told = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  LfCatalog *catalog;

  g_return_val_if_fail (LF_IS_MONITOR (monitor), plan);
  g_return_val_if_fail (contacts != NULL, plan);

  catalog = lf_monitor_get_catalog (monitor);
  plan->recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_recipient_free);
  told = lf_outage_collect_told (log, rehearsal);

  for (guint i = 0; i < contacts->len; i++)
    {
      LfContact *contact = g_ptr_array_index (contacts, i);
      Told *record = g_hash_table_lookup (told, lf_contact_get_id (contact));
      gboolean all_up = TRUE;
      LfRecipient *recipient;

      if (lf_contact_get_platforms (contact) == NULL ||
          lf_contact_get_platforms (contact)[0] == NULL)
        plan->n_unlinked++;
      if (record == NULL || record->platforms->len == 0)
        continue;

      for (guint j = 0; j < record->platforms->len; j++)
        if (lf_outage_state_of (monitor, g_ptr_array_index (record->platforms, j)) != LF_STATE_UP)
          all_up = FALSE;
      if (!all_up)
        continue;

      recipient = lf_outage_recipient_for (contact);
      if (recipient == NULL)
        continue;
      lf_outage_tell (recipient, catalog, monitor, record->platforms, FALSE);
      recipient->in_reply_to = g_strdup (record->message_id);
      g_ptr_array_add (plan->recipients, recipient);
      for (guint j = 0; j < record->platforms->len; j++)
        if (!lf_outage_ptr_array_has (all, g_ptr_array_index (record->platforms, j)))
          {
            g_ptr_array_add (all, g_ptr_array_index (record->platforms, j));
            g_strv_builder_add (ids, g_ptr_array_index (record->platforms, j));
          }
    }

  plan->platforms = g_strv_builder_end (ids);
  return plan;
}

/**
 * lf_outage_record_notice:
 * @log: the incident log
 * @notice: a notice that was sent (or retried)
 *
 * Records who was told what: for each incident a told platform belongs to, one
 * "notice-sent" entry whose "told" data lists the clients (opaque ids), the platforms of
 * that incident they were told about and the Message-ID of their mail. Only messages that
 * went out (sent, or handed to the mail app) count. Sending an outage notice ticks the
 * run's "Tell affected clients" step, an all-clear its "all clear" step.
 *
 * Returns: the number of clients recorded
 */
guint
lf_outage_record_notice (LfIncidentLog *log,
                         LfNotice      *notice)
{
  const LfRenderContext *context;
  const char *template_id;
  g_autoptr(GHashTable) per_incident = NULL;   /* LfIncident → JsonArray */
  g_autoptr(GHashTable) contacts = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;
  LfChannel *channel;

  g_return_val_if_fail (LF_IS_INCIDENT_LOG (log), 0);
  g_return_val_if_fail (LF_IS_NOTICE (notice), 0);

  context = lf_notice_get_context (notice);
  template_id = lf_template_get_id (lf_notice_get_template (notice));
  channel = lf_notice_get_channel (notice);
  per_incident = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                        (GDestroyNotify) json_array_unref);

  for (guint i = 0; i < lf_notice_get_n_entries (notice); i++)
    {
      const LfNoticeEntry *entry = lf_notice_get_entry (notice, i);
      const LfRecipient *recipient = entry->recipient;
      g_autoptr(GHashTable) objects = g_hash_table_new (g_direct_hash, g_direct_equal);

      if ((entry->result != LF_NOTICE_RESULT_SENT &&
           entry->result != LF_NOTICE_RESULT_HANDED_OFF) || recipient->platform_ids == NULL)
        continue;

      for (guint j = 0; recipient->platform_ids[j] != NULL; j++)
        {
          LfIncident *incident = lf_outage_incident_for (log, recipient->platform_ids[j],
                                               context->rehearsal);
          JsonArray *array;
          JsonObject *object;

          if (incident == NULL)
            continue;

          object = g_hash_table_lookup (objects, incident);
          if (object == NULL)
            {
              array = g_hash_table_lookup (per_incident, incident);
              if (array == NULL)
                {
                  array = json_array_new ();
                  g_hash_table_insert (per_incident, incident, array);
                }
              object = json_object_new ();
              json_object_set_string_member (object, "contact", recipient->contact_id);
              json_object_set_array_member (object, "platforms", json_array_new ());
              if (entry->message_id != NULL)
                {
                  /* Only the local part: no address lands in the file. */
                  g_autofree char *local = g_strndup (entry->message_id,
                                                      strcspn (entry->message_id, "@"));

                  json_object_set_string_member (object, "message_id", local);
                }
              json_array_add_object_element (array, object);
              g_hash_table_insert (objects, incident, object);
            }
          json_array_add_string_element (json_object_get_array_member (object, "platforms"),
                                         recipient->platform_ids[j]);
          g_hash_table_add (contacts, recipient->contact_id);
        }
    }

  g_hash_table_iter_init (&iter, per_incident);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      LfIncident *incident = key;
      JsonArray *array = value;
      g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), array);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *told = NULL;
      g_autofree char *text = NULL;
      guint n = json_array_get_length (array);
      const char *step = g_str_equal (template_id, "all-clear") ? ALL_CLEAR_STEP
                                                                : TELL_CLIENTS_STEP;

      json_generator_set_root (generator, node);
      told = json_generator_to_data (generator, NULL);
      /* Translators: an incident timeline entry; the template's name, then a count */
      text = g_strdup_printf (ngettext ("“%s” sent to %u client", "“%s” sent to %u clients", n),
                              lf_template_get_name (lf_notice_get_template (notice)), n);
      lf_incident_log_record (log, incident, LF_TIMELINE_NOTICE_SENT, text,
                              TEMPLATE_KEY, template_id,
                              NOTICE_KEY, lf_notice_get_id (notice),
                              LF_TIMELINE_DATA_CHANNEL,
                              channel != NULL
                              ? lf_channel_kind_to_string (lf_channel_get_kind (channel)) : "",
                              TOLD_KEY, told,
                              NULL);

      if (g_str_equal (template_id, "outage") || g_str_equal (template_id, "all-clear"))
        for (guint i = 0; i < lf_incident_get_n_steps (incident); i++)
          {
            const LfRunStep *run_step = lf_incident_get_step (incident, i);

            if (g_strcmp0 (run_step->step_id, step) == 0 && run_step->done_at == NULL)
              lf_incident_log_set_step_done (log, incident, i, TRUE);
          }
    }

  return g_hash_table_size (contacts);
}

/**
 * lf_outage_get_action:
 * @log: (nullable): the incident log, for a due all-clear
 * @n_all_clear: (out) (optional): how many clients the all-clear is due to
 *
 * Returns: the next action the state calls for
 */
LfOutageAction
lf_outage_get_action (LfMonitor     *monitor,
                      gboolean       rehearsal,
                      LfIncidentLog *log,
                      guint         *n_all_clear)
{
  g_autoptr(GHashTable) told = NULL;
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_return_val_if_fail (LF_IS_MONITOR (monitor), LF_OUTAGE_ACTION_NONE);

  if (n_all_clear != NULL)
    *n_all_clear = 0;

  switch (lf_outage_get_level (monitor))
    {
    case LF_OUTAGE_LEVEL_OUTAGE:
      return LF_OUTAGE_ACTION_NOTIFY;
    case LF_OUTAGE_LEVEL_NETWORK:
      return LF_OUTAGE_ACTION_CHECK_AGAIN;
    case LF_OUTAGE_LEVEL_CLEAR:
    case LF_OUTAGE_LEVEL_DEGRADED:
    default:
      break;
    }

  told = lf_outage_collect_told (log, rehearsal);
  g_hash_table_iter_init (&iter, told);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Told *record = value;
      gboolean all_up = record->platforms->len > 0;

      for (guint j = 0; j < record->platforms->len; j++)
        if (lf_outage_state_of (monitor, g_ptr_array_index (record->platforms, j)) != LF_STATE_UP)
          all_up = FALSE;
      if (all_up)
        n++;
    }

  if (n_all_clear != NULL)
    *n_all_clear = n;

  return n > 0 ? LF_OUTAGE_ACTION_ALL_CLEAR : LF_OUTAGE_ACTION_NONE;
}

/**
 * lf_outage_is_known:
 * @log: (nullable): the incident log as loaded at start
 * @platform_id: a platform that just went down
 * @before: Unix seconds: when this process started
 *
 * Whether an open (not a rehearsal) incident covering @platform_id began before @before: the
 * outage was already announced by a previous run, so a restart during it does not raise
 * the alarm again.
 *
 * Returns: %TRUE when it is known
 */
gboolean
lf_outage_is_known (LfIncidentLog *log,
                    const char    *platform_id,
                    gint64         before)
{
  g_return_val_if_fail (platform_id != NULL, FALSE);

  for (guint i = 0; log != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (log)); i++)
    {
      g_autoptr(LfIncident) incident = g_list_model_get_item (G_LIST_MODEL (log), i);
      GDateTime *started = lf_incident_get_started_at (incident);

      if (lf_incident_is_open (incident) && !lf_incident_get_rehearsal (incident) &&
          g_strv_contains (lf_incident_get_platforms (incident), platform_id) &&
          started != NULL && g_date_time_to_unix (started) < before)
        return TRUE;
    }

  return FALSE;
}
