/* lf-bundle.h — the Lifeline JSON bundle (backup and moving machines)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lf-contact.h"
#include "lf-import-report.h"
#include "lf-profile.h"

G_BEGIN_DECLS

#define LF_BUNDLE_FORMAT  "lifeline-bundle"
#define LF_BUNDLE_VERSION 1

#define LF_BUNDLE_ERROR (lf_bundle_error_quark ())

typedef enum
{
  LF_BUNDLE_ERROR_PARSE,
  LF_BUNDLE_ERROR_FORMAT,
  LF_BUNDLE_ERROR_VERSION,
} LfBundleError;

/* Every member but format and version is optional. The contacts and "me" are read here;
 * "channels", "templates" and "plan" are kept as parsed JSON for the notices and
 * checklist modules. */
typedef struct
{
  GPtrArray  *contacts;    /* LfContact, never NULL */
  LfProfile  *me;          /* nullable */
  JsonArray  *channels;    /* nullable */
  JsonArray  *templates;   /* nullable */
  JsonObject *plan;        /* nullable */
} LfBundle;

/* Called for each channel object on export; returns a copy without passwords and webhook
 * URLs unless @include_secrets. The default keeps everything but "password", "url",
 * "token" and "webhook" when secrets are not included. */
typedef JsonObject *(*LfBundleChannelFilter) (JsonObject *channel,
                                              gboolean    include_secrets);

GQuark    lf_bundle_error_quark (void);

LfBundle *lf_bundle_new         (void);
void      lf_bundle_free        (LfBundle     *bundle);
LfBundle *lf_bundle_parse       (const char     *data,
                                 gssize          length,
                                 LfImportReport *report,
                                 GError        **error);
char     *lf_bundle_to_data     (LfBundle     *bundle,
                                 gboolean      include_secrets);
JsonObject *lf_bundle_filter_channel (JsonObject *channel,
                                      gboolean    include_secrets);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfBundle, lf_bundle_free)

G_END_DECLS
