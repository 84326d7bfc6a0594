#!/usr/bin/env python3
"""Run from the build tree, svg-ai-cli speaks German and French:
LANGUAGE=de/fr with a UTF-8 locale (C.UTF-8: LANGUAGE is ignored under plain C)
shows translated help and errors. Usage: check-translated-run.py SVG_AI_CLI"""
import os
import subprocess
import sys

cli = sys.argv[1]
cases = [
    ('de', ['--help'], 'stdout', 'Befehle:'),
    ('fr', ['--help'], 'stdout', 'Commandes'),
    ('de', ['convert', '--help'], 'stdout', 'Das SVG in FILE schreiben'),
    ('fr', ['convert', '--help'], 'stdout', 'Écrire le SVG dans FILE'),
    ('de', ['convert', '/nonexistent/logo.png'], 'stderr', 'Diese Datei existiert nicht'),
    ('fr', ['convert', '/nonexistent/logo.png'], 'stderr', 'ce fichier n’existe pas'),
    ('de', ['frobnicate'], 'stderr', 'Unbekannter Befehl'),
]
print(f'1..{len(cases)}')
failed = False
for n, (lang, args, stream, expect) in enumerate(cases, 1):
    env = dict(os.environ, LANG='C.UTF-8', LC_ALL='C.UTF-8', LANGUAGE=lang)
    r = subprocess.run([cli] + args, capture_output=True, text=True, env=env)
    out = r.stdout if stream == 'stdout' else r.stderr
    ok = expect in out
    print(f'{"ok" if ok else "not ok"} {n} - LANGUAGE={lang} svg-ai-cli {" ".join(args)}: {expect}')
    if not ok:
        print('# ' + out.replace('\n', '\n# '))
    failed |= not ok
sys.exit(1 if failed else 0)
