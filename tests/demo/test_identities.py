"""Identifier issuers: valid and distinct phones, known-answer wallet encodings, recoverable obfuscation."""
from __future__ import annotations

import random
import unicodedata

import phonenumbers as pn
import pytest

from redflags.demo import obfuscate
from redflags.demo.identities import Identities
from redflags.demo.phones import plan
from redflags.demo.wallets import address, bech32_segwit, eip55

REGIONS = ["US", "GB", "PH", "ID", "TH", "RO", "MD", "UA", "RU", "ES", "FR", "BR", "MX", "AE", "NG", "QA"]


@pytest.mark.parametrize("region", REGIONS)
def test_phone_plan_numbers_are_valid_distinct_and_formatted_like_phonenumbers(region):
    p = plan(region)
    rnd = random.Random(region)
    picks = [0, 1, 2, p.capacity - 1] + [rnd.randrange(p.capacity) for _ in range(40)]
    seen = set()
    for n in picks:
        phone = p.number(n)
        num = pn.parse(phone.e164)
        assert pn.is_valid_number(num) and pn.region_code_for_number(num) == region
        assert phone.national == pn.format_number(num, pn.PhoneNumberFormat.NATIONAL)
        assert phone.international == pn.format_number(num, pn.PhoneNumberFormat.INTERNATIONAL)
        seen.add(phone.e164)
    assert len(seen) == len(set(picks))
    with pytest.raises(ValueError):
        p.number(p.capacity)


def test_consecutive_phone_numbers_never_collide():
    p = plan("PH")
    numbers = {p.number(n).e164 for n in range(30_000)}
    assert len(numbers) == 30_000


def test_issued_emails_handles_companies_are_unique():
    ids, rng = Identities(1), random.Random(1)
    assert len({ids.personal_email(rng) for _ in range(5000)}) == 5000
    assert len({ids.handle(rng) for _ in range(5000)}) == 5000
    assert len({ids.company("en", "US", "Houston, TX, USA", rng).domain for _ in range(5000)}) == 5000


def test_wallet_known_answers():
    assert eip55("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed") == "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
    program = bytes.fromhex("751e76e8199196d454941c45d1b3a323f1433bd6")
    assert bech32_segwit("bc", 0, program) == "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
    written, value = address("btc", "seed")
    assert written.startswith("1") and value == "btc:" + written
    written, value = address("trx", "seed")
    assert written.startswith("T") and value == "trx:" + written
    written, value = address("eth", "seed")
    assert value == "eth:" + written.lower() and written != written.lower()


def _digits(text: str, lang: str) -> str:
    t = unicodedata.normalize("NFKC", text).replace("\ufe0f", "").replace("\u20e3", "")
    for d, w in sorted(enumerate(obfuscate._DIGIT_WORDS.get(lang, [])), key=lambda x: -len(x[1])):
        t = t.replace(w, str(d))
    t = t.replace("oh", "0").replace("O", "0").replace("l", "1")
    return "".join(ch for ch in t if ch.isdigit())


@pytest.mark.parametrize("style", obfuscate.PHONE_STYLES)
@pytest.mark.parametrize("lang", ["en", "es", "fr", "pt"])
def test_phone_obfuscation_keeps_the_digits(style, lang):
    rng = random.Random(3)
    for written in ("+1 201-555-0123", "0905 123 4567", "(11) 96123-4567"):
        hidden = obfuscate.phone(written, lang, rng, style)
        assert hidden != written
        assert _digits(hidden, lang) == "".join(ch for ch in written if ch.isdigit())


@pytest.mark.parametrize("style", obfuscate.EMAIL_STYLES)
def test_email_obfuscation_hides_the_at_sign(style):
    hidden = obfuscate.email("ana.lopez123@gmail.com", random.Random(0), style)
    assert "@gmail.com" not in hidden and "ana.lopez123" in hidden


def test_saved_phone_plans_are_current():
    from redflags.demo.identities import PLACES
    from redflags.demo.phones import _saved_plans, build_plan, plan

    saved = _saved_plans()
    assert set(saved) == set(PLACES)
    for region in PLACES:
        assert plan(region) == build_plan(region), region
