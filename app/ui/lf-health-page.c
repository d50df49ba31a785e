/* lf-health-page.c — the Health page: diagnosis, one row per platform, details, onboarding
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-health-page"

#include "config.h"

#include "lf-health-page.h"

#include <glib/gi18n.h>
#include "lf-a11y.h"

#include "lf-health-format.h"
#include "lf-outage.h"
#include "lf-platform-detail.h"
#include "lf-providers-view.h"

/* The page only binds to the monitor: its diagnosis drives the banner, its `checking` and
 * `last-checked` the line under it, and its platform model — sorted with problems first and
 * resorted on every state change — the list. A row opens the platform's details (a leaflet
 * page; Escape or the back button returns). With no platform watched the page is the
 * onboarding: tick platforms, Continue saves GSettings `watched-platforms`. Time-dependent
 * words ("for 12 min", "2 min ago") are refreshed every 30 s while the page is mapped. */

#define REFRESH_SECONDS 30

/* The window's process (a mirror of the background monitor) builds its platform rows after
 * the page's first frame, this many per frame: the window shows at once with the diagnosis,
 * and a row costs a few milliseconds to build and lay out (docs/BENCHMARKS.md). */
#define ROWS_PER_FRAME 20

struct _LfHealthPage
{
  AdwBin              parent_instance;

  LfMonitor          *monitor;
  LfIncidentLog      *log;
  gboolean            drill;     /* the monitor plays a fire drill */
  GSettings          *settings;
  GtkSortListModel   *sorted;
  GtkSliceListModel  *shown;     /* what the list holds: all of sorted, but see ROWS_PER_FRAME */
  gboolean            painted;   /* the page's first frame was painted */
  GtkSorter          *sorter;
  const char         *banner_class;
  char               *banner_text;
  char               *last_checked_text;
  char               *shown_platform;
  guint               refresh_source;
  gint64              refreshed_at;       /* monotonic µs */

  /* Built when first needed: most starts show neither */
  LfPlatformPicker   *picker;
  LfPlatformDetail   *detail;

  /* Template widgets */
  AdwLeaflet         *leaflet;
  GtkStack           *main_stack;
  GtkWidget          *banner;
  GtkImage           *banner_icon;
  GtkLabel           *banner_label;
  GtkButton          *banner_button;
  GtkButton          *banner_button2;
  GtkWidget          *banner_actions;
  GtkLabel           *last_checked_label;
  GtkSpinner         *checking_spinner;
  GtkListBox         *platform_list;
  LfProvidersView    *providers_view;
  GtkWidget          *platforms_heading;
};

G_DEFINE_FINAL_TYPE (LfHealthPage, lf_health_page, ADW_TYPE_BIN)

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static int
compare_platforms (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  LfPlatformState *pa = (LfPlatformState *) a;
  LfPlatformState *pb = (LfPlatformState *) b;
  int ra = lf_state_get_rank (lf_platform_state_get_state (pa));
  int rb = lf_state_get_rank (lf_platform_state_get_state (pb));
  int order;

  if (ra != rb)
    return ra < rb ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;

  order = g_utf8_collate (lf_platform_state_get_name (pa), lf_platform_state_get_name (pb));
  return order < 0 ? GTK_ORDERING_SMALLER : order > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  LfHealthPage *self = user_data;

  return lf_platform_row_new (item, lf_monitor_get_history (self->monitor));
}

/* Banner colours are a tinted background (text keeps its full contrast) plus a coloured
 * icon; the words and the icon say the same without the colour. */

static void
set_banner_action (GtkButton  *button,
                   const char *label,
                   const char *action,
                   GVariant   *target,
                   const char *tooltip)
{
  /* the button sits in a GtkFlowBoxChild, so that the buttons wrap at narrow widths */
  GtkWidget *child = gtk_widget_get_parent (GTK_WIDGET (button));

  gtk_widget_set_visible (child, label != NULL);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), NULL);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  if (label == NULL)
    return;

  gtk_button_set_label (button, label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), tooltip);
}

