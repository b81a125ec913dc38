"""E-mail addresses as lower-case `local@domain`, including "name at gmail dot com",
"hr[at]agency[dot]net", "name (arroba) mail (punto) com" and fullwidth ＠ ． (folded by NFKC).

An obfuscated address needs evidence that it is one: a real TLD, and when the only disguise is a bare
" at " between plain words, a webmail domain or a local part that does not look like an English word.
"""
from __future__ import annotations

import re
from functools import lru_cache

from redflags.extract.domains import known_suffix
from redflags.extract.normalize import Folded
from redflags.extract.wordlists import load
from redflags.model import Identifier

MAX_MARKERS = 2000  # bounded work per text: "@"s / disguised "@"s looked at (an ad has a handful)
_LOCAL_CHARS = frozenset("._+-")
_DOMAIN_RE = re.compile(r"(?:[\w-]{1,63}\.){1,8}[^\W\d_]{2,24}(?![\w-])")
_LABEL = r"[\w-]{1,63}+"
# Substrings every unbracketed disguised "@" contains (" at ", " @ " ...), grouped by a character each
# word of the group contains: a one-character test (a memchr) spares the group's substring searches in
# the many ads without that character. Bracketed ones ("(at)", "[@]", "( a )") start at a bracket.
_GATE_GROUPS = (("", (" at ", "arroba", "arobase")),  # "" is in every text: always searched
                ("@", (" @", "@ ")))
_OPEN_BRACKETS = "[({<"


@lru_cache(maxsize=1)
def _obfuscated_re() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], dict[str, str]]:
    data = load("email.json")

    def alt(ws: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))

    at, dot = alt(data["at"]), alt(data["dot"])
    # the disguised "@": "[at]", "(arroba)", " at ", " @ " (whitespace around it is taken in _local/_domain)
    at_re = re.compile(rf"[\[({{<]\s{{0,2}}(?:{at})\s{{0,2}}[\])}}>]|\s(?:at|arroba|arobase)\s|\s@|@\s", re.I)
    dot_sep = rf"(?:\s{{0,2}}[\[({{<]\s{{0,2}}(?:{dot})\s{{0,2}}[\])}}>]\s{{0,2}}|\s{{1,2}}(?:dot|punto|point|ponto)\s{{1,2}}|\s{{0,2}}\.\s{{0,2}})"
    domain_re = re.compile(rf"\s{{0,2}}(?P<domain>{_LABEL}(?:{dot_sep}{_LABEL}){{0,4}}+)", re.I)
    return at_re, domain_re, re.compile(dot_sep, re.I), data["providers"]


def _local_start(text: str, end: int) -> int | None:
    """Start of the local part that ends at `end` (scanning back over [\\w.+-], at most 64), or None."""
    k = end
    while k > 0 and end - k <= 64 and (text[k - 1].isalnum() or text[k - 1] in _LOCAL_CHARS or text[k - 1] == "_"):
        k -= 1
    if k == end or end - k > 64:
        return None
    return k


def _domain(raw: str, dot_re: re.Pattern[str], providers: dict[str, str]) -> tuple[str, bool] | None:
    """(domain, used an obfuscated dot) for the captured domain text, or None if it is not a mail domain."""
    labels = [lab.lower() for lab in dot_re.split(raw) if lab]
    dotted = [m.group() for m in dot_re.finditer(raw)]
    obf_dot = any(d.strip() != "." for d in dotted)
    # keep only labels while they form a known domain ("gmail dot com and" -> gmail.com)
    for n in range(len(labels), 1, -1):
        host = ".".join(labels[:n])
        if known_suffix(host) and "." in host:
            return host, obf_dot
    if labels and labels[0] in providers:
        return providers[labels[0]], obf_dot
    return None


