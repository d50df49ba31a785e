/* test-incident-log-shared.c — two logs (two processes) on one incidents.json lose nothing
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lf-incident-log.h"
#include "lf-test-utils.h"

#define NOTICE_ARG "--record-notice"

/* A log loaded without complaint about the file. */
static LfIncidentLog *
load_log (LfPlan     *plan,
          const char *path)
{
  LfIncidentLog *log = lf_test_load_incident_log (plan, path);

  g_assert_null (lf_incident_log_get_load_message (log));
  return log;
}

static void
flush (LfIncidentLog *log)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lf_incident_log_flush (log, &error));
  g_assert_no_error (error);
}

/* The file as a third party (a restart) sees it. */
static LfIncidentLog *
reread (LfPlan     *plan,
        const char *path)
{
  return load_log (plan, path);
}

static gboolean
has_entry (LfIncident     *incident,
           LfTimelineKind  kind,
           const char     *text)
{
  for (guint i = 0; i < lf_incident_get_n_entries (incident); i++)
    {
      const LfTimelineEntry *entry = lf_incident_get_entry (incident, i);

      if (entry->kind == kind && g_str_equal (entry->text, text))
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  LfIncidentLog *log;
  const char    *id;
  gboolean       present;
  LfTimelineKind kind;
  const char    *text;
} Expect;

static gboolean
expect_cb (gpointer data)
{
  Expect *expect = data;
  LfIncident *incident = lf_incident_log_lookup (expect->log, expect->id);

  if (!expect->present)
    return incident == NULL;

  return incident != NULL
         && (expect->text == NULL || has_entry (incident, expect->kind, expect->text));
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *count)
{
  (*count)++;
}

static void
test_two_logs (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lf-incidents-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "incidents.json", NULL);
  g_autoptr(LfPlan) plan = lf_test_load_plan (dir);
  g_autofree char *shared_id = NULL;
  g_autofree char *new_id = NULL;
  LfIncidentLog *a, *b;
  LfIncident *shared_a, *shared_b, *fresh;
  guint b_changes = 0;

  /* One incident both know. */
  {
    g_autoptr(LfIncidentLog) seed = load_log (plan, path);
    LfIncident *incident = lf_incident_log_open (seed, "Fiverr down",
                                                 (const char *[]) { "fiverr", NULL }, NULL,
                                                 LF_CAUSE_HTTP_ERROR,
                                                 LF_DIAGNOSIS_PLATFORM_OUTAGE, FALSE);

    shared_id = g_strdup (lf_incident_get_id (incident));
    flush (seed);
  }

  a = load_log (plan, path);
  b = load_log (plan, path);
  g_signal_connect (b, "items-changed", G_CALLBACK (on_items_changed_cb), &b_changes);
  shared_a = lf_incident_log_lookup (a, shared_id);
  shared_b = lf_incident_log_lookup (b, shared_id);
  g_assert_nonnull (shared_a);
  g_assert_nonnull (shared_b);

  /* A opens an incident; B, which has not seen it, ticks a step of the other and saves. */
  fresh = lf_incident_log_open (a, "Upwork down", (const char *[]) { "upwork", NULL }, NULL,
                                LF_CAUSE_HTTP_ERROR, LF_DIAGNOSIS_PLATFORM_OUTAGE, FALSE);
  new_id = g_strdup (lf_incident_get_id (fresh));
  flush (a);
  g_assert_true (lf_incident_log_set_step_done (b, shared_b, 0, TRUE));
  flush (b);

  /* A records a notice on the incident B ticked, without having seen the tick: both stay.
   * (No turn of the main loop since B's save, so A's file monitor cannot have told it yet;
   * a re-read here would turn it, and A would follow B's file first.) */
  g_assert_cmpuint (lf_incident_get_n_done (shared_a), ==, 0);
  lf_incident_log_record (a, shared_a, LF_TIMELINE_NOTICE_SENT, "Notice sent to Ada",
                          LF_TIMELINE_DATA_CHANNEL, "email", NULL);
  flush (a);
  g_assert_cmpuint (lf_incident_get_n_done (shared_a), ==, 1);  /* A has B's tick now */

  {
    g_autoptr(LfIncidentLog) check = reread (plan, path);
    LfIncident *incident = lf_incident_log_lookup (check, shared_id);

    g_assert_cmpuint (lf_incident_get_n_done (incident), ==, 1);
    g_assert_true (has_entry (incident, LF_TIMELINE_STEP_DONE,
                              lf_incident_get_step (incident, 0)->title));
    g_assert_true (has_entry (incident, LF_TIMELINE_NOTICE_SENT, "Notice sent to Ada"));
    g_assert_nonnull (lf_incident_log_lookup (check, new_id));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (check)), ==, 2);
  }

  /* B follows the file by itself: A's incident and A's notice show up, as a change of the
   * model (the window's list updates). */
  {
    Expect incident = { b, new_id, TRUE, 0, NULL };
    Expect notice = { b, shared_id, TRUE, LF_TIMELINE_NOTICE_SENT, "Notice sent to Ada" };

    g_assert_true (lf_test_wait_for (expect_cb, &incident, 5000));
    g_assert_true (lf_test_wait_for (expect_cb, &notice, 5000));
    g_assert_cmpuint (b_changes, >, 0);
    g_assert_true (lf_incident_log_lookup (b, shared_id) == shared_b);
  }

  /* The user deletes A's incident in B: A drops it and does not write it back. */
  g_assert_true (lf_incident_log_remove (b, lf_incident_log_lookup (b, new_id)));
  flush (b);
  {
    Expect gone = { a, new_id, FALSE, 0, NULL };

    g_assert_true (lf_test_wait_for (expect_cb, &gone, 5000));
  }
  lf_incident_log_record (a, shared_a, LF_TIMELINE_NOTE, "Called Ada", NULL);
  flush (a);
  {
    g_autoptr(LfIncidentLog) check = reread (plan, path);

    g_assert_null (lf_incident_log_lookup (check, new_id));
    g_assert_true (has_entry (lf_incident_log_lookup (check, shared_id), LF_TIMELINE_NOTE,
                              "Called Ada"));
  }

  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
  lf_test_remove_tree (dir);
}

