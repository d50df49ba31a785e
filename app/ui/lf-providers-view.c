/* lf-providers-view.c — the Health page's Providers section
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-providers-view"

#include "config.h"

#include "lf-providers-view.h"

#include <glib/gi18n.h>

#include "lf-health-format.h"
#include "lf-provider-summary.h"

/* A compact strip above the platform list: one small card per provider (Cloudflare, AWS,
 * Google Cloud, …) that some watched platform sits behind, or whose own status source reports
 * trouble, with that status (lf-provider-summary.c) and how many of the watched platforms sit
 * behind it, so that a provider's outage explains itself at once. Rebuilt after every round of
 * the monitor and whenever the watched platforms change; hidden when there is nothing to
 * show. */

struct _LfProvidersView
{
  AdwBin      parent_instance;

  LfMonitor  *monitor;

  /* Template widgets */
  GtkFlowBox *flow_box;
};

G_DEFINE_FINAL_TYPE (LfProvidersView, lf_providers_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MONITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_shown (const LfProviderSummary *summary)
{
  return summary->n_platforms > 0 || summary->blamed ||
         (summary->report != NULL && !summary->network_down && summary->state != LF_STATE_UP);
}

static const char *
state_text (const LfProviderSummary *summary)
{
  if (summary->network_down)
    return C_("provider status", "Cannot be checked");
  /* The diagnosis blames it while its own page does not say so (yet) */
  if (summary->page_lags)
    return C_("provider status", "Errors seen");
  if (summary->report != NULL)
    return lf_state_describe (summary->state);
  if (!summary->has_source)
    return C_("provider status", "No status feed");
  if (summary->n_platforms > 0)
    return C_("provider status", "Not read yet");

  return C_("provider status", "Not checked");
}

static GtkWidget *
card_new (const LfProviderSummary *summary)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (summary->name);
  GtkWidget *line;
  GtkWidget *icon;
  g_autofree char *count = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *accessible = NULL;
  const char *state = state_text (summary);
  /* The core's verdict: unknown while the connection is down, whatever was read before. */
  gboolean known = summary->report != NULL || summary->network_down || summary->blamed;
  LfState shown = summary->state;

  if (summary->n_platforms == 0)
    count = g_strdup (_("none of yours"));
  else
    /* Translators: how many of the watched platforms sit behind a provider */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of yours", "%u of yours",
                                          summary->n_platforms), summary->n_platforms);
  /* Translators: "<the provider's status> · <how many of your platforms sit behind it>" */
  detail = g_strdup_printf (C_("provider card", "%s · %s"), state, count);

  icon = gtk_image_new_from_icon_name (known ? lf_state_get_icon_name (shown)
                                             : "network-server-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  state, -1);
  if (known)
    gtk_widget_add_css_class (icon, lf_state_get_style_class (shown));
  else
    gtk_widget_add_css_class (icon, "dim-label");

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  line = gtk_label_new (detail);
  gtk_label_set_xalign (GTK_LABEL (line), 0);
  gtk_label_set_ellipsize (GTK_LABEL (line), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (line, "caption");
  if (!known)
    gtk_widget_add_css_class (line, "dim-label");
  else
    gtk_widget_add_css_class (line, lf_state_get_style_class (shown));
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), line);

  gtk_box_append (GTK_BOX (card), icon);
  gtk_box_append (GTK_BOX (card), text);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "lf-provider-card");

  /* The provider's own words, when it has something to say (not from before the connection
   * went down). */
  if (summary->network_down)
    gtk_widget_set_tooltip_text (card, lf_cause_describe (LF_CAUSE_NETWORK));
  else if (summary->page_lags && summary->report != NULL
           && summary->report->description != NULL
           && summary->page_state != LF_STATE_UP && summary->page_state != LF_STATE_UNKNOWN)
    {
      /* Its page reports less than what the platforms behind it show ("Partial Outage") */
      g_autofree char *says = NULL;

      /* Translators: %s is the provider's own words, from its status page */
      says = g_strdup_printf (_("Your platforms behind it answer with its error pages; its own "
                                "status page says: %s"), summary->report->description);
      gtk_widget_set_tooltip_text (card, says);
    }
  else if (summary->page_lags)
    gtk_widget_set_tooltip_text (card, _("Your platforms behind it answer with its error "
                                         "pages; its own status page does not report a "
                                         "problem yet."));
  else if (summary->report != NULL && summary->report->description != NULL)
    gtk_widget_set_tooltip_text (card, summary->report->description);

  accessible = g_strdup_printf ("%s: %s", summary->name, detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data_full (G_OBJECT (card), "provider-id", g_strdup (summary->id), g_free);
  g_object_set_data_full (G_OBJECT (card), "detail", g_strdup (detail), g_free);

  return card;
}

