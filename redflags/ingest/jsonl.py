"""Read the project's JSONL interchange format one line at a time."""
from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterator

import orjson

from redflags.ingest.files import open_binary, raw_position
from redflags.ingest.record import RawRecord
from redflags.model import Origin, Quarantined

BOM = b"\xef\xbb\xbf"


def read_jsonl(path: Path, file_sha256: str, progress: Callable[[int], None] = lambda _: None,
               encoding: str = "utf-8", **_: object) -> Iterator[RawRecord | Quarantined]:
    """Yield a RawRecord per JSON object line, or a Quarantined naming the line and the problem."""
    with open_binary(path) as f:
        offset = 0
        for number, line in enumerate(f, start=1):
            origin = Origin(str(path), file_sha256, f"line {number}")
            start, offset = offset, offset + len(line)
            if number == 1 and line.startswith(BOM):
                line = line[len(BOM):]
            body = line.strip()
            if body:
                yield parse_line(body, origin, start, encoding)
            progress(raw_position(f))


def parse_line(body: bytes, origin: Origin, offset: int, encoding: str) -> RawRecord | Quarantined:
    excerpt = body[:200].decode("utf-8", "replace")
    origin = replace(origin, raw=bytes(body))  # kept as evidence whether the line becomes an ad or not
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as e:
        return Quarantined(origin, f"undecodable bytes at byte {offset + e.start} (not {encoding})", excerpt)
    except LookupError:
        return Quarantined(origin, f"unknown encoding {encoding!r}", excerpt)
    try:
        fields = orjson.loads(text)
    except orjson.JSONDecodeError as e:
        return Quarantined(origin, f"bad JSON: {e}", excerpt)
    if not isinstance(fields, dict):
        return Quarantined(origin, f"expected a JSON object, got {type(fields).__name__}", excerpt)
    return RawRecord(fields, hashlib.sha256(body).hexdigest(), origin)
