/* lf-import-apply.c — writing a preview: all of it, or nothing
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-import"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "lf-import-private.h"

/* The one implementation of importing a file, for the window and the command line.
 *
 * Everything was checked by the preview. The writes then go in order — contacts, "me"
 * (keyring), channels, templates, plan — and what each one replaces is remembered first.
 * When a write fails (a keyring that locks, a full disk, a cancel), what this import wrote
 * is put back as it was, in reverse order, and the error says so. That includes the keyring:
 * before the channels are imported, the secret (password, webhook address) stored for each
 * channel whose secret the bundle carries is read; undoing puts it back, or clears the
 * imported one where there was none. */

typedef enum
{
  STAGE_CONTACTS,
  STAGE_ME,
  STAGE_CHANNELS,
  STAGE_TEMPLATES,
  STAGE_PLAN,
  STAGE_DONE,
} Stage;

typedef struct
{
  Stage      stage;
  GPtrArray *queue;          /* LfContact to write */
  guint      next;
  GPtrArray *written_added;  /* LfContact: added, saved (to delete on undo) */
  GPtrArray *written_old;    /* LfContact: the stored version a merge replaced */
  LfProfile *old_me;         /* nullable */
  gboolean   wrote_me;
  GPtrArray *old_channels;   /* LfChannel: the list before (nullable: untouched) */
  GPtrArray *secret_channels; /* LfChannel: the bundle's that carry a secret (nullable) */
  GPtrArray *old_secrets;    /* char * (or NULL: none stored) per secret_channels */
  gboolean   wrote_secrets;  /* the channel import ran: the keyring may have changed */
  guint      undo_secret;    /* the next of secret_channels to put back */
  GPtrArray *old_templates;  /* LfTemplate or NULL per imported template (nullable) */
  gboolean   wrote_templates;

  /* Undo */
  GError    *error;          /* why the import stopped */
  GString   *undo_problems;
  guint      undo_next;
} Apply;

static void
unref_nullable (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
free_secret (gpointer secret)
{
  if (secret != NULL)
    secret_password_free (secret);
}

static void
apply_free (Apply *apply)
{
  g_clear_pointer (&apply->queue, g_ptr_array_unref);
  g_clear_pointer (&apply->written_added, g_ptr_array_unref);
  g_clear_pointer (&apply->written_old, g_ptr_array_unref);
  g_clear_object (&apply->old_me);
  g_clear_pointer (&apply->old_channels, g_ptr_array_unref);
  g_clear_pointer (&apply->secret_channels, g_ptr_array_unref);
  g_clear_pointer (&apply->old_secrets, g_ptr_array_unref);
  g_clear_pointer (&apply->old_templates, g_ptr_array_unref);
  g_clear_error (&apply->error);
  if (apply->undo_problems != NULL)
    g_string_free (apply->undo_problems, TRUE);
  g_free (apply);
}

static void run_stage (GTask *task);
static void undo (GTask *task, GError *error);

/* ------------------------------------------------------------------------ */
/* Writing                                                                  */
/* ------------------------------------------------------------------------ */

static void
contact_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  Apply *apply = g_task_get_task_data (task);
  g_autoptr(LfContact) saved = NULL;
  GError *error = NULL;

  saved = lf_contact_store_save_finish (LF_CONTACT_STORE (object), result, &error);
  if (saved == NULL)
    {
      undo (task, error);
      return;
    }

  if (g_object_get_data (G_OBJECT (apply->queue->pdata[apply->next - 1]), "lf-import-added"))
    g_ptr_array_add (apply->written_added, g_steal_pointer (&saved));
  run_stage (task);
}

