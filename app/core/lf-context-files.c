/* lf-context-files.c — the context follows the files another process edits
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-context"

#include "config.h"

#include "lf-context.h"
#include "lf-context-private.h"

#include <errno.h>
#include <glib/gstdio.h>

/* The background monitor probes and opens incidents while the window edits what they are
 * made of (docs/background.md): the user's platform list (the catalog file: a platform
 * added in the window is probed within a fraction of a second) and the plan (an incident
 * opened after an edit takes the edited checklist). Each file is followed with a
 * GFileMonitor; the writers replace files atomically (a rename), so a burst of events is
 * let settle and the file is read again once. The incident log follows its own file
 * (lf-incident-log.c); the history, written by the monitor alone, needs nothing. */

#define SETTLE_MS 200

struct _LfContextFile
{
  LfContext    *context;   /* not a reference: the context owns this */
  GFileMonitor *monitor;
  guint         source;
  void        (*reload) (LfContext *context);
};

static void
reload_catalog (LfContext *self)
{
  g_autoptr(GError) error = NULL;

  if (!lf_context_reload_catalog (self, &error))
    g_message ("Your platform list: %s", error->message);
}

static void
plan_reloaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lf_plan_load_finish (LF_PLAN (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Your plan: %s", error->message);
}

static void
reload_plan (LfContext *self)
{
  lf_plan_reload_async (self->plan, self->cancellable, plan_reloaded_cb, NULL);
}

static void
reload_cb (gpointer user_data)
{
  LfContextFile *file = user_data;

  file->source = 0;
  file->reload (file->context);
}

static void
on_file_changed_cb (GFileMonitor      *monitor,
                    GFile             *changed,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    LfContextFile     *file)
{
  if (event == G_FILE_MONITOR_EVENT_CHANGED || event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    return;

  g_clear_handle_id (&file->source, g_source_remove);
  file->source = g_timeout_add_once (SETTLE_MS, reload_cb, file);
}

static LfContextFile *
follow (LfContext  *self,
        const char *path,
        void      (*reload) (LfContext *context))
{
  g_autoptr(GFile) gfile = g_file_new_for_path (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  LfContextFile *file = g_new0 (LfContextFile, 1);

  /* A file in a folder that does not exist yet is only looked for every few seconds. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    g_debug ("Cannot create %s: %s", dir, g_strerror (errno));

  file->context = self;
  file->reload = reload;
  file->monitor = g_file_monitor_file (gfile, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (file->monitor == NULL)
    g_message ("Cannot follow changes to %s: %s", path, error->message);
  else
    g_signal_connect (file->monitor, "changed", G_CALLBACK (on_file_changed_cb), file);

  return file;
}

void
lf_context_file_free (LfContextFile *file)
{
  if (file == NULL)
    return;

  g_clear_handle_id (&file->source, g_source_remove);
  if (file->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (file->monitor, file);
      g_file_monitor_cancel (file->monitor);
      g_clear_object (&file->monitor);
    }
  g_free (file);
}

/**
 * lf_context_follow_files:
 * @self: a #LfContext
 *
 * For the process that probes while another edits (the background monitor): reads the
 * user's catalog file again when it changes (unless `--catalog FILE` replaces it for this
 * run), and the plan. Call it once; it lasts as long as the context.
 */
void
lf_context_follow_files (LfContext *self)
{
  g_return_if_fail (LF_IS_CONTEXT (self));

  lf_context_ensure_catalog (self);

  if (self->catalog_follow == NULL && self->catalog_file == NULL)
    {
      g_autofree char *path = lf_catalog_get_user_file ();

      self->catalog_follow = follow (self, path, reload_catalog);
    }
  if (self->plan_follow == NULL)
    self->plan_follow = follow (self, lf_plan_get_path (self->plan), reload_plan);
}