/* Another process (as `lifeline --notify` does) records a notice while a log is open and has
 * an unsaved change of its own. */
static int
record_notice (const char *dir,
               const char *id)
{
  g_autofree char *path = g_build_filename (dir, "incidents.json", NULL);
  g_autoptr(LfPlan) plan = lf_test_load_plan (dir);
  g_autoptr(LfIncidentLog) log = load_log (plan, path);
  LfIncident *incident = lf_incident_log_lookup (log, id);

  g_assert_nonnull (incident);
  lf_incident_log_record (log, incident, LF_TIMELINE_NOTICE_SENT, "Notice sent from the CLI",
                          NULL);
  flush (log);

  return 0;
}

static void
test_other_process (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lf-incidents-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "incidents.json", NULL);
  g_autofree char *self_path = g_test_build_filename (G_TEST_BUILT, "test-incident-log-shared",
                                                      NULL);
  g_autoptr(LfPlan) plan = lf_test_load_plan (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  LfIncidentLog *log = load_log (plan, path);
  LfIncident *incident;
  int status = -1;

  incident = lf_incident_log_open (log, "Slack down", (const char *[]) { "slack", NULL }, NULL,
                                   LF_CAUSE_HTTP_ERROR, LF_DIAGNOSIS_PLATFORM_OUTAGE, FALSE);
  id = g_strdup (lf_incident_get_id (incident));
  flush (log);

  {
    const char *argv[] = { self_path, NOTICE_ARG, dir, id, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  /* Seen without a save of ours... */
  {
    Expect notice = { log, id, TRUE, LF_TIMELINE_NOTICE_SENT, "Notice sent from the CLI" };

    g_assert_true (lf_test_wait_for (expect_cb, &notice, 5000));
  }

  /* ...and kept with one. */
  lf_incident_log_set_step_done (log, incident, 0, TRUE);
  flush (log);
  {
    g_autoptr(LfIncidentLog) check = reread (plan, path);
    LfIncident *copy = lf_incident_log_lookup (check, id);

    g_assert_true (has_entry (copy, LF_TIMELINE_NOTICE_SENT, "Notice sent from the CLI"));
    g_assert_cmpuint (lf_incident_get_n_done (copy), ==, 1);
  }

  g_assert_finalize_object (log);
  lf_test_remove_tree (dir);
}

/* ------------------------------------------------------------------------ */
/* Archives                                                                 */
/* ------------------------------------------------------------------------ */

static GDateTime *
days_ago (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_add_days (now, -days);
}

/* An incident started @started days ago, ended @ended days ago (or -1: not), closed @closed
 * days ago (or -1), with a note of @note_bytes bytes. */
static JsonNode *
make_incident (const char *platform,
               int         started,
               int         ended,
               int         closed,
               gsize       note_bytes,
               char      **id)
{
  g_autoptr(GDateTime) start = days_ago (started);
  g_autoptr(LfIncident) incident = lf_incident_new (platform,
                                                    (const char *[]) { platform, NULL }, NULL,
                                                    LF_CAUSE_HTTP_ERROR,
                                                    LF_DIAGNOSIS_PLATFORM_OUTAGE, FALSE, start);

  lf_incident_add_entry (incident, start, LF_TIMELINE_DETECTED, platform, NULL);
  if (note_bytes > 0)
    {
      g_autofree char *note = g_strnfill (note_bytes, 'n');

      lf_incident_add_entry (incident, start, LF_TIMELINE_NOTE, note, NULL);
    }
  if (ended >= 0)
    {
      g_autoptr(GDateTime) end = days_ago (ended);

      lf_incident_set_ended (incident, end);
    }
  if (closed >= 0)
    {
      g_autoptr(GDateTime) close = days_ago (closed);

      lf_incident_set_closed (incident, close, NULL);
    }
  *id = g_strdup (lf_incident_get_id (incident));
  return lf_incident_to_json (incident);
}

static void
write_log_file (const char *path,
                GPtrArray  *incidents)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "lifeline-incidents");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "incidents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < incidents->len; i++)
    json_builder_add_value (builder, json_node_ref (g_ptr_array_index (incidents, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* The ids of a document's "incidents" (or of another member listing ids), counted. */
static void
count_ids (JsonObject *object,
           const char *member,
           GHashTable *counts)
{
  JsonArray *array;

  if (!json_object_has_member (object, member))
    return;
  array = json_object_get_array_member (object, member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *id = JSON_NODE_HOLDS_OBJECT (element)
                       ? json_object_get_string_member (json_node_get_object (element), "id")
                       : json_node_get_string (element);

      g_hash_table_insert (counts, g_strdup (id),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts,
                                                                                      id)) + 1));
    }
}

static JsonObject *
read_document (const char *path,
               gboolean    compressed)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (compressed)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GInputStream) base = G_INPUT_STREAM (g_file_read (file, NULL, &error));
      g_autoptr(GZlibDecompressor) decompressor =
        g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      g_autoptr(GInputStream) stream = NULL;

      g_assert_no_error (error);
      stream = g_converter_input_stream_new (base, G_CONVERTER (decompressor));
      json_parser_load_from_stream (parser, stream, NULL, &error);
    }
  else
    json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Every incident once, in the file or in one of its archives; @live and @archived say how
 * many incidents each side holds. */
