"""Import a script from bench/ (not a package) by its path, for tests of its pure functions."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[1] / "bench"


def load_bench_script(relative: str) -> ModuleType:
    """The module at bench/<relative>, executed fresh."""
    path = BENCH / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None, path
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod
