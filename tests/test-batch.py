#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""svg-ai-cli batch: bad files in the middle, interruption, shards, the
memory ceiling and the feature cache across runs.

    test-batch.py PATH-TO-svg-ai-cli

Every run gets its own XDG_CACHE_HOME in a temporary folder, so nothing
touches the user's cache. Prints TAP.
"""

import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zlib
import xml.etree.ElementTree as ET

CLI = os.path.abspath(sys.argv[1])
DATA = os.environ.get("SVGAI_TEST_DATA") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "data")
BAD = os.path.join(DATA, "bad")
TIMEOUT = 300

results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))
    print(("ok" if ok else "not ok") + f" {len(results)} {name}" + (f" # {detail}" if detail and not ok else ""))
    sys.stdout.flush()


def write_png(path, width, height, pixel):
    """A minimal RGBA PNG encoder: pixel(x, y) -> (r, g, b, a)."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            rows.extend(pixel(x, y))

    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(bytes(rows), 6)))
        f.write(chunk(b"IEND", b""))


def logo(seed, size):
    """A few flat shapes in a few colours on transparency, different per seed."""
    colours = [(200, 30, 40, 255), (20, 90, 200, 255), (250, 190, 0, 255), (30, 160, 80, 255)]
    c = size / 2
    r1 = size * (0.30 + 0.05 * (seed % 3))
    r2 = size * 0.15

    def pixel(x, y):
        dx, dy = x - c, y - c
        d2 = dx * dx + dy * dy
        if d2 < r2 * r2:
            return colours[(seed + 1) % 4]
        if d2 < r1 * r1:
            return colours[seed % 4]
        if abs(dx) < size * 0.45 and abs(dy - size * 0.4) < size * 0.04:
            return colours[(seed + 2) % 4]
        return (0, 0, 0, 0)

    return pixel


def env_with_cache(cache):
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = cache
    return env


def run(args, cache, timeout=TIMEOUT):
    return subprocess.run([CLI, "batch"] + args, capture_output=True, text=True, timeout=timeout,
                          env=env_with_cache(cache))


def read_report(path):
    lines, summary = [], None
    with open(path) as f:
        for line in f:
            obj = json.loads(line)
            if "summary" in obj:
                summary = obj["summary"]
            else:
                lines.append(obj)
    return lines, summary


def is_complete_svg(path):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return False
    return root.tag.endswith("svg")


