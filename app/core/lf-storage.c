/* lf-storage.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-storage"

#include "config.h"

#include "lf-storage.h"
#include "lf-data-resources.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <fcntl.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* Where Lifeline keeps its own files, and how it writes them.
 *
 * Every write goes to a temporary file in the same directory, is fsync'ed, then renamed over
 * the target, and the directory is fsync'ed: a process killed at any moment leaves either the
 * old or the new file, never a torn one. The temporary is flock'ed until it is renamed, so a
 * reader clearing what crashed writers left never removes a write in flight.
 */

G_DEFINE_QUARK (lf-storage-error-quark, lf_storage_error)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static const char *
ensure_dir (char **slot,
            const char *parent)
{
  if (*slot == NULL)
    *slot = g_build_filename (parent, "lifeline", NULL);

  return *slot;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           GError     **error)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0)
        {
          int saved = errno;

          if (saved == EINTR)
            continue;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "%s", g_strerror (saved));
          return FALSE;
        }

      data += n;
      length -= n;
    }

  return TRUE;
}

static void
sync_directory (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Asynchronous writes run on the worker threads in no particular order. Each is numbered
 * when it is asked for; a write older than one already done for the same file is skipped,
 * so the file always ends with the contents asked for last. */
static GMutex write_lock;
static GHashTable *written_serials;   /* path → guint64 serial of the last write done */
static guint64 next_serial;           /* under write_lock */

static void
write_atomic_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GBytes *contents = task_data;
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  int mode = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "mode"));
  guint64 serial = *(guint64 *) g_object_get_data (G_OBJECT (task), "serial");
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (contents, &length);
  gpointer done;
  gboolean ok = TRUE;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_mutex_lock (&write_lock);
  done = g_hash_table_lookup (written_serials, path);
  if (done == NULL || *(guint64 *) done < serial)
    {
      ok = lf_storage_write_atomic (path, data, length, mode, &error);
      if (ok)
        g_hash_table_insert (written_serials, g_strdup (path), g_memdup2 (&serial, sizeof serial));
    }
  g_mutex_unlock (&write_lock);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

const char *
lf_storage_get_data_dir (void)
{
  static char *dir;

  return ensure_dir (&dir, g_get_user_data_dir ());
}

const char *
lf_storage_get_config_dir (void)
{
  static char *dir;

  return ensure_dir (&dir, g_get_user_config_dir ());
}

const char *
lf_storage_get_cache_dir (void)
{
  static char *dir;

  return ensure_dir (&dir, g_get_user_cache_dir ());
}

/**
 * lf_storage_build_data_path:
 * @basename: a file name such as "history.jsonl"
 *
 * Returns: (transfer full): the path of @basename in Lifeline's data directory.
 */
char *
lf_storage_build_data_path (const char *basename)
{
  g_return_val_if_fail (basename != NULL, NULL);

  return g_build_filename (lf_storage_get_data_dir (), basename, NULL);
}

/* Removes @stale unless a writer holds its lock: locked here first (so no writer can take
 * it meanwhile), checked to be the file that was listed, unlinked, then unlocked. */
static gboolean
remove_if_unlocked (const char      *stale,
                    const GStatBuf  *listed)
{
  struct stat st;
  gboolean removed = FALSE;
  int fd = g_open (stale, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);

  if (fd < 0)
    return FALSE;

  if (flock (fd, LOCK_EX | LOCK_NB) != 0
      && (errno == EWOULDBLOCK
          || g_get_real_time () / G_USEC_PER_SEC - (gint64) listed->st_mtime
             < LF_STORAGE_STALE_SECONDS))
    g_debug ("Leaving %s: a write is (or may be) in flight", stale);
  else if (fstat (fd, &st) == 0 && st.st_dev == listed->st_dev && st.st_ino == listed->st_ino
           && st.st_nlink > 0)
    {
      g_debug ("Removing %s, left by an interrupted write", stale);
      removed = g_unlink (stale) == 0;
    }
  close (fd);   /* unlocks */

  return removed;
}

/**
 * lf_storage_remove_stale_temporaries:
 * @path: a file Lifeline writes with lf_storage_write_atomic()
 * @min_age_seconds: leave temporaries younger than this (another process may be writing)
 *
 * A writer killed between creating its temporary file and renaming it leaves
 * "<name>.XXXXXX" behind; nothing else is named so. Removes those of @path.
 *
 * A write in flight (in this process or another) holds an flock(2) on its temporary from
 * creation to rename; such a temporary is left alone whatever its age, so a store loading
 * while another process saves never pulls the file from under that write. The lock is
 * taken before the unlink and held across it; a writer that finds its fresh temporary
 * unlinked in the instant before it locked it starts again (see lf_storage_write_atomic()).
 *
 * Returns: how many were removed
 */
