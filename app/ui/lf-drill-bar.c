/* lf-drill-bar.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-drill-bar"

#include "config.h"

#include "lf-drill-bar.h"

#include <glib/gi18n.h>

#include "lf-a11y.h"
#include "lf-drill.h"

/* The drill banner, under the header bar on every page while a fire drill runs: how far the
 * drill is in the length chosen and where the story is ("Drill · 3:12 of 10:00 · the story
 * is at 12:41 UTC"), a Pause Drill / Resume Drill button (app.pause-drill, app.resume-drill)
 * and Stop Drill (app.stop-drill). It follows LfContext:drill and that drill's running and
 * paused states; its clock ticks once a second while it shows a drill that plays.
 */

struct _LfDrillBar
{
  AdwBin      parent_instance;

  LfContext  *context;
  LfDrill    *drill;          /* the context's drill, watched */
  GtkLabel   *label;
  GtkButton  *pause_button;
  GtkButton  *stop_button;
  guint       tick_id;
  char       *text;
};

G_DEFINE_FINAL_TYPE (LfDrillBar, lf_drill_bar, ADW_TYPE_BIN)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* "3:12", "10:00", "1:02:00" */
static char *
format_clock (guint ms)
{
  guint s = ms / 1000;

  if (s >= 3600)
    return g_strdup_printf ("%u:%02u:%02u", s / 3600, s / 60 % 60, s % 60);
  return g_strdup_printf ("%u:%02u", s / 60, s % 60);
}

static gboolean tick_cb (gpointer user_data);

static void
update (LfDrillBar *self)
{
  gboolean running = self->drill != NULL && lf_drill_get_running (self->drill);
  gboolean paused = running && lf_drill_get_paused (self->drill);
  LfDrillPlayer *player = self->drill != NULL ? lf_drill_get_player (self->drill) : NULL;
  gboolean story_over = player != NULL && lf_drill_player_get_finished (player);
  const char *pause_label;

  gtk_widget_set_visible (GTK_WIDGET (self), running);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (!running)
    return;

  g_free (self->text);
  if (story_over)
    self->text = g_strdup (_("Drill · the story is over; waiting for the recovery to show"));
  else
    {
      g_autofree char *played = format_clock (lf_drill_player_get_played_ms (player));
      g_autofree char *length = format_clock (lf_drill_player_get_length_ms (player));
      g_autoptr(GDateTime) story = lf_drill_player_dup_story_time (player);
      g_autofree char *when = story != NULL ? g_date_time_format (story, "%H:%M") : NULL;

      self->text = paused
                   /* Translators: the drill banner; time played, the drill's length, the
                    * (UTC) time in the story of the outage, e.g. "3:12", "10:00", "12:41" */
                   ? g_strdup_printf (_("Drill paused at %s of %s · the story is at %s UTC"),
                                      played, length, when)
                   /* Translators: the drill banner, as above */
                   : g_strdup_printf (_("Drill · %s of %s · the story is at %s UTC"),
                                      played, length, when);
    }
  gtk_label_set_label (self->label, self->text);

  pause_label = paused ? _("_Resume Drill") : _("_Pause Drill");
  gtk_button_set_label (self->pause_button, pause_label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->pause_button),
                                  paused ? "app.resume-drill" : "app.pause-drill");
  /* Once the story is over there is nothing left to pause. */
  gtk_widget_set_visible (GTK_WIDGET (self->pause_button), !story_over);

  if (!paused && !story_over)
    self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
}

static gboolean
tick_cb (gpointer user_data)
{
  LfDrillBar *self = user_data;

  self->tick_id = 0;
  update (self);
  return G_SOURCE_REMOVE;
}

static void
on_drill_state_cb (GObject    *object,
                   GParamSpec *pspec,
                   LfDrillBar *self)
{
  update (self);
}

