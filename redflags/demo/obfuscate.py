"""Write identifiers the way evasive posters do: spelled digits, emoji, fullwidth, "at/dot".

Every function keeps the identifier recoverable by a careful reader (the extractor's job); the
ground truth always records the normalised value, never the written one.
"""
from __future__ import annotations

import json
from importlib import resources
from random import Random

_DIGIT_WORDS: dict[str, list[str]] = json.loads(
    resources.files(__package__).joinpath("data/digits.json").read_text("utf-8")
)
_FULLWIDTH = str.maketrans("0123456789@.", "０１２３４５６７８９＠．")
_LETTERS = str.maketrans("01", "Ol")
_SEPARATOR_EMOJI = ("🌹", "💋", "🔥", "⭐", "💎", "🌸", "✨", "❤️")
PHONE_STYLES = ("spaced", "words", "emoji", "keycap", "fullwidth", "letters")
EMAIL_STYLES = ("at_dot", "brackets", "parens", "fullwidth", "spaced")


def _spaced(text: str, lang: str, rng: Random) -> str:
    return " ".join(ch for ch in text if ch.isdigit() or ch == "+")


def _words(text: str, lang: str, rng: Random) -> str:
    words = _DIGIT_WORDS.get(lang, _DIGIT_WORDS["en"])
    out = []
    for ch in text:
        if ch.isdigit() and rng.random() < 0.6:
            out.append("oh" if ch == "0" and lang == "en" and rng.random() < 0.5 else words[int(ch)])
        else:
            out.append(ch)
    return "".join(out)


def _emoji(text: str, lang: str, rng: Random) -> str:
    mark = rng.choice(_SEPARATOR_EMOJI)
    if any(ch in " -" for ch in text.strip("+")):
        return "".join(mark if ch in " -" else ch for ch in text)
    return mark.join(text[i : i + 3] for i in range(0, len(text), 3))


def _keycap(text: str, lang: str, rng: Random) -> str:
    return "".join(ch + "\ufe0f\u20e3" if ch.isdigit() else ch for ch in text if ch not in "()")


def _fullwidth(text: str, lang: str, rng: Random) -> str:
    return text.translate(_FULLWIDTH)


def _letters(text: str, lang: str, rng: Random) -> str:
    return text.translate(_LETTERS)


_PHONE = {
    "spaced": _spaced,
    "words": _words,
    "emoji": _emoji,
    "keycap": _keycap,
    "fullwidth": _fullwidth,
    "letters": _letters,
}


def phone(written: str, lang: str, rng: Random, style: str | None = None) -> str:
    """Obfuscate a formatted phone number; spelled-out digits only where we have the words."""
    if style is None:
        style = rng.choice(PHONE_STYLES)
        if style == "words" and lang not in _DIGIT_WORDS:
            style = "spaced"
    return _PHONE[style](written, lang, rng)


def email(address: str, rng: Random, style: str | None = None) -> str:
    """Obfuscate an e-mail address ("name at gmail dot com", "name[at]x[dot]com", fullwidth ＠)."""
    local, _, domain = address.partition("@")
    style = style or rng.choice(EMAIL_STYLES)
    if style == "at_dot":
        return f"{local} at {domain.replace('.', ' dot ')}"
    if style == "brackets":
        return f"{local}[at]{domain.replace('.', '[dot]')}"
    if style == "parens":
        return f"{local}(at){domain.replace('.', '(dot)')}"
    if style == "fullwidth":
        return f"{local}＠{domain.replace('.', '．')}"
    return f"{local} @ {domain.replace('.', ' . ')}"
