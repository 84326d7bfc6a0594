#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Alpha agreement of SVG outputs with their source PNGs (issue 14 item 4).

    alpha-iou.py SRC_PNG_DIR SVG_DIR [CLEAN_SVG_DIR] [--show N] [--determinable]

Renders every SVG with rsvg-convert at its PNG's pixel size and compares
alpha >= 128 (inside) with the PNG's (a PNG without alpha is opaque):
intersection over union per image, and how many reach 0.98. With
CLEAN_SVG_DIR (the same build and options on the clean PNGs), also the
median bytes against the clean tracings' median. --show N lists the N
lowest. Not a meson test: a measuring tool, like ../shared/tools/score.py.

--determinable also scores each image only where its flattened pixels can
tell the answer. The PNG flattened on white (what a JPEG of it holds
before compression) shows paper wherever it is within PAPER_TOLERANCE of
white in every channel (the engine's BG_TOLERANCE). In a 4-connected piece
of paper, an opaque pixel and a transparent one look the same:
  border   opaque pixels of paper that reaches the image's border (the
           artwork's white touching the background, or an opaque image's
           white touching its edge: by the pixels, background);
  merged   opaque pixels of an enclosed piece of paper that also holds
           transparent ones (a hole running into the artwork's white);
  prior    every pixel of the other enclosed pieces: a knockout and the
           artwork's own white there are the same pixels, and only a prior
           (the engine's hole rules) can choose.
"det" leaves out border and merged pixels (the figure to hold to 0.98),
"px" leaves out prior pixels too (what the pixels alone decide), and
"oracle" is the best strict IoU possible: every pixel right, except that
each piece of paper reaching the border is all background or all inside.
"""
import os
import statistics
import subprocess
import sys
import tempfile

import numpy as np
from skimage.io import imread

PAPER_TOLERANCE = 28


def alpha(img, shape):
    if img.ndim == 3 and img.shape[2] == 4:
        return img[:, :, 3]
    return np.full(shape, 255)


def iou(a, b, keep=None):
    if keep is not None:
        a, b = a & keep, b & keep
    union = (a | b).sum()
    return (a & b).sum() / union if union else 1.0


def ambiguity(src, inside):
    """Masks of the border, merged and prior pixels (see above), and the
    oracle's inside."""
    from scipy import ndimage

    rgb = src[:, :, :3].astype(int) if src.ndim == 3 else np.stack([src.astype(int)] * 3, axis=2)
    a = alpha(src, inside.shape).astype(int)[:, :, None]
    flat = (rgb * a + 255 * (255 - a) + 127) // 255
    label, n = ndimage.label((255 - flat).max(axis=2) <= PAPER_TOLERANCE)
    edge = set(np.unique(np.concatenate([label[0], label[-1], label[:, 0], label[:, -1]]))) - {0}
    border, merged, prior, oracle = (np.zeros(inside.shape, bool) for _ in range(4))
    oracle |= inside
    for k in range(1, n + 1):
        piece = label == k
        if k in edge:
            border |= piece & inside
            drop, fill = oracle & ~piece, oracle | piece
            oracle = drop if iou(inside, drop) >= iou(inside, fill) else fill
        elif (piece & inside).any() and (piece & ~inside).any():
            merged |= piece & inside
        else:
            prior |= piece
    return border, merged, prior, oracle


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = int(sys.argv[sys.argv.index("--show") + 1]) if "--show" in sys.argv else 0
    determinable = "--determinable" in sys.argv
    if show:
        args.remove(str(show))
    srcd, svgd = args[0], args[1]
    clean = args[2] if len(args) > 2 else None
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "r.png")
        for f in sorted(os.listdir(srcd)):
            if not f.endswith(".png"):
                continue
            src = imread(os.path.join(srcd, f))
            h, w = src.shape[:2]
            svg = os.path.join(svgd, f[:-4] + ".svg")
            a = alpha(src, (h, w)) >= 128
            b = np.zeros((h, w), bool)
            if os.path.exists(svg) and subprocess.run(["rsvg-convert", "-w", str(w), "-h", str(h), "-o", out,
                                                       svg]).returncode == 0:
                b = alpha(imread(out), (h, w)) >= 128
            figures = (iou(a, b),)
            if determinable:
                border, merged, prior, oracle = ambiguity(src, a)
                figures += (iou(a, b, ~(border | merged)), iou(a, b, ~(border | merged | prior)), iou(a, oracle))
            size = os.path.getsize(svg) if os.path.exists(svg) else 0
            clean_size = os.path.getsize(os.path.join(clean, f[:-4] + ".svg")) if clean else 0
            rows.append((f[:-4], figures, size, clean_size))
    names = ("iou", "det", "px", "oracle")
    for name, figures, size, clean_size in sorted(rows, key=lambda r: r[1][0])[:show]:
        shown = " ".join(f"{n}={v:.4f}" for n, v in zip(names, figures))
        print(f"{name:44s} {shown} bytes={size} clean={clean_size}")
    for k, label in enumerate(names[:len(rows[0][1])] if rows else ()):
        passed = sum(1 for r in rows if r[1][k] >= 0.98)
        print(f"alpha {label} >= 0.98: {passed}/{len(rows)}  mean={statistics.mean(r[1][k] for r in rows):.4f}")
    if clean:
        median, clean_median = statistics.median(r[2] for r in rows), statistics.median(r[3] for r in rows)
        print(f"median bytes {median:.0f} / clean median {clean_median:.0f} = {median / clean_median:.3f}")


main()
