#!/usr/bin/env python3
"""Every source file with translatable strings is in po/POTFILES, and every
file POTFILES names exists. Usage: check-potfiles.py SOURCE_ROOT"""
import os
import re
import sys

root = sys.argv[1]
listed = set()
with open(os.path.join(root, 'po', 'POTFILES'), encoding='utf-8') as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith('#'):
            listed.add(line)

marker = re.compile(r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|ngettext)\s*\(|translatable="yes"')
found = set()
for top in ('src', 'data'):
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
        dirnames[:] = [d for d in dirnames if not d.startswith('.')]
        for name in filenames:
            if not name.endswith(('.c', '.ui', '.desktop.in', '.metainfo.xml.in', '.gschema.xml')):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            with open(path, encoding='utf-8', errors='replace') as f:
                text = f.read()
            if name.endswith(('.desktop.in', '.metainfo.xml.in', '.gschema.xml')) or marker.search(text):
                found.add(rel)

status = 0
for rel in sorted(found - listed):
    print(f'{rel}: has translatable strings but is not in po/POTFILES')
    status = 1
for rel in sorted(listed):
    if not os.path.exists(os.path.join(root, rel)):
        print(f'po/POTFILES: {rel} does not exist')
        status = 1
if status == 0:
    print(f'{len(listed)} files listed, {len(found)} with translatable strings, all listed')
sys.exit(status)
