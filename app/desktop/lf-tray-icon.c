/* lf-tray-icon.c — the tray icon's pixels and where hosts find its themed icons
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-tray"

#include "config.h"

#include "lf-tray-icon.h"

#include "lf-desktop-resources.h"

/* A host shows IconName when it finds it, else IconPixmap. Lifeline sends both, so the icon
 * shows under any host, installed or not (`make run` is uninstalled, and a host cannot find
 * the `.Devel` names in any theme then):
 *
 *  - IconPixmap: data/icons/tray/<state>.svg (the life buoy and pulse of the app icon with a
 *    coloured state badge, outlined so it reads on light and dark panels) rendered at build
 *    time (lf-render-tray-pixmaps.c) at the sizes panels use, 16, 22, 32 and 48 px, as
 *    ARGB32 in network byte order;
 *  - IconThemePath: where the themed <app-id>-<state>-symbolic icons are: the build's
 *    data/icons when run uninstalled (meson devenv sets LIFELINE_ICON_THEME_PATH), else the
 *    installed hicolor theme's parent. In Flatpak the exported icons are found by name and
 *    the path is not used. */

#define TRAY_RESOURCE_PATH RESOURCE_BASE_PATH "/tray/"

/**
 * lf_tray_icon_render_pixmaps:
 * @state: "ok", "degraded", "down", "offline" or "unknown"
 *
 * The pixmaps were rendered from the SVG at build time (lf-render-tray-pixmaps.c): loading
 * them costs no SVG renderer in the background monitor.
 *
 * Returns: (transfer floating): the state's icon as an `a(iiay)` of 16, 22, 32 and 48 px
 *   ARGB32 pixmaps; empty for an unknown state
 */
GVariant *
lf_tray_icon_render_pixmaps (const char *state)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GVariant *pixmaps;

  g_return_val_if_fail (state != NULL, NULL);

  path = g_strconcat (TRAY_RESOURCE_PATH, state, ".pixmaps", NULL);
  bytes = g_resource_lookup_data (lf_desktop_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      g_warning ("No tray icon for “%s”: %s", state, error->message);
      return g_variant_new_array (G_VARIANT_TYPE ("(iiay)"), NULL, 0);
    }

  pixmaps = g_variant_new_from_bytes (G_VARIANT_TYPE ("a(iiay)"), bytes, TRUE);
  if (!g_variant_is_normal_form (pixmaps))
    {
      g_variant_unref (g_variant_ref_sink (pixmaps));
      g_warning ("The tray icon for “%s” is damaged", state);
      return g_variant_new_array (G_VARIANT_TYPE ("(iiay)"), NULL, 0);
    }

  return pixmaps;
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
