/* test-tray.c — the tray item and menu, read by a fake tray host on a private bus
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lf-test-utils.h"
#include "lf-tray.h"

/* The fake host lives on a SECOND connection to the private bus, in the same thread: every
 * call it makes is asynchronous and the test spins the main context until the reply arrives
 * (a synchronous call would block the context that must dispatch the item's handler). */

#define ITEM_IFACE "org.kde.StatusNotifierItem"
#define MENU_IFACE "com.canonical.dbusmenu"

static const char watcher_xml[] =
  "<node>"
  "  <interface name='org.kde.StatusNotifierWatcher'>"
  "    <method name='RegisterStatusNotifierItem'>"
  "      <arg name='service' type='s' direction='in'/>"
  "    </method>"
  "    <property name='IsStatusNotifierHostRegistered' type='b' access='read'/>"
  "    <property name='ProtocolVersion' type='i' access='read'/>"
  "  </interface>"
  "</node>";

typedef struct
{
  GDBusConnection    *app_conn;     /* the application's side */
  GDBusConnection    *host_conn;    /* the fake watcher/host */
  GSimpleActionGroup *actions;
  LfTray             *tray;
  guint               watcher_reg_id;

  guint               n_registrations;
  gboolean            reject;       /* the watcher refuses registrations */
  char               *registered_sender;
  char               *registered_service;

  GHashTable         *activations;  /* action name → last parameter printed ("" for none) */
  guint               n_activate_signals;
  char               *activate_token;

  GPtrArray          *signals;      /* "Member(args)" seen from the application */
} Fixture;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct
{
  gboolean  done;
  GVariant *reply;
  GError   *error;
} CallData;

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  CallData *data = user_data;

  data->reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &data->error);
  data->done = TRUE;
}

/* Asynchronous call + spinning the main context: see the comment at the top. */
static GVariant *
host_call (Fixture            *fx,
           const char         *path,
           const char         *iface,
           const char         *method,
           GVariant           *params,
           const GVariantType *reply_type,
           GError            **error)
{
  CallData data = { 0 };

  g_dbus_connection_call (fx->host_conn, g_dbus_connection_get_unique_name (fx->app_conn),
                          path, iface, method, params, reply_type, G_DBUS_CALL_FLAGS_NONE,
                          5000, NULL, call_cb, &data);
  lf_test_wait_for_flag (&data.done, 6000);

  if (data.error != NULL)
    g_propagate_error (error, data.error);
  return data.reply;
}

static GVariant *
host_call_ok (Fixture            *fx,
              const char         *path,
              const char         *iface,
              const char         *method,
              GVariant           *params,
              const GVariantType *reply_type)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply = host_call (fx, path, iface, method, params, reply_type, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reply);
  return reply;
}

static GVariant *
get_item_property (Fixture    *fx,
                   const char *name)
{
  g_autoptr(GVariant) reply = NULL;
  GVariant *value;

  reply = host_call_ok (fx, LF_TRAY_ITEM_PATH, "org.freedesktop.DBus.Properties", "Get",
                        g_variant_new ("(ss)", ITEM_IFACE, name), G_VARIANT_TYPE ("(v)"));
  g_variant_get (reply, "(v)", &value);
  return value;
}

static char *
get_item_string (Fixture    *fx,
                 const char *name)
{
  g_autoptr(GVariant) value = get_item_property (fx, name);

  return g_variant_dup_string (value, NULL);
}

static void
bus_request_name (GDBusConnection *conn,
                  const char      *method)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GVariant *params = g_str_equal (method, "RequestName")
                     ? g_variant_new ("(su)", "org.kde.StatusNotifierWatcher", 4)
                     : g_variant_new ("(s)", "org.kde.StatusNotifierWatcher");

  /* Talks to the bus daemon (another process): a synchronous call is safe here. */
  reply = g_dbus_connection_call_sync (conn, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", method, params,
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
}

