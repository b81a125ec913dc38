"""Login and logout (session cookie + CSRF token), and who am I."""
from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel

from redflags.api.deps import SESSION_COOKIE, CallerDep, StoreDep, audit, rate_limited
from redflags.api.errors import LoginRequired
from redflags.api.roles import ROLE_PERMISSIONS

router = APIRouter(prefix="/api", tags=["auth"])


class LoginIn(BaseModel):
    name: str
    password: str


def start_session(store, request: Request, response: Response, name: str, password: str) -> dict:
    """Check the password, set the session cookie on `response`; shared by the API and the login page."""
    from redflags.api.deps import Caller, client_address

    user = store.accounts.verify(name, password)
    client = client_address(request)
    if user is None:
        store.audit.record("login_failed", actor=None, role=None, target=name[:100], client=client)
        raise LoginRequired("wrong name or password")
    settings = request.app.state.settings
    token, csrf = store.accounts.start_session(user, settings.session_hours)
    response.set_cookie(SESSION_COOKIE, token, max_age=int(settings.session_hours * 3600), httponly=True,
                        samesite="lax", secure=settings.secure_cookies, path="/")
    audit(store, Caller(user, "session", csrf, client), "login", user.name)
    return {"name": user.name, "role": user.role, "csrf_token": csrf}


@router.post("/login", dependencies=[Depends(rate_limited("login_limiter"))])
def login(body: LoginIn, request: Request, response: Response, store: StoreDep) -> dict:
    return start_session(store, request, response, body.name, body.password)


@router.post("/logout")
def logout(request: Request, response: Response, store: StoreDep, caller: CallerDep) -> dict:
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie and caller.user:
        if request.headers.get("x-csrf-token") != caller.csrf:
            from redflags.errors import Forbidden
            raise Forbidden("missing or wrong CSRF token")
        store.accounts.end_session(cookie)
        audit(store, caller, "logout", caller.name)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return {"logged_out": True}


@router.get("/me")
def me(caller: CallerDep) -> dict:
    if caller.user is None:
        raise LoginRequired("log in first")
    return {"name": caller.name, "role": caller.role, "via": caller.via, "csrf_token": caller.csrf,
            "permissions": sorted(ROLE_PERMISSIONS[caller.role])}
