/* lf-platform-picker.c — tick the platforms to watch, grouped by category, searchable
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-platform-picker"

#include "config.h"

#include "lf-platform-picker.h"

#include <adwaita.h>
#include <glib/gi18n.h>

/* A search entry above one boxed list per catalog category (in a fixed order, unknown
 * categories last), each row a check button with the platform's name. Typing filters the
 * rows by name, id or category; a category with no visible row hides with its heading.
 * With a catalog of 100+ platforms each category's heading is a toggle that opens and closes
 * its list and says how many of its platforms are ticked: a category opens by itself the
 * first time it is shown with something ticked in it, and every matching category is open
 * while searching, so a first run shows a short list of categories, not 130 rows.
 * #LfPlatformPicker::changed says when the ticks change. Used by the onboarding and by the
 * Platforms page of the preferences. */

typedef struct
{
  const char *id;
  const char *title;
} Category;

struct _LfPlatformPicker
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkWidget      *search_entry;
  GtkWidget      *groups;          /* GtkBox of heading + list pairs */
  GtkWidget      *empty_label;
  GHashTable     *checks;          /* id → GtkCheckButton (owned by the rows) */
  GPtrArray      *lists;           /* GtkListBox per category */
  char           *search;
  char           *remove_action;   /* for the platforms the user added, or NULL */
  GHashTable     *expanded;        /* category ids shown open (kept across rebuilds) */
  GHashTable     *seen;            /* category ids whose first state was decided */
  gboolean        setting;
};

G_DEFINE_FINAL_TYPE (LfPlatformPicker, lf_platform_picker, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/* The shipped catalog's categories, in the order they are shown (docs/CATALOG.md). */
static const Category categories[] = {
  { "marketplace", N_("Marketplaces") },
  { "communication", N_("Communication") },
  { "meetings", N_("Meetings and Calls") },
  { "design", N_("Design and Media") },
  { "documents", N_("Documents and Files") },
  { "project", N_("Project Tools") },
  { "code-hosting", N_("Code and Hosting") },
  { "ai", N_("AI Tools") },
  { "websites", N_("Websites and Shops") },
  { "payments", N_("Payments and Invoicing") },
  { "time-tracking", N_("Time Tracking") },
  { "email", N_("E-mail and Marketing") },
  { "crm", N_("Clients and Sales") },
  { "security", N_("Passwords and Security") },
  { "code-files", N_("Code and Files") },   /* the first catalog's; user files may use it */
};

static const char *
category_title (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (g_strcmp0 (id, categories[i].id) == 0)
      return _(categories[i].title);

  return _("Other");
}

static int
category_order (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (g_strcmp0 (id, categories[i].id) == 0)
      return (int) i;

  return G_N_ELEMENTS (categories);
}

static gboolean
matches (GtkListBoxRow *row,
         const char    *search)
{
  const char *haystack = g_object_get_data (G_OBJECT (row), "search-text");
  g_autofree char *needle = NULL;

  if (search == NULL || *search == '\0')
    return TRUE;

  needle = g_utf8_casefold (search, -1);
  return haystack != NULL && strstr (haystack, needle) != NULL;
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  LfPlatformPicker *self = user_data;

  return matches (row, self->search);
}

static void
update_heading (GtkWidget *list,
                gboolean   open)
{
  GtkWidget *heading = g_object_get_data (G_OBJECT (list), "heading");
  GtkWidget *arrow = g_object_get_data (G_OBJECT (list), "arrow");
  GtkWidget *count = g_object_get_data (G_OBJECT (list), "count");
  guint ticked = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = g_object_get_data (G_OBJECT (row), "check");

      if (check != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        ticked++;
    }

  if (ticked > 0)
    {
      /* Translators: how many platforms of a category are ticked */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ticked",
                                                            "%u ticked", ticked), ticked);

      gtk_label_set_label (GTK_LABEL (count), text);
    }
  else
    gtk_label_set_label (GTK_LABEL (count), "");

  gtk_image_set_from_icon_name (GTK_IMAGE (arrow), open ? "pan-down-symbolic"
                                                        : "pan-end-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_STATE_EXPANDED, open,
                               -1);
}

