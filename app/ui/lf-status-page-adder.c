/* lf-status-page-adder.c — Preferences → Platforms: add a platform by its status page
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-status-page-adder"

#include "config.h"

#include "lf-status-page-adder.h"

#include <glib/gi18n.h>

#include "lf-custom-platform.h"
#include "lf-health-format.h"
#include "lf-status-detect.h"

/* The person pastes a status page's address (or a bare host name) and presses Look Up (or
 * Enter): lf_status_detect_async() tries every reader's endpoint on it with the context's
 * session, in the background, for at most DETECT_TIMEOUT seconds; Look Up turns into Cancel
 * meanwhile. What was found is shown before anything is saved — the page's name, its kind
 * and what it says now — with the name and a suggested address to check, both editable.
 * Add saves the platform to the user catalog (atomically, off the main thread) and emits
 * ::saved; the preferences window then reloads the catalog and watches it. */

#define DETECT_TIMEOUT 10

struct _LfStatusPageAdder
{
  AdwPreferencesGroup  parent_instance;

  LfContext           *context;
  GCancellable        *cancellable;     /* the running look-up or save, NULL when idle */
  LfStatusDetection   *detection;       /* what was found, NULL before */
  char                *message;         /* the last problem, for tests */
  char                *found;           /* the found row's text, for tests */

  /* Template widgets */
  AdwEntryRow         *address_row;
  GtkSpinner          *spinner;
  GtkButton           *look_up_button;
  AdwActionRow        *found_row;
  GtkImage            *found_icon;
  AdwEntryRow         *name_row;
  AdwEntryRow         *probe_row;
  GtkLabel            *message_label;
  GtkButton           *add_button;
};

G_DEFINE_FINAL_TYPE (LfStatusPageAdder, lf_status_page_adder, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
kind_title (LfStatusKind kind)
{
  switch (kind)
    {
    case LF_STATUS_KIND_STATUSPAGE: return _("Statuspage");
    case LF_STATUS_KIND_STATUSIO: return _("Status.io");
    case LF_STATUS_KIND_SLACK: return _("Slack status");
    case LF_STATUS_KIND_INCIDENTIO: return _("incident.io");
    case LF_STATUS_KIND_GOOGLE_WORKSPACE: return _("Google status dashboard");
    case LF_STATUS_KIND_INSTATUS: return _("Instatus");
    default: return "";
    }
}

static void
show_message (LfStatusPageAdder *self,
              const char        *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
set_busy (LfStatusPageAdder *self,
          gboolean           busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_button_set_label (self->look_up_button, busy ? _("_Cancel") : _("_Look Up"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), !busy);
}

static void
show_found (LfStatusPageAdder *self)
{
  LfStatusDetection *found = self->detection;
  gboolean shown = found != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->found_row), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->name_row), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->probe_row), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), shown);
  g_clear_pointer (&self->found, g_free);
  if (!shown)
    return;

  {
    LfState state = lf_severity_get_state (found->report->indicator);
    const char *words = found->report->description;
    g_autofree char *subtitle = NULL;

    /* Without words of the page's own for its state, its first open incident says it. */
    if (words == NULL || g_strcmp0 (words, "ok") == 0)
      for (guint i = 0; i < found->report->incidents->len; i++)
        {
          LfStatusIncident *incident = g_ptr_array_index (found->report->incidents, i);

          if (!incident->upcoming && incident->title != NULL)
            {
              words = incident->title;
              break;
            }
        }

    if (words != NULL && *words != '\0' && g_strcmp0 (words, "ok") != 0)
      /* Translators: "<kind of page> · <state>: <the page's own words>" */
      subtitle = g_strdup_printf (_("%s page · %s: %s"), kind_title (found->kind),
                                  lf_state_describe (state), words);
    else
      /* Translators: "<kind of page> · <state>" */
      subtitle = g_strdup_printf (_("%s page · %s"), kind_title (found->kind),
                                  lf_state_describe (state));

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->found_row), found->name);
    adw_action_row_set_subtitle (self->found_row, subtitle);
    gtk_image_set_from_icon_name (self->found_icon, lf_state_get_icon_name (state));
    gtk_widget_remove_css_class (GTK_WIDGET (self->found_icon), "success");
    gtk_widget_remove_css_class (GTK_WIDGET (self->found_icon), "warning");
    gtk_widget_remove_css_class (GTK_WIDGET (self->found_icon), "error");
    gtk_widget_add_css_class (GTK_WIDGET (self->found_icon), lf_state_get_style_class (state));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->found_icon),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, lf_state_describe (state),
                                    -1);
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), found->name);
    gtk_editable_set_text (GTK_EDITABLE (self->probe_row), found->probe_url);
    self->found = g_strdup_printf ("%s — %s", found->name, subtitle);
  }
}

