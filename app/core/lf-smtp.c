/* lf-smtp.c
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lf-smtp"

#include "config.h"

#include "lf-smtp.h"

#include "lf-curl.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Sending is done by libcurl (loaded by the first sender, lf-curl.c) in a worker thread: one easy handle (so one connection, one
 * login) for the whole batch, one message per recipient with its own envelope, so that no
 * client ever sees another client's address. TLS certificates are always verified; a
 * private authority can be added with ca_file (CURLOPT_CAINFO). Progress is posted back to
 * the caller's main context after every message.
 *
 * The messages are built here, not by curl: RFC 5322 headers, RFC 2047 encoded words for
 * non-ASCII subjects and names, quoted-printable bodies when they are not plain ASCII.
 * Everything that goes into a header is single-line by construction.
 */

#define DEFAULT_TIMEOUT 30

G_DEFINE_QUARK (lf-smtp-error-quark, lf_smtp_error)

/* ------------------------------------------------------------------------ */
/* Helpers: formatting                                                      */
/* ------------------------------------------------------------------------ */

static gboolean
is_plain_ascii (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if (*p < 0x20 || *p > 0x7e)
      return FALSE;

  return TRUE;
}

/* Replaces every control character (CR, LF, tab…) with a space: header values are one line. */
static char *
header_safe (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }

  return g_strstrip (g_string_free (out, FALSE));
}

/* RFC 2047 "B" encoded words of at most 75 characters, never splitting a character. */
static void
append_encoded_words (GString    *out,
                      const char *text,
                      const char *separator)
{
  const char *start = text;

  while (*start != '\0')
    {
      const char *end = start;
      g_autofree char *encoded = NULL;

      while (*end != '\0')
        {
          const char *next = g_utf8_next_char (end);

          if (next - start > 45)
            break;
          end = next;
        }

      if (start != text)
        g_string_append (out, separator);
      encoded = g_base64_encode ((const guchar *) start, end - start);
      g_string_append_printf (out, "=?UTF-8?B?%s?=", encoded);
      start = end;
    }
}

/**
 * lf_mime_encode_phrase:
 * @text: a display name
 *
 * Returns: (transfer full): @text as a header phrase: as is when it is a plain atom list, a
 *   quoted string when it has specials, encoded words when it is not ASCII
 */
char *
lf_mime_encode_phrase (const char *text)
{
  g_autofree char *safe = header_safe (text);
  GString *out = g_string_new (NULL);

  if (!is_plain_ascii (safe) || strstr (safe, "=?") != NULL)
    append_encoded_words (out, safe, " ");
  else if (strpbrk (safe, "()<>[]:;@\\,.\"") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = safe; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, safe);

  return g_string_free (out, FALSE);
}

/**
 * lf_mime_encode_subject:
 *
 * Returns: (transfer full): @text as an unstructured header value, encoded words (folded)
 *   when it is not plain ASCII
 */
char *
lf_mime_encode_subject (const char *text)
{
  g_autofree char *safe = header_safe (text);
  GString *out = g_string_new (NULL);

  if (!is_plain_ascii (safe) || strstr (safe, "=?") != NULL)
    append_encoded_words (out, safe, "\r\n ");
  else
    g_string_append (out, safe);

  return g_string_free (out, FALSE);
}

/**
 * lf_mime_quoted_printable:
 * @text: a body with "\n" line ends
 *
 * Returns: (transfer full): @text in quoted-printable (RFC 2045) with CRLF line ends and
 *   lines of at most 76 characters
 */
char *
lf_mime_quoted_printable (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const guchar *line = (const guchar *) lines[i];
      gsize length = strlen (lines[i]);
      gsize column = 0;

      if (i > 0)
        g_string_append (out, "\r\n");

      for (gsize j = 0; j < length; j++)
        {
          char token[4];
          guchar c = line[j];
          gsize token_length;

          if ((c == ' ' || c == '\t') && j + 1 < length)
            token_length = g_snprintf (token, sizeof token, "%c", c);
          else if (c >= 33 && c <= 126 && c != '=')
            token_length = g_snprintf (token, sizeof token, "%c", c);
          else
            token_length = g_snprintf (token, sizeof token, "=%02X", c);

          /* Leave room for the "=" of a soft line break. */
          if (column + token_length > 75)
            {
              g_string_append (out, "=\r\n");
              column = 0;
            }
          g_string_append (out, token);
          column += token_length;
        }
    }

  return g_string_free (out, FALSE);
}