static void
watcher_method_call (GDBusConnection       *connection,
                     const char            *sender,
                     const char            *object_path,
                     const char            *interface_name,
                     const char            *method_name,
                     GVariant              *parameters,
                     GDBusMethodInvocation *invocation,
                     gpointer               user_data)
{
  Fixture *fx = user_data;

  g_assert_cmpstr (method_name, ==, "RegisterStatusNotifierItem");
  fx->n_registrations++;
  g_free (fx->registered_sender);
  fx->registered_sender = g_strdup (sender);
  g_free (fx->registered_service);
  g_variant_get (parameters, "(s)", &fx->registered_service);
  if (fx->reject)
    g_dbus_method_invocation_return_dbus_error (invocation, "org.gnome.gjs.JSError.ValueError",
                                                "Invalid service");
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static GVariant *
watcher_get_property (GDBusConnection *connection,
                      const char      *sender,
                      const char      *object_path,
                      const char      *interface_name,
                      const char      *property_name,
                      GError         **error,
                      gpointer         user_data)
{
  if (g_str_equal (property_name, "ProtocolVersion"))
    return g_variant_new_int32 (0);
  return g_variant_new_boolean (TRUE);
}

static const GDBusInterfaceVTable watcher_vtable = {
  watcher_method_call, watcher_get_property, NULL,
};

static void
start_watcher (Fixture *fx)
{
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_dbus_node_info_new_for_xml (watcher_xml, &error);
  g_assert_no_error (error);
  fx->watcher_reg_id = g_dbus_connection_register_object (fx->host_conn, "/StatusNotifierWatcher",
                                                          info->interfaces[0], &watcher_vtable,
                                                          fx, NULL, &error);
  g_assert_no_error (error);
  bus_request_name (fx->host_conn, "RequestName");
}

static void
on_action_activate_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  Fixture *fx = user_data;

  g_hash_table_insert (fx->activations, g_strdup (g_action_get_name (G_ACTION (action))),
                       parameter != NULL ? g_variant_print (parameter, FALSE) : g_strdup (""));
}

static void
on_tray_activate_cb (LfTray     *tray,
                     const char *token,
                     gpointer    user_data)
{
  Fixture *fx = user_data;

  fx->n_activate_signals++;
  g_free (fx->activate_token);
  fx->activate_token = g_strdup (token);
}

static void
on_app_signal_cb (GDBusConnection *connection,
                  const char      *sender,
                  const char      *path,
                  const char      *iface,
                  const char      *member,
                  GVariant        *parameters,
                  gpointer         user_data)
{
  Fixture *fx = user_data;
  g_autofree char *args = g_variant_print (parameters, FALSE);

  g_ptr_array_add (fx->signals, g_strdup_printf ("%s%s", member, args));
}

/* g_variant_print() into a string that lives until the next call (for assertions). */
static const char *
printed (GVariant *value)
{
  static char *last;

  g_free (last);
  last = g_variant_print (value, FALSE);
  return last;
}

