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