def _obfuscated(text: str, markers: list[re.Match[str]], taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, address) for disguised addresses at `markers` (see _at_markers) in folded text,
    not overlapping `taken`."""
    _, domain_re, dot_re, providers = _obfuscated_re()
    found: list[tuple[int, int, str]] = []
    for m in markers:
        if any(a <= m.start() < b for a, b in taken):
            continue
        lend = m.start()
        while lend > 0 and m.start() - lend < 2 and text[lend - 1] == " ":
            lend -= 1
        s = _local_start(text, lend)
        dm = domain_re.match(text, m.end())
        if s is None or dm is None:
            continue
        got = _domain(dm.group("domain"), dot_re, providers)
        if got is None:
            continue
        domain, obf_dot = got
        local = text[s:lend].lower().strip(".")
        bare_at = m.group().strip().lower() in ("at", "arroba", "arobase")
        if bare_at and not obf_dot and domain.split(".")[0] not in providers and local.isalpha():
            continue  # "meet at hotel.com"
        if not local or local.isdigit():
            continue
        found.append((s, _domain_end(dm, domain, dot_re), f"{local}@{domain}"))
        taken.append((s, found[-1][1]))
    return found


def _at_markers(text: str, low: str, at_re: re.Pattern[str]) -> list[re.Match[str]]:
    """Disguised "@" markers, found by matching only around cheap substring hits and at opening
    brackets (a full regex scan of every ad costs more than the rest of e-mail extraction); `low` is
    `text.lower()`. Bounded: at most MAX_MARKERS substring hits and bracket tries per text."""
    starts: set[int] = set()
    for key, words in _GATE_GROUPS:
        if key not in low:
            continue
        for w in words:
            p = low.find(w)
            while p != -1 and len(starts) < MAX_MARKERS:
                starts.add(p)
                p = low.find(w, p + 1)
    found: dict[int, re.Match[str]] = {}
    tries = 0
    for bracket in _OPEN_BRACKETS:
        q = text.find(bracket)
        while q != -1 and tries < MAX_MARKERS:
            tries += 1
            m = at_re.match(text, q)
            if m is not None:
                found[q] = m
            q = text.find(bracket, q + 1)
    for p in sorted(starts):
        m = at_re.search(text, max(0, p - 4), p + 12)
        if m and m.start() not in found:
            found[m.start()] = m
    kept: list[re.Match[str]] = []
    for k in sorted(found):  # as a scan would: a marker inside the one before it is not another marker
        if not kept or k >= kept[-1].end():
            kept.append(found[k])
    return kept


def _domain_end(m: re.Match[str], domain: str, dot_re: re.Pattern[str]) -> int:
    """End offset of the part of the captured domain that was used (labels beyond the TLD are dropped)."""
    need = domain.count(".") + 1
    for count, sep in enumerate(dot_re.finditer(m.group("domain")), 1):
        if count == need:
            return m.start("domain") + sep.start()
    return m.end()


def _plain(text: str) -> list[tuple[int, int, str]]:
    """(start, end, address) for ordinary local@domain addresses."""
    found = []
    p = text.find("@")
    for _ in range(MAX_MARKERS):
        if p == -1:
            break
        s = _local_start(text, p)
        dm = _DOMAIN_RE.match(text, p + 1)
        if s is not None and dm is not None and (s == 0 or text[s - 1] != "@"):
            local = text[s:p].strip(".")
            domain = dm.group().lower()
            if local and known_suffix(domain):
                found.append((s, dm.end(), f"{local.lower()}@{domain}"))
        p = text.find("@", p + 1)
    return found


def extract_emails(folded: Folded) -> list[Identifier]:
    """E-mail addresses in folded text, lower-cased, with original-text spans."""
    text = folded.text
    markers = _at_markers(text, folded.lower, _obfuscated_re()[0])  # none: no disguised "@" to read
    if not markers and "@" not in text:
        return []
    found: list[Identifier] = []
    plain = _plain(text) if "@" in text else []
    for fs, fe, value in plain:
        s, e = folded.span(fs, fe)
        found.append(Identifier("email", value, s, e, folded.changed(fs, fe)))
    for fs, fe, value in (_obfuscated(text, markers, [(a, b) for a, b, _ in plain]) if markers else ()):
        s, e = folded.span(fs, fe)
        found.append(Identifier("email", value, s, e, True))
    found.sort(key=lambda i: i.start)
    return found