static void
write_next_contact (GTask *task)
{
  LfImportPreview *self = g_task_get_source_object (task);
  Apply *apply = g_task_get_task_data (task);
  LfContact *contact;

  if (g_task_get_cancellable (task) != NULL &&
      g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      undo (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                       _("The import was cancelled")));
      return;
    }

  if (apply->next >= apply->queue->len)
    {
      apply->stage = STAGE_ME;
      run_stage (task);
      return;
    }

  contact = apply->queue->pdata[apply->next++];
  if (g_object_get_data (G_OBJECT (contact), "lf-import-added") == NULL)
    {
      LfContact *stored = lf_contact_store_lookup (self->store, lf_contact_get_id (contact));

      if (stored != NULL)
        g_ptr_array_add (apply->written_old, lf_contact_copy (stored));
    }
  lf_contact_store_save_async (self->store, contact, NULL, contact_saved_cb, task);
}

static void
me_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  Apply *apply = g_task_get_task_data (task);
  GError *error = NULL;

  if (!lf_profile_save_finish (LF_PROFILE (object), result, &error))
    {
      undo (task, error);
      return;
    }
  apply->wrote_me = TRUE;
  apply->stage = STAGE_CHANNELS;
  run_stage (task);
}

static void
old_me_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  LfImportPreview *self = g_task_get_source_object (task);
  Apply *apply = g_task_get_task_data (task);
  GError *error = NULL;

  apply->old_me = lf_profile_load_finish (result, &error);
  if (error != NULL)
    {
      undo (task, error);
      return;
    }
  lf_profile_save_async (self->bundle->me, NULL, me_saved_cb, task);
}

static void
channels_imported_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  LfImportPreview *self = g_task_get_source_object (task);
  Apply *apply = g_task_get_task_data (task);
  GError *error = NULL;

  lf_channel_store_import_finish (LF_CHANNEL_STORE (object), result, &error);
  if (error != NULL)
    {
      undo (task, error);
      return;
    }
  self->n_channels_applied = json_array_get_length (self->bundle->channels);
  apply->stage = STAGE_TEMPLATES;
  run_stage (task);
}

static void import_channels (GTask *task);

/* Remembers what the keyring holds for each channel whose secret the import replaces. */
static void
old_secret_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Apply *apply = g_task_get_task_data (task);
  GError *error = NULL;
  char *secret = lf_channel_lookup_secret_finish (LF_CHANNEL (object), result, &error);

  if (error != NULL)
    {
      undo (task, error);
      return;
    }
  g_ptr_array_add (apply->old_secrets, secret);
  import_channels (task);
}

static void
import_channels (GTask *task)
{
  LfImportPreview *self = g_task_get_source_object (task);
  Apply *apply = g_task_get_task_data (task);
  GListModel *model = G_LIST_MODEL (self->channel_store);

  if (apply->old_secrets->len < apply->secret_channels->len)
    {
      lf_channel_lookup_secret_async (apply->secret_channels->pdata[apply->old_secrets->len],
                                      NULL, old_secret_cb, task);
      return;
    }

  apply->old_channels = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (apply->old_channels, g_list_model_get_item (model, i));
  apply->wrote_secrets = TRUE;
  lf_channel_store_import_async (self->channel_store, self->bundle->channels, NULL,
                                 channels_imported_cb, task);
}

static void
templates_saved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  LfImportPreview *self = g_task_get_source_object (task);
  Apply *apply = g_task_get_task_data (task);
  GError *error = NULL;

  if (!lf_template_store_save_finish (LF_TEMPLATE_STORE (object), result, &error))
    {
      undo (task, error);
      return;
    }
  self->n_templates_applied = self->templates->len;
  apply->stage = STAGE_PLAN;
  run_stage (task);
}

