/* lf-composer-private.h — what the composer's two files share
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-composer.h"

G_BEGIN_DECLS

typedef struct
{
  AdwActionRow   *row;
  GtkCheckButton *check;
  GtkLabel       *status;
} RecipientRow;

struct _LfComposer
{
  AdwWindow         parent_instance;

  LfTemplateStore  *templates;
  GListStore       *channels;
  LfRenderContext  *context;
  GPtrArray        *recipients;   /* LfRecipient */
  GHashTable       *rows;         /* contact id → RecipientRow */
  LfNotice         *notice;
  LfNotice         *test_notice;
  SoupSession      *session;
  GCancellable     *cancellable;
  gboolean          busy;
  gboolean          done;         /* sent with nothing failed: Send stays off */
  char             *preview_id;   /* the contact whose message is previewed, or NULL */
  LfContactStore   *contact_store;
  char             *recipients_note;

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkSpinner       *spinner;
  AdwComboRow      *platform_row;
  AdwComboRow      *template_row;
  AdwComboRow      *channel_row;
  GStrv             platform_ids;  /* the About row's choices: "" (all affected), then ids */
  GtkSwitch        *drill_switch;
  GtkLabel         *preview_subject;
  GtkLabel         *preview_body;
  AdwPreferencesGroup *preview_group;
  AdwPreferencesGroup *recipients_group;
  GtkWidget        *retry_button;
};

/* lf-composer.c */
void lf_composer_toast   (LfComposer *self,
                          const char *text);
void lf_composer_refresh (LfComposer *self);

/* lf-composer-recipients.c */
void lf_composer_add_recipient_row             (LfComposer        *self,
                                                const LfRecipient *recipient);
void lf_composer_update_recipients_description (LfComposer        *self);

G_END_DECLS
