/* lf-storage.h
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LF_STORAGE_ERROR (lf_storage_error_quark ())

typedef enum
{
  LF_STORAGE_ERROR_FAILED,
  LF_STORAGE_ERROR_TOO_LARGE,
} LfStorageError;

GQuark      lf_storage_error_quark        (void);

const char *lf_storage_get_data_dir       (void);
const char *lf_storage_get_config_dir     (void);
const char *lf_storage_get_cache_dir      (void);
char       *lf_storage_build_data_path    (const char     *basename);

/* A temporary file older than this, next to the file it was for, is a crash's leftover. */
#define LF_STORAGE_STALE_SECONDS 60

guint       lf_storage_remove_stale_temporaries (const char *path,
                                                 guint       min_age_seconds);

gboolean    lf_storage_write_atomic       (const char     *path,
                                           const char     *contents,
                                           gssize          length,
                                           int             mode,
                                           GError        **error);
void        lf_storage_write_atomic_async (const char     *path,
                                           GBytes         *contents,
                                           int             mode,
                                           GCancellable   *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer        user_data);
gboolean    lf_storage_write_atomic_finish (GAsyncResult  *result,
                                            GError       **error);

/* A log (lines appended) over this is rotated: the older half goes to a .N.gz archive. */
#define LF_STORAGE_ROTATE_BYTES (4 * 1024 * 1024)
#define LF_STORAGE_ROTATE_READ_MAX (256 * 1024 * 1024)

/* A numbered, gzip-compressed archive next to a file: "NAME.N.gz", never over another. */
gboolean    lf_storage_write_archive      (const char     *path,
                                           const char     *data,
                                           gsize           length,
                                           char          **archive_path,
                                           GError        **error);
void        lf_storage_write_archive_async (const char    *path,
                                            GBytes        *data,
                                            GAsyncReadyCallback callback,
                                            gpointer       user_data);
char       *lf_storage_write_archive_finish (GAsyncResult *result,
                                             GError      **error);

gboolean    lf_storage_rotate             (const char     *path,
                                           gsize           keep_bytes,
                                           GError        **error);
gboolean    lf_storage_rotate_if_needed   (const char     *path,
                                           GError        **error);

gboolean    lf_storage_append_line        (const char     *path,
                                           const char     *line,
                                           GError        **error);

gboolean    lf_storage_read_capped        (const char     *path,
                                           gsize           max_bytes,
                                           char          **contents,
                                           gsize          *length,
                                           GError        **error);

gboolean    lf_storage_read_regular       (const char     *path,
                                           gsize           max_bytes,
                                           char          **contents,
                                           gsize          *length,
                                           GError        **error);

GBytes     *lf_storage_load_data        (const char     *name,
                                           GError        **error);

char       *lf_storage_set_aside          (const char     *path,
                                           GError        **error);

G_END_DECLS
