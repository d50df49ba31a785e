/* lf-report.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-report"

#include "config.h"

#include "lf-report.h"
#include "lf-datetime.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lf-json.h"
#include "lf-storage.h"

/* A report is evidence a freelancer sends to a client or to platform support: it must stand
 * on its own. Every time is given in the user's time zone and in UTC, Ray IDs and vendor
 * incident links are listed apart, drills are marked as such at the top. The JSON report is
 * the incident itself (lf_incident_to_json()) wrapped with the report's own metadata, so it
 * reads back into the same incident. Reports are written atomically with mode 0600.
 */

#define REPORT_FORMAT "lifeline-incident-report"
#define REPORT_VERSION 1

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static GTimeZone *
local_or_default (GTimeZone *local)
{
  return local != NULL ? g_time_zone_ref (local) : g_time_zone_new_local ();
}

/* Markdown special characters in free text (titles, notes) are escaped. */
static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (strchr ("\\`*_[]<>#|", *p) != NULL)
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "  \n");
      else
        g_string_append_c (out, *p);
    }
}

static void
collect_evidence (LfIncident *incident,
                  GPtrArray  *ray_ids,
                  GPtrArray  *links)
{
  for (guint i = 0; i < lf_incident_get_n_entries (incident); i++)
    {
      const LfTimelineEntry *entry = lf_incident_get_entry (incident, i);
      const char *ray = lf_timeline_entry_get_data (entry, LF_TIMELINE_DATA_RAY_ID);
      const char *url = lf_timeline_entry_get_data (entry, LF_TIMELINE_DATA_URL);

      if (ray != NULL && !g_ptr_array_find_with_equal_func (ray_ids, ray, g_str_equal, NULL))
        g_ptr_array_add (ray_ids, (gpointer) ray);
      if (url != NULL && !g_ptr_array_find_with_equal_func (links, url, g_str_equal, NULL))
        g_ptr_array_add (links, (gpointer) url);
    }
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LfIncident *incident = task_data;
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  LfReportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "format"));
  g_autoptr(GError) error = NULL;

  if (!lf_report_write (incident, format, path, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_report_format_time:
 * @local: (nullable): the user's time zone; %NULL for the system's
 *
 * Returns: (transfer full): e.g. "2025-11-18 12:28:00 CET (11:28:00 UTC)"
 */
char *
lf_report_format_time (GDateTime *time,
                       GTimeZone *local)
{
  g_autoptr(GTimeZone) tz = local_or_default (local);

  g_return_val_if_fail (time != NULL, NULL);

  return lf_datetime_format (time, tz, LF_DATE_STYLE_REPORT);
}

/**
 * lf_report_format_duration:
 *
 * Returns: (transfer full): e.g. "5 h 46 min", "2 min", "less than a minute"
 */
char *
lf_report_format_duration (GTimeSpan span)
{
  gint64 minutes = span / G_TIME_SPAN_MINUTE;
  gint64 hours = minutes / 60;
  gint64 days = hours / 24;

  if (minutes < 1)
    return g_strdup (_("less than a minute"));
  if (hours < 1)
    /* Translators: a duration in minutes */
    return g_strdup_printf (_("%" G_GINT64_FORMAT " min"), minutes);
  if (days < 1)
    /* Translators: a duration in hours and minutes */
    return g_strdup_printf (_("%" G_GINT64_FORMAT " h %" G_GINT64_FORMAT " min"),
                            hours, minutes % 60);
  /* Translators: a duration in days and hours */
  return g_strdup_printf (_("%" G_GINT64_FORMAT " d %" G_GINT64_FORMAT " h"), days, hours % 24);
}

/**
 * lf_report_to_markdown:
 * @local: (nullable): the user's time zone; %NULL for the system's
 *
 * Returns: (transfer full): the incident as a Markdown document
 */
char *
lf_report_to_markdown (LfIncident *incident,
                       GTimeZone  *local)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) ray_ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) links = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *started = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *duration = NULL;
  const char * const *platforms;
  guint n_notices = 0;

  g_return_val_if_fail (LF_IS_INCIDENT (incident), NULL);

  collect_evidence (incident, ray_ids, links);
  platforms = lf_incident_get_platforms (incident);

  g_string_append (out, "# ");
  append_escaped (out, lf_incident_get_title (incident));
  g_string_append (out, "\n\n");

  if (lf_incident_get_rehearsal (incident))
    g_string_append_printf (out, "> **%s**\n\n",
                            _("This is a fire drill: a rehearsal with a scripted outage. "
                              "Nothing in it happened."));

  started = lf_report_format_time (lf_incident_get_started_at (incident), local);
  generated = lf_report_format_time (now, local);
  duration = lf_report_format_duration (lf_incident_get_elapsed (incident, NULL));

  g_string_append_printf (out, "| | |\n|---|---|\n");
  g_string_append_printf (out, "| %s | %s |\n", _("Started"), started);
  if (lf_incident_get_ended_at (incident) != NULL)
    {
      g_autofree char *ended = lf_report_format_time (lf_incident_get_ended_at (incident), local);

      g_string_append_printf (out, "| %s | %s |\n", _("Recovered"), ended);
    }
  if (lf_incident_get_closed_at (incident) != NULL)
    {
      g_autofree char *closed = lf_report_format_time (lf_incident_get_closed_at (incident),
                                                       local);

      g_string_append_printf (out, "| %s | %s |\n", _("Closed"), closed);
    }
  g_string_append_printf (out, "| %s | %s%s |\n", _("Duration"), duration,
                          lf_incident_get_status (incident) == LF_INCIDENT_OPEN
                          ? _(" (still going on)") : "");
  /* Display names, as the incident recorded them from the catalog (ids only for incidents
   * written before names were recorded); the ids stay in the JSON report. */
  if (platforms[0] != NULL)
    {
      g_autofree char *joined = lf_incident_dup_platform_names (incident);

      g_string_append_printf (out, "| %s | ", _("Platforms"));
      append_escaped (out, joined);
      g_string_append (out, " |\n");
    }
  if (lf_incident_get_provider (incident) != NULL)
    {
      g_string_append_printf (out, "| %s | ", _("Provider"));
      append_escaped (out, lf_incident_get_name (incident, lf_incident_get_provider (incident)));
      g_string_append (out, " |\n");
    }
  g_string_append_printf (out, "| %s | %s (`%s`) |\n", _("Cause"),
                          lf_cause_describe (lf_incident_get_cause (incident)),
                          lf_cause_to_string (lf_incident_get_cause (incident)));
  g_string_append_printf (out, "| %s | %s (`%s`) |\n", _("Diagnosis"),
                          lf_diagnosis_kind_describe (lf_incident_get_kind (incident)),
                          lf_diagnosis_kind_to_string (lf_incident_get_kind (incident)));
  g_string_append_printf (out, "| %s | %s |\n\n", _("Report generated"), generated);

  if (ray_ids->len > 0 || links->len > 0)
    {
      g_string_append_printf (out, "## %s\n\n", _("Evidence"));
      for (guint i = 0; i < ray_ids->len; i++)
        g_string_append_printf (out, "- %s: `%s`\n", _("Cloudflare Ray ID"),
                                (char *) g_ptr_array_index (ray_ids, i));
      for (guint i = 0; i < links->len; i++)
        g_string_append_printf (out, "- %s: <%s>\n", _("Vendor incident"),
                                (char *) g_ptr_array_index (links, i));
      g_string_append_c (out, '\n');
    }

  g_string_append_printf (out, "## %s\n\n", _("Timeline"));
  for (guint i = 0; i < lf_incident_get_n_entries (incident); i++)
    {
      const LfTimelineEntry *entry = lf_incident_get_entry (incident, i);
      g_autofree char *when = lf_report_format_time (entry->time, local);
      g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (entry->data),
                                           (GCompareFunc) g_strcmp0);

      if (entry->kind == LF_TIMELINE_NOTICE_SENT)
        n_notices++;

      g_string_append_printf (out, "- **%s** — %s: ", when,
                              lf_timeline_kind_describe (entry->kind));
      append_escaped (out, entry->text);
      for (GList *l = keys; l != NULL; l = l->next)
        {
          const char *value = g_hash_table_lookup (entry->data, l->data);

          if (g_str_equal (l->data, LF_TIMELINE_DATA_URL))
            g_string_append_printf (out, " — <%s>", value);
          else if (g_str_equal (l->data, LF_TIMELINE_DATA_RAY_ID))
            g_string_append_printf (out, " — Ray ID `%s`", value);
          else if (g_str_equal (l->data, LF_TIMELINE_DATA_PLATFORM))
            {
              g_string_append_printf (out, " — %s: ", _("platform"));
              append_escaped (out, lf_incident_get_name (incident, value));
            }
          else if (!g_str_equal (l->data, LF_TIMELINE_DATA_STEP))
            g_string_append_printf (out, " — %s: `%s`", (char *) l->data, value);
        }
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');

  if (lf_incident_get_n_steps (incident) > 0)
    {
      g_string_append_printf (out, "## %s (%u/%u)\n\n", _("Checklist"),
                              lf_incident_get_n_done (incident),
                              lf_incident_get_n_steps (incident));
      for (guint i = 0; i < lf_incident_get_n_steps (incident); i++)
        {
          const LfRunStep *step = lf_incident_get_step (incident, i);

          g_string_append_printf (out, "- [%c] ", step->done_at != NULL ? 'x' : ' ');
          append_escaped (out, step->title);
          if (step->done_at != NULL)
            {
              g_autofree char *when = lf_report_format_time (step->done_at, local);

              g_string_append_printf (out, " — %s %s", _("done"), when);
            }
          g_string_append_c (out, '\n');
        }
      g_string_append_c (out, '\n');
    }

  g_string_append_printf (out, "## %s\n\n", _("Notices sent"));
  if (n_notices == 0)
    g_string_append_printf (out, "%s\n\n", _("None recorded."));
  else
    {
      for (guint i = 0; i < lf_incident_get_n_entries (incident); i++)
        {
          const LfTimelineEntry *entry = lf_incident_get_entry (incident, i);
          g_autofree char *when = NULL;

          if (entry->kind != LF_TIMELINE_NOTICE_SENT)
            continue;
          when = lf_report_format_time (entry->time, local);
          g_string_append_printf (out, "- %s: ", when);
          append_escaped (out, entry->text);
          g_string_append_c (out, '\n');
        }
      g_string_append_c (out, '\n');
    }

  g_string_append_printf (out, "---\n%s\n\n",
                          _("Generated by Lifeline. Times are shown in the local time zone "
                            "with UTC in parentheses."));
  /* The UUID is for finding the incident in Lifeline's log, not for a person to read: it
   * comes last, labelled as such. */
  g_string_append_printf (out, "%s: `%s`\n",
                          _("Reference id (in Lifeline’s incident log)"),
                          lf_incident_get_id (incident));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * lf_report_to_json:
 * @local: (nullable): the user's time zone, named in the report
 *
 * Returns: (transfer full): `{ "format": "lifeline-incident-report", "version": 1,
 *   "generated_at", "time_zone", "rehearsal", "drill" (the same), "incident": { … } }`
 */
