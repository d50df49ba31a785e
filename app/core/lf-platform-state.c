/* lf-platform-state.c — one watched platform: its confirmed state, cause and evidence
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-platform-state"

#include "config.h"

#include "lf-platform-state.h"

#include <glib/gi18n.h>

/* Two signals decide a platform's state: its probes and its own status source.
 *
 * Probes go through a small state machine. Each probe names a *target* (up, degraded when
 * slow, down for any failure, unknown for a bot check that says nothing of health). The
 * probe verdict only moves to a new target after enough probes in a row agree:
 * LF_PLATFORM_STATE_CONFIRM_FAILURES to go down, LF_PLATFORM_STATE_RECOVER_SUCCESSES to come
 * back, one to leave `unknown` for up or degraded. A target that flaps (fail, ok, fail, …)
 * never gathers a streak, so it is never reported down. While a streak is under way the
 * platform is "confirming" and the monitor re-probes it quickly.
 *
 * The status source is the vendor's own word and needs no confirmation: maintenance →
 * maintenance; major → down; partial or degraded → degraded (cause status-page). When the
 * probes already say down, their cause is kept and the incident is added as evidence. A source
 * that cannot be read contributes nothing (it is `unknown` for that signal, never `up`).
 *
 * When the user's own network is unusable (references all fail, or offline) the platform is
 * `unknown` with cause `network`, and the probe streaks start again afterwards.
 */

#define DAY_US (G_USEC_PER_SEC * (gint64) 24 * 60 * 60)

struct _LfPlatformState
{
  GObject          parent_instance;

  char            *id;
  char            *name;
  char            *category;
  GStrv            providers;

  LfState          state;
  LfCause          cause;
  gint64           since;
  double           latency_ms;
  guint            http_status;
  char            *cdn;
  char            *ray_id;
  char            *explanation;
  LfSeverity       status_indicator;
  char            *status_page;
  gint64           last_checked;

  GPtrArray       *probes;          /* LfProbeResult*, newest last */
  LfStatusReport  *status_report;   /* nullable: none, or unreadable */
  GPtrArray       *no_incidents;
  GArray          *samples;         /* LfLatencySample, last 24 h */

  /* the probe state machine */
  guint            confirm_failures;
  guint            recover_successes;
  LfState          probe_state;
  LfCause          probe_cause;
  LfState          pending_state;
  LfCause          pending_cause;
  guint            pending_count;
  gboolean         network_usable;
};

