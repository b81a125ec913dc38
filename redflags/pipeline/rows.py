"""Flat rows of what the pipeline produces, in the store's column order: the one place that turns an Ad and
its Analysis into table rows, used by the embedded store and by the Spark engine's Parquet output alike."""
from __future__ import annotations

from typing import Iterable

import orjson

from redflags.model import Ad, Analysis

AD_COLUMNS = ("id", "source", "url", "title", "text", "posted_at", "captured_at", "location",
              "language", "images", "meta", "content_sha256", "raw_sha256")
IDENTIFIER_COLUMNS = ("ad_id", "kind", "value", "start", "end", "obfuscated", "detail")
HIT_COLUMNS = ("ad_id", "indicator", "category", "start", "end", "text", "weight", "language")
SCORE_COLUMNS = ("ad_id", "value", "level", "base", "contributions", "pack_version", "ad_type", "language")


def ad_row(ad: Ad) -> tuple:
    return (ad.id, ad.source, ad.url, ad.title, ad.text, ad.posted_at, ad.captured_at, ad.location,
            ad.language, orjson.dumps(list(ad.images)).decode(), orjson.dumps(dict(ad.meta)).decode(),
            ad.content_sha256, ad.raw_sha256)


def ad_from_row(row) -> Ad:
    """The Ad back from a row (mapping or sequence in AD_COLUMNS order)."""
    get = (lambda k: row[k]) if hasattr(row, "keys") else dict(zip(AD_COLUMNS, row)).__getitem__
    return Ad(id=get("id"), source=get("source"), url=get("url"), title=get("title"), text=get("text"),
              posted_at=get("posted_at"), captured_at=get("captured_at"), location=get("location"),
              language=get("language"), images=tuple(orjson.loads(get("images"))), meta=orjson.loads(get("meta")),
              content_sha256=get("content_sha256"), raw_sha256=get("raw_sha256"))


def identifier_rows(ad: Ad, a: Analysis) -> Iterable[tuple]:
    return ((ad.id, i.kind, i.value, i.start, i.end, int(i.obfuscated),
             orjson.dumps(i.detail).decode() if i.detail else None) for i in a.identifiers)


def hit_rows(ad: Ad, a: Analysis) -> Iterable[tuple]:
    return ((ad.id, h.indicator, h.category, h.start, h.end, h.text, h.weight, h.language) for h in a.hits)


def score_rows(ad: Ad, a: Analysis) -> Iterable[tuple]:
    if a.score is None:
        return ()
    contributions = orjson.dumps([{"source": c.source, "amount": c.amount, "reason": c.reason}
                                  for c in a.score.contributions]).decode()
    return ((ad.id, a.score.value, a.score.level, a.score.base, contributions, a.score.pack_version,
             a.ad_type or "other", a.language),)
