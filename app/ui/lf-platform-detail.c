/* lf-platform-detail.c — everything known about one platform: evidence, vendor, history
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-platform-detail"

#include "config.h"

#include "lf-platform-detail.h"

#include <glib/gi18n.h>
#include "lf-a11y.h"
#include "lf-help.h"

#include "lf-health-format.h"

/* Shows the platform's state with its cause and explanation, the evidence of its latest
 * probe (HTTP status, timings, CDN, Ray ID), the vendor's active incidents and maintenances
 * (and those of the providers it sits behind) with links that open in the browser, its
 * uptime over 24 h, 7 d and 30 d, and its recent transitions, all read from the monitor. */

#define MAX_TRANSITIONS 10

struct _LfPlatformDetail
{
  AdwBin            parent_instance;

  LfMonitor        *monitor;
  LfPlatformState  *platform;
  const char       *style_class;

  /* Template widgets */
  GtkButton        *back_button;
  GtkImage         *state_icon;
  GtkLabel         *name_label;
  GtkLabel         *state_label;
  GtkLabel         *explanation_label;
  GtkWidget        *help_button;
  GtkButton        *notify_button;
  GtkListBox       *evidence_list;
  GtkListBox       *status_list;
  GtkListBox       *uptime_list;
  GtkListBox       *transitions_list;
};

G_DEFINE_FINAL_TYPE (LfPlatformDetail, lf_platform_detail, ADW_TYPE_BIN)

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (list, row);

  return row;
}

/* A row with its value at the end (selectable, so a Ray ID can be copied); a long value
 * goes under the title instead, where it can wrap at narrow widths. */
static void
add_value_row (GtkListBox *list,
               const char *title,
               const char *value)
{
  GtkWidget *row;
  GtkWidget *label;
  /* Translators: a row's accessible label, "HTTP status: 503" */
  g_autofree char *accessible = g_strdup_printf (_("%s: %s"), title, value);

  if (g_utf8_strlen (value, -1) > 22)
    {
      row = add_row (list, title, value);
      lf_a11y_set_label (row, accessible);
      return;
    }

  row = add_row (list, title, NULL);
  label = gtk_label_new (value);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  lf_a11y_set_label (row, accessible);
}

static void
add_link_row (GtkListBox *list,
              const char *title,
              const char *subtitle,
              const char *uri)
{
  GtkWidget *row = add_row (list, title, subtitle);

  if (uri == NULL)
    return;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (uri), g_free);
  gtk_widget_set_tooltip_text (row, uri);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("adw-external-link-symbolic"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Opens in the web browser"), -1);
}

/* A phase without a time either failed (the first missing one of a check that got no answer:
 * "Name lookup (DNS): Failed" next to "The name does not resolve") or was not measured
 * (after a failure, or not part of this check, such as TLS on http). */
static char *
format_ms (double   ms,
           gboolean failed_here)
{
  if (ms >= 0)
    return lf_format_latency (ms);
  return g_strdup (failed_here ? C_("probe phase", "Failed") : C_("probe phase", "Not measured"));
}

