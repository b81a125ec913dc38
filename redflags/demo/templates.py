"""Text templates: load the per-language packs (data/) and compose ad frames from them.

A `Frame` is a title and body with the sentence choices and operator-fixed slots already filled in;
the remaining per-ad slots ({city}, {pay}, {name}, {contact}, ...) are filled by `render`. An operator
keeps one frame for many ads (reused template); an independent poster gets a fresh one per ad.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from random import Random

JOB_LANGS = ("en", "es", "fr", "pt", "ro", "ru", "uk", "id", "tl", "th")
ESCORT_LANGS = ("en", "es", "fr", "pt", "ro", "ru")
JOB_INDICATORS = (
    "fee_charged", "debt_for_travel", "documents_requested", "unrealistic_pay", "no_screening",
    "all_provided_travel", "vague_employer", "messaging_only", "urgency", "tourist_visa_work",
    "confinement", "contract_withheld", "vague_or_appearance", "unlicensed_recruiter",
)
ESCORT_INDICATORS = (
    "youth_minor", "third_party_control", "movement", "restricted_freedom", "multiple_workers",
    "foreign_recent_arrival", "crypto_or_prepay", "high_volume_low_price",
)
PER_AD_SLOTS = ("city", "pay", "price", "date", "name", "name2", "contact", "job", "age")


@lru_cache(maxsize=None)
def pack(genre: str, lang: str) -> dict:
    """The data pack for a genre ('job' or 'escort') and language."""
    path = resources.files(__package__).joinpath(f"data/{genre}/{lang}.json")
    return json.loads(path.read_text("utf-8"))


@dataclass(frozen=True, slots=True)
class Frame:
    """A composed template: format strings with only per-ad slots left, and the indicators planted."""

    title: str
    body: str
    indicators: tuple[str, ...]
    pay: tuple  # (format, low, high, step) for {pay} / {price}


class _KeepPerAd(dict):
    """format_map mapping that leaves per-ad slots in place for the second pass."""

    def __missing__(self, key: str) -> str:
        if key in PER_AD_SLOTS:
            return "{" + key + "}"
        raise KeyError(key)


def _fill(template: str, fixed: dict | None) -> str:
    """Fill operator-fixed slots now; with fixed=None leave all slots for one pass at render time."""
    return template if fixed is None else template.format_map(_KeepPerAd(fixed))


def _join(rng: Random, sentences: list[str]) -> str:
    sep = rng.choice(("\n", " ", "\n\n", " "))
    return sep.join(sentences)


def job_frame(lang: str, deceptive: bool, rng: Random, fixed: dict | None, short: bool = False) -> Frame:
    """Compose a job ad frame: legitimate (all parts, reassurance) or deceptive (planted indicators)."""
    p = pack("job", lang)
    if not deceptive:
        parts = p["legit"]["parts"]
        rnd = rng.random
        last = len(parts) - 1
        chosen = [v[int(rnd() * len(v))] for i, v in enumerate(parts) if i == 0 or i == last or rnd() < 0.8]
        if short:
            chosen = [chosen[0], chosen[-1]]
        title = rng.choice(p["legit"]["title"])
        return Frame(_fill(title, fixed), _fill(_join(rng, chosen), fixed), (), tuple(rng.choice(p["pay"]["legit"])))
    d = p["deceptive"]
    k = 1 if short else rng.randint(2, 6)
    ids = rng.sample(JOB_INDICATORS, k)
    pay = rng.choice(p["pay"]["high" if "unrealistic_pay" in ids else "legit"])
    body = [rng.choice(d["opening"])]
    if not short:
        body += [rng.choice(v) for v in d["details"]]
    body += [rng.choice(d["indicators"][i]) for i in ids] + [rng.choice(d["closing"])]
    title = rng.choice(d["title"])
    return Frame(_fill(title, fixed), _fill(_join(rng, body), fixed), tuple(sorted(ids)), tuple(pay))


def escort_frame(lang: str, indicators: int, rng: Random, fixed: dict | None, short: bool = False) -> Frame:
    """Compose an escort-style frame (tasteful, coded wording) with `indicators` planted signs."""
    p = pack("escort", lang)
    ids = rng.sample(ESCORT_INDICATORS, indicators) if indicators else []
    parts = p["parts"]
    rnd, keep = rng.random, 0.5 if short else 0.9
    chosen = [v[int(rnd() * len(v))] for i, v in enumerate(parts) if i == 0 or rnd() < keep]
    chosen += [rng.choice(p["indicators"][i]) for i in ids]
    chosen.append(rng.choice(p["closing"]))
    pay = rng.choice(p["price"]["low" if "high_volume_low_price" in ids else "normal"])
    title = rng.choice(p["title"])
    return Frame(_fill(title, fixed), _fill(_join(rng, chosen), fixed), tuple(sorted(ids)), tuple(pay))


def pick_list(rng: Random, items: list[str], k: int, joiner: str = ", ") -> str:
    """k distinct items in random order, joined: cheap entropy that keeps unrelated ads apart."""
    return joiner.join(rng.sample(items, k))
