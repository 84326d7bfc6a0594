#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""svg-ai-cli convert over the bad-input corpus, and what it does to files.

    test-cli.py PATH-TO-svg-ai-cli [PATH-TO-image-ssim]

Reads tests/data/bad/EXPECTED.tsv (SVGAI_TEST_DATA): every "ok" input must
give a valid SVG and exit 0; every other one exactly one error line naming
the file, exit 1 and no output file. `convert --format pdf|eps|png` is read
back (poppler's pdftoppm, Ghostscript, the PNG at the asked size) and
compared with librsvg's render of the SVG (image-ssim: the engine's SSIM).
Then: several inputs with a bad one in
the middle, the source is never written, and a failed write (full disk,
read-only folder) leaves the previous output intact. The failed writes are
real where the machine allows (root in a private mount namespace: a 4 KiB
tmpfs and a read-only bind mount) and always also injected through the
SVGAI_TEST_WRITE_FAULT hook of svgai-atomic-file.c.

Prints TAP.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

CLI = os.path.abspath(sys.argv[1])
IMAGE_SSIM = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else None
DATA = os.environ.get("SVGAI_TEST_DATA") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "data")
BAD = os.path.join(DATA, "bad")
SVG_NS = "{http://www.w3.org/2000/svg}"
# Generous: the sanitizer build runs several times slower.
TIMEOUT = 300

results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))
    print(("ok" if ok else "not ok") + f" {len(results)} {name}" + (f" # {detail}" if detail and not ok else ""))
    if not ok and detail:
        for line in str(detail).splitlines():
            print("#   " + line)
    sys.stdout.flush()
    return ok


