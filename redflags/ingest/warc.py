"""Read WARC / WARC.GZ web captures with warcio: each HTML response becomes an ad."""
from __future__ import annotations

import hashlib
from dataclasses import replace
import zlib
from pathlib import Path
from typing import Callable, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from redflags.errors import InputError
from redflags.ingest.html_page import page_fields
from redflags.ingest.record import RawRecord
from redflags.model import Origin, Quarantined

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, file_sha256: str, progress: Callable[[int], None] = lambda _: None,
              **_: object) -> Iterator[RawRecord | Quarantined]:
    """Yield a RawRecord per successful HTML response; unreadable records are quarantined by offset.

    The WARC record id and digests travel in the ad's metadata for the evidence chain.
    """
    size = path.stat().st_size
    with path.open("rb") as f:
        records = ArchiveIterator(f)
        end = 0  # where the last complete record ended
        try:
            for record in records:
                # Read the payload before asking for the offset: warcio's offset query consumes the stream.
                payload = record.content_stream().read() if _is_html_response(record) else None
                offset = records.get_record_offset()
                if payload is not None:
                    yield _record(record, payload, Origin(str(path), file_sha256, f"offset {offset}"))
                end = offset + records.get_record_length()
                progress(f.tell())
        except (ArchiveLoadFailed, EOFError, zlib.error, ValueError) as e:
            yield Quarantined(Origin(str(path), file_sha256, f"offset {end}"),
                              f"unreadable WARC record, rest of file skipped: {e}")
            return
    if size - end > 4:  # more than the CRLFs that close the last record: warcio stopped early
        yield Quarantined(Origin(str(path), file_sha256, f"offset {end}"),
                          f"unreadable WARC record, rest of file skipped: {size - end} bytes after the last "
                          "complete record (truncated or corrupt file)")


def _is_html_response(record) -> bool:
    if record.rec_type not in ("response", "resource"):
        return False
    if record.rec_type == "response":
        if record.http_headers is None:
            return False
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return False
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    return ctype.split(";")[0].strip().lower() in _HTML_TYPES


def _record(record, payload: bytes, origin: Origin) -> RawRecord | Quarantined:
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    try:
        fields = page_fields(payload, url=url)
    except InputError as e:
        return Quarantined(origin, f"{url}: {e.reason}", payload[:200].decode("utf-8", "replace"))
    fields["captured_at"] = headers.get_header("WARC-Date")
    fields["warc"] = {
        "file": Path(origin.file).name,
        "offset": int(origin.locator.split()[1]),
        "record_id": headers.get_header("WARC-Record-ID"),
        "payload_digest": headers.get_header("WARC-Payload-Digest"),
        "block_digest": headers.get_header("WARC-Block-Digest"),
    }
    return RawRecord(fields, hashlib.sha256(payload).hexdigest(), replace(origin, raw=bytes(payload)))
