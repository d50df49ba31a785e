/* lf-outage.h — the outage-day decisions: what is an outage, who is told what, the all-clear
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-catalog.h"
#include "lf-contact.h"
#include "lf-incident-log.h"
#include "lf-monitor.h"
#include "lf-notice.h"
#include "lf-profile.h"
#include "lf-recipient.h"

G_BEGIN_DECLS

/* How bad the picture is, for the banner's colour and the next action. */
typedef enum
{
  LF_OUTAGE_LEVEL_CLEAR,     /* nothing is down, nothing is slow (unknown ones aside) */
  LF_OUTAGE_LEVEL_DEGRADED,  /* slow, degraded or in maintenance: amber, nothing to tell */
  LF_OUTAGE_LEVEL_NETWORK,   /* your own connection (local network, offline): neutral */
  LF_OUTAGE_LEVEL_OUTAGE,    /* a platform is down (on its own or behind a provider): red */
} LfOutageLevel;

/* What the banner, the notification and the tray offer next. */
typedef enum
{
  LF_OUTAGE_ACTION_NONE,
  LF_OUTAGE_ACTION_NOTIFY,      /* "Notify Clients…" (suggested) */
  LF_OUTAGE_ACTION_CHECK_AGAIN, /* your own network: check again, try mobile data */
  LF_OUTAGE_ACTION_ALL_CLEAR,   /* "Send the all-clear to N clients" */
} LfOutageAction;

/* Down platforms that one cause explains: one incident each. */
typedef struct
{
  char            *provider_id;    /* the provider whose outage explains them, or NULL */
  char            *provider_name;
  GStrv            platforms;      /* ids of the down platforms */
  char            *title;          /* "Cloudflare outage", "PayPal outage" */
  LfCause          cause;
  LfDiagnosisKind  kind;           /* PROVIDER_OUTAGE or PLATFORM_OUTAGE */
} LfOutageGroup;

void           lf_outage_group_free           (LfOutageGroup      *group);

/* Who a notice goes to, and what each client is told. */
typedef struct
{
  GPtrArray *recipients;      /* LfRecipient, with platform_ids, platforms, status_url… */
  GStrv      platforms;       /* every platform id the notice is about */
  guint      n_unlinked;      /* clients linked to no platform at all */
  guint      n_already_told;  /* clients told already (outage) or cleared (all-clear) */
  guint      n_unaffected;    /* clients whose platforms all work */
} LfOutagePlan;

void           lf_outage_plan_free            (LfOutagePlan       *plan);

LfOutageLevel  lf_outage_get_level            (LfMonitor          *monitor);
GStrv          lf_outage_dup_down             (LfMonitor          *monitor);
GPtrArray     *lf_outage_get_groups           (LfMonitor          *monitor);
char          *lf_outage_dup_summary          (LfMonitor          *monitor);
LfOutageAction lf_outage_get_action           (LfMonitor          *monitor,
                                               gboolean            rehearsal,
                                               LfIncidentLog      *log,
                                               guint              *n_all_clear);

char          *lf_outage_resolve_platform     (LfCatalog          *catalog,
                                               const char         *text);
GStrv          lf_outage_normalise_platforms  (LfCatalog          *catalog,
                                               const char * const *platforms,
                                               GStrv              *unknown);
char          *lf_outage_status_page          (LfCatalog          *catalog,
                                               LfMonitor          *monitor,
                                               const char         *platform_id,
                                               gboolean            down);

LfOutagePlan  *lf_outage_plan_notice          (LfMonitor          *monitor,
                                               gboolean            rehearsal,
                                               GPtrArray          *contacts,
                                               const char         *platform_id,
                                               LfIncidentLog      *log);
LfOutagePlan  *lf_outage_plan_all_clear       (LfMonitor          *monitor,
                                               gboolean            rehearsal,
                                               GPtrArray          *contacts,
                                               LfIncidentLog      *log);
LfRenderContext *lf_outage_build_context      (LfMonitor          *monitor,
                                               gboolean            rehearsal,
                                               LfOutagePlan       *plan,
                                               LfIncidentLog      *log,
                                               LfProfile          *profile);

gboolean       lf_outage_is_known             (LfIncidentLog      *log,
                                               const char         *platform_id,
                                               gint64              before);
guint          lf_outage_record_notice        (LfIncidentLog      *log,
                                               LfNotice           *notice);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfOutageGroup, lf_outage_group_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfOutagePlan, lf_outage_plan_free)

G_END_DECLS
