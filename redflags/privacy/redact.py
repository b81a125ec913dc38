"""Redaction: phone numbers, e-mails and messaging handles masked, images withheld.

Masks keep the masked text's length ("•" per character), so every span computed on the original text
(highlights, indicator hits) stays valid on the redacted one. Identifier values are replaced by a
pseudonym (kind and a short keyed hash), so a viewer still sees that two ads share a number without
seeing the number. `scrub` is the backstop for everything else a page shows (titles, template text,
link reasons): it runs extraction over every string and masks what it finds.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from redflags.privacy.keyed import keyed_hash

MASKED_KINDS = ("phone", "email", "handle")
MASK = "•"
IMAGE_KEYS = frozenset({"images"})
# Backstop for numbers read out of context (a template slot, a link reason) where the region that would
# make them valid phones is unknown: any run of 7+ digits with phone punctuation, except ISO dates.
_DIGIT_RUN = re.compile(r"(?<!\w)\+?\(?\d[\d \t().\-/]{5,}\d(?!\w)")
# and any "@name" (a handle whose platform cue extraction did not recognise, e.g. Cyrillic "ТГ: @name").
_AT_NAME = re.compile(r"(?<![\w.@])@[A-Za-z0-9_][A-Za-z0-9_.]{2,}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}")


def mask_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` with every character inside the spans replaced by the mask (same length)."""
    chars = list(text)
    for start, end in spans:
        for i in range(max(start, 0), min(end, len(chars))):
            if not chars[i].isspace():
                chars[i] = MASK
    return "".join(chars)


def redact_text(text: str, region: str = "US") -> str:
    """`text` with the phones, e-mails and handles that extraction finds in it masked."""
    if not text:
        return text
    from redflags.extract import extract

    spans = [(i.start, i.end) for i in extract(text, region, kinds=MASKED_KINDS)]
    spans += [m.span() for m in _DIGIT_RUN.finditer(text)
              if sum(c.isdigit() for c in m.group()) >= 7 and not _DATE.fullmatch(m.group().strip())]
    spans += [m.span() for m in _AT_NAME.finditer(text)]
    return mask_spans(text, spans) if spans else text


def pseudonym(key: bytes, kind: str, value: str) -> str:
    """What a viewer sees instead of an identifier: "phone#3f9a0c1e2b"."""
    return f"{kind}#{keyed_hash(key, kind, value)[:10]}"


# Keys whose strings are record ids, hashes and dates, never contact details: left as they are (ids of
# digits alone would otherwise look like phone numbers), except "kind:value" keys, which are pseudonymised.
SAFE_KEYS = frozenset({
    "id", "ad_id", "a", "b", "source", "target", "cluster_id", "ref", "sha256", "raw_sha256", "content_sha256",
    "template_sample", "posted_at", "captured_at", "created_at", "updated_at", "first_posted", "last_posted",
    "at", "added_at", "exported_at"})
_KEYED_VALUE = re.compile(r"^(id:)?(" + "|".join(MASKED_KINDS) + r"):(.+)$", re.S)


def _scrub_str(text: str, key: bytes, region: str, safe: bool) -> str:
    m = _KEYED_VALUE.match(text)
    if m:  # "phone:+1415…" in link reasons, "id:phone:…" graph node ids
        return (m.group(1) or "") + pseudonym(key, m.group(2), m.group(3))
    return text if safe else redact_text(text, region)


def scrub(data: Any, key: bytes, region: str = "US", _safe: bool = False) -> Any:
    """A deep copy of `data` (JSON-like) with every string redacted, identifier values pseudonymised and
    image references withheld."""
    if isinstance(data, str):
        return _scrub_str(data, key, region, _safe)
    if isinstance(data, list):
        return [scrub(v, key, region, _safe) for v in data]
    if isinstance(data, dict):
        out = {}
        for k, v in data.items():
            if k in IMAGE_KEYS and isinstance(v, list):
                out[k] = []
                out["images_withheld"] = len(v)
            elif k == "value" and isinstance(v, str) and data.get("kind") in MASKED_KINDS:
                out[k] = pseudonym(key, data["kind"], v)
            else:
                out[k] = scrub(v, key, region, k in SAFE_KEYS)
        return out
    return data


def redact_ad_detail(data: dict[str, Any], key: bytes, region: str = "US") -> dict[str, Any]:
    """An `ad_detail` view for the viewer role: identifier spans masked in the text (and in the
    highlighted segments), values pseudonymised, images withheld, everything else scrubbed."""
    spans = [tuple(i["span"]) for i in data.get("identifiers", []) if i["kind"] in MASKED_KINDS]
    text = mask_spans(data["text"], spans)
    out = scrub({k: v for k, v in data.items() if k not in ("text", "segments")}, key, region)
    out["text"] = redact_text(text, region)
    out["segments"] = [{"text": out["text"][a:a + len(s["text"])], "marks": s["marks"]}
                       for a, s in zip(_offsets(data.get("segments", [])), data.get("segments", []))]
    out["redacted"] = True
    return out


def _offsets(segments: list[dict[str, Any]]) -> list[int]:
    pos, out = 0, []
    for s in segments:
        out.append(pos)
        pos += len(s["text"])
    return out