static gboolean
saw_signal (Fixture    *fx,
            const char *text)
{
  for (guint i = 0; i < fx->signals->len; i++)
    {
      if (g_str_has_prefix (g_ptr_array_index (fx->signals, i), text))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  Fixture    *fx;
  const char *text;
} SignalWait;

static gboolean
signal_seen (gpointer data)
{
  SignalWait *wait = data;

  return saw_signal (wait->fx, wait->text);
}

static void
wait_for_signal (Fixture    *fx,
                 const char *text)
{
  SignalWait wait = { fx, text };

  if (!lf_test_wait_for (signal_seen, &wait, 5000))
    g_error ("Signal %s not seen", text);
}

static gboolean
tray_is_available (gpointer data)
{
  return lf_tray_get_available (LF_TRAY (data));
}

static gboolean
tray_is_unavailable (gpointer data)
{
  return !lf_tray_get_available (LF_TRAY (data));
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Spins the main context for @ms milliseconds. */
static void
spin (guint ms)
{
  lf_test_wait_for (never, NULL, ms);
}

/* Finds the child of the layout's root whose label is @label; returns its id or -1. */
static int
find_child_by_label (GVariant   *layout,
                     const char *label)
{
  g_autoptr(GVariant) children = g_variant_get_child_value (layout, 2);

  for (gsize i = 0; i < g_variant_n_children (children); i++)
    {
      g_autoptr(GVariant) boxed = g_variant_get_child_value (children, i);
      g_autoptr(GVariant) child = g_variant_get_variant (boxed);
      g_autoptr(GVariant) props = g_variant_get_child_value (child, 1);
      const char *child_label = NULL;
      int id;

      g_variant_get_child (child, 0, "i", &id);
      if (g_variant_lookup (props, "label", "&s", &child_label)
          && g_strcmp0 (child_label, label) == 0)
        return id;
    }

  return -1;
}

static GVariant *
get_layout (Fixture            *fx,
            int                 parent,
            const char * const *names,
            guint              *revision)
{
  g_autoptr(GVariant) reply = NULL;
  GVariant *layout;

  reply = host_call_ok (fx, LF_TRAY_MENU_PATH, MENU_IFACE, "GetLayout",
                        g_variant_new ("(ii^as)", parent, -1, names), NULL);
  g_assert_cmpstr (g_variant_get_type_string (reply), ==, "(u(ia{sv}av))");
  g_variant_get (reply, "(u@(ia{sv}av))", revision, &layout);
  return layout;
}

static void
send_event (Fixture    *fx,
            int         id,
            const char *event_id,
            GVariant   *data)
{
  g_autoptr(GVariant) reply = NULL;

  reply = host_call_ok (fx, LF_TRAY_MENU_PATH, MENU_IFACE, "Event",
                        g_variant_new ("(isvu)", id, event_id, data, 0), G_VARIANT_TYPE ("()"));
}

/* ------------------------------------------------------------------------ */
/* Fixture                                                                  */
/* ------------------------------------------------------------------------ */

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  static const GActionEntry entries[] = {
    { "check-now", on_action_activate_cb },
    { "show-window", on_action_activate_cb },
    { "notify-clients", on_action_activate_cb, "s" },
    { "quit", on_action_activate_cb },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;

  fx->app_conn = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  fx->host_conn = g_dbus_connection_new_for_address_sync (
    address,
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);

  fx->activations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  fx->signals = g_ptr_array_new_with_free_func (g_free);
  fx->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (fx->actions), entries, G_N_ELEMENTS (entries),
                                   fx);

  g_dbus_connection_signal_subscribe (fx->host_conn,
                                      g_dbus_connection_get_unique_name (fx->app_conn),
                                      NULL, NULL, NULL, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                      on_app_signal_cb, fx, NULL);

  if (data != NULL)  /* "with watcher" */
    start_watcher (fx);

  fx->tray = lf_tray_new (fx->app_conn, G_ACTION_GROUP (fx->actions));
  g_signal_connect (fx->tray, "activate", G_CALLBACK (on_tray_activate_cb), fx);

  if (data != NULL)
    g_assert_true (lf_test_wait_for (tray_is_available, fx->tray, 5000));
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_assert_finalize_object (fx->tray);

  g_dbus_connection_close_sync (fx->host_conn, NULL, NULL);
  g_clear_object (&fx->host_conn);
  g_clear_object (&fx->app_conn);
  g_clear_object (&fx->actions);
  g_clear_pointer (&fx->activations, g_hash_table_unref);
  g_clear_pointer (&fx->signals, g_ptr_array_unref);
  g_clear_pointer (&fx->registered_sender, g_free);
  g_clear_pointer (&fx->registered_service, g_free);
  g_clear_pointer (&fx->activate_token, g_free);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

/* The item's pixmaps: 16, 22, 32 and 48 px ARGB32, drawn (some opaque pixels, some
 * transparent ones around the round mark), so a host without the themed icon shows it. */
static void
assert_pixmaps (GVariant *pixmaps)
{
  static const int sizes[] = { 16, 22, 32, 48 };

  g_assert_true (g_variant_is_of_type (pixmaps, G_VARIANT_TYPE ("a(iiay)")));
  g_assert_cmpuint (g_variant_n_children (pixmaps), ==, G_N_ELEMENTS (sizes));
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GVariant) bytes = NULL;
      const guint8 *argb;
      gsize n;
      guint opaque = 0, clear = 0;
      int width, height;

      g_variant_get_child (pixmaps, i, "(ii@ay)", &width, &height, &bytes);
      g_assert_cmpint (width, ==, sizes[i]);
      g_assert_cmpint (height, ==, sizes[i]);
      argb = g_variant_get_fixed_array (bytes, &n, 1);
      g_assert_cmpuint (n, ==, (gsize) width * height * 4);
      for (gsize p = 0; p < n; p += 4)
        {
          opaque += argb[p] == 0xff;   /* alpha first: network byte order */
          clear += argb[p] == 0;
        }
      g_assert_cmpuint (opaque, >, n / 4 / 4);
      g_assert_cmpuint (clear, >, 0);
    }
}

static void
test_tray_registers_by_path (Fixture       *fx,
                             gconstpointer  data)
{
  g_assert_cmpuint (fx->n_registrations, ==, 1);
  g_assert_cmpstr (fx->registered_service, ==, "/StatusNotifierItem");
  g_assert_cmpstr (fx->registered_sender, ==, g_dbus_connection_get_unique_name (fx->app_conn));
  g_assert_true (lf_tray_get_available (fx->tray));
}

