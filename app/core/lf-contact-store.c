/* lf-contact-store.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-contact-store"

#include "config.h"

#include "lf-contact-store.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "lf-secret-schemas.h"

/* Over 1,000 lines, kept whole on purpose: loading, unlocking and saving are one state
 * machine over the same private state (the contact list, the state, the waiting load tasks,
 * the SecretService/file-backend choice); each path ends in finish_load()/fail_load() and
 * set_state(). Split, those helpers and the struct would become a private API for no reader's
 * gain. The GListModel and the public wrappers are short.
 *
 * One Secret Service item per contact: the secret is the contact as JSON; the attributes
 * are only "contact-id" and "schema-version"; the label is "Lifeline contact". Everything
 * goes through libsecret's simple API (secret_password_*), the only one that works with
 * both the Secret Service and libsecret's file backend (Flatpak portal, SECRET_BACKEND=file).
 * When the simple API talks to the Secret Service, SecretService is also used to tell
 * "locked" from "unavailable", to unlock, and to load: one SearchItems and one GetSecrets
 * call for all contacts (secret_password_search would build a proxy per item, about a
 * millisecond each). There is no plain-text fallback. */

struct _LfContactStore
{
  GObject              parent_instance;

  GPtrArray           *contacts;      /* LfContact, sorted by name when loaded */
  LfContactStoreState  state;
  char                *error_message;
  GPtrArray           *load_tasks;    /* GTask waiting for the running load */
  GCancellable        *cancellable;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LfContactStore, lf_contact_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_ENUM_TYPE (LfContactStoreState, lf_contact_store_state,
                    G_DEFINE_ENUM_VALUE (LF_CONTACT_STORE_STATE_UNKNOWN, "unknown"),
                    G_DEFINE_ENUM_VALUE (LF_CONTACT_STORE_STATE_LOADING, "loading"),
                    G_DEFINE_ENUM_VALUE (LF_CONTACT_STORE_STATE_AVAILABLE, "available"),
                    G_DEFINE_ENUM_VALUE (LF_CONTACT_STORE_STATE_LOCKED, "locked"),
                    G_DEFINE_ENUM_VALUE (LF_CONTACT_STORE_STATE_UNAVAILABLE, "unavailable"))

G_DEFINE_QUARK (lf-contact-store-error-quark, lf_contact_store_error)

enum {
  PROP_0,
  PROP_STATE,
  PROP_ERROR_MESSAGE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  SecretService *service;  /* NULL with the file backend */
  GPtrArray     *loaded;   /* LfContact */
  guint          pending;
  guint          damaged;
} LoadData;

typedef struct
{
  LfContact *contact;    /* what the caller saves */
  LfContact *merged;     /* what is written */
  char      *data;
} SaveData;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->service);
  g_clear_pointer (&data->loaded, g_ptr_array_unref);
  g_free (data);
}

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->contact);
  g_clear_object (&data->merged);
  if (data->data != NULL)
    {
      /* Do not leave the client's details in freed memory. */
      memset (data->data, 0, strlen (data->data));
      g_free (data->data);
    }
  g_free (data);
}

/* Whether the simple API uses libsecret's file backend rather than the Secret Service
 * (secret-backend.c: the Flatpak sandbox with the Secret portal, or SECRET_BACKEND=file). */
