/* lf-tray-menu.c — the tray's menu: com.canonical.dbusmenu at /MenuBar
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-tray"

#include "config.h"

#include "lf-tray-private.h"

#include <glib/gi18n.h>

/* The menu hosts draw on right click (see docs/desktop-integration.md): the status line, one
 * disabled line per problem platform, Check Now, Open Lifeline, Notify Clients…, Quit. Flat:
 * children only under the root. Split from lf-tray.c, which keeps the item. */

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
menu_item_free (gpointer data)
{
  MenuItem *item = data;

  g_free (item->label);
  g_free (item->action);
  g_free (item);
}

static MenuItem *
menu_item_new (int         id,
               const char *label,
               const char *action,
               gboolean    sensitive)
{
  MenuItem *item = g_new0 (MenuItem, 1);

  item->id = id;
  item->label = g_strdup (label);
  item->action = g_strdup (action);
  item->sensitive = sensitive;
  item->separator = label == NULL;

  return item;
}

/* The trick GTK itself uses: its translators translate "default:LTR" to "default:RTL". */
static gboolean
locale_is_rtl (void)
{
  return g_str_equal (g_dgettext ("gtk40", "default:LTR"), "default:RTL");
}

/* dbusmenu labels use "_" for mnemonics: text from outside (platform names) must not. */
static char *
escape_label (const char *text)
{
  GString *str = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == '_')
        g_string_append_c (str, '_');
      g_string_append_c (str, *p);
    }

  return g_string_free (str, FALSE);
}

static const MenuItem *
find_item (LfTray *self,
           int     id)
{
  for (guint i = 0; i < self->menu_items->len; i++)
    {
      const MenuItem *item = g_ptr_array_index (self->menu_items, i);

      if (item->id == id)
        return item;
    }

  return NULL;
}

static gboolean
item_is_enabled (LfTray         *self,
                 const MenuItem *item)
{
  if (!item->sensitive)
    return FALSE;

  if (item->action != NULL)
    return g_action_group_has_action (self->actions, item->action)
           && g_action_group_get_action_enabled (self->actions, item->action);

  return TRUE;
}

static gboolean
wants_property (const char * const *names,
                const char         *name)
{
  /* An empty list means "all properties" (the GNOME extension always sends one). */
  return names == NULL || names[0] == NULL || g_strv_contains (names, name);
}

/* Only non-default values are sent, as the protocol asks. */
static GVariant *
build_item_properties (LfTray             *self,
                       int                 id,
                       const char * const *names)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  const MenuItem *item;

  if (id == ROOT_ID)
    {
      if (wants_property (names, "children-display"))
        g_variant_builder_add (&builder, "{sv}", "children-display",
                               g_variant_new_string ("submenu"));
      return g_variant_builder_end (&builder);
    }

  item = find_item (self, id);
  g_assert (item != NULL);

  if (item->separator)
    {
      if (wants_property (names, "type"))
        g_variant_builder_add (&builder, "{sv}", "type", g_variant_new_string ("separator"));
      return g_variant_builder_end (&builder);
    }

  if (wants_property (names, "label"))
    g_variant_builder_add (&builder, "{sv}", "label", g_variant_new_string (item->label));
  if (!item_is_enabled (self, item) && wants_property (names, "enabled"))
    g_variant_builder_add (&builder, "{sv}", "enabled", g_variant_new_boolean (FALSE));

  return g_variant_builder_end (&builder);
}

/* One (ia{sv}av) node; children only under the root, the menu is flat. */
static GVariant *
build_layout (LfTray             *self,
              int                 id,
              int                 depth,
              const char * const *names)
{
  g_auto(GVariantBuilder) children = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("av"));

  if (id == ROOT_ID && depth != 0)
    {
      for (guint i = 0; i < self->menu_items->len; i++)
        {
          const MenuItem *item = g_ptr_array_index (self->menu_items, i);

          g_variant_builder_add (&children, "v",
                                 build_layout (self, item->id, depth - 1, names));
        }
    }

  return g_variant_new ("(i@a{sv}@av)", id,
                        build_item_properties (self, id, names),
                        g_variant_builder_end (&children));
}

static gboolean
id_exists (LfTray *self,
           int     id)
{
  return id == ROOT_ID || find_item (self, id) != NULL;
}

/* Returns FALSE for an unknown id. */
static gboolean
handle_menu_event (LfTray     *self,
                   int         id,
                   const char *event_id)
{
  const MenuItem *item;

  if (!id_exists (self, id))
    return FALSE;

  item = find_item (self, id);
  if (g_strcmp0 (event_id, "clicked") == 0 && item != NULL && item->action != NULL
      && item_is_enabled (self, item))
    lf_tray_activate_action (self, item->action);

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static gboolean
on_menu_handle_get_layout_cb (LfDBusDbusmenu        *menu,
                              GDBusMethodInvocation *invocation,
                              int                    parent_id,
                              int                    depth,
                              const char * const    *names,
                              LfTray                *self)
{
  if (!id_exists (self, parent_id))
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                             "No menu item %d", parent_id);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }

  lf_dbus_dbusmenu_complete_get_layout (menu, invocation, self->revision,
                                        build_layout (self, parent_id, depth, names));

  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