static void
test_tray_properties (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) all = NULL;
  g_autoptr(GVariant) version = NULL;
  g_autoptr(GVariant) tool_tip = NULL;
  g_autoptr(GVariant) pixmap = NULL;
  const char *id = NULL;
  const char *menu = NULL;
  const char *status = NULL;
  const char *category = NULL;
  const char *icon = NULL;
  const char *theme_path = NULL;
  gboolean is_menu = TRUE;
  int window_id = -1;

  reply = host_call_ok (fx, LF_TRAY_ITEM_PATH, "org.freedesktop.DBus.Properties", "GetAll",
                        g_variant_new ("(s)", ITEM_IFACE), G_VARIANT_TYPE ("(a{sv})"));
  all = g_variant_get_child_value (reply, 0);

  g_assert_true (g_variant_lookup (all, "Id", "&s", &id));
  g_assert_cmpstr (id, ==, APP_ID);
  g_assert_true (g_variant_lookup (all, "Menu", "&o", &menu));
  g_assert_cmpstr (menu, ==, "/MenuBar");
  g_assert_true (g_variant_lookup (all, "Status", "&s", &status));
  g_assert_cmpstr (status, ==, "Active");
  g_assert_true (g_variant_lookup (all, "Category", "&s", &category));
  g_assert_cmpstr (category, ==, "ApplicationStatus");
  g_assert_true (g_variant_lookup (all, "WindowId", "i", &window_id));
  g_assert_cmpint (window_id, ==, 0);
  g_assert_true (g_variant_lookup (all, "ItemIsMenu", "b", &is_menu));
  g_assert_false (is_menu);
  g_assert_true (g_variant_lookup (all, "IconName", "&s", &icon));
  g_assert_cmpstr (icon, ==, APP_ID "-unknown-symbolic");
  tool_tip = g_variant_lookup_value (all, "ToolTip", G_VARIANT_TYPE ("(sa(iiay)ss)"));
  g_assert_nonnull (tool_tip);
  pixmap = g_variant_lookup_value (all, "IconPixmap", G_VARIANT_TYPE ("a(iiay)"));
  g_assert_nonnull (pixmap);
  assert_pixmaps (pixmap);
  g_assert_true (g_variant_lookup (all, "IconThemePath", "&s", &theme_path));
  g_assert_cmpstr (theme_path, !=, "");
  {
    /* the host finds the themed icon there, uninstalled too */
    g_autofree char *file = g_strconcat (icon, ".svg", NULL);
    g_autofree char *found = g_build_filename (theme_path, file, NULL);

    if (g_getenv ("LIFELINE_ICON_THEME_PATH") != NULL)
      g_assert_true (g_file_test (found, G_FILE_TEST_IS_REGULAR));
  }

  version = host_call_ok (fx, LF_TRAY_MENU_PATH, "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", MENU_IFACE, "Version"), G_VARIANT_TYPE ("(v)"));
  g_assert_cmpstr (printed (version), ==, "(<uint32 3>,)");
}

