/* lf-help.c — the help pages: Yelp when it can show them, else Lifeline's own viewer
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-help"

#include "config.h"

#include "lf-help.h"
#include "lf-markup.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

/* The help is Mallard (the .page files in help/C: one short page per diagnosis and per cause, "what it
 * means, what to do"), installed for Yelp as GNOME applications do. The same files are in the
 * resources, so where Yelp or the installed pages are missing (Flatpak without Yelp, other
 * desktops, `make run` uninstalled) the page is shown in a small window of our own: its
 * titles, paragraphs and list items, links between pages followed. See docs/HELP.md. */

#define HELP_RESOURCE_PATH RESOURCE_BASE_PATH "/help/"

/* ------------------------------------------------------------------------------------------ */
/* Reading a Mallard page                                                                       */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  GString  *markup;     /* Pango markup for the viewer */
  GString  *text;       /* plain text (tests, the accessible description) */
  char     *title;      /* the page's own title */
  GString  *current;    /* text of the element being read, or NULL */
  char     *link;       /* xref of the open <link>, if any */
  char     *section_id; /* id of the innermost open <section> */
  int       depth_section;
  gboolean  in_item;
} Reader;

static void
reader_start (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              user_data,
              GError              **error)
{
  Reader *r = user_data;

  if (g_str_equal (element, "section"))
    {
      r->depth_section++;
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "id"))
          {
            g_free (r->section_id);
            r->section_id = g_strdup (values[i]);
          }
    }
  else if (g_str_equal (element, "item"))
    r->in_item = TRUE;
  else if (g_str_equal (element, "title") || g_str_equal (element, "p"))
    {
      if (r->current == NULL)
        r->current = g_string_new (NULL);
    }
  else if (g_str_equal (element, "link") && r->current != NULL)
    {
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "xref"))
          {
            g_free (r->link);
            r->link = g_strdup (values[i]);
            g_string_append_printf (r->current, "\x01%s\x02", values[i]);
          }
    }
}

static void
reader_text (GMarkupParseContext  *context,
             const char           *text,
             gsize                 length,
             gpointer              user_data,
             GError              **error)
{
  Reader *r = user_data;

  if (r->current != NULL)
    g_string_append_len (r->current, text, length);
}

/* Collapses the XML's line breaks and indentation into single spaces. */
static char *
squeeze (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \n\t", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", words[i]);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Escapes @text for Pango and turns the \x01xref\x02…  marks of links into <a href>. */
static void
append_markup (GString    *markup,
               const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *start = strchr (p, '\x01');
      const char *end;
      g_autofree char *before = NULL;
      g_autofree char *xref = NULL;

      if (start == NULL || (end = strchr (start, '\x02')) == NULL)
        {
          g_autofree char *rest = lf_markup_escape (p, -1);

          g_string_append (markup, rest);
          return;
        }
      before = lf_markup_escape (p, start - p);
      xref = g_strndup (start + 1, end - start - 1);
      g_string_append (markup, before);
      g_string_append_printf (markup, "<a href=\"help:lifeline/%s\">", xref);
      /* the link's text follows, up to the end of the sentence's link (we close at the end) */
      p = end + 1;
      {
        const char *stop = strchr (p, '\x03');
        g_autofree char *inner = lf_markup_escape (p, stop != NULL ? stop - p : -1);

        g_string_append (markup, inner);
        g_string_append (markup, "</a>");
        if (stop == NULL)
          return;
        p = stop + 1;
      }
    }
}

