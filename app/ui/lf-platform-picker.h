/* lf-platform-picker.h — tick the platforms to watch, grouped by category, searchable
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lf-catalog.h"

G_BEGIN_DECLS

#define LF_TYPE_PLATFORM_PICKER (lf_platform_picker_get_type ())

G_DECLARE_FINAL_TYPE (LfPlatformPicker, lf_platform_picker, LF, PLATFORM_PICKER, GtkWidget)

GtkWidget   *lf_platform_picker_new          (void);
void         lf_platform_picker_set_catalog  (LfPlatformPicker   *self,
                                              LfCatalog          *catalog);
GStrv        lf_platform_picker_get_selected (LfPlatformPicker   *self);
void         lf_platform_picker_set_selected (LfPlatformPicker   *self,
                                              const char * const *ids);
void         lf_platform_picker_set_search   (LfPlatformPicker   *self,
                                              const char         *text);
guint        lf_platform_picker_get_n_visible (LfPlatformPicker  *self);
void         lf_platform_picker_set_category_open (LfPlatformPicker *self,
                                                   const char       *category,
                                                   gboolean          open);
gboolean     lf_platform_picker_get_category_open (LfPlatformPicker *self,
                                                   const char       *category);
void         lf_platform_picker_set_remove_action (LfPlatformPicker *self,
                                                   const char       *action);
GtkCheckButton *lf_platform_picker_get_check (LfPlatformPicker   *self,
                                              const char         *id);

G_END_DECLS
