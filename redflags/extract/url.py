"""URLs, normalised for linking: lower-case host without "www.", path and query as written, no scheme
and no fragment (so http/https/www variants of one page get one value); the registered domain
(example.co.uk) goes in `detail["domain"]`.

Links with a scheme or "www." accept any real TLD; bare domains ("sexyfun.com/ad") need a common TLD or
a country code, written in lower case, so sentence joins like "town.Call" are not taken for links.
"""
from __future__ import annotations

import re
from functools import lru_cache

from redflags.extract.domains import known_suffix, registered_domain
from redflags.extract.normalize import Folded
from redflags.extract.wordlists import load
from redflags.model import Identifier

_CHARS = r"[^\s<>\"'`{}|\\^\[\]]"
_URL_RE = re.compile(
    rf"(?<![\w@.-])(?:(?P<scheme>(?i:https?|hxxps?))://(?P<host1>[\w.-]{{1,253}})|(?P<host2>(?i:www)\.[\w-]{{1,63}}(?:\.[\w-]{{1,63}}){{1,6}})"
    rf"|(?P<host3>(?:[\w-]{{1,63}}\.){{1,4}}[a-z]{{2,24}}))(?P<port>:[0-9]{{2,5}})?(?P<rest>[/?#]{_CHARS}{{0,2000}})?(?![\w@])")
_GATE = re.compile(r"://|www\.|\.[a-z]{2}", re.I)
# the same matches, written so the scan can jump between ':', 'w' and '.' characters instead of trying
# the three alternatives at every position (re.I's [a-z] also takes İ ı ſ and the Kelvin sign)
_LETTER_I = "a-zA-Z\u0130\u0131\u017f\u212a"
_FAST_GATE = re.compile(rf"[:wW.](?:(?<=:)//|(?<=[wW])[wW]{{2}}\.|(?<=\.)[{_LETTER_I}]{{2}})")
_IPV4 = re.compile(r"(?:[0-9]{1,3}\.){3}[0-9]{1,3}")
_WS = re.compile(r"\s")
_TRAIL = ".,;:!?'\")]}»…"


@lru_cache(maxsize=1)
def _bare_tlds() -> frozenset[str]:
    return frozenset(load("urls.json")["bare_tlds"])


def _trim(rest: str) -> str:
    """Drop trailing sentence punctuation and unbalanced closing brackets from a path."""
    while rest and rest[-1] in _TRAIL:
        if rest[-1] == ")" and rest.count("(") >= rest.count(")"):
            break
        rest = rest[:-1]
    return rest


def _accept_bare(host: str, rest: str) -> bool:
    labels = host.split(".")
    tld = labels[-1]
    if tld in _bare_tlds():
        return True
    if len(tld) == 2 and tld.isalpha():
        return bool(rest) or len(labels[-2]) >= 3
    return False


def _normalise(host: str, port: str, rest: str) -> str:
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    rest = rest.split("#", 1)[0]
    path, q, query = rest.partition("?")
    rest = path.rstrip("/") + (q + query if query else "")
    return host + (port or "") + rest


def _read(m: re.Match[str]) -> tuple[str, str, str, int] | None:
    """(value, registered domain, scheme as written, end offset) for a match; None without a real TLD."""
    g = "host1" if m.group("host1") else "host2" if m.group("host2") else "host3"
    host = m.group(g)
    rest = _trim(m.group("rest") or "")
    port = m.group("port") or ""
    if not rest and not port:
        host = host.rstrip(_TRAIL + "-")
    if g == "host1" and _IPV4.fullmatch(host):
        return _normalise(host, port, rest), host, (m.group("scheme") or "").lower(), _end(m, g, host, port, rest)
    if "." not in host or (g == "host3" and not _accept_bare(host, rest)):
        return None
    if host.rsplit(".", 1)[-1].lower() != "onion" and not known_suffix(host):
        return None
    domain = registered_domain(host) or host.lower()
    return _normalise(host, port, rest), domain, (m.group("scheme") or "").lower(), _end(m, g, host, port, rest)


def _end(m: re.Match[str], group: str, host: str, port: str, rest: str) -> int:
    """End offset of the URL once trailing punctuation was trimmed."""
    if rest:
        return m.start("rest") + len(rest)
    return m.end("port") if port else m.start(group) + len(host)


def _candidates(text: str) -> list[re.Match[str]]:
    """URL matches, searched only inside the whitespace-delimited words that contain a gate hit
    (a URL never contains whitespace), which avoids a slow full-text scan."""
    out: list[re.Match[str]] = []
    done = -1
    for g in _FAST_GATE.finditer(text):
        if g.start() < done:
            continue
        ws = _WS.search(text, g.end())
        end = ws.start() if ws else len(text)
        start = max(text.rfind(" ", 0, g.start()), text.rfind("\n", 0, g.start()), text.rfind("\t", 0, g.start())) + 1
        out.extend(_URL_RE.finditer(text, start, end))
        done = end
    return out


def extract_urls(folded: Folded) -> list[Identifier]:
    """URLs in folded text with original-text spans; `detail` has the registered domain and scheme."""
    text = folded.text
    found = []
    for m in _candidates(text):  # no gate hit, no candidate: one pass over texts without links
        got = _read(m)
        if got is None:
            continue
        value, domain, scheme, end = got
        s, e = folded.span(m.start(), end)
        obfuscated = scheme.startswith("hxxp") or folded.changed(m.start(), end)
        scheme = scheme.replace("hxxp", "http") or None
        found.append(Identifier("url", value, s, e, obfuscated, {"domain": domain, "scheme": scheme}))
    return found