static void
fill_evidence (LfPlatformDetail *self)
{
  GPtrArray *probes = lf_platform_state_get_probes (self->platform);
  LfProbeResult *probe;
  g_autofree char *status = NULL;
  g_autofree char *when = NULL;
  const struct { const char *title; double ms; } phases[] = {
    { C_("probe phase", "Name lookup (DNS)"), 0 },
    { C_("probe phase", "Connection"), 0 },
    { C_("probe phase", "Secure connection (TLS)"), 0 },
    { C_("probe phase", "First byte"), 0 },
    { C_("probe phase", "Total"), 0 },
  };
  double values[5];
  gboolean seen_failure = FALSE;

  clear_list (self->evidence_list);

  if (probes == NULL || probes->len == 0)
    {
      add_row (self->evidence_list, _("Not checked yet"), NULL);
      return;
    }

  probe = g_ptr_array_index (probes, probes->len - 1);
  values[0] = probe->dns_ms;
  values[1] = probe->connect_ms;
  values[2] = probe->tls_ms;
  values[3] = probe->ttfb_ms;
  values[4] = probe->total_ms;

  when = lf_format_time (probe->started_at);
  add_value_row (self->evidence_list, _("Checked"), when);
  if (probe->http_status != 0)
    status = g_strdup_printf ("%u", probe->http_status);
  else
    status = g_strdup (_("No answer"));
  add_value_row (self->evidence_list, _("HTTP status"), status);
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    {
      gboolean failed_here = probe->http_status == 0 && values[i] < 0 && !seen_failure
                             && i < G_N_ELEMENTS (phases) - 1;
      g_autofree char *text = format_ms (values[i], failed_here);

      seen_failure = seen_failure || failed_here;

      add_value_row (self->evidence_list, phases[i].title, text);
    }
  add_value_row (self->evidence_list, _("CDN"), probe->cdn != NULL ? probe->cdn : _("None seen"));
  if (probe->ray_id != NULL)
    add_value_row (self->evidence_list, _("Cloudflare Ray ID"), probe->ray_id);
  if (probe->error_code != NULL)
    add_value_row (self->evidence_list, _("Error code"), probe->error_code);
  if (probe->error_message != NULL)
    add_row (self->evidence_list, _("Details"), probe->error_message);
}