static void
apply_filter (LfPlatformPicker *self)
{
  gboolean searching = self->search != NULL && *self->search != '\0';
  guint total = 0;

  for (guint i = 0; i < self->lists->len; i++)
    {
      GtkWidget *list = g_ptr_array_index (self->lists, i);
      GtkWidget *heading = g_object_get_data (G_OBJECT (list), "heading");
      const char *category = g_object_get_data (G_OBJECT (list), "category");
      gboolean open = searching || g_hash_table_contains (self->expanded, category);
      guint visible = 0;

      gtk_list_box_invalidate_filter (GTK_LIST_BOX (list));
      for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
           row = gtk_widget_get_next_sibling (row))
        if (GTK_IS_LIST_BOX_ROW (row) && matches (GTK_LIST_BOX_ROW (row), self->search))
          visible++;

      gtk_widget_set_visible (list, visible > 0 && open);
      gtk_widget_set_visible (heading, visible > 0);
      update_heading (list, open);
      total += visible;
    }

  gtk_widget_set_visible (self->empty_label, total == 0);
}

static void
on_heading_toggled_cb (GtkToggleButton  *heading,
                       LfPlatformPicker *self)
{
  const char *category = g_object_get_data (G_OBJECT (heading), "category");

  if (self->setting)
    return;

  if (gtk_toggle_button_get_active (heading))
    g_hash_table_add (self->expanded, g_strdup (category));
  else
    g_hash_table_remove (self->expanded, category);
  apply_filter (self);
}

static void
clear (LfPlatformPicker *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->groups)) != NULL)
    gtk_box_remove (GTK_BOX (self->groups), child);
  g_hash_table_remove_all (self->checks);
  g_ptr_array_set_size (self->lists, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
on_check_toggled_cb (GtkCheckButton   *check,
                     LfPlatformPicker *self)
{
  GtkWidget *list = gtk_widget_get_ancestor (GTK_WIDGET (check), GTK_TYPE_LIST_BOX);
  const char *category = list != NULL ? g_object_get_data (G_OBJECT (list), "category") : NULL;

  if (list != NULL)
    update_heading (list, (self->search != NULL && *self->search != '\0') ||
                          g_hash_table_contains (self->expanded, category));
  if (!self->setting)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_search_changed_cb (GtkSearchEntry   *entry,
                      LfPlatformPicker *self)
{
  lf_platform_picker_set_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Up and Down move between the category headings and the check buttons of the open
 * categories, as in any list; Tab still leaves for the next control. */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   LfPlatformPicker      *self)
{
  g_autoptr(GPtrArray) visible = NULL;
  GtkRoot *root;
  GtkWidget *focus;
  int step;

  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    step = -1;
  else if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    step = 1;
  else
    return GDK_EVENT_PROPAGATE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL || !(GTK_IS_CHECK_BUTTON (focus) || GTK_IS_TOGGLE_BUTTON (focus)))
    return GDK_EVENT_PROPAGATE;

  /* in reading order: each category's heading, then its platforms if it is open */
  visible = g_ptr_array_new ();
  for (guint i = 0; i < self->lists->len; i++)
    {
      GtkWidget *list = g_ptr_array_index (self->lists, i);
      GtkWidget *heading = g_object_get_data (G_OBJECT (list), "heading");

      if (heading != NULL && gtk_widget_is_visible (heading))
        g_ptr_array_add (visible, heading);
      if (!gtk_widget_is_visible (list))
        continue;
      for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
           row = gtk_widget_get_next_sibling (row))
        if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row)
            && g_object_get_data (G_OBJECT (row), "check") != NULL)
          g_ptr_array_add (visible, g_object_get_data (G_OBJECT (row), "check"));
    }

  for (guint i = 0; i < visible->len; i++)
    if (g_ptr_array_index (visible, i) == focus)
      {
        int next = (int) i + step;

        if (next >= 0 && next < (int) visible->len)
          gtk_widget_grab_focus (g_ptr_array_index (visible, next));
        return GDK_EVENT_STOP;
      }

  return GDK_EVENT_PROPAGATE;
}

/* ------------------------------------------------------------------------------------------ */
/* GObject overrides                                                                            */
/* ------------------------------------------------------------------------------------------ */