static void
run_stage (GTask *task)
{
  LfImportPreview *self = g_task_get_source_object (task);
  Apply *apply = g_task_get_task_data (task);
  LfBundle *bundle = self->bundle;

  switch (apply->stage)
    {
    case STAGE_CONTACTS:
      write_next_contact (task);
      return;

    case STAGE_ME:
      if (bundle != NULL && bundle->me != NULL && !lf_profile_is_empty (bundle->me))
        {
          lf_profile_load_async (NULL, old_me_loaded_cb, task);
          return;
        }
      apply->stage = STAGE_CHANNELS;
      G_GNUC_FALLTHROUGH;

    case STAGE_CHANNELS:
      if (bundle != NULL && bundle->channels != NULL &&
          json_array_get_length (bundle->channels) > 0)
        {
          apply->secret_channels = g_ptr_array_new_with_free_func (g_object_unref);
          apply->old_secrets = g_ptr_array_new_with_free_func (free_secret);
          for (guint i = 0; i < json_array_get_length (bundle->channels); i++)
            {
              JsonNode *node = json_array_get_element (bundle->channels, i);
              g_autofree char *secret = NULL;
              LfChannel *channel = NULL;

              /* Checked by the preview; one that does not parse is refused by the import. */
              if (JSON_NODE_HOLDS_OBJECT (node))
                channel = lf_channel_new_from_json (json_node_get_object (node), &secret, NULL);
              if (channel != NULL && secret != NULL)
                g_ptr_array_add (apply->secret_channels, channel);
              else
                g_clear_object (&channel);
              if (secret != NULL)
                memset (secret, 0, strlen (secret));
            }
          import_channels (task);
          return;
        }
      apply->stage = STAGE_TEMPLATES;
      G_GNUC_FALLTHROUGH;

    case STAGE_TEMPLATES:
      if (self->templates != NULL && self->templates->len > 0)
        {
          apply->old_templates = g_ptr_array_new_with_free_func (unref_nullable);
          for (guint i = 0; i < self->templates->len; i++)
            {
              LfTemplate *template = self->templates->pdata[i];
              const char *id = lf_template_get_id (template);
              LfTemplate *old = NULL;

              if (lf_template_store_is_modified (self->template_store, id) ||
                  !lf_template_store_is_shipped (self->template_store, id))
                old = lf_template_store_lookup (self->template_store, id);
              g_ptr_array_add (apply->old_templates, old != NULL ? g_object_ref (old) : NULL);
            }
          for (guint i = 0; i < self->templates->len; i++)
            lf_template_store_update (self->template_store, self->templates->pdata[i]);
          apply->wrote_templates = TRUE;
          lf_template_store_save_async (self->template_store, NULL, templates_saved_cb, task);
          return;
        }
      apply->stage = STAGE_PLAN;
      G_GNUC_FALLTHROUGH;

    case STAGE_PLAN:
      if (self->plan_steps != NULL)
        {
          GError *error = NULL;

          if (!lf_plan_set_steps_from_json (self->plan, bundle->plan, &error) ||
              !lf_plan_flush (self->plan, &error))
            {
              undo (task, error);
              return;
            }
          self->n_steps_applied = self->plan_steps->len;
        }
      apply->stage = STAGE_DONE;
      G_GNUC_FALLTHROUGH;

    case STAGE_DONE:
    default:
      self->n_contacts_applied = apply->queue->len;
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
}

/* ------------------------------------------------------------------------ */
/* Undo                                                                     */
/* ------------------------------------------------------------------------ */

static void undo_next (GTask *task);

static void
undo_problem (Apply        *apply,
              const GError *error)
{
  if (apply->undo_problems->len > 0)
    g_string_append (apply->undo_problems, "; ");
  g_string_append (apply->undo_problems, error->message);
}

static void
undo_deleted_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  Apply *apply = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!lf_contact_store_delete_finish (LF_CONTACT_STORE (object), result, &error))
    undo_problem (apply, error);
  undo_next (task);
}

static void
undo_restored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  Apply *apply = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(LfContact) saved = NULL;

  saved = lf_contact_store_save_finish (LF_CONTACT_STORE (object), result, &error);
  if (saved == NULL)
    undo_problem (apply, error);
  undo_next (task);
}

static void
undo_me_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Apply *apply = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!lf_profile_save_finish (LF_PROFILE (object), result, &error))
    undo_problem (apply, error);
  apply->wrote_me = FALSE;
  undo_next (task);
}

