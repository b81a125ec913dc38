"""Ads: list with filters (text, identifier in any form, indicator, risk, place, dates, cluster) and detail."""
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request

from redflags.api import views
from redflags.api.deps import Reader, StoreDep, audit, shown

router = APIRouter(prefix="/api/ads", tags=["ads"])


@router.get("")
def list_ads(request: Request, store: StoreDep, caller: Reader,
             q: Annotated[str | None, Query(description="words, or an identifier written any way")] = None,
             identifier: str | None = None, indicator: str | None = None,
             level: Literal["low", "medium", "high"] | None = None, place: str | None = None,
             posted_from: str | None = None, posted_to: str | None = None, cluster: str | None = None,
             ad_type: str | None = None, order: Literal["risk", "recent"] = "risk",
             limit: Annotated[int, Query(ge=1, le=500)] = 50, offset: Annotated[int, Query(ge=0)] = 0) -> dict:
    filters = {k: v for k, v in dict(identifier=identifier, indicator=indicator, level=level, place=place,
                                     posted_from=posted_from, posted_to=posted_to, cluster=cluster,
                                     ad_type=ad_type).items() if v}
    data = views.ad_list(store, q=q, region=request.app.state.settings.region, limit=limit, offset=offset,
                         order=order, **filters)
    audit(store, caller, "search", None, q=q, **filters, results=data["total"])
    return shown(store, caller, data)


@router.get("/{ad_id}")
async def get_ad(ad_id: str, store: StoreDep, caller: Reader) -> dict:
    data = views.ad_detail(store, ad_id)
    audit(store, caller, "view_ad", ad_id)
    return shown(store, caller, data, ad=True)
