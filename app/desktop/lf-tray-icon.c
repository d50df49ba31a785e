/* lf-tray-icon.c — the tray icon's pixels and where hosts find its themed icons
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-tray"

#include "config.h"

#include "lf-tray-icon.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "lf-desktop-resources.h"

/* A host shows IconName when it finds it, else IconPixmap. Lifeline sends both, so the icon
 * shows under any host, installed or not (`make run` is uninstalled, and a host cannot find
 * the `.Devel` names in any theme then):
 *
 *  - IconPixmap: data/icons/tray/<state>.svg (the life buoy and pulse of the app icon with a
 *    coloured state badge, outlined so it reads on light and dark panels) rendered at the
 *    sizes panels use, 16, 22, 32 and 48 px, as ARGB32 in network byte order;
 *  - IconThemePath: where the themed <app-id>-<state>-symbolic icons are: the build's
 *    data/icons when run uninstalled (meson devenv sets LIFELINE_ICON_THEME_PATH), else the
 *    installed hicolor theme's parent. In Flatpak the exported icons are found by name and
 *    the path is not used. */

#define TRAY_RESOURCE_PATH RESOURCE_BASE_PATH "/tray/"

static const int pixmap_sizes[] = { 16, 22, 32, 48 };

static GVariant *
pixmap_from_pixbuf (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  const guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  guint8 *argb = g_malloc ((gsize) width * height * 4);

  /* GdkPixbuf is RGBA bytes, not premultiplied; SNI wants A, R, G, B bytes (ARGB32 in
   * network byte order), also not premultiplied. */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = pixels + y * stride + x * channels;
        guint8 *q = argb + ((gsize) y * width + x) * 4;

        q[0] = channels == 4 ? p[3] : 0xff;
        q[1] = p[0];
        q[2] = p[1];
        q[3] = p[2];
      }

  return g_variant_new ("(ii@ay)", width, height,
                        g_variant_new_from_data (G_VARIANT_TYPE ("ay"), argb,
                                                 (gsize) width * height * 4, TRUE, g_free,
                                                 argb));
}

/**
 * lf_tray_icon_render_pixmaps:
 * @state: "ok", "degraded", "down", "offline" or "unknown"
 *
 * Returns: (transfer floating): the state's icon as an `a(iiay)` of 16, 22, 32 and 48 px
 *   ARGB32 pixmaps; empty if the icon cannot be rendered (no SVG loader for GdkPixbuf)
 */
GVariant *
lf_tray_icon_render_pixmaps (const char *state)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder builder;

  g_return_val_if_fail (state != NULL, NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(iiay)"));
  path = g_strconcat (TRAY_RESOURCE_PATH, state, ".svg", NULL);
  bytes = g_resource_lookup_data (lf_desktop_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      g_warning ("No tray icon for “%s”: %s", state, error->message);
      return g_variant_builder_end (&builder);
    }

  for (guint i = 0; i < G_N_ELEMENTS (pixmap_sizes); i++)
    {
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
      g_autoptr(GdkPixbuf) pixbuf = NULL;

      pixbuf = gdk_pixbuf_new_from_stream_at_scale (stream, pixmap_sizes[i], pixmap_sizes[i],
                                                    FALSE, NULL, &error);
      if (pixbuf == NULL)
        {
          g_message ("The tray icon cannot be drawn at %d px: %s", pixmap_sizes[i],
                     error->message);
          g_clear_error (&error);
          continue;
        }
      g_variant_builder_add_value (&builder, pixmap_from_pixbuf (pixbuf));
    }

  return g_variant_builder_end (&builder);
}

/**
 * lf_tray_icon_get_theme_path:
 *
 * Returns: (transfer full): the directory to publish as IconThemePath
 */
char *
lf_tray_icon_get_theme_path (void)
{
  const char *uninstalled = g_getenv ("LIFELINE_ICON_THEME_PATH");

  if (uninstalled != NULL && *uninstalled != '\0')
    return g_strdup (uninstalled);

  return g_strdup (ICON_THEME_DIR);
}