/**
 * lf_mail_address_is_valid:
 *
 * A plain ASCII addr-spec: a local part and a domain with no spaces, controls, brackets,
 * quotes, commas or semicolons. Stricter than RFC 5321, on purpose: these values reach the
 * SMTP envelope.
 */
gboolean
lf_mail_address_is_valid (const char *address)
{
  const char *at;

  if (address == NULL || *address == '\0' || strlen (address) > 254)
    return FALSE;

  for (const guchar *p = (const guchar *) address; *p != '\0'; p++)
    if (*p <= 0x20 || *p >= 0x7f || strchr ("<>()[]\\,;:\"", *p) != NULL)
      return FALSE;

  at = strrchr (address, '@');
  return at != NULL && at != address && at[1] != '\0' && strchr (address, '@') == at &&
         at[1] != '.' && address[strlen (address) - 1] != '.';
}

/**
 * lf_mail_address_parse:
 * @mailbox: "Name <addr>", "\"Name\" <addr>" or "addr"
 * @name: (out) (optional) (nullable): the display name, or %NULL
 * @address: (out) (optional): the address
 *
 * Returns: %TRUE if @mailbox holds a valid address
 */
gboolean
lf_mail_address_parse (const char  *mailbox,
                       char       **name,
                       char       **address)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *display = NULL;
  g_autofree char *addr = NULL;
  char *open;

  if (name != NULL)
    *name = NULL;
  if (address != NULL)
    *address = NULL;
  if (mailbox == NULL)
    return FALSE;

  trimmed = g_strstrip (g_strdup (mailbox));
  open = strrchr (trimmed, '<');
  if (open != NULL && g_str_has_suffix (trimmed, ">"))
    {
      addr = g_strndup (open + 1, strlen (open + 1) - 1);
      *open = '\0';
      display = g_strstrip (g_strdup (trimmed));
      if (g_str_has_prefix (display, "\"") && g_str_has_suffix (display, "\"") &&
          strlen (display) >= 2)
        {
          char *unquoted = g_strndup (display + 1, strlen (display) - 2);

          g_free (display);
          display = unquoted;
        }
      if (*display == '\0')
        g_clear_pointer (&display, g_free);
    }
  else
    addr = g_strdup (trimmed);

  if (!lf_mail_address_is_valid (addr))
    return FALSE;

  if (name != NULL)
    *name = g_steal_pointer (&display);
  if (address != NULL)
    *address = g_steal_pointer (&addr);

  return TRUE;
}

static char *
format_mailbox (const char *name,
                const char *address)
{
  g_autofree char *phrase = NULL;

  if (name == NULL || *name == '\0')
    return g_strdup (address);

  phrase = lf_mime_encode_phrase (name);
  if (*phrase == '\0')
    return g_strdup (address);

  return g_strdup_printf ("%s <%s>", phrase, address);
}

static char *
format_date (GDateTime *date)
{
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date);

  return g_strdup_printf ("%s, %d %s %d %02d:%02d:%02d +0000",
                          days[g_date_time_get_day_of_week (utc) - 1],
                          g_date_time_get_day_of_month (utc),
                          months[g_date_time_get_month (utc) - 1],
                          g_date_time_get_year (utc), g_date_time_get_hour (utc),
                          g_date_time_get_minute (utc), g_date_time_get_second (utc));
}

static gboolean
body_is_7bit (const char *body)
{
  gsize column = 0;

  for (const guchar *p = (const guchar *) body; *p != '\0'; p++)
    {
      if (*p == '\n')
        column = 0;
      else if (*p >= 0x80 || (*p < 0x20 && *p != '\t') || *p == 0x7f || ++column > 998)
        return FALSE;
    }

  return TRUE;
}

/**
 * lf_smtp_format_message:
 * @config: the sender (From)
 * @message: the recipient and text
 * @date: the Date header (written in UTC)
 * @message_id: the Message-ID without brackets, e.g. "uuid@example.com"
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the whole message with CRLF line ends, as sent after DATA
 */
