"""Retention: purge each kind of data once it is past its period, except what an open case holds.

Periods come from a policy file (`retention.toml` ships the defaults). Purging an ad's raw text blanks
its title, text, extra fields and indicator-hit excerpts and deletes the record as received; purging
images deletes their bytes (PDQ hashes stay); purging identifiers deletes them, optionally keeping keyed
hashes. Each run appends one "deletion" event per kind to the custody log. `forget` applies the same
purges to named ads at once (a deletion request).
"""
from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from importlib import resources
from pathlib import Path
from typing import Any

from redflags.errors import ConfigError, InputError
from redflags.evidence.bundle import case_ad_ids
from redflags.privacy.hash_lists import SHARED_KINDS
from redflags.privacy.keyed import keyed_hash, pseudonym_key
from redflags.store import Store

AD_KINDS = ("raw_text", "images", "identifiers")
KINDS = (*AD_KINDS, "audit")
_PERIOD = re.compile(r"^\s*(\d+)\s*([dwy])\s*$")
_DAYS = {"d": 1, "w": 7, "y": 365}
_LIST_IN_LOG = 1000  # custody "deletion" entries name the ads when there are at most this many


@dataclass(frozen=True)
class Policy:
    periods: dict[str, timedelta | None]     # None: keep forever
    keyed_hashes: bool = True


@dataclass
class RetentionReport:
    now: str
    purged: dict[str, int] = field(default_factory=dict)   # kind -> ads (or audit entries) purged
    held: int = 0                                            # due ads kept because an open case holds them
    dry_run: bool = False


def parse_period(text: str, where: str) -> timedelta | None:
    if str(text).strip().lower() == "forever":
        return None
    m = _PERIOD.match(str(text))
    if not m:
        raise ConfigError(f"{where}: a period is like \"365d\", \"8w\", \"2y\" or \"forever\", not {text!r}")
    return timedelta(days=int(m.group(1)) * _DAYS[m.group(2)])


def load_policy(path: Path | None = None) -> Policy:
    """The policy in `path`, or the shipped defaults; unknown kinds are an error, not ignored."""
    name = str(path) if path else "retention.toml (default)"
    try:
        raw = Path(path).read_bytes() if path else resources.files("redflags.privacy").joinpath("retention.toml").read_bytes()
        doc = tomllib.loads(raw.decode("utf-8"))
    except FileNotFoundError as e:
        raise ConfigError(f"retention policy {path} does not exist") from e
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{name}: not valid TOML ({e})") from e
    periods = doc.get("periods", {})
    unknown = set(periods) - set(KINDS)
    if unknown:
        raise ConfigError(f"{name}: unknown data kind(s) {', '.join(sorted(unknown))}; known: {', '.join(KINDS)}")
    return Policy({k: parse_period(periods[k], f"{name} [periods] {k}") if k in periods else None for k in KINDS},
                  bool(doc.get("keep", {}).get("keyed_hashes", True)))


def held_ads(store: Store) -> set[str]:
    """Ads an open case holds, directly or through a cluster."""
    held: set[str] = set()
    for case in store.cases.list("open"):
        held.update(case_ad_ids(store, store.cases.get(case["id"])))
    return held


def _stamp(t: datetime) -> str:
    return t.astimezone(timezone.utc).isoformat(timespec="seconds")


def apply(store: Store, policy: Policy, *, now: datetime | None = None, dry_run: bool = False,
          actor: str | None = None) -> RetentionReport:
    """Purge what is past its period; returns what was (or, with `dry_run`, would be) purged."""
    now = now or datetime.now(timezone.utc)
    report = RetentionReport(_stamp(now), dry_run=dry_run)
    held = held_ads(store)
    for kind in AD_KINDS:
        period = policy.periods.get(kind)
        if period is None:
            continue
        cutoff = _stamp(now - period)
        due = [r[0] for r in store.execute(
            "SELECT id FROM ads WHERE stored_at < ? AND id NOT IN (SELECT ad_id FROM retention_purges WHERE kind = ?) "
            "ORDER BY seq", (cutoff, kind))]
        kept = [a for a in due if a in held]
        report.held = max(report.held, len(kept))
        todo = [a for a in due if a not in held]
        report.purged[kind] = len(todo)
        if todo and not dry_run:
            purge(store, todo, kind, policy.keyed_hashes, reason=f"retention: stored before {cutoff}", actor=actor,
                  cutoff=cutoff)
    if policy.periods.get("audit") is not None:
        cutoff = _stamp(now - policy.periods["audit"])
        report.purged["audit"] = store.execute("SELECT COUNT(*) FROM audit WHERE at < ?", (cutoff,))[0][0]
        if report.purged["audit"] and not dry_run:
            _purge_audit(store, cutoff, actor)
    return report


def forget(store: Store, ad_ids: list[str], *, actor: str | None = None, reason: str = "deletion request",
           keyed_hashes: bool = False) -> dict[str, int]:
    """Purge every kind of data of the named ads now (a deletion request); refused for ads an open case holds."""
    for ad_id in ad_ids:
        store.get_ad(ad_id)  # a clear error for an unknown id
    blocked = sorted(set(ad_ids) & held_ads(store))
    if blocked:
        raise InputError(f"held in an open case, not purged: {', '.join(blocked[:10])}; close the case or remove them first")
    return {kind: purge(store, ad_ids, kind, keyed_hashes, reason=reason, actor=actor) for kind in AD_KINDS}