static void
test_tray_layout (Fixture       *fx,
                  gconstpointer  data)
{
  const char *all[] = { NULL };
  const char *few[] = { "type", "children-display", NULL };
  const char *problems[] = { "Up_work — Down", "Fiverr — Degraded", NULL };
  g_autoptr(GVariant) layout = NULL;
  g_autoptr(GVariant) layout2 = NULL;
  g_autoptr(GVariant) root_props = NULL;
  g_autoptr(GVariant) children = NULL;
  g_autoptr(GVariant) first_boxed = NULL;
  g_autoptr(GVariant) first = NULL;
  g_autoptr(GVariant) children2 = NULL;
  g_autoptr(GVariant) group_items = NULL;
  g_autoptr(GVariant) first_props = NULL;
  g_autoptr(GVariant) group = NULL;
  g_autoptr(GVariant) group2 = NULL;
  g_autoptr(GVariant) prop = NULL;
  g_autoptr(GVariant) shown = NULL;
  g_autoptr(GError) error = NULL;
  const char *display = NULL;
  guint revision;
  guint revision2;
  int root_id = -1;
  int check_id;
  gboolean enabled = TRUE;

  layout = get_layout (fx, 0, all, &revision);
  g_variant_get_child (layout, 0, "i", &root_id);
  g_assert_cmpint (root_id, ==, 0);
  root_props = g_variant_get_child_value (layout, 1);
  g_assert_true (g_variant_lookup (root_props, "children-display", "&s", &display));
  g_assert_cmpstr (display, ==, "submenu");

  /* Status line, separator, Check Now, Open Lifeline, separator, Quit: no notice entry
   * while nothing is wrong (the next action follows the state). */
  children = g_variant_get_child_value (layout, 2);
  g_assert_cmpuint (g_variant_n_children (children), ==, 6);
  first_boxed = g_variant_get_child_value (children, 0);
  first = g_variant_get_variant (first_boxed);
  first_props = g_variant_get_child_value (first, 1);
  g_assert_true (g_variant_lookup (first_props, "enabled", "b", &enabled));
  g_assert_false (enabled);
  check_id = find_child_by_label (layout, "_Check Now");
  g_assert_cmpint (check_id, >, 0);
  g_assert_cmpint (find_child_by_label (layout, "_Open Lifeline"), >, 0);
  g_assert_cmpint (find_child_by_label (layout, "_Notify Clients…"), ==, -1);
  g_assert_cmpint (find_child_by_label (layout, "_Quit"), >, 0);

  /* Problem lines appear, underscores escaped; the revision moves on and hosts are told.
   * An outage: "Notify Clients…" is offered. */
  lf_tray_set_next_action (fx->tray, "_Notify Clients…", "notify-clients");
  lf_tray_set_status (fx->tray, LF_STATE_DOWN, LF_DIAGNOSIS_PLATFORM_OUTAGE,
                      "Upwork is down", "Upwork does not answer", problems);
  layout2 = get_layout (fx, 0, few, &revision2);
  g_assert_cmpuint (revision2, >, revision);
  wait_for_signal (fx, "LayoutUpdated");
  children2 = g_variant_get_child_value (layout2, 2);
  g_assert_cmpuint (g_variant_n_children (children2), ==, 9);
  /* Only the requested properties: no labels. */
  g_assert_cmpint (find_child_by_label (layout2, "_Quit"), ==, -1);
  g_clear_pointer (&layout2, g_variant_unref);
  layout2 = get_layout (fx, 0, all, &revision2);
  g_assert_cmpint (find_child_by_label (layout2, "Up__work — Down"), >=, 100);
  g_assert_cmpint (find_child_by_label (layout2, "Fiverr — Degraded"), >=, 100);
  g_assert_cmpint (find_child_by_label (layout2, "Upwork is down"), ==, 1);

  /* GetGroupProperties([], []) returns every item with every property. */
  group = host_call_ok (fx, LF_TRAY_MENU_PATH, MENU_IFACE, "GetGroupProperties",
                        g_variant_new ("(@ai^as)", g_variant_new_array (G_VARIANT_TYPE_INT32,
                                                                        NULL, 0), all),
                        G_VARIANT_TYPE ("(a(ia{sv}))"));
  group_items = g_variant_get_child_value (group, 0);
  g_assert_cmpuint (g_variant_n_children (group_items), ==, 10);

  /* Named ids and properties; unknown ids are skipped. */
  {
    gint32 ids[] = { check_id, 999 };
    const char *label_only[] = { "label", NULL };

    group2 = host_call_ok (fx, LF_TRAY_MENU_PATH, MENU_IFACE, "GetGroupProperties",
                           g_variant_new ("(@ai^as)",
                                          g_variant_new_fixed_array (G_VARIANT_TYPE_INT32, ids,
                                                                     2, sizeof (gint32)),
                                          label_only),
                           G_VARIANT_TYPE ("(a(ia{sv}))"));
    g_assert_cmpstr (printed (group2), ==,
                     "([(3, {'label': <'_Check Now'>})],)");
  }

  prop = host_call_ok (fx, LF_TRAY_MENU_PATH, MENU_IFACE, "GetProperty",
                       g_variant_new ("(is)", check_id, "label"), G_VARIANT_TYPE ("(v)"));
  g_assert_cmpstr (printed (prop), ==, "(<'_Check Now'>,)");

  g_assert_null (host_call (fx, LF_TRAY_MENU_PATH, MENU_IFACE, "GetLayout",
                            g_variant_new ("(ii^as)", 999, -1, all), NULL, &error));
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS);

  /* recursionDepth 0: the node alone, without children. */
  {
    g_autoptr(GVariant) shallow = host_call_ok (fx, LF_TRAY_MENU_PATH, MENU_IFACE, "GetLayout",
                                                g_variant_new ("(ii^as)", 0, 0, all), NULL);
    g_autoptr(GVariant) shallow_layout = g_variant_get_child_value (shallow, 1);
    g_autoptr(GVariant) shallow_children = g_variant_get_child_value (shallow_layout, 2);

    g_assert_cmpuint (g_variant_n_children (shallow_children), ==, 0);
  }

  shown = host_call_ok (fx, LF_TRAY_MENU_PATH, MENU_IFACE, "AboutToShow",
                        g_variant_new ("(i)", 0), G_VARIANT_TYPE ("(b)"));
}

