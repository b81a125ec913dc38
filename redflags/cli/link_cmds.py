"""`redflags link`, `redflags clusters`, `redflags cluster ID`: networks of ads and why they are linked."""
from __future__ import annotations

import click

from redflags.cli import main
from redflags.cli.options import StageBars, db_option, emit_json, json_option, progress_option, store_at


@main.command("link")
@db_option
@click.option("--images", "images_dir", type=click.Path(file_okay=False, exists=True),
              help="Folder of image files, looked up by the base name of each ad's image reference.")
@click.option("--demo-images", is_flag=True, help="Render demo-corpus image references instead of reading files.")
@click.option("--keep-image-bytes/--no-keep-image-bytes", default=True, show_default=True,
              help="Keep each picture's bytes in the store as evidence; off when the capture already preserves "
                   "them (the SHA-256 and PDQ hash are stored either way).")
@click.option("--workers", type=int, default=None, help="Processes for text and image features (default: one per core).")
@progress_option
@json_option
def link_cmd(db, images_dir, demo_images, keep_image_bytes, workers, progress, as_json):
    """Compute or update clusters: links new ads to the stored index, then re-forms networks."""
    from redflags.errors import ConfigError
    from redflags.link import DemoImages, FolderImages, link_store

    if images_dir and demo_images:
        raise ConfigError("choose one of --images DIR and --demo-images")
    resolver = FolderImages(images_dir) if images_dir else DemoImages() if demo_images else None
    bars = StageBars(progress, {"text": "ad", "images": "img", "pairs": "img"})
    with store_at(db) as store:
        report = link_store(store, images=resolver, workers=workers, progress=bars, keep_image_bytes=keep_image_bytes)
    bars.close()
    data = {"new_ads": report.new_ads, "images_hashed": report.images_hashed,
            "images_paired": report.images_paired, "clusters": report.clusters,
            "clustered_ads": report.clustered_ads, "hubs": report.hubs, "full": report.full,
            "seconds": {k: round(v, 2) for k, v in report.seconds.items()}}
    if as_json:
        emit_json(data)
    else:
        click.echo(f"{report.new_ads} new ads linked, {report.images_hashed} images hashed: {report.clusters} clusters "
                   f"hold {report.clustered_ads} ads; {report.hubs} hub identifiers kept out of merging")


@main.command("clusters")
@db_option
@click.option("--min-size", default=2, show_default=True, help="Smallest cluster to list.")
@click.option("--limit", type=int, default=None, help="At most this many clusters (largest first).")
@json_option
def clusters_cmd(db, min_size, limit, as_json):
    """List networks, largest first; --json gives members and evidence links."""
    from redflags.link import LinkConfig
    from redflags.link.explain import cluster_listing

    with store_at(db) as store:
        tables = store.link_tables
        if as_json:
            emit_json(cluster_listing(tables, LinkConfig(), min_size, limit))
            return
        rows = tables.clusters(min_size, limit)
        if not rows:
            click.echo("no clusters (run `redflags link` first)")
        for cid, size, first, last, summary in rows:
            places = ", ".join(list(summary.get("places", {}))[:3])
            risk = summary.get("risk", {})
            click.echo(f"{cid:<10} {size:>6} ads  {(first or '?')[:10]} → {(last or '?')[:10]}  "
                       f"risk max {risk.get('max', 0):.2f}  {places}")


@main.command("cluster")
@click.argument("cluster_id")
@db_option
@json_option
def cluster_cmd(cluster_id, db, as_json):
    """One network: members over time, evidence for each link, shared template and varying slots."""
    from redflags.link import LinkConfig
    from redflags.link.explain import cluster_detail

    with store_at(db) as store:
        detail = cluster_detail(store.link_tables, cluster_id, LinkConfig())
    if as_json:
        emit_json(detail)
        return
    _print_detail(detail)


def _print_detail(d: dict) -> None:
    risk = d.get("risk", {})
    click.echo(f"{d['cluster_id']}: {d['size']} ads, {d['first_posted']} → {d['last_posted']}; "
               f"risk max {risk.get('max', 0):.2f}, mean {risk.get('mean', 0):.2f}, levels {risk.get('levels', {})}")
    click.echo("places: " + ", ".join(f"{p} ({n})" for p, n in list(d.get("places", {}).items())[:8]))
    click.echo("indicators: " + ", ".join(f"{i} ({n})" for i, n in list(d.get("indicators", {}).items())[:8]))
    click.echo("evidence: " + ", ".join(f"{t} {n}" for t, n in d["link_counts"].items()))
    for link in d["links"][:40]:
        click.echo(f"  {link['a']} — {link['b']}  {link['type']}: {link['value']}")
    if len(d["links"]) > 40:
        click.echo(f"  … {len(d['links']) - 40} more (--json for all)")
    if d.get("template"):
        click.echo("template (slots vary between ads):")
        click.echo("  " + d["template"]["template"].replace("\n", "\n  "))
        for slot in d["template"]["slots"][:12]:
            click.echo(f"  {{{slot['slot']}}}: " + " | ".join(v or "∅" for v in slot["values"][:6]))
    click.echo("timeline:")
    for t in d["timeline"][:50]:
        click.echo(f"  {t['posted_at'] or '?'}  {t['ad_id']}  {t['location'] or ''}")
    if len(d["timeline"]) > 50:
        click.echo(f"  … {len(d['timeline']) - 50} more")
