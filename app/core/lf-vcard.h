/* lf-vcard.h — vCard 2.1/3.0/4.0 import, vCard 4.0 export
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lf-contact.h"
#include "lf-import-report.h"

G_BEGIN_DECLS

/* More is not a person's card: the rest of its lines are ignored (and said so). */
#define LF_VCARD_MAX_PROPERTIES 1000

GPtrArray *lf_vcard_parse (const char      *data,
                           gssize           length,
                           LfImportReport  *report,
                           GError         **error);
char      *lf_vcard_write (GPtrArray       *contacts,
                           gboolean         include_secrets);

G_END_DECLS
