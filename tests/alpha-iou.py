#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Alpha agreement of SVG outputs with their source PNGs (issue 14 item 4).

    alpha-iou.py SRC_PNG_DIR SVG_DIR [CLEAN_SVG_DIR] [--show N]

Renders every SVG with rsvg-convert at its PNG's pixel size and compares
alpha >= 128 (inside) with the PNG's (a PNG without alpha is opaque):
intersection over union per image, and how many reach 0.98. With
CLEAN_SVG_DIR (the same build and options on the clean PNGs), also the
median bytes against the clean tracings' median. --show N lists the N
lowest. Not a meson test: a measuring tool, like ../shared/tools/score.py.
"""
import os
import statistics
import subprocess
import sys
import tempfile

import numpy as np
from skimage.io import imread


def alpha(img, shape):
    if img.ndim == 3 and img.shape[2] == 4:
        return img[:, :, 3]
    return np.full(shape, 255)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = int(sys.argv[sys.argv.index("--show") + 1]) if "--show" in sys.argv else 0
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
            iou = 0.0
            if os.path.exists(svg) and subprocess.run(["rsvg-convert", "-w", str(w), "-h", str(h), "-o", out,
                                                       svg]).returncode == 0:
                a, b = alpha(src, (h, w)) >= 128, alpha(imread(out), (h, w)) >= 128
                union = (a | b).sum()
                iou = (a & b).sum() / union if union else 1.0
            size = os.path.getsize(svg) if os.path.exists(svg) else 0
            clean_size = os.path.getsize(os.path.join(clean, f[:-4] + ".svg")) if clean else 0
            rows.append((f[:-4], iou, size, clean_size))
    for name, iou, size, clean_size in sorted(rows, key=lambda r: r[1])[:show]:
        print(f"{name:44s} iou={iou:.4f} bytes={size} clean={clean_size}")
    passed = sum(1 for r in rows if r[1] >= 0.98)
    print(f"alpha IoU >= 0.98: {passed}/{len(rows)}  mean={statistics.mean(r[1] for r in rows):.4f}")
    if clean:
        median, clean_median = statistics.median(r[2] for r in rows), statistics.median(r[3] for r in rows)
        print(f"median bytes {median:.0f} / clean median {clean_median:.0f} = {median / clean_median:.3f}")


main()
