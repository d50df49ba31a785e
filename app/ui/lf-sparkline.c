/* lf-sparkline.c — a small line chart of a platform's recent latency
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-sparkline"

#include "config.h"

#include "lf-sparkline.h"

#include <glib/gi18n.h>

#include "lf-platform-state.h"

/* The chart keeps its own copy of the samples inside the span (time in µs relative to the
 * span's start, latency in ms), so it never looks at the history while it draws. It is
 * drawn with cairo through GtkSnapshot in the widget's own foreground colour, which follows
 * the light and dark styles, and it describes itself to screen readers in words. */

#define DEFAULT_WIDTH 72
#define DEFAULT_HEIGHT 24

typedef struct
{
  double x;   /* 0..1 across the span */
  double ms;
} Point;

struct _LfSparkline
{
  GtkWidget  parent_instance;

  GArray    *points;   /* Point */
  double     max_ms;
  char      *description;
};

G_DEFINE_FINAL_TYPE (LfSparkline, lf_sparkline, GTK_TYPE_WIDGET)

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static void
update_description (LfSparkline *self)
{
  g_autofree char *text = NULL;
  double min_ms = G_MAXDOUBLE;
  double last_ms;

  if (self->points->len == 0)
    text = g_strdup (_("No latency measured yet"));
  else
    {
      for (guint i = 0; i < self->points->len; i++)
        min_ms = MIN (min_ms, g_array_index (self->points, Point, i).ms);
      last_ms = g_array_index (self->points, Point, self->points->len - 1).ms;
      /* Translators: the latency chart for screen readers; the numbers are milliseconds */
      text = g_strdup_printf (_("Latency recently between %.0f and %.0f ms, now %.0f ms"),
                              min_ms, self->max_ms, last_ms);
    }

  if (g_strcmp0 (text, self->description) == 0)
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
  g_free (self->description);
  self->description = g_steal_pointer (&text);
  /* The tooltip is asked for (query_tooltip) rather than set: gtk_widget_set_tooltip_text()
   * asks the display server where the pointer is, a round trip for each of the Health
   * page's rows as it is built. Shown, a new text replaces one on screen. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------------------------ */
/* GtkWidget overrides                                                                          */
/* ------------------------------------------------------------------------------------------ */

static gboolean
lf_sparkline_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard_tooltip,
                            GtkTooltip *tooltip)
{
  gtk_tooltip_set_text (tooltip, LF_SPARKLINE (widget)->description);

  return TRUE;
}

static void
lf_sparkline_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  int size = orientation == GTK_ORIENTATION_HORIZONTAL ? DEFAULT_WIDTH : DEFAULT_HEIGHT;

  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? size / 2 : size;
  *natural = size;
}

/* Too little to draw a line from: fewer than four samples, or all within 5 % of the span. */
static gboolean
is_sparse (LfSparkline *self)
{
  Point *first;
  Point *last;

  if (self->points->len < 4)
    return TRUE;
  first = &g_array_index (self->points, Point, 0);
  last = &g_array_index (self->points, Point, self->points->len - 1);
  return last->x - first->x < 0.05;
}