static void
lf_platform_picker_dispose (GObject *object)
{
  LfPlatformPicker *self = LF_PLATFORM_PICKER (object);

  if (self->box != NULL)
    {
      gtk_widget_unparent (self->box);
      self->box = NULL;
    }
  g_clear_pointer (&self->checks, g_hash_table_unref);
  g_clear_pointer (&self->lists, g_ptr_array_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_pointer (&self->seen, g_hash_table_unref);

  G_OBJECT_CLASS (lf_platform_picker_parent_class)->dispose (object);
}

static void
lf_platform_picker_finalize (GObject *object)
{
  LfPlatformPicker *self = LF_PLATFORM_PICKER (object);

  g_free (self->search);
  g_free (self->remove_action);

  G_OBJECT_CLASS (lf_platform_picker_parent_class)->finalize (object);
}

static void
lf_platform_picker_class_init (LfPlatformPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lf_platform_picker_dispose;
  object_class->finalize = lf_platform_picker_finalize;

  /**
   * LfPlatformPicker::changed:
   *
   * The user ticked or unticked a platform.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "platformpicker");
}

static void
lf_platform_picker_init (LfPlatformPicker *self)
{
  GtkEventController *keys;

  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->lists = g_ptr_array_new ();
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->search_entry = gtk_search_entry_new ();
  g_object_set (self->search_entry, "placeholder-text", _("Search platforms or categories"),
                NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search platforms"), -1);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (on_search_changed_cb), self, G_CONNECT_DEFAULT);
  gtk_box_append (GTK_BOX (self->box), self->search_entry);

  self->groups = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self->box), self->groups);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self,
                           G_CONNECT_DEFAULT);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  self->empty_label = gtk_label_new (_("No platform matches the search"));
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_widget_set_visible (self->empty_label, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->empty_label);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                   */
/* ------------------------------------------------------------------------------------------ */

GtkWidget *
lf_platform_picker_new (void)
{
  return g_object_new (LF_TYPE_PLATFORM_PICKER, NULL);
}

static int
compare_platforms (gconstpointer a,
                   gconstpointer b)
{
  const LfCatalogPlatform *pa = *(LfCatalogPlatform * const *) a;
  const LfCatalogPlatform *pb = *(LfCatalogPlatform * const *) b;
  int oa = category_order (pa->category);
  int ob = category_order (pb->category);

  if (oa != ob)
    return oa - ob;
  if (oa == category_order (NULL) && g_strcmp0 (pa->category, pb->category) != 0)
    return g_strcmp0 (pa->category, pb->category);

  return 0;   /* catalog order within a category */
}

/**
 * lf_platform_picker_set_catalog:
 * @catalog: (nullable): the platforms to offer; the ticks of ids still offered are kept
 */
void
lf_platform_picker_set_catalog (LfPlatformPicker *self,
                                LfCatalog        *catalog)
{
  g_auto(GStrv) selected = NULL;
  g_autoptr(GPtrArray) platforms = g_ptr_array_new ();
  GtkWidget *list = NULL;
  const char *category = NULL;
  gboolean first = TRUE;

  g_return_if_fail (LF_IS_PLATFORM_PICKER (self));

  selected = lf_platform_picker_get_selected (self);
  clear (self);

  for (guint i = 0; catalog != NULL && i < catalog->platforms->len; i++)
    g_ptr_array_add (platforms, g_ptr_array_index (catalog->platforms, i));
  g_ptr_array_sort (platforms, compare_platforms);   /* stable: catalog order within */

  for (guint i = 0; i < platforms->len; i++)
    {
      LfCatalogPlatform *platform = g_ptr_array_index (platforms, i);
      GtkWidget *row;
      GtkWidget *check;
      GtkWidget *box;
      g_autofree char *search = NULL;

      if (first || category_order (platform->category) != category_order (category)
          || (category_order (category) == category_order (NULL)
              && g_strcmp0 (category, platform->category) != 0))
        {
          const char *key = platform->category != NULL ? platform->category : "";
          GtkWidget *heading = gtk_toggle_button_new ();
          GtkWidget *heading_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          GtkWidget *title = gtk_label_new (category_title (platform->category));
          GtkWidget *count = gtk_label_new (NULL);
          GtkWidget *arrow = gtk_image_new_from_icon_name ("pan-end-symbolic");

          gtk_label_set_xalign (GTK_LABEL (title), 0);
          gtk_widget_set_hexpand (title, TRUE);
          gtk_widget_add_css_class (title, "heading");
          gtk_widget_add_css_class (count, "caption");
          gtk_widget_add_css_class (count, "dim-label");
          gtk_box_append (GTK_BOX (heading_box), title);
          gtk_box_append (GTK_BOX (heading_box), count);
          gtk_box_append (GTK_BOX (heading_box), arrow);
          gtk_button_set_child (GTK_BUTTON (heading), heading_box);
          gtk_widget_add_css_class (heading, "flat");
          gtk_widget_add_css_class (heading, "lf-picker-heading");
          gtk_accessible_update_property (GTK_ACCESSIBLE (heading),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          category_title (platform->category), -1);
          g_object_set_data_full (G_OBJECT (heading), "category", g_strdup (key), g_free);
          g_signal_connect_object (heading, "toggled", G_CALLBACK (on_heading_toggled_cb),
                                   self, G_CONNECT_DEFAULT);
          gtk_widget_set_margin_top (heading, first ? 0 : 6);
          gtk_box_append (GTK_BOX (self->groups), heading);

          list = gtk_list_box_new ();
          gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (list, "boxed-list");
          gtk_list_box_set_filter_func (GTK_LIST_BOX (list), filter_row, self, NULL);
          gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          category_title (platform->category), -1);
          g_object_set_data (G_OBJECT (list), "heading", heading);
          g_object_set_data (G_OBJECT (list), "arrow", arrow);
          g_object_set_data (G_OBJECT (list), "count", count);
          g_object_set_data_full (G_OBJECT (list), "category", g_strdup (key), g_free);
          gtk_box_append (GTK_BOX (self->groups), list);
          g_ptr_array_add (self->lists, list);

          category = platform->category;
          first = FALSE;
        }

      /* a plain row with a labelled check button: light enough to build 20 of them before
       * the first frame of the first run */
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      check = gtk_check_button_new_with_label (platform->name);
      gtk_widget_set_hexpand (check, TRUE);
      gtk_box_append (GTK_BOX (box), check);
      if (platform->custom)
        {
          GtkWidget *mine = gtk_label_new (_("Added by you"));

          gtk_widget_add_css_class (mine, "dim-label");
          gtk_widget_add_css_class (mine, "caption");
          gtk_box_append (GTK_BOX (box), mine);
        }
      if (platform->custom && self->remove_action != NULL)
        {
          GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
          /* Translators: %s is the name of a platform the user added */
          g_autofree char *label = g_strdup_printf (_("Remove %s"), platform->name);

          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_set_tooltip_text (remove, label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          label, -1);
          gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", platform->id);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), self->remove_action);
          gtk_box_append (GTK_BOX (box), remove);
        }
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      platform->name, -1);
      gtk_widget_add_css_class (row, "lf-picker-row");
      g_object_set_data (G_OBJECT (row), "check", check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), self,
                               G_CONNECT_DEFAULT);

      /* Casefolded as the needle is, so that "pay" finds "Payments and Invoicing". */
      search = g_strdup_printf ("%s %s %s", platform->name, platform->id,
                                category_title (platform->category));
      g_object_set_data_full (G_OBJECT (row), "search-text", g_utf8_casefold (search, -1),
                              g_free);
      g_object_set_data_full (G_OBJECT (check), "platform-id", g_strdup (platform->id), g_free);
      g_hash_table_insert (self->checks, g_strdup (platform->id), check);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  lf_platform_picker_set_selected (self, (const char * const *) selected);

  /* A category seen for the first time opens if something in it is ticked. */
  self->setting = TRUE;
  for (guint i = 0; i < self->lists->len; i++)
    {
      GtkWidget *group = g_ptr_array_index (self->lists, i);
      const char *key = g_object_get_data (G_OBJECT (group), "category");

      if (!g_hash_table_contains (self->seen, key))
        {
          g_hash_table_add (self->seen, g_strdup (key));
          for (GtkWidget *row = gtk_widget_get_first_child (group); row != NULL;
               row = gtk_widget_get_next_sibling (row))
            {
              GtkWidget *check = g_object_get_data (G_OBJECT (row), "check");

              if (check != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
                {
                  g_hash_table_add (self->expanded, g_strdup (key));
                  break;
                }
            }
        }
      gtk_toggle_button_set_active (g_object_get_data (G_OBJECT (group), "heading"),
                                    g_hash_table_contains (self->expanded, key));
    }
  self->setting = FALSE;

  apply_filter (self);
}

/**
 * lf_platform_picker_get_selected:
 *
 * Returns: (transfer full): the ticked ids, in the order shown
 */
GStrv
lf_platform_picker_get_selected (LfPlatformPicker *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (LF_IS_PLATFORM_PICKER (self), NULL);

  for (guint i = 0; i < self->lists->len; i++)
    {
      GtkWidget *list = g_ptr_array_index (self->lists, i);

      for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
           row = gtk_widget_get_next_sibling (row))
        {
          GtkWidget *check;

          check = g_object_get_data (G_OBJECT (row), "check");
          if (check != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
            g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "platform-id"));
        }
    }

  return g_strv_builder_end (builder);
}

