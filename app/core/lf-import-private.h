/* lf-import-private.h — what lf-import.c and lf-import-apply.c share
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-channel.h"
#include "lf-import.h"
#include "lf-plan.h"
#include "lf-template-store.h"

G_BEGIN_DECLS

struct _LfImportPreview
{
  GObject          parent_instance;

  LfContactStore  *store;
  GPtrArray       *added;      /* LfContact, new */
  GPtrArray       *merged;     /* LfContact, copies of stored ones with the new fields */
  LfImportReport  *report;
  GPtrArray       *skipped;    /* char *, the report's lines, made when first asked */
  guint            n_unchanged;
  LfBundle        *bundle;     /* nullable: the bundle's other parts */
  GPtrArray       *templates;  /* nullable: LfTemplate, the bundle's, checked */
  GPtrArray       *plan_steps; /* nullable: LfPlanStep, the bundle's plan, checked */

  /* Where the bundle's other parts go (lf_import_preview_set_targets()). */
  LfChannelStore  *channel_store;
  LfTemplateStore *template_store;
  LfPlan          *plan;

  /* What the last apply wrote. */
  guint            n_contacts_applied;
  guint            n_channels_applied;
  guint            n_templates_applied;
  guint            n_steps_applied;
};

G_END_DECLS