G_DEFINE_FINAL_TYPE (LfPlatformState, lf_platform_state, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_CATEGORY,
  PROP_PROVIDER,
  PROP_STATE,
  PROP_CAUSE,
  PROP_SINCE,
  PROP_LATENCY_MS,
  PROP_HTTP_STATUS,
  PROP_CDN,
  PROP_RAY_ID,
  PROP_EXPLANATION,
  PROP_STATUS_INDICATOR,
  PROP_STATUS_PAGE,
  PROP_LAST_CHECKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static const char *
cdn_display_name (const char *cdn)
{
  if (cdn == NULL)
    return NULL;
  if (g_str_equal (cdn, "cloudflare"))
    return "Cloudflare";
  if (g_str_equal (cdn, "cloudfront"))
    return "Amazon CloudFront";
  if (g_str_equal (cdn, "fastly"))
    return "Fastly";
  if (g_str_equal (cdn, "akamai"))
    return "Akamai";
  return cdn;
}

static LfProbeResult *
latest_probe (LfPlatformState *self)
{
  if (self->probes->len == 0)
    return NULL;

  return g_ptr_array_index (self->probes, self->probes->len - 1);
}

static const char *
first_incident_title (LfPlatformState *self)
{
  if (self->status_report == NULL)
    return NULL;

  for (guint i = 0; i < self->status_report->incidents->len; i++)
    {
      LfStatusIncident *incident = g_ptr_array_index (self->status_report->incidents, i);

      if (!incident->upcoming && incident->title != NULL)
        return incident->title;
    }

  return NULL;
}

static char *
describe_failure (LfPlatformState *self)
{
  LfProbeResult *probe = latest_probe (self);
  const char *cdn = cdn_display_name (self->cdn);

  switch (self->cause)
    {
    case LF_CAUSE_CDN_EDGE:
      if (self->ray_id != NULL)
        /* Translators: "Upwork is unreachable: Cloudflare's edge is returning errors
         * (Ray ID …)" */
        return g_strdup_printf (_("%s is unreachable: %s’s edge is returning errors (Ray ID %s)"),
                                self->name, cdn != NULL ? cdn : _("the CDN"), self->ray_id);
      return g_strdup_printf (_("%s is unreachable: %s’s edge is returning errors"),
                              self->name, cdn != NULL ? cdn : _("the CDN"));
    case LF_CAUSE_ORIGIN_VIA_CDN:
      /* Translators: "Upwork is unreachable: Cloudflare cannot reach its servers (HTTP 522)" */
      return g_strdup_printf (_("%s is unreachable: %s cannot reach its servers (HTTP %u)"),
                              self->name, cdn != NULL ? cdn : _("the CDN"), self->http_status);
    case LF_CAUSE_DNS:
      return g_strdup_printf (_("%s is unreachable: its name does not resolve"), self->name);
    case LF_CAUSE_CONNECT:
      return g_strdup_printf (_("%s is unreachable: the connection is refused"), self->name);
    case LF_CAUSE_TLS:
      return g_strdup_printf (_("%s is unreachable: the secure connection failed"), self->name);
    case LF_CAUSE_TIMEOUT:
      return g_strdup_printf (_("%s is unreachable: no answer in time"), self->name);
    case LF_CAUSE_HTTP_ERROR:
      return g_strdup_printf (_("%s is failing: its servers answer with errors (HTTP %u)"),
                              self->name, self->http_status);
    case LF_CAUSE_STATUS_PAGE:
      if (first_incident_title (self) != NULL)
        /* Translators: the second %s is the vendor's incident title */
        return g_strdup_printf (_("%s reports an outage: “%s”"), self->name,
                                first_incident_title (self));
      return g_strdup_printf (_("%s’s status page reports an outage"), self->name);
    default:
      if (probe != NULL && probe->error_message != NULL)
        return g_strdup_printf (_("%s is unreachable: %s"), self->name, probe->error_message);
      return g_strdup_printf (_("%s is unreachable"), self->name);
    }
}

static char *
build_explanation (LfPlatformState *self)
{
  g_autofree char *text = NULL;

  /* Up, but the last check failed: not "answered in 10 ms" while the details show a 500 */
  if (self->state == LF_STATE_UP && lf_platform_state_is_confirming (self)
      && self->pending_state != LF_STATE_UP)
    return g_strdup (_("A check failed; confirming…"));

  switch (self->state)
    {
    case LF_STATE_UP:
      if (self->latency_ms >= 0)
        return g_strdup_printf (_("%s is up (answered in %.0f ms)"), self->name, self->latency_ms);
      return g_strdup_printf (_("%s is up"), self->name);

    case LF_STATE_DOWN:
      text = describe_failure (self);
      if (self->cause != LF_CAUSE_STATUS_PAGE && first_incident_title (self) != NULL
          && self->status_indicator >= LF_SEVERITY_DEGRADED)
        /* Translators: a sentence, then the vendor's incident title */
        return g_strdup_printf (_("%s; its status page agrees: “%s”"), text,
                                first_incident_title (self));
      return g_steal_pointer (&text);

    case LF_STATE_DEGRADED:
      if (self->cause == LF_CAUSE_SLOW)
        return g_strdup_printf (_("%s answers slowly (%.0f ms)"), self->name, self->latency_ms);
      if (first_incident_title (self) != NULL)
        return g_strdup_printf (_("%s reports problems: “%s”"), self->name,
                                first_incident_title (self));
      return g_strdup_printf (_("%s’s status page reports problems"), self->name);

    case LF_STATE_MAINTENANCE:
      if (first_incident_title (self) != NULL)
        return g_strdup_printf (_("%s is in maintenance: “%s”"), self->name,
                                first_incident_title (self));
      return g_strdup_printf (_("%s is in maintenance"), self->name);

    case LF_STATE_UNKNOWN:
    default:
      if (self->cause == LF_CAUSE_NETWORK)
        return g_strdup_printf (_("%s cannot be checked: your connection seems down"),
                                self->name);
      if (self->cause == LF_CAUSE_BLOCKED)
        return g_strdup_printf (_("%s answers with a bot check or rate limit; its health "
                                  "cannot be judged"), self->name);
      if (self->probes->len > 0)
        return g_strdup_printf (_("%s is being checked again"), self->name);
      return g_strdup_printf (_("%s has not been checked yet"), self->name);
    }
}

static void
set_string (LfPlatformState  *self,
            char            **slot,
            const char       *value,
            int               prop)
{
  if (g_strcmp0 (*slot, value) == 0)
    return;

  g_free (*slot);
  *slot = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
update_explanation (LfPlatformState *self)
{
  g_autofree char *text = build_explanation (self);

  set_string (self, &self->explanation, text, PROP_EXPLANATION);
}

/* Combines the probe verdict, the status source and the network into the platform's state. */
static void
update_state (LfPlatformState *self)
{
  LfState state;
  LfCause cause;
  LfSeverity status = self->status_indicator;

  if (!self->network_usable)
    state = LF_STATE_UNKNOWN, cause = LF_CAUSE_NETWORK;
  else if (status == LF_SEVERITY_MAINTENANCE)
    state = LF_STATE_MAINTENANCE, cause = LF_CAUSE_STATUS_PAGE;
  else if (self->probe_state == LF_STATE_DOWN)
    state = LF_STATE_DOWN, cause = self->probe_cause;
  else if (status == LF_SEVERITY_MAJOR)
    state = LF_STATE_DOWN, cause = LF_CAUSE_STATUS_PAGE;
  else if (status == LF_SEVERITY_PARTIAL || status == LF_SEVERITY_DEGRADED)
    state = LF_STATE_DEGRADED, cause = LF_CAUSE_STATUS_PAGE;
  else if (self->probe_state == LF_STATE_DEGRADED)
    state = LF_STATE_DEGRADED, cause = LF_CAUSE_SLOW;
  else if (self->probe_state == LF_STATE_UP)
    state = LF_STATE_UP, cause = LF_CAUSE_NONE;
  else
    state = LF_STATE_UNKNOWN, cause = self->probe_cause;

  g_object_freeze_notify (G_OBJECT (self));

  if (self->cause != cause)
    {
      self->cause = cause;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAUSE]);
    }

  if (self->state != state)
    {
      self->state = state;
      self->since = g_get_real_time ();
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SINCE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }

  update_explanation (self);

  g_object_thaw_notify (G_OBJECT (self));
}

