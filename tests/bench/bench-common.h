/* bench-common.h — what the startup benchmark programs measure about themselves
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <stdio.h>
#include <string.h>

/* Milliseconds since $BENCH_T0 (ns since the epoch, taken by the script just before it
 * started us), so exec, dynamic linking and GTK's start-up are all counted. */
static inline double
bench_elapsed_ms (void)
{
  const char *t0 = g_getenv ("BENCH_T0");
  gint64 now_ns = g_get_real_time () * 1000;

  if (t0 == NULL)
    return -1;

  return (now_ns - g_ascii_strtoll (t0, NULL, 10)) / 1e6;
}

/* A field of /proc/self/status in kB ("VmRSS", "VmHWM"). */
static inline long
bench_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  line = strstr (status, field);
  if (line == NULL)
    return -1;

  return strtol (line + strlen (field) + 1, NULL, 10);
}

/* CPU time (user + system) of this process, in seconds. */
static inline double
bench_cpu_seconds (void)
{
  g_autofree char *stat = NULL;
  const char *p;
  unsigned long utime = 0;
  unsigned long stime = 0;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL))
    return -1;

  /* fields after the command name (which may hold spaces) */
  p = strrchr (stat, ')');
  if (p == NULL
      || sscanf (p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime,
                 &stime) != 2)
    return -1;

  return (double) (utime + stime) / sysconf (_SC_CLK_TCK);
}
