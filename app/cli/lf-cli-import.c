/* lf-cli-import.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-cli"

#include "config.h"

#include "lf-cli-import.h"

#include <glib/gi18n.h>

#include "lf-notice-bundle.h"

#include "lf-cli-contacts.h"
#include "lf-import.h"
#include "lf-storage.h"

static void
apply_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The bundle's channels (credentials into the keyring) and templates. */
static int
import_notices (LfBundle *bundle)
{
  g_autoptr(LfChannelStore) channels = lf_channel_store_new (NULL);
  g_autoptr(LfTemplateStore) templates = lf_template_store_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *counts = NULL;
  guint n_channels, n_templates;

  if (bundle == NULL || (bundle->channels == NULL && bundle->templates == NULL))
    return 0;

  /* The current ones first: the import adds to them and replaces those with the same id. */
  if (!lf_channel_store_load (channels, &error) ||
      !lf_template_store_load (templates, &error))
    {
      g_printerr (_("The channels and templates were not imported: %s\n"), error->message);
      return 1;
    }

  lf_notice_bundle_import_async (bundle, channels, templates, NULL, apply_cb, &result);
  lf_cli_contacts_wait (&result);
  if (!lf_notice_bundle_import_finish (result, &n_channels, &n_templates, &error))
    {
      g_printerr (_("The channels and templates were not imported: %s\n"), error->message);
      return 1;
    }

  counts = lf_notice_bundle_describe (n_channels, n_templates);
  if (counts != NULL)
    /* Translators: e.g. "Imported 2 channels and 1 template." */
    g_print (_("Imported %s.\n"), counts);
  return 0;
}

/* The bundle's plan replaces the user's contingency plan. */
static int
import_plan (LfBundle *bundle)
{
  g_autoptr(LfPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  if (bundle == NULL || bundle->plan == NULL)
    return 0;

  plan = lf_cli_load_plan (&error);
  if (plan == NULL
      || !lf_plan_set_steps_from_json (plan, bundle->plan, &error)
      || !lf_plan_flush (plan, &error))
    {
      g_printerr (_("The plan was not imported: %s\n"), error->message);
      return 1;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported a plan of %u step.\n",
                        "Imported a plan of %u steps.\n",
                        g_list_model_get_n_items (G_LIST_MODEL (plan))),
           g_list_model_get_n_items (G_LIST_MODEL (plan)));
  return 0;
}

/**
 * lf_cli_import:
 * @path: a Lifeline bundle (.json), vCard (.vcf) or CSV (.csv) file
 *
 * Prints the preview (added, merged, skipped with reasons), then applies it.
 *
 * Returns: the exit code: 0 when imported, 1 on any error (nothing is written when the
 *   keyring is unavailable or locked, or the file cannot be read)
 */
int
lf_cli_import (const char *path)
{
  g_autoptr(LfContactStore) store = NULL;
  g_autoptr(LfImportPreview) preview = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *display = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, 1);

  display = g_filename_display_name (path);

  if (!lf_storage_read_capped (path, LF_IMPORT_MAX_SIZE, &contents, &length, &error))
    {
      g_printerr (_("Cannot read “%s”: %s\n"), display, error->message);
      return 1;
    }

  store = lf_cli_contacts_load_store (&error);
  if (store == NULL)
    {
      g_printerr (_("Cannot import: %s\n"), error->message);
      return 1;
    }

  preview = lf_import_preview_new (store, contents, length,
                                   lf_import_guess_format (path, contents, length), &error);
  if (preview == NULL)
    {
      g_printerr (_("Cannot import “%s”: %s\n"), display, error->message);
      return 1;
    }

  summary = lf_import_preview_to_string (preview);
  g_print ("%s", summary);

  lf_import_preview_apply_async (preview, NULL, apply_cb, &result);
  lf_cli_contacts_wait (&result);
  if (!lf_import_preview_apply_finish (preview, result, &error))
    {
      g_printerr (_("The import stopped: %s\n"), error->message);
      return 1;
    }

  g_print (_("Imported into the keyring.\n"));

  if (import_notices (lf_import_preview_get_bundle (preview)) != 0)
    return 1;

  return import_plan (lf_import_preview_get_bundle (preview));
}