/**
 * lf_platform_picker_set_selected:
 * @ids: (nullable): ids to tick; every other one is unticked. Does not emit ::changed.
 */
void
lf_platform_picker_set_selected (LfPlatformPicker   *self,
                                 const char * const *ids)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (LF_IS_PLATFORM_PICKER (self));

  self->setting = TRUE;
  g_hash_table_iter_init (&iter, self->checks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    gtk_check_button_set_active (value, ids != NULL && g_strv_contains (ids, key));
  self->setting = FALSE;
}

/**
 * lf_platform_picker_set_search:
 * @text: (nullable): shows only the platforms whose name, id or category contains it
 */
void
lf_platform_picker_set_search (LfPlatformPicker *self,
                               const char       *text)
{
  g_return_if_fail (LF_IS_PLATFORM_PICKER (self));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");

  g_free (self->search);
  self->search = g_strdup (text);
  apply_filter (self);
}

/**
 * lf_platform_picker_set_category_open:
 * @category: a category id of the catalog ("marketplace", …)
 * @open: whether its list shows (while not searching)
 */
void
lf_platform_picker_set_category_open (LfPlatformPicker *self,
                                      const char       *category,
                                      gboolean          open)
{
  g_return_if_fail (LF_IS_PLATFORM_PICKER (self));
  g_return_if_fail (category != NULL);

  for (guint i = 0; i < self->lists->len; i++)
    {
      GtkWidget *list = g_ptr_array_index (self->lists, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (list), "category"), category) == 0)
        gtk_toggle_button_set_active (g_object_get_data (G_OBJECT (list), "heading"), open);
    }
}

