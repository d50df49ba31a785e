#!/bin/sh
# tray-screenshot.sh — the tray icon as a real StatusNotifier host shows it: an xfce4-panel
# with its systray plugin (which is also the StatusNotifierWatcher) under Xvfb, and Lifeline
# run uninstalled from the build directory through `meson devenv` (as `make run` does), its
# monitor scripted through a Cloudflare outage (no network). Writes OUTPUT.png (the panel).
#
#   build-aux/test-session.sh build-aux/tray-screenshot.sh BUILDDIR OUTPUT.png [pixmap]
#
# With "pixmap", the icon theme path points at an empty directory, so the host can only show
# the IconPixmap the item sends.
#
# Copyright 2026 The Lifeline authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

builddir=$(cd "$1" && pwd)
output=$2
mode=${3:-themed}
command -v xfce4-panel >/dev/null || { echo "xfce4-panel is not installed" >&2; exit 77; }

work=$(mktemp -d "${TMPDIR:-/tmp}/lifeline-tray.XXXXXX")
panel_pid=
driver_pid=
cleanup () {
  [ -n "$driver_pid" ] && kill "$driver_pid" 2>/dev/null || true
  [ -n "$panel_pid" ] && kill "$panel_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# xfce4-panel's default panel (xfconfd is activated by the bus with its defaults): its systray
# plugin hosts StatusNotifier items.
xfce4-panel --disable-wm-check >"$work/panel.log" 2>&1 &
panel_pid=$!

# The systray plugin owns the watcher once it is up.
i=0
until gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner org.kde.StatusNotifierWatcher 2>/dev/null \
      | grep -q true; do
  i=$((i + 1))
  if [ $i -gt 100 ]; then
    echo "no StatusNotifierWatcher: xfce4-panel did not start its systray" >&2
    cat "$work/panel.log" >&2
    exit 1
  fi
  sleep 0.2
done

# Lifeline, uninstalled, through meson devenv (LIFELINE_ICON_THEME_PATH, schemas).
mkfifo "$work/commands"
mkdir -p "$work/no-icons"
if [ "$mode" = pixmap ]; then
  set -- env LIFELINE_ICON_THEME_PATH="$work/no-icons"
else
  set -- env
fi
HOME="$work/home" XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state" \
  meson devenv -C "$builddir" "$@" "$builddir/tests/lf-a11y-driver" <"$work/commands" \
  >"$work/driver.log" 2>&1 &
driver_pid=$!
exec 3>"$work/commands"
echo health >&3
i=0
until grep -q "ready health" "$work/driver.log"; do
  i=$((i + 1))
  if [ $i -gt 150 ]; then
    echo "the application did not reach the outage" >&2
    cat "$work/driver.log" >&2
    exit 1
  fi
  sleep 0.2
done
sleep 2   # the panel re-reads the icon after NewIcon

# the right end of the panel: the tray, the clock (the window covers the left end)
import -window root -crop 400x32+880+0 "$output"
echo quit >&3
exec 3>&-
wait "$driver_pid" || true
driver_pid=
echo "$output"
