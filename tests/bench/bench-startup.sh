#!/bin/sh
# bench-startup.sh — Lifeline against a bare libadwaita window, in the same run (by hand)
# Copyright 2026 The Lifeline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   tests/bench/bench-startup.sh [RUNS]
#
# Under Xvfb with the cairo renderer (build-aux/test-session.sh) it measures, RUNS times each
# (default 7, interleaved), the cold start to the first painted frame and the resident
# memory of `minimal-window` and of Lifeline (bench-lifeline: the real application, with the
# window closed and Lifeline in the background for the "closed" figure), and prints medians
# and ratios. Then it runs Lifeline in the background watching 20 platforms served on
# loopback (bench-server.py) at the default interval for BENCH_IDLE_SECONDS (default 600)
# and prints the CPU time it used. Goals: start ≤ 1.25×, closed RSS ≤ 1.15× of the minimal
# window, < 1 s CPU per 10 idle minutes.
set -eu

runs=${1:-7}
builddir=${BUILDDIR:-_build}
idle=${BENCH_IDLE_SECONDS:-600}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)

if [ "${LIFELINE_IN_TEST_SESSION:-}" != "1" ]; then
  exec "$top/build-aux/test-session.sh" "$0" "$@"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/lifeline-bench.XXXXXX")
server_pid=
cleanup () {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$top/$builddir/data"
export GSK_RENDERER=cairo GDK_BACKEND=x11 GTK_A11Y=none NO_AT_BRIDGE=1
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
export XDG_CACHE_HOME="$work/cache"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"

minimal="$top/$builddir/tests/bench/minimal-window"
lifeline="$top/$builddir/tests/bench/bench-lifeline"

median () {
  sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

: > "$work/min" ; : > "$work/lf" ; : > "$work/lf8"
for i in $(seq 1 "$runs"); do
  BENCH_T0=$(date +%s%N) "$minimal" >> "$work/min"
  # first run (the onboarding), then a returning user watching 8 platforms
  BENCH_T0=$(date +%s%N) "$lifeline" first-frame | tr '\n' ' ' >> "$work/lf"
  echo >> "$work/lf"
  BENCH_WATCHED=upwork,fiverr,discord,slack,google-workspace,github,paypal,zoom \
    BENCH_T0=$(date +%s%N) "$lifeline" first-frame | tr '\n' ' ' >> "$work/lf8"
  echo >> "$work/lf8"
done

min_ms=$(awk '{ print $1 }' "$work/min" | median)
min_rss=$(awk '{ print $2 }' "$work/min" | median)
min_hwm=$(awk '{ print $3 }' "$work/min" | median)
lf_ms=$(awk '{ print $1 }' "$work/lf" | median)
lf_rss=$(awk '{ print $2 }' "$work/lf" | median)
lf_hwm=$(awk '{ print $3 }' "$work/lf" | median)
lf_closed=$(awk '{ print $4 }' "$work/lf" | median)
lf8_ms=$(awk '{ print $1 }' "$work/lf8" | median)
lf8_closed=$(awk '{ print $4 }' "$work/lf8" | median)

echo "runs: $runs each (Xvfb, GSK_RENDERER=cairo), medians"
printf '%-34s %10s %10s %8s\n' "" "minimal" "lifeline" "ratio"
printf '%-34s %10.1f %10.1f %8.2f   (goal ≤ 1.25)\n' "start to first frame (ms)" "$min_ms" "$lf_ms" \
  "$(echo "$lf_ms / $min_ms" | bc -l)"
printf '%-34s %10.1f %10.1f %8.2f   (8 platforms watched)\n' "start to first frame (ms)" \
  "$min_ms" "$lf8_ms" "$(echo "$lf8_ms / $min_ms" | bc -l)"
printf '%-34s %10d %10d %8.2f\n' "RSS at first frame (kB)" "$min_rss" "$lf_rss" \
  "$(echo "$lf_rss / $min_rss" | bc -l)"
printf '%-34s %10d %10d %8.2f\n' "peak RSS (kB)" "$min_hwm" "$lf_hwm" \
  "$(echo "$lf_hwm / $min_hwm" | bc -l)"
printf '%-34s %10d %10d %8.2f   (goal ≤ 1.15)\n' "RSS, Lifeline's window closed (kB)" "$min_rss" \
  "$lf_closed" "$(echo "$lf_closed / $min_rss" | bc -l)"
printf '%-34s %10d %10d %8.2f   (8 platforms watched)\n' "RSS, Lifeline's window closed (kB)" \
  "$min_rss" "$lf8_closed" "$(echo "$lf8_closed / $min_rss" | bc -l)"

[ "$idle" -gt 0 ] || exit 0

# 20 platforms and 2 references on loopback, answering in 50 ms
/usr/bin/python3 "$here/bench-server.py" 50 > "$work/port" &
server_pid=$!
for i in $(seq 1 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
{
  echo '{ "version": 1,'
  echo '  "references": ['
  echo "    { \"id\": \"ref-a\", \"name\": \"A\", \"url\": \"http://127.0.0.1:$port/ref-a\" },"
  echo "    { \"id\": \"ref-b\", \"name\": \"B\", \"url\": \"http://localhost:$port/ref-b\" } ],"
  echo '  "providers": [],'
  echo '  "platforms": ['
  for i in $(seq 1 20); do
    sep=,; [ "$i" = 20 ] && sep=
    echo "    { \"id\": \"p$i\", \"name\": \"Platform $i\", \"category\": \"marketplace\","
    echo "      \"probes\": [ { \"url\": \"http://127.0.0.1:$port/p$i\", \"method\": \"HEAD\" } ] }$sep"
  done
  echo '  ] }'
} > "$work/catalog.json"

cpu=$("$lifeline" idle "$work/catalog.json" "$idle" | tail -n 1)
echo "CPU in the background, 20 platforms, default interval, ${idle} s: ${cpu} s" \
  "($(echo "$cpu * 600 / $idle" | bc -l | xargs printf '%.3f') s per 10 min; goal < 1 s)"
