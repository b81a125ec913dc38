"""`create_app(settings)`: the FastAPI application — JSON API under /api, pages, static assets, /check."""
from __future__ import annotations

from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from redflags import __version__
from redflags.api import errors
from redflags.api.deps import CallerDep, StoreHolder
from redflags.api.rate_limit import RateLimiter
from redflags.api.routes import ROUTERS
from redflags.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    """The web app over the store at `settings.db` (default: from REDFLAGS_* environment variables)."""
    settings = settings or Settings.from_env()
    stores = StoreHolder(settings)
    stores.give_back(stores.open())  # open (and migrate) the store now, so a bad path fails at start-up

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        stores.close()

    app = FastAPI(title="Redflags", version=__version__, lifespan=lifespan,
                  description="Explainable leads from online ads, for people who fight human trafficking.",
                  docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.stores = stores
    app.state.check_limiter = RateLimiter(settings.check_rate)
    app.state.login_limiter = RateLimiter(settings.login_rate)
    errors.install(app)
    for router in ROUTERS:
        app.include_router(router)
    from redflags.web.pages import router as pages
    app.include_router(pages)
    _mount_docs(app)  # before /static: its /static/swagger mount must match first
    static = resources.files("redflags.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    return app


def _mount_docs(app: FastAPI) -> None:
    """OpenAPI docs at /docs with Swagger UI served from the installed `swagger-ui-bundle` package (no
    CDN); for logged-in users, like every page but /check."""
    import swagger_ui_bundle
    from fastapi.openapi.docs import get_swagger_ui_html

    from redflags.api.errors import LoginRequired

    app.mount("/static/swagger", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger")

    @app.get("/openapi.json", include_in_schema=False)
    def openapi(caller: CallerDep):
        if caller.user is None:
            raise LoginRequired("log in first")
        return app.openapi()

    @app.get("/docs", include_in_schema=False)
    def docs(caller: CallerDep):
        if caller.user is None:
            raise LoginRequired("log in first")
        return get_swagger_ui_html(openapi_url="/openapi.json", title="Redflags API",
                                   swagger_js_url="/static/swagger/swagger-ui-bundle.js",
                                   swagger_css_url="/static/swagger/swagger-ui.css",
                                   swagger_favicon_url="/static/swagger/favicon-32x32.png")
