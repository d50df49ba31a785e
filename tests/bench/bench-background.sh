#!/bin/sh
# bench-background.sh — the background monitor and the window's process, side by side with
# `lifeline --check` and a bare libadwaita window, in the same run (by hand, not a test)
# Copyright 2026 The Lifeline authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   tests/bench/bench-background.sh [RUNS]
#
# Under Xvfb with the cairo renderer and a private bus (build-aux/test-session.sh), with 20
# platforms and the references served on loopback (bench-server.py, 50 ms answers):
#
#   1. starts the background monitor as autostart does (`lifeline --gapplication-service`,
#      run-in-background on, the 20 platforms watched; no window), lets it settle 15 s and
#      reads its RSS, PSS and private memory (/proc/PID/smaps_rollup);
#   2. runs `lifeline --check --catalog` on the same 20 platforms (answers slowed to 1.5 s so
#      it can be sampled) and keeps its largest sample;
#   3. RUNS times each, interleaved: a minimal libadwaita window and the window's process as
#      the monitor starts it (bench-lifeline window: lifeline-gui's code, mirroring the
#      running monitor): start to first painted frame, to the first frame with the 20 rows,
#      RSS at the first frame and 2 s later with the window up; medians and ratios;
#   4. RUNS times each, interleaved: a click on the tray icon (StatusNotifierItem.Activate on
#      the monitor) to the first frame of the window process it starts, and the window's
#      program (lifeline-gui) started alone to its first frame (bench-tray.py);
#   5. the monitor's CPU time over BENCH_IDLE_SECONDS (default 600) of idle time at the
#      default interval, and per 10 minutes.
#
# Goals (issue #15): background RSS ≤ 30 MB and private ≤ 12 MB; window start ≤ 1.25× and
# RSS with the window up ≤ 1.15× of the minimal window; opening from the tray as fast as a
# cold start of the window alone; < 0.5 s CPU per 10 idle minutes.
#
# Measure a release build (what users run): BUILDDIR=_build-release after
#   meson setup _build-release -Ddevelopment=false
# (a development build's header bar draws the .devel stripes, an SVG the release has not).
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
server_pid= ; slow_pid= ; service_pid=
cleanup () {
  for pid in $service_pid $server_pid $slow_pid; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$top/$builddir/data"
export GSK_RENDERER=cairo GDK_BACKEND=x11 GTK_A11Y=none NO_AT_BRIDGE=1
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
export XDG_CACHE_HOME="$work/cache"
mkdir -p "$HOME" "$XDG_CONFIG_HOME/lifeline" "$XDG_CONFIG_HOME/glib-2.0/settings" \
         "$XDG_DATA_HOME" "$XDG_CACHE_HOME"

lifeline="$top/$builddir/app/lifeline"
gui="$top/$builddir/app/lifeline-gui"
app_id=$(sed -n 's/^#define APP_ID "\(.*\)"$/\1/p' "$top/$builddir/config.h")
minimal="$top/$builddir/tests/bench/minimal-window"
window="$top/$builddir/tests/bench/bench-lifeline"

median () {
  sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
smaps () {  # PID FIELD… : the sum of those fields of smaps_rollup, in kB
  pid=$1; shift
  for f in "$@"; do grep "^$f:" "/proc/$pid/smaps_rollup"; done | awk '{ s += $2 } END { print s }'
}
serve () {  # DELAY_MS FILE
  /usr/bin/python3 "$here/bench-server.py" "$1" > "$2" &
  for i in $(seq 1 50); do [ -s "$2" ] && break; sleep 0.1; done
}
catalog () {  # PORT: the built-in references (same ids) and 20 platforms, on loopback
  echo '{ "version": 1, "references": ['
  sep=
  for ref in gnome-nm debian-nm firefox-portal google-204 cloudflare-trace; do
    echo "$sep { \"id\": \"$ref\", \"name\": \"$ref\", \"url\": \"http://127.0.0.1:$1/$ref\" }"
    sep=,
  done
  echo '  ], "providers": [], "platforms": ['
  for i in $(seq 1 20); do
    sep=,; [ "$i" = 20 ] && sep=
    echo "    { \"id\": \"p$i\", \"name\": \"Platform $i\", \"category\": \"marketplace\","
    echo "      \"probes\": [ { \"url\": \"http://127.0.0.1:$1/p$i\", \"method\": \"HEAD\" } ] }$sep"
  done
  echo '  ] }'
}

serve 50 "$work/port"; server_pid=$!
serve 1500 "$work/slow-port"; slow_pid=$!
catalog "$(cat "$work/port")" > "$XDG_CONFIG_HOME/lifeline/catalog.json"
catalog "$(cat "$work/slow-port")" > "$work/slow-catalog.json"
watched=$(seq 1 20 | sed "s/.*/'p&'/" | paste -sd, -)
cat > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile" <<EOK
[io/github/lifeline/Lifeline]
watched-platforms=[$watched]
run-in-background=true
EOK

# 1. the background monitor, no window (the windows it starts log their first frame into
#    its stderr: step 4)
G_MESSAGES_DEBUG=lf-window "$lifeline" --gapplication-service > "$work/monitor.log" 2>&1 &
service_pid=$!
sleep 15
bg_rss=$(smaps $service_pid Rss); bg_pss=$(smaps $service_pid Pss)
bg_priv=$(smaps $service_pid Private_Clean Private_Dirty)
gtk_mapped=no; grep -q libgtk-4 "/proc/$service_pid/maps" && gtk_mapped=yes
curl_mapped=no; grep -q libcurl "/proc/$service_pid/maps" && curl_mapped=yes

# 2. lifeline --check on the same 20 platforms: its largest sample
"$lifeline" --check --catalog "$work/slow-catalog.json" > /dev/null &
check_pid=$!
ck_rss=0; ck_pss=0; ck_priv=0
while kill -0 $check_pid 2>/dev/null; do
  r=$(smaps $check_pid Rss 2>/dev/null || echo 0)
  if [ "${r:-0}" -gt "$ck_rss" ]; then
    ck_rss=$r; ck_pss=$(smaps $check_pid Pss 2>/dev/null || echo 0)
    ck_priv=$(smaps $check_pid Private_Clean Private_Dirty 2>/dev/null || echo 0)
  fi
  sleep 0.05
done
wait $check_pid || true

# 3. the windows: minimal "ms RSS HWM RSS-up", window "ms RSS HWM content-ms RSS-up"
: > "$work/min"; : > "$work/win"
for i in $(seq 1 "$runs"); do
  BENCH_SETTLE_MS=2000 BENCH_T0=$(date +%s%N) "$minimal" >> "$work/min"
  BENCH_ROWS=20 BENCH_SETTLE_MS=2000 BENCH_T0=$(date +%s%N) "$window" window >> "$work/win"
done
min_ms=$(awk '{ print $1 }' "$work/min" | median); win_ms=$(awk '{ print $1 }' "$work/win" | median)
win_content=$(awk '{ print $4 }' "$work/win" | median)
min_rss=$(awk '{ print $2 }' "$work/min" | median); win_rss=$(awk '{ print $2 }' "$work/win" | median)
min_up=$(awk '{ print $4 }' "$work/min" | median); win_up=$(awk '{ print $5 }' "$work/win" | median)

# 4. the tray: a click to the first frame, against lifeline-gui alone
/usr/bin/python3 "$here/bench-tray.py" "$app_id" "$gui" "$work/monitor.log" "$runs" > "$work/tray"
tray_ms=$(awk '{ print $1 }' "$work/tray" | median); alone_ms=$(awk '{ print $2 }' "$work/tray" | median)

ratio () { echo "$1 / $2" | bc -l | xargs printf '%.2f'; }
mb () { echo "$1 / 1024" | bc -l | xargs printf '%.1f'; }

echo "20 watched platforms on loopback; Xvfb, GSK_RENDERER=cairo; window figures: medians of $runs"
printf '%-46s %9s %9s %9s\n' "" "RSS MB" "PSS MB" "priv. MB"
printf '%-46s %9s %9s %9s   (GTK mapped: %s, libcurl: %s; goal ≤ 30 / ≤ 12)\n' \
  "background monitor, no window" "$(mb $bg_rss)" "$(mb $bg_pss)" "$(mb $bg_priv)" "$gtk_mapped" \
  "$curl_mapped"
printf '%-46s %9s %9s %9s\n' "lifeline --check (largest sample)" "$(mb $ck_rss)" "$(mb $ck_pss)" "$(mb $ck_priv)"
printf '%-46s %9s\n' "minimal libadwaita window, up 2 s" "$(mb $min_up)"
echo
printf '%-46s %9s %9s %7s\n' "" "minimal" "window" "ratio"
printf '%-46s %9.1f %9.1f %7s   (goal ≤ 1.25)\n' "start to first frame (ms)" "$min_ms" "$win_ms" "$(ratio $win_ms $min_ms)"
printf '%-46s %9.1f %9.1f %7s\n' "start to the frame with the 20 rows (ms)" "$min_ms" "$win_content" "$(ratio $win_content $min_ms)"
printf '%-46s %9s %9s %7s\n' "RSS at first frame (MB)" "$(mb $min_rss)" "$(mb $win_rss)" "$(ratio $win_rss $min_rss)"
printf '%-46s %9s %9s %7s   (goal ≤ 1.15)\n' "RSS with the window up 2 s (MB)" "$(mb $min_up)" "$(mb $win_up)" "$(ratio $win_up $min_up)"

echo
printf '%-46s %9s %9s %7s\n' "" "alone" "tray" "ratio"
printf '%-46s %9.1f %9.1f %7s   (goal: as fast)\n' "lifeline-gui to first frame (ms)" "$alone_ms" "$tray_ms" "$(ratio $tray_ms $alone_ms)"

[ "$idle" -gt 0 ] || exit 0

# 5. idle CPU of the monitor (clock ticks of user + system time)
ticks () { awk '{ print $14 + $15 }' "/proc/$service_pid/stat"; }
hz=$(getconf CLK_TCK)
t0=$(ticks); sleep "$idle"; t1=$(ticks)
cpu=$(echo "($t1 - $t0) / $hz" | bc -l)
printf 'background monitor CPU over %s s idle: %.2f s (%.3f s per 10 min; goal < 0.5 s); RSS after: %s MB\n' \
  "$idle" "$cpu" "$(echo "$cpu * 600 / $idle" | bc -l)" "$(mb "$(smaps $service_pid Rss)")"