/* What one probe says, before confirmation. */
static LfState
probe_target (LfPlatformState *self,
              LfCause          cause)
{
  switch (cause)
    {
    case LF_CAUSE_NONE:
      return LF_STATE_UP;
    case LF_CAUSE_SLOW:
      return LF_STATE_DEGRADED;
    case LF_CAUSE_BLOCKED:
      /* reachable: says nothing of health, and never counts toward down */
      return self->probe_state == LF_STATE_UP ? LF_STATE_UP : LF_STATE_UNKNOWN;
    case LF_CAUSE_STATUS_PAGE:
    case LF_CAUSE_NETWORK:
      return LF_STATE_UNKNOWN;
    default:
      return LF_STATE_DOWN;
    }
}

static guint
streak_needed (LfPlatformState *self,
               LfState          target)
{
  if (target == LF_STATE_DOWN)
    return self->confirm_failures;
  if (self->probe_state == LF_STATE_UNKNOWN)
    return 1;
  return self->recover_successes;
}

static void
observe (LfPlatformState *self,
         LfCause          cause)
{
  LfState target = probe_target (self, cause);
  LfCause target_cause = cause == LF_CAUSE_SLOW ? LF_CAUSE_SLOW
                         : target == LF_STATE_UP ? LF_CAUSE_NONE : cause;

  if (target == self->probe_state)
    {
      /* agrees with the verdict: any streak toward something else is broken */
      self->probe_cause = target_cause;
      self->pending_count = 0;
      return;
    }

  if (self->pending_count > 0 && self->pending_state == target)
    self->pending_count++;
  else
    {
      self->pending_state = target;
      self->pending_count = 1;
    }
  self->pending_cause = target_cause;

  if (self->pending_count >= streak_needed (self, target))
    {
      self->probe_state = target;
      self->probe_cause = target_cause;
      self->pending_count = 0;
    }
}