def main():
    tmp = tempfile.mkdtemp(prefix="svgai-test-batch-")
    cache = os.path.join(tmp, "cache")
    try:
        good = os.path.join(tmp, "good")
        os.makedirs(good)
        for i in range(6):
            write_png(os.path.join(good, f"logo-{i}.png"), 96, 96, logo(i, 96))

        # 1. A bad file in the middle: reported, the others go on, exit 1.
        mixed = os.path.join(tmp, "mixed")
        os.makedirs(mixed)
        shutil.copy(os.path.join(good, "logo-0.png"), os.path.join(mixed, "a.png"))
        shutil.copy(os.path.join(BAD, "truncated.png"), os.path.join(mixed, "b.png"))
        shutil.copy(os.path.join(good, "logo-1.png"), os.path.join(mixed, "c.png"))
        out = os.path.join(tmp, "out-mixed")
        report = os.path.join(tmp, "mixed.jsonl")
        p = run([mixed, "-d", out, "-j2", "--report", report], cache)
        lines, summary = read_report(report)
        by_name = {os.path.basename(l["input"]): l for l in lines}
        check("bad file in the middle: exit status 1", p.returncode == 1, f"{p.returncode} {p.stderr}")
        check("bad file: the good ones around it are converted",
              is_complete_svg(os.path.join(out, "a.svg")) and is_complete_svg(os.path.join(out, "c.svg")))
        check("bad file: no SVG for it", not os.path.exists(os.path.join(out, "b.svg")))
        check("bad file: one error line naming it",
              sum("b.png" in l for l in p.stderr.splitlines()) == 1, p.stderr)
        check("bad file: the report has a line per image with status, output, class, params, ssim, bytes, time, error",
              len(lines) == 3 and by_name["b.png"]["status"] == "failed" and by_name["b.png"]["error"]
              and by_name["b.png"]["output"] is None
              and all(by_name[n]["status"] == "ok" and by_name[n]["error"] is None and "class" in by_name[n]
                      and "params" in by_name[n] and "ssim" in by_name[n] and "bytes" in by_name[n]
                      and "time_ms" in by_name[n] for n in ("a.png", "c.png")), json.dumps(lines)[:500])
        check("bad file: the summary counts it",
              summary and summary["processed"] == 3 and summary["succeeded"] == 2 and summary["failed"] == 1
              and summary["images_per_s"] > 0 and summary["mean_ssim"] > 0.9 and not summary["interrupted"],
              json.dumps(summary)[:300])

        # 2. The whole bad-input corpus: every "ok" input converted, every
        # other one failed, whatever the order and the name clashes.
        expected = {}
        with open(os.path.join(BAD, "EXPECTED.tsv")) as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                name, outcome = line.rstrip("\n").split("\t")[:2]
                if name != "folder":
                    expected[os.path.join(BAD, name)] = outcome
        out = os.path.join(tmp, "out-corpus")
        report = os.path.join(tmp, "corpus.jsonl")
        p = run(sorted(expected) + ["-d", out, "-j2", "--report", report, "--max-pixels", "64000000"], cache)
        lines, summary = read_report(report)
        got = {l["input"]: l for l in lines}
        wrong = [n for n, o in expected.items()
                 if n not in got or (got[n]["status"] == "ok") != (o == "ok")
                 or (o == "ok" and not is_complete_svg(got[n]["output"]))]
        check("bad corpus: ok inputs converted, the others reported failed", not wrong and p.returncode == 1,
              f"{wrong} {p.returncode}" + ("" if p.returncode in (0, 1) else f"\n{p.stderr[-3000:]}"))
        outputs = [l["output"] for l in lines if l["output"]]
        check("bad corpus: same-named inputs get distinct outputs", len(outputs) == len(set(outputs)))

        # 3. Shards partition the sorted input list exactly.
        listing = subprocess.run([CLI, "batch", good, mixed, "--list"], capture_output=True, text=True,
                                 env=env_with_cache(cache)).stdout.split()
        shards = []
        for i in range(4):
            shards.append(subprocess.run([CLI, "batch", good, mixed, "--list", "--shard", f"{i}/4"],
                                         capture_output=True, text=True,
                                         env=env_with_cache(cache)).stdout.split())
        union = [f for s in shards for f in s]
        check("shards: the list is sorted", listing == sorted(listing) and len(listing) == 9, str(listing))
        check("shards: every file in exactly one shard", sorted(union) == listing, str(shards))
        check("shards: every N-th file", all(shards[i] == listing[i::4] for i in range(4)))
        out = os.path.join(tmp, "out-shard")
        p = run([good, "-d", out, "--shard", "1/3", "-j1"], cache)
        made = sorted(os.listdir(out))
        check("shards: a shard converts only its files", p.returncode == 0 and made == ["logo-1.svg", "logo-4.svg"],
              f"{made} {p.stderr}")
        p = run([good, "-d", out, "--shard", "3/3"], cache)
        check("shards: I must be below N", p.returncode == 2)

        # 4. The memory ceiling: one image at a time when only one fits.
        out = os.path.join(tmp, "out-memory")
        report = os.path.join(tmp, "memory.jsonl")
        p = run([good, "-d", out, "-j2", "--max-memory", "1", "--report", report], cache)
        lines, summary = read_report(report)
        check("max-memory: all converted, one image in flight",
              p.returncode == 0 and summary["succeeded"] == 6 and summary["max_images_in_flight"] == 1,
              json.dumps(summary)[:300])

        # 5. The feature cache: a second run extracts no features.
        warm_cache = os.path.join(tmp, "warm-cache")
        out = os.path.join(tmp, "out-warm")
        cold_report = os.path.join(tmp, "cold.jsonl")
        warm_report = os.path.join(tmp, "warm.jsonl")
        run([good, "-d", out, "-j2", "--report", cold_report], warm_cache)
        run([good, "-d", out, "-j2", "--report", warm_report], warm_cache)
        _, cold = read_report(cold_report)
        warm_lines, warm = read_report(warm_report)
        cold_ops, warm_ops = cold["perf"]["operations"], warm["perf"]["operations"]
        check("cache: the cold run extracts features",
              cold_ops.get("features.extract", {}).get("count") == 6, json.dumps(cold_ops)[:300])
        # Features cut short by the balanced tier's time limit are estimated
        # and not stored: under a sanitizer (5-15x slower) an image's now
        # and then is, and the warm run extracts that one again.
        stored = cold["perf"]["counters"].get("cache.features.store", 0)
        warm_counters = warm["perf"]["counters"]
        if os.environ.get("SVGAI_TEST_SANITIZED"):
            check("cache: the warm run hits the disk for every entry the cold run stored",
                  stored >= 1 and warm_counters.get("cache.features.disk_hit") == stored
                  and warm_ops.get("features.extract", {}).get("count", 0) == 6 - stored,
                  json.dumps([cold["perf"]["counters"], warm_counters]))
        else:
            check("cache: the warm run extracts none and hits the disk 6 times",
                  stored == 6 and "features.extract" not in warm_ops and warm_counters.get("cache.features.disk_hit") == 6
                  and all(l["features_cached"] for l in warm_lines), json.dumps(warm_counters))
        check("cache: entries live under $XDG_CACHE_HOME/svg-ai",
              os.path.isdir(os.path.join(warm_cache, "svg-ai", "features")))
        out = os.path.join(tmp, "out-nocache")
        report = os.path.join(tmp, "nocache.jsonl")
        run([good, "-d", out, "--no-cache", "--report", report], warm_cache)
        _, summary = read_report(report)
        check("cache: --no-cache extracts again",
              summary["perf"]["operations"].get("features.extract", {}).get("count") == 6)

        # 6. Ctrl+C: stops cleanly, no partial SVG, the report says what was done.
        big = os.path.join(tmp, "big")
        os.makedirs(big)
        write_png(os.path.join(big, "src.png"), 640, 640, logo(2, 640))
        for i in range(40):
            shutil.copy(os.path.join(big, "src.png"), os.path.join(big, f"img-{i:02d}.png"))
        os.remove(os.path.join(big, "src.png"))
        out = os.path.join(tmp, "out-int")
        report = os.path.join(tmp, "int.jsonl")
        proc = subprocess.Popen([CLI, "batch", big, "-d", out, "-j2", "--no-cache", "--report", report],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env_with_cache(cache))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if os.path.exists(report) and os.path.getsize(report) > 0:
                break
            time.sleep(0.005)
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=TIMEOUT)
        lines, summary = read_report(report)
        files = sorted(os.listdir(out))
        ok_outputs = sorted(os.path.basename(l["output"]) for l in lines if l["status"] == "ok")
        check("interrupt: exit status 130", proc.returncode == 130, f"{proc.returncode} {stderr}")
        check("interrupt: it stopped before the end", summary and summary["interrupted"]
              and summary["succeeded"] < 40, json.dumps(summary)[:300])
        check("interrupt: no partial or temporary file left",
              all(f.endswith(".svg") and not f.startswith(".") for f in files)
              and all(is_complete_svg(os.path.join(out, f)) for f in files), str(files))
        check("interrupt: exactly the SVGs the report lists as done", files == ok_outputs,
              f"{files} vs {ok_outputs}")
        check("interrupt: the summary accounts for every input",
              summary["processed"] + summary["cancelled"] + summary["not_started"] == summary["inputs"] == 40,
              json.dumps(summary)[:300])
        check("interrupt: the user is told", "Interrupted" in stdout, stdout)

        # 7. Usage errors.
        check("usage: no output folder is exit 2", run([good], cache).returncode == 2)
        check("usage: a bad tier is exit 2", run([good, "-d", out, "--tier", "best"], cache).returncode == 2)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"1..{len(results)}")
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
