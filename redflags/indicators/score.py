"""Hits and identifiers -> a 0-1 risk score whose contributions add up to it (explanation as data).

Formula (noisy-OR): value = 1 - (1 - base) * prod(1 - w_i), over one term per indicator that fired
(its pack weight), one per identifier signal (weights in `scoring.yaml`) and, for job ads when
`scoring.yaml` enables it, one `model:resemblance` term: the statistical model's probability that the ad
resembles the shipped deceptive job ads reached `threshold`, so `weight` is added (never instead of a
rule; see `resemblance.py`). Terms are applied in
descending weight; each contribution is the increase it caused, so base + sum(contributions) == value
up to float rounding. Level: "high" if value >= levels.high, "medium" if >= levels.medium, else "low".
An ad is *flagged* when its level is medium or high. The opt-in lone-sign check (`lower_lone_sign`, off
in the shipped scoring.yaml) may then cap a one-sign job ad below medium, as a negative contribution.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

from redflags.errors import ConfigError
from redflags.indicators.pack import Pack, lone_sign_settings, resemblance_numbers
from redflags.model import Contribution, Hit, Identifier, Score

MESSAGING_KINDS = ("phone", "handle")
RESEMBLANCE_SOURCE = "model:resemblance"
RESEMBLANCE_AD_TYPES = ("job",)  # the model was trained on job ads and knows no other kind
LONE_SIGN_SOURCE = "model:lone_sign"


def level_for(value: float, scoring: Mapping[str, Any]) -> str:
    """The level name for a score value under the pack's thresholds."""
    levels = scoring.get("levels", {})
    try:
        high, medium = float(levels["high"]), float(levels["medium"])
    except (KeyError, TypeError, ValueError) as e:
        raise ConfigError("scoring.yaml: levels: needs numeric 'medium' and 'high'") from e
    return "high" if value >= high else "medium" if value >= medium else "low"


def _is_company_contact(ident: Identifier, free_domains: frozenset[str]) -> bool:
    if ident.kind == "email":
        return ident.value.rsplit("@", 1)[-1].lower() not in free_domains
    if ident.kind == "url":
        domain = str((ident.detail or {}).get("domain") or ident.value).lower()
        return not any(domain == d or domain.endswith("." + d) for d in free_domains)
    return False


def identifier_signals(identifiers: Sequence[Identifier], ad_type: str, fired: set[str],
                       scoring: Mapping[str, Any]) -> list[tuple[str, float, str]]:
    """(source, weight, reason) terms that the extracted identifiers add to the score."""
    cfg = scoring.get("identifiers", {})
    free = frozenset(d.lower() for d in scoring.get("free_email_domains", ()))
    out: list[tuple[str, float, str]] = []
    msg = cfg.get("messaging_only")
    if msg and ad_type in ("job", "other") and "messaging_only" not in fired:
        contacts = [i for i in identifiers if i.kind in MESSAGING_KINDS + ("email",)]
        company = [i for i in identifiers if _is_company_contact(i, free)]
        if contacts and not company:
            kinds = sorted({i.kind if i.kind != "email" else "personal e-mail" for i in contacts})
            out.append(("identifiers:messaging_only", float(msg["weight"]),
                        f"contact only by {', '.join(kinds)}; no company e-mail or website"))
    wallet = cfg.get("crypto_wallet")
    wallets = [i for i in identifiers if i.kind == "wallet"]
    if wallet and wallets and "crypto_or_prepay" not in fired:
        out.append(("identifiers:crypto_wallet", float(wallet["weight"]),
                    f"{len(wallets)} cryptocurrency wallet address(es) in the ad"))
    return out


def resemblance_signal(text: str | None, ad_type: str, pack: Pack) -> list[tuple[str, float, str]]:
    """The `model:resemblance` term for a job ad whose probability reaches the threshold. The model knows job
    ads only, so an ad the rules could not type ("other": often a commercial-sex ad without cues) gets none."""
    return _resemblance(text, ad_type, pack)[0]


def _resemblance(text: str | None, ad_type: str, pack: Pack) -> tuple[list[tuple[str, float, str]], float | None]:
    """(the resemblance term if it fires, the model's probability for a job ad, else None)."""
    model = pack.resemblance
    if model is None or text is None or ad_type not in RESEMBLANCE_AD_TYPES:
        return [], None
    threshold, weight = resemblance_numbers(pack.scoring)
    if weight <= 0.0:   # no term; the probability only if the lone-sign check will read it
        return [], model.probability(text) if lone_sign_settings(pack.scoring)[0] else None
    found = model.explain(text, min_probability=threshold)
    if found.probability < threshold:
        return [], found.probability
    words = ", ".join(f'"{w}"' for w, _, _ in found.phrases)
    return [(RESEMBLANCE_SOURCE, weight, f"resembles deceptive job ads in the shipped examples "
             f"(p={found.probability:.2f})" + (f": {words}" if words else ""))], found.probability


def lower_lone_sign(sc: Score, rule_terms: int, probability: float | None, scoring: Mapping[str, Any]) -> Score:
    """The opt-in lone-sign check (`lone_sign:` in scoring.yaml, off by default): a job ad flagged by exactly
    one rule term, below the high level, whose wording the resemblance model finds unlike the deceptive
    examples (p < below) has its value capped at `cap`; the cut is recorded as a negative contribution and
    the hit stays in the report. Off, or in any other case, `sc` is returned unchanged."""
    enabled, below, cap = lone_sign_settings(scoring)
    if not enabled or probability is None or rule_terms != 1 or probability >= below:
        return sc
    if sc.level != "medium" or sc.value <= cap:
        return sc
    cut = Contribution(LONE_SIGN_SOURCE, cap - sc.value,
                       f"one warning sign only, in an ad whose wording is unlike the deceptive examples "
                       f"(p={probability:.2f} < {below:.2f}): counted at most {cap:.2f}; check that sign yourself")
    return Score(cap, level_for(cap, scoring), sc.base, sc.contributions + (cut,), sc.pack_version)


def combine(terms: Iterable[tuple[str, float, str]], base: float, scoring: Mapping[str, Any],
            pack_version: str = "") -> Score:
    """Noisy-OR of the terms on top of `base`, with each term's contribution recorded."""
    value = base
    contributions = []
    for source, weight, reason in sorted(terms, key=lambda t: (-t[1], t[0])):
        new = 1.0 - (1.0 - value) * (1.0 - weight)
        contributions.append(Contribution(source, new - value, reason))
        value = new
    return Score(value, level_for(value, scoring), base, tuple(contributions), pack_version)


def score(hits: Sequence[Hit], identifiers: Sequence[Identifier], ad_type: str, pack: Pack,
          text: str | None = None) -> Score:
    """The ad's risk: one term per indicator that fired (its strongest hit), plus identifier signals,
    plus the resemblance signal when the pack enables it and `text` is given."""
    best: dict[str, Hit] = {}
    for h in hits:
        if h.indicator not in best or h.weight > best[h.indicator].weight:
            best[h.indicator] = h
    terms = [(f"indicator:{h.indicator}", h.weight, f"{h.category}: \"{h.text}\" at {h.start}-{h.end}")
             for h in best.values()]
    terms += identifier_signals(identifiers, ad_type, set(best), pack.scoring)
    model_terms, probability = _resemblance(text, ad_type, pack)
    sc = combine(terms + model_terms, float(pack.scoring.get("base", 0.0)), pack.scoring, pack.version)
    return sc if model_terms else lower_lone_sign(sc, len(terms), probability, pack.scoring)
