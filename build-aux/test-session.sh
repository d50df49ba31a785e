#!/bin/sh
# test-session.sh — run a command inside the headless desktop session the test suite needs:
# a private D-Bus session bus (dbus-run-session), an X server (Xvfb) and an unlocked
# gnome-keyring with a throw-away keyring. Used by `make check` and `make screenshots`.
# Copyright 2026 The Lifeline authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

if [ "${LIFELINE_IN_TEST_SESSION:-}" != "1" ]; then
  export LIFELINE_IN_TEST_SESSION=1
  exec xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- "$0" "$@"
fi

# A keyring of our own, never the user's.
keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/lifeline-keyring.XXXXXX")
cleanup () {
  # Never "kill 0": that would take the whole process group (make, the caller's pipe) with it.
  if [ -n "${GNOME_KEYRING_PID:-}" ]; then
    kill "$GNOME_KEYRING_PID" 2>/dev/null || true
  fi
  rm -rf "$keyring_home"
}
trap cleanup EXIT
export XDG_DATA_HOME="$keyring_home/data"
export XDG_RUNTIME_DIR="$keyring_home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

eval "$(printf 'test-password' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
GNOME_KEYRING_PID=${GNOME_KEYRING_PID:-$(pgrep -n -u "$(id -u)" gnome-keyring-d || true)}

"$@"
