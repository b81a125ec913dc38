"""Case bundles: one zip with a case's ads, the records and images as received, what was extracted, the
links with their reasons, notes, custody entries, a report, and a manifest of SHA-256 hashes signed
with the installation's Ed25519 key. `bundle_verify.py` checks one without Redflags or the store.

Layout: manifest.json, manifest.sig, case.json, ads.jsonl, links.jsonl, custody.jsonl, report.html,
verify_bundle.py, raw/<sha256> (records as received), images/<sha256> (image bytes as fetched).
A redacted bundle (`redact=True`) masks phones, e-mails and handles, pseudonymises their values and
leaves out raw records and images, which hold them verbatim.
"""
from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any, Callable

import orjson

from redflags.errors import NotFound
from redflags.evidence import keys
from redflags.evidence.bundle_verify import FORMAT, MANIFEST, SIGNATURE
from redflags.link import LinkConfig
from redflags.link.explain import cluster_links
from redflags.store import Store

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class BundleSummary:
    path: Path
    case_id: int
    ads: int
    raw_items: int
    images: int
    files: int
    bytes: int
    manifest_sha256: str
    custody_seq: int


def _jsonl(rows: list[dict[str, Any]]) -> bytes:
    return b"".join(orjson.dumps(r) + b"\n" for r in rows)


def case_ad_ids(store: Store, case: dict[str, Any]) -> list[str]:
    """The ads a case holds: those added one by one, and every member of each cluster added."""
    ids: dict[str, None] = {}
    for item in case["items"]:
        if item["kind"] == "ad":
            ids[item["ref"]] = None
        else:
            for _c, _seq, ad_id, _p, _l in store.link_tables.members(item["ref"]):
                ids[ad_id] = None
    return list(ids)


def _ad_record(store: Store, ad_id: str, image_items: dict[str, str | None]) -> dict[str, Any]:
    ad = store.get_ad(ad_id)
    scored = store.score_for(ad_id)
    return {
        "id": ad.id, "source": ad.source, "url": ad.url, "title": ad.title, "text": ad.text,
        "posted_at": ad.posted_at, "captured_at": ad.captured_at, "location": ad.location, "language": ad.language,
        "content_sha256": ad.content_sha256, "raw_sha256": ad.raw_sha256,
        "images": [{"ref": ref, "sha256": image_items.get(ref)} for ref in ad.images],
        "identifiers": [{"kind": i.kind, "value": i.value, "span": [i.start, i.end], "obfuscated": i.obfuscated}
                        for i in store.identifiers_for(ad_id)],
        "hits": [{"indicator": h.indicator, "category": h.category, "span": [h.start, h.end], "text": h.text,
                  "weight": h.weight} for h in store.hits_for(ad_id)],
        "score": None if scored is None else {
            "value": round(scored[0].value, 4), "level": scored[0].level, "ad_type": scored[1],
            "pack_version": scored[0].pack_version,
            "contributions": [{"source": c.source, "amount": round(c.amount, 4), "reason": c.reason}
                              for c in scored[0].contributions]},
        "cluster_id": store.ad_queries.cluster_of(ad_id),
    }


