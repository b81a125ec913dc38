"""Packs are validated data: malformed files fail with ConfigError naming file and entry; the version
tracks every file; patterns cannot backtrack catastrophically."""
import dataclasses
import shutil

import pytest

from redflags.errors import ConfigError
from redflags.indicators.matcher import compiled, find_hits
from redflags.indicators.pack import PACK_DIR, default_pack, load_pack
from redflags.indicators.safe_regex import check_pattern
from tests.linear_time import assert_linear


@pytest.fixture
def pack_dir(tmp_path):
    d = tmp_path / "packs"
    shutil.copytree(PACK_DIR, d)
    return d


def test_shipped_packs_load_with_a_version():
    pack = load_pack()
    assert pack.version.startswith("packs-") and len(pack.indicators) == 23


def test_version_changes_when_any_pack_file_changes(pack_dir):
    before = load_pack(pack_dir).version
    path = pack_dir / "scoring.yaml"
    path.write_text(path.read_text().replace("medium: 0.35", "medium: 0.4"))
    assert load_pack(pack_dir).version != before


@pytest.mark.parametrize("old,new,message", [
    ("weight: 0.45\n  ad_types: [job]\n  analyst: \"Worker asked", "weight: 2\n  ad_types: [job]\n  analyst: \"Worker asked",
     "deceptive_recruitment.yaml: fee_charged: weight"),
    ("- '(?:registration|processing|placement", "- '(?:registration|processing|(a+)+|placement", "fee_charged.en: pattern"),
    ("ad_types: [job]\n  analyst: \"Worker asked", "ad_types: [jobs]\n  analyst: \"Worker asked", "fee_charged: ad_types"),
])
def test_malformed_pack_names_file_and_entry(pack_dir, old, new, message):
    path = pack_dir / "deceptive_recruitment.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace("+", r"\+")):
        load_pack(pack_dir)


def test_unreadable_yaml_and_missing_directory(pack_dir, tmp_path):
    (pack_dir / "commercial_sex.yaml").write_text("family: x\nindicators: [unclosed")
    with pytest.raises(ConfigError, match="commercial_sex.yaml"):
        load_pack(pack_dir)
    with pytest.raises(ConfigError, match="not found"):
        load_pack(tmp_path / "nope")


@pytest.mark.parametrize("pattern", ["(a+)+", "a.*b", "(?:ab){2,}", "x{0,100}", "(?:a{1,9}){1,9}", r"(a)\1", "pay ~10 fee", "a ~0 b"])
def test_backtracking_risks_are_rejected(pattern):
    assert check_pattern(pattern)


def test_matching_takes_linear_time_on_adversarial_text():
    pack = load_pack()
    unit = "pay " * 500 + "a" * 1250 + " ,,,,, " * 500 + "ค่า" * 750
    compiled(pack)  # compiling ~1,900 patterns (about a second) is start-up, not the matching timed here

    def run(text):
        for lang in pack.languages:
            find_hits(text, [lang], "other", pack)
    assert_linear(run, lambda n: unit * n, 4, cap=8.0, label="indicator matcher")


def test_a_negated_match_does_not_hide_another_patterns_match_inside_it(pack_dir):
    """One indicator's patterns form one alternation; when its longest match is negated, a shorter pattern
    matching later inside that span must still be tried."""
    path = pack_dir / "deceptive_recruitment.yaml"
    text = path.read_text(encoding="utf-8")
    first = "      - '(?:registration|processing|placement"
    assert first in text
    path.write_text(text.replace(first, "      - 'training ~5 deposit'\n" + first, 1), encoding="utf-8")
    pack = load_pack(pack_dir)
    ad = "No training needed, pay a deposit of 300 USD."   # "No" negates "training … deposit", not "pay a deposit"
    assert [h.text for h in find_hits(ad, ["en"], "job", pack) if h.indicator == "fee_charged"] == ["pay a deposit"]
    assert not [h for h in find_hits("No training needed and no deposit.", ["en"], "job", pack)
                if h.indicator == "fee_charged"]


def test_no_word_bounded_pattern_ends_in_a_single_digit():
    """Patterns are anchored on word boundaries, so one ending in a lone `\\d` can only match one-digit numbers
    ("commission de \\d" never matched "commission de 300"); amounts need `\\d{1,N}`."""
    import re

    from redflags.indicators.matcher import NO_SPACE_LANGS

    bad = [(ind.id, lang, p) for ind in load_pack().indicators for lang, entry in ind.languages.items()
           if lang not in NO_SPACE_LANGS for p in entry.patterns if re.search(r"(?<![\\\d\]])\\d\)*$", p)]
    assert not bad, bad


def test_one_hit_per_indicator_and_start_the_longest():
    """Patterns of two languages can match at one place ("24h" in English, "24h/24" in French); the store keys
    hits by (ad, indicator, start), so the matcher keeps one per start - the longest - for every engine."""
    hits = find_hits("Disponible 24h/24, acompte obligatoire.", ["fr", "en"], "escort", load_pack())
    keys = [(h.indicator, h.start) for h in hits]
    assert len(keys) == len(set(keys))
    assert [h.text for h in hits if h.indicator == "restricted_freedom"] == ["24h/24"]


def test_a_copy_with_the_signal_off_shares_the_compiled_rules():
    pack = default_pack()
    rules_only = dataclasses.replace(pack, resemblance=None)
    first = compiled(pack)
    assert compiled(rules_only) is first  # alternating the two must not recompile ~1,900 patterns per ad
    assert compiled(pack) is first
    other_rules = dataclasses.replace(pack, negation={})
    assert compiled(other_rules) is not first  # different rule inputs still get their own compiled form
    compiled(pack)