static void
test_tray_events (Fixture       *fx,
                  gconstpointer  data)
{
  const char *all[] = { NULL };
  g_autoptr(GVariant) layout = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) layout2 = NULL;
  g_autoptr(GVariant) props = NULL;
  GVariantBuilder events;
  guint revision;
  int check_id;
  int notify_id;
  int open_id;
  int quit_id;
  GAction *check_now;

  /* During an outage the notice entry is there (lf_tray_set_next_action()). */
  lf_tray_set_next_action (fx->tray, "_Notify Clients…", "notify-clients");
  lf_tray_set_status (fx->tray, LF_STATE_DOWN, LF_DIAGNOSIS_PLATFORM_OUTAGE, "Upwork is down",
                      NULL, NULL);
  layout = get_layout (fx, 0, all, &revision);
  check_id = find_child_by_label (layout, "_Check Now");
  notify_id = find_child_by_label (layout, "_Notify Clients…");
  open_id = find_child_by_label (layout, "_Open Lifeline");
  quit_id = find_child_by_label (layout, "_Quit");

  /* Hovering or opening does nothing; a click runs the action, whatever the data type. */
  send_event (fx, check_id, "hovered", g_variant_new_string (""));
  g_assert_false (g_hash_table_contains (fx->activations, "check-now"));
  send_event (fx, check_id, "clicked", g_variant_new_int32 (0));
  g_assert_true (g_hash_table_contains (fx->activations, "check-now"));
  send_event (fx, open_id, "clicked", g_variant_new_string (""));
  g_assert_true (g_hash_table_contains (fx->activations, "show-window"));
  send_event (fx, notify_id, "clicked", g_variant_new_int32 (0));
  g_assert_cmpstr (g_hash_table_lookup (fx->activations, "notify-clients"), ==, "''");
  g_assert_false (g_hash_table_contains (fx->activations, "quit"));

  /* EventGroup reports unknown ids. */
  g_variant_builder_init (&events, G_VARIANT_TYPE ("a(isvu)"));
  g_variant_builder_add (&events, "(isvu)", quit_id, "clicked", g_variant_new_int32 (0), 0);
  g_variant_builder_add (&events, "(isvu)", 999, "clicked", g_variant_new_int32 (0), 0);
  reply = host_call_ok (fx, LF_TRAY_MENU_PATH, MENU_IFACE, "EventGroup",
                        g_variant_new ("(@a(isvu))", g_variant_builder_end (&events)),
                        G_VARIANT_TYPE ("(ai)"));
  g_assert_cmpstr (printed (reply), ==, "([999],)");
  g_assert_true (g_hash_table_contains (fx->activations, "quit"));

  /* A disabled action greys its item out and a click does nothing. */
  g_hash_table_remove_all (fx->activations);
  check_now = g_action_map_lookup_action (G_ACTION_MAP (fx->actions), "check-now");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (check_now), FALSE);
  wait_for_signal (fx, "LayoutUpdated");
  {
    gint32 ids[] = { check_id };
    const char *enabled_only[] = { "enabled", NULL };

    props = host_call_ok (fx, LF_TRAY_MENU_PATH, MENU_IFACE, "GetGroupProperties",
                          g_variant_new ("(@ai^as)",
                                         g_variant_new_fixed_array (G_VARIANT_TYPE_INT32, ids, 1,
                                                                    sizeof (gint32)),
                                         enabled_only),
                          G_VARIANT_TYPE ("(a(ia{sv}))"));
    g_assert_cmpstr (printed (props), ==, "([(3, {'enabled': <false>})],)");
  }
  send_event (fx, check_id, "clicked", g_variant_new_int32 (0));
  g_assert_false (g_hash_table_contains (fx->activations, "check-now"));
}