guint
lf_storage_remove_stale_temporaries (const char *path,
                                     guint       min_age_seconds)
{
  g_autofree char *dir_name = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GDir) dir = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;
  gsize base_len;
  guint removed = 0;

  g_return_val_if_fail (path != NULL, 0);

  dir_name = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  base_len = strlen (base);
  dir = g_dir_open (dir_name, 0, NULL);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *stale = NULL;
      GStatBuf st;
      gboolean suffix_ok = TRUE;

      if (strlen (name) != base_len + 7 || !g_str_has_prefix (name, base) ||
          name[base_len] != '.')
        continue;
      for (guint i = base_len + 1; i < base_len + 7; i++)
        suffix_ok &= g_ascii_isalnum (name[i]);
      if (!suffix_ok)
        continue;

      stale = g_build_filename (dir_name, name, NULL);
      if (g_lstat (stale, &st) != 0 || !S_ISREG (st.st_mode) ||
          now - (gint64) st.st_mtime < (gint64) min_age_seconds)
        continue;

      if (remove_if_unlocked (stale, &st))
        removed++;
    }

  return removed;
}

/* Once per path and process, before its first write: what a crash left. */
static void
clean_before_first_write (const char *path)
{
  static GMutex lock;
  static GHashTable *cleaned;

  g_mutex_lock (&lock);
  if (cleaned == NULL)
    cleaned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_add (cleaned, g_strdup (path)))
    lf_storage_remove_stale_temporaries (path, LF_STORAGE_STALE_SECONDS);
  g_mutex_unlock (&lock);
}

/* Creates "<path>.XXXXXX" and locks it (flock) for the whole write, so that
 * lf_storage_remove_stale_temporaries() in any process leaves it alone. A cleaner may have
 * locked and unlinked it in the instant between creation and our lock: then it has no link
 * left, and we start again with a new name. Returns the descriptor, or -1 with errno set. */
static int
create_locked_temporary (const char  *path,
                         int          mode,
                         char       **tmp_path)
{
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s.XXXXXX", path);
      struct stat st;
      int fd = g_mkstemp_full (candidate, O_WRONLY | O_CLOEXEC, mode);

      if (fd < 0)
        return -1;

      /* A file system without flock (ENOLCK) still gets its write; only the age guards it. */
      if ((flock (fd, LOCK_EX) != 0 && errno != ENOLCK && errno != EOPNOTSUPP)
          || fstat (fd, &st) != 0)
        {
          int saved = errno;

          close (fd);
          g_unlink (candidate);
          errno = saved;
          return -1;
        }

      if (st.st_nlink > 0)
        {
          *tmp_path = g_steal_pointer (&candidate);
          return fd;
        }

      close (fd);
    }

  errno = EAGAIN;
  return -1;
}

/**
 * lf_storage_write_atomic:
 * @path: the file to replace
 * @contents: the new contents
 * @length: length of @contents, or -1 if it is nul-terminated
 * @mode: permissions for the new file, e.g. 0600
 * @error: return location for a #GError
 *
 * Replaces @path with @contents atomically: temporary file, fsync, rename, fsync of the
 * directory. Creates the parent directory (mode 0700) if needed. Blocking: call it from a
 * worker thread (see lf_storage_write_atomic_async()) or from the command line.
 */
gboolean
lf_storage_write_atomic (const char  *path,
                         const char  *contents,
                         gssize       length,
                         int          mode,
                         GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp_path = NULL;
  int fd;
  int saved;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL || length == 0, FALSE);

  if (length < 0)
    length = strlen (contents);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot create folder “%s”: %s", dir, g_strerror (saved));
      return FALSE;
    }

  clean_before_first_write (path);

  fd = create_locked_temporary (path, mode, &tmp_path);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot write “%s”: %s", path, g_strerror (saved));
      return FALSE;
    }

  /* g_mkstemp_full() honours the umask; make the mode exact (0600 for exports). */
  fchmod (fd, mode);

  if (!write_all (fd, contents, length, error) || fsync (fd) != 0)
    {
      saved = errno;
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                     "Cannot write “%s”: %s", path, g_strerror (saved));
      else if (error != NULL)
        g_prefix_error (error, "Cannot write “%s”: ", path);
      close (fd);
      g_unlink (tmp_path);
      return FALSE;
    }

  /* Renamed while still locked: a cleaner never takes a temporary that is being written. */
  if (g_rename (tmp_path, path) != 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot write “%s”: %s", path, g_strerror (saved));
      g_unlink (tmp_path);
      close (fd);
      return FALSE;
    }
  close (fd);   /* the data is fsync'ed: nothing is left to fail here */

  sync_directory (path);

  return TRUE;
}

