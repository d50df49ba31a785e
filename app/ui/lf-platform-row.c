/* lf-platform-row.c — one watched platform in the Health page's list
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-platform-row"

#include "config.h"

#include "lf-platform-row.h"

#include <glib/gi18n.h>

#include "lf-health-format.h"
#include "lf-sparkline.h"

struct _LfPlatformRow
{
  GtkListBoxRow     parent_instance;

  LfPlatformState  *platform;
  LfHistory        *history;
  char             *state_text;
  const char       *style_class;

  /* Template widgets */
  GtkImage         *state_icon;
  GtkLabel         *name_label;
  GtkLabel         *state_label;
  GtkLabel         *detail_label;
  LfSparkline      *sparkline;
};

G_DEFINE_FINAL_TYPE (LfPlatformRow, lf_platform_row, GTK_TYPE_LIST_BOX_ROW)

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static void
set_style_class (LfPlatformRow *self,
                 const char    *style_class)
{
  if (g_strcmp0 (self->style_class, style_class) == 0)
    return;

  if (self->style_class != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->state_icon), self->style_class);
      gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), self->style_class);
    }
  self->style_class = style_class;
  gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), style_class);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), style_class);
}

static void
update_sparkline (LfPlatformRow *self)
{
  const char *id = lf_platform_state_get_id (self->platform);
  GArray *samples = NULL;

  if (self->history != NULL)
    samples = lf_history_get_samples (self->history, id);
  if (samples == NULL)
    samples = lf_platform_state_get_latency_samples (self->platform);

  lf_sparkline_set_samples (self->sparkline, samples, LF_PLATFORM_ROW_SPARKLINE_SPAN,
                            g_get_real_time ());
}

static void
update (LfPlatformRow *self)
{
  LfState state = lf_platform_state_get_state (self->platform);
  LfCause cause = lf_platform_state_get_cause (self->platform);
  const char *name = lf_platform_state_get_name (self->platform);
  g_autofree char *duration = NULL;
  g_autofree char *latency = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *accessible = NULL;
  gint64 since;

  g_free (self->state_text);
  if (state == LF_STATE_UP && cause == LF_CAUSE_NONE)
    self->state_text = g_strdup (lf_state_describe (state));
  else if (state == LF_STATE_UNKNOWN && cause == LF_CAUSE_NONE)
    self->state_text = g_strdup_printf (_("%s — not checked yet"), lf_state_describe (state));
  else
    /* Translators: a platform's state, then its cause in words: "Down — No answer in time" */
    self->state_text = g_strdup_printf (_("%s — %s"), lf_state_describe (state),
                                        lf_cause_describe (cause));

  since = lf_platform_state_get_since (self->platform);
  if (self->history != NULL)
    since = lf_history_get_state_since (self->history, lf_platform_state_get_id (self->platform),
                                        state, since);
  duration = lf_format_duration_since (since, g_get_real_time ());
  latency = lf_format_latency (lf_platform_state_get_latency_ms (self->platform));
  if (duration != NULL)
    /* Translators: "for 12 min · latency 212 ms" */
    detail = g_strdup_printf (_("%s · latency %s"), duration, latency);
  else
    detail = g_strdup_printf (_("Latency %s"), latency);

  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->state_label, self->state_text);
  gtk_label_set_label (self->detail_label, detail);
  gtk_image_set_from_icon_name (self->state_icon, lf_state_get_icon_name (state));
  set_style_class (self, lf_state_get_style_class (state));

  /* Translators: a platform row's accessible label, "Upwork: Down — No answer in time, for
   * 12 min · latency 212 ms" */
  accessible = g_strdup_printf (_("%s: %s, %s"), name, self->state_text, detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Press Enter to see the details"),
                                  -1);
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
on_history_loaded_cb (LfPlatformRow *self)
{
  update (self);
  update_sparkline (self);
}

static void
on_platform_notify_cb (LfPlatformState *platform,
                       GParamSpec      *pspec,
                       LfPlatformRow   *self)
{
  update (self);
  if (g_str_equal (pspec->name, "last-checked"))
    update_sparkline (self);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject overrides                                                                            */
/* ------------------------------------------------------------------------------------------ */

static void
lf_platform_row_dispose (GObject *object)
{
  LfPlatformRow *self = LF_PLATFORM_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LF_TYPE_PLATFORM_ROW);
  g_clear_object (&self->platform);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (lf_platform_row_parent_class)->dispose (object);
}

static void
lf_platform_row_finalize (GObject *object)
{
  LfPlatformRow *self = LF_PLATFORM_ROW (object);

  g_free (self->state_text);

  G_OBJECT_CLASS (lf_platform_row_parent_class)->finalize (object);
}

static void
lf_platform_row_class_init (LfPlatformRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lf_platform_row_dispose;
  object_class->finalize = lf_platform_row_finalize;

  g_type_ensure (LF_TYPE_SPARKLINE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/lf-platform-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LfPlatformRow, state_icon);
  gtk_widget_class_bind_template_child (widget_class, LfPlatformRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, LfPlatformRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, LfPlatformRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, LfPlatformRow, sparkline);
}

static void
lf_platform_row_init (LfPlatformRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/**
 * lf_platform_row_new:
 * @platform: the platform to show (the row follows its properties)
 * @history: (nullable): where the latency samples for the chart come from
 */
GtkWidget *
lf_platform_row_new (LfPlatformState *platform,
                     LfHistory       *history)
{
  LfPlatformRow *self;

  g_return_val_if_fail (LF_IS_PLATFORM_STATE (platform), NULL);
  g_return_val_if_fail (history == NULL || LF_IS_HISTORY (history), NULL);

  self = g_object_new (LF_TYPE_PLATFORM_ROW, NULL);
  self->platform = g_object_ref (platform);
  self->history = history != NULL ? g_object_ref (history) : NULL;
  g_signal_connect_object (platform, "notify", G_CALLBACK (on_platform_notify_cb), self,
                           G_CONNECT_DEFAULT);
  /* the history on disk arrives after the first frame: chart and "up for" follow it */
  if (history != NULL)
    g_signal_connect_object (history, "notify::loaded", G_CALLBACK (on_history_loaded_cb),
                             self, G_CONNECT_SWAPPED);
  update (self);
  update_sparkline (self);

  return GTK_WIDGET (self);
}

/**
 * lf_platform_row_get_platform:
 *
 * Returns: (transfer none): the platform shown
 */
LfPlatformState *
lf_platform_row_get_platform (LfPlatformRow *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_ROW (self), NULL);

  return self->platform;
}

/**
 * lf_platform_row_get_state_text:
 *
 * Returns: the state line as shown ("Down — No answer in time")
 */
const char *
lf_platform_row_get_state_text (LfPlatformRow *self)
{
  g_return_val_if_fail (LF_IS_PLATFORM_ROW (self), NULL);

  return self->state_text;
}

/**
 * lf_platform_row_refresh:
 *
 * Updates the time-dependent text ("for 12 min") and the chart.
 */
void
lf_platform_row_refresh (LfPlatformRow *self)
{
  g_return_if_fail (LF_IS_PLATFORM_ROW (self));

  update (self);
  update_sparkline (self);
}
