"""The statistical resemblance signal: features for every script, explanations drawn from the ad itself,
a sane ordering, a reproducible shipped model, and the signal as one extra term that never replaces a rule."""
import dataclasses
import json
import shutil

import numpy as np
import pytest
import yaml

from redflags.errors import ConfigError
from redflags.indicators import check
from redflags.indicators.pack import PACK_DIR, default_pack, load_pack
from redflags.indicators.resemblance import (MODEL_PATH, load_model, model_from_dict, ngram_counts, token_ngrams,
                                             tokens)
from redflags.indicators.score import resemblance_signal
from redflags.indicators.train_resemblance import (DATA, data_sha256, load_dev, model_dict, predict,
                                                   tfidf_matrix, train)

DECEPTIVE = ("URGENT hiring for Dubai, no experience needed, salary 3500 USD per month. Registration fee "
             "and processing fee paid before departure. Send your passport copy. Tourist visa, contract "
             "given on arrival. Contact WhatsApp only +971 50 123 4567.")
PLAIN = ("Northfield Library is hiring a part-time library assistant. Duties: shelving, helping visitors at "
         "the desk, weekend opening. Pay per the municipal salary scale. Apply through the careers page of "
         "the city website with your CV; interviews take place at the library.")


@pytest.fixture(scope="module")
def model():
    return load_model()


def test_features_work_for_thai_and_cyrillic():
    thai = "รับสมัครพนักงานด่วน ไม่ต้องมีประสบการณ์"
    toks = tokens(thai)
    assert [t.norm for t in toks] == ["รับสมัครพนักงานด่วน", "ไม่ต้องมีประสบการณ์"]   # runs without spaces
    grams = ngram_counts(thai)
    assert " รับ" in grams and "ด่วน " in grams and all(len(g) <= 5 for g in grams)
    cyr = tokens("Работа в Польше, ЗП 1500€ — оплата за визу")
    assert [t.norm for t in cyr][:3] == ["работа", "в", "польше"]
    assert "зп" in [t.norm for t in cyr] and "0000€" in [t.norm for t in cyr]   # lower-cased, digits -> 0
    assert list(token_ngrams("ab")) == [" a", "ab", "b ", " ab", "ab ", " ab "]


def test_spans_of_tokens_point_into_the_original_text():
    text = "Frais d'inscription: 150 €. Écrivez sur Télégram!"
    for t in tokens(text):
        assert text[t.start:t.end].lower().replace("é", "e") == t.norm.replace("000", "150")


def test_explanation_names_words_of_this_ad(model):
    found = model.explain(DECEPTIVE)
    assert found.phrases, "a deceptive-sounding ad should have words that raised it"
    for words, start, end in found.phrases:
        assert words and DECEPTIVE[start:end] == words
    assert found.probability == pytest.approx(model.probability(DECEPTIVE))
    thai = "ทำงานต่างประเทศ ไม่ต้องมีประสบการณ์ เสียค่าสมัคร 5000 บาท ติดต่อทางไลน์เท่านั้น"
    phrases = model.explain(thai).phrases
    assert phrases
    for words, start, end in phrases:
        assert thai[start:end] == words and words.strip()


def test_strong_deceptive_phrases_score_higher_than_a_plain_legitimate_ad(model):
    p_bad, p_plain = model.probability(DECEPTIVE), model.probability(PLAIN)
    assert p_bad > p_plain
    # the same holds per language for phrases the rules also treat as strong signs
    assert model.probability("Biaya pendaftaran dan biaya medical dibayar dulu, paspor ditahan agen, "
                             "tanpa pengalaman, gaji besar") > \
        model.probability("Perusahaan membuka lowongan staf administrasi. Lamaran melalui situs resmi perusahaan, "
                          "wawancara di kantor kami.")