static void
add_incidents (LfPlatformDetail *self,
               LfStatusReport   *report,
               const char       *vendor,
               guint            *n_added)
{
  for (guint i = 0; report != NULL && i < report->incidents->len; i++)
    {
      LfStatusIncident *incident = g_ptr_array_index (report->incidents, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *since = NULL;
      const char *kind;

      if (incident->maintenance)
        kind = incident->upcoming ? _("Scheduled maintenance") : _("Maintenance");
      else
        kind = _("Incident");

      if (incident->started_at > 0)
        since = lf_format_time (incident->started_at * G_USEC_PER_SEC);
      /* Translators: "Cloudflare: Elevated errors" */
      title = g_strdup_printf (_("%s: %s"), vendor, incident->title);
      if (since != NULL)
        /* Translators: "Incident · since Nov 18, 11:20" */
        subtitle = g_strdup_printf (_("%s · since %s"), kind, since);
      else
        subtitle = g_strdup (kind);

      add_link_row (self->status_list, title, subtitle, incident->url);
      (*n_added)++;
    }
}

static void
fill_status (LfPlatformDetail *self)
{
  LfStatusReport *report = lf_platform_state_get_status_report (self->platform);
  const char * const *providers = lf_platform_state_get_providers (self->platform);
  const char *page = lf_platform_state_get_status_page (self->platform);
  LfCatalog *catalog = lf_monitor_get_catalog (self->monitor);
  guint n = 0;

  clear_list (self->status_list);

  add_incidents (self, report, lf_platform_state_get_name (self->platform), &n);
  for (guint i = 0; providers != NULL && providers[i] != NULL; i++)
    {
      LfCatalogProvider *provider = catalog != NULL
                                    ? lf_catalog_lookup_provider (catalog, providers[i]) : NULL;

      add_incidents (self, lf_monitor_get_provider_status (self->monitor, providers[i]),
                     provider != NULL ? provider->name : providers[i], &n);
    }

  if (n == 0)
    {
      if (report != NULL)
        add_row (self->status_list, _("No incident or maintenance reported"),
                 report->description);
      else
        add_row (self->status_list, _("No report read yet"),
                 _("The vendor’s status page has not been read, or cannot be"));
    }

  if (page != NULL)
    add_link_row (self->status_list, _("Open Status Page"), page, page);
}

static void
fill_uptime (LfPlatformDetail *self)
{
  LfHistory *history = lf_monitor_get_history (self->monitor);
  const char *id = lf_platform_state_get_id (self->platform);
  const struct { const char *title; GTimeSpan span; } spans[] = {
    { _("Last 24 hours"), G_TIME_SPAN_DAY },
    { _("Last 7 days"), 7 * G_TIME_SPAN_DAY },
    { _("Last 30 days"), 30 * G_TIME_SPAN_DAY },
  };

  clear_list (self->uptime_list);

  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    {
      double uptime = history != NULL ? lf_history_get_uptime (history, id, spans[i].span) : -1;
      g_autofree char *text = NULL;

      if (uptime < 0)
        text = g_strdup (_("Not enough data yet"));
      else
        /* Translators: uptime as a percentage */
        text = g_strdup_printf (_("%.1f %%"), uptime * 100.0);
      add_value_row (self->uptime_list, spans[i].title, text);
    }
}

static void
fill_transitions (LfPlatformDetail *self)
{
  LfHistory *history = lf_monitor_get_history (self->monitor);
  GPtrArray *transitions = NULL;
  guint shown = 0;

  clear_list (self->transitions_list);

  if (history != NULL)
    transitions = lf_history_get_transitions (history, lf_platform_state_get_id (self->platform));

  for (guint i = transitions != NULL ? transitions->len : 0; i > 0 && shown < MAX_TRANSITIONS; i--)
    {
      LfHistoryTransition *t = g_ptr_array_index (transitions, i - 1);
      g_autofree char *title = NULL;
      g_autofree char *when = lf_format_time (t->time);
      g_autofree char *subtitle = NULL;
      g_autofree char *accessible = NULL;

      /* Translators: a change of state, "Up → Down" */
      title = g_strdup_printf (_("%s → %s"), lf_state_describe (t->from),
                               lf_state_describe (t->to));
      /* Translators: when a state changed, and why: "Nov 18, 11:20 · No answer in time" */
      subtitle = g_strdup_printf (_("%s · %s"), when, lf_cause_describe (t->cause));
      /* a screen reader hears when, too: "Up → Down, 6 Dec, 05:39 · No answer in time" */
      accessible = g_strdup_printf (_("%s, %s"), title, subtitle);
      lf_a11y_set_label (add_row (self->transitions_list, title, subtitle), accessible);
      shown++;
    }

  if (shown == 0)
    add_row (self->transitions_list, _("No changes recorded yet"), NULL);
}

static void
update (LfPlatformDetail *self)
{
  LfState state;
  const char *style_class;
  const char *explanation;
  g_autofree char *duration = NULL;
  g_autofree char *state_text = NULL;
  g_autofree char *help_page = NULL;
  LfHistory *history;
  gint64 since;

  if (self->platform == NULL || self->monitor == NULL)
    return;

  state = lf_platform_state_get_state (self->platform);
  history = lf_monitor_get_history (self->monitor);
  since = lf_platform_state_get_since (self->platform);
  if (history != NULL)
    since = lf_history_get_state_since (history, lf_platform_state_get_id (self->platform),
                                        state, since);
  duration = lf_format_duration_since (since, g_get_real_time ());
  /* Translators: "Down — No answer in time, for 12 min" */
  state_text = g_strdup_printf (_("%s — %s%s%s"), lf_state_describe (state),
                                lf_cause_describe (lf_platform_state_get_cause (self->platform)),
                                duration != NULL ? ", " : "", duration != NULL ? duration : "");

  gtk_label_set_label (self->name_label, lf_platform_state_get_name (self->platform));
  gtk_label_set_label (self->state_label, state_text);
  gtk_image_set_from_icon_name (self->state_icon, lf_state_get_icon_name (state));

  style_class = lf_state_get_style_class (state);
  if (self->style_class != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->state_icon), self->style_class);
      gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), self->style_class);
    }
  self->style_class = style_class;
  gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), style_class);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), style_class);

  explanation = lf_platform_state_get_explanation (self->platform);
  gtk_label_set_label (self->explanation_label, explanation != NULL ? explanation : "");
  gtk_widget_set_visible (GTK_WIDGET (self->explanation_label), explanation != NULL);

  /* the help page of the cause: what it means, what to do */
  help_page = lf_help_page_for_cause (lf_cause_to_string (lf_platform_state_get_cause (
    self->platform)));
  gtk_widget_set_visible (self->help_button, help_page != NULL);
  if (help_page != NULL)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->help_button), "s", help_page);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->help_button), "win.help");
    }

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->notify_button), "s",
                                    lf_platform_state_get_id (self->platform));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->notify_button), "app.notify-clients");

  fill_evidence (self);
  fill_status (self);
  fill_uptime (self);
  fill_transitions (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
on_platform_notify_cb (LfPlatformDetail *self)
{
  update (self);
}

static void
on_row_activated_cb (GtkListBox       *list,
                     GtkListBoxRow    *row,
                     LfPlatformDetail *self)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "uri");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (uri != NULL)
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject overrides                                                                            */
/* ------------------------------------------------------------------------------------------ */

