/* lf-drill-scenario.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-drill-scenario"

#include "config.h"

#include "lf-drill-scenario.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lf-data-resources.h"
#include "lf-storage.h"

/* A fire-drill scenario is a list of phases on the real clock of the outage it replays
 * (start … end), mapped linearly onto the drill's own duration. In each phase, <answer>
 * rules say what a probe of a reference or platform gets, and <status> rules what a status
 * source says; the first matching rule wins. Notes, titles and summaries are translatable
 * (po/its rules) and translated when the scenario is read.
 *
 * Nothing here touches the network: the drill backend turns answers into probe results and
 * status reports for the real monitor.
 */

#define DRILLS_PATH "/io/github/lifeline/Lifeline/data/drills/"
#define MAX_DURATION_S (60 * 60)

typedef struct
{
  char          *selector;
  LfDrillAnswer  answer;
} AnswerRule;

typedef struct
{
  char          *selector;
  LfDrillStatus  status;
} StatusRule;

typedef struct
{
  GDateTime *time;
  guint      offset_ms;
  char      *note;
  GPtrArray *answers;   /* AnswerRule */
  GPtrArray *statuses;  /* StatusRule */
} Phase;

struct _LfDrillScenario
{
  GObject     parent_instance;

  char       *id;
  char       *title;
  char       *summary;
  char       *provider;
  char      **platforms;
  guint       duration_ms;
  GDateTime  *start;
  GDateTime  *end;
  GPtrArray  *phases;   /* Phase */
};

G_DEFINE_FINAL_TYPE (LfDrillScenario, lf_drill_scenario, G_TYPE_OBJECT)

G_DEFINE_QUARK (lf-drill-error-quark, lf_drill_error)

static const LfDrillAnswer good_answer = { 200, LF_CAUSE_NONE, NULL, FALSE, NULL, 150 };

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
answer_rule_free (gpointer data)
{
  AnswerRule *rule = data;

  g_free (rule->selector);
  g_free (rule->answer.cdn);
  g_free (rule->answer.error_code);
  g_free (rule);
}

static void
drill_incident_free (gpointer data)
{
  LfDrillIncident *incident = data;

  g_free (incident->title);
  g_free (incident->url);
  g_free (incident);
}

static void
status_rule_free (gpointer data)
{
  StatusRule *rule = data;

  g_free (rule->selector);
  g_ptr_array_unref (rule->status.incidents);
  g_free (rule);
}

static void
phase_free (gpointer data)
{
  Phase *phase = data;

  g_clear_pointer (&phase->time, g_date_time_unref);
  g_free (phase->note);
  g_ptr_array_unref (phase->answers);
  g_ptr_array_unref (phase->statuses);
  g_free (phase);
}

static char *
normalize_space (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }

  return g_string_free (out, FALSE);
}

static gboolean
valid_selector (const char *selector,
                gboolean    for_status)
{
  if (g_str_equal (selector, "*"))
    return TRUE;
  if (g_str_has_prefix (selector, "platform:") && selector[9] != '\0')
    return TRUE;
  if (g_str_has_prefix (selector, "provider:") && selector[9] != '\0'
      && strchr (selector, '*') == NULL)
    return TRUE;
  if (!for_status && g_str_has_prefix (selector, "reference:") && selector[10] != '\0')
    return TRUE;

  return FALSE;
}

static gboolean
selector_matches_probe (const char         *selector,
                        LfDrillTargetKind   kind,
                        const char         *id,
                        const char * const *providers)
{
  if (g_str_equal (selector, "*"))
    return TRUE;

  if (kind == LF_DRILL_TARGET_REFERENCE && g_str_has_prefix (selector, "reference:"))
    return g_str_equal (selector + 10, "*") || g_strcmp0 (selector + 10, id) == 0;

  if (kind == LF_DRILL_TARGET_PLATFORM && g_str_has_prefix (selector, "platform:"))
    return g_str_equal (selector + 9, "*") || g_strcmp0 (selector + 9, id) == 0;

  if (kind == LF_DRILL_TARGET_PLATFORM && g_str_has_prefix (selector, "provider:"))
    return providers != NULL && g_strv_contains (providers, selector + 9);

  return FALSE;
}

