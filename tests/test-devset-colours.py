#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Exact colours on the devset's flat logos (issue 14): every fill of the
SVG traced from each of the 16 flags and 16 mono logos of
../shared/devset/256 equals, exactly, a colour the original artwork
(../shared/devset/svg/NAME.svg) paints with. Without ../shared the test is
skipped, loudly.

    test-devset-colours.py PATH-TO-svg-ai-cli
"""

import glob
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

CLI = os.path.abspath(sys.argv[1])
SOURCE = os.environ.get("SVGAI_SOURCE_DIR") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEVSET = os.path.join(SOURCE, "..", "shared", "devset")
SHAPES = {"path", "rect", "circle", "ellipse", "polygon", "polyline", "line", "text", "use"}
# The CSS names the devset's flat originals use (and a few more); an unknown
# name fails the test rather than pass silently.
NAMES = {"black": "#000000", "white": "#ffffff", "red": "#ff0000", "gray": "#808080", "grey": "#808080",
         "gold": "#ffd700", "blue": "#0000ff", "green": "#008000", "yellow": "#ffff00", "navy": "#000080",
         "orange": "#ffa500", "lime": "#00ff00", "maroon": "#800000", "purple": "#800080", "silver": "#c0c0c0"}


def norm(value):
    """#rrggbb for a colour value, None for none/url/inherit."""
    v = value.strip().lower()
    if v in ("none", "transparent", "inherit", "currentcolor") or v.startswith("url("):
        return None
    if v in NAMES:
        return NAMES[v]
    m = re.fullmatch(r"#([0-9a-f]{3})", v)
    if m:
        return "#" + "".join(c * 2 for c in m.group(1))
    m = re.fullmatch(r"#([0-9a-f]{6})", v)
    if m:
        return v
    m = re.fullmatch(r"rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)", v)
    if m:
        return "#%02x%02x%02x" % tuple(int(x) for x in m.groups())
    raise ValueError(f"colour value {value!r} not understood")


def props(el):
    out = {k: v for k, v in el.attrib.items() if k in ("fill", "stroke", "stop-color")}
    for decl in el.attrib.get("style", "").split(";"):
        if ":" in decl:
            k, v = decl.split(":", 1)
            if k.strip() in ("fill", "stroke", "stop-color"):
                out[k.strip()] = v
    return out


def original_colours(path):
    """Colours the artwork paints with: fills (inherited, black by default),
    strokes and gradient stops."""
    colours = set()

    def walk(el, fill, stroke):
        tag = el.tag.split("}")[-1]
        p = props(el)
        fill = p.get("fill", fill)
        stroke = p.get("stroke", stroke)
        if "stop-color" in p and norm(p["stop-color"]):
            colours.add(norm(p["stop-color"]))
        if tag in SHAPES:
            for v in (fill, stroke):
                if v is not None and norm(v):
                    colours.add(norm(v))
        for child in el:
            walk(child, fill, stroke)

    walk(ET.parse(path).getroot(), "black", None)
    return colours


def traced_colours(svg):
    text = open(svg, encoding="utf-8").read()
    return {norm(v) for v in re.findall(r'(?:fill|stop-color)="([^"]+)"', text) if norm(v)}


# Known failures, reported as TAP TODO (visible, not fatal): the emblem of
# flag-dg is drawn in fine detail whose shapes the gradient fill
# (svgai-fill.c, svgai-gradient.c) still paints with gradients between
# blends, and its two greens #006300/#006d00 meet in pixels of neither.
TODO = {"flag-dg": "fine emblem traced with gradient fills; two near-identical greens joined"}


def main():
    logos = sorted(glob.glob(os.path.join(DEVSET, "256", "flag-*.png")) +
                   glob.glob(os.path.join(DEVSET, "256", "mono-*.png")))
    if not os.path.isdir(DEVSET) or not logos:
        print("1..0 # SKIP ../shared/devset is absent: exact colours on the devset NOT CHECKED")
        sys.stderr.write("test-devset-colours: SKIPPED, no ../shared/devset next to the source tree\n")
        return 0
    print(f"1..{len(logos)}")
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for n, png in enumerate(logos, 1):
            name = os.path.splitext(os.path.basename(png))[0]
            out = os.path.join(tmp, name + ".svg")
            r = subprocess.run([CLI, "convert", "--quiet", "--no-cache", png, "-o", out],
                               capture_output=True, text=True)
            orig = original_colours(os.path.join(DEVSET, "svg", name + ".svg"))
            got = traced_colours(out) if os.path.exists(out) else set()
            extra = sorted(got - orig)
            ok = r.returncode == 0 and got and not extra
            failed += not ok
            todo = f" # TODO {TODO[name]}" if name in TODO else ""
            failed += not ok and name in TODO and -1 or 0
            # '#' starts a TAP directive: colours are named without it.
            desc = (f"{name}: {len(got)} fills"
                    + (f"; not in the original {sorted(orig)}: {extra}" if extra else "")
                    + (f"; exit {r.returncode}: {r.stderr.strip()}" if r.returncode else "")).replace("#", "")
            print(f"{'ok' if ok else 'not ok'} {n} - {desc}{todo}")
    return 1 if failed else 0


sys.exit(main())