static char *
strip_marks (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean in_xref = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\x01')
      in_xref = TRUE;
    else if (*p == '\x02')
      in_xref = FALSE;
    else if (*p != '\x03' && !in_xref)
      g_string_append_c (out, *p);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean read_page (const char  *page,
                           Reader      *r,
                           GError     **error);
static void     reader_clear (Reader *r);

static void
append_topics (Reader     *r,
               const char *prefix)
{
  g_auto(GStrv) files = g_resources_enumerate_children (HELP_RESOURCE_PATH,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    {
      Reader topic = { NULL, };
      g_autofree char *id = NULL;

      if (!g_str_has_prefix (files[i], prefix) || !g_str_has_suffix (files[i], ".page"))
        continue;
      topic.markup = g_string_new (NULL);
      topic.text = g_string_new (NULL);
      id = g_strndup (files[i], strlen (files[i]) - strlen (".page"));
      if (read_page (id, &topic, NULL) && topic.title != NULL)
        {
          g_autofree char *escaped = lf_markup_escape (topic.title, -1);

          g_string_append_printf (r->markup, "• <a href=\"help:lifeline/%s\">%s</a>\n", id,
                                  escaped);
          g_string_append_printf (r->text, "• %s\n", topic.title);
        }
      reader_clear (&topic);
    }
}

static void
reader_end (GMarkupParseContext  *context,
            const char           *element,
            gpointer              user_data,
            GError              **error)
{
  Reader *r = user_data;
  g_autofree char *raw = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *plain = NULL;

  if (g_str_equal (element, "link") && r->current != NULL && r->link != NULL)
    {
      g_string_append_c (r->current, '\x03');
      g_clear_pointer (&r->link, g_free);
      return;
    }
  if (g_str_equal (element, "section"))
    {
      /* a guide's sections list the topics that link to them (Yelp does it from their
       * <info>; the viewer does it from the page ids) */
      if (g_strcmp0 (r->section_id, "diagnoses") == 0)
        append_topics (r, "diagnosis-");
      else if (g_strcmp0 (r->section_id, "causes") == 0)
        append_topics (r, "cause-");
      g_clear_pointer (&r->section_id, g_free);
      r->depth_section--;
      return;
    }
  if (g_str_equal (element, "item"))
    {
      r->in_item = FALSE;
      return;
    }
  if (!(g_str_equal (element, "title") || g_str_equal (element, "p")) || r->current == NULL)
    return;
  /* a <p> inside <item> or a title: one block each */
  raw = g_string_free (g_steal_pointer (&r->current), FALSE);
  clean = squeeze (raw);
  plain = strip_marks (clean);

  if (g_str_equal (element, "title") && r->depth_section == 0)
    {
      g_free (r->title);
      r->title = g_strdup (plain);
      return;
    }
  if (g_str_equal (element, "title"))
    {
      g_autofree char *escaped = lf_markup_escape (plain, -1);

      g_string_append_printf (r->markup, "%s<b>%s</b>\n", r->markup->len > 0 ? "\n" : "",
                              escaped);
      g_string_append_printf (r->text, "%s%s\n", r->text->len > 0 ? "\n" : "", plain);
      return;
    }

  if (r->in_item)
    {
      g_string_append (r->markup, "• ");
      g_string_append (r->text, "• ");
    }
  append_markup (r->markup, clean);
  /* paragraphs apart, list items together */
  g_string_append (r->markup, r->in_item ? "\n" : "\n\n");
  g_string_append_printf (r->text, "%s\n", plain);
}

static gboolean
read_page (const char  *page,
           Reader      *r,
           GError     **error)
{
  static const GMarkupParser parser = { reader_start, reader_end, reader_text, NULL, NULL };
  g_autofree char *path = g_strconcat (HELP_RESOURCE_PATH, page, ".page", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  gsize size;
  const char *data;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, r, NULL);

  return g_markup_parse_context_parse (context, data, size, error)
         && g_markup_parse_context_end_parse (context, error);
}

static void
reader_clear (Reader *r)
{
  g_string_free (r->markup, TRUE);
  g_string_free (r->text, TRUE);
  if (r->current != NULL)
    g_string_free (r->current, TRUE);
  g_free (r->title);
  g_free (r->link);
  g_free (r->section_id);
}

/* ------------------------------------------------------------------------------------------ */
/* Yelp                                                                                         */
/* ------------------------------------------------------------------------------------------ */

/* Yelp shows help:lifeline/… only when a handler for help: exists and the pages are installed
 * where it looks (the data directories). */
static gboolean
yelp_can_show (void)
{
  g_autoptr(GAppInfo) handler = g_app_info_get_default_for_uri_scheme ("help");
  const char * const *dirs = g_get_system_data_dirs ();

  if (handler == NULL || g_getenv ("LIFELINE_HELP_IN_APP") != NULL)
    return FALSE;

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *index = g_build_filename (dirs[i], "help", "C", "lifeline", "index.page",
                                                 NULL);

      if (g_file_test (index, G_FILE_TEST_IS_REGULAR))
        return TRUE;
    }

  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* The in-app viewer                                                                            */
/* ------------------------------------------------------------------------------------------ */

static void show_page_in (GtkWindow  *window,
                          const char *page);

static gboolean
on_link_activated_cb (GtkLabel   *label,
                      const char *uri,
                      GtkWindow  *window)
{
  if (!g_str_has_prefix (uri, "help:lifeline/"))
    return FALSE;

  show_page_in (window, uri + strlen ("help:lifeline/"));
  return TRUE;
}

static void
on_index_activated_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       GtkWindow     *window)
{
  show_page_in (window, "index");
}

static void
show_page_in (GtkWindow  *window,
              const char *page)
{
  Reader r = { g_string_new (NULL), g_string_new (NULL), };
  g_autoptr(GError) error = NULL;
  GtkLabel *title = g_object_get_data (G_OBJECT (window), "lf-help-title");
  GtkLabel *body = g_object_get_data (G_OBJECT (window), "lf-help-body");

  if (!read_page (page, &r, &error))
    {
      g_warning ("Help page “%s”: %s", page, error->message);
      gtk_label_set_text (title, _("Help"));
      gtk_label_set_text (body, _("This help page is missing."));
    }
  else
    {
      gtk_label_set_text (title, r.title != NULL ? r.title : _("Help"));
      gtk_label_set_markup (body, r.markup->str);
      gtk_window_set_title (window, r.title);
    }
  g_object_set_data_full (G_OBJECT (window), "lf-help-page", g_strdup (page), g_free);
  reader_clear (&r);
}

/**
 * lf_help_show_in_app:
 * @parent: (nullable): a widget of the window the help is for
 * @page: a page id ("index", "cause-cdn-edge")
 *
 * Shows @page in Lifeline's own viewer.
 *
 * Returns: (transfer none): the viewer window
 */
GtkWindow *
lf_help_show_in_app (GtkWidget  *parent,
                     const char *page)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *body = gtk_label_new (NULL);
  GtkWidget *contents = gtk_button_new_from_icon_name ("go-home-symbolic");
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  g_return_val_if_fail (page != NULL, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 520, 560);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));

  gtk_widget_set_tooltip_text (contents, _("All Help Topics"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (contents), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("All help topics"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (contents), "help.index");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), contents);
  gtk_box_append (GTK_BOX (box), header);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-1");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  g_signal_connect_object (body, "activate-link", G_CALLBACK (on_link_activated_cb), window,
                           G_CONNECT_DEFAULT);
  gtk_box_append (GTK_BOX (content), title);
  gtk_box_append (GTK_BOX (content), body);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);

  {
    GSimpleActionGroup *group = g_simple_action_group_new ();
    GSimpleAction *index = g_simple_action_new ("index", NULL);

    g_signal_connect_object (index, "activate", G_CALLBACK (on_index_activated_cb), window,
                             G_CONNECT_DEFAULT);
    g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (index));
    gtk_widget_insert_action_group (window, "help", G_ACTION_GROUP (group));
    g_object_unref (index);
    g_object_unref (group);
  }

  g_object_set_data (G_OBJECT (window), "lf-help-title", title);
  g_object_set_data (G_OBJECT (window), "lf-help-body", body);
  show_page_in (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));

  return GTK_WINDOW (window);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/**
 * lf_help_show:
 * @parent: (nullable): a widget of the window the help is for
 * @page: a page id: "index", "diagnosis-provider-outage", "cause-cdn-edge", …
 *
 * Opens @page in Yelp when Yelp and the installed pages are there, else in the in-app viewer.
 */