static void
detect_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LfStatusPageAdder) self = user_data;
  g_autoptr(GError) error = NULL;
  LfStatusDetection *detection;

  detection = lf_status_detect_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* cancelled by the person or replaced by a new look-up: it says so itself */

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  g_clear_pointer (&self->detection, lf_status_detection_free);
  self->detection = detection;
  show_found (self);
  show_message (self, detection == NULL ? error->message : NULL);
}

static void
cancel (LfStatusPageAdder *self)
{
  if (self->cancellable == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
}

/**
 * lf_status_page_adder_look_up:
 * @address: what the person typed
 *
 * Starts looking for a status page at @address, cancelling a look-up under way.
 */
void
lf_status_page_adder_look_up (LfStatusPageAdder *self,
                              const char        *address)
{
  g_return_if_fail (LF_IS_STATUS_PAGE_ADDER (self));
  g_return_if_fail (address != NULL);

  cancel (self);
  g_clear_pointer (&self->detection, lf_status_detection_free);
  show_found (self);
  show_message (self, NULL);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->address_row)), address) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->address_row), address);

  if (self->context == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  lf_status_detect_async (lf_context_get_soup_session (self->context), address, DETECT_TIMEOUT,
                          self->cancellable, detect_cb, g_object_ref (self));
}

static void
on_look_up_clicked_cb (LfStatusPageAdder *self)
{
  if (self->cancellable != NULL)
    {
      cancel (self);
      show_message (self, _("Looking for a status page was cancelled"));
      return;
    }

  lf_status_page_adder_look_up (self, gtk_editable_get_text (GTK_EDITABLE (self->address_row)));
}

typedef struct
{
  LfStatusPageAdder *self;
  char              *id;
  char              *name;
} Save;

static void
save_free (Save *save)
{
  g_object_unref (save->self);
  g_free (save->id);
  g_free (save->name);
  g_free (save);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Save *save = user_data;
  LfStatusPageAdder *self = save->self;
  g_autoptr(GError) error = NULL;

  if (!lf_catalog_save_user_platform_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_object (&self->cancellable);
          set_busy (self, FALSE);
          show_message (self, error->message);
        }
      save_free (save);
      return;
    }

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  g_clear_pointer (&self->detection, lf_status_detection_free);
  show_found (self);
  show_message (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), "");
  g_signal_emit (self, signals[SAVED], 0, save->id, save->name);
  save_free (save);
}

/**
 * lf_status_page_adder_add:
 *
 * Saves what was found, with the name and address to check as edited, to the user catalog;
 * ::saved follows. A wrong field is reported and nothing is written.
 */
void
lf_status_page_adder_add (LfStatusPageAdder *self)
{
  g_autoptr(LfCatalogPlatform) platform = NULL;
  g_autoptr(GError) error = NULL;
  Save *save;

  g_return_if_fail (LF_IS_STATUS_PAGE_ADDER (self));

  if (self->detection == NULL || self->context == NULL || self->cancellable != NULL)
    return;

  platform = lf_custom_platform_new (lf_context_get_catalog (self->context),
                                     gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                                     gtk_editable_get_text (GTK_EDITABLE (self->probe_row)),
                                     self->detection->url,
                                     lf_status_kind_to_string (self->detection->kind), NULL,
                                     &error);
  if (platform == NULL)
    {
      show_message (self, error->message);
      if (g_error_matches (error, LF_CUSTOM_PLATFORM_ERROR, LF_CUSTOM_PLATFORM_ERROR_NAME))
        gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      else if (g_error_matches (error, LF_CUSTOM_PLATFORM_ERROR, LF_CUSTOM_PLATFORM_ERROR_URL))
        gtk_widget_grab_focus (GTK_WIDGET (self->probe_row));
      return;
    }

  /* the human page is the one the person gave, not the API endpoint */
  g_free (platform->status->page);
  platform->status->page = g_strdup (self->detection->page);

  show_message (self, NULL);
  save = g_new0 (Save, 1);
  save->self = g_object_ref (self);
  save->id = g_strdup (platform->id);
  save->name = g_strdup (platform->name);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  lf_catalog_save_user_platform_async (platform, self->cancellable, save_cb, save);
}

