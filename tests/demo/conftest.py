"""Shared corpus for the demo tests: generated once per session (a few thousand ads)."""
from __future__ import annotations

import pytest

from redflags.demo import generate_with_truth

N = 4000


@pytest.fixture(scope="session")
def corpus() -> list[tuple[dict, dict]]:
    return list(generate_with_truth(N, seed=11))
