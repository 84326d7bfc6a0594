#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""svg-ai-cli against hostile output paths, inputs and options (issue 16).

    test-reliability.py PATH-TO-svg-ai-cli

Files it must never touch: devices, FIFOs and symlinks named by -o (made in
the test's temporary folder, never the real /dev), outputs or a report
equal to an input, two inputs with the same name into one folder. Then
unbounded and non-regular inputs, option parsing (NaN, ranges, -j, --),
non-UTF-8 file names in JSON and failed writes of stdout and the report.

Prints TAP.
"""

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading

CLI = os.path.abspath(sys.argv[1])
DATA = os.environ.get("SVGAI_TEST_DATA") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "data")
BAD = os.path.join(DATA, "bad")
GOOD = os.path.join(BAD, "one-colour.png")
GOOD2 = os.path.join(BAD, "palette.png")
TIMEOUT = 300
IS_ROOT = os.geteuid() == 0
# Address-space limits keep today's unbounded reads from exhausting the
# machine; the sanitizers' shadow memory cannot live under one.
SANITIZED = any(k in os.environ for k in ("ASAN_OPTIONS", "TSAN_OPTIONS", "UBSAN_OPTIONS"))


def prlimit(as_bytes):
    return () if SANITIZED else ("prlimit", f"--as={as_bytes}")

results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))
    print(("ok" if ok else "not ok") + f" {len(results)} {name}")
    if not ok and detail:
        for line in str(detail).splitlines()[:20]:
            print("#   " + line)
    sys.stdout.flush()
    return ok


def skip(name, why):
    results.append((name, True, ""))
    print(f"ok {len(results)} {name} # SKIP {why}")


def env_for(extra=None):
    e = dict(os.environ)
    e.pop("SVGAI_TEST_WRITE_FAULT", None)
    if extra:
        e.update(extra)
    return e


def run(args, cwd=None, stdin=None, stdout=subprocess.PIPE, timeout=TIMEOUT, prefix=()):
    """(exit, stdout bytes, stderr text); exit is 'timeout' when it hung."""
    try:
        p = subprocess.run(list(prefix) + [CLI] + [os.fsdecode(a) if isinstance(a, bytes) else a for a in args],
                           stdin=stdin if stdin is not None else subprocess.DEVNULL,
                           stdout=stdout, stderr=subprocess.PIPE, env=env_for(), cwd=cwd, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout", b"", ""
    return p.returncode, p.stdout or b"", p.stderr.decode("utf-8", "replace")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def is_svg(path):
    try:
        return os.path.isfile(path) and b"<svg" in read(path)[:400]
    except OSError:
        return False


# ---- 1. -o never replaces a device, a FIFO or what a symlink is ----

def output_targets(tmp):
    d = os.path.join(tmp, "targets")
    os.mkdir(d)
    fifo = os.path.join(d, "fifo")
    os.mkfifo(fifo)
    code, _, err = run(["convert", "-q", GOOD, "-o", fifo], timeout=30)
    check("-o FIFO is refused", code == 1 and "regular" in err, f"exit {code}: {err}")
    check("-o FIFO: the FIFO is still a FIFO", stat.S_ISFIFO(os.lstat(fifo).st_mode))

    if IS_ROOT:
        dev = os.path.join(d, "null")
        os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        code, _, err = run(["convert", "-q", GOOD, "-o", dev], timeout=30)
        check("-o character device is refused", code == 1 and "regular" in err, f"exit {code}: {err}")
        check("-o character device: still a device", stat.S_ISCHR(os.lstat(dev).st_mode))
        link_dev = os.path.join(d, "link-to-device")
        os.symlink(dev, link_dev)
        code, _, err = run(["convert", "-q", GOOD, "-o", link_dev], timeout=30)
        check("-o symlink to a device is refused", code == 1 and stat.S_ISCHR(os.lstat(dev).st_mode)
              and os.path.islink(link_dev), f"exit {code}: {err}")
    else:
        skip("-o character device is refused", "mknod needs root")

    target = os.path.join(d, "real.svg")
    with open(target, "w") as f:
        f.write("old")
    link = os.path.join(d, "link.svg")
    os.symlink("real.svg", link)
    code, _, err = run(["convert", "-q", GOOD, "-o", link])
    check("-o symlink to a regular file: converted", code == 0, f"exit {code}: {err}")
    check("-o symlink: the link stays a link", os.path.islink(link) and os.readlink(link) == "real.svg")
    check("-o symlink: the file it names is replaced", is_svg(target))
    check("-o symlink: no temporary file left", not [n for n in os.listdir(d) if n.startswith(".")],
          os.listdir(d))

    code, out, err = run(["convert", "-q", GOOD, "-o", "-"])
    check("-o - writes the SVG to standard output", code == 0 and b"<svg" in out, f"exit {code}: {err}")


# ---- 2. no output path equals an input of the run ----

def outputs_equal_inputs(tmp):
    d = os.path.join(tmp, "same")
    os.mkdir(d)
    a = os.path.join(d, "b.png")
    b = os.path.join(d, "b.svg")          # a raster named .svg, given as an input
    shutil.copy(GOOD, a)
    shutil.copy(GOOD2, b)
    before = read(b)
    code, _, err = run(["convert", "-q", a, b])
    check("convert b.png b.svg: the second source is not overwritten", read(b) == before, err)
    check("convert b.png b.svg: exit 1 with an error", code == 1 and "b.svg" in err, f"exit {code}: {err}")

    png = os.path.join(d, "in.png")
    shutil.copy(GOOD, png)
    before = read(png)
    code, _, err = run(["batch", "-q", png, "-d", os.path.join(d, "out"), "--report", png])
    check("batch --report naming an input is refused", code == 2 and read(png) == before,
          f"exit {code}: {err}")
    code, _, err = run(["batch", "-q", png, "-d", os.path.join(d, "out"),
                        "--report", os.path.join(d, ".", "in.png")])
    check("batch --report naming an input another way is refused", code == 2 and read(png) == before,
          f"exit {code}: {err}")


# ---- 3. two inputs with one name into one folder ----

def same_basename(tmp):
    d = os.path.join(tmp, "basename")
    for sub in ("a", "b"):
        os.makedirs(os.path.join(d, sub))
    shutil.copy(GOOD, os.path.join(d, "a", "logo.png"))
    shutil.copy(GOOD2, os.path.join(d, "b", "logo.png"))
    out = os.path.join(d, "out")
    os.mkdir(out)
    os.mkdir(os.path.join(d, "out3"))
    code, _, err = run(["convert", "-q", os.path.join(d, "a", "logo.png"), os.path.join(d, "b", "logo.png"),
                        "-d", out])
    svgs = sorted(os.listdir(out)) if os.path.isdir(out) else []
    check("convert a/logo.png b/logo.png -d out: two SVGs, none replaced",
          code == 0 and len(svgs) == 2 and all(is_svg(os.path.join(out, n)) for n in svgs),
          f"exit {code}: {svgs}: {err}")
    shutil.copy(GOOD, os.path.join(d, "logo.png"))
    code, _, err = run(["convert", "-q", os.path.join(d, "a", "logo.png"), os.path.join(d, "logo.png"),
                        os.path.join(d, "b", "logo.png"), "-d", os.path.join(d, "out3")])
    n = len(os.listdir(os.path.join(d, "out3")))
    check("three inputs named logo.png: never one SVG over another",
          (code == 0 and n == 3) or (code == 1 and n == 2 and "overwrite" in err), f"exit {code}, {n} files: {err}")


# ---- 4. non-regular inputs are refused or read with a bound ----

def nonregular_inputs(tmp):
    d = os.path.join(tmp, "inputs")
    os.mkdir(d)
    fifo = os.path.join(d, "fifo.png")
    os.mkfifo(fifo)
    code, _, err = run(["convert", "-q", fifo, "-o", os.path.join(d, "f.svg")], timeout=30)
    check("a FIFO as input is refused, not waited on", code == 1 and "regular" in err, f"exit {code}: {err}")
    if IS_ROOT:
        zero = os.path.join(d, "zero.png")
        os.mknod(zero, 0o666 | stat.S_IFCHR, os.makedev(1, 5))
        code, _, err = run(["convert", "-q", zero, "-o", os.path.join(d, "z.svg")], timeout=30,
                           prefix=prlimit(2000000000))
        check("a device as input is refused", code == 1 and "regular" in err, f"exit {code}: {err}")
    else:
        skip("a device as input is refused", "mknod needs root")

    folder = os.path.join(d, "folder")
    os.mkdir(folder)
    shutil.copy(GOOD, os.path.join(folder, "a.png"))
    os.mkfifo(os.path.join(folder, "b.png"))
    code, _, err = run(["batch", "-q", "--max-memory", "500", folder, "-d", os.path.join(d, "fout")], timeout=60)
    check("a FIFO in a batch folder: refused, the rest converted, no hang",
          code == 1 and "b.png" in err and is_svg(os.path.join(d, "fout", "a.svg")), f"exit {code}: {err}")
    code, _, err = run(["ai-bench", "--no-quality", folder], timeout=120)
    check("a FIFO in an ai-bench folder: no hang", code == 1 and "b.png" in err, f"exit {code}: {err}")
    # Standard input of endless zeros: read up to the memory budget, then a
    # clear error (today's code reads until the address-space limit).
    p = subprocess.Popen(list(prlimit(2000000000)) + [CLI, "convert", "-q", "--memory-budget", "64", "-",
                          "-o", os.path.join(d, "stdin.svg")], stdin=subprocess.PIPE,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env_for())
    fed = [0]

    def feed():
        block = bytes(1 << 20)
        try:
            while fed[0] < (4 << 30):
                p.stdin.write(block)
                fed[0] += len(block)
        except (BrokenPipeError, OSError, ValueError):
            pass
    t = threading.Thread(target=feed, daemon=True)
    t.start()
    try:
        code = p.wait(timeout=60)
        err = p.stderr.read().decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        err, code = "", "timeout"
    t.join(5)
    try:
        p.stdin.close()
    except OSError:
        pass
    check("endless standard input stops at the memory budget with a clear error",
          code == 1 and "stdin" in err and fed[0] < (512 << 20), f"exit {code}, fed {fed[0] >> 20} MB: {err}")


# ---- 5, 11. only the README's formats; errors that say what is true ----

def formats(tmp):
    d = os.path.join(tmp, "formats")
    os.mkdir(d)
    for name, words in (("cmyk.tiff", "unsupported: CMYK TIFF"), ("float.tiff", "unsupported: floating-point TIFF"),
                        ("logo.icns", "unsupported format: ICNS"), ("huge.icns", "unsupported format: ICNS"),
                        ("logo.qtif", "unsupported format: QuickTime"), ("red.ppm", "unsupported format: PNM"),
                        ("truncated.ppm", "unsupported format: PNM"), ("red.xpm", "unsupported format: XPM"),
                        ("red.ico", "unsupported format: ICO")):
        out = os.path.join(d, name + ".svg")
        code, _, err = run(["convert", "-q", os.path.join(BAD, name), "-o", out], timeout=60,
                           prefix=prlimit(1500000000))
        check(f"{name}: refused as '{words}'", code == 1 and words in err and not os.path.exists(out),
              f"exit {code}: {err}")
    out = os.path.join(d, "animated.svg")
    code, _, err = run(["convert", "-q", os.path.join(BAD, "animated.webp"), "-o", out])
    check("an animated WebP converts (its first frame)", code == 0 and is_svg(out) and b"#f00" in read(out),
          f"exit {code}: {err}")
    code, stdout, err = run(["convert", os.path.join(BAD, "animated.webp"), "-o", out])
    check("an animated WebP: says only its first frame was converted", code == 0 and "first frame" in err,
          f"exit {code}: {err}")


# ---- 10. an SVG that does not resemble its source is a failure ----

def noise_png(path, size=96, seed=7):
    import random
    import struct
    import zlib
    rng = random.Random(seed)
    raw = b"".join(b"\x00" + bytes(rng.randrange(256) for _ in range(size * 3)) for _ in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def resemblance(tmp):
    d = os.path.join(tmp, "noise")
    os.mkdir(d)
    noise = os.path.join(d, "noise.png")
    noise_png(noise)
    out = os.path.join(d, "noise.svg")
    code, stdout, err = run(["convert", "--no-cache", "--json", noise, "-o", out])
    check("noise: the SVG is written", is_svg(out), f"exit {code}: {err}")
    check("noise: reported as a failure, exit 1, saying why",
          code == 1 and "does not resemble its source" in err, f"exit {code}: {err}")
    try:
        doc = json.loads(stdout.decode())
        ok = doc["failed"] == 1 and "resemble" in doc["files"][0].get("error", "")
    except (ValueError, KeyError, IndexError) as e:
        ok, doc = False, e
    check("noise: --json says failed, with the reason", ok, doc)
    report = os.path.join(d, "report.jsonl")
    code, _, err = run(["batch", "-q", "--no-cache", noise, os.path.join(BAD, "palette.png"), "-d",
                        os.path.join(d, "out"), "--report", report])
    lines = [json.loads(l) for l in read(report).decode().splitlines()] if os.path.exists(report) else []
    failed = [l for l in lines if l.get("status") == "failed"]
    check("noise in batch: exit 1, written, a failed line with the reason",
          code == 1 and len(failed) == 1 and "resemble" in (failed[0].get("error") or "")
          and is_svg(os.path.join(d, "out", "noise.svg")), f"exit {code}: {lines} {err}")
    code, _, err = run(["convert", "-q", os.path.join(BAD, "palette.png"), "-o", os.path.join(d, "logo.svg")])
    check("a logo still converts with exit 0", code == 0, f"exit {code}: {err}")


# ---- 9. hostile feature-cache entries are ignored and rewritten ----

def hostile_cache(tmp):
    d = os.path.join(tmp, "hostile-cache")
    os.mkdir(d)
    cache = os.path.join(d, "cache")
    img = os.path.join(BAD, "plasma.jpg")
    env = {"XDG_CACHE_HOME": cache}

    def convert_json():
        try:
            p = subprocess.run(list(prlimit(2000000000)) + [CLI, "convert", "--json", img, "-o",
                                os.path.join(d, "out.svg")], capture_output=True, env=env_for(env), timeout=60)
        except subprocess.TimeoutExpired:
            return "timeout", "", ""
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    convert_json()
    entries = [os.path.join(r, f) for r, _, fs in os.walk(cache) for f in fs if f.endswith(".json")]
    if len(entries) != 1:
        check("hostile cache entries: the cache holds the image's entry", False, entries)
        return
    entry = entries[0]
    good = json.loads(read(entry))

    def deep(path):
        with open(path, "wb") as f:
            f.write(b"[" * 100000)

    def deep_small(path):
        with open(path, "wb") as f:
            f.write(b"[" * 60000)

    def huge_values(path):
        doc = dict(good)
        doc["features"] = {k: 1e308 for k in good["features"]}
        with open(path, "w") as f:
            f.write(json.dumps(doc))

    def fifo(path):
        os.mkfifo(path)

    def zero(path):
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 5))
    cases = [("100 000 nested [", deep), ("60 000 nested [", deep_small), ("values of 1e308", huge_values),
             ("a FIFO", fifo)]
    if IS_ROOT:
        cases.append(("a /dev/zero device", zero))
    for label, make in cases:
        os.unlink(entry)
        make(entry)
        code, out, err = convert_json()
        check(f"cache entry holding {label}: converted, valid JSON without NaN",
              code == 0 and "nan" not in out.lower() and json.loads(out)["failed"] == 0, f"exit {code}: {err}")
        check(f"cache entry holding {label}: rewritten as a good entry",
              stat.S_ISREG(os.lstat(entry).st_mode) and json.loads(read(entry))["features"] == good["features"],
              read(entry)[:200] if stat.S_ISREG(os.lstat(entry).st_mode) else "not a regular file")


# ---- 7. Ctrl+C stops a batch within a second, even inside a long trace ----

def checker_png(path, n):
    """n × n, 1 px cells of four colours: potrace follows long staircases
    through them (about 10 s in each of two layers at 1000², each predicted
    under the default time limit, so the tracer starts them; a black and
    white one is refused up front)."""
    import struct
    import zlib
    r0 = b"\xff\x00\x00\x00\xff\x00" * (n // 2)
    r1 = b"\x00\x00\xff\xff\xff\x00" * (n // 2)
    raw = (b"\0" + r0 + b"\0" + r1) * (n // 2)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", n, n, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def interrupt_in_trace(tmp):
    import signal
    import time
    d = os.path.join(tmp, "interrupt")
    os.mkdir(d)
    img = os.path.join(d, "checker.png")
    checker_png(img, 1000)
    out = os.path.join(d, "out")
    report = os.path.join(d, "report.jsonl")
    # --speckle 0: the 1 px cells stay, whatever the optimizer would choose.
    p = subprocess.Popen([CLI, "batch", "-q", "--no-cache", "--speckle", "0", img, "-d", out, "--report", report],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env_for())
    time.sleep(2)
    t0 = time.monotonic()
    p.send_signal(signal.SIGINT)
    try:
        p.wait(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    secs = time.monotonic() - t0
    err = p.stderr.read().decode("utf-8", "replace")
    print(f"# Ctrl+C inside a long trace: exit {p.returncode} {secs:.1f} s after the signal")
    check("Ctrl+C inside a long trace: batch ends within 2 s, exit 130", p.returncode == 130 and secs <= 2,
          f"exit {p.returncode} after {secs:.1f} s: {err}")
    left = os.listdir(out) if os.path.isdir(out) else []
    check("Ctrl+C inside a long trace: no file left in the output folder", not left, left)
    try:
        summary = json.loads(read(report).decode().splitlines()[-1])["summary"]
        ok = summary["interrupted"] is True and summary["succeeded"] == 0
    except (OSError, ValueError, KeyError, IndexError) as e:
        ok, summary = False, e
    check("Ctrl+C inside a long trace: the report's summary says interrupted", ok, summary)


# ---- 12. an unreadable folder is skipped like a bad file ----

def unreadable_folder(tmp):
    d = os.path.join(tmp, "folders")
    os.makedirs(os.path.join(d, "good"))
    os.makedirs(os.path.join(d, "locked"))
    shutil.copy(GOOD, os.path.join(d, "good", "logo.png"))
    shutil.copy(GOOD, os.path.join(d, "locked", "hidden.png"))
    os.chmod(os.path.join(d, "locked"), 0)
    prefix = ()
    if IS_ROOT:
        if shutil.which("setpriv") is None:
            skip("an unreadable folder is skipped", "no setpriv to drop root")
            return
        for p in (tmp, d, os.path.join(d, "good")):
            os.chmod(p, 0o777)
        prefix = ("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups")
    out = os.path.join(d, "out")
    report = os.path.join(d, "report.jsonl")
    code, _, err = run(["batch", "-q", os.path.join(d, "locked"), os.path.join(d, "good"), "-d", out,
                        "--no-cache", "--report", report], prefix=prefix)
    os.chmod(os.path.join(d, "locked"), 0o755)
    check("an unreadable folder: the others are converted", os.path.isfile(os.path.join(out, "logo.svg")),
          f"exit {code}: {err}")
    check("an unreadable folder: reported, exit 1", code == 1 and "locked" in err, f"exit {code}: {err}")
    lines = read(report).decode().splitlines() if os.path.exists(report) else []
    check("an unreadable folder: a failed line in the report",
          any(json.loads(l).get("status") == "failed" and "locked" in json.loads(l).get("input", "")
              for l in lines if l.startswith('{"input"')), lines)


# ---- 13. JSON with non-UTF-8 names; failed writes of stdout and the report ----

def non_utf8(tmp):
    d = os.path.join(tmp, b"utf8")
    os.mkdir(d)
    name = os.path.join(d, b"logo-\xff\xfe.png")
    shutil.copy(GOOD, name)
    bad = os.path.join(d, b"missing-\xe9.png")
    code, out, err = run(["convert", "--json", name, bad, "-d", os.path.join(d, b"out")])
    try:
        doc = json.loads(out.decode("utf-8"))
        ok = len(doc["files"]) == 2
    except (ValueError, KeyError) as e:
        ok, doc = False, e
    check("convert --json: valid JSON with non-UTF-8 names", ok and code == 1, f"exit {code}: {doc} {err}")
    code, out, err = run(["analyze", "--json", name])
    try:
        json.loads(out.decode("utf-8"))
        ok = True
    except ValueError as e:
        ok = False
    check("analyze --json: valid JSON with a non-UTF-8 name", ok and code == 0, f"exit {code}: {out[:200]} {err}")
    report = os.path.join(d, b"report.jsonl")
    code, out, err = run(["batch", "-q", name, bad, "-d", os.path.join(d, b"out2"), "--report", report])
    try:
        lines = [json.loads(l) for l in read(report).decode("utf-8").splitlines()]
        ok = len(lines) == 3
    except (ValueError, OSError) as e:
        ok, lines = False, e
    check("batch --report: valid JSON lines with non-UTF-8 names", ok, f"exit {code}: {lines}")


def failed_writes(tmp):
    if not IS_ROOT:
        skip("a failed write of standard output exits non-zero", "mknod needs root")
        return
    d = os.path.join(tmp, "full")
    os.mkdir(d)
    full = os.path.join(d, "full")
    os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    os.mkdir(os.path.join(d, "out"))
    with open(full, "wb") as f:
        code, _, err = run(["convert", "--json", GOOD, "-d", os.path.join(d, "out")], stdout=f)
    check("convert --json > full device: exit non-zero", code not in (0, "timeout") and err, f"exit {code}: {err}")
    with open(full, "wb") as f:
        code, _, err = run(["convert", "-q", GOOD, "-o", "-"], stdout=f)
    check("convert -o - > full device: exit non-zero", code not in (0, "timeout") and err, f"exit {code}: {err}")
    code, _, err = run(["batch", "-q", GOOD, "-d", os.path.join(d, "out2"), "--report", full])
    check("batch --report on a full device: exit non-zero", code not in (0, "timeout") and err,
          f"exit {code}: {err}")
    with open(full, "wb") as f:
        code, _, err = run(["batch", GOOD, "-d", os.path.join(d, "out3")], stdout=f)
    check("batch summary > full device: exit non-zero", code not in (0, "timeout") and err, f"exit {code}: {err}")


# ---- 14. option parsing ----

def options(tmp):
    d = os.path.join(tmp, "options")
    os.mkdir(d)
    os.mkdir(os.path.join(d, "outc"))
    for opt, value in (("--smooth", "nan"), ("--smooth", "-nan"), ("--tolerance", "inf"), ("--colors", "nan"),
                       ("--speckle", "1e300"), ("--trace-time-limit", "1e13"), ("--trace-time-limit", "nan"),
                       ("--time-limit", "nan"), ("--max-pixels", "-1")):
        out = os.path.join(d, f"o{opt}{value}.svg")
        code, _, err = run(["convert", "-q", opt, value, GOOD, "-o", out])
        check(f"convert {opt} {value}: exit 2 at parse time", code == 2 and not os.path.exists(out)
              and opt in err, f"exit {code}: {err}")
    for args in (["-j", "0"], ["-j0"], ["--jobs=0"], ["-j", "257"]):
        code, _, err = run(["batch", "-q"] + args + [GOOD, "-d", os.path.join(d, "out")])
        check(f"batch {' '.join(args)}: exit 2", code == 2, f"exit {code}: {err}")
    code, _, err = run(["batch", "-q", "-j2", GOOD, "-d", os.path.join(d, "outj")])
    check("batch -j2 still means two jobs", code == 0, f"exit {code}: {err}")
    shutil.copy(GOOD, os.path.join(d, "-j5.png"))
    code, _, err = run(["batch", "-q", "-d", "outdd", "--", "-j5.png"], cwd=d)
    check("batch -- -j5.png: a file, not -j 5", code == 0 and os.path.isfile(os.path.join(d, "outdd", "-j5.svg")),
          f"exit {code}: {err}")
    code, _, err = run(["convert", "-q", "-d", "outc", "--", "-j5.png"], cwd=d)
    check("convert -- -j5.png: a file, not -j 5", code == 0 and os.path.isfile(os.path.join(d, "outc", "-j5.svg")),
          f"exit {code}: {err}")
    for cmd in (["analyze", "--time-limit", "nan"], ["analyze", "--feature-limit", "-1"],
                ["ai-bench", "--time-limit", "nan"]):
        code, _, err = run(cmd + [GOOD])
        check(f"{' '.join(cmd)}: exit 2 at parse time", code == 2 and cmd[1] in err, f"exit {code}: {err}")
    code, _, err = run(["ai-bench", "--no-quality", os.path.join(d, "missing.png"), os.path.join(BAD, "empty.png")])
    check("ai-bench: every input failing exits 1", code == 1, f"exit {code}: {err}")


def main():
    with tempfile.TemporaryDirectory(prefix="svgai-test-rel-") as tmp:
        os.environ["XDG_CACHE_HOME"] = os.path.join(tmp, "cache")
        output_targets(tmp)
        outputs_equal_inputs(tmp)
        same_basename(tmp)
        options(tmp)
        non_utf8(os.fsencode(tmp))
        failed_writes(tmp)
        nonregular_inputs(tmp)
        formats(tmp)
        resemblance(tmp)
        hostile_cache(tmp)
        interrupt_in_trace(tmp)
        unreadable_folder(tmp)
    print(f"1..{len(results)}")
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