static gboolean
uses_file_backend (void)
{
  return g_strcmp0 (g_getenv ("SECRET_BACKEND"), "file") == 0 ||
         g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

static void
set_state (LfContactStore      *self,
           LfContactStoreState  state,
           const char          *message)
{
  if (g_strcmp0 (self->error_message, message) != 0)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
    }

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static const char *
unavailable_message (void)
{
  /* In the Flatpak sandbox libsecret needs the desktop's Secret portal (we do not ask for
   * the whole Secret Service with --talk-name=org.freedesktop.secrets). */
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    return _("Your desktop offers no keyring to sandboxed apps, so client details cannot be "
             "stored safely. Install and start a keyring such as GNOME Keyring, which "
             "provides the Secret portal, then try again.");

  return _("No keyring is available, so client details cannot be stored safely. Install and "
           "start a keyring such as GNOME Keyring or KWallet, then try again.");
}

static const char *
locked_message (void)
{
  return _("Your keyring is locked. Unlock it to see and edit your clients.");
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  LfContact *ca = *(LfContact **) a;
  LfContact *cb = *(LfContact **) b;
  const char *na = lf_contact_get_name (ca);
  const char *nb = lf_contact_get_name (cb);

  return g_utf8_collate (na ? na : "", nb ? nb : "");
}

static gboolean
find_contact (LfContactStore *self,
              const char     *id,
              guint          *position)
{
  for (guint i = 0; i < self->contacts->len; i++)
    if (g_strcmp0 (lf_contact_get_id (self->contacts->pdata[i]), id) == 0)
      {
        if (position != NULL)
          *position = i;
        return TRUE;
      }

  return FALSE;
}

static void
set_items_changed (LfContactStore *self,
                   guint           position,
                   guint           removed,
                   guint           added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
finish_load (LfContactStore *self,
             GError         *error)
{
  g_autoptr(GPtrArray) tasks = g_steal_pointer (&self->load_tasks);

  for (guint i = 0; tasks != NULL && i < tasks->len; i++)
    {
      GTask *task = tasks->pdata[i];

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
fail_load (LfContactStore      *self,
           LfContactStoreState  state,
           const char          *message,
           GError              *cause)
{
  g_autoptr(GError) error = NULL;

  if (cause != NULL && g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_state (self, LF_CONTACT_STORE_STATE_UNKNOWN, NULL);
      finish_load (self, cause);
      return;
    }

  /* The technical cause names D-Bus services and paths, never personal data. */
  if (cause != NULL)
    g_debug ("Contacts not loaded: %s", cause->message);

  error = g_error_new_literal (LF_CONTACT_STORE_ERROR,
                               state == LF_CONTACT_STORE_STATE_LOCKED
                                 ? LF_CONTACT_STORE_ERROR_LOCKED
                                 : LF_CONTACT_STORE_ERROR_UNAVAILABLE,
                               message);
  set_state (self, state, message);
  finish_load (self, error);
}

static gboolean
check_available (LfContactStore  *self,
                 GError         **error)
{
  switch (self->state)
    {
    case LF_CONTACT_STORE_STATE_AVAILABLE:
      return TRUE;
    case LF_CONTACT_STORE_STATE_LOCKED:
      g_set_error_literal (error, LF_CONTACT_STORE_ERROR, LF_CONTACT_STORE_ERROR_LOCKED,
                           locked_message ());
      return FALSE;
    case LF_CONTACT_STORE_STATE_UNAVAILABLE:
      g_set_error_literal (error, LF_CONTACT_STORE_ERROR, LF_CONTACT_STORE_ERROR_UNAVAILABLE,
                           self->error_message ? self->error_message : unavailable_message ());
      return FALSE;
    case LF_CONTACT_STORE_STATE_UNKNOWN:
    case LF_CONTACT_STORE_STATE_LOADING:
    default:
      g_set_error_literal (error, LF_CONTACT_STORE_ERROR, LF_CONTACT_STORE_ERROR_NOT_LOADED,
                           _("The client directory is not loaded yet"));
      return FALSE;
    }
}

/* ------------------------------------------------------------------------ */
/* Loading                                                                  */
/* ------------------------------------------------------------------------ */

static void
add_loaded_secret (LoadData   *data,
                   const char *id,
                   const char *secret)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LfContact) contact = NULL;

  if (secret == NULL || id == NULL)
    {
      data->damaged++;
      return;
    }

  contact = lf_contact_new_from_data (secret, &error);
  if (contact == NULL || g_strcmp0 (lf_contact_get_id (contact), id) != 0)
    {
      /* Leave a damaged item alone: never overwrite what cannot be read. */
      data->damaged++;
      return;
    }

  g_ptr_array_add (data->loaded, g_steal_pointer (&contact));
}

static void
complete_load (GTask *task)
{
  LfContactStore *self = g_task_get_source_object (task);
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) old = NULL;
  guint removed;

  g_ptr_array_sort (data->loaded, compare_by_name);
  if (data->damaged > 0)
    g_debug ("%u keyring items could not be read as contacts", data->damaged);

  old = g_steal_pointer (&self->contacts);
  removed = old->len;
  self->contacts = g_steal_pointer (&data->loaded);
  set_state (self, LF_CONTACT_STORE_STATE_AVAILABLE, NULL);
  set_items_changed (self, 0, removed, self->contacts->len);
  finish_load (self, NULL);
  g_task_return_boolean (task, TRUE);
}

static char *
dup_contact_id (SecretRetrievable *retrievable)
{
  g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (retrievable);

  return attributes ? g_strdup (g_hash_table_lookup (attributes, LF_SECRET_ATTR_CONTACT_ID))
                    : NULL;
}

static void
retrieve_secret_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  SecretRetrievable *retrievable = SECRET_RETRIEVABLE (object);
  g_autoptr(SecretValue) value = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = dup_contact_id (retrievable);

  value = secret_retrievable_retrieve_secret_finish (retrievable, result, &error);
  add_loaded_secret (data, id, value ? secret_value_get_text (value) : NULL);

  if (--data->pending == 0)
    complete_load (task);
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LfContactStore *self = g_task_get_source_object (task);
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      fail_load (self, LF_CONTACT_STORE_STATE_UNAVAILABLE, unavailable_message (), error);
      g_task_return_boolean (task, FALSE);
      return;
    }

  /* One pending slot for this function, so that completion happens once at the end. */
  data->pending = 1;
  for (GList *l = items; l != NULL; l = l->next)
    {
      SecretRetrievable *retrievable = l->data;

      if (SECRET_IS_ITEM (retrievable) && secret_item_get_locked (SECRET_ITEM (retrievable)))
        {
          g_list_free_full (items, g_object_unref);
          fail_load (self, LF_CONTACT_STORE_STATE_LOCKED, locked_message (), NULL);
          g_task_return_boolean (task, FALSE);
          return;
        }

      /* With SECRET_SEARCH_LOAD_SECRETS the Secret Service hands all secrets over in one
       * call; other backends hand them over one by one. */
      if (SECRET_IS_ITEM (retrievable) && secret_item_get_secret (SECRET_ITEM (retrievable)))
        {
          g_autoptr(SecretValue) value = secret_item_get_secret (SECRET_ITEM (retrievable));
          g_autofree char *id = dup_contact_id (retrievable);

          add_loaded_secret (data, id, secret_value_get_text (value));
        }
      else
        {
          data->pending++;
          secret_retrievable_retrieve_secret (retrievable, g_task_get_cancellable (task),
                                              retrieve_secret_cb, g_object_ref (task));
        }
    }
  g_list_free_full (items, g_object_unref);

  if (--data->pending == 0)
    complete_load (task);
}