/**
 * lf_storage_write_atomic_async:
 *
 * lf_storage_write_atomic() on a worker thread. Writes to one file keep the order they were
 * asked in: one that would land after a newer one is skipped (and reports success, since
 * newer contents are in place).
 */
void
lf_storage_write_atomic_async (const char          *path,
                               GBytes              *contents,
                               int                  mode,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  guint64 serial;

  g_return_if_fail (path != NULL);
  g_return_if_fail (contents != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_storage_write_atomic_async);
  g_task_set_task_data (task, g_bytes_ref (contents), (GDestroyNotify) g_bytes_unref);
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (path), g_free);
  g_object_set_data (G_OBJECT (task), "mode", GINT_TO_POINTER (mode));

  g_mutex_lock (&write_lock);
  if (written_serials == NULL)
    written_serials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  serial = ++next_serial;
  g_mutex_unlock (&write_lock);
  g_object_set_data_full (G_OBJECT (task), "serial", g_memdup2 (&serial, sizeof serial), g_free);

  g_task_run_in_thread (task, write_atomic_thread);
}

gboolean
lf_storage_write_atomic_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
compress_bytes (const char  *data,
                gsize        length,
                GBytes     **out,
                GError     **error)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) stream = g_converter_output_stream_new (memory,
                                                                   G_CONVERTER (compressor));

  if (!g_output_stream_write_all (stream, data, length, NULL, NULL, error) ||
      !g_output_stream_close (stream, NULL, error))
    return FALSE;
  *out = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
  return TRUE;
}

/**
 * lf_storage_write_archive:
 * @path: the file the archive belongs to ("incidents.json")
 * @data: what to archive
 * @length: its length
 * @archive_path: (out) (optional) (transfer full): the archive written
 * @error: return location for a #GError
 *
 * Compresses @data (gzip) into a new numbered archive next to @path ("incidents.json.3.gz"),
 * the first number not taken. Never replaces an archive, not even one another process
 * creates at the same moment: the archive is written to a temporary file and then linked
 * to its name, which fails if the name exists (then the next number is tried). Blocking.
 */
gboolean
lf_storage_write_archive (const char  *path,
                          const char  *data,
                          gsize        length,
                          char       **archive_path,
                          GError     **error)
{
  g_autoptr(GBytes) compressed = NULL;
  g_autofree char *tmp_path = NULL;
  const char *bytes;
  gsize size;
  gboolean ok = FALSE;
  int saved = 0;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!compress_bytes (data, length, &compressed, error))
    return FALSE;
  bytes = g_bytes_get_data (compressed, &size);

  fd = create_locked_temporary (path, 0600, &tmp_path);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot write an archive of “%s”: %s", path, g_strerror (saved));
      return FALSE;
    }
  fchmod (fd, 0600);

  if (!write_all (fd, bytes, size, error) || fsync (fd) != 0)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                     "Cannot write an archive of “%s”: %s", path, g_strerror (errno));
      g_unlink (tmp_path);
      close (fd);
      return FALSE;
    }

  for (guint n = 1; n < 100000 && !ok; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s.%u.gz", path, n);

      if (link (tmp_path, candidate) == 0)
        {
          ok = TRUE;
          if (archive_path != NULL)
            *archive_path = g_steal_pointer (&candidate);
        }
      else if (errno != EEXIST)
        {
          saved = errno;
          break;
        }
    }
  g_unlink (tmp_path);
  close (fd);

  if (!ok)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved != 0 ? saved : EEXIST),
                   "Cannot write an archive of “%s”: %s", path,
                   g_strerror (saved != 0 ? saved : EEXIST));
      return FALSE;
    }

  sync_directory (path);
  return TRUE;
}

static void
write_archive_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GBytes *data = task_data;
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  g_autoptr(GError) error = NULL;
  char *archive = NULL;

  if (!lf_storage_write_archive (path, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                 &archive, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, archive, g_free);
}

/**
 * lf_storage_write_archive_async:
 *
 * lf_storage_write_archive() in a worker thread.
 */
