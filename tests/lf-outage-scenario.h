/* lf-outage-scenario.h — the outage day of issue #11 on loopback: Upwork and Discord behind
 * a Cloudflare 500 error page, PayPal answering 503 on its own, GitHub slow, Fiverr healthy,
 * Cloudflare's Statuspage saying "major" (test code only)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  SoupServer *server;
  guint       port;
  gboolean    outage;   /* FALSE: everything answers 200, the status page says "none" */
  char       *catalog;  /* the catalog file (in the directory given) */
} LfOutageScenario;

LfOutageScenario *lf_outage_scenario_new  (const char       *dir);
void              lf_outage_scenario_free (LfOutageScenario *scenario);

G_END_DECLS
