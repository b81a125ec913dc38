"""Find runs of digits in folded text, seeing through spelled-out digits, look-alike letters and junk
between digits ("seven0two-555-oh1ninenine", "7O2 🔥 555 ...", "cuatro uno cinco ...").

A *token* is a whole alphanumeric word made only of digits, spelled digits (English, Spanish, French,
Portuguese; see data/number_words.json) and look-alike letters (O, l, I). A *run* is a sequence of
tokens separated by at most six separator characters (spaces, dashes, dots, brackets, emoji ...).
Phone parsing then decides which slices of a run are numbers. Everything here is one linear scan.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

from redflags.extract.wordlists import load, trie_pattern

log = logging.getLogger(__name__)

# Characters that end a run: letters/digits are tokens, these mean "a different thing starts here".
_BREAKERS = r"\w\n\r,:;'\"<>=&?!%@#$€£¥₹₱฿₦₽₴"
_GAP_RE = re.compile(rf"(?:[^{_BREAKERS}]|_){{1,6}}")
_PLUS_BEFORE = re.compile(r"\+[ (]{0,2}$")
_MAX_TOKEN = 80  # longest token worth reading ("sevenzerotwofivefivefivezeroonenineninine" is 41)
MAX_RUNS = 2000  # bounded work per text: no ad has more; a 1 MB list of numbers is not an ad
MAX_GROUPS = 64  # a "run" longer than this is a table of numbers or an attack, not a phone number


class Token(NamedTuple):
    """One token of a run: its folded-text span, the digits it stands for, and whether it used words
    or look-alike letters instead of plain digits. (Named tuples: built a few times per ad, and a
    frozen dataclass costs 2.5 times as much to build.)"""

    start: int
    end: int
    digits: str
    spelled: bool
    weak: bool


class Run(NamedTuple):
    """Tokens that may form one or more phone numbers; `plus` marks an international "+"/"plus" prefix
    starting at `plus_start`."""

    tokens: tuple[Token, ...]
    plus: bool
    plus_start: int


@lru_cache(maxsize=1)
def _tables() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str], frozenset[str], frozenset[str],
                       re.Pattern[str]]:
    data = load("number_words.json")
    words: dict[str, str] = {}
    for table in data["digits"].values():
        for w, d in table.items():
            words[w.lower()] = d
    plus = frozenset(w.lower() for w in data["plus_words"])
    subs = "".join(k for k in data["substitutions"] if k.lower() not in words)
    alternation = trie_pattern(sorted(set(words) | plus))
    piece = rf"[0-9]|{alternation}|(?-i:[{re.escape(subs)}])"
    token_re = re.compile(rf"(?<![^\W_])(?:{piece})++(?![^\W_])", re.I)
    # the same on lower-cased text without re.I: about twice as fast; look-alike letters are checked
    # against the original case in _read_token
    first = "".join(sorted({w[0] for w in words} | {w[0] for w in plus} | set("0123456789"))) + subs.lower()
    lower_piece = rf"[0-9]|{alternation}|[{re.escape(subs.lower())}]"
    token_lower_re = re.compile(rf"(?=[{re.escape(first)}])(?<![^\W_])(?:{lower_piece})++(?![^\W_])")
    piece_re = re.compile(piece, re.I)
    for k, v in data["substitutions"].items():
        words.setdefault(k.lower(), v)
        words[k] = v
    weak = frozenset(w.lower() for w in data["weak_at_edges"])
    return token_re, piece_re, words, plus, weak, token_lower_re


@lru_cache(maxsize=1)
def _cluster_after() -> re.Pattern[str]:
    r"""The lower-case cluster regex with the character before the cluster consumed first: a
    non-ASCII-alphanumeric character class the scan can skip to (inside ASCII words it does not stop),
    then the same look-behind test on it. Finds the same clusters as `_clusters()[0]` except one at
    offset 0; the cluster starts one character after the match.

    The token's first-letter look-ahead is tested before the look-behind (which then stands for the
    token's own `(?<![^\W_])`, the same test on the same character): most stops fail on that one
    character test, about 20% faster."""
    token = _tables()[5].pattern
    lead = re.match(r"\(\?=\[[^\]]*\]\)", token).group()  # the token's (?=[...]) look-ahead
    behind = r"(?<![^\W_])"
    assert token[len(lead):].startswith(behind)
    return re.compile(r"[^a-zA-Z0-9]" + lead + r"(?<=[\W_])" + _clusters()[0].pattern[len(lead) + len(behind):])


def _cluster_spans(cluster: re.Pattern[str], src: str) -> list[tuple[int, int]]:
    """(start, end) of every match of the lower-case cluster regex in `src`, as `finditer` gives them."""
    spans = []
    pos = 0
    first = cluster.match(src)
    if first is not None:
        spans.append(first.span())
        pos = first.end()
    # after a cluster the scan resumes at its end: the character there cannot precede a new cluster
    # (a cluster ends on a letter or digit), so no match is lost by consuming it
    spans.extend((m.start() + 1, m.end()) for m in _cluster_after().finditer(src, pos))
    return spans


@lru_cache(maxsize=1)
def _clusters() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Regexes for maximal sequences of tokens joined by short gaps, one pass in C: (for lower-cased
    text, case-insensitive). Only clusters long enough to hold a phone number get per-token work."""
    token_re, _, _, _, _, token_lower_re = _tables()
    gap = rf"(?:[^{_BREAKERS}]|_){{1,6}}+"
    return (re.compile(rf"{token_lower_re.pattern}(?:{gap}{token_lower_re.pattern})*+"),
            re.compile(rf"{token_re.pattern}(?:{gap}{token_re.pattern})*+", re.I))