static gboolean
selector_matches_status (const char        *selector,
                         LfDrillTargetKind  kind,
                         const char        *id)
{
  if (g_str_equal (selector, "*"))
    return TRUE;

  if (kind == LF_DRILL_TARGET_PLATFORM && g_str_has_prefix (selector, "platform:"))
    return g_str_equal (selector + 9, "*") || g_strcmp0 (selector + 9, id) == 0;

  if (kind == LF_DRILL_TARGET_PROVIDER && g_str_has_prefix (selector, "provider:"))
    return g_strcmp0 (selector + 9, id) == 0;

  return FALSE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* ---- Parsing ---- */

typedef struct
{
  LfDrillScenario *scenario;
  Phase           *phase;
  StatusRule      *status;
  LfDrillIncident *incident;
  GString         *text;
  const char      *element;   /* "title", "summary", "note", "incident" or NULL */
  gboolean         in_drill;
} Parser;

static gboolean
parse_time (const char  *text,
            GDateTime  **out,
            GError     **error)
{
  *out = g_date_time_new_from_iso8601 (text, NULL);
  if (*out == NULL)
    g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                 "“%s” is not an ISO 8601 time", text);

  return *out != NULL;
}

static gboolean
parse_uint (const char  *text,
            guint        max,
            guint       *out,
            GError     **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &value, NULL))
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "“%s” is not a number from 0 to %u", text, max);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

static gboolean
parse_severity (const char  *text,
                LfSeverity  *out,
                GError     **error)
{
  if (!lf_severity_from_string (text, out))
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "Unknown severity “%s”", text);
      return FALSE;
    }

  return TRUE;
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  Parser *p = user_data;
  LfDrillScenario *s = p->scenario;

  if (g_str_equal (element, "lifeline"))
    return;

  if (g_str_equal (element, "drill"))
    {
      const char *id, *duration, *start, *end, *provider = NULL, *platforms = NULL;

      /* One drill a document: a second would overwrite (and leak) the first's fields. */
      if (s->id != NULL)
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "A scenario holds one <drill>");
          return;
        }

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "id", &id,
                                        G_MARKUP_COLLECT_STRING, "duration", &duration,
                                        G_MARKUP_COLLECT_STRING, "start", &start,
                                        G_MARKUP_COLLECT_STRING, "end", &end,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                        "provider", &provider,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                        "platforms", &platforms,
                                        G_MARKUP_COLLECT_INVALID))
        return;

      s->id = g_strdup (id);
      s->provider = g_strdup (provider);
      s->platforms = platforms != NULL ? g_strsplit (platforms, " ", -1) : g_new0 (char *, 1);
      if (!parse_uint (duration, MAX_DURATION_S, &s->duration_ms, error)
          || !parse_time (start, &s->start, error) || !parse_time (end, &s->end, error))
        return;
      s->duration_ms *= 1000;
      if (s->duration_ms == 0 || g_date_time_compare (s->start, s->end) >= 0)
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "The drill must last, and end after it starts");
          return;
        }
      p->in_drill = TRUE;
      return;
    }

  if (!p->in_drill)
    goto unexpected;

  if (p->phase == NULL && (g_str_equal (element, "title") || g_str_equal (element, "summary")))
    {
      p->element = g_str_equal (element, "title") ? "title" : "summary";
      g_string_truncate (p->text, 0);
      return;
    }

  if (g_str_equal (element, "phase") && p->phase == NULL)
    {
      const char *time;
      Phase *phase;
      GTimeSpan total, from_start;

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "time", &time,
                                        G_MARKUP_COLLECT_INVALID))
        return;

      phase = g_new0 (Phase, 1);
      phase->answers = g_ptr_array_new_with_free_func (answer_rule_free);
      phase->statuses = g_ptr_array_new_with_free_func (status_rule_free);
      g_ptr_array_add (s->phases, phase);
      p->phase = phase;
      if (!parse_time (time, &phase->time, error))
        return;

      total = g_date_time_difference (s->end, s->start);
      from_start = g_date_time_difference (phase->time, s->start);
      if (from_start < 0 || from_start > total)
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "Phase at %s is outside the drill", time);
          return;
        }
      phase->offset_ms = (guint) ((double) from_start / total * s->duration_ms);
      if (s->phases->len > 1)
        {
          Phase *before = g_ptr_array_index (s->phases, s->phases->len - 2);

          if (g_date_time_compare (before->time, phase->time) >= 0)
            {
              g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                           "Phases must be in time order (%s)", time);
              return;
            }
        }
      return;
    }

  if (p->phase != NULL && p->status == NULL && g_str_equal (element, "note"))
    {
      p->element = "note";
      g_string_truncate (p->text, 0);
      return;
    }

  if (p->phase != NULL && p->status == NULL && g_str_equal (element, "answer"))
    {
      const char *targets, *status = NULL, *cause = NULL, *cdn = NULL, *ray = NULL;
      const char *code = NULL, *latency = NULL;
      AnswerRule *rule;

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "targets", &targets,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                        "status", &status,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                        "cause", &cause,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                        "cdn", &cdn,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                        "ray", &ray,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                        "code", &code,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                        "latency", &latency,
                                        G_MARKUP_COLLECT_INVALID))
        return;

      rule = g_new0 (AnswerRule, 1);
      g_ptr_array_add (p->phase->answers, rule);
      rule->selector = g_strdup (targets);
      rule->answer.cdn = g_strdup (cdn);
      rule->answer.error_code = g_strdup (code);
      rule->answer.ray = g_strcmp0 (ray, "yes") == 0;
      rule->answer.latency_ms = good_answer.latency_ms;

      if (!valid_selector (targets, FALSE))
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "Unknown targets “%s”", targets);
          return;
        }
      if (status != NULL && !parse_uint (status, 599, &rule->answer.http_status, error))
        return;
      if (latency != NULL && !parse_uint (latency, 600000, &rule->answer.latency_ms, error))
        return;
      if (cause != NULL && !lf_cause_from_string (cause, &rule->answer.cause))
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "Unknown cause “%s”", cause);
          return;
        }
      if (rule->answer.http_status == 0 && rule->answer.cause == LF_CAUSE_NONE)
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_MISSING_ATTRIBUTE,
                       "An answer needs a status, a cause, or both (%s)", targets);
          return;
        }
      return;
    }

  if (p->phase != NULL && p->status == NULL && g_str_equal (element, "status"))
    {
      const char *source, *severity = NULL, *unreachable = NULL;
      StatusRule *rule;

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "source", &source,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                        "severity", &severity,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                        "unreachable", &unreachable,
                                        G_MARKUP_COLLECT_INVALID))
        return;

      rule = g_new0 (StatusRule, 1);
      g_ptr_array_add (p->phase->statuses, rule);
      rule->selector = g_strdup (source);
      rule->status.incidents = g_ptr_array_new_with_free_func (drill_incident_free);
      rule->status.unreachable = g_strcmp0 (unreachable, "yes") == 0;
      rule->status.severity = LF_SEVERITY_OPERATIONAL;
      p->status = rule;

      if (!valid_selector (source, TRUE))
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "Unknown source “%s”", source);
          return;
        }
      if (severity != NULL)
        parse_severity (severity, &rule->status.severity, error);
      return;
    }

  if (p->status != NULL && g_str_equal (element, "incident"))
    {
      const char *severity, *url = NULL;

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "severity", &severity,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                        "url", &url,
                                        G_MARKUP_COLLECT_INVALID))
        return;

      p->incident = g_new0 (LfDrillIncident, 1);
      g_ptr_array_add (p->status->status.incidents, p->incident);
      p->incident->url = g_strdup (url);
      if (!parse_severity (severity, &p->incident->severity, error))
        return;
      p->element = "incident";
      g_string_truncate (p->text, 0);
      return;
    }