char *
lf_report_to_json (LfIncident *incident,
                   GTimeZone  *local)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GTimeZone) tz = local_or_default (local);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);

  g_return_val_if_fail (LF_IS_INCIDENT (incident), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, REPORT_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, REPORT_VERSION);
  json_builder_set_member_name (builder, "generated_at");
  json_builder_add_string_value (builder, now_text);
  json_builder_set_member_name (builder, "time_zone");
  json_builder_add_string_value (builder, g_time_zone_get_identifier (tz));
  json_builder_set_member_name (builder, "rehearsal");
  json_builder_add_boolean_value (builder, lf_incident_get_rehearsal (incident));
  /* The same flag under the name the first reports gave it. */
  json_builder_set_member_name (builder, "drill");
  json_builder_add_boolean_value (builder, lf_incident_get_rehearsal (incident));
  json_builder_set_member_name (builder, "incident");
  json_builder_add_value (builder, lf_incident_to_json (incident));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/**
 * lf_report_parse_json:
 *
 * Reads a JSON report back.
 *
 * Returns: (transfer full) (nullable): the incident
 */
LfIncident *
lf_report_parse_json (const char  *text,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (text != NULL, NULL);

  if (!lf_json_parser_load (parser, text, -1, error))
    return NULL;

  node = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (node)
      || g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (node),
                                                                "format", NULL),
                    REPORT_FORMAT) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("This is not a Lifeline incident report"));
      return NULL;
    }

  object = json_node_get_object (node);
  node = json_object_get_member (object, "incident");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The report holds no incident"));
      return NULL;
    }

  return lf_incident_new_from_json (json_node_get_object (node), error);
}

