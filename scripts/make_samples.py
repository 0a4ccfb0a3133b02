#!/usr/bin/python3
"""Bundled samples: 128x128 tiles of three CC0 textures shipped with scikit-image (brick, grass, gravel),
in the ImageFolder layout samples/<label>/<name>.(png|jpg), so the README's first command runs out of the box.
Run from the repository root with /usr/bin/python3; the outputs are committed."""
import os

from PIL import Image
from skimage import data

TILE = 128
for label, image in [("brick", data.brick()), ("grass", data.grass()), ("gravel", data.gravel())]:
    folder = os.path.join("samples", label)
    os.makedirs(folder, exist_ok=True)
    n = 0
    for y in range(0, image.shape[0] - TILE + 1, TILE):
        for x in range(0, image.shape[1] - TILE + 1, TILE):
            tile = Image.fromarray(image[y:y + TILE, x:x + TILE])
            # Every fourth tile as JPEG so the samples exercise two decoders.
            if n % 4 == 3:
                tile.save(os.path.join(folder, "%s_%02d.jpg" % (label, n)), quality=92)
            else:
                tile.save(os.path.join(folder, "%s_%02d.png" % (label, n)))
            n += 1
