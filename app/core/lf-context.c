/* lf-context.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-context"

#include "config.h"

#include "lf-context.h"
#include "lf-context-private.h"

#include <glib/gi18n.h>

#include "lf-http.h"
#include "lf-monitor-backend.h"
#include "lf-storage.h"

/* The one place a front end gets its objects from (the graphical application and the command
 * line build one each, the tests as many as they like):
 *
 *   - the one SoupSession (probes, status sources, webhooks);
 *   - the catalog in use (built-in plus the user's file) and why the user's file is not used;
 *   - the real monitor on a network backend, with the history recording what it sees and an
 *     incident bridge turning its outages into incidents of the log;
 *   - the plan, the incident log, the client directory, the notice channels and templates;
 *   - the fire drill, if one was started: it plays on its own monitor and backend, with no
 *     history and a drill bridge, so the real monitor's rounds, history and watched list are
 *     never touched. #LfContext:active-monitor is the drill's monitor while it runs, else the
 *     real one: what a front end shows as "the health".
 *
 * The outage-day operations (lf-context-outage.c) live with it, so that the window, the tray,
 * notifications and `lifeline --notify` share one implementation: which incident a notice
 * belongs to, what a notice says about the platforms (lf_context_prepare_notice()), the
 * "notice sent" entry in the incident's timeline (lf_context_record_notice()), and importing
 * a file into the context's stores (lf_context_import_async()).
 *
 * Nothing is read at construction but the catalog (parsed from memory and one small user
 * file, on a worker thread; every public function first waits for it, and builds the monitor
 * with it: lf_context_ensure_catalog()); lf_context_load_async() reads the history, the plan, the incident log, the channels
 * and the templates. The client directory loads from the keyring only when asked
 * (lf_contact_store_load_async()), as that may prompt.
 */


G_DEFINE_FINAL_TYPE (LfContext, lf_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MONITOR,
  PROP_ACTIVE_MONITOR,
  PROP_DRILL,
  PROP_CATALOG_PROBLEM,
  PROP_HEADLESS,
  N_PROPS
};

guint lf_context_signals[LF_CONTEXT_N_SIGNALS];

static GParamSpec *properties[N_PROPS];

/* What lf_context_load_async() waits for. */
typedef struct
{
  guint   pending;
  GError *error;  /* the first failure */
} Load;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
load_free (gpointer data)
{
  Load *load = data;

  g_clear_error (&load->error);
  g_free (load);
}

/* The catalog: the built-in one plus the user's file, or the --catalog FILE of this run.
 * Reads and parses only (no state of the context): safe on a worker thread. */
static LfCatalog *
read_catalog (const char  *file,
              GError     **error)
{
  if (file != NULL)
    return lf_catalog_new_from_file (file, error);

  return lf_catalog_load_default (NULL, error);
}

/* What read_catalog() gave, taken in (@catalog and @read_error are consumed): a user file that
 * cannot be used is kept as the catalog problem (a front end says so) and the built-in catalog
 * is used alone. */
static LfCatalog *
settle_catalog (LfContext  *self,
                LfCatalog  *catalog,
                GError     *read_error,
                GError    **error)
{
  g_autoptr(GError) local_error = read_error;
  g_autoptr(GBytes) builtin = NULL;
  g_autofree char *problem = NULL;

  g_clear_error (&self->catalog_error);
  if (catalog == NULL)
    {
      /* Translators: %s says what is wrong with the user's catalog file */
      problem = g_strdup_printf (_("Your platform list could not be read, the built-in one is "
                                   "used: %s"), local_error->message);
      if (!self->headless)
        g_message ("%s", problem);
      self->catalog_error = g_error_copy (local_error);

      builtin = lf_storage_load_data ("catalog.json", NULL);
      if (builtin != NULL)
        catalog = lf_catalog_new_from_data (g_bytes_get_data (builtin, NULL),
                                            g_bytes_get_size (builtin), "catalog.json", NULL);
      if (catalog == NULL)
        catalog = lf_catalog_new ();
    }

  if (g_strcmp0 (problem, self->catalog_problem) != 0)
    {
      g_free (self->catalog_problem);
      self->catalog_problem = g_steal_pointer (&problem);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG_PROBLEM]);
    }

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return catalog;
}

