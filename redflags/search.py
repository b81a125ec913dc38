"""Search ads by words (full text) and by identifiers written in any form."""
from __future__ import annotations

import re
from dataclasses import dataclass

from redflags.extract import query_values
from redflags.model import Ad
from redflags.store import Store

_WORD = re.compile(r"\w+", re.UNICODE)
_THAI_RUN = re.compile(r"[\u0e01-\u0e5b]{3,}")


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One ad found, how it matched (`identifier` or `text`), and what to show for it."""

    ad: Ad
    matched: str
    detail: str


def fts_query(query: str) -> str | None:
    """Plain words → an FTS5 query that needs every word (prefix match on the last), immune to FTS syntax."""
    words = _WORD.findall(query)
    if not words:
        return None
    terms = [f'"{w}"' for w in words]
    terms[-1] += "*"
    return " ".join(terms)


def search(store: Store, query: str, *, region: str = "US", limit: int = 20) -> list[SearchResult]:
    """Identifier matches first (a phone typed any way finds the ad), then full-text matches."""
    results: list[SearchResult] = []
    seen: set[str] = set()
    for kind, value in query_values(query, region):
        for ad in store.ads_with_identifier(kind, value, limit=limit):
            if ad.id not in seen:
                seen.add(ad.id)
                results.append(SearchResult(ad, "identifier", f"{kind} {value}"))
    for run in _THAI_RUN.findall(query):  # Thai words sit inside unspaced runs: match substrings
        for ad, snippet in store.substring_search(run, limit=limit):
            if ad.id not in seen and len(results) < limit:
                seen.add(ad.id)
                results.append(SearchResult(ad, "text", snippet))
    fts = fts_query(query)
    if fts and len(results) < limit:
        for ad, snippet in store.fulltext(fts, limit=limit):
            if ad.id not in seen and len(results) < limit:
                seen.add(ad.id)
                results.append(SearchResult(ad, "text", snippet))
    return results[:limit]

