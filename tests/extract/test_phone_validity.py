"""The fast validity test must agree with phonenumbers.is_valid_number on every number it sees."""
from __future__ import annotations

import random

import phonenumbers
from hypothesis import given, settings, strategies as st

from redflags.extract.phone_validity import is_valid, parse_digits

_CODES = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)


def _numbers_near_examples() -> list[phonenumbers.PhoneNumber]:
    """Every example number phonenumbers ships (valid by construction) and variants one digit off,
    one digit shorter and one longer (mostly invalid), for every region and type."""
    rng = random.Random(5)
    out = []
    for region in phonenumbers.SUPPORTED_REGIONS:
        for kind in (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE,
                     phonenumbers.PhoneNumberType.TOLL_FREE, phonenumbers.PhoneNumberType.PREMIUM_RATE,
                     phonenumbers.PhoneNumberType.VOIP, phonenumbers.PhoneNumberType.UAN):
            ex = phonenumbers.example_number_for_type(region, kind)
            if ex is None:
                continue
            nsn = phonenumbers.national_significant_number(ex)
            variants = [nsn, nsn[:-1], nsn + str(rng.randrange(10))]
            for _ in range(6):
                k = rng.randrange(len(nsn))
                variants.append(nsn[:k] + str(rng.randrange(10)) + nsn[k + 1:])
            for v in variants:
                if v and v[0] != "0":
                    out.append(phonenumbers.PhoneNumber(country_code=ex.country_code, national_number=int(v)))
    return out


def test_agrees_with_phonenumbers_on_every_region_and_type():
    numbers = _numbers_near_examples()
    assert len(numbers) > 5000
    valid = [n for n in numbers if phonenumbers.is_valid_number(n)]
    assert 0.2 * len(numbers) < len(valid) < 0.9 * len(numbers)  # the set holds both answers
    mismatches = [n for n in numbers if is_valid(n) != phonenumbers.is_valid_number(n)]
    assert mismatches == []


def test_agrees_on_numbers_parsed_from_text():
    for raw, region in [("(415) 555-0132", "US"), ("+44 7911 123456", "ZZ"), ("07911 123456", "GB"),
                        ("+1 876 555 0100", "ZZ"), ("+7 701 123 4567", "ZZ"), ("011 39 06 1234 5678", "US"),
                        ("+39 06 1234 5678", "ZZ"), ("+800 1234 5678", "ZZ"), ("+1 242 359 1234", "ZZ")]:
        n = phonenumbers.parse(raw, region)
        assert is_valid(n) == phonenumbers.is_valid_number(n), raw


@settings(max_examples=3000, deadline=None)
@given(st.sampled_from(_CODES), st.integers(min_value=10**3, max_value=10**15))
def test_agrees_on_random_numbers(cc, national):
    n = phonenumbers.PhoneNumber(country_code=cc, national_number=national)
    assert is_valid(n) == phonenumbers.is_valid_number(n)


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(_CODES), st.integers(min_value=10**3, max_value=10**12), st.integers(1, 3))
def test_agrees_with_italian_leading_zeros(cc, national, zeros):
    n = phonenumbers.PhoneNumber(country_code=cc, national_number=national, italian_leading_zero=True,
                                 number_of_leading_zeros=zeros)
    assert is_valid(n) == phonenumbers.is_valid_number(n)


def _library_parse(number: str, region: str):
    try:
        return phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return (a.country_code, a.national_number, a.italian_leading_zero, a.number_of_leading_zeros) == \
        (b.country_code, b.national_number, b.italian_leading_zero, b.number_of_leading_zeros)


_REGIONS = sorted(phonenumbers.SUPPORTED_REGIONS)