static LfCatalog *
load_catalog (LfContext  *self,
              GError    **error)
{
  GError *read_error = NULL;
  LfCatalog *catalog = read_catalog (self->catalog_file, &read_error);

  return settle_catalog (self, catalog, read_error, error);
}

typedef struct
{
  LfCatalog *catalog;
  GError    *error;
} CatalogRead;

static gpointer
read_catalog_thread (gpointer data)
{
  CatalogRead *read = g_new0 (CatalogRead, 1);

  read->catalog = read_catalog (NULL, &read->error);

  return read;
}

/* The parts made of the catalog: the monitor, its history and the incident bridge. */
static void
build_monitor (LfContext *self)
{
  g_autoptr(LfNetworkBackend) backend = lf_network_backend_new (self->soup_session);

  self->monitor = lf_monitor_new (self->catalog, LF_MONITOR_BACKEND (backend));
  self->history = lf_history_new (NULL);
  /* A command's one round is not the user's health record: the monitor that runs keeps it. */
  if (!self->headless)
    lf_history_observe (self->history, self->monitor);
  lf_monitor_set_history (self->monitor, self->history);
  self->bridge = lf_incident_bridge_new (self->monitor, self->log, FALSE);
}

/**
 * lf_context_ensure_catalog: (skip)
 *
 * Waits for the catalog read at construction (on a worker thread, while a window process
 * starts GTK), then builds what is made of it. Every public function of the context calls
 * this first; it costs nothing once done.
 */
void
lf_context_ensure_catalog (LfContext *self)
{
  CatalogRead *read;

  if (self->catalog_thread == NULL)
    return;

  read = g_thread_join (g_steal_pointer (&self->catalog_thread));
  self->catalog = settle_catalog (self, read->catalog, read->error, NULL);
  g_free (read);
  build_monitor (self);
}

static void
load_step_done (GTask  *task,
                GError *error)
{
  Load *load = g_task_get_task_data (task);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Loading: %s", error->message);
      if (load->error == NULL)
        load->error = g_error_copy (error);
    }

  g_assert (load->pending > 0);
  if (--load->pending > 0)
    return;

  if (load->error != NULL)
    g_task_return_error (task, g_steal_pointer (&load->error));
  else
    g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
history_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  lf_history_load_finish (LF_HISTORY (object), result, &error);
  load_step_done (task, error);
}

static void
plan_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  lf_plan_load_finish (LF_PLAN (object), result, &error);
  load_step_done (task, error);
}

static void
log_loaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  lf_incident_log_load_finish (LF_INCIDENT_LOG (object), result, &error);
  load_step_done (task, error);
}

static void
channels_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  lf_channel_store_load_finish (LF_CHANNEL_STORE (object), result, &error);
  load_step_done (task, error);
}

