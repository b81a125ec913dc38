"""`is_valid(number)`: the same answer as `phonenumbers.is_valid_number`, in one regex test per region.

phonenumbers tests a number against up to ten type patterns per region, one Python call each, and for
shared country codes (+1 has 25 regions) region by region: most of the extraction time went there.
This module reads the same metadata and joins, per region and per number length, the type patterns
that admit that length into one alternation, so a region costs one `fullmatch`. The order of regions
and the leading-digits rule are phonenumbers' own (`_region_code_for_number_from_list`). Agreement with
the library is checked in tests/extract/test_phone_validity.py.
"""
from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumber

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
