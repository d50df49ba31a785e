/* lf-cli-contacts.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-cli"

#include "config.h"

#include "lf-cli-contacts.h"

/* The command line may block: it runs the asynchronous keyring calls to completion by
 * iterating the default main context. */

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/**
 * lf_cli_contacts_wait:
 * @result: a location that a callback fills
 *
 * Iterates the default main context until *@result is set.
 */
void
lf_cli_contacts_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

LfContactStore *
lf_cli_contacts_load_store (GError **error)
{
  g_autoptr(LfContactStore) store = lf_contact_store_new ();
  g_autoptr(GAsyncResult) result = NULL;

  lf_contact_store_load_async (store, NULL, store_result_cb, &result);
  lf_cli_contacts_wait (&result);
  if (!lf_contact_store_load_finish (store, result, error))
    return NULL;

  return g_steal_pointer (&store);
}

LfProfile *
lf_cli_contacts_load_profile (GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lf_profile_load_async (NULL, store_result_cb, &result);
  lf_cli_contacts_wait (&result);
  return lf_profile_load_finish (result, error);
}

/**
 * lf_cli_load_plan:
 *
 * Loads the user's contingency plan (the default one when none was saved), waiting for it.
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL with @error set
 */
LfPlan *
lf_cli_load_plan (GError **error)
{
  g_autoptr(LfPlan) plan = lf_plan_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;

  lf_plan_load_async (plan, NULL, store_result_cb, &result);
  lf_cli_contacts_wait (&result);
  if (!lf_plan_load_finish (plan, result, error))
    return NULL;

  return g_steal_pointer (&plan);
}
