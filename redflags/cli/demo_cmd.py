"""`redflags demo-data`: write the seeded demo corpus and its ground truth."""
from __future__ import annotations

import click

from redflags.cli import main
from redflags.cli.options import StageBars, emit_json, json_option, progress_option


@main.command("demo-data")
@click.option("--out", "out_dir", default="demo-data", show_default=True, type=click.Path(file_okay=False),
              help="Folder for ads.jsonl and truth.jsonl.")
@click.option("--n", default=2000, show_default=True, help="Number of ads.")
@click.option("--seed", default=7, show_default=True, help="Random seed; the same seed gives the same corpus.")
@click.option("--bad", default=0, show_default=True, help="Malformed lines to mix in, to show quarantine.")
@click.option("--images", is_flag=True,
              help="Also render every referenced picture into OUT/img/ (for `redflags link --images OUT/img`).")
@click.option("--workers", type=int, default=None, help="Processes rendering pictures (default: one per core).")
@progress_option
@json_option
def demo_data_cmd(out_dir, n, seed, bad, images, workers, progress, as_json):
    """Generate a multilingual corpus of job and escort-style ads with planted networks and ground truth."""
    from redflags.demo import write_corpus

    bars = StageBars(progress and images, {"images": "img"})
    try:
        counts = write_corpus(out_dir, n, seed, bad=bad, images=images, progress=bars, workers=workers)
    finally:
        bars.close()
    if as_json:
        emit_json(counts)
    else:
        click.echo(f"wrote {out_dir}/ads.jsonl and {out_dir}/truth.jsonl" + (f" and {out_dir}/img/" if images else "")
                   + ": " + ", ".join(f"{k} {v}" for k, v in counts.items()))
