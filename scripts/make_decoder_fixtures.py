#!/usr/bin/python3
"""Decoder fixtures: one small image per supported format/variant, with the gray plane it must decode to.

Writes tests/fixtures/decode/<name>.<ext> and expected.npz with, per name, the float64 gray
(mean of R, G, B, alpha ignored, not normalized) of the pixels the file holds, and manifest.json
saying whether the comparison is exact (lossless) or within a tolerance (lossy codecs differ
between decoders by a level or two). Run from the repository root with /usr/bin/python3.
"""
import io as _io
import json
import os
import struct
import zlib

import numpy as np
import tifffile
from PIL import Image

OUT = os.path.join("tests", "fixtures", "decode")


def png16(path, arr, interlace=False):
    h, w = arr.shape[:2]
    color = 0 if arr.ndim == 2 else {2: 4, 3: 2, 4: 6}[arr.shape[2]]
    big = arr.astype(">u2")

    def rows(sub):
        return b"".join(b"\x00" + sub[y].tobytes() for y in range(sub.shape[0]))

    if interlace:
        raw = b""
        for x0, y0, dx, dy in [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]:
            sub = big[y0::dy, x0::dx]
            if sub.size:
                raw += rows(sub)
    else:
        raw = rows(big)

    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", w, h, 16, color, 0, 0, 1 if interlace else 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def gray_of(arr):
    arr = np.asarray(arr)
    if arr.ndim == 2:
        return arr.astype(np.float64)
    if arr.shape[2] == 2:
        return arr[..., 0].astype(np.float64)
    return np.mean(arr[..., :3], axis=2)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(7)
    # Smooth content so lossy codecs stay close to the source; noise keeps every pixel distinct.
    yy, xx = np.mgrid[0:45, 0:61]
    base = (96 + 60 * np.sin(xx / 7.0) + 50 * np.cos(yy / 5.0)).clip(0, 255)
    rgb = np.stack([base, base[::-1, :], base[:, ::-1]], axis=2).astype(np.uint8)
    gray8 = base.astype(np.uint8)
    rgba = np.dstack([rgb, rng.integers(0, 256, gray8.shape, dtype=np.uint8)])
    expected, manifest = {}, []

    def add(name, path, pixels, exact, tolerance=0.0):
        expected[name] = gray_of(pixels)
        manifest.append({"name": name, "file": os.path.basename(path), "exact": exact, "tolerance": tolerance})

    def save(name, ext, image, pixels, exact=True, tolerance=0.0, **kw):
        path = os.path.join(OUT, name + "." + ext)
        image.save(path, **kw)
        add(name, path, pixels, exact, tolerance)

    save("png_gray8", "png", Image.fromarray(gray8), gray8)
    save("png_rgb8", "png", Image.fromarray(rgb), rgb)
    save("png_rgba8", "png", Image.fromarray(rgba), rgba)
    save("png_gray_alpha8", "png", Image.fromarray(np.dstack([gray8, gray8[::-1]]), "LA"), gray8)
    pal = Image.fromarray(rgb).quantize(colors=64)
    pal.info["transparency"] = 3
    save("png_palette_transparent", "png", pal, np.array(pal.convert("RGB")), transparency=3)
    save("png_interlaced8", "png", Image.fromarray(rgb), rgb, interlace=1)
    for name, arr, inter in [("png_gray16", (gray8.astype(np.uint16) * 257 + rng.integers(0, 200, gray8.shape)).astype(np.uint16), False),
                             ("png_rgb16", rng.integers(0, 65536, rgb.shape, dtype=np.uint16), False),
                             ("png_rgba16", rng.integers(0, 65536, rgba.shape, dtype=np.uint16), False),
                             ("png_gray16_interlaced", rng.integers(0, 65536, (19, 23), dtype=np.uint16), True)]:
        path = os.path.join(OUT, name + ".png")
        png16(path, arr, inter)
        add(name, path, arr, True)

    def lossy(name, ext, image, **kw):
        path = os.path.join(OUT, name + "." + ext)
        image.save(path, **kw)
        add(name, path, np.array(Image.open(path).convert("RGB") if image.mode != "L" else Image.open(path)), False, 3.0)

    lossy("jpeg_baseline", "jpg", Image.fromarray(rgb), quality=92)
    lossy("jpeg_progressive", "jpg", Image.fromarray(rgb), quality=92, progressive=True)
    lossy("jpeg_gray", "jpg", Image.fromarray(gray8), quality=92)
    lossy("jpeg_cmyk", "jpg", Image.fromarray(rgb).convert("CMYK"), quality=95)
    lossy("webp_lossy", "webp", Image.fromarray(rgb), quality=90)
    save("webp_lossless", "webp", Image.fromarray(rgb), rgb, lossless=True)
    save("bmp_rgb", "bmp", Image.fromarray(rgb), rgb)
    frames = [Image.fromarray(rgb).quantize(colors=200), Image.fromarray(rgb[::-1]).quantize(colors=200)]
    path = os.path.join(OUT, "gif_animated.gif")
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    add("gif_animated", path, np.array(Image.open(path).convert("RGB")), True)
    save("tiff_rgb8", "tif", Image.fromarray(rgb), rgb)
    for name, arr in [("tiff_gray16", rng.integers(0, 65536, (21, 17), dtype=np.uint16)),
                      ("tiff_rgb16", rng.integers(0, 65536, (13, 11, 3), dtype=np.uint16))]:
        path = os.path.join(OUT, name + ".tif")
        tifffile.imwrite(path, arr, photometric="minisblack" if arr.ndim == 2 else "rgb")
        add(name, path, arr, True)
    np.savez_compressed(os.path.join(OUT, "expected.npz"), **expected)
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump({"generator": "scripts/make_decoder_fixtures.py", "images": manifest}, f, indent=1)


if __name__ == "__main__":
    main()