static void
add_sample (LfPlatformState *self,
            gint64           time,
            double           latency_ms)
{
  LfLatencySample sample = { time, latency_ms };
  guint drop = 0;

  while (drop < self->samples->len
         && g_array_index (self->samples, LfLatencySample, drop).time < time - DAY_US)
    drop++;
  if (drop > 0)
    g_array_remove_range (self->samples, 0, drop);

  g_array_append_val (self->samples, sample);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject overrides                                                                            */
/* ------------------------------------------------------------------------------------------ */

static void
lf_platform_state_finalize (GObject *object)
{
  LfPlatformState *self = LF_PLATFORM_STATE (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->providers, g_strfreev);
  g_clear_pointer (&self->cdn, g_free);
  g_clear_pointer (&self->ray_id, g_free);
  g_clear_pointer (&self->explanation, g_free);
  g_clear_pointer (&self->status_page, g_free);
  g_clear_pointer (&self->probes, g_ptr_array_unref);
  g_clear_pointer (&self->status_report, lf_status_report_unref);
  g_clear_pointer (&self->no_incidents, g_ptr_array_unref);
  g_clear_pointer (&self->samples, g_array_unref);

  G_OBJECT_CLASS (lf_platform_state_parent_class)->finalize (object);
}

static void
lf_platform_state_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LfPlatformState *self = LF_PLATFORM_STATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;
    case PROP_PROVIDER:
      g_value_set_string (value, lf_platform_state_get_provider (self));
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_CAUSE:
      g_value_set_enum (value, self->cause);
      break;
    case PROP_SINCE:
      g_value_set_int64 (value, self->since);
      break;
    case PROP_LATENCY_MS:
      g_value_set_double (value, self->latency_ms);
      break;
    case PROP_HTTP_STATUS:
      g_value_set_uint (value, self->http_status);
      break;
    case PROP_CDN:
      g_value_set_string (value, self->cdn);
      break;
    case PROP_RAY_ID:
      g_value_set_string (value, self->ray_id);
      break;
    case PROP_EXPLANATION:
      g_value_set_string (value, self->explanation);
      break;
    case PROP_STATUS_INDICATOR:
      g_value_set_enum (value, self->status_indicator);
      break;
    case PROP_STATUS_PAGE:
      g_value_set_string (value, self->status_page);
      break;
    case PROP_LAST_CHECKED:
      g_value_set_int64 (value, self->last_checked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_platform_state_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LfPlatformState *self = LF_PLATFORM_STATE (object);

  switch (prop_id)
    {
    case PROP_STATUS_PAGE:
      lf_platform_state_set_status_page (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_platform_state_class_init (LfPlatformStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = lf_platform_state_finalize;
  object_class->get_property = lf_platform_state_get_property;
  object_class->set_property = lf_platform_state_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL, ro);
  properties[PROP_PROVIDER] = g_param_spec_string ("provider", NULL, NULL, NULL, ro);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, LF_TYPE_STATE, LF_STATE_UNKNOWN, ro);
  properties[PROP_CAUSE] =
    g_param_spec_enum ("cause", NULL, NULL, LF_TYPE_CAUSE, LF_CAUSE_NONE, ro);
  properties[PROP_SINCE] =
    g_param_spec_int64 ("since", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_LATENCY_MS] =
    g_param_spec_double ("latency-ms", NULL, NULL, -1, G_MAXDOUBLE, -1, ro);
  properties[PROP_HTTP_STATUS] =
    g_param_spec_uint ("http-status", NULL, NULL, 0, 999, 0, ro);
  properties[PROP_CDN] = g_param_spec_string ("cdn", NULL, NULL, NULL, ro);
  properties[PROP_RAY_ID] = g_param_spec_string ("ray-id", NULL, NULL, NULL, ro);
  properties[PROP_EXPLANATION] = g_param_spec_string ("explanation", NULL, NULL, NULL, ro);
  properties[PROP_STATUS_INDICATOR] =
    g_param_spec_enum ("status-indicator", NULL, NULL, LF_TYPE_SEVERITY, LF_SEVERITY_UNKNOWN, ro);
  properties[PROP_STATUS_PAGE] =
    g_param_spec_string ("status-page", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LAST_CHECKED] =
    g_param_spec_int64 ("last-checked", NULL, NULL, 0, G_MAXINT64, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lf_platform_state_init (LfPlatformState *self)
{
  self->state = LF_STATE_UNKNOWN;
  self->cause = LF_CAUSE_NONE;
  self->latency_ms = -1;
  self->status_indicator = LF_SEVERITY_UNKNOWN;
  self->probes = g_ptr_array_new_with_free_func ((GDestroyNotify) lf_probe_result_unref);
  self->no_incidents = g_ptr_array_new ();
  self->samples = g_array_new (FALSE, FALSE, sizeof (LfLatencySample));
  self->confirm_failures = LF_PLATFORM_STATE_CONFIRM_FAILURES;
  self->recover_successes = LF_PLATFORM_STATE_RECOVER_SUCCESSES;
  self->probe_state = LF_STATE_UNKNOWN;
  self->probe_cause = LF_CAUSE_NONE;
  self->network_usable = TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/**
 * lf_platform_state_new:
 * @id: the catalog id
 * @name: the display name
 * @category: (nullable): the catalog category
 * @providers: (nullable): provider ids it sits behind, the main one first
 *
 * Returns: (transfer full): a platform in state `unknown`, not checked yet
 */
LfPlatformState *
lf_platform_state_new (const char         *id,
                       const char         *name,
                       const char         *category,
                       const char * const *providers)
{
  LfPlatformState *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (LF_TYPE_PLATFORM_STATE, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name != NULL ? name : id);
  self->category = g_strdup (category);
  self->providers = providers != NULL ? g_strdupv ((char **) providers) : g_new0 (char *, 1);
  self->explanation = build_explanation (self);

  return self;
}

const char *
lf_platform_state_get_id (LfPlatformState *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_STATE (self), NULL);
  return self->id;
}

const char *
lf_platform_state_get_name (LfPlatformState *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_STATE (self), NULL);
  return self->name;
}

const char *
lf_platform_state_get_category (LfPlatformState *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_STATE (self), NULL);
  return self->category;
}

/**
 * lf_platform_state_get_provider:
 *
 * Returns: (nullable): the main provider id (the first the catalog lists)
 */
const char *
lf_platform_state_get_provider (LfPlatformState *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_STATE (self), NULL);
  return self->providers[0];
}

const char * const *
lf_platform_state_get_providers (LfPlatformState *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_STATE (self), NULL);
  return (const char * const *) self->providers;
}

