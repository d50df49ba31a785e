/* lf-secret-schemas.h — the two libsecret schemas of DESIGN.md
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsecret/secret.h>

G_BEGIN_DECLS

/* Attributes are NOT encrypted: they hold only an opaque id and the schema version. Every
 * piece of personal data goes in the secret itself (JSON). Labels are neutral. */
#define LF_SECRET_ATTR_CONTACT_ID    "contact-id"
#define LF_SECRET_ATTR_CREDENTIAL_ID "credential-id"
#define LF_SECRET_ATTR_VERSION       "schema-version"
#define LF_SECRET_SCHEMA_VERSION     "1"

const SecretSchema *lf_secret_contact_schema    (void);
const SecretSchema *lf_secret_credential_schema (void);

G_END_DECLS
