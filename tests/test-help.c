/* test-help.c — a help page per diagnosis and cause, and the in-app viewer
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "lf-help.h"
#include "lf-test-utils.h"
#include "lf-types.h"

static void
assert_topic (const char *page)
{
  g_autofree char *title = NULL;
  g_autofree char *text = lf_help_get_text (page, &title);

  g_assert_nonnull (text);
  g_assert_nonnull (title);
  g_assert_cmpstr (title, !=, "");
  /* what it means, what to do */
  g_assert_nonnull (strstr (text, "What it means\n"));
  g_assert_nonnull (strstr (text, "What to do\n"));
  g_assert_nonnull (strstr (text, "• "));
}

/* Every diagnosis and every cause a person can meet has its page. */
static void
test_help_every_topic (void)
{
  GEnumClass *causes = g_type_class_ref (LF_TYPE_CAUSE);
  GEnumClass *diagnoses = g_type_class_ref (LF_TYPE_DIAGNOSIS_KIND);
  g_autofree char *index = lf_help_get_text ("index", NULL);

  g_assert_nonnull (index);
  for (guint i = 0; i < causes->n_values; i++)
    {
      g_autofree char *page = lf_help_page_for_cause (causes->values[i].value_nick);
      g_autofree char *title = NULL;
      g_autofree char *text = NULL;

      if (causes->values[i].value == LF_CAUSE_NONE)
        {
          g_assert_null (page);
          continue;
        }
      g_assert_nonnull (page);
      assert_topic (page);
      /* the contents list it */
      text = lf_help_get_text (page, &title);
      g_assert_nonnull (strstr (index, title));
    }
  for (guint i = 0; i < diagnoses->n_values; i++)
    {
      g_autofree char *page = lf_help_page_for_diagnosis (diagnoses->values[i].value_nick);

      g_assert_nonnull (page);
      assert_topic (page);
    }
  g_assert_null (lf_help_page_for_cause ("no-such-cause"));

  g_type_class_unref (causes);
  g_type_class_unref (diagnoses);
}

static GtkLabel *
find_label_with_link (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) && strstr (gtk_label_get_label (GTK_LABEL (child)), "<a href"))
        return GTK_LABEL (child);
      if ((found = find_label_with_link (child)) != NULL)
        return found;
    }
  return NULL;
}

/* Without Yelp (or its installed pages) the page opens in Lifeline's viewer, and its links
 * lead to the other pages. */
static void
test_help_in_app (void)
{
  GtkWindow *window;
  GtkLabel *body;
  gboolean handled = FALSE;

  if (!lf_test_have_display ())
    {
      lf_test_skip_no_display ();
      return;
    }

  window = lf_help_show_in_app (NULL, "cause-network");
  g_assert_cmpstr (gtk_window_get_title (window), ==, "Your connection seems down");
  body = find_label_with_link (GTK_WIDGET (window));
  g_assert_nonnull (body);
  g_assert_nonnull (strstr (gtk_label_get_label (body),
                            "href=\"help:lifeline/diagnosis-local-network\""));

  g_signal_emit_by_name (body, "activate-link", "help:lifeline/diagnosis-local-network",
                         &handled);
  g_assert_true (handled);
  g_assert_cmpstr (gtk_window_get_title (window), ==, "Your network has a problem");

  /* all topics */
  gtk_widget_activate_action (GTK_WIDGET (window), "help.index", NULL);
  g_assert_cmpstr (gtk_window_get_title (window), ==, "Lifeline Help");
  g_assert_nonnull (strstr (gtk_label_get_label (body), "The CDN in front of it returns errors"));

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);
  if (lf_test_have_display ())
    adw_init ();

  g_test_add_func ("/lifeline/help/every-topic", test_help_every_topic);
  g_test_add_func ("/lifeline/help/in-app", test_help_in_app);

  return g_test_run ();
}
