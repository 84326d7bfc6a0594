#!/usr/bin/env python3
"""flatpak/io.github.svgai.SvgAi.json is a manifest flatpak-builder can build
reproducibly (issue 6): valid JSON, the app id, a numbered GNOME runtime,
every source pinned, potrace from its release tarball as a library only, the
app built with meson, and only the sandbox holes the app needs; json-glib,
librsvg and lcms2 from the runtime.
Usage: test-packaging-flatpak.py MANIFEST [PROJECT_VERSION]"""
import json
import re
import sys

path = sys.argv[1]
results = []


def check(what, ok):
    results.append((what, bool(ok)))


with open(path, encoding='utf-8') as f:
    try:
        m = json.load(f)
        check('valid JSON', True)
    except json.JSONDecodeError as e:
        print('1..1\nnot ok 1 - valid JSON: %s' % e)
        sys.exit(1)

app_id = 'io.github.svgai.SvgAi'
check('app id ' + app_id, m.get('id', m.get('app-id')) == app_id)
check('manifest named after the app id', path.endswith(app_id + '.json'))
check('runtime org.gnome.Platform', m.get('runtime') == 'org.gnome.Platform')
check('sdk org.gnome.Sdk', m.get('sdk') == 'org.gnome.Sdk')
check('numbered stable runtime version', re.fullmatch(r'\d+(\.\d+)?', str(m.get('runtime-version', ''))))
check('command svg-ai', m.get('command') == 'svg-ai')

args = m.get('finish-args', [])
check('finish-args: wayland, fallback-x11, ipc, dri',
      {'--socket=wayland', '--socket=fallback-x11', '--share=ipc', '--device=dri'} <= set(args))
check('no filesystem access (files come through portals, drag and drop, the clipboard)',
      not any(a.startswith('--filesystem') for a in args))
check('no network, no session bus holes, no device=all',
      not any(a in ('--share=network', '--socket=session-bus', '--socket=system-bus', '--device=all',
                    '--socket=x11') for a in args))


def walk(modules):
    for mod in modules:
        if isinstance(mod, str):   # an included module file: not allowed, it could hide an unpinned source
            yield {'name': mod, 'sources': [{'type': 'unknown'}]}
            continue
        yield mod
        yield from walk(mod.get('modules', []))


modules = list(walk(m.get('modules', [])))
for mod in modules:
    for src in mod.get('sources', []):
        kind = src.get('type')
        if kind in ('archive', 'file'):
            pinned = bool(re.fullmatch(r'[0-9a-f]{64}', src.get('sha256', '')))
        elif kind == 'git':
            pinned = bool(re.fullmatch(r'[0-9a-f]{40}', src.get('commit', '')))
        elif kind in ('patch', 'script', 'inline', 'shell', 'dir'):
            pinned = True      # content lives in the repository itself (dir: the checkout)
        else:
            pinned = False
        check(f'{mod.get("name")}: {kind} source pinned', pinned)

names = [mod.get('name') for mod in modules]
potrace = next((mod for mod in modules if mod.get('name') == 'potrace'), None)
check('potrace module', potrace)
if potrace:
    check('potrace from its release tarball',
          any(s.get('type') == 'archive' and s.get('url', '').endswith('potrace-1.16.tar.gz')
              for s in potrace.get('sources', [])))
    check('potrace: autotools with --with-libpotrace',
          potrace.get('buildsystem', 'autotools') == 'autotools'
          and '--with-libpotrace' in potrace.get('config-opts', []))
    check('potrace: only the library kept (no /bin, no /share)',
          {'/bin', '/share'} <= set(potrace.get('cleanup', [])))
    check('potrace built before the app', names.index('potrace') < len(names) - 1)

app = modules[-1] if modules else {}
check('the app (last module) is the meson project svg-ai',
      app.get('name') == 'svg-ai' and app.get('buildsystem') == 'meson')
check('the app comes from the project repository',
      any(s.get('type') == 'git' and 'svg-ai' in s.get('url', '') for s in app.get('sources', []))
      or any(s.get('type') == 'dir' for s in app.get('sources', [])))
# lcms2 (ICC profiles, issue 14) is in the freedesktop SDK's platform stack
# (elements/platform.bst lists components/lcms.bst; its devel split, the
# headers and lcms2.pc, in the Sdk), which org.gnome.Platform is built on.
check('json-glib, librsvg and lcms2 come from the runtime (no module of their own)',
      not any(n in ('json-glib', 'librsvg', 'lcms2', 'lcms', 'little-cms') for n in names))

print(f'1..{len(results)}')
for n, (what, ok) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {n} - {what}')
sys.exit(0 if all(ok for _, ok in results) else 1)
