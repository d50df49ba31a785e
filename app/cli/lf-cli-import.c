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
#include "lf-context.h"
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

/**
 * lf_cli_import:
 * @path: a Lifeline bundle (.json), vCard (.vcf) or CSV (.csv) file
 *
 * Prints the preview (added, merged, skipped with reasons), then applies it: all of it or,
 * when a write fails, nothing (what was written is undone).
 *
 * Returns: the exit code: 0 when imported, 1 on any error (nothing is written when the
 *   file cannot be read or is refused, or the keyring is unavailable or locked)
 */
int
lf_cli_import (const char *path)
{
  g_autoptr(LfContext) context = lf_context_new_headless ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LfImportPreview) preview = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *display = NULL;
  LfBundle *bundle;
  gboolean has_notices, has_plan;
  guint n_channels, n_templates, n_steps;
  gsize length;

  g_return_val_if_fail (path != NULL, 1);

  display = g_filename_display_name (path);

  if (!lf_storage_read_regular (path, LF_IMPORT_MAX_SIZE, &contents, &length, &error))
    {
      g_printerr (_("Cannot read “%s”: %s\n"), display, error->message);
      return 1;
    }

  /* The file first: a broken or refused file says so without touching the keyring. */
  preview = lf_import_preview_new (NULL, contents, length,
                                   lf_import_guess_format (path, contents, length), &error);
  if (preview == NULL)
    {
      g_printerr (_("Cannot import “%s”: %s\n"), display, error->message);
      return 1;
    }
  bundle = lf_import_preview_get_bundle (preview);
  has_notices = bundle != NULL && (bundle->channels != NULL || bundle->templates != NULL);
  has_plan = bundle != NULL && bundle->plan != NULL;
  g_clear_object (&preview);
  g_clear_pointer (&contents, g_free);

  if (!lf_cli_context_load_contacts (context, &error))
    {
      g_printerr (_("Cannot import: %s\n"), error->message);
      return 1;
    }

  /* The current channels, templates and plan: a bundle adds to them (and replaces those
   * with the same id) or, for the plan, replaces it. */
  if (has_notices && !lf_cli_context_load_notices (context, &error))
    {
      g_printerr (_("Cannot import: the channels and templates cannot be read: %s\n"),
                  error->message);
      return 1;
    }
  if (has_plan && !lf_cli_context_load_plan (context, &error))
    {
      g_printerr (_("Cannot import: the plan cannot be read: %s\n"), error->message);
      return 1;
    }

  /* The window's import: the preview against the context's clients, aimed at its stores. */
  lf_context_import_async (context, file, NULL, NULL, NULL, NULL, apply_cb, &result);
  lf_cli_contacts_wait (&result);
  preview = lf_context_import_finish (context, result, &error);
  g_clear_object (&result);
  if (preview == NULL)
    {
      g_printerr (_("Cannot import “%s”: %s\n"), display, error->message);
      return 1;
    }
  bundle = lf_import_preview_get_bundle (preview);

  summary = lf_import_preview_to_string (preview);
  g_print ("%s", summary);

  lf_import_preview_apply_async (preview, NULL, apply_cb, &result);
  lf_cli_contacts_wait (&result);
  if (!lf_import_preview_apply_finish (preview, result, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print (_("Imported into the keyring.\n"));

  lf_import_preview_get_applied (preview, NULL, &n_channels, &n_templates, &n_steps);
  if (n_channels > 0 || n_templates > 0)
    {
      g_autofree char *counts = lf_notice_bundle_describe (n_channels, n_templates);

      /* Translators: e.g. "Imported 2 channels and 1 template." */
      g_print (_("Imported %s.\n"), counts);
    }
  if (bundle != NULL && bundle->plan != NULL)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Imported a plan of %u step.\n",
                          "Imported a plan of %u steps.\n", n_steps), n_steps);

  return 0;
}
