/* lf-cli-check.c — `lifeline --check`: one health check, printed
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-cli"

#include "config.h"

#include "lf-cli-check.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "lf-catalog.h"
#include "lf-monitor.h"

/* One round of the real monitor over the platforms to check (references and status sources
 * included, all at once on one SoupSession), with short confirmation re-probes for failures,
 * then a table or DESIGN.md's JSON object. No display, no D-Bus.
 *
 * Which platforms (docs/DESIGN.md, "Command line"): the person's watched platforms (GSettings
 * `watched-platforms`, the list the application watches), in the catalog's order; with
 * `--all`, or with `--catalog FILE` (a catalog given for one run is the set to check, as
 * before), every platform of the catalog. Nothing watched is exit 3 with a word on stderr. */

#define CHECK_CONFIRM_DELAY_MS 500
#define CHECK_MAX_TIMEOUT 600

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static gboolean
parse_timeout (const char  *text,
               guint       *seconds,
               GError     **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, CHECK_MAX_TIMEOUT, &value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--timeout must be a whole number of seconds from 1 to %u, not “%s”"),
                   CHECK_MAX_TIMEOUT, text);
      return FALSE;
    }

  *seconds = (guint) value;
  return TRUE;
}

/* The monitoring-plugin convention, from the one state ranking (lf_state_worst()). */
static int
exit_code_for (LfMonitor *monitor)
{
  LfDiagnosis *diagnosis = lf_monitor_get_diagnosis (monitor);

  if (diagnosis == NULL || lf_diagnosis_get_kind (diagnosis) >= LF_DIAGNOSIS_LOCAL_NETWORK)
    return LF_CHECK_EXIT_UNKNOWN;

  switch (lf_monitor_get_worst_state (monitor))
    {
    case LF_STATE_DOWN:
      return LF_CHECK_EXIT_CRITICAL;
    case LF_STATE_DEGRADED:
    case LF_STATE_MAINTENANCE:
      return LF_CHECK_EXIT_WARNING;
    case LF_STATE_UNKNOWN:
      return LF_CHECK_EXIT_UNKNOWN;
    case LF_STATE_UP:
    default:
      return LF_CHECK_EXIT_OK;
    }
}

/* The document is the core's (lf_monitor_to_json()); here it is only printed. */
static char *
format_json (LfMonitor *monitor)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = lf_monitor_to_json (monitor);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}

/* Pads @text with spaces to @width characters (not bytes). */
static void
append_cell (GString    *out,
             const char *text,
             guint       width)
{
  glong len = g_utf8_strlen (text, -1);

  g_string_append (out, text);
  for (glong i = len; i < (glong) width + 2; i++)
    g_string_append_c (out, ' ');
}

static char *
format_table (LfMonitor *monitor)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  LfDiagnosis *diagnosis = lf_monitor_get_diagnosis (monitor);
  LfCatalog *catalog = lf_monitor_get_catalog (monitor);
  GListModel *platforms = lf_monitor_get_platforms (monitor);
  guint n = g_list_model_get_n_items (platforms);
  guint widths[5] = { 0 };
  guint n_ok = 0;
  char **header;

  header = g_new0 (char *, 7);
  header[0] = g_strdup (_("PLATFORM"));
  header[1] = g_strdup (_("STATE"));
  header[2] = g_strdup (_("CAUSE"));
  header[3] = g_strdup (_("HTTP"));
  header[4] = g_strdup (_("LATENCY"));
  header[5] = g_strdup (_("NOTE"));
  g_ptr_array_add (rows, header);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LfPlatformState) state = g_list_model_get_item (platforms, i);
      char **row = g_new0 (char *, 7);
      double latency = lf_platform_state_get_latency_ms (state);
      guint http = lf_platform_state_get_http_status (state);

      row[0] = g_strdup (lf_platform_state_get_name (state));
      row[1] = g_strdup (lf_state_describe (lf_platform_state_get_state (state)));
      row[2] = g_strdup (lf_cause_to_string (lf_platform_state_get_cause (state)));
      row[3] = http != 0 ? g_strdup_printf ("%u", http) : g_strdup ("–");
      /* Translators: a latency in milliseconds */
      row[4] = latency >= 0 ? g_strdup_printf (_("%.0f ms"), latency) : g_strdup ("–");
      row[5] = g_strdup (lf_platform_state_get_explanation (state));
      g_ptr_array_add (rows, row);
    }

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < 5; c++)
        widths[c] = MAX (widths[c], (guint) g_utf8_strlen (row[c], -1));
    }

  /* Translators: the first line of `lifeline --check` */
  g_string_append_printf (out, _("Diagnosis: %s"), lf_diagnosis_get_summary (diagnosis));
  g_string_append (out, "\n\n");

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < 5; c++)
        append_cell (out, row[c], widths[c]);
      g_string_append (out, row[5]);
      g_string_append_c (out, '\n');
    }

  for (guint i = 0; i < catalog->references->len; i++)
    {
      LfCatalogReference *reference = g_ptr_array_index (catalog->references, i);
      if (lf_monitor_get_reference_ok (monitor, reference->id))
        n_ok++;
    }
  g_string_append_c (out, '\n');
  /* Translators: e.g. "Reference checks: 4 of 5 answered" */
  g_string_append_printf (out, _("Reference checks: %u of %u answered"), n_ok,
                          catalog->references->len);
  g_string_append_c (out, '\n');

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/**
 * lf_cli_check:
 * @options: --check and its companions --json, --catalog FILE, --timeout SECONDS, --all
 *
 * Returns: the monitoring-plugin exit code (3 also for bad arguments or a bad catalog)
 */
