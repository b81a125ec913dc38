"""Write an ad's contact line from the identifiers it shows, and record what was planted.

Phones are printed in national format only when the ad's location is in the phone's country (so an
extractor using the record's region can read them), otherwise internationally or as E.164. A share
of phones and e-mails is obfuscated; the truth always holds the normalised value.
"""
from __future__ import annotations

from random import Random

from . import obfuscate
from .phones import Phone

SEPARATORS = (" · ", " | ", "\n", ", ", " / ")


def _phone(rng: Random, labels: dict, lang: str, region: str, phone: Phone, messaging: bool, obf: float):
    if phone.region == region and rng.random() < 0.6:
        written = phone.national
    else:
        written = phone.international if rng.random() < 0.7 else phone.e164
    hidden = rng.random() < obf
    if hidden:
        written = obfuscate.phone(written, lang, rng)
    label = "whatsapp" if messaging or rng.random() < 0.4 else "phone"
    text = rng.choice(labels[label]).format(v=written)
    return text, {"kind": "phone", "value": phone.e164, "obfuscated": hidden}


def _email(rng: Random, labels: dict, address: str, obf: float):
    hidden = rng.random() < obf
    written = obfuscate.email(address, rng) if hidden else address
    return rng.choice(labels["email"]).format(v=written), {"kind": "email", "value": address, "obfuscated": hidden}


def render(rng: Random, labels: dict, lang: str, region: str, shown: list, *, messaging=False, obf=0.1):
    """(contact text, truth identifiers) for `shown`: [(kind, value)] with kind phone/email/handle/wallet."""
    pieces, truth = [], []
    for kind, value in shown:
        if kind == "phone":
            text, t = _phone(rng, labels, lang, region, value, messaging, obf)
        elif kind == "email":
            text, t = _email(rng, labels, value, obf)
        elif kind == "handle":
            platform, name = value
            text = rng.choice(labels[platform]).format(v=name)
            t = {"kind": "handle", "value": f"{platform}:{name}", "obfuscated": False}
        else:  # wallet: (written, normalised)
            text = rng.choice(labels["wallet"]).format(v=value[0])
            t = {"kind": "wallet", "value": value[1], "obfuscated": False}
        pieces.append(text)
        truth.append(t)
    if not pieces:
        return rng.choice(labels["none"]), truth
    return rng.choice(SEPARATORS).join(pieces), truth
