/* lf-notifier.c — desktop notifications from health transitions
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-notifier"

#include "config.h"

#include "lf-notifier.h"

#include <glib/gi18n.h>

/* Decides which health transitions deserve a desktop notification, and sends them with
 * GNotification on the application it is given. The rules:
 *
 *  - a platform going down (or degraded, if the user asked for that) is announced once, with
 *    the stable id "platform-<id>"; its recovery replaces that notification, and recovery of
 *    a platform we never announced says nothing;
 *  - a provider outage (one CDN/cloud behind several platforms) is ONE notification,
 *    "provider-<id>", which also withdraws and suppresses the per-platform notifications of
 *    the platforms it covers; its end replaces it;
 *  - nothing is announced while the user's own connection is the problem (local-network,
 *    offline): the platforms are probably fine;
 *  - notify-on ("down", "degraded", "never") is taken as a property, bound to GSettings by the
 *    application.
 *
 * The engine reports a check's platform transitions and its diagnosis one after the other;
 * platform transitions are therefore held until the main loop is idle, so a provider outage
 * reported in the same round can still absorb them (no flash of single notifications).
 *
 * A fire drill gets a notifier of its own (lf_notifier_new_for_drill(), fed by the drill's
 * monitor): its titles start with "Drill: " and its ids with "drill-", so a drill never
 * replaces or withdraws a real notification, and the real notifier's bookkeeping is never
 * touched. lf_notifier_withdraw_all() takes a notifier's notifications away (a drill's, when
 * it ends).
 *
 * Every notification routes to app.* actions: open-platform(s) by default, and buttons for
 * start-checklist(s) and notify-clients(s) ("" = every affected platform).
 */

typedef struct
{
  char    *id;
  LfState  old_state;
  LfState  new_state;
  char    *explanation;
} PendingChange;

struct _LfNotifier
{
  GObject          parent_instance;

  GApplication    *application;
  char            *notify_on;

  LfDiagnosisKind  diagnosis;
  char            *provider_id;        /* the provider outage we announced, or NULL */
  GStrv            covered_ids;        /* platforms the current provider outage covers */

  GHashTable      *names;              /* platform id → name */
  GHashTable      *announced;          /* platform id → LfState we announced */
  GPtrArray       *pending;            /* PendingChange* */
  guint            flush_id;

  gboolean         drill;              /* a fire drill's notifier */
  GHashTable      *shown;              /* ids of the notifications shown */
  guint            n_all_clear;        /* clients due the all-clear (lf-outage.c) */
};