LfState
lf_platform_state_get_state (LfPlatformState *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_STATE (self), LF_STATE_UNKNOWN);
  return self->state;
}

LfCause
lf_platform_state_get_cause (LfPlatformState *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_STATE (self), LF_CAUSE_NONE);
  return self->cause;
}

/**
 * lf_platform_state_get_since:
 *
 * Returns: when the current state began (unix µs), 0 if it never changed
 */
gint64
lf_platform_state_get_since (LfPlatformState *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_STATE (self), 0);
  return self->since;
}

/**
 * lf_platform_state_get_latency_ms:
 *
 * Returns: the total time of the last probe that got an HTTP answer, or -1
 */
double
lf_platform_state_get_latency_ms (LfPlatformState *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_STATE (self), -1);
  return self->latency_ms;
}

guint
lf_platform_state_get_http_status (LfPlatformState *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_STATE (self), 0);
  return self->http_status;
}

const char *
lf_platform_state_get_cdn (LfPlatformState *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_STATE (self), NULL);
  return self->cdn;
}

const char *
lf_platform_state_get_ray_id (LfPlatformState *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_STATE (self), NULL);
  return self->ray_id;
}

const char *
lf_platform_state_get_explanation (LfPlatformState *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_STATE (self), NULL);
  return self->explanation;
}

LfSeverity
lf_platform_state_get_status_indicator (LfPlatformState *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_STATE (self), LF_SEVERITY_UNKNOWN);
  return self->status_indicator;
}

const char *
lf_platform_state_get_status_page (LfPlatformState *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_STATE (self), NULL);
  return self->status_page;
}

