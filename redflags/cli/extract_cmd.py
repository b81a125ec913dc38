"""`redflags extract`: JSONL records in, one line of identifiers per record out.

Contract (other tools rely on it): each input line `{"id", "text", "region"?, "url"?, "location"?}`;
each output line `{"id", "identifiers": [{"kind", "value", "start", "end"}, ...]}`. A bad line is
reported on stderr with its line number and skipped; the exit status is non-zero at the end if any was bad.
"""
from __future__ import annotations

import sys
from typing import IO, Any

import click
import orjson

from redflags.cli import main
from redflags.errors import InputError
from redflags.extract import extract_record
from redflags.extract.regions import valid_region

_CONTRACT_KEYS = ("kind", "value", "start", "end")


def _region_option(ctx: click.Context, param: click.Parameter, value: str) -> str:
    region = valid_region(value)
    if region is None:
        raise click.BadParameter(f"{value!r} is not a region code phonenumbers knows (e.g. US, GB, MX)")
    return region


def run_extract(lines: IO[bytes], out: IO[bytes], err: IO[str], region: str, details: bool = False) -> int:
    """Process JSONL `lines` into `out`; report bad lines on `err`; return the number of bad lines."""
    bad = 0
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record: Any = orjson.loads(line)
            result = extract_record(record, region)
        except orjson.JSONDecodeError as e:
            bad += 1
            err.write(f"line {lineno}: invalid JSON: {e}\n")
            continue
        except InputError as e:
            bad += 1
            err.write(f"line {lineno}: {e.reason}\n")
            continue
        if not details:
            result["identifiers"] = [{k: i[k] for k in _CONTRACT_KEYS} for i in result["identifiers"]]
        out.write(orjson.dumps(result) + b"\n")
    return bad


@main.command("extract")
@click.option("--region", default="US", show_default=True, callback=_region_option,
              help="Country for national phone numbers when a record, its URL and location give none.")
@click.option("--details", is_flag=True,
              help="Also output every occurrence's span ('spans') and whether it was obfuscated.")
def extract_command(region: str, details: bool) -> None:
    """Extract identifiers from JSONL on stdin: `redflags extract [--region CC] < in.jsonl > out.jsonl`.

    Input lines: {"id", "text", "region"?, "url"?, "location"?}. Output lines:
    {"id", "identifiers": [{"kind", "value", "start", "end"}, ...]}, each distinct value once."""
    stdout = sys.stdout.buffer
    bad = run_extract(sys.stdin.buffer, stdout, sys.stderr, region, details)
    stdout.flush()
    if bad:
        click.echo(f"error: {bad} bad input line(s) skipped", err=True)
        sys.exit(1)
