"""Text ground truth holds: ads of one template are near-duplicates, different posters are not."""
from __future__ import annotations

import itertools
import re
from collections import defaultdict


def _shingles(text: str) -> set[str]:
    words = re.sub(r"\d+", "0", text.lower()).split()
    return {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b)


def test_templates_are_near_duplicates_and_posters_differ(corpus):
    by_template, singles = defaultdict(list), []
    for ad, t in corpus[:2500]:
        entry = (_shingles(ad["text"]), t["network"] or ad["id"], ad["language"])
        (by_template[t["template"]] if t["template"] else singles).append(entry)
    within = sorted(_jaccard(a[0], b[0]) for v in by_template.values() for a, b in itertools.combinations(v[:5], 2))
    assert within[len(within) // 2] > 0.7
    reps = [v[0] for v in by_template.values()] + singles
    by_lang = defaultdict(list)
    for entry in reps:
        by_lang[entry[2]].append(entry)
    cross = [
        _jaccard(a[0], b[0])
        for group in by_lang.values()
        for a, b in itertools.combinations(group, 2)
        if a[1] != b[1]
    ]
    cross.sort()
    assert cross[-1] < 0.65
    assert cross[int(len(cross) * 0.999)] < 0.45