/**
 * lf_report_write:
 *
 * Writes the report to @path atomically, readable only by the user (0600). Blocking: use
 * lf_report_write_async() in the app.
 */
gboolean
lf_report_write (LfIncident      *incident,
                 LfReportFormat   format,
                 const char      *path,
                 GError         **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (LF_IS_INCIDENT (incident), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (format == LF_REPORT_JSON)
    text = lf_report_to_json (incident, NULL);
  else
    text = lf_report_to_markdown (incident, NULL);

  return lf_storage_write_atomic (path, text, -1, 0600, error);
}

void
lf_report_write_async (LfIncident          *incident,
                       LfReportFormat       format,
                       const char          *path,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) snapshot = NULL;
  LfIncident *copy;

  g_return_if_fail (LF_IS_INCIDENT (incident));
  g_return_if_fail (path != NULL);

  /* The worker gets its own copy: the live incident may change meanwhile. */
  snapshot = lf_incident_to_json (incident);
  copy = lf_incident_new_from_json (json_node_get_object (snapshot), NULL);
  g_assert (copy != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_report_write_async);
  g_task_set_task_data (task, copy, g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (path), g_free);
  g_object_set_data (G_OBJECT (task), "format", GINT_TO_POINTER (format));
  g_task_run_in_thread (task, write_thread);
}

gboolean
lf_report_write_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