int
lf_cli_check (GVariantDict *options)
{
  g_autoptr(LfCatalog) catalog = NULL;
  g_autoptr(LfMonitor) monitor = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_auto(GStrv) watched = NULL;
  g_autofree char *output = NULL;
  const char *catalog_file = NULL;
  const char *timeout_text = NULL;
  gboolean json = g_variant_dict_contains (options, "json");
  guint timeout = LF_MONITOR_DEFAULT_TIMEOUT;

  g_return_val_if_fail (options != NULL, LF_CHECK_EXIT_UNKNOWN);

  if (g_variant_dict_lookup (options, "timeout", "&s", &timeout_text)
      && !parse_timeout (timeout_text, &timeout, &error))
    {
      g_printerr ("lifeline: %s\n", error->message);
      return LF_CHECK_EXIT_UNKNOWN;
    }

  if (g_variant_dict_lookup (options, "catalog", "^&ay", &catalog_file))
    catalog = lf_catalog_new_from_file (catalog_file, &error);
  else
    catalog = lf_catalog_load_default (NULL, &error);
  if (catalog == NULL)
    {
      g_printerr ("lifeline: %s\n", error->message);
      return LF_CHECK_EXIT_UNKNOWN;
    }

  if (catalog_file != NULL || g_variant_dict_contains (options, "all"))
    for (guint i = 0; i < catalog->platforms->len; i++)
      g_ptr_array_add (ids, ((LfCatalogPlatform *) g_ptr_array_index (catalog->platforms, i))->id);
  else
    {
      watched = lf_cli_watched_platforms (catalog, &error);
      if (watched == NULL)
        {
          /* Translators: what cannot be known, then how to go on without it */
          g_printerr ("lifeline: %s; %s\n", error->message,
                      _("use --all to check every platform"));
          return LF_CHECK_EXIT_UNKNOWN;
        }
      for (guint i = 0; watched[i] != NULL; i++)
        g_ptr_array_add (ids, watched[i]);
      if (ids->len == 0)
        g_printerr ("lifeline: %s\n", _("No platform is watched: choose them in Lifeline, or "
                                        "use --all to check every platform"));
    }
  g_ptr_array_add (ids, NULL);

  monitor = lf_monitor_new (catalog, NULL);   /* one lf_http_session_new () for everything */
  lf_monitor_set_timeout (monitor, timeout);
  lf_monitor_set_timings (monitor, LF_MONITOR_DEFAULT_INTERVAL * 1000, CHECK_CONFIRM_DELAY_MS, 0);
  lf_monitor_set_watched (monitor, (const char * const *) ids->pdata);

  lf_monitor_check_now (monitor);
  while (lf_monitor_get_checking (monitor))
    g_main_context_iteration (NULL, TRUE);

  output = json ? format_json (monitor) : format_table (monitor);
  fputs (output, stdout);
  if (json)
    fputc ('\n', stdout);
  fflush (stdout);

  /* Nothing watched: nothing is known of any platform. */
  if (ids->len == 1)
    return LF_CHECK_EXIT_UNKNOWN;

  return exit_code_for (monitor);
}

/**
 * lf_cli_watched_platforms:
 * @catalog: the catalog in use
 * @error: return location for a #GError
 *
 * The platforms the person watches (GSettings `watched-platforms`, the list the application's
 * monitor watches) that @catalog knows, in the order they were chosen: what a command probes
 * when it is not given a catalog of its own, so that it decides on the platforms the window
 * would (`--check`, `--notify affected|all-clear`).
 *
 * Returns: (transfer full): the ids, maybe none; %NULL with @error set when the settings
 *   schema is not installed
 */
GStrv
lf_cli_watched_platforms (LfCatalog  *catalog,
                          GError    **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) watched = NULL;

  g_return_val_if_fail (catalog != NULL, NULL);

  schema = source != NULL ? g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE) : NULL;
  if (schema == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Lifeline's settings (%s) are not installed, so the watched platforms "
                     "are not known"), SCHEMA_ID);
      return NULL;
    }

  settings = g_settings_new_full (schema, NULL, NULL);
  watched = g_settings_get_strv (settings, "watched-platforms");
  for (guint i = 0; watched[i] != NULL; i++)
    if (lf_catalog_lookup_platform (catalog, watched[i]) != NULL)
      g_strv_builder_add (builder, watched[i]);

  return g_strv_builder_end (builder);
}