G_DEFINE_FINAL_TYPE (LfNotifier, lf_notifier, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_APPLICATION,
  PROP_NOTIFY_ON,
  PROP_DRILL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
pending_change_free (gpointer data)
{
  PendingChange *change = data;

  g_free (change->id);
  g_free (change->explanation);
  g_free (change);
}

static gboolean
network_is_the_problem (LfNotifier *self)
{
  return self->diagnosis == LF_DIAGNOSIS_LOCAL_NETWORK || self->diagnosis == LF_DIAGNOSIS_OFFLINE;
}

static gboolean
wants_state (LfNotifier *self,
             LfState     state)
{
  if (g_str_equal (self->notify_on, "never"))
    return FALSE;
  if (state == LF_STATE_DOWN)
    return TRUE;
  if (state == LF_STATE_DEGRADED)
    return g_str_equal (self->notify_on, "degraded");
  return FALSE;
}

static const char *
platform_name (LfNotifier *self,
               const char *id)
{
  const char *name = g_hash_table_lookup (self->names, id);

  return name != NULL ? name : id;
}

static char *
platform_notification_id (const char *platform_id)
{
  return g_strconcat ("platform-", platform_id, NULL);
}

static char *
provider_notification_id (const char *provider_id)
{
  return g_strconcat ("provider-", provider_id, NULL);
}

static GIcon *
state_icon (const char *suffix)
{
  g_autofree char *name = g_strconcat (APP_ID, "-", suffix, "-symbolic", NULL);

  return g_themed_icon_new (name);
}

/* A notification titled @title, or "Drill: @title" during a drill. */
static GNotification *
notification_new (LfNotifier *self,
                  const char *title)
{
  g_autofree char *drill_title = NULL;

  if (!self->drill)
    return g_notification_new (title);

  /* Translators: the title of a notification during a fire drill */
  drill_title = g_strdup_printf (_("Drill: %s"), title);
  return g_notification_new (drill_title);
}

static void
send (LfNotifier    *self,
      const char    *id,
      GNotification *notification)
{
  g_autofree char *drill_id = NULL;

  if (self->drill)
    id = drill_id = g_strconcat ("drill-", id, NULL);
  g_hash_table_add (self->shown, g_strdup (id));

  g_debug ("Sending notification %s", id);
  g_application_send_notification (self->application, id, notification);
}

static void
withdraw (LfNotifier *self,
          const char *id)
{
  g_autofree char *drill_id = NULL;

  if (self->drill)
    id = drill_id = g_strconcat ("drill-", id, NULL);
  g_hash_table_remove (self->shown, id);

  g_debug ("Withdrawing notification %s", id);
  g_application_withdraw_notification (self->application, id);
}

/* "Send the All-Clear to 3 Clients": to exactly those told of the outage. */
static void
add_all_clear_button (LfNotifier    *self,
                      GNotification *notification)
{
  g_autofree char *label = g_strdup_printf (ngettext ("Send the All-Clear to %u Client",
                                                      "Send the All-Clear to %u Clients",
                                                      self->n_all_clear),
                                            self->n_all_clear);

  g_notification_add_button (notification, label, "app.send-all-clear");
}

static void
announce_platform (LfNotifier    *self,
                   PendingChange *change)
{
  const char *name = platform_name (self, change->id);
  g_autofree char *id = platform_notification_id (change->id);
  g_autofree char *title = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GIcon) icon = NULL;
  gboolean recovered = change->new_state == LF_STATE_UP;

  if (recovered)
    title = g_strdup_printf (_("%s works again"), name);
  else if (change->new_state == LF_STATE_DOWN)
    title = g_strdup_printf (_("%s is down"), name);
  else
    title = g_strdup_printf (_("%s has problems"), name);

  notification = notification_new (self, title);
  if (change->explanation != NULL && *change->explanation != '\0')
    g_notification_set_body (notification, change->explanation);
  else if (recovered)
    g_notification_set_body (notification, _("It answers normally again."));

  icon = state_icon (recovered ? "ok" : change->new_state == LF_STATE_DOWN ? "down" : "degraded");
  g_notification_set_icon (notification, icon);
  g_notification_set_priority (notification,
                               change->new_state == LF_STATE_DOWN
                               ? G_NOTIFICATION_PRIORITY_HIGH : G_NOTIFICATION_PRIORITY_NORMAL);
  g_notification_set_default_action_and_target (notification, "app.open-platform", "s",
                                                change->id);
  if (!recovered)
    g_notification_add_button_with_target (notification, _("Open Checklist"),
                                           "app.start-checklist", "s", change->id);
  /* The next action follows the state: clients are told of an outage (not of a slow
   * platform), and the all-clear goes to those told, once it is due. */
  if (change->new_state == LF_STATE_DOWN)
    g_notification_add_button_with_target (notification, _("Notify Clients"),
                                           "app.notify-clients", "s", change->id);
  else if (recovered && self->n_all_clear > 0)
    add_all_clear_button (self, notification);

  send (self, id, notification);
}

static void
handle_platform_change (LfNotifier    *self,
                        PendingChange *change)
{
  gpointer announced_state;
  gboolean was_announced;

  if (change->old_state == change->new_state)
    return;

  /* Probably the user's own connection: never alarm. */
  if (network_is_the_problem (self))
    return;

  /* The provider outage notification speaks for this platform. */
  if (self->covered_ids != NULL && g_strv_contains ((const char * const *) self->covered_ids,
                                                    change->id))
    return;

  was_announced = g_hash_table_lookup_extended (self->announced, change->id, NULL,
                                                &announced_state);

  switch (change->new_state)
    {
    case LF_STATE_DOWN:
    case LF_STATE_DEGRADED:
      /* Getting better (down → degraded) is not news; getting worse is. */
      if (was_announced && GPOINTER_TO_INT (announced_state) == LF_STATE_DOWN)
        return;
      if (!wants_state (self, change->new_state))
        return;
      g_hash_table_insert (self->announced, g_strdup (change->id),
                           GINT_TO_POINTER (change->new_state));
      announce_platform (self, change);
      break;

    case LF_STATE_UP:
      /* Only an outage we told the user about deserves an "all clear". */
      if (!was_announced)
        return;
      g_hash_table_remove (self->announced, change->id);
      announce_platform (self, change);
      break;

    case LF_STATE_MAINTENANCE:
    case LF_STATE_UNKNOWN:
    default:
      /* Planned work, or no verdict: nothing to say yet. */
      break;
    }
}