unexpected:
  g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT,
               "Unexpected element <%s>", element);
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  Parser *p = user_data;
  LfDrillScenario *s = p->scenario;

  if (p->element != NULL && g_str_equal (element, p->element))
    {
      g_autofree char *msgid = normalize_space (p->text->str);

      /* Vendor-like incident titles are not ours to translate; the rest is. */
      if (g_str_equal (p->element, "incident"))
        p->incident->title = g_steal_pointer (&msgid);
      else
        {
          char *translated = g_strdup (msgid[0] != '\0' ? g_dgettext (GETTEXT_PACKAGE, msgid) : "");

          char **slot = g_str_equal (p->element, "title") ? &s->title
                        : g_str_equal (p->element, "summary") ? &s->summary : &p->phase->note;

          g_free (*slot);
          *slot = translated;
        }
      p->element = NULL;
      return;
    }

  if (g_str_equal (element, "status"))
    p->status = NULL;
  else if (g_str_equal (element, "phase"))
    p->phase = NULL;
  else if (g_str_equal (element, "drill"))
    p->in_drill = FALSE;
}

static void
text (GMarkupParseContext  *context,
      const char           *data,
      gsize                 length,
      gpointer              user_data,
      GError              **error)
{
  Parser *p = user_data;

  if (p->element != NULL)
    g_string_append_len (p->text, data, length);
}

static const GMarkupParser scenario_parser = {
  start_element,
  end_element,
  text,
  NULL,
  NULL,
};

