"""An optional statistical signal: how much an ad resembles the deceptive job ads of the shipped examples.

Features are character n-grams (2-5) taken inside each word, the word padded with a space on each side so
that word starts and ends are features; text is lower-cased, Latin diacritics folded and every digit read
as 0. A Thai run without spaces is one "word", so its n-grams still cover it. Each ad becomes a sublinear
tf x idf vector, L2-normalised; a logistic regression turns it into P(resembles deceptive job ads).

The model is trained by `python -m redflags.indicators.train_resemblance` on the **dev** split of
`bench/data/indicators_eval.jsonl` (job ads only) and shipped as `models/resemblance.json`. Inference here is
plain Python and NumPy (no machine-learning library at start-up). `explain` names the words of *this* ad that pushed
the probability up most, so the flag can say why. The signal adds one noisy-OR term to the rules
(`score.py`); it never replaces them.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterator, Mapping, Sequence

import numpy as np

from redflags.errors import ConfigError
from redflags.indicators.fold import fold

MODEL_PATH = Path(__file__).parent / "models" / "resemblance.json"
NGRAM_SIZES = (2, 3, 4, 5)
LONG_TOKEN = 24  # a longer "word" (a Thai clause, a URL) is explained by its strongest n-gram, not whole

# A word: a run of anything but whitespace and punctuation (Thai, Cyrillic and Latin letters, digits).
_TOKEN = re.compile(r"[^\s.,;:!?()\[\]{}\"'«»“”„/\\|<>*#+=~_•·…–—-]+")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Token:
    """One word of the ad: its span in the original text and its normalised form."""

    start: int
    end: int
    norm: str


def tokens(text: str) -> list[Token]:
    """Words of `text` with spans; lower-cased, Latin diacritics folded, every digit read as 0."""
    return [Token(m.start(), m.end(), _DIGIT.sub("0", fold(m.group()).lower())) for m in _TOKEN.finditer(text)]


def token_ngrams(norm: str) -> Iterator[str]:
    """Character n-grams of one normalised word padded with spaces (" fee", "fee ", ...)."""
    padded = f" {norm} "
    for n in NGRAM_SIZES:
        for i in range(len(padded) - n + 1):
            yield padded[i:i + n]


def words(text: str) -> list[str]:
    """The normalised words of `text` (those of `tokens`, normalised in one pass over the whole text)."""
    return _TOKEN.findall(_DIGIT.sub("0", fold(text).lower()))


def ngram_counts(text: str) -> Counter[str]:
    """Every n-gram of every word of `text`, with its count."""
    grams: list[str] = []
    for word in words(text):
        padded = f" {word} "
        size = len(padded)
        for n in NGRAM_SIZES:
            grams += [padded[i:i + n] for i in range(size - n + 1)]
    return Counter(grams)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


@dataclass(frozen=True, slots=True)
class Resemblance:
    """The probability for one ad and the phrases of it that raised it most: (text, start, end)."""

    probability: float
    phrases: tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class Model:
    """A trained model as shipped: vocabulary, idf, coefficients, intercept and how it was made (meta)."""

    vocab: Mapping[str, int]
    idf: Sequence[float]
    coef: Sequence[float]
    intercept: float
    meta: Mapping[str, object]
    _last: list = field(default_factory=lambda: [None], init=False, repr=False, compare=False)

    @cached_property
    def _arrays(self) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """idf and coefficients as arrays, and the n-gram of each index."""
        grams = [""] * len(self.vocab)
        for g, i in self.vocab.items():
            grams[i] = g
        return np.asarray(self.idf, dtype=float), np.asarray(self.coef, dtype=float), grams

    @cached_property
    def _word_grams(self) -> dict[str, tuple[int, ...]]:
        return {}

    def _known(self, word: str) -> tuple[int, ...]:
        """Vocabulary indices of the n-grams of one normalised word (remembered, up to 200,000 words)."""
        cache = self._word_grams
        ids = cache.get(word)
        if ids is None:
            if len(cache) >= 200_000:
                cache.clear()
            vocab = self.vocab
            ids = cache[word] = tuple(vocab[g] for g in token_ngrams(word) if g in vocab)
        return ids

    def known_counts(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(vocabulary indices, counts) of `text`'s n-grams that are in the vocabulary: `ngram_counts`
        restricted to it."""
        every: list[int] = []
        for word, n in Counter(words(text)).items():
            ids = self._known(word)
            every += ids * n if n > 1 else ids
        return np.unique(np.asarray(every, dtype=np.int64), return_counts=True)

    def _values(self, idx: np.ndarray, cnt: np.ndarray) -> tuple[float, np.ndarray, float]:
        """(intercept + w . x, unnormalised tf-idf values, their L2 norm) for known n-gram counts."""
        idf, coef, _ = self._arrays
        v = (1.0 + np.log(cnt)) * idf[idx]
        norm = float(np.sqrt(v @ v)) or 1.0
        return self.intercept + float(v @ coef[idx]) / norm, v, norm

    def probability(self, text: str) -> float:
        """P(the ad reads like the deceptive job ads of the training set)."""
        return _sigmoid(self._values(*self.known_counts(text))[0])

    def explain(self, text: str, top: int = 4, min_probability: float = 0.0) -> Resemblance:
        """The probability plus up to `top` phrases of `text` whose n-grams pushed it up most.

        Each n-gram's push (coefficient x feature value) is shared evenly among its occurrences; a word's
        push is the sum over its n-grams. The `top` words with the largest positive push are kept and
        neighbouring ones (no other word between them) are joined into one phrase. The last result is kept,
        so the score and the report explaining one ad compute it once. Below `min_probability` no phrase is
        looked for (the probability alone is returned, at the cost of `probability`)."""
        memo = self._last[0]
        if memo is not None and memo[0] == (text, top):
            return memo[1]
        idx, cnt = self.known_counts(text)
        z, v, norm = self._values(idx, cnt)
        prob = _sigmoid(z)
        if prob < min_probability:
            return Resemblance(prob, ())
        _, coef, grams = self._arrays
        push = np.zeros(len(grams))
        push[idx] = coef[idx] * v / norm / cnt
        per_word: dict[str, tuple[str, float, int]] = {}   # normalised word -> (key, push, offset in word)
        best: dict[str, tuple[float, int, int, int]] = {}   # key -> (push, token index, start, end)
        for k, tok in enumerate(tokens(text)):
            found_word = per_word.get(tok.norm)
            if found_word is None:
                ids = self._known(tok.norm)
                if not ids:
                    found_word = ("", 0.0, 0)
                elif len(tok.norm) > LONG_TOKEN:   # one long run: point at its strongest n-gram
                    i = max(ids, key=push.__getitem__)
                    g = grams[i].strip()
                    found_word = (g, float(push[i]), max(tok.norm.find(g), 0))
                else:
                    found_word = (tok.norm, float(push[list(ids)].sum()), -1)
                per_word[tok.norm] = found_word
            key, amount, at = found_word
            if amount <= 0 or key in best:
                continue
            span = (tok.start, tok.end) if at < 0 else (tok.start + at, tok.start + at + len(key))
            best[key] = (amount, k, *span)
        chosen = sorted(sorted(best.values(), key=lambda t: (-t[0], t[1]))[:top], key=lambda t: t[1])
        phrases: list[list[int]] = []   # [first token, last token, start, end]
        for _, k, start, end in chosen:
            if phrases and phrases[-1][1] == k - 1:
                phrases[-1][1], phrases[-1][3] = k, end
            else:
                phrases.append([k, k, start, end])
        found = Resemblance(prob, tuple((text[s:e], s, e) for _, _, s, e in phrases))
        self._last[0] = ((text, top), found)
        return found


