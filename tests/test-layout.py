#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The architecture, checked: rooms, the public header, sizes.

    test-layout.py [SOURCE-DIR]

1. src/gui and src/cli include only svgai.h of the engine (besides
   svgai-config.h and their own headers).
2. Dependencies point one way: gui, cli → svgai.h → runtime → ai → engine,
   and train above runtime: no room includes a header of a room above it.
3. No two headers or files include each other.
4. No file in src/ over 800 lines; no function over 120 lines, counted
   from the line holding its opening brace at column 0 to the closing
   brace at column 0 (GNU style puts both there).

Prints TAP.
"""

import os
import re
import sys

SOURCE = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(SOURCE, "src")
ROOMS = ["engine", "ai", "runtime", "train"]       # each may include the ones before it
MAX_FILE_LINES = 800
MAX_FUNCTION_LINES = 120
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)

results = []


def check(name, problems):
    results.append(name)
    print(("ok" if not problems else "not ok") + f" {len(results)} {name}")
    for p in problems[:20]:
        print(f"# {p}")
    if len(problems) > 20:
        print(f"# … and {len(problems) - 20} more")


def sources():
    for root, _, files in os.walk(SRC):
        for f in sorted(files):
            if f.endswith((".c", ".h")):
                path = os.path.join(root, f)
                yield os.path.relpath(path, SRC), open(path, encoding="utf-8").read()


def functions(text):
    """(name, first line, length) of each function defined at column 0."""
    lines = text.split("\n")
    start = None
    for i, line in enumerate(lines):
        if line.startswith("{") and start is None:
            j = i
            while j > 0 and lines[j - 1].strip() and not lines[j - 1].startswith(("}", "#")) \
                    and not lines[j - 1].rstrip().endswith((";", "*/")):
                j -= 1
            names = re.findall(r"(\w+)\s*\(", " ".join(lines[j:i]))
            start = (i, names[0] if names else "?")
        elif line.startswith("}") and start is not None:
            yield start[1], start[0] + 1, i - start[0] + 1
            start = None


def main():
    files = dict(sources())
    room_of = {p: p.split("/")[0] if "/" in p else "" for p in files}

    bad = []
    for path, text in files.items():
        if room_of[path] not in ("gui", "cli"):
            continue
        for inc in INCLUDE.findall(text):
            engine = "/" in inc or any(os.path.exists(os.path.join(SRC, r, inc)) for r in ROOMS)
            if inc != "svgai.h" and engine:
                bad.append(f"{path} includes {inc}")
    check("src/gui and src/cli include only svgai.h of the engine", bad)

    bad = []
    for path, text in files.items():
        room = room_of[path]
        if room not in ROOMS:
            continue
        above = ROOMS[ROOMS.index(room) + 1:] + ["gui", "cli"]
        for inc in INCLUDE.findall(text):
            if inc.split("/")[0] in above:
                bad.append(f"{path} ({room}) includes {inc}")
    check("rooms include only rooms below them (engine ← ai ← runtime ← train)", bad)

    graph = {}
    for path, text in files.items():
        deps = set()
        for inc in INCLUDE.findall(text):
            for cand in (os.path.join(room_of[path], inc), inc):
                if cand in files:
                    deps.add(cand)
                    break
        graph[path] = deps
    bad = sorted({" ↔ ".join(sorted((a, b))) for a in graph for b in graph[a] if a in graph.get(b, ()) and a != b})
    check("no two files include each other", bad)

    bad = [f"{p}: {t.count(chr(10))} lines" for p, t in sorted(files.items()) if t.count("\n") > MAX_FILE_LINES]
    check(f"no file in src/ over {MAX_FILE_LINES} lines", bad)

    bad = []
    for path, text in sorted(files.items()):
        if path.endswith(".c"):
            bad += [f"{path}:{line} {name}: {n} lines" for name, line, n in functions(text) if n > MAX_FUNCTION_LINES]
    check(f"no function over {MAX_FUNCTION_LINES} lines", bad)

    print(f"1..{len(results)}")


main()