char *
lf_smtp_format_message (const LfSmtpConfig   *config,
                        const LfMailMessage  *message,
                        GDateTime            *date,
                        const char           *message_id,
                        GError              **error)
{
  g_autofree char *from_name = NULL;
  g_autofree char *from_address = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;
  GString *out;
  gboolean plain;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);
  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (message_id != NULL, NULL);

  if (!lf_mail_address_parse (config->from, &from_name, &from_address))
    {
      g_set_error (error, LF_SMTP_ERROR, LF_SMTP_ERROR_INVALID_ADDRESS,
                   _("The sender address “%s” is not valid"),
                   config->from != NULL ? config->from : "");
      return NULL;
    }
  if (!lf_mail_address_is_valid (message->to))
    {
      g_set_error (error, LF_SMTP_ERROR, LF_SMTP_ERROR_INVALID_ADDRESS,
                   _("“%s” is not a valid e-mail address"),
                   message->to != NULL ? message->to : "");
      return NULL;
    }

  from = format_mailbox (from_name, from_address);
  to = format_mailbox (message->to_name, message->to);
  subject = lf_mime_encode_subject (message->subject);
  date_text = format_date (date);
  id = header_safe (message_id);
  plain = body_is_7bit (message->body);

  out = g_string_new (NULL);
  g_string_append_printf (out, "Date: %s\r\n", date_text);
  g_string_append_printf (out, "From: %s\r\n", from);
  g_string_append_printf (out, "To: %s\r\n", to);
  g_string_append_printf (out, "Subject: %s\r\n", subject);
  g_string_append_printf (out, "Message-ID: <%s>\r\n", id);
  if (message->in_reply_to != NULL && *message->in_reply_to != '\0')
    {
      g_autofree char *parent = header_safe (message->in_reply_to);

      /* A follow-up (the all-clear) threads under the mail it answers. */
      g_string_append_printf (out, "In-Reply-To: <%s>\r\n", parent);
      g_string_append_printf (out, "References: <%s>\r\n", parent);
    }
  g_string_append (out, "MIME-Version: 1.0\r\n");
  g_string_append (out, "Content-Type: text/plain; charset=UTF-8\r\n");
  g_string_append_printf (out, "Content-Transfer-Encoding: %s\r\n",
                          plain ? "7bit" : "quoted-printable");
  g_string_append (out, "\r\n");

  if (plain)
    {
      g_auto(GStrv) lines = g_strsplit (message->body, "\n", -1);

      body = g_strjoinv ("\r\n", lines);
    }
  else
    body = lf_mime_quoted_printable (message->body);

  g_string_append (out, body);
  g_string_append (out, "\r\n");

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Helpers: sending                                                         */
/* ------------------------------------------------------------------------ */

typedef struct
{
  gatomicrefcount     ref_count;
  LfSmtpProgressFunc  func;
  gpointer            data;
  GDestroyNotify      destroy;
} Progress;

typedef struct
{
  Progress *progress;
  guint     index;
  GError   *error;
} ProgressCall;

typedef struct
{
  LfSmtpConfig *config;
  GPtrArray    *messages;
  Progress     *progress;
  GMainContext *context;
} SendData;

typedef struct
{
  const char *data;
  gsize       length;
  gsize       offset;
} Payload;

static Progress *
progress_ref (Progress *progress)
{
  g_atomic_ref_count_inc (&progress->ref_count);
  return progress;
}

static void
progress_unref (Progress *progress)
{
  if (g_atomic_ref_count_dec (&progress->ref_count))
    {
      if (progress->destroy != NULL)
        progress->destroy (progress->data);
      g_free (progress);
    }
}

static gboolean
progress_dispatch (gpointer user_data)
{
  ProgressCall *call = user_data;

  if (call->progress->func != NULL)
    call->progress->func (call->index, call->error, call->progress->data);

  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer user_data)
{
  ProgressCall *call = user_data;

  progress_unref (call->progress);
  g_clear_error (&call->error);
  g_free (call);
}

static void
send_data_free (SendData *data)
{
  lf_smtp_config_free (data->config);
  g_ptr_array_unref (data->messages);
  g_clear_pointer (&data->progress, progress_unref);
  g_main_context_unref (data->context);
  g_free (data);
}

static void
error_free_nullable (gpointer error)
{
  if (error != NULL)
    g_error_free (error);
}

static size_t
read_payload_cb (char   *buffer,
                 size_t  size,
                 size_t  nitems,
                 void   *user_data)
{
  Payload *payload = user_data;
  gsize room = size * nitems;
  gsize left = payload->length - payload->offset;
  gsize n = MIN (room, left);

  memcpy (buffer, payload->data + payload->offset, n);
  payload->offset += n;

  return n;
}