def test_parse_digits_agrees_on_written_numbers():
    cases = [("4155550132", "US"), ("14155550132", "US"), ("+14155550132", "ZZ"), ("07911123456", "GB"),
             ("447911123456", "GB"), ("00447911123456", "FR"), ("01144791112345", "US"), ("0612345678", "FR"),
             ("+390612345678", "ZZ"), ("+80012345678", "ZZ"), ("5491123456789", "AR"), ("0111523456789", "AR"),
             ("+9999999999", "ZZ"), ("+0123456789", "ZZ"), ("1234567", "ZZ")]
    for number, region in cases:
        assert _same(parse_digits(number, region), _library_parse(number, region)), (number, region)
    assert parse_digits("4155550132", "US") is not None and parse_digits("+9999999999", "ZZ") is None


@settings(max_examples=4000, deadline=None)
@given(st.sampled_from(_REGIONS + ["ZZ"]), st.booleans(), st.text("0123456789", min_size=5, max_size=19))
def test_parse_digits_agrees_on_random_digit_strings(region, plus, digits):
    number = ("+" if plus else "") + digits
    assert _same(parse_digits(number, region), _library_parse(number, region))


@settings(max_examples=2000, deadline=None)
@given(st.sampled_from(_CODES), st.sampled_from(["", "0", "00", "011", "8", "1"]),
       st.integers(min_value=10**5, max_value=10**12), st.sampled_from(_REGIONS))
def test_parse_digits_agrees_on_prefixed_numbers(cc, prefix, national, region):
    """Numbers that start with a trunk or international prefix and a real country code: the paths
    that strip prefixes and country codes."""
    number = f"{prefix}{cc}{national}"
    assert _same(parse_digits(number, region), _library_parse(number, region))


def _library_valid(number: str, region: str) -> bool:
    n = _library_parse(number, region)
    return n is not None and phonenumbers.is_valid_number(n)


def test_surely_invalid_never_rejects_a_valid_national_number():
    """Every example number of every region and type, written as dialled at home (with the trunk
    prefix) and as its bare national number, in its own region and in every region that shares its
    country code: the quick test never calls a valid one invalid."""
    from redflags.extract.phone_validity import surely_invalid
    checked = 0
    for region in phonenumbers.SUPPORTED_REGIONS:
        for kind in phonenumbers.PhoneNumberType.values():
            ex = phonenumbers.example_number_for_type(region, kind)
            if ex is None:
                continue
            nsn = phonenumbers.national_significant_number(ex)
            dialled = phonenumbers.normalize_digits_only(phonenumbers.format_number(
                ex, phonenumbers.PhoneNumberFormat.NATIONAL))
            for written in {nsn, dialled}:
                for reader in phonenumbers.COUNTRY_CODE_TO_REGION_CODE[ex.country_code]:
                    if reader == "001" or not written:
                        continue
                    if _library_valid(written, reader):
                        checked += 1
                        assert not surely_invalid(written, reader), (written, reader)
    assert checked > 1500


def test_surely_invalid_is_sound_on_every_region_and_first_digit():
    """For every region, each first digit and length 7 to 13 (three random strings each): whatever the
    quick test rejects, phonenumbers finds invalid; and it does reject a good share."""
    from redflags.extract.phone_validity import surely_invalid
    rng = random.Random(11)
    rejected = total = 0
    for region in _REGIONS:
        for d0 in "0123456789":
            for length in range(7, 14):
                for _ in range(3):
                    digits = d0 + "".join(rng.choice("0123456789") for _ in range(length - 1))
                    total += 1
                    if surely_invalid(digits, region):
                        rejected += 1
                        assert not _library_valid(digits, region), (digits, region)
    assert rejected > 0.3 * total


@settings(max_examples=3000, deadline=None)
@given(st.sampled_from(_REGIONS + ["ZZ"]), st.text("0123456789", min_size=1, max_size=19))
def test_surely_invalid_agrees_with_the_parse_it_skips(region, digits):
    from redflags.extract.phone_validity import surely_invalid
    if surely_invalid(digits, region):
        assert not _library_valid(digits, region)
