"""Read saved HTML pages: each file is one ad."""
from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterator

from redflags.errors import InputError
from redflags.ingest.files import open_binary
from redflags.ingest.html_page import page_fields
from redflags.ingest.record import RawRecord
from redflags.model import Origin, Quarantined


def read_html(path: Path, file_sha256: str, progress: Callable[[int], None] = lambda _: None,
              **_: object) -> Iterator[RawRecord | Quarantined]:
    """One RawRecord for the page, or a Quarantined saying why it holds no usable ad."""
    origin = Origin(str(path), file_sha256, "file")
    with open_binary(path) as f:
        data = f.read()
    try:
        fields = page_fields(data)
    except InputError as e:
        yield Quarantined(replace(origin, raw=bytes(data)), e.reason, data[:200].decode("utf-8", "replace"))
    else:
        yield RawRecord(fields, hashlib.sha256(data).hexdigest(), replace(origin, raw=bytes(data)))
    progress(path.stat().st_size)
