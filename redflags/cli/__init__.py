"""The `redflags` command: a thin layer that parses arguments, calls the library and formats output."""
from __future__ import annotations

import logging
import sys

import click

from redflags import __version__
from redflags.errors import RedflagsError


class _Group(click.Group):
    """Click group that turns the project's own errors into a clear one-line message and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except RedflagsError as e:
            click.echo(f"error: {e}", err=True)
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="redflags")
@click.option("-v", "--verbose", is_flag=True, help="Log progress details to stderr.")
def main(verbose: bool) -> None:
    """Redflags: explainable leads from online ads, for people who fight human trafficking."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


def _register() -> None:
    # Each subcommand lives in its own module and adds itself to `main` on import.
    from redflags.cli import (  # noqa: F401
        case_cmds, check_cmd, data_cmds, demo_cmd, evidence_cmds, extract_cmd, ingest_cmd, link_cmds, pipeline_cmds,
        rescore_cmd, retention_cmds, share_cmds, web_cmds,
    )


_register()
