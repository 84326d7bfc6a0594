#!/usr/bin/env python3
"""A translation is valid and complete against the sources as they are now:
the template is extracted afresh from POTFILES (xgettext, GLib keywords),
merged into LANG.po, and the result must have no untranslated and no fuzzy
message. Usage: check-po-complete.py SOURCE_ROOT LANG"""
import os
import subprocess
import sys
import tempfile

root, lang = sys.argv[1], sys.argv[2]
env = dict(os.environ, LC_ALL='C')
glib_keywords = ['--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
                 '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
                 '--keyword=g_dpgettext2:2c,3', '--from-code=UTF-8', '--add-comments']
with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'svg-ai.pot')
    merged = os.path.join(tmp, lang + '.po')
    subprocess.run(['xgettext', '--package-name=svg-ai', '-D', root,
                    '-f', os.path.join(root, 'po', 'POTFILES'), '-o', pot] + glib_keywords,
                   check=True, env=env)
    subprocess.run(['msgmerge', '--quiet', '-o', merged, os.path.join(root, 'po', lang + '.po'), pot],
                   check=True, env=env)
    r = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, merged],
                       capture_output=True, text=True, env=env)
    print(r.stdout + r.stderr, end='')
    if r.returncode != 0:
        sys.exit(1)
    if 'untranslated' in r.stderr or 'fuzzy' in r.stderr:
        # name what is missing
        subprocess.run(['msgattrib', '--only-fuzzy', '--no-obsolete', merged], env=env)
        subprocess.run(['msgattrib', '--untranslated', '--no-obsolete', merged], env=env)
        print(f'po/{lang}.po is incomplete: run "ninja -C BUILD svg-ai-update-po" and translate the messages above')
        sys.exit(1)
