"""Ground truth: aligned with the ads, every planted identifier really is in the text, checksums
valid, and no identifier shared between two posters except the declared hubs."""
from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from importlib import resources

import base58
import phonenumbers as pn
from Crypto.Hash import keccak

from redflags.demo.templates import ESCORT_INDICATORS, JOB_INDICATORS

TRUTH_KEYS = {"id", "ad_type", "network", "deceptive", "indicators", "identifiers", "template", "images", "hub_identifiers"}
_WORDS = json.loads(resources.files("redflags.demo").joinpath("data/digits.json").read_text("utf-8"))
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _digit_stream(text: str, lang: str) -> str:
    """Undo the phone obfuscations a reader would see through, keep digits only."""
    t = unicodedata.normalize("NFKC", text).replace("\ufe0f", "").replace("\u20e3", "")
    words = {w: str(d) for d, w in enumerate(_WORDS.get(lang, []))}
    if lang == "en":
        words["oh"] = "0"
    for w in sorted(words, key=len, reverse=True):
        t = t.replace(w, words[w])
    t = t.replace("O", "0").replace("l", "1")
    return "".join(ch for ch in t if ch.isdigit())


def _email_view(text: str) -> str:
    t = unicodedata.normalize("NFKC", text)
    for at in (" at ", "[at]", "(at)", " @ "):
        t = t.replace(at, "@")
    for dot in (" dot ", "[dot]", "(dot)", " . "):
        t = t.replace(dot, ".")
    return t


def _bech32_ok(addr: str) -> bool:
    hrp, data = addr[:2], [_BECH32.index(c) for c in addr[3:]]
    chk = 1
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    for v in [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + data:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk == 1


def _wallet_ok(value: str, text: str) -> bool:
    chain, addr = value.split(":", 1)
    if chain == "eth":
        written = next(w for w in text.replace("\n", " ").split() if w.lower().strip(".,") == addr).strip(".,")
        digest = keccak.new(digest_bits=256, data=addr[2:].encode()).hexdigest()
        expect = "0x" + "".join(c.upper() if c.isalpha() and int(digest[i], 16) >= 8 else c for i, c in enumerate(addr[2:]))
        return written == expect
    if addr.startswith("bc1"):
        return addr in text and _bech32_ok(addr)
    raw = base58.b58decode_check(addr)  # raises on a bad checksum
    return addr in text and raw[0] == (0x41 if chain == "trx" else 0x00) and len(raw) == 21


def _phone_written(value: str, text: str, lang: str, obfuscated: bool) -> bool:
    num = pn.parse(value)
    if not obfuscated:
        forms = [value] + [pn.format_number(num, f) for f in (pn.PhoneNumberFormat.NATIONAL, pn.PhoneNumberFormat.INTERNATIONAL)]
        return any(f in text for f in forms)
    return str(num.national_number) in _digit_stream(text, lang)


def test_truth_lines_match_ads(corpus):
    for ad, t in corpus:
        assert TRUTH_KEYS <= set(t)
        assert t["id"] == ad["id"]
        assert t["ad_type"] in ("job", "escort")
        assert set(t["images"]) == {ref.split("_v")[0].removesuffix(".jpg") + ".jpg" for ref in ad["images"]}


def test_indicators_belong_to_the_ad_type_and_only_deceptive_ads_have_them(corpus):
    allowed = {"job": set(JOB_INDICATORS), "escort": set(ESCORT_INDICATORS)}
    for _, t in corpus:
        assert set(t["indicators"]) <= allowed[t["ad_type"]]
        assert bool(t["indicators"]) == t["deceptive"], t


def test_every_planted_identifier_is_in_the_text(corpus):
    kinds = defaultdict(int)
    for ad, t in corpus:
        text, lang = ad["text"], ad["language"]
        for ident in t["identifiers"]:
            kind, value, hidden = ident["kind"], ident["value"], ident["obfuscated"]
            kinds[kind, hidden] += 1
            if kind == "phone":
                assert pn.is_valid_number(pn.parse(value)), value
                assert _phone_written(value, text, lang, hidden), (value, text)
            elif kind == "email":
                assert value == value.lower()
                assert value in (_email_view(text) if hidden else text), (value, text)
            elif kind == "handle":
                platform, name = value.split(":", 1)
                assert platform in {"telegram", "instagram", "snapchat", "line", "wechat"} and name in text
            else:
                assert kind == "wallet" and _wallet_ok(value, text), (value, text)
    for needed in [("phone", False), ("phone", True), ("email", False), ("email", True), ("handle", False), ("wallet", False)]:
        assert kinds[needed] > 5, (needed, dict(kinds))


def test_no_identifier_shared_between_posters_except_hubs(corpus):
    owners: dict[str, set[str]] = defaultdict(set)
    hubs: set[str] = set()
    for ad, t in corpus:
        hubs.update(t["hub_identifiers"])
        for ident in t["identifiers"]:
            owners[ident["value"]].add(t["network"] or ad["id"])
    shared = {v for v, who in owners.items() if len(who) > 1}
    assert hubs and shared == hubs
    assert all(len(owners[h]) > 5 for h in hubs)


def test_templates_and_images_stay_inside_their_network(corpus):
    template_owner, image_owner = {}, {}
    for ad, t in corpus:
        owner = t["network"] or ad["id"]
        if t["template"]:
            assert t["network"] and template_owner.setdefault(t["template"], owner) == owner
        for key in t["images"]:
            assert image_owner.setdefault(key, owner) == owner


def test_networks_have_power_law_sizes_and_rotate_identifiers(corpus):
    sizes = defaultdict(int)
    for _, t in corpus:
        if t["network"]:
            sizes[t["network"]] += 1
    values = sorted(sizes.values())
    assert sum(v <= 5 for v in values) > len(values) / 2
    assert values[-1] >= 40
    modes = {t["mode"] for _, t in corpus}
    assert {"full", "text_only", "ident_only", "image_only", "independent"} <= modes