/* ------------------------------------------------------------------------ */
/* GObject overrides                                                        */
/* ------------------------------------------------------------------------ */

static void
lf_drill_scenario_finalize (GObject *object)
{
  LfDrillScenario *self = LF_DRILL_SCENARIO (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->provider);
  g_strfreev (self->platforms);
  g_clear_pointer (&self->start, g_date_time_unref);
  g_clear_pointer (&self->end, g_date_time_unref);
  g_ptr_array_unref (self->phases);

  G_OBJECT_CLASS (lf_drill_scenario_parent_class)->finalize (object);
}

static void
lf_drill_scenario_class_init (LfDrillScenarioClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lf_drill_scenario_finalize;
}

static void
lf_drill_scenario_init (LfDrillScenario *self)
{
  self->phases = g_ptr_array_new_with_free_func (phase_free);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * lf_drill_scenario_list:
 *
 * Returns: (transfer full): the ids of the scenarios shipped with Lifeline, sorted
 */
char **
lf_drill_scenario_list (void)
{
  g_auto(GStrv) names = g_resource_enumerate_children (lf_data_get_resource (), DRILLS_PATH,
                                                       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".xml"))
      g_ptr_array_add (ids, g_strndup (names[i], strlen (names[i]) - 4));
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

/**
 * lf_drill_scenario_load:
 * @id: a scenario id, e.g. "cloudflare-2025-11-18"
 *
 * Returns: (transfer full) (nullable): the scenario, or %NULL with %LF_DRILL_ERROR_UNKNOWN_SCENARIO
 *   (naming the known ones)
 */
LfDrillScenario *
lf_drill_scenario_load (const char  *id,
                        GError     **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (id != NULL, NULL);

  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      goto unknown;

  name = g_strconcat ("drills/", id, ".xml", NULL);
  bytes = lf_storage_load_data (name, NULL);
  if (bytes == NULL)
    goto unknown;

  data = g_bytes_get_data (bytes, &length);
  return lf_drill_scenario_new_from_data (data, length, error);

unknown:
  {
    g_auto(GStrv) known = lf_drill_scenario_list ();
    g_autofree char *joined = g_strjoinv (", ", known);

    g_set_error (error, LF_DRILL_ERROR, LF_DRILL_ERROR_UNKNOWN_SCENARIO,
                 _("There is no drill called “%s”. Drills: %s."), id, joined);
    return NULL;
  }
}

LfDrillScenario *
lf_drill_scenario_new_from_data (const char  *data,
                                 gssize       length,
                                 GError     **error)
{
  g_autoptr(LfDrillScenario) self = g_object_new (LF_TYPE_DRILL_SCENARIO, NULL);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) local_error = NULL;
  Parser p = { 0 };

  g_return_val_if_fail (data != NULL, NULL);

  p.scenario = self;
  p.text = g_string_new (NULL);
  context = g_markup_parse_context_new (&scenario_parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &p, NULL);
  if (g_markup_parse_context_parse (context, data, length, &local_error)
      && g_markup_parse_context_end_parse (context, &local_error)
      && (self->id == NULL || self->title == NULL || self->phases->len == 0))
    g_set_error (&local_error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                 "A drill needs an id, a title and at least one phase");
  g_string_free (p.text, TRUE);

  if (local_error != NULL)
    {
      g_set_error (error, LF_DRILL_ERROR, LF_DRILL_ERROR_INVALID,
                   _("The drill scenario is invalid: %s"), local_error->message);
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
lf_drill_scenario_get_id (LfDrillScenario *self)
{
  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (self), NULL);
  return self->id;
}

const char *
lf_drill_scenario_get_title (LfDrillScenario *self)
{
  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (self), NULL);
  return self->title;
}

const char *
lf_drill_scenario_get_summary (LfDrillScenario *self)
{
  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (self), NULL);
  return self->summary != NULL ? self->summary : "";
}

/**
 * lf_drill_scenario_get_provider:
 *
 * Returns: (nullable): the provider the scenario is about
 */
const char *
lf_drill_scenario_get_provider (LfDrillScenario *self)
{
  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (self), NULL);
  return self->provider;
}

/**
 * lf_drill_scenario_get_platforms:
 *
 * Returns: the catalog ids of the platforms a drill watches
 */
const char * const *
lf_drill_scenario_get_platforms (LfDrillScenario *self)
{
  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (self), NULL);
  return (const char * const *) self->platforms;
}

