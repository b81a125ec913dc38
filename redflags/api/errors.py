"""One error shape for every failure: {"error": {"status", "code", "message"}}; never a stack trace."""
from __future__ import annotations

import logging
import re

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException

from redflags.errors import RedflagsError

log = logging.getLogger(__name__)


class LoginRequired(RedflagsError):
    http_status = 401


class RateLimited(RedflagsError):
    http_status = 429

    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        super().__init__(f"too many requests; try again in {max(1, round(retry_after))} s")


def _code(exc: Exception) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(exc).__name__).lower()


def error_body(status: int, code: str, message: str) -> dict:
    return {"error": {"status": status, "code": code, "message": message}}


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def install(app: FastAPI) -> None:
    @app.exception_handler(RedflagsError)
    async def redflags_error(request: Request, exc: RedflagsError):
        if isinstance(exc, LoginRequired) and _wants_html(request):
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        headers = {"Retry-After": str(max(1, round(exc.retry_after)))} if isinstance(exc, RateLimited) else None
        return JSONResponse(error_body(exc.http_status, _code(exc), str(exc)), status_code=exc.http_status,
                            headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        parts = ["/".join(str(p) for p in e.get("loc", ())) + ": " + e.get("msg", "") for e in exc.errors()]
        return JSONResponse(error_body(422, "invalid_request", "; ".join(parts)), status_code=422)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return JSONResponse(error_body(exc.status_code, code, str(exc.detail)), status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse(error_body(500, "internal_error", "something went wrong on the server; it was logged"),
                            status_code=500)
