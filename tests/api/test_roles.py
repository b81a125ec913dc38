"""Each role can do exactly what it should; anonymous callers get only /check and health."""
from __future__ import annotations

import pytest

from tests.api.conftest import ROLES

# (method, path, json body, permission needed or None for public)
ROUTES = [
    ("GET", "/health", None, None),
    ("POST", "/api/check", {"text": "Free visa, pay a 300 USD fee"}, None),
    ("GET", "/api/ads", None, "read"),
    ("GET", "/api/ads/obf-1", None, "read"),
    ("GET", "/api/clusters", None, "read"),
    ("GET", "/api/trends", None, "read"),
    ("GET", "/api/places", None, "read"),
    ("GET", "/api/dashboard", None, "read"),
    ("GET", "/api/cases", None, "read"),
    ("POST", "/api/cases", {"title": "role test"}, "cases"),
    ("GET", "/api/audit", None, "audit"),
    ("GET", "/api/users", None, "users"),
    ("GET", "/", None, "read"),
    ("GET", "/search?q=visa", None, "read"),
    ("GET", "/ads/obf-1", None, "read"),
    ("GET", "/map", None, "read"),
    ("GET", "/cases", None, "read"),
    ("GET", "/check", None, None),
    ("GET", "/openapi.json", None, "any"),
    ("GET", "/docs", None, "any"),
]
CAN = {"admin": {"read", "cases", "audit", "users", "ingest", "export", "any"},
       "analyst": {"read", "cases", "ingest", "export", "any"}, "viewer": {"read", "any"}, "auditor": {"audit", "any"}}


@pytest.mark.parametrize("method,path,body,needs", ROUTES, ids=[f"{m} {p}" for m, p, _b, _n in ROUTES])
def test_anonymous_gets_only_public_routes(anon, method, path, body, needs):
    r = anon.request(method, path, json=body, headers={"accept": "application/json"})
    if needs is None:
        assert r.status_code == 200
    else:
        assert r.status_code == 401
        assert r.json()["error"]["code"] == "login_required"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method,path,body,needs", [r for r in ROUTES if r[3]], ids=[f"{m} {p}" for m, p, _b, n in ROUTES if n])
def test_each_role_can_do_exactly_its_permissions(as_role, role, method, path, body, needs):
    client, csrf = as_role(role)
    r = client.request(method, path, json=body, headers={"x-csrf-token": csrf})
    if needs in CAN[role]:
        assert r.status_code in (200, 201), r.text
    else:
        assert r.status_code == 403
        assert r.json()["error"]["code"] == "forbidden"


def test_html_page_sends_anonymous_browser_to_login(anon):
    r = anon.get("/search", headers={"accept": "text/html"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_api_token_works_without_cookie_or_csrf(app, store_path):
    from fastapi.testclient import TestClient

    from redflags.store import open_store
    with open_store(store_path) as store:
        token = store.accounts.new_token("analyst")
    client = TestClient(app)
    auth = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/ads?limit=1", headers=auth).status_code == 200
    assert client.post("/api/cases", json={"title": "by script"}, headers=auth).status_code == 201
    assert client.get("/api/ads", headers={"Authorization": "Bearer rf_wrong"}).status_code == 401
