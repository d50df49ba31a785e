/* lf-test-smtp-server.h — run tests/smtp-server.py (aiosmtpd) from a test
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  GSubprocess *process;
  char        *directory;
  guint        port;
} LfTestSmtpServer;

typedef enum
{
  LF_TEST_SMTP_PLAIN,
  LF_TEST_SMTP_STARTTLS,
  LF_TEST_SMTP_TLS,
} LfTestSmtpSecurity;

LfTestSmtpServer *lf_test_smtp_server_start         (guint              port,
                                                     LfTestSmtpSecurity security,
                                                     const char        *user,
                                                     const char        *password);
GPtrArray        *lf_test_smtp_server_get_messages  (LfTestSmtpServer  *server);
void              lf_test_smtp_server_stop          (LfTestSmtpServer  *server);
guint             lf_test_free_port                 (void);

G_END_DECLS
