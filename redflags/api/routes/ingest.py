"""POST /api/ingest: upload a JSONL, CSV, HTML or WARC file into the store (analyst or admin)."""
import shutil
import tempfile
from functools import partial
from pathlib import Path

from fastapi import APIRouter, Request, UploadFile

from redflags.api.deps import Ingester, StoreDep, audit
from redflags.errors import InputError
from redflags.ingest import IngestOptions, ingest
from redflags.ingest.files import detect_format
from redflags.pipeline.stages import analyse_ad

router = APIRouter(prefix="/api", tags=["ingest"])


@router.post("/ingest")
def upload(file: UploadFile, request: Request, store: StoreDep, caller: Ingester, source: str | None = None) -> dict:
    name = Path(file.filename or "upload").name
    with tempfile.TemporaryDirectory(prefix="redflags-upload-") as tmp:
        path = Path(tmp) / name
        with path.open("wb") as out:
            shutil.copyfileobj(file.file, out)
        if detect_format(path) is None:
            raise InputError("cannot tell the format from the file name; use .jsonl, .csv, .html or .warc(.gz)",
                             file=name)
        settings = request.app.state.settings
        options = IngestOptions(source=source or name, batch_size=settings.batch_size, workers=1, actor=caller.name)
        report = ingest(store, [str(path)], options, enrich=partial(analyse_ad, region=settings.region))
    result = {"file": name, "ingested": report.ingested, "duplicates": report.duplicates,
              "quarantined": report.quarantined}
    audit(store, caller, "ingest", name, **result)
    return result
