"""Prices with amount, currency and the time they buy, for ad analysis: "150 hh" (30 min), "200/hr",
"$80 qv" (15 min), "HH: 150", "R$ 300 1h", "500rb". `value` is canonical (`150 USD/30min`, `80 USD`).

An amount is a price when it carries a currency, or sits next to a duration word, or follows a price cue
("rates: 150"). Without a currency the region's currency is assumed (`detail["currency_inferred"]`), and
the amount must look like a price (a multiple of 5, at least 20) so "24 hr" and "2 hrs" are not prices.
Words and symbols live in data/prices.json.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from redflags.extract.normalize import Folded
from redflags.extract.wordlists import load
from redflags.model import Identifier

_NUM = r"[0-9]{1,3}(?:[,.][0-9]{3}){1,3}(?:[.,][0-9]{1,2})?|[0-9]{1,7}(?:[.,][0-9]{1,2})?"
_MULT = {"k": 1000, "rb": 1000, "ribu": 1000, "jt": 1_000_000, "juta": 1_000_000}
_GAP_RIGHT = re.compile(r"\s{0,2}(?:/|per|a|an|for|x|por|la|le|-|–|:|=)?\s{0,2}", re.I)
_GAP_LEFT = re.compile(r"\s{0,2}(?:[:=\-–@]|for|por)?\s{0,2}", re.I)


@lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    data = load("prices.json")

    def alt(ws: Any) -> str:
        return "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))

    symbols = data["symbols"]
    codes = data["codes"]
    words = data["words"]
    before = rf"(?P<cb>{alt(symbols)}|(?<![\w])(?:{alt(codes)})(?![\w]))"
    after = rf"(?P<ca>{alt([s for s in symbols if not s[0].isalpha()])}|(?:{alt(codes)}|{alt(words)})(?![\w]))"
    amount = re.compile(
        rf"(?:{before}\s{{0,2}})?(?<![\w.,])(?P<num>{_NUM})(?:\s?(?P<mult>k|rb|ribu|jt|juta)(?![\w]))?(?![0-9])"
        rf"(?:\s{{0,2}}{after})?", re.I)
    durs = data["durations"]
    digit_keys = alt([k for k in durs if k[0].isdigit()])
    word_keys = alt([k for k in durs if not k[0].isdigit()])
    # "150hh" glues a word duration to the amount; "1hr" must not be read inside "21hr"
    duration = re.compile(rf"(?:(?<![\w.])(?:{digit_keys})|(?<![^\W\d_])(?:{word_keys}))(?![\w])", re.I)
    cues = re.compile(rf"(?<![\w])(?:{alt(data['price_cues'])})\s{{0,2}}[:=\-]?\s{{0,2}}$", re.I)
    lookup = {k.lower(): v for k, v in {**symbols, **{c: c for c in codes}, **words}.items()}
    return {"amount": amount, "duration": duration, "durations": {k.lower(): v for k, v in durs.items()},
            "cues": cues, "currency": lookup, "region": data["region_currency"]}


def _amount(m: re.Match[str]) -> float | None:
    raw = m.group("num")
    if re.fullmatch(r"[0-9]{1,3}(?:[,.][0-9]{3})+", raw):
        value = float(re.sub(r"[,.]", "", raw))
    else:
        value = float(raw.replace(",", "."))
    mult = (m.group("mult") or "").lower()
    return value * _MULT.get(mult, 1)


def _pair_duration(text: str, s: int, e: int, durs: list[tuple[int, int, int]]) -> tuple[int, int, int] | None:
    """The duration written right after the amount ("150 hh", "200/hr"), else right before ("hh 150")."""
    for ds, de, minutes in durs:
        if ds >= e and ds - e <= 6 and _GAP_RIGHT.fullmatch(text, e, ds):
            return ds, de, minutes
    for ds, de, minutes in reversed(durs):
        if de <= s and s - de <= 5 and _GAP_LEFT.fullmatch(text, de, s):
            return ds, de, minutes
    return None


def extract_prices(folded: Folded, region: str = "US") -> list[Identifier]:
    """Prices in folded text; `region` supplies the currency when none is written."""
    text = folded.text
    if not any(c.isdigit() for c in text):
        return []
    t = _tables()
    durs = [(m.start(), m.end(), t["durations"][m.group().lower()]) for m in t["duration"].finditer(text)]
    found: list[Identifier] = []
    for m in t["amount"].finditer(text):
        s, e = m.span()
        if any(ds < e and de > s for ds, de, _ in durs):
            continue  # the "1" of "1hr" is part of a duration
        cur_raw = m.group("cb") or m.group("ca")
        currency = t["currency"].get(cur_raw.lower()) if cur_raw else None
        if (m.group("mult") or "").lower() in ("rb", "ribu", "jt", "juta"):
            currency = "IDR"
        amount = _amount(m)
        if amount is None or amount <= 0 or amount >= 10_000_000:
            continue
        paired = _pair_duration(text, s, e, durs)
        cued = t["cues"].search(text, max(0, s - 20), s) is not None
        if currency is None:
            if not (paired or cued) or amount < 20 or amount % 5:
                continue
        span_s, span_e = (min(s, paired[0]), max(e, paired[1])) if paired else (s, e)
        found.append(_identifier(folded, span_s, span_e, amount, currency, paired, t["region"].get(region, "USD")))
    return found


def _identifier(folded: Folded, s: int, e: int, amount: float, currency: str | None,
                paired: tuple[int, int, int] | None, region_currency: str) -> Identifier:
    inferred = currency is None
    cur = currency or region_currency
    minutes = paired[2] if paired else None
    shown = str(int(amount)) if amount == int(amount) else f"{amount:.2f}"
    value = f"{shown} {cur}" + (f"/{minutes}min" if minutes else "")
    os_, oe = folded.span(s, e)
    detail = {"amount": amount, "currency": cur, "minutes": minutes, "currency_inferred": inferred}
    return Identifier("price", value, os_, oe, False, detail)
