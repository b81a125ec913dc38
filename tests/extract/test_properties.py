"""Property tests: a valid phone written any supported way comes back; random text never raises;
hostile input runs in linear time."""
import time

import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redflags.extract import extract, query_values
from tests.linear_time import assert_linear

REGIONS = ["US", "GB", "MX", "BR", "FR", "ES", "RO", "RU", "UA", "ID", "PH", "TH", "IN", "NG", "AE", "DE", "IT",
           "CO", "KE", "ZA", "PL", "TR", "VN", "AU", "CA"]
WORDS = {
    "en": "zero one two three four five six seven eight nine".split(),
    "es": "cero uno dos tres cuatro cinco seis siete ocho nueve".split(),
    "fr": "zéro un deux trois quatre cinq six sept huit neuf".split(),
    "pt": "zero um dois três quatro cinco seis sete oito nove".split(),
}
SCRIPTS = {"fullwidth": 0xFF10, "arabic": 0x0660, "persian": 0x06F0, "devanagari": 0x0966, "thai": 0x0E50,
           "bengali": 0x09E6}


def _numbers():
    out = []
    for region in REGIONS:
        for kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE):
            n = phonenumbers.example_number_for_type(region, kind)
            if n is not None and phonenumbers.is_valid_number(n):
                out.append((region, n))
    return out


NUMBERS = _numbers()


def _digit(d, style, lang):
    if style == "plain":
        return d
    if style == "keycap":
        return d + "\ufe0f\u20e3"
    if style == "words":
        return " " + WORDS[lang][int(d)] + " "
    if style == "lookalike":
        return {"0": "O", "1": "l"}.get(d, d)
    return chr(SCRIPTS[style] + int(d))


@st.composite
def written_phone(draw):
    region, n = draw(st.sampled_from(NUMBERS))
    e164 = phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)
    fmt = draw(st.sampled_from(["international", "national", "e164", "00"]))
    if fmt == "international":
        shown = phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    elif fmt == "national":
        shown = phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.NATIONAL)
    elif fmt == "00":
        shown = "00 " + e164[1:]
    else:
        shown = e164
    style = draw(st.sampled_from(["plain", "keycap", "words", "lookalike", *SCRIPTS]))
    lang = draw(st.sampled_from(sorted(WORDS)))
    sep = draw(st.sampled_from(["", " ", "-", ".", " 🔥 ", "💋", "\u200b", "*"]))
    out = []
    if shown.startswith("00 "):
        out.append("00 ")  # a "00" written "00." would read as a decimal number
        shown = shown[3:]
    for ch in shown:
        if ch.isdigit():
            out.append(_digit(ch, style, lang))
        elif ch in " -":
            out.append(sep or ch)
        else:
            out.append(ch)
    text = " ".join("".join(out).split(" ")).replace("  ", " ").replace("  ", " ").strip()
    if style == "words" and text.startswith("+"):
        text = "plus " + text[1:]
    return region, e164, text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(written_phone(), st.sampled_from(["call me ", "☎️ ", "WhatsApp: ", "Hi! new in town. Text ", ""]),
       st.sampled_from([" now", " 💋", ". Age 22", ""]))
def test_any_valid_phone_written_any_supported_way_comes_back(case, before, after):
    region, e164, written = case
    text = before + written + after
    values = [i.value for i in extract(text, region, kinds=["phone"])]
    assert e164 in values, (text, values)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(NUMBERS))
def test_search_query_in_e164_finds_the_same_value(case):
    region, n = case
    e164 = phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)
    assert ("phone", e164) in query_values(e164, region)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=400), st.sampled_from(REGIONS))
def test_random_text_never_raises_and_spans_are_valid(text, region):
    for ident in extract(text, region):
        assert 0 <= ident.start <= ident.end <= len(text)
        assert ident.kind in {"phone", "email", "wallet", "handle", "url", "price", "age"}


ALPHABET = "0123456789 -.()+/@:oO lI#$€hh\u200b\ufe0f\u20e3🔥٣١twoseven.com[at](dot)www"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=300))
def test_digit_soup_never_raises(text):
    extract(text, "US")
    query_values(text)


def _adversarial_inputs(mb: int = 1_000_000) -> dict[str, str]:
    """Hostile texts of mb characters, built the same way at every size."""
    return {
        "digits": "7" * mb,
        "spaced digits": ("1 " * (mb // 2)),
        "separators": "1" + "-" * (mb - 2) + "1",
        "brackets": "(" * (mb // 2) + ")" * (mb // 2),
        "mixed": ("(+44) 12-34.56 🔥 " * (mb // 17))[:mb],
        "words": ("seven oh two " * (mb // 13))[:mb],
        "at dot": ("a at b dot " * (mb // 10))[:mb],
        "base58": "1" + "A" * (mb - 1),
        "lookalike": "O" * mb,
        "emails": ("a." * (mb // 2)) + "@",
        "urls": ("www." + "a." * (mb // 2))[:mb],
        "money": ("$1," * (mb // 3))[:mb],
    }


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(_adversarial_inputs()))
def test_one_megabyte_of_hostile_input_takes_linear_time(name):
    """About 0.1-0.5 s per megabyte on a quiet host; the cap allows a CI host several times slower."""
    assert_linear(lambda text: extract(text, "US"), lambda n: _adversarial_inputs(n)[name], 1_000_000, cap=5.0,
                  label=name)
