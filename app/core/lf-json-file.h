/* lf-json-file.h — a JSON document kept in the data dir: debounced atomic saves, flush on exit
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Returns the document to write, or %NULL if there is nothing to write. */
typedef JsonNode *(*LfJsonFileSerializeFunc) (gpointer owner);

typedef struct _LfJsonFile LfJsonFile;

LfJsonFile *lf_json_file_new         (const char              *path,
                                      LfJsonFileSerializeFunc  serialize,
                                      gpointer                 owner);
void        lf_json_file_free        (LfJsonFile              *file);
const char *lf_json_file_get_path    (LfJsonFile              *file);
void        lf_json_file_schedule    (LfJsonFile              *file);
gboolean    lf_json_file_flush       (LfJsonFile              *file,
                                      GError                 **error);
gboolean    lf_json_file_is_idle     (LfJsonFile              *file);
void        lf_json_file_read_async  (LfJsonFile              *file,
                                      GCancellable            *cancellable,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data);
JsonNode   *lf_json_file_read_finish (LfJsonFile              *file,
                                      GAsyncResult            *result,
                                      GError                 **error);
char       *lf_json_file_set_aside   (LfJsonFile              *file,
                                      const char              *reason);

/* The list stores (channels, templates): one reader (blocking, for a worker) and one
 * writer (atomic, owner-only) of `{ "version": 1, "<member>": [ … ] }`. */
gboolean    lf_json_file_read_list   (const char              *path,
                                      gsize                    max_bytes,
                                      const char              *member,
                                      JsonArray              **list,
                                      GError                 **error);
void        lf_json_file_write_list_async  (const char          *path,
                                            const char          *member,
                                            JsonArray           *list,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean    lf_json_file_write_list_finish (GAsyncResult        *result,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfJsonFile, lf_json_file_free)

G_END_DECLS
