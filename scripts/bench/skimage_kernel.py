"""(a) scikit-image's local_binary_pattern on the benchmark gray plane, one thread: ns per pixel."""
import sys

import numpy as np
from skimage.feature import local_binary_pattern

from common import emit, median_seconds

ROUNDS = 7


def main(path):
    header = np.fromfile(path, dtype="<i4", count=2)
    rows, cols = int(header[0]), int(header[1])
    gray = np.fromfile(path, dtype="<f8", offset=8).reshape(rows, cols)
    specs = [(24, 3), (8, 1)]
    cases = [lambda p=p, r=r: local_binary_pattern(gray, p, r, "uniform") for p, r in specs]
    for (p, r), seconds in zip(specs, median_seconds(cases, ROUNDS)):
        emit(f"skimage_kernel_p{p}_r{r}_ns_per_px", seconds * 1e9 / gray.size)


if __name__ == "__main__":
    main(sys.argv[1])
