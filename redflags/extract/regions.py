"""Which country to read national phone numbers in: the text's own hint, then the record's region, then
its URL's country-code TLD, then country/city names in its location, then the default.

Country and city names are data (data/places.json), matched as whole words, case-insensitively.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable
from urllib.parse import urlsplit

import phonenumbers

from redflags.extract.wordlists import load

_SUPPORTED = frozenset(phonenumbers.SUPPORTED_REGIONS)


def valid_region(code: str | None) -> str | None:
    """Upper-cased ISO 3166 code if `phonenumbers` knows it, else None."""
    if not code or not isinstance(code, str):
        return None
    up = code.strip().upper()
    return up if up in _SUPPORTED else None


@lru_cache(maxsize=1)
def _places() -> tuple[re.Pattern[str], dict[str, str], dict[str, str], frozenset[str]]:
    data = load("places.json")
    names = {k.lower(): v for k, v in data["names"].items()}
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return (re.compile(rf"(?<![\w])(?:{alt})(?![\w])", re.I), names, data["cctld_aliases"],
            frozenset(data["generic_cctlds"]))


@lru_cache(maxsize=4096)
def url_region(url: str | None) -> str | None:
    """Region from a URL's country-code TLD (".co.uk" -> GB, ".ro" -> RO); None for generic TLDs."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return None
    tld = host.rstrip(".").rsplit(".", 1)[-1].lower()
    _, _, aliases, generic = _places()
    if tld in aliases:
        return aliases[tld]
    if len(tld) != 2 or tld in generic:
        return None
    return valid_region(tld)


@lru_cache(maxsize=4096)
def location_region(location: str | None) -> str | None:
    """Region from country or city names in free location text ("Bucharest, Romania" -> RO)."""
    if not location:
        return None
    exact = location.strip()
    if len(exact) == 2 and exact.isupper() and valid_region(exact):
        return exact
    pattern, names, _, _ = _places()
    found = [names[m.group().lower()] for m in pattern.finditer(location)]
    return found[-1] if found else None  # "Ikeja, Lagos, Nigeria": the broadest (last) place wins


def region_chain(text_region: str | None, record_region: str | None, url: str | None,
                 location: str | None, default: str) -> list[str]:
    """All usable regions in priority order, without repeats (national numbers are tried in each)."""
    candidates: Iterable[str | None] = (valid_region(text_region), valid_region(record_region),
                                        url_region(url), location_region(location), valid_region(default))
    return list(dict.fromkeys(c for c in candidates if c))


def region_for(text_region: str | None, record_region: str | None, url: str | None,
               location: str | None, default: str) -> str:
    """The single region national numbers are read in first (see module doc for the order)."""
    chain = region_chain(text_region, record_region, url, location, default)
    return chain[0] if chain else "US"