on_menu_handle_get_group_properties_cb (LfDBusDbusmenu        *menu,
                                        GDBusMethodInvocation *invocation,
                                        GVariant              *ids,
                                        const char * const    *names,
                                        LfTray                *self)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(ia{sv})"));
  gsize n_ids = 0;
  const gint32 *id_list = g_variant_get_fixed_array (ids, &n_ids, sizeof (gint32));

  if (n_ids == 0)
    {
      /* No ids: every item, the root included. */
      g_variant_builder_add (&builder, "(i@a{sv})", ROOT_ID,
                             build_item_properties (self, ROOT_ID, names));
      for (guint i = 0; i < self->menu_items->len; i++)
        {
          const MenuItem *item = g_ptr_array_index (self->menu_items, i);

          g_variant_builder_add (&builder, "(i@a{sv})", item->id,
                                 build_item_properties (self, item->id, names));
        }
    }

  for (gsize i = 0; i < n_ids; i++)
    {
      if (id_exists (self, id_list[i]))
        g_variant_builder_add (&builder, "(i@a{sv})", id_list[i],
                               build_item_properties (self, id_list[i], names));
    }

  lf_dbus_dbusmenu_complete_get_group_properties (menu, invocation,
                                                  g_variant_builder_end (&builder));

  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
on_menu_handle_get_property_cb (LfDBusDbusmenu        *menu,
                                GDBusMethodInvocation *invocation,
                                int                    id,
                                const char            *name,
                                LfTray                *self)
{
  g_autoptr(GVariant) props = NULL;
  g_autoptr(GVariant) value = NULL;

  if (id_exists (self, id))
    {
      props = g_variant_ref_sink (build_item_properties (self, id, NULL));
      value = g_variant_lookup_value (props, name, NULL);
    }

  if (value == NULL)
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                             "Menu item %d has no property “%s”", id, name);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }

  lf_dbus_dbusmenu_complete_get_property (menu, invocation, g_variant_new_variant (value));

  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
on_menu_handle_event_cb (LfDBusDbusmenu        *menu,
                         GDBusMethodInvocation *invocation,
                         int                    id,
                         const char            *event_id,
                         GVariant              *data,
                         guint                  timestamp,
                         LfTray                *self)
{
  /* Reply first: the action may take a while (or quit the application). */
  if (!id_exists (self, id))
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                             "No menu item %d", id);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }

  lf_dbus_dbusmenu_complete_event (menu, invocation);
  handle_menu_event (self, id, event_id);

  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
on_menu_handle_event_group_cb (LfDBusDbusmenu        *menu,
                               GDBusMethodInvocation *invocation,
                               GVariant              *events,
                               LfTray                *self)
{
  g_auto(GVariantBuilder) errors = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("ai"));
  g_autoptr(GArray) clicked = g_array_new (FALSE, FALSE, sizeof (int));
  gsize n_events = g_variant_n_children (events);
  guint n_errors = 0;

  for (gsize i = 0; i < n_events; i++)
    {
      g_autoptr(GVariant) data = NULL;
      const char *event_id;
      guint timestamp;
      int id;

      g_variant_get_child (events, i, "(i&svu)", &id, &event_id, &data, &timestamp);
      if (!id_exists (self, id))
        {
          g_variant_builder_add (&errors, "i", id);
          n_errors++;
        }
      else if (g_str_equal (event_id, "clicked"))
        g_array_append_val (clicked, id);
    }

  if (n_events > 0 && n_errors == n_events)
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                             "None of the menu items exists");
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }

  lf_dbus_dbusmenu_complete_event_group (menu, invocation, g_variant_builder_end (&errors));
  for (guint i = 0; i < clicked->len; i++)
    handle_menu_event (self, g_array_index (clicked, int, i), "clicked");

  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
