from hypothesis import given, settings, strategies as st

from redflags.link.shingles import ad_shingles, mask, shingle_hashes, tokens
from redflags.model import Identifier


def test_mask_replaces_identifier_spans_and_digits():
    text = "Call Anna at 702-555-0199 or anna@mail.com, 150 roses"
    idents = [Identifier("phone", "+17025550199", 13, 25), Identifier("email", "anna@mail.com", 29, 42)]
    masked = mask(text, idents)
    assert "555" not in masked and "anna@" not in masked
    assert "xphonex" in masked and "xemailx" in masked
    assert "0 roses" in masked


def test_repost_with_new_numbers_has_the_same_shingles():
    a = "Hotel cleaners wanted in Lisbon, pay 1200 EUR, start 12 May, call +351 912 345 678 today"
    b = "Hotel cleaners wanted in Lisbon, pay 1450 EUR, start 3 May, call +351 934 111 222 today"
    ia = [Identifier("phone", "x", a.index("+351"), a.index(" today"))]
    ib = [Identifier("phone", "y", b.index("+351"), b.index(" today"))]
    assert set(ad_shingles(a, ia, 4)) == set(ad_shingles(b, ib, 4))


def test_long_tokens_of_unspaced_scripts_are_cut():
    toks = tokens(mask("พนักงานคลังสินค้าเริ่มงานวันที่"))
    assert len(toks) > 3 and all(len(t) <= 6 for t in toks)


def test_short_text_gives_one_shingle_and_empty_text_none():
    assert len(shingle_hashes(["only", "two"], 4)) == 1
    assert len(shingle_hashes([], 4)) == 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from("alpha beta gamma delta eps zeta eta theta iota kappa".split()), min_size=4, max_size=40),
       st.lists(st.integers(0, 99999), min_size=1, max_size=5))
def test_digits_never_change_shingles(words, numbers):
    plain = " ".join(words)
    with_numbers = " ".join(words[:2] + [str(n) for n in numbers] + words[2:])
    zeros = " ".join(words[:2] + ["0"] * len(numbers) + words[2:])
    assert set(ad_shingles(with_numbers)) == set(ad_shingles(zeros))
    assert len(ad_shingles(plain)) >= 1