def run(args, env=None, cwd=None):
    full_env = dict(os.environ)
    full_env.pop("SVGAI_TEST_WRITE_FAULT", None)
    if env:
        full_env.update(env)
    p = subprocess.run([CLI] + args, capture_output=True, text=True, env=full_env,
                       cwd=cwd, timeout=TIMEOUT)
    return p.returncode, p.stdout, p.stderr


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def svg_problem(path):
    """None if path holds a well-formed SVG document as the writer makes it."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        return f"not well-formed XML: {e}"
    if root.tag != SVG_NS + "svg":
        return f"root element is {root.tag}, not svg"
    box = root.get("viewBox", "").split()
    if len(box) != 4 or float(box[2]) <= 0 or float(box[3]) <= 0:
        return f"bad viewBox {root.get('viewBox')!r}"
    for el in root.iter(SVG_NS + "path"):
        d = el.get("d", "")
        if not d or d[0] not in "Mm":
            return f"path without a move-to: {d[:40]!r}"
    return None


def temp_files(folder):
    return [n for n in os.listdir(folder) if n.startswith(".")]


def error_lines(stderr):
    return [l for l in stderr.splitlines() if l.strip()]


def corpus(tmp):
    folder = os.path.join(tmp, "folder.png")
    os.mkdir(folder)
    entries = []
    with open(os.path.join(BAD, "EXPECTED.tsv")) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            name, outcome = line.split("\t")
            if name == "folder":
                path = folder
            else:
                path = os.path.join(BAD, name)
            entries.append((name, path, outcome))

    counts = {}
    out_dir = os.path.join(tmp, "corpus-out")
    os.mkdir(out_dir)
    for name, path, outcome in entries:
        out = os.path.join(out_dir, os.path.basename(name) + ".svg")
        before = sha256(path) if os.path.isfile(path) else None
        code, stdout, stderr = run(["convert", "-q", path, "-o", out])
        lines = error_lines(stderr)
        counts[outcome] = counts.get(outcome, 0) + 1
        if before is not None and sha256(path) != before:
            check(f"corpus {name}: source unchanged", False, "the source file was modified")
            continue
        if outcome == "ok":
            problem = None if code == 0 else f"exit {code}: {stderr}"
            problem = problem or (svg_problem(out) if os.path.exists(out) else "no output file")
            problem = problem or (f"unexpected output: {stderr}" if lines else None)
            check(f"corpus {name}: valid SVG", problem is None, problem)
        else:
            problem = None
            if code != 1:
                problem = f"exit {code}, not 1"
            elif len(lines) != 1:
                problem = f"{len(lines)} lines on stderr, not one:\n{stderr}"
            elif not lines[0].startswith(f"svg-ai-cli: {path}: ") or len(lines[0]) < len(path) + 25:
                problem = f"the error does not name the file with a reason: {lines[0]!r}"
            elif os.path.exists(out):
                problem = "an output file was written"
            elif temp_files(out_dir):
                problem = f"temporary files left: {temp_files(out_dir)}"
            check(f"corpus {name}: {outcome} → one clear error", problem is None, problem)
    summary = ", ".join(f"{n} {o}" for o, n in sorted(counts.items()))
    print(f"# corpus: {len(entries)} inputs: {summary}")


def several_inputs(tmp):
    """A bad file between good ones: the others are converted, exit 1."""
    src = os.path.join(tmp, "several")
    out = os.path.join(tmp, "several-out")
    os.mkdir(src)
    os.mkdir(out)
    names = ["one-colour.png", "truncated.png", "palette.png", "text.png", "plasma.jpg"]
    paths = []
    for n in names:
        shutil.copy(os.path.join(BAD, n), os.path.join(src, n))
        paths.append(os.path.join(src, n))
    code, stdout, stderr = run(["convert", "-d", out] + paths)
    lines = error_lines(stderr)
    check("several inputs: exit 1", code == 1, f"exit {code}")
    check("several inputs: one error line per bad input",
          len(lines) == 2 and paths[1] in lines[0] and paths[3] in lines[1], stderr)
    for n in ("one-colour", "palette", "plasma"):
        path = os.path.join(out, n + ".svg")
        check(f"several inputs: {n}.svg written", os.path.exists(path) and svg_problem(path) is None,
              svg_problem(path) if os.path.exists(path) else "missing")
    check("several inputs: no SVG for the bad ones",
          sorted(os.listdir(out)) == ["one-colour.svg", "palette.svg", "plasma.svg"], os.listdir(out))
    check("several inputs: one summary line per good input", len(stdout.splitlines()) == 3, stdout)


def source_never_written(tmp):
    src = os.path.join(tmp, "source")
    os.mkdir(src)
    logo = os.path.join(src, "logo.png")
    shutil.copy(os.path.join(BAD, "one-colour.png"), logo)
    before = sha256(logo)

    # Output beside the input (the default): a new .svg, the PNG untouched.
    code, _, stderr = run(["convert", "-q", logo])
    check("default output beside the source", code == 0 and os.path.exists(os.path.join(src, "logo.svg")), stderr)

    # Asked to write over the source, in several spellings: refused.
    link = os.path.join(src, "link.png")
    os.symlink(logo, link)
    for target in (logo, os.path.join(src, ".", "logo.png"), link):
        code, _, stderr = run(["convert", "-q", logo, "-o", target])
        lines = error_lines(stderr)
        check(f"-o {os.path.relpath(target, tmp)} over the source is refused",
              code == 1 and len(lines) == 1 and "source" in lines[0], f"exit {code}: {stderr}")
    # An input named .svg whose output would be itself.
    disguised = os.path.join(src, "disguised.svg")
    shutil.copy(os.path.join(BAD, "one-colour.png"), disguised)
    disguised_before = sha256(disguised)
    code, _, stderr = run(["convert", "-q", disguised])
    check("an input named .svg is not overwritten by its own output",
          code == 1 and sha256(disguised) == disguised_before, f"exit {code}: {stderr}")
    check("the source is never written", sha256(logo) == before)
    check("no temporary files beside the source", not temp_files(src), temp_files(src))


def failed_write(folder, label, env=None, wrapper=None):
    """Converts plasma.jpg over folder/out.svg, which must fail and keep the old file."""
    out = os.path.join(folder, "out.svg")
    img = os.path.join(BAD, "plasma.jpg")
    if wrapper is None:
        with open(out, "w") as f:
            f.write("previous")
        code, _, stderr = run(["convert", "-q", img, "-o", out], env=env)
    else:
        p = subprocess.run(wrapper, capture_output=True, text=True, timeout=TIMEOUT)
        code, stderr = p.returncode, p.stderr
    lines = error_lines(stderr)
    problem = None
    if code != 1:
        problem = f"exit {code}: {stderr}"
    elif len(lines) != 1 or not lines[0].startswith(f"svg-ai-cli: {out}: "):
        problem = f"not one error line naming the output: {stderr!r}"
    check(f"{label}: clear error", problem is None, problem)
    if wrapper is None:
        with open(out) as f:
            check(f"{label}: previous file intact", f.read() == "previous")
        check(f"{label}: no temporary file left", not temp_files(folder), temp_files(folder))
    return lines[0] if lines else ""


def unwritable(tmp):
    folder = os.path.join(tmp, "faults")
    os.mkdir(folder)
    for step in ("create", "write", "fsync", "rename"):
        line = failed_write(folder, f"injected {step} failure", env={"SVGAI_TEST_WRITE_FAULT": step})
        print(f"# injected {step}: {line}")

    # Real ones where possible: a private mount namespace (root only).
    unshare = shutil.which("unshare")
    can_mount = os.geteuid() == 0 and unshare and subprocess.run(
        [unshare, "--mount", "--propagation", "private", "true"], capture_output=True).returncode == 0
    if not can_mount:
        if os.geteuid() != 0:
            ro = os.path.join(tmp, "read-only")
            os.mkdir(ro)
            with open(os.path.join(ro, "out.svg"), "w") as f:
                f.write("previous")
            os.chmod(ro, 0o555)
            line = failed_write_prepared(ro, "read-only folder (chmod)")
            os.chmod(ro, 0o755)
            print(f"# read-only (chmod): {line}")
        print("# skip real full disk: needs root and unshare --mount")
        return

    img = os.path.join(BAD, "plasma.jpg")
    for label, setup in (
            ("full disk (4 KiB tmpfs)", "mount -t tmpfs -o size=4k tmpfs \"$D\" && printf previous > \"$D/out.svg\""),
            ("read-only folder (bind mount)", "printf previous > \"$D/out.svg\" && mount --bind \"$D\" \"$D\" && "
                                              "mount -o remount,ro,bind \"$D\"")):
        d = tempfile.mkdtemp(dir=tmp)
        script = (f"set -e; D='{d}'; {setup}; set +e; "
                  f"'{CLI}' convert -q '{img}' -o \"$D/out.svg\"; rc=$?; "
                  "printf '%s' \"$(cat \"$D/out.svg\")\" > \"$D.after\"; ls -A \"$D\" > \"$D.list\"; exit $rc")
        env_script = ["env", "-u", "SVGAI_TEST_WRITE_FAULT", unshare, "--mount", "--propagation", "private",
                      "sh", "-c", script]
        line = failed_write(d, label, wrapper=env_script)
        with open(d + ".after") as f:
            check(f"{label}: previous file intact", f.read() == "previous")
        with open(d + ".list") as f:
            left = f.read().split()
            check(f"{label}: no temporary file left", left == ["out.svg"], left)
        print(f"# {label}: {line}")


def failed_write_prepared(folder, label):
    out = os.path.join(folder, "out.svg")
    code, _, stderr = run(["convert", "-q", os.path.join(BAD, "plasma.jpg"), "-o", out])
    lines = error_lines(stderr)
    check(f"{label}: clear error", code == 1 and len(lines) == 1 and lines[0].startswith(f"svg-ai-cli: {out}: "),
          stderr)
    with open(out) as f:
        check(f"{label}: previous file intact", f.read() == "previous")
    return lines[0] if lines else ""


def noise_png(path, size, block, n_colors, seed=1):
    """size × size RGB, block × block squares of n_colors random colours."""
    import random
    import struct
    import zlib
    rnd = random.Random(seed)
    colours = [bytes(rnd.randrange(256) for _ in range(3)) for _ in range(n_colors)]
    rows = []
    for by in range(0, size, block):
        row = b"".join(colours[rnd.randrange(n_colors)] * block for _ in range(0, size, block))[:size * 3]
        rows.extend([b"\x00" + row] * min(block, size - by))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(b"".join(rows), 6)) + chunk(b"IEND", b""))


def limits(tmp):
    """A pathological image ends with a clear error, not a hang; the memory
    budget refuses before decoding."""
    import time
    noise = os.path.join(tmp, "noise.png")
    noise_png(noise, 1200, 2, 32)
    out = os.path.join(tmp, "noise.svg")
    start = time.monotonic()
    code, _, stderr = run(["convert", "-q", "--colors", "32", "--trace-time-limit", "0.3", noise, "-o", out])
    elapsed = time.monotonic() - start
    lines = error_lines(stderr)
    check("pathological image: exit 1 with one error naming the file and the limit",
          code == 1 and len(lines) == 1 and lines[0].startswith(f"svg-ai-cli: {noise}: ")
          and "0.3 s" in lines[0], f"exit {code}: {stderr}")
    check("pathological image: no output", not os.path.exists(out))
    print(f"# pathological 1200×1200, 32 colours: {elapsed:.1f} s: {lines[0] if lines else ''}")

    plasma = os.path.join(BAD, "plasma.jpg")
    code, _, stderr = run(["convert", "-q", "--memory-budget", "0", plasma, "-o", out])
    check("--memory-budget 0 is the default", code == 0, stderr)
    os.unlink(out)
    # 1200 × 1200 needs some 40 MB: over a budget of 1 MB.
    code, _, stderr = run(["convert", "-q", "--memory-budget", "1", noise, "-o", out])
    lines = error_lines(stderr)
    check("over the memory budget: one clear error", code == 1 and len(lines) == 1
          and lines[0].startswith(f"svg-ai-cli: {noise}: ") and "--memory-budget" in lines[0], stderr)
    check("over the memory budget: no output", not os.path.exists(out))


def image_ssim(a, b):
    p = subprocess.run([IMAGE_SSIM, a, b], capture_output=True, text=True, timeout=TIMEOUT)
    return float(p.stdout) if p.returncode == 0 else f"image-ssim: {p.stderr.strip()}"


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    return (int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")) \
        if head[:8] == b"\x89PNG\r\n\x1a\n" else None


def formats(tmp):
    """Issue 15: convert --format pdf|eps|png [--png-size PX] writes what the
    app's Export As writes (the engine's svgai_svg_export); each is read back
    and compared with the SVG's render."""
    src = os.path.join(DATA, "gui", "logo-bazel-icon.png")
    d = os.path.join(tmp, "formats")
    os.mkdir(d)
    code, _, stderr = run(["convert", "-q", "--no-cache", src, "-d", d])
    svg = os.path.join(d, "logo-bazel-icon.svg")
    if not check("--format: the SVG to compare with", code == 0 and svg_problem(svg) is None, stderr):
        return
    outs = {}
    for fmt, magic in (("pdf", b"%PDF-"), ("eps", b"%!PS-Adobe-3.0 EPSF"), ("png", b"\x89PNG")):
        code, _, stderr = run(["convert", "-q", "--no-cache", "--format", fmt, src, "-d", d])
        out = os.path.join(d, "logo-bazel-icon." + fmt)
        ok = code == 0 and os.path.exists(out)
        with open(out, "rb") if ok else open(os.devnull, "rb") as f:
            ok = ok and f.read(len(magic)) == magic
        check(f"--format {fmt}: exit 0, a {fmt.upper()} file named .{fmt} beside the others", ok, stderr)
        outs[fmt] = out
    # -o's extension decides without --format; --format wins over it.
    code, _, _ = run(["convert", "-q", "--no-cache", src, "-o", os.path.join(d, "by-name.pdf")])
    with open(os.path.join(d, "by-name.pdf"), "rb") as f:
        check("-o x.pdf without --format writes a PDF", code == 0 and f.read(5) == b"%PDF-")
    code, _, _ = run(["convert", "-q", "--no-cache", "--format", "svg", src, "-o", os.path.join(d, "forced.pdf")])
    check("--format svg -o x.pdf writes an SVG", code == 0 and svg_problem(os.path.join(d, "forced.pdf")) is None)

    for args, what in ((["--format", "jpg"], "an unknown format"), (["--png-size", "64"], "--png-size without png"),
                       (["--format", "png", "--png-size", "0"], "--png-size 0"),
                       (["--format", "png", "--png-size", "99999"], "--png-size 99999")):
        code, _, stderr = run(["convert", "-q"] + args + [src, "-o", os.path.join(d, "bad.svg")])
        check(f"{what}: exit 2 with a message, nothing written",
              code == 2 and error_lines(stderr) and not os.path.exists(os.path.join(d, "bad.svg")), stderr)

    if IMAGE_SSIM is None or shutil.which("rsvg-convert") is None:
        results.append(("read back", True, ""))
        print(f"ok {len(results)} formats read back # SKIP no image-ssim or rsvg-convert")
        return
    reference = os.path.join(d, "reference.png")
    subprocess.run(["rsvg-convert", svg, "-o", reference], check=True)
    width = png_size(reference)[0]
    # The PNG at its own size, and at a size asked for (the longer side).
    check("--format png: the size of the source", png_size(outs["png"]) == png_size(reference))
    s = image_ssim(outs["png"], reference)
    check(f"--format png: SSIM against the SVG's render ≥ 0.99 ({s})", isinstance(s, float) and s >= 0.99, s)
    big = os.path.join(d, "big.png")
    code, _, stderr = run(["convert", "-q", "--no-cache", "--format", "png", "--png-size", "700", src, "-o", big])
    big_ref = os.path.join(d, "big-reference.png")
    size = png_size(big) if code == 0 else None
    if size:
        subprocess.run(["rsvg-convert", "-w", str(size[0]), "-h", str(size[1]), svg, "-o", big_ref], check=True)
    check(f"--png-size 700: {size}, 700 px on the longer side", size is not None and max(size) == 700, stderr)
    s = image_ssim(big, big_ref) if size == png_size(big_ref) else f"sizes {size} {png_size(big_ref)}"
    check(f"--png-size 700: SSIM against the SVG's render at 700 px ≥ 0.99 ({s})", isinstance(s, float) and s >= 0.99,
          s)
    # PDF and EPS at 96 dpi come back at the SVG's size.
    readers = (("pdf", "pdftoppm", lambda out, dst: ["pdftoppm", "-r", "96", "-png", "-singlefile", out, dst[:-4]]),
               ("eps", "gs", lambda out, dst: ["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pngalpha",
                                               "-r96", "-dEPSCrop", f"-sOutputFile={dst}", out]))
    for fmt, tool, argv in readers:
        if shutil.which(tool) is None:
            results.append((fmt, True, ""))
            print(f"ok {len(results)} --format {fmt} read back # SKIP {tool} is not installed")
            continue
        back = os.path.join(d, f"from-{fmt}.png")
        subprocess.run(argv(outs[fmt], back), check=True, capture_output=True, timeout=TIMEOUT)
        # image-ssim allows the EPS's bounding box, whole points, one pixel more.
        s = image_ssim(back, reference)
        check(f"--format {fmt}: read back by {tool}, SSIM against the SVG's render ≥ 0.99 ({s})",
              isinstance(s, float) and s >= 0.99, s)
    print(f"# formats: source {width} px wide")