static void
update_banner (LfHealthPage *self)
{
  LfDiagnosis *diagnosis = self->monitor != NULL ? lf_monitor_get_diagnosis (self->monitor) : NULL;
  LfOutageLevel level = LF_OUTAGE_LEVEL_CLEAR;
  LfOutageAction action = LF_OUTAGE_ACTION_NONE;
  guint n_all_clear = 0;
  const char *style_class;
  const char *icon_name;
  GtkWidget *first_action;

  g_free (self->banner_text);
  if (diagnosis == NULL)
    {
      self->banner_text = g_strdup (_("Checking your platforms…"));
      style_class = "lf-banner-neutral";
      icon_name = "content-loading-symbolic";
    }
  else
    {
      /* What lf-outage.c calls an outage decides the colour: only down platforms are red;
       * slow ones are amber, the user's own network neutral. */
      level = lf_outage_get_level (self->monitor);
      action = lf_outage_get_action (self->monitor, self->drill, self->log, &n_all_clear);
      self->banner_text = lf_outage_dup_summary (self->monitor);
      switch (level)
        {
        case LF_OUTAGE_LEVEL_OUTAGE:
          style_class = "lf-banner-error";
          icon_name = "dialog-error-symbolic";
          break;
        case LF_OUTAGE_LEVEL_DEGRADED:
          style_class = "lf-banner-warning";
          icon_name = "dialog-warning-symbolic";
          break;
        case LF_OUTAGE_LEVEL_NETWORK:
          style_class = "lf-banner-neutral";
          icon_name = lf_diagnosis_kind_get_icon_name (lf_diagnosis_get_kind (diagnosis));
          break;
        case LF_OUTAGE_LEVEL_CLEAR:
        default:
          style_class = "lf-banner-success";
          icon_name = "emblem-ok-symbolic";
          break;
        }
    }

  /* The monitor plays a fire drill: say so, always. */
  if (self->drill)
    {
      g_autofree char *text = g_steal_pointer (&self->banner_text);

      /* Translators: the Health page's banner during a fire drill; %s is the diagnosis */
      self->banner_text = g_strdup_printf (_("Drill: %s"), text);
    }

  gtk_label_set_label (self->banner_label, self->banner_text);
  gtk_image_set_from_icon_name (self->banner_icon, icon_name);
  if (self->banner_class != NULL)
    gtk_widget_remove_css_class (self->banner, self->banner_class);
  self->banner_class = style_class;
  gtk_widget_add_css_class (self->banner, style_class);

  /* The next useful thing to do (lf_outage_get_action()): the first button is the
   * suggested one. */
  switch (action)
    {
    case LF_OUTAGE_ACTION_NOTIFY:
      set_banner_action (self->banner_button, _("_Notify Clients…"), "app.notify-clients",
                         g_variant_new_string (""),
                         _("Tell each affected client about their platforms, through another "
                           "channel"));
      set_banner_action (self->banner_button2, _("Open _Checklist"), "app.start-checklist",
                         g_variant_new_string (""),
                         _("Work through your contingency plan for this outage"));
      break;
    case LF_OUTAGE_ACTION_CHECK_AGAIN:
      set_banner_action (self->banner_button, _("Check _Again"), "app.check-now", NULL,
                         _("Check your connection and the platforms again now"));
      set_banner_action (self->banner_button2, _("Try _Mobile Data…"), "app.start-checklist",
                         g_variant_new_string (""),
                         _("The steps for your own connection: mobile data, another network"));
      break;
    case LF_OUTAGE_ACTION_ALL_CLEAR:
      {
        g_autofree char *label = g_strdup_printf (ngettext ("Send the _All-Clear to %u Client",
                                                            "Send the _All-Clear to %u Clients",
                                                            n_all_clear),
                                                  n_all_clear);

        set_banner_action (self->banner_button, label, "app.send-all-clear", NULL,
                           _("Tell the clients you notified that the outage is over"));
        set_banner_action (self->banner_button2, NULL, NULL, NULL, NULL);
      }
      break;
    case LF_OUTAGE_ACTION_NONE:
    default:
      set_banner_action (self->banner_button, NULL, NULL, NULL, NULL);
      set_banner_action (self->banner_button2, NULL, NULL, NULL, NULL);
      break;
    }
  gtk_button_set_use_underline (self->banner_button, TRUE);
  gtk_button_set_use_underline (self->banner_button2, TRUE);
  first_action = gtk_widget_get_parent (GTK_WIDGET (self->banner_button));
  gtk_widget_set_visible (GTK_WIDGET (self->banner_actions),
                          gtk_widget_get_visible (first_action));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->banner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->banner_text, -1);
}