/**
 * lf_platform_picker_get_category_open:
 * @category: a category id of the catalog
 *
 * Returns: whether @category's list shows when nothing is searched
 */
gboolean
lf_platform_picker_get_category_open (LfPlatformPicker *self,
                                      const char       *category)
{
  g_return_val_if_fail (LF_IS_PLATFORM_PICKER (self), FALSE);

  return category != NULL && g_hash_table_contains (self->expanded, category);
}

/**
 * lf_platform_picker_get_n_visible:
 *
 * Returns: how many platforms the search leaves visible
 */
guint
lf_platform_picker_get_n_visible (LfPlatformPicker *self)
{
  guint n = 0;

  g_return_val_if_fail (LF_IS_PLATFORM_PICKER (self), 0);

  for (guint i = 0; i < self->lists->len; i++)
    for (GtkWidget *row = gtk_widget_get_first_child (g_ptr_array_index (self->lists, i));
         row != NULL; row = gtk_widget_get_next_sibling (row))
      if (GTK_IS_LIST_BOX_ROW (row) && matches (GTK_LIST_BOX_ROW (row), self->search))
        n++;

  return n;
}

/**
 * lf_platform_picker_get_check:
 *
 * Returns: (transfer none) (nullable): the check button of a platform
 */
GtkCheckButton *
lf_platform_picker_get_check (LfPlatformPicker *self,
                              const char       *id)
{
  g_return_val_if_fail (LF_IS_PLATFORM_PICKER (self), NULL);

  return g_hash_table_lookup (self->checks, id);
}

/**
 * lf_platform_picker_set_remove_action:
 * @action: (nullable): a detailed action name taking the platform id ("s"), offered as a
 *   Remove button on the platforms the user added; takes effect at the next
 *   lf_platform_picker_set_catalog()
 */
void
lf_platform_picker_set_remove_action (LfPlatformPicker *self,
                                      const char       *action)
{
  g_return_if_fail (LF_IS_PLATFORM_PICKER (self));

  g_free (self->remove_action);
  self->remove_action = g_strdup (action);
}
