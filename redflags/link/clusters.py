"""Union of the link types into networks: pure functions from evidence to cluster memberships.

Evidence is what the stored features yield for every ad (indexed 0..n-1 in store order): near-duplicate
text pairs with their estimated Jaccard, and *keys* (shared identifiers and image groups) with the ads that
hold them. Clusters are the connected components of the graph whose edges are the near-duplicate pairs at
or above the text threshold and the keys that are not hubs (`identifier_graph.py`). A cluster's id is
`C` + the store sequence number of its earliest ad, so it stays the same when later ads join it, and batch
and incremental linking name clusters identically.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from redflags.link.config import LinkConfig
from redflags.link.identifier_graph import HubVerdict, judge_hubs, rare_keys
from redflags.link.union_find import UnionFind, components

LINK_TYPES = ("identifier", "near_duplicate", "image")


@dataclass
class Evidence:
    """Every ad's links, as index arrays over the ads in store order."""

    seqs: np.ndarray                                   # store sequence number of each ad
    text_a: np.ndarray                                 # near-duplicate pairs (indices) ...
    text_b: np.ndarray
    text_sim: np.ndarray                               # ... and their estimated Jaccard
    keys: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)  # (kind, value) -> ad indices

    def key_type(self, key: tuple[str, str]) -> str:
        return "image" if key[0] == "image" else "identifier"


@dataclass
class Clustering:
    """Cluster members (indices), the hub verdicts behind them, and the settings used."""

    groups: list[np.ndarray]
    hubs: list[HubVerdict]
    config: LinkConfig

    def labels(self, n: int) -> np.ndarray:
        """Cluster label per ad; ads in no cluster get their own label (n + index)."""
        out = np.arange(n, 2 * n, dtype=np.int64)
        for label, g in enumerate(self.groups):
            out[g] = label
        return out


def cluster(evidence: Evidence, config: LinkConfig, types: tuple[str, ...] = LINK_TYPES) -> Clustering:
    """Clusters from the chosen link types (all by default); hubs are judged on all evidence."""
    n = len(evidence.seqs)
    context = UnionFind(n)
    ok = evidence.text_sim >= config.text_threshold
    text_a, text_b = evidence.text_a[ok], evidence.text_b[ok]
    context.union_pairs(text_a, text_b)
    for g in rare_keys(evidence.keys, config.hub_min_ads):
        context.union_group(g)
    verdicts = judge_hubs(evidence.keys, context.labels(), config.hub_min_ads, config.hub_min_ratio)
    hubs = {(v.kind, v.value) for v in verdicts if v.is_hub}
    final = UnionFind(n)
    if "near_duplicate" in types:
        final.union_pairs(text_a, text_b)
    for key, g in evidence.keys.items():
        if len(g) >= 2 and key not in hubs and evidence.key_type(key) in types:
            final.union_group(g)
    return Clustering(components(final.labels()), verdicts, config)


def cluster_ids(evidence: Evidence, clustering: Clustering) -> list[str]:
    """`C<seq of earliest member>` for each group."""
    return [f"C{int(evidence.seqs[g[0]])}" for g in clustering.groups]
