"""`redflags check`: explain the warning signs in one job offer or ad, in the reader's language."""
from __future__ import annotations

import sys

import click

from redflags.cli import main
from redflags.cli.options import emit_json, json_option
from redflags.errors import InputError
from redflags.indicators import SUPPORTED, check, render_text

MAX_BYTES = 1_000_000


def _read_text(text: str | None) -> str:
    """TEXT as given, or standard input for "-" or no argument."""
    if text is None or text == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError(f"input is larger than {MAX_BYTES} bytes", file="<stdin>")
        text = data.decode("utf-8", "replace")
    if not text.strip():
        raise InputError("nothing to check: give the ad text as an argument or on standard input")
    return text


@main.command("check")
@click.argument("text", required=False)
@click.option("--lang", type=click.Choice(SUPPORTED), default=None,
              help="Language of the report (default: the ad's own language).")
@json_option
def check_command(text: str | None, lang: str | None, as_json: bool) -> None:
    """Check a job offer or ad for warning signs of trafficking and explain each one.

    TEXT is the ad itself; use "-" (or nothing) to read it from standard input. The report gives a
    0-1 risk with its level, what was seen (with character spans) and what to do, in the ad's
    language or in --lang. Indicators are leads for human judgement, not proof.
    """
    report = check(_read_text(text), lang=lang)
    if as_json:
        emit_json(report.to_dict())
    else:
        click.echo(render_text(report))
