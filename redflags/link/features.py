"""Per-ad text features, picklable so worker processes can compute them: masked shingle hashes."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from redflags.link.shingles import MASKED_KINDS, mask, shingle_hashes, tokens
from redflags.model import Identifier


@dataclass(frozen=True, slots=True)
class TextShingles:
    """`(text, [(kind, start, end)])` → shingle hashes, with a fixed shingle size."""

    k: int

    def __call__(self, item: tuple[str, list[tuple[str, int, int]]]) -> np.ndarray:
        text, spans = item
        idents = [Identifier(kind, "", s, e) for kind, s, e in spans if kind in MASKED_KINDS]
        return shingle_hashes(tokens(mask(text, idents)), self.k)


@dataclass(frozen=True, slots=True)
class TextFeatures:
    """A chunk of `(text, spans)` → (shingle counts, MinHash signatures): all the per-ad work of text linking,
    so a worker process does it whole and the parent only looks band keys up."""

    k: int
    num_perm: int
    seed: int

    def __call__(self, chunk: list[tuple[str, list[tuple[str, int, int]]]]) -> tuple[np.ndarray, np.ndarray]:
        shingle = TextShingles(self.k)
        return sizes_and_signatures([shingle(item) for item in chunk], self.num_perm, self.seed)


@dataclass(frozen=True, slots=True)
class ImageHasher:
    """Reference → (reference, PDQ hash or None, quality, SHA-256 of the bytes or None, the bytes or None),
    using a resolver for the bytes; the bytes go back to be kept as evidence unless `keep_bytes` is off."""

    resolver: object
    keep_bytes: bool = True

    def __call__(self, ref: str) -> tuple[str, bytes | None, int, str | None, bytes | None]:
        import hashlib

        from redflags.errors import InputError
        from redflags.link.images import pdq_hash

        data = self.resolver(ref)  # type: ignore[operator]
        if data is None:
            return ref, None, 0, None, None
        sha = hashlib.sha256(data).hexdigest()
        try:
            digest, quality = pdq_hash(data, ref)
        except InputError:
            return ref, None, 0, sha, data if self.keep_bytes else None
        return ref, digest, quality, sha, data if self.keep_bytes else None


def text_signatures(sets: list[np.ndarray], config) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(shingle counts, MinHash signatures, LSH band keys) of a batch of shingle sets — the text features
    every engine stores or shuffles; an ad with fewer than `config.min_shingles` shingles takes no part."""
    from redflags.link.lsh import band_keys

    sizes, sigs = sizes_and_signatures(sets, config.num_perm, config.minhash_seed)
    return sizes, sigs, band_keys(sigs, config.bands, config.rows)


def sizes_and_signatures(sets: list[np.ndarray], num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(shingle counts, MinHash signatures) of a batch of shingle sets."""
    from redflags.link.minhash import MinHasher

    sizes = np.fromiter((len(s) for s in sets), dtype=np.int64, count=len(sets))
    return sizes, MinHasher(num_perm, seed).signatures(sets)
