/* lf-import-report.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-import"

#include "config.h"

#include "lf-import-report.h"

#include <glib/gi18n.h>
#include <string.h>

/* A file of a million broken lines must not make a million messages: problems are grouped
 * by kind (the message's format), the first LF_IMPORT_REPORT_EXAMPLES of each kind are
 * kept and the rest counted ("… and 999,990 more like this"). Memory is bounded by the
 * number of kinds, itself capped. Two severities: an entry that is skipped, and a note on
 * an entry that is imported with a part ignored — so the counts never say "skipped" of
 * something that is stored. */

#define MAX_KINDS 64

typedef struct
{
  guint count;
  guint kept;
} Kind;

typedef struct
{
  char  *message;
  Kind  *kind;
  guint  index;
} Example;

struct _LfImportReport
{
  GHashTable *kinds;      /* char * → Kind */
  GPtrArray  *examples;   /* Example */
  guint       n_skipped;
  guint       n_notes;
  guint       n_unkinded; /* past MAX_KINDS */
  LfImportReportProgressFunc progress;
  gpointer    progress_data;
};

static void
example_free (Example *example)
{
  g_free (example->message);
  g_free (example);
}

LfImportReport *
lf_import_report_new (void)
{
  LfImportReport *report = g_new0 (LfImportReport, 1);

  report->kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  report->examples = g_ptr_array_new_with_free_func ((GDestroyNotify) example_free);
  return report;
}

void
lf_import_report_free (LfImportReport *report)
{
  if (report == NULL)
    return;
  g_hash_table_unref (report->kinds);
  g_ptr_array_unref (report->examples);
  g_free (report);
}

/**
 * lf_import_report_add:
 * @skipped: %TRUE if the entry is not imported; %FALSE for a note on an imported one
 * @kind: what groups this problem with others like it (e.g. its message's format)
 * @message: the message, for people ("line 12: …")
 */
void
lf_import_report_add (LfImportReport *report,
                      gboolean        skipped,
                      const char     *kind_key,
                      const char     *message)
{
  Kind *kind;

  g_return_if_fail (kind_key != NULL && message != NULL);

  if (report == NULL)
    return;

  if (skipped)
    report->n_skipped++;
  else
    report->n_notes++;

  kind = g_hash_table_lookup (report->kinds, kind_key);
  if (kind == NULL)
    {
      if (g_hash_table_size (report->kinds) >= MAX_KINDS)
        {
          report->n_unkinded++;
          return;
        }
      kind = g_new0 (Kind, 1);
      g_hash_table_insert (report->kinds, g_strdup (kind_key), kind);
    }

  kind->count++;
  if (kind->kept < LF_IMPORT_REPORT_EXAMPLES)
    {
      Example *example = g_new0 (Example, 1);

      example->message = g_strdup (message);
      example->kind = kind;
      example->index = report->examples->len;
      g_ptr_array_add (report->examples, example);
      kind->kept++;
    }
}

static void
add_valist (LfImportReport *report,
            gboolean        skipped,
            const char     *format,
            va_list         args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  lf_import_report_add (report, skipped, format, message);
}

/**
 * lf_import_report_skip:
 * @format: the message's format, which is also its kind
 *
 * An entry that is not imported.
 */
void
lf_import_report_skip (LfImportReport *report,
                       const char     *format,
                       ...)
{
  va_list args;

  if (report == NULL)
    return;
  va_start (args, format);
  add_valist (report, TRUE, format, args);
  va_end (args);
}

/**
 * lf_import_report_note:
 * @format: the message's format, which is also its kind
 *
 * A part of an imported entry that was ignored or guessed.
 */
void
lf_import_report_note (LfImportReport *report,
                       const char     *format,
                       ...)
{
  va_list args;

  if (report == NULL)
    return;
  va_start (args, format);
  add_valist (report, FALSE, format, args);
  va_end (args);
}

/**
 * lf_import_report_set_progress:
 * @func: (nullable): called by lf_import_report_progress()
 */
void
lf_import_report_set_progress (LfImportReport             *report,
                               LfImportReportProgressFunc  func,
                               gpointer                    user_data)
{
  g_return_if_fail (report != NULL);
  report->progress = func;
  report->progress_data = user_data;
}

/**
 * lf_import_report_progress:
 * @done: bytes of the input read so far
 *
 * Returns: %FALSE when the parser should stop (the import was cancelled)
 */
gboolean
lf_import_report_progress (LfImportReport *report,
                           gsize           done)
{
  if (report == NULL || report->progress == NULL)
    return TRUE;
  return report->progress (done, report->progress_data);
}

guint
lf_import_report_get_n_skipped (LfImportReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->n_skipped;
}

guint
lf_import_report_get_n_notes (LfImportReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->n_notes;
}

/* By the numbers in the messages, as numbers ("line 9" before "line 10", "card 2, line 30"
 * before "card 10, line 4"); messages without a number last. */
static int
compare_examples (gconstpointer a,
                  gconstpointer b)
{
  const Example *ea = *(const Example **) a;
  const Example *eb = *(const Example **) b;
  const char *sa = ea->message;
  const char *sb = eb->message;

  for (;;)
    {
      char *end_a, *end_b;
      guint64 na, nb;

      sa += strcspn (sa, "0123456789");
      sb += strcspn (sb, "0123456789");
      if (*sa == '\0' || *sb == '\0')
        {
          if (*sa != *sb)
            return *sa == '\0' ? 1 : -1;
          break;
        }
      na = g_ascii_strtoull (sa, &end_a, 10);
      nb = g_ascii_strtoull (sb, &end_b, 10);
      if (na != nb)
        return na < nb ? -1 : 1;
      sa = end_a;
      sb = end_b;
    }

  return ea->index < eb->index ? -1 : ea->index > eb->index;
}

/**
 * lf_import_report_get_lines:
 * @sorted: %TRUE to order the messages by the positions they name, %FALSE to keep the
 *   order they came in
 *
 * Returns: (transfer full) (element-type utf8): the kept messages, each kind's last one
 *   followed by "… and 999,990 more like this" when more were counted
 */
GPtrArray *
lf_import_report_get_lines (LfImportReport *report,
                            gboolean        sorted)
{
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(GHashTable) last = NULL;
  GPtrArray *lines;

  g_return_val_if_fail (report != NULL, NULL);

  order = g_ptr_array_sized_new (report->examples->len);
  for (guint i = 0; i < report->examples->len; i++)
    g_ptr_array_add (order, report->examples->pdata[i]);
  if (sorted)
    g_ptr_array_sort (order, compare_examples);

  /* Where each kind's last example is, to say how many more follow it. */
  last = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < order->len; i++)
    g_hash_table_insert (last, ((Example *) order->pdata[i])->kind, order->pdata[i]);

  lines = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < order->len; i++)
    {
      Example *example = order->pdata[i];
      guint more = example->kind->count - example->kind->kept;

      g_ptr_array_add (lines, g_strdup (example->message));
      if (more > 0 && g_hash_table_lookup (last, example->kind) == example)
        g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "… and %'u more like this",
                                                              "… and %'u more like this",
                                                              more), more));
    }
  if (report->n_unkinded > 0)
    g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "… and %'u other problem",
                                                          "… and %'u other problems",
                                                          report->n_unkinded),
                                             report->n_unkinded));
  return lines;
}
