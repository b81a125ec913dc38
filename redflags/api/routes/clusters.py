"""Clusters: list (riskiest first) and detail with members, links, template, timeline and graph."""
from typing import Annotated

from fastapi import APIRouter, Query

from redflags.api import views
from redflags.api.deps import Reader, StoreDep, audit, shown

router = APIRouter(prefix="/api/clusters", tags=["clusters"])


@router.get("")
def list_clusters(store: StoreDep, caller: Reader, min_size: Annotated[int, Query(ge=2)] = 2,
                  limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> dict:
    return shown(store, caller, views.cluster_list(store, min_size=min_size, limit=limit))


@router.get("/{cluster_id}")
def get_cluster(cluster_id: str, store: StoreDep, caller: Reader) -> dict:
    data = views.cluster_view(store, cluster_id)
    audit(store, caller, "view_cluster", cluster_id)
    return shown(store, caller, data)
