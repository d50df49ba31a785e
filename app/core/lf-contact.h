/* lf-contact.h — one client and the ways to reach them outside the platforms
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LF_CONTACT_ERROR (lf_contact_error_quark ())

/* Object data set by the importers on each contact they read: where it came from in the
 * file ("row 7", "card 3", "contact 2"), for the import preview's messages. */
#define LF_CONTACT_ORIGIN_KEY "lf-contact-origin"

typedef enum
{
  LF_CONTACT_ERROR_INVALID,
  LF_CONTACT_ERROR_PARSE,
} LfContactError;

/* The fields a contact has; used to track what an editor changed since the contact was
 * loaded, so that a save merges with the stored copy instead of overwriting it. */
typedef enum
{
  LF_CONTACT_FIELD_NONE      = 0,
  LF_CONTACT_FIELD_NAME      = 1 << 0,
  LF_CONTACT_FIELD_COMPANY   = 1 << 1,
  LF_CONTACT_FIELD_ROLE      = 1 << 2,
  LF_CONTACT_FIELD_EMAILS    = 1 << 3,
  LF_CONTACT_FIELD_PHONES    = 1 << 4,
  LF_CONTACT_FIELD_CHANNELS  = 1 << 5,
  LF_CONTACT_FIELD_PREFERRED = 1 << 6,
  LF_CONTACT_FIELD_PLATFORMS = 1 << 7,
  LF_CONTACT_FIELD_TIMEZONE  = 1 << 8,
  LF_CONTACT_FIELD_LANGUAGE  = 1 << 9,
  LF_CONTACT_FIELD_TAGS      = 1 << 10,
  LF_CONTACT_FIELD_NOTES     = 1 << 11,
  LF_CONTACT_FIELD_WEBHOOK   = 1 << 12,
  LF_CONTACT_FIELD_GIVEN_NAME = 1 << 13,
  LF_CONTACT_FIELD_ALL       = (1 << 14) - 1,
} LfContactFields;

#define LF_TYPE_CONTACT (lf_contact_get_type ())

G_DECLARE_FINAL_TYPE (LfContact, lf_contact, LF, CONTACT, GObject)

GQuark              lf_contact_error_quark         (void);

const char * const *lf_contact_get_channel_kinds   (void);
const char         *lf_contact_channel_kind_label  (const char   *kind);
gboolean            lf_contact_is_channel_kind     (const char   *kind);

LfContact          *lf_contact_new                 (void);
LfContact          *lf_contact_new_with_id         (const char   *id);
LfContact          *lf_contact_new_from_json       (JsonObject   *object,
                                                    GError      **error);
JsonObject         *lf_contact_to_json             (LfContact    *self);
char               *lf_contact_to_data             (LfContact    *self);
LfContact          *lf_contact_new_from_data       (const char   *data,
                                                    GError      **error);
LfContact          *lf_contact_copy                (LfContact    *self);
void                lf_contact_update_from         (LfContact    *self,
                                                    LfContact    *other,
                                                    LfContactFields fields);
void                lf_contact_merge_from          (LfContact    *self,
                                                    LfContact    *other);

const char         *lf_contact_get_id              (LfContact    *self);
const char         *lf_contact_get_name            (LfContact    *self);
void                lf_contact_set_name            (LfContact    *self,
                                                    const char   *name);
const char         *lf_contact_get_company         (LfContact    *self);
void                lf_contact_set_company         (LfContact    *self,
                                                    const char   *company);
const char         *lf_contact_get_role            (LfContact    *self);
void                lf_contact_set_role            (LfContact    *self,
                                                    const char   *role);
const char * const *lf_contact_get_emails          (LfContact    *self);
void                lf_contact_set_emails          (LfContact    *self,
                                                    const char * const *emails);
void                lf_contact_add_email           (LfContact    *self,
                                                    const char   *email);
const char         *lf_contact_get_primary_email   (LfContact    *self);
const char * const *lf_contact_get_phones          (LfContact    *self);
void                lf_contact_set_phones          (LfContact    *self,
                                                    const char * const *phones);
void                lf_contact_add_phone           (LfContact    *self,
                                                    const char   *phone);
GHashTable         *lf_contact_get_channels        (LfContact    *self);
const char         *lf_contact_get_channel         (LfContact    *self,
                                                    const char   *kind);
void                lf_contact_set_channel         (LfContact    *self,
                                                    const char   *kind,
                                                    const char   *handle);
char               *lf_contact_get_channel_uri     (LfContact    *self,
                                                    const char   *kind);
const char         *lf_contact_get_preferred       (LfContact    *self);
void                lf_contact_set_preferred       (LfContact    *self,
                                                    const char   *preferred);
const char * const *lf_contact_get_platforms       (LfContact    *self);
void                lf_contact_set_platforms       (LfContact    *self,
                                                    const char * const *platforms);
gboolean            lf_contact_has_platform        (LfContact    *self,
                                                    const char   *platform_id);
const char         *lf_contact_get_timezone        (LfContact    *self);
void                lf_contact_set_timezone        (LfContact    *self,
                                                    const char   *timezone);
const char         *lf_contact_get_language        (LfContact    *self);
void                lf_contact_set_language        (LfContact    *self,
                                                    const char   *language);
const char * const *lf_contact_get_tags            (LfContact    *self);
void                lf_contact_set_tags            (LfContact    *self,
                                                    const char * const *tags);
const char         *lf_contact_get_notes           (LfContact    *self);
void                lf_contact_set_notes           (LfContact    *self,
                                                    const char   *notes);
const char         *lf_contact_get_webhook         (LfContact    *self);
void                lf_contact_set_webhook         (LfContact    *self,
                                                    const char   *webhook);
const char         *lf_contact_get_given_name      (LfContact    *self);
void                lf_contact_set_given_name      (LfContact    *self,
                                                    const char   *given_name);
char               *lf_contact_dup_greeting        (LfContact    *self);
gint64              lf_contact_get_modified        (LfContact    *self);
void                lf_contact_set_modified        (LfContact    *self,
                                                    gint64        modified);

LfContactFields     lf_contact_get_changed_fields  (LfContact    *self);
void                lf_contact_mark_changed        (LfContact    *self,
                                                    LfContactFields fields);
void                lf_contact_clear_changed       (LfContact    *self);

gboolean            lf_contact_matches             (LfContact    *self,
                                                    const char   *needle);
gboolean            lf_contact_equal               (LfContact    *a,
                                                    LfContact    *b);

gboolean            lf_contact_validate            (LfContact    *self,
                                                    GError      **error);
gboolean            lf_contact_validate_email      (const char   *email,
                                                    GError      **error);
gboolean            lf_contact_validate_phone      (const char   *phone,
                                                    GError      **error);
gboolean            lf_contact_validate_url        (const char   *url,
                                                    GError      **error);

G_END_DECLS
