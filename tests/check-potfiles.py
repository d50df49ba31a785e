#!/usr/bin/env python3
# check-potfiles.py — po/POTFILES.in is sorted, lists only existing files, and lists every
# source file with translatable strings.
# Copyright 2026 The Lifeline authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

MARKERS = {
    '.c': re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\('),
    '.ui': re.compile(r'translatable="yes"'),
    '.xml': re.compile(r'<(?:summary|description)>|translatable="yes"'),
    '.json': re.compile(r'"_[a-z_]+"\s*:'),
}

def wanted(path):
    for ext, pattern in MARKERS.items():
        if path.endswith(ext) or path.endswith(ext + '.in') or path.endswith(ext + '.in.in'):
            with open(os.path.join(root, path), encoding='utf-8', errors='replace') as f:
                return bool(pattern.search(f.read()))
    if path.endswith('.desktop.in') or path.endswith('.desktop.in.in'):
        return True
    return False

listed = []
with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith('#'):
            listed.append(line)

errors = []
if listed != sorted(listed):
    errors.append('po/POTFILES.in is not sorted')
for path in listed:
    if not os.path.exists(os.path.join(root, path)):
        errors.append(f'po/POTFILES.in lists a missing file: {path}')

found = []
for top in ('app', 'data'):
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
        dirnames[:] = [d for d in dirnames if not d.startswith('.')]
        for name in filenames:
            rel = os.path.relpath(os.path.join(dirpath, name), root)
            if wanted(rel):
                found.append(rel)

for path in sorted(found):
    if path not in listed:
        errors.append(f'{path} has translatable strings but is missing from po/POTFILES.in')

for e in errors:
    print(e)
print(f'{len(listed)} files listed, {len(found)} with translatable strings')
sys.exit(1 if errors else 0)
