/* lf-render-tray-pixmaps.c — a build tool: the tray's state icons as StatusNotifierItem pixmaps
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: lf-render-tray-pixmaps INPUT.svg OUTPUT.pixmaps
 *
 * Renders INPUT at 16, 22, 32 and 48 px (the sizes panels use) and writes them as one
 * serialized GVariant of type a(iiay): width, height and ARGB32 bytes in network byte order,
 * not premultiplied — exactly the IconPixmap property. The tray loads that from its GResource,
 * so the background monitor never loads GdkPixbuf's SVG loader (librsvg, libxml2 and cairo:
 * about 8 MB of private memory in a process that otherwise weighs 5). Runs at build time only.
 */

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <stdlib.h>

static const int sizes[] = { 16, 22, 32, 48 };

static GVariant *
pixmap_from_pixbuf (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  const guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  guint8 *argb = g_malloc ((gsize) width * height * 4);

  /* GdkPixbuf is RGBA bytes, not premultiplied; SNI wants A, R, G, B bytes. */
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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) pixmaps = NULL;
  GVariantBuilder builder;

  if (argc != 3)
    {
      g_printerr ("usage: %s INPUT.svg OUTPUT.pixmaps\n", argv[0]);
      return EXIT_FAILURE;
    }

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(iiay)"));
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file_at_scale (argv[1], sizes[i],
                                                                       sizes[i], FALSE,
                                                                       &error);

      if (pixbuf == NULL)
        {
          /* no SVG loader for GdkPixbuf (librsvg2-common): a build error, not a blank icon */
          g_printerr ("%s: %s\n", argv[1], error->message);
          return EXIT_FAILURE;
        }
      g_variant_builder_add_value (&builder, pixmap_from_pixbuf (pixbuf));
    }
  pixmaps = g_variant_ref_sink (g_variant_builder_end (&builder));

  if (!g_file_set_contents (argv[2], g_variant_get_data (pixmaps),
                            (gssize) g_variant_get_size (pixmaps), &error))
    {
      g_printerr ("%s: %s\n", argv[2], error->message);
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
}
