"""Deterministic stand-in pictures for image keys, as small PNGs written with NumPy, zlib and struct.

The picture is a function of the key's 16-hex base (smooth colour field plus a rectangle and a disc),
so perceptual hashing can match reposts; a `_vN` suffix (or `variant=N`) shifts brightness and adds
light noise, as a re-encoded or re-touched repost would.
"""
from __future__ import annotations

import hashlib
import random
import re
import struct
import zlib

import numpy as np

_KEY = re.compile(r"^(?:img/)?([0-9a-f]{16})(?:_v(\d+))?(?:\.jpg)?$")


def parse_key(key: str) -> tuple[str, int]:
    """('img/<hex>.jpg' base key, variant number) of an image reference."""
    m = _KEY.match(key)
    if not m:
        raise ValueError(f"not a demo image key: {key!r}")
    return f"img/{m.group(1)}.jpg", int(m.group(2) or 0)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _png(size: int, rows: list[bytes]) -> bytes:
    raw = b"".join(b"\x00" + row for row in rows)
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 6)) + _chunk(b"IEND", b"")


def render_image(key: str, size: int = 64, variant: int | None = None) -> bytes:
    """A size x size RGB PNG determined by the key (and its variant); NumPy, about 1 ms a picture."""
    base, v = parse_key(key)
    v = v if variant is None else variant
    rnd = random.Random(hashlib.sha256(base.encode()).digest())
    grid = np.array([[[rnd.randrange(256) for _ in range(3)] for _ in range(4)] for _ in range(4)], dtype=float)
    x0, y0 = rnd.randrange(size // 2), rnd.randrange(size // 2)
    x1, y1 = x0 + rnd.randrange(size // 6, size // 2), y0 + rnd.randrange(size // 6, size // 2)
    rect = [rnd.randrange(256) for _ in range(3)]
    cx, cy, r = rnd.randrange(size), rnd.randrange(size), rnd.randrange(size // 8, size // 3)
    disc = [rnd.randrange(256) for _ in range(3)]

    # bilinear interpolation of the 4x4 colour grid over the picture
    g = np.arange(size) * 3 / (size - 1)
    cell = np.minimum(g.astype(int), 2)
    f = (g - cell)[:, None]
    i, fx, j, fy = cell[None, :], f.T[..., None], cell[:, None], f[..., None]
    top = grid[j, i] * (1 - fx) + grid[j, i + 1] * fx
    bottom = grid[j + 1, i] * (1 - fx) + grid[j + 1, i + 1] * fx
    px = (top * (1 - fy) + bottom * fy).astype(np.int64)

    ys, xs = np.mgrid[0:size, 0:size]
    px[(xs >= x0) & (xs < x1) & (ys >= y0) & (ys < y1)] = rect
    px[(xs - cx) ** 2 + (ys - cy) ** 2 <= r * r] = disc
    if v:
        noise = np.random.default_rng(int.from_bytes(hashlib.sha256(f"{base}:{v}".encode()).digest()[:8], "big"))
        px += 10 * v + noise.integers(-6, 7, size=px.shape)
    rows = np.clip(px, 0, 255).astype(np.uint8)
    return _png(size, [row.tobytes() for row in rows])
