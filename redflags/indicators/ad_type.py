"""Job offer, commercial-sex ad or something else, decided from the packs' cue words.

Each family file lists cue patterns per ad type and language (`ad_type_cues`). An ad is "escort" with at
least two escort cues and more escort than job cues, "job" with more job cues than escort cues, and
"other" otherwise (no cue, or a tie). Every indicator family applies to "other", so an ad whose type
is unclear is never scored with the wrong family alone.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from redflags.indicators.fold import fold
from redflags.indicators.matcher import compiled
from redflags.indicators.pack import Pack
from redflags.model import Hit


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
    if escort >= 2 and escort > job:
        return "escort"
    return "job" if job > escort else "other"


def resolve(ad_type: str, hits: Sequence[Hit], pack: Pack) -> tuple[str, list[Hit]]:
    """Settle an "other" ad by the families its hits come from; keep only hits that fit the result.

    When cue words could not tell (no cue, or a tie), the family with more distinct indicators firing
    decides ("escort" for commercial_sex, "job" for deceptive_recruitment); a tie stays "other"."""
    if ad_type != "other":
        return ad_type, list(hits)
    fired = {h.indicator for h in hits}
    per_type = {"job": 0, "escort": 0}
    for ind_id in fired:
        ind = pack.indicator(ind_id)
        for kind in per_type:
            if kind in ind.ad_types:
                per_type[kind] += 1
    if per_type["job"] == per_type["escort"]:
        return "other", list(hits)
    resolved = "job" if per_type["job"] > per_type["escort"] else "escort"
    return resolved, [h for h in hits if pack.indicator(h.indicator).applies_to(resolved)]
