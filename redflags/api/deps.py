"""Request dependencies: the store (one connection per server thread), who is calling, and the checks
every route declares — permission, CSRF for cookie sessions, rate limits — plus the audit helper."""
from __future__ import annotations

from dataclasses import dataclass
import queue
from typing import Annotated, Any, AsyncIterator, Callable

from fastapi import Depends, Request

from redflags.api.errors import LoginRequired, RateLimited
from redflags.api.roles import allowed
from redflags.errors import Forbidden
from redflags.settings import Settings
from redflags.store import Store, open_store
from redflags.store.accounts import User

SESSION_COOKIE = "rf_session"
CSRF_HEADER = "x-csrf-token"
_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class StoreHolder:
    """Store connections lent to one request at a time. A connection per thread is not enough: FastAPI
    may resolve a dependency in one worker thread and run the route in another, so two requests could
    share one SQLite connection (and one transaction) at once. Returned connections are reused (opening
    one costs more than most requests)."""

    def __init__(self, settings: Settings, keep: int = 16) -> None:
        self.settings = settings
        self._idle: queue.SimpleQueue[Store] = queue.SimpleQueue()
        self._keep = keep

    def open(self) -> Store:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return open_store(self.settings.db)

    def give_back(self, store: Store) -> None:
        if self._idle.qsize() < self._keep:
            self._idle.put(store)
        else:
            store.close()

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


async def get_store(request: Request) -> AsyncIterator[Store]:
    holder: StoreHolder = request.app.state.stores
    store = holder.open()
    try:
        yield store
    finally:
        holder.give_back(store)


StoreDep = Annotated[Store, Depends(get_store)]


@dataclass(frozen=True, slots=True)
class Caller:
    """Who made a request: a user (through a session cookie or an API token) or nobody."""

    user: User | None
    via: str                 # "session", "token" or "anonymous"
    csrf: str | None = None
    client: str | None = None

    @property
    def name(self) -> str | None:
        return self.user.name if self.user else None

    @property
    def role(self) -> str | None:
        return self.user.role if self.user else None


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def get_caller(request: Request, store: StoreDep) -> Caller:
    client = client_address(request)
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        user = store.accounts.token_user(auth[7:].strip())
        if user is None:
            raise LoginRequired("the API token is not valid")
        return Caller(user, "token", client=client)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        found = store.accounts.session(cookie)
        if found:
            return Caller(found[0], "session", found[1], client)
    return Caller(None, "anonymous", client=client)


CallerDep = Annotated[Caller, Depends(get_caller)]


async def _csrf_token_of(request: Request) -> str | None:
    token = request.headers.get(CSRF_HEADER)
    if token is None and request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        token = (await request.form()).get("csrf_token")
    return token


def require(permission: str) -> Callable[..., Any]:
    """A dependency that lets the call through only for a caller whose role has `permission`; cookie
    sessions must also send the session's CSRF token on unsafe methods."""
    async def check(request: Request, caller: CallerDep) -> Caller:
        if caller.user is None:
            raise LoginRequired("log in first")
        if not allowed(caller.role, permission):
            raise Forbidden(f"the {caller.role} role may not {permission}")
        if caller.via == "session" and request.method in _UNSAFE:
            if await _csrf_token_of(request) != caller.csrf:
                raise Forbidden("missing or wrong CSRF token")
        return caller
    return check


def rate_limited(limiter_name: str) -> Callable[..., None]:
    """A dependency that refuses a client past its per-minute budget for `limiter_name`."""
    def check(request: Request) -> None:
        ok, wait = getattr(request.app.state, limiter_name).allow(client_address(request))
        if not ok:
            raise RateLimited(wait)
    return check


# Audit actions that look at evidence: they also go into the signed custody log as "view" events.
CUSTODY_VIEWS = frozenset({"view_ad", "view_cluster", "view_case"})


def audit(store: Store, caller: Caller, action: str, target: str | None = None, /, **detail: Any) -> None:
    """Append who did `action` on `target` to the audit trail (and views of evidence to the custody log)."""
    detail = {k: v for k, v in detail.items() if v not in (None, "", [], {})}
    with store.transaction():  # one write for both logs
        store.audit.record(action, actor=caller.name, role=caller.role, target=target, detail=detail,
                           client=caller.client)
        if action in CUSTODY_VIEWS:
            store.custody.append("view", actor=caller.name, target=f"{action[5:]}:{target}",
                                 detail={"role": caller.role, "via": caller.via})


def shown(store: Store, caller: Caller, data: dict[str, Any], *, ad: bool = False) -> dict[str, Any]:
    """`data` as `caller` may see it: for the viewer role, phones, e-mails and handles masked or
    pseudonymised and images withheld (`privacy/redact.py`); `ad` marks an `ad_detail` view."""
    if caller.role != "viewer":
        return data
    from redflags.privacy.keyed import pseudonym_key
    from redflags.privacy.redact import redact_ad_detail, scrub

    key = pseudonym_key(store.path)
    return redact_ad_detail(data, key) if ad else scrub(data, key)


Reader = Annotated[Caller, Depends(require("read"))]
Ingester = Annotated[Caller, Depends(require("ingest"))]
CaseWorker = Annotated[Caller, Depends(require("cases"))]
Exporter = Annotated[Caller, Depends(require("export"))]
Auditor = Annotated[Caller, Depends(require("audit"))]
Admin = Annotated[Caller, Depends(require("users"))]
