"""Which of the supported languages an ad is written in: script first, then py3langid for the rest.

Thai is recognised by its script; Cyrillic text is Ukrainian when it uses і/ї/є/ґ, Russian when it uses
ы/э/ъ/ё, otherwise py3langid decides between the two. Latin-script text goes to py3langid (model shipped
inside the package, runs offline), ranked only among the supported Latin-script languages; Malay counts
as Indonesian. The model loads lazily (about 0.8 s) the first time it is needed.
"""
from __future__ import annotations

import re
from functools import lru_cache

SUPPORTED = ("en", "es", "fr", "pt", "ro", "ru", "uk", "id", "tl", "th")
_LATIN = ("en", "es", "fr", "pt", "ro", "id", "tl", "ms")
_ALIASES = {"ms": "id"}
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_UK_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RU_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
_NOISE = re.compile(r"\S*[@/]\S*|\S*\d\S*")   # e-mails, URLs, handles, numbers say nothing about language


@lru_cache(maxsize=1)
def _identifier():
    """The py3langid model, loaded once (read-only)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)


def _best(text: str, allowed: tuple[str, ...]) -> str:
    ranked = _identifier().rank(text)
    for lang, _score in ranked:
        if lang in allowed:
            return _ALIASES.get(lang, lang)
    return allowed[0]


def detect(text: str) -> str | None:
    """ISO 639-1 code of the ad's language among SUPPORTED, or None when the text has no letters."""
    clean = _NOISE.sub(" ", text)
    thai = len(_THAI.findall(clean))
    cyr = len(_CYRILLIC.findall(clean))
    latin = len(_LATIN_LETTER.findall(clean))
    if thai == cyr == latin == 0:
        return None
    if thai >= max(cyr, latin) * 0.5 and thai > 0:
        return "th"
    if cyr > latin:
        uk, ru = len(_UK_ONLY.findall(clean)), len(_RU_ONLY.findall(clean))
        if uk != ru:
            return "uk" if uk > ru else "ru"
        return _best(clean, ("ru", "uk"))
    return _best(clean, _LATIN)