static void
undo_secret_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  Apply *apply = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_task_get_source_tag (G_TASK (result)) == lf_channel_store_secret_async)
    ok = lf_channel_store_secret_finish (LF_CHANNEL (object), result, &error);
  else
    ok = lf_channel_clear_secret_finish (LF_CHANNEL (object), result, &error);
  if (!ok)
    undo_problem (apply, error);
  undo_next (task);
}

static void
undo_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Apply *apply = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (LF_IS_CHANNEL_STORE (object))
    ok = lf_channel_store_save_finish (LF_CHANNEL_STORE (object), result, &error);
  else
    ok = lf_template_store_save_finish (LF_TEMPLATE_STORE (object), result, &error);
  if (!ok)
    undo_problem (apply, error);
  undo_next (task);
}

/* One thing back per call, newest first; then the task returns the first error. */
static void
undo_next (GTask *task)
{
  LfImportPreview *self = g_task_get_source_object (task);
  Apply *apply = g_task_get_task_data (task);

  if (apply->wrote_templates)
    {
      apply->wrote_templates = FALSE;
      for (guint i = 0; i < self->templates->len; i++)
        {
          const char *id = lf_template_get_id (self->templates->pdata[i]);
          LfTemplate *old = apply->old_templates->pdata[i];

          if (old != NULL)
            lf_template_store_update (self->template_store, old);
          else if (lf_template_store_is_shipped (self->template_store, id))
            lf_template_store_reset (self->template_store, id);
          else
            lf_template_store_remove (self->template_store, id);
        }
      lf_template_store_save_async (self->template_store, NULL, undo_saved_cb, task);
      return;
    }

  /* The keyring as it was: the old secret back, or the imported one gone. */
  if (apply->wrote_secrets && apply->undo_secret < apply->secret_channels->len)
    {
      guint i = apply->undo_secret++;
      LfChannel *channel = apply->secret_channels->pdata[i];
      const char *old = apply->old_secrets->pdata[i];

      if (old != NULL)
        lf_channel_store_secret_async (channel, old, NULL, undo_secret_cb, task);
      else
        lf_channel_clear_secret_async (channel, NULL, undo_secret_cb, task);
      return;
    }

  if (apply->old_channels != NULL)
    {
      g_autoptr(GPtrArray) old = g_steal_pointer (&apply->old_channels);
      GListModel *model = G_LIST_MODEL (self->channel_store);

      while (g_list_model_get_n_items (model) > 0)
        {
          g_autoptr(LfChannel) channel = g_list_model_get_item (model, 0);

          lf_channel_store_remove (self->channel_store, lf_channel_get_id (channel));
        }
      for (guint i = 0; i < old->len; i++)
        lf_channel_store_add (self->channel_store, old->pdata[i]);
      lf_channel_store_save_async (self->channel_store, NULL, undo_saved_cb, task);
      return;
    }

  if (apply->wrote_me)
    {
      g_autoptr(LfProfile) old = apply->old_me ? g_object_ref (apply->old_me) : lf_profile_new ();

      lf_profile_save_async (old, NULL, undo_me_cb, task);
      return;
    }

  if (apply->written_added->len > 0)
    {
      g_autoptr(LfContact) contact = g_ptr_array_steal_index (apply->written_added,
                                                              apply->written_added->len - 1);

      lf_contact_store_delete_async (self->store, contact, NULL, undo_deleted_cb, task);
      return;
    }

  if (apply->written_old->len > 0)
    {
      g_autoptr(LfContact) contact = g_ptr_array_steal_index (apply->written_old,
                                                              apply->written_old->len - 1);

      lf_contact_mark_changed (contact, LF_CONTACT_FIELD_ALL);
      lf_contact_store_save_async (self->store, contact, NULL, undo_restored_cb, task);
      return;
    }

  if (apply->undo_problems->len > 0)
    g_task_return_new_error (task, apply->error->domain, apply->error->code,
                             /* Translators: why it stopped, then why undoing failed */
                             _("The import stopped: %s. Undoing it failed too: %s"),
                             apply->error->message, apply->undo_problems->str);
  else
    g_task_return_new_error (task, apply->error->domain, apply->error->code,
                             _("The import stopped and nothing was changed: %s"),
                             apply->error->message);
  g_object_unref (task);
}

