"""Explainable risk indicators: text (+ identifiers) in, hits with spans, a scored report out.

`check(text)` is the jobseeker's checker: detects the language, decides the ad type, finds indicator
hits (negation-aware), scores them with the extracted identifiers and explains each in the reader's
language. `score_ad(ad)` is the pipeline form that returns plain records for the store. Both are pure.
"""
from __future__ import annotations

from typing import Sequence

from redflags.errors import InputError
from redflags.indicators.ad_type import classify, resolve
from redflags.indicators.language import SUPPORTED, detect
from redflags.indicators.matcher import find_hits
from redflags.indicators.pack import Pack, default_pack, load_pack
from redflags.indicators.report import Report, build_report, render_text
from redflags.indicators.score import score
from redflags.model import Ad, Hit, Identifier, Score

__all__ = ["check", "score_ad", "analyse", "Report", "render_text", "load_pack", "default_pack", "SUPPORTED"]


def _identifiers(text: str, identifiers: Sequence[Identifier] | None, *, url: str | None = None,
                 location: str | None = None) -> Sequence[Identifier]:
    if identifiers is not None:
        return identifiers
    from redflags.extract import extract
    return extract(text, url=url, location=location)


def analyse(text: str, lang: str | None = None, identifiers: Sequence[Identifier] | None = None, *,
            pack: Pack | None = None, url: str | None = None, location: str | None = None
            ) -> tuple[list[Hit], Score, str | None, str, Sequence[Identifier]]:
    """(hits, score, detected language, ad type, identifiers) for one text; `lang` adds a language to match."""
    if not isinstance(text, str):
        raise InputError(f"text must be a string, not {type(text).__name__}")
    pack = pack or default_pack()
    if lang is not None and lang not in pack.languages:
        raise InputError(f"unsupported language {lang!r}; supported: {', '.join(pack.languages)}")
    detected = detect(text)
    languages = [x for x in (detected, lang, "en") if x]
    ad_type, hits = resolve(cue_type := classify(text, languages, pack),
                            find_hits(text, languages, cue_type, pack), pack)
    ids = _identifiers(text, identifiers, url=url, location=location)
    return hits, score(hits, ids, ad_type, pack, text), detected, ad_type, ids


def check(text: str, lang: str | None = None, identifiers: Sequence[Identifier] | None = None, *,
          pack: Pack | None = None) -> Report:
    """The check report for `text`, written in `lang` (default: the ad's own language, else English)."""
    pack = pack or default_pack()
    hits, sc, detected, ad_type, ids = analyse(text, lang, identifiers, pack=pack)
    language = lang or (detected if detected in pack.ui else "en")
    return build_report(text, hits, sc, ids, language, detected, ad_type, pack)


def score_ad(ad: Ad, identifiers: Sequence[Identifier] | None = None, *, pack: Pack | None = None
             ) -> tuple[list[Hit], Score, str | None, str]:
    """(hits, score, language, ad type) for a stored ad; spans index `ad.text`.

    Uses `ad.language` as an extra matching language when the source gave one; extracts identifiers
    itself when none are passed."""
    lang = ad.language if ad.language in (pack or default_pack()).languages else None
    hits, sc, detected, ad_type, _ids = analyse(ad.text, lang, identifiers, pack=pack, url=ad.url,
                                                location=ad.location)
    return hits, sc, detected or lang, ad_type