def flat_png(path, size, squares):
    """size × size RGB on white; squares: (x, y, side, (r, g, b)) painted in order."""
    import struct
    import zlib
    px = [[(255, 255, 255)] * size for _ in range(size)]
    for x0, y0, side, rgb in squares:
        for y in range(y0, y0 + side):
            for x in range(x0, x0 + side):
                px[y][x] = rgb
    raw = b"".join(b"\x00" + b"".join(bytes(p) for p in row) for row in px)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def colour_options(tmp):
    """--palette, --palette-tolerance, --lock, --background and --colors
    (issue 14): bad values are one clear line; good ones act on the fills."""
    src = os.path.join(tmp, "flat.png")
    flat_png(src, 64, [(12, 12, 40, (0x1e, 0x88, 0xe5)), (26, 26, 12, (0xf4, 0xc4, 0x30))])
    out = os.path.join(tmp, "flat.svg")
    for args, needle in ((["--palette", "#12345"], "#12345"), (["--palette", "#fff,blue"], "blue"),
                         (["--palette", ","], "--palette"), (["--lock", "red"], "--lock"),
                         (["--palette-tolerance", "x"], "--palette-tolerance"),
                         (["--palette-tolerance", "200"], "--palette-tolerance"),
                         (["--background", "maybe"], "--background")):
        code, _, stderr = run(["convert"] + args + [src, "-o", out])
        lines = error_lines(stderr)
        check(f"convert {' '.join(args)}: exit 2, one line naming the problem",
              code == 2 and len(lines) == 1 and needle in lines[0] and not os.path.exists(out), f"exit {code}: {stderr}")

    def fills(*args):
        if os.path.exists(out):
            os.unlink(out)
        code, _, stderr = run(["convert", "--no-cache"] + list(args) + [src, "-o", out])
        text = open(out, encoding="utf-8").read() if os.path.exists(out) else ""
        return code, text, stderr

    code, text, stderr = fills()
    check("flat colours come out exactly", code == 0 and "#1e88e5" in text and "#f4c430" in text, text)
    check("keep: the white background is traced", 'fill="#fff"' in text, text)
    code, text, stderr = fills("--palette", "#1e90f0, #ffffff")
    check("--palette: a colour within the tolerance becomes the palette colour",
          code == 0 and "#1e90f0" in text and "#1e88e5" not in text, text)
    check("--palette: a colour beyond it is kept and named in a warning",
          "#f4c430" in text and "#f4c430" in stderr and "warning" in stderr, stderr)
    code, text, stderr = fills("--palette", "#1e90f0,#ffffff,#ffcc00", "--palette-tolerance", "20")
    check("--palette-tolerance widens what maps", code == 0 and "#fc0" in text and "#f4c430" not in text, text)
    code, text, stderr = fills("--lock", "#1d87e6")
    check("--lock keeps the colour exact", code == 0 and "#1d87e6" in text and "#f4c430" in text, text)
    code, text, stderr = fills("--colors", "6")
    check("--colors 6 on a 3-colour logo says why it cannot", code == 0 and "6 colours asked for, 3 traced" in stderr,
          stderr)
    code, text, stderr = fills("--background", "remove")
    check("--background remove: no white left, the artwork stays",
          code == 0 and 'fill="#fff"' not in text and "#1e88e5" in text and "#f4c430" in text, text)
    code, text, stderr = fills("--background", "auto")
    check("--background auto: a white border around the artwork goes", code == 0 and 'fill="#fff"' not in text, text)
    check("convert --help lists the colour options",
          all(o in run(["convert", "--help"])[1] for o in ("--palette", "--palette-tolerance", "--lock", "--background")))


def still_works(tmp):
    """After all of that the same binary converts a good file."""
    out = os.path.join(tmp, "after.svg")
    code, _, stderr = run(["convert", "-q", os.path.join(BAD, "rgba-2x2.png"), "-o", out])
    check("a good file still converts afterwards", code == 0 and svg_problem(out) is None, stderr)


def main():
    with tempfile.TemporaryDirectory(prefix="svgai-test-cli-") as tmp:
        # The feature cache goes here, not into the user's.
        os.environ["XDG_CACHE_HOME"] = os.path.join(tmp, "cache")
        corpus(tmp)
        several_inputs(tmp)
        source_never_written(tmp)
        unwritable(tmp)
        limits(tmp)
        formats(tmp)
        colour_options(tmp)
        still_works(tmp)
    print(f"1..{len(results)}")
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