static void
test_tray_activate (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GVariant) r1 = NULL;
  g_autoptr(GVariant) r2 = NULL;
  g_autoptr(GVariant) r3 = NULL;

  /* The GNOME extension sends the activation token just before Activate. */
  r1 = host_call_ok (fx, LF_TRAY_ITEM_PATH, ITEM_IFACE, "ProvideXdgActivationToken",
                     g_variant_new ("(s)", "token-123"), G_VARIANT_TYPE ("()"));
  r2 = host_call_ok (fx, LF_TRAY_ITEM_PATH, ITEM_IFACE, "Activate",
                     g_variant_new ("(ii)", 10, 20), G_VARIANT_TYPE ("()"));
  g_assert_cmpuint (fx->n_activate_signals, ==, 1);
  g_assert_cmpstr (fx->activate_token, ==, "token-123");

  /* The token is used once. */
  r3 = host_call_ok (fx, LF_TRAY_ITEM_PATH, ITEM_IFACE, "Activate",
                     g_variant_new ("(ii)", 10, 20), G_VARIANT_TYPE ("()"));
  g_assert_cmpuint (fx->n_activate_signals, ==, 2);
  g_assert_null (fx->activate_token);

  /* Middle click checks now. */
  g_clear_pointer (&r3, g_variant_unref);
  r3 = host_call_ok (fx, LF_TRAY_ITEM_PATH, ITEM_IFACE, "SecondaryActivate",
                     g_variant_new ("(ii)", 10, 20), G_VARIANT_TYPE ("()"));
  g_assert_true (g_hash_table_contains (fx->activations, "check-now"));
}

static void
test_tray_outage (Fixture       *fx,
                  gconstpointer  data)
{
  const char *problems[] = { "Upwork — Down", "Fiverr — Down", NULL };
  g_autofree char *status = NULL;
  g_autofree char *icon = NULL;
  g_autofree char *attention = NULL;
  g_autofree char *status2 = NULL;
  g_autofree char *icon2 = NULL;
  g_autofree char *icon3 = NULL;
  g_autofree char *status3 = NULL;
  g_autoptr(GVariant) tool_tip = NULL;
  const char *tip_title = NULL;
  const char *tip_body = NULL;

  lf_tray_set_status (fx->tray, LF_STATE_UP, LF_DIAGNOSIS_ALL_CLEAR, "All clear",
                      "Every platform you watch works", NULL);
  icon = get_item_string (fx, "IconName");
  g_assert_cmpstr (icon, ==, APP_ID "-ok-symbolic");
  wait_for_signal (fx, "NewIcon");
  g_assert_false (saw_signal (fx, "NewStatus"));
  g_ptr_array_set_size (fx->signals, 0);

  lf_tray_set_status (fx->tray, LF_STATE_DOWN, LF_DIAGNOSIS_PROVIDER_OUTAGE,
                      "Cloudflare outage", "Cloudflare is having an outage: Upwork and Fiverr "
                      "are affected", problems);
  wait_for_signal (fx, "NewStatus('NeedsAttention',)");
  wait_for_signal (fx, "LayoutUpdated");
  wait_for_signal (fx, "NewToolTip");
  wait_for_signal (fx, "NewIcon");
  status = get_item_string (fx, "Status");
  g_assert_cmpstr (status, ==, "NeedsAttention");
  g_clear_pointer (&icon, g_free);
  icon = get_item_string (fx, "IconName");
  g_assert_cmpstr (icon, ==, APP_ID "-down-symbolic");
  attention = get_item_string (fx, "AttentionIconName");
  g_assert_cmpstr (attention, ==, APP_ID "-down-symbolic");
  tool_tip = get_item_property (fx, "ToolTip");
  g_variant_get (tool_tip, "(&s@a(iiay)&s&s)", NULL, NULL, &tip_title, &tip_body);
  /* whose icon it is, then the state */
  g_assert_cmpstr (tip_title, ==, "Lifeline");
  g_assert_true (g_str_has_prefix (tip_body, "Cloudflare outage\nCloudflare is having an outage"));
  g_assert_cmpstr (lf_tray_get_title (fx->tray), ==, "Cloudflare outage");
  {
    g_autoptr(GVariant) pixmaps = get_item_property (fx, "IconPixmap");
    g_autoptr(GVariant) attention_pixmaps = get_item_property (fx, "AttentionIconPixmap");

    assert_pixmaps (pixmaps);
    assert_pixmaps (attention_pixmaps);
  }

  /* The same status again changes nothing and says nothing. */
  g_ptr_array_set_size (fx->signals, 0);
  lf_tray_set_status (fx->tray, LF_STATE_DOWN, LF_DIAGNOSIS_PROVIDER_OUTAGE,
                      "Cloudflare outage", "Cloudflare is having an outage: Upwork and Fiverr "
                      "are affected", problems);
  spin (200);
  g_assert_false (saw_signal (fx, "LayoutUpdated"));
  g_assert_false (saw_signal (fx, "NewStatus"));

  /* A local network problem raises no alarm: Active, the offline icon. */
  lf_tray_set_status (fx->tray, LF_STATE_UNKNOWN, LF_DIAGNOSIS_LOCAL_NETWORK,
                      "Your connection seems down", NULL, NULL);
  wait_for_signal (fx, "NewStatus('Active',)");
  status2 = get_item_string (fx, "Status");
  g_assert_cmpstr (status2, ==, "Active");
  icon2 = get_item_string (fx, "IconName");
  g_assert_cmpstr (icon2, ==, APP_ID "-offline-symbolic");
  g_assert_cmpstr (lf_tray_get_icon_name (fx->tray), ==, APP_ID "-offline-symbolic");

  /* A degraded platform alone: the degraded icon, still never Passive. */
  lf_tray_set_status (fx->tray, LF_STATE_DEGRADED, LF_DIAGNOSIS_ALL_CLEAR,
                      "Fiverr is slow", NULL, NULL);
  icon3 = get_item_string (fx, "IconName");
  g_assert_cmpstr (icon3, ==, APP_ID "-degraded-symbolic");
  status3 = get_item_string (fx, "Status");
  g_assert_cmpstr (status3, ==, "Active");
}

