"""The viewer role sees no raw phone, e-mail or handle and no image, on any page or API answer;
analysts see them (so the scan below is not vacuous)."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from redflags.store import open_store

MASKED = ("phone", "email", "handle")


@pytest.fixture(scope="module")
def raw_values(store_path) -> dict[str, set[str]]:
    """Per ad: the masked kinds' values, their digits, and every span as written in the text."""
    out: dict[str, set[str]] = {}
    with open_store(store_path) as store:
        rows = store.execute("SELECT i.ad_id, i.kind, i.value, i.start, i.\"end\", a.text FROM identifiers i "
                             "JOIN ads a ON a.id = i.ad_id WHERE i.kind IN ('phone', 'email', 'handle')")
    for ad_id, kind, value, start, end, text in rows:
        vals = out.setdefault(ad_id, set())
        written = text[start:end]
        if kind == "handle":
            value = value.split(":", 1)[1]
            if len(value) < 5:  # short handles are ordinary words elsewhere on a page
                continue
        vals.update({value, written})
        if kind == "phone":
            vals.add(value[-9:])  # the national digits, whatever the formatting
    return out


def _leaks(body: str, values: set[str]) -> set[str]:
    plain = re.sub(r"[\s\-().]", "", body)
    return {v for v in values if v in body or re.sub(r"[\s\-().]", "", v) in plain}


def _cluster_with_phone(store_path) -> str:
    with open_store(store_path) as store:
        return store.execute(
            "SELECT m.cluster_id FROM cluster_members m JOIN identifiers i ON i.ad_id = (SELECT id FROM ads WHERE "
            "seq = m.ad_seq) JOIN clusters c ON c.cluster_id = m.cluster_id WHERE i.kind = 'phone' AND c.size >= 3 "
            "ORDER BY c.size DESC LIMIT 1")[0][0]


def test_viewer_ad_detail_masks_every_identifier_and_image(as_role, raw_values):
    viewer, _ = as_role("viewer")
    analyst, _ = as_role("analyst")
    ads = [a for a, v in raw_values.items() if v][:25] + ["obf-1"]
    for ad_id in ads:
        vals = raw_values[ad_id]
        for path in (f"/api/ads/{ad_id}", f"/ads/{ad_id}"):
            seen = analyst.get(path)
            assert seen.status_code == 200 and _leaks(seen.text, vals), (path, "analyst should see them")
            masked = viewer.get(path)
            assert masked.status_code == 200
            assert not _leaks(masked.text, vals), (path, _leaks(masked.text, vals))
        data = viewer.get(f"/api/ads/{ad_id}").json()
        assert data["redacted"] and data["images"] == []
        assert "".join(s["text"] for s in data["segments"]) == data["text"]
        assert all(i["value"].startswith(i["kind"] + "#") for i in data["identifiers"] if i["kind"] in MASKED)


def test_viewer_obfuscated_phone_is_masked_in_place(as_role):
    viewer, _ = as_role("viewer")
    data = viewer.get("/api/ads/obf-1").json()
    assert "seven0two-555-oh1ninenine" not in data["text"]
    assert "WhatsApp " in data["text"] and "•" in data["text"]
    assert len(data["text"]) == len("Waitress job abroad, pay the 500 USD fee first. WhatsApp seven0two-555-oh1ninenine")


def test_viewer_search_cluster_and_dashboard_leak_nothing(as_role, raw_values, store_path):
    viewer, _ = as_role("viewer")
    analyst, _ = as_role("analyst")
    every = set().union(*raw_values.values())
    cluster = _cluster_with_phone(store_path)
    some_phone = sorted(v for v in every if v.startswith("+"))[0]
    query = quote(some_phone)
    for path in (f"/api/clusters/{cluster}", f"/clusters/{cluster}", "/api/dashboard", "/",
                 f"/api/ads?q={query}", f"/search?q={query}", "/api/ads?limit=200",
                 "/api/clusters?limit=200"):
        body = viewer.get(path)
        assert body.status_code == 200, path
        text = body.text.replace(some_phone, "")  # the viewer's own query, echoed back, is not a leak
        assert not _leaks(text, every), (path, sorted(_leaks(text, every))[:5])
    assert _leaks(analyst.get(f"/api/clusters/{cluster}").text, every)
    assert viewer.get(f"/api/ads?q={query}").json()["total"] >= 1  # search by number still works


def test_ad_views_are_custody_events(as_role, store_path):
    analyst, _ = as_role("analyst")
    with open_store(store_path) as store:
        before = len(store.custody.entries())
    assert analyst.get("/api/ads/obf-1").status_code == 200
    with open_store(store_path) as store:
        new = store.custody.entries(before)
    assert [(e["event"], e["actor"], e["target"]) for e in new] == [("view", "analyst", "ad:obf-1")]


def test_bundle_download_for_exporters_only_and_redacted_bundle_leaks_nothing(as_role, raw_values, tmp_path):
    import io
    import zipfile

    from redflags.evidence.bundle_verify import verify_bundle

    analyst, csrf = as_role("analyst")
    viewer, _ = as_role("viewer")
    case_id = analyst.post("/api/cases", json={"title": "bundle"}, headers={"x-csrf-token": csrf}).json()["id"]
    holders = [a for a, v in raw_values.items() if v][:5] + ["obf-1"]
    for ad_id in holders:
        assert analyst.post(f"/api/cases/{case_id}/items", json={"kind": "ad", "ref": ad_id},
                            headers={"x-csrf-token": csrf}).status_code == 201
    assert viewer.get(f"/api/cases/{case_id}/bundle").status_code == 403
    assert "case-export" not in viewer.get(f"/cases/{case_id}").text
    assert "case-export" in analyst.get(f"/cases/{case_id}").text
    every = set().union(*(raw_values[a] for a in holders))
    for redact in (False, True):
        r = analyst.get(f"/api/cases/{case_id}/bundle", params={"redact": redact})
        assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
        path = tmp_path / f"b{redact}.zip"
        path.write_bytes(r.content)
        assert verify_bundle(str(path))[0] == []
        with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
            text = b"".join(zf.read(n) for n in zf.namelist()).decode("utf-8", "replace")
        assert bool(_leaks(text, every)) is not redact
