"""Score arithmetic (noisy-OR, contributions add up), level thresholds and identifier signals."""
import math

import pytest

from redflags.indicators.pack import default_pack
from redflags.indicators.score import combine, identifier_signals, level_for, score
from redflags.model import Hit, Identifier

SCORING = default_pack().scoring


def hit(indicator, weight, start=0):
    return Hit(indicator, "c", start, start + 3, "abc", weight, "en")


def test_contributions_sum_to_the_value_and_follow_noisy_or():
    s = combine([("a", 0.45, ""), ("b", 0.2, ""), ("c", 0.1, "")], 0.0, SCORING)
    assert math.isclose(s.base + sum(c.amount for c in s.contributions), s.value, abs_tol=1e-12)
    assert math.isclose(s.value, 1 - (1 - 0.45) * (1 - 0.2) * (1 - 0.1))
    assert [c.source for c in s.contributions] == ["a", "b", "c"]          # strongest first
    assert s.contributions[0].amount == pytest.approx(0.45)


def test_base_is_part_of_the_formula():
    s = combine([("a", 0.5, "")], 0.2, SCORING)
    assert s.value == pytest.approx(1 - 0.8 * 0.5) and s.base == 0.2
    assert s.base + sum(c.amount for c in s.contributions) == pytest.approx(s.value)


def test_no_terms_is_zero_and_low():
    s = combine([], 0.0, SCORING)
    assert s.value == 0.0 and s.level == "low" and s.contributions == ()


def test_each_indicator_counts_once():
    pack = default_pack()
    s = score([hit("urgency", 0.1), hit("urgency", 0.1, 10)], [], "job", pack)
    assert len(s.contributions) == 1 and s.value == pytest.approx(0.1)
    assert s.pack_version == pack.version


@pytest.mark.parametrize("value,level", [(0.0, "low"), (0.3499, "low"), (0.35, "medium"), (0.6499, "medium"),
                                         (0.65, "high"), (1.0, "high")])
def test_level_thresholds(value, level):
    assert SCORING["levels"] == {"medium": 0.35, "high": 0.65}
    assert level_for(value, SCORING) == level


def test_one_strong_indicator_is_medium_and_one_weak_is_low():
    pack = default_pack()
    assert score([hit("fee_charged", 0.45)], [], "job", pack).level == "medium"
    assert score([hit("urgency", 0.10)], [], "job", pack).level == "low"


def test_messaging_only_contact_from_identifiers():
    phone = Identifier("phone", "+971551234567", 0, 10)
    handle = Identifier("handle", "telegram:x", 12, 20, detail={"platform": "telegram"})
    company = Identifier("email", "jobs@acme.example", 22, 40)
    personal = Identifier("email", "x@gmail.com", 22, 33)
    assert [t[0] for t in identifier_signals([phone, handle], "job", set(), SCORING)] == ["identifiers:messaging_only"]
    assert [t[0] for t in identifier_signals([phone, personal], "job", set(), SCORING)] == ["identifiers:messaging_only"]
    assert identifier_signals([phone, company], "job", set(), SCORING) == []
    assert identifier_signals([phone], "job", {"messaging_only"}, SCORING) == []   # no double count
    assert identifier_signals([phone], "escort", set(), SCORING) == []             # normal for escort ads


def test_crypto_wallet_from_identifiers():
    wallet = Identifier("wallet", "btc:bc1q", 0, 10, detail={"chain": "btc"})
    terms = identifier_signals([wallet], "escort", set(), SCORING)
    assert [t[0] for t in terms] == ["identifiers:crypto_wallet"]
    assert identifier_signals([wallet], "escort", {"crypto_or_prepay"}, SCORING) == []
