/* lf-test-gtk.c — what the widget tests share (test code only)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-test-gtk.h"

#include "lf-test-utils.h"

static gboolean
never (gpointer data)
{
  return FALSE;
}

/**
 * lf_test_widget_is_drawn:
 * @widget: a #GtkWidget
 *
 * Returns: whether @widget is mapped with a size (for lf_test_wait_for())
 */
gboolean
lf_test_widget_is_drawn (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

/**
 * lf_test_find_widget:
 * @root: where to look (itself included)
 * @match: what to look for
 *
 * Returns: (transfer none) (nullable): the first widget under @root, depth first, that
 *   @match accepts
 */
GtkWidget *
lf_test_find_widget (GtkWidget  *root,
                     gboolean  (*match) (GtkWidget *widget,
                                         gpointer   data),
                     gpointer    data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lf_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_of_type (GtkWidget *widget,
            gpointer   type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/**
 * lf_test_find_descendant:
 *
 * Returns: (transfer none) (nullable): the first widget of @type under @root (itself included)
 */
GtkWidget *
lf_test_find_descendant (GtkWidget *root,
                         GType      type)
{
  return lf_test_find_widget (root, is_of_type, GSIZE_TO_POINTER (type));
}

static gboolean
is_label_with_text (GtkWidget *widget,
                    gpointer   text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/**
 * lf_test_shows_text:
 *
 * Returns: whether a label under @root shows @text (markup stripped)
 */
gboolean
lf_test_shows_text (GtkWidget  *root,
                    const char *text)
{
  return lf_test_find_widget (root, is_label_with_text, (gpointer) text) != NULL;
}

/**
 * lf_test_screenshot:
 * @window: what to picture
 * @name: the file name, e.g. "outage-day-banner.png"
 *
 * Saves @window to $LF_SCREENSHOT_DIR/@name when that is set (`make screenshots`, or to
 * compare before and after a change that must not change what people see): once it is drawn
 * and its first frames are past, with animations off so that the picture is the settled one.
 * A picture that cannot be taken is reported, not failed: it is not a behaviour of the app.
 */
void
lf_test_screenshot (GtkWidget  *window,
                    const char *name)
{
  const char *dir = g_getenv ("LF_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;

  g_assert_true (lf_test_wait_for (lf_test_widget_is_drawn, window, 5000));
  lf_test_wait_for (never, NULL, 300);  /* the first frames */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  for (guint i = 0; i < 200; i++)
    g_main_context_iteration (NULL, FALSE);
  paintable = gtk_widget_paintable_new (window);
  for (guint attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (window),
                              gtk_widget_get_height (window));
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      for (guint i = 0; node == NULL && i < 50; i++)
        g_main_context_iteration (NULL, FALSE);
    }
  if (node == NULL)
    {
      g_test_message ("No screenshot %s: nothing drawn", name);
      return;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0,
                                                              gtk_widget_get_width (window),
                                                              gtk_widget_get_height (window)));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}
