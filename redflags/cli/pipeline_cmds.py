"""`redflags pipeline run` (the batch pipeline on the local engine or on Spark) and `redflags store import`."""
from __future__ import annotations

import time
from pathlib import Path

import click

from redflags.cli import main
from redflags.cli.options import db_option, emit_json, json_option, store_at


@main.group("pipeline")
def pipeline_group():
    """The batch pipeline (parse → extract → score → link) on one machine or on Apache Spark."""


@pipeline_group.command("run")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="local: the embedded store, all cores; spark: PySpark (pip install 'redflags[spark]').")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True,
              help="Output folder: redflags.db for local, Parquet tables for spark.")
@click.option("--master", default="local[2]", show_default=True, help="Spark master URL (spark engine).")
@click.option("--partitions", type=int, default=None, help="Spark shuffle partitions (default: 2 per core).")
@click.option("--region", envvar="REDFLAGS_REGION", default="US", show_default=True,
              help="Default country for national phone numbers.")
@click.option("--source", help="Source name for every ad (default: the record's own, else the file name).")
@click.option("--workers", type=int, default=None, help="Processes (local engine; default: one per core).")
@json_option
def pipeline_run(inputs, engine, out_dir, master, partitions, region, source, workers, as_json):
    """Run every stage over INPUT files and write the results to --out. Both engines call the same
    functions and give the same identifiers, scores and clusters (tests/pipeline/test_spark_parity.py)."""
    out = Path(out_dir)
    t0 = time.perf_counter()
    if engine == "spark":
        from redflags.pipeline import spark_engine

        r = spark_engine.run(list(inputs), out, master=master, region=region.upper(), source=source,
                             partitions=partitions, progress=lambda msg: click.echo(msg, err=True))
        data = {"engine": "spark", "master": master, "out": str(out), "ads": r.ads, "duplicates": r.duplicates,
                "quarantined": r.quarantined, "links": r.links, "clusters": r.clusters,
                "clustered_ads": r.clustered_ads, "hubs": r.hubs, "cc_rounds": r.cc_rounds,
                "seconds": {k: round(v, 2) for k, v in r.seconds.items()}}
    else:
        from functools import partial

        from redflags.ingest import IngestOptions, ingest
        from redflags.link import link_store
        from redflags.pipeline.stages import analyse_ad
        from redflags.store import open_store

        out.mkdir(parents=True, exist_ok=True)
        with open_store(out / "redflags.db") as store:
            ing = ingest(store, list(inputs), IngestOptions(source=source, workers=workers),
                         enrich=partial(analyse_ad, region=region.upper()))
            lr = link_store(store, workers=workers)
        data = {"engine": "local", "out": str(out / "redflags.db"), "ads": ing.ingested, "duplicates": ing.duplicates,
                "quarantined": ing.quarantined, "clusters": lr.clusters, "clustered_ads": lr.clustered_ads,
                "hubs": lr.hubs, "seconds": {"total": round(time.perf_counter() - t0, 2)}}
    if as_json:
        emit_json(data)
    else:
        click.echo(f"{data['engine']}: {data['ads']} ads, {data['duplicates']} duplicates, {data['quarantined']} "
                   f"quarantined, {data['clusters']} clusters holding {data['clustered_ads']} ads, {data['hubs']} hubs; "
                   f"{time.perf_counter() - t0:.1f} s → {data['out']}")


@main.group("store")
def store_group():
    """The embedded store: load results computed elsewhere."""


@store_group.command("import")
@click.argument("folder", type=click.Path(file_okay=False, exists=True))
@db_option
@json_option
def store_import(folder, db, as_json):
    """Load a Spark run's Parquet tables (ads, identifiers, hits, scores, quarantine, links, hubs, clusters)
    into a new store for the web app; the records as received become evidence items."""
    from redflags.pipeline.parquet_import import import_parquet

    with store_at(db) as store:
        r = import_parquet(store, Path(folder))
    data = {"ads": r.ads, "identifiers": r.identifiers, "hits": r.hits, "scores": r.scores,
            "quarantined": r.quarantined, "links": r.links, "clusters": r.clusters}
    if as_json:
        emit_json(data)
    else:
        click.echo(", ".join(f"{v} {k}" for k, v in data.items()) + f" imported into {db}")
