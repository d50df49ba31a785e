/* lf-secret-schemas.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-secret-schemas.h"

/**
 * lf_secret_contact_schema:
 *
 * One item per client: attributes "contact-id" (an opaque UUID) and "schema-version"; the
 * secret is the contact as JSON; the label is "Lifeline contact".
 */
const SecretSchema *
lf_secret_contact_schema (void)
{
  static const SecretSchema schema = {
    "io.github.lifeline.Lifeline.Contact", SECRET_SCHEMA_NONE,
    {
      { LF_SECRET_ATTR_CONTACT_ID, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { LF_SECRET_ATTR_VERSION, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/**
 * lf_secret_credential_schema:
 *
 * SMTP passwords, webhook URLs, bot tokens, and the user's own profile: attributes
 * "credential-id" (an opaque id such as a channel id) and "schema-version".
 */
const SecretSchema *
lf_secret_credential_schema (void)
{
  static const SecretSchema schema = {
    "io.github.lifeline.Lifeline.Credential", SECRET_SCHEMA_NONE,
    {
      { LF_SECRET_ATTR_CREDENTIAL_ID, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { LF_SECRET_ATTR_VERSION, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}
