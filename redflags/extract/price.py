"""Prices with amount, currency and the time they buy, for ad analysis: "150 hh" (30 min), "200/hr",
"$80 qv" (15 min), "HH: 150", "R$ 300 1h", "500rb". `value` is canonical (`150 USD/30min`, `80 USD`).

An amount is a price when it carries a currency, or sits next to a duration word, or follows a price cue
("rates: 150"). Without a currency the region's currency is assumed (`detail["currency_inferred"]`), and
the amount must look like a price (a multiple of 5, at least 20) so "24 hr" and "2 hrs" are not prices.
Words and symbols live in data/prices.json.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any, Sequence

from redflags.extract.normalize import NUMBER_RE, Folded
from redflags.extract.wordlists import first_chars, load, trie_pattern
from redflags.model import Identifier

log = logging.getLogger(__name__)
MAX_NUMBERS = 5000  # bounded work per text (an ad has a few dozen numbers)
_NUM_RE = NUMBER_RE
_AMOUNT = re.compile(r"[0-9]{1,3}(?:[,.][0-9]{3}){1,3}(?:[.,][0-9]{1,2})?|[0-9]{1,7}(?:[.,][0-9]{1,2})?")
_MULT_RE = re.compile(r"\s?(k|rb|ribu|jt|juta)(?![\w])", re.I)
_MULT = {"k": 1000, "rb": 1000, "ribu": 1000, "jt": 1_000_000, "juta": 1_000_000}
_GAP_RIGHT_WORDS = ("/", "per", "a", "an", "for", "x", "por", "la", "le", "-", "–", ":", "=")  # tried in this order
_GAP_RIGHT = r"\s{0,2}(?:" + "|".join(re.escape(w) for w in _GAP_RIGHT_WORDS) + r")?\s{0,2}"
_GAP_LEFT = r"\s{0,2}(?:[:=\-–@]|for|por)?\s{0,2}"


@lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    data = load("prices.json")

    def alt(ws: Any) -> str:
        return trie_pattern(w.lower() for w in ws)

    symbols, codes, words, durs = data["symbols"], data["codes"], data["words"], data["durations"]
    signs = [k for k in symbols if not k[0].isalpha()]
    lettered = [k for k in symbols if k[0].isalpha()] + codes  # "Rs", "RM", "USD": whole words only
    # each (?=[...]) look-ahead holds the first letters of what follows it: a speed-up only (see first_chars)
    before = re.compile(rf"(?={first_chars(signs + lettered)})(?:{alt(signs)}|(?<![\w])(?:{alt(lettered)}))\s{{0,2}}$", re.I)
    after_first = first_chars([*signs, *codes, *words])
    after = re.compile(rf"(?=\s{{0,2}}{after_first})\s{{0,2}}({alt([s for s in symbols if not s[0].isalpha()])}|(?:{alt(codes)}|{alt(words)})(?![\w]))", re.I)
    digit_keys = alt([k for k in durs if k[0].isdigit()])
    word_keys = alt([k for k in durs if not k[0].isdigit()])
    # "150hh" glues a word duration to the amount; "1hr" must not be read inside "21hr"
    dur = rf"(?={first_chars(durs)})(?:(?<![\w.])(?:{digit_keys})|(?<![^\W\d_])(?:{word_keys}))(?![\w])"
    gap_first = first_chars([*_GAP_RIGHT_WORDS, *durs])
    lookup = {k.lower(): v for k, v in {**symbols, **{c: c for c in codes}, **words}.items()}
    return {"before": before, "after": after,
            "dur_at": re.compile(rf"(?:{digit_keys})(?![\w])", re.I),
            "dur_right": re.compile(rf"(?=\s|{gap_first}){_GAP_RIGHT}({dur})", re.I),
            "dur_left": re.compile(rf"({dur}){_GAP_LEFT}$", re.I),
            "durations": {k.lower(): v for k, v in durs.items()},
            "cues": re.compile(rf"(?={first_chars(data['price_cues'])})(?<![\w])(?:{alt(data['price_cues'])})\s{{0,2}}[:=\-]?\s{{0,2}}$", re.I),
            "currency": lookup, "region": data["region_currency"],
            "cur_last": frozenset(w[-1].lower() for w in (*symbols, *codes)),
            # first letters of whatever can follow an amount and make it a currency amount (a symbol,
            # code or word, or a multiplier "k", "rb", "jt")
            "after_first": frozenset(c for w in (*signs, *codes, *words, *_MULT) for c in (w[0].lower(), w[0].upper()))}


_THOUSANDS = re.compile(r"[0-9]{1,3}(?:[,.][0-9]{3})+")
_THOUSANDS_CENTS = re.compile(rf"({_THOUSANDS.pattern})[,.]([0-9]{{1,2}})")


def _whole(digits: str) -> str:
    """Digits with their thousands separators removed ("1.500" -> "1500")."""
    return digits.replace(",", "").replace(".", "")


def _amount(raw: str, mult: str) -> float:
    """The value of an `_AMOUNT` match: "1.500" and "1,500" are thousands, "1.500,50", "1,500.50" and even
    "6.500.00" end in cents."""
    if _THOUSANDS.fullmatch(raw):
        value = float(_whole(raw))
    elif cents := _THOUSANDS_CENTS.fullmatch(raw):
        value = float(f"{_whole(cents.group(1))}.{cents.group(2)}")
    else:
        value = float(raw.replace(",", "."))
    return value * _MULT.get(mult.lower(), 1)


def _price_at(text: str, m: re.Match[str], t: dict[str, Any]) -> tuple[int, int, float, str | None, int | None] | None:
    """(start, end, amount, currency or None, minutes or None) for the number `m`, or None if not a price."""
    s, e = m.span()
    raw = m.group()
    plain = raw.isdigit()  # no separators: the common case, read without the amount regexes
    if (len(raw) > 7) if plain else not _AMOUNT.fullmatch(raw):
        return None
    if plain and not (int(raw) >= 20 and int(raw) % 5 == 0) and not _currency_nearby(text, s, e, t):
        return None  # a number that only a currency could make a price, and none is next to it
    if text[e:e + 1] == "%" or text[e:e + 2] == " %":
        return None  # "100% real"
    before = t["before"]
    if s and text[s - 1].isalpha() and not before.search(text, max(0, s - 5), s):
        return None  # "x300", "ID123" (but "Rp500", "RM100" are currencies)
    if t["dur_at"].match(text, s):
        return None  # the "30" of "30 min" is a duration, not an amount
    currency = None
    mm = _MULT_RE.match(text, e)
    if mm:
        mult = mm.group(1)
        amount = _amount(raw, mult)
    else:
        amount = float(raw) if plain else _amount(raw, "")
    if amount <= 0 or amount >= 10_000_000:
        return None
    if mm:
        e = mm.end()
        if mult.lower() in ("rb", "ribu", "jt", "juta"):
            currency = "IDR"
    nxt = text[e:e + 1]
    if nxt == "%" or (nxt == " " and text[e + 1:e + 2] == "%"):
        return None  # "5k %" (a multiplier read above moved the end)
    ca = t["after"].match(text, e)
    if ca is None and nxt and nxt.isalnum() and not t["dur_right"].match(text, e):
        return None  # glued to a word ("...Rm1ki3...", "84ktm"): part of an id or address, not a price
    if ca:
        currency = currency or t["currency"].get(ca.group(1).lower())
        e = ca.end()
    k = s - 1
    while k > s - 3 and k >= 0 and text[k] == " ":
        k -= 1
    cb = before.search(text, max(0, s - 5), s) if k >= 0 and text[k].lower() in t["cur_last"] else None
    if cb:
        currency = t["currency"].get(cb.group().strip().lower()) or currency
        s = cb.start()
    if currency is None and (amount < 20 or amount % 5):
        return None  # a bare number that does not look like a price ("24 hr", "2023", "555")
    minutes = None
    dr = t["dur_right"].match(text, e)
    if dr:
        minutes, e = t["durations"].get(dr.group(1).lower()), dr.end()
    else:
        dl = t["dur_left"].search(text, max(0, s - 22), s)
        if dl:
            minutes, s = t["durations"].get(dl.group(1).lower()), dl.start()
    if currency is None and minutes is None and not t["cues"].search(text, max(0, s - 20), s):
        return None
    return s, e, amount, currency, minutes


def _currency_nearby(text: str, s: int, e: int, t: dict[str, Any]) -> bool:
    """False when no currency or multiplier can be read next to the number at [s, e): the character
    after it (past up to two spaces) cannot start one, nor the one before it (past up to two blanks)
    end one. A cheap test that spares most numbers the currency regexes; it never rejects a price."""
    n, k = len(text), e
    while k < e + 2 and k < n and text[k].isspace():
        k += 1
    if k < n and text[k] in t["after_first"]:
        return True
    k = s - 1
    while k > s - 3 and k >= 0 and text[k] == " ":
        k -= 1
    return k >= 0 and text[k].lower() in t["cur_last"]


def extract_prices(folded: Folded, region: str = "US", skip: Sequence[tuple[int, int]] = ()) -> list[Identifier]:
    """Prices in folded text; `region` supplies the currency when none is written. Numbers wholly
    inside a `skip` span (folded offsets, in order: a phone number's digits) are not read."""
    text = folded.text
    t = _tables()
    found: list[Identifier] = []
    last_end = -1
    k, n_skip = 0, len(skip)
    for n, m in enumerate(folded.numbers):
        if n >= MAX_NUMBERS:
            log.warning("more than %d numbers in one text; the rest is not searched for prices", MAX_NUMBERS)
            break
        ms = m.start()
        if ms < last_end:
            continue
        while k < n_skip and skip[k][1] <= ms:
            k += 1
        if k < n_skip and skip[k][0] <= ms and m.end() <= skip[k][1]:
            continue
        got = _price_at(text, m, t)
        if got is None:
            continue
        s, e, amount, currency, minutes = got
        last_end = e
        found.append(_identifier(folded, s, e, amount, currency, minutes, t["region"].get(region, "USD")))
    return found


def _identifier(folded: Folded, s: int, e: int, amount: float, currency: str | None,
                minutes: int | None, region_currency: str) -> Identifier:
    inferred = currency is None
    cur = currency or region_currency
    shown = str(int(amount)) if amount == int(amount) else f"{amount:.2f}"
    value = f"{shown} {cur}" + (f"/{minutes}min" if minutes else "")
    os_, oe = folded.span(s, e)
    detail = {"amount": amount, "currency": cur, "minutes": minutes, "currency_inferred": inferred}
    return Identifier("price", value, os_, oe, False, detail)