static void
rebuild (LfProvidersView *self)
{
  g_autoptr(GPtrArray) summaries = NULL;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flow_box))) != NULL)
    gtk_flow_box_remove (self->flow_box, child);

  summaries = self->monitor != NULL ? lf_provider_summary_collect_for_monitor (self->monitor)
                                    : NULL;
  for (guint i = 0; summaries != NULL && i < summaries->len; i++)
    {
      LfProviderSummary *summary = g_ptr_array_index (summaries, i);

      if (!is_shown (summary))
        continue;
      gtk_flow_box_append (self->flow_box, card_new (summary));
      shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self), shown > 0);
}

static void
lf_providers_view_dispose (GObject *object)
{
  LfProvidersView *self = LF_PROVIDERS_VIEW (object);

  lf_providers_view_set_monitor (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LF_TYPE_PROVIDERS_VIEW);

  G_OBJECT_CLASS (lf_providers_view_parent_class)->dispose (object);
}

static void
lf_providers_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LfProvidersView *self = LF_PROVIDERS_VIEW (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_providers_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LfProvidersView *self = LF_PROVIDERS_VIEW (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      lf_providers_view_set_monitor (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_providers_view_class_init (LfProvidersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lf_providers_view_dispose;
  object_class->get_property = lf_providers_view_get_property;
  object_class->set_property = lf_providers_view_set_property;

  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL, LF_TYPE_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lifeline/Lifeline/ui/"
                                               "lf-providers-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LfProvidersView, flow_box);
}

static void
lf_providers_view_init (LfProvidersView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * lf_providers_view_new:
 *
 * Returns: (transfer floating): a new, empty section; give it a monitor
 */
GtkWidget *
lf_providers_view_new (void)
{
  return g_object_new (LF_TYPE_PROVIDERS_VIEW, NULL);
}

LfMonitor *
lf_providers_view_get_monitor (LfProvidersView *self)
{
  g_return_val_if_fail (LF_IS_PROVIDERS_VIEW (self), NULL);

  return self->monitor;
}

/**
 * lf_providers_view_set_monitor:
 * @monitor: (nullable): the monitor whose catalog, watched platforms and provider reports
 *   are shown
 */
void
lf_providers_view_set_monitor (LfProvidersView *self,
                               LfMonitor       *monitor)
{
  g_return_if_fail (LF_IS_PROVIDERS_VIEW (self));
  g_return_if_fail (monitor == NULL || LF_IS_MONITOR (monitor));

  if (self->monitor == monitor)
    return;

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_signal_handlers_disconnect_by_data (lf_monitor_get_platforms (self->monitor), self);
    }

  g_set_object (&self->monitor, monitor);

  if (monitor != NULL)
    {
      g_signal_connect_object (monitor, "notify::last-checked", G_CALLBACK (rebuild), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (monitor, "notify::diagnosis", G_CALLBACK (rebuild), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (lf_monitor_get_platforms (monitor), "items-changed",
                               G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
    }

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONITOR]);
}

static GtkWidget *
find_card (LfProvidersView *self,
           const char      *provider_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->flow_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (g_strcmp0 (g_object_get_data (G_OBJECT (card), "provider-id"), provider_id) == 0)
        return card;
    }

  return NULL;
}

/**
 * lf_providers_view_get_tooltip:
 * @provider_id: a provider of the monitor's catalog
 *
 * Returns: (nullable): the tooltip of @provider_id's card (the provider's own words, or why
 *   its card says what it says), %NULL when it has none or no card (for tests)
 */
const char *
lf_providers_view_get_tooltip (LfProvidersView *self,
                               const char      *provider_id)
{
  GtkWidget *card;

  g_return_val_if_fail (LF_IS_PROVIDERS_VIEW (self), NULL);

  card = find_card (self, provider_id);
  return card != NULL ? gtk_widget_get_tooltip_text (card) : NULL;
}

/**
 * lf_providers_view_get_detail:
 * @provider_id: a provider of the monitor's catalog
 *
 * Returns: (nullable): the second line of @provider_id's card ("Down · 2 of yours"), %NULL
 *   when it has no card (for tests)
 */
const char *
lf_providers_view_get_detail (LfProvidersView *self,
                              const char      *provider_id)
{
  GtkWidget *card;

  g_return_val_if_fail (LF_IS_PROVIDERS_VIEW (self), NULL);

  card = find_card (self, provider_id);
  return card != NULL ? g_object_get_data (G_OBJECT (card), "detail") : NULL;
}
