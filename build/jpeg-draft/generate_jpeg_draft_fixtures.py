#!/usr/bin/python3
"""Records what Pillow makes of a few small JPEGs with jpegDraft preprocessing, as fixtures for
native-workers/import/decode-jpeg-draft.test.ts: the JPEGs themselves and the network input bytes.

Run by hand with Debian's Pillow, which links the same libjpeg-turbo as our addon (the pyenv python3 on PATH
has no Pillow):
    /usr/bin/python3 build/jpeg-draft/generate_jpeg_draft_fixtures.py
The pipeline is the README's Python example: draft() asked for the model's size (turned for EXIF orientations
5-8), exif_transpose, then the resize fixtures' own preprocess() (convert, then resize, fit or pad).
"""
import json
import os
import random
import sys

import PIL
from PIL import Image, ImageOps

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(REPO, "native-workers", "jpeg-draft", "fixtures")
sys.path.insert(0, os.path.join(REPO, "core", "io", "fixtures"))
from generate_resize_fixtures import preprocess  # noqa: E402  (one definition of the resize half)

FORMAT = "filterbank-jpeg-draft-fixtures"
VERSION = 1


def photo_rgb(width, height, seed):
    """Smooth colour ramps with noise and a few hard edges: enough detail that a wrong scale or IDCT shows."""
    rng = random.Random(seed)
    data = []
    for y in range(height):
        for x in range(width):
            edge = 60 if (x // 17 + y // 13) % 2 else 0
            r = (x * 255) // (width - 1)
            g = (y * 255) // (height - 1)
            b = ((x * 3 + y * 5) * 7) % 256
            data += [min(255, max(0, v + edge + rng.randint(-25, 25))) for v in (r, g, b)]
    return Image.frombytes("RGB", (width, height), bytes(data))


def draft_input(path, width, height, channels, resize, fill):
    """What a Python user writes to feed a model whose preprocessing has jpegDraft."""
    im = Image.open(path)
    turned = im.getexif().get(0x0112, 1) in (5, 6, 7, 8)
    im.draft("L" if channels == 1 else "RGB", (height, width) if turned else (width, height))
    im = ImageOps.exif_transpose(im)
    return preprocess(im, width, height, channels, resize, fill)


def save(name, image, **options):
    path = os.path.join(OUT, name)
    image.save(path, "JPEG", **options)
    return path


def main():
    os.makedirs(OUT, exist_ok=True)
    rgb = photo_rgb(203, 149, seed=1)
    wide = photo_rgb(120, 64, seed=2)
    jpegs = {
        # 4:2:0 baseline; 203×149 asked for 24×18 drafts at 1/8 to 26×19 (sizes rounded up).
        "rgb-420.jpg": save("rgb-420.jpg", rgb, quality=90, subsampling=2),
        "rgb-444.jpg": save("rgb-444.jpg", photo_rgb(150, 101, seed=3), quality=92, subsampling=0),
        "rgb-422-progressive.jpg": save("rgb-422-progressive.jpg", photo_rgb(160, 120, seed=4), quality=85, subsampling=1, progressive=True),
        "gray.jpg": save("gray.jpg", photo_rgb(131, 97, seed=5).convert("L"), quality=90),
        "small.jpg": save("small.jpg", photo_rgb(40, 30, seed=6), quality=90),
    }
    for orientation in range(2, 9):
        exif = Image.Exif()
        exif[0x0112] = orientation
        name = f"exif-{orientation}.jpg"
        jpegs[name] = save(name, wide, quality=90, subsampling=2, exif=exif.tobytes())

    # (file, width, height, channels, resize, fill)
    cases = [
        ("rgb-420.jpg", 24, 18, 3, "stretch", 0),
        ("rgb-420.jpg", 16, 16, 3, "crop", 0),
        ("rgb-420.jpg", 20, 12, 3, "letterbox", 114),
        ("rgb-420.jpg", 16, 16, 1, "crop", 0),  # draft("L"): libjpeg's own gray
        ("rgb-420.jpg", 50, 37, 3, "crop", 0),  # 1/4
        ("rgb-444.jpg", 32, 32, 3, "crop", 0),  # 1/2
        ("rgb-444.jpg", 12, 12, 1, "stretch", 0),
        ("rgb-422-progressive.jpg", 16, 16, 3, "crop", 0),
        ("rgb-422-progressive.jpg", 30, 20, 3, "letterbox", 0),
        ("gray.jpg", 16, 16, 3, "crop", 0),  # gray file, RGB model
        ("gray.jpg", 10, 14, 1, "stretch", 0),
        ("small.jpg", 32, 32, 3, "crop", 0),  # no scaling: 40 // 32 = 1
    ]
    for orientation in range(2, 9):
        # 24×12 turned for 5-8 asks for 12×24: scale 2 where the unturned size would give 4.
        cases.append((f"exif-{orientation}.jpg", 24, 12, 3, "crop", 0))
        cases.append((f"exif-{orientation}.jpg", 10, 10, 3, "stretch", 0))

    records = []
    for file, width, height, channels, resize, fill in cases:
        out = draft_input(jpegs[file], width, height, channels, resize, fill)
        assert out.size == (width, height) and len(out.getbands()) == channels
        records.append(
            {
                "file": file,
                "preprocessing": {
                    "width": width,
                    "height": height,
                    "channels": channels,
                    "resize": resize,
                    "fill": fill,
                    "mean": [0] * channels,
                    "std": [1] * channels,
                    "jpegDraft": True,
                },
                "expected": out.tobytes().hex(),
            }
        )
    fixture = {"format": FORMAT, "version": VERSION, "generator": f"Pillow {PIL.__version__}", "cases": records}
    path = os.path.join(OUT, "pillow-draft.json")
    with open(path, "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
        f.write("\n")
    print(f"{path}: {len(records)} cases, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