static void
set_drill (LfDrillBar *self,
           LfDrill    *drill)
{
  if (self->drill == drill)
    return;

  if (self->drill != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->drill, self);
      g_signal_handlers_disconnect_by_data (lf_drill_get_player (self->drill), self);
    }
  g_set_object (&self->drill, drill);
  if (drill != NULL)
    {
      g_signal_connect_object (drill, "notify::running", G_CALLBACK (on_drill_state_cb), self,
                               G_CONNECT_DEFAULT);
      g_signal_connect_object (drill, "notify::paused", G_CALLBACK (on_drill_state_cb), self,
                               G_CONNECT_DEFAULT);
      g_signal_connect_object (lf_drill_get_player (drill), "notify::finished",
                               G_CALLBACK (on_drill_state_cb), self, G_CONNECT_DEFAULT);
    }
  update (self);
}

static void
on_context_drill_cb (LfContext  *context,
                     GParamSpec *pspec,
                     LfDrillBar *self)
{
  set_drill (self, lf_context_get_drill (context));
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_drill_bar_dispose (GObject *object)
{
  LfDrillBar *self = LF_DRILL_BAR (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  set_drill (self, NULL);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (lf_drill_bar_parent_class)->dispose (object);
}

static void
lf_drill_bar_finalize (GObject *object)
{
  LfDrillBar *self = LF_DRILL_BAR (object);

  g_free (self->text);

  G_OBJECT_CLASS (lf_drill_bar_parent_class)->finalize (object);
}

static void
lf_drill_bar_class_init (LfDrillBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lf_drill_bar_dispose;
  object_class->finalize = lf_drill_bar_finalize;
}

static void
lf_drill_bar_init (LfDrillBar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("alarm-symbolic");

  /* Where it is on one line, the buttons under it, at the end: the line stays readable at
   * 360 px and the buttons never squeeze it. */
  gtk_widget_add_css_class (box, "lf-drill-bar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Fire drill"), -1);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (line), icon);

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_wrap_mode (self->label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->label));
  gtk_box_append (GTK_BOX (box), line);

  self->pause_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Pause Drill")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->pause_button), "app.pause-drill");
  lf_a11y_fix_mnemonic_button (GTK_WIDGET (self->pause_button));
  self->stop_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Stop Drill")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->stop_button), "app.stop-drill");
  lf_a11y_fix_mnemonic_button (GTK_WIDGET (self->stop_button));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->stop_button),
                               _("End the drill now; its incident stays for you to close"));
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->pause_button));
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->stop_button));
  gtk_box_append (GTK_BOX (box), buttons);

  adw_bin_set_child (ADW_BIN (self), box);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_drill_bar_set_context:
 *
 * Follows the drill of @context (LfContext:drill).
 */
void
lf_drill_bar_set_context (LfDrillBar *self,
                          LfContext  *context)
{
  g_return_if_fail (LF_IS_DRILL_BAR (self));
  g_return_if_fail (context == NULL || LF_IS_CONTEXT (context));

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_set_object (&self->context, context);
  if (context != NULL)
    g_signal_connect_object (context, "notify::drill", G_CALLBACK (on_context_drill_cb), self,
                             G_CONNECT_DEFAULT);
  set_drill (self, context != NULL ? lf_context_get_drill (context) : NULL);
}

/**
 * lf_drill_bar_get_text:
 *
 * Returns: (nullable): what the banner says (tests)
 */
const char *
lf_drill_bar_get_text (LfDrillBar *self)
{
  g_return_val_if_fail (LF_IS_DRILL_BAR (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self)) ? self->text : NULL;
}

/**
 * lf_drill_bar_get_pause_button:
 *
 * Returns: (transfer none): the Pause Drill / Resume Drill button (tests)
 */
GtkButton *
lf_drill_bar_get_pause_button (LfDrillBar *self)
{
  g_return_val_if_fail (LF_IS_DRILL_BAR (self), NULL);
  return self->pause_button;
}
