#!/usr/bin/python3
"""Regenerate tests/data/quality/: pairs of small PNGs and their reference
SSIM, MSE and PSNR from scikit-image, computed exactly like
../shared/tools/score.py (both images composited on white, then
structural_similarity(channel_axis=2, data_range=255, gaussian_weights=True,
sigma=1.5, use_sample_covariance=False)).

usage: tests/make-quality-reference.py   (needs python3-skimage, python3-numpy)
Writes NAME-a.png, NAME-b.png and reference.tsv (name, ssim, mse, psnr).
Deterministic: a fixed seed, so rerunning rewrites identical files.
"""
import os
import numpy as np
from PIL import Image
from skimage.io import imread
from skimage.metrics import structural_similarity, mean_squared_error, peak_signal_noise_ratio

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "quality")
rng = np.random.default_rng(20261126)


def on_white(img):
    # the same as score.py
    img = img.astype(np.float64)
    if img.ndim == 2:
        img = np.stack([img] * 3, -1)
    if img.shape[2] == 4:
        a = img[:, :, 3:4] / 255.0
        img = img[:, :, :3] * a + 255.0 * (1 - a)
    return img[:, :, :3]


def u8(a):
    return np.clip(np.rint(a), 0, 255).astype(np.uint8)


def shapes(w, h, dx=0.0, dy=0.0, colours=((200, 30, 40), (20, 90, 200))):
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64) + 0.5
    img = np.full((h, w, 3), 255.0)
    # anti-aliased disc: coverage from distance to the edge
    d = np.hypot(xx - (w * 0.35 + dx), yy - (h * 0.5 + dy)) - min(w, h) * 0.3
    cov = np.clip(0.5 - d, 0, 1)[..., None]
    img = img * (1 - cov) + np.array(colours[0]) * cov
    x0, x1, y0, y1 = w * 0.55 + dx, w * 0.9 + dx, h * 0.2 + dy, h * 0.75 + dy
    cx = np.clip(np.minimum(xx + 0.5, x1) - np.maximum(xx - 0.5, x0), 0, 1)
    cy = np.clip(np.minimum(yy + 0.5, y1) - np.maximum(yy - 0.5, y0), 0, 1)
    cov = (cx * cy)[..., None]
    img = img * (1 - cov) + np.array(colours[1]) * cov
    return u8(img)


def gradient(w, h):
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    return u8(np.stack([255 * xx / (w - 1), 255 * yy / (h - 1), 128 + 100 * np.sin(xx / 7.0)], -1))


def pairs():
    out = {}
    a = shapes(64, 48)
    out["shapes"] = (a, shapes(64, 48, dx=0.7, dy=-0.4, colours=((190, 40, 40), (20, 100, 190))))
    g = gradient(100, 100)
    out["gradient-noise"] = (g, u8(g + rng.normal(0, 12, g.shape)))
    n1 = rng.integers(0, 256, (48, 64, 3))
    out["noise"] = (u8(n1), u8(0.6 * n1 + 0.4 * rng.integers(0, 256, n1.shape)))
    # straight-alpha logo on transparency against a slightly different one,
    # with junk colour under fully transparent pixels (must not count)
    a = shapes(100, 100)
    alpha = np.where((a == 255).all(-1), 0, 255).astype(np.float64)
    alpha[40:60, :] = np.minimum(alpha[40:60, :], 128)
    junk = rng.integers(0, 256, a.shape)
    ca = np.where(alpha[..., None] == 0, junk, a)
    b = shapes(100, 100, dx=-0.5, dy=0.3)
    alpha_b = np.where((b == 255).all(-1), 0, 255).astype(np.float64)
    alpha_b[45:55, :] = np.minimum(alpha_b[45:55, :], 200)
    out["alpha"] = (np.dstack([ca, u8(alpha)]).astype(np.uint8), np.dstack([b, u8(alpha_b)]))
    # odd size, one opaque RGB against one RGBA with a soft alpha ramp
    c = gradient(37, 23)
    ramp = np.tile(np.linspace(0, 255, 37), (23, 1))
    out["odd-ramp"] = (c, np.dstack([c, u8(ramp)]))
    # exactly the window size: a single window position
    s = shapes(11, 11)
    out["window"] = (s, u8(s * 0.9 + 10))
    same = gradient(100, 100)
    out["identical"] = (same, same.copy())
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    rows = []
    for name, (a, b) in pairs().items():
        pa, pb = os.path.join(OUT, name + "-a.png"), os.path.join(OUT, name + "-b.png")
        Image.fromarray(a).save(pa, optimize=True)
        Image.fromarray(b).save(pb, optimize=True)
        # score what was written, read back as score.py reads it
        x, y = on_white(imread(pa)), on_white(imread(pb))
        ssim = structural_similarity(x, y, channel_axis=2, data_range=255, gaussian_weights=True,
                                     sigma=1.5, use_sample_covariance=False)
        mse = mean_squared_error(x, y)
        psnr = peak_signal_noise_ratio(x, y, data_range=255) if mse > 0 else float("inf")
        rows.append((name, ssim, mse, psnr))
    with open(os.path.join(OUT, "reference.tsv"), "w") as fh:
        fh.write("# name\tssim\tmse\tpsnr  (tests/make-quality-reference.py, scikit-image)\n")
        for name, ssim, mse, psnr in rows:
            fh.write(f"{name}\t{ssim:.12g}\t{mse:.12g}\t{psnr:.12g}\n")
    for r in rows:
        print("\t".join(str(v) for v in r))


main()
