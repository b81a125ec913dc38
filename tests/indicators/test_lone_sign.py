"""The opt-in lone-sign check: off as shipped; when on, it lowers only a job ad flagged "medium" by one rule
term whose wording the model finds unlike the deceptive examples, and records the cut as data."""
from __future__ import annotations

import dataclasses
import shutil

import numpy as np
import pytest
import yaml

from redflags.errors import ConfigError
from redflags.indicators import check
from redflags.indicators.pack import PACK_DIR, default_pack, load_pack, lone_sign_settings
from redflags.indicators.score import LONE_SIGN_SOURCE, lower_lone_sign
from redflags.indicators.train_resemblance import choose_lone_below, lone_sign_flags
from redflags.model import Contribution, Score

SCORING = {"levels": {"medium": 0.35, "high": 0.65}, "lone_sign": {"enabled": True, "below": 0.3, "cap": 0.3}}
ONE_SIGN = ("Hotel Marina in Lisbon hires receptionists. Contract signed before you start, salary 1,100 EUR "
            "a month, 22 days of paid leave. A registration fee of 50 EUR is required. "
            "Apply at jobs@marinahotel.pt")


def medium(value: float = 0.45) -> Score:
    return Score(value, "medium", 0.0, (Contribution("indicator:fee_charged", value, "fee"),), "packs-x")


def test_shipped_packs_leave_it_off():
    pack = default_pack()
    assert lone_sign_settings(pack.scoring)[0] is False
    report = check(ONE_SIGN, pack=pack)
    assert report.score.level == "medium"
    assert all(c.source != LONE_SIGN_SOURCE for c in report.score.contributions)


def test_lowers_one_sign_unlike_the_deceptive_examples_and_records_the_cut():
    low = lower_lone_sign(medium(), 1, 0.1, SCORING)
    assert (low.value, low.level) == (0.3, "low")
    cut = low.contributions[-1]
    assert cut.source == LONE_SIGN_SOURCE and cut.amount == pytest.approx(-0.15)
    assert low.base + sum(c.amount for c in low.contributions) == pytest.approx(low.value)
    assert "p=0.10 < 0.30" in cut.reason


@pytest.mark.parametrize("terms, p, score", [
    (2, 0.1, medium()),              # two signs corroborate each other
    (1, 0.3, medium()),              # the model does not find it unlike the deceptive ads
    (1, None, medium()),             # no model probability (not a job ad)
    (1, 0.1, Score(0.7, "high", 0.0, (), "packs-x")),   # high stays high
    (1, 0.1, Score(0.2, "low", 0.0, (), "packs-x")),    # nothing to lower
])
def test_leaves_everything_else_alone(terms, p, score):
    assert lower_lone_sign(score, terms, p, SCORING) is score
    assert lower_lone_sign(medium(), 1, 0.1, {**SCORING, "lone_sign": {"enabled": False}}).level == "medium"


def test_on_in_a_real_check_the_hit_stays_in_the_report():
    pack = default_pack()
    on = dataclasses.replace(pack, scoring={**pack.scoring, "lone_sign": {"enabled": True, "below": 0.6,
                                                                          "cap": 0.3}})
    assert pack.resemblance.probability(ONE_SIGN) < 0.6   # the premise of this case
    off, lowered = check(ONE_SIGN, pack=pack), check(ONE_SIGN, pack=on)
    assert lowered.score.level == "low" and lowered.score.value == pytest.approx(0.3)
    assert [h.indicator for h in lowered.hits] == [h.indicator for h in off.hits] == ["fee_charged"]
    assert lowered.to_dict()["explanation"]["contributions"][-1]["source"] == LONE_SIGN_SOURCE


def test_bad_settings_are_config_errors():
    for bad, msg in [({"enabled": "yes"}, "true or false"), ({"below": "x"}, "numbers"),
                     ({"cap": 2}, "in \\[0, 1\\]"), ("on", "mapping")]:
        with pytest.raises(ConfigError, match=msg):
            lone_sign_settings({"lone_sign": bad})


def test_needs_the_resemblance_model(tmp_path):
    shutil.copytree(PACK_DIR, tmp_path / "packs")
    path = tmp_path / "packs" / "scoring.yaml"
    scoring = yaml.safe_load(path.read_text(encoding="utf-8"))
    scoring["resemblance"]["enabled"] = False
    scoring["lone_sign"]["enabled"] = True
    path.write_text(yaml.safe_dump(scoring), encoding="utf-8")
    with pytest.raises(ConfigError, match="lone_sign: needs the resemblance model"):
        load_pack(tmp_path / "packs")


def test_trainer_mirror_and_choice():
    # 6 legitimate ads with one rule term at P 0.05 (false alarms), 40 deceptive flagged ads of which one
    # has one rule term at P 0.05 and one at P 0.25; high-scoring and two-term ads are never lowered.
    n_dec = 40
    y = np.array([0] * 6 + [1] * n_dec)
    flags = np.ones(len(y), dtype=bool)
    values = np.array([0.45] * 6 + [0.45, 0.45] + [0.7] * (n_dec - 2))
    terms = np.array([1] * 6 + [1, 1] + [2] * (n_dec - 2))
    p = np.array([0.05] * 6 + [0.05, 0.25] + [0.1] * (n_dec - 2))
    types = ["job"] * len(y)
    lowered = lone_sign_flags(flags, values, types, terms, p, 0.7, 0.3, 0.65)
    assert lowered.tolist() == [False] * 6 + [False, False] + [True] * (n_dec - 2)
    assert lone_sign_flags(flags, values, ["other"] * len(y), terms, p, 0.7, 0.3, 0.65).all()
    # every value loses at least the deceptive ad at P 0.05: 1 of 40 (0.025) is over the 0.02 budget
    known = np.ones(len(y), dtype=bool)
    assert choose_lone_below(flags, values, types, terms, p, 0.7, 0.65, y, known) is None
    # with 100 deceptive ads the same two losses fit (0.02): the choice removes all six false alarms at the
    # lowest value that does
    n_dec = 100
    y = np.array([0] * 6 + [1] * n_dec)
    flags = np.ones(len(y), dtype=bool)
    values = np.array([0.45] * 8 + [0.7] * (n_dec - 2))
    terms = np.array([1] * 8 + [2] * (n_dec - 2))
    p = np.array([0.05] * 7 + [0.25] + [0.1] * (n_dec - 2))
    assert choose_lone_below(flags, values, ["job"] * len(y), terms, p, 0.7, 0.65, y,
                             np.ones(len(y), dtype=bool)) == 0.1


def test_scoring_yaml_uses_the_below_chosen_by_dev_cv():
    chosen = default_pack().resemblance.meta["dev_cv"]["lone_sign"]
    assert default_pack().scoring["lone_sign"]["below"] == chosen["below"]
