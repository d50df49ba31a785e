/* lf-diagnosis.c — one verdict for the whole picture: my network, a provider, or a platform
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-diagnosis"

#include "config.h"

#include "lf-diagnosis.h"

#include <glib/gi18n.h>

/* The rules of DESIGN.md, "Diagnosis", as one pure function:
 *
 *  - offline:          GNetworkMonitor says there is no network;
 *  - local-network:    every reference failed (platforms are unknown, nothing is down);
 *  - provider-outage:  at least two platforms behind one provider fail with cdn-edge, or the
 *                      provider's own status source reports a major incident;
 *  - platform-outage:  some platform is down or degraded;
 *  - all-clear:        otherwise.
 *
 * The broadest that applies wins (the enumeration is ordered); the summary still names every
 * affected platform.
 */

struct _LfDiagnosis
{
  GObject          parent_instance;

  LfDiagnosisKind  kind;
  char            *provider_id;
  char            *provider_name;
  GStrv            affected;
  char            *summary;
};

G_DEFINE_FINAL_TYPE (LfDiagnosis, lf_diagnosis, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_PROVIDER_ID,
  PROP_PROVIDER_NAME,
  PROP_AFFECTED,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static gboolean
is_failing (const LfDiagnosisPlatform *platform)
{
  return platform->state == LF_STATE_DOWN || platform->state == LF_STATE_DEGRADED;
}

static gboolean
sits_behind (const LfDiagnosisPlatform *platform,
             const char                *provider_id)
{
  if (platform->providers == NULL)
    return FALSE;

  return g_strv_contains (platform->providers, provider_id);
}

static const char *
display_name (const LfDiagnosisPlatform *platform)
{
  return platform->name != NULL ? platform->name : platform->id;
}

/* "Upwork", "Upwork and Fiverr", "Upwork, Fiverr and Slack" */
static char *
join_names (GPtrArray *names)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0 && i == names->len - 1)
        /* Translators: the separator before the last name of a list, with its spaces */
        g_string_append (out, _(" and "));
      else if (i > 0)
        /* Translators: the separator between names of a list, with its spaces */
        g_string_append (out, _(", "));
      g_string_append (out, g_ptr_array_index (names, i));
    }

  return g_string_free (out, FALSE);
}

static void
collect_provider_ids (const LfDiagnosisInput *input,
                      GPtrArray              *ids)
{
  for (guint i = 0; i < input->n_providers; i++)
    if (input->providers[i].id != NULL
        && !g_ptr_array_find_with_equal_func (ids, input->providers[i].id, g_str_equal, NULL))
      g_ptr_array_add (ids, (gpointer) input->providers[i].id);

  for (guint i = 0; i < input->n_platforms; i++)
    {
      const char * const *p = input->platforms[i].providers;

      for (guint j = 0; p != NULL && p[j] != NULL; j++)
        if (!g_ptr_array_find_with_equal_func (ids, p[j], g_str_equal, NULL))
          g_ptr_array_add (ids, (gpointer) p[j]);
    }
}

static const LfDiagnosisProvider *
find_provider (const LfDiagnosisInput *input,
               const char             *id)
{
  for (guint i = 0; i < input->n_providers; i++)
    if (g_strcmp0 (input->providers[i].id, id) == 0)
      return &input->providers[i];

  return NULL;
}

/* Picks the provider whose outage explains the most: it qualifies with two cdn-edge failures
 * behind it or a major incident on its own status source (and at least one watched platform
 * behind it); among those, the one with the most failing platforms behind it wins. */
static const char *
find_provider_outage (const LfDiagnosisInput *input,
                      guint                  *n_failing_out)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  const char *best = NULL;
  int best_score = -1;

  collect_provider_ids (input, ids);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      const LfDiagnosisProvider *provider = find_provider (input, id);
      gboolean major = provider != NULL && provider->severity == LF_SEVERITY_MAJOR;
      guint n_behind = 0;
      guint n_edge = 0;
      guint n_failing = 0;
      int score;

      for (guint j = 0; j < input->n_platforms; j++)
        {
          const LfDiagnosisPlatform *platform = &input->platforms[j];

          if (!sits_behind (platform, id))
            continue;

          n_behind++;
          if (is_failing (platform))
            {
              n_failing++;
              if (platform->cause == LF_CAUSE_CDN_EDGE)
                n_edge++;
            }
        }

      if (n_behind == 0 || (n_edge < 2 && !major))
        continue;

      score = (int) n_failing * 2 + (major ? 1 : 0);
      if (score > best_score)
        {
          best = id;
          best_score = score;
          *n_failing_out = n_failing;
        }
    }

  return best;
}

