/* lf-json.h
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

gboolean lf_json_parser_load (JsonParser  *parser,
                              const char  *data,
                              gssize       length,
                              GError     **error);

G_END_DECLS
