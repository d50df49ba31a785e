/* lf-cli-export.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-cli"

#include "config.h"

#include "lf-cli-export.h"

#include <glib/gi18n.h>

#include "lf-notice-bundle.h"

#include "lf-cli-contacts.h"
#include "lf-context.h"
#include "lf-export.h"

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The channels (credentials only with --include-secrets) and the changed templates. */
static gboolean
collect_notices (LfContext   *context,
                 gboolean     include_secrets,
                 JsonArray  **channels,
                 JsonArray  **templates,
                 GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (!lf_cli_context_load_notices (context, error))
    return FALSE;

  lf_notice_bundle_export_async (lf_context_get_channel_store (context),
                                 lf_context_get_template_store (context), include_secrets, NULL,
                                 result_cb, &result);
  lf_cli_contacts_wait (&result);
  return lf_notice_bundle_export_finish (result, channels, templates, error);
}

/**
 * lf_cli_export:
 * @path: the file to write; .json (bundle), .vcf or .csv
 * @include_secrets: whether to write webhook URLs and passwords
 *
 * Returns: the exit code: 0 when written, 1 on any error (then nothing is written)
 */
int
lf_cli_export (const char *path,
               gboolean    include_secrets)
{
  g_autoptr(LfContext) context = lf_context_new_headless ();
  LfContactStore *store = lf_context_get_contact_store (context);
  g_autoptr(LfProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autoptr(JsonArray) channels = NULL;
  g_autoptr(JsonArray) templates = NULL;
  g_autoptr(JsonNode) plan_node = NULL;
  guint n;

  g_return_val_if_fail (path != NULL, 1);

  display = g_filename_display_name (path);

  if (lf_import_format_for_path (path) == LF_IMPORT_FORMAT_UNKNOWN)
    {
      g_printerr (_("Cannot export to “%s”: choose a file name ending in .json (Lifeline "
                    "bundle), .vcf (vCard) or .csv\n"), display);
      return 1;
    }

  if (!lf_cli_context_load_contacts (context, &error))
    {
      g_printerr (_("Cannot export: %s\n"), error->message);
      return 1;
    }

  profile = lf_cli_load_profile (&error);
  if (profile == NULL)
    {
      g_printerr (_("Cannot export: %s\n"), error->message);
      return 1;
    }

  if (lf_import_format_for_path (path) == LF_IMPORT_FORMAT_BUNDLE &&
      !collect_notices (context, include_secrets, &channels, &templates, &error))
    {
      g_printerr (_("Cannot export the channels and templates: %s\n"), error->message);
      return 1;
    }

  if (lf_import_format_for_path (path) == LF_IMPORT_FORMAT_BUNDLE)
    {
      if (!lf_cli_context_load_plan (context, &error))
        {
          g_printerr (_("Cannot export the plan: %s\n"), error->message);
          return 1;
        }
      plan_node = lf_plan_to_json (lf_context_get_plan (context));
    }

  if (!lf_export_write_full (G_LIST_MODEL (store), profile, channels, templates,
                             plan_node != NULL ? json_node_get_object (plan_node) : NULL, path,
                             include_secrets, &error))
    {
      g_printerr (_("Cannot write “%s”: %s\n"), display, error->message);
      return 1;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u client to “%s”.\n",
                        "Exported %u clients to “%s”.\n", n), n, display);
  g_printerr (_("Warning: %s\n"), lf_export_get_warning ());
  return 0;
}