static void
templates_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  lf_template_store_load_finish (LF_TEMPLATE_STORE (object), result, &error);
  load_step_done (task, error);
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The drill began or ended: the active monitor changes. */
static void
on_drill_running_cb (LfDrill    *drill,
                     GParamSpec *pspec,
                     LfContext  *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_MONITOR]);
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_context_dispose (GObject *object)
{
  LfContext *self = LF_CONTEXT (object);

  if (self->catalog_thread != NULL)
    {
      CatalogRead *read = g_thread_join (g_steal_pointer (&self->catalog_thread));

      g_clear_pointer (&read->catalog, lf_catalog_unref);
      g_clear_error (&read->error);
      g_free (read);
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->catalog_follow, lf_context_file_free);
  g_clear_pointer (&self->plan_follow, lf_context_file_free);
  if (self->drill != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->drill, self);
      lf_drill_stop (self->drill);
    }
  g_clear_object (&self->drill);
  if (self->monitor != NULL)
    lf_monitor_stop (self->monitor);
  if (self->bridge != NULL)
    lf_incident_bridge_disconnect (self->bridge);
  g_clear_object (&self->bridge);
  g_clear_object (&self->remote);
  g_clear_object (&self->monitor);
  g_clear_object (&self->history);
  g_clear_object (&self->log);
  g_clear_object (&self->plan);
  g_clear_object (&self->contacts);
  g_clear_object (&self->channels);
  g_clear_object (&self->templates);
  g_clear_object (&self->soup_session);
  g_clear_pointer (&self->catalog, lf_catalog_unref);
  g_clear_pointer (&self->notice_links, g_hash_table_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lf_context_parent_class)->dispose (object);
}

static void
lf_context_finalize (GObject *object)
{
  LfContext *self = LF_CONTEXT (object);

  g_free (self->catalog_problem);
  g_free (self->catalog_file);
  g_clear_error (&self->catalog_error);

  G_OBJECT_CLASS (lf_context_parent_class)->finalize (object);
}

