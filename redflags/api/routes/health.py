"""GET /health: the server is up and the store opens (no login)."""
from fastapi import APIRouter

from redflags.api.deps import StoreDep

router = APIRouter(tags=["health"])


@router.get("/health")
async def health(store: StoreDep) -> dict:
    return {"status": "ok", "schema_version": store.schema_version}
