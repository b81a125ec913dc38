"""`redflags share keygen|export|import|match|lists`: pseudonymised hash lists between organisations."""
from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

import click

from redflags.cli import main
from redflags.cli.options import db_option, emit_json, json_option, store_at

_key_option = click.option("--key", "key_file", type=click.Path(dir_okay=False, exists=True), required=True,
                           help="The key file shared with the partners (from `redflags share keygen`).")


@main.group("share")
def share_group():
    """Share identifiers with partner organisations as keyed hashes: no raw identifier leaves, no text."""


@share_group.command("keygen")
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="Key file to create (mode 0600).")
def share_keygen(out):
    """Make a new random shared key; give it to partners over a secure channel, never with a list."""
    from redflags.privacy.keyed import key_id, write_new_key

    key = write_new_key(Path(out))
    click.echo(f"wrote {out} (key id {key_id(key)}); partners compare key ids to be sure they hold the same key")


@share_group.command("export")
@_key_option
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="Hash list file to write (JSON).")
@click.option("--cluster", "clusters", multiple=True, help="Cluster to share (repeatable).")
@click.option("--case", "case_id", type=int, help="Share every ad of this case.")
@click.option("--all", "everything", is_flag=True, help="Share every ad in the store.")
@click.option("--source", help="Your organisation's name, written into the list.")
@db_option
@json_option
def share_export(key_file, out, clusters, case_id, everything, source, db, as_json):
    """Write keyed hashes of the chosen ads' phones, e-mails, wallets and handles, PDQ hashes of their
    images, with indicator categories and dates seen; no text."""
    import orjson

    from redflags.errors import InputError
    from redflags.evidence.bundle import case_ad_ids
    from redflags.privacy.hash_lists import build_list
    from redflags.privacy.keyed import read_key

    if not (clusters or case_id or everything):
        raise InputError("choose what to share: --cluster ID, --case N or --all")
    key = read_key(Path(key_file))
    with store_at(db) as store:
        ids: dict[str, None] = {}
        if everything:
            ids.update((r[0], None) for r in store.execute("SELECT id FROM ads ORDER BY seq"))
        if case_id:
            ids.update((a, None) for a in case_ad_ids(store, store.cases.get(case_id)))
        for cid in clusters:
            ids.update((m[2], None) for m in store.link_tables.members(store.link_tables.cluster(cid)[0]))
        doc = build_list(store, key, list(ids), source=source)
        data = orjson.dumps(doc, option=orjson.OPT_INDENT_2)
        Path(out).write_bytes(data)
        store.custody.append("export", actor=getpass.getuser(), target=f"hash_list:{Path(out).name}",
                             detail={"sha256": hashlib.sha256(data).hexdigest(), "entries": len(doc["entries"]),
                                     "ads": len(ids), "key_id": doc["key_id"]})
    counts: dict[str, int] = {}
    for e in doc["entries"]:
        counts[e["kind"]] = counts.get(e["kind"], 0) + 1
    if as_json:
        emit_json({"out": out, "ads": len(ids), "entries": len(doc["entries"]), "by_kind": counts})
    else:
        click.echo(f"wrote {out}: {len(doc['entries'])} hashes from {len(ids)} ads "
                   f"({', '.join(f'{k} {n}' for k, n in sorted(counts.items()))})")


@share_group.command("import")
@click.argument("list_file", type=click.Path(dir_okay=False, exists=True))
@click.option("--partner", required=True, help="Who sent the list.")
@_key_option
@db_option
def share_import(list_file, partner, key_file, db):
    """Keep a partner's hash list for matching (refused if made under another key)."""
    from redflags.privacy.hash_lists import import_list
    from redflags.privacy.keyed import read_key

    data = Path(list_file).read_bytes()
    with store_at(db) as store:
        list_id = import_list(store, data, partner, read_key(Path(key_file)), name=list_file)
    click.echo(f"imported {list_file} from {partner} as list {list_id}")


@share_group.command("match")
@_key_option
@click.option("--partner", help="Only this partner's lists.")
@db_option
@json_option
def share_match(key_file, partner, db, as_json):
    """Local ads whose identifiers or images are on a partner's list, with what the partner says of them."""
    from redflags.privacy.hash_lists import match
    from redflags.privacy.keyed import read_key

    with store_at(db) as store:
        rows = match(store, read_key(Path(key_file)), partner)
    if as_json:
        emit_json(rows)
        return
    for r in rows:
        click.echo(f"{r['partner']:<12} {r['kind']:<7} {r['hash'][:12]}…  {len(r['ads'])} local ads "
                   f"({', '.join(r['ads'][:3])}{'…' if len(r['ads']) > 3 else ''})  clusters {','.join(r['clusters']) or '-'}  "
                   f"partner: {', '.join(r['partner_categories']) or '-'} {r['partner_first_seen'] or ''}–{r['partner_last_seen'] or ''}")
    click.echo(f"{len(rows)} shared entries match local data")
