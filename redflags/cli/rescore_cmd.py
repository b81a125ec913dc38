"""`redflags rescore`: recompute indicator hits and scores after an indicator pack changed."""
from __future__ import annotations

import sys

import click
from tqdm import tqdm

from redflags.cli import main
from redflags.cli.options import db_option, emit_json, json_option, settings, store_at
from redflags.indicators import default_pack
from redflags.pipeline import rescore_ad


@main.command("rescore")
@db_option
@click.option("--all", "everything", is_flag=True, help="Rescore every ad, not only those scored by another pack.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@json_option
def rescore_cmd(db, everything, progress, as_json):
    """Re-score stored ads with the current indicator packs, using their stored identifiers.

    Only ads scored by a different pack version (or never scored) are touched unless --all is given.
    """
    pack = default_pack()
    batch_size = settings().batch_size
    done = 0
    with store_at(db) as store:
        ads = store.iter_ads() if everything else store.ads_needing_rescore(pack.version)
        show = sys.stderr.isatty() if progress is None else progress
        with tqdm(unit="ads", disable=not show, desc="rescore", file=sys.stderr) as bar:
            batch = []
            for ad in ads:
                batch.append((ad, rescore_ad(ad, store.identifiers_for(ad.id), pack)))
                if len(batch) >= batch_size:
                    store.replace_analyses(batch)
                    done += len(batch)
                    bar.update(len(batch))
                    batch = []
            if batch:
                store.replace_analyses(batch)
                done += len(batch)
                bar.update(len(batch))
    if as_json:
        emit_json({"rescored": done, "pack_version": pack.version})
    else:
        click.echo(f"{done} ads rescored with indicator packs {pack.version}")
