/* lf-template.h — a notice template and how it is rendered for one recipient
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lf-recipient.h"

G_BEGIN_DECLS

#define LF_TEMPLATE_ERROR (lf_template_error_quark ())

typedef enum
{
  LF_TEMPLATE_ERROR_UNKNOWN_PLACEHOLDER,
  LF_TEMPLATE_ERROR_SYNTAX,
  LF_TEMPLATE_ERROR_MISSING_VALUE,
  LF_TEMPLATE_ERROR_INVALID,
} LfTemplateError;

/* One problem found by lf_template_check(), for the editor to underline. */
typedef struct
{
  char  *field;        /* "subject" or "body" */
  char  *language;     /* the variant's language, NULL for the default text */
  gsize  offset;       /* byte offset of the problem in the field's text */
  gsize  length;       /* its length in bytes */
  char  *placeholder;  /* the unknown name (without braces), or NULL for a syntax problem */
  char  *message;      /* a sentence for the user (translated) */
} LfTemplateProblem;

void lf_template_problem_free (LfTemplateProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LfTemplateProblem, lf_template_problem_free)

#define LF_TYPE_TEMPLATE (lf_template_get_type ())

G_DECLARE_FINAL_TYPE (LfTemplate, lf_template, LF, TEMPLATE, GObject)

GQuark              lf_template_error_quark        (void);
const char * const *lf_template_get_placeholders   (void);

LfTemplate         *lf_template_new                (const char             *id,
                                                    const char             *name,
                                                    const char             *language,
                                                    const char             *subject,
                                                    const char             *body);
LfTemplate         *lf_template_new_from_json      (JsonObject             *object,
                                                    GError                **error);
JsonObject         *lf_template_to_json            (LfTemplate             *self);
LfTemplate         *lf_template_copy               (LfTemplate             *self);
gboolean            lf_template_equal              (LfTemplate             *a,
                                                    LfTemplate             *b);

const char         *lf_template_get_id             (LfTemplate             *self);
const char         *lf_template_get_name           (LfTemplate             *self);
void                lf_template_set_name           (LfTemplate             *self,
                                                    const char             *name);
const char         *lf_template_get_language       (LfTemplate             *self);
const char         *lf_template_get_subject        (LfTemplate             *self);
void                lf_template_set_subject        (LfTemplate             *self,
                                                    const char             *subject);
const char         *lf_template_get_body           (LfTemplate             *self);
void                lf_template_set_body           (LfTemplate             *self,
                                                    const char             *body);

void                lf_template_set_variant        (LfTemplate             *self,
                                                    const char             *language,
                                                    const char             *subject,
                                                    const char             *body);
gboolean            lf_template_get_variant        (LfTemplate             *self,
                                                    const char             *language,
                                                    const char            **subject,
                                                    const char            **body);
GStrv               lf_template_dup_languages      (LfTemplate             *self);
const char         *lf_template_pick_language      (LfTemplate             *self,
                                                    const char             *wanted);

gboolean            lf_template_check              (LfTemplate             *self,
                                                    GPtrArray             **problems);
gboolean            lf_template_check_text         (const char             *text,
                                                    const char             *field,
                                                    GPtrArray             **problems);
gboolean            lf_template_render             (LfTemplate             *self,
                                                    const LfRenderContext  *context,
                                                    const LfRecipient      *recipient,
                                                    char                  **subject_out,
                                                    char                  **body_out,
                                                    GError                **error);

char               *lf_template_format_since       (gint64                  since,
                                                    const char             *timezone,
                                                    const char             *language);
char               *lf_template_single_line        (const char             *value);
char               *lf_template_join_list          (const char * const     *items,
                                                    const char             *language);

G_END_DECLS
