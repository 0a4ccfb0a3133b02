#!/usr/bin/python3
"""Golden LBP fixtures from scikit-image 0.19.3 (Debian's python3-skimage).

For every fixture image this writes the input file and an .npz holding, exactly as the seed pipeline computes them:
  gray                      float64, gray = mean of R, G, B (alpha ignored), divided by the image maximum
  codes_p{P}_r{R}_{method}  local_binary_pattern(gray, P, R, method) (uint32 codes; float64 for 'var')
  hist_p{P}_r{R}_{method}   float32 fraction of pixels per code (only where the contract allows a histogram)
  offsets_p{P}_r{R}         the sample offsets scikit-image uses (rp row, cp column)
Run from the repository root:  /usr/bin/python3 scripts/make_golden_fixtures.py
The outputs are committed; the C# tests compare against them exactly.
"""
import json
import os
import struct
import zlib

import numpy as np
import skimage
from PIL import Image
from skimage import data, io
from skimage.feature import local_binary_pattern

assert skimage.__version__ == "0.19.3", skimage.__version__
OUT = os.path.join("tests", "fixtures", "lbp")
POINTS = [4, 8, 16, 24]
RADII = [1, 1.5, 2, 3]
METHODS = ["default", "ror", "uniform", "nri_uniform", "var"]


def bins(p, method):
    return {"uniform": p + 2, "nri_uniform": p * (p - 1) + 3}.get(method, 2 ** p if p <= 16 else None)


def radius_name(r):
    return ("%g" % r).replace(".", "_")


def png16(path, arr):
    """16-bit PNG writer: PIL cannot write 16-bit RGB."""
    h, w = arr.shape[:2]
    color = 0 if arr.ndim == 2 else {3: 2, 4: 6}[arr.shape[2]]
    raw = b"".join(b"\x00" + arr[y].astype(">u2").tobytes() for y in range(h))

    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", w, h, 16, color, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def seed_gray(pixels):
    """The seed pipeline: mean of the colour channels in float64, divided by the maximum."""
    gray = pixels.astype(np.float64) if pixels.ndim == 2 else np.mean(pixels[..., :3], axis=2)
    peak = gray.max()
    return gray / peak if peak > 0 else gray.astype(np.float64)


def images():
    rng = np.random.default_rng(20261125)
    yield "gray8_random", rng.integers(0, 256, (37, 53), dtype=np.uint8), "png8"
    yield "rgb8_random", rng.integers(0, 256, (40, 31, 3), dtype=np.uint8), "png8"
    yield "rgba8_random", rng.integers(0, 256, (23, 29, 4), dtype=np.uint8), "png8"
    yield "gray16_random", rng.integers(0, 65536, (33, 29), dtype=np.uint16), "png16"
    yield "rgb16_random", rng.integers(0, 65536, (21, 26, 3), dtype=np.uint16), "png16"
    yield "flat", np.full((20, 20), 128, dtype=np.uint8), "png8"
    yield "zeros", np.zeros((16, 16), dtype=np.uint8), "png8"
    yield "tiny_3x2", np.array([[10, 200], [30, 40], [250, 0]], dtype=np.uint8), "png8"
    yield "single_pixel", np.array([[77]], dtype=np.uint8), "png8"
    yield "brick", data.brick()[100:164, 200:264], "png8"
    yield "grass", data.grass()[:48, :72], "png8"
    yield "gravel", data.gravel()[300:356, 10:66], "png8"
    yield "coffee", data.coffee()[150:198, 200:264], "png8"
    yield "chelsea", data.chelsea()[80:128, 120:170], "png8"


def main():
    os.makedirs(OUT, exist_ok=True)
    manifest = []
    for name, pixels, kind in images():
        path = os.path.join(OUT, name + ".png")
        if kind == "png16":
            png16(path, pixels)
            # imageio reads 16-bit RGB PNG as 8-bit; the contract keeps 16 bits, so the gray comes from the array.
            source = pixels
        else:
            Image.fromarray(pixels).save(path)
            source = io.imread(path)
            assert np.array_equal(source, pixels), name
        gray = seed_gray(source)
        arrays = {"gray": gray}
        cases = []
        for p in POINTS:
            for r in RADII:
                rr = -np.float32(r) * np.sin(2 * np.pi * np.arange(p, dtype=np.double) / p)
                cc = np.float32(r) * np.cos(2 * np.pi * np.arange(p, dtype=np.double) / p)
                arrays["offsets_p%d_r%s" % (p, radius_name(r))] = np.stack([np.round(rr, 5), np.round(cc, 5)])
                for method in METHODS:
                    if method in ("default", "ror") and p > 16 and name not in ("gray8_random", "brick"):
                        continue
                    if method == "var" and name not in ("gray8_random", "rgb16_random", "brick", "flat"):
                        continue
                    key = "p%d_r%s_%s" % (p, radius_name(r), method)
                    codes = local_binary_pattern(gray, p, r, method)
                    if method == "var":
                        arrays["codes_" + key] = codes
                    else:
                        assert np.array_equal(codes, np.round(codes)), key
                        arrays["codes_" + key] = codes.astype(np.uint32)
                        nbins = bins(p, method)
                        if nbins is not None:
                            counts = np.bincount(codes.astype(np.int64).ravel(), minlength=nbins)
                            arrays["hist_" + key] = (counts / codes.size).astype(np.float32)
                    cases.append({"points": p, "radius": r, "method": method, "key": key})
        np.savez_compressed(os.path.join(OUT, name + ".npz"), **arrays)
        manifest.append({"name": name, "file": name + ".png", "rows": int(gray.shape[0]), "columns": int(gray.shape[1]), "cases": cases})
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump({"generator": "scripts/make_golden_fixtures.py", "skimage": skimage.__version__, "numpy": np.__version__, "images": manifest}, f, indent=1)


if __name__ == "__main__":
    main()