static void
update_last_checked (LfHealthPage *self)
{
  gboolean checking = self->monitor != NULL && lf_monitor_get_checking (self->monitor);

  g_free (self->last_checked_text);
  if (checking)
    self->last_checked_text = g_strdup (_("Checking now…"));
  else
    self->last_checked_text =
      lf_format_checked_ago (self->monitor != NULL ? lf_monitor_get_last_checked (self->monitor)
                                                   : 0,
                             g_get_real_time ());

  gtk_label_set_label (self->last_checked_label, self->last_checked_text);
  gtk_widget_set_visible (GTK_WIDGET (self->checking_spinner), checking);
  gtk_spinner_set_spinning (self->checking_spinner, checking);
}

static void on_picker_changed_cb (LfHealthPage *self);

static void
ensure_onboarding (LfHealthPage *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *page;

  if (self->picker != NULL)
    return;

  builder = gtk_builder_new ();
  gtk_builder_set_translation_domain (builder, GETTEXT_PACKAGE);
  if (!gtk_builder_add_from_resource (builder, RESOURCE_BASE_PATH "/ui/lf-health-onboarding.ui",
                                      &error))
    g_error ("The onboarding is missing from the resources: %s", error->message);

  page = GTK_WIDGET (gtk_builder_get_object (builder, "onboarding_page"));
  lf_a11y_fix_mnemonic_buttons (page);
  self->picker = LF_PLATFORM_PICKER (gtk_builder_get_object (builder, "picker"));
  gtk_stack_add_named (self->main_stack, page, "onboarding");
  g_signal_connect_object (self->picker, "changed", G_CALLBACK (on_picker_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
ensure_detail (LfHealthPage *self)
{
  AdwLeafletPage *page;

  if (self->detail != NULL)
    return;

  self->detail = LF_PLATFORM_DETAIL (lf_platform_detail_new ());
  page = adw_leaflet_append (self->leaflet, GTK_WIDGET (self->detail));
  adw_leaflet_page_set_name (page, "detail");
}

static void
update_view (LfHealthPage *self)
{
  guint n = self->monitor != NULL
            ? g_list_model_get_n_items (lf_monitor_get_platforms (self->monitor)) : 0;
  /* A mirror of the background monitor starts empty and fills in once that one answers
   * (lf-monitor-remote.c): with platforms watched, that is the overview still loading, not
   * the first run; the onboarding (and its picker of the whole catalog) is not built. */
  gboolean loading = self->monitor != NULL && lf_monitor_get_mirror (self->monitor)
                     && lf_monitor_get_watched (self->monitor)[0] != NULL;

  if (n == 0 && self->monitor != NULL && !loading)
    {
      ensure_onboarding (self);
      lf_platform_picker_set_catalog (self->picker, lf_monitor_get_catalog (self->monitor));
      on_picker_changed_cb (self);
      gtk_stack_set_visible_child_name (self->main_stack, "onboarding");
      lf_health_page_show_overview (self);
    }
  else
    gtk_stack_set_visible_child_name (self->main_stack, "overview");
}

static const char *
row_platform_id (GtkWidget *row)
{
  return lf_platform_state_get_id (lf_platform_row_get_platform (LF_PLATFORM_ROW (row)));
}

static GtkWidget *
find_row (LfHealthPage *self,
          const char   *platform_id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->platform_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      if (LF_IS_PLATFORM_ROW (row)
          && g_strcmp0 (row_platform_id (row), platform_id) == 0)
        return row;
    }

  return NULL;
}

static gboolean
refresh_cb (gpointer user_data)
{
  LfHealthPage *self = user_data;

  self->refreshed_at = g_get_monotonic_time ();
  update_last_checked (self);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->platform_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (LF_IS_PLATFORM_ROW (row))
      lf_platform_row_refresh (LF_PLATFORM_ROW (row));

  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
on_diagnosis_notify_cb (LfHealthPage *self)
{
  update_banner (self);
}

static void
on_checking_notify_cb (LfHealthPage *self)
{
  update_last_checked (self);
}

static void
on_state_changed_cb (LfMonitor       *monitor,
                     LfPlatformState *platform,
                     LfState          old_state,
                     LfState          new_state,
                     LfHealthPage    *self)
{
  gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
  update_banner (self);
}

static void
on_platforms_changed_cb (LfHealthPage *self)
{
  update_view (self);
}

static void
on_row_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *row,
                     LfHealthPage  *self)
{
  if (LF_IS_PLATFORM_ROW (row))
    lf_health_page_show_platform (self, row_platform_id (GTK_WIDGET (row)));
}

static void
on_picker_changed_cb (LfHealthPage *self)
{
  g_auto(GStrv) selected = NULL;

  if (self->picker == NULL)
    return;
  selected = lf_platform_picker_get_selected (self->picker);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "health.continue", selected[0] != NULL);
}

static void
continue_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LfHealthPage *self = LF_HEALTH_PAGE (widget);
  g_auto(GStrv) selected = NULL;

  if (self->picker == NULL)
    return;
  selected = lf_platform_picker_get_selected (self->picker);
  if (selected[0] == NULL)
    return;

  if (self->settings != NULL)
    g_settings_set_strv (self->settings, "watched-platforms", (const char * const *) selected);
  else if (self->monitor != NULL)
    lf_monitor_set_watched (self->monitor, (const char * const *) selected);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lf_health_page_show_overview (LF_HEALTH_PAGE (widget));
}

