/* lf-outage-scenario.h — the outage day of issue #11 on loopback: Upwork and Discord behind
 * a Cloudflare 500 error page, PayPal answering 503 on its own, GitHub slow, Fiverr healthy,
 * Cloudflare's Statuspage saying "major" (test code only)
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lf-test-server.h"

G_BEGIN_DECLS

typedef struct
{
  LfTestServer *server;
  char         *catalog;  /* the catalog file (in the directory given) */
} LfOutageScenario;

/* Starts in the outage. */
LfOutageScenario *lf_outage_scenario_new        (const char       *dir);
/* FALSE: everything answers 200, the status page says "none". */
void              lf_outage_scenario_set_outage (LfOutageScenario *scenario,
                                                 gboolean          outage);
void              lf_outage_scenario_free       (LfOutageScenario *scenario);

G_END_DECLS
