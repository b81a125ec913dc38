"""The JSON API against a real store: search, detail with spans, clusters, trends, check, cases, ingest,
audit, CSRF, rate limits and the one error shape."""
from __future__ import annotations

import sqlite3

import pytest
from fastapi.testclient import TestClient

from redflags.api import create_app
from redflags.settings import Settings


def test_search_finds_an_obfuscated_phone_typed_another_way(as_role):
    client, _ = as_role("analyst")
    data = client.get("/api/ads", params={"q": "(702) 555-0199"}).json()
    assert [a["id"] for a in data["ads"]] == ["obf-1"]
    assert data["ads"][0]["matched"] == "identifier" and "+17025550199" in data["ads"][0]["detail"]


def test_filters_narrow_the_list(as_role):
    client, _ = as_role("viewer")
    every = client.get("/api/ads", params={"limit": 500}).json()
    high = client.get("/api/ads", params={"level": "high", "limit": 500}).json()
    assert 0 < high["total"] < every["total"]
    assert all(a["level"] == "high" for a in high["ads"])
    place = client.get("/api/ads", params={"place": "Las Vegas"}).json()
    assert place["total"] >= 1 and all("Las Vegas" in a["location"] for a in place["ads"])
    late = client.get("/api/ads", params={"posted_from": "2026-01-01", "limit": 500}).json()
    assert all(a["posted_at"] >= "2026-01-01" for a in late["ads"]) and late["total"] < every["total"]


def test_ad_detail_has_spans_that_point_at_the_text(as_role):
    client, _ = as_role("analyst")  # viewers get masked values (tests/api/test_redaction.py)
    ad = client.get("/api/ads/obf-1").json()
    phone = next(i for i in ad["identifiers"] if i["kind"] == "phone")
    assert phone["value"] == "+17025550199" and phone["obfuscated"]
    assert ad["text"][phone["span"][0]:phone["span"][1]].startswith("seven0two")
    assert ad["hits"], "the fee sentence should be a hit"
    for h in ad["hits"]:
        assert ad["text"][h["span"][0]:h["span"][1]] == h["text"] and h["explanation"]
    assert "".join(s["text"] for s in ad["segments"]) == ad["text"]
    assert ad["score"]["contributions"]


def test_unknown_ad_is_a_404_in_the_error_shape(as_role):
    client, _ = as_role("viewer")
    r = client.get("/api/ads/nope")
    assert r.status_code == 404
    assert r.json() == {"error": {"status": 404, "code": "not_found", "message": "no ad with id 'nope'"}}


def test_clusters_list_and_detail_with_graph(as_role):
    client, _ = as_role("analyst")
    clusters = client.get("/api/clusters").json()["clusters"]
    assert clusters
    c = client.get(f"/api/clusters/{clusters[0]['cluster_id']}").json()
    ads = {n["id"] for n in c["graph"]["nodes"] if n["type"] == "ad"}
    assert ads == {t["ad_id"] for t in c["timeline"]} and len(ads) == c["size"]
    assert c["graph"]["edges"] and c["links"]


def test_trends_count_ads_per_month(as_role):
    client, _ = as_role("viewer")
    t = client.get("/api/trends", params={"by": "level", "bucket": "month"}).json()
    total = client.get("/api/ads", params={"limit": 1}).json()["total"]
    assert sum(sum(v) for v in t["series"].values()) == total  # every ad has a date and a level
    assert t["buckets"] == sorted(t["buckets"])


def test_check_reports_flags_in_the_chosen_language(anon):
    text = "Trabajo en España, sin experiencia. Pague 300 euros de inscripción. Guardamos su pasaporte."
    es = anon.post("/api/check", json={"text": text}).json()
    assert es["language"] == "es" and es["hits"] and es["level"] in ("medium", "high")
    en = anon.post("/api/check", json={"text": text, "language": "en"}).json()
    assert en["language"] == "en" and en["summary"] != es["summary"]
    bad = anon.post("/api/check", json={"text": "  "})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "input_error"


def test_check_stores_nothing(anon, store_path):
    before = [sqlite3.connect(store_path).execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
              for t in ("ads", "audit", "identifiers")]
    anon.post("/api/check", json={"text": "Call 702-555-0123, pay the visa fee"})
    after = [sqlite3.connect(store_path).execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
             for t in ("ads", "audit", "identifiers")]
    assert before == after


def test_viewing_an_ad_writes_an_audit_row(as_role, store_path):
    client, _ = as_role("viewer")
    client.get("/api/ads/obf-1")
    auditor, _ = as_role("auditor")
    entries = auditor.get("/api/audit", params={"actor": "viewer", "action": "view_ad"}).json()["entries"]
    assert entries[0]["target"] == "obf-1" and entries[0]["role"] == "viewer" and entries[0]["client"]


def test_search_is_audited_with_its_query(as_role):
    client, _ = as_role("analyst")
    client.get("/api/ads", params={"q": "waitress", "level": "high"})
    auditor, _ = as_role("auditor")
    e = auditor.get("/api/audit", params={"actor": "analyst", "action": "search"}).json()["entries"][0]
    assert e["detail"]["q"] == "waitress" and e["detail"]["level"] == "high"