static void
undo (GTask  *task,
      GError *error)
{
  Apply *apply = g_task_get_task_data (task);

  apply->error = error;
  apply->undo_problems = g_string_new (NULL);
  undo_next (task);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_import_preview_set_targets:
 * @channels: (nullable): where a bundle's channels go
 * @templates: (nullable): where a bundle's templates go
 * @plan: (nullable): the plan a bundle's plan replaces
 *
 * A bundle with channels, templates or a plan is only applied when their stores are set.
 */
void
lf_import_preview_set_targets (LfImportPreview *self,
                               LfChannelStore  *channels,
                               LfTemplateStore *templates,
                               LfPlan          *plan)
{
  g_return_if_fail (LF_IS_IMPORT_PREVIEW (self));

  g_set_object (&self->channel_store, channels);
  g_set_object (&self->template_store, templates);
  g_set_object (&self->plan, plan);
}

/**
 * lf_import_preview_apply_async:
 *
 * Writes the added and merged contacts, and a bundle's "me", channels, templates and plan.
 * All or nothing: when a write fails, what was written is undone before the error is
 * returned.
 */
void
lf_import_preview_apply_async (LfImportPreview     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  Apply *apply;
  LfBundle *bundle;

  g_return_if_fail (LF_IS_IMPORT_PREVIEW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_import_preview_apply_async);
  bundle = self->bundle;

  if (self->store == NULL)
    {
      g_task_return_new_error (task, LF_CONTACT_STORE_ERROR,
                               LF_CONTACT_STORE_ERROR_NOT_LOADED, "%s",
                               _("The client directory is not loaded yet"));
      g_object_unref (task);
      return;
    }

  /* Nothing is written unless every part has somewhere to go. */
  if (bundle != NULL &&
      ((bundle->channels != NULL && json_array_get_length (bundle->channels) > 0 &&
        self->channel_store == NULL) ||
       (self->templates != NULL && self->templates->len > 0 && self->template_store == NULL) ||
       (self->plan_steps != NULL && self->plan == NULL)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, "%s",
                               _("The notice channels, templates or plan are not loaded "
                                 "yet; nothing was imported"));
      g_object_unref (task);
      return;
    }

  apply = g_new0 (Apply, 1);
  apply->queue = g_ptr_array_new_with_free_func (g_object_unref);
  apply->written_added = g_ptr_array_new_with_free_func (g_object_unref);
  apply->written_old = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->added->len; i++)
    {
      LfContact *contact = self->added->pdata[i];

      lf_contact_mark_changed (contact, LF_CONTACT_FIELD_ALL);
      g_object_set_data (G_OBJECT (contact), "lf-import-added", GINT_TO_POINTER (TRUE));
      g_ptr_array_add (apply->queue, g_object_ref (contact));
    }
  for (guint i = 0; i < self->merged->len; i++)
    g_ptr_array_add (apply->queue, g_object_ref (self->merged->pdata[i]));
  g_task_set_task_data (task, apply, (GDestroyNotify) apply_free);

  run_stage (task);
}

gboolean
lf_import_preview_apply_finish (LfImportPreview  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (LF_IS_IMPORT_PREVIEW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lf_import_preview_get_applied:
 *
 * What the last successful apply wrote: contacts, channels, templates and plan steps.
 */
void
lf_import_preview_get_applied (LfImportPreview *self,
                               guint           *n_contacts,
                               guint           *n_channels,
                               guint           *n_templates,
                               guint           *n_steps)
{
  g_return_if_fail (LF_IS_IMPORT_PREVIEW (self));

  if (n_contacts != NULL)
    *n_contacts = self->n_contacts_applied;
  if (n_channels != NULL)
    *n_channels = self->n_channels_applied;
  if (n_templates != NULL)
    *n_templates = self->n_templates_applied;
  if (n_steps != NULL)
    *n_steps = self->n_steps_applied;
}
