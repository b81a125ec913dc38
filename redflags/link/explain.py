"""Read side: a cluster as the analyst sees it — members, evidence edges with their shared value, template
and timeline. Edges are summarised per shared value: the earliest ad holding a value is linked to each
other ad holding it (a star), so a phone on 500 ads gives 499 edges, not 124,750.
"""
from __future__ import annotations

from collections import defaultdict


from redflags.link.config import LinkConfig
from redflags.link.identifier_graph import LINK_KINDS
from redflags.link.images import as_matrix, hamming, near_pairs
from redflags.link.union_find import UnionFind, components
from redflags.link.templates import extract_template

TEMPLATE_SAMPLE = 20


def cluster_links(tables, cluster_id: str, config: LinkConfig) -> list[dict]:
    """Evidence edges inside one cluster: identifier stars, near-duplicate pairs, image matches."""
    members = tables.members(cluster_id)
    ids = {seq: ad_id for _c, seq, ad_id, _p, _l in members}
    hubs = {(k, v) for k, v, *_ in tables.hubs()}
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for seq, kind, value in tables.cluster_keys(cluster_id, LINK_KINDS):
        by_key[(kind, value)].append(seq)
    links = []
    for (kind, value), seqs in sorted(by_key.items()):
        if len(seqs) < 2:
            continue
        typ = "hub" if (kind, value) in hubs else "identifier"
        links += [{"a": ids[seqs[0]], "b": ids[s], "type": typ, "value": f"{kind}:{value}"} for s in seqs[1:]]
    for a, b, _t, value, weight in tables.cluster_links(cluster_id):
        if weight >= config.text_threshold and a in ids:
            links.append({"a": ids[a], "b": ids[b], "type": "near_duplicate", "value": value})
    links += _image_links(tables, cluster_id, ids, config)
    return links


def _image_links(tables, cluster_id: str, ids: dict[int, str], config: LinkConfig) -> list[dict]:
    refs = tables.cluster_images(cluster_id)
    hashes = dict(tables.conn.execute(
        f"SELECT ref, pdq FROM image_hashes WHERE pdq IS NOT NULL AND quality >= ? AND ref IN "
        f"({','.join('?' * len(refs))})", (config.image_min_quality, *[r for _, r in refs])).fetchall()) if refs else {}
    refs = [(seq, ref) for seq, ref in refs if ref in hashes]
    if len(refs) < 2:
        return []
    refs.sort()
    matrix = as_matrix([hashes[ref] for _, ref in refs])
    i, j, d = near_pairs(matrix, config.image_max_distance)
    uf = UnionFind(len(refs))
    uf.union_pairs(i, j)
    groups = components(uf.labels())
    out = []
    for g in groups:  # one star per picture: its earliest ad to every other ad showing it (or a variant)
        first_seq, first_ref = refs[int(g[0])]
        seen = {first_seq}
        for x in g[1:].tolist():
            seq, ref = refs[x]
            if seq in seen:
                continue
            seen.add(seq)
            dist = int(hamming(matrix[g[0]:g[0] + 1], matrix[x:x + 1])[0])
            how = "same image" if ref == first_ref else f"PDQ distance {dist}"
            out.append({"a": ids[first_seq], "b": ids[seq], "type": "image", "value": f"{first_ref} ~ {ref} ({how})"})
    return out


def _template_sample(tables, cluster_id: str, seqs: list[int], config: LinkConfig) -> list[int]:
    """Up to TEMPLATE_SAMPLE members of the cluster's largest near-duplicate group (earliest first)."""
    ordered = sorted(seqs)
    pos = {s: i for i, s in enumerate(ordered)}
    uf = UnionFind(len(ordered))
    for a, b, _t, _v, weight in tables.cluster_links(cluster_id):
        if weight >= config.text_threshold and a in pos and b in pos:
            uf.union(pos[a], pos[b])
    groups = components(uf.labels())
    if not groups:
        return []
    best = max(groups, key=len)
    return [ordered[i] for i in best.tolist()[:TEMPLATE_SAMPLE]]


def cluster_listing(tables, config: LinkConfig, min_size: int = 2, limit: int | None = None) -> list[dict]:
    """`[{"cluster_id", "ad_ids", "links"}]`, largest clusters first (the `redflags clusters --json` shape)."""
    out = []
    for cid, _size, _first, _last, _summary in tables.clusters(min_size, limit):
        ad_ids = [m[2] for m in tables.members(cid)]
        out.append({"cluster_id": cid, "ad_ids": ad_ids, "links": cluster_links(tables, cid, config)})
    return out


def cluster_detail(tables, cluster_id: str, config: LinkConfig) -> dict:
    """One cluster: summary, timeline of members, evidence, and the template of its texts."""
    cid, size, first, last, summary = tables.cluster(cluster_id)
    members = tables.members(cid)
    timeline = [{"ad_id": ad_id, "posted_at": posted, "location": loc} for _c, _s, ad_id, posted, loc in members]
    sample = _template_sample(tables, cid, [m[1] for m in members], config)
    texts = tables.texts(sample)
    template = extract_template([texts[s][1] for s in sample if s in texts]) if len(sample) >= 2 else None
    links = cluster_links(tables, cid, config)
    counts: dict[str, int] = defaultdict(int)
    for link in links:
        counts[link["type"]] += 1
    return {"cluster_id": cid, "size": size, "first_posted": first, "last_posted": last, **summary,
            "link_counts": dict(counts), "timeline": timeline, "links": links,
            "template": template.as_dict() if template else None,
            "template_sample": [texts[s][0] for s in sample if s in texts]}


