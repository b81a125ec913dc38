"""The fast checks and scans added for throughput must find exactly what the plain (slower) forms find:
a gate that says "nothing here" when something is there would silently hide an identifier."""
from __future__ import annotations

import re

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from redflags.extract import age, digit_runs, email, negatives, wallet
from redflags.extract.handle import _tables as handle_tables
from redflags.extract.normalize import _NEEDS_WORK, _needs_work, fold
from redflags.extract.wordlists import load

# text built from the pieces the extractors care about, so the properties hit real matches often
_PIECES = ["0", "1", "7", "12", "555", "0199", "2023", "40.7127", " ", "  ", "-", ".", "/", ",", ":", "(", ")",
           "+", "_", "\n", "@", "o", "l", "I", "O", "oh", "one", "seven", "zero", "nine", "cinco", "três", "plus",
           "sept", "age", "im", "yo", "años", "y/o", "ans", "лет", "of", "ig", "snap", "7\ufe0f\u20e3", "\u200b",
           "٣", "７", "\U0001d7d8", "🔥", "👻", "\U0001f51f", "é", "Ж", "ปี", "ำ", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT",
           "bc1", "0x", "GB82WEST12345698765432", "12/05/2023", "°", "x", "abc", "DE", "Zz"]
texts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join) | st.text(max_size=80)


def test_needs_work_matches_the_reference_on_every_character():
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    assert [c for c in chars if _needs_work(c)] == [c for c in chars if _NEEDS_WORK.search(c)]


@settings(max_examples=300)
@given(texts)
def test_needs_work_matches_the_reference_on_text(text):
    assert _needs_work(text) == (_NEEDS_WORK.search(text) is not None)


@settings(max_examples=300)
@given(texts)
def test_folded_lower_is_the_lower_cased_text(text):
    f = fold(text)
    assert f.lower == f.text.lower()
    assert f.lower is f.lower  # computed once


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["1", "9", "A", "z", "Q", "0", "O", "I", "l", " ", ".", "é", "\n"]), max_size=120)
       .map("".join))
def test_wallet_gate_matches_the_plain_scan(text):
    assert wallet._gate(text) == (wallet._GATE.search(text) is not None)


@settings(max_examples=400)
@given(texts)
def test_cluster_scan_finds_the_same_clusters(text):
    cluster = digit_runs._clusters()[0]
    low = text.lower()
    assert digit_runs._cluster_spans(cluster, low) == [m.span() for m in cluster.finditer(low)]


@settings(max_examples=400)
@given(texts)
def test_negatives_scan_matches_the_plain_alternation(text):
    plain = re.compile("|".join(f"(?:{p})" for p in negatives._PATTERNS))
    assert [m.span() for m in negatives._BLOCK_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_profile_link_gate_covers_every_prefix():
    t = handle_tables()
    assert all(any(k in p for k in t["url_gate"]) for p in t["prefixes"])


def _plain_age_tables():
    """The age regexes as plain longest-first alternations (before they became tries)."""
    data = load("ages.json")

    def alt(ws):
        return "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))

    plain_after = [w for w in data["after"] if w not in data["after_needs_before"]]
    return {
        "before": re.compile(rf"(?<![\w])(?:{alt(data['before'])})\s{{0,2}}[:=\-]?\s{{0,2}}$", re.I),
        "weak_before": re.compile(rf"(?<![\w])(?:{alt(data['before_with_after_only'] + data['before'])})\s{{0,2}}$", re.I),
        "after": re.compile(rf"\s{{0,2}}(?:{alt(plain_after)})(?![\w])", re.I),
        "any_after": re.compile(rf"\s{{0,2}}(?:{alt(data['after'] + data['after_needs_before'])})(?![\w])", re.I),
        "not_after": re.compile(rf"\s{{0,2}}(?:{alt(data['not_after'])})(?![^\W\d_])|\s?[0-9]|['\"/%]", re.I),
        "min": data["min"], "max": data["max"]}


def _plain_age_span(text, s, e, t):
    lo = max(0, s - 14)
    wb = t["weak_before"].search(text, lo, s)
    if wb:
        aa = t["any_after"].match(text, e)
        if aa:
            return wb.start(), aa.end()
    b = t["before"].search(text, lo, s)
    if b and not t["not_after"].match(text, e):
        return b.start(), e
    a = t["after"].match(text, e)
    if a:
        return s, a.end()
    return None


_AGE_WORDS = ["age", "aged", "Age:", "edad", "I'm", "i am", "im", "tengo", "j'ai", "am", "yo", "Y/O", "y.o.",
              "yrs old", "years", "years old", "años", "ans", "de ani", "ani", "лет", "ปี", "cm", "kg", "%", "/",
              "min", "19", "22", "7", " ", "  ", ":", "-", "\n", "x"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_AGE_WORDS), max_size=16).map("".join))
