"""(d) cv2.imdecode of the benchmark files, bytes already in memory: ms per image."""
import sys

import cv2
import numpy as np

from common import emit, files, median_seconds

ROUNDS = 7


def main(directory):
    cv2.setNumThreads(1)
    for extension in ("png", "jpg"):
        encoded = [np.fromfile(path, dtype=np.uint8) for path in files(directory, extension)]

        def decode_all():
            for data in encoded:
                cv2.imdecode(data, cv2.IMREAD_COLOR)

        seconds = median_seconds([decode_all], ROUNDS)[0]
        emit(f"cv2_decode_{extension}_ms_per_image", seconds * 1e3 / len(encoded))


if __name__ == "__main__":
    main(sys.argv[1])