def test_audit_trail_cannot_be_edited(store_path):
    conn = sqlite3.connect(store_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit SET actor = 'someone else'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit")


def test_cookie_session_needs_the_csrf_token(as_role):
    client, csrf = as_role("analyst")
    assert client.post("/api/cases", json={"title": "x"}).status_code == 403
    assert client.post("/api/cases", json={"title": "x"}, headers={"x-csrf-token": "wrong"}).status_code == 403
    assert client.post("/api/cases", json={"title": "x"}, headers={"x-csrf-token": csrf}).status_code == 201


def test_case_flow_collects_ads_clusters_notes_and_status(as_role):
    client, csrf = as_role("analyst")
    h = {"x-csrf-token": csrf}
    case = client.post("/api/cases", json={"title": "Las Vegas waitress ring"}, headers=h).json()
    cid = client.get("/api/clusters").json()["clusters"][0]["cluster_id"]
    client.post(f"/api/cases/{case['id']}/items", json={"kind": "ad", "ref": "obf-1"}, headers=h)
    client.post(f"/api/cases/{case['id']}/items", json={"kind": "cluster", "ref": cid}, headers=h)
    client.post(f"/api/cases/{case['id']}/notes", json={"body": "same fee wording"}, headers=h)
    done = client.put(f"/api/cases/{case['id']}/status", json={"status": "closed"}, headers=h).json()
    assert {(i["kind"], i["ref"]) for i in done["items"]} == {("ad", "obf-1"), ("cluster", cid)}
    assert done["notes"][0]["body"] == "same fee wording" and done["status"] == "closed"
    missing = client.post(f"/api/cases/{case['id']}/items", json={"kind": "ad", "ref": "nope"}, headers=h)
    assert missing.status_code == 404


def test_upload_ingests_a_file_and_quarantines_bad_lines(as_role, store_path):
    from redflags.store import open_store

    client, csrf = as_role("analyst")
    body = ('{"id": "up-1", "text": "Cleaner wanted in Dubai, pay 200 USD fee, call +971 50 123 4567"}\n'
            'not json\n')
    r = client.post("/api/ingest", files={"file": ("upload.jsonl", body.encode())}, headers={"x-csrf-token": csrf})
    assert r.json() == {"file": "upload.jsonl", "ingested": 1, "duplicates": 0, "quarantined": 1}
    ad = client.get("/api/ads/up-1").json()
    assert any(i["value"] == "+971501234567" for i in ad["identifiers"])
    with open_store(store_path) as store:
        imports = [e for e in store.custody.entries() if e["event"] == "import"]
        bad = store.execute("SELECT raw_sha256 FROM quarantine WHERE reason LIKE 'bad JSON%' ORDER BY seq DESC LIMIT 1")
        assert store.evidence_item(bad[0][0]) == b"not json"  # the bad line is kept as received
    assert imports[-1]["actor"] == "analyst" and imports[-1]["detail"]["totals_after"]["ingested"] == 1
    viewer, vcsrf = as_role("viewer")
    assert viewer.post("/api/ingest", files={"file": ("u.jsonl", body.encode())},
                       headers={"x-csrf-token": vcsrf}).status_code == 403


def test_check_is_rate_limited_per_client(store_path):
    client = TestClient(create_app(Settings(db=store_path, check_rate=3)))
    codes = [client.post("/api/check", json={"text": "free visa"}).status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]
    r = client.post("/api/check", json={"text": "free visa"})
    assert r.json()["error"]["code"] == "rate_limited" and int(r.headers["retry-after"]) >= 1


def test_login_is_rate_limited_and_wrong_password_refused(store_path):
    client = TestClient(create_app(Settings(db=store_path, login_rate=2)))
    codes = [client.post("/api/login", json={"name": "viewer", "password": "wrong password!"}).status_code
             for _ in range(3)]
    assert codes == [401, 401, 429]


def test_validation_errors_and_server_errors_share_the_shape(as_role):
    client, _ = as_role("viewer")
    r = client.get("/api/ads", params={"limit": 0})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request" and "limit" in r.json()["error"]["message"]


def test_unexpected_errors_hide_the_stack_trace(store_path):
    app = create_app(Settings(db=store_path))

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("secret internals")
    r = TestClient(app, raise_server_exceptions=False).get("/api/boom")
    assert r.status_code == 500 and "secret" not in r.text and r.json()["error"]["code"] == "internal_error"


def test_docs_are_served_without_a_cdn(as_role):
    client, _ = as_role("viewer")
    html = client.get("/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200
    assert "/api/ads" in client.get("/openapi.json").json()["paths"]


def test_template_diff_rebuilds_each_sampled_ad_from_template_and_slots(as_role):
    client, _ = as_role("analyst")
    for c in client.get("/api/clusters").json()["clusters"]:
        d = client.get(f"/api/clusters/{c['cluster_id']}").json()
        if d["template"] and d["template"]["slots"]:
            break
    else:
        raise AssertionError("no cluster with a template in the test store")
    rows = d["template_diff"]
    assert [r["ad_id"] for r in rows] == d["template_sample"][:10]
    for row in rows:
        slots = [p for p in row["parts"] if p["slot"] is not None]
        assert len(slots) == d["template"]["template"].count("{")
        text = client.get(f"/api/ads/{row['ad_id']}").json()["text"]
        for p in row["parts"]:
            if p["slot"] is None:
                assert p["text"].strip()[:20] in text  # the template's fixed text is in every member
            elif p["text"]:
                assert p["text"] in text  # and each ad's own slot value is in its text