static void
start_search (GTask *task)
{
  secret_password_search (lf_secret_contact_schema (),
                          SECRET_SEARCH_ALL | SECRET_SEARCH_LOAD_SECRETS,
                          g_task_get_cancellable (task),
                          search_cb, task,
                          NULL);
}

static void
get_secrets_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LfContactStore *self = g_task_get_source_object (task);
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GHashTable) secrets = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer value;

  secrets = secret_service_get_secrets_for_dbus_paths_finish (SECRET_SERVICE (object), result,
                                                              &error);
  if (secrets == NULL)
    {
      fail_load (self, LF_CONTACT_STORE_STATE_UNAVAILABLE, unavailable_message (), error);
      g_task_return_boolean (task, FALSE);
      return;
    }

  g_hash_table_iter_init (&iter, secrets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_autoptr(GError) parse_error = NULL;
      LfContact *contact = lf_contact_new_from_data (secret_value_get_text (value),
                                                     &parse_error);

      if (contact != NULL)
        g_ptr_array_add (data->loaded, contact);
      else
        data->damaged++;
    }

  complete_load (task);
}

static void
search_paths_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LfContactStore *self = g_task_get_source_object (task);
  g_auto(GStrv) unlocked = NULL;
  g_auto(GStrv) locked = NULL;
  g_autoptr(GError) error = NULL;

  if (!secret_service_search_for_dbus_paths_finish (SECRET_SERVICE (object), result,
                                                    &unlocked, &locked, &error))
    {
      fail_load (self, LF_CONTACT_STORE_STATE_UNAVAILABLE, unavailable_message (), error);
      g_task_return_boolean (task, FALSE);
      return;
    }

  if (locked != NULL && locked[0] != NULL)
    {
      fail_load (self, LF_CONTACT_STORE_STATE_LOCKED, locked_message (), NULL);
      g_task_return_boolean (task, FALSE);
      return;
    }

  if (unlocked == NULL || unlocked[0] == NULL)
    {
      complete_load (task);
      return;
    }

  /* All secrets in one D-Bus call: a thousand contacts load in a few milliseconds. */
  secret_service_get_secrets_for_dbus_paths (SECRET_SERVICE (object),
                                             (const char **) unlocked,
                                             g_task_get_cancellable (task),
                                             get_secrets_cb, g_object_ref (task));
}