on_menu_handle_about_to_show_cb (LfDBusDbusmenu        *menu,
                                 GDBusMethodInvocation *invocation,
                                 int                    id,
                                 LfTray                *self)
{
  /* The layout is always current: no update is needed before showing. */
  lf_dbus_dbusmenu_complete_about_to_show (menu, invocation, FALSE);

  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
on_menu_handle_about_to_show_group_cb (LfDBusDbusmenu        *menu,
                                       GDBusMethodInvocation *invocation,
                                       GVariant              *ids,
                                       LfTray                *self)
{
  g_auto(GVariantBuilder) errors = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("ai"));
  gsize n_ids = 0;
  const gint32 *id_list = g_variant_get_fixed_array (ids, &n_ids, sizeof (gint32));

  for (gsize i = 0; i < n_ids; i++)
    {
      if (!id_exists (self, id_list[i]))
        g_variant_builder_add (&errors, "i", id_list[i]);
    }

  lf_dbus_dbusmenu_complete_about_to_show_group (menu, invocation,
                                                 g_variant_new_array (G_VARIANT_TYPE_INT32,
                                                                      NULL, 0),
                                                 g_variant_builder_end (&errors));

  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* ------------------------------------------------------------------------ */
/* Private API (lf-tray-private.h)                                          */
/* ------------------------------------------------------------------------ */

/* @self: (nullable): the tray, for its next action (none before it is constructed) */
GPtrArray *
lf_tray_menu_build_items (LfTray             *self,
                          const char         *title,
                          const char * const *problem_lines)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (menu_item_free);
  g_autofree char *status = escape_label (title);

  g_ptr_array_add (items, menu_item_new (STATUS_ID, status, NULL, FALSE));
  for (guint i = 0; problem_lines != NULL && problem_lines[i] != NULL; i++)
    {
      g_autofree char *line = escape_label (problem_lines[i]);

      g_ptr_array_add (items, menu_item_new (PROBLEM_ID_BASE + i, line, NULL, FALSE));
    }
  g_ptr_array_add (items, menu_item_new (SEPARATOR_1_ID, NULL, NULL, FALSE));
  g_ptr_array_add (items, menu_item_new (CHECK_NOW_ID, _("_Check Now"),
                                         LF_TRAY_ACTION_CHECK_NOW, TRUE));
  g_ptr_array_add (items, menu_item_new (SHOW_WINDOW_ID, _("_Open Lifeline"),
                                         LF_TRAY_ACTION_SHOW_WINDOW, TRUE));
  /* The next action follows the state: "Notify Clients…" during an outage, "Send the
   * All-Clear to N Clients" after it, nothing otherwise. */
  if (self != NULL && self->next_label != NULL)
    g_ptr_array_add (items, menu_item_new (NOTIFY_CLIENTS_ID, self->next_label,
                                           self->next_action, TRUE));
  g_ptr_array_add (items, menu_item_new (SEPARATOR_2_ID, NULL, NULL, FALSE));
  g_ptr_array_add (items, menu_item_new (QUIT_ID, _("_Quit"), LF_TRAY_ACTION_QUIT, TRUE));

  return items;
}

gboolean
lf_tray_menu_items_equal (GPtrArray *a,
                          GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const MenuItem *x = g_ptr_array_index (a, i);
      const MenuItem *y = g_ptr_array_index (b, i);

      if (x->id != y->id || x->separator != y->separator || x->sensitive != y->sensitive
          || g_strcmp0 (x->label, y->label) != 0 || g_strcmp0 (x->action, y->action) != 0)
        return FALSE;
    }

  return TRUE;
}

void
lf_tray_menu_emit_layout_updated (LfTray *self)
{
  self->revision++;
  lf_dbus_dbusmenu_emit_layout_updated (self->menu, self->revision, ROOT_ID);
}

void
lf_tray_activate_action (LfTray     *self,
                         const char *name)
{
  const GVariantType *type;
  g_autoptr(GVariant) parameter = NULL;

  if (!g_action_group_has_action (self->actions, name)
      || !g_action_group_get_action_enabled (self->actions, name))
    {
      g_debug ("Tray menu: action “%s” is missing or disabled", name);
      return;
    }

  type = g_action_group_get_action_parameter_type (self->actions, name);
  if (type != NULL && g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
    parameter = g_variant_ref_sink (g_variant_new_string (""));
  else if (type != NULL)
    {
      g_debug ("Tray menu: action “%s” takes an unsupported parameter", name);
      return;
    }

  g_action_group_activate_action (self->actions, name, parameter);
}

/* The dbusmenu object for @self, its methods handled here. */
LfDBusDbusmenu *
lf_tray_menu_new (LfTray *self)
{
  LfDBusDbusmenu *menu = lf_dbus_dbusmenu_skeleton_new ();

  g_object_set (menu,
                "version", 3,
                "text-direction", locale_is_rtl () ? "rtl" : "ltr",
                "status", "normal",
                NULL);

  g_signal_connect_object (menu, "handle-get-layout",
                           G_CALLBACK (on_menu_handle_get_layout_cb), self, G_CONNECT_DEFAULT);
  g_signal_connect_object (menu, "handle-get-group-properties",
                           G_CALLBACK (on_menu_handle_get_group_properties_cb), self,
                           G_CONNECT_DEFAULT);
  g_signal_connect_object (menu, "handle-get-property",
                           G_CALLBACK (on_menu_handle_get_property_cb), self, G_CONNECT_DEFAULT);
  g_signal_connect_object (menu, "handle-event",
                           G_CALLBACK (on_menu_handle_event_cb), self, G_CONNECT_DEFAULT);
  g_signal_connect_object (menu, "handle-event-group",
                           G_CALLBACK (on_menu_handle_event_group_cb), self, G_CONNECT_DEFAULT);
  g_signal_connect_object (menu, "handle-about-to-show",
                           G_CALLBACK (on_menu_handle_about_to_show_cb), self, G_CONNECT_DEFAULT);
  g_signal_connect_object (menu, "handle-about-to-show-group",
                           G_CALLBACK (on_menu_handle_about_to_show_group_cb), self,
                           G_CONNECT_DEFAULT);

  return menu;
}
