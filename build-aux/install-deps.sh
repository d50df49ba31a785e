#!/bin/sh
# install-deps.sh — install the Debian packages listed in build-aux/debian-packages.txt that
# are missing. Uses sudo when not root. Does nothing when everything is there.
# Copyright 2026 The Lifeline authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

here=$(dirname "$0")
list="$here/debian-packages.txt"

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "install-deps: not a Debian-like system; install the packages in $list by hand." >&2
  exit 0
fi

missing=""
for pkg in $(grep -v '^[[:space:]]*#' "$list" | grep -v '^[[:space:]]*$'); do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  case "$status" in
    *"ok installed"*) ;;
    *) missing="$missing $pkg" ;;
  esac
done

[ -z "$missing" ] && exit 0

echo "install-deps: installing$missing"
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "install-deps: need root or sudo to install:$missing" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# With recommends, as the machines the suite was written on (fonts, icon loaders, …).
$sudo apt-get update
# shellcheck disable=SC2086
$sudo apt-get install -y $missing
