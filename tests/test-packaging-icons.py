#!/usr/bin/env python3
"""The app icons are well-formed SVG of the right size; the symbolic one is a
16 px single-colour drawing of fills only (GTK recolours fills, not strokes).
Usage: test-packaging-icons.py ICON SYMBOLIC_ICON"""
import re
import sys
import xml.etree.ElementTree as ET

icon, symbolic = sys.argv[1], sys.argv[2]
results = []


def check(what, ok):
    results.append((what, bool(ok)))


for path, size in ((icon, '128'), (symbolic, '16')):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        check(f'{path} parses: {e}', False)
        continue
    check(f'{path} is SVG', root.tag == '{http://www.w3.org/2000/svg}svg')
    check(f'{path} is {size} px', root.get('width') == size and root.get('height') == size
          and root.get('viewBox') == f'0 0 {size} {size}')
    check(f'{path} has no raster image or external reference',
          not any(e.tag.endswith('image') for e in root.iter()))

root = ET.parse(symbolic).getroot()
colours = set()
for e in root.iter():
    for attr in ('fill', 'stroke'):
        v = e.get(attr)
        if v and v != 'none':
            colours.add(v.lower())
    check(f'symbolic: no stroke on {e.tag}', e.get('stroke') in (None, 'none'))
check(f'symbolic: one colour ({", ".join(sorted(colours))})', colours == {'#2e3436'})

print(f'1..{len(results)}')
for n, (what, ok) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {n} - {what}')
sys.exit(0 if all(ok for _, ok in results) else 1)
