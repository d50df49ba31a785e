/* lf-json.h — the one way Lifeline reads JSON, and typed strict readers for its members
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Far deeper than any catalog, bundle, status page or stored record (they nest < 10). */
#define LF_JSON_MAX_DEPTH 64

#define LF_JSON_ERROR (lf_json_error_quark ())

/* Errors of the member readers; a text that is not JSON is a JSON_PARSER_ERROR_PARSE. */
typedef enum
{
  LF_JSON_ERROR_MISSING,
  LF_JSON_ERROR_TYPE,
  LF_JSON_ERROR_RANGE,
} LfJsonError;

GQuark      lf_json_error_quark (void);

gboolean    lf_json_check       (const char  *data,
                                 gsize        length,
                                 GError     **error);
gboolean    lf_json_parser_load (JsonParser  *parser,
                                 const char  *data,
                                 gssize       length,
                                 GError     **error);
JsonNode   *lf_json_parse       (const char  *data,
                                 gssize       length,
                                 GError     **error);
JsonObject *lf_json_parse_object (const char *data,
                                  gssize      length,
                                  GError    **error);

/* Typed strict readers. A missing (or null) optional member leaves *value unchanged and
 * returns TRUE; a member of the wrong type is an error naming it. */
gboolean    lf_json_get_string  (JsonObject  *object,
                                 const char  *member,
                                 gboolean     required,
                                 const char **value,
                                 GError     **error);
gboolean    lf_json_get_int     (JsonObject  *object,
                                 const char  *member,
                                 gboolean     required,
                                 gint64       min,
                                 gint64       max,
                                 gint64      *value,
                                 GError     **error);
gboolean    lf_json_get_bool    (JsonObject  *object,
                                 const char  *member,
                                 gboolean     required,
                                 gboolean    *value,
                                 GError     **error);
gboolean    lf_json_get_array   (JsonObject  *object,
                                 const char  *member,
                                 gboolean     required,
                                 JsonArray  **value,
                                 GError     **error);
gboolean    lf_json_get_object  (JsonObject  *object,
                                 const char  *member,
                                 gboolean     required,
                                 JsonObject **value,
                                 GError     **error);
gboolean    lf_json_get_strv    (JsonObject  *object,
                                 const char  *member,
                                 gboolean     required,
                                 GStrv       *value,
                                 GError     **error);

G_END_DECLS