void
lf_platform_state_set_status_page (LfPlatformState *self,
                                   const char      *url)
{
  g_return_if_fail (LF_IS_PLATFORM_STATE (self));

  set_string (self, &self->status_page, url, PROP_STATUS_PAGE);
}

/**
 * lf_platform_state_get_last_checked:
 *
 * Returns: when the last probe of it ended (unix µs), 0 if never
 */
gint64
lf_platform_state_get_last_checked (LfPlatformState *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_STATE (self), 0);
  return self->last_checked;
}

/**
 * lf_platform_state_get_probes:
 *
 * Returns: (transfer none) (element-type LfProbeResult): the last probes, newest last
 */
GPtrArray *
lf_platform_state_get_probes (LfPlatformState *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_STATE (self), NULL);
  return self->probes;
}

/**
 * lf_platform_state_get_incidents:
 *
 * Returns: (transfer none) (element-type LfStatusIncident): active and upcoming incidents
 *   from the platform's own status source (empty when none or unread)
 */
GPtrArray *
lf_platform_state_get_incidents (LfPlatformState *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_STATE (self), NULL);

  if (self->status_report == NULL)
    return self->no_incidents;

  return self->status_report->incidents;
}

/**
 * lf_platform_state_get_status_report:
 *
 * Returns: (transfer none) (nullable): the last status report read, %NULL when none could be
 */
LfStatusReport *
lf_platform_state_get_status_report (LfPlatformState *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_STATE (self), NULL);
  return self->status_report;
}

/**
 * lf_platform_state_get_latency_samples:
 *
 * Returns: (transfer none) (element-type LfLatencySample): latencies of the last 24 hours,
 *   oldest first
 */
GArray *
lf_platform_state_get_latency_samples (LfPlatformState *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_STATE (self), NULL);
  return self->samples;
}

/**
 * lf_platform_state_set_thresholds:
 * @confirm_failures: failed probes in a row before down (at least 2)
 * @recover_successes: good probes in a row before up again (at least 1)
 */
void
lf_platform_state_set_thresholds (LfPlatformState *self,
                                  guint            confirm_failures,
                                  guint            recover_successes)
{
  g_return_if_fail (LF_IS_PLATFORM_STATE (self));
  g_return_if_fail (confirm_failures >= 2);
  g_return_if_fail (recover_successes >= 1);

  self->confirm_failures = confirm_failures;
  self->recover_successes = recover_successes;
}

/**
 * lf_platform_state_apply_probe:
 * @result: a probe of the platform
 *
 * Feeds one probe to the state machine and keeps it as evidence. Ignored (apart from the
 * evidence) while the network is unusable.
 *
 * Returns: %TRUE when a new verdict is pending confirmation: probe again soon
 */
gboolean
lf_platform_state_apply_probe (LfPlatformState *self,
                               LfProbeResult   *result)
{
  g_return_val_if_fail (LF_IS_PLATFORM_STATE (self), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  g_object_freeze_notify (G_OBJECT (self));

  g_ptr_array_add (self->probes, lf_probe_result_ref (result));
  if (self->probes->len > LF_PLATFORM_STATE_MAX_PROBES)
    g_ptr_array_remove_index (self->probes, 0);

  self->last_checked = g_get_real_time ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_CHECKED]);

  if (result->http_status != self->http_status)
    {
      self->http_status = result->http_status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HTTP_STATUS]);
    }

  {
    double latency = result->http_status != 0 ? result->total_ms : -1;

    if (latency != self->latency_ms)
      {
        self->latency_ms = latency;
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATENCY_MS]);
      }
    if (latency >= 0)
      add_sample (self, result->started_at, latency);
  }

  set_string (self, &self->cdn, result->cdn, PROP_CDN);
  set_string (self, &self->ray_id, result->ray_id, PROP_RAY_ID);

  if (self->network_usable)
    observe (self, result->cause);

  update_state (self);

  g_object_thaw_notify (G_OBJECT (self));

  return lf_platform_state_is_confirming (self);
}

/**
 * lf_platform_state_apply_status:
 * @report: (nullable): what the platform's own status source says, %NULL when it could not be
 *   read (unknown for that signal, never up)
 */
