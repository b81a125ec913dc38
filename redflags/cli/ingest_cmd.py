"""`redflags ingest`: load files into the store, with a progress bar and a one-line summary."""
from __future__ import annotations

import sys
from functools import partial

import click
from tqdm import tqdm

from redflags.cli import main
from redflags.cli.options import db_option, emit_json, json_option, settings, store_at
from redflags.ingest import IngestOptions, Progress, ingest
from redflags.ingest.csv_table import parse_mapping
from redflags.ingest.files import FORMATS, expand
from redflags.pipeline import analyse_ad


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--source", help="Source name stored with every ad (default: the record's own, else the file name).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Read every input as this format.")
@click.option("--map", "mapping", metavar="FIELD=COLUMN,...", help="CSV column mapping, e.g. text=body,title=headline.")
@click.option("--encoding", default="utf-8", show_default=True, help="Text encoding of JSONL and CSV inputs.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@json_option
def ingest_cmd(paths, db, source, fmt, mapping, encoding, progress, as_json):
    """Ingest JSONL, CSV, HTML (files or folders) and WARC/WARC.GZ captures into the store.

    Re-running on the same input adds nothing; an interrupted run can simply be run again.
    Bad records go to quarantine (see `redflags quarantine`) and ingest carries on.
    """
    conf = settings()
    import getpass

    options = IngestOptions(source=source, fmt=fmt, mapping=parse_mapping(mapping), encoding=encoding,
                            batch_size=conf.batch_size, actor=getpass.getuser())  # named in the custody log
    total = sum(p.stat().st_size for p, _ in expand(list(paths), fmt))
    show = sys.stderr.isatty() if progress is None else progress
    with store_at(db) as store, tqdm(total=total, unit="B", unit_scale=True, disable=not show,
                                     desc="ingest", file=sys.stderr) as bar:
        def update(position: int) -> None:
            bar.update(position - bar.n)

        try:
            report = ingest(store, paths, options, enrich=_enricher(conf.region), progress=Progress(update))
        except KeyboardInterrupt:
            bar.close()
            click.echo("interrupted: what was committed is kept; run the same command again to finish.", err=True)
            sys.exit(130)
    if as_json:
        emit_json({"ingested": report.ingested, "duplicates": report.duplicates, "quarantined": report.quarantined})
    else:
        click.echo(report.summary())


def _enricher(region: str):
    """The pipeline step run on every ad at ingest (the region reads national phone numbers)."""
    return partial(analyse_ad, region=region)
