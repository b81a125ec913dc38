"""Read-only commands over the store: stats, show, search, quarantine."""
from __future__ import annotations

import textwrap

import click

from redflags.cli import main
from redflags.cli.options import db_option, emit_json, json_option, settings, store_at
from redflags.model import Ad
from redflags.search import search


def _ad_dict(ad: Ad) -> dict:
    return {"id": ad.id, "source": ad.source, "url": ad.url, "title": ad.title, "text": ad.text,
            "posted_at": ad.posted_at, "captured_at": ad.captured_at, "location": ad.location,
            "language": ad.language, "images": list(ad.images), "meta": dict(ad.meta),
            "content_sha256": ad.content_sha256, "raw_sha256": ad.raw_sha256}


@main.command("stats")
@db_option
@json_option
def stats_cmd(db, as_json):
    """Summarise the store: ads, sources, languages, dates, identifiers, quarantine."""
    with store_at(db) as store:
        s = store.stats()
    if as_json:
        emit_json(s)
        return
    click.echo(f"store       {s['store']} (schema v{s['schema_version']})")
    click.echo(f"ads         {s['ads']}")
    click.echo(f"posted      {s['posted']['first'] or '-'} … {s['posted']['last'] or '-'}")
    for title, key in (("sources", "sources"), ("languages", "languages"), ("identifiers", "identifiers"),
                       ("ad types", "ad_types"), ("risk", "risk_levels"), ("indicators", "indicators")):
        parts = ", ".join(f"{k} {v}" for k, v in list(s[key].items())[:12]) or "-"
        click.echo(f"{title:<11} {parts}")
    click.echo(f"quarantined {s['quarantined']}   ingest runs {s['ingest_runs']}")


@main.command("show")
@click.argument("ad_id")
@db_option
@json_option
def show_cmd(ad_id, db, as_json):
    """Show one ad with the identifiers found in it."""
    with store_at(db) as store:
        ad = store.get_ad(ad_id)
        identifiers = store.identifiers_for(ad_id)
        hits = store.hits_for(ad_id)
        scored = store.score_for(ad_id)
    if as_json:
        data = _ad_dict(ad)
        data["identifiers"] = [{"kind": i.kind, "value": i.value, "start": i.start, "end": i.end,
                                "obfuscated": i.obfuscated, "detail": i.detail} for i in identifiers]
        data["hits"] = [{"indicator": h.indicator, "category": h.category, "span": [h.start, h.end], "text": h.text,
                         "weight": h.weight, "language": h.language} for h in hits]
        data["score"] = None if scored is None else {
            "value": scored[0].value, "level": scored[0].level, "ad_type": scored[1], "base": scored[0].base,
            "contributions": [{"source": c.source, "amount": c.amount, "reason": c.reason}
                              for c in scored[0].contributions], "pack_version": scored[0].pack_version}
        emit_json(data)
        return
    click.echo(click.style(ad.title or "(no title)", bold=True))
    click.echo(f"id {ad.id}  source {ad.source}  posted {ad.posted_at or '-'}  place {ad.location or '-'}  "
               f"language {ad.language or '-'}")
    if ad.url:
        click.echo(ad.url)
    click.echo("")
    click.echo(textwrap.fill(ad.text, width=100, replace_whitespace=False))
    if identifiers:
        click.echo("\nidentifiers:")
        for i in identifiers:
            note = " (obfuscated)" if i.obfuscated else ""
            click.echo(f"  {i.kind:<8} {i.value:<40} “{ad.text[i.start:i.end]}”{note}")
    if scored is not None:
        score, ad_type, _ = scored
        click.echo(f"\nrisk {score.level} ({score.value:.2f}) as a {ad_type} ad; base {score.base:.2f}")
        for c in score.contributions:
            click.echo(f"  +{c.amount:.2f}  {c.source}: {c.reason}")
        for h in hits:
            click.echo(f"  [{h.indicator}] “{h.text}” at {h.start}–{h.end}")


@main.command("search")
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True, help="Most results to show.")
@click.option("--region", help="Country for reading national phone numbers in the query (default REDFLAGS_REGION or US).")
@json_option
def search_cmd(query, db, limit, region, as_json):
    """Find ads by words (full text) or by an identifier written any way (phone, e-mail, wallet, handle)."""
    with store_at(db) as store:
        results = search(store, query, region=region or settings().region, limit=limit)
    if as_json:
        emit_json([{"id": r.ad.id, "title": r.ad.title, "matched": r.matched, "detail": r.detail,
                    "posted_at": r.ad.posted_at, "location": r.ad.location} for r in results])
        return
    if not results:
        click.echo("no ads found")
    for r in results:
        click.echo(f"{r.ad.id}  [{r.matched}] {r.ad.title or ''}")
        click.echo(f"    {r.detail}")


@main.command("quarantine")
@db_option
@click.option("--limit", default=50, show_default=True)
@json_option
def quarantine_cmd(db, limit, as_json):
    """List records that could not be ingested, with file, place and reason."""
    with store_at(db) as store:
        rows = store.quarantined(limit=limit)
        total = store.stats()["quarantined"]
    if as_json:
        emit_json([{"file": q.file, "locator": q.locator, "reason": q.reason, "excerpt": q.excerpt} for q in rows])
        return
    click.echo(f"{total} quarantined record(s)")
    for q in rows:
        click.echo(f"{q.file} {q.locator}: {q.reason}")
