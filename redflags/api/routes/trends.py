"""Trends: ads over time by indicator, place, ad type or risk level; activity by place for the map."""
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from redflags.api import views
from redflags.api.deps import Reader, StoreDep, shown

router = APIRouter(prefix="/api", tags=["trends"])


@router.get("/trends")
def get_trends(store: StoreDep, caller: Reader,
               by: Literal["indicator", "place", "ad_type", "level"] = "indicator",
               bucket: Literal["day", "month", "year"] = "month", top: Annotated[int, Query(ge=1, le=50)] = 8,
               place: str | None = None, indicator: str | None = None, posted_from: str | None = None,
               posted_to: str | None = None) -> dict:
    filters = {k: v for k, v in dict(place=place, indicator=indicator, posted_from=posted_from,
                                     posted_to=posted_to).items() if v}
    return views.trends(store, by=by, bucket=bucket, top=top, **filters)


@router.get("/places")
def get_places(store: StoreDep, caller: Reader, limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> dict:
    return {"places": store.ad_queries.places(limit)}


@router.get("/dashboard")
def get_dashboard(store: StoreDep, caller: Reader) -> dict:
    return shown(store, caller, views.dashboard(store))