static char *
describe_platform_outage (GPtrArray *down,
                          GPtrArray *degraded)
{
  g_autofree char *down_names = join_names (down);
  g_autofree char *degraded_names = join_names (degraded);
  g_autofree char *down_text = NULL;
  g_autofree char *degraded_text = NULL;

  if (down->len > 0)
    /* Translators: %s is one platform or a list of platforms */
    down_text = g_strdup_printf (ngettext ("%s is down", "%s are down", down->len),
                                 down_names);
  if (degraded->len > 0)
    /* Translators: %s is one platform or a list of platforms */
    degraded_text = g_strdup_printf (ngettext ("%s is having problems",
                                               "%s are having problems", degraded->len),
                                     degraded_names);

  if (down_text != NULL && degraded_text != NULL)
    /* Translators: two sentences joined, e.g. "Upwork is down; Slack is having problems" */
    return g_strdup_printf (_("%s; %s"), down_text, degraded_text);

  return g_strdup (down_text != NULL ? down_text : degraded_text);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject overrides                                                                            */
/* ------------------------------------------------------------------------------------------ */

static void
lf_diagnosis_finalize (GObject *object)
{
  LfDiagnosis *self = LF_DIAGNOSIS (object);

  g_clear_pointer (&self->provider_id, g_free);
  g_clear_pointer (&self->provider_name, g_free);
  g_clear_pointer (&self->affected, g_strfreev);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (lf_diagnosis_parent_class)->finalize (object);
}

static void
lf_diagnosis_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LfDiagnosis *self = LF_DIAGNOSIS (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_PROVIDER_ID:
      g_value_set_string (value, self->provider_id);
      break;
    case PROP_PROVIDER_NAME:
      g_value_set_string (value, self->provider_name);
      break;
    case PROP_AFFECTED:
      g_value_set_boxed (value, self->affected);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lf_diagnosis_class_init (LfDiagnosisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lf_diagnosis_finalize;
  object_class->get_property = lf_diagnosis_get_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, LF_TYPE_DIAGNOSIS_KIND, LF_DIAGNOSIS_ALL_CLEAR,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROVIDER_ID] =
    g_param_spec_string ("provider-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROVIDER_NAME] =
    g_param_spec_string ("provider-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AFFECTED] =
    g_param_spec_boxed ("affected", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lf_diagnosis_init (LfDiagnosis *self)
{
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/**
 * lf_diagnosis_new:
 * @kind: the kind of diagnosis
 * @provider_id: (nullable): the provider at fault, for %LF_DIAGNOSIS_PROVIDER_OUTAGE
 * @provider_name: (nullable): its name
 * @affected: (nullable): ids of the affected platforms
 * @summary: one line for people
 *
 * Returns: (transfer full): a new, immutable diagnosis
 */
LfDiagnosis *
lf_diagnosis_new (LfDiagnosisKind     kind,
                  const char         *provider_id,
                  const char         *provider_name,
                  const char * const *affected,
                  const char         *summary)
{
  LfDiagnosis *self;

  g_return_val_if_fail (summary != NULL, NULL);

  self = g_object_new (LF_TYPE_DIAGNOSIS, NULL);
  self->kind = kind;
  self->provider_id = g_strdup (provider_id);
  self->provider_name = g_strdup (provider_name != NULL ? provider_name : provider_id);
  self->affected = affected != NULL ? g_strdupv ((char **) affected) : g_new0 (char *, 1);
  self->summary = g_strdup (summary);

  return self;
}

/**
 * lf_diagnosis_compute:
 * @input: the picture: network, references, platforms and providers
 *
 * Applies the diagnosis rules of DESIGN.md. Pure: depends on @input only.
 *
 * Returns: (transfer full): the diagnosis
 */
LfDiagnosis *
lf_diagnosis_compute (const LfDiagnosisInput *input)
{
  g_autoptr(GPtrArray) affected = g_ptr_array_new ();
  g_autoptr(GPtrArray) down = g_ptr_array_new ();
  g_autoptr(GPtrArray) degraded = g_ptr_array_new ();
  g_autofree char *summary = NULL;
  const char *provider_id;
  guint n_failing = 0;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (input->n_platforms == 0 || input->platforms != NULL, NULL);
  g_return_val_if_fail (input->n_providers == 0 || input->providers != NULL, NULL);

  if (!input->network_available)
    return lf_diagnosis_new (LF_DIAGNOSIS_OFFLINE, NULL, NULL, NULL,
                             _("You are offline — platforms are probably fine"));

  if (input->n_references > 0 && input->n_references_ok == 0)
    return lf_diagnosis_new (LF_DIAGNOSIS_LOCAL_NETWORK, NULL, NULL, NULL,
                             _("Your connection seems down — platforms are probably fine"));

  for (guint i = 0; i < input->n_platforms; i++)
    {
      const LfDiagnosisPlatform *platform = &input->platforms[i];

      if (!is_failing (platform))
        continue;

      g_ptr_array_add (affected, (gpointer) platform->id);
    }
  g_ptr_array_add (affected, NULL);

  provider_id = find_provider_outage (input, &n_failing);
  if (provider_id != NULL)
    {
      const LfDiagnosisProvider *provider = find_provider (input, provider_id);
      const char *provider_name = provider != NULL && provider->name != NULL
                                  ? provider->name : provider_id;
      g_autoptr(GPtrArray) behind = g_ptr_array_new ();
      g_autoptr(GPtrArray) others = g_ptr_array_new ();
      g_autofree char *behind_names = NULL;
      g_autofree char *others_names = NULL;
      g_autofree char *main_text = NULL;

      for (guint i = 0; i < input->n_platforms; i++)
        {
          const LfDiagnosisPlatform *platform = &input->platforms[i];

          if (!is_failing (platform))
            continue;
          if (sits_behind (platform, provider_id))
            g_ptr_array_add (behind, (gpointer) display_name (platform));
          else
            g_ptr_array_add (others, (gpointer) display_name (platform));
        }

      behind_names = join_names (behind);
      others_names = join_names (others);

      if (behind->len > 0)
        /* Translators: "Cloudflare is having an outage: Upwork and Fiverr are affected" */
        main_text = g_strdup_printf (ngettext ("%s is having an outage: %s is affected",
                                               "%s is having an outage: %s are affected",
                                               behind->len),
                                     provider_name, behind_names);
      else
        /* Translators: %s is a provider, e.g. Cloudflare */
        main_text = g_strdup_printf (_("%s reports a major outage; your platforms behind it "
                                       "still answer"), provider_name);

      if (others->len > 0)
        /* Translators: the first %s is a sentence, the second one or more platforms */
        summary = g_strdup_printf (_("%s. Also failing: %s"), main_text, others_names);
      else
        summary = g_steal_pointer (&main_text);

      return lf_diagnosis_new (LF_DIAGNOSIS_PROVIDER_OUTAGE, provider_id, provider_name,
                               (const char * const *) affected->pdata, summary);
    }

  for (guint i = 0; i < input->n_platforms; i++)
    {
      const LfDiagnosisPlatform *platform = &input->platforms[i];

      if (platform->state == LF_STATE_DOWN)
        g_ptr_array_add (down, (gpointer) display_name (platform));
      else if (platform->state == LF_STATE_DEGRADED)
        g_ptr_array_add (degraded, (gpointer) display_name (platform));
    }

  if (down->len > 0 || degraded->len > 0)
    {
      summary = describe_platform_outage (down, degraded);
      return lf_diagnosis_new (LF_DIAGNOSIS_PLATFORM_OUTAGE, NULL, NULL,
                               (const char * const *) affected->pdata, summary);
    }

  if (input->n_platforms == 0)
    return lf_diagnosis_new (LF_DIAGNOSIS_ALL_CLEAR, NULL, NULL, NULL,
                             _("No platform is watched yet"));

  return lf_diagnosis_new (LF_DIAGNOSIS_ALL_CLEAR, NULL, NULL, NULL,
                           _("All clear: your platforms are working"));
}

LfDiagnosisKind
lf_diagnosis_get_kind (LfDiagnosis *self)
{
  g_return_val_if_fail (LF_IS_DIAGNOSIS (self), LF_DIAGNOSIS_ALL_CLEAR);

  return self->kind;
}

const char *
lf_diagnosis_get_provider_id (LfDiagnosis *self)
{
  g_return_val_if_fail (LF_IS_DIAGNOSIS (self), NULL);

  return self->provider_id;
}

const char *
lf_diagnosis_get_provider_name (LfDiagnosis *self)
{
  g_return_val_if_fail (LF_IS_DIAGNOSIS (self), NULL);

  return self->provider_name;
}

/**
 * lf_diagnosis_get_affected:
 *
 * Returns: (transfer none): the ids of the affected platforms, never %NULL
 */
const char * const *
lf_diagnosis_get_affected (LfDiagnosis *self)
{
  g_return_val_if_fail (LF_IS_DIAGNOSIS (self), NULL);

  return (const char * const *) self->affected;
}

const char *
lf_diagnosis_get_summary (LfDiagnosis *self)
{
  g_return_val_if_fail (LF_IS_DIAGNOSIS (self), NULL);

  return self->summary;
}

/**
 * lf_diagnosis_is_alarm:
 *
 * Returns: %TRUE for a platform or provider outage, the diagnoses that raise an alarm
 */
gboolean
lf_diagnosis_is_alarm (LfDiagnosis *self)
{
  g_return_val_if_fail (LF_IS_DIAGNOSIS (self), FALSE);

  return self->kind == LF_DIAGNOSIS_PLATFORM_OUTAGE || self->kind == LF_DIAGNOSIS_PROVIDER_OUTAGE;
}

gboolean
lf_diagnosis_equal (LfDiagnosis *a,
                    LfDiagnosis *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return a->kind == b->kind
         && g_strcmp0 (a->provider_id, b->provider_id) == 0
         && g_strv_equal ((const char * const *) a->affected, (const char * const *) b->affected)
         && g_strcmp0 (a->summary, b->summary) == 0;
}
