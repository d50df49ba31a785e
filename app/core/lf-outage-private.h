/* lf-outage-private.h — what lf-outage.c and lf-outage-record.c share
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-outage.h"

G_BEGIN_DECLS

/* A client told of an outage and not yet given the all-clear. */
typedef struct
{
  char       *contact_id;
  GPtrArray  *platforms;    /* char *, told and not cleared */
  char       *message_id;   /* the latest outage mail (local part), for threading */
  gint64      told_at;
} Told;

LfState      lf_outage_state_of        (LfMonitor     *monitor,
                                        const char    *platform_id);
const char  *lf_outage_platform_name   (LfCatalog     *catalog,
                                        const char    *platform_id);
LfRecipient *lf_outage_recipient_for   (LfContact     *contact);
void         lf_outage_tell            (LfRecipient   *recipient,
                                        LfCatalog     *catalog,
                                        LfMonitor     *monitor,
                                        GPtrArray     *ids,
                                        gboolean       down);
gboolean     lf_outage_ptr_array_has   (GPtrArray     *array,
                                        const char    *value);
GHashTable  *lf_outage_collect_told    (LfIncidentLog *log,
                                        gboolean       rehearsal);
LfIncident  *lf_outage_incident_for    (LfIncidentLog *log,
                                        const char    *platform_id,
                                        gboolean       rehearsal);

G_END_DECLS
