"""Social and messaging handles as `platform:handle` (lower-case), from "IG @name", "snap: name",
"👻 name", "IG/snap: name", "@name on insta" and profile links ("t.me/name", "instagram.com/name").

Canonical platform names: instagram, snapchat, telegram, whatsapp, kik, twitter (also X), onlyfans,
wechat, line, signal. WhatsApp links ("wa.me/447911123456") give `whatsapp:+447911123456` plus the phone.
Aliases, handle shapes and words that are never handles live in data/platforms.json.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import phonenumbers
from phonenumbers import NumberParseException

from redflags.extract.normalize import Folded
from redflags.extract.wordlists import load, trie_pattern
from redflags.model import Identifier

_SEP_CHARS = r"[:=\-–>|]"
_JOIN = r"\s{0,2}(?:/|&|\+|,|and|or|y|et|ou|o)\s{0,2}"


@lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    data = load("platforms.json")
    plats = data["platforms"]
    alias_to: dict[str, tuple[str, bool]] = {}
    prefixes: dict[str, str] = {}
    for name, p in plats.items():
        for a in p["strong"]:
            alias_to[a.lower()] = (name, True)
        for a in p["weak"]:
            alias_to.setdefault(a.lower(), (name, False))
        for u in p["url"]:
            prefixes[u.lower()] = name
    aliases = trie_pattern(alias_to)
    fill = r"(?:id|me|is|at|on|add|handle|user(?:name)?|name)"

    def cue_for(names) -> tuple[str, str]:
        trie = trie_pattern(names)
        first = "".join(sorted({a[0] for a in names}))
        start = rf"(?=[{re.escape(first)}])(?<![\w@.])"
        return start, (
            rf"{start}(?P<aliases>(?:{trie})(?:{_JOIN}(?:{trie})){{0,3}})(?![\w])"
            rf"(?P<sep>\s{{0,3}}(?:{fill}(?![\w])\s{{0,2}}){{0,2}}(?:{_SEP_CHARS}\s{{0,3}})?)(?P<at>@\s?)?(?P<h>[\w.-]{{1,40}})(?![\w.-])")

    cue_start, cue = cue_for(alias_to)
    # the same cue with ASCII aliases only, for texts that contain no alias in another script (cue_scan)
    latin = {a: v for a, v in alias_to.items() if a.isascii()}
    other = sorted(a for a in alias_to if not a.isascii())
    ascii_start, ascii_cue = cue_for(latin)
    # "@" first, then the look-behind on the character before it: a pattern that starts with a literal
    # lets the scan jump from "@" to "@" (about 15 times faster than testing the look-behind everywhere)
    reverse = rf"@(?<![\w@]@)(?P<h>[\w.-]{{2,40}})\s{{1,2}}(?:on|in|via|en|sur|no|na|@)\s{{1,2}}(?P<aliases>{aliases})(?![\w])"
    prefix_alt = "|".join(re.escape(u) for u in sorted(prefixes, key=len, reverse=True))
    url = re.compile(rf"(?<![\w.-])(?:(?i:https?)://)?(?:(?i:www|m|mobile)\.)?(?P<prefix>(?i:{prefix_alt}))(?P<h>[\w.+~-]{{1,40}})")
    alias_word = re.compile(rf"{aliases}", re.I)
    # cue/reverse run on lower-cased text (faster than re.I); the re.I forms serve texts whose length
    # changes when lower-cased
    return {"alias_to": alias_to, "prefixes": prefixes, "cue": re.compile(cue), "reverse": re.compile(reverse),
            # the cue without its start conditions: it begins with the alias trie, whose first letters
            # let the scan skip ahead; _cue_matches checks the character before each match instead
            "cue_bare": re.compile(cue[len(cue_start):]), "cue_ascii": re.compile(ascii_cue[len(ascii_start):]),
            "other_gate": tuple(other),
            "cue_i": re.compile(cue, re.I), "reverse_i": re.compile(reverse, re.I), "url": url,
            "alias_word": alias_word, "patterns": {n: re.compile(p["pattern"]) for n, p in plats.items()},
            "stop": frozenset(data["stopwords"]), "reserved": frozenset(data["url_reserved"]),
            "url_gate": _url_gate(prefixes)}


def _url_gate(prefixes: dict[str, str]) -> tuple[str, ...]:
    """Substrings one of which every profile-link prefix contains (".com/", ".me/" ...): a few
    substring tests instead of one per prefix."""
    keys = set()
    for p in prefixes:
        slash = p.find("/")
        dot = p.rfind(".", 0, slash) if slash > 0 else -1
        keys.add(p[dot:slash + 1] if dot >= 0 else p)
    return tuple(sorted(k for k in keys if not any(o != k and o in k for o in keys)))


def _clean(platform: str, raw: str) -> str | None:
    """Canonical handle for `platform`, or None when `raw` cannot be one."""
    t = _tables()
    h = raw.strip(".-").lower()
    if not h or h in t["stop"] or h.isdigit():
        return None
    return h if t["patterns"][platform].fullmatch(h) else None


def _platforms(aliases_text: str) -> list[tuple[str, bool]]:
    t = _tables()
    return [t["alias_to"][m.group().lower()] for m in t["alias_word"].finditer(aliases_text)
            if m.group().lower() in t["alias_to"]]


def cue_scan(low: str) -> list[re.Match[str]]:
    """The matches of the cue regex in lower-cased `low`, as `finditer` gives them. Texts without an
    alias in another script ("тг", "👻") are scanned with the ASCII aliases only: in the full trie the
    first letters of the Cyrillic aliases would start a match attempt at every such letter of every
    Cyrillic ad."""
    t = _tables()
    if low.isascii() or not any(a in low for a in t["other_gate"]):
        return _cue_matches(t["cue_ascii"], low)
    return _cue_matches(t["cue_bare"], low)


def _from_cues(text: str, low: str) -> list[tuple[int, int, str, str]]:
    t = _tables()
    out = []
    same = len(low) == len(text)
    src, cue, reverse = (low, t["cue"], t["reverse"]) if same else (text, t["cue_i"], t["reverse_i"])
    for m in (cue_scan(low) if same else cue.finditer(src)):
        explicit = bool(m.group("at")) or re.search(_SEP_CHARS, m.group("sep")) is not None
        after = text[m.end("h"):m.end("h") + 1]
        if after == "@":
            continue  # an e-mail address, not a handle
        short_alias = len(m.group("aliases")) < 6
        for platform, strong in _platforms(m.group("aliases")):
            if not (strong or explicit) or platform == "whatsapp":
                continue
            if not explicit and short_alias and not any(c in m.group("h") for c in "0123456789_."):
                continue  # "snap me later", "IG only": a short alias and a plain word is not a handle
            h = _clean(platform, m.group("h"))
            if h:
                out.append((m.start(), m.end("h"), platform, h))
    for m in (reverse.finditer(src) if "@" in text else ()):
        for platform, _ in _platforms(m.group("aliases")):
            h = _clean(platform, m.group("h"))
            if h and platform != "whatsapp":
                out.append((m.start(), m.end(), platform, h))
    return out


def _cue_matches(bare: re.Pattern[str], low: str) -> list[re.Match[str]]:
    """Same matches as `cue.finditer(low)`: `bare` is the cue without `(?<![\\w@.])` (and its first-letter
    look-ahead), so a match preceded by a word character, "@" or "." is dropped and the search goes on
    from the next position, as the look-behind would make the regex do."""
    out = []
    pos = 0
    search = bare.search
    m = search(low, pos)
    while m is not None:
        s = m.start()
        if s and (low[s - 1].isalnum() or low[s - 1] in "_@."):
            m = search(low, s + 1)
            continue
        out.append(m)
        m = search(low, m.end())
    return out


def _from_urls(text: str, low: str) -> list[tuple[int, int, str, str]]:
    t = _tables()
    out = []
    if not any(k in low for k in t["url_gate"]) or not any(p in low for p in t["prefixes"]):
        return out
    for m in t["url"].finditer(text):
        platform = t["prefixes"][m.group("prefix").lower()]
        raw = m.group("h").rstrip(".,")
        if platform == "whatsapp":
            value = _whatsapp(raw)
            if value:
                out.append((m.start(), m.start("h") + len(raw), platform, value))
            continue
        raw = raw.lstrip("~@")
        if raw.lower() in t["reserved"]:
            continue
        h = _clean(platform, raw)
        if h:
            out.append((m.start(), m.start("h") + len(m.group("h").rstrip(".,")), platform, h))
    return out


def _whatsapp(raw: str) -> str | None:
    digits = raw.lstrip("+")
    if not digits.isdigit():
        return None
    try:
        n = phonenumbers.parse("+" + digits, None)
    except NumberParseException:
        return None
    if not phonenumbers.is_valid_number(n):
        return None
    return f"+{n.country_code}{phonenumbers.national_significant_number(n)}"


def extract_handles(folded: Folded) -> list[Identifier]:
    """Handles in folded text, one per (span, platform); WhatsApp links also yield their phone."""
    text = folded.text
    found: list[Identifier] = []
    seen: set[tuple[int, str]] = set()
    for fs, fe, platform, h in sorted(_from_urls(text, folded.lower) + _from_cues(text, folded.lower)):
        if (fs, platform) in seen:
            continue
        seen.add((fs, platform))
        s, e = folded.span(fs, fe)
        obf = folded.changed(fs, fe)
        found.append(Identifier("handle", f"{platform}:{h}", s, e, obf, {"platform": platform}))
        if platform == "whatsapp":
            found.append(Identifier("phone", h, s, e, obf, {"from": "whatsapp link"}))
    return found


def bare_handle_values(query: str) -> list[tuple[str, str]]:
    """Handle values a search query can mean: "instagram:name" as typed, or a bare "@name" on every
    platform whose handle shape fits (the query does not say which platform)."""
    q = query.strip()
    plats = _tables()["patterns"]
    if ":" in q:
        platform, _, raw = q.partition(":")
        platform = platform.strip().lower()
        if platform == "x":
            platform = "twitter"
        h = _clean(platform, raw.strip().lstrip("@")) if platform in plats else None
        return [("handle", f"{platform}:{h}")] if h else []
    if q.startswith("@") and " " not in q:
        return [("handle", f"{p}:{h}") for p in plats if p != "whatsapp" for h in [_clean(p, q[1:])] if h]
    return []
