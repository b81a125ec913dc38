"""render_image: valid, deterministic PNGs; variants close to but not equal to the original."""
from __future__ import annotations

import struct
import zlib

import pytest

from redflags.demo import render_image
from redflags.demo.images import parse_key


def _pixels(png: bytes) -> tuple[int, int, bytes]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, size = 8, b"", None
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        data = png[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", png[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(kind + data) & 0xFFFFFFFF
        if kind == b"IHDR":
            size = struct.unpack(">II", data[:8])
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    raw = zlib.decompress(idat)
    w, h = size
    rows = [raw[r * (3 * w + 1) + 1 : (r + 1) * (3 * w + 1)] for r in range(h)]
    assert all(raw[r * (3 * w + 1)] == 0 for r in range(h))
    return w, h, b"".join(rows)


def test_png_is_valid_and_deterministic():
    key = "img/0123456789abcdef.jpg"
    png = render_image(key)
    w, h, px = _pixels(png)
    assert (w, h, len(px)) == (64, 64, 64 * 64 * 3)
    assert render_image(key) == png
    assert _pixels(render_image(key, size=32))[:2] == (32, 32)


def test_different_keys_differ_and_variants_stay_close():
    a = _pixels(render_image("img/0123456789abcdef.jpg"))[2]
    b = _pixels(render_image("img/fedcba9876543210.jpg"))[2]
    v = _pixels(render_image("img/0123456789abcdef_v2.jpg"))[2]
    diff = lambda x, y: sum(abs(p - q) for p, q in zip(x, y)) / len(x)
    assert v != a
    assert diff(a, v) < 30 < diff(a, b)


def test_parse_key_rejects_foreign_names():
    assert parse_key("img/0123456789abcdef_v3.jpg") == ("img/0123456789abcdef.jpg", 3)
    with pytest.raises(ValueError):
        render_image("photo.png")


def _reference_pixels(key: str, size: int = 64) -> bytes:
    """The original pure-Python renderer of an unvaried picture, pixel by pixel (the NumPy one must agree,
    so that recorded hashes and figures stay valid)."""
    import hashlib
    import random

    base, _ = parse_key(key)
    rnd = random.Random(hashlib.sha256(base.encode()).digest())
    grid = [[[rnd.randrange(256) for _ in range(3)] for _ in range(4)] for _ in range(4)]
    x0, y0 = rnd.randrange(size // 2), rnd.randrange(size // 2)
    x1, y1 = x0 + rnd.randrange(size // 6, size // 2), y0 + rnd.randrange(size // 6, size // 2)
    rect = [rnd.randrange(256) for _ in range(3)]
    cx, cy, r = rnd.randrange(size), rnd.randrange(size), rnd.randrange(size // 8, size // 3)
    disc = [rnd.randrange(256) for _ in range(3)]
    out = bytearray()
    for y in range(size):
        for x in range(size):
            if (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
                px = disc
            elif x0 <= x < x1 and y0 <= y < y1:
                px = rect
            else:
                gx, gy = x * 3 / (size - 1), y * 3 / (size - 1)
                i, j = min(int(gx), 2), min(int(gy), 2)
                fx, fy = gx - i, gy - j
                px = [(grid[j][i][c] * (1 - fx) + grid[j][i + 1][c] * fx) * (1 - fy)
                      + (grid[j + 1][i][c] * (1 - fx) + grid[j + 1][i + 1][c] * fx) * fy for c in range(3)]
            out.extend(int(c) for c in px)
    return bytes(out)


@pytest.mark.parametrize("size", [64, 32])
def test_pictures_match_the_pixel_by_pixel_reference(size):
    for k in range(12):
        key = f"img/{k:04x}{'9a3f' * 3}.jpg"
        assert _pixels(render_image(key, size=size))[2] == _reference_pixels(key, size), key


def test_rendering_over_two_processes_writes_the_same_files(tmp_path):
    from redflags.demo.writer import write_images

    refs = [f"img/{k:016x}.jpg" for k in range(40)] + [f"img/{k:016x}_v1.jpg" for k in range(5)]
    seen = []
    assert write_images(tmp_path / "one", refs, workers=1) == 45
    assert write_images(tmp_path / "two", refs[:10], workers=2) == 10
    assert write_images(tmp_path / "two", refs, lambda *a: seen.append(a), workers=2) == 45  # reruns only add
    one, two = sorted((tmp_path / "one").iterdir()), sorted((tmp_path / "two").iterdir())
    assert [p.name for p in one] == [p.name for p in two] and len(one) == 45
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(one, two))
    assert seen[-1] == ("images", 45, 45)
