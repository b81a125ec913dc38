"""Valid, collision-free phone numbers per country, formatted without calling phonenumbers per ad.

A `PhonePlan` is built once per region from `phonenumbers`' example mobile number: prefixes whose
completions validate and format like the example are kept, and the n-th number of a region is an
injective function of n (prefix chosen by n, subscriber digits by an affine permutation of n).
Two calls with different n can therefore never yield the same number.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import phonenumbers as pn
from phonenumbers import PhoneNumberFormat as PNF

_MUL = 38_201  # coprime with 10: x -> (x * _MUL + _ADD) mod 10**free is a permutation
_ADD = 52_763


@dataclass(frozen=True, slots=True)
class Phone:
    """One number: its E.164 value (the truth) and the two ways people print it."""

    region: str
    e164: str
    national: str
    international: str


@dataclass(frozen=True, slots=True)
class PhonePlan:
    region: str
    country_code: int
    prefixes: tuple[str, ...]
    free: int
    national_fmt: str
    international_fmt: str

    @property
    def capacity(self) -> int:
        return len(self.prefixes) * 10**self.free

    def number(self, n: int) -> Phone:
        """The n-th number of this region (n < capacity); distinct n give distinct numbers."""
        if not 0 <= n < self.capacity:
            raise ValueError(f"phone plan {self.region} exhausted at {n}")
        count = len(self.prefixes)
        modulus = 10**self.free
        q, r = divmod(n, modulus)
        sub = (r * _MUL + _ADD) % modulus  # r is recovered from sub, then q from the prefix index
        nsn = self.prefixes[(r + q) % count] + str(sub).zfill(self.free)
        return Phone(
            self.region,
            f"+{self.country_code}{nsn}",
            self.national_fmt.format(*nsn),
            self.international_fmt.format(*nsn),
        )


def _mask(formatted: str, nsn: str) -> str | None:
    """Turn a formatted number into a str.format pattern with one {} per national digit."""
    digits = [i for i, ch in enumerate(formatted) if ch.isdigit()]
    extra = len(digits) - len(nsn)
    if extra < 0:
        return None
    out = []
    skip = set(digits[:extra])  # trunk prefix ("0", "8") or country code stays literal
    for i, ch in enumerate(formatted):
        if ch.isdigit() and i not in skip:
            out.append("{}")
        else:
            out.append(ch.replace("{", "{{").replace("}", "}}"))
    return "".join(out)


def _formats(cc: int, nsn: str) -> tuple[str, str] | None:
    num = pn.PhoneNumber(country_code=cc, national_number=int(nsn))
    if not pn.is_valid_number(num):
        return None
    nat = _mask(pn.format_number(num, PNF.NATIONAL), nsn)
    intl = pn.format_number(num, PNF.INTERNATIONAL)
    intl_mask = _mask(intl, str(cc) + nsn)
    if nat is None or intl_mask is None:
        return None
    # The country code is part of the international digits: keep it literal.
    intl_mask = "+" + str(cc) + intl_mask[1:].replace("{}", "", len(str(cc)))
    return nat, intl_mask


def _prefix_ok(cc: int, prefix: str, free: int, fmts: tuple[str, str], rnd: random.Random) -> bool:
    """A prefix is kept when sampled completions validate and format exactly like the plan says."""
    samples = ["0" * free, "9" * free] + [str(rnd.randrange(10**free)).zfill(free)]
    for sub in samples:
        nsn = prefix + sub
        if _formats(cc, nsn) != fmts:
            return False
    return True


@lru_cache(maxsize=None)
def plan(region: str) -> PhonePlan:
    """The plan for a region: from data/phone_plans.json when listed there, else built now."""
    saved = _saved_plans().get(region)
    if saved is None:
        return build_plan(region)
    return PhonePlan(region, saved["cc"], tuple(saved["prefixes"]), saved["free"], saved["national"], saved["international"])


@lru_cache(maxsize=1)
def _saved_plans() -> dict:
    path = resources.files(__package__).joinpath("data/phone_plans.json")
    return json.loads(path.read_text("utf-8")) if path.is_file() else {}


def save_plans(regions, path) -> None:
    """Regenerate data/phone_plans.json (build_plan for each region); tests check it is current."""
    plans = {r: build_plan(r) for r in sorted(regions)}
    out = {r: {"cc": p.country_code, "prefixes": list(p.prefixes), "free": p.free, "national": p.national_fmt,
               "international": p.international_fmt} for r, p in plans.items()}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


def build_plan(region: str) -> PhonePlan:
    """Build the plan for a region from its example mobile number (~10 ms of phonenumbers calls)."""
    example = pn.example_number_for_type(region, pn.PhoneNumberType.MOBILE)
    if example is None:
        raise ValueError(f"no example mobile number for {region}")
    cc, nsn = example.country_code, str(example.national_number)
    free = 5 if len(nsn) >= 9 else 4
    fmts = _formats(cc, nsn)
    assert fmts is not None, region
    stem = nsn[: len(nsn) - free]
    rnd = random.Random(region)
    prefixes = []
    for j in range(30):
        cand = stem[:-2] + str(j).zfill(2) if len(stem) > 2 else stem
        if cand not in prefixes and _prefix_ok(cc, cand, free, fmts, rnd):
            prefixes.append(cand)
    rnd.shuffle(prefixes)
    return PhonePlan(region, cc, tuple(prefixes), free, fmts[0], fmts[1])
