"""`redflags case ...`: collect ads and clusters into a case, and export or verify its evidence bundle."""
from __future__ import annotations

import getpass
import sys
from pathlib import Path

import click

from redflags.cli import main
from redflags.cli.options import StageBars, db_option, emit_json, json_option, progress_option, store_at


def _actor(actor: str | None) -> str:
    return actor or getpass.getuser()


@main.group("case")
def case_group():
    """Cases: ads and clusters an analyst collects, with notes; exported as signed, checkable bundles."""


@case_group.command("create")
@click.argument("title")
@db_option
@click.option("--actor", help="Who is acting (default: the login name).")
@json_option
def case_create(title, db, actor, as_json):
    """Open a new case; prints its number."""
    with store_at(db) as store:
        case_id = store.cases.create(title, _actor(actor))
    emit_json({"id": case_id}) if as_json else click.echo(case_id)


@case_group.command("add")
@click.argument("case_id", type=int)
@click.option("--ad", "ads", multiple=True, help="Ad id to add (repeatable).")
@click.option("--cluster", "clusters", multiple=True, help="Cluster id to add (repeatable): all its ads.")
@click.option("--note", help="A note to attach.")
@db_option
@click.option("--actor", help="Who is acting (default: the login name).")
def case_add(case_id, ads, clusters, note, db, actor):
    """Add ads, clusters or a note to a case."""
    from redflags.errors import InputError

    if not (ads or clusters or note):
        raise InputError("give --ad, --cluster or --note")
    with store_at(db) as store:
        for ad_id in ads:
            store.get_ad(ad_id)  # a clear error for an unknown id
            store.cases.add_item(case_id, "ad", ad_id, _actor(actor))
        for cid in clusters:
            store.link_tables.cluster(cid)
            store.cases.add_item(case_id, "cluster", cid, _actor(actor))
        if note:
            store.cases.add_note(case_id, note, _actor(actor))
    click.echo(f"case {case_id}: added {len(ads)} ads, {len(clusters)} clusters{', a note' if note else ''}")


@case_group.command("list")
@db_option
@json_option
def case_list(db, as_json):
    """Cases, most recently changed first."""
    with store_at(db) as store:
        cases = store.cases.list()
    if as_json:
        emit_json(cases)
        return
    for c in cases:
        click.echo(f"{c['id']:>5} {c['status']:<8} {c['items']:>5} items  {c['title']}")


@case_group.command("export")
@click.argument("case_id", type=int)
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="Bundle file to write (.zip).")
@click.option("--redact", is_flag=True, help="Mask phones, e-mails and handles; leave out raw records and images.")
@db_option
@click.option("--actor", help="Who is exporting, for the custody log (default: the login name).")
@progress_option
@json_option
def case_export(case_id, out, redact, db, actor, progress, as_json):
    """Write the case's evidence bundle: ads, raw records, images, extracted data, links with reasons,
    notes, custody entries, a report, and a manifest of SHA-256 hashes signed with this installation's key."""
    from redflags.evidence.bundle import export_case

    bars = StageBars(progress, {"ads": "ad"})
    with store_at(db) as store:
        summary = export_case(store, case_id, Path(out), actor=_actor(actor), redact=redact, progress=bars)
    bars.close()
    data = {"bundle": str(summary.path), "case": case_id, "ads": summary.ads, "raw_items": summary.raw_items,
            "images": summary.images, "files": summary.files, "bytes": summary.bytes,
            "manifest_sha256": summary.manifest_sha256, "custody_seq": summary.custody_seq, "redacted": redact}
    if as_json:
        emit_json(data)
    else:
        click.echo(f"wrote {out}: {summary.ads} ads, {summary.raw_items} raw records, {summary.images} images, "
                   f"{summary.files} files, {summary.bytes:,} bytes; manifest {summary.manifest_sha256[:16]}…, "
                   f"custody entry {summary.custody_seq}")


@case_group.command("verify")
@click.argument("bundle", type=click.Path(dir_okay=False, exists=True))
@click.option("--key", help="The sender's public key (hex), obtained separately; checks who signed.")
@json_option
def case_verify(bundle, key, as_json):
    """Check a case bundle without the store: every file's SHA-256 against the manifest, the manifest's
    signature, the custody entries. Exits 1 when anything was changed. The same check runs standalone:
    `python verify_bundle.py BUNDLE.zip`."""
    from redflags.evidence.bundle_verify import verify_bundle

    problems, manifest = verify_bundle(bundle, key)
    if as_json:
        emit_json({"ok": not problems, "problems": problems, "case_id": manifest.get("case_id"),
                   "files": len(manifest.get("files", [])), "public_key": manifest.get("public_key")})
    else:
        for p in problems:
            click.echo(f"FAIL {p}")
        click.echo(f"{'OK' if not problems else 'FAILED'}: {len(manifest.get('files', []))} files checked"
                   + (f", signed by {manifest.get('public_key')}" if manifest else ""))
    if problems:
        sys.exit(1)
