"""`link_store`: bring a store's links and clusters up to date, touching only what is new.

What is persisted, so a later run only works on ads ingested since (docs/linking.md, "Incremental linking"):

- `link_signatures`: each linked ad's MinHash signature (128 × 16 bits) and shingle count;
- `lsh_buckets`: for every band key ever seen, its representative (earliest ad);
- `links`: every candidate text pair checked, with its estimated Jaccard (≥ `store_floor`);
- `image_hashes`: the PDQ hash of every image reference ever resolved;
- `image_pairs`: every pair of pictures within PDQ distance 31, found once when the newer one was hashed;
- `link_state`: the feature version and the last ad sequence number linked.

A run (1) computes signatures only for ads after `last_seq` and matches them against the stored bucket
representatives, (2) hashes only image references not hashed before and pairs only those against every
stored hash, then (3) re-forms clusters from the
stored evidence: that last step reads compact tables and costs seconds even at a million ads, and is what
lets a hub verdict change as new ads arrive without leaving stale merges behind.
"""
from __future__ import annotations

import logging
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from redflags.link.clusters import Clustering, Evidence, cluster, cluster_ids
from redflags.link.config import LinkConfig
from redflags.link.features import ImageHasher, TextFeatures
from redflags.link.identifier_graph import LINK_KINDS, group_keys
from redflags.link.image_sources import ImageResolver
from redflags.link.images import MAX_DISTANCE, HammingIndex, as_matrix, index_radius, pairs_of
from redflags.link.lsh import band_keys
from redflags.link.near_duplicates import match_chunk
from redflags.link.run_index import RunSignatures, SortedRuns
from redflags.link.union_find import UnionFind
from redflags.pipeline.local import ordered_map
from redflags.store import Store

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]  # (stage, done, total)
CHECKPOINT_ADS = 250_000  # band keys of this many ads are written at once (and a crash loses at most this much)


@dataclass
class LinkReport:
    """What a run did, with the time spent in each stage (seconds)."""

    new_ads: int = 0
    images_hashed: int = 0
    images_paired: int = 0
    clusters: int = 0
    clustered_ads: int = 0
    hubs: int = 0
    full: bool = False
    seconds: dict[str, float] = field(default_factory=dict)


def link_store(store: Store, config: LinkConfig | None = None, images: ImageResolver | None = None,
               workers: int | None = 1, progress: Progress | None = None, batch: int = 5000,
               keep_image_bytes: bool = True) -> LinkReport:
    """Link ads ingested since the last run into the stored index, then re-form clusters.

    Image bytes are kept in the store as evidence unless `keep_image_bytes` is off (their SHA-256 and PDQ
    hash are stored either way), for captures that already preserve the pictures elsewhere."""
    with store.link_tables.bulk():
        return _link(store, config or LinkConfig(), images, workers, progress or (lambda *_: None), batch,
                     keep_image_bytes)


def _link(store: Store, config: LinkConfig, images: ImageResolver | None, workers: int | None, progress: Progress,
          batch: int, keep_image_bytes: bool) -> LinkReport:
    tables = store.link_tables
    report = LinkReport()
    state = tables.state()
    if state.get("feature_version") != config.feature_version:
        tables.reset()
        state, report.full = {}, True
    last = int(state.get("last_seq", 0))
    t0 = time.perf_counter()
    report.new_ads = _text_pass(tables, config, last, workers, progress, batch)
    t1 = time.perf_counter()
    if images is not None:
        report.images_hashed = _image_pass(tables, ImageHasher(images, keep_image_bytes), workers, progress)
        if report.images_hashed:
            kept = tables.conn.execute("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM evidence_items WHERE kind = 'image'").fetchone()
            store.custody.append("capture", target="images", detail={
                "references_resolved": report.images_hashed, "source": type(images).__name__,
                "image_bytes_kept": keep_image_bytes,
                "image_items_after": kept[0], "image_bytes_after": kept[1]})
    t_pairs = time.perf_counter()
    report.images_paired = _pair_pass(tables, progress)  # also after an upgrade, with or without a resolver
    t2 = time.perf_counter()
    evidence = gather_evidence(tables, config)
    clustering = cluster(evidence, config)
    _save(tables, config, evidence, clustering)
    t3 = time.perf_counter()
    report.seconds = {"text": t1 - t0, "images": t2 - t1, "image_pairs": t2 - t_pairs, "clusters": t3 - t2}
    report.clusters = len(clustering.groups)
    report.clustered_ads = int(sum(len(g) for g in clustering.groups))
    report.hubs = sum(v.is_hub for v in clustering.hubs)
    return report