static void
on_leaflet_child_notify_cb (LfHealthPage *self)
{
  const char *name = adw_leaflet_get_visible_child_name (self->leaflet);

  /* back from the details (button, Escape or swipe): focus the row that was opened */
  if (g_strcmp0 (name, "overview") == 0 && self->shown_platform != NULL)
    {
      GtkWidget *row = find_row (self, self->shown_platform);

      g_clear_pointer (&self->shown_platform, g_free);
      if (row != NULL)
        gtk_widget_grab_focus (row);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* GtkWidget overrides                                                                          */
/* ------------------------------------------------------------------------------------------ */

/* An empty list would draw as an empty card: while its rows are still to come, say. */
static void
on_shown_changed_cb (LfHealthPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->platform_list),
                          g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0);
}

/* After a frame: the next rows, until the list holds them all. */
static void
on_after_paint_cb (GdkFrameClock *clock,
                   LfHealthPage  *self)
{
  guint size = gtk_slice_list_model_get_size (self->shown);

  self->painted = TRUE;
  if (size >= g_list_model_get_n_items (G_LIST_MODEL (self->sorted)))
    {
      gtk_slice_list_model_set_size (self->shown, G_MAXUINT);
      g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, self);
      return;
    }

  gtk_slice_list_model_set_size (self->shown, size + ROWS_PER_FRAME);
}

static void
watch_frames (LfHealthPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, self);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint_cb), self,
                           G_CONNECT_DEFAULT);
}

static void
lf_health_page_map (GtkWidget *widget)
{
  LfHealthPage *self = LF_HEALTH_PAGE (widget);

  GTK_WIDGET_CLASS (lf_health_page_parent_class)->map (widget);

  if (gtk_slice_list_model_get_size (self->shown) != G_MAXUINT)
    watch_frames (self);

  /* back from the background: the time words may be stale (not on the first map) */
  if (g_get_monotonic_time () - self->refreshed_at > REFRESH_SECONDS * G_USEC_PER_SEC)
    refresh_cb (self);
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add_seconds (REFRESH_SECONDS, refresh_cb, self);
}

static void
lf_health_page_unmap (GtkWidget *widget)
{
  LfHealthPage *self = LF_HEALTH_PAGE (widget);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (widget), on_after_paint_cb,
                                        self);

  GTK_WIDGET_CLASS (lf_health_page_parent_class)->unmap (widget);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject overrides                                                                            */
/* ------------------------------------------------------------------------------------------ */

static void
lf_health_page_dispose (GObject *object)
{
  LfHealthPage *self = LF_HEALTH_PAGE (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->platform_list != NULL)
    gtk_list_box_bind_model (self->platform_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->shown);
  g_clear_object (&self->sorted);
  if (self->log != NULL)
    g_signal_handlers_disconnect_by_data (self->log, self);
  g_clear_object (&self->log);
  g_clear_object (&self->monitor);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lf_health_page_parent_class)->dispose (object);
}