def test_missing_model_is_a_clear_error_when_enabled_and_ignored_when_disabled(tmp_path):
    d = tmp_path / "packs"
    shutil.copytree(PACK_DIR, d)
    path = d / "scoring.yaml"
    data = yaml.safe_load(path.read_text())
    data["resemblance"] = {"enabled": True, "threshold": 0.5, "weight": 0.2, "model": "no-such-model.json"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(ConfigError, match="no-such-model.json.*not found"):
        load_pack(d)
    data["resemblance"]["enabled"] = False
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    pack = load_pack(d)
    assert pack.resemblance is None
    assert not any(c.source == "model:resemblance" for c in check(DECEPTIVE, pack=pack).score.contributions)
    (d / "broken.json").write_text('{"ngrams": ["a"], "idf": [1.0]}')
    data["resemblance"].update(enabled=True, model="broken.json")
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(ConfigError, match="not a resemblance model"):
        load_pack(d)


def test_pack_version_tracks_the_enabled_model(tmp_path):
    d = tmp_path / "packs"
    shutil.copytree(PACK_DIR, d)
    data = yaml.safe_load((d / "scoring.yaml").read_text())
    model = json.loads(MODEL_PATH.read_text())
    data["resemblance"].update(enabled=True, model="m.json")
    (d / "scoring.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    (d / "m.json").write_text(json.dumps(model))
    before = load_pack(d).version
    model["intercept"] += 0.5
    (d / "m.json").write_text(json.dumps(model))
    assert load_pack(d).version != before


def test_signal_adds_one_term_and_keeps_every_rule_hit(model):
    pack = default_pack()
    on = dataclasses.replace(pack, resemblance=model, scoring={**pack.scoring, "resemblance": {
        "enabled": True, "threshold": 0.0, "weight": 0.2}})
    off = dataclasses.replace(pack, resemblance=None)
    with_signal, without = check(DECEPTIVE, pack=on), check(DECEPTIVE, pack=off)
    rule_terms = [c for c in without.score.contributions]
    terms = [c for c in with_signal.score.contributions if c.source == "model:resemblance"]
    assert len(terms) == 1
    assert {c.source for c in rule_terms} <= {c.source for c in with_signal.score.contributions}
    assert len(with_signal.score.contributions) == len(rule_terms) + 1
    assert with_signal.score.value == pytest.approx(1 - (1 - without.score.value) * (1 - 0.2))
    reason = terms[0].reason
    assert reason.startswith("resembles deceptive job ads in the shipped examples (p=")
    for words, _, _ in model.explain(DECEPTIVE).phrases:
        assert f'"{words}"' in reason
    rule_hits = {(h.indicator, h.start) for h in without.hits}
    assert rule_hits <= {(h.indicator, h.start) for h in with_signal.hits}
    model_hits = [h for h in with_signal.hits if h.source == "model"]
    assert model_hits and all(h.indicator == "resembles_scam_ads" for h in model_hits)
    assert with_signal.to_dict()["hits"][-1]["source"] == "model"
    # only job ads get the term (the model knows no other kind); a threshold above P gives none either
    assert len(resemblance_signal(DECEPTIVE, "job", on)) == 1
    assert resemblance_signal(DECEPTIVE, "escort", on) == []
    assert resemblance_signal(DECEPTIVE, "other", on) == []
    high = dataclasses.replace(on, scoring={**pack.scoring, "resemblance": {"enabled": True, "threshold": 1.0,
                                                                             "weight": 0.2}})
    assert resemblance_signal(PLAIN, "job", high) == []


def test_scoring_yaml_uses_the_settings_chosen_by_dev_cv(model):
    chosen = model.meta["chosen_by_dev_cv"]
    cfg = default_pack().scoring["resemblance"]
    assert cfg["enabled"] == chosen["enabled"]
    if chosen["enabled"]:
        assert (cfg["threshold"], cfg["weight"]) == (chosen["threshold"], chosen["weight"])
        assert default_pack().resemblance is not None


def test_shipped_model_is_reproducible_from_the_shipped_dev_data(model):
    """Retrain with the recorded settings on the dev rows: same data hash, vocabulary and weights."""
    rows = load_dev(DATA)
    assert all(r["text"] for r in rows) and len(rows) == model.meta["training_data"]["n"]
    assert data_sha256(rows) == model.meta["training_data"]["sha256"]
    chosen = model.meta["chosen_by_dev_cv"]
    counts = [ngram_counts(r["text"]) for r in rows]
    fresh = model_dict(rows, counts, chosen["C"], chosen["min_df"], chosen, model.meta["dev_cv"])
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert fresh["ngrams"] == shipped["ngrams"] and fresh["meta"] == shipped["meta"]
    assert np.allclose(fresh["idf"], shipped["idf"], rtol=0, atol=1e-9)
    assert np.allclose(fresh["coef"], shipped["coef"], rtol=0, atol=1e-6)
    assert fresh["intercept"] == pytest.approx(shipped["intercept"], abs=1e-6)
    # the plain-Python inference agrees with the NumPy training code on dev ads
    y = np.array([r["y"] for r in rows], dtype=float)
    grams, idf, w, b = train(counts[:200], y[:200], chosen["C"], chosen["min_df"])
    p = predict(tfidf_matrix(counts[200:230], grams, idf), w, b)
    small = model_from_dict({"ngrams": grams, "idf": list(idf), "coef": list(w), "intercept": b})
    assert np.allclose(p, [small.probability(r["text"]) for r in rows[200:230]], atol=1e-9)
    # the fit is a real fit: training ads are mostly on the right side of 0.5
    train_p = predict(tfidf_matrix(counts[:200], grams, idf), w, b)
    assert ((train_p >= 0.5) == (y[:200] == 1)).mean() > 0.9