static void
lf_status_page_adder_dispose (GObject *object)
{
  LfStatusPageAdder *self = LF_STATUS_PAGE_ADDER (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->detection, lf_status_detection_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), LF_TYPE_STATUS_PAGE_ADDER);

  G_OBJECT_CLASS (lf_status_page_adder_parent_class)->dispose (object);
}

static void
lf_status_page_adder_finalize (GObject *object)
{
  LfStatusPageAdder *self = LF_STATUS_PAGE_ADDER (object);

  g_free (self->message);
  g_free (self->found);

  G_OBJECT_CLASS (lf_status_page_adder_parent_class)->finalize (object);
}

static void
lf_status_page_adder_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LfStatusPageAdder *self = LF_STATUS_PAGE_ADDER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_status_page_adder_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LfStatusPageAdder *self = LF_STATUS_PAGE_ADDER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      lf_status_page_adder_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_status_page_adder_class_init (LfStatusPageAdderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lf_status_page_adder_dispose;
  object_class->finalize = lf_status_page_adder_finalize;
  object_class->get_property = lf_status_page_adder_get_property;
  object_class->set_property = lf_status_page_adder_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, LF_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LfStatusPageAdder::saved:
   * @id: the new platform's catalog id
   * @name: its name
   *
   * A platform was written to the user catalog.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING,
                                 G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lifeline/Lifeline/ui/"
                                               "lf-status-page-adder.ui");
  gtk_widget_class_bind_template_child (widget_class, LfStatusPageAdder, address_row);
  gtk_widget_class_bind_template_child (widget_class, LfStatusPageAdder, spinner);
  gtk_widget_class_bind_template_child (widget_class, LfStatusPageAdder, look_up_button);
  gtk_widget_class_bind_template_child (widget_class, LfStatusPageAdder, found_row);
  gtk_widget_class_bind_template_child (widget_class, LfStatusPageAdder, found_icon);
  gtk_widget_class_bind_template_child (widget_class, LfStatusPageAdder, name_row);
  gtk_widget_class_bind_template_child (widget_class, LfStatusPageAdder, probe_row);
  gtk_widget_class_bind_template_child (widget_class, LfStatusPageAdder, message_label);
  gtk_widget_class_bind_template_child (widget_class, LfStatusPageAdder, add_button);
}

static void
lf_status_page_adder_init (LfStatusPageAdder *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->look_up_button, "clicked", G_CALLBACK (on_look_up_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->address_row, "entry-activated",
                           G_CALLBACK (on_look_up_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (lf_status_page_adder_add),
                           self, G_CONNECT_SWAPPED);
}

/**
 * lf_status_page_adder_new:
 * @context: (nullable): the session to look with and the catalog to add to
 *
 * Returns: (transfer floating): the group
 */
GtkWidget *
lf_status_page_adder_new (LfContext *context)
{
  return g_object_new (LF_TYPE_STATUS_PAGE_ADDER, "context", context, NULL);
}

void
lf_status_page_adder_set_context (LfStatusPageAdder *self,
                                  LfContext         *context)
{
  g_return_if_fail (LF_IS_STATUS_PAGE_ADDER (self));
  g_return_if_fail (context == NULL || LF_IS_CONTEXT (context));

  if (g_set_object (&self->context, context))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * lf_status_page_adder_get_busy:
 *
 * Returns: %TRUE while looking up or saving
 */
gboolean
lf_status_page_adder_get_busy (LfStatusPageAdder *self)
{
  g_return_val_if_fail (LF_IS_STATUS_PAGE_ADDER (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * lf_status_page_adder_get_found:
 *
 * Returns: (nullable): what the found row says ("Name — kind page · state: words"), %NULL
 *   when nothing is shown
 */
const char *
lf_status_page_adder_get_found (LfStatusPageAdder *self)
{
  g_return_val_if_fail (LF_IS_STATUS_PAGE_ADDER (self), NULL);

  return self->found;
}

/**
 * lf_status_page_adder_get_error:
 *
 * Returns: (nullable): the problem shown, if any
 */
const char *
lf_status_page_adder_get_error (LfStatusPageAdder *self)
{
  g_return_val_if_fail (LF_IS_STATUS_PAGE_ADDER (self), NULL);

  return self->message;
}

/**
 * lf_status_page_adder_set_probe:
 * @url: the address to check instead of the suggestion
 */
void
lf_status_page_adder_set_probe (LfStatusPageAdder *self,
                                const char        *url)
{
  g_return_if_fail (LF_IS_STATUS_PAGE_ADDER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->probe_row), url != NULL ? url : "");
}
