"""Fast forms of two phonenumbers calls for digit strings, with the library's own answers:
`is_valid(number)` = `phonenumbers.is_valid_number`, and `parse_digits(digits, region)` =
`phonenumbers.parse` for ASCII digits with an optional leading "+" (None where parse raises).

phonenumbers tests a number against up to ten type patterns per region, one Python call each, and for
shared country codes (+1 has 25 regions) region by region: most of the extraction time went there.
This module reads the same metadata and joins, per region and per number length, the type patterns
that admit that length into one alternation, so a region costs one `fullmatch`. The order of regions
and the leading-digits rule are phonenumbers' own (`_region_code_for_number_from_list`). Agreement with
the library is checked in tests/extract/test_phone_validity.py.

`parse_digits` skips parse's clean-up of free text (punctuation, letters, extensions, viability),
which digit strings do not need, and calls the library's own steps for the rest: country code, national
prefix, length test. Those steps are private functions of the pinned phonenumbers version; the tests
compare every answer with `phonenumbers.parse`, so a new version that changes them fails loudly.
"""
from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneMetadata, PhoneNumber
from phonenumbers import phonenumberutil as _pu

from redflags.regex_first import first_chars

_TYPES = ("premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan",
          "voicemail", "fixed_line", "mobile")
_NON_GEO = "001"


class _Region:
    """One region's validity test: the general pattern, then the joined type patterns for a length."""

    __slots__ = ("general", "general_lengths", "by_length", "leading")

    def __init__(self, md) -> None:
        gd = md.general_desc
        self.general = re.compile(gd.national_number_pattern) if gd and gd.national_number_pattern else None
        self.general_lengths = frozenset(gd.possible_length) if gd else frozenset()
        self.leading = re.compile(md.leading_digits) if md.leading_digits is not None else None
        descs = [getattr(md, name) for name in _TYPES
                 if not (name == "mobile" and md.same_mobile_and_fixed_line_pattern)]
        descs = [d for d in descs if d is not None and d.national_number_pattern]
        self.by_length: dict[int, re.Pattern[str] | None] = {}
        lengths = {n for d in descs for n in d.possible_length} | set(self.general_lengths)
        for n in range(0, 20):
            if n not in lengths and not any(not d.possible_length for d in descs):
                continue
            alts = [d.national_number_pattern for d in descs if not d.possible_length or n in d.possible_length]
            self.by_length[n] = re.compile("|".join(f"(?:{a})" for a in alts)) if alts else None

    def valid(self, nsn: str) -> bool:
        n = len(nsn)
        if self.general is None or (self.general_lengths and n not in self.general_lengths):
            return False
        if self.general.fullmatch(nsn) is None:
            return False
        joined = self.by_length.get(n)
        return joined is not None and joined.fullmatch(nsn) is not None


@lru_cache(maxsize=None)
def _region(country_code: int, region: str) -> _Region | None:
    md = PhoneMetadata.metadata_for_region_or_calling_code(country_code, region)
    return None if md is None else _Region(md)


def is_valid(number: PhoneNumber) -> bool:
    """True when phonenumbers would call `number` valid (`phonenumbers.is_valid_number`)."""
    cc = number.country_code
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(cc)
    if not regions:
        return False
    nsn = phonenumbers.national_significant_number(number)
    if len(regions) == 1:
        test = _region(cc, regions[0])
        return test is not None and test.valid(nsn)
    for region in regions:
        if region == _NON_GEO:
            continue  # phonenumbers finds no metadata for it by region code in a shared list
        test = _region(cc, region)
        if test is None:
            continue
        if test.leading is not None:
            if test.leading.match(nsn):
                return test.valid(nsn)
        elif test.valid(nsn):
            return True
    return False


_SKIP_LENGTHS = (_pu.ValidationResult.TOO_SHORT, _pu.ValidationResult.IS_POSSIBLE_LOCAL_ONLY,
                 _pu.ValidationResult.INVALID_LENGTH)