void
lf_storage_write_archive_async (const char          *path,
                                GBytes              *data,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL && data != NULL);

  task = g_task_new (NULL, NULL, callback, user_data);
  g_task_set_source_tag (task, lf_storage_write_archive_async);
  g_task_set_task_data (task, g_bytes_ref (data), (GDestroyNotify) g_bytes_unref);
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (path), g_free);
  g_task_run_in_thread (task, write_archive_thread);
}

/**
 * lf_storage_write_archive_finish:
 *
 * Returns: (transfer full): the archive's path, or %NULL with @error set
 */
char *
lf_storage_write_archive_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lf_storage_rotate:
 * @path: a file of lines that only grows (a log)
 * @keep_bytes: about how much of its end to keep
 *
 * Moves the lines before the last @keep_bytes into a new numbered, gzip-compressed archive
 * next to it ("history.jsonl.3.gz"), then rewrites @path with the rest. Nothing is
 * discarded: a crash between the two steps leaves the old lines in both places, never in
 * neither.
 */
gboolean
lf_storage_rotate (const char  *path,
                   gsize        keep_bytes,
                   GError     **error)
{
  g_autofree char *contents = NULL;
  const char *split;
  gsize length;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!lf_storage_read_capped (path, LF_STORAGE_ROTATE_READ_MAX, &contents, &length, error))
    return FALSE;
  if (length <= keep_bytes)
    return TRUE;

  /* Split after a newline, so both parts hold whole lines. */
  split = memchr (contents + (length - keep_bytes), '\n', keep_bytes);
  split = split != NULL ? split + 1 : contents + length;

  if (!lf_storage_write_archive (path, contents, split - contents, NULL, error))
    return FALSE;

  return lf_storage_write_atomic (path, split, contents + length - split, 0600, error);
}

/**
 * lf_storage_rotate_if_needed:
 *
 * lf_storage_rotate() when @path is over %LF_STORAGE_ROTATE_BYTES, keeping half of that:
 * a log never reaches a reader's cap.
 */
gboolean
lf_storage_rotate_if_needed (const char  *path,
                             GError     **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode) ||
      (guint64) st.st_size <= LF_STORAGE_ROTATE_BYTES)
    return TRUE;

  return lf_storage_rotate (path, LF_STORAGE_ROTATE_BYTES / 2, error);
}

/**
 * lf_storage_append_line:
 * @path: a JSON-lines file
 * @line: one line, without its newline
 * @error: return location for a #GError
 *
 * Appends @line and a newline with a single write(2) on an O_APPEND descriptor, then fsyncs.
 * A crash leaves at most one torn last line, which readers skip.
 */
gboolean
lf_storage_append_line (const char  *path,
                        const char  *line,
                        GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *buf = NULL;
  off_t end;
  int fd;
  int saved;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (line != NULL, FALSE);
  g_return_val_if_fail (strchr (line, '\n') == NULL, FALSE);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot create folder “%s”: %s", dir, g_strerror (saved));
      return FALSE;
    }

  /* A log keeps a bounded window; older lines go to a compressed archive. */
  if (!lf_storage_rotate_if_needed (path, error))
    return FALSE;

  fd = g_open (path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot write “%s”: %s", path, g_strerror (saved));
      return FALSE;
    }

  /* Where the file ended: a write cut short (a full disk) is taken back from there, so a
   * torn half line never glues itself to the next record. */
  end = lseek (fd, 0, SEEK_END);

  buf = g_strconcat (line, "\n", NULL);
  ok = write_all (fd, buf, strlen (buf), error) && fsync (fd) == 0;
  if (!ok)
    {
      saved = errno;
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                     "Cannot write “%s”: %s", path, g_strerror (saved));
      else if (error != NULL)
        g_prefix_error (error, "Cannot write “%s”: ", path);
      if (end >= 0 && ftruncate (fd, end) == 0)
        fsync (fd);
    }
  close (fd);

  return ok;
}

static gboolean
read_capped (const char  *path,
             gsize        max_bytes,
             gboolean     regular_only,
             char       **contents,
             gsize       *length,
             GError     **error);

/**
 * lf_storage_read_capped:
 * @path: a file
 * @max_bytes: refuse files larger than this
 * @contents: (out): the contents, nul-terminated
 * @length: (out) (optional): the length
 * @error: return location for a #GError
 *
 * Reads a whole file, refusing it with %LF_STORAGE_ERROR_TOO_LARGE when it is larger than
 * @max_bytes; never reads more than that, whatever the file is (a pipe, a device, a file
 * that grows). A missing file is %G_IO_ERROR_NOT_FOUND.
 */
