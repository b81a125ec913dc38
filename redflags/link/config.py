"""Linking settings. Those that change stored features are part of `feature_version`; a change there makes
the next `redflags link` start over. The others (text threshold, image distance, hub rule) are applied when
clusters are formed, on every run, so changing them needs no recomputation.

Defaults were chosen on the demo corpus with seed 1 (`python bench/linking.py --tune --seed 1`) and are
reported on seed 2; see docs/linking.md.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass

from redflags.errors import ConfigError


@dataclass(frozen=True, slots=True)
class LinkConfig:
    # text features (stored): shingles of 4 masked words, 128 MinHash values, 16 LSH bands of 4
    shingle_size: int = 4
    num_perm: int = 128
    bands: int = 16
    rows: int = 4
    minhash_seed: int = 1
    min_shingles: int = 5          # ads with fewer distinct shingles do not take part in text linking
    store_floor: float = 0.3       # candidate pairs at or above this estimate are stored, with it
    # applied at clustering time
    text_threshold: float = 0.55   # estimated Jaccard for a near-duplicate link
    image_max_distance: int = 31   # PDQ Hamming distance for "same picture"
    image_min_quality: int = 0     # PDQ quality below this: not used
    hub_min_ads: int = 12          # keys on fewer ads are never hubs
    hub_min_ratio: float = 0.5     # contexts / ads at or above this: hub

    def __post_init__(self) -> None:
        if self.bands * self.rows > self.num_perm:
            raise ConfigError(f"{self.bands} bands x {self.rows} rows need num_perm >= {self.bands * self.rows}")
        if not 0.0 < self.text_threshold <= 1.0 or self.text_threshold < self.store_floor:
            raise ConfigError(f"text_threshold must be in ({self.store_floor}, 1], got {self.text_threshold}")
        if not 0 <= self.image_max_distance <= 31:
            raise ConfigError("image_max_distance must be 0..31 (the index is exact up to 31 bits)")
        if self.hub_min_ads < 2 or not 0.0 < self.hub_min_ratio <= 1.0:
            raise ConfigError("hub_min_ads must be ≥ 2 and hub_min_ratio in (0, 1]")

    @property
    def feature_version(self) -> str:
        """Digest of the settings baked into stored signatures, buckets and candidate links."""
        stored = {k: v for k, v in asdict(self).items()
                  if k in ("shingle_size", "num_perm", "bands", "rows", "minhash_seed", "min_shingles", "store_floor")}
        return "text-v1-" + hashlib.sha256(repr(sorted(stored.items())).encode()).hexdigest()[:12]

    def as_dict(self) -> dict:
        return asdict(self)