static gboolean
flush_pending_cb (gpointer user_data)
{
  LfNotifier *self = user_data;
  g_autoptr(GPtrArray) pending = g_steal_pointer (&self->pending);

  self->pending = g_ptr_array_new_with_free_func (pending_change_free);
  self->flush_id = 0;

  for (guint i = 0; i < pending->len; i++)
    handle_platform_change (self, g_ptr_array_index (pending, i));

  return G_SOURCE_REMOVE;
}

static char *
join_platform_names (LfNotifier         *self,
                     const char * const *ids)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_ptr_array_add (names, (gpointer) platform_name (self, ids[i]));
  g_ptr_array_add (names, NULL);

  /* Translators: the separator between platform names in a list, e.g. "Upwork, Fiverr" */
  return g_strjoinv (_(", "), (char **) names->pdata);
}

static void
announce_provider_outage (LfNotifier         *self,
                          const char         *provider_id,
                          const char         *summary,
                          const char * const *affected_ids)
{
  g_autofree char *id = provider_notification_id (provider_id);
  g_autofree char *names = join_platform_names (self, affected_ids);
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GIcon) icon = state_icon ("down");
  const char *first = affected_ids != NULL ? affected_ids[0] : NULL;

  notification = notification_new (self, summary != NULL && *summary != '\0'
                                          ? summary : _("A service provider has an outage"));
  if (*names != '\0')
    {
      g_autofree char *body = g_strdup_printf (_("Affected: %s"), names);

      g_notification_set_body (notification, body);
    }
  g_notification_set_icon (notification, icon);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);

  if (first != NULL)
    {
      g_notification_set_default_action_and_target (notification, "app.open-platform", "s",
                                                    first);
      g_notification_add_button_with_target (notification, _("Open Checklist"),
                                             "app.start-checklist", "s", first);
    }
  else
    g_notification_set_default_action (notification, "app.show-window");
  g_notification_add_button_with_target (notification, _("Notify Clients"),
                                         "app.notify-clients", "s", "");

  send (self, id, notification);
}

static void
announce_provider_recovery (LfNotifier *self,
                            const char *provider_id,
                            const char *summary)
{
  g_autofree char *id = provider_notification_id (provider_id);
  g_autoptr(GNotification) notification = notification_new (self, _("The outage is over"));
  g_autoptr(GIcon) icon = state_icon ("ok");

  if (summary != NULL && *summary != '\0')
    g_notification_set_body (notification, summary);
  g_notification_set_icon (notification, icon);
  g_notification_set_default_action (notification, "app.show-window");
  if (self->n_all_clear > 0)
    add_all_clear_button (self, notification);

  send (self, id, notification);
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_notifier_dispose (GObject *object)
{
  LfNotifier *self = LF_NOTIFIER (object);

  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (lf_notifier_parent_class)->dispose (object);
}

static void
lf_notifier_finalize (GObject *object)
{
  LfNotifier *self = LF_NOTIFIER (object);

  g_clear_pointer (&self->notify_on, g_free);
  g_clear_pointer (&self->provider_id, g_free);
  g_clear_pointer (&self->covered_ids, g_strfreev);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->announced, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_hash_table_unref);

  G_OBJECT_CLASS (lf_notifier_parent_class)->finalize (object);
}

