/* lf-bundle.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-bundle"

#include "config.h"

#include "lf-bundle.h"
#include "lf-json.h"

#include <glib/gi18n.h>

G_DEFINE_QUARK (lf-bundle-error-quark, lf_bundle_error)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* The typed readers' message ("“contacts” must be a list"), as a bundle error. */
static gboolean
bundle_error (GError  *local_error,
              GError **error)
{
  g_set_error (error, LF_BUNDLE_ERROR, LF_BUNDLE_ERROR_PARSE, _("The bundle’s %s"),
               local_error->message);
  g_error_free (local_error);
  return FALSE;
}

static void
report_contact (LfImportReport *report,
                guint           number,
                const GError   *contact_error)
{
  g_autofree char *kind = NULL;
  g_autofree char *message = NULL;

  if (report == NULL)
    return;
  /* Grouped by the kind of error, not its text (which names the field's value). */
  kind = g_strdup_printf ("bundle contact: %s %d", g_quark_to_string (contact_error->domain),
                          contact_error->code);
  message = g_strdup_printf (_("contact %u: %s"), number, contact_error->message);
  lf_import_report_add (report, TRUE, kind, message);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

LfBundle *
lf_bundle_new (void)
{
  LfBundle *bundle = g_new0 (LfBundle, 1);

  bundle->contacts = g_ptr_array_new_with_free_func (g_object_unref);
  return bundle;
}

void
lf_bundle_free (LfBundle *bundle)
{
  if (bundle == NULL)
    return;

  g_clear_pointer (&bundle->contacts, g_ptr_array_unref);
  g_clear_object (&bundle->me);
  g_clear_pointer (&bundle->channels, json_array_unref);
  g_clear_pointer (&bundle->templates, json_array_unref);
  g_clear_pointer (&bundle->plan, json_object_unref);
  g_free (bundle);
}

/**
 * lf_bundle_parse:
 * @report: (nullable): where to say which contact is skipped ("contact 3: …")
 * @error: set when the text is not a Lifeline bundle of a version this program reads
 *
 * Returns: (transfer full): the bundle, or %NULL with @error set
 */
LfBundle *
lf_bundle_parse (const char      *data,
                 gssize           length,
                 LfImportReport  *report,
                 GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LfBundle) bundle = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonNode *node;
  JsonObject *me = NULL;
  JsonArray *contacts = NULL;
  const char *format;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!lf_json_parser_load (parser, data, length, &local_error))
    {
      g_set_error (error, LF_BUNDLE_ERROR, LF_BUNDLE_ERROR_PARSE,
                   _("The file is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  node = json_parser_get_root (parser);
  if (node == NULL)
    {
      g_set_error_literal (error, LF_BUNDLE_ERROR, LF_BUNDLE_ERROR_PARSE,
                           _("The file is empty"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, LF_BUNDLE_ERROR, LF_BUNDLE_ERROR_FORMAT,
                           _("The file is not a Lifeline bundle (it is not a JSON object)"));
      return NULL;
    }
  root = json_node_get_object (node);

  node = json_object_get_member (root, "format");
  format = node && JSON_NODE_HOLDS_VALUE (node) &&
           json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node)
                                                            : NULL;
  if (g_strcmp0 (format, LF_BUNDLE_FORMAT) != 0)
    {
      g_set_error_literal (error, LF_BUNDLE_ERROR, LF_BUNDLE_ERROR_FORMAT,
                           _("The file is not a Lifeline bundle (“format” is not "
                             "“lifeline-bundle”)"));
      return NULL;
    }

  node = json_object_get_member (root, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error_literal (error, LF_BUNDLE_ERROR, LF_BUNDLE_ERROR_VERSION,
                           _("The bundle has no “version” number"));
      return NULL;
    }
  if (json_node_get_int (node) != LF_BUNDLE_VERSION)
    {
      g_set_error (error, LF_BUNDLE_ERROR, LF_BUNDLE_ERROR_VERSION,
                   _("The bundle is version %" G_GINT64_FORMAT "; this version of Lifeline "
                     "reads version %d. Update Lifeline to import it."),
                   json_node_get_int (node), LF_BUNDLE_VERSION);
      return NULL;
    }

  bundle = lf_bundle_new ();

  /* Every section's type first: a bundle with a broken section is refused as a whole. */
  if (!lf_json_get_object (root, "me", FALSE, &me, &local_error) ||
      !lf_json_get_array (root, "contacts", FALSE, &contacts, &local_error) ||
      !lf_json_get_array (root, "channels", FALSE, &bundle->channels, &local_error) ||
      !lf_json_get_array (root, "templates", FALSE, &bundle->templates, &local_error) ||
      !lf_json_get_object (root, "plan", FALSE, &bundle->plan, &local_error))
    return bundle_error (g_steal_pointer (&local_error), error), NULL;
  if (bundle->channels != NULL)
    json_array_ref (bundle->channels);
  if (bundle->templates != NULL)
    json_array_ref (bundle->templates);
  if (bundle->plan != NULL)
    json_object_ref (bundle->plan);

  if (me != NULL)
    {
      bundle->me = lf_profile_new_from_json (me, &local_error);
      if (bundle->me == NULL)
        {
          g_set_error (error, LF_BUNDLE_ERROR, LF_BUNDLE_ERROR_PARSE,
                       _("The bundle’s “me” is not valid: %s"), local_error->message);
          return NULL;
        }
    }

  for (guint i = 0; contacts != NULL && i < json_array_get_length (contacts); i++)
    {
      JsonNode *element = json_array_get_element (contacts, i);
      g_autoptr(GError) contact_error = NULL;
      LfContact *contact;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          lf_import_report_skip (report, _("contact %u: not an object"), i + 1);
          continue;
        }

      contact = lf_contact_new_from_json (json_node_get_object (element), &contact_error);
      if (contact == NULL)
        {
          report_contact (report, i + 1, contact_error);
          continue;
        }

      if (lf_contact_get_name (contact) == NULL)
        lf_contact_set_name (contact, lf_contact_get_primary_email (contact));
      if (lf_contact_get_name (contact) == NULL)
        {
          lf_import_report_skip (report, _("contact %u: no name or e-mail"), i + 1);
          g_object_unref (contact);
          continue;
        }

      lf_contact_clear_changed (contact);
      g_object_set_data_full (G_OBJECT (contact), LF_CONTACT_ORIGIN_KEY,
                              g_strdup_printf (_("contact %u"), i + 1), g_free);
      g_ptr_array_add (bundle->contacts, contact);
    }

  return g_steal_pointer (&bundle);
}

/**
 * lf_bundle_filter_channel:
 *
 * The export hook for notice channels: a copy of @channel, without "password", "url",
 * "token" and "webhook" unless @include_secrets.
 *
 * Returns: (transfer full): the object to write
 */
JsonObject *
lf_bundle_filter_channel (JsonObject *channel,
                          gboolean    include_secrets)
{
  static const char *secret_members[] = { "password", "url", "token", "webhook" };
  g_autoptr(GList) members = json_object_get_members (channel);
  JsonObject *object = json_object_new ();

  /* A new top-level object: json_node_copy() shares objects in json-glib 1.6. */
  for (GList *l = members; l != NULL; l = l->next)
    {
      gboolean secret = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (secret_members) && !include_secrets; i++)
        secret |= g_str_equal (l->data, secret_members[i]);
      if (!secret)
        json_object_set_member (object, l->data,
                                json_node_copy (json_object_get_member (channel, l->data)));
    }

  return object;
}