static void
start_service_search (GTask *task)
{
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);

  secret_service_search_for_dbus_paths (data->service, lf_secret_contact_schema (),
                                        attributes, g_task_get_cancellable (task),
                                        search_paths_cb, task);
}

static void
collection_for_alias_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LfContactStore *self = g_task_get_source_object (task);
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GError) error = NULL;

  collection = secret_collection_for_alias_finish (result, &error);
  if (error != NULL)
    {
      fail_load (self, LF_CONTACT_STORE_STATE_UNAVAILABLE, unavailable_message (), error);
      g_task_return_boolean (task, FALSE);
      return;
    }

  if (collection != NULL && secret_collection_get_locked (collection))
    {
      fail_load (self, LF_CONTACT_STORE_STATE_LOCKED, locked_message (), NULL);
      g_task_return_boolean (task, FALSE);
      return;
    }

  start_service_search (g_object_ref (task));
}

static void
service_get_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LfContactStore *self = g_task_get_source_object (task);
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GError) error = NULL;

  service = secret_service_get_finish (result, &error);
  if (service == NULL)
    {
      fail_load (self, LF_CONTACT_STORE_STATE_UNAVAILABLE, unavailable_message (), error);
      g_task_return_boolean (task, FALSE);
      return;
    }

  ((LoadData *) g_task_get_task_data (task))->service = g_object_ref (service);

  secret_collection_for_alias (service, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE,
                               g_task_get_cancellable (task),
                               collection_for_alias_cb, g_object_ref (task));
}

static void
start_load (LfContactStore *self,
            GCancellable   *cancellable)
{
  GTask *task;
  LoadData *data;

  task = g_task_new (self, cancellable ? cancellable : self->cancellable, NULL, NULL);
  g_task_set_source_tag (task, start_load);
  data = g_new0 (LoadData, 1);
  data->loaded = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  set_state (self, LF_CONTACT_STORE_STATE_LOADING, NULL);

  if (uses_file_backend ())
    start_search (task);
  else
    secret_service_get (SECRET_SERVICE_NONE, g_task_get_cancellable (task),
                        service_get_cb, task);
}

/* ------------------------------------------------------------------------ */
/* Unlocking                                                                */
/* ------------------------------------------------------------------------ */

static void
unlock_reload_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!lf_contact_store_load_finish (LF_CONTACT_STORE (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
unlock_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LfContactStore *self = g_task_get_source_object (task);
  g_autoptr(GList) unlocked = NULL;
  g_autoptr(GError) error = NULL;
  int count;

  count = secret_service_unlock_finish (SECRET_SERVICE (object), result, &unlocked, &error);
  g_list_free_full (g_steal_pointer (&unlocked), g_object_unref);

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (count <= 0)
    {
      /* The user dismissed the prompt, or the keyring refused. */
      if (error != NULL)
        g_debug ("Unlock failed: %s", error->message);
      set_state (self, LF_CONTACT_STORE_STATE_LOCKED, locked_message ());
      g_task_return_new_error (task, LF_CONTACT_STORE_ERROR, LF_CONTACT_STORE_ERROR_LOCKED,
                               "%s", _("The keyring stayed locked"));
      return;
    }

  lf_contact_store_load_async (self, g_task_get_cancellable (task),
                               unlock_reload_cb, g_object_ref (task));
}

static void
unlock_collection_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LfContactStore *self = g_task_get_source_object (task);
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) objects = NULL;

  collection = secret_collection_for_alias_finish (result, &error);
  if (collection == NULL)
    {
      if (error != NULL)
        g_debug ("No default collection: %s", error->message);
      set_state (self, LF_CONTACT_STORE_STATE_UNAVAILABLE, unavailable_message ());
      g_task_return_new_error (task, LF_CONTACT_STORE_ERROR,
                               LF_CONTACT_STORE_ERROR_UNAVAILABLE, "%s",
                               unavailable_message ());
      return;
    }

  objects = g_list_append (NULL, collection);
  secret_service_unlock (secret_collection_get_service (collection), objects,
                         g_task_get_cancellable (task), unlock_cb, g_object_ref (task));
}

