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

/**
 * lf_cli_load_profile:
 * @error: why the user's own details cannot be read from the keyring
 *
 * Loads the user's own details (not part of a context: they are read when a notice or an
 * export needs them), waiting for them.
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with @error set
 */
LfProfile *
lf_cli_load_profile (GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lf_profile_load_async (NULL, store_result_cb, &result);
  lf_cli_contacts_wait (&result);
  return lf_profile_load_finish (result, error);
}

/**
 * lf_cli_context_load_plan:
 * @context: the command's context
 * @error: why the plan cannot be read
 *
 * Loads the context's contingency plan (the default one when none was saved), waiting for
 * it.
 *
 * Returns: %TRUE when the plan is there
 */
gboolean
lf_cli_context_load_plan (LfContext  *context,
                          GError    **error)
{
  LfPlan *plan = lf_context_get_plan (context);
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (LF_IS_CONTEXT (context), FALSE);

  lf_plan_load_async (plan, NULL, store_result_cb, &result);
  lf_cli_contacts_wait (&result);
  return lf_plan_load_finish (plan, result, error);
}

/**
 * lf_cli_context_load_notices:
 * @context: the command's context
 * @error: why the channels or the templates cannot be read
 *
 * Loads the context's notice channels and templates.
 *
 * Returns: %TRUE when both were read
 */
gboolean
lf_cli_context_load_notices (LfContext  *context,
                             GError    **error)
{
  g_return_val_if_fail (LF_IS_CONTEXT (context), FALSE);

  return lf_channel_store_load (lf_context_get_channel_store (context), error) &&
         lf_template_store_load (lf_context_get_template_store (context), error);
}

/**
 * lf_cli_context_load_contacts:
 * @context: the command's context
 * @error: why the client directory cannot be read (no keyring, locked)
 *
 * Loads the context's client directory from the keyring, waiting for it.
 *
 * Returns: %TRUE when the clients are there
 */
gboolean
lf_cli_context_load_contacts (LfContext  *context,
                              GError    **error)
{
  LfContactStore *store = lf_context_get_contact_store (context);
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (LF_IS_CONTEXT (context), FALSE);

  lf_contact_store_load_async (store, NULL, store_result_cb, &result);
  lf_cli_contacts_wait (&result);
  return lf_contact_store_load_finish (store, result, error);
}

/**
 * lf_cli_context_load_history:
 * @context: the command's context
 * @error: why the history could not be read (it is then empty or partial)
 *
 * Loads the context's health history, waiting for it.
 *
 * Returns: %TRUE when it was read whole
 */
gboolean
lf_cli_context_load_history (LfContext  *context,
                             GError    **error)
{
  LfHistory *history = lf_context_get_history (context);
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (LF_IS_CONTEXT (context), FALSE);

  lf_history_load_async (history, NULL, store_result_cb, &result);
  lf_cli_contacts_wait (&result);
  return lf_history_load_finish (history, result, error);
}

/**
 * lf_cli_context_load_incidents:
 * @context: the command's context
 * @error: why the plan or the incident log could not be read (a damaged file is set aside)
 *
 * Loads the context's plan and incident log, waiting for them.
 *
 * Returns: %TRUE when both were read
 */
gboolean
lf_cli_context_load_incidents (LfContext  *context,
                               GError    **error)
{
  LfPlan *plan = lf_context_get_plan (context);
  LfIncidentLog *log = lf_context_get_incident_log (context);
  g_autoptr(GAsyncResult) plan_result = NULL;
  g_autoptr(GAsyncResult) log_result = NULL;
  g_autoptr(GError) plan_error = NULL;
  gboolean log_ok;

  g_return_val_if_fail (LF_IS_CONTEXT (context), FALSE);

  lf_plan_load_async (plan, NULL, store_result_cb, &plan_result);
  lf_incident_log_load_async (log, NULL, store_result_cb, &log_result);
  lf_cli_contacts_wait (&plan_result);
  lf_cli_contacts_wait (&log_result);

  log_ok = lf_incident_log_load_finish (log, log_result, error);
  if (!lf_plan_load_finish (plan, plan_result, &plan_error))
    {
      if (log_ok)
        g_propagate_error (error, g_steal_pointer (&plan_error));
      return FALSE;
    }

  return log_ok;
}