static void
lf_platform_detail_dispose (GObject *object)
{
  LfPlatformDetail *self = LF_PLATFORM_DETAIL (object);

  g_clear_object (&self->platform);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (lf_platform_detail_parent_class)->dispose (object);
}

static void
lf_platform_detail_class_init (LfPlatformDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lf_platform_detail_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/lf-platform-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, LfPlatformDetail, back_button);
  gtk_widget_class_bind_template_child (widget_class, LfPlatformDetail, state_icon);
  gtk_widget_class_bind_template_child (widget_class, LfPlatformDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, LfPlatformDetail, state_label);
  gtk_widget_class_bind_template_child (widget_class, LfPlatformDetail, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, LfPlatformDetail, help_button);
  gtk_widget_class_bind_template_child (widget_class, LfPlatformDetail, notify_button);
  gtk_widget_class_bind_template_child (widget_class, LfPlatformDetail, evidence_list);
  gtk_widget_class_bind_template_child (widget_class, LfPlatformDetail, status_list);
  gtk_widget_class_bind_template_child (widget_class, LfPlatformDetail, uptime_list);
  gtk_widget_class_bind_template_child (widget_class, LfPlatformDetail, transitions_list);
}

static void
lf_platform_detail_init (LfPlatformDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lf_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));

  g_signal_connect_object (self->status_list, "row-activated",
                           G_CALLBACK (on_row_activated_cb), self, G_CONNECT_DEFAULT);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                   */
/* ------------------------------------------------------------------------------------------ */

GtkWidget *
lf_platform_detail_new (void)
{
  return g_object_new (LF_TYPE_PLATFORM_DETAIL, NULL);
}

/**
 * lf_platform_detail_set_platform:
 * @monitor: the monitor @platform belongs to (for provider status and history)
 * @platform: (nullable): the platform to show
 */
void
lf_platform_detail_set_platform (LfPlatformDetail *self,
                                 LfMonitor        *monitor,
                                 LfPlatformState  *platform)
{
  g_return_if_fail (LF_IS_PLATFORM_DETAIL (self));
  g_return_if_fail (LF_IS_MONITOR (monitor));
  g_return_if_fail (platform == NULL || LF_IS_PLATFORM_STATE (platform));

  g_set_object (&self->monitor, monitor);
  if (self->platform == platform)
    {
      update (self);
      return;
    }

  if (self->platform != NULL)
    g_signal_handlers_disconnect_by_data (self->platform, self);
  g_set_object (&self->platform, platform);
  if (platform != NULL)
    g_signal_connect_object (platform, "notify", G_CALLBACK (on_platform_notify_cb), self,
                             G_CONNECT_SWAPPED);

  update (self);
}

/**
 * lf_platform_detail_get_platform:
 *
 * Returns: (transfer none) (nullable): the platform shown
 */
LfPlatformState *
lf_platform_detail_get_platform (LfPlatformDetail *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_DETAIL (self), NULL);

  return self->platform;
}

/**
 * lf_platform_detail_focus_back:
 *
 * Puts the keyboard focus on the way back (the first thing in the view).
 */
void
lf_platform_detail_focus_back (LfPlatformDetail *self)
{
  g_return_if_fail (LF_IS_PLATFORM_DETAIL (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->back_button));
}

void
lf_platform_detail_refresh (LfPlatformDetail *self)
{
  g_return_if_fail (LF_IS_PLATFORM_DETAIL (self));

  update (self);
}
