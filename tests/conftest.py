"""Shared fixtures: a real store file in a temp folder, and writers for real input formats."""
from __future__ import annotations

import io
import json
import os
import random
from pathlib import Path

import pytest
from hypothesis import settings
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from redflags.store import open_store

# `make test` (and so CI) draws the same examples every run, so a red run is reproducible and a green one is
# not luck; `make test-explore` draws fresh ones to hunt for new failures (add what it finds as @example).
settings.register_profile("deterministic", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("REDFLAGS_HYPOTHESIS", "deterministic"))

WORDS = ("hotel cleaners wanted in the city center good salary housing provided contact us today "
         "experienced waitress kitchen helper warehouse picker driver licence required night shift").split()


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "test.db") as s:
        yield s


def sample_records(n: int, seed: int = 1) -> list[dict]:
    """Varied ad records in the interchange format (deterministic)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60))) + f" ref {i}"
        rec = {"id": f"t{i}", "title": f"Job {i}", "text": text, "url": f"https://ads.example/{i}",
               "posted_at": f"2026-0{1 + i % 9}-1{i % 10}T08:00:00Z", "location": rng.choice(["Madrid", "Lima"]),
               "images": [f"img/{i % 50}.jpg"]}
        if i % 3 == 0:
            del rec["id"]
        out.append(rec)
    return out


def write_jsonl(path: Path, records: list[dict], bad: dict[int, bytes] | None = None) -> Path:
    """Write records one per line; `bad` puts raw malformed lines at given 0-based line positions."""
    bad = bad or {}
    lines = [json.dumps(r, ensure_ascii=False).encode() for r in records]
    for pos in sorted(bad):
        lines.insert(pos, bad[pos])
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def html_page(title: str, body: str, *, lang: str = "en", url: str | None = None) -> str:
    canonical = f'<link rel="canonical" href="{url}">' if url else ""
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Site</title>'
            f'{canonical}</head><body><header><a href="/">Home</a> <a href="/login">Log in</a></header>'
            f'<nav><a href="/jobs">Jobs</a> | <a href="/help">Help</a></nav>'
            f'<main><article><h1>{title}</h1><p>{body}</p><img src="/img/a.jpg"></article></main>'
            f'<footer>Copyright 2026 Example Classifieds. All rights reserved. Privacy policy.</footer>'
            f'</body></html>')


def write_warc(path: Path, pages: list[tuple[str, bytes, str]], gz: bool = True) -> Path:
    """Write a WARC with one HTTP response per (url, body, content-type), plus a request record each."""
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=gz)
        for url, body, ctype in pages:
            status = "404 Not Found" if "missing" in url else "200 OK"
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
    return path


def build_demo_store(path: Path, n: int = 400, seed: int = 5, images: bool = True, ids=None) -> Path:
    """A store holding `n` demo ads (or the subset with `ids`), ingested (extract + score) and linked,
    with demo images hashed and kept as evidence when `images`."""
    from functools import partial

    from redflags.demo import generate
    from redflags.ingest import IngestOptions, ingest
    from redflags.link import DemoImages, link_store
    from redflags.pipeline.stages import analyse_ad

    src = path.with_suffix(".jsonl")
    with src.open("w", encoding="utf-8") as f:
        for ad in generate(n, seed):
            if ids is None or ad["id"] in ids:
                f.write(json.dumps(ad, ensure_ascii=False) + "\n")
    with open_store(path) as s:
        ingest(s, [str(src)], IngestOptions(workers=1, actor="tester"), enrich=partial(analyse_ad, region="US"))
        link_store(s, images=DemoImages() if images else None, workers=1)
    return path