static int
transfer_info_cb (void       *user_data,
                  curl_off_t  dltotal,
                  curl_off_t  dlnow,
                  curl_off_t  ultotal,
                  curl_off_t  ulnow)
{
  return g_cancellable_is_cancelled (user_data) ? 1 : 0;
}

static GError *
error_from_curl (CURLcode            code,
                 const char         *detail,
                 const LfSmtpConfig *config)
{
  const char *host = config->host;

  switch (code)
    {
    case CURLE_COULDNT_RESOLVE_HOST:
      return g_error_new (LF_SMTP_ERROR, LF_SMTP_ERROR_CONNECT,
                          _("The mail server “%s” could not be found"), host);
    case CURLE_COULDNT_CONNECT:
      return g_error_new (LF_SMTP_ERROR, LF_SMTP_ERROR_CONNECT,
                          _("Could not connect to the mail server %s, port %u"),
                          host, config->port);
    case CURLE_OPERATION_TIMEDOUT:
      return g_error_new (LF_SMTP_ERROR, LF_SMTP_ERROR_TIMEOUT,
                          _("The mail server %s did not answer in time"), host);
    case CURLE_LOGIN_DENIED:
      return g_error_new (LF_SMTP_ERROR, LF_SMTP_ERROR_AUTH,
                          _("The mail server refused the user name or password"));
    case CURLE_USE_SSL_FAILED:
      return g_error_new (LF_SMTP_ERROR, LF_SMTP_ERROR_TLS,
                          _("The mail server %s does not offer STARTTLS encryption"), host);
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
      return g_error_new (LF_SMTP_ERROR, LF_SMTP_ERROR_TLS,
                          _("The certificate of the mail server %s could not be verified "
                            "(%s)"), host, detail);
    case CURLE_SSL_CONNECT_ERROR:
      return g_error_new (LF_SMTP_ERROR, LF_SMTP_ERROR_TLS,
                          _("No secure connection to the mail server %s (%s)"), host, detail);
    case CURLE_ABORTED_BY_CALLBACK:
      return g_error_new (LF_SMTP_ERROR, LF_SMTP_ERROR_CANCELLED, _("Sending was cancelled"));
    default:
      return g_error_new (LF_SMTP_ERROR, LF_SMTP_ERROR_REJECTED,
                          _("The mail server did not accept the message: %s"), detail);
    }
}

static char *
build_url (const LfSmtpConfig *config)
{
  const char *scheme = config->security == LF_SMTP_SECURITY_TLS ? "smtps" : "smtp";

  if (strchr (config->host, ':') != NULL && config->host[0] != '[')
    return g_strdup_printf ("%s://[%s]:%u", scheme, config->host, config->port);

  return g_strdup_printf ("%s://%s:%u", scheme, config->host, config->port);
}

/* A failure that will fail every further message the same way: stop trying. */
static gboolean
is_session_error (const GError *error)
{
  return g_error_matches (error, LF_SMTP_ERROR, LF_SMTP_ERROR_CONNECT) ||
         g_error_matches (error, LF_SMTP_ERROR, LF_SMTP_ERROR_TLS) ||
         g_error_matches (error, LF_SMTP_ERROR, LF_SMTP_ERROR_AUTH) ||
         g_error_matches (error, LF_SMTP_ERROR, LF_SMTP_ERROR_TIMEOUT) ||
         g_error_matches (error, LF_SMTP_ERROR, LF_SMTP_ERROR_CANCELLED);
}

