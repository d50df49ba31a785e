/* lf-template-private.h — what lf-template.c and lf-template-render.c share
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "de_DE.UTF-8" → "de-de", "pt-BR" → "pt-br", NULL/"" → NULL */
char *lf_template_normalise_language (const char *language);
/* "de-at" → "de" */
char *lf_template_primary_subtag     (const char *normalised);

G_END_DECLS