def purge(store: Store, ad_ids: list[str], kind: str, keyed_hashes: bool, *, reason: str,
          actor: str | None = None, cutoff: str | None = None) -> int:
    """Purge one kind of data of `ad_ids` in one transaction and log it; returns how many ads."""
    now = _stamp(datetime.now(timezone.utc))
    key = pseudonym_key(store.path) if kind == "identifiers" and keyed_hashes else None
    purging = set(ad_ids)
    with store.transaction() as c:
        for start in range(0, len(ad_ids), 500):
            chunk = ad_ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            if kind == "raw_text":
                _purge_raw_text(c, chunk, marks, cutoff)
            elif kind == "images":
                _purge_images(c, chunk, marks, purging)
            else:
                if key is not None:
                    rows = c.execute(f"SELECT DISTINCT ad_id, kind, value FROM identifiers WHERE ad_id IN ({marks}) AND "
                                     f"kind IN ({','.join('?' * len(SHARED_KINDS))})", (*chunk, *SHARED_KINDS)).fetchall()
                    c.executemany("INSERT OR IGNORE INTO identifier_hashes(ad_id, kind, keyed) VALUES (?, ?, ?)",
                                  [(a, k, keyed_hash(key, k, v)) for a, k, v in rows])
                c.execute(f"DELETE FROM identifiers WHERE ad_id IN ({marks})", chunk)
            c.executemany("INSERT OR IGNORE INTO retention_purges(ad_id, kind, purged_at) VALUES (?, ?, ?)",
                          [(a, kind, now) for a in chunk])
    listing = "\n".join(sorted(ad_ids)).encode()
    detail: dict[str, Any] = {"kind": kind, "reason": reason, "ads": len(ad_ids),
                              "ad_ids_sha256": hashlib.sha256(listing).hexdigest(), "keyed_hashes_kept": bool(key)}
    if len(ad_ids) <= _LIST_IN_LOG:
        detail["ad_ids"] = sorted(ad_ids)
    store.custody.append("deletion", actor=actor, target=f"retention:{kind}", detail=detail)
    return len(ad_ids)


def _purge_raw_text(c, chunk: list[str], marks: str, cutoff: str | None) -> None:
    raws = [r[0] for r in c.execute(f"SELECT DISTINCT raw_sha256 FROM ads WHERE id IN ({marks}) AND raw_sha256 IS NOT NULL",
                                    chunk)]
    c.execute(f"UPDATE ads SET title = NULL, text = '', meta = '{{}}' WHERE id IN ({marks})", chunk)
    c.execute(f"UPDATE hits SET text = '' WHERE ad_id IN ({marks})", chunk)
    for sha in raws:  # a record shared with an ad that is not being purged stays
        if not c.execute("SELECT 1 FROM ads WHERE raw_sha256 = ? AND text != ''", (sha,)).fetchone():
            c.execute("DELETE FROM evidence_items WHERE sha256 = ? AND kind = 'record'", (sha,))
    if cutoff:
        for (sha,) in c.execute("SELECT raw_sha256 FROM quarantine WHERE stored_at < ? AND raw_sha256 IS NOT NULL",
                                (cutoff,)).fetchall():
            if not c.execute("SELECT 1 FROM ads WHERE raw_sha256 = ? AND text != ''", (sha,)).fetchone():
                c.execute("DELETE FROM evidence_items WHERE sha256 = ? AND kind = 'record'", (sha,))
        c.execute("UPDATE quarantine SET excerpt = '', raw_sha256 = NULL WHERE stored_at < ? AND "
                  "(excerpt != '' OR raw_sha256 IS NOT NULL)", (cutoff,))


def _purge_images(c, chunk: list[str], marks: str, purging: set[str]) -> None:
    shas = {r[0] for r in c.execute(
        f"SELECT DISTINCT h.sha256 FROM ads a, json_each(a.images) j JOIN image_hashes h ON h.ref = j.value "
        f"WHERE a.id IN ({marks}) AND h.sha256 IS NOT NULL", chunk)}
    if not shas:
        return
    refs: dict[str, str] = {}
    for sha in shas:
        refs.update((r[0], sha) for r in c.execute("SELECT ref FROM image_hashes WHERE sha256 = ?", (sha,)))
    ref_list = list(refs)
    still_shown: set[str] = set()  # images another ad, not being purged, also shows
    for start in range(0, len(ref_list), 500):
        part = ref_list[start:start + 500]
        for ad_id, ref in c.execute(
                f"SELECT a.id, j.value FROM ads a, json_each(a.images) j WHERE j.value IN ({','.join('?' * len(part))}) "
                f"AND a.id NOT IN (SELECT ad_id FROM retention_purges WHERE kind = 'images')", part):
            if ad_id not in purging:
                still_shown.add(refs[ref])
    c.executemany("DELETE FROM evidence_items WHERE sha256 = ? AND kind = 'image'", [(s,) for s in shas - still_shown])


def _purge_audit(store: Store, cutoff: str, actor: str | None) -> None:
    with store.transaction() as c:
        n = c.execute("SELECT COUNT(*) FROM audit WHERE at < ?", (cutoff,)).fetchone()[0]
        c.execute("INSERT INTO purge_permit(id, reason) VALUES (1, ?)", (f"retention before {cutoff}",))
        c.execute("DELETE FROM audit WHERE at < ?", (cutoff,))
        c.execute("DELETE FROM purge_permit")
    store.custody.append("deletion", actor=actor, target="retention:audit", detail={"kind": "audit", "entries": n,
                                                                                    "before": cutoff})