static GError *
send_one (const LfCurl        *lc,
          CURL                *curl,
          const LfSmtpConfig  *config,
          const LfMailMessage *message,
          const char          *from_address,
          GCancellable        *cancellable)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *message_id = message->message_id != NULL
                                ? g_strdup (message->message_id)
                                : g_strdup_printf ("%s@%s", uuid, strrchr (from_address, '@') + 1);
  g_autofree char *text = NULL;
  g_autofree char *url = build_url (config);
  g_autofree char *mail_from = g_strdup_printf ("<%s>", from_address);
  g_autofree char *rcpt = NULL;
  struct curl_slist *recipients = NULL;
  char errbuf[CURL_ERROR_SIZE] = "";
  GError *error = NULL;
  Payload payload;
  CURLcode code;

  text = lf_smtp_format_message (config, message, now, message_id, &error);
  if (text == NULL)
    return error;

  rcpt = g_strdup_printf ("<%s>", message->to);
  recipients = lc->slist_append (NULL, rcpt);
  payload.data = text;
  payload.length = strlen (text);
  payload.offset = 0;

  lc->easy_reset (curl);
  lc->easy_setopt (curl, CURLOPT_URL, url);
  lc->easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  lc->easy_setopt (curl, CURLOPT_ERRORBUFFER, errbuf);
  lc->easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, (long) config->timeout_seconds);
  lc->easy_setopt (curl, CURLOPT_TIMEOUT, (long) config->timeout_seconds * 2);
  lc->easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
  lc->easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (config->ca_file != NULL)
    lc->easy_setopt (curl, CURLOPT_CAINFO, config->ca_file);
  if (config->security == LF_SMTP_SECURITY_STARTTLS)
    lc->easy_setopt (curl, CURLOPT_USE_SSL, (long) CURLUSESSL_ALL);
  if (config->username != NULL)
    {
      lc->easy_setopt (curl, CURLOPT_USERNAME, config->username);
      lc->easy_setopt (curl, CURLOPT_PASSWORD, config->password != NULL ? config->password : "");
    }
  lc->easy_setopt (curl, CURLOPT_MAIL_FROM, mail_from);
  lc->easy_setopt (curl, CURLOPT_MAIL_RCPT, recipients);
  lc->easy_setopt (curl, CURLOPT_READFUNCTION, read_payload_cb);
  lc->easy_setopt (curl, CURLOPT_READDATA, &payload);
  lc->easy_setopt (curl, CURLOPT_UPLOAD, 1L);
  lc->easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  lc->easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, transfer_info_cb);
  lc->easy_setopt (curl, CURLOPT_XFERINFODATA, cancellable);

  code = lc->easy_perform (curl);
  lc->slist_free_all (recipients);

  if (code == CURLE_OK)
    return NULL;

  return error_from_curl (code, *errbuf != '\0' ? errbuf : lc->easy_strerror (code), config);
}

static void
send_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SendData *data = task_data;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (error_free_nullable);
  g_autofree char *from_address = NULL;
  GError *session_error = NULL;
  g_autoptr(GError) load_error = NULL;
  const LfCurl *lc = NULL;
  CURL *curl = NULL;

  if (!lf_mail_address_parse (data->config->from, NULL, &from_address))
    session_error = g_error_new (LF_SMTP_ERROR, LF_SMTP_ERROR_INVALID_ADDRESS,
                                 _("The sender address “%s” is not valid"),
                                 data->config->from != NULL ? data->config->from : "");

  if (session_error == NULL)
    {
      lc = lf_curl_get (&load_error);
      if (lc == NULL)
        session_error = g_error_new (LF_SMTP_ERROR, LF_SMTP_ERROR_FAILED,
                                     /* Translators: %s is the technical reason */
                                     _("E-mail cannot be sent: the libcurl library could not "
                                       "be loaded (%s)"), load_error->message);
      else if ((curl = lc->easy_init ()) == NULL)
        session_error = g_error_new_literal (LF_SMTP_ERROR, LF_SMTP_ERROR_FAILED,
                                             _("E-mail cannot be sent: libcurl could not "
                                               "start"));
    }
  for (guint i = 0; i < data->messages->len; i++)
    {
      GError *error;
      ProgressCall *call;

      if (session_error == NULL && g_cancellable_is_cancelled (cancellable))
        session_error = g_error_new (LF_SMTP_ERROR, LF_SMTP_ERROR_CANCELLED,
                                     _("Sending was cancelled"));

      if (session_error != NULL)
        error = g_error_copy (session_error);
      else
        {
          error = send_one (lc, curl, data->config, g_ptr_array_index (data->messages, i),
                            from_address, cancellable);
          if (error != NULL && is_session_error (error))
            session_error = g_error_copy (error);
        }

      call = g_new0 (ProgressCall, 1);
      call->progress = progress_ref (data->progress);
      call->index = i;
      call->error = error != NULL ? g_error_copy (error) : NULL;
      g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, progress_dispatch, call,
                                  progress_call_free);

      g_ptr_array_add (results, error);
    }
  if (curl != NULL)
    lc->easy_cleanup (curl);
  g_clear_error (&session_error);

  g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify) g_ptr_array_unref);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

