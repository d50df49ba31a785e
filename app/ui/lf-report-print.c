/* lf-report-print.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-report-print"

#include "config.h"

#include "lf-report-print.h"
#include "lf-markup.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "lf-report.h"

/* The PDF report is the Markdown report (lf_report_to_markdown(), the single source of the
 * wording) typeset with Pango: headings, key/value table rows, bullets and a drill banner.
 * GtkPrintOperation exports it straight to a file (GTK_PRINT_OPERATION_ACTION_EXPORT), with
 * no dialog. Blocks for the few milliseconds it takes.
 */

typedef enum
{
  BLOCK_TITLE,
  BLOCK_HEADING,
  BLOCK_BANNER,
  BLOCK_ROW,
  BLOCK_BULLET,
  BLOCK_TEXT,
} BlockKind;

typedef struct
{
  BlockKind  kind;
  char      *markup;
} Block;

typedef struct
{
  GPtrArray *blocks;       /* Block */
  GArray    *page_starts;  /* guint: first block of each page */
} PrintData;

#define BODY_FONT "Sans 9.5"
#define GAP 4.0

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->markup);
  g_free (block);
}

static void
add_block (GPtrArray  *blocks,
           BlockKind   kind,
           char       *markup)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->markup = markup;
  g_ptr_array_add (blocks, block);
}

/* Markdown inline → Pango markup: `code` becomes monospace, \-escapes and **, <> are dropped. */
static char *
inline_to_markup (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean in_code = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          char c[2] = { *++p, 0 };
          g_autofree char *escaped = lf_markup_escape (c, 1);

          g_string_append (out, escaped);
        }
      else if (*p == '`')
        {
          g_string_append (out, in_code ? "</tt>" : "<tt>");
          in_code = !in_code;
        }
      else if (p[0] == '*' && p[1] == '*')
        p++;
      else if (*p == '<' || *p == '>')
        continue;
      else
        {
          const char *next = g_utf8_next_char (p);
          g_autofree char *escaped = lf_markup_escape (p, next - p);

          g_string_append (out, escaped);
          p = next - 1;
        }
    }
  if (in_code)
    g_string_append (out, "</tt>");

  return g_string_free (out, FALSE);
}

static GPtrArray *
blocks_from_markdown (const char *markdown)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func (block_free);
  g_auto(GStrv) lines = g_strsplit (markdown, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (line[0] == '\0' || g_str_equal (line, "---") || g_str_has_prefix (line, "|---")
          || g_str_equal (line, "| | |"))
        continue;

      if (g_str_has_prefix (line, "# "))
        add_block (blocks, BLOCK_TITLE, inline_to_markup (line + 2));
      else if (g_str_has_prefix (line, "## "))
        add_block (blocks, BLOCK_HEADING, inline_to_markup (line + 3));
      else if (g_str_has_prefix (line, "> "))
        add_block (blocks, BLOCK_BANNER, inline_to_markup (line + 2));
      else if (g_str_has_prefix (line, "| "))
        {
          g_auto(GStrv) cells = g_strsplit (line + 2, " | ", 2);
          g_autofree char *key = NULL;
          g_autofree char *value = NULL;

          if (cells[0] == NULL || cells[1] == NULL)
            continue;
          if (g_str_has_suffix (cells[1], " |"))
            cells[1][strlen (cells[1]) - 2] = '\0';
          key = inline_to_markup (cells[0]);
          value = inline_to_markup (cells[1]);
          add_block (blocks, BLOCK_ROW, g_strdup_printf ("<b>%s</b>\t%s", key, value));
        }
      else if (g_str_has_prefix (line, "- "))
        {
          const char *rest = line + 2;
          const char *box = "";

          if (g_str_has_prefix (rest, "[x] "))
            {
              box = "☑ ";
              rest += 4;
            }
          else if (g_str_has_prefix (rest, "[ ] "))
            {
              box = "☐ ";
              rest += 4;
            }
          {
            g_autofree char *markup = inline_to_markup (rest);

            add_block (blocks, BLOCK_BULLET,
                       g_strdup_printf ("%s%s", box[0] != '\0' ? box : "• ", markup));
          }
        }
      else
        add_block (blocks, BLOCK_TEXT, inline_to_markup (line));
    }

  return blocks;
}

static PangoLayout *
layout_block (GtkPrintContext *context,
              Block           *block,
              double           width)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (BODY_FONT);
  double indent = 0;

  switch (block->kind)
    {
    case BLOCK_TITLE:
      pango_font_description_set_size (font, 17 * PANGO_SCALE);
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      break;
    case BLOCK_HEADING:
      pango_font_description_set_size (font, 12.5 * PANGO_SCALE);
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      break;
    case BLOCK_BANNER:
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      indent = 8;
      break;
    case BLOCK_ROW:
      {
        PangoTabArray *tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT, 130);

        pango_layout_set_tabs (layout, tabs);
        pango_tab_array_free (tabs);
        pango_layout_set_indent (layout, -130 * PANGO_SCALE);
        indent = 130;
      }
      break;
    case BLOCK_BULLET:
      pango_layout_set_indent (layout, -12 * PANGO_SCALE);
      indent = 12;
      break;
    case BLOCK_TEXT:
    default:
      break;
    }

  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) ((width - indent) * PANGO_SCALE));
  pango_layout_set_markup (layout, block->markup, -1);

  g_object_set_data (G_OBJECT (layout), "indent", GINT_TO_POINTER ((int) indent));

  return layout;
}

