/* lf-incident-archive.c — which incidents leave incidents.json for an archive, and in what form
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-incident-log"

#include "config.h"

#include <string.h>

#include "lf-incident-private.h"

/* incidents.json is rewritten whole at every save and read whole (capped at 16 MiB) by every
 * process that keeps it. So that it never reaches that cap, closed incidents leave it for a
 * numbered gzip archive next to it ("incidents.json.1.gz", the same document format):
 *
 * - every closed incident closed more than LF_INCIDENT_ARCHIVE_DAYS ago, and
 * - while the file is over LF_INCIDENT_ARCHIVE_BYTES, the oldest closed ones until what stays
 *   is about half of that.
 *
 * Open incidents, and ended ones awaiting the user's confirmation, always stay. How the log
 * moves them without losing or resurrecting one is in lf-incident-log.c (archive_*). */

static GDateTime *
finished_at (LfIncident *incident)
{
  if (incident->closed_at != NULL)
    return incident->closed_at;
  if (incident->ended_at != NULL)
    return incident->ended_at;
  return incident->started_at;
}

static int
compare_oldest_first (gconstpointer a,
                      gconstpointer b)
{
  LfIncident *ia = *(LfIncident **) a;
  LfIncident *ib = *(LfIncident **) b;
  int by_time = g_date_time_compare (finished_at (ia), finished_at (ib));

  return by_time != 0 ? by_time : g_strcmp0 (ia->id, ib->id);
}

static gsize
json_size (LfIncident *incident)
{
  g_autoptr(JsonNode) node = lf_incident_to_json (incident);
  g_autofree char *text = json_to_string (node, TRUE);

  return strlen (text);
}

/**
 * lf_incident_archive_pick:
 * @incidents: (element-type LfIncident): the log's incidents
 * @file_size: the size of incidents.json now
 * @now: the time now
 *
 * Returns: (transfer container) (element-type LfIncident): the incidents to move to an
 *   archive, oldest first (possibly none)
 */
GPtrArray *
lf_incident_archive_pick (GPtrArray *incidents,
                          guint64    file_size,
                          GDateTime *now)
{
  g_autoptr(GPtrArray) closed = g_ptr_array_new ();
  g_autoptr(GDateTime) cutoff = g_date_time_add_days (now, -LF_INCIDENT_ARCHIVE_DAYS);
  GPtrArray *picked = g_ptr_array_new_with_free_func (g_object_unref);
  guint64 remaining = file_size;
  guint i = 0;

  for (guint j = 0; j < incidents->len; j++)
    {
      LfIncident *incident = g_ptr_array_index (incidents, j);

      if (lf_incident_get_status (incident) == LF_INCIDENT_CLOSED)
        g_ptr_array_add (closed, incident);
    }
  g_ptr_array_sort (closed, compare_oldest_first);

  /* Old enough. */
  for (; i < closed->len; i++)
    {
      LfIncident *incident = g_ptr_array_index (closed, i);

      if (g_date_time_compare (finished_at (incident), cutoff) >= 0)
        break;
      g_ptr_array_add (picked, g_object_ref (incident));
      if (file_size > LF_INCIDENT_ARCHIVE_BYTES)
        remaining -= MIN (remaining, json_size (incident));
    }

  /* Too large: the oldest of the rest, down to half the bound (so this is rare). */
  if (file_size > LF_INCIDENT_ARCHIVE_BYTES)
    for (; i < closed->len && remaining > LF_INCIDENT_ARCHIVE_BYTES / 2; i++)
      {
        LfIncident *incident = g_ptr_array_index (closed, i);

        g_ptr_array_add (picked, g_object_ref (incident));
        remaining -= MIN (remaining, json_size (incident));
      }

  return picked;
}

/**
 * lf_incident_archive_document:
 * @incidents: (element-type LfIncident): incidents to archive
 *
 * Returns: (transfer full): an incidents.json document holding @incidents, compact
 */
GBytes *
lf_incident_archive_document (GPtrArray *incidents)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, LF_INCIDENT_LOG_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, LF_INCIDENT_LOG_VERSION);
  json_builder_set_member_name (builder, "incidents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < incidents->len; i++)
    json_builder_add_value (builder, lf_incident_to_json (g_ptr_array_index (incidents, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  return g_bytes_new_take (text, strlen (text));
}