LfMailMessage *
lf_mail_message_new (const char *to,
                     const char *to_name,
                     const char *subject,
                     const char *body)
{
  LfMailMessage *message = g_new0 (LfMailMessage, 1);

  message->to = g_strdup (to);
  message->to_name = g_strdup (to_name);
  message->subject = g_strdup (subject != NULL ? subject : "");
  message->body = g_strdup (body != NULL ? body : "");

  return message;
}

void
lf_mail_message_free (LfMailMessage *message)
{
  if (message == NULL)
    return;

  g_free (message->to);
  g_free (message->to_name);
  g_free (message->subject);
  g_free (message->body);
  g_free (message->message_id);
  g_free (message->in_reply_to);
  g_free (message);
}

/**
 * lf_smtp_config_new_for_channel:
 * @channel: an SMTP channel
 * @password: (nullable): its password, from the keyring
 */
LfSmtpConfig *
lf_smtp_config_new_for_channel (LfChannel  *channel,
                                const char *password)
{
  LfSmtpConfig *config;

  g_return_val_if_fail (LF_IS_CHANNEL (channel), NULL);

  config = g_new0 (LfSmtpConfig, 1);
  config->host = g_strdup (lf_channel_get_host (channel));
  config->port = lf_channel_get_port (channel);
  config->security = lf_channel_get_security (channel);
  config->username = g_strdup (lf_channel_get_username (channel));
  config->password = g_strdup (password);
  config->from = g_strdup (lf_channel_get_from (channel));
  config->ca_file = g_strdup (lf_channel_get_ca_file (channel));
  config->timeout_seconds = DEFAULT_TIMEOUT;

  return config;
}

static LfSmtpConfig *
config_copy (const LfSmtpConfig *config)
{
  LfSmtpConfig *copy = g_new0 (LfSmtpConfig, 1);

  copy->host = g_strdup (config->host);
  copy->port = config->port;
  copy->security = config->security;
  copy->username = g_strdup (config->username);
  copy->password = g_strdup (config->password);
  copy->from = g_strdup (config->from);
  copy->ca_file = g_strdup (config->ca_file);
  copy->timeout_seconds = config->timeout_seconds > 0 ? config->timeout_seconds
                                                      : DEFAULT_TIMEOUT;

  return copy;
}

void
lf_smtp_config_free (LfSmtpConfig *config)
{
  if (config == NULL)
    return;

  g_free (config->host);
  g_free (config->username);
  if (config->password != NULL)
    {
      memset (config->password, 0, strlen (config->password));
      g_free (config->password);
    }
  g_free (config->from);
  g_free (config->ca_file);
  g_free (config);
}

/**
 * lf_smtp_send_async:
 * @config: the server; security "none" is refused unless the host is a loopback address
 * @messages: (element-type LfMailMessage): one message per recipient
 * @progress: (nullable): called in the current thread-default main context after each
 *   message
 *
 * Sends every message in a worker thread. A connection, TLS or login failure fails the
 * remaining messages with the same error without trying them.
 */
void
lf_smtp_send_async (const LfSmtpConfig  *config,
                    GPtrArray           *messages,
                    LfSmtpProgressFunc   progress,
                    gpointer             progress_data,
                    GDestroyNotify       progress_destroy,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SendData *data;

  g_return_if_fail (config != NULL);
  g_return_if_fail (messages != NULL);

  data = g_new0 (SendData, 1);
  data->config = config_copy (config);
  data->messages = g_ptr_array_ref (messages);
  data->progress = g_new0 (Progress, 1);
  g_atomic_ref_count_init (&data->progress->ref_count);
  data->progress->func = progress;
  data->progress->data = progress_data;
  data->progress->destroy = progress_destroy;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lf_smtp_send_async);
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  if (config->host == NULL || *config->host == '\0')
    {
      g_task_return_new_error (task, LF_SMTP_ERROR, LF_SMTP_ERROR_FAILED,
                               _("No mail server is set"));
      return;
    }
  if (config->security == LF_SMTP_SECURITY_NONE && !lf_host_is_loopback (config->host))
    {
      g_task_return_new_error (task, LF_SMTP_ERROR, LF_SMTP_ERROR_TLS,
                               _("Sending without encryption is only allowed to this "
                                 "computer, not to %s"), config->host);
      return;
    }

  g_task_run_in_thread (task, send_thread);
}

/**
 * lf_smtp_send_finish:
 *
 * Returns: (transfer full) (element-type GError): one entry per message, %NULL where it
 *   was accepted, else the reason; %NULL with @error when nothing was tried
 */
GPtrArray *
lf_smtp_send_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
