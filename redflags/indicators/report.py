"""The check report as data, in the reader's language, plus a plain-text rendering of it.

Every hit carries the words it saw (span and text), why that matters (worker explanation) and what to do
(advice) in the report language, falling back to English where a pack has no text in that language.
Identifier signals (messaging-only contact, crypto wallets) appear as hits too, with the span of the
identifier that triggered them. The statistical resemblance signal, when it added to the score, appears
as `resembles_scam_ads` hits (source "model", after the others), one per phrase of the ad that raised its probability most.
Wording around the hits comes from `packs/ui.yaml`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from redflags.indicators.pack import Pack
from redflags.indicators.score import RESEMBLANCE_SOURCE
from redflags.model import Hit, Identifier, Score

# identifier signal -> the text indicator whose worker explanation describes it
SIGNAL_TEXT = {"identifiers:messaging_only": "messaging_only", "identifiers:crypto_wallet": "crypto_or_prepay"}
SIGNAL_KINDS = {"identifiers:messaging_only": ("phone", "handle", "email"), "identifiers:crypto_wallet": ("wallet",)}
RESEMBLANCE_HIT = "resembles_scam_ads"


@dataclass(frozen=True, slots=True)
class ReportHit:
    """One warning sign as shown to a reader."""

    indicator: str
    category: str
    start: int
    end: int
    text: str
    weight: float
    explanation: str
    advice: str
    analyst: str
    frameworks: tuple[str, ...]
    source: str = "text"

    def to_dict(self) -> dict[str, Any]:
        return {"indicator": self.indicator, "category": self.category, "span": [self.start, self.end],
                "text": self.text, "explanation": self.explanation, "advice": self.advice,
                "weight": self.weight, "frameworks": list(self.frameworks), "source": self.source}


@dataclass(frozen=True, slots=True)
class Report:
    """Everything `redflags check` says about one text."""

    score: Score
    language: str
    detected_language: str | None
    ad_type: str
    hits: tuple[ReportHit, ...]
    summary: str
    advice: str
    labels: Mapping[str, str]

    def to_dict(self) -> dict[str, Any]:
        s = self.score
        return {"score": round(s.value, 4), "level": s.level, "language": self.language,
                "detected_language": self.detected_language, "ad_type": self.ad_type,
                "hits": [h.to_dict() for h in self.hits],
                "explanation": {"formula": "1 - (1 - base) * prod(1 - weight)", "base": s.base,
                                "contributions": [{"source": c.source, "amount": round(c.amount, 6),
                                                   "reason": c.reason} for c in s.contributions],
                                "total": round(s.value, 6)},
                "summary": self.summary, "advice": self.advice, "pack_version": s.pack_version}


def ui_text(pack: Pack, lang: str, key: str) -> str:
    """A piece of report wording in `lang`, else English, else the key itself."""
    for code in (lang, "en"):
        value = pack.ui.get(code, {}).get(key)
        if value:
            return str(value)
    return key


def _report_hit(pack: Pack, indicator_id: str, lang: str, start: int, end: int, text: str,
                weight: float, source: str) -> ReportHit:
    ind = pack.indicator(indicator_id)
    words = ind.text_for(lang)
    return ReportHit(indicator_id, ind.category, start, end, text, weight,
                     words.explanation if words else ind.analyst, words.advice if words else "",
                     ind.analyst, ind.frameworks, source)


def _signal_hits(pack: Pack, text: str, score: Score, identifiers: Sequence[Identifier],
                 lang: str) -> list[ReportHit]:
    out = []
    for c in score.contributions:
        if c.source not in SIGNAL_TEXT:
            continue
        ident = next((i for i in identifiers if i.kind in SIGNAL_KINDS[c.source]), None)
        start, end = (ident.start, ident.end) if ident else (0, 0)
        out.append(_report_hit(pack, SIGNAL_TEXT[c.source], lang, start, end, text[start:end],
                               c.amount, "identifiers"))
    return out


def _resemblance_hits(pack: Pack, text: str, score: Score, lang: str) -> list[ReportHit]:
    """One hit per phrase the model names, when its term is part of the score."""
    term = next((c for c in score.contributions if c.source == RESEMBLANCE_SOURCE), None)
    if term is None or pack.resemblance is None:
        return []
    found = pack.resemblance.explain(text)
    analyst = (f"statistical model (character n-grams, logistic regression) trained on the shipped example "
               f"ads: P={found.probability:.2f} that this ad resembles the deceptive job ads; not a rule")
    phrases = found.phrases or (("", 0, 0),)
    return [ReportHit(RESEMBLANCE_HIT, "statistical", start, end, words, term.amount,
                      ui_text(pack, lang, "resemblance"), ui_text(pack, lang, "resemblance_advice"),
                      analyst, (), "model") for words, start, end in phrases]


def build_report(text: str, hits: Sequence[Hit], score: Score, identifiers: Sequence[Identifier],
                 language: str, detected: str | None, ad_type: str, pack: Pack) -> Report:
    """Assemble the report for one text from the stage outputs."""
    rhits = [_report_hit(pack, h.indicator, language, h.start, h.end, h.text, h.weight, "text") for h in hits]
    rhits += _signal_hits(pack, text, score, identifiers, language)
    rhits.sort(key=lambda h: (h.start, h.end))
    rhits += _resemblance_hits(pack, text, score, language)   # last: it only adds to the signs above
    labels = {k: ui_text(pack, language, k) for k in
              ("title", "risk", "level_low", "level_medium", "level_high", "found", "none_found",
               "what_to_do", "advice_label", "disclaimer", "language", "ad_type")}
    return Report(score, language, detected, ad_type, tuple(rhits),
                  ui_text(pack, language, f"summary_{score.level}"),
                  ui_text(pack, language, f"advice_{score.level}"), labels)


def render_text(report: Report) -> str:
    """The report as plain text for a terminal, in the report language."""
    lb = report.labels
    level = lb.get(f"level_{report.score.level}", report.score.level)
    lines = [lb["title"], f"{lb['risk']}: {report.score.value:.2f} ({level})",
             f"{lb['language']}: {report.detected_language or '?'} · {lb['ad_type']}: {report.ad_type}",
             "", report.summary, ""]
    if report.hits:
        lines.append(lb["found"])
        groups: dict[str, list[ReportHit]] = {}
        for h in report.hits:
            groups.setdefault(h.indicator, []).append(h)
        for n, (indicator, hits) in enumerate(groups.items(), 1):
            quotes = ", ".join(dict.fromkeys(f"«{h.text}»" for h in hits if h.text))
            lines.append(f"{n}. {quotes} [{indicator}]" if quotes else f"{n}. [{indicator}]")
            lines.append(f"   {hits[0].explanation}")
            if hits[0].advice:
                lines.append(f"   → {hits[0].advice}")
        lines.append("")
    else:
        lines += [lb["none_found"], ""]
    lines += [f"{lb['what_to_do']}: {report.advice}", "", lb["disclaimer"]]
    return "\n".join(lines)