def _links(store: Store, ads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Evidence links between two of the case's ads, with the reason for each."""
    inside = {a["id"] for a in ads}
    out = []
    for cid in sorted({a["cluster_id"] for a in ads if a["cluster_id"]}):
        for link in cluster_links(store.link_tables, cid, LinkConfig()):
            if link["a"] in inside and link["b"] in inside:
                out.append({"cluster_id": cid, **link})
    return out


def _custody(store: Store, case_id: int, ads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Custody entries about this case, its ads and clusters, every import, and the signed head entry."""
    targets = {f"case:{case_id}"} | {f"ad:{a['id']}" for a in ads} | {f"cluster:{a['cluster_id']}" for a in ads}
    entries = store.custody.entries()
    keep = [e for e in entries if e["event"] == "import" or e["target"] in targets]
    if entries and (not keep or keep[-1]["seq"] != entries[-1]["seq"]):
        keep.append(entries[-1])  # the head, so its signature can be checked against an included entry
    return keep


def _image_items(store: Store, refs: set[str]) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    refs_list = sorted(refs)
    for start in range(0, len(refs_list), 500):
        chunk = refs_list[start:start + 500]
        found.update(store.execute(f"SELECT ref, sha256 FROM image_hashes WHERE ref IN ({','.join('?' * len(chunk))})",
                                   chunk))
    return found


def _redacted(ads, links, case, key: bytes):
    from redflags.privacy.redact import MASKED_KINDS, mask_spans, redact_text, scrub

    out = []
    for a in ads:
        spans = [tuple(i["span"]) for i in a["identifiers"] if i["kind"] in MASKED_KINDS]
        text = redact_text(mask_spans(a["text"], spans))
        a = scrub({k: v for k, v in a.items() if k not in ("text", "raw_sha256")}, key)  # images withheld
        a.update(text=text, raw_sha256=None)
        out.append(a)
    return out, scrub(links, key), scrub(case, key)


def export_case(store: Store, case_id: int, out: Path, *, actor: str | None = None, redact: bool = False,
                progress: Progress | None = None) -> BundleSummary:
    """Write the case bundle to `out` (replaced atomically) and log the export in the custody log."""
    progress = progress or (lambda *_: None)
    case = store.cases.get(case_id)
    ad_ids = case_ad_ids(store, case)
    ads_images = {ref for ad_id in ad_ids for ref in store.get_ad(ad_id).images}
    image_items = _image_items(store, ads_images)
    ads = []
    for n, ad_id in enumerate(ad_ids, 1):
        ads.append(_ad_record(store, ad_id, image_items))
        if n % 200 == 0 or n == len(ad_ids):
            progress("ads", n, len(ad_ids))
    links = _links(store, ads)
    custody = _custody(store, case_id, ads)
    exported_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    case_doc = {k: case[k] for k in ("id", "title", "status", "created_by", "created_at", "updated_at")}
    case_doc.update(items=case["items"], notes=case["notes"])
    if redact:
        from redflags.privacy.keyed import pseudonym_key

        ads, links, case_doc = _redacted(ads, links, case_doc, pseudonym_key(store.path))

    files: dict[str, bytes] = {
        "case.json": orjson.dumps(case_doc, option=orjson.OPT_INDENT_2),
        "ads.jsonl": _jsonl(ads),
        "links.jsonl": _jsonl(links),
        "custody.jsonl": _jsonl(custody),
        "verify_bundle.py": resources.files("redflags.evidence").joinpath("bundle_verify.py").read_bytes(),
    }
    raw_count = image_count = 0
    if not redact:
        for a in ads:
            if a["raw_sha256"] and f"raw/{a['raw_sha256']}" not in files:
                files[f"raw/{a['raw_sha256']}"] = store.evidence_item(a["raw_sha256"])
                raw_count += 1
            for img in a["images"]:
                if img["sha256"] and f"images/{img['sha256']}" not in files:
                    try:
                        files[f"images/{img['sha256']}"] = store.evidence_item(img["sha256"])
                    except NotFound:  # bytes not kept (link --no-keep-image-bytes) or purged: the SHA-256 stays listed
                        continue
                    image_count += 1
    key = keys.load_or_create(store.custody.key_path)
    head = store.custody.head()
    files["report.html"] = _report(case_doc, ads, links, custody, exported_at, actor, redact,
                                   keys.public_hex(key), raw_count, image_count).encode()
    manifest = {
        "format": FORMAT, "case_id": case_id, "title": case["title"], "exported_at": exported_at,
        "exported_by": actor, "redacted": redact, "public_key": keys.public_hex(key),
        "custody_head": {k: head[k] for k in ("seq", "entry_hash", "signature")} if head else None,
        "counts": {"ads": len(ads), "links": len(links), "raw_items": raw_count, "images": image_count,
                   "custody_entries": len(custody), "notes": len(case["notes"])},
        "files": [{"path": p, "sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for p, d in sorted(files.items())],
    }
    raw_manifest = orjson.dumps(manifest, option=orjson.OPT_INDENT_2)
    tmp = out.with_name(out.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for path, data in sorted(files.items()):
            # images are already compressed: storing them saves time and changes nothing
            zf.writestr(path, data, compress_type=zipfile.ZIP_STORED if path.startswith("images/") else None)
        zf.writestr(MANIFEST, raw_manifest)
        zf.writestr(SIGNATURE, key.sign(raw_manifest).hex() + "\n")
    tmp.replace(out)
    progress("write", 1, 1)
    manifest_sha = hashlib.sha256(raw_manifest).hexdigest()
    seq = store.custody.append("export", actor=actor, target=f"case:{case_id}",
                               detail={"file": out.name, "manifest_sha256": manifest_sha, "redacted": redact,
                                       "ads": len(ads)})
    return BundleSummary(out, case_id, len(ads), raw_count, image_count, len(files) + 2, out.stat().st_size,
                         manifest_sha, seq)


def _report(case, ads, links, custody, exported_at, actor, redact, public_key, raw_count, image_count) -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(resources.files("redflags.evidence").joinpath("templates"))),
                      autoescape=select_autoescape(["html"]))
    levels: dict[str, int] = {}
    for a in ads:
        if a["score"]:
            levels[a["score"]["level"]] = levels.get(a["score"]["level"], 0) + 1
    return env.get_template("report.html").render(
        case=case, ads=ads, links=links, custody=custody, exported_at=exported_at, actor=actor, redact=redact,
        public_key=public_key, raw_count=raw_count, image_count=image_count, levels=levels)
