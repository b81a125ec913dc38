"""Cases: collect ads and clusters, write notes, set the status (analysts; viewers may read)."""
import tempfile
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, BackgroundTasks
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

from redflags.api.deps import CaseWorker, Exporter, Reader, StoreDep, audit, shown

router = APIRouter(prefix="/api/cases", tags=["cases"])


class CaseIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)


class ItemIn(BaseModel):
    kind: Literal["ad", "cluster"]
    ref: str = Field(min_length=1)


class NoteIn(BaseModel):
    body: str = Field(min_length=1, max_length=20_000)


class StatusIn(BaseModel):
    status: Literal["open", "closed", "archived"]


@router.get("")
def list_cases(store: StoreDep, caller: Reader, status: Literal["open", "closed", "archived"] | None = None) -> dict:
    return {"cases": store.cases.list(status)}


@router.post("", status_code=201)
def create_case(body: CaseIn, store: StoreDep, caller: CaseWorker) -> dict:
    case_id = store.cases.create(body.title, caller.name)
    audit(store, caller, "case_create", str(case_id), title=body.title)
    return store.cases.get(case_id)


@router.get("/{case_id}")
def get_case(case_id: int, store: StoreDep, caller: Reader) -> dict:
    data = store.cases.get(case_id)
    audit(store, caller, "view_case", str(case_id))
    return shown(store, caller, data)


@router.post("/{case_id}/items", status_code=201)
def add_item(case_id: int, body: ItemIn, store: StoreDep, caller: CaseWorker) -> dict:
    if body.kind == "ad":
        store.get_ad(body.ref)  # NotFound for an unknown ad
    else:
        store.link_tables.cluster(body.ref)
    store.cases.add_item(case_id, body.kind, body.ref, caller.name)
    audit(store, caller, "case_add", str(case_id), kind=body.kind, ref=body.ref)
    return store.cases.get(case_id)


@router.delete("/{case_id}/items/{kind}/{ref}")
def remove_item(case_id: int, kind: Literal["ad", "cluster"], ref: str, store: StoreDep, caller: CaseWorker) -> dict:
    store.cases.remove_item(case_id, kind, ref)
    audit(store, caller, "case_remove", str(case_id), kind=kind, ref=ref)
    return store.cases.get(case_id)


@router.post("/{case_id}/notes", status_code=201)
def add_note(case_id: int, body: NoteIn, store: StoreDep, caller: CaseWorker) -> dict:
    store.cases.add_note(case_id, body.body, caller.name)
    audit(store, caller, "case_note", str(case_id))
    return store.cases.get(case_id)


@router.put("/{case_id}/status")
def set_status(case_id: int, body: StatusIn, store: StoreDep, caller: CaseWorker) -> dict:
    store.cases.set_status(case_id, body.status)
    audit(store, caller, "case_status", str(case_id), status=body.status)
    return store.cases.get(case_id)


@router.get("/{case_id}/bundle", response_class=FileResponse)
def export_bundle(case_id: int, store: StoreDep, caller: Exporter, background: BackgroundTasks,
                  redact: bool = False) -> FileResponse:
    """The case's signed evidence bundle (zip); `redact` masks contact details and leaves out raw records
    and images. The export is logged in the audit trail and the custody log."""
    from redflags.evidence.bundle import export_case

    folder = tempfile.TemporaryDirectory(prefix="redflags-bundle-")
    out = Path(folder.name) / f"case-{case_id}{'-redacted' if redact else ''}.zip"
    summary = export_case(store, case_id, out, actor=caller.name, redact=redact)
    audit(store, caller, "export", str(case_id), kind="case_bundle", redacted=redact,
          manifest_sha256=summary.manifest_sha256)
    background.add_task(folder.cleanup)
    return FileResponse(out, media_type="application/zip", filename=out.name)
