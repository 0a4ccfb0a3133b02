"""(c) The seed pipeline in one process: imread, mean over RGB, divide by max, LBP 24:3 uniform, histogram."""
import sys
import time

import numpy as np
from skimage import io
from skimage.feature import local_binary_pattern

from common import emit, files

P, R = 24, 3


def featurize(path):
    image = io.imread(path)
    gray = image[..., :3].mean(axis=2) if image.ndim == 3 else image.astype(np.float64)
    if gray.max() > 0:
        gray = gray / gray.max()
    codes = local_binary_pattern(gray, P, R, "uniform")
    hist, _ = np.histogram(codes, bins=np.arange(P + 3), density=True)
    return hist.astype(np.float32)


def main(directory, extension):
    paths = files(directory, extension)
    start = time.perf_counter()
    for path in paths:
        featurize(path)
    emit(f"seed_{extension}_images_per_second", len(paths) / (time.perf_counter() - start))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