static void
lf_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LfContext *self = LF_CONTEXT (object);

  lf_context_ensure_catalog (self);
  switch (prop_id)
    {
    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_ACTIVE_MONITOR:
      g_value_set_object (value, lf_context_get_active_monitor (self));
      break;
    case PROP_DRILL:
      g_value_set_object (value, self->drill);
      break;
    case PROP_CATALOG_PROBLEM:
      g_value_set_string (value, self->catalog_problem);
      break;
    case PROP_HEADLESS:
      g_value_set_boolean (value, self->headless);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LfContext *self = LF_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_HEADLESS:
      self->headless = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_context_constructed (GObject *object)
{
  LfContext *self = LF_CONTEXT (object);

  G_OBJECT_CLASS (lf_context_parent_class)->constructed (object);

  self->plan = lf_plan_new (NULL);
  self->log = lf_incident_log_new (self->plan, NULL);

  /* The catalog (~50 KB of JSON, a few ms) is parsed on a worker thread: a window process
   * meanwhile starts GTK. The monitor, history and bridge are built when it is first needed
   * (lf_context_ensure_catalog()). GLib registers the static GResources lazily, and a thread
   * that asks while another registers them finds none (a crash): this thread registers them
   * before the worker reads the built-in catalog. */
  g_strfreev (g_resources_enumerate_children ("/", G_RESOURCE_LOOKUP_FLAGS_NONE, NULL));
  self->catalog_thread = g_thread_new ("lf-catalog", read_catalog_thread, NULL);
}

static void
lf_context_class_init (LfContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = lf_context_dispose;
  object_class->finalize = lf_context_finalize;
  object_class->get_property = lf_context_get_property;
  object_class->set_property = lf_context_set_property;
  object_class->constructed = lf_context_constructed;

  /**
   * LfContext:monitor:
   *
   * The real health monitor: the watched platforms on the network.
   */
  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL, LF_TYPE_MONITOR, ro);

  /**
   * LfContext:active-monitor:
   *
   * What to show as the health: the running drill's monitor, else #LfContext:monitor.
   */
  properties[PROP_ACTIVE_MONITOR] =
    g_param_spec_object ("active-monitor", NULL, NULL, LF_TYPE_MONITOR, ro);

  /**
   * LfContext:drill:
   *
   * The fire drill started last (running or over), or %NULL.
   */
  properties[PROP_DRILL] =
    g_param_spec_object ("drill", NULL, NULL, LF_TYPE_DRILL, ro);

  /**
   * LfContext:catalog-problem:
   *
   * Why the user's catalog file is not used, or %NULL.
   */
  properties[PROP_CATALOG_PROBLEM] =
    g_param_spec_string ("catalog-problem", NULL, NULL, NULL, ro);

  /**
   * LfContext:headless:
   *
   * Built for one command (lf_context_new_headless()): the monitor's rounds are not
   * recorded in the history, and a catalog problem is not logged but left to
   * lf_context_get_catalog_error().
   */
  properties[PROP_HEADLESS] =
    g_param_spec_boolean ("headless", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LfContext::notice-recorded:
   * @notice: the notice sent
   *
   * A sent notice was given to lf_context_record_notice(): what is left to send (the
   * all-clear…) may have changed.
   */
  lf_context_signals[NOTICE_RECORDED] =
    g_signal_new ("notice-recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, LF_TYPE_NOTICE);
}

static void
lf_context_init (LfContext *self)
{
  self->cancellable = g_cancellable_new ();
  self->notice_links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->soup_session = lf_http_session_new ();

  self->contacts = lf_contact_store_new ();
  self->channels = lf_channel_store_new (NULL);
  self->templates = lf_template_store_new (NULL);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_context_new:
 *
 * Builds everything a front end needs, on the user's files (XDG data and config dirs): the
 * catalog is read now, the rest by lf_context_load_async(). The monitor is not started.
 *
 * Returns: (transfer full): a new #LfContext
 */
LfContext *
lf_context_new (void)
{
  return g_object_new (LF_TYPE_CONTEXT, NULL);
}

/**
 * lf_context_new_headless:
 *
 * Builds the context of one command (`lifeline --notify`, `--import`, `--export`): like
 * lf_context_new(), but the monitor's rounds are not recorded in the history (the monitor
 * that runs keeps the user's record; the history is still read, for "since when"), and a
 * user catalog that cannot be used is not logged: lf_context_get_catalog_error() says why,
 * for the command to print.
 *
 * Returns: (transfer full): a new #LfContext
 */
LfContext *
lf_context_new_headless (void)
{
  return g_object_new (LF_TYPE_CONTEXT, "headless", TRUE, NULL);
}

/**
 * lf_context_load_async:
 * @self: a #LfContext
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when everything was read
 * @user_data: for @callback
 *
 * Reads the history, the plan, the incident log, the channels and the templates at once.
 * Each is usable whatever happens to the others; a damaged file is set aside by its store,
 * which says so (e.g. lf_plan_get_load_message()).
 */
void
lf_context_load_async (LfContext           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  g_return_if_fail (LF_IS_CONTEXT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  lf_context_ensure_catalog (self);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_context_load_async);
  load = g_new0 (Load, 1);
  load->pending = 5;
  g_task_set_task_data (task, load, load_free);

  lf_history_load_async (self->history, cancellable, history_loaded_cb, g_object_ref (task));
  lf_plan_load_async (self->plan, cancellable, plan_loaded_cb, g_object_ref (task));
  lf_incident_log_load_async (self->log, cancellable, log_loaded_cb, g_object_ref (task));
  lf_channel_store_load_async (self->channels, cancellable, channels_loaded_cb,
                               g_object_ref (task));
  lf_template_store_load_async (self->templates, cancellable, templates_loaded_cb,
                                g_object_ref (task));
}

/**
 * lf_context_load_finish:
 * @self: a #LfContext
 * @result: the result
 * @error: the first thing that could not be read
 *
 * Returns: %TRUE when everything was read
 */
gboolean
lf_context_load_finish (LfContext     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (LF_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  lf_context_ensure_catalog (self);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lf_context_load_wait:
 * @self: a #LfContext
 * @error: the first thing that could not be read
 *
 * lf_context_load_async(), iterating the thread-default main context until it is done: for
 * the command line, which has nothing else to do meanwhile. Never call it from a window.
 *
 * Returns: %TRUE when everything was read
 */
gboolean
lf_context_load_wait (LfContext  *self,
                      GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (LF_IS_CONTEXT (self), FALSE);

  lf_context_ensure_catalog (self);

  lf_context_load_async (self, self->cancellable, wait_cb, &result);
  while (result == NULL)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);

  return lf_context_load_finish (self, result, error);
}

/**
 * lf_context_shutdown:
 * @self: a #LfContext
 *
 * Stops the drill and the monitor and writes pending changes to the plan and the incident
 * log now, so that nothing is lost when the process ends.
 */
void
lf_context_shutdown (LfContext *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LF_IS_CONTEXT (self));

  lf_context_ensure_catalog (self);

  if (self->drill != NULL)
    lf_drill_stop (self->drill);
  lf_monitor_stop (self->monitor);
  if (!lf_incident_log_flush (self->log, &error))
    g_warning ("Could not save the incident log: %s", error->message);
  g_clear_error (&error);
  if (!lf_plan_flush (self->plan, &error))
    g_warning ("Could not save the plan: %s", error->message);
}

/**
 * lf_context_follow_remote:
 * @self: a #LfContext
 * @connection: the session bus
 * @bus_name: the background monitor's name (the application id)
 * @object_path: where it exports its monitor (lf-monitor-export.c)
 *
 * For the window's process, when the background monitor runs in another: the context's
 * monitor becomes a mirror of that one (lf-monitor-remote.c) and never probes, and the
 * incident bridge is disconnected, as the background monitor's own bridge records the
 * outages. Call it before the monitor is started (it then must not be) and before anything
 * reads the monitor. The drill still plays here, on its own monitor.
 */
void
lf_context_follow_remote (LfContext       *self,
                          GDBusConnection *connection,
                          const char      *bus_name,
                          const char      *object_path)
{
  g_return_if_fail (LF_IS_CONTEXT (self));
  g_return_if_fail (self->remote == NULL);

  lf_context_ensure_catalog (self);

  if (self->bridge != NULL)
    lf_incident_bridge_disconnect (self->bridge);
  g_clear_object (&self->bridge);
  self->remote = lf_monitor_remote_new (self->monitor, connection, bus_name, object_path);
}

/**
 * lf_context_get_follows_remote:
 * @self: a #LfContext
 *
 * Returns: whether the monitor mirrors the background monitor (lf_context_follow_remote())
 */
gboolean
lf_context_get_follows_remote (LfContext *self)
{
  g_return_val_if_fail (LF_IS_CONTEXT (self), FALSE);

  lf_context_ensure_catalog (self);

  return self->remote != NULL;
}

/**
 * lf_context_get_soup_session:
 * @self: a #LfContext
 *
 * Returns: (transfer none): the one HTTP session (lf_http_session_new()): probes, status
 *   sources and webhooks go through it
 */
SoupSession *
lf_context_get_soup_session (LfContext *self)
{
  g_return_val_if_fail (LF_IS_CONTEXT (self), NULL);

  lf_context_ensure_catalog (self);

  return self->soup_session;
}

/**
 * lf_context_get_catalog:
 * @self: a #LfContext
 *
 * Returns: (transfer none): the catalog in use
 */
LfCatalog *
lf_context_get_catalog (LfContext *self)
{
  g_return_val_if_fail (LF_IS_CONTEXT (self), NULL);

  lf_context_ensure_catalog (self);

  return self->catalog;
}

/**
 * lf_context_get_catalog_problem:
 * @self: a #LfContext
 *
 * Returns: (nullable): why the user's catalog file is not used, in words, or %NULL
 */
const char *
lf_context_get_catalog_problem (LfContext *self)
{
  g_return_val_if_fail (LF_IS_CONTEXT (self), NULL);

  lf_context_ensure_catalog (self);

  return self->catalog_problem;
}

/**
 * lf_context_get_catalog_error:
 * @self: a #LfContext
 *
 * Returns: (nullable): why the user's catalog file (or the one given to
 *   lf_context_set_catalog_file()) could not be read, the built-in catalog standing in;
 *   %NULL when it is in use
 */
const GError *
lf_context_get_catalog_error (LfContext *self)
{
  g_return_val_if_fail (LF_IS_CONTEXT (self), NULL);

  lf_context_ensure_catalog (self);

  return self->catalog_error;
}

/**
 * lf_context_reload_catalog:
 * @self: a #LfContext
 * @error: why the user's file could not be used
 *
 * Reads the catalog again (after the user added a platform) and gives it to the monitor,
 * which checks at once if it runs; on error the built-in catalog is used and %FALSE returned.
 *
 * Returns: whether the user's file was used
 */
gboolean
lf_context_reload_catalog (LfContext  *self,
                           GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LF_IS_CONTEXT (self), FALSE);

  lf_context_ensure_catalog (self);

  g_clear_pointer (&self->catalog, lf_catalog_unref);
  self->catalog = load_catalog (self, &local_error);
  lf_monitor_set_catalog (self->monitor, self->catalog);
  if (lf_monitor_get_running (self->monitor))
    lf_monitor_check_now (self->monitor);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * lf_context_set_catalog_file:
 * @self: a #LfContext
 * @path: (nullable): a catalog file that replaces the installed catalog and the user's file
 *   for this run (`lifeline --catalog FILE`), or %NULL for the usual one
 * @error: why @path cannot be used (then nothing changes)
 *
 * Returns: whether @path is in use
 */
gboolean
lf_context_set_catalog_file (LfContext   *self,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(LfCatalog) check = NULL;

  g_return_val_if_fail (LF_IS_CONTEXT (self), FALSE);

  lf_context_ensure_catalog (self);

  if (path != NULL && (check = lf_catalog_new_from_file (path, error)) == NULL)
    return FALSE;

  g_free (self->catalog_file);
  self->catalog_file = g_strdup (path);
  lf_context_reload_catalog (self, NULL);
  return TRUE;
}

/**
 * lf_context_get_monitor:
 * @self: a #LfContext
 *
 * Returns: (transfer none): the real health monitor
 */
LfMonitor *
lf_context_get_monitor (LfContext *self)
{
  g_return_val_if_fail (LF_IS_CONTEXT (self), NULL);

  lf_context_ensure_catalog (self);

  return self->monitor;
}

/**
 * lf_context_get_active_monitor:
 * @self: a #LfContext
 *
 * Returns: (transfer none): the running drill's monitor, else the real one
 */
LfMonitor *
lf_context_get_active_monitor (LfContext *self)
{
  g_return_val_if_fail (LF_IS_CONTEXT (self), NULL);

  lf_context_ensure_catalog (self);

  if (self->drill != NULL && lf_drill_get_running (self->drill))
    return lf_drill_get_monitor (self->drill);

  return self->monitor;
}

/**
 * lf_context_get_history:
 * @self: a #LfContext
 *
 * Returns: (transfer none): the real monitor's history
 */
LfHistory *
lf_context_get_history (LfContext *self)
{
  g_return_val_if_fail (LF_IS_CONTEXT (self), NULL);

  lf_context_ensure_catalog (self);

  return self->history;
}

/**
 * lf_context_get_plan:
 * @self: a #LfContext
 *
 * Returns: (transfer none): the contingency plan
 */
LfPlan *
lf_context_get_plan (LfContext *self)
{
  g_return_val_if_fail (LF_IS_CONTEXT (self), NULL);

  lf_context_ensure_catalog (self);

  return self->plan;
}

/**
 * lf_context_get_incident_log:
 * @self: a #LfContext
 *
 * Returns: (transfer none): the incident log (real and drill incidents)
 */
LfIncidentLog *
lf_context_get_incident_log (LfContext *self)
{
  g_return_val_if_fail (LF_IS_CONTEXT (self), NULL);

  lf_context_ensure_catalog (self);

  return self->log;
}

/**
 * lf_context_get_contact_store:
 * @self: a #LfContext
 *
 * Returns: (transfer none): the client directory; it loads from the keyring only when
 *   something asks it to (lf_contact_store_ensure_loaded() or lf_contact_store_load_async())
 */
LfContactStore *
lf_context_get_contact_store (LfContext *self)
{
  g_return_val_if_fail (LF_IS_CONTEXT (self), NULL);

  lf_context_ensure_catalog (self);

  return self->contacts;
}

/**
 * lf_context_get_channel_store:
 * @self: a #LfContext
 *
 * Returns: (transfer none): the notice channels
 */
LfChannelStore *
lf_context_get_channel_store (LfContext *self)
{
  g_return_val_if_fail (LF_IS_CONTEXT (self), NULL);

  lf_context_ensure_catalog (self);

  return self->channels;
}

/**
 * lf_context_get_template_store:
 * @self: a #LfContext
 *
 * Returns: (transfer none): the notice templates
 */
LfTemplateStore *
lf_context_get_template_store (LfContext *self)
{
  g_return_val_if_fail (LF_IS_CONTEXT (self), NULL);

  lf_context_ensure_catalog (self);

  return self->templates;
}

/**
 * lf_context_get_drill:
 * @self: a #LfContext
 *
 * Returns: (transfer none) (nullable): the fire drill started last, running or over
 */
LfDrill *
lf_context_get_drill (LfContext *self)
{
  g_return_val_if_fail (LF_IS_CONTEXT (self), NULL);

  lf_context_ensure_catalog (self);

  return self->drill;
}

/**
 * lf_context_get_drill_running:
 * @self: a #LfContext
 *
 * Returns: whether a fire drill plays (notices then reach only the user)
 */
gboolean
lf_context_get_drill_running (LfContext *self)
{
  g_return_val_if_fail (LF_IS_CONTEXT (self), FALSE);

  lf_context_ensure_catalog (self);

  return self->drill != NULL && lf_drill_get_running (self->drill);
}

/**
 * lf_context_get_rehearsal_name:
 * @self: a #LfContext
 *
 * Returns: (nullable): while a fire drill plays, what its incidents, messages and titles are
 *   marked with (lf_drill_get_label()); %NULL otherwise
 */
const char *
lf_context_get_rehearsal_name (LfContext *self)
{
  g_return_val_if_fail (LF_IS_CONTEXT (self), NULL);

  lf_context_ensure_catalog (self);

  return lf_context_get_drill_running (self) ? lf_drill_get_label () : NULL;
}

/**
 * lf_context_start_drill:
 * @self: a #LfContext
 * @scenario: what to play
 * @speed: how much faster than real time (1.0 = as written)
 *
 * Starts a fire drill on its own monitor and backend, recording into the incident log as
 * drill incidents; a running one is stopped first. The real monitor, its history and the
 * watched platforms are left alone.
 *
 * Returns: (transfer none): the drill
 */
LfDrill *
lf_context_start_drill (LfContext       *self,
                        LfDrillScenario *scenario,
                        double           speed)
{
  g_return_val_if_fail (LF_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (scenario), NULL);
  g_return_val_if_fail (speed > 0, NULL);

  lf_context_ensure_catalog (self);

  if (self->drill != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->drill, self);
      lf_drill_stop (self->drill);
      g_clear_object (&self->drill);
    }

  self->drill = lf_drill_new (scenario, self->catalog, self->log, speed);
  g_signal_connect_object (self->drill, "notify::running", G_CALLBACK (on_drill_running_cb),
                           self, G_CONNECT_DEFAULT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRILL]);
  lf_drill_start (self->drill);

  return self->drill;
}

/**
 * lf_context_stop_drill:
 * @self: a #LfContext
 *
 * Ends the running drill, if any.
 */
void
lf_context_stop_drill (LfContext *self)
{
  g_return_if_fail (LF_IS_CONTEXT (self));

  lf_context_ensure_catalog (self);

  if (self->drill != NULL)
    lf_drill_stop (self->drill);
}
