#!/usr/bin/env python3
# check-flatpak.py — the Flatpak manifests are well-formed and ask only for what Lifeline needs.
# Runtimes cannot be downloaded on the CI machines, so this checks the manifest itself.
# Copyright 2026 The Lifeline authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

REQUIRED = {'--share=network', '--share=ipc', '--socket=wayland', '--socket=fallback-x11',
            '--device=dri', '--talk-name=org.kde.StatusNotifierWatcher'}
ALLOWED = REQUIRED | {'--talk-name=org.freedesktop.Notifications'}
SUPPORTED_GNOME = {'50', '51'}  # the two GNOME runtimes supported in late 2026

errors = []

def check(path, app_id, devel):
    with open(path, encoding='utf-8') as f:
        m = json.load(f)
    def err(msg):
        errors.append(f'{os.path.relpath(path, root)}: {msg}')
    if m.get('id', m.get('app-id')) != app_id:
        err(f'app id is {m.get("id", m.get("app-id"))!r}, expected {app_id!r}')
    if m.get('runtime') != 'org.gnome.Platform' or m.get('sdk') != 'org.gnome.Sdk':
        err('runtime must be org.gnome.Platform with org.gnome.Sdk')
    if str(m.get('runtime-version')) not in SUPPORTED_GNOME:
        err(f'runtime-version {m.get("runtime-version")!r} is not a supported GNOME runtime')
    if m.get('command') != 'lifeline':
        err('command must be lifeline')
    args = m.get('finish-args', [])
    missing = REQUIRED - set(args)
    if missing:
        err(f'missing finish-args: {sorted(missing)}')
    for a in args:
        if a not in ALLOWED:
            err(f'finish-arg not allowed: {a}')
        if a.startswith('--filesystem') or 'org.freedesktop.secrets' in a or a.startswith('--own-name'):
            err(f'forbidden finish-arg: {a}')
    modules = m.get('modules', [])
    if not modules or not isinstance(modules[-1], dict) or modules[-1].get('name') != 'lifeline':
        err('the last module must be lifeline')
    else:
        app = modules[-1]
        if app.get('buildsystem') != 'meson':
            err('lifeline module must build with meson')
        if app.get('run-tests') is not True:
            err('lifeline module must set run-tests')
        opts = app.get('config-opts', [])
        if devel and '-Ddevelopment=true' not in opts:
            err('the .Devel manifest must configure -Ddevelopment=true')
        if not devel and '-Ddevelopment=true' in opts:
            err('the release manifest must not be a development build')
        if not any(s.get('type') == 'dir' for s in app.get('sources', [])):
            err('lifeline module must build from the source tree (type: dir)')

base = 'io.github.lifeline.Lifeline'
check(os.path.join(root, 'flatpak', base + '.json'), base, False)
check(os.path.join(root, 'flatpak', base + '.Devel.json'), base + '.Devel', True)

for e in errors:
    print(e)
print('flatpak manifests checked' if not errors else f'{len(errors)} problems')
sys.exit(1 if errors else 0)