static void
lf_notifier_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LfNotifier *self = LF_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_value_set_object (value, self->application);
      break;

    case PROP_NOTIFY_ON:
      g_value_set_string (value, self->notify_on);
      break;

    case PROP_DRILL:
      g_value_set_boolean (value, self->drill);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_notifier_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LfNotifier *self = LF_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      self->application = g_value_dup_object (value);
      break;

    case PROP_NOTIFY_ON:
      lf_notifier_set_notify_on (self, g_value_get_string (value));
      break;

    case PROP_DRILL:
      self->drill = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_notifier_class_init (LfNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lf_notifier_dispose;
  object_class->finalize = lf_notifier_finalize;
  object_class->get_property = lf_notifier_get_property;
  object_class->set_property = lf_notifier_set_property;

  properties[PROP_APPLICATION] =
    g_param_spec_object ("application", NULL, NULL,
                         G_TYPE_APPLICATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * LfNotifier:notify-on:
   *
   * "down" (outages only), "degraded" (outages and degradations) or "never"; the values of
   * the GSettings key of the same name, so the two can be bound.
   */
  properties[PROP_NOTIFY_ON] =
    g_param_spec_string ("notify-on", NULL, NULL,
                         "down",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * LfNotifier:drill:
   *
   * A fire drill's notifier: notifications are marked as drills and kept apart from the
   * real ones.
   */
  properties[PROP_DRILL] =
    g_param_spec_boolean ("drill", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lf_notifier_init (LfNotifier *self)
{
  self->notify_on = g_strdup ("down");
  self->diagnosis = LF_DIAGNOSIS_ALL_CLEAR;
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->announced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_ptr_array_new_with_free_func (pending_change_free);
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_notifier_new:
 * @application: a registered #GApplication with the app.* actions notifications route to
 *
 * Returns: (transfer full): a new #LfNotifier
 */
LfNotifier *
lf_notifier_new (GApplication *application)
{
  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);

  return g_object_new (LF_TYPE_NOTIFIER,
                       "application", application,
                       NULL);
}

/**
 * lf_notifier_new_for_drill:
 * @application: a registered #GApplication with the app.* actions notifications route to
 *
 * Returns: (transfer full): a notifier for a fire drill's monitor: "Drill: " titles, ids of
 *   its own
 */
LfNotifier *
lf_notifier_new_for_drill (GApplication *application)
{
  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);

  return g_object_new (LF_TYPE_NOTIFIER,
                       "application", application,
                       "drill", TRUE,
                       NULL);
}

const char *
lf_notifier_get_notify_on (LfNotifier *self)
{
  g_return_val_if_fail (LF_IS_NOTIFIER (self), NULL);

  return self->notify_on;
}

/**
 * lf_notifier_set_notify_on:
 * @self: a #LfNotifier
 * @notify_on: "down", "degraded" or "never"; anything else counts as "down"
 */
void
lf_notifier_set_notify_on (LfNotifier *self,
                           const char *notify_on)
{
  const char *value = "down";

  g_return_if_fail (LF_IS_NOTIFIER (self));

  if (g_strcmp0 (notify_on, "degraded") == 0 || g_strcmp0 (notify_on, "never") == 0)
    value = notify_on;

  if (g_str_equal (self->notify_on, value))
    return;

  g_free (self->notify_on);
  self->notify_on = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTIFY_ON]);
}

gboolean
lf_notifier_get_drill (LfNotifier *self)
{
  g_return_val_if_fail (LF_IS_NOTIFIER (self), FALSE);

  return self->drill;
}

/**
 * lf_notifier_withdraw_all:
 * @self: a #LfNotifier
 *
 * Takes away every notification this notifier has shown (a drill's, when it ends); changes
 * still pending are dropped.
 */
void
lf_notifier_withdraw_all (LfNotifier *self)
{
  GHashTableIter iter;
  gpointer id;

  g_return_if_fail (LF_IS_NOTIFIER (self));

  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_ptr_array_set_size (self->pending, 0);

  g_hash_table_iter_init (&iter, self->shown);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      g_debug ("Withdrawing notification %s", (const char *) id);
      g_application_withdraw_notification (self->application, id);
    }
  g_hash_table_remove_all (self->shown);
}

