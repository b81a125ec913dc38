"""Load and validate indicator packs (YAML data) into typed, read-only records.

A pack directory holds one file per indicator family (`family:` + `indicators:`), plus `negation.yaml`
(negation and reassurance cues per language), `scoring.yaml` (thresholds, identifier signals) and
`ui.yaml` (report wording per language). The pack version is a hash of every file's name and bytes, so
any change to any of them changes the version recorded with each score. When `scoring.yaml` enables the
statistical resemblance signal, its model file is loaded with the pack and its bytes enter the version too.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import yaml

from redflags.errors import ConfigError
from redflags.indicators.resemblance import MODEL_PATH, Model, load_model
from redflags.indicators.safe_regex import check_pattern

PACK_DIR = Path(__file__).parent / "packs"
AD_TYPES = ("job", "escort", "any")
SPECIAL_FILES = ("negation.yaml", "scoring.yaml", "ui.yaml")
_ID = re.compile(r"^[a-z][a-z0-9_]{1,40}$")


@dataclass(frozen=True, slots=True)
class LanguageEntry:
    """One indicator in one language: its patterns and what to tell a worker."""

    patterns: tuple[str, ...]
    explanation: str
    advice: str


@dataclass(frozen=True, slots=True)
class Indicator:
    """One warning sign: stable id, where it comes from, how much it weighs, how to spot and explain it."""

    id: str
    family: str
    category: str
    frameworks: tuple[str, ...]
    weight: float
    ad_types: tuple[str, ...]
    negatable: bool
    analyst: str
    languages: Mapping[str, LanguageEntry]

    def applies_to(self, ad_type: str) -> bool:
        """True when the indicator is meant for this ad type; every indicator applies to "other"."""
        return ad_type == "other" or "any" in self.ad_types or ad_type in self.ad_types

    def text_for(self, lang: str) -> LanguageEntry | None:
        """The worker text in `lang`, else English, else None."""
        entry = self.languages.get(lang) or self.languages.get("en")
        return entry if entry and entry.explanation else None


@dataclass(frozen=True, slots=True)
class Pack:
    """Everything the indicator stage needs, loaded once and versioned as a whole."""

    indicators: tuple[Indicator, ...]
    version: str
    ad_type_cues: Mapping[str, Mapping[str, tuple[str, ...]]]   # ad type -> language -> patterns
    negation: Mapping[str, Mapping[str, Any]]                   # language -> cue lists and windows
    scoring: Mapping[str, Any]
    ui: Mapping[str, Mapping[str, str]]                         # language -> key -> text
    languages: tuple[str, ...] = field(default=())
    resemblance: Model | None = None                            # the statistical signal's model, if enabled

    def indicator(self, indicator_id: str) -> Indicator:
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)


def _fail(path: Path, entry: str, reason: str) -> ConfigError:
    return ConfigError(f"{path.name}: {entry}: {reason}")


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise ConfigError(f"{path.name}: cannot read indicator pack: {e}") from e


def _str_list(value: Any, path: Path, entry: str, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, entry, f"'{name}' must be a list of non-empty strings")
    return tuple(value)


def _language_entry(raw: Any, path: Path, entry: str) -> LanguageEntry:
    if not isinstance(raw, Mapping):
        raise _fail(path, entry, "must be a mapping with patterns, explanation, advice")
    patterns = _str_list(raw.get("patterns", []), path, entry, "patterns") if raw.get("patterns") else ()
    for p in patterns:
        problem = check_pattern(p)
        if problem:
            raise _fail(path, entry, f"pattern {p!r}: {problem}")
    texts = [raw.get(k, "") for k in ("explanation", "advice")]
    if not all(isinstance(t, str) for t in texts) or (bool(texts[0]) != bool(texts[1])):
        raise _fail(path, entry, "'explanation' and 'advice' must be strings, given together")
    return LanguageEntry(patterns, texts[0].strip(), texts[1].strip())


def _indicator(raw: Any, family: str, path: Path, index: int) -> Indicator:
    entry = f"indicators[{index}]"
    if not isinstance(raw, Mapping):
        raise _fail(path, entry, "must be a mapping")
    ind_id = raw.get("id")
    if not isinstance(ind_id, str) or not _ID.match(ind_id):
        raise _fail(path, entry, f"bad or missing id {ind_id!r}")
    entry = ind_id
    weight = raw.get("weight")
    if not isinstance(weight, (int, float)) or isinstance(weight, bool) or not 0 < weight < 1:
        raise _fail(path, entry, f"weight must be a number in (0, 1), got {weight!r}")
    ad_types = _str_list(raw.get("ad_types"), path, entry, "ad_types")
    if set(ad_types) - set(AD_TYPES):
        raise _fail(path, entry, f"ad_types must be among {AD_TYPES}")
    frameworks = _str_list(raw.get("frameworks"), path, entry, "frameworks")
    for key in ("category", "analyst"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise _fail(path, entry, f"'{key}' must be a non-empty string")
    langs = raw.get("languages")
    if not isinstance(langs, Mapping) or "en" not in langs:
        raise _fail(path, entry, "'languages' must be a mapping that includes 'en'")
    languages = {lang: _language_entry(v, path, f"{entry}.{lang}") for lang, v in langs.items()}
    return Indicator(ind_id, family, raw["category"], frameworks, float(weight), ad_types,
                     bool(raw.get("negatable", True)), raw["analyst"].strip(), languages)


def _family(path: Path, data: Any) -> tuple[list[Indicator], dict[str, dict[str, tuple[str, ...]]]]:
    if not isinstance(data, Mapping) or not isinstance(data.get("family"), str):
        raise _fail(path, "family", "a family file needs 'family' and 'indicators'")
    raw_inds = data.get("indicators")
    if not isinstance(raw_inds, list) or not raw_inds:
        raise _fail(path, "indicators", "must be a non-empty list")
    inds = [_indicator(r, data["family"], path, i) for i, r in enumerate(raw_inds)]
    cues: dict[str, dict[str, tuple[str, ...]]] = {}
    for ad_type, per_lang in (data.get("ad_type_cues") or {}).items():
        if not isinstance(per_lang, Mapping):
            raise _fail(path, f"ad_type_cues.{ad_type}", "must map language -> patterns")
        for lang, pats in per_lang.items():
            pats = _str_list(pats, path, f"ad_type_cues.{ad_type}.{lang}", "patterns")
            for p in pats:
                if problem := check_pattern(p):
                    raise _fail(path, f"ad_type_cues.{ad_type}.{lang}", f"pattern {p!r}: {problem}")
            cues.setdefault(ad_type, {})[lang] = pats
    return inds, cues


def _special(directory: Path, name: str) -> Mapping[str, Any]:
    path = directory / name
    data = _read_yaml(path) if path.exists() else {}
    if not isinstance(data, Mapping):
        raise _fail(path, "top level", "must be a mapping")
    return data


def pack_version(directory: Path, extra: tuple[Path, ...] = ()) -> str:
    """Hash of every pack file's name and bytes (and of `extra` files, such as an enabled model): what
    produced a score, recorded with it."""
    h = hashlib.sha256()
    for path in sorted(directory.glob("*.yaml")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for path in extra:
        h.update(b"model\0" + path.read_bytes() + b"\0")
    return "packs-" + h.hexdigest()[:12]


def _resemblance_section(scoring: Mapping[str, Any]) -> Mapping[str, Any]:
    cfg = scoring.get("resemblance") or {}
    if not isinstance(cfg, Mapping):
        raise ConfigError("scoring.yaml: resemblance: must be a mapping")
    return cfg


def resemblance_numbers(scoring: Mapping[str, Any]) -> tuple[float, float]:
    """(threshold, weight) of the `resemblance:` section of scoring.yaml; (1.0, 0.0) when absent."""
    cfg = _resemblance_section(scoring)
    try:
        threshold, weight = float(cfg.get("threshold", 1.0)), float(cfg.get("weight", 0.0))
    except (TypeError, ValueError) as e:
        raise ConfigError("scoring.yaml: resemblance: threshold and weight must be numbers") from e
    if not (0.0 <= threshold <= 1.0 and 0.0 <= weight < 1.0):
        raise ConfigError("scoring.yaml: resemblance: threshold must be in [0, 1] and weight in [0, 1)")
    return threshold, weight


def lone_sign_settings(scoring: Mapping[str, Any]) -> tuple[bool, float, float]:
    """(enabled, below, cap) of the `lone_sign:` section of scoring.yaml; off when absent."""
    cfg = scoring.get("lone_sign") or {}
    if not isinstance(cfg, Mapping):
        raise ConfigError("scoring.yaml: lone_sign: must be a mapping")
    enabled = cfg.get("enabled", False)
    if not isinstance(enabled, bool):
        raise ConfigError("scoring.yaml: lone_sign: enabled must be true or false")
    try:
        below, cap = float(cfg.get("below", 0.0)), float(cfg.get("cap", 0.0))
    except (TypeError, ValueError) as e:
        raise ConfigError("scoring.yaml: lone_sign: below and cap must be numbers") from e
    if not (0.0 <= below <= 1.0 and 0.0 <= cap <= 1.0):
        raise ConfigError("scoring.yaml: lone_sign: below and cap must be in [0, 1]")
    return enabled, below, cap


def resemblance_settings(scoring: Mapping[str, Any], directory: Path) -> tuple[bool, float, float, Path]:
    """(enabled, threshold, weight, model path) of the `resemblance:` section of scoring.yaml."""
    cfg = _resemblance_section(scoring)
    enabled = cfg.get("enabled", False)
    if not isinstance(enabled, bool):
        raise ConfigError("scoring.yaml: resemblance: enabled must be true or false")
    threshold, weight = resemblance_numbers(scoring)
    model = Path(cfg["model"]) if cfg.get("model") else MODEL_PATH
    return enabled, threshold, weight, model if model.is_absolute() else directory / model


def load_pack(directory: str | Path | None = None) -> Pack:
    """Read and validate every pack file in `directory` (default: the packs shipped with Redflags)."""
    directory = Path(directory) if directory else PACK_DIR
    if not directory.is_dir():
        raise ConfigError(f"indicator pack directory not found: {directory}")
    indicators: list[Indicator] = []
    cues: dict[str, dict[str, tuple[str, ...]]] = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.name in SPECIAL_FILES:
            continue
        inds, file_cues = _family(path, _read_yaml(path))
        for ind in inds:
            if any(ind.id == other.id for other in indicators):
                raise _fail(path, ind.id, "duplicate indicator id")
        indicators += inds
        for ad_type, per_lang in file_cues.items():
            cues.setdefault(ad_type, {}).update(per_lang)
    if not indicators:
        raise ConfigError(f"{directory}: no indicator family files")
    negation = _special(directory, "negation.yaml")
    langs = sorted({lang for ind in indicators for lang in ind.languages})
    scoring = _special(directory, "scoring.yaml")
    enabled, _, _, model_path = resemblance_settings(scoring, directory)
    if lone_sign_settings(scoring)[0] and not enabled:
        raise ConfigError("scoring.yaml: lone_sign: needs the resemblance model (resemblance.enabled: true)")
    model = load_model(model_path) if enabled else None
    return Pack(tuple(indicators), pack_version(directory, (model_path,) if enabled else ()), cues, negation,
                scoring, _special(directory, "ui.yaml"), tuple(langs), model)


@lru_cache(maxsize=4)
def default_pack() -> Pack:
    """The shipped packs, loaded once per process (read-only data)."""
    return load_pack(PACK_DIR)