def _text_pass(tables, config: LinkConfig, last: int, workers, progress: Progress, batch: int) -> int:
    """Signatures and LSH matches of the ads after `last`. One stream of chunks feeds the workers, so they
    compute the next batch's features while this process matches and saves.

    Band keys opened by this run are looked up in memory (`RunIndex`) and written to the store in key order
    every `CHECKPOINT_ADS` ads, together with `last_seq`: an interrupted run resumes from the last checkpoint and
    redoes the ads after it, whose signatures and links are rewritten unchanged."""
    features = TextFeatures(config.shingle_size, config.num_perm, config.minhash_seed)
    total = tables.conn.execute("SELECT COUNT(*) FROM ads WHERE seq > ?", (last,)).fetchone()[0]
    index = RunIndex(tables, config, total)
    batches: deque = deque()  # (rows, number of chunks) of batches whose chunks are queued, oldest first

    def chunks():
        for rows in tables.ads_after(last, batch):
            spans = tables.spans_for([r[1] for r in rows])
            items = [(r[2], spans.get(r[1], [])) for r in rows]
            parts = [items[k:k + 256] for k in range(0, len(items), 256)]
            batches.append((rows, len(parts)))
            yield from parts

    done, since, last_seq, parts = 0, 0, last, []
    for part in ordered_map(features, chunks(), workers, chunk=1):  # results arrive in input order
        parts.append(part)
        rows, count = batches[0]
        if len(parts) < count:
            continue
        batches.popleft()
        _match_and_save(tables, config, index, rows, parts)
        parts = []
        done += len(rows)
        since, last_seq = since + len(rows), int(rows[-1][0])
        if since >= CHECKPOINT_ADS:
            index.checkpoint(last_seq)
            since = 0
        progress("text", done, total)
    if since:
        index.checkpoint(last_seq)
    return done


class RunIndex:
    """Band-key representatives and signatures for a text pass: the stored ones (from before the run) and
    those this run added, which stay in memory until `checkpoint` writes them."""

    def __init__(self, tables, config: LinkConfig, new_ads: int) -> None:
        self.tables, self.config = tables, config
        self.buckets, self.sigs = SortedRuns(), RunSignatures(new_ads, config.num_perm)
        self.pending_keys: list[np.ndarray] = []
        self.pending_reps: list[np.ndarray] = []
        stored = tables.bucket_count()
        # a run that brings many keys compared with the stored ones reads them all once (in key order)
        # instead of probing the B-tree batch by batch
        self.stored_in_memory = stored <= 4 * new_ads * config.bands
        self.stored = SortedRuns()
        if stored and self.stored_in_memory:
            self.stored.add(*tables.all_buckets())

    def known(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(keys, representatives) of those of `keys` seen before: stored, or opened earlier in this run."""
        found, reps = self.buckets.get(keys)
        if self.stored_in_memory:
            old, old_reps = self.stored.get(keys)
            return np.concatenate([keys[found], keys[old]]), np.concatenate([reps[found], old_reps[old]])
        old_keys, old_reps = self.tables.bucket_reps(keys[~found])
        return np.concatenate([keys[found], old_keys]), np.concatenate([reps[found], old_reps])

    def signatures(self, seqs: np.ndarray) -> np.ndarray:
        """Signatures of ascending `seqs`: this run's from memory, older ones from the store."""
        found, held = self.sigs.get(seqs)
        if found.all():
            return held
        out = np.empty((len(seqs), self.config.num_perm), dtype=np.uint16)
        out[found] = held
        out[~found] = self.tables.signatures(seqs[~found], self.config.num_perm)
        return out

    def add(self, seqs: np.ndarray, sigs: np.ndarray, keys: np.ndarray, reps: np.ndarray) -> None:
        self.sigs.add(seqs, sigs)
        self.buckets.add(keys, reps)
        self.pending_keys.append(keys)
        self.pending_reps.append(reps)

    def checkpoint(self, last_seq: int) -> None:
        """Write the keys opened since the last checkpoint, in key order, and advance `last_seq` to them."""
        keys, reps = np.concatenate(self.pending_keys or [np.empty(0, np.int64)]), \
            np.concatenate(self.pending_reps or [np.empty(0, np.int64)])
        order = np.argsort(keys)
        with self.tables.transaction():
            self.tables.save_buckets(keys[order], reps[order])
            self.tables.set_state({"feature_version": self.config.feature_version, "last_seq": last_seq})
        self.pending_keys, self.pending_reps = [], []


def _match_and_save(tables, config: LinkConfig, index: RunIndex, rows, parts) -> None:
    seqs = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    sizes, sigs = np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
    keys = band_keys(sigs, config.bands, config.rows)
    m = match_chunk(seqs, keys, sigs, sizes >= config.min_shingles, index.known, index.signatures,
                    config.store_floor)
    index.add(seqs, sigs, m.new_keys, m.new_reps)
    with tables.transaction():
        tables.save_signatures(seqs, sizes, sigs)
        tables.save_links((int(a), int(b), "near_duplicate", f"jaccard {s:.2f}", round(float(s), 4))
                          for a, b, s in zip(m.a, m.b, m.similarity))


def _image_pass(tables, hasher: ImageHasher, workers, progress: Progress, batch: int = 2000) -> int:
    """Hash every image reference not seen before, saving a batch at a time while the workers go on."""
    todo = sorted({ref for _, ref in tables.image_refs()} - tables.known_image_refs())
    hashed, rows = 0, []
    for row in ordered_map(hasher, todo, workers, chunk=32):
        rows.append(row)
        if len(rows) == batch or hashed + len(rows) == len(todo):
            tables.save_image_hashes(rows)
            hashed += len(rows)
            rows = []
            progress("images", hashed, len(todo))
    return hashed


def gather_evidence(tables, config: LinkConfig) -> Evidence:
    """Everything stored, as index arrays: near-duplicate candidate pairs and identifier and image keys."""
    seqs, _ids = tables.seq_ids()
    a, b, sims = tables.link_pairs("near_duplicate")
    index = lambda s: np.searchsorted(seqs, s)  # noqa: E731 - seqs are sorted and complete
    rows = [(int(i), kind, value) for i, kind, value in _indexed(tables.identifier_keys(LINK_KINDS), seqs)]
    rows += _image_keys(tables, config, seqs)
    return Evidence(seqs, index(a), index(b), sims, group_keys(rows))


def _indexed(rows, seqs: np.ndarray):
    rows = list(rows)
    if not rows:
        return []
    idx = np.searchsorted(seqs, np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)))
    return [(i, r[1], r[2]) for i, r in zip(idx.tolist(), rows)]