static void
unlock_service_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LfContactStore *self = g_task_get_source_object (task);
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GError) error = NULL;

  service = secret_service_get_finish (result, &error);
  if (service == NULL)
    {
      g_debug ("No Secret Service: %s", error->message);
      set_state (self, LF_CONTACT_STORE_STATE_UNAVAILABLE, unavailable_message ());
      g_task_return_new_error (task, LF_CONTACT_STORE_ERROR,
                               LF_CONTACT_STORE_ERROR_UNAVAILABLE, "%s",
                               unavailable_message ());
      return;
    }

  secret_collection_for_alias (service, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE,
                               g_task_get_cancellable (task),
                               unlock_collection_cb, g_object_ref (task));
}

/* ------------------------------------------------------------------------ */
/* Saving and deleting                                                      */
/* ------------------------------------------------------------------------ */

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LfContactStore *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint position;
  LfContact *stored;

  if (!secret_password_store_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (find_contact (self, lf_contact_get_id (data->merged), &position))
    {
      stored = self->contacts->pdata[position];
      lf_contact_update_from (stored, data->merged, LF_CONTACT_FIELD_ALL);
      lf_contact_set_modified (stored, lf_contact_get_modified (data->merged));
      lf_contact_clear_changed (stored);
      set_items_changed (self, position, 1, 1);
    }
  else
    {
      stored = g_object_ref (data->merged);
      lf_contact_clear_changed (stored);
      g_ptr_array_add (self->contacts, stored);
      set_items_changed (self, self->contacts->len - 1, 0, 1);
    }

  if (data->contact != stored)
    {
      lf_contact_update_from (data->contact, data->merged, LF_CONTACT_FIELD_ALL);
      lf_contact_set_modified (data->contact, lf_contact_get_modified (data->merged));
      lf_contact_clear_changed (data->contact);
    }

  g_task_return_pointer (task, g_object_ref (stored), g_object_unref);
}

static void
write_merged (GTask *task)
{
  SaveData *data = g_task_get_task_data (task);
  const char *id = lf_contact_get_id (data->merged);

  lf_contact_set_modified (data->merged, MAX (g_get_real_time (),
                                              lf_contact_get_modified (data->merged) + 1));
  data->data = lf_contact_to_data (data->merged);

  secret_password_store (lf_secret_contact_schema (), SECRET_COLLECTION_DEFAULT,
                         LF_CONTACT_STORE_LABEL, data->data,
                         g_task_get_cancellable (task), store_cb, task,
                         LF_SECRET_ATTR_CONTACT_ID, id,
                         LF_SECRET_ATTR_VERSION, LF_SECRET_SCHEMA_VERSION,
                         NULL);
}

static void
lookup_for_save_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(LfContact) stored = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (secret != NULL)
    {
      stored = lf_contact_new_from_data (secret, NULL);
      secret_password_free (secret);
    }

  if (stored != NULL)
    {
      /* Read-modify-write: the fields this side changed win, the others keep what another
       * window may have saved in the meantime. */
      data->merged = g_steal_pointer (&stored);
      lf_contact_update_from (data->merged, data->contact,
                              lf_contact_get_changed_fields (data->contact));
      lf_contact_set_modified (data->merged, MAX (lf_contact_get_modified (data->merged),
                                                  lf_contact_get_modified (data->contact)));
    }
  else
    {
      data->merged = lf_contact_copy (data->contact);
    }

  write_merged (g_object_ref (task));
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LfContactStore *self = g_task_get_source_object (task);
  LfContact *contact = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint position;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (find_contact (self, lf_contact_get_id (contact), &position))
    {
      g_ptr_array_remove_index (self->contacts, position);
      set_items_changed (self, position, 1, 0);
    }

  g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------------------ */
/* GListModel                                                               */
/* ------------------------------------------------------------------------ */

static GType
lf_contact_store_get_item_type (GListModel *model)
{
  return LF_TYPE_CONTACT;
}

static guint
lf_contact_store_get_n_items (GListModel *model)
{
  return LF_CONTACT_STORE (model)->contacts->len;
}

