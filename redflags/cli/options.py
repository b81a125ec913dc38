"""Options and output helpers shared by every subcommand."""
from __future__ import annotations

import sys
from typing import Any, Callable

import click
import orjson

from redflags.settings import Settings
from redflags.store import Store, open_store


def db_option(f: Callable) -> Callable:
    return click.option("--db", "db", type=click.Path(dir_okay=False), envvar="REDFLAGS_DB",
                        default="redflags.db", show_default=True,
                        help="Store file (also REDFLAGS_DB).")(f)


def json_option(f: Callable) -> Callable:
    return click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")(f)


def settings() -> Settings:
    return Settings.from_env()


def store_at(db: str) -> Store:
    return open_store(db)


def emit_json(data: Any) -> None:
    sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS) + b"\n")


def progress_option(f: Callable) -> Callable:
    return click.option("--progress/--no-progress", default=True, help="Show a progress bar on stderr.")(f)


class StageBars:
    """A `(stage, done, total)` progress callback drawing one tqdm bar per stage on stderr; close() ends them."""

    def __init__(self, enabled: bool, units: dict[str, str] | None = None) -> None:
        self.enabled = enabled
        self.units = units or {}
        self.bars: dict[str, Any] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        bar = self.bars.get(stage)
        if bar is None:
            bar = self.bars[stage] = tqdm(total=total, desc=stage, unit=self.units.get(stage, "it"), leave=False)
        bar.update(done - bar.n)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()
