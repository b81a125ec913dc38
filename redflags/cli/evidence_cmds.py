"""`redflags evidence verify|log`: check the custody chain, its signature and every raw item."""
from __future__ import annotations

import sys

import click

from redflags.cli import main
from redflags.cli.options import db_option, emit_json, json_option, store_at


@main.group("evidence")
def evidence_group():
    """Evidence: raw items as received, and the signed, hash-chained custody log."""


@evidence_group.command("verify")
@db_option
@json_option
def evidence_verify(db, as_json):
    """Recompute the custody chain, check the head's Ed25519 signature and every raw item's SHA-256.
    Exits 1 and lists the problems when anything was altered."""
    from redflags.evidence.verify import verify_store

    with store_at(db) as store:
        report = verify_store(store)
    if as_json:
        emit_json({"ok": report.ok, "entries": report.entries, "items": report.items, "problems": report.problems})
    else:
        for p in report.problems:
            click.echo(f"FAIL {p}")
        click.echo(f"{'OK' if report.ok else 'FAILED'}: {report.entries} custody entries, {report.items} raw items checked")
    if not report.ok:
        sys.exit(1)


@evidence_group.command("log")
@db_option
@click.option("--since", type=int, default=0, help="Entries after this sequence number.")
@json_option
def evidence_log(db, since, as_json):
    """The custody log: what was imported, viewed, exported or deleted, when and by whom."""
    with store_at(db) as store:
        entries = store.custody.entries(since)
    if as_json:
        emit_json(entries)
        return
    for e in entries:
        click.echo(f"{e['seq']:>6} {e['at']} {e['event']:<8} {e['actor'] or '-':<10} {e['target'] or ''}")


@evidence_group.command("key")
@db_option
def evidence_key(db):
    """Print this installation's public signing key (hex), to give to whoever checks its bundles."""
    from redflags.evidence import keys

    with store_at(db) as store:
        click.echo(keys.public_hex(keys.load_or_create(store.custody.key_path)))
