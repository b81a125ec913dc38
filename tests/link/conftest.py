"""A small demo corpus ingested into real store files, shared by the end-to-end linking tests."""
from __future__ import annotations

import json
from functools import lru_cache, partial

import pytest

from redflags.demo import render_image, write_corpus
from redflags.extract import extract
from redflags.ingest import IngestOptions, ingest
from redflags.model import Ad, Analysis
from redflags.pipeline import analyse_ad
from redflags.store import open_store

N = 2000
SEED = 11  # neither the tuning seed (1) nor the reporting seed (2)


@lru_cache(maxsize=None)
def demo_image(ref: str) -> bytes | None:
    """The demo renderer, cached so several stores in one test session render each picture once."""
    try:
        return render_image(ref)
    except ValueError:
        return None


def identifiers_only(ad: Ad) -> Analysis:
    return Analysis(identifiers=tuple(extract(ad.text, "US", url=ad.url, location=ad.location)))


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("linkcorpus")
    write_corpus(folder, N, SEED)
    return folder


@pytest.fixture(scope="session")
def truth(corpus_dir):
    return [json.loads(line) for line in (corpus_dir / "truth.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="session")
def scored_store_path(corpus_dir, tmp_path_factory):
    """The corpus ingested as the CLI does (identifiers, indicators, scores), then linked with images."""
    from redflags.link import link_store

    path = tmp_path_factory.mktemp("scored") / "store.db"
    with open_store(path) as store:
        ingest(store, [str(corpus_dir / "ads.jsonl")], IngestOptions(workers=1), enrich=partial(analyse_ad, region="US"))
        link_store(store, images=demo_image)
    return path
