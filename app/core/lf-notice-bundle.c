/* lf-notice-bundle.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-notice-bundle"

#include "config.h"

#include "lf-notice-bundle.h"

#include <glib/gi18n.h>

/* The notices part of a bundle (DESIGN.md): "channels" go through the channel store
 * (credentials into the keyring, the file without them) and "templates" into the template
 * store. Everything is checked before anything is changed: one bad template or channel
 * imports nothing. An export holds every channel (credentials only when asked for) and the
 * templates the user changed or added — the shipped ones come with the program.
 */

typedef struct
{
  LfChannelStore  *channels;
  LfTemplateStore *templates;
  JsonArray       *channel_array;
  GPtrArray       *parsed_templates;   /* LfTemplate */
  JsonArray       *template_array;     /* export */
  guint            n_channels;
  guint            n_templates;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->channels);
  g_clear_object (&job->templates);
  g_clear_pointer (&job->channel_array, json_array_unref);
  g_clear_pointer (&job->parsed_templates, g_ptr_array_unref);
  g_clear_pointer (&job->template_array, json_array_unref);
  g_free (job);
}

/* ------------------------------------------------------------------------ */
/* Import                                                                   */
/* ------------------------------------------------------------------------ */

static void
templates_saved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!lf_template_store_save_finish (LF_TEMPLATE_STORE (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
import_templates (GTask *task)
{
  Job *job = g_task_get_task_data (task);

  if (job->parsed_templates == NULL || job->parsed_templates->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  for (guint i = 0; i < job->parsed_templates->len; i++)
    lf_template_store_update (job->templates, g_ptr_array_index (job->parsed_templates, i));
  job->n_templates = job->parsed_templates->len;
  lf_template_store_save_async (job->templates, g_task_get_cancellable (task),
                                templates_saved_cb, task);
}

static void
channels_imported_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  job->n_channels = lf_channel_store_import_finish (LF_CHANNEL_STORE (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  import_templates (task);
}

/**
 * lf_notice_bundle_import_async:
 * @bundle: a parsed bundle
 * @channels: where its "channels" go
 * @templates: where its "templates" go
 *
 * Imports the bundle's channels (credentials into the keyring) and templates, and saves
 * both stores. A bundle without them is a success with nothing imported.
 */
void
lf_notice_bundle_import_async (LfBundle            *bundle,
                               LfChannelStore      *channels,
                               LfTemplateStore     *templates,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (bundle != NULL);
  g_return_if_fail (LF_IS_CHANNEL_STORE (channels));
  g_return_if_fail (LF_IS_TEMPLATE_STORE (templates));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_notice_bundle_import_async);
  job = g_new0 (Job, 1);
  job->channels = g_object_ref (channels);
  job->templates = g_object_ref (templates);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  /* Check every template before anything changes. */
  if (bundle->templates != NULL)
    {
      job->parsed_templates = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < json_array_get_length (bundle->templates); i++)
        {
          JsonNode *node = json_array_get_element (bundle->templates, i);
          g_autoptr(GError) error = NULL;
          LfTemplate *template;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            {
              g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                       _("Template %u of the bundle is not an object"), i + 1);
              return;
            }
          template = lf_template_new_from_json (json_node_get_object (node), &error);
          if (template == NULL)
            {
              g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                       /* Translators: a number, then what is wrong */
                                       _("Template %u of the bundle cannot be used: %s"),
                                       i + 1, error->message);
              return;
            }
          g_ptr_array_add (job->parsed_templates, template);
        }
    }

  if (bundle->channels != NULL && json_array_get_length (bundle->channels) > 0)
    lf_channel_store_import_async (channels, bundle->channels, cancellable,
                                   channels_imported_cb, g_steal_pointer (&task));
  else
    import_templates (g_steal_pointer (&task));
}

/**
 * lf_notice_bundle_import_finish:
 * @n_channels: (out) (optional): how many channels were imported
 * @n_templates: (out) (optional): how many templates were imported
 */
gboolean
lf_notice_bundle_import_finish (GAsyncResult  *result,
                                guint         *n_channels,
                                guint         *n_templates,
                                GError       **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (n_channels != NULL)
    *n_channels = job->n_channels;
  if (n_templates != NULL)
    *n_templates = job->n_templates;

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Export                                                                   */
/* ------------------------------------------------------------------------ */

static void
channels_exported_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  job->channel_array = lf_channel_store_export_finish (LF_CHANNEL_STORE (object), result,
                                                       &error);
  if (job->channel_array == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * lf_notice_bundle_export_async:
 * @include_secrets: look up SMTP passwords and webhook addresses in the keyring
 *
 * Collects the "channels" and "templates" of a bundle (see
 * lf_notice_bundle_export_finish()).
 */
void
lf_notice_bundle_export_async (LfChannelStore      *channels,
                               LfTemplateStore     *templates,
                               gboolean             include_secrets,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (LF_IS_CHANNEL_STORE (channels));
  g_return_if_fail (LF_IS_TEMPLATE_STORE (templates));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_notice_bundle_export_async);
  job = g_new0 (Job, 1);
  job->template_array = json_array_new ();
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (templates)); i++)
    {
      g_autoptr(LfTemplate) template = g_list_model_get_item (G_LIST_MODEL (templates), i);

      if (lf_template_store_is_modified (templates, lf_template_get_id (template)))
        json_array_add_object_element (job->template_array, lf_template_to_json (template));
    }

  lf_channel_store_export_async (channels, include_secrets, cancellable, channels_exported_cb,
                                 g_steal_pointer (&task));
}

/**
 * lf_notice_bundle_export_finish:
 * @channels: (out) (transfer full): the "channels" array (may be empty)
 * @templates: (out) (transfer full): the changed and added templates (may be empty)
 */
gboolean
lf_notice_bundle_export_finish (GAsyncResult  *result,
                                JsonArray    **channels,
                                JsonArray    **templates,
                                GError       **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (channels != NULL && templates != NULL, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  job = g_task_get_task_data (G_TASK (result));
  *channels = json_array_ref (job->channel_array);
  *templates = json_array_ref (job->template_array);
  return TRUE;
}

/**
 * lf_notice_bundle_describe:
 *
 * Returns: (transfer full) (nullable): e.g. "2 channels and 1 template", or %NULL for none
 */
char *
lf_notice_bundle_describe (guint n_channels,
                           guint n_templates)
{
  g_autofree char *channels = NULL;
  g_autofree char *templates = NULL;

  if (n_channels == 0 && n_templates == 0)
    return NULL;

  channels = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u channel", "%u channels",
                                           n_channels), n_channels);
  templates = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u template", "%u templates",
                                            n_templates), n_templates);
  if (n_templates == 0)
    return g_steal_pointer (&channels);
  if (n_channels == 0)
    return g_steal_pointer (&templates);

  /* Translators: e.g. "2 channels and 1 template" */
  return g_strdup_printf (_("%s and %s"), channels, templates);
}
