#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""svg-ai-cli's memory and time bounds on images made to exhaust them (issue 16), measured.

    test-slow.py PATH-TO-svg-ai-cli

Each case runs under `prlimit --as` and `timeout`, so that code without the
bound fails by hitting the limit rather than exhausting the machine, and
asserts the peak resident set (the child's ru_maxrss) against the budget with
50 MB of slack. Skipped under the sanitizers (their shadow memory is neither
boundable by --as nor comparable). In the `slow` suite: tools/bootstrap runs
it with a time budget.

Prints TAP.
"""

import os
import struct
import subprocess
import sys
import tempfile
import time
import zlib

CLI = os.path.abspath(sys.argv[1])
results = []
SLACK_MB = 50


def check(name, ok, detail=""):
    results.append((name, ok))
    print(("ok" if ok else "not ok") + f" {len(results)} {name}")
    if not ok and detail:
        for line in str(detail).splitlines()[:20]:
            print("#   " + line)
    sys.stdout.flush()


def checkerboard(path, n, colours):
    """An n × n RGBA image of 1 px cells cycling through 2 or 4 colours."""
    a, b = colours[0], colours[1]
    c, d = (colours[2], colours[3]) if len(colours) == 4 else (b, a)
    r0 = (bytes(a) + bytes(b)) * (n // 2)
    r1 = (bytes(c) + bytes(d)) * (n // 2)
    raw = (b"\0" + r0 + b"\0" + r1) * (n // 2)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", n, n, 8, 6, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def run_bounded(args, as_bytes, seconds):
    """(exit status or 'timeout', stderr, peak RSS in MB, wall seconds)."""
    env = dict(os.environ)
    t0 = time.monotonic()
    p = subprocess.Popen(["prlimit", f"--as={as_bytes}", CLI] + args, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, env=env)
    try:
        _, err = p.communicate(timeout=seconds)
        code = p.returncode
    except subprocess.TimeoutExpired:
        p.kill()
        _, err = p.communicate()
        code = "timeout"
    # The child's own peak (prlimit execs it): wait4 gave it to the children's usage.
    import resource
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return code, err.decode("utf-8", "replace"), peak, time.monotonic() - t0


def memory_budget(tmp):
    """Issue 16 item 6: a 4-colour 1 px checkerboard of 4000² with a 600 MB
    budget peaked at 9.9 GB: the tracer's path data is now estimated from the
    layers' boundary length before potrace runs."""
    img = os.path.join(tmp, "checker4-4000.png")
    checkerboard(img, 4000, [(255, 0, 0, 255), (0, 255, 0, 255), (0, 0, 255, 255), (255, 255, 0, 255)])
    code, err, peak, secs = run_bounded(["convert", "-q", "--no-cache", "--memory-budget", "600", img,
                                         "-o", os.path.join(tmp, "c4.svg")], 3 << 30, 300)
    print(f"# 4000² 4-colour checkerboard, budget 600 MB: exit {code}, peak {peak:.0f} MB, {secs:.1f} s")
    check("4000² 4-colour checkerboard, --memory-budget 600: refused with the reason",
          code == 1 and "memory budget" in err, f"exit {code}: {err}")
    check(f"4000² 4-colour checkerboard: peak RSS ≤ 600 + {SLACK_MB} MB", peak <= 600 + SLACK_MB,
          f"{peak:.0f} MB")


def many_scans(tmp):
    """Issue 16 item 7: a JPEG of 20 000 progressive scans decoded for minutes
    with no limit: decoding is now held to --trace-time-limit."""
    import shutil
    if shutil.which("convert") is None:
        results.append(("many scans", True))
        print(f"ok {len(results)} JPEG of 20 000 scans # SKIP ImageMagick's convert makes the JPEG")
        return
    base = os.path.join(tmp, "progressive.jpg")
    subprocess.run(["convert", "-seed", "1", "-size", "512x512", "plasma:fractal", "-interlace", "JPEG",
                    "-quality", "90", base], check=True)
    with open(base, "rb") as f:
        d = f.read()
    sos = [i for i in range(2, len(d) - 1) if d[i] == 0xFF and d[i + 1] == 0xDA]
    eoi = d.rfind(b"\xff\xd9")
    scans = [d[a:b] for a, b in zip(sos, sos[1:] + [eoi])]
    # The smallest refinement scan, repeated: each repeat is a pass over
    # every coefficient for a few hundred bytes of file.
    small = min(scans[1:], key=len)
    img = os.path.join(tmp, "many-scans.jpg")
    with open(img, "wb") as f:
        f.write(d[:eoi] + small * 20000 + b"\xff\xd9")
    limit = 2
    code, err, peak, secs = run_bounded(["convert", "-q", "--no-cache", "--trace-time-limit", str(limit), img,
                                         "-o", os.path.join(tmp, "scans.svg")], 3 << 30, 120)
    print(f"# JPEG of 20 000 scans, --trace-time-limit {limit}: exit {code}, {secs:.1f} s")
    check(f"JPEG of 20 000 scans: stops within the limit + 2 s ({limit} + 2 s)",
          code == 1 and "decoding took longer" in err and secs <= limit + 2, f"exit {code} after {secs:.1f} s: {err}")


def layer_time_limit(tmp):
    """Issue 16 item 7: one colour layer ran past --trace-time-limit (potrace
    cannot be stopped mid-layer: a 2000² 1 px checkerboard ran 87 s with a
    limit of 5 s). Each layer's worst case is now predicted from its edges
    and corners before potrace starts, and a layer that may not end in time
    is not started."""
    bw = [(0, 0, 0, 255), (255, 255, 255, 255)]
    four = [(255, 0, 0, 255), (0, 255, 0, 255), (0, 0, 255, 255), (255, 255, 0, 255)]
    for n, colours, limit, refused in ((1000, bw, 5, True), (2000, bw, 5, True), (1000, four, 30, False)):
        name = f"{n}² {len(colours)}-colour 1 px checkerboard, --trace-time-limit {limit}"
        img = os.path.join(tmp, f"checker{len(colours)}-{n}.png")
        checkerboard(img, n, colours)
        code, err, peak, secs = run_bounded(["convert", "-q", "--no-cache", "--trace-time-limit", str(limit), img,
                                             "-o", os.path.join(tmp, "t.svg")], 3 << 30, limit + 60)
        print(f"# {name}: exit {code}, {secs:.1f} s: {err.strip()[:160]}")
        check(f"{name}: ends within the limit + 2 s", code != "timeout" and secs <= limit + 2,
              f"exit {code} after {secs:.1f} s: {err}")
        if refused:
            check(f"{name}: refused, naming the file and the limit",
                  code == 1 and f"{img}: " in err and f"limit of {limit} s" in err, f"exit {code}: {err}")


def main():
    if any(k in os.environ for k in ("ASAN_OPTIONS", "TSAN_OPTIONS", "UBSAN_OPTIONS")):
        print("1..0 # SKIP memory bounds are not measurable under the sanitizers")
        return 0
    with tempfile.TemporaryDirectory(prefix="svgai-test-slow-") as tmp:
        os.environ["XDG_CACHE_HOME"] = os.path.join(tmp, "cache")
        memory_budget(tmp)
        many_scans(tmp)
        layer_time_limit(tmp)
    print(f"1..{len(results)}")
    return 0 if all(ok for _, ok in results) else 1


if __name__ == "__main__":
    sys.exit(main())
