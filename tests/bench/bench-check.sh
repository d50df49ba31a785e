#!/bin/sh
# bench-check.sh — `lifeline --check` against `curl --parallel` over the same loopback targets
#
# Copyright 2026 The Lifeline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by hand (not a test):
#
#   tests/bench/bench-check.sh [BUILDDIR] [DELAY_MS] [RUNS]
#
# Serves N targets on loopback (tests/bench/bench-server.py, each answer after DELAY_MS), writes
# a catalog with N platforms and one reference on that server, and times, for N = 10, 100, 500,
#   lifeline --check --json --catalog CATALOG
#   curl --parallel --parallel-immediate --parallel-max N+1 over the same N+1 URLs
# with /usr/bin/time -v: wall time, CPU time (user + system) and peak RSS, the median of RUNS
# runs each, and the ratios. Goals: wall ≤ 1.2 × curl, CPU ≤ curl, peak RSS < 30 MB.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
builddir=${1:-$here/../../_build}
delay=${2:-200}
runs=${3:-5}
lifeline=$builddir/app/lifeline

[ -x "$lifeline" ] || { echo "no $lifeline: build first (meson compile -C _build)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package time)" >&2; exit 1; }
command -v curl >/dev/null || { echo "needs curl" >&2; exit 1; }

work=$(mktemp -d)
server_pid=
cleanup () {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

/usr/bin/python3 "$here/bench-server.py" "$delay" > "$work/port" &
server_pid=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
base=http://127.0.0.1:$port

# one measurement: prints "wall_s cpu_s rss_kb"
measure () {
  /usr/bin/time -v -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || true
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i] }
    /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { r = $2 }
    END { printf "%.3f %.3f %d\n", w, u + s, r }' "$work/time"
}

# the median of $runs measurements of one command
median () {
  for _ in $(seq "$runs"); do measure "$@"; done | sort -n -k1 |
    awk -v runs="$runs" 'NR == int((runs + 1) / 2) { print }'
}

printf 'delay %s ms per answer, median of %s runs\n\n' "$delay" "$runs"
printf '%5s | %-24s | %-24s | %s\n' N "lifeline wall/cpu/rss" "curl wall/cpu/rss" \
  "ratio wall, cpu"
printf '%s\n' "------+--------------------------+--------------------------+---------------"

for n in 10 100 500; do
  cat=$work/catalog-$n.json
  urls=$work/urls-$n.txt
  {
    printf '{ "version": 1,\n'
    printf '  "references": [ { "id": "ref", "name": "Reference", "url": "%s/ref", "provider": "loopback" } ],\n' "$base"
    printf '  "providers": [],\n  "platforms": [\n'
    i=0
    while [ "$i" -lt "$n" ]; do
      sep=,; [ "$i" -eq $((n - 1)) ] && sep=
      printf '    { "id": "t%d", "name": "Target %d", "category": "marketplace", "providers": [],\n' "$i" "$i"
      printf '      "probes": [ { "url": "%s/t%d", "method": "GET" } ] }%s\n' "$base" "$i" "$sep"
      i=$((i + 1))
    done
    printf '  ] }\n'
  } > "$cat"
  {
    printf 'url = "%s/ref"\noutput = "/dev/null"\n' "$base"
    i=0
    while [ "$i" -lt "$n" ]; do
      printf 'url = "%s/t%d"\noutput = "/dev/null"\n' "$base" "$i"
      i=$((i + 1))
    done
  } > "$urls"

  # sanity: every platform up
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
    printf ("%5d | %6.3fs %6.3fs %6.1fMB | %6.3fs %6.3fs %6.1fMB | %5.2fx, %s\n",
            n, lw, lc, lr / 1024, cw, cc, cr / 1024, lw / cw, cpu) }'
done