/**
 * lf_bundle_to_data:
 * @include_secrets: whether to write passwords and webhook URLs (channels, per-client
 *   webhooks)
 *
 * Returns: (transfer full): the bundle as pretty-printed JSON
 */
char *
lf_bundle_to_data (LfBundle *bundle,
                   gboolean  include_secrets)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (bundle != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, LF_BUNDLE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, LF_BUNDLE_VERSION);

  if (bundle->me != NULL && !lf_profile_is_empty (bundle->me))
    {
      JsonNode *me = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (me, lf_profile_to_json (bundle->me));
      json_builder_set_member_name (builder, "me");
      json_builder_add_value (builder, me);
    }

  json_builder_set_member_name (builder, "contacts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < bundle->contacts->len; i++)
    {
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = lf_contact_to_json (bundle->contacts->pdata[i]);

      if (!include_secrets && json_object_has_member (object, "webhook"))
        json_object_remove_member (object, "webhook");
      json_object_remove_member (object, "modified");
      json_node_take_object (node, object);
      json_builder_add_value (builder, node);
    }
  json_builder_end_array (builder);

  if (bundle->channels != NULL)
    {
      json_builder_set_member_name (builder, "channels");
      json_builder_begin_array (builder);
      for (guint i = 0; i < json_array_get_length (bundle->channels); i++)
        {
          JsonNode *element = json_array_get_element (bundle->channels, i);
          JsonNode *node;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          node = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (node, lf_bundle_filter_channel (json_node_get_object (element),
                                                                 include_secrets));
          json_builder_add_value (builder, node);
        }
      json_builder_end_array (builder);
    }

  if (bundle->templates != NULL)
    {
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (node, bundle->templates);
      json_builder_set_member_name (builder, "templates");
      json_builder_add_value (builder, node);
    }

  if (bundle->plan != NULL)
    {
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, bundle->plan);
      json_builder_set_member_name (builder, "plan");
      json_builder_add_value (builder, node);
    }

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}