void
lf_platform_state_apply_status (LfPlatformState *self,
                                LfStatusReport  *report)
{
  LfSeverity indicator = report != NULL ? report->indicator : LF_SEVERITY_UNKNOWN;

  g_return_if_fail (LF_IS_PLATFORM_STATE (self));

  g_object_freeze_notify (G_OBJECT (self));

  if (report != self->status_report)
    {
      g_clear_pointer (&self->status_report, lf_status_report_unref);
      self->status_report = report != NULL ? lf_status_report_ref (report) : NULL;
    }

  if (indicator != self->status_indicator)
    {
      self->status_indicator = indicator;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_INDICATOR]);
    }

  if (report != NULL && report->page_url != NULL && self->status_page == NULL)
    lf_platform_state_set_status_page (self, report->page_url);

  update_state (self);

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * lf_platform_state_apply_network:
 * @usable: whether the user's own connection works (references answer, not offline)
 *
 * While the network is unusable the platform is `unknown` (cause `network`) and never down;
 * probe streaks start over.
 */
void
lf_platform_state_apply_network (LfPlatformState *self,
                                 gboolean         usable)
{
  g_return_if_fail (LF_IS_PLATFORM_STATE (self));

  usable = !!usable;
  if (usable == self->network_usable)
    return;

  self->network_usable = usable;
  self->probe_state = LF_STATE_UNKNOWN;
  self->probe_cause = LF_CAUSE_NONE;
  self->pending_count = 0;

  update_state (self);
}

/**
 * lf_platform_state_is_confirming:
 *
 * Returns: %TRUE while probes disagree with the verdict and have not made a streak yet
 */
gboolean
lf_platform_state_is_confirming (LfPlatformState *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_STATE (self), FALSE);

  return self->network_usable && self->pending_count > 0;
}

/**
 * lf_platform_state_restore:
 * @snapshot: what another monitor's state of the same platform shows
 *
 * Makes this state show @snapshot, with the same notifications a probe would cause: how a
 * window mirrors the background monitor's platforms (the state machine is not used; the
 * monitor that probes runs it). #LfPlatformState:last-checked is notified last, so that a
 * view refreshing on it sees the new probes and report.
 */
void
lf_platform_state_restore (LfPlatformState               *self,
                           const LfPlatformStateSnapshot *snapshot)
{
  g_return_if_fail (LF_IS_PLATFORM_STATE (self));
  g_return_if_fail (snapshot != NULL);

  g_object_freeze_notify (G_OBJECT (self));

  g_ptr_array_set_size (self->probes, 0);
  for (guint i = 0; snapshot->probes != NULL && i < snapshot->probes->len; i++)
    g_ptr_array_add (self->probes, lf_probe_result_ref (g_ptr_array_index (snapshot->probes, i)));
  g_array_set_size (self->samples, 0);
  if (snapshot->samples != NULL)
    g_array_append_vals (self->samples, snapshot->samples->data, snapshot->samples->len);
  if (snapshot->status_report != self->status_report)
    {
      g_clear_pointer (&self->status_report, lf_status_report_unref);
      if (snapshot->status_report != NULL)
        self->status_report = lf_status_report_ref (snapshot->status_report);
    }

#define RESTORE(field, prop) \
  if (self->field != snapshot->field) \
    { \
      self->field = snapshot->field; \
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); \
    }
  RESTORE (cause, PROP_CAUSE);
  RESTORE (since, PROP_SINCE);
  RESTORE (latency_ms, PROP_LATENCY_MS);
  RESTORE (http_status, PROP_HTTP_STATUS);
  RESTORE (status_indicator, PROP_STATUS_INDICATOR);
  RESTORE (state, PROP_STATE);
#undef RESTORE

  set_string (self, &self->cdn, snapshot->cdn, PROP_CDN);
  set_string (self, &self->ray_id, snapshot->ray_id, PROP_RAY_ID);
  set_string (self, &self->explanation, snapshot->explanation, PROP_EXPLANATION);
  set_string (self, &self->status_page, snapshot->status_page, PROP_STATUS_PAGE);

  self->last_checked = snapshot->last_checked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_CHECKED]);

  g_object_thaw_notify (G_OBJECT (self));
}
