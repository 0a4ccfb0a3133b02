#!/usr/bin/env python3
"""Writes the two small images the CLI's start-up warm-up featurizes (jobs/SparkImaging.Jobs/Engine/Warmup/):
a 96x96 8-bit RGB PNG (the managed PNG decoder's path) and the same pixels as a JPEG. Needs Debian's python3-opencv.

Usage: python3 scripts/make_warmup_images.py
"""
import pathlib

import cv2
import numpy as np

SIDE = 96
OUT = pathlib.Path(__file__).resolve().parent.parent / "jobs" / "SparkImaging.Jobs" / "Engine" / "Warmup"


def texture() -> np.ndarray:
    """Waves plus noise in each channel: every LBP code family occurs, as in real tiles."""
    y, x = np.mgrid[0:SIDE, 0:SIDE].astype(np.float64)
    rng = np.random.default_rng(5)
    image = np.zeros((SIDE, SIDE, 3), np.float64)
    for c, (fx, fy) in enumerate([(0.21, 0.13), (0.07, 0.31), (0.17, 0.05)]):
        image[..., c] = 127 + 60 * np.sin(fx * x + fy * y + c) + 40 * np.cos(0.05 * x * y / (c + 1)) + rng.normal(0, 12, (SIDE, SIDE))
    return np.clip(np.rint(image), 0, 255).astype(np.uint8)


def main() -> None:
    image = texture()
    OUT.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(OUT / "warmup.png"), image)
    cv2.imwrite(str(OUT / "warmup.jpg"), image, [cv2.IMWRITE_JPEG_QUALITY, 90])


if __name__ == "__main__":
    main()
