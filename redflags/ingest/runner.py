"""Stream input files into the store in batches: each batch commits whole or not at all.

Why this survives Ctrl-C and kill -9: every batch (ads, their identifiers, quarantine rows) is one
transaction, ad ids and quarantine keys are unique, and writes are insert-or-ignore. A re-run after an
interruption re-reads the input, finds the committed part as duplicates and stores the rest.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from redflags.errors import InputError
from redflags.ingest.csv_table import read_csv
from redflags.ingest.files import expand, sha256_file
from redflags.ingest.html_files import read_html
from redflags.ingest.jsonl import read_jsonl
from redflags.ingest.record import RawRecord, build_ad
from redflags.ingest.warc import read_warc
from redflags.model import Ad, Analysis, IngestReport, Origin, Quarantined
from redflags.pipeline.local import ordered_map
from redflags.store import Store

log = logging.getLogger(__name__)

READERS = {"jsonl": read_jsonl, "csv": read_csv, "html": read_html, "warc": read_warc}

Enricher = Callable[[Ad], Analysis]


@dataclass
class IngestOptions:
    """How to read the inputs: explicit source name, forced format, CSV column map, text encoding."""

    source: str | None = None
    fmt: str | None = None
    mapping: Mapping[str, str] = field(default_factory=dict)
    encoding: str = "utf-8"
    batch_size: int = 2000
    workers: int | None = None   # processes for the per-ad analysis; None = one per core
    actor: str | None = None     # who ran the import, for the custody log


class Progress:
    """A byte-count progress sink; the CLI hands in a tqdm bar, tests and libraries pass nothing."""

    def __init__(self, update: Callable[[int], None] | None = None) -> None:
        self._update = update or (lambda _n: None)
        self._done_before = 0

    def file_started(self, done_before: int) -> None:
        self._done_before = done_before

    def __call__(self, position_in_file: int) -> None:
        self._update(self._done_before + position_in_file)


def ingest(store: Store, paths: Sequence[str], options: IngestOptions | None = None,
           enrich: Enricher | None = None, progress: Progress | None = None) -> IngestReport:
    """Ingest every path into `store`; returns the counts printed as `N ingested, M duplicates, K quarantined`."""
    options = options or IngestOptions()
    progress = progress or Progress()
    files = expand(list(paths), options.fmt)
    digests = [sha256_file(p) for p, _ in files]
    inputs = [{"path": str(p), "sha256": d, "format": k} for (p, k), d in zip(files, digests)]
    report = IngestReport()
    run = store.start_run(inputs)
    status = "failed"
    try:
        done = 0
        for (path, kind), digest in zip(files, digests):
            progress.file_started(done)
            items = READERS[kind](path, digest, progress, encoding=options.encoding, mapping=options.mapping)
            workers = options.workers if enrich else 1  # nothing to spread over cores without an enricher
            analysed = ordered_map(_Analyse(enrich), _to_ads(items, options, path.name), workers)
            for batch in _batches(analysed, options.batch_size):
                ads = [b for b in batch if not isinstance(b, Quarantined)]
                bad = [b for b in batch if isinstance(b, Quarantined)]
                result = store.write_batch(ads, bad)
                report.ingested += result.inserted
                report.duplicates += result.duplicates
                report.quarantined += len(result.quarantined)
            done += path.stat().st_size
            log.info("%s: %s", path, report.summary())
            store.custody.append("import", actor=options.actor, target=str(path),
                                 detail={"file_sha256": digest, "format": kind, "run": run,
                                         "totals_after": {"ingested": report.ingested, "duplicates": report.duplicates,
                                                          "quarantined": report.quarantined}})
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        store.finish_run(run, report.ingested, report.duplicates, report.quarantined, status)
    return report


def _to_ads(items: Iterable[RawRecord | Quarantined], options: IngestOptions,
            default_source: str) -> Iterator[tuple[Ad, Origin] | Quarantined]:
    for item in items:
        if isinstance(item, Quarantined):
            yield item
            continue
        try:
            ad = build_ad(item.fields, source=options.source, default_source=default_source,
                          raw_sha256=item.raw_sha256)
        except InputError as e:
            yield Quarantined(item.origin, e.reason, str(item.fields.get("text") or item.fields)[:200])
            continue
        yield ad, item.origin


class _Analyse:
    """Runs the enricher on an (ad, origin) pair; picklable so worker processes can run it."""

    def __init__(self, enrich: Enricher | None) -> None:
        self.enrich = enrich

    def __call__(self, item: tuple[Ad, Origin] | Quarantined) -> tuple[Ad, Analysis, Origin] | Quarantined:
        if isinstance(item, Quarantined):
            return item
        ad, origin = item
        try:
            analysis = self.enrich(ad) if self.enrich else Analysis()
        except Exception as e:  # noqa: BLE001 - a bug met by one record must not stop a long run
            log.exception("%s: analysis failed", origin.locator)
            return Quarantined(origin, f"analysis failed ({type(e).__name__}: {e}); the record is kept here, "
                                       "please report it as a bug", ad.text[:200])
        if analysis.language and not ad.language:  # detected language fills in what the source did not say
            ad = replace(ad, language=analysis.language)
        return ad, analysis, origin


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
