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

_LOCAL = r"[\w.+-]{1,64}+"
_LABEL = r"[\w-]{1,63}+"
_PLAIN_RE = re.compile(rf"(?<![\w.+-])({_LOCAL})@((?:[\w-]{{1,63}}\.){{1,8}}[^\W\d_]{{2,24}})(?![\w-])")
_GATE = re.compile(r"@|\b(?:at|arroba|arobase)\b|[\[({<]\s?a\s?[\])}>]", re.I)


@lru_cache(maxsize=1)
def _obfuscated_re() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    data = load("email.json")

    def alt(ws: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))

    at, dot = alt(data["at"]), alt(data["dot"])
    at_sep = rf"(?:\s{{0,2}}[\[({{<]\s{{0,2}}(?:{at})\s{{0,2}}[\])}}>]\s{{0,2}}|\s{{1,2}}(?:at|arroba|arobase)\s{{1,2}}|\s{{0,2}}@\s{{0,2}})"
    dot_sep = rf"(?:\s{{0,2}}[\[({{<]\s{{0,2}}(?:{dot})\s{{0,2}}[\])}}>]\s{{0,2}}|\s{{1,2}}(?:dot|punto|point|ponto)\s{{1,2}}|\s{{0,2}}\.\s{{0,2}})"
    pattern = rf"(?<![\w.+-])(?P<local>{_LOCAL})(?P<at>{at_sep})(?P<domain>{_LABEL}(?:{dot_sep}{_LABEL}){{0,4}}+)"
    return re.compile(pattern, re.I), re.compile(dot_sep, re.I), data["providers"]


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


def _obfuscated(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, address) for disguised addresses in folded text not overlapping `taken`."""
    obf_re, dot_re, providers = _obfuscated_re()
    found = []
    for m in obf_re.finditer(text):
        s = m.start()
        if any(a < m.end() and b > s for a, b in taken):
            continue
        got = _domain(m.group("domain"), dot_re, providers)
        if got is None:
            continue
        domain, obf_dot = got
        local = m.group("local").lower().strip(".")
        at = m.group("at").strip().lower()
        bare_at = at in ("at", "arroba", "arobase")
        if bare_at and not obf_dot and domain.split(".")[0] not in providers and local.isalpha():
            continue  # "meet at hotel.com"
        if not local or local.isdigit():
            continue
        end = _domain_end(m, domain, dot_re)
        found.append((s, end, f"{local}@{domain}"))
    return found


def _domain_end(m: re.Match[str], domain: str, dot_re: re.Pattern[str]) -> int:
    """End offset of the part of the captured domain that was used (labels beyond the TLD are dropped)."""
    need = domain.count(".") + 1
    for count, sep in enumerate(dot_re.finditer(m.group("domain")), 1):
        if count == need:
            return m.start("domain") + sep.start()
    return m.end()


def extract_emails(folded: Folded) -> list[Identifier]:
    """E-mail addresses in folded text, lower-cased, with original-text spans."""
    text = folded.text
    if _GATE.search(text) is None:
        return []
    found: list[Identifier] = []
    taken: list[tuple[int, int]] = []
    for m in _PLAIN_RE.finditer(text):
        local, domain = m.group(1).strip("."), m.group(2).lower()
        if not local or not known_suffix(domain):
            continue
        taken.append(m.span())
        s, e = folded.span(*m.span())
        found.append(Identifier("email", f"{local.lower()}@{domain}", s, e, folded.changed(*m.span())))
    for fs, fe, value in _obfuscated(text, taken):
        s, e = folded.span(fs, fe)
        found.append(Identifier("email", value, s, e, True))
    found.sort(key=lambda i: i.start)
    return found