def model_from_dict(data: Mapping[str, object], source: str = "model") -> Model:
    """A `Model` from its JSON form; ConfigError when a field is missing or inconsistent."""
    try:
        grams = [str(g) for g in data["ngrams"]]  # type: ignore[union-attr]
        idf = [float(x) for x in data["idf"]]  # type: ignore[union-attr]
        coef = [float(x) for x in data["coef"]]  # type: ignore[union-attr]
        intercept = float(data["intercept"])  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError) as e:
        raise ConfigError(f"{source}: not a resemblance model ({e!r})") from e
    if not (len(grams) == len(idf) == len(coef)) or len(set(grams)) != len(grams):
        raise ConfigError(f"{source}: ngrams, idf and coef differ in length or ngrams repeat")
    meta = data.get("meta") or {}
    return Model({g: i for i, g in enumerate(grams)}, idf, coef, intercept, dict(meta))  # type: ignore[arg-type]


def load_model(path: Path = MODEL_PATH) -> Model:
    """The model stored at `path`; ConfigError naming the file if it is missing or unreadable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise ConfigError(f"{path}: resemblance model file not found (scoring.yaml enables the signal); "
                          "train it with `python -m redflags.indicators.train_resemblance` or set "
                          "resemblance.enabled: false") from e
    except (OSError, ValueError) as e:
        raise ConfigError(f"{path}: cannot read the resemblance model: {e}") from e
    if not isinstance(data, Mapping):
        raise ConfigError(f"{path}: not a resemblance model (top level is not an object)")
    return model_from_dict(data, str(path))