static double
block_space_before (Block *block)
{
  switch (block->kind)
    {
    case BLOCK_HEADING:
      return 14;
    case BLOCK_BANNER:
      return 8;
    default:
      return GAP;
    }
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintData         *data)
{
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  double y = 0;
  guint zero = 0;

  g_array_set_size (data->page_starts, 0);
  g_array_append_val (data->page_starts, zero);

  for (guint i = 0; i < data->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (data->blocks, i);
      g_autoptr(PangoLayout) layout = layout_block (context, block, width);
      int layout_height;
      double needed;

      pango_layout_get_size (layout, NULL, &layout_height);
      needed = block_space_before (block) + (double) layout_height / PANGO_SCALE;

      /* A heading never ends a page. */
      if (block->kind == BLOCK_HEADING)
        needed += 40;

      if (y > 0 && y + needed > height)
        {
          g_array_append_val (data->page_starts, i);
          y = 0;
        }
      y += block_space_before (block) + (double) layout_height / PANGO_SCALE;
    }

  gtk_print_operation_set_n_pages (operation, data->page_starts->len);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintData         *data)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  guint first = g_array_index (data->page_starts, guint, page_nr);
  guint last = (guint) page_nr + 1 < data->page_starts->len
               ? g_array_index (data->page_starts, guint, page_nr + 1) : data->blocks->len;
  double y = 0;

  for (guint i = first; i < last; i++)
    {
      Block *block = g_ptr_array_index (data->blocks, i);
      g_autoptr(PangoLayout) layout = layout_block (context, block, width);
      int indent = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (layout), "indent"));
      int layout_height;

      pango_layout_get_size (layout, NULL, &layout_height);
      if (i > first)
        y += block_space_before (block);

      if (block->kind == BLOCK_BANNER)
        {
          /* A drill is unmistakable: an orange bar beside the banner text. */
          cairo_set_source_rgb (cr, 0.90, 0.38, 0.0);
          cairo_rectangle (cr, 0, y, 3, (double) layout_height / PANGO_SCALE);
          cairo_fill (cr);
        }

      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_move_to (cr, indent, y);
      pango_cairo_show_layout (cr, layout);
      y += (double) layout_height / PANGO_SCALE;

      if (block->kind == BLOCK_TITLE || block->kind == BLOCK_HEADING)
        {
          cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
          cairo_rectangle (cr, 0, y + 2, width, 0.6);
          cairo_fill (cr);
          y += 4;
        }
    }

  /* Footer: page numbers. */
  {
    g_autoptr(PangoLayout) footer = gtk_print_context_create_pango_layout (context);
    g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 7.5");
    /* Translators: page numbers at the foot of a PDF report */
    g_autofree char *text = g_strdup_printf (_("Page %d of %u"), page_nr + 1,
                                             data->page_starts->len);
    int footer_width;

    pango_layout_set_font_description (footer, font);
    pango_layout_set_text (footer, text, -1);
    pango_layout_get_size (footer, &footer_width, NULL);
    cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
    cairo_move_to (cr, width - (double) footer_width / PANGO_SCALE,
                   gtk_print_context_get_height (context) - 10);
    pango_cairo_show_layout (cr, footer);
  }
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_report_export_pdf:
 * @incident: the incident
 * @path: the PDF file to write (replaced)
 * @parent: (nullable): a window for the print operation
 * @error: return location for a #GError
 *
 * Typesets the incident's report into a PDF file, mode 0600. The file is exported to a
 * temporary name next to @path and renamed into place, so a failure leaves no partial PDF.
 */
gboolean
lf_report_export_pdf (LfIncident  *incident,
                      const char  *path,
                      GtkWindow   *parent,
                      GError     **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *tmp_path = NULL;
  g_autoptr(GError) local_error = NULL;
  PrintData data = { 0 };
  GtkPrintOperationResult result;

  g_return_val_if_fail (LF_IS_INCIDENT (incident), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Made here with mode 0600, so the report is never readable by others, not even while it
   * is written (the PDF surface truncates and rewrites the file, keeping its mode). */
  tmp_path = g_strdup_printf ("%s.XXXXXX", path);
  {
    int tmp_fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);

    if (tmp_fd < 0)
      {
        int saved = errno;

        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                     _("Cannot write “%s”: %s"), path, g_strerror (saved));
        return FALSE;
      }
    close (tmp_fd);
  }

  markdown = lf_report_to_markdown (incident, NULL);
  data.blocks = blocks_from_markdown (markdown);
  data.page_starts = g_array_new (FALSE, FALSE, sizeof (guint));

  operation = gtk_print_operation_new ();
  setup = gtk_page_setup_new ();
  paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, lf_incident_get_title (incident));
  gtk_print_operation_set_export_filename (operation, tmp_path);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), &data);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), &data);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent,
                                    &local_error);

  g_ptr_array_unref (data.blocks);
  g_array_unref (data.page_starts);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR || local_error != NULL)
    {
      g_unlink (tmp_path);
      if (local_error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the PDF"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Make it durable before it takes the final name, as lf_storage_write_atomic() does. */
  {
    int fd = g_open (tmp_path, O_RDONLY | O_CLOEXEC, 0);

    if (fd >= 0)
      {
        fsync (fd);
        close (fd);
      }
  }

  if (g_chmod (tmp_path, 0600) != 0 || g_rename (tmp_path, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp_path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}