void
lf_help_show (GtkWidget  *parent,
              const char *page)
{
  g_return_if_fail (page != NULL);

  if (yelp_can_show ())
    {
      g_autofree char *uri = g_strconcat ("help:lifeline/", page, NULL);
      GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

      gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
      return;
    }

  lf_help_show_in_app (parent, page);
}

/**
 * lf_help_page_for_cause:
 * @cause: a cause's nick, "cdn-edge"
 *
 * Returns: (transfer full) (nullable): its help page, %NULL if there is none
 */
char *
lf_help_page_for_cause (const char *cause)
{
  g_autofree char *page = NULL;
  g_autofree char *path = NULL;

  if (cause == NULL)
    return NULL;
  page = g_strconcat ("cause-", cause, NULL);
  path = g_strconcat (HELP_RESOURCE_PATH, page, ".page", NULL);

  return g_resources_get_info (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL)
         ? g_steal_pointer (&page) : NULL;
}

/**
 * lf_help_page_for_diagnosis:
 * @diagnosis: a diagnosis kind's nick, "provider-outage"
 *
 * Returns: (transfer full) (nullable): its help page, %NULL if there is none
 */
char *
lf_help_page_for_diagnosis (const char *diagnosis)
{
  g_autofree char *page = NULL;
  g_autofree char *path = NULL;

  if (diagnosis == NULL)
    return NULL;
  page = g_strconcat ("diagnosis-", diagnosis, NULL);
  path = g_strconcat (HELP_RESOURCE_PATH, page, ".page", NULL);

  return g_resources_get_info (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL)
         ? g_steal_pointer (&page) : NULL;
}

/**
 * lf_help_get_text:
 * @page: a page id
 * @title: (out) (optional): its title
 *
 * Returns: (transfer full) (nullable): the page as plain text, %NULL if it is missing
 */
char *
lf_help_get_text (const char  *page,
                  char       **title)
{
  Reader r = { g_string_new (NULL), g_string_new (NULL), };
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_return_val_if_fail (page != NULL, NULL);

  if (read_page (page, &r, &error))
    {
      text = g_strdup (r.text->str);
      if (title != NULL)
        *title = g_strdup (r.title);
    }
  reader_clear (&r);

  return text;
}
