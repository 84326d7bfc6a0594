#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generates the loader's test corpus in tests/data/bad/ and EXPECTED.tsv.

PNG files are written byte by byte here (zlib + struct) so that their headers
are exactly what the tests need; JPEG, GIF, BMP, TIFF and WebP come from
ImageMagick's `convert`. The generated files are committed: run this only to
change the corpus.

    python3 tests/make-bad-inputs.py [OUTPUT_DIR]

A folder where a file is expected is made by the test itself (git keeps no
empty folders).
"""

import os
import random
import struct
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "data", "bad")

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

# colour types
GREY, RGB, PALETTE, GREY_ALPHA, RGBA = 0, 2, 3, 4, 6


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def ihdr(width, height, depth, colour, interlace=0):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, interlace))


def sample_bytes(values, depth):
    if depth == 16:
        return b"".join(struct.pack(">H", v) for v in values)
    return bytes(values)


def raw_rows(rows, depth):
    """rows: list of rows, each a flat list of samples. Filter type 0."""
    return b"".join(b"\x00" + sample_bytes(r, depth) for r in rows)


def png(width, height, rows, depth=8, colour=RGBA, extra=b"", interlace=0, raw=None):
    if raw is None:
        raw = raw_rows(rows, depth)
    return (PNG_MAGIC + ihdr(width, height, depth, colour, interlace) + extra
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def rgba_rows(width, height, fn):
    return [[c for x in range(width) for c in fn(x, y)] for y in range(height)]


def adam7_raw(width, height, pixel):
    """Serialises an RGBA 8-bit image in Adam7 pass order."""
    passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4),
              (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
    out = b""
    for x0, y0, dx, dy in passes:
        xs = list(range(x0, width, dx))
        ys = list(range(y0, height, dy))
        if not xs or not ys:
            continue
        for y in ys:
            out += b"\x00" + bytes(c for x in xs for c in pixel(x, y))
    return out


def convert(args, name, check=True):
    path = os.path.join(OUT, name)
    subprocess.run(["convert"] + args + ["-strip", path], check=check)
    with open(path, "rb") as f:
        return f.read()


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = []

    def add(name, data, outcome):
        if data is not None:
            write(name, data)
        expected.append((name, outcome))

    rng = random.Random(1)
    noise = rgba_rows(64, 64, lambda x, y: [rng.randrange(256) for _ in range(4)])
    good = png(64, 64, noise)

    # Known pixels: red, half-transparent green, transparent blue, white.
    add("rgba-2x2.png", png(2, 2, [[255, 0, 0, 255, 0, 255, 0, 128],
                                   [0, 0, 255, 0, 255, 255, 255, 255]]), "ok")
    add("1x1.png", png(1, 1, [[10, 20, 30, 255]], colour=RGBA), "ok")
    add("strip-1x10000.png", png(1, 10000, [[0, 0, 0, 255] if y % 2 else [255, 255, 255, 255]
                                            for y in range(10000)]), "ok")
    add("strip-10000x1.png", png(10000, 1, rgba_rows(10000, 1, lambda x, y: [x % 256, 0, 0, 255])), "ok")
    add("all-transparent.png", png(16, 16, rgba_rows(16, 16, lambda x, y: [0, 0, 0, 0])), "ok")
    add("one-colour.png", png(16, 16, [[0x33, 0x66, 0x99] * 16] * 16, colour=RGB), "ok")
    # 16-bit samples are v * 257 so that truncating and rounding to 8 bits agree.
    add("16bit.png", png(2, 1, [[255 * 257, 0, 128 * 257, 64 * 257, 0, 255 * 257, 0, 255 * 257]],
                         depth=16), "ok")
    add("palette.png", png(2, 2, [[0, 1], [2, 3]], colour=PALETTE,
                           extra=chunk(b"PLTE", bytes([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 0]))
                           + chunk(b"tRNS", bytes([255, 128, 0]))), "ok")
    add("grey-alpha.png", png(2, 1, [[200, 255, 50, 100]], colour=GREY_ALPHA), "ok")
    add("interlaced.png", png(9, 9, None, interlace=1,
                              raw=adam7_raw(9, 9, lambda x, y: [x * 28, y * 28, (x + y) * 14, 255])), "ok")
    add("huge-declared.png", png(100000, 100000, None, raw=b"\x00" * 64), "too-large")
    add("zero-width.png", PNG_MAGIC + ihdr(0, 16, 8, RGBA) + chunk(b"IEND", b""), "empty")
    add("zero-height.png", PNG_MAGIC + ihdr(16, 0, 8, RGBA) + chunk(b"IEND", b""), "empty")
    add("truncated.png", good[: len(good) // 2], "corrupt")
    add("truncated-after-ihdr.png", good[:33], "corrupt")
    rng = random.Random(2)
    interlaced = png(64, 64, None, interlace=1,
                     raw=adam7_raw(64, 64, lambda x, y: [rng.randrange(256) for _ in range(4)]))
    # Cut inside the last pass, which alone carries the odd rows.
    add("truncated-interlaced.png", interlaced[: len(interlaced) * 9 // 10], "corrupt")
    # Cut at a chunk boundary: every chunk is whole but IEND is missing.
    add("no-iend.png", good[: -12], "corrupt")
    bad_crc = bytearray(good)
    bad_crc[len(good) // 2] ^= 0xFF
    add("bad-crc.png", bytes(bad_crc), "corrupt")
    add("bad-magic.png", b"\x89PNX" + good[4:], "not-image")
    add("text.png", b"This is a text file, not an image.\n" * 4, "not-image")
    add("svg.png", b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
                   b'width="16" height="16"><rect width="16" height="16" fill="red"/></svg>\n', "not-image")
    add("empty.png", b"", "empty")

    # Formats other than PNG, via ImageMagick.
    # Noisy content so that most of the file is entropy-coded scan data.
    jpg = convert(["-seed", "1", "-size", "64x64", "plasma:fractal", "-quality", "90"], "plasma.jpg")
    expected.append(("plasma.jpg", "ok"))
    add("truncated.jpg", jpg[: len(jpg) * 6 // 10], "corrupt")
    pjpg = convert(["-seed", "1", "-size", "64x64", "plasma:fractal", "-interlace", "JPEG"], "progressive.jpg")
    expected.append(("progressive.jpg", "ok"))
    add("truncated-progressive.jpg", pjpg[: len(pjpg) * 8 // 10], "corrupt")
    convert(["-size", "8x8", "xc:#ff0000", "-colorspace", "CMYK", "-quality", "95"], "cmyk.jpg")
    expected.append(("cmyk.jpg", "ok"))
    gif = convert(["-size", "8x8", "-delay", "10", "xc:#ff0000", "xc:#0000ff", "-loop", "0"], "animated.gif")
    expected.append(("animated.gif", "ok"))
    # The first frame declares 51208 × 51208 on an 8 × 8 canvas: gdk-pixbuf
    # fails with "not enough memory"; it is a damaged file, not a large image.
    frame = gif.index(b"\x2c\x00\x00\x00\x00\x08\x00\x08\x00")
    big_frame = bytearray(gif)
    big_frame[frame + 6] = big_frame[frame + 8] = 200  # high bytes of width, height
    add("gif-frame-too-big.gif", bytes(big_frame), "corrupt")
    # A frame 0 pixels wide: gdk-pixbuf's GIF loader fails a critical
    # assertion on it instead of an error (found by tests/fuzz/fuzz-image.c).
    empty_frame = bytearray(gif)
    empty_frame[frame + 5] = empty_frame[frame + 6] = 0  # width
    add("gif-frame-zero-width.gif", bytes(empty_frame), "corrupt")
    gif = convert(["-seed", "1", "-size", "64x64", "plasma:fractal"], "plasma-for-truncation.gif")
    os.unlink(os.path.join(OUT, "plasma-for-truncation.gif"))
    add("truncated.gif", gif[: len(gif) // 2], "corrupt")
    convert(["-size", "8x8", "xc:#00ff00"], "green.bmp")
    expected.append(("green.bmp", "ok"))
    convert(["-size", "8x8", "xc:#0000ff", "-compress", "lzw"], "blue.tiff")
    expected.append(("blue.tiff", "ok"))
    convert(["-size", "8x8", "xc:#ffff00", "-define", "webp:lossless=true"], "yellow.webp")
    expected.append(("yellow.webp", "ok"))

    for ext in ("bmp", "tiff", "webp"):
        data = convert(["-seed", "1", "-size", "64x64", "plasma:fractal"], "plasma-for-truncation." + ext)
        os.unlink(os.path.join(OUT, "plasma-for-truncation." + ext))
        add("truncated." + ext, data[: len(data) // 2], "corrupt")

    # Issue 16: formats outside the README's list are refused before any
    # decoder runs (ICNS, QuickTime and WebP decoded first and checked the
    # size after); variants the decoders cannot read say what they are.
    small = png(2, 2, rgba_rows(2, 2, lambda x, y: (255, 0, 0, 255)))

    def icns(payload):
        entry = b"ic10" + struct.pack(">I", 8 + len(payload)) + payload
        return b"icns" + struct.pack(">I", 8 + len(entry)) + entry
    add("logo.icns", icns(small), "not-image")
    add("huge.icns", icns(png(30000, 30000, None, raw=b"\x00" * 64)), "not-image")
    add("logo.qtif", struct.pack(">I", 8 + 86) + b"idsc" + bytes(86), "not-image")
    add("red.ppm", b"P6\n2 2\n255\n" + bytes([255, 0, 0] * 4), "not-image")
    add("truncated.ppm", b"P6\n64 64\n255\n" + bytes([255, 0, 0] * 100), "not-image")
    convert(["-size", "8x8", "xc:#ff0000"], "red.tga")
    expected.append(("red.tga", "not-image"))
    convert(["-size", "8x8", "xc:#ff0000"], "red.xpm")
    expected.append(("red.xpm", "not-image"))
    convert(["-size", "8x8", "xc:#ff0000"], "red.ico")
    expected.append(("red.ico", "not-image"))
    convert(["-size", "8x8", "xc:#ff0000", "-colorspace", "CMYK"], "cmyk.tiff")
    expected.append(("cmyk.tiff", "not-image"))
    convert(["-size", "8x8", "xc:#ff0000", "-define", "quantum:format=floating-point", "-depth", "32"],
            "float.tiff", check=False)   # writes it, then warns of the predictor tag (exit 1)
    expected.append(("float.tiff", "not-image"))
    convert(["-size", "8x8", "-delay", "10", "xc:#ff0000", "xc:#0000ff", "-loop", "0",
             "-define", "webp:lossless=true"], "animated.webp")
    expected.append(("animated.webp", "ok"))

    expected.append(("folder", "io"))          # made by the test
    expected.append(("missing.png", "io"))     # never exists

    with open(os.path.join(OUT, "EXPECTED.tsv"), "w") as f:
        f.write("# file\texpected outcome (ok or an SvgaiErrorCode: not-image corrupt empty too-large io)\n")
        for name, outcome in expected:
            f.write(f"{name}\t{outcome}\n")


if __name__ == "__main__":
    main()
