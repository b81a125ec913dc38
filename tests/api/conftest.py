"""A real store for the API tests: demo ads ingested (extract + score) and linked, one user per role."""
from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from redflags.api import create_app
from redflags.demo import generate
from redflags.ingest import IngestOptions, ingest
from redflags.link import link_store
from redflags.pipeline.stages import analyse_ad
from redflags.settings import Settings
from redflags.store import open_store

PASSWORD = "a long test password"
ROLES = ("admin", "analyst", "viewer", "auditor")


def build_store(path: Path, n: int = 300) -> None:
    """Ingest n demo ads plus one with an obfuscated phone, link them, add a user per role."""
    src = path.parent / "ads.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for ad in generate(n, 11):
            f.write(json.dumps(ad, ensure_ascii=False) + "\n")
        f.write(json.dumps({"id": "obf-1", "title": "Waitress abroad", "text":
                            "Waitress job abroad, pay the 500 USD fee first. WhatsApp seven0two-555-oh1ninenine",
                            "location": "Las Vegas, NV, USA", "posted_at": "2026-01-05"}) + "\n")
    with open_store(path) as store:
        ingest(store, [str(src)], IngestOptions(workers=1), enrich=partial(analyse_ad, region="US"))
        link_store(store, workers=1)
        for role in ROLES:
            store.accounts.add_user(role, PASSWORD, role)


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.db"
    build_store(path)
    return path


@pytest.fixture()
def app(store_path):
    return create_app(Settings(db=store_path, check_rate=1000, login_rate=1000))


@pytest.fixture()
def anon(app) -> TestClient:
    return TestClient(app)


def login(app, role: str) -> tuple[TestClient, str]:
    client = TestClient(app)
    r = client.post("/api/login", json={"name": role, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return client, r.json()["csrf_token"]


@pytest.fixture()
def as_role(app):
    return lambda role: login(app, role)
