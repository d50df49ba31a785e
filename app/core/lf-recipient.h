/* lf-recipient.h — who a notice goes to, and what it is about
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A recipient is a plain copy of what a notice needs from a client (see LfContact): the
 * notices code never reads the client directory itself. Everything but contact_id may be
 * NULL/empty. */
typedef struct
{
  char        *contact_id;  /* opaque id: the only thing that reaches the notice log */
  char        *name;
  char        *company;
  GStrv        emails;      /* NULL-terminated, first one preferred */
  GHashTable  *channels;    /* channel kind (e.g. "slack") → handle; never NULL */
  char        *preferred;   /* preferred channel kind, or NULL */
  char        *timezone;    /* IANA identifier such as "Europe/Berlin", or NULL for UTC */
  char        *language;    /* "de", "de-AT", "pt_BR"…, or NULL */
  char        *webhook;     /* the client's own incoming-webhook URL (a credential), or NULL */
  char        *given_name;  /* how {client} greets them ("Ada"), or NULL: first word of name */

  /* What this client is told about (see lf-outage.h); NULL: the render context's values. */
  GStrv        platform_ids; /* catalog ids, for the record of who was told what */
  GStrv        platforms;    /* their display names, joined per language for {platform} */
  char        *provider;     /* the provider behind their outage, or NULL */
  char        *status_url;   /* their status page (or the provider's), or NULL */
  char        *in_reply_to;  /* Message-ID (no brackets) of the mail this one follows up */
} LfRecipient;

#define LF_TYPE_RECIPIENT (lf_recipient_get_type ())

GType        lf_recipient_get_type       (void) G_GNUC_CONST;
LfRecipient *lf_recipient_new            (const char         *contact_id);
LfRecipient *lf_recipient_copy           (const LfRecipient  *self);
void         lf_recipient_free           (LfRecipient        *self);
LfRecipient *lf_recipient_new_from_json  (JsonObject         *object,
                                          GError            **error);
const char  *lf_recipient_get_email      (const LfRecipient  *self);
const char  *lf_recipient_get_channel    (const LfRecipient  *self,
                                          const char         *kind);
void         lf_recipient_set_channel    (LfRecipient        *self,
                                          const char         *kind,
                                          const char         *handle);
char        *lf_recipient_dup_greeting   (const LfRecipient  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfRecipient, lf_recipient_free)

/* What the notice is about and who sends it: the values of the placeholders that do not
 * depend on the recipient. */
typedef struct
{
  char     *incident_id;  /* for the log; may be NULL */
  char     *platform;     /* display name(s), e.g. "Upwork" or "Upwork and Fiverr" */
  char     *provider;     /* e.g. "Cloudflare", or NULL */
  gint64    since;        /* start of the incident, Unix time in seconds (0 = unknown) */
  char     *status_url;
  char     *my_name;
  char     *my_email;     /* the user's own address: the only destination of a rehearsal */
  char     *my_channel;   /* e.g. "WhatsApp +44 7700 900123" */
  char     *next_update;  /* free text, e.g. "by 15:00" */
  gboolean  rehearsal;    /* a practice run: nothing may reach a client (set by LfContext) */
  char     *rehearsal_name; /* what its messages are marked with, "[NAME] subject"; NULL for
                             * a plain test to oneself */
} LfRenderContext;

#define LF_TYPE_RENDER_CONTEXT (lf_render_context_get_type ())

GType            lf_render_context_get_type (void) G_GNUC_CONST;
LfRenderContext *lf_render_context_new      (void);
LfRenderContext *lf_render_context_copy     (const LfRenderContext *self);
void             lf_render_context_free     (LfRenderContext       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfRenderContext, lf_render_context_free)

G_END_DECLS