def _pair_pass(tables, progress: Progress, block: int = 4096) -> int:
    """Store the pairs within `MAX_DISTANCE` of each hash not paired yet, against every stored hash.

    Old pictures were paired with each other when the newer of them arrived, so pairing new against all gives
    the same pairs as pairing everything at once. Rows are in reference order, so a < b as rows is a < b
    as references. Past `EXACT_UP_TO` hashes the index probes exact chunks only (`index_radius`: every
    pair to 15 bits, most to 31), which then also holds for a batch run."""
    stored, new = tables.hashes_to_pair()
    if not new:
        return 0
    refs = [r for r, _ in stored]
    index = HammingIndex(as_matrix([h for _, h in stored]))
    radius = index_radius(len(index))
    done = 0
    for start in range(0, len(new), block):
        rows = np.asarray(new[start:start + block], dtype=np.int64)
        a, b, d = pairs_of(index, rows, MAX_DISTANCE, radius)
        tables.save_image_pairs([(refs[x], refs[y], z) for x, y, z in zip(a.tolist(), b.tolist(), d.tolist())],
                                [refs[k] for k in rows.tolist()])
        done += len(rows)
        progress("pairs", done, len(new))
    return done


def _image_keys(tables, config: LinkConfig, seqs: np.ndarray) -> list[tuple[int, str, str]]:
    """('image', group) keys: references joined by stored pairs within the distance share one group."""
    stored = tables.image_hashes(config.image_min_quality)
    if not stored:
        return []
    refs = [r for r, _ in stored]
    position = {r: k for k, r in enumerate(refs)}
    pairs = [(position[a], position[b]) for a, b in tables.image_pairs(min(config.image_max_distance, MAX_DISTANCE))
             if a in position and b in position]
    uf = UnionFind(len(refs))
    if pairs:
        ij = np.asarray(pairs, dtype=np.int64)
        uf.union_pairs(ij[:, 0], ij[:, 1])
    labels = uf.labels()
    first: dict[int, int] = {}
    for pos, lab in enumerate(labels.tolist()):
        first.setdefault(lab, pos)
    group_of = {ref: "pdq:" + stored[first[lab]][1].hex() for ref, lab in zip(refs, labels.tolist())}
    rows = [(seq, "image", group_of[ref]) for seq, ref in tables.image_refs() if ref in group_of]
    return _indexed(rows, seqs)


def _save(tables, config: LinkConfig, evidence: Evidence, clustering: Clustering) -> None:
    hubs = [(v.kind, v.value, v.ads, v.contexts, v.reason(config.hub_min_ratio)) for v in clustering.hubs if v.is_hub]
    members = [(int(evidence.seqs[i]), cid) for cid, g in zip(cluster_ids(evidence, clustering), clustering.groups)
               for i in g.tolist()]
    tables.replace_results(hubs, members, {"clusters": len(clustering.groups), "linked_at": time.time(),
                                           "settings": repr(config.as_dict())})
