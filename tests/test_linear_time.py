"""The linear-time check must pass linear work and fail quadratic work, or it guards nothing."""
import re

import pytest

from tests.linear_time import assert_linear

QUADRATIC = re.compile(r"\s*(?:a\s*)*$")  # fails at every start on "a a ... b": O(n^2) overall


def test_linear_work_passes():
    assert_linear(lambda t: re.findall(r"a+", t), lambda n: "ab" * n, 400_000, cap=5.0, label="linear")


def test_quadratic_work_fails():
    with pytest.raises(AssertionError, match="super-linear"):
        assert_linear(lambda t: QUADRATIC.search(t), lambda n: "a " * n + "b", 4_000, cap=60.0, label="quadratic")