guint
lf_drill_scenario_get_duration_ms (LfDrillScenario *self)
{
  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (self), 0);
  return self->duration_ms;
}

/**
 * lf_drill_scenario_get_real_span_ms:
 *
 * Returns: how long the story took for real (its start to its end, e.g. 11:05–17:06 UTC)
 */
guint64
lf_drill_scenario_get_real_span_ms (LfDrillScenario *self)
{
  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (self), 0);

  return (guint64) (g_date_time_difference (self->end, self->start) / 1000);
}

/**
 * lf_drill_scenario_check_length:
 * @length_ms: how long the drill should take in real time
 *
 * A drill is the story compressed, never stretched: any length from
 * %LF_DRILL_MIN_LENGTH_MS (a test's) up to the story's own span (real time) plays.
 *
 * Returns: whether @length_ms can be played, with @error saying why not
 */
gboolean
lf_drill_scenario_check_length (LfDrillScenario  *self,
                                guint64           length_ms,
                                GError          **error)
{
  guint64 span = 0;

  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (self), FALSE);

  span = lf_drill_scenario_get_real_span_ms (self);
  if (length_ms < LF_DRILL_MIN_LENGTH_MS || length_ms > span)
    {
      g_autofree char *longest = g_strdup_printf ("%" G_GUINT64_FORMAT, span / 60000);

      g_set_error (error, LF_DRILL_ERROR, LF_DRILL_ERROR_INVALID,
                   /* Translators: %s: the drill's title; %s: a number of minutes */
                   _("“%s” can take from a few seconds up to %s minutes, the time the outage "
                     "really took"),
                   self->title, longest);
      return FALSE;
    }

  return TRUE;
}

/**
 * lf_drill_scenario_get_speed_for_length:
 * @length_ms: how long the drill should take in real time (e.g. 10 or 30 minutes)
 *
 * The scenario's real span (its start to its end, e.g. 11:05–17:06 UTC) is mapped linearly
 * onto its written duration (the drill's own clock); this maps that clock onto @length_ms
 * instead, so the whole story plays, compressed, in the length the user chose: 6 h 01 in
 * 10 minutes is 36 times real time, each phase keeping its share of the story.
 *
 * Returns: the speed to give lf_drill_new() / lf_drill_player_new() / lf_context_start_drill()
 */
double
lf_drill_scenario_get_speed_for_length (LfDrillScenario *self,
                                        guint64          length_ms)
{
  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (self), 1.0);
  g_return_val_if_fail (length_ms > 0, 1.0);

  return (double) self->duration_ms / (double) length_ms;
}

/**
 * lf_drill_parse_request:
 * @request: what app.start-drill gets: a scenario id, optionally with the length in seconds
 *   after a colon ("cloudflare-2025-11-18:600")
 * @length_ms: (out): the length asked for, or %LF_DRILL_DEFAULT_LENGTH_MS
 *
 * Returns: (transfer full) (nullable): the scenario, loaded, with @length_ms checked against it
 */
LfDrillScenario *
lf_drill_parse_request (const char  *request,
                        guint64     *length_ms,
                        GError     **error)
{
  g_autoptr(LfDrillScenario) scenario = NULL;
  g_autofree char *id = NULL;
  const char *colon;
  guint64 length = LF_DRILL_DEFAULT_LENGTH_MS;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (length_ms != NULL, NULL);

  colon = strchr (request, ':');
  id = colon != NULL ? g_strndup (request, colon - request) : g_strdup (request);
  if (colon != NULL)
    {
      guint64 seconds = 0;

      if (!g_ascii_string_to_unsigned (colon + 1, 10, 1, G_MAXUINT32, &seconds, NULL))
        {
          g_set_error (error, LF_DRILL_ERROR, LF_DRILL_ERROR_INVALID,
                       /* Translators: %s: what came after the drill's name */
                       _("“%s” is not a length in seconds"), colon + 1);
          return NULL;
        }
      length = seconds * 1000;
    }

  scenario = lf_drill_scenario_load (id, error);
  if (scenario == NULL)
    return NULL;
  /* The default fits every scenario shipped; a shorter one plays in its real time. */
  if (colon == NULL)
    length = MIN (length, lf_drill_scenario_get_real_span_ms (scenario));
  if (!lf_drill_scenario_check_length (scenario, length, error))
    return NULL;

  *length_ms = length;
  return g_steal_pointer (&scenario);
}

GDateTime *
lf_drill_scenario_get_real_start (LfDrillScenario *self)
{
  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (self), NULL);
  return self->start;
}