static void
lf_health_page_finalize (GObject *object)
{
  LfHealthPage *self = LF_HEALTH_PAGE (object);

  g_free (self->banner_text);
  g_free (self->last_checked_text);
  g_free (self->shown_platform);

  G_OBJECT_CLASS (lf_health_page_parent_class)->finalize (object);
}

static void
lf_health_page_class_init (LfHealthPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lf_health_page_dispose;
  object_class->finalize = lf_health_page_finalize;

  widget_class->map = lf_health_page_map;
  widget_class->unmap = lf_health_page_unmap;

  g_type_ensure (LF_TYPE_PLATFORM_DETAIL);
  g_type_ensure (LF_TYPE_PLATFORM_PICKER);
  g_type_ensure (LF_TYPE_PROVIDERS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/lf-health-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LfHealthPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LfHealthPage, providers_view);
  gtk_widget_class_bind_template_child (widget_class, LfHealthPage, platforms_heading);
  gtk_widget_class_bind_template_child (widget_class, LfHealthPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LfHealthPage, banner);
  gtk_widget_class_bind_template_child (widget_class, LfHealthPage, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, LfHealthPage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, LfHealthPage, banner_button);
  gtk_widget_class_bind_template_child (widget_class, LfHealthPage, banner_button2);
  gtk_widget_class_bind_template_child (widget_class, LfHealthPage, banner_actions);
  gtk_widget_class_bind_template_child (widget_class, LfHealthPage, last_checked_label);
  gtk_widget_class_bind_template_child (widget_class, LfHealthPage, checking_spinner);
  gtk_widget_class_bind_template_child (widget_class, LfHealthPage, platform_list);

  gtk_widget_class_install_action (widget_class, "health.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "health.continue", NULL, continue_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "health.back", NULL);
}

static void
lf_health_page_init (LfHealthPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lf_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));

  /* only the buttons take focus, not the flow box children around them */
  gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (self->banner_button)), FALSE);
  gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (self->banner_button2)), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->banner_button), "suggested-action");

  /* "Your Platforms" tells the list from the provider cards above it, when there are any. */
  g_object_bind_property (self->providers_view, "visible", self->platforms_heading, "visible",
                          G_BINDING_SYNC_CREATE);

  self->sorter = GTK_SORTER (gtk_custom_sorter_new (compare_platforms, NULL, NULL));
  self->sorted = gtk_sort_list_model_new (NULL, g_object_ref (self->sorter));
  g_object_unref (self->sorter);   /* the model keeps it */
  self->shown = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->sorted)), 0,
                                          G_MAXUINT);
  g_signal_connect_object (self->shown, "items-changed", G_CALLBACK (on_shown_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_shown_changed_cb (self);

  g_signal_connect_object (self->platform_list, "row-activated",
                           G_CALLBACK (on_row_activated_cb), self, G_CONNECT_DEFAULT);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "health.continue", FALSE);
  g_signal_connect_object (self->leaflet, "notify::visible-child",
                           G_CALLBACK (on_leaflet_child_notify_cb), self, G_CONNECT_SWAPPED);

  update_banner (self);
  update_last_checked (self);
  update_view (self);
  self->refreshed_at = g_get_monotonic_time ();
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                   */
/* ------------------------------------------------------------------------------------------ */

GtkWidget *
lf_health_page_new (void)
{
  return g_object_new (LF_TYPE_HEALTH_PAGE, NULL);
}

/**
 * lf_health_page_get_monitor:
 *
 * Returns: (transfer none) (nullable): the monitor shown
 */
LfMonitor *
lf_health_page_get_monitor (LfHealthPage *self)
{
  g_return_val_if_fail (LF_IS_HEALTH_PAGE (self), NULL);

  return self->monitor;
}

/**
 * lf_health_page_get_providers_view:
 *
 * Returns: (transfer none): the Providers section (an #LfProvidersView)
 */
GtkWidget *
lf_health_page_get_providers_view (LfHealthPage *self)
{
  g_return_val_if_fail (LF_IS_HEALTH_PAGE (self), NULL);

  return GTK_WIDGET (self->providers_view);
}

/**
 * lf_health_page_set_monitor:
 * @monitor: (nullable): the monitor to show
 */
void
lf_health_page_set_monitor (LfHealthPage *self,
                            LfMonitor    *monitor)
{
  g_return_if_fail (LF_IS_HEALTH_PAGE (self));
  g_return_if_fail (monitor == NULL || LF_IS_MONITOR (monitor));

  if (self->monitor == monitor)
    return;

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_signal_handlers_disconnect_by_data (lf_monitor_get_platforms (self->monitor), self);
    }
  gtk_list_box_bind_model (self->platform_list, NULL, NULL, NULL, NULL);
  gtk_sort_list_model_set_model (self->sorted, NULL);
  g_set_object (&self->monitor, monitor);
  lf_providers_view_set_monitor (self->providers_view, monitor);

  if (monitor != NULL)
    {
      g_signal_connect_object (monitor, "notify::diagnosis", G_CALLBACK (on_diagnosis_notify_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (monitor, "notify::checking", G_CALLBACK (on_checking_notify_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (monitor, "notify::last-checked",
                               G_CALLBACK (on_checking_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (monitor, "state-changed", G_CALLBACK (on_state_changed_cb), self,
                               G_CONNECT_DEFAULT);
      g_signal_connect_object (lf_monitor_get_platforms (monitor), "items-changed",
                               G_CALLBACK (on_platforms_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_sort_list_model_set_model (self->sorted, lf_monitor_get_platforms (monitor));
      /* the window's process: rows after the first frame (ROWS_PER_FRAME) */
      if (lf_monitor_get_mirror (monitor) && !self->painted)
        {
          gtk_slice_list_model_set_size (self->shown, 0);
          if (gtk_widget_get_mapped (GTK_WIDGET (self)))
            watch_frames (self);
        }
      else
        gtk_slice_list_model_set_size (self->shown, G_MAXUINT);
      gtk_list_box_bind_model (self->platform_list, G_LIST_MODEL (self->shown), create_row, self,
                               NULL);
    }

  update_banner (self);
  update_last_checked (self);
  update_view (self);
}

/**
 * lf_health_page_set_drill:
 * @drill: whether the monitor shown plays a fire drill (the banner then says so)
 */
void
lf_health_page_set_drill (LfHealthPage *self,
                          gboolean      drill)
{
  g_return_if_fail (LF_IS_HEALTH_PAGE (self));

  drill = !!drill;
  if (self->drill == drill)
    return;

  self->drill = drill;
  update_banner (self);
}

/**
 * lf_health_page_set_settings:
 * @settings: (nullable): where the onboarding saves `watched-platforms`
 */
void
lf_health_page_set_settings (LfHealthPage *self,
                             GSettings    *settings)
{
  g_return_if_fail (LF_IS_HEALTH_PAGE (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  g_set_object (&self->settings, settings);
}

/**
 * lf_health_page_show_platform:
 * @platform_id: a watched platform's id
 *
 * Opens the platform's details.
 *
 * Returns: %FALSE if the platform is not watched
 */
gboolean
lf_health_page_show_platform (LfHealthPage *self,
                              const char   *platform_id)
{
  LfPlatformState *platform;

  g_return_val_if_fail (LF_IS_HEALTH_PAGE (self), FALSE);
  g_return_val_if_fail (platform_id != NULL, FALSE);

  if (self->monitor == NULL)
    return FALSE;

  platform = lf_monitor_lookup_platform (self->monitor, platform_id);
  if (platform == NULL)
    return FALSE;

  ensure_detail (self);
  lf_platform_detail_set_platform (self->detail, self->monitor, platform);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
  /* keyboard users land on the details (the back button), not on a row now hidden */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    lf_platform_detail_focus_back (self->detail);
  g_free (self->shown_platform);
  self->shown_platform = g_strdup (platform_id);

  return TRUE;
}

/**
 * lf_health_page_show_overview:
 *
 * Back from the details to the list.
 */
void
lf_health_page_show_overview (LfHealthPage *self)
{
  g_return_if_fail (LF_IS_HEALTH_PAGE (self));

  adw_leaflet_set_visible_child_name (self->leaflet, "overview");
}

/**
 * lf_health_page_get_view:
 *
 * Returns: "onboarding", "overview" or "detail"
 */
const char *
lf_health_page_get_view (LfHealthPage *self)
{
  g_return_val_if_fail (LF_IS_HEALTH_PAGE (self), NULL);

  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "detail") == 0)
    return "detail";

  return gtk_stack_get_visible_child_name (self->main_stack);
}

/**
 * lf_health_page_get_banner_text:
 *
 * Returns: the diagnosis as the banner shows it
 */
const char *
lf_health_page_get_banner_text (LfHealthPage *self)
{
  g_return_val_if_fail (LF_IS_HEALTH_PAGE (self), NULL);

  return self->banner_text;
}

/**
 * lf_health_page_get_last_checked_text:
 *
 * Returns: "Last checked 2 min ago", "Checking now…", …
 */
const char *
lf_health_page_get_last_checked_text (LfHealthPage *self)
{
  g_return_val_if_fail (LF_IS_HEALTH_PAGE (self), NULL);

  return self->last_checked_text;
}

guint
lf_health_page_get_n_rows (LfHealthPage *self)
{
  g_return_val_if_fail (LF_IS_HEALTH_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->shown));
}

/**
 * lf_health_page_get_row:
 * @position: from the top
 *
 * Returns: (transfer none) (nullable): the row shown at @position
 */
LfPlatformRow *
lf_health_page_get_row (LfHealthPage *self,
                        guint         position)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (LF_IS_HEALTH_PAGE (self), NULL);

  row = gtk_list_box_get_row_at_index (self->platform_list, (int) position);
  return LF_IS_PLATFORM_ROW (row) ? LF_PLATFORM_ROW (row) : NULL;
}

/**
 * lf_health_page_get_picker:
 *
 * Returns: (transfer none): the onboarding's platform picker
 */
LfPlatformPicker *
lf_health_page_get_picker (LfHealthPage *self)
{
  g_return_val_if_fail (LF_IS_HEALTH_PAGE (self), NULL);

  ensure_onboarding (self);
  return self->picker;
}

/**
 * lf_health_page_set_incident_log:
 * @log: (nullable): the incident log: who was told of an outage, for the all-clear
 */
void
lf_health_page_set_incident_log (LfHealthPage  *self,
                                 LfIncidentLog *log)
{
  g_return_if_fail (LF_IS_HEALTH_PAGE (self));
  g_return_if_fail (log == NULL || LF_IS_INCIDENT_LOG (log));

  if (self->log == log)
    return;
  if (self->log != NULL)
    g_signal_handlers_disconnect_by_data (self->log, self);
  g_set_object (&self->log, log);
  if (log != NULL)
    {
      g_signal_connect_object (log, "items-changed", G_CALLBACK (update_banner), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (log, "notify::n-open", G_CALLBACK (update_banner), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (log, "notify::loaded", G_CALLBACK (update_banner), self,
                               G_CONNECT_SWAPPED);
    }
  update_banner (self);
}

/**
 * lf_health_page_get_banner_action:
 * @index: 0 for the first (suggested) button, 1 for the second
 * @label: (out) (optional) (transfer none): its label, with the mnemonic underscore
 *
 * Returns: (nullable): the action of the banner's button, or %NULL when it is hidden
 */
const char *
lf_health_page_get_banner_action (LfHealthPage  *self,
                                  guint          index,
                                  const char   **label)
{
  GtkButton *button;

  g_return_val_if_fail (LF_IS_HEALTH_PAGE (self), NULL);

  button = index == 0 ? self->banner_button : self->banner_button2;
  if (label != NULL)
    *label = gtk_button_get_label (button);
  if (!gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (button))))
    return NULL;

  return gtk_actionable_get_action_name (GTK_ACTIONABLE (button));
}

/**
 * lf_health_page_get_banner_style:
 *
 * Returns: the banner's colour class: "lf-banner-error", "-warning", "-success", "-neutral"
 */
const char *
lf_health_page_get_banner_style (LfHealthPage *self)
{
  g_return_val_if_fail (LF_IS_HEALTH_PAGE (self), NULL);

  return self->banner_class;
}

/**
 * lf_health_page_refresh:
 *
 * Works out the banner again (after a notice was sent: the next action may change).
 */
void
lf_health_page_refresh (LfHealthPage *self)
{
  g_return_if_fail (LF_IS_HEALTH_PAGE (self));

  update_banner (self);
}
