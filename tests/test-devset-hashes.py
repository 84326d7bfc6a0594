#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The engine's output on the devset, pinned: a refactor must not change it.

    test-devset-hashes.py PATH-TO-svg-ai-cli           check (TAP)
    test-devset-hashes.py PATH-TO-svg-ai-cli --write   re-pin

For every ../shared/devset/256/*.png, tests/data/devset-hashes.tsv holds the
parameters the balanced tier chooses and the SHA-256 of the SVG traced with
exactly those parameters. Two checks, both with the caches off so that no
earlier run can answer:
1. tracing with the pinned parameters fixed gives the pinned SVG bytes (the
   tracer and writer did not move; no clock decides anything here);
2. the balanced tier still chooses the pinned parameters (features,
   classifier and optimizer did not move; its feature budget, 200 ms, is two
   orders of magnitude above what a 256 px logo takes, but a loaded machine
   can stall a process that long, so the test lifts it: --feature-limit 0).

A commit that changes output on purpose re-pins with --write and says so.
Without ../shared the test is skipped, loudly.
"""

import hashlib
import json
import os
import subprocess
import sys
import tempfile

CLI = os.path.abspath(sys.argv[1])
WRITE = "--write" in sys.argv[2:]
SOURCE = os.environ.get("SVGAI_SOURCE_DIR") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEVSET = os.path.join(SOURCE, "..", "shared", "devset", "256")
PINS = os.path.join(SOURCE, "tests", "data", "devset-hashes.tsv")
PARAMS = ("colors", "speckle", "smooth", "tolerance", "layering", "upsample")
TIMEOUT = 900


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def convert(inputs, outdir, extra):
    os.makedirs(outdir, exist_ok=True)
    cmd = [CLI, "convert", "--no-cache", "--json", "-q", "-d", outdir] + extra + inputs
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)
    if run.returncode != 0:
        sys.exit(f"Bail out! {' '.join(cmd[:8])}… exited {run.returncode}: {run.stderr.strip()}")
    return json.loads(run.stdout)["files"]


def fmt(value):
    return ("%g" % value) if isinstance(value, float) else str(value)


def main():
    if not os.path.isdir(DEVSET):
        print(f"1..0 # SKIP ../shared/devset/256 not found beside the source tree ({DEVSET}): "
              "the engine's output is NOT checked against its pinned hashes")
        return
    names = sorted(n for n in os.listdir(DEVSET) if n.endswith(".png"))
    inputs = [os.path.join(DEVSET, n) for n in names]

    with tempfile.TemporaryDirectory() as tmp:
        chosen = {}
        # No feature budget: on a loaded machine (CI runs two sanitized
        # tests at once) a 200 ms budget can bind and estimate a feature.
        for f in convert(inputs, os.path.join(tmp, "balanced"), ["--feature-limit", "0"]):
            name = os.path.basename(f["input"])
            chosen[name] = tuple(fmt(f["params"][p]) for p in PARAMS)

        if WRITE:
            rows = []
            groups = {}
            for n in names:
                groups.setdefault(chosen[n], []).append(n)
            for params, group in groups.items():
                out = os.path.join(tmp, "fixed-" + "-".join(params))
                args = [a for p, v in zip(PARAMS, params) for a in ("--" + p, v)]
                convert([os.path.join(DEVSET, n) for n in group], out, args)
                for n in group:
                    rows.append((n, params, sha256(os.path.join(out, n[:-4] + ".svg"))))
            with open(PINS, "w") as f:
                f.write("# name\t" + "\t".join(PARAMS) + "\tsha256 (tests/test-devset-hashes.py --write)\n")
                for n, params, digest in sorted(rows):
                    f.write("\t".join((n,) + params + (digest,)) + "\n")
            print(f"pinned {len(rows)} logos into {PINS}")
            return

        pins = {}
        with open(PINS) as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                cols = line.rstrip("\n").split("\t")
                pins[cols[0]] = (tuple(cols[1:1 + len(PARAMS)]), cols[-1])

        groups = {}
        for n, (params, _) in pins.items():
            groups.setdefault(params, []).append(n)
        traced = {}
        for params, group in groups.items():
            out = os.path.join(tmp, "fixed-" + "-".join(params))
            args = [a for p, v in zip(PARAMS, params) for a in ("--" + p, v)]
            convert([os.path.join(DEVSET, n) for n in group if n in names], out, args)
            for n in group:
                path = os.path.join(out, n[:-4] + ".svg")
                traced[n] = sha256(path) if os.path.exists(path) else "missing"

        print("1..3")
        missing = sorted(set(pins) ^ set(names))
        print(("ok" if not missing else "not ok") + " 1 the pins cover the devset exactly"
              + (f" # differ: {', '.join(missing[:5])}" if missing else ""))
        moved = [n for n in sorted(pins) if traced.get(n) != pins[n][1]]
        print(("ok" if not moved else "not ok") + f" 2 SVG bytes with fixed parameters ({len(pins)} logos)"
              + (f" # {len(moved)} changed: {', '.join(moved[:5])}" if moved else ""))
        drift = [n for n in sorted(pins) if n in chosen and chosen[n] != pins[n][0]]
        print(("ok" if not drift else "not ok") + " 3 the balanced tier's choices"
              + (f" # {len(drift)} changed, e.g. {drift[0]}: {chosen[drift[0]]} vs {pins[drift[0]][0]}"
                 if drift else ""))


main()