static void
assert_all_once (const char  *path,
                 GPtrArray   *ids,
                 GHashTable  *in_archives)
{
  g_autoptr(GHashTable) live = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonObject) document = read_document (path, FALSE);

  count_ids (document, "incidents", live);
  for (guint n = 1;; n++)
    {
      g_autofree char *archive = g_strdup_printf ("%s.%u.gz", path, n);
      g_autoptr(JsonObject) archived = NULL;

      if (!g_file_test (archive, G_FILE_TEST_EXISTS))
        break;
      archived = read_document (archive, TRUE);
      g_assert_cmpstr (json_object_get_string_member (archived, "format"), ==,
                       "lifeline-incidents");
      count_ids (archived, "incidents", in_archives);
    }

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (live, id))
                + GPOINTER_TO_UINT (g_hash_table_lookup (in_archives, id));

      if (n != 1)
        g_error ("Incident %s is %u times in the file and its archives", id, n);
    }
  g_assert_cmpuint (g_hash_table_size (live) + g_hash_table_size (in_archives), ==, ids->len);
}

/* Closed incidents closed over six months ago leave incidents.json for incidents.json.1.gz;
 * open ones (however old), ended ones awaiting confirmation and recent ones stay. */
static void
test_archive_old (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lf-incidents-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "incidents.json", NULL);
  g_autofree char *archive = g_strconcat (path, ".1.gz", NULL);
  g_autoptr(LfPlan) plan = lf_test_load_plan (dir);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) in_archives = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             NULL);
  g_autoptr(JsonObject) document = NULL;
  char *old_closed, *recent_closed, *old_open, *old_ended;
  LfIncidentLog *log;

  g_ptr_array_add (nodes, make_incident ("upwork", 400, 399, 399, 0, &old_closed));
  g_ptr_array_add (nodes, make_incident ("fiverr", 12, 11, 10, 0, &recent_closed));
  g_ptr_array_add (nodes, make_incident ("slack", 400, -1, -1, 0, &old_open));
  g_ptr_array_add (nodes, make_incident ("discord", 400, 399, -1, 0, &old_ended));
  g_ptr_array_add (ids, old_closed);
  g_ptr_array_add (ids, recent_closed);
  g_ptr_array_add (ids, old_open);
  g_ptr_array_add (ids, old_ended);
  write_log_file (path, nodes);

  log = load_log (plan, path);
  {
    Expect gone = { log, old_closed, FALSE, 0, NULL };

    g_assert_true (lf_test_wait_for (expect_cb, &gone, 5000));
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 3);
  flush (log);
  g_assert_finalize_object (log);

  g_assert_true (g_file_test (archive, G_FILE_TEST_EXISTS));
  assert_all_once (path, ids, in_archives);
  g_assert_cmpuint (g_hash_table_size (in_archives), ==, 1);
  g_assert_true (g_hash_table_contains (in_archives, old_closed));
  document = read_document (path, FALSE);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (document,
                                                                                "archived"),
                                                  0), ==, old_closed);

  /* A restart finds the archived one gone, the rest as they were. */
  log = reread (plan, path);
  g_assert_null (lf_incident_log_lookup (log, old_closed));
  g_assert_nonnull (lf_incident_log_lookup (log, recent_closed));
  g_assert_nonnull (lf_incident_log_lookup (log, old_open));
  g_assert_nonnull (lf_incident_log_lookup (log, old_ended));
  g_assert_finalize_object (log);
  lf_test_remove_tree (dir);
}

