/* lf-types.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-types"

#include "config.h"

#include "lf-types.h"

#include <glib/gi18n.h>

/* The nicks are the stable strings of DESIGN.md (JSON, history, the command line). */

static const GEnumValue cause_values[] = {
  { LF_CAUSE_NONE, "LF_CAUSE_NONE", "none" },
  { LF_CAUSE_DNS, "LF_CAUSE_DNS", "dns" },
  { LF_CAUSE_CONNECT, "LF_CAUSE_CONNECT", "connect" },
  { LF_CAUSE_TLS, "LF_CAUSE_TLS", "tls" },
  { LF_CAUSE_TIMEOUT, "LF_CAUSE_TIMEOUT", "timeout" },
  { LF_CAUSE_HTTP_ERROR, "LF_CAUSE_HTTP_ERROR", "http-error" },
  { LF_CAUSE_CDN_EDGE, "LF_CAUSE_CDN_EDGE", "cdn-edge" },
  { LF_CAUSE_ORIGIN_VIA_CDN, "LF_CAUSE_ORIGIN_VIA_CDN", "origin-via-cdn" },
  { LF_CAUSE_BLOCKED, "LF_CAUSE_BLOCKED", "blocked" },
  { LF_CAUSE_SLOW, "LF_CAUSE_SLOW", "slow" },
  { LF_CAUSE_STATUS_PAGE, "LF_CAUSE_STATUS_PAGE", "status-page" },
  { LF_CAUSE_NETWORK, "LF_CAUSE_NETWORK", "network" },
  { 0, NULL, NULL }
};

static const GEnumValue state_values[] = {
  { LF_STATE_UNKNOWN, "LF_STATE_UNKNOWN", "unknown" },
  { LF_STATE_UP, "LF_STATE_UP", "up" },
  { LF_STATE_DEGRADED, "LF_STATE_DEGRADED", "degraded" },
  { LF_STATE_MAINTENANCE, "LF_STATE_MAINTENANCE", "maintenance" },
  { LF_STATE_DOWN, "LF_STATE_DOWN", "down" },
  { 0, NULL, NULL }
};

static const GEnumValue severity_values[] = {
  { LF_SEVERITY_UNKNOWN, "LF_SEVERITY_UNKNOWN", "unknown" },
  { LF_SEVERITY_OPERATIONAL, "LF_SEVERITY_OPERATIONAL", "operational" },
  { LF_SEVERITY_MAINTENANCE, "LF_SEVERITY_MAINTENANCE", "maintenance" },
  { LF_SEVERITY_DEGRADED, "LF_SEVERITY_DEGRADED", "degraded" },
  { LF_SEVERITY_PARTIAL, "LF_SEVERITY_PARTIAL", "partial" },
  { LF_SEVERITY_MAJOR, "LF_SEVERITY_MAJOR", "major" },
  { 0, NULL, NULL }
};

static const GEnumValue diagnosis_values[] = {
  { LF_DIAGNOSIS_ALL_CLEAR, "LF_DIAGNOSIS_ALL_CLEAR", "all-clear" },
  { LF_DIAGNOSIS_PLATFORM_OUTAGE, "LF_DIAGNOSIS_PLATFORM_OUTAGE", "platform-outage" },
  { LF_DIAGNOSIS_PROVIDER_OUTAGE, "LF_DIAGNOSIS_PROVIDER_OUTAGE", "provider-outage" },
  { LF_DIAGNOSIS_LOCAL_NETWORK, "LF_DIAGNOSIS_LOCAL_NETWORK", "local-network" },
  { LF_DIAGNOSIS_OFFLINE, "LF_DIAGNOSIS_OFFLINE", "offline" },
  { 0, NULL, NULL }
};

#define DEFINE_ENUM_TYPE(func, Name, values)                                  \
  GType                                                                       \
  func (void)                                                                 \
  {                                                                           \
    static gsize type_id;                                                     \
                                                                              \
    if (g_once_init_enter (&type_id))                                         \
      g_once_init_leave (&type_id, g_enum_register_static (Name, values));    \
                                                                              \
    return type_id;                                                           \
  }

DEFINE_ENUM_TYPE (lf_cause_get_type, "LfCause", cause_values)
DEFINE_ENUM_TYPE (lf_state_get_type, "LfState", state_values)
DEFINE_ENUM_TYPE (lf_severity_get_type, "LfSeverity", severity_values)
DEFINE_ENUM_TYPE (lf_diagnosis_kind_get_type, "LfDiagnosisKind", diagnosis_values)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_enum_values_get_nick:
 * @values: a #GEnumValue table ending with a %NULL nick
 * @value: a value
 *
 * Returns: (nullable): the nick of @value in @values: the string used in Lifeline's files
 */
const char *
lf_enum_values_get_nick (const GEnumValue *values,
                         int               value)
{
  g_return_val_if_fail (values != NULL, NULL);

  for (guint i = 0; values[i].value_nick != NULL; i++)
    if (values[i].value == value)
      return values[i].value_nick;

  return NULL;
}

/**
 * lf_enum_values_lookup:
 * @values: a #GEnumValue table ending with a %NULL nick
 * @nick: (nullable): a nick read from a file
 * @value: (out): the value of @nick
 *
 * Returns: whether @nick is one of @values (an unknown or %NULL nick is %FALSE)
 */
