#!/usr/bin/env python3
"""`meson install --destdir` into a temporary folder installs every file a
GNOME app needs (issue 6). Usage: test-packaging-install.py MESON BUILDDIR PREFIX GUI"""
import os
import subprocess
import sys
import tempfile

meson, builddir, prefix, gui = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == 'true'
app_id = 'io.github.svgai.SvgAi'
rel = prefix.lstrip('/')

expected = [
    'bin/svg-ai-cli',
    'libexec/svg-ai-train',
    'share/man/man1/svg-ai-cli.1',
    f'share/applications/{app_id}.desktop',
    f'share/metainfo/{app_id}.metainfo.xml',
    f'share/icons/hicolor/scalable/apps/{app_id}.svg',
    f'share/icons/hicolor/symbolic/apps/{app_id}-symbolic.svg',
    f'share/glib-2.0/schemas/{app_id}.gschema.xml',
    'share/locale/de/LC_MESSAGES/svg-ai.mo',
    'share/locale/fr/LC_MESSAGES/svg-ai.mo',
]
if gui:
    expected.append('bin/svg-ai')
# The models are built into the core library as a GResource: nothing to install.

with tempfile.TemporaryDirectory() as destdir:
    r = subprocess.run([meson, 'install', '-C', builddir, '--no-rebuild', '--quiet',
                        '--destdir', destdir], capture_output=True, text=True)
    if r.returncode != 0:
        print(r.stdout, r.stderr)
        print('not ok - meson install failed')
        sys.exit(1)
    root = os.path.join(destdir, rel)
    print(f'1..{len(expected) + 3}')
    failed = False
    for n, path in enumerate(expected, 1):
        full = os.path.join(root, path)
        ok = os.path.isfile(full) and os.path.getsize(full) > 0
        if ok and path.startswith('bin/'):
            ok = os.access(full, os.X_OK)
        print(f'{"ok" if ok else "not ok"} {n} - {path}')
        failed |= not ok

    def check(n, what, ok):
        global failed
        print(f'{"ok" if ok else "not ok"} {n} - {what}')
        failed |= not ok

    n = len(expected)
    desktop = os.path.join(root, f'share/applications/{app_id}.desktop')
    text = open(desktop, encoding='utf-8').read() if os.path.exists(desktop) else ''
    check(n + 1, 'desktop entry translated (Comment[de], Comment[fr])',
          'Comment[de]=' in text and 'Comment[fr]=' in text)
    metainfo = os.path.join(root, f'share/metainfo/{app_id}.metainfo.xml')
    text = open(metainfo, encoding='utf-8').read() if os.path.exists(metainfo) else ''
    check(n + 2, 'metainfo translated (xml:lang de and fr)',
          'xml:lang="de"' in text and 'xml:lang="fr"' in text)
    # Nothing is installed outside the prefix.
    outside = []
    for dirpath, dirnames, filenames in os.walk(destdir):
        for name in filenames:
            p = os.path.join(dirpath, name)
            if not p.startswith(root + os.sep):
                outside.append(p)
    check(n + 3, 'nothing installed outside the prefix ' + ' '.join(outside), not outside)
sys.exit(1 if failed else 0)
