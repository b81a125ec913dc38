"""Ads linked by a shared normalised identifier, and the hub rule that stops shared infrastructure merging.

Keys are `(kind, value)` pairs: phone (E.164), e-mail, wallet, handle as normalised by `redflags.extract`,
and `image` groups of perceptually equal pictures (see `images.py`). Every ad holding a key is linked to the
others holding it.

**Hub rule.** A site's help-desk number, a platform's e-mail or an agency line printed under many
unrelated ads would merge them all into one "network". So for every key held by at least `hub_min_ads`
ads, we count the *contexts* its ads fall into: the connected groups those ads form through all the other
evidence (near-duplicate text, images, and keys held by fewer than `hub_min_ads` ads), leaving the
frequent keys out. An operator's phone sits on ads that also share its template text, images or other
rare identifiers, so its ads fall into few contexts; a help-desk line sits on ads that have nothing else
in common, so nearly every ad is its own context. A key is a **hub** when contexts / ads ≥
`hub_min_ratio`. Hubs are kept and shown as evidence, but do not merge clusters. The rule's inputs (ads,
contexts, ratio) are stored with each hub so the decision is explained as data.

Known limit: an operator who writes every ad afresh and reuses a single identifier with nothing else
shared looks like a hub; `hub_min_ratio` trades that against merging through shared infrastructure.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import numpy as np

LINK_KINDS = ("phone", "email", "wallet", "handle")


@dataclass(frozen=True, slots=True)
class HubVerdict:
    """Why a key is (or is not) a hub: how many ads hold it and how many unrelated groups they form."""

    kind: str
    value: str
    ads: int
    contexts: int
    is_hub: bool

    @property
    def ratio(self) -> float:
        return self.contexts / self.ads if self.ads else 0.0

    def reason(self, min_ratio: float) -> str:
        verb = "is a hub" if self.is_hub else "is not a hub"
        cmp = "≥" if self.is_hub else "<"
        return (f"{self.kind} {self.value} {verb}: held by {self.ads} ads that form {self.contexts} otherwise "
                f"unconnected groups (ratio {self.ratio:.2f} {cmp} {min_ratio:.2f})")


def group_keys(rows: Iterable[tuple[int, str, str]]) -> dict[tuple[str, str], np.ndarray]:
    """(ad index, kind, value) rows → ad indices holding each key (sorted, distinct)."""
    acc: dict[tuple[str, str], list[int]] = {}
    for ad, kind, value in rows:
        acc.setdefault((kind, value), []).append(ad)
    return {k: np.unique(np.asarray(v, dtype=np.int64)) for k, v in acc.items()}


def rare_keys(groups: dict[tuple[str, str], np.ndarray], min_ads: int) -> Iterable[np.ndarray]:
    """Ad groups of keys held by 2..min_ads-1 ads: never hub candidates, always links."""
    return (g for g in groups.values() if 2 <= len(g) < min_ads)


def judge_hubs(groups: dict[tuple[str, str], np.ndarray], context: np.ndarray, min_ads: int,
               min_ratio: float) -> list[HubVerdict]:
    """Verdicts for every key held by ≥ min_ads ads; `context[i]` is ad i's group without frequent keys."""
    out = []
    for (kind, value), ads in groups.items():
        if len(ads) < min_ads:
            continue
        contexts = len(np.unique(context[ads]))
        out.append(HubVerdict(kind, value, len(ads), contexts, contexts / len(ads) >= min_ratio))
    out.sort(key=lambda v: (-v.ads, v.kind, v.value))
    return out