gboolean
lf_storage_read_capped (const char  *path,
                        gsize        max_bytes,
                        char       **contents,
                        gsize       *length,
                        GError     **error)
{
  return read_capped (path, max_bytes, FALSE, contents, length, error);
}

/**
 * lf_storage_read_regular:
 *
 * lf_storage_read_capped() for a file the user chose (an import): only a regular file is
 * read. It is opened without blocking, so a FIFO or a device is refused at once with
 * %G_IO_ERROR_NOT_REGULAR_FILE instead of waiting forever for a writer.
 */
gboolean
lf_storage_read_regular (const char  *path,
                         gsize        max_bytes,
                         char       **contents,
                         gsize       *length,
                         GError     **error)
{
  return read_capped (path, max_bytes, TRUE, contents, length, error);
}

static gboolean
read_capped (const char  *path,
             gsize        max_bytes,
             gboolean     regular_only,
             char       **contents,
             gsize       *length,
             GError     **error)
{
  g_autoptr(GByteArray) buffer = NULL;
  GStatBuf st;
  int fd;
  int saved;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  fd = g_open (path, O_RDONLY | O_CLOEXEC | (regular_only ? O_NONBLOCK | O_NOCTTY : 0), 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot read “%s”: %s", path, g_strerror (saved));
      if (fd >= 0)
        close (fd);
      return FALSE;
    }

  if (regular_only && !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a regular file (it is a folder, a pipe or a device)"), path);
      return FALSE;
    }

  if (S_ISREG (st.st_mode) && (guint64) st.st_size > max_bytes)
    {
      close (fd);
      g_set_error (error, LF_STORAGE_ERROR, LF_STORAGE_ERROR_TOO_LARGE,
                   "“%s” is too large (%" G_GUINT64_FORMAT " bytes, limit %" G_GSIZE_FORMAT ")",
                   path, (guint64) st.st_size, max_bytes);
      return FALSE;
    }

  /* The size is only a hint: a pipe, a device such as /dev/zero or a file that grows while it
   * is read says nothing true about it. Never read more than the limit (and one byte). */
  buffer = g_byte_array_sized_new (S_ISREG (st.st_mode)
                                   ? (guint) MIN ((guint64) st.st_size + 1, 16 * 1024 * 1024)
                                   : 4096);
  for (;;)
    {
      guint8 chunk[8192];
      gssize n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved = errno;
          close (fd);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "Cannot read “%s”: %s", path, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      if (buffer->len + (gsize) n > max_bytes)
        {
          close (fd);
          g_set_error (error, LF_STORAGE_ERROR, LF_STORAGE_ERROR_TOO_LARGE,
                       "“%s” is too large (more than %" G_GSIZE_FORMAT " bytes)",
                       path, max_bytes);
          return FALSE;
        }
      g_byte_array_append (buffer, chunk, n);
    }
  close (fd);

  if (length != NULL)
    *length = buffer->len;
  g_byte_array_append (buffer, (const guint8 *) "", 1);
  *contents = (char *) g_byte_array_free (g_steal_pointer (&buffer), FALSE);

  return TRUE;
}

/**
 * lf_storage_set_aside:
 * @path: a damaged file
 * @error: return location for a #GError
 *
 * Renames a damaged file to "<path>.damaged-<UTC timestamp>" so that nothing is lost and a
 * fresh file can be started.
 *
 * Returns: (transfer full): the new path, or %NULL on error.
 */
char *
lf_storage_set_aside (const char  *path,
                      GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", path, stamp);

  g_return_val_if_fail (path != NULL, NULL);

  if (g_rename (path, aside) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot set aside “%s”: %s", path, g_strerror (saved));
      return NULL;
    }

  return g_steal_pointer (&aside);
}

/**
 * lf_storage_load_data:
 * @name: a file shipped in data/ and compiled into lf-core, e.g. "catalog.json"
 * @error: return location for a #GError
 *
 * Reads one of Lifeline's own data files from lf-core's resource
 * (resource:///io/github/lifeline/Lifeline/data/@name). Works in the command line and the app.
 *
 * Returns: (transfer full): the contents, or %NULL with @error set
 */
GBytes *
lf_storage_load_data (const char  *name,
                      GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  path = g_strconcat ("/io/github/lifeline/Lifeline/data/", name, NULL);

  /* Looking up in our own GResource also makes sure it is linked into every program. */
  return g_resource_lookup_data (lf_data_get_resource (), path,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}
