"""Deterministic stand-in pictures for image keys, as small PNGs written with zlib and struct only.

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


def _pixel(grid, size: int, x: int, y: int) -> list[float]:
    """Bilinear interpolation of a 4x4 colour grid."""
    gx, gy = x * 3 / (size - 1), y * 3 / (size - 1)
    i, j = min(int(gx), 2), min(int(gy), 2)
    fx, fy = gx - i, gy - j
    out = []
    for c in range(3):
        top = grid[j][i][c] * (1 - fx) + grid[j][i + 1][c] * fx
        bottom = grid[j + 1][i][c] * (1 - fx) + grid[j + 1][i + 1][c] * fx
        out.append(top * (1 - fy) + bottom * fy)
    return out


def render_image(key: str, size: int = 64, variant: int | None = None) -> bytes:
    """A size x size RGB PNG determined by the key (and its variant)."""
    base, v = parse_key(key)
    v = v if variant is None else variant
    rnd = random.Random(hashlib.sha256(base.encode()).digest())
    grid = [[[rnd.randrange(256) for _ in range(3)] for _ in range(4)] for _ in range(4)]
    x0, y0 = rnd.randrange(size // 2), rnd.randrange(size // 2)
    x1, y1 = x0 + rnd.randrange(size // 6, size // 2), y0 + rnd.randrange(size // 6, size // 2)
    rect = [rnd.randrange(256) for _ in range(3)]
    cx, cy, r = rnd.randrange(size), rnd.randrange(size), rnd.randrange(size // 8, size // 3)
    disc = [rnd.randrange(256) for _ in range(3)]
    noise = random.Random(f"{base}:{v}")
    shift = 10 * v
    rows = []
    for y in range(size):
        row = bytearray()
        for x in range(size):
            if (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
                px = disc
            elif x0 <= x < x1 and y0 <= y < y1:
                px = rect
            else:
                px = _pixel(grid, size, x, y)
            for c in px:
                val = int(c) + shift + (noise.randint(-6, 6) if v else 0)
                row.append(0 if val < 0 else 255 if val > 255 else val)
        rows.append(bytes(row))
    return _png(size, rows)
