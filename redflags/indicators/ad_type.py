"""Job offer, commercial-sex ad or something else, decided from the packs' cue words.

Each family file lists cue patterns per ad type and language (`ad_type_cues`). The ad type with the most
distinct cues matched wins; an escort ad needs at least two escort cues, or one and no job cue. With no
cue at all the ad is "other" (the checker then treats it as a job offer).
"""
from __future__ import annotations

from typing import Iterable

from redflags.indicators.fold import fold
from redflags.indicators.matcher import compiled
from redflags.indicators.pack import Pack


def cue_counts(text: str, languages: Iterable[str], pack: Pack) -> dict[str, int]:
    """Number of distinct cue patterns of each ad type found in `text`."""
    cp = compiled(pack)
    folded = fold(text)
    counts: dict[str, int] = {}
    for ad_type, per_lang in cp.cues.items():
        found: set[str] = set()
        for lang in dict.fromkeys(languages):
            regex = per_lang.get(lang)
            if regex is None:
                continue
            for m in regex.finditer(folded):
                found.add(f"{lang}:{m.lastindex}")
        counts[ad_type] = len(found)
    return counts


def classify(text: str, languages: Iterable[str], pack: Pack) -> str:
    """"job", "escort" or "other" for `text`."""
    counts = cue_counts(text, languages, pack)
    job, escort = counts.get("job", 0), counts.get("escort", 0)
    if escort >= 2 and escort > job or (escort >= 1 and job == 0):
        return "escort"
    return "job" if job else "other"
