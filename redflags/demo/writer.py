"""Write a corpus to disk as ads.jsonl + truth.jsonl, streaming, optionally with malformed lines.

Malformed lines (for the quarantine demo) are spread evenly through ads.jsonl and have no truth
line. Their kinds cycle through: broken JSON, a record without text, invalid UTF-8 bytes, a JSON
value that is not an object, and a record whose text is not a string.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Optional

import orjson

from .corpus import generate_with_truth
from .images import render_image

BAD_KINDS = ("broken_json", "no_text", "invalid_utf8", "not_an_object", "text_not_string")


def bad_line(k: int, seed: int) -> bytes:
    """The k-th malformed line (without newline)."""
    kind = BAD_KINDS[k % len(BAD_KINDS)]
    ident = f"demo-{seed}-bad{k:05d}"
    if kind == "broken_json":
        return ('{"id": "%s", "url": "https://jobs-board.example/jobs/x", "title": "Cut off' % ident).encode()
    if kind == "no_text":
        return json.dumps({"id": ident, "url": "https://jobs-board.example/jobs/y", "title": "No body"}).encode()
    if kind == "invalid_utf8":
        return b'{"id": "' + ident.encode() + b'", "title": "Broken bytes", "text": "caf\xe9 \xff\xfe job"}'
    if kind == "not_an_object":
        return json.dumps(["not", "an", "ad", ident]).encode()
    return json.dumps({"id": ident, "title": "Odd", "text": {"nested": True}}).encode()


def _bad_positions(n: int, bad: int) -> set[int]:
    """Indices (before which a bad line is written) spread evenly over the n good records."""
    return {((k + 1) * n) // (bad + 1) for k in range(bad)} if bad else set()


def write_corpus(out_dir, n: int, seed: int = 7, *, bad: int = 0, images: bool = False,
                 progress: Optional[Callable[[str, int, int], None]] = None, workers: int | None = 1) -> dict:
    """Write out_dir/ads.jsonl and out_dir/truth.jsonl; return {"ads", "truth", "bad", "networks"} counts.

    With `images`, also render every picture the ads reference into out_dir/img/ (adds an "images" count),
    so `redflags link --images out_dir/img` links from files as it would from a real capture."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    positions = sorted(_bad_positions(n, bad))
    written_bad = 0
    networks = 0  # operators are numbered in order of first ad, so the largest id is the count
    refs: set[str] = set()
    with open(out / "ads.jsonl", "wb") as ads_f, open(out / "truth.jsonl", "wb") as truth_f:
        for i, (ad, record) in enumerate(generate_with_truth(n, seed)):
            while written_bad < len(positions) and positions[written_bad] <= i:
                ads_f.write(bad_line(written_bad, seed) + b"\n")
                written_bad += 1
            ads_f.write(orjson.dumps(ad) + b"\n")
            if images:
                refs.update(ad.get("images") or ())
            truth_f.write(orjson.dumps(record) + b"\n")
            if record["network"]:
                networks = max(networks, int(record["network"][4:]))
        for k in range(written_bad, bad):
            ads_f.write(bad_line(k, seed) + b"\n")
    counts = {"ads": n, "truth": n, "bad": bad, "networks": networks}
    if images:
        counts["images"] = write_images(out / "img", sorted(refs), progress, workers)
    return counts


def write_images(folder: Path, refs: list[str], progress: Optional[Callable[[str, int, int], None]] = None,
                 workers: int | None = 1) -> int:
    """Render each reference once into `folder` (a file already there is kept: reruns only add), over
    `workers` processes (None: one per core); returns how many files the folder holds for `refs`."""
    from redflags.link.image_sources import file_names  # here, not at the top: redflags.link loads NumPy
    from redflags.pipeline.local import ordered_map

    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / file_names(ref)[-1] for ref in refs]
    todo = [(ref, path) for ref, path in zip(refs, paths) if not path.exists()]
    done = len(refs) - len(todo)
    for (_, path), png in zip(todo, ordered_map(render_image, [ref for ref, _ in todo], workers, chunk=64)):
        tmp = path.with_suffix(".part")
        tmp.write_bytes(png)
        tmp.replace(path)
        done += 1
        if progress and (done % 200 == 0 or done == len(refs)):
            progress("images", done, len(refs))
    if progress and not todo:
        progress("images", done, len(refs))
    return len(refs)
