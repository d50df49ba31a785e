#!/bin/sh
# screenshot.sh OUT.png [WIDTHxHEIGHT] [light|dark] — start Lifeline under the headless test
# session, wait for its window, and save a screenshot of the whole screen.
# Copyright 2026 The Lifeline authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
out=$1
size=${2:-960x680}
style=${3:-light}
builddir=${BUILDDIR:-_build}
exec build-aux/test-session.sh sh -c '
  set -eu
  export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR='"$builddir"'/data GSK_RENDERER=cairo GDK_BACKEND=x11 GTK_A11Y=none
  # GNOME'"'"'s default title-bar buttons (close only), as a person on GNOME sees them.
  export XDG_CONFIG_HOME="${XDG_RUNTIME_DIR}/config"
  mkdir -p "$XDG_CONFIG_HOME/gtk-4.0"
  printf "[Settings]\ngtk-decoration-layout=:close\n" > "$XDG_CONFIG_HOME/gtk-4.0/settings.ini"
  if [ "'"$style"'" = dark ]; then export ADW_DEBUG_COLOR_SCHEME=prefer-dark; fi
  '"$builddir"'/app/lifeline ${LIFELINE_ARGS:-} &
  pid=$!
  for i in $(seq 1 100); do
    wid=$(xdotool search --onlyvisible --name "Lifeline" 2>/dev/null | head -n1 || true)
    [ -n "$wid" ] && break
    sleep 0.1
  done
  [ -n "$wid" ] || { echo "no window" >&2; kill $pid; exit 1; }
  w=${1%x*}; h=${1#*x}
  xdotool windowsize "$wid" "$w" "$h" windowmove "$wid" 0 0
  sleep ${SCREENSHOT_DELAY:-1.5}
  import -window root -crop "${w}x${h}+0+0" "$2"
  kill $pid
' sh "$size" "$out"
