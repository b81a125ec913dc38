"""Read CSV/TSV tables whose columns are mapped onto the ad fields."""
from __future__ import annotations

import csv
import hashlib
from dataclasses import replace
import io
import sys
from pathlib import Path
from typing import Callable, Iterator, Mapping

import orjson

from redflags.errors import InputError
from redflags.ingest.files import open_binary, raw_position
from redflags.ingest.record import RawRecord
from redflags.model import Origin, Quarantined

# Column names tried, in order, for each field when no --map names one (case-insensitive).
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "ad_id", "post_id"),
    "url": ("url", "link", "permalink"),
    "title": ("title", "headline", "subject"),
    "text": ("text", "body", "description", "content", "message"),
    "posted_at": ("posted_at", "posted", "date", "created_at", "timestamp"),
    "captured_at": ("captured_at", "crawled_at", "scraped_at"),
    "location": ("location", "city", "place", "region"),
    "language": ("language", "lang"),
    "images": ("images", "image", "image_urls", "photos"),
    "source": ("source", "site"),
}


def parse_mapping(spec: str | None) -> dict[str, str]:
    """`text=body,title=headline` → {"text": "body", "title": "headline"}; unknown fields are an error."""
    if not spec:
        return {}
    out = {}
    for part in spec.split(","):
        field, sep, column = part.partition("=")
        field, column = field.strip(), column.strip()
        if not sep or not field or not column:
            raise InputError(f"--map entry {part!r} must look like field=column")
        if field not in DEFAULT_COLUMNS:
            raise InputError(f"--map names unknown field {field!r}; fields are {', '.join(DEFAULT_COLUMNS)}")
        out[field] = column
    return out


def resolve_columns(header: list[str], mapping: Mapping[str, str], file: str) -> dict[str, int]:
    """Field → column index, from --map first and the default names otherwise."""
    lower = {name.strip().lower(): i for i, name in enumerate(header)}
    chosen: dict[str, int] = {}
    for field, candidates in DEFAULT_COLUMNS.items():
        if field in mapping:
            wanted = mapping[field].strip().lower()
            if wanted not in lower:
                raise InputError(f"--map {field}={mapping[field]}: no such column (columns: {', '.join(header)})",
                                 file=file)
            chosen[field] = lower[wanted]
            continue
        for name in candidates:
            if name in lower:
                chosen[field] = lower[name]
                break
    if "text" not in chosen:
        raise InputError(f"no text column; name one with --map text=COLUMN (columns: {', '.join(header)})", file=file)
    return chosen


def _delimiter(path: Path, sample: str) -> str:
    if ".tsv" in [s.lower() for s in path.suffixes]:
        return "\t"
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def read_csv(path: Path, file_sha256: str, progress: Callable[[int], None] = lambda _: None,
             encoding: str = "utf-8", mapping: Mapping[str, str] | None = None) -> Iterator[RawRecord | Quarantined]:
    """Yield a RawRecord per data row; rows with the wrong shape or bad bytes are quarantined."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with open_binary(path) as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, errors="surrogateescape", newline="")
        sample = text.read(65536)
        text.seek(0)
        reader = csv.reader(text, delimiter=_delimiter(path, sample), strict=True)
        header = next(reader, None)
        if header is None:
            return
        if header and header[0].startswith("\ufeff"):
            header[0] = header[0][1:]
        columns = resolve_columns(header, mapping or {}, str(path))
        yield from _rows(reader, header, columns, path, file_sha256, lambda: progress(raw_position(raw)))


def _rows(reader, header: list[str], columns: dict[str, int], path: Path, file_sha256: str,
          tick: Callable[[], None]) -> Iterator[RawRecord | Quarantined]:
    line = reader.line_num
    while True:
        origin = Origin(str(path), file_sha256, f"line {line + 1}")
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            yield Quarantined(origin, f"broken CSV row: {e}")
            line = reader.line_num
            continue
        line = reader.line_num
        tick()
        if not any(cell.strip() for cell in row):
            continue
        yield _record(row, header, columns, origin)


def _record(row: list[str], header: list[str], columns: dict[str, int], origin: Origin) -> RawRecord | Quarantined:
    excerpt = ",".join(row)[:200].encode("utf-8", "replace").decode("utf-8")
    if len(row) != len(header):
        return Quarantined(origin, f"row has {len(row)} fields, header has {len(header)}", excerpt)
    for i, cell in enumerate(row):
        try:
            cell.encode("utf-8")  # surrogateescape left bad bytes as lone surrogates, which cannot encode
        except UnicodeEncodeError:
            return Quarantined(origin, f"undecodable bytes in column {header[i]!r}", excerpt)
    fields: dict[str, object] = {field: row[i] for field, i in columns.items()}
    mapped = set(columns.values())
    fields.update({name: row[i] for i, name in enumerate(header) if i not in mapped and row[i] != ""})
    raw = orjson.dumps(row)
    return RawRecord(fields, hashlib.sha256(raw).hexdigest(), replace(origin, raw=bytes(raw)))
