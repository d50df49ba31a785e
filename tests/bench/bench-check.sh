#!/bin/sh
# bench-check.sh — `lifeline --check` against `curl --parallel` over the same loopback targets
#
# Copyright 2026 The Lifeline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by hand (not a test):
#
#   tests/bench/bench-check.sh [BUILDDIR] [DELAY_MS] [RUNS] [HOSTS]
#
# Serves N targets on loopback (tests/bench/bench-server.py, each answer after DELAY_MS), writes
# a catalog with N platforms and one reference, and times, for N = 10, 100, 500,
#   lifeline --check --json --catalog CATALOG
#   curl --parallel --parallel-immediate --parallel-max N+1 over the same N+1 URLs
# with /usr/bin/time -v: wall time and peak RSS (the medians of RUNS runs) and CPU time (user +
# system, the mean of the RUNS runs: /usr/bin/time counts in 10 ms steps), and the ratios. Goals: wall ≤ 1.2 × curl, CPU ≤ curl, peak RSS < 30 MB.
#
# HOSTS is "many" (default: every target on its own port, as platforms live on different
# hosts) or "one" (every target on one host:port).

set -eu

here=$(cd "$(dirname "$0")" && pwd)
builddir=${1:-$here/../../_build}
delay=${2:-200}
runs=${3:-5}
hosts=${4:-many}
lifeline=$builddir/app/lifeline

[ -x "$lifeline" ] || { echo "no $lifeline: build first (meson compile -C _build)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package time)" >&2; exit 1; }
command -v curl >/dev/null || { echo "needs curl" >&2; exit 1; }

work=$(mktemp -d)
server_pid=
cleanup () {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# one measurement: prints "wall_s cpu_s rss_kb"
measure () {
  /usr/bin/time -v -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || true
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i] }
    /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { r = $2 }
    END { printf "%.3f %.3f %d\n", w, u + s, r }' "$work/time"
}

# $runs measurements of one command: "median_wall mean_cpu median_rss"
median () {
  for _ in $(seq "$runs"); do measure "$@"; done > "$work/runs"
  wall=$(sort -n -k1 "$work/runs" | awk -v r="$runs" 'NR == int((r + 1) / 2) { print $1 }')
  rss=$(sort -n -k3 "$work/runs" | awk -v r="$runs" 'NR == int((r + 1) / 2) { print $3 }')
  cpu=$(awk '{ c += $2 } END { printf "%.4f", c / NR }' "$work/runs")
  echo "$wall $cpu $rss"
}

start_server () {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -f "$work/ports"
  /usr/bin/python3 "$here/bench-server.py" "$delay" "$1" > "$work/ports" &
  server_pid=$!
  for _ in $(seq 100); do [ -s "$work/ports" ] && break; sleep 0.1; done
  [ -s "$work/ports" ] || { echo "the bench server did not start" >&2; exit 1; }
}

# the URL of target $1 (the reference is target $n, on the last port)
url_of () {
  if [ "$hosts" = one ]; then
    printf 'http://127.0.0.1:%s/t%s' "$(cut -d' ' -f1 "$work/ports")" "$1"
  else
    printf 'http://127.0.0.1:%s/t%s' "$(cut -d' ' -f$(($1 + 1)) "$work/ports")" "$1"
  fi
}

printf 'delay %s ms per answer, median of %s runs, targets on %s host(s)\n\n' \
  "$delay" "$runs" "$hosts"
printf '%5s | %-24s | %-24s | %s\n' N "lifeline wall/cpu/rss" "curl wall/cpu/rss" \
  "ratio wall, cpu"
printf '%s\n' "------+--------------------------+--------------------------+---------------"

for n in 10 100 500; do
  if [ "$hosts" = one ]; then start_server 1; else start_server $((n + 1)); fi

  cat=$work/catalog-$n.json
  urls=$work/urls-$n.txt
  {
    printf '{ "version": 1,\n'
    printf '  "references": [ { "id": "ref", "name": "Reference", "url": "%s", "provider": "loopback" } ],\n' \
      "$(url_of "$n")"
    printf '  "providers": [],\n  "platforms": [\n'
    i=0
    while [ "$i" -lt "$n" ]; do
      sep=,
      if [ "$i" -eq $((n - 1)) ]; then sep=; fi
      printf '    { "id": "t%d", "name": "Target %d", "category": "marketplace", "providers": [],\n' "$i" "$i"
      printf '      "probes": [ { "url": "%s", "method": "GET" } ] }%s\n' "$(url_of "$i")" "$sep"
      i=$((i + 1))
    done
    printf '  ] }\n'
  } > "$cat"
  {
    i=0
    while [ "$i" -le "$n" ]; do
      printf 'url = "%s"\noutput = "/dev/null"\n' "$(url_of "$i")"
      i=$((i + 1))
    done
  } > "$urls"

  # sanity: every target up (exit code 0)
  if ! "$lifeline" --check --catalog "$cat" > "$work/check.txt"; then
    echo "lifeline --check did not find every target up for N=$n:" >&2
    head -n 5 "$work/check.txt" >&2
    exit 1
  fi

  set -- $(median "$lifeline" --check --json --catalog "$cat")
  lw=$1 lc=$2 lr=$3
  set -- $(median curl --silent --parallel --parallel-immediate --parallel-max $((n + 1)) \
                       --config "$urls")
  cw=$1 cc=$2 cr=$3

  awk -v n="$n" -v lw="$lw" -v lc="$lc" -v lr="$lr" -v cw="$cw" -v cc="$cc" -v cr="$cr" 'BEGIN {
    cpu = (cc > 0) ? sprintf ("%.2fx", lc / cc) : "n/a (curl 0.000 s)"
    printf ("%5d | %6.3fs %6.4fs %5.1fMB | %6.3fs %6.4fs %5.1fMB | %5.2fx, %s\n",
            n, lw, lc, lr / 1024, cw, cc, cr / 1024, lw / cw, cpu) }'
done
