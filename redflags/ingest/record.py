"""Turn one source record (a dict of fields) into an `Ad`, or say exactly what is wrong with it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Mapping

from redflags.errors import InputError
from redflags.model import Ad, Origin, content_digest, derive_ad_id

TEXT_FIELDS = ("url", "title", "location", "language", "source")
DATE_FIELDS = ("posted_at", "captured_at")
KNOWN_FIELDS = frozenset(("id", "text", "images", *TEXT_FIELDS, *DATE_FIELDS))


@dataclass(frozen=True, slots=True)
class RawRecord:
    """A record as a reader found it: its fields, the digest of its raw bytes, and where it was."""

    fields: Mapping[str, Any]
    raw_sha256: str
    origin: Origin


def _text_value(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise InputError(f"field {name!r} must be text, got {type(value).__name__}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InputError(f"field {name!r} holds undecodable characters (position {e.start})") from e
    value = value.strip()
    return value or None


def normalise_time(value: Any) -> str | None:
    """ISO-8601 for dates and times given as ISO strings or Unix seconds; None when unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, tz=timezone.utc).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    s = value.strip()
    try:
        if len(s) == 10:
            return date.fromisoformat(s).isoformat()
        return datetime.fromisoformat(s).isoformat()
    except ValueError:
        return None


def _images(value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        value = value.replace(";", " ").replace("|", " ").split()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError("field 'images' must be a list of image references")
    return tuple(v.strip() for v in value if v.strip())


def build_ad(fields: Mapping[str, Any], *, source: str | None = None, default_source: str = "unknown",
             raw_sha256: str | None = None) -> Ad:
    """Validate and normalise a record's fields into an Ad; unknown fields are kept in `meta`.

    The ad's source is `source` when the caller names one, else the record's own `source` field,
    else `default_source` (the input file's name).
    """
    text = fields.get("text")
    if text is None or (isinstance(text, str) and not text.strip()):
        raise InputError("missing text")
    text = _text_value("text", text)
    values = {name: _text_value(name, fields.get(name)) for name in TEXT_FIELDS}
    meta = {k: v for k, v in fields.items() if k not in KNOWN_FIELDS}
    times = {}
    for name in DATE_FIELDS:
        times[name] = normalise_time(fields.get(name))
        if times[name] is None and fields.get(name) not in (None, ""):
            meta[f"{name}_raw"] = fields.get(name)
    src = source or values.pop("source") or default_source
    values.pop("source", None)
    digest = content_digest(values["title"], text, values["url"])
    raw_id = fields.get("id")
    ad_id = _text_value("id", raw_id) if raw_id is not None else None
    return Ad(id=ad_id or derive_ad_id(src, digest), source=src, text=text, title=values["title"],
              url=values["url"], posted_at=times["posted_at"], captured_at=times["captured_at"],
              location=values["location"], language=values["language"], images=_images(fields.get("images")),
              meta=meta, content_sha256=digest, raw_sha256=raw_sha256)