@lru_cache(maxsize=16384)
def _read_token(word: str) -> tuple[str, bool, bool] | None:
    """(digits, spelled, only look-alike letters) for one token, digits "+" for a plus word, or None
    if the word is not a number."""
    _, piece_re, words, plus, _, _ = _tables()
    low = word.lower()
    if low in plus:
        return "+", True, False
    if word.isdigit():
        return word, False, False
    digits: list[str] = []
    real = long_words = 0
    covered = 0
    for m in piece_re.finditer(word):
        p = m.group()
        covered += len(p)
        if p.isdigit():
            digits.append(p)
            real += 1
            continue
        lp = p.lower()
        if lp in plus:
            return None
        if len(p) > 1:
            long_words += 1
            digits.append(words[lp])
        else:
            digits.append(words.get(p) or words[lp])
    if covered != len(word):
        return None  # a lower-case "i" matched only because the scan ran on lower-cased text
    # "ll", "lol": look-alike letters alone; slicing the run into valid numbers drops stray ones
    return "".join(digits), True, real == 0 and long_words == 0


def find_runs(text: str, low: str | None = None) -> list[Run]:
    """All digit runs in folded `text`, in order, with weak words trimmed from their edges (`low`:
    `text.lower()` if the caller has it)."""
    token_re, _, _, _, weak, token_lower_re = _tables()
    cluster_lower, cluster_i = _clusters()
    low = text.lower() if low is None else low
    same = len(low) == len(text)
    scan, cluster, src = (token_lower_re, cluster_lower, low) if same else (token_re, cluster_i, text)
    runs: list[Run] = []
    spans = _cluster_spans(cluster, src) if same else [c.span() for c in cluster.finditer(src)]
    for cs, ce in spans:
        if ce - cs < 7:
            continue  # too short to hold seven digits
        tokens = list(islice(scan.finditer(src, cs, ce), MAX_GROUPS + 1))
        if len(tokens) > MAX_GROUPS:
            continue  # a table of numbers or an attack, not a phone number
        _runs_in(text, tokens, weak, runs)
        if len(runs) >= MAX_RUNS:
            log.warning("more than %d digit runs in one text; the rest is not searched for phones", MAX_RUNS)
            break
    return runs


def _runs_in(text: str, matches: list[re.Match[str]], weak: frozenset[str], runs: list[Run]) -> None:
    """Split one cluster's tokens into runs at words that are not numbers and at "plus" words."""
    current: list[Token] = []
    plus = False
    plus_start = -1
    last_end = -10
    for m in matches:
        s, e = m.span()
        word = text[s:e]
        read = _read_token(word) if e - s <= _MAX_TOKEN else None
        adjacent = s - last_end <= 6 and _GAP_RE.fullmatch(text, last_end, s) is not None
        if read is None:
            _close(runs, current, plus, plus_start, weak, text)
            current, plus, last_end = [], False, -10
            continue
        digits, spelled, _ = read
        if digits == "+":
            _close(runs, current, plus, plus_start, weak, text)
            current, plus, plus_start, last_end = [], True, s, e
            continue
        if current and not adjacent:
            _close(runs, current, plus, plus_start, weak, text)
            current, plus = [], False
        if not current and not (plus and adjacent):
            pm = _PLUS_BEFORE.search(text, max(0, s - 3), s)
            plus, plus_start = (True, pm.start()) if pm else (False, -1)
        current.append(Token(s, e, digits, spelled, spelled and word.lower() in weak))
        last_end = e
    _close(runs, current, plus, plus_start, weak, text)


def _close(runs: list[Run], tokens: list[Token], plus: bool, plus_start: int,
           weak: frozenset[str], text: str) -> None:
    """Trim weak edge tokens and keep the run if it could hold a phone number (at least 7 digits)."""
    if not tokens:
        return
    lo, hi = 0, len(tokens)
    while lo < hi and tokens[lo].weak:
        lo += 1
        plus = False
    while hi > lo and tokens[hi - 1].weak:
        hi -= 1
    kept = tokens[lo:hi]
    if not kept or len(kept) > MAX_GROUPS:
        return
    if sum(len(t.digits) for t in kept) < 7:
        return
    runs.append(Run(tuple(kept), plus, plus_start if plus else kept[0].start))