def test_age_rules_match_the_plain_alternations(text):
    plain, fast = _plain_age_tables(), age._tables()
    for m in re.finditer(r"[0-9]{2}", text):
        s, e = m.span()
        assert age._age_span(text, s, e, fast) == _plain_age_span(text, s, e, plain)


_WORDS = st.lists(st.text(alphabet="aAbBsSſKk$€-. éÉıİß", min_size=1, max_size=4), min_size=1, max_size=6)


@settings(max_examples=400)
@given(_WORDS, st.text(alphabet="aAbBsSſKk$€-. éÉıİß\n1", max_size=30))
def test_first_chars_look_ahead_never_changes_matches(words, text):
    from redflags.extract.wordlists import first_chars, trie_pattern
    plain = re.compile(rf"\s{{0,2}}(?:{trie_pattern(words)})\s?$", re.I)
    gated = re.compile(rf"(?=\s{{0,2}}{first_chars(words)})\s{{0,2}}(?:{trie_pattern(words)})\s?$", re.I)
    for pos in range(len(text) + 1):
        a, b = plain.search(text, pos), gated.search(text, pos)
        assert (a and a.span()) == (b and b.span())
        a, b = plain.match(text, pos), gated.match(text, pos)
        assert (a and a.span()) == (b and b.span())


@settings(max_examples=400)
@given(st.lists(st.sampled_from(["://", ":", "/", "www.", "WwW", "w", ".", ".co", ".İı", ".ſK", "a", "Z", " ", "é", "1"]),
                max_size=30).map("".join))
def test_url_gate_matches_the_case_insensitive_form(text):
    from redflags.extract import url
    assert [m.span() for m in url._FAST_GATE.finditer(text)] == [m.span() for m in url._GATE.finditer(text)]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(["1", "22", "333", "4444", " ", ".", ",", "a", "٣", "..", ".5", ",12"]), max_size=30)
       .map("".join))
def test_two_digit_numbers_come_from_the_shared_number_scan(text):
    f = fold(text)
    assert age._two_digit_spans(f) == [m.span() for m in age._NUM_RE.finditer(f.text) if m.end() - m.start() == 2]


_HANDLE_PIECES = ["x-", "🔥", "ig", "insta", "snap", "sc", "of", "x", "tg", "line id", "line", "wechat", "👻", "tele", "fans",
                  "big", "sex", "online", "тг", "телеграм", "ник", " ", ":", "@", ".", "_", "-", "/", "&", "name_1", "jess.rose", "é", "\n", "7"]


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(_HANDLE_PIECES), max_size=25).map("".join))
@example("x-👻.telex.@")  # a cue that starts right where the one before it ends
@example("ig: jess.rose, snap @x_1 тг @name👻 a.b")
def test_handle_cue_scan_finds_the_same_matches(text):
    from redflags.extract.handle import cue_scan
    t = handle_tables()
    low = text.lower()
    fast = [(m.span(), m.groupdict()) for m in cue_scan(low)]
    assert fast == [(m.span(), m.groupdict()) for m in t["cue"].finditer(low)]


@settings(max_examples=300)
@given(texts)
def test_work_positions_are_the_reference_matches(text):
    from redflags.extract.normalize import _work_positions
    assert _work_positions(text) == [m.start() for m in _NEEDS_WORK.finditer(text)]


def test_email_gate_groups_hold_every_gate_word_under_a_character_it_contains():
    assert all(key in w for key, ws in email._GATE_GROUPS for w in ws)


_EMAIL_PIECES = ["jess", "gmail", "com", " ", "(", ")", "[", "]", "{", "}", "<", ">", "@", "at", "a", "arroba",
                 "AT", "at sign", ".", "dot", "é", "💋", "1"]


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(_EMAIL_PIECES), max_size=20).map("".join))
@example("jess(@)gmail.com")
@example("x ( a ) y")
@example("write (at sign) here")
@example(" arroba at sign")
def test_disguised_at_markers_are_every_match_of_the_plain_scan(text):
    """The gate finds the disguised "@" the plain regex scan finds in a text that holds one (spaces as
    the only whitespace; with several close together the gate keeps the leftmost of a window)."""
    at_re = email._obfuscated_re()[0]
    plain = [m.span() for m in at_re.finditer(text)]
    assume(len(plain) <= 1)
    assert plain == [m.span() for m in email._at_markers(text, text.lower(), at_re)]
