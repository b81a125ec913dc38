"""The per-ad pipeline step: extract identifiers, then detect language and type and score indicators.

Pure functions of plain values, so ingest, re-scoring, the API and a Spark partition all call the same code.
"""
from __future__ import annotations

from typing import Sequence

from redflags.extract import extract
from redflags.indicators import default_pack, score_ad
from redflags.indicators.pack import Pack
from redflags.model import Ad, Analysis, Identifier


def analyse_ad(ad: Ad, region: str = "US", pack: Pack | None = None) -> Analysis:
    """Identifiers, hits, score, ad type and language for one ad, as captured."""
    identifiers = tuple(extract(ad.text, region, url=ad.url, location=ad.location))
    return rescore_ad(ad, identifiers, pack)


def rescore_ad(ad: Ad, identifiers: Sequence[Identifier], pack: Pack | None = None) -> Analysis:
    """Hits and score from already-extracted identifiers (what `redflags rescore` runs after a pack change)."""
    hits, score, language, ad_type = score_ad(ad, identifiers, pack=pack or default_pack())
    return Analysis(identifiers=tuple(identifiers), hits=tuple(hits), score=score, ad_type=ad_type,
                    language=ad.language or language)
