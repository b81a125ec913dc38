"""Input files: format detection, directory expansion, whole-file digests, transparent gzip."""
from __future__ import annotations

import gzip
import hashlib
from pathlib import Path
from typing import BinaryIO

from redflags.errors import InputError

FORMATS = ("jsonl", "csv", "html", "warc")
_SUFFIXES = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".warc": "warc",
}


def detect_format(path: Path) -> str | None:
    """The reader for a file, from its name: `ads.jsonl.gz` → jsonl, `crawl.warc.gz` → warc."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return _SUFFIXES.get(suffixes[-1]) if suffixes else None


def expand(paths: list[str], fmt: str | None = None) -> list[tuple[Path, str]]:
    """Every input file with its format; folders contribute their supported files, sorted.

    Checks everything before anything is read, so a typo fails the run before it stores anything.
    """
    out: list[tuple[Path, str]] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and (fmt or detect_format(p)))
            if not found:
                raise InputError(f"folder holds no files in a supported format ({', '.join(FORMATS)})", file=given)
            out.extend((p, fmt or detect_format(p)) for p in found)
        elif path.is_file():
            kind = fmt or detect_format(path)
            if kind is None:
                raise InputError(f"cannot tell the format from the name; use --format ({', '.join(FORMATS)})",
                                 file=given)
            out.append((path, kind))
        else:
            raise InputError("no such file or folder", file=given)
    return out


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def open_binary(path: Path) -> BinaryIO:
    """Open for reading bytes, decompressing `.gz` transparently."""
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def raw_position(stream: BinaryIO) -> int:
    """Bytes consumed from the file on disk (compressed bytes for gzip), for progress bars."""
    inner = getattr(stream, "fileobj", None)
    return (inner or stream).tell()