def parse_digits(number: str, region: str) -> PhoneNumber | None:
    """`phonenumbers.parse(number, region)` for `number` = ASCII digits (7 to 17), optionally after "+";
    None where parse would raise. Anything else goes to the library itself."""
    plus = number.startswith("+")
    digits = number[1:] if plus else number
    metadata = PhoneMetadata.metadata_for_region(region, None)
    if not (7 <= len(digits) <= 17 and digits.isascii() and digits.isdigit()) or (metadata is None and not plus):
        try:
            return phonenumbers.parse(number, region)
        except NumberParseException:
            return None
    numobj = PhoneNumber()
    cc, nsn = _country_code(digits, plus, metadata, numobj)
    if cc is None:
        return None
    if cc != 0:
        number_region = _pu.region_code_for_country_code(cc)
        if number_region != region:
            metadata = PhoneMetadata.metadata_for_region_or_calling_code(cc, number_region)
    else:
        nsn += digits
        numobj.country_code = metadata.country_code
    if len(nsn) < _pu._MIN_LENGTH_FOR_NSN:
        return None
    if metadata is not None:
        _, potential, _ = _pu._maybe_strip_national_prefix_carrier_code(nsn, metadata)
        if _pu._test_number_length(potential, metadata) not in _SKIP_LENGTHS:
            nsn = potential
    if not _pu._MIN_LENGTH_FOR_NSN <= len(nsn) <= _pu._MAX_LENGTH_FOR_NSN:
        return None
    _pu._set_italian_leading_zeros_for_phone_number(nsn, numobj)
    numobj.national_number = int(nsn)
    return numobj


def _country_code(digits: str, plus: bool, metadata, numobj: PhoneNumber) -> tuple[int | None, str]:
    """parse's country-code step (`_maybe_extract_country_code`) for a digit string: (code, rest), (0, "")
    when none is written, (None, "") where parse raises. The common shapes are read directly."""
    if plus:
        cc, rest = _pu._extract_country_code(digits)
        if cc:
            numobj.country_code = cc
            return cc, rest
        try:  # unknown code after "+": parse reads the digits again as if written without it
            cc, rest = _pu._maybe_extract_country_code(digits, metadata, False, numobj)
        except NumberParseException:
            return None, ""
        return (cc, rest) if cc else (None, "")
    if metadata.international_prefix is not None:
        stripped, rest = _pu._parse_prefix_as_idd(_pu.re_compile(metadata.international_prefix), digits)
        if stripped:
            if len(rest) <= _pu._MIN_LENGTH_FOR_NSN:
                return None, ""
            cc, rest = _pu._extract_country_code(rest)
            if not cc:
                return None, ""
            numobj.country_code = cc
            return cc, rest
    if digits.startswith(str(metadata.country_code)):
        try:
            return _pu._maybe_extract_country_code(digits, metadata, False, numobj)
        except NumberParseException:
            return None, ""
    return 0, ""


_DIGITS = frozenset("0123456789")


@lru_cache(maxsize=None)
def _national_gate(region: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, str, frozenset[str],
                                         frozenset[int] | None] | None:
    """What `surely_invalid` needs for `region`: its international prefix and national prefix patterns
    and country code (the prefixes parse strips), the first digits of any valid national number of its
    country code and their possible lengths (None: any); None when the region has no metadata."""
    md = PhoneMetadata.metadata_for_region(region, None)
    if md is None:
        return None
    idd = re.compile(md.international_prefix) if md.international_prefix else None
    prefix = re.compile(md.national_prefix_for_parsing) if md.national_prefix_for_parsing else None
    cc = md.country_code
    first: set[str] = set()
    lengths: set[int] | None = set()
    for name in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(cc, ()):
        rmd = PhoneMetadata.metadata_for_region_or_calling_code(cc, name)
        gd = rmd.general_desc if rmd is not None else None
        if gd is None or not gd.national_number_pattern:
            continue
        f = first_chars(gd.national_number_pattern)
        first |= _DIGITS if f is None else f & _DIGITS
        if lengths is not None:
            lengths = None if not gd.possible_length else lengths | set(gd.possible_length)
    return idd, prefix, str(cc), frozenset(first), None if lengths is None else frozenset(lengths)


def surely_invalid(digits: str, region: str) -> bool:
    """True only when `digits` (ASCII digits, no "+") read in `region` cannot be a valid number: no
    international prefix, national prefix or country code that parse would strip starts it (the same
    `match` tests parse makes), so the whole string is the national number, and no region of the
    country code has a number that starts with its first digit or has its length. A cheap test that
    spares most digit strings tried in the wrong region the parse."""
    gate = _national_gate(region)
    if gate is None or not digits:
        return False
    idd, prefix, cc, first, lengths = gate
    if digits.startswith(cc) or (idd is not None and idd.match(digits)) or (prefix is not None and prefix.match(digits)):
        return False
    return digits[0] not in first or (lengths is not None and len(digits) not in lengths)
