#!/usr/bin/env python3
"""What the store page and the overview need beyond what the validators check:
the screenshots named in the metainfo are files of this repository, the
newest release is the project's version, a content rating, the categories,
keywords and image types in both the metainfo and the desktop entry.
Usage: test-packaging-metainfo.py SOURCE_ROOT PROJECT_VERSION"""
import configparser
import os
import sys
import xml.etree.ElementTree as ET

root, version = sys.argv[1], sys.argv[2]
app_id = 'io.github.svgai.SvgAi'
prefix = 'https://raw.githubusercontent.com/svgai/svg-ai/main/'
results = []


def check(what, ok):
    results.append((what, bool(ok)))


meta = ET.parse(os.path.join(root, 'data', app_id + '.metainfo.xml.in')).getroot()
check('metainfo id', meta.findtext('id') == app_id)
check('launchable is the desktop entry', meta.findtext('launchable') == app_id + '.desktop')
images = [i.text for i in meta.iter('image')]
check('at least one screenshot', images)
for url in images:
    check(f'screenshot {url} is a file of the repository',
          url.startswith(prefix) and os.path.isfile(os.path.join(root, url[len(prefix):])))
check('default screenshot has a caption', meta.find('screenshots/screenshot[@type="default"]/caption') is not None)
releases = meta.findall('releases/release')
check(f'newest release is {version}', releases and releases[0].get('version') == version)
check('release notes', releases and releases[0].find('description') is not None)
check('OARS content rating', (meta.find('content_rating') is not None
                              and meta.find('content_rating').get('type', '').startswith('oars-')))
check('description has paragraphs', len(meta.findall('description/p')) >= 2)
categories = {c.text for c in meta.iter('category')}
check('metainfo categories Graphics, VectorGraphics', {'Graphics', 'VectorGraphics'} <= categories)
keywords = {k.text.lower() for k in meta.iter('keyword')}
check('metainfo keywords vectorize, trace, svg, logo', {'vectorize', 'trace', 'svg', 'logo'} <= keywords)
meta_types = {m.text for m in meta.iter('mediatype')}

desktop = configparser.RawConfigParser(delimiters=('=',))
desktop.optionxform = str
desktop.read(os.path.join(root, 'data', app_id + '.desktop.in'), encoding='utf-8')
entry = desktop['Desktop Entry']
check('desktop Icon is the app id', entry.get('Icon') == app_id)
check('desktop Exec takes files', entry.get('Exec', '').split()[-1] in ('%U', '%F'))
check('desktop categories Graphics, VectorGraphics',
      {'Graphics', 'VectorGraphics'} <= set(filter(None, entry.get('Categories', '').split(';'))))
check('desktop keywords vectorize, trace, SVG, logo',
      {'vectorize', 'trace', 'svg', 'logo'} <= {k.lower() for k in entry.get('Keywords', '').split(';')})
desktop_types = set(filter(None, entry.get('MimeType', '').split(';')))
readable = {'image/png', 'image/jpeg', 'image/gif', 'image/bmp', 'image/tiff', 'image/webp'}
check('desktop MimeType lists every format the app reads', readable <= desktop_types)
check('metainfo provides the same image types', meta_types == desktop_types)

print(f'1..{len(results)}')
for n, (what, ok) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {n} - {what}')
sys.exit(0 if all(ok for _, ok in results) else 1)
