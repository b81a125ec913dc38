"""SQL for the analyst views: ads filtered by identifier, indicator, risk, place, dates and cluster, and
counts over time (trends). Reads only; every filter is a bound parameter."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, Sequence

from redflags.errors import InputError

BUCKETS = {"day": 10, "month": 7, "year": 4}  # prefix length of an ISO date
TREND_BY = ("indicator", "place", "ad_type", "level")


@dataclass(frozen=True, slots=True)
class AdFilter:
    """What an analyst narrows a list of ads by; None means 'any'."""

    ids: Sequence[str] | None = None         # e.g. from a text or identifier search
    identifier: str | None = None            # normalised value (any kind)
    indicator: str | None = None
    level: str | None = None                 # low / medium / high
    place: str | None = None                 # substring of the location
    posted_from: str | None = None           # ISO date, inclusive
    posted_to: str | None = None             # ISO date, inclusive
    cluster: str | None = None
    ad_type: str | None = None


def _where(f: AdFilter) -> tuple[str, list[Any]]:
    parts: list[str] = []
    args: list[Any] = []
    if f.ids is not None:
        parts.append(f"ads.id IN ({', '.join('?' * len(f.ids))})" if f.ids else "0")
        args += list(f.ids)
    if f.identifier:
        parts.append("ads.id IN (SELECT ad_id FROM identifiers WHERE value = ?)")
        args.append(f.identifier)
    if f.indicator:
        parts.append("ads.id IN (SELECT ad_id FROM hits WHERE indicator = ?)")
        args.append(f.indicator)
    if f.level:
        parts.append("scores.level = ?")
        args.append(f.level)
    if f.ad_type:
        parts.append("scores.ad_type = ?")
        args.append(f.ad_type)
    if f.place:
        parts.append("ads.location LIKE ? ESCAPE '\\'")
        args.append("%" + f.place.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if f.posted_from:
        parts.append("ads.posted_at >= ?")
        args.append(f.posted_from)
    if f.posted_to:
        parts.append("substr(ads.posted_at, 1, 10) <= ?")
        args.append(f.posted_to)
    if f.cluster:
        parts.append("ads.seq IN (SELECT ad_seq FROM cluster_members WHERE cluster_id = ?)")
        args.append(f.cluster)
    return (" WHERE " + " AND ".join(parts)) if parts else "", args


class AdQueries:
    """Filtered ad lists and trend counts."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def find(self, f: AdFilter, *, limit: int = 50, offset: int = 0, order: str = "risk") -> tuple[int, list[dict]]:
        """(total matching, one page of rows) — each row: id, title, location, posted_at, language,
        score, level, ad_type, cluster_id."""
        where, args = _where(f)
        base = ("FROM ads LEFT JOIN scores ON scores.ad_id = ads.id "
                "LEFT JOIN cluster_members ON cluster_members.ad_seq = ads.seq" + where)
        total = self.conn.execute(f"SELECT COUNT(*) {base}", args).fetchone()[0]
        order_by = {"risk": "scores.value DESC, ads.posted_at DESC, ads.id",
                    "recent": "ads.posted_at DESC, ads.id"}.get(order)
        if order_by is None:
            raise InputError(f"unknown order {order!r}: use risk or recent")
        rows = self.conn.execute(
            "SELECT ads.id, ads.title, ads.location, ads.posted_at, ads.language, scores.value AS score, "
            f"scores.level, scores.ad_type, cluster_members.cluster_id {base} ORDER BY {order_by} LIMIT ? OFFSET ?",
            (*args, limit, offset)).fetchall()
        return total, [dict(r) for r in rows]

    def cluster_of(self, ad_id: str) -> str | None:
        row = self.conn.execute("SELECT cluster_id FROM cluster_members JOIN ads ON ads.seq = cluster_members.ad_seq "
                                "WHERE ads.id = ?", (ad_id,)).fetchone()
        return row[0] if row else None

    def trends(self, by: str, bucket: str = "month", f: AdFilter | None = None, top: int = 8) -> dict[str, Any]:
        """Ads per time bucket for the `top` most frequent values of `by` (indicator, place, ad type,
        risk level): {"buckets": [...], "series": {value: [counts per bucket]}}."""
        if by not in TREND_BY:
            raise InputError(f"unknown trend dimension {by!r}: use one of {', '.join(TREND_BY)}")
        if bucket not in BUCKETS:
            raise InputError(f"unknown bucket {bucket!r}: use one of {', '.join(BUCKETS)}")
        where, args = _where(f or AdFilter())
        key = {"indicator": "hits.indicator", "place": "ads.location", "ad_type": "scores.ad_type",
               "level": "scores.level"}[by]
        join = " JOIN hits ON hits.ad_id = ads.id" if by == "indicator" else ""
        sql = (f"SELECT substr(ads.posted_at, 1, {BUCKETS[bucket]}) AS b, {key} AS k, COUNT(DISTINCT ads.id) AS n "
               f"FROM ads LEFT JOIN scores ON scores.ad_id = ads.id LEFT JOIN cluster_members ON "
               f"cluster_members.ad_seq = ads.seq{join}{where}{' AND' if where else ' WHERE'} ads.posted_at IS NOT NULL "
               f"AND {key} IS NOT NULL GROUP BY b, k")
        rows = self.conn.execute(sql, args).fetchall()
        totals: dict[str, int] = {}
        for b, k, n in rows:
            totals[k] = totals.get(k, 0) + n
        keep = sorted(totals, key=lambda k: (-totals[k], k))[:top]
        buckets = sorted({r[0] for r in rows})
        index = {b: i for i, b in enumerate(buckets)}
        series = {k: [0] * len(buckets) for k in keep}
        for b, k, n in rows:
            if k in series:
                series[k][index[b]] += n
        return {"by": by, "bucket": bucket, "buckets": buckets, "series": series, "totals": {k: totals[k] for k in keep}}

    def places(self, limit: int = 200) -> list[dict]:
        """Ads and mean risk per place, most active first (the map's data)."""
        rows = self.conn.execute(
            "SELECT ads.location AS place, COUNT(*) AS ads, AVG(scores.value) AS mean_risk, "
            "SUM(scores.level = 'high') AS high FROM ads LEFT JOIN scores ON scores.ad_id = ads.id "
            "WHERE ads.location IS NOT NULL AND ads.location != '' GROUP BY ads.location ORDER BY 2 DESC LIMIT ?",
            (limit,)).fetchall()
        return [dict(r) for r in rows]
