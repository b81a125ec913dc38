"""Check a store's evidence: the custody chain and its signed head, every raw item against its SHA-256,
and that every ad points at a stored raw item."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from redflags.evidence import keys
from redflags.evidence.custody_log import check_chain
from redflags.store import Store


@dataclass
class EvidenceReport:
    entries: int = 0
    items: int = 0
    ads_without_item: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_store(store: Store) -> EvidenceReport:
    report = EvidenceReport()
    log = store.custody
    entries = log.entries()
    report.entries = len(entries)
    trusted = keys.public_hex(keys.load_or_create(log.key_path)) if log.key_path.exists() else None
    report.problems += check_chain(entries, log.head(), trusted)
    for sha, data in store.execute("SELECT sha256, data FROM evidence_items"):
        report.items += 1
        if hashlib.sha256(bytes(data)).hexdigest() != sha:
            report.problems.append(f"evidence item {sha[:16]}…: content does not match its SHA-256 (altered)")
    # Records purged by retention are gone on purpose; their purge is in the custody log.
    report.ads_without_item = store.execute(
        "SELECT COUNT(*) FROM ads WHERE raw_sha256 IS NOT NULL AND raw_sha256 NOT IN (SELECT sha256 FROM evidence_items) "
        "AND id NOT IN (SELECT ad_id FROM retention_purges WHERE kind = 'raw_text')")[0][0]
    if report.ads_without_item:
        report.problems.append(f"{report.ads_without_item} ads point at raw items that are not stored")
    return report
