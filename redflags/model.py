"""The shared vocabulary: every stage reads and writes these records, nothing else.

Records are frozen dataclasses of plain values so the same object can cross a process, a Spark
partition or an API response without translation.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Mapping

IDENTIFIER_KINDS = ("phone", "email", "wallet", "handle", "url", "price", "age")
AD_TYPES = ("job", "escort", "other")


@dataclass(frozen=True, slots=True)
class Ad:
    """One advertisement as captured: the unit every stage works on.

    `id` is the record's own id when the source gave one, otherwise `derive_ad_id(source, content_sha256)`.
    Times are ISO-8601 strings as given (posted) or as captured (captured); None when unknown.
    """

    id: str
    source: str
    text: str
    title: str | None = None
    url: str | None = None
    posted_at: str | None = None
    captured_at: str | None = None
    location: str | None = None
    language: str | None = None
    images: tuple[str, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)
    content_sha256: str = ""
    raw_sha256: str | None = None

    def __post_init__(self) -> None:
        if not self.content_sha256:
            object.__setattr__(self, "content_sha256", content_digest(self.title, self.text, self.url))


def content_digest(title: str | None, text: str, url: str | None) -> str:
    """SHA-256 over what makes two captures the same ad: its title, text and URL."""
    h = hashlib.sha256()
    for part in (title or "", text, url or ""):
        data = part.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def derive_ad_id(source: str, content_sha256: str) -> str:
    """Stable id for a record that brought none: same source and same content give the same id."""
    return "ad-" + hashlib.sha256(f"{source}\x00{content_sha256}".encode()).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class Identifier:
    """An identifier found in an ad's text: normalised `value` for linking, offsets for highlighting.

    `start`/`end` index the original text (Python str offsets, end exclusive). `detail` holds
    kind-specific parts (a price's amount/currency/minutes, a URL's registered domain, a wallet's chain).
    """

    kind: str
    value: str
    start: int
    end: int
    obfuscated: bool = False
    detail: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """One indicator rule firing on a span of an ad's text."""

    indicator: str
    category: str
    start: int
    end: int
    text: str
    weight: float
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Contribution:
    """One term of a score: what it came from (an indicator or an identifier) and how much it added."""

    source: str
    amount: float
    reason: str


@dataclass(frozen=True, slots=True)
class Score:
    """A 0–1 risk with its level and the contributions that sum to it (explanation as data)."""

    value: float
    level: str
    base: float = 0.0
    contributions: tuple[Contribution, ...] = ()
    pack_version: str = ""


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the pure stages attach to one ad: identifiers, indicator hits, score, type, language."""

    identifiers: tuple[Identifier, ...] = ()
    hits: tuple[Hit, ...] = ()
    score: Score | None = None
    ad_type: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """Evidence that two ads share an operator: the link type and the shared value that proves it."""

    a: str
    b: str
    type: str
    value: str
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class ClusterMembership:
    """An ad's place in a network of likely common operators."""

    ad_id: str
    cluster_id: str


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record came from: the input file as given, its SHA-256, and the place in it; `raw` holds
    the record's bytes as received, kept as evidence (content-addressed) when the ad is stored."""

    file: str
    file_sha256: str
    locator: str
    raw: bytes | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Quarantined:
    """A record that could not become an Ad, kept with where it came from and why."""

    origin: Origin
    reason: str
    excerpt: str = ""


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did; printed as `N ingested, M duplicates, K quarantined`."""

    ingested: int = 0
    duplicates: int = 0
    quarantined: int = 0

    def summary(self) -> str:
        return f"{self.ingested} ingested, {self.duplicates} duplicates, {self.quarantined} quarantined"