static void
lf_sparkline_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  LfSparkline *self = LF_SPARKLINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  G_GNUC_END_IGNORE_DEPRECATIONS
  GdkRGBA color;
  cairo_t *cr;
  const double pad = 2.0;
  double top;

  if (width <= 0 || height <= 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* the baseline, faint, so an empty chart still reads as a chart */
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.25);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, pad, height - 0.5);
  cairo_line_to (cr, width - pad, height - 0.5);
  cairo_stroke (cr);

  if (self->points->len > 0 && is_sparse (self))
    {
      /* A few samples close together (the first minutes of a platform): their level as a
       * short flat segment ending in a dot at the latest one, not a line squeezed into a
       * stray tick at the right edge; the faint baseline says the rest is not known yet. */
      double sum = 0;
      double x0, x1, y;
      Point *first = &g_array_index (self->points, Point, 0);
      Point *last = &g_array_index (self->points, Point, self->points->len - 1);

      top = self->max_ms > 0 ? self->max_ms * 1.1 : 1.0;
      for (guint i = 0; i < self->points->len; i++)
        sum += g_array_index (self->points, Point, i).ms;
      y = pad + (1.0 - (sum / self->points->len) / top) * (height - 2 * pad);
      y = CLAMP (y, pad + 2.0, height - pad - 2.0);
      x1 = MIN (pad + last->x * (width - 2 * pad), width - pad - 2.0);
      x0 = MIN (pad + first->x * (width - 2 * pad), x1 - 16.0);
      x0 = MAX (x0, pad);

      cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.8);
      cairo_set_line_width (cr, 1.5);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x1, y);
      cairo_stroke (cr);
      cairo_arc (cr, x1, y, 2.0, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  else if (self->points->len > 0)
    {
      top = self->max_ms > 0 ? self->max_ms * 1.1 : 1.0;

      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      for (guint i = 0; i < self->points->len; i++)
        {
          Point *p = &g_array_index (self->points, Point, i);
          double x = pad + p->x * (width - 2 * pad);
          double y = pad + (1.0 - p->ms / top) * (height - 2 * pad);

          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }

      /* the area under the line, then the line itself */
      if (self->points->len > 1)
        {
          cairo_path_t *line = cairo_copy_path (cr);
          Point *first = &g_array_index (self->points, Point, 0);
          Point *last = &g_array_index (self->points, Point, self->points->len - 1);

          cairo_line_to (cr, pad + last->x * (width - 2 * pad), height);
          cairo_line_to (cr, pad + first->x * (width - 2 * pad), height);
          cairo_close_path (cr);
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.15);
          cairo_fill (cr);

          cairo_append_path (cr, line);
          cairo_path_destroy (line);
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.8);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
      else
        {
          cairo_new_path (cr);
          cairo_arc (cr, pad + g_array_index (self->points, Point, 0).x * (width - 2 * pad),
                     height / 2.0, 2.0, 0, 2 * G_PI);
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.8);
          cairo_fill (cr);
        }
    }

  cairo_destroy (cr);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject overrides                                                                            */
/* ------------------------------------------------------------------------------------------ */

static void
lf_sparkline_finalize (GObject *object)
{
  LfSparkline *self = LF_SPARKLINE (object);

  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (lf_sparkline_parent_class)->finalize (object);
}

static void
lf_sparkline_class_init (LfSparklineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lf_sparkline_finalize;

  widget_class->measure = lf_sparkline_measure;
  widget_class->snapshot = lf_sparkline_snapshot;
  widget_class->query_tooltip = lf_sparkline_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "sparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lf_sparkline_init (LfSparkline *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (Point));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Latency chart"),
                                  -1);
  update_description (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                   */
/* ------------------------------------------------------------------------------------------ */

GtkWidget *
lf_sparkline_new (void)
{
  return g_object_new (LF_TYPE_SPARKLINE, NULL);
}

/**
 * lf_sparkline_set_samples:
 * @samples: (nullable) (element-type LfLatencySample): latency samples, oldest first
 * @span: how far back to draw (µs)
 * @now: the right edge (unix µs)
 *
 * Copies the samples inside the span and redraws.
 */
void
lf_sparkline_set_samples (LfSparkline *self,
                          GArray      *samples,
                          GTimeSpan    span,
                          gint64       now)
{
  gint64 start = now - span;

  g_return_if_fail (LF_IS_SPARKLINE (self));
  g_return_if_fail (span > 0);

  g_array_set_size (self->points, 0);
  self->max_ms = 0;

  for (guint i = 0; samples != NULL && i < samples->len; i++)
    {
      LfLatencySample *sample = &g_array_index (samples, LfLatencySample, i);
      Point point;

      if (sample->time < start || sample->time > now || sample->latency_ms < 0)
        continue;

      point.x = (double) (sample->time - start) / (double) span;
      point.ms = sample->latency_ms;
      self->max_ms = MAX (self->max_ms, point.ms);
      g_array_append_val (self->points, point);
    }

  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lf_sparkline_get_n_points:
 *
 * Returns: how many samples the chart draws
 */
guint
lf_sparkline_get_n_points (LfSparkline *self)
{
  g_return_val_if_fail (LF_IS_SPARKLINE (self), 0);

  return self->points->len;
}

/**
 * lf_sparkline_get_description:
 *
 * Returns: the chart in words: its tooltip and its accessible description
 */
const char *
lf_sparkline_get_description (LfSparkline *self)
{
  g_return_val_if_fail (LF_IS_SPARKLINE (self), NULL);

  return self->description;
}
