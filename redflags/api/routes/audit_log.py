"""GET /api/audit: the audit trail, newest first (auditor and admin). There is no route that edits it."""
from typing import Annotated

from fastapi import APIRouter, Query

from redflags.api.deps import Auditor, StoreDep, audit

router = APIRouter(prefix="/api/audit", tags=["audit"])


@router.get("")
def read_audit(store: StoreDep, caller: Auditor, actor: str | None = None, action: str | None = None,
               before: int | None = None, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict:
    entries = [e.to_dict() for e in store.audit.entries(actor=actor, action=action, limit=limit, before=before)]
    audit(store, caller, "read_audit", None, actor=actor, action=action)
    return {"entries": entries}