gboolean
lf_enum_values_lookup (const GEnumValue *values,
                       const char       *nick,
                       int              *value)
{
  g_return_val_if_fail (values != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (nick == NULL)
    return FALSE;

  for (guint i = 0; values[i].value_nick != NULL; i++)
    {
      if (g_str_equal (values[i].value_nick, nick))
        {
          *value = values[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
lf_cause_to_string (LfCause cause)
{
  return lf_enum_values_get_nick (cause_values, cause);
}

gboolean
lf_cause_from_string (const char *str,
                      LfCause    *cause)
{
  int value;

  g_return_val_if_fail (cause != NULL, FALSE);

  if (!lf_enum_values_lookup (cause_values, str, &value))
    return FALSE;

  *cause = value;
  return TRUE;
}

/**
 * lf_cause_describe:
 * @cause: a #LfCause
 *
 * Returns: the cause in plain, translated words, for people
 */
const char *
lf_cause_describe (LfCause cause)
{
  switch (cause)
    {
    case LF_CAUSE_NONE:
      return _("Working normally");
    case LF_CAUSE_DNS:
      return _("The name does not resolve");
    case LF_CAUSE_CONNECT:
      return _("The connection is refused");
    case LF_CAUSE_TLS:
      return _("The secure connection failed");
    case LF_CAUSE_TIMEOUT:
      return _("No answer in time");
    case LF_CAUSE_HTTP_ERROR:
      return _("The platform’s servers return errors");
    case LF_CAUSE_CDN_EDGE:
      return _("The CDN in front of it returns errors");
    case LF_CAUSE_ORIGIN_VIA_CDN:
      return _("The CDN cannot reach the platform’s servers");
    case LF_CAUSE_BLOCKED:
      return _("A bot check or rate limit answered");
    case LF_CAUSE_SLOW:
      return _("Answering slowly");
    case LF_CAUSE_STATUS_PAGE:
      return _("Its status page reports a problem");
    case LF_CAUSE_NETWORK:
      return _("Your connection seems down");
    default:
      return _("Unknown");
    }
}

const char *
lf_state_to_string (LfState state)
{
  return lf_enum_values_get_nick (state_values, state);
}

gboolean
lf_state_from_string (const char *str,
                      LfState    *state)
{
  int value;

  g_return_val_if_fail (state != NULL, FALSE);

  if (!lf_enum_values_lookup (state_values, str, &value))
    return FALSE;

  *state = value;
  return TRUE;
}

/**
 * lf_state_get_rank:
 *
 * Returns: where a platform in @state sorts: problems first (down, degraded, maintenance,
 *   unknown, up)
 */
int
lf_state_get_rank (LfState state)
{
  switch (state)
    {
    case LF_STATE_DOWN:
      return 0;
    case LF_STATE_DEGRADED:
      return 1;
    case LF_STATE_MAINTENANCE:
      return 2;
    case LF_STATE_UNKNOWN:
      return 3;
    case LF_STATE_UP:
    default:
      return 4;
    }
}

/**
 * lf_state_worst:
 * @a: a state
 * @b: another state
 *
 * Returns: the worse of the two, by lf_state_get_rank(): the one state ranking of the whole
 *   program (the Health page's order, the tray's icon, `--check`'s exit code)
 */
LfState
lf_state_worst (LfState a,
                LfState b)
{
  return lf_state_get_rank (b) < lf_state_get_rank (a) ? b : a;
}

/**
 * lf_state_describe:
 * @state: a #LfState
 *
 * Returns: the state as a translated word, for people ("Up", "Down", …)
 */
const char *
lf_state_describe (LfState state)
{
  switch (state)
    {
    case LF_STATE_UP:
      return C_("platform state", "Up");
    case LF_STATE_DEGRADED:
      return C_("platform state", "Degraded");
    case LF_STATE_MAINTENANCE:
      return C_("platform state", "Maintenance");
    case LF_STATE_DOWN:
      return C_("platform state", "Down");
    case LF_STATE_UNKNOWN:
    default:
      return C_("platform state", "Unknown");
    }
}

const char *
lf_severity_to_string (LfSeverity severity)
{
  return lf_enum_values_get_nick (severity_values, severity);
}

gboolean
lf_severity_from_string (const char *str,
                         LfSeverity *severity)
{
  int value;

  g_return_val_if_fail (severity != NULL, FALSE);

  if (!lf_enum_values_lookup (severity_values, str, &value))
    return FALSE;

  *severity = value;
  return TRUE;
}

const char *
lf_diagnosis_kind_to_string (LfDiagnosisKind kind)
{
  return lf_enum_values_get_nick (diagnosis_values, kind);
}

/**
 * lf_diagnosis_kind_describe:
 *
 * Returns: the diagnosis in plain, translated words, for people ("Your network has a
 *   problem", not `local-network`); the titles of the help pages
 */
const char *
lf_diagnosis_kind_describe (LfDiagnosisKind kind)
{
  switch (kind)
    {
    case LF_DIAGNOSIS_ALL_CLEAR:
      return _("All clear");
    case LF_DIAGNOSIS_PLATFORM_OUTAGE:
      return _("A platform has an outage");
    case LF_DIAGNOSIS_PROVIDER_OUTAGE:
      return _("A provider has an outage");
    case LF_DIAGNOSIS_LOCAL_NETWORK:
      return _("Your network has a problem");
    case LF_DIAGNOSIS_OFFLINE:
      return _("You are offline");
    default:
      return _("Unknown");
    }
}

/**
 * lf_diagnosis_kind_is_local:
 *
 * Returns: whether @kind blames the user's own connection (local-network, offline): then
 *   nothing checked through it says anything about platforms or providers
 */
gboolean
lf_diagnosis_kind_is_local (LfDiagnosisKind kind)
{
  return kind == LF_DIAGNOSIS_LOCAL_NETWORK || kind == LF_DIAGNOSIS_OFFLINE;
}

gboolean
lf_diagnosis_kind_from_string (const char      *str,
                               LfDiagnosisKind *kind)
{
  int value;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (!lf_enum_values_lookup (diagnosis_values, str, &value))
    return FALSE;

  *kind = value;
  return TRUE;
}
