/* lf-toast.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-toast"

#include "config.h"

#include "lf-toast.h"

#include <glib/gi18n.h>

#include "lf-a11y.h"
#include "lf-markup.h"

/* Pages and dialogs show their toasts through lf_toast_show(): it finds the toast overlay the
 * widget sits in (its own, or its window's, or for a dialog that has none the one of the
 * window it is transient for), so that no widget needs to know the window type above it. */

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static AdwToastOverlay *
find_overlay_below (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *overlay = find_overlay_below (child);

      if (overlay != NULL)
        return overlay;
    }

  return NULL;
}

static AdwToastOverlay *
find_overlay (GtkWidget *widget)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root;

  if (overlay != NULL)
    return ADW_TOAST_OVERLAY (overlay);

  root = gtk_widget_get_root (widget);
  for (GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL; window != NULL;
       window = gtk_window_get_transient_for (window))
    {
      AdwToastOverlay *found = find_overlay_below (GTK_WIDGET (window));

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_toast_show:
 * @widget: any widget of the window the toast is for (or the window)
 * @text: plain text (not markup: it is escaped here, AdwToast 1.2 reads markup)
 *
 * Shows @text as a toast. Without a toast overlay around @widget the text goes to the log.
 *
 * Returns: (transfer none) (nullable): the toast shown, to set a button or timeout on
 */
/* libadwaita 1.2's toast has a close button with only an icon: GTK 4.8 reads it as
 * "GtkImage" (test-a11y, drill). Name the close buttons of the toasts shown. */
static void
name_close_buttons (GtkWidget *widget,
                    gboolean   in_toast)
{
  in_toast = in_toast || g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget");
  if (in_toast && GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "window-close-symbolic") == 0)
    lf_a11y_set_label (widget, _("Dismiss"));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_close_buttons (child, in_toast);
}

static void
add_to_overlay (AdwToastOverlay *overlay,
                AdwToast        *toast)
{
  adw_toast_overlay_add_toast (overlay, toast);
  /* Shown at once when no other toast is (a queued one keeps libadwaita's name). */
  name_close_buttons (GTK_WIDGET (overlay), FALSE);
}

AdwToast *
lf_toast_show (GtkWidget  *widget,
               const char *text)
{
  AdwToastOverlay *overlay;
  AdwToast *toast;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  overlay = find_overlay (widget);
  if (overlay == NULL)
    {
      g_message ("%s", text);
      return NULL;
    }

  toast = lf_toast_new (text);
  add_to_overlay (overlay, toast);

  return toast;
}

/**
 * lf_toast_new:
 * @text: plain text (a toast's title is markup in libadwaita 1.2: it is escaped here)
 *
 * A toast to set a button or timeout on, then show with lf_toast_add().
 *
 * Returns: (transfer full): a new toast
 */
AdwToast *
lf_toast_new (const char *text)
{
  g_autofree char *markup = lf_markup_escape (text, -1);

  g_return_val_if_fail (text != NULL, NULL);

  return adw_toast_new (markup);
}

/**
 * lf_toast_new_printf:
 * @format: the title, its values plain text (escaped here), e.g. "“%s” removed"
 *
 * Returns: (transfer full): a new toast
 */
AdwToast *
lf_toast_new_printf (const char *format,
                     ...)
{
  g_autofree char *markup = NULL;
  va_list args;

  va_start (args, format);
  markup = lf_markup_vprintf (format, args);
  va_end (args);

  return adw_toast_new (markup);
}

/**
 * lf_toast_add:
 * @widget: any widget of the window the toast is for (or the window)
 * @toast: (transfer full): a toast built by the caller with lf_toast_new() (a button, a
 *   timeout)
 *
 * Shows @toast in the toast overlay around @widget, or drops it when there is none.
 */
void
lf_toast_add (GtkWidget *widget,
              AdwToast  *toast)
{
  AdwToastOverlay *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = find_overlay (widget);
  if (overlay != NULL)
    add_to_overlay (overlay, toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}