/* The file outgrows its bound: the background monitor (A) moves the oldest closed incidents
 * out. The window (B) still holds them from before, then saves a change of its own: it must
 * not write them back, and nothing may be lost on the way. */
static void
test_archive_size_shared (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lf-incidents-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "incidents.json", NULL);
  g_autoptr(LfPlan) plan = lf_test_load_plan (dir);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) in_archives = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             NULL);
  g_autoptr(JsonObject) document = NULL;
  LfIncidentLog *a, *b;
  const char *oldest, *open_id;
  GStatBuf st;
  char *id;

  /* 30 recent closed incidents of 60 KB (1.8 MB: under the 2 MiB bound) and one open. */
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *platform = g_strdup_printf ("platform-%02u", i);

      g_ptr_array_add (nodes, make_incident (platform, 60 - i, 60 - i, 60 - i, 60000, &id));
      g_ptr_array_add (ids, id);
    }
  oldest = g_ptr_array_index (ids, 0);
  g_ptr_array_add (nodes, make_incident ("slack", 1, -1, -1, 0, &id));
  g_ptr_array_add (ids, id);
  open_id = id;
  write_log_file (path, nodes);

  b = load_log (plan, path);
  a = load_log (plan, path);
  g_assert_nonnull (lf_incident_log_lookup (b, oldest));

  /* A records long notes on the open incident until the file is over the bound. */
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *note = g_strnfill (40000, 'x');

      lf_incident_log_record (a, lf_incident_log_lookup (a, open_id), LF_TIMELINE_NOTE, note,
                              NULL);
    }
  flush (a);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 2 * 1024 * 1024);

  /* Its next save starts the archive. */
  lf_incident_log_record (a, lf_incident_log_lookup (a, open_id), LF_TIMELINE_NOTE, "Called",
                          NULL);
  {
    Expect gone = { a, oldest, FALSE, 0, NULL };

    g_assert_true (lf_test_wait_for (expect_cb, &gone, 10000));
  }
  flush (a);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, <=, 2 * 1024 * 1024);

  /* B saves a change of its own (without having followed the file, if its monitor is slow). */
  lf_incident_log_record (b, lf_incident_log_lookup (b, open_id), LF_TIMELINE_NOTE,
                          "Noted in the window", NULL);
  flush (b);
  g_assert_null (lf_incident_log_lookup (b, oldest));

  document = read_document (path, FALSE);
  count_ids (document, "archived", in_archives);
  g_assert_true (g_hash_table_contains (in_archives, oldest));
  g_hash_table_remove_all (in_archives);
  assert_all_once (path, ids, in_archives);
  g_assert_true (g_hash_table_contains (in_archives, oldest));
  g_assert_false (g_hash_table_contains (in_archives, open_id));
  /* The oldest went; the newest closed ones stay. */
  g_assert_cmpuint (g_hash_table_size (in_archives), >=, 10);
  g_assert_cmpuint (g_hash_table_size (in_archives), <, 30);
  g_assert_false (g_hash_table_contains (in_archives, g_ptr_array_index (ids, 29)));

  {
    g_autoptr(LfIncidentLog) check = reread (plan, path);

    g_assert_null (lf_incident_log_lookup (check, oldest));
    g_assert_true (has_entry (lf_incident_log_lookup (check, open_id), LF_TIMELINE_NOTE,
                              "Noted in the window"));
  }

  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
  lf_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], NOTICE_ARG))
    return record_notice (argv[2], argv[3]);

  lf_test_init (&argc, &argv);

  g_test_add_func ("/lifeline/incident-log-shared/two-logs", test_two_logs);
  g_test_add_func ("/lifeline/incident-log-shared/other-process", test_other_process);
  g_test_add_func ("/lifeline/incident-log-shared/archive-old", test_archive_old);
  g_test_add_func ("/lifeline/incident-log-shared/archive-size-shared", test_archive_size_shared);

  return g_test_run ();
}