static void
test_tray_watcher_restart (Fixture       *fx,
                           gconstpointer  data)
{
  /* The host goes away (Shell restart, extension disabled): no tray. */
  bus_request_name (fx->host_conn, "ReleaseName");
  g_assert_true (lf_test_wait_for (tray_is_unavailable, fx->tray, 5000));

  /* It comes back: the item registers again. */
  bus_request_name (fx->host_conn, "RequestName");
  g_assert_true (lf_test_wait_for (tray_is_available, fx->tray, 5000));
  g_assert_cmpuint (fx->n_registrations, ==, 2);
  g_assert_cmpstr (fx->registered_service, ==, "/StatusNotifierItem");
}

static void
test_tray_no_watcher (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *id = NULL;

  /* Nobody shows the icon: the tray must not claim it is there. */
  g_assert_false (lf_test_wait_for (tray_is_available, fx->tray, 500));
  g_assert_cmpuint (fx->n_registrations, ==, 0);

  /* The objects are still exported, ready for a host that appears later. */
  id = get_item_string (fx, "Id");
  g_assert_cmpstr (id, ==, APP_ID);

  start_watcher (fx);
  g_assert_true (lf_test_wait_for (tray_is_available, fx->tray, 5000));
  g_assert_cmpuint (fx->n_registrations, ==, 1);
}

static gboolean
registered (gpointer data)
{
  return ((Fixture *) data)->n_registrations > 0;
}

static void
test_tray_rejected (Fixture       *fx,
                    gconstpointer  data)
{
  /* A watcher that refuses the item shows no icon: still not available. */
  fx->reject = TRUE;
  start_watcher (fx);
  g_assert_true (lf_test_wait_for (registered, fx, 5000));
  g_assert_false (lf_test_wait_for (tray_is_available, fx->tray, 300));
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  int ret;

  lf_test_init (&argc, &argv);
  bus = lf_test_dbus_up ();

#define ADD(path, func, watcher) \
  g_test_add (path, Fixture, watcher ? "watcher" : NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/lifeline/tray/registers-by-path", test_tray_registers_by_path, TRUE);
  ADD ("/lifeline/tray/properties", test_tray_properties, TRUE);
  ADD ("/lifeline/tray/layout", test_tray_layout, TRUE);
  ADD ("/lifeline/tray/events", test_tray_events, TRUE);
  ADD ("/lifeline/tray/activate", test_tray_activate, TRUE);
  ADD ("/lifeline/tray/outage", test_tray_outage, TRUE);
  ADD ("/lifeline/tray/watcher-restart", test_tray_watcher_restart, TRUE);
  ADD ("/lifeline/tray/no-watcher", test_tray_no_watcher, FALSE);
  ADD ("/lifeline/tray/rejected", test_tray_rejected, FALSE);

#undef ADD

  ret = g_test_run ();
  lf_test_dbus_stop (bus);

  return ret;
}
