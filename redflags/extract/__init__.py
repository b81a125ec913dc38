"""Identifier extraction: text in, identifiers with normalised values and original-text spans out.

`extract` runs every kind (phone, email, wallet, handle, url, price, age) over one text; `extract_record`
does it for one JSONL record (the `redflags extract` line format); `query_values` turns whatever a user
types into a search box into the (kind, value) pairs to look up. All pure: no I/O, no global state
beyond read-only word lists.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Collection, Iterable, Mapping

from redflags.errors import InputError
from redflags.extract.age import extract_ages
from redflags.extract.email import extract_emails
from redflags.extract.handle import bare_handle_values, extract_handles
from redflags.extract.normalize import fold
from redflags.extract.phone import extract_phones
from redflags.extract.price import extract_prices
from redflags.extract.regions import region_chain, region_for, valid_region
from redflags.extract.url import extract_urls
from redflags.extract.wallet import extract_wallets
from redflags.model import IDENTIFIER_KINDS, Identifier

__all__ = ["extract", "extract_record", "query_values", "region_for", "region_chain"]

_PHONE_URL_PLATFORMS = ("wa.me", "api.whatsapp.com")
_ALL_KINDS = frozenset(IDENTIFIER_KINDS)
_NUMERIC = frozenset({"phone", "price", "age"})  # kinds read from digit runs and numbers
_NEEDS_EMAILS = frozenset({"email", "url", "handle"})


@lru_cache(maxsize=4096)
def _chain(record_region: str | None, url: str | None, location: str | None, region: str) -> tuple[str, ...]:
    """The region chain for these hints (pure, and the same few hints recur across many ads)."""
    return tuple(region_chain(None, record_region, url, location, region) or ["US"])


def _overlaps(item: Identifier, spans: Iterable[Identifier]) -> bool:
    return any(o.start < item.end and o.end > item.start for o in spans)


def extract(text: str, region: str = "US", *, url: str | None = None, location: str | None = None,
            kinds: Collection[str] | None = None, record_region: str | None = None,
            lenient: bool = False) -> list[Identifier]:
    """Identifiers in `text`, sorted by start offset.

    National phone numbers are read in the text's own region (from any "+CC" number in it), then
    `record_region`, then the region of `url`'s ccTLD, then country/city names in `location`, then
    `region` (the default). `kinds` limits what is returned; `lenient` (for search queries) also
    accepts a country code written without "+" anywhere."""
    if not isinstance(text, str):
        raise InputError(f"text must be a string, not {type(text).__name__}")
    if kinds:
        wanted = frozenset(kinds)
        unknown = wanted - _ALL_KINDS
        if unknown:
            raise InputError(f"unknown identifier kind(s): {', '.join(sorted(unknown))}")
    else:
        wanted = _ALL_KINDS
    folded = fold(text)
    try:
        chain = _chain(record_region, url, location, region)
    except TypeError:  # an unhashable hint: not cacheable, compute it directly
        chain = region_chain(None, record_region, url, location, region) or ["US"]
    phoneish = not wanted.isdisjoint(_NUMERIC)
    emails = extract_emails(folded) if phoneish or not wanted.isdisjoint(_NEEDS_EMAILS) else []
    urls = extract_urls(folded) if phoneish or "url" in wanted else []
    if emails and urls:
        urls = [u for u in urls if not _overlaps(u, emails)]
    wallets = extract_wallets(folded) if phoneish or "wallet" in wanted else []
    handles = extract_handles(folded) if phoneish or "handle" in wanted else []
    found: list[Identifier] = []
    found += emails + urls + wallets
    if handles:
        found += [h for h in handles if h.kind == "handle" and not _overlaps(h, emails)]
    phones: list[Identifier] = []
    phone_digits: list[tuple[int, int]] = []  # folded spans of the kept phones' digits
    if phoneish:  # prices and ages never take a phone's digits
        blockers = emails + wallets + [u for u in urls if not u.value.startswith(_PHONE_URL_PLATFORMS)]
        digit_spans: list[tuple[int, int]] = []
        phones = extract_phones(folded, chain, lenient=lenient, spans=digit_spans)
        link_phones = [h for h in handles if h.kind == "phone"]
        if blockers or link_phones:
            kept = [(p, span) for p, span in zip(phones, digit_spans) if not _overlaps(p, blockers)
                    and not any(p.value == h.value and _overlaps(p, [h]) for h in link_phones)]
            phones = [p for p, _ in kept]
            phone_digits = [span for p, span in kept]
            phones += link_phones
        else:
            phone_digits = digit_spans
        found += phones
    if "price" in wanted:
        prices = extract_prices(folded, chain[0], skip=phone_digits)
        found += [p for p in prices if not _overlaps(p, phones)] if phones else prices
    if "age" in wanted:
        ages = extract_ages(folded)
        found += [a for a in ages if not _overlaps(a, phones)] if phones else ages
    if wanted is not _ALL_KINDS:
        found = [i for i in found if i.kind in wanted]
    found.sort(key=lambda i: (i.start, i.end, i.kind))
    return found


def _check_record(record: Any) -> tuple[Any, str, str | None, str | None, str | None]:
    """Validate one input record; raise InputError naming what is wrong."""
    if not isinstance(record, Mapping):
        raise InputError(f"record must be a JSON object, not {type(record).__name__}")
    if "id" not in record or record["id"] is None or isinstance(record["id"], (dict, list)):
        raise InputError("record has no usable 'id'")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError("record 'text' is missing or not a string")
    region = record.get("region")
    if region not in (None, "") and valid_region(region) is None:
        raise InputError(f"unknown region {region!r} (expected an ISO 3166 code such as 'GB')")
    url, location = record.get("url"), record.get("location")
    for name, value in (("url", url), ("location", location)):
        if value is not None and not isinstance(value, str):
            raise InputError(f"record '{name}' must be a string")
    return record["id"], text, region or None, url, location


def extract_record(record: Mapping[str, Any], default_region: str = "US") -> dict[str, Any]:
    """`{"id", "identifiers": [{"kind", "value", "start", "end", "spans", "obfuscated"}, ...]}` for one
    record; each distinct (kind, value) once, at its first occurrence, with every occurrence in `spans`."""
    rid, text, region, url, location = _check_record(record)
    ids = extract(text, default_region, url=url, location=location, record_region=region)
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for i in ids:
        entry = merged.get((i.kind, i.value))
        if entry is None:
            merged[(i.kind, i.value)] = {"kind": i.kind, "value": i.value, "start": i.start, "end": i.end,
                                         "spans": [[i.start, i.end]], "obfuscated": i.obfuscated}
        else:
            entry["spans"].append([i.start, i.end])
            entry["obfuscated"] = entry["obfuscated"] or i.obfuscated
    return {"id": rid, "identifiers": list(merged.values())}


def query_values(query: str, region: str = "US") -> list[tuple[str, str]]:
    """(kind, normalised value) pairs to look up for a search-box query, however it was written:
    "(415) 555-0132", "four one five ...", "Name AT Gmail dot com", a wallet, "t.me/name",
    "instagram:name", or a bare "@name" (looked up on every platform)."""
    q = query.strip()
    pairs: list[tuple[str, str]] = []
    for i in extract(q, region, lenient=True):
        pairs.append((i.kind, i.value))
    pairs += bare_handle_values(q)
    return list(dict.fromkeys(pairs))
