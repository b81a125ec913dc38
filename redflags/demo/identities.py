"""Issue identifiers that can never collide between two posters: phones, e-mails, handles, wallets,
companies and image keys.

Every kind has its own counter and the written value is an injective function of that counter
(see `_spread`), so uniqueness holds by construction, not by luck. Counters advance in stream order,
which keeps the corpus prefix-stable.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from random import Random

from . import wallets
from .phones import Phone, plan
from .templates import pack


def _load(name: str) -> dict:
    return json.loads(resources.files(__package__).joinpath(f"data/{name}").read_text("utf-8"))


NAMES = _load("names.json")
COMPANIES = _load("companies.json")
PLACES = _load("places.json")


def _spread(counter: int, block: int = 100_000) -> int:
    """Injective map of a counter to a less regular number (affine permutation within blocks)."""
    return (counter // block) * block + (counter % block * 7919 + 4271) % block


@dataclass(frozen=True, slots=True)
class Company:
    name: str
    domain: str
    address: str


class Identities:
    """Per-run issuer of unique identifiers (one instance per generated corpus)."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._phones: dict[str, int] = defaultdict(int)
        self._mail = 0
        self._handle = 0
        self._company = 0
        self._wallet = 0
        self._image = 0

    def phone(self, region: str) -> Phone:
        n = self._phones[region]
        self._phones[region] = n + 1
        return plan(region).number(n)

    def personal_email(self, rng: Random) -> str:
        self._mail += 1
        local = rng.choice(NAMES["latin"]) + rng.choice((".", "_", "")) + rng.choice(NAMES["surnames"])
        return f"{local}{_spread(self._mail)}@{rng.choice(COMPANIES['free_mail'])}"

    def handle(self, rng: Random) -> str:
        """A lower-case messaging handle; the trailing number is unique per handle."""
        self._handle += 1
        return f"{rng.choice(NAMES['latin'])}_{rng.choice(NAMES['handle_tails'])}{_spread(self._handle)}"

    def company(self, lang: str, region: str, city: str, rng: Random) -> Company:
        """A distinct employer: the (stem_a, stem_b, round) triple is decoded from the counter."""
        c = _spread(self._company, 1200)
        self._company += 1
        stems_a, stems_b = COMPANIES["stem_a"], COMPANIES["stem_b"]
        a, b, q = c % len(stems_a), (c // len(stems_a)) % len(stems_b), c // (len(stems_a) * len(stems_b))
        s = rng.randrange(len(COMPANIES["sector_slug"]))
        stem = stems_a[a] + stems_b[b] + (f" {q + 1}" if q else "")
        legal = COMPANIES["legal"].get(region, "Ltd")
        sector = COMPANIES["sector"][lang][s]
        name = f"{legal} {stem} {sector}" if region in COMPANIES["legal_first"] else f"{stem} {sector} {legal}"
        tld = PLACES[region]["tld"]
        domain = f"{stems_a[a].lower()}{stems_b[b]}{q or ''}-{COMPANIES['sector_slug'][s]}.{tld}"
        street = rng.choice(pack("job", lang)["lists"]["street"])
        return Company(name, domain, f"{rng.randint(2, 240)} {street}, {city.split(',')[0]}")

    def wallet(self, chain: str) -> tuple[str, str]:
        self._wallet += 1
        return wallets.address(chain, f"{self.seed}:wallet:{self._wallet}")

    def image(self) -> str:
        self._image += 1
        return "img/" + hashlib.sha256(f"{self.seed}:image:{self._image}".encode()).hexdigest()[:16] + ".jpg"