/**
 * lf_notifier_platform_changed:
 * @self: a #LfNotifier
 * @platform_id: the catalog id, e.g. "upwork"
 * @platform_name: the name shown, e.g. "Upwork"
 * @old_state: the state before the (confirmed) transition
 * @new_state: the state now
 * @explanation: (nullable): the cause in words, e.g. "Cloudflare answers with errors"
 *
 * Reports one confirmed transition. The notification, if any, is sent once the main loop is
 * idle, after the diagnosis of the same check had a chance to group it.
 */
void
lf_notifier_platform_changed (LfNotifier *self,
                              const char *platform_id,
                              const char *platform_name,
                              LfState     old_state,
                              LfState     new_state,
                              const char *explanation)
{
  PendingChange *change;

  g_return_if_fail (LF_IS_NOTIFIER (self));
  g_return_if_fail (platform_id != NULL);

  g_hash_table_insert (self->names, g_strdup (platform_id),
                       g_strdup (platform_name != NULL ? platform_name : platform_id));

  change = g_new0 (PendingChange, 1);
  change->id = g_strdup (platform_id);
  change->old_state = old_state;
  change->new_state = new_state;
  change->explanation = g_strdup (explanation);
  g_ptr_array_add (self->pending, change);

  if (self->flush_id == 0)
    self->flush_id = g_idle_add_full (G_PRIORITY_LOW, flush_pending_cb, self, NULL);
}

/**
 * lf_notifier_diagnosis_changed:
 * @self: a #LfNotifier
 * @kind: the new diagnosis
 * @provider_id: (nullable): the provider, for %LF_DIAGNOSIS_PROVIDER_OUTAGE
 * @summary: (nullable): the diagnosis in plain words
 * @affected_ids: (nullable) (array zero-terminated=1): the platforms it names
 *
 * Reports a change of the overall diagnosis: a provider outage becomes one grouped
 * notification; its end replaces it; the user's own network problems stay silent.
 */
void
lf_notifier_diagnosis_changed (LfNotifier         *self,
                               LfDiagnosisKind     kind,
                               const char         *provider_id,
                               const char         *summary,
                               const char * const *affected_ids)
{
  gboolean provider_outage;

  g_return_if_fail (LF_IS_NOTIFIER (self));

  provider_outage = kind == LF_DIAGNOSIS_PROVIDER_OUTAGE && provider_id != NULL;

  /* The provider outage we announced ended (or another one replaced it). */
  if (self->provider_id != NULL
      && (!provider_outage || !g_str_equal (self->provider_id, provider_id)))
    {
      g_autofree char *old_id = g_steal_pointer (&self->provider_id);

      if (kind == LF_DIAGNOSIS_ALL_CLEAR || kind == LF_DIAGNOSIS_PLATFORM_OUTAGE)
        announce_provider_recovery (self, old_id, summary);
      else
        {
          /* Our own network failed, or another provider: we cannot tell it is over. */
          g_autofree char *id = provider_notification_id (old_id);

          withdraw (self, id);
        }
    }

  g_clear_pointer (&self->covered_ids, g_strfreev);
  self->diagnosis = kind;

  if (!provider_outage)
    return;

  self->covered_ids = g_strdupv ((char **) affected_ids);

  /* The grouped notification replaces the single ones it covers. */
  for (guint i = 0; affected_ids != NULL && affected_ids[i] != NULL; i++)
    {
      if (g_hash_table_remove (self->announced, affected_ids[i]))
        {
          g_autofree char *id = platform_notification_id (affected_ids[i]);

          withdraw (self, id);
        }
    }

  if (self->provider_id == NULL && !g_str_equal (self->notify_on, "never"))
    {
      self->provider_id = g_strdup (provider_id);
      announce_provider_outage (self, provider_id, summary, affected_ids);
    }
}

/**
 * lf_notifier_set_all_clear_count:
 * @n: how many clients are due the all-clear now (see lf_outage_get_action())
 *
 * Recovery notifications offer "Send the All-Clear to N Clients" when @n > 0, and no
 * notice button otherwise.
 */
void
lf_notifier_set_all_clear_count (LfNotifier *self,
                                 guint       n)
{
  g_return_if_fail (LF_IS_NOTIFIER (self));

  self->n_all_clear = n;
}
