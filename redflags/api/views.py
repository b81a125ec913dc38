"""The data behind every page and API route, one function each (a page and its JSON twin share it)."""
from __future__ import annotations

import re
from typing import Any

from redflags.indicators import check, default_pack
from redflags.link import LinkConfig
from redflags.link.explain import cluster_detail
from redflags.search import search
from redflags.store import Store
from redflags.store.ad_queries import AdFilter

MAX_CHECK_CHARS = 20_000


def ad_list(store: Store, *, q: str | None = None, region: str = "US", limit: int = 50, offset: int = 0,
            order: str = "risk", **filters: Any) -> dict[str, Any]:
    """Ads matching a text or identifier query (`q`, any written form) and the filters, one page."""
    matched: dict[str, dict[str, str]] = {}
    ids = None
    if q and q.strip():
        for r in search(store, q, region=region, limit=500):
            matched[r.ad.id] = {"matched": r.matched, "detail": r.detail}
        ids = list(matched)
    total, rows = store.ad_queries.find(AdFilter(ids=ids, **filters), limit=limit, offset=offset, order=order)
    for row in rows:
        row.update(matched.get(row["id"], {}))
    return {"total": total, "limit": limit, "offset": offset, "query": q, "filters": filters, "ads": rows}


def _segments(text: str, marks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut into pieces for highlighting: plain runs and marked runs (identifiers, hits), each
    marked piece listing the marks covering it."""
    cuts = sorted({0, len(text), *[m["span"][0] for m in marks], *[m["span"][1] for m in marks]})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        over = [i for i, m in enumerate(marks) if m["span"][0] <= a and m["span"][1] >= b]
        out.append({"text": text[a:b], "marks": over})
    return out


def ad_detail(store: Store, ad_id: str) -> dict[str, Any]:
    """One ad with identifiers and indicator hits (spans, explanations), its score explained, its
    cluster, and the text cut into highlightable segments."""
    ad = store.get_ad(ad_id)
    pack = default_pack()
    scored = store.score_for(ad.id)
    language = (scored[2] if scored else None) or "en"
    identifiers = [{"kind": i.kind, "value": i.value, "span": [i.start, i.end], "obfuscated": i.obfuscated}
                   for i in store.identifiers_for(ad.id)]
    hits = []
    for h in store.hits_for(ad.id):
        ind = pack.indicator(h.indicator)
        words = ind.text_for(language) or ind.text_for("en")
        hits.append({"indicator": h.indicator, "category": h.category, "span": [h.start, h.end], "text": h.text,
                     "weight": h.weight, "explanation": words.explanation if words else ind.analyst,
                     "analyst": ind.analyst, "frameworks": list(ind.frameworks)})
    score = None
    if scored:
        s, ad_type, _lang = scored
        score = {"value": round(s.value, 4), "level": s.level, "base": s.base, "ad_type": ad_type,
                 "pack_version": s.pack_version,
                 "contributions": [{"source": c.source, "amount": round(c.amount, 4), "reason": c.reason}
                                   for c in s.contributions]}
    marks = [{"type": "identifier", **i} for i in identifiers] + [{"type": "hit", **h} for h in hits]
    text = ad.text
    return {"id": ad.id, "source": ad.source, "url": ad.url, "title": ad.title, "text": text,
            "posted_at": ad.posted_at, "captured_at": ad.captured_at, "location": ad.location,
            "language": ad.language, "images": list(ad.images), "identifiers": identifiers, "hits": hits,
            "score": score, "cluster_id": store.ad_queries.cluster_of(ad.id),
            "marks": marks, "segments": _segments(text, marks)}


def cluster_list(store: Store, *, min_size: int = 2, limit: int = 50) -> dict[str, Any]:
    """Clusters, riskiest first, with their summaries."""
    rows = store.link_tables.clusters(min_size, None)
    items = [{"cluster_id": cid, "size": size, "first_posted": first, "last_posted": last,
              "risk": summary.get("risk", {}), "places": list(summary.get("places", {}))[:5],
              "indicators": list(summary.get("indicators", {}))[:5]} for cid, size, first, last, summary in rows]
    items.sort(key=lambda c: (-(c["risk"].get("max") or 0), -c["size"], c["cluster_id"]))
    return {"total": len(items), "clusters": items[:limit]}


def cluster_view(store: Store, cluster_id: str) -> dict[str, Any]:
    """One cluster (members, links, template, timeline) plus its graph: ads and shared identifiers as
    nodes, link types as edges."""
    detail = cluster_detail(store.link_tables, cluster_id, LinkConfig())
    nodes: dict[str, dict[str, Any]] = {}
    edges = []
    for t in detail["timeline"]:
        nodes[t["ad_id"]] = {"id": t["ad_id"], "type": "ad", "label": t["ad_id"]}
    for link in detail["links"]:
        if link["type"] in ("identifier", "hub"):
            key = "id:" + link["value"]
            nodes.setdefault(key, {"id": key, "type": "hub" if link["type"] == "hub" else "identifier",
                                   "label": link["value"]})
            for end in (link["a"], link["b"]):
                edge = {"source": end, "target": key, "type": link["type"]}
                if edge not in edges:
                    edges.append(edge)
        else:
            edges.append({"source": link["a"], "target": link["b"], "type": link["type"], "value": link["value"]})
    detail["graph"] = {"nodes": list(nodes.values()), "edges": edges}
    detail["template_diff"] = template_diff(detail.get("template"), detail.get("template_sample", []))
    return detail


_SLOT = re.compile(r"\{(\d+)\}")


def template_diff(template: dict[str, Any] | None, sample: list[str], rows: int = 10) -> list[dict[str, Any]]:
    """Each sampled ad as the shared template with its own slot values marked: [{"ad_id", "parts":
    [{"text", "slot"}]}], `slot` None for template text — the diff an analyst reads down the column."""
    if not template:
        return []
    values = {slot["slot"]: slot["values"] for slot in template["slots"]}
    out = []
    for i, ad_id in enumerate(sample[:rows]):
        parts, pos = [], 0
        for m in _SLOT.finditer(template["template"]):
            if m.start() > pos:
                parts.append({"text": template["template"][pos:m.start()], "slot": None})
            n = int(m.group(1))
            vals = values.get(n, [])
            parts.append({"text": (vals[i] if i < len(vals) else None) or "", "slot": n})
            pos = m.end()
        if pos < len(template["template"]):
            parts.append({"text": template["template"][pos:], "slot": None})
        out.append({"ad_id": ad_id, "parts": parts})
    return out


def trends(store: Store, *, by: str = "indicator", bucket: str = "month", top: int = 8, **filters: Any) -> dict[str, Any]:
    return store.ad_queries.trends(by, bucket, AdFilter(**filters), top)


def dashboard(store: Store) -> dict[str, Any]:
    """What the analyst sees first: totals, trends by indicator, riskiest clusters, recent high-risk ads."""
    _total, recent = store.ad_queries.find(AdFilter(level="high"), limit=10, order="recent")
    return {"stats": store.stats(), "trends": trends(store, by="indicator", bucket="month", top=6),
            "places": store.ad_queries.places(20), "clusters": cluster_list(store, limit=8)["clusters"],
            "recent_high_risk": recent}


def check_text(text: str, language: str | None = None) -> dict[str, Any]:
    """The public checker's report for a pasted ad. Pure: nothing about the text or the person is kept."""
    from redflags.errors import InputError

    if not text or not text.strip():
        raise InputError("paste the text of the job offer or ad to check")
    if len(text) > MAX_CHECK_CHARS:
        raise InputError(f"the text is too long to check ({len(text)} characters; at most {MAX_CHECK_CHARS})")
    pack = default_pack()
    if language and language not in pack.ui:
        raise InputError(f"no report wording in {language!r}; available: {', '.join(sorted(pack.ui))}")
    report = check(text, language)
    data = report.to_dict()
    data["labels"] = dict(report.labels)
    data["languages"] = sorted(pack.ui)
    return data