GDateTime *
lf_drill_scenario_get_real_end (LfDrillScenario *self)
{
  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (self), NULL);
  return self->end;
}

guint
lf_drill_scenario_get_n_phases (LfDrillScenario *self)
{
  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (self), 0);
  return self->phases->len;
}

guint
lf_drill_scenario_get_phase_offset_ms (LfDrillScenario *self,
                                       guint            phase)
{
  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (self), 0);
  g_return_val_if_fail (phase < self->phases->len, 0);

  return ((Phase *) g_ptr_array_index (self->phases, phase))->offset_ms;
}

/**
 * lf_drill_scenario_get_phase_real_time:
 *
 * Returns: (transfer none): when the phase happened in the outage replayed
 */
GDateTime *
lf_drill_scenario_get_phase_real_time (LfDrillScenario *self,
                                       guint            phase)
{
  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (self), NULL);
  g_return_val_if_fail (phase < self->phases->len, NULL);

  return ((Phase *) g_ptr_array_index (self->phases, phase))->time;
}

const char *
lf_drill_scenario_get_phase_note (LfDrillScenario *self,
                                  guint            phase)
{
  const char *note;

  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (self), NULL);
  g_return_val_if_fail (phase < self->phases->len, NULL);

  note = ((Phase *) g_ptr_array_index (self->phases, phase))->note;
  return note != NULL ? note : "";
}

/**
 * lf_drill_scenario_get_phase_at:
 * @elapsed_ms: time since the drill started (on the drill's clock)
 *
 * Returns: the phase in force
 */
guint
lf_drill_scenario_get_phase_at (LfDrillScenario *self,
                                guint            elapsed_ms)
{
  guint index = 0;

  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (self), 0);

  for (guint i = 0; i < self->phases->len; i++)
    if (((Phase *) g_ptr_array_index (self->phases, i))->offset_ms <= elapsed_ms)
      index = i;

  return index;
}

/**
 * lf_drill_scenario_answer_probe:
 * @kind: %LF_DRILL_TARGET_REFERENCE or %LF_DRILL_TARGET_PLATFORM
 * @id: the reference's or platform's catalog id
 * @providers: (nullable): the providers a platform sits behind
 *
 * Returns: (transfer none): what a probe of the target gets in @phase (a good answer when no
 *   rule matches)
 */
const LfDrillAnswer *
lf_drill_scenario_answer_probe (LfDrillScenario    *self,
                                guint               phase,
                                LfDrillTargetKind   kind,
                                const char         *id,
                                const char * const *providers)
{
  Phase *p;

  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (self), NULL);
  g_return_val_if_fail (phase < self->phases->len, NULL);

  p = g_ptr_array_index (self->phases, phase);
  for (guint i = 0; i < p->answers->len; i++)
    {
      AnswerRule *rule = g_ptr_array_index (p->answers, i);

      if (selector_matches_probe (rule->selector, kind, id, providers))
        return &rule->answer;
    }

  return &good_answer;
}

/**
 * lf_drill_scenario_answer_status:
 * @kind: %LF_DRILL_TARGET_PROVIDER or %LF_DRILL_TARGET_PLATFORM
 *
 * Returns: (transfer none) (nullable): what the status source says in @phase, or %NULL if
 *   no rule covers it (the read then fails, as an unreadable source would)
 */
const LfDrillStatus *
lf_drill_scenario_answer_status (LfDrillScenario   *self,
                                 guint              phase,
                                 LfDrillTargetKind  kind,
                                 const char        *id)
{
  Phase *p;

  g_return_val_if_fail (LF_IS_DRILL_SCENARIO (self), NULL);
  g_return_val_if_fail (phase < self->phases->len, NULL);

  p = g_ptr_array_index (self->phases, phase);
  for (guint i = 0; i < p->statuses->len; i++)
    {
      StatusRule *rule = g_ptr_array_index (p->statuses, i);

      if (selector_matches_status (rule->selector, kind, id))
        return &rule->status;
    }

  return NULL;
}

/**
 * lf_drill_make_ray_id:
 *
 * Returns: (transfer full): a made-up Cloudflare Ray ID ("<16 hex>-<colo>"), for drills
 */
char *
lf_drill_make_ray_id (void)
{
  static const char *colos[] = { "FRA", "AMS", "LHR", "CDG", "IAD", "SJC", "SIN", "NRT" };

  return g_strdup_printf ("%08x%08x-%s", g_random_int (), g_random_int (),
                          colos[g_random_int_range (0, G_N_ELEMENTS (colos))]);
}