static gpointer
lf_contact_store_get_item (GListModel *model,
                           guint       position)
{
  LfContactStore *self = LF_CONTACT_STORE (model);

  if (position >= self->contacts->len)
    return NULL;

  return g_object_ref (self->contacts->pdata[position]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lf_contact_store_get_item_type;
  iface->get_n_items = lf_contact_store_get_n_items;
  iface->get_item = lf_contact_store_get_item;
}

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_contact_store_dispose (GObject *object)
{
  LfContactStore *self = LF_CONTACT_STORE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lf_contact_store_parent_class)->dispose (object);
}

static void
lf_contact_store_finalize (GObject *object)
{
  LfContactStore *self = LF_CONTACT_STORE (object);

  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_pointer (&self->load_tasks, g_ptr_array_unref);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (lf_contact_store_parent_class)->finalize (object);
}

static void
lf_contact_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LfContactStore *self = LF_CONTACT_STORE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->contacts->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_contact_store_class_init (LfContactStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lf_contact_store_dispose;
  object_class->finalize = lf_contact_store_finalize;
  object_class->get_property = lf_contact_store_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       LF_TYPE_CONTACT_STORE_STATE, LF_CONTACT_STORE_STATE_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lf_contact_store_init (LfContactStore *self)
{
  self->contacts = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

LfContactStore *
lf_contact_store_new (void)
{
  return g_object_new (LF_TYPE_CONTACT_STORE, NULL);
}

LfContactStoreState
lf_contact_store_get_state (LfContactStore *self)
{
  g_return_val_if_fail (LF_IS_CONTACT_STORE (self), LF_CONTACT_STORE_STATE_UNKNOWN);
  return self->state;
}

/**
 * lf_contact_store_get_error_message:
 *
 * Returns: (nullable): what to tell the user when the state is LOCKED or UNAVAILABLE
 */
const char *
lf_contact_store_get_error_message (LfContactStore *self)
{
  g_return_val_if_fail (LF_IS_CONTACT_STORE (self), NULL);
  return self->error_message;
}

/**
 * lf_contact_store_load_async:
 *
 * (Re)loads every contact from the keyring. On success the state is AVAILABLE; a locked
 * default collection gives LOCKED, no keyring UNAVAILABLE (both with an error). Concurrent
 * calls share one load.
 */
void
lf_contact_store_load_async (LfContactStore      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  gboolean running;

  g_return_if_fail (LF_IS_CONTACT_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_contact_store_load_async);

  running = self->load_tasks != NULL;
  if (!running)
    self->load_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->load_tasks, g_object_ref (task));

  if (!running)
    start_load (self, NULL);
}

gboolean
lf_contact_store_load_finish (LfContactStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (LF_IS_CONTACT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lf_contact_store_ensure_loaded:
 *
 * Starts loading if nothing has been loaded yet (the lazy load of the clients page).
 */
void
lf_contact_store_ensure_loaded (LfContactStore *self)
{
  g_return_if_fail (LF_IS_CONTACT_STORE (self));

  if (self->state == LF_CONTACT_STORE_STATE_UNKNOWN && self->load_tasks == NULL)
    lf_contact_store_load_async (self, NULL, NULL, NULL);
}

/**
 * lf_contact_store_unlock_async:
 *
 * Asks the keyring to unlock its default collection (the keyring shows its own prompt),
 * then reloads. With libsecret's file backend there is nothing to unlock: it only reloads.
 */
void
lf_contact_store_unlock_async (LfContactStore      *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LF_IS_CONTACT_STORE (self));

  task = g_task_new (self, cancellable ? cancellable : self->cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_contact_store_unlock_async);

  if (uses_file_backend ())
    lf_contact_store_load_async (self, g_task_get_cancellable (task),
                                 unlock_reload_cb, g_object_ref (task));
  else
    secret_service_get (SECRET_SERVICE_NONE, g_task_get_cancellable (task),
                        unlock_service_cb, g_object_ref (task));
}

gboolean
lf_contact_store_unlock_finish (LfContactStore  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (LF_IS_CONTACT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lf_contact_store_save_async:
 * @contact: a contact of this store, or a copy of one (an editor's), or a new one
 *
 * Validates and writes @contact. When the keyring already holds the contact, only the
 * fields @contact changed since it was loaded (lf_contact_get_changed_fields()) replace the
 * stored ones. Afterwards the store's copy and @contact hold the merged values.
 */
void
lf_contact_store_save_async (LfContactStore      *self,
                             LfContact           *contact,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SaveData *data;

  g_return_if_fail (LF_IS_CONTACT_STORE (self));
  g_return_if_fail (LF_IS_CONTACT (contact));

  task = g_task_new (self, cancellable ? cancellable : self->cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_contact_store_save_async);

  if (!check_available (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!lf_contact_validate (contact, &error))
    {
      g_task_return_new_error (task, LF_CONTACT_STORE_ERROR, LF_CONTACT_STORE_ERROR_INVALID,
                               "%s", error->message);
      return;
    }

  data = g_new0 (SaveData, 1);
  data->contact = g_object_ref (contact);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  secret_password_lookup (lf_secret_contact_schema (), g_task_get_cancellable (task),
                          lookup_for_save_cb, g_object_ref (task),
                          LF_SECRET_ATTR_CONTACT_ID, lf_contact_get_id (contact),
                          NULL);
}

/**
 * lf_contact_store_save_finish:
 *
 * Returns: (transfer full): the store's contact, or %NULL with @error set
 */
LfContact *
lf_contact_store_save_finish (LfContactStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (LF_IS_CONTACT_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lf_contact_store_add_async:
 *
 * Saves @contact with every field it holds (a new contact, or one brought back by Undo).
 */
void
lf_contact_store_add_async (LfContactStore      *self,
                            LfContact           *contact,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (LF_IS_CONTACT (contact));

  lf_contact_mark_changed (contact, LF_CONTACT_FIELD_ALL);
  lf_contact_store_save_async (self, contact, cancellable, callback, user_data);
}

LfContact *
lf_contact_store_add_finish (LfContactStore  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  return lf_contact_store_save_finish (self, result, error);
}

void
lf_contact_store_delete_async (LfContactStore      *self,
                               LfContact           *contact,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LF_IS_CONTACT_STORE (self));
  g_return_if_fail (LF_IS_CONTACT (contact));

  task = g_task_new (self, cancellable ? cancellable : self->cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_contact_store_delete_async);
  g_task_set_task_data (task, g_object_ref (contact), g_object_unref);

  if (!check_available (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  secret_password_clear (lf_secret_contact_schema (), g_task_get_cancellable (task),
                         clear_cb, g_object_ref (task),
                         LF_SECRET_ATTR_CONTACT_ID, lf_contact_get_id (contact),
                         NULL);
}

gboolean
lf_contact_store_delete_finish (LfContactStore  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (LF_IS_CONTACT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lf_contact_store_lookup:
 *
 * Returns: (transfer none) (nullable): the contact with @id
 */
LfContact *
lf_contact_store_lookup (LfContactStore *self,
                         const char     *id)
{
  guint position;

  g_return_val_if_fail (LF_IS_CONTACT_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return find_contact (self, id, &position) ? self->contacts->pdata[position] : NULL;
}

/**
 * lf_contact_store_find_by_email:
 *
 * Returns: (transfer none) (nullable): the first contact with @email (case-insensitive)
 */
LfContact *
lf_contact_store_find_by_email (LfContactStore *self,
                                const char     *email)
{
  g_return_val_if_fail (LF_IS_CONTACT_STORE (self), NULL);
  g_return_val_if_fail (email != NULL, NULL);

  for (guint i = 0; i < self->contacts->len; i++)
    {
      const char * const *emails = lf_contact_get_emails (self->contacts->pdata[i]);

      for (guint j = 0; emails[j] != NULL; j++)
        if (g_ascii_strcasecmp (emails[j], email) == 0)
          return self->contacts->pdata[i];
    }

  return NULL;
}

/**
 * lf_contact_store_get_for_platform:
 * @platform_id: a catalog id such as "upwork"
 *
 * Returns: (transfer container) (element-type LfContact): the clients who work with you
 *   through @platform_id, in the store's order
 */
GPtrArray *
lf_contact_store_get_for_platform (LfContactStore *self,
                                   const char     *platform_id)
{
  GPtrArray *result;

  g_return_val_if_fail (LF_IS_CONTACT_STORE (self), NULL);
  g_return_val_if_fail (platform_id != NULL, NULL);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->contacts->len; i++)
    if (lf_contact_has_platform (self->contacts->pdata[i], platform_id))
      g_ptr_array_add (result, g_object_ref (self->contacts->pdata[i]));

  return result;
}
