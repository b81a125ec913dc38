"""Ingest: stream ads from JSONL, CSV, HTML and WARC into the store; bad records go to quarantine."""
from redflags.ingest.runner import IngestOptions, Progress, ingest

__all__ = ["IngestOptions", "Progress", "ingest"]
