"""HTML pages: login, dashboard, search, ad, cluster, map, cases, and the public /check. Each page
renders the same data its JSON twin returns (`redflags.api.views`), and is audited the same way."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from redflags.api import views
from redflags.api.deps import CallerDep, CaseWorker, Reader, StoreDep, audit, shown
from redflags.api.errors import LoginRequired
from redflags.api.routes.auth import start_session
from redflags.indicators import default_pack

router = APIRouter(include_in_schema=False)
_env = Environment(loader=FileSystemLoader(str(resources.files("redflags.web").joinpath("templates"))),
                   autoescape=select_autoescape(["html"]))


def _caller_permissions(caller) -> frozenset[str]:
    from redflags.api.roles import ROLE_PERMISSIONS
    return ROLE_PERMISSIONS.get(caller.role, frozenset()) if caller and caller.user else frozenset()


_env.globals["caller_permissions"] = _caller_permissions


def render(name: str, request: Request, caller=None, **data: Any) -> HTMLResponse:
    html = _env.get_template(name).render(request=request, caller=caller, **data)
    return HTMLResponse(html, headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY",
                                       "Content-Security-Policy": "default-src 'self'; img-src 'self' data:"})


@router.get("/login")
def login_page(request: Request, next: str = "/", error: str | None = None):
    return render("login.html", request, next=next if next.startswith("/") else "/", error=error)


@router.post("/login")
def login_form(request: Request, store: StoreDep, name: str = Form(...), password: str = Form(...),
               next: str = Form("/")):
    ok, _wait = request.app.state.login_limiter.allow(request.client.host if request.client else "unknown")
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    response = RedirectResponse(target, status_code=303)
    if not ok:
        return render("login.html", request, next=target, error="Too many attempts; wait a minute.")
    try:
        start_session(store, request, response, name, password)
    except LoginRequired:
        return render("login.html", request, next=target, error="Wrong name or password.")
    return response


@router.get("/")
def dashboard(request: Request, store: StoreDep, caller: Reader):
    return render("dashboard.html", request, caller, data=shown(store, caller, views.dashboard(store)))


@router.get("/search")
def search_page(request: Request, store: StoreDep, caller: Reader, q: str = "", level: str | None = None,
                place: str | None = None, indicator: str | None = None):
    filters = {k: v for k, v in dict(level=level, place=place, indicator=indicator).items() if v}
    data = views.ad_list(store, q=q, region=request.app.state.settings.region, limit=100, **filters) \
        if (q or filters) else None
    if data is not None:
        audit(store, caller, "search", None, q=q, **filters, results=data["total"])
        data = shown(store, caller, data)
    return render("search.html", request, caller, q=q, data=data, filters=filters)


@router.get("/ads/{ad_id}")
def ad_page(ad_id: str, request: Request, store: StoreDep, caller: Reader):
    data = views.ad_detail(store, ad_id)
    audit(store, caller, "view_ad", ad_id)
    return render("ad.html", request, caller, ad=shown(store, caller, data, ad=True), cases=store.cases.list("open"))


@router.get("/clusters/{cluster_id}")
def cluster_page(cluster_id: str, request: Request, store: StoreDep, caller: Reader):
    data = views.cluster_view(store, cluster_id)
    audit(store, caller, "view_cluster", cluster_id)
    return render("cluster.html", request, caller, c=shown(store, caller, data), cases=store.cases.list("open"))


@router.get("/map")
def map_page(request: Request, store: StoreDep, caller: Reader):
    return render("map.html", request, caller, places=store.ad_queries.places(300))


@router.get("/cases")
def cases_page(request: Request, store: StoreDep, caller: Reader):
    return render("cases.html", request, caller, cases=store.cases.list())


@router.get("/cases/{case_id}")
def case_page(case_id: int, request: Request, store: StoreDep, caller: Reader):
    data = store.cases.get(case_id)
    audit(store, caller, "view_case", str(case_id))
    return render("case.html", request, caller, case=shown(store, caller, data))


@router.post("/cases")
def case_create_form(request: Request, store: StoreDep, caller: CaseWorker, title: str = Form(...)):
    case_id = store.cases.create(title, caller.name)
    audit(store, caller, "case_create", str(case_id), title=title)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@router.post("/cases/{case_id}/items")
def case_add_form(case_id: int, request: Request, store: StoreDep, caller: CaseWorker, kind: str = Form(...),
                  ref: str = Form(...)):
    if kind == "ad":
        store.get_ad(ref)
    else:
        store.link_tables.cluster(ref)
    store.cases.add_item(case_id, kind, ref, caller.name)
    audit(store, caller, "case_add", str(case_id), kind=kind, ref=ref)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@router.post("/case-items")
def case_item_form(request: Request, store: StoreDep, caller: CaseWorker, case: int = Form(...),
                   kind: str = Form(...), ref: str = Form(...)):
    """The ad and cluster pages' "add to case" form (the case is chosen in the form)."""
    return case_add_form(case, request, store, caller, kind, ref)


@router.post("/cases/{case_id}/notes")
def case_note_form(case_id: int, request: Request, store: StoreDep, caller: CaseWorker, body: str = Form(...)):
    store.cases.add_note(case_id, body, caller.name)
    audit(store, caller, "case_note", str(case_id))
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@router.post("/cases/{case_id}/status")
def case_status_form(case_id: int, request: Request, store: StoreDep, caller: CaseWorker, status: str = Form(...)):
    store.cases.set_status(case_id, status)
    audit(store, caller, "case_status", str(case_id), status=status)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@router.post("/logout")
def logout_form(request: Request, store: StoreDep, caller: CallerDep, csrf_token: str = Form("")):
    from redflags.api.deps import SESSION_COOKIE
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie and caller.user and csrf_token == caller.csrf:
        store.accounts.end_session(cookie)
        audit(store, caller, "logout", caller.name)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/check")
def check_page(request: Request, lang: str | None = None):
    """The public checker: no login, nothing stored; the page works without the API for one text too."""
    pack = default_pack()
    texts = _check_texts()
    lang = lang if lang in pack.ui and lang in texts else None
    return render("check.html", request, lang=lang, page=texts[lang or "en"], all_texts=texts,
                  languages=sorted(set(pack.ui) & set(texts)), names=_NAMES)


_NAMES = {"en": "English", "es": "Español", "fr": "Français", "pt": "Português", "ru": "Русский",
          "uk": "Українська", "ro": "Română", "id": "Bahasa Indonesia", "tl": "Tagalog", "th": "ไทย"}


@lru_cache(maxsize=1)
def _check_texts() -> dict[str, dict[str, str]]:
    """The checker page's own wording per language (data/check_texts.json); report wording is the pack's."""
    return json.loads(resources.files("redflags.web").joinpath("check_texts.json").read_text(encoding="utf-8"))
